/**
 * Standardisation of features, as scikit-learn 1.2's `sklearn.preprocessing.StandardScaler`.
 * @module
 */
import { NotFittedError } from '../errors.js';
import type { FeatureMatrix, MatrixLike } from '../core/stage.js';
import { type Dtype, Matrix } from '../matrix.js';
import { CsrMatrix } from '../sparse/csr-matrix.js';
import { isArrayLike } from '../validate/array-like.js';
import { readMatrix, type DenseRows } from '../validate/numeric.js';
import { shapeOfRows } from '../validate/rows.js';
import { columnSums } from '../metrics/numpy-sum.js';
import { checkBoolean, checkOptionNames } from '../validate/options.js';
import { type ColumnMoments, combineSparse, csrMoments } from './sparse-moments.js';

/** Options of {@link StandardScaler}; every field is optional. */
export interface StandardScalerOptions {
  /**
   * Subtract each column's mean in `transform`.
   * @default true
   */
  withMean?: boolean | undefined;
  /**
   * Divide each column by its standard deviation in `transform`.
   * @default true
   */
  withStd?: boolean | undefined;
}

interface FittedState {
  readonly mean: Float64Array | null;
  readonly variance: Float64Array | null;
  readonly scale: Float64Array | null;
  readonly nFeatures: number;
  readonly nSamples: number;
}

const NAME = 'StandardScaler';
const OPTION_NAMES = ['withMean', 'withStd'] as const;
const EPS = Number.EPSILON;

/**
 * Standardises features: `transform` maps each value x of column j to
 * (x − mean[j]) / scale[j], where mean and scale are column j's mean and population
 * standard deviation (ddof = 0) over the rows seen by `fit`.
 *
 * The statistics follow scikit-learn 1.2 operation for operation (a corrected two-pass
 * algorithm, numpy's summation order), so they agree with Python's to the last bit or
 * so, including columns with huge offsets such as 1e9 + small noise. A column whose
 * variance is zero, or so small relative to its mean that it is indistinguishable from
 * rounding error (var ≤ n·ε·var + (n·mean·ε)², scikit-learn's test), is treated as
 * constant: its scale is 1, so it is only centred.
 *
 * Values near the float64 limit (±1e300, ±1.5e308) are handled without overflow: a column
 * whose sums or squares would overflow is computed on its values scaled by a power of two,
 * which is exact, and the results scaled back, so its mean and scale are finite and what
 * the same algorithm gives with an unlimited exponent range (scikit-learn returns inf or
 * nan there, and takes a column with |mean| above about 1e170 for constant). Only such
 * columns take this path; every other result is unchanged. `transform` and
 * `inverseTransform` likewise return a finite value whenever the exact one is in range.
 *
 * A {@link CsrMatrix} is accepted wherever X is when `withMean` is false: its statistics
 * count the implicit zeros (the variance is over all rows) and follow scikit-learn's sparse
 * algorithm, and `transform` returns a new CsrMatrix with the same stored entries, each
 * multiplied by 1 / scale (as scikit-learn does). Centring is refused, as scikit-learn
 * refuses it: subtracting the mean would turn every implicit zero into a stored value.
 * `partialFit` updates the statistics batch by batch (dense and sparse batches may be
 * mixed) with scikit-learn's incremental formulas; the overflow-free path for values near
 * the float64 limit applies to `fit` and a first `partialFit`, not to the updates.
 *
 * @example
 * ```ts
 * const scaler = new StandardScaler();
 * const Z = scaler.fitTransform([[0, 0], [0, 0], [1, 1], [1, 1]]);
 * scaler.mean;  // Float64Array [0.5, 0.5]
 * scaler.scale; // Float64Array [0.5, 0.5]
 * Z.toArray();  // [[-1, -1], [-1, -1], [1, 1], [1, 1]]
 * scaler.transform([[2, 2]]).toArray(); // [[3, 3]]
 *
 * const sparse = new StandardScaler({ withMean: false }).fit(CsrMatrix.fromRows([{ 0: 2 }, {}, { 1: 4 }, {}]));
 * sparse.scale; // Float64Array [0.866…, 1.732…]: the zeros count
 * ```
 */
