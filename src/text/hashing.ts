/**
 * The transform of scikit-learn's `HashingVectorizer`: each document's features hashed
 * (MurmurHash3, seed 0, UTF-8) into `nFeatures` columns, as plain CSR arrays.
 * @module
 */

import type { CsrData } from '../sparse/csr-matrix.js';
import { analyzerFor, ANALYZER_OPTION_NAMES, scanWordTokens, stopWordSet, type TextAnalyzerOptions, tokenMinLength, type TokenSpans, visitCharNgrams } from './analyzer.js';
import { checkDocuments } from './documents.js';
import { murmurhashString } from './murmurhash3.js';
import { resolveTextOptions, type TextNorm, type TextParams } from './options.js';
import { pythonLower } from './python-string.js';
import { loneSurrogateAt } from './utf8.js';

/** Options of {@link hashingTransform}, scikit-learn's `HashingVectorizer` parameters camelCased. */
export interface HashingOptions extends TextAnalyzerOptions {
  /**
   * Columns of the output, an integer from 1 to 2^31 − 1.
   * @default 1048576 (2^20)
   */
  nFeatures?: number | undefined;
  /**
   * Give each feature the sign of its hash, so colliding features tend to cancel rather
   * than add up.
   * @default true
   */
  alternateSign?: boolean | undefined;
  /**
   * Scale each row to unit 'l2' (Euclidean) or 'l1' norm after counting; null keeps the
   * counts. A row of zeros is left as it is.
   * @default 'l2'
   */
  norm?: TextNorm | undefined;
  /**
   * Set every stored value to 1 before the norm (also a stored 0 where two features of
   * opposite signs cancelled, as scikit-learn does).
   * @default false
   */
  binary?: boolean | undefined;
}

/**
 * The CSR arrays {@link hashingTransform} returns: {@link CsrData} (so `CsrMatrix.from`
 * takes them as they are) with int32 indices and float64 values, in scipy's canonical
 * form (indices strictly increasing within each row).
 */
export type HashedCsr = CsrData<Float64Array> & { readonly indptr: Int32Array; readonly indices: Int32Array };

/** The option names of {@link hashingTransform}, in the order `toJSON` stores them. */
export const HASHING_OPTION_NAMES = [...ANALYZER_OPTION_NAMES, 'nFeatures', 'alternateSign', 'norm', 'binary'] as const;

/** The options of {@link hashingTransform}, checked, with defaults filled in. */
export type HashingParams = Pick<TextParams, (typeof HASHING_OPTION_NAMES)[number]>;

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
  return hashDocuments(where, docs, resolveTextOptions(where, options, HASHING_OPTION_NAMES));
}

/** The buffer the word path scans tokens into. */
const SPANS: TokenSpans = { data: new Int32Array(512), count: 0 };

/**
 * {@link hashingTransform} with options already checked (`HashingVectorizer.transform`).
 * @param where - the caller's name, the prefix of messages about `docs`.
 * @throws as {@link hashingTransform} does for docs.
 * @example
 * ```ts
 * const params = resolveTextOptions('demo', { nFeatures: 16 }, HASHING_OPTION_NAMES);
 * hashDocuments('demo', ['the cat sat'], params).indices.length; // 3, or fewer if columns collide
 * ```
 */
