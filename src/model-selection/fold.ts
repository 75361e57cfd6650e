/**
 * What every k-fold splitter shares: the {@link Fold} it returns, the reading of
 * `split(X, y, groups)`'s arguments into a sample count, and the turning of a fold
 * number per sample into train and test index arrays.
 * @module
 */
import { Matrix } from '../matrix.js';
import { CsrMatrix } from '../sparse/csr-matrix.js';
import { isArrayLike } from '../validate/array-like.js';
import { describeKind } from '../validate/describe.js';

/**
 * One train/test split: sample indices, no sample in both. From the k-fold splitters
 * each array is ascending and together they hold every sample once; from the shuffle
 * splitters they are in scikit-learn's drawn order and may leave samples out.
 */
export interface Fold {
  /** Indices of the samples to fit on. */
  trainIndex: Int32Array;
  /** Indices of the held-out samples. */
  testIndex: Int32Array;
}

/**
 * What `split` reads the number of samples from: a {@link Matrix} or {@link CsrMatrix}
 * (its rows), an array of rows or any array with one entry per sample (its length), or
 * the number of samples itself. Only the count is used, as in scikit-learn.
 */
export type SplitSamples = Matrix | CsrMatrix | ArrayLike<unknown> | number;

/**
 * The number of samples `X` stands for.
 * @throws TypeError when X is none of {@link SplitSamples}; RangeError for a count that
 *   is not an integer in [0, 2147483647].
 */
export function countSamples(where: string, X: unknown): number {
  if (X instanceof Matrix || X instanceof CsrMatrix) return X.rows;
  if (typeof X === 'number') {
    if (!Number.isInteger(X) || X < 0 || X > 0x7fffffff) {
      throw new RangeError(`${where}: X as a number of samples must be an integer from 0 to 2147483647, got ${String(X)}`);
    }
    return X;
  }
  if (isArrayLike(X)) return X.length;
  throw new TypeError(
    `${where}: X must be a Matrix, a CsrMatrix, an array with one entry per sample or the number of samples, got ${describeKind(X)}`,
  );
}

/**
 * Checks that an optional per-sample argument (`y`, `groups`) has one entry per sample,
 * as scikit-learn's `indexable` does before any splitter reads it.
 * @throws TypeError when it is neither null/undefined nor an array; RangeError when its
 *   length is not `nSamples`.
 */
export function checkPerSample(where: string, name: string, value: unknown, nSamples: number): void {
  if (value === null || value === undefined) return;
  if (!isArrayLike(value)) throw new TypeError(`${where}: ${name} must be an array with one entry per sample, got ${describeKind(value)}`);
  if (value.length !== nSamples) {
    throw new RangeError(`${where}: ${name} has ${value.length} entries but X has ${nSamples} samples`);
  }
}

/**
 * The folds for a test-fold number per sample: fold k tests the samples whose number is
 * k and trains on the rest, both ascending (scikit-learn builds them from boolean masks,
 * so the order the samples were dealt in never shows).
 */
export function foldsFromAssignment(testFold: Int32Array, nSplits: number): Fold[] {
  const n = testFold.length;
  const sizes = new Int32Array(nSplits);
  for (let i = 0; i < n; i++) sizes[testFold[i]!]! += 1;
  const folds: Fold[] = [];
  for (let k = 0; k < nSplits; k++) {
    const testIndex = new Int32Array(sizes[k]!);
    const trainIndex = new Int32Array(n - sizes[k]!);
    let te = 0;
    let tr = 0;
    for (let i = 0; i < n; i++) {
      if (testFold[i] === k) testIndex[te++] = i;
      else trainIndex[tr++] = i;
    }
    folds.push({ trainIndex, testIndex });
  }
  return folds;
}

/**
 * Refuses more folds than samples, as scikit-learn does before splitting.
 * @throws RangeError when `nSplits` > `nSamples`.
 */
export function checkSplitCount(where: string, nSplits: number, nSamples: number): void {
  if (nSplits > nSamples) {
    throw new RangeError(
      `${where}: cannot have nSplits = ${nSplits} greater than the number of samples: nSamples = ${nSamples}`,
    );
  }
}
