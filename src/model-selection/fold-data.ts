/**
 * Cutting the data of a fold: the rows of X (in the memory X lives in), the labels, the
 * per-sample weights; and the one check of X made before any fold is cut, so that an
 * error names a row of X, not a row of a fold.
 * @module
 */
import { type FeatureMatrix, release, stageAs, stagedDenseValues } from '../core/stage.js';
import { takeLabels } from '../datasets/train-test-split.js';
import type { Dtype } from '../matrix.js';
import { Matrix, checkNotDisposed } from '../matrix.js';
import { CsrMatrix, checkCsrNotDisposed } from '../sparse/csr-matrix.js';

/** A fold's rows of X; `dispose()` frees what was allocated for them. */
export interface FoldRows {
  readonly X: FeatureMatrix;
  dispose(): void;
}

/**
 * Checks X as a fit with `dtype` would (shape, finite values, a live matrix) and returns
 * its shape. Costs one copy for X outside WebAssembly memory.
 * @throws as `LogisticRegression.fit` does for a bad X.
 */
export function checkSamples(X: FeatureMatrix, dtype: Dtype): { rows: number; cols: number } {
  const staged = stageAs(dtype, X, 'X');
  release(staged);
  return { rows: staged.rows, cols: staged.cols };
}

/** X held for a search that cuts many folds from it (see {@link coreSource}). */
export interface CoreSource {
  readonly X: Matrix<Dtype> | CsrMatrix<Dtype>;
  readonly rows: number;
  readonly cols: number;
  /** Frees the copy, if one was made. */
  dispose(): void;
}

/**
 * X checked once, as a fit with `dtype` checks it, and held in the core's memory, so that
 * every fold's rows are cut there and staged in place: a CsrMatrix, or a Matrix already
 * there with `dtype`, as it is; any other X copied once into a Matrix of `dtype` (instead
 * of once per fold and once more for the refit).
 * @throws as `LogisticRegression.fit` does for a bad X.
 */
export function coreSource(X: FeatureMatrix, dtype: Dtype): CoreSource {
  if (X instanceof CsrMatrix || (X instanceof Matrix && X.inWasmMemory && X.dtype === dtype)) {
    const { rows, cols } = checkSamples(X, dtype);
    return { X, rows, cols, dispose: () => {} };
  }
  const staged = stageAs(dtype, X, 'X');
  try {
    const copy = Matrix.alloc(staged.rows, staged.cols, { dtype });
    copy.data.set(stagedDenseValues(staged)); // both views read after the allocation
    return { X: copy, rows: staged.rows, cols: staged.cols, dispose: () => copy.dispose() };
  } finally {
    release(staged);
  }
}

/** The rows `index` of a checked X: a Matrix or CsrMatrix by `takeRows`, rows of numbers by reference. */
export function takeFeatureRows(X: FeatureMatrix, index: Int32Array): FoldRows {
  // X may have been disposed since it was checked (from a callback): say so of X.
  if (X instanceof Matrix) checkNotDisposed(X, 'X');
  if (X instanceof CsrMatrix) checkCsrNotDisposed(X, 'X');
  if (X instanceof Matrix || X instanceof CsrMatrix) {
    const taken: Matrix<Dtype> | CsrMatrix<Dtype> = X.takeRows(index);
    return { X: taken, dispose: () => taken.dispose() };
  }
  const rows = X as ArrayLike<ArrayLike<number>>;
  return { X: Array.from(index, (i) => rows[i] as ArrayLike<number>), dispose: () => {} };
}

/** The entries `index` of per-sample values (labels, weights, groups), or null for null. */
export function takeSamples<T extends ArrayLike<unknown> | null>(values: T, index: Int32Array): T extends null ? null : ArrayLike<unknown> {
  return (values === null ? null : takeLabels(values as ArrayLike<unknown>, index)) as T extends null ? null : ArrayLike<unknown>;
}

/** Runs one fold's work; an error thrown there says which fold, keeping its class. */
export function inFold(where: string, k: number, count: number, work: () => void): void {
  try {
    work();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const Kind = error.constructor as new (message: string, options?: { cause?: unknown }) => Error;
    const wrapped = new Kind(`${where}: fold ${k} of ${count}: ${error.message}`, { cause: error });
    throw wrapped.message === `${where}: fold ${k} of ${count}: ${error.message}` ? wrapped : error;
  }
}
