/**
 * The {@link TfidfVectorizer} class: scikit-learn's `TfidfVectorizer`, a
 * {@link Vocabulary} (as `CountVectorizer` fits it) followed by tf-idf weighting (as
 * `TfidfTransformer` applies it), without a CsrMatrix between them.
 * @module
 */
import type { Dtype } from '../matrix.js';
import { CsrMatrix, csrFromCanonical } from '../sparse/csr-matrix.js';
import { COUNT_VECTORIZER_OPTION_NAMES, readVocabularyModel, type VocabularyOptions } from './count-vectorizer.js';
import { NotFittedError } from '../errors.js';
import { resolveTextOptions, type TextParams } from './options.js';
import { field, jsonObject, readTextDocument, TEXT_MODEL_VERSION, type TextModelDocument } from './text-json.js';
import { learnIdf, TFIDF_OPTION_NAMES, type TfidfOptions, weigh } from './tfidf.js';
import { readStoredIdf } from './tfidf-transformer.js';
import { Vocabulary } from './vocabulary.js';

const NAME = 'TfidfVectorizer';
const OPTION_NAMES = [...COUNT_VECTORIZER_OPTION_NAMES, ...TFIDF_OPTION_NAMES] as const;
type Params = Pick<TextParams, (typeof OPTION_NAMES)[number]>;

/** The `format` of {@link TfidfVectorizer.toJSON}'s document. */
export const TFIDF_VECTORIZER_FORMAT = 'logreg-wasm/tfidf-vectorizer';

/** What {@link TfidfVectorizer.toJSON} returns: the options, the terms in column order and the idf (null without `useIdf`). */
export type TfidfVectorizerJSON = TextModelDocument<typeof TFIDF_VECTORIZER_FORMAT, { featureNames: string[]; idf: number[] | null }>;

/**
 * Options of {@link TfidfVectorizer}: those of `CountVectorizer` and of `TfidfTransformer`,
 * scikit-learn's parameters camelCased. With `dtype: 'float32'` each value is computed in
 * float64 and rounded once (scikit-learn computes in float32, so its last bits may differ).
 */
export interface TfidfVectorizerOptions<D extends Dtype = Dtype> extends VocabularyOptions<D>, TfidfOptions {}

/**
 * Every option but `vocabulary`, checked and with its default, is a property of the
 * vectorizer, documented in {@link TfidfVectorizerOptions}; `vocabulary` is the fitted
 * vocabulary (scikit-learn's `vocabulary_`).
 */
export interface TfidfVectorizer<D extends Dtype = 'float64'> extends Readonly<Omit<Params, 'vocabulary' | 'dtype'>> {
  readonly dtype: D;
}

interface Fitted {
  readonly vocabulary: Vocabulary;
  readonly idf: Float64Array | null;
}

/**
 * Turns documents into tf-idf features, as scikit-learn 1.2's `TfidfVectorizer`: the
 * counts of `CountVectorizer` (same options, same vocabulary) reweighted as
 * `TfidfTransformer` does (same options, same idf). Feature names and entries equal
 * scikit-learn's; values agree to a few units in the last place where a logarithm is taken
 * (see `TfidfTransformer`).
 *
 * `transform` and `fitTransform` return a new {@link CsrMatrix} that the caller owns and
 * releases with `dispose()`.
 *
 * @example
 * ```ts
 * const vectorizer = new TfidfVectorizer({ ngramRange: [1, 2], sublinearTf: true });
 * const X = vectorizer.fitTransform(['good film', 'bad film', 'good good plot']);
 * vectorizer.getFeatureNamesOut(); // ['bad', 'bad film', 'film', 'good', 'good film', 'good good', 'good plot', 'plot']
 * X.rows; // 3
 * X.dispose();
 * ```
 */
export class TfidfVectorizer<D extends Dtype = 'float64'> {
  readonly #params: Params;
  #fitted: Fitted | null = null;

  /**
   * @param options - see {@link TfidfVectorizerOptions}.
   * @throws TypeError for an unknown option name (suggesting the camelCase form of
   *   scikit-learn's name) or a value of the wrong kind; RangeError for a value out of
   *   range, a token pattern other than the supported ones, or a fixed vocabulary that is
   *   empty, repeats a term or skips a column.
   */
  constructor(options: TfidfVectorizerOptions<D> = {}) {
    this.#params = resolveTextOptions(NAME, options, OPTION_NAMES);
    const { vocabulary, ...properties } = this.#params;
    Object.assign(this, properties);
  }

  /**
   * Learns the vocabulary (unless fixed) and the idf of the documents, replacing any
   * earlier fit. A failed call leaves the vectorizer as it was.
   * @param docs - the documents, an array of strings (at least one).
   * @returns this vectorizer.
   * @throws TypeError for docs that is not an array or a document that is not a string
   *   (naming `docs[i]`); RangeError for an empty array, documents without any term,
   *   minDf above maxDf in documents, pruning that leaves no term, or, without
   *   `smoothIdf`, a term of a fixed vocabulary in no document (its idf would be infinite).
   */
  fit(docs: readonly string[]): this {
    this.#fit(`${NAME}.fit`, docs);
    return this;
  }

