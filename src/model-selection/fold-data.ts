/**
 * Cutting the data of a fold: the rows of X (in the memory X lives in), the labels, the
 * per-sample weights; and the one check of X made before any fold is cut, so that an
 * error names a row of X, not a row of a fold.
 * @module
 */
import { type FeatureMatrix, release, stageMatrix, stageMatrix32 } from '../core/stage.js';
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
  const staged = dtype === 'float32' ? stageMatrix32(X, 'X') : stageMatrix(X, 'X');
  release(staged);
  return { rows: staged.rows, cols: staged.cols };
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
