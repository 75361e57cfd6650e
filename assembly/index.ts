// Entry point of the WebAssembly core. Kernels take byte offsets and lengths; all input
// checking happens in TypeScript before they are called.

export { decisionFunction, sigmoidInPlace, softmaxRows, twoLaneInPlace } from './kernels/linear';
export { firstNonFinite, firstNonFinite32 } from './kernels/finite';
export { chunkCount, jobChunkCount, partialsLength, runChunks, setThreads } from './objective/chunks';
export { configureProblem, hessianProduct, smoothObjective } from './objective/problem';
export { gradientDescent } from './solvers/gradient-descent';
export { lbfgs } from './solvers/lbfgs';
export { newtonCg } from './solvers/newton-cg';
export { sgdEpoch } from './solvers/sgd';
export { setReporting, solverGradientMax, solverObjective, solverStatus } from './solvers/progress';

/** Allocates `bytes` bytes, 16-byte aligned, from the runtime's allocator (above the static data). */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** Returns a block from {@link alloc}. */
export function free(ptr: usize): void {
  heap.free(ptr);
}