export function hashDocuments(where: string, docs: unknown, params: HashingParams): HashedCsr {
  checkDocuments(where, docs);
  const { analyzer, nFeatures, alternateSign, binary, norm, lowercase } = params;
  if (analyzer !== 'word') {
    for (let r = 0; r < docs.length; r++) {
      // A word token never holds a lone surrogate (it is no \w), but a character n-gram can,
      // and it has no UTF-8 form to hash: refuse before any work, naming the document.
      const at = loneSurrogateAt(docs[r]!);
      if (at >= 0) {
        const unit = docs[r]!.charCodeAt(at).toString(16).toUpperCase();
        throw new RangeError(
          `${where}: docs[${r}] must be well-formed UTF-16 for analyzer '${analyzer}', got a lone surrogate U+${unit} at index ${at} ` +
            '(scikit-learn raises UnicodeEncodeError)',
        );
      }
    }
  }
  // Word unigrams, the common case, are hashed from their positions in the lowercased
  // document, and character n-grams from theirs, without a string per feature; word
  // n-grams are listed by the analyzer.
  const wordsOnly = analyzer === 'word' && params.ngramRange[1] === 1;
  const analyze = wordsOnly || analyzer !== 'word' ? null : analyzerFor(params);
  const minLength = tokenMinLength(params);
  const stop = stopWordSet(params);
  const out = new CsrBuilder(docs.length);
  // One row's features as column·2 + (sign > 0), below 2^32 since nFeatures < 2^31: a
  // native numeric sort groups each column's entries, and summing ±1 in any order is exact.
  let keys: Uint32Array = new Uint32Array(256);
  const keyOf = (h: number): number => {
    // abs(-2^31) overflows int32 in scikit-learn's _hashing_transform, which therefore
    // takes (2^31 - 1 - (nFeatures - 1)) % nFeatures for that hash; 2^31 - nFeatures is
    // congruent to 2^31, so that is abs(h) % nFeatures computed in doubles, as here.
    return 2 * (Math.abs(h) % nFeatures) + (alternateSign && h < 0 ? 0 : 1);
  };
  for (let r = 0; r < docs.length; r++) {
    let n = 0;
    if (analyzer !== 'word') {
      visitCharNgrams(params, docs[r]!, (text, start, end) => {
        if (n === keys.length) keys = grow(keys);
        keys[n++] = keyOf(murmurhashString(text, start, end, where));
      });
    } else if (analyze === null) {
      const text = lowercase ? pythonLower(docs[r]!) : docs[r]!;
      const spans = scanWordTokens(text, minLength, SPANS);
      if (keys.length < spans.count) keys = new Uint32Array(2 * spans.count);
      for (let t = 0; t < spans.count; t++) {
        const start = spans.data[2 * t]!;
        const end = spans.data[2 * t + 1]!;
        if (stop !== null && stop.has(text.slice(start, end))) continue;
        keys[n++] = keyOf(murmurhashString(text, start, end, where));
      }
    } else {
      const features = analyze(docs[r]!);
      if (keys.length < features.length) keys = new Uint32Array(2 * features.length);
      for (const feature of features) keys[n++] = keyOf(murmurhashString(feature, 0, feature.length, where));
    }
    const sorted = keys.subarray(0, n).sort();
    const start = out.length;
    for (let k = 0; k < n; ) {
      const column = sorted[k]! >>> 1;
      let sum = 0;
      for (; k < n && sorted[k]! >>> 1 === column; k++) sum += (sorted[k]! & 1) === 1 ? 1 : -1;
      out.push(column, binary ? 1 : sum);
    }
    if (norm !== null) normalizeRow(out.values, start, out.length, norm);
    out.endRow(r);
  }
  return out.build(nFeatures);
}

/** `keys` in an array twice as long. */
function grow(keys: Uint32Array): Uint32Array {
  const grown = new Uint32Array(2 * keys.length);
  grown.set(keys);
  return grown;
}

/**
 * Canonical CSR arrays, row by row, in typed arrays that grow by doubling.
 * @example
 * ```ts
 * const out = new CsrBuilder(2);
 * out.push(3, 1.5);
 * out.endRow(0);
 * out.endRow(1); // an empty row
 * out.build(4); // { rows: 2, cols: 4, indptr: [0, 1, 1], indices: [3], values: [1.5] }
 * ```
 */
export class CsrBuilder {
  readonly indptr: Int32Array;
  indices = new Int32Array(1024);
  values = new Float64Array(1024);
  /** Entries written so far. */
  length = 0;

  constructor(rows: number) {
    this.indptr = new Int32Array(rows + 1);
  }

  /** Appends an entry to the current row (columns must increase within a row). */
  push(column: number, value: number): void {
    if (this.length === this.indices.length) this.#grow();
    this.indices[this.length] = column;
    this.values[this.length++] = value;
  }

  /** Doubles the capacity (kept out of `push`, so the engine inlines the common path). */
  #grow(): void {
    const indices = new Int32Array(2 * this.length);
    indices.set(this.indices);
    this.indices = indices;
    const values = new Float64Array(2 * this.length);
    values.set(this.values);
    this.values = values;
  }

  /** Closes row `r`. */
  endRow(r: number): void {
    this.indptr[r + 1] = this.length;
  }

  /** The arrays, trimmed, of a matrix with `cols` columns. */
  build(cols: number): HashedCsr {
    return { rows: this.indptr.length - 1, cols, indptr: this.indptr, indices: this.indices.slice(0, this.length), values: this.values.slice(0, this.length) };
  }
}

/**
 * values[start, end) divided by their l1 or l2 norm, summed in storage order as
 * scikit-learn's `inplace_csr_row_normalize_l1`/`_l2` do (so the result is bit-identical
 * when the entries are in scipy's storage order); a row whose norm is 0 is left as it is.
 * @example
 * ```ts
 * const row = [3, 4];
 * normalizeRow(row, 0, 2, 'l2'); // row is now [0.6, 0.8]
 * ```
 */
export function normalizeRow(values: Float64Array | number[], start: number, end: number, norm: 'l1' | 'l2'): void {
  let sum = 0;
  if (norm === 'l2') for (let k = start; k < end; k++) sum += values[k]! * values[k]!;
  else for (let k = start; k < end; k++) sum += Math.abs(values[k]!);
  if (sum === 0) return;
  if (norm === 'l2') sum = Math.sqrt(sum);
  for (let k = start; k < end; k++) values[k]! /= sum;
}