export class StandardScaler {
  /** Whether `transform` centres the data. */
  readonly withMean: boolean;
  /** Whether `transform` divides by the standard deviation. */
  readonly withStd: boolean;
  #fitted: FittedState | null = null;

  /**
   * @param options see {@link StandardScalerOptions}.
   * @throws TypeError for an unknown option name or a value that is not a boolean.
   */
  constructor(options: StandardScalerOptions = {}) {
    checkOptionNames(NAME, options, OPTION_NAMES);
    this.withMean = checkBoolean(NAME, 'withMean', options.withMean ?? true);
    this.withStd = checkBoolean(NAME, 'withStd', options.withStd ?? true);
  }

  /**
   * Computes each column's mean and variance over the rows of X (n×d, n ≥ 1, d ≥ 1),
   * replacing any earlier fit. A failed call throws and leaves the scaler as it was.
   * @param X dense rows, a {@link Matrix}, or a {@link CsrMatrix} (with `withMean: false`).
   * @returns this scaler.
   * @throws TypeError for the wrong kind of X or a non-number in it, or a CsrMatrix while
   * `withMean` is true; RangeError for an empty X, ragged rows, or NaN/±Infinity (with its
   * row and column); Error for a disposed CsrMatrix.
   */
  fit(X: FeatureMatrix): this {
    this.#fitted = this.#update('fit', X, null);
    return this;
  }

  /**
   * Updates the statistics with the rows of X, as if they had been part of every earlier
   * `fit`/`partialFit` call's X (scikit-learn's `partial_fit`: Chan, Golub and LeVeque's
   * pairwise update); on an unfitted scaler, the same as `fit`. Batches may be dense or
   * sparse, in any mix. A failed call leaves the scaler as it was.
   * @param X as in {@link StandardScaler.fit}; after the first call, with the same number
   * of columns.
   * @returns this scaler.
   * @throws as {@link StandardScaler.fit}; RangeError when X's column count differs from
   * the earlier calls'.
   * @example
   * ```ts
   * const scaler = new StandardScaler();
   * for (const batch of [[[1], [2]], [[3], [4]]]) scaler.partialFit(batch);
   * scaler.mean; // Float64Array [2.5], as fit([[1], [2], [3], [4]])
   * ```
   */
  partialFit(X: FeatureMatrix): this {
    this.#fitted = this.#update('partialFit', X, this.#fitted);
    return this;
  }

