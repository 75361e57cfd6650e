/**
 * scikit-learn's `CountVectorizer`: a vocabulary learnt from documents (pruned by document
 * frequency and by total count), and each document's term counts over it as CSR arrays.
 * @module
 */

import { numpyArgsort } from '../datasets/numpy-argsort.js';
import { type Analyze, analyzerFor, ANALYZER_OPTION_NAMES, type TextAnalyzerOptions } from './analyzer.js';
import { checkDocuments } from './documents.js';
import { CsrBuilder, type HashedCsr } from './hashing.js';
import { type DocumentFrequency, type FixedVocabulary, resolveTextOptions, type TextParams } from './options.js';

export type { DocumentFrequency } from './options.js';

/** Options of {@link countTransform}: how a document becomes terms, and `binary`. */
export interface CountTransformOptions extends TextAnalyzerOptions {
  /**
   * Store 1 for every term present instead of its count.
   * @default false
   */
  binary?: boolean | undefined;
}

/** Options of {@link countFitTransform}, scikit-learn's `CountVectorizer` parameters camelCased. */
export interface CountOptions extends CountTransformOptions {
  /**
   * Drop terms found in fewer documents than this (see {@link DocumentFrequency}).
   * @default 1
   */
  minDf?: DocumentFrequency | undefined;
  /**
   * Drop terms found in more documents than this (see {@link DocumentFrequency}).
   * @default { proportion: 1 }
   */
  maxDf?: DocumentFrequency | undefined;
  /**
   * Keep only this many terms, those with the largest total counts over the corpus (after
   * `binary`, so then the largest document frequencies); ties are broken as scikit-learn's
   * numpy 1.24 `argsort` (an unstable introsort over the alphabetically sorted terms)
   * breaks them. null keeps every term.
   * @default null
   */
  maxFeatures?: number | null | undefined;
}

/** What {@link countFitTransform} learns and returns. */
export interface CountFit {
  /** The terms, sorted by code point as Python sorts str (`get_feature_names_out()`); column j is featureNames[j]. */
  readonly featureNames: string[];
  /** Each term's column (`vocabulary_`). */
  readonly vocabulary: Map<string, number>;
  /** The documents' counts, docs.length × featureNames.length, canonical CSR. */
  readonly X: HashedCsr;
}

/** The option names of {@link countTransform}. */
export const COUNT_TRANSFORM_OPTION_NAMES = [...ANALYZER_OPTION_NAMES, 'binary'] as const;
/** The option names of {@link countFitTransform}. */
export const COUNT_FIT_OPTION_NAMES = [...COUNT_TRANSFORM_OPTION_NAMES, 'minDf', 'maxDf', 'maxFeatures'] as const;

/** The options of {@link countFitTransform}, checked, with defaults filled in. */
export type CountParams = Pick<TextParams, (typeof COUNT_FIT_OPTION_NAMES)[number]>;

/**
 * `CountVectorizer(**options).fit_transform(docs)` of scikit-learn 1.2.1: the same feature
 * names in the same order and the same CSR entries (written with sorted indices).
 *
 * @param docs - the documents, an array of strings.
 * @param options - see {@link CountOptions}.
 * @returns the sorted feature names, the vocabulary and the count matrix.
 * @throws TypeError when docs is not an array, a document is not a string (naming its
 *   index) or an option has the wrong kind; RangeError for an empty docs, an option out of
 *   range, minDf above maxDf in documents, no term at all (scikit-learn's "empty
 *   vocabulary") or none left after pruning.
 * @example
 * ```ts
 * const { featureNames, X } = countFitTransform(['the cat', 'the dog the']);
 * featureNames; // ['cat', 'dog', 'the']
 * X.values;     // Float64Array [1, 1, 1, 2]
 * ```
 */
export function countFitTransform(docs: readonly string[], options: CountOptions = {}): CountFit {
  const where = 'countFitTransform';
  const params = resolveTextOptions(where, options, COUNT_FIT_OPTION_NAMES);
  checkDocuments(where, docs);
  return countFit(where, docs, params);
}

/**
 * {@link countFitTransform} of checked documents with checked options
 * (`CountVectorizer.fit`).
 * @param where - the caller's name, the prefix of messages.
 * @throws RangeError as {@link countFitTransform} does for the vocabulary and pruning.
 * @example
 * ```ts
 * const params = resolveTextOptions('demo', {}, COUNT_FIT_OPTION_NAMES);
 * countFit('demo', ['the cat', 'the dog'], params).featureNames; // ['cat', 'dog', 'the']
 * ```
 */
