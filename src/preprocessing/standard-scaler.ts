/**
 * Standardisation of features, as scikit-learn 1.2's `sklearn.preprocessing.StandardScaler`.
 * @module
 */
import { NotFittedError } from '../errors.js';
import type { MatrixLike } from '../core/stage.js';
import { Matrix } from '../matrix.js';
import { readMatrix, type DenseRows } from '../validate/numeric.js';
import { columnSums } from '../metrics/numpy-sum.js';
import { checkBoolean, checkOptionNames } from '../validate/options.js';

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

/** A {@link NotFittedError} whose message names the scaler. */
class ScalerNotFittedError extends NotFittedError {
  constructor(what: string) {
    super(what);
    this.message = `${what}: this StandardScaler is not fitted yet; call fit(X) first`;
  }
}

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
 * @example
 * ```ts
 * const scaler = new StandardScaler();
 * const Z = scaler.fitTransform([[0, 0], [0, 0], [1, 1], [1, 1]]);
 * scaler.mean;  // Float64Array [0.5, 0.5]
 * scaler.scale; // Float64Array [0.5, 0.5]
 * Z.toArray();  // [[-1, -1], [-1, -1], [1, 1], [1, 1]]
 * scaler.transform([[2, 2]]).toArray(); // [[3, 3]]
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
   * @returns this scaler.
   * @throws TypeError for the wrong kind of X or a non-number in it; RangeError for an
   * empty X, ragged rows, or NaN/±Infinity (with its row and column).
   */
  fit(X: MatrixLike): this {
    const { data, rows: n, cols: d } = read(`${NAME}.fit: X`, X);
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
    this.#fitted = { mean, variance, scale, nFeatures: d, nSamples: n };
    return this;
  }

  /**
   * Standardises X (n×d, d as in `fit`): (x − mean) / scale column by column, skipping
   * the centring when `withMean` is false and the division when `withStd` is false.
   * @returns a new n×d {@link Matrix}; X is not modified.
   * @throws NotFittedError before `fit`; RangeError when X's column count differs from
   * fit's, X is empty or ragged, or holds NaN/±Infinity; TypeError for the wrong kind of X.
   */
  transform(X: MatrixLike): Matrix {
    const { withMean, withStd } = this;
    const standardize = withStd ? (withMean ? standardizeValue : divide) : withMean ? subtract : identity;
    return this.#columnwise('transform', X, standardize);
  }

  /**
   * Fits on X, then standardises it: the same as `fit(X).transform(X)`.
   * @throws as {@link StandardScaler.fit}.
   */
  fitTransform(X: MatrixLike): Matrix {
    return this.fit(X).transform(X);
  }

  /**
   * Undoes {@link StandardScaler.transform}: x · scale + mean, column by column (each
   * step only when the matching option is on).
   * @returns a new n×d {@link Matrix}.
   * @throws as {@link StandardScaler.transform}.
   */
  inverseTransform(X: MatrixLike): Matrix {
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
    if (this.#fitted === null) throw new ScalerNotFittedError(what);
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

  #readFor(what: string, X: MatrixLike, state: FittedState): DenseRows {
    const rows = read(`${NAME}.${what}: X`, X);
    if (rows.cols !== state.nFeatures) {
      throw new RangeError(`${NAME}.${what}: X has ${rows.cols} columns; the scaler was fit with ${state.nFeatures}`);
    }
    return rows;
  }
}

function read(label: string, X: MatrixLike): DenseRows {
  const rows = readMatrix(label, X);
  if (rows.rows === 0) throw new RangeError(`${label} has 0 rows; at least one sample is required`);
  if (rows.cols === 0) throw new RangeError(`${label} has 0 columns; at least one feature is required`);
  return rows;
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
 * var ≤ n·ε·var + (n·mean·ε)².
 */
function isNearConstant(v: number, m: number, n: number): boolean {
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
