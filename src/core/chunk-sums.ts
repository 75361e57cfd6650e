/**
 * The data term's sums over one chunk of rows, by the core's own passes: Σᵢ sᵢℓᵢ and
 * Σᵢ sᵢ∇ℓᵢ at θ, and for Newton-CG Σᵢ sᵢ∇²ℓᵢ·v. The problem record is set up with S = 1 and
 * no penalty, so `smoothObjective` and `hessianProduct` return the sums themselves (their
 * division by S is by 1, their penalty terms +0); the host adds the chunks' sums in chunk
 * order, so a pass over the same chunks gives the same bits for any thread count
 * (src/stream/fit-chunks.ts).
 * @module
 */
import { exported, problemRecord } from './problem.js';
import { defaultCore } from './runtime.js';
import { withProblemRecord } from './solve.js';
import type { StagedMatrix } from './stage.js';
import { ensureThreads } from './threads.js';

/** One chunk in the core's memory and what its rows weigh. */
export interface ChunkProblem {
  readonly X: StagedMatrix;
  /** 0/1 when blocks = 1, else class indices. */
  readonly target: Float64Array;
  /** sᵢ per row, or null for ones. */
  readonly weights: Float64Array | null;
  readonly blocks: number;
  readonly fitIntercept: boolean;
  /** Threads of the passes. */
  readonly threads: number;
}

/**
 * Adds the chunk's Σᵢ sᵢ∇ℓᵢ at θ to `out` and returns its Σᵢ sᵢℓᵢ; given `v`, adds
 * Σᵢ sᵢ∇²ℓᵢ(θ)·v to `out` instead (and returns 0).
 * @throws Error while another fit holds the core's problem record (from its callback).
 */
export function chunkSums(chunk: ChunkProblem, theta: Float64Array, out: Float64Array, v: Float64Array | null = null): number {
  return withProblemRecord('fitChunks: a fit is already running (called from an onIteration callback of another fit)', () => {
    const core = defaultCore.exports;
    const owned: number[] = [];
    const take = (ptr: number): number => {
      owned.push(ptr);
      return ptr;
    };
    try {
      const { X } = chunk;
      const count = theta.length;
      core.setThreads(ensureThreads(chunk.threads, () => {}));
      const solver = exported(core, v === null ? 'SOLVER_LBFGS' : 'SOLVER_NEWTON_CG');
      problemRecord(defaultCore).write({
        x: X.ptr,
        dtype: X.dtype,
        sparse: X.sparse,
        y: take(defaultCore.copyIn(chunk.target)),
        weights: chunk.weights === null ? 0 : take(defaultCore.copyIn(chunk.weights)),
        rows: X.rows,
        cols: X.cols,
        blocks: chunk.blocks,
        fitIntercept: chunk.fitIntercept,
        weightSum: 1,
        l2: 0,
        l1: 0,
      });
      problemRecord(defaultCore).setWork(take(defaultCore.allocF64(core.workLength(solver))));
      core.prepareProblem(solver);
      const thetaPtr = take(defaultCore.copyIn(theta));
      const sumsPtr = take(defaultCore.allocF64(count));
      // The gradient pass; for a Hessian product it keeps the curvature at θ instead of the loss.
      let lossSum = core.smoothObjective(thetaPtr, sumsPtr, v === null, v !== null);
      if (v !== null) {
        core.hessianProduct(take(defaultCore.copyIn(v)), sumsPtr);
        lossSum = 0;
      }
      const sums = defaultCore.viewF64(sumsPtr, count);
      for (let j = 0; j < count; j++) out[j]! += sums[j] as number;
      return lossSum;
    } finally {
      core.setThreads(1);
      for (const ptr of owned) defaultCore.free(ptr);
    }
  });
}