export function countFit(where: string, docs: readonly string[], params: CountParams): CountFit {
  const { binary, minDf, maxDf, maxFeatures } = params;
  // Terms numbered in order of first appearance, as scikit-learn's defaultdict does.
  const seen = new Map<string, number>();
  const rows = countRows(docs, analyzerFor(params), (term) => {
    let column = seen.get(term);
    if (column === undefined) seen.set(term, (column = seen.size));
    return column;
  });
  const { indices, values } = rows;
  if (seen.size === 0) {
    throw new RangeError(`${where}: docs must hold at least one term, got none (scikit-learn: "empty vocabulary; perhaps the documents only contain stop words")`);
  }
  const n = docs.length;
  const maxCount = typeof maxDf === 'number' ? maxDf : maxDf.proportion * n;
  const minCount = typeof minDf === 'number' ? minDf : minDf.proportion * n;
  if (maxCount < minCount) {
    throw new RangeError(`${where}: maxDf must allow at least as many documents as minDf, got maxDf ${maxCount} < minDf ${minCount} documents`);
  }

  // Sorting the terms first and pruning after gives scikit-learn's result in both of its
  // orders: pruning keeps the relative order of the kept columns, and maxFeatures' argsort
  // runs, as in scikit-learn, over the sorted columns.
  const names = sortByCodePoint([...seen.keys()]);
  const sortedColumn = new Int32Array(names.length);
  for (let j = 0; j < names.length; j++) sortedColumn[seen.get(names[j]!)!] = j;
  const df = new Float64Array(names.length);
  const tf = new Float64Array(names.length);
  for (let k = 0; k < indices.length; k++) {
    const j = sortedColumn[indices[k]!]!;
    df[j]!++;
    tf[j]! += binary ? 1 : values[k]!;
  }
  let keep = Array.from(df, (d) => d <= maxCount && d >= minCount);
  const kept = keep.filter(Boolean).length;
  if (maxFeatures !== null && kept > maxFeatures) {
    const candidates = keep.flatMap((k, j) => (k ? [j] : []));
    const order = numpyArgsort(Float64Array.from(candidates, (j) => -tf[j]!));
    keep = keep.map(() => false);
    for (let r = 0; r < maxFeatures; r++) keep[candidates[order[r]!]!] = true;
  }
  const finalColumn = new Int32Array(names.length).fill(-1);
  const featureNames: string[] = [];
  for (let j = 0; j < names.length; j++) {
    if (keep[j]) {
      finalColumn[j] = featureNames.length;
      featureNames.push(names[j]!);
    }
  }
  if (featureNames.length === 0) {
    throw new RangeError(`${where}: minDf and maxDf must keep at least one term, got none left of ${names.length} after pruning`);
  }
  const X = renumber(rows, featureNames.length, binary, (column) => finalColumn[sortedColumn[column]!]!);
  return { featureNames, vocabulary: vocabularyMap(featureNames), X };
}

/**
 * `transform(docs)` of a fitted scikit-learn 1.2.1 `CountVectorizer`: each document's counts
 * of the vocabulary's terms (other terms are ignored), canonical CSR.
 *
 * @param docs - the documents, an array of strings (possibly empty: 0 rows).
 * @param vocabulary - the terms in column order, or each term's column (a Map, as
 *   {@link countFitTransform} returns it, or an object); see {@link FixedVocabulary}.
 * @param options - the analyzer options and `binary` the vocabulary was fitted with.
 * @returns the docs.length × vocabulary size matrix.
 * @throws TypeError for docs, a document, an option or a vocabulary of the wrong kind;
 *   RangeError for an empty vocabulary, repeated terms, or columns that are not
 *   0…size − 1.
 * @example
 * ```ts
 * const { vocabulary } = countFitTransform(['the cat', 'the dog']);
 * countTransform(['a cat and the cat'], vocabulary).values; // Float64Array [2, 1]
 * ```
 */
export function countTransform(docs: readonly string[], vocabulary: FixedVocabulary, options: CountTransformOptions = {}): HashedCsr {
  const where = 'countTransform';
  const params = resolveTextOptions(where, options, COUNT_TRANSFORM_OPTION_NAMES);
  if (vocabulary === null) throw new TypeError(`${where}: vocabulary must be an array of terms, a Map or an object from term to column, got null`);
  const terms = resolveTextOptions(where, { vocabulary }, ['vocabulary']).vocabulary!;
  checkDocuments(where, docs, true);
  return countDocuments(docs, analyzerFor(params), vocabularyMap(terms), params.binary);
}

