// Entry point of the WebAssembly core. Kernels take byte offsets and lengths; all input
// checking happens in TypeScript before they are called.

export { decisionFunction, sigmoidInPlace, sparseDecisionFunction, softmaxRows, twoLaneInPlace } from './kernels/linear';
export { firstNonFinite, firstNonFinite32 } from './kernels/finite';
// The problem record's layout (src/core/problem.ts writes the inputs at these offsets).
export {
  PROBLEM_BLOCKS,
  PROBLEM_COLS,
  PROBLEM_FIT_INTERCEPT,
  PROBLEM_INDICES,
  PROBLEM_INDPTR,
  PROBLEM_INPUTS_END,
  PROBLEM_L1,
  PROBLEM_L2,
  PROBLEM_LAYOUT,
  PROBLEM_REALS,
  PROBLEM_ROWS,
  PROBLEM_WEIGHTS,
  PROBLEM_WEIGHT_SUM,
  PROBLEM_WORK,
  PROBLEM_X,
  PROBLEM_Y,
  problemAddress,
} from './objective/record';
export { LAYOUT_CSR_F32, LAYOUT_CSR_F64, LAYOUT_DENSE_F32, LAYOUT_DENSE_F64 } from './objective/layout';
export { SOLVER_GD, SOLVER_LBFGS, SOLVER_NEWTON_CD, SOLVER_NEWTON_CG, SOLVER_SGD, prepareProblem, workLength } from './solvers/workspace';
export { PASS_GRADIENT, PASS_HESSIAN, passChunkCount, passCount, resetPassCounts, runChunks, setThreads } from './objective/chunks';
export { groupSums, informationPass, informationWorkLength, rowQuadraticForms } from './objective/information';
export { hessianProduct, smoothObjective } from './objective/problem';
export { gradientDescent } from './solvers/gradient-descent';
export { hostLbfgsGradient, hostLbfgsResume, hostLbfgsStart, lbfgs } from './solvers/lbfgs';
export { hostIterations } from './solvers/descent';
export { HOST_GRADIENT, HOST_HESSIAN, hostNewtonBuffer, hostNewtonPoint, hostNewtonRequest, hostNewtonResume, hostNewtonStart, newtonCg } from './solvers/newton-cg';
export { newtonCd } from './solvers/newton-cd';
export { sgdEpoch } from './solvers/sgd';
export {
  STATUS_CONVERGED,
  STATUS_LINE_SEARCH_FAILED,
  STATUS_MAX_ITER,
  STATUS_STOPPED,
  setReporting,
  solverGradNorm,
  solverObjective,
  solverStatus,
} from './solvers/progress';

// Blocks from 256 MiB up bypass the runtime's allocator (TLSF), whose blocks stop at
// 1 GiB: they are fresh pages from memory.grow, kept in a small table for reuse. The table
// lives in a heap block, not in static data, which worker instances rewrite when they
// start.
const LARGE_BYTES: usize = 1 << 28;
const LARGE_SLOTS = 64;
let LARGE_TABLE: usize = 0; // LARGE_SLOTS × [start, pages, inUse] as u32

/** Allocates `bytes` bytes, 16-byte aligned, above the static data; 0 when memory cannot grow. */
export function alloc(bytes: usize): usize {
  if (bytes < LARGE_BYTES) return heap.alloc(bytes);
  if (LARGE_TABLE == 0) {
    LARGE_TABLE = heap.alloc(LARGE_SLOTS * 12);
    memory.fill(LARGE_TABLE, 0, LARGE_SLOTS * 12);
  }
  const pages = <u32>((bytes + 0xffff) >> 16);
  let empty = -1;
  for (let i = 0; i < LARGE_SLOTS; i++) {
    const slot = LARGE_TABLE + <usize>i * 12;
    const slotPages = load<u32>(slot, 4);
    if (slotPages == 0) {
      if (empty < 0) empty = i;
    } else if (load<u32>(slot, 8) == 0 && slotPages >= pages) {
      store<u32>(slot, 1, 8);
      return <usize>load<u32>(slot) << 16;
    }
  }
  if (empty < 0) return 0;
  const before = memory.grow(<i32>pages);
  if (before < 0) return 0;
  const slot = LARGE_TABLE + <usize>empty * 12;
  store<u32>(slot, <u32>before);
  store<u32>(slot, pages, 4);
  store<u32>(slot, 1, 8);
  return <usize>before << 16;
}

/** Returns a block from {@link alloc}. */
export function free(ptr: usize): void {
  if (LARGE_TABLE != 0 && (ptr & 0xffff) == 0) {
    for (let i = 0; i < LARGE_SLOTS; i++) {
      const slot = LARGE_TABLE + <usize>i * 12;
      if (load<u32>(slot, 4) != 0 && <usize>load<u32>(slot) << 16 == ptr) {
        store<u32>(slot, 0, 8);
        return;
      }
    }
  }
  heap.free(ptr);
}