  /** The state after adding X's rows to `last` (null: a fresh fit). */
  #update(what: string, X: FeatureMatrix, last: FittedState | null): FittedState {
    const label = `${NAME}.${what}: X`;
    if (X instanceof CsrMatrix) {
      this.#refuseCentring(what, 'centring');
      return this.#updateSparse(what, X, last);
    }
    const { data, rows: n, cols: d } = read(label, X);
    if (last !== null) checkColumns(what, d, last);
    if (last !== null) return this.#updateDense(data, n, d, last);
    let mean: Float64Array | null = null;
    let variance: Float64Array | null = null;
    let scale: Float64Array | null = null;
    if (this.withMean || this.withStd) {
      let stats = columnMoments(data, n, d, this.withStd, null);
      // Every value is finite, so a non-finite statistic means an intermediate overflowed
      // (a sum, a square, or the constant-column bound). Only then are the columns redone
      // in rescaled form, so ordinary data keeps scikit-learn's bits exactly.
      const shifts = overflowShifts(data, n, d, stats);
      if (shifts !== null) stats = columnMoments(data, n, d, this.withStd, shifts);
      ({ mean, variance, scale } = stats);
    }
    return { mean, variance, scale, nFeatures: d, nSamples: n };
  }

  /** scikit-learn's `_incremental_mean_and_var` for a dense batch after earlier rows. */
  #updateDense(data: Float64Array, n: number, d: number, last: FittedState): FittedState {
    const total = last.nSamples + n;
    if (last.mean === null) return { ...last, nSamples: total };
    const sums = columnSums(data, n, d);
    const mean = new Float64Array(d);
    for (let j = 0; j < d; j++) mean[j] = ((last.mean[j] as number) * last.nSamples + (sums[j] as number)) / total;
    if (last.variance === null) return { ...last, mean, nSamples: total };
    const temp = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) temp[i * d + j] = (data[i * d + j] as number) - (sums[j] as number) / n;
    }
    const correction = columnSums(temp, n, d);
    for (let k = 0; k < temp.length; k++) temp[k] = (temp[k] as number) ** 2;
    const squares = columnSums(temp, n, d);
    const variance = new Float64Array(d);
    const lastOverNew = last.nSamples / n;
    for (let j = 0; j < d; j++) {
      const c = correction[j] as number;
      const fresh = (squares[j] as number) - c ** 2 / n;
      const lastSum = (last.mean[j] as number) * last.nSamples;
      const gap = lastSum / lastOverNew - (sums[j] as number);
      variance[j] = ((last.variance[j] as number) * last.nSamples + fresh + (lastOverNew / total) * gap ** 2) / total;
    }
    return { mean, variance, scale: scales(variance, mean, total), nFeatures: d, nSamples: total };
  }

  /** scikit-learn's sparse `partial_fit`: `mean_variance_axis`, then `incr_mean_variance_axis`. */
  #updateSparse(what: string, X: CsrMatrix<Dtype>, last: FittedState | null): FittedState {
    const data = X.toData();
    checkSize(`${NAME}.${what}: X`, data.rows, data.cols);
    if (last !== null) checkColumns(what, data.cols, last);
    const total = (last?.nSamples ?? 0) + data.rows;
    if (!this.withStd) return { mean: null, variance: null, scale: null, nFeatures: data.cols, nSamples: total };
    const fresh = csrMoments(data, X.dtype);
    const previous: ColumnMoments | null =
      last === null ? null : { mean: last.mean as Float64Array, variance: last.variance as Float64Array, count: last.nSamples };
    const { mean, variance, count } = previous === null ? fresh : combineSparse(previous, fresh, X.dtype);
    return { mean, variance, scale: scales(variance, mean, count), nFeatures: data.cols, nSamples: count };
  }

  /** scikit-learn's refusal to centre (or un-centre) sparse data. */
  #refuseCentring(what: string, verb: 'centring' | 'un-centring'): void {
    if (!this.withMean) return;
    throw new TypeError(
      `${NAME}.${what}: X is a CsrMatrix, and ${verb} it would make it dense (every implicit zero would become a stored value); ` +
        `create the scaler with withMean: false to scale sparse data without centring it, as scikit-learn requires`,
    );
  }

  /**
   * Standardises X (n×d, d as in `fit`): (x − mean) / scale column by column, skipping
   * the centring when `withMean` is false and the division when `withStd` is false.
   * A {@link CsrMatrix} (with `withMean: false`) gives a new CsrMatrix of its dtype with the
   * same stored entries, each multiplied by 1 / scale[j] (scikit-learn's sparse transform).
   * @returns a new n×d {@link Matrix} (a {@link CsrMatrix} for a CsrMatrix); X is not modified.
   * @throws NotFittedError before `fit`; RangeError when X's column count differs from
   * fit's, X is empty or ragged, or holds NaN/±Infinity, or a CsrMatrix's result overflows
   * its dtype (a dense result would be ±Infinity); TypeError for the wrong kind of X or a
   * CsrMatrix while `withMean` is true.
   */
  transform<D extends Dtype>(X: CsrMatrix<D>): CsrMatrix<D>;
  transform(X: MatrixLike): Matrix;
  transform(X: FeatureMatrix): Matrix | CsrMatrix<Dtype> {
    if (X instanceof CsrMatrix) return this.#scaleSparse('transform', X, (x, s) => x * (1 / s));
    const { withMean, withStd } = this;
    const standardize = withStd ? (withMean ? standardizeValue : divide) : withMean ? subtract : identity;
    return this.#columnwise('transform', X, standardize);
  }

  /**
   * Fits on X, then standardises it: the same as `fit(X).transform(X)`.
   * @throws as {@link StandardScaler.fit}.
   */
  fitTransform<D extends Dtype>(X: CsrMatrix<D>): CsrMatrix<D>;
  fitTransform(X: MatrixLike): Matrix;
  fitTransform(X: FeatureMatrix): Matrix | CsrMatrix<Dtype> {
    return X instanceof CsrMatrix ? this.fit(X).transform(X) : this.fit(X).transform(X);
  }

  /**
   * Undoes {@link StandardScaler.transform}: x · scale + mean, column by column (each
   * step only when the matching option is on).
   * A {@link CsrMatrix} gives a new CsrMatrix with each stored entry multiplied by scale[j].
   * @returns a new n×d {@link Matrix} (a {@link CsrMatrix} for a CsrMatrix).
   * @throws as {@link StandardScaler.transform}.
   */
  inverseTransform<D extends Dtype>(X: CsrMatrix<D>): CsrMatrix<D>;
  inverseTransform(X: MatrixLike): Matrix;
  inverseTransform(X: FeatureMatrix): Matrix | CsrMatrix<Dtype> {
    if (X instanceof CsrMatrix) return this.#scaleSparse('inverseTransform', X, (x, s) => x * s);
    const { withMean, withStd } = this;
    const unstandardize = withStd ? (withMean ? unstandardizeValue : multiply) : withMean ? add : identity;
    return this.#columnwise('inverseTransform', X, unstandardize);
  }

  /**
   * Each column's mean (a copy), or null when both `withMean` and `withStd` are false
   * (as scikit-learn, the mean is computed even when only `withStd` is on).
   * @throws NotFittedError before `fit`.
   */
  get mean(): Float64Array | null {
    return this.#state('mean').mean?.slice() ?? null;
  }

  /**
   * Each column's population variance (ddof = 0; a copy), or null when `withStd` is false.
   * +Infinity for a column whose variance is beyond float64 (a standard deviation above
   * about 1.3e154); its `scale` is still finite.
   * @throws NotFittedError before `fit`.
   */
  get var(): Float64Array | null {
    return this.#state('var').variance?.slice() ?? null;
  }

  /**
   * Each column's divisor (a copy): the standard deviation √var, or 1 for a (near-)constant
   * column; null when `withStd` is false.
   * @throws NotFittedError before `fit`.
   */
  get scale(): Float64Array | null {
    return this.#state('scale').scale?.slice() ?? null;
  }

  /** Number of columns seen by `fit`. @throws NotFittedError before `fit`. */
  get nFeaturesIn(): number {
    return this.#state('nFeaturesIn').nFeatures;
  }

  /** Number of rows seen by `fit`. @throws NotFittedError before `fit`. */
  get nSamplesSeen(): number {
    return this.#state('nSamplesSeen').nSamples;
  }

  #state(what: string): FittedState {
    if (this.#fitted === null) throw new NotFittedError(what, NAME, 'fit(X)');
    return this.#fitted;
  }

  /** A new Matrix of `f(x, mean, scale)` for each value of X, with column j's mean and scale (0 and 1 when not kept). */
  #columnwise(what: string, X: MatrixLike, f: (x: number, m: number, s: number) => number): Matrix {
    const state = this.#state(what);
    const { data, rows, cols } = this.#readFor(what, X, state);
    const out = new Float64Array(rows * cols);
    const { mean, scale } = state;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        out[i * cols + j] = f(data[i * cols + j] as number, mean?.[j] ?? 0, scale?.[j] ?? 1);
      }
    }
    return Matrix.from(out, rows, cols);
  }

  /** A new CsrMatrix with X's pattern and dtype, each stored value x in column j as `f(x, scale[j])`. */
  #scaleSparse(what: string, X: CsrMatrix<Dtype>, f: (x: number, s: number) => number): CsrMatrix<Dtype> {
    const state = this.#state(what);
    this.#refuseCentring(what, what === 'transform' ? 'centring' : 'un-centring');
    const data = X.toData();
    checkColumns(what, data.cols, state);
    const values = Float64Array.from(data.values);
    const { scale } = state;
    const round = X.dtype === 'float32' ? Math.fround : (v: number) => v;
    for (let i = 0; scale !== null && i < data.rows; i++) {
      for (let k = data.indptr[i] as number; k < (data.indptr[i + 1] as number); k++) {
        const j = data.indices[k] as number;
        const v = f(values[k] as number, scale[j] as number);
        // A dense result may be ±Infinity; a CsrMatrix holds finite values only.
        if (!Number.isFinite(round(v))) {
          throw new RangeError(
            `${NAME}.${what}: X at row ${i}, column ${j} is ${String(values[k])}, which with scale ${String(scale[j])} gives ${String(v)}, beyond the range of ${X.dtype}; a CsrMatrix holds finite values only`,
          );
        }
        values[k] = v;
      }
    }
    return CsrMatrix.from({ ...data, values }, { dtype: X.dtype });
  }

  #readFor(what: string, X: MatrixLike, state: FittedState): DenseRows {
    const rows = read(`${NAME}.${what}: X`, X);
    checkColumns(what, rows.cols, state);
    return rows;
  }
}

