/**
 * A port of scikit-learn 1.2's `train_test_split` (with its `ShuffleSplit` and
 * `StratifiedShuffleSplit` machinery) that, for the same `randomState`, picks
 * exactly the same train and test indices, in the same order.
 *
 * @packageDocumentation
 */

import { isArrayLike } from '../validate/array-like.js';
import { checkNotDisposed, type Dtype, Matrix } from '../matrix.js';
import { CsrMatrix } from '../sparse/csr-matrix.js';
import { describeLiteral } from '../validate/describe.js';
import { DATASET_WORDING, checkBoolean, checkOptionNames } from '../validate/options.js';
import { drawShuffleSplit, drawStratifiedSplit, readStrata, shuffleSplitSizes } from '../model-selection/shuffle-split-draw.js';
import { RandomState, checkRandomState } from './random-state.js';

/** Options of {@link trainTestSplit} and {@link trainTestSplitIndices}. */
export interface TrainTestSplitOptions {
  /**
   * Test set size: a fraction in (0, 1) (rounded up: `ceil(testSize · n)`),
   * or an integer count in [1, n − 1]. `null`/absent: the complement of
   * `trainSize`, or 0.25 when `trainSize` is absent too.
   * @default 0.25
   */
  testSize?: number | null | undefined;
  /**
   * Train set size: a fraction in (0, 1) (rounded down: `floor(trainSize · n)`),
   * or an integer count in [1, n − 1]. `null`/absent: the complement of the
   * test set.
   * @default null
   */
  trainSize?: number | null | undefined;
  /**
   * Seed (integer in [0, 2^32 − 1]), a {@link RandomState} to draw from, or
   * `null` for an unpredictable seed. Unused when `shuffle` is false.
   * @default null
   */
  randomState?: number | RandomState | null | undefined;
  /** Shuffle before splitting; when false the first samples form the train set. @default true */
  shuffle?: boolean | undefined;
  /**
   * Class labels (one per sample, numbers, strings, booleans or bigints) to
   * keep the class proportions in both sets, like scikit-learn's
   * `stratify=y`. Requires `shuffle: true`.
   * @default null
   */
  stratify?: ArrayLike<unknown> | null | undefined;
}

/** Train and test sample indices, as returned by {@link trainTestSplitIndices}. */
export interface SplitIndices {
  /** Indices of the training samples, in scikit-learn's order. */
  train: Int32Array;
  /** Indices of the test samples, in scikit-learn's order. */
  test: Int32Array;
}

type AnyTypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** The type of `yTrain`/`yTest`: the input's typed-array type, or a plain array of its elements. */
export type SplitLabels<T> = T extends AnyTypedArray ? T : T extends ArrayLike<infer E> ? E[] : never;

/**
 * Result of {@link trainTestSplit}.
 * @typeParam M - the kind of `XTrain`/`XTest`: a Matrix, or a CsrMatrix for a CsrMatrix X.
 */
export interface TrainTestSplit<T, M = Matrix> {
  /** Rows of X at the train indices. */
  XTrain: M;
  /** Rows of X at the test indices. */
  XTest: M;
  /** Labels at the train indices. */
  yTrain: SplitLabels<T>;
  /** Labels at the test indices. */
  yTest: SplitLabels<T>;
}

const OPTION_NAMES = new Set(['testSize', 'trainSize', 'randomState', 'shuffle', 'stratify']);

/**
 * The train and test indices scikit-learn 1.2's `train_test_split` would use
 * for `nSamples` samples: with `shuffle` (default) a `ShuffleSplit` (test =
 * the first `nTest` entries of `permutation(nSamples)`, train = the next
 * `nTrain`) or, with `stratify`, a `StratifiedShuffleSplit` (per-class counts
 * by `_approximate_mode`, a permutation per class, then both sets permuted);
 * without `shuffle`, train = 0 … nTrain − 1 and test = the next nTest.
 *
 * @param nSamples - number of samples, an integer ≥ 0
 * @param options - see {@link TrainTestSplitOptions}
 * @returns `{ train, test }` index arrays
 * @throws TypeError for an unknown option, an option of the wrong type, or
 *   `stratify` with `shuffle: false`.
 * @throws RangeError for sizes out of range (a count outside [1, nSamples − 1],
 *   a fraction outside (0, 1), fractions summing above 1, sizes adding up to
 *   more than nSamples, an empty train set), a `stratify` whose length is not
 *   nSamples, a class with fewer than 2 members, fewer train or test samples
 *   than classes, or a bad seed.
 * @example
 * ```ts
 * const { train, test } = trainTestSplitIndices(10, { testSize: 0.2, randomState: 42 });
 * Array.from(test);  // [8, 1], as scikit-learn
 * Array.from(train); // [5, 0, 7, 2, 9, 4, 3, 6]
 * ```
 */
export function trainTestSplitIndices(nSamples: number, options: TrainTestSplitOptions = {}): SplitIndices {
  return splitIndices(nSamples, options, 'trainTestSplitIndices');
}

