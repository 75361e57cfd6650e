/**
 * The `cv` argument of the cross-validation functions and of LogisticRegressionCV, read
 * as scikit-learn's `check_cv` reads it for a classifier: a number of folds (stratified
 * k-fold without shuffling), a splitter, or the folds themselves.
 * @module
 */
import { isArrayLike } from '../validate/array-like.js';
import { describeKind } from '../validate/describe.js';
import { checkInteger } from '../validate/options.js';
import type { Fold, SplitSamples } from './fold.js';
import { StratifiedKFold } from './stratified-k-fold.js';

/** A splitter: KFold, StratifiedKFold, GroupKFold, ShuffleSplit, StratifiedShuffleSplit, or one of your own. */
export interface CrossValidator {
  split(X: SplitSamples, y?: ArrayLike<unknown> | null, groups?: ArrayLike<unknown> | null): Iterable<Fold>;
}

/**
 * How to cut the data into folds: a number k ≥ 2 (`StratifiedKFold({ nSplits: k })`,
 * scikit-learn's choice for a classifier), a {@link CrossValidator}, or the folds as
 * an array of `{ trainIndex, testIndex }`.
 */
export type Cv = number | CrossValidator | readonly Fold[];

/** The most folds a number `cv` may ask for (as many as samples, checked by the splitter). */
const MAX_FOLDS = 0x7fffffff;

/**
 * The folds `cv` makes of n samples with labels y (and groups): each fold's indices are
 * checked to be integers in [0, n), and a fold must have at least one training and one
 * test sample.
 * @throws TypeError for a `cv` of another kind, or a fold that is not `{ trainIndex,
 * testIndex }` arrays; RangeError for a number below 2, an index out of range, an empty
 * side or no folds at all — and what the splitter throws.
 */
export function readFolds(
  where: string,
  cv: unknown,
  n: number,
  y: ArrayLike<unknown>,
  groups: ArrayLike<unknown> | null,
  onWarning: ((message: string) => void) | null | undefined,
): Fold[] {
  let folds: Iterable<unknown>;
  if (typeof cv === 'number') {
    const nSplits = checkInteger(where, 'cv', cv, 2, MAX_FOLDS);
    if (nSplits > n) throw new RangeError(`${where}: cv = ${nSplits} is more folds than the ${n} samples`);
    folds = new StratifiedKFold({ nSplits, ...(onWarning === undefined ? {} : { onWarning }) }).split(n, y);
  } else if (cv !== null && typeof cv === 'object' && typeof (cv as CrossValidator).split === 'function') {
    const made: unknown = (cv as CrossValidator).split(n, y, groups);
    if (made === null || typeof made !== 'object' || typeof (made as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      throw new TypeError(`${where}: cv.split() must return an array (or iterable) of folds, got ${describeKind(made)}`);
    }
    folds = made as Iterable<unknown>;
  } else if (isArrayLike(cv)) {
    folds = Array.from(cv);
  } else {
    throw new TypeError(`${where}: cv must be a number of folds, a splitter (an object with split()) or an array of folds, got ${describeKind(cv)}`);
  }
  const out: Fold[] = [];
  for (const fold of folds) out.push(readFold(where, `cv fold ${out.length}`, fold, n));
  if (out.length === 0) throw new RangeError(`${where}: cv gave no folds`);
  return out;
}

function readFold(where: string, name: string, fold: unknown, n: number): Fold {
  if (fold === null || typeof fold !== 'object') throw new TypeError(`${where}: ${name} must be { trainIndex, testIndex }, got ${describeKind(fold)}`);
  const { trainIndex, testIndex } = fold as Partial<Fold>;
  return { trainIndex: readIndices(where, `${name}: trainIndex`, trainIndex, n), testIndex: readIndices(where, `${name}: testIndex`, testIndex, n) };
}

function readIndices(where: string, name: string, values: unknown, n: number): Int32Array {
  if (!isArrayLike(values)) throw new TypeError(`${where}: ${name} must be an array of sample indices, got ${describeKind(values)}`);
  if (values.length === 0) throw new RangeError(`${where}: ${name} is empty; every fold needs at least one sample on each side`);
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = checkInteger(where, `${name}[${i}]`, values[i], 0, n - 1);
  return out;
}
