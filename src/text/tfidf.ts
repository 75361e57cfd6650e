/**
 * scikit-learn's `TfidfTransformer`: inverse document frequencies learnt from a count
 * matrix, and counts reweighted by them (optionally log-scaled and row-normalised).
 * @module
 */

import type { CsrData } from '../sparse/csr-matrix.js';
import { canonicalise } from '../sparse/canonical.js';
import { INT32_MAX, readCsrParts } from '../sparse/csr-input.js';
import { describeKind, describeValue } from '../validate/describe.js';
import { checkBoolean, checkInteger, checkOptionNames } from '../validate/options.js';
import { type HashedCsr, normalizeRow } from './hashing.js';

/** Options of {@link tfidfFitTransform} and {@link tfidfTransform}, scikit-learn's `TfidfTransformer` parameters camelCased. */
export interface TfidfOptions {
  /**
   * Scale each row to unit 'l2' or 'l1' norm at the end; null keeps the weights.
   * @default 'l2'
   */
  norm?: 'l2' | 'l1' | null;
  /**
   * Multiply each column by its idf, ln(n / df) + 1.
   * @default true
   */
  useIdf?: boolean;
  /**
   * Add one to n and to every df, as if a document held every term once (no idf is then
   * infinite).
   * @default true
   */
  smoothIdf?: boolean;
  /**
   * Replace each value v by ln(v) + 1 before the idf.
   * @default false
   */
  sublinearTf?: boolean;
}

/** What {@link tfidfFitTransform} learns and returns. */
export interface TfidfFit {
  /** Each column's idf (`idf_`), or null when `useIdf` is false. */
  readonly idf: Float64Array | null;
  /** The reweighted matrix, canonical CSR. */
  readonly X: HashedCsr;
}

const OPTION_NAMES = ['norm', 'useIdf', 'smoothIdf', 'sublinearTf'];

/**
 * `TfidfTransformer(**options).fit_transform(X)` of scikit-learn 1.2.1 on a canonical CSR
 * count matrix (as {@link countFitTransform} returns). Logarithms are JavaScript's
 * `Math.log`; numpy's vectorised log on AVX-512 machines differs from it (and from glibc's)
 * in the last bit for some inputs, so idf and values equal scikit-learn's to a few ulps,
 * not bit for bit (without `useIdf` and `sublinearTf` no log is taken and they are
 * bit-identical). Norms are summed in the order scipy stores the entries.
 *
 * @param X - the counts, `{ rows, cols, indptr, indices, values }` with finite values.
 * @param options - see {@link TfidfOptions}.
 * @throws TypeError / RangeError for a malformed X (as `CsrMatrix.from`) or a bad option.
 * @example
 * ```ts
 * const { idf } = tfidfFitTransform({ rows: 2, cols: 2, indptr: [0, 2, 3], indices: [0, 1, 0], values: [1, 1, 2] });
 * idf; // Float64Array [1, 1.4054651081081644]
 * ```
 */
export function tfidfFitTransform(X: CsrData, options: TfidfOptions = {}): TfidfFit {
  const where = 'tfidfFitTransform';
  const read = readOptions(where, options);
  const csr = readCsr(where, X);
  let idf: Float64Array | null = null;
  if (read.useIdf) {
    const df = new Float64Array(csr.cols);
    for (let k = 0; k < csr.indices.length; k++) df[csr.indices[k]!]!++;
    const smooth = read.smoothIdf ? 1 : 0;
    idf = Float64Array.from(df, (d) => Math.log((csr.rows + smooth) / (d + smooth)) + 1);
  }
  return { idf, X: weigh(csr, idf, read) };
}

/**
 * `transform(X)` of a fitted scikit-learn 1.2.1 `TfidfTransformer`, with the idf
 * {@link tfidfFitTransform} learnt (null when it was fitted with `useIdf: false`); the same
 * precision as {@link tfidfFitTransform}.
 *
 * @param X - the counts, a canonical or non-canonical CSR with `idf.length` columns.
 * @param idf - the fitted idf, or null.
 * @param options - the options of the fit.
 * @throws TypeError / RangeError for a malformed X, a bad option, an idf that is not a
 *   Float64Array or null, or one whose length is not X.cols.
 * @example
 * ```ts
 * const counts = { rows: 1, cols: 2, indptr: [0, 2], indices: [0, 1], values: [3, 4] };
 * tfidfTransform(counts, null, { useIdf: false }).values; // Float64Array [0.6, 0.8]
 * ```
 */