  /**
   * Learns the vocabulary and idf and returns the documents' tf-idf: the same as
   * `fit(docs).transform(docs)`, in one pass.
   * @returns a new docs.length × vocabulary size {@link CsrMatrix}; the caller disposes it.
   * @throws as {@link TfidfVectorizer.fit}.
   */
  fitTransform(docs: readonly string[]): CsrMatrix<D> {
    const counts = this.#fit(`${NAME}.fitTransform`, docs);
    return csrFromCanonical(weigh(counts, this.#fitted!.idf, this.#params), this.#params.dtype as D);
  }

  /**
   * Each document's tf-idf over the fitted vocabulary (other terms are ignored), each row
   * scaled to unit `norm`.
   * @param docs - the documents, an array of strings (an empty array gives 0 rows).
   * @returns a new docs.length × vocabulary size {@link CsrMatrix}; the caller disposes it.
   * @throws NotFittedError before `fit`; TypeError for docs that is not an array or a
   *   document that is not a string (naming `docs[i]`).
   */
  transform(docs: readonly string[]): CsrMatrix<D> {
    const where = `${NAME}.transform`;
    const { vocabulary, idf } = this.#state(where);
    const counts = vocabulary.count(where, docs, this.#params);
    return csrFromCanonical(weigh(counts, idf, this.#params), this.#params.dtype as D);
  }

  /**
   * Each term's column (scikit-learn's `vocabulary_`), as a new Map.
   * @throws NotFittedError before `fit`.
   */
  get vocabulary(): Map<string, number> {
    return this.#state(`${NAME}.vocabulary`).vocabulary.toMap();
  }

  /**
   * The terms in column order (scikit-learn's `get_feature_names_out()`), a new array.
   * @throws NotFittedError before `fit`.
   */
  getFeatureNamesOut(): string[] {
    return [...this.#state(`${NAME}.getFeatureNamesOut`).vocabulary.terms];
  }

  /**
   * Each column's idf (scikit-learn's `idf_`), a new array; null when `useIdf` is false.
   * @throws NotFittedError before `fit`.
   */
  get idf(): Float64Array | null {
    return this.#state(`${NAME}.idf`).idf?.slice() ?? null;
  }

  /**
   * The fitted vectorizer as plain JSON: `{ format, version, options, model: {
   * featureNames, idf } }` (idf null without `useIdf`; numbers round-trip exactly through
   * JSON text). {@link TfidfVectorizer.fromJSON} reads it back.
   * @throws NotFittedError before `fit`.
   * @example
   * ```ts
   * const text = JSON.stringify(new TfidfVectorizer().fit(['a cat', 'the dog']));
   * TfidfVectorizer.fromJSON(text).idf; // the same idf, bit for bit
   * ```
   */
  toJSON(): TfidfVectorizerJSON {
    const { vocabulary, idf } = this.#state(`${NAME}.toJSON`);
    const model = { featureNames: [...vocabulary.terms], idf: idf === null ? null : Array.from(idf) };
    return { format: TFIDF_VECTORIZER_FORMAT, version: TEXT_MODEL_VERSION, options: structuredClone(this.#params), model };
  }

  /**
   * Rebuilds a fitted vectorizer from {@link TfidfVectorizer.toJSON}'s document (an object
   * or its JSON text), checked as untrusted input.
   * @throws TypeError for text that is not JSON or a field of the wrong kind; RangeError for
   *   another format, a newer version, an option out of range, feature names that are
   *   empty, repeated or differ from a fixed vocabulary, or an idf that does not match
   *   them and `useIdf` (the messages name the field).
   */
  static fromJSON(input: unknown): TfidfVectorizer<Dtype> {
    const where = `${NAME}.fromJSON`;
    const { options, model } = readTextDocument(where, input, TFIDF_VECTORIZER_FORMAT);
    const vectorizer = new TfidfVectorizer(resolveTextOptions(`${where}: options`, options, OPTION_NAMES));
    const params = vectorizer.#params;
    const vocabulary = readVocabularyModel(where, model, params.vocabulary);
    const idf = readStoredIdf(where, field(where, jsonObject(where, model, 'model'), 'idf', 'model'), vocabulary.terms.length, params.useIdf);
    vectorizer.#fitted = { vocabulary, idf };
    return vectorizer;
  }

  /** Fits the vocabulary and idf; returns the documents' counts. */
  #fit(where: string, docs: readonly string[]) {
    const { vocabulary, X } = Vocabulary.fit(where, docs, this.#params);
    this.#fitted = { vocabulary, idf: learnIdf(where, X, this.#params) };
    return X;
  }

  #state(what: string): Fitted {
    if (this.#fitted === null) throw new NotFittedError(what, NAME, 'fit(docs)');
    return this.#fitted;
  }
}