function checkColumns(what: string, cols: number, state: FittedState): void {
  if (cols !== state.nFeatures) {
    throw new RangeError(`${NAME}.${what}: X has ${cols} columns; the scaler was fit with ${state.nFeatures}`);
  }
}

/** Each column's scale: √variance, or 1 for a column scikit-learn takes for constant. */
function scales(variance: Float64Array, mean: Float64Array, n: number): Float64Array {
  return variance.map((v, j) => (isNearConstant(v, mean[j] as number, n) ? 1 : Math.sqrt(v)));
}

/** What X may be, as messages name it. */
const KINDS = 'a Matrix, a CsrMatrix or an array of rows';

function read(label: string, X: MatrixLike): DenseRows {
  // readMatrix's message names only the dense kinds; shapeOfRows names ours.
  if (!(X instanceof Matrix) && !isArrayLike(X)) shapeOfRows(X, label, KINDS);
  const rows = readMatrix(label, X);
  checkSize(label, rows.rows, rows.cols);
  return rows;
}

function checkSize(label: string, rows: number, cols: number): void {
  if (rows === 0) throw new RangeError(`${label} has 0 rows; at least one sample is required`);
  if (cols === 0) throw new RangeError(`${label} has 0 columns; at least one feature is required`);
}

const identity = (x: number): number => x;
const subtract = (x: number, m: number): number => x - m;
const add = (x: number, m: number): number => x + m;
const divide = (x: number, _m: number, s: number): number => x / s;
const multiply = (x: number, _m: number, s: number): number => x * s;