function splitIndices(nSamples: number, options: TrainTestSplitOptions, fn: string): SplitIndices {
  checkOptionNames(fn, options, [...OPTION_NAMES]);
  if (typeof nSamples !== 'number' || !Number.isInteger(nSamples) || nSamples < 0 || nSamples > 0x7fffffff) {
    throw new RangeError(`${fn}: nSamples must be an integer in [0, 2147483647]; got ${describeLiteral(nSamples)}`);
  }
  const shuffle = options.shuffle === undefined ? true : checkBoolean(fn, 'shuffle', options.shuffle, DATASET_WORDING);
  const stratify = options.stratify ?? null;
  if (stratify !== null) {
    if (!isArrayLike(stratify)) {
      throw new TypeError(`${fn}: stratify must be an array of labels or null; got ${describeLiteral(stratify)}`);
    }
  }
  const { nTrain, nTest } = shuffleSplitSizes(nSamples, options.testSize, options.trainSize, 0.25, fn);

  if (!shuffle) {
    if (stratify !== null) {
      throw new TypeError(`${fn}: stratify requires shuffle: true (scikit-learn has no unshuffled stratified split)`);
    }
    const train = new Int32Array(nTrain);
    for (let i = 0; i < nTrain; i++) train[i] = i;
    const test = new Int32Array(nTest);
    for (let i = 0; i < nTest; i++) test[i] = nTrain + i;
    return { train, test };
  }

  if (stratify === null) return drawShuffleSplit(checkRandomState(options.randomState), nSamples, nTrain, nTest);
  if (stratify.length !== nSamples) {
    throw new RangeError(
      `${fn}: stratify has ${stratify.length} labels but there are ${nSamples} samples`,
    );
  }
  const strata = readStrata(stratify, nSamples, nTrain, nTest, fn, 'stratify');
  return drawStratifiedSplit(checkRandomState(options.randomState), strata, nTrain, nTest);
}

function isTypedArray(value: unknown): value is AnyTypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/**
 * Splits samples and labels into random train and test subsets exactly like
 * scikit-learn 1.2's `train_test_split(X, y, ...)`: for the same
 * `randomState` the rows land in the same sets, in the same order (see
 * {@link trainTestSplitIndices} for how the indices are chosen).
 *
 * @param X - samples, a {@link Matrix}, a {@link CsrMatrix} or an array of equal-length rows
 * @param y - one label per sample (plain array or typed array)
 * @param options - see {@link TrainTestSplitOptions}; `stratify: y` keeps the
 *   class proportions of `y`.
 * @returns `XTrain`/`XTest`: new matrices of X's kind and dtype, made by `takeRows`
 *   (in WebAssembly memory, which the caller disposes, for a CsrMatrix or a
 *   {@link Matrix.alloc} X) and `yTrain`/`yTest` (the same
 *   typed-array type as `y`, or plain arrays when `y` is not a typed array).
 * @throws TypeError for an unknown option, an option or argument of the wrong
 *   type, or `stratify` with `shuffle: false`.
 * @throws RangeError when X and y differ in length, and for the size and
 *   stratification errors listed under {@link trainTestSplitIndices}.
 * @example
 * ```ts
 * const { X, y } = makeClassification({ nSamples: 1000, nFeatures: 2, nRedundant: 0,
 *   nClustersPerClass: 1, randomState: 42 });
 * const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.2, randomState: 42 });
 * XTrain.rows; // 800
 * yTest.length; // 200 (an Int32Array, like y)
 * ```
 */
export function trainTestSplit<T extends ArrayLike<unknown>, D extends Dtype>(
  X: CsrMatrix<D>,
  y: T,
  options?: TrainTestSplitOptions,
): TrainTestSplit<T, CsrMatrix<D>>;
export function trainTestSplit<T extends ArrayLike<unknown>>(
  X: Matrix | ArrayLike<ArrayLike<number>>,
  y: T,
  options?: TrainTestSplitOptions,
): TrainTestSplit<T>;
export function trainTestSplit<T extends ArrayLike<unknown>>(
  X: Matrix | CsrMatrix<Dtype> | ArrayLike<ArrayLike<number>>,
  y: T,
  options: TrainTestSplitOptions = {},
): TrainTestSplit<T, Matrix | CsrMatrix<Dtype>> {
  const fn = 'trainTestSplit';
  checkOptionNames(fn, options, [...OPTION_NAMES]);
  let matrix: Matrix | CsrMatrix<Dtype>;
  if (X instanceof Matrix) {
    checkNotDisposed(X, `${fn}: X`);
    matrix = X;
  } else if (X instanceof CsrMatrix) {
    matrix = X;
  } else if (isArrayLike(X)) {
    matrix = Matrix.fromRows(X);
  } else {
    throw new TypeError(`${fn}: X must be a Matrix, a CsrMatrix or an array of rows; got ${describeLiteral(X)}`);
  }
  if (!isArrayLike(y)) {
    throw new TypeError(`${fn}: y must be an array or typed array of labels; got ${describeLiteral(y)}`);
  }
  const n = matrix.rows;
  if (y.length !== n) {
    throw new RangeError(`${fn}: X has ${n} rows but y has ${y.length} labels`);
  }
  const { train, test } = splitIndices(n, options, fn);
  const XTrain: Matrix | CsrMatrix<Dtype> = matrix.takeRows(train); // throws for a disposed matrix, before anything is made
  try {
    return { XTrain, XTest: matrix.takeRows(test), yTrain: takeLabels(y, train), yTest: takeLabels(y, test) };
  } catch (error) {
    XTrain.dispose();
    throw error;
  }
}

/** The labels of `y` at `idx`, as `y`'s typed-array type or a plain array. */
export function takeLabels<T extends ArrayLike<unknown>>(y: T, idx: Int32Array): SplitLabels<T> {
  if (isTypedArray(y)) {
    const Ctor = y.constructor as new (length: number) => AnyTypedArray;
    const out = new Ctor(idx.length) as unknown as { [i: number]: unknown };
    for (let i = 0; i < idx.length; i++) out[i] = (y as unknown as { [i: number]: unknown })[idx[i]!];
    return out as SplitLabels<T>;
  }
  const out: unknown[] = new Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = y[idx[i]!];
  return out as SplitLabels<T>;
}
