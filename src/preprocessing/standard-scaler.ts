/**
 * Standardisation of features, as scikit-learn 1.2's `sklearn.preprocessing.StandardScaler`.
 * @module
 */
import { NotFittedError } from '../errors.js';
import type { MatrixLike } from '../input.js';
import { Matrix } from '../matrix.js';
import { readMatrix, type DenseRows } from '../metrics/numeric-input.js';
import { columnSums } from '../metrics/numpy-sum.js';
import { checkBoolean, checkOptionNames } from '../options.js';

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
      const sums = columnSums(data, n, d);
      mean = sums.map((s) => s / n);
      if (this.withStd) {
        // Corrected two-pass variance: Σ(x − m)² − (Σ(x − m))² / n, then / n.
        const centred = new Float64Array(n * d);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < d; j++) centred[i * d + j] = (data[i * d + j] as number) - (mean[j] as number);
        }
        const correction = columnSums(centred, n, d);
        for (let k = 0; k < centred.length; k++) centred[k] = (centred[k] as number) * (centred[k] as number);
        const squares = columnSums(centred, n, d);
        variance = new Float64Array(d);
        scale = new Float64Array(d);
        for (let j = 0; j < d; j++) {
          const c = correction[j] as number;
          const v = ((squares[j] as number) - (c * c) / n) / n;
          variance[j] = v;
          const m = mean[j] as number;
          const q = n * m * EPS;
          const nearConstant = v <= n * EPS * v + q * q;
          scale[j] = nearConstant ? 1 : Math.sqrt(v);
        }
      }
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
    const state = this.#state('transform');
    const { data, rows, cols } = this.#readFor('transform', X, state);
    const out = new Float64Array(rows * cols);
    const { mean, scale } = state;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        let x = data[i * cols + j] as number;
        if (this.withMean) x -= (mean as Float64Array)[j] as number;
        if (this.withStd) x /= (scale as Float64Array)[j] as number;
        out[i * cols + j] = x;
      }
    }
    return Matrix.from(out, rows, cols);
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
    const state = this.#state('inverseTransform');
    const { data, rows, cols } = this.#readFor('inverseTransform', X, state);
    const out = new Float64Array(rows * cols);
    const { mean, scale } = state;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        let x = data[i * cols + j] as number;
        if (this.withStd) x *= (scale as Float64Array)[j] as number;
        if (this.withMean) x += (mean as Float64Array)[j] as number;
        out[i * cols + j] = x;
      }
    }
    return Matrix.from(out, rows, cols);
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