/**
 * (x − m) / s, rounded once as if x − m could not overflow: when it does (x and m near the
 * float64 limit with opposite signs) the quotient may still be representable, so both are
 * halved first. Halving such large values is exact and the difference then rounds to the
 * same digits, so the result is the correctly scaled one, or ±Infinity only when the true
 * quotient is out of range.
 * @internal
 */
export function standardizeValue(x: number, m: number, s: number): number {
  const z = (x - m) / s;
  if (Number.isFinite(z)) return z;
  return ((x / 2 - m / 2) / s) * 2;
}

/**
 * x · s + m, the inverse of {@link standardizeValue}, likewise without a spurious overflow
 * of x · s when adding m brings the result back into range. x · s overflows only when
 * s > 1, so halving s is exact.
 * @internal
 */
export function unstandardizeValue(x: number, m: number, s: number): number {
  const y = x * s + m;
  if (Number.isFinite(y)) return y;
  return (x * (s / 2) + m / 2) * 2;
}

interface Moments {
  mean: Float64Array;
  variance: Float64Array | null;
  scale: Float64Array | null;
}

/**
 * Column means and, with `withStd`, population variances and scales as scikit-learn 1.2
 * computes them: numpy's column sums for the mean, then the corrected two-pass variance
 * (Σ(x − m)² − (Σ(x − m))² / n) / n, and scale 1 for a column that passes scikit-learn's
 * near-constant test.
 *
 * With `shifts`, column j is computed on x · 2^−shifts[j] and the mean and scale are scaled
 * back. Multiplying by a power of two is exact (short of subnormals), so every operation
 * rounds exactly as it would on the unscaled values with an unbounded exponent: the
 * results are scikit-learn's algorithm without its overflow. A column's variance can
 * still be +Infinity after scaling back — the true value is then beyond float64 — while its
 * scale, the standard deviation, is finite.
 */