export function tfidfTransform(X: CsrData, idf: Float64Array | null, options: TfidfOptions = {}): HashedCsr {
  const where = 'tfidfTransform';
  const read = readOptions(where, options);
  const csr = readCsr(where, X);
  if (read.useIdf) {
    if (!(idf instanceof Float64Array)) throw new TypeError(`${where}: idf must be a Float64Array when useIdf is true, got ${describeKind(idf)}`);
    if (idf.length !== csr.cols) throw new RangeError(`${where}: idf has length ${idf.length}; expected X.cols = ${csr.cols}`);
  }
  return weigh(csr, read.useIdf ? idf : null, read);
}

interface ReadOptions {
  readonly norm: 'l1' | 'l2' | null;
  readonly useIdf: boolean;
  readonly smoothIdf: boolean;
  readonly sublinearTf: boolean;
}

function readOptions(where: string, options: TfidfOptions): ReadOptions {
  checkOptionNames(where, options, OPTION_NAMES);
  const norm = options.norm === undefined ? 'l2' : options.norm;
  if (norm !== null && norm !== 'l1' && norm !== 'l2') {
    throw new RangeError(`${where}: norm must be 'l2', 'l1' or null, got ${describeValue(norm)}`);
  }
  return {
    norm,
    useIdf: checkBoolean(where, 'useIdf', options.useIdf ?? true),
    smoothIdf: checkBoolean(where, 'smoothIdf', options.smoothIdf ?? true),
    sublinearTf: checkBoolean(where, 'sublinearTf', options.sublinearTf ?? false),
  };
}

function readCsr(where: string, X: CsrData): HashedCsr {
  if (typeof X !== 'object' || X === null) throw new TypeError(`${where}: X must be CSR arrays { rows, cols, indptr, indices, values }, got ${describeKind(X)}`);
  const rows = checkInteger(where, 'X.rows', X.rows, 0, INT32_MAX);
  const cols = checkInteger(where, 'X.cols', X.cols, 1, INT32_MAX);
  const arrays = canonicalise(readCsrParts(where, X, rows, cols, 'float64'), 'float64', `${where}: X.values`);
  return { rows, cols, ...arrays };
}

/**
 * scikit-learn's transform on canonical rows: ln(v) + 1 for sublinearTf; then, with an idf,
 * scipy's `X * diag(idf)`, which stores each row's products in reverse order and drops those
 * equal to 0; then the norm, summed in that storage order. Returned canonical.
 */
function weigh(X: HashedCsr, idf: Float64Array | null, options: ReadOptions): HashedCsr {
  const indptr = new Int32Array(X.rows + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < X.rows; r++) {
    const rowIndices: number[] = [];
    const rowValues: number[] = [];
    const start = X.indptr[r]!;
    const end = X.indptr[r + 1]!;
    for (let k = start; k < end; k++) {
      const k2 = idf === null ? k : start + end - 1 - k;
      let v = X.values[k2]!;
      if (options.sublinearTf) v = Math.log(v) + 1;
      if (idf !== null) {
        v *= idf[X.indices[k2]!]!;
        if (v === 0) continue;
      }
      rowIndices.push(X.indices[k2]!);
      rowValues.push(v);
    }
    if (options.norm !== null) normalizeRow(rowValues, 0, options.norm);
    if (idf !== null) {
      rowIndices.reverse();
      rowValues.reverse();
    }
    for (let k = 0; k < rowIndices.length; k++) {
      indices.push(rowIndices[k]!);
      values.push(rowValues[k]!);
    }
    indptr[r + 1] = indices.length;
  }
  return { rows: X.rows, cols: X.cols, indptr, indices: Int32Array.from(indices), values: Float64Array.from(values) };
}