/**
 * Each term of `terms` to its column, its index.
 * @example
 * ```ts
 * vocabularyMap(['cat', '__proto__']); // Map { 'cat' => 0, '__proto__' => 1 }
 * ```
 */
export function vocabularyMap(terms: readonly string[]): Map<string, number> {
  return new Map(terms.map((term, j) => [term, j]));
}

/**
 * Each checked document's counts of the terms of `vocabulary` (columns 0…size − 1), as
 * canonical CSR: {@link countTransform} with everything checked.
 * @example
 * ```ts
 * const analyze = buildAnalyzer('demo', {});
 * countDocuments(['a cat, a cat'], analyze, new Map([['cat', 0]]), false).values; // Float64Array [2]
 * ```
 */
export function countDocuments(docs: readonly string[], analyze: Analyze, vocabulary: ReadonlyMap<string, number>, binary: boolean): HashedCsr {
  const X = countRows(docs, analyze, (term) => vocabulary.get(term) ?? -1, vocabulary.size);
  if (binary) X.values.fill(1);
  return X;
}

/**
 * Each document's terms counted by column, as canonical CSR: `columnOf` numbers each term
 * (−1 skips it), and `cols` is the number of columns (by default one past the largest
 * column, for a numbering `columnOf` grows as it goes).
 */
function countRows(docs: readonly string[], analyze: Analyze, columnOf: (term: string) => number, cols = -1): HashedCsr {
  const out = new CsrBuilder(docs.length);
  let keys = new Int32Array(256);
  let largest = -1;
  for (let r = 0; r < docs.length; r++) {
    const terms = analyze(docs[r]!);
    if (keys.length < terms.length) keys = new Int32Array(2 * terms.length);
    let n = 0;
    for (const term of terms) {
      const column = columnOf(term);
      if (column >= 0) keys[n++] = column;
    }
    // A native numeric sort groups each column's occurrences; their number is the count.
    const sorted = keys.subarray(0, n).sort();
    for (let k = 0; k < n; ) {
      const column = sorted[k]!;
      const start = k;
      while (k < n && sorted[k] === column) k++;
      out.push(column, k - start);
      if (column > largest) largest = column;
    }
    out.endRow(r);
  }
  return out.build(cols >= 0 ? cols : largest + 1);
}

/**
 * `X` with each entry moved to column `columnOf(column)` (dropped when −1), as canonical
 * CSR over `cols` columns; with `binary`, every kept value 1.
 */
function renumber(X: HashedCsr, cols: number, binary: boolean, columnOf: (column: number) => number): HashedCsr {
  const out = new CsrBuilder(X.rows);
  // Each row's kept entries by new column: distinct within a row, so a sort of the columns
  // and a lookup of their values (valueAt, written and read per row) order them.
  const valueAt = new Float64Array(cols);
  let columns = new Int32Array(256);
  for (let r = 0; r < X.rows; r++) {
    const start = X.indptr[r]!;
    const end = X.indptr[r + 1]!;
    if (columns.length < end - start) columns = new Int32Array(2 * (end - start));
    let n = 0;
    for (let k = start; k < end; k++) {
      const j = columnOf(X.indices[k]!);
      if (j < 0) continue;
      columns[n++] = j;
      valueAt[j] = binary ? 1 : X.values[k]!;
    }
    for (const j of columns.subarray(0, n).sort()) out.push(j, valueAt[j]!);
    out.endRow(r);
  }
  return out.build(cols);
}

/**
 * `terms` sorted as Python sorts str, by code point. The engine's default sort compares
 * UTF-16 units, which is the same order unless a string holds a surrogate (an astral
 * character, or a lone surrogate); only then is the slower comparison needed.
 */
function sortByCodePoint(terms: string[]): string[] {
  const surrogate = /[\ud800-\udfff]/;
  return terms.some((term) => surrogate.test(term)) ? terms.sort(compareCodePoints) : terms.sort();
}

/**
 * Python's str order: by code point. JavaScript's `<` compares UTF-16 units, which puts an
 * astral character (a surrogate pair, D800–DFFF) before U+E000–U+FFFF; the two orders agree
 * until the first differing unit, so only a difference at a surrogate needs code points.
 */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if ((x & 0xf800) !== 0xd800 && (y & 0xf800) !== 0xd800) return x - y;
    // Back up to the start of the code point (a low surrogate whose high half matched).
    const start = i > 0 && (a.charCodeAt(i - 1) & 0xfc00) === 0xd800 ? i - 1 : i;
    return a.codePointAt(start)! - b.codePointAt(start)!;
  }
  return a.length - b.length;
}
