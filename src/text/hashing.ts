/**
 * The transform of scikit-learn's `HashingVectorizer`: each document's features hashed
 * (MurmurHash3, seed 0, UTF-8) into `nFeatures` columns, as plain CSR arrays.
 * @module
 */

import type { CsrData } from '../sparse/csr-matrix.js';
import { isArrayLike } from '../validate/array-like.js';
import { describeKind, describeValue } from '../validate/describe.js';
import { checkBoolean, checkInteger, checkOptionNames } from '../validate/options.js';
import { ANALYZER_OPTION_NAMES, buildAnalyzer, type TextAnalyzerOptions } from './analyzer.js';
import { murmurhashBytes } from './murmurhash3.js';
import { encodeUtf8Into, loneSurrogateAt } from './utf8.js';

/** Options of {@link hashingTransform}, scikit-learn's `HashingVectorizer` parameters camelCased. */
export interface HashingOptions extends TextAnalyzerOptions {
  /**
   * Columns of the output, an integer from 1 to 2^31 − 1.
   * @default 1048576 (2^20)
   */
  nFeatures?: number;
  /**
   * Give each feature the sign of its hash, so colliding features tend to cancel rather
   * than add up.
   * @default true
   */
  alternateSign?: boolean;
  /**
   * Scale each row to unit 'l2' (Euclidean) or 'l1' norm after counting; null keeps the
   * counts. A row of zeros is left as it is.
   * @default 'l2'
   */
  norm?: 'l2' | 'l1' | null;
  /**
   * Set every stored value to 1 before the norm (also a stored 0 where two features of
   * opposite signs cancelled, as scikit-learn does).
   * @default false
   */
  binary?: boolean;
}

/**
 * The CSR arrays {@link hashingTransform} returns: {@link CsrData} (so `CsrMatrix.from`
 * takes them as they are) with int32 indices and float64 values, in scipy's canonical
 * form (indices strictly increasing within each row).
 */
export type HashedCsr = CsrData<Float64Array> & { readonly indptr: Int32Array; readonly indices: Int32Array };

const OPTION_NAMES = [...ANALYZER_OPTION_NAMES, 'nFeatures', 'alternateSign', 'norm', 'binary'];

/**
 * `HashingVectorizer(**options).transform(docs)` of scikit-learn 1.2.1, entry for entry:
 * the same indices and bit-identical float64 values (counts are sums of ±1, exact; the norm
 * is summed in index order, square-rooted and divided as scikit-learn's
 * `inplace_csr_row_normalize_l2`/`_l1` do). Entries whose signed counts cancel to 0 are
 * stored as 0, as scipy's `sum_duplicates` keeps them.
 *
 * @param docs - the documents, an array of strings.
 * @param options - see {@link HashingOptions}.
 * @returns the docs.length × nFeatures matrix as {@link HashedCsr}.
 * @throws TypeError when docs is not an array, a document is not a string (naming its
 *   index) or an option has the wrong kind; RangeError for an empty docs, an option out
 *   of range, or, with the 'char' and 'char_wb' analyzers, a document holding a lone
 *   surrogate (its n-grams have no UTF-8 form; the 'word' analyzer never keeps one).
 * @example
 * ```ts
 * const X = hashingTransform(['the cat sat', 'the dog'], { nFeatures: 16 });
 * X.indptr; // Int32Array [0, 3, 5]
 * ```
 */
