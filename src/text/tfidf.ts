/**
 * scikit-learn's `TfidfTransformer`: inverse document frequencies learnt from a count
 * matrix, and counts reweighted by them (optionally log-scaled and row-normalised).
 * @module
 */

import { glibcLog } from '../datasets/libm-log.js';
import type { CsrData } from '../sparse/csr-matrix.js';
import { canonicalise } from '../sparse/canonical.js';
import { INT32_MAX, readCsrParts } from '../sparse/csr-input.js';
import { describeKind } from '../validate/describe.js';
import { checkInteger } from '../validate/options.js';
import { CsrBuilder, type HashedCsr, normalizeRow } from './hashing.js';
import { resolveTextOptions, type TextNorm, type TextParams } from './options.js';

/** Options of {@link tfidfFitTransform} and {@link tfidfTransform}, scikit-learn's `TfidfTransformer` parameters camelCased. */
export interface TfidfOptions {
  /**
   * Scale each row to unit 'l2' or 'l1' norm at the end; null keeps the weights.
   * @default 'l2'
   */
  norm?: TextNorm | undefined;
  /**
   * Multiply each column by its idf, ln(n / df) + 1.
   * @default true
   */
  useIdf?: boolean | undefined;
  /**
   * Add one to n and to every df, as if a document held every term once (no idf is then
   * infinite).
   * @default true
   */
  smoothIdf?: boolean | undefined;
  /**
   * Replace each value v by ln(v) + 1 before the idf.
   * @default false
   */
  sublinearTf?: boolean | undefined;
}

/** What {@link tfidfFitTransform} learns and returns. */
export interface TfidfFit {
  /** Each column's idf (`idf_`), or null when `useIdf` is false. */
  readonly idf: Float64Array | null;
  /** The reweighted matrix, canonical CSR. */
  readonly X: HashedCsr;
}

/** The option names of {@link tfidfFitTransform}, in the order `toJSON` stores them. */
export const TFIDF_OPTION_NAMES = ['norm', 'useIdf', 'smoothIdf', 'sublinearTf'] as const;

/** The options of {@link tfidfFitTransform}, checked, with defaults filled in. */
export type TfidfParams = Pick<TextParams, (typeof TFIDF_OPTION_NAMES)[number]>;

/**
 * `TfidfTransformer(**options).fit_transform(X)` of scikit-learn 1.2.1 on a canonical CSR
 * count matrix (as {@link countFitTransform} returns). Logarithms are glibc's, emulated
 * bit for bit (`glibcLog`), so the values are the same in every JavaScript engine
 * (engines' `Math.log` differ in the last bit for some inputs); numpy's vectorised log on
 * AVX-512 machines differs from glibc's in the last bit for some inputs, so idf and values
 * equal scikit-learn's to a few ulps, not bit for bit (without `useIdf` and `sublinearTf`
 * no log is taken and they are bit-identical). Norms are summed in the order scipy stores the entries.
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
  const params = resolveTextOptions(where, options, TFIDF_OPTION_NAMES);
  const csr = readCsr(where, X);
  const idf = learnIdf(where, csr, params);
  return { idf, X: weigh(csr, idf, params) };
}

/**
 * The idf of canonical counts, ln((n + s) / (df + s)) + 1 with s = 1 for `smoothIdf`, or
 * null without `useIdf` (`TfidfTransformer.fit`).
 * @param where - the caller's name, the prefix of messages.
 * @throws RangeError without `smoothIdf` when a column is in none of the rows: its idf,
 *   ln(n / 0) + 1, is infinite (scikit-learn stores inf with a divide-by-zero warning,
 *   and a later transform gives infinite or NaN values).
 * @example
 * ```ts
 * learnIdf('demo', { rows: 2, cols: 1, indptr: Int32Array.of(0, 1, 1), indices: Int32Array.of(0), values: Float64Array.of(3) },
 *   { norm: 'l2', useIdf: true, smoothIdf: true, sublinearTf: false }); // Float64Array [1.4054651081081644]
 * ```
 */
export function learnIdf(where: string, csr: HashedCsr, params: TfidfParams): Float64Array | null {
  if (!params.useIdf) return null;
  const df = new Float64Array(csr.cols);
  for (let k = 0; k < csr.indices.length; k++) df[csr.indices[k]!]!++;
  const smooth = params.smoothIdf ? 1 : 0;
  if (smooth === 0) {
    const j = df.indexOf(0);
    if (j >= 0) {
      throw new RangeError(
        `${where}: column ${j} is in none of the ${csr.rows} rows, so its idf ln(n / 0) + 1 is infinite without smoothing; use smoothIdf: true, or drop the column`,
      );
    }
  }
  return Float64Array.from(df, (d) => glibcLog((csr.rows + smooth) / (d + smooth)) + 1);
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
  const read = resolveTextOptions(where, options, TFIDF_OPTION_NAMES);
  const csr = readCsr(where, X);
  if (read.useIdf) {
    if (!(idf instanceof Float64Array)) throw new TypeError(`${where}: idf must be a Float64Array when useIdf is true, got ${describeKind(idf)}`);
    if (idf.length !== csr.cols) throw new RangeError(`${where}: idf has length ${idf.length}; expected X.cols = ${csr.cols}`);
  }
  return weigh(csr, read.useIdf ? idf : null, read);
}

/**
 * A count matrix given as CSR arrays, checked as `CsrMatrix.from` checks them, in
 * canonical form with float64 values.
 * @throws TypeError / RangeError as `CsrMatrix.from`.
 * @example
 * ```ts
 * readCsr('demo', { rows: 1, cols: 3, indptr: [0, 2], indices: [2, 0], values: [1, 4] }).indices; // Int32Array [0, 2]
 * ```
 */
export function readCsr(where: string, X: CsrData): HashedCsr {
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
 * @example
 * ```ts
 * const counts = { rows: 1, cols: 2, indptr: Int32Array.of(0, 2), indices: Int32Array.of(0, 1), values: Float64Array.of(3, 4) };
 * weigh(counts, null, { norm: 'l2', useIdf: false, smoothIdf: true, sublinearTf: false }).values; // Float64Array [0.6, 0.8]
 * ```
 */
export function weigh(X: HashedCsr, idf: Float64Array | null, options: TfidfParams): HashedCsr {
  const out = new CsrBuilder(X.rows);
  const rowIndices: number[] = [];
  const rowValues: number[] = [];
  for (let r = 0; r < X.rows; r++) {
    rowIndices.length = 0;
    rowValues.length = 0;
    const start = X.indptr[r]!;
    const end = X.indptr[r + 1]!;
    for (let k = start; k < end; k++) {
      const k2 = idf === null ? k : start + end - 1 - k;
      let v = X.values[k2]!;
      if (options.sublinearTf) v = glibcLog(v) + 1;
      if (idf !== null) {
        v *= idf[X.indices[k2]!]!;
        if (v === 0) continue;
      }
      rowIndices.push(X.indices[k2]!);
      rowValues.push(v);
    }
    if (options.norm !== null) normalizeRow(rowValues, 0, rowValues.length, options.norm);
    // With an idf the row was read backwards (scipy's storage order): write it forwards.
    const n = rowIndices.length;
    for (let k = 0; k < n; k++) {
      const from = idf === null ? k : n - 1 - k;
      out.push(rowIndices[from]!, rowValues[from]!);
    }
    out.endRow(r);
  }
  return out.build(X.cols);
}
