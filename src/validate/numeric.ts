/**
 * Numeric arguments of the metrics and preprocessing functions (scores, probabilities,
 * weights, feature matrices): kind, shape and finiteness checks, read into plain
 * Float64Arrays in ordinary JS memory.
 * @module
 */
import { isArrayLike } from './array-like.js';
import { describeKind } from './describe.js';
import type { MatrixLike } from '../core/stage.js';
import { checkNotDisposed, Matrix } from '../matrix.js';
import { copyRows, nonFiniteError, shapeOfRows } from './rows.js';

/** A dense row-major block of values read from a {@link MatrixLike}. */
export interface DenseRows {
  /** Row-major values, `rows * cols` of them. Do not modify: it may be the caller's own array. */
  readonly data: Float64Array;
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
}

/** Either a vector (1-D) or a matrix (2-D), as read by {@link readVectorOrMatrix}. */
export type VectorOrMatrix = { readonly ndim: 1; readonly data: Float64Array; readonly rows: number; readonly cols: 1 } | ({ readonly ndim: 2 } & DenseRows);

/**
 * Reads a vector of finite numbers.
 * @param label `'where: name'`, the prefix of messages.
 * @throws TypeError when `values` is not array-like or holds a non-number; RangeError for
 * NaN or ±Infinity (with its index).
 */
export function readVector(label: string, values: unknown): Float64Array {
  if (!isArrayLike(values)) {
    throw new TypeError(`${label} must be an array of numbers, got ${describeKind(values)}`);
  }
  const list = values as ArrayLike<unknown>;
  const out = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const value = list[i];
    if (typeof value !== 'number') {
      throw new TypeError(`${label} has ${describeKind(value)} at index ${i}; expected a number`);
    }
    if (!Number.isFinite(value)) {
      throw new RangeError(`${label} contains ${String(value)} at index ${i}; all values must be finite`);
    }
    out[i] = value;
  }
  return out;
}

/**
 * Reads a matrix of finite numbers (a {@link Matrix} or an array of equal-length rows).
 * A Matrix's values are used in place, not copied.
 * @param label `'where: name'`, the prefix of messages.
 * @throws TypeError for the wrong kind of input or a non-number; RangeError for ragged
 * rows or NaN/±Infinity (with its row and column).
 */
export function readMatrix(label: string, X: MatrixLike): DenseRows {
  if (X instanceof Matrix) {
    checkNotDisposed(X, label);
    const values = X.data;
    // A float32 Matrix is widened (exactly) into one float64 copy; a float64 one is read in place.
    const data = values instanceof Float64Array ? values : Float64Array.from(values);
    for (let k = 0; k < data.length; k++) {
      const value = data[k] as number;
      if (!Number.isFinite(value)) throw nonFiniteError(label, value, Math.floor(k / X.cols), k % X.cols);
    }
    return { data, rows: X.rows, cols: X.cols };
  }
  const { rows, cols } = shapeOfRows(X, label);
  const data = new Float64Array(rows * cols);
  copyRows(X, cols, data, 0, label, true);
  return { data, rows, cols };
}

/**
 * Reads either a vector of numbers or a matrix: a {@link Matrix} or an array whose first
 * element is array-like is a matrix; any other array-like (including a Float64Array) is
 * a vector.
 * @throws as {@link readVector} and {@link readMatrix}.
 */
export function readVectorOrMatrix(label: string, values: MatrixLike | ArrayLike<number>): VectorOrMatrix {
  if (values instanceof Matrix) return { ndim: 2, ...readMatrix(label, values) };
  if (!isArrayLike(values)) {
    throw new TypeError(`${label} must be an array of numbers, an array of rows or a Matrix, got ${describeKind(values)}`);
  }
  const first = (values as ArrayLike<unknown>)[0];
  if (first !== null && typeof first === 'object') return { ndim: 2, ...readMatrix(label, values as ArrayLike<ArrayLike<number>>) };
  const data = readVector(label, values);
  return { ndim: 1, data, rows: data.length, cols: 1 };
}

/**
 * `values` (probabilities or scores) read by {@link readVectorOrMatrix}, with one entry
 * (or row) per label of yTrue.
 * @throws as readVectorOrMatrix, and RangeError when the count differs from `labels`.
 */
export function readPerSample(where: string, name: string, values: MatrixLike | ArrayLike<number>, labels: number): VectorOrMatrix {
  const read = readVectorOrMatrix(`${where}: ${name}`, values);
  if (read.rows !== labels) {
    throw new RangeError(`${where}: ${name} has ${read.rows} ${read.ndim === 1 ? 'values' : 'rows'}; yTrue has ${labels} labels`);
  }
  return read;
}