export function hashingTransform(docs: readonly string[], options: HashingOptions = {}): HashedCsr {
  const where = 'hashingTransform';
  checkOptionNames(where, options, OPTION_NAMES);
  const analyze = buildAnalyzer(where, options);
  const nFeatures = checkInteger(where, 'nFeatures', options.nFeatures ?? 2 ** 20, 1, 2 ** 31 - 1);
  const alternateSign = checkBoolean(where, 'alternateSign', options.alternateSign ?? true);
  const binary = checkBoolean(where, 'binary', options.binary ?? false);
  const norm = options.norm === undefined ? 'l2' : options.norm;
  if (norm !== null && norm !== 'l1' && norm !== 'l2') {
    throw new RangeError(`${where}: norm must be 'l2', 'l1' or null, got ${describeValue(norm)}`);
  }
  if (!isArrayLike(docs)) throw new TypeError(`${where}: docs must be an array of strings, got ${describeKind(docs)}`);
  if (docs.length === 0) throw new RangeError(`${where}: docs must hold at least one document, got an array of length 0`);
  const analyzer = options.analyzer ?? 'word';
  for (let r = 0; r < docs.length; r++) {
    const doc = docs[r];
    if (typeof doc !== 'string') throw new TypeError(`${where}: docs[${r}] must be a string, got ${describeKind(doc)}`);
    // A word token never holds a lone surrogate (it is no \w), but a character n-gram can,
    // and it has no UTF-8 form to hash: refuse before any work, naming the document.
    const at = analyzer === 'word' ? -1 : loneSurrogateAt(doc);
    if (at >= 0) {
      const unit = doc.charCodeAt(at).toString(16).toUpperCase();
      throw new RangeError(
        `${where}: docs[${r}] must be well-formed UTF-16 for analyzer '${analyzer}', got a lone surrogate U+${unit} at index ${at} ` +
          '(scikit-learn raises UnicodeEncodeError)',
      );
    }
  }

  const indptr = new Int32Array(docs.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  let bytes = new Uint8Array(256);
  // One row's features as column·2 + (sign > 0): a native numeric sort groups each column's
  // entries, and summing ±1 in any order is exact.
  let keys = new Float64Array(256);
  for (let r = 0; r < docs.length; r++) {
    const features = analyze(docs[r]!);
    if (keys.length < features.length) keys = new Float64Array(2 * features.length);
    for (let f = 0; f < features.length; f++) {
      const feature = features[f]!;
      if (bytes.length < 3 * feature.length) bytes = new Uint8Array(6 * feature.length);
      const h = murmurhashBytes(bytes, 0, encodeUtf8Into(feature, bytes, where));
      // abs(-2^31) overflows int32 in scikit-learn's _hashing_transform, which therefore
      // takes (2^31 - 1 - (nFeatures - 1)) % nFeatures for that hash; 2^31 - nFeatures is
      // congruent to 2^31, so that is abs(h) % nFeatures computed in doubles, as here.
      const column = Math.abs(h) % nFeatures;
      keys[f] = 2 * column + (alternateSign && h < 0 ? 0 : 1);
    }
    const sorted = keys.subarray(0, features.length).sort();
    const start = values.length;
    for (let k = 0; k < sorted.length; ) {
      const column = Math.floor(sorted[k]! / 2);
      let sum = 0;
      for (; k < sorted.length && Math.floor(sorted[k]! / 2) === column; k++) sum += sorted[k]! % 2 === 1 ? 1 : -1;
      indices.push(column);
      values.push(binary ? 1 : sum);
    }
    if (norm !== null) normalizeRow(values, start, norm);
    indptr[r + 1] = values.length;
  }
  return { rows: docs.length, cols: nFeatures, indptr, indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

/**
 * values[start…] divided by their l1 or l2 norm, summed in storage order as scikit-learn's
 * `inplace_csr_row_normalize_l1`/`_l2` do (so the result is bit-identical when the entries
 * are in scipy's storage order); a row whose norm is 0 is left as it is.
 * @example
 * ```ts
 * const row = [3, 4];
 * normalizeRow(row, 0, 'l2'); // row is now [0.6, 0.8]
 * ```
 */
export function normalizeRow(values: number[], start: number, norm: 'l1' | 'l2'): void {
  let sum = 0;
  for (let k = start; k < values.length; k++) sum += norm === 'l2' ? values[k]! * values[k]! : Math.abs(values[k]!);
  if (sum === 0) return;
  if (norm === 'l2') sum = Math.sqrt(sum);
  for (let k = start; k < values.length; k++) values[k]! /= sum;
}
