/**
 * The prediction passes in the default core, over fitted parameters kept in its memory:
 * x·w + b for every row of a staged X, then the model's link (sigmoid, softmax).
 *
 * Fitted parameters stay in the core because predict uses them most: each call hands the
 * core their address and only the scores come back.
 * @module
 */
import { adoptBlock, copyIn, core, free, allocF64, viewF64 } from './runtime.js';
import type { StagedMatrix } from './stage.js';

/**
 * blocks × (cols + 1) parameters (per block the weights, then the intercept) in the
 * default core's memory. The block belongs to this object: it is freed by
 * {@link releaseParameters}, or once the object is unreachable (see `Core.adopt`).
 */
export interface StoredParameters {
  readonly ptr: number;
  readonly length: number;
}

/** Copies `values` into the core's memory, owned by the returned object. */
export function storeParameters(values: Float64Array): StoredParameters {
  const stored: StoredParameters = { ptr: copyIn(values), length: values.length };
  adoptBlock(stored, stored.ptr, values.length * 8);
  return stored;
}

/** Frees the block; `stored` must not be read again. */
export function releaseParameters(stored: StoredParameters): void {
  free(stored.ptr);
}

/** A view of the parameters, valid until the next allocation in the core. */
export function parameterView(stored: StoredParameters): Float64Array {
  return viewF64(stored.ptr, stored.length);
}

/**
 * What follows x·w + b: nothing, the sigmoid of each value, the softmax of each row, or the
 * softmax of each row's pair (−d, d) for a one-block model (a two-class softmax stored as one row).
 */
export type Link = 'none' | 'sigmoid' | 'softmax' | 'softmaxOfPairs';

/**
 * For every row of X: x·W_kᵀ + b_k per block, through `link`; rows × blocks values
 * (rows × 2 for 'softmaxOfPairs'), row-major, in JS memory. X must have `cols` columns
 * with blocks × (cols + 1) = stored.length.
 */
export function linearScores(X: StagedMatrix, stored: StoredParameters, blocks: number, link: Link): Float64Array {
  const width = link === 'softmaxOfPairs' ? 2 : blocks;
  const length = X.rows * width;
  const outPtr = allocF64(length);
  try {
    if (X.sparse === null) core.decisionFunction(X.ptr, X.rows, X.cols, blocks, stored.ptr, outPtr);
    else core.sparseDecisionFunction(X.sparse.indptr, X.sparse.indices, X.ptr, X.dtype === 'float32' ? 1 : 0, X.rows, X.cols, blocks, stored.ptr, outPtr);
    if (link === 'softmaxOfPairs') {
      // Spread d into (−d, d) in place, from the last row, so each d is read before its
      // slot is overwritten.
      const out = viewF64(outPtr, length);
      for (let i = X.rows - 1; i >= 0; i--) {
        const d = out[i] as number;
        out[2 * i + 1] = d;
        out[2 * i] = -d;
      }
    }
    if (link === 'softmax' || link === 'softmaxOfPairs') core.softmaxRows(outPtr, X.rows, width);
    else if (link === 'sigmoid') core.sigmoidInPlace(outPtr, length);
    return viewF64(outPtr, length).slice();
  } finally {
    free(outPtr);
  }
}