function columnMoments(data: Float64Array, n: number, d: number, withStd: boolean, shifts: Int32Array | null): Moments {
  let x = data;
  if (shifts !== null) {
    const factors = Array.from(shifts, (k) => 2 ** -k);
    x = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) x[i * d + j] = (data[i * d + j] as number) * (factors[j] as number);
    }
  }
  const mean = columnSums(x, n, d).map((s) => s / n);
  let variance: Float64Array | null = null;
  let scale: Float64Array | null = null;
  if (withStd) {
    const centred = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) centred[i * d + j] = (x[i * d + j] as number) - (mean[j] as number);
    }
    const correction = columnSums(centred, n, d);
    for (let k = 0; k < centred.length; k++) centred[k] = (centred[k] as number) * (centred[k] as number);
    const squares = columnSums(centred, n, d);
    variance = new Float64Array(d);
    scale = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const c = correction[j] as number;
      const v = ((squares[j] as number) - (c * c) / n) / n;
      const f = shifts === null ? 1 : 2 ** (shifts[j] as number);
      // f · f may not be representable; (v · f) · f rounds once, to the same value as v · f².
      variance[j] = v * f * f;
      scale[j] = isNearConstant(v, mean[j] as number, n) ? 1 : Math.sqrt(v) * f;
    }
  }
  if (shifts !== null) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) * 2 ** (shifts[j] as number);
  return { mean, variance, scale };
}

/**
 * scikit-learn's test for a column whose variance is rounding error of its mean:
 * var ≤ n·ε·var + (n·mean·ε)² (over n rows). Homogeneous: the statistics of x · 2^k pass
 * or fail it as those of x do.
 * @internal
 */
export function isNearConstant(v: number, m: number, n: number): boolean {
  const q = n * m * EPS;
  return v <= n * EPS * v + q * q;
}

/**
 * The power-of-two shift for each column whose statistics overflowed (null when none did).
 * A shifted column's largest magnitude is below 2^(T+1), with T chosen so that every
 * intermediate of {@link columnMoments} stays finite: n values below 2^(T+2) squared and
 * summed, and the square of their sum, stay below 2^1018.
 */
function overflowShifts(data: Float64Array, n: number, d: number, stats: Moments): Int32Array | null {
  const top = Math.floor((1014 - 2 * Math.ceil(Math.log2(n + 1))) / 2);
  let shifts: Int32Array | null = null;
  for (let j = 0; j < d; j++) {
    const m = stats.mean[j] as number;
    let finite = Number.isFinite(m);
    if (finite && stats.variance !== null) {
      const v = stats.variance[j] as number;
      const q = n * m * EPS;
      finite = Number.isFinite(v) && Number.isFinite(n * EPS * v + q * q);
    }
    if (finite) continue;
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(data[i * d + j] as number));
    shifts ??= new Int32Array(d);
    shifts[j] = Math.max(1, Math.floor(Math.log2(largest)) - top);
  }
  return shifts;
}
