/**
 * The {@link CountVectorizer} class: scikit-learn's `CountVectorizer` on `countFit` and
 * `countDocuments` (through {@link Vocabulary}).
 * @module
 */
import type { Dtype } from '../matrix.js';
import { CsrMatrix, csrFromCanonical } from '../sparse/csr-matrix.js';
import { COUNT_FIT_OPTION_NAMES, type CountOptions } from './count.js';
import { NotFittedError } from '../errors.js';
import { type FixedVocabulary, resolveTextOptions, type TextParams } from './options.js';
import { jsonObject, field, readFeatureNames, readTextDocument, TEXT_MODEL_VERSION, type TextModelDocument } from './text-json.js';
import { Vocabulary } from './vocabulary.js';

const NAME = 'CountVectorizer';

/** The option names of {@link CountVectorizer}, in the order `toJSON` stores them. */
export const COUNT_VECTORIZER_OPTION_NAMES = [...COUNT_FIT_OPTION_NAMES, 'vocabulary', 'dtype'] as const;
type Params = Pick<TextParams, (typeof COUNT_VECTORIZER_OPTION_NAMES)[number]>;

/** The `format` of {@link CountVectorizer.toJSON}'s document. */
export const COUNT_VECTORIZER_FORMAT = 'logreg-wasm/count-vectorizer';

/** What {@link CountVectorizer.toJSON} returns: the options and the vocabulary's terms in column order. */
export type CountVectorizerJSON = TextModelDocument<typeof COUNT_VECTORIZER_FORMAT, { featureNames: string[] }>;

/** The options of a vectorizer with a vocabulary ({@link CountVectorizer}, and so `TfidfVectorizer`). */
export interface VocabularyOptions<D extends Dtype = Dtype> extends CountOptions {
  /**
   * A fixed vocabulary instead of one learnt by `fit`: the terms in column order, or a Map
   * or object from term to column (columns 0…size − 1, each once); `minDf`, `maxDf` and
   * `maxFeatures` are then ignored, as in scikit-learn. null learns the vocabulary.
   * @default null
   */
  vocabulary?: FixedVocabulary | null | undefined;
  /**
   * How the output's values are stored.
   * @default 'float64'
   */
  dtype?: D | undefined;
}

/** Options of {@link CountVectorizer}: scikit-learn's parameters camelCased. */
export type CountVectorizerOptions<D extends Dtype = Dtype> = VocabularyOptions<D>;

/**
 * Every option but `vocabulary`, checked and with its default, is a property of the
 * vectorizer, documented in {@link CountVectorizerOptions}; `vocabulary` is the fitted
 * vocabulary (scikit-learn's `vocabulary_`).
 */
export interface CountVectorizer<D extends Dtype = 'float64'> extends Readonly<Omit<Params, 'vocabulary' | 'dtype'>> {
  readonly dtype: D;
}

/**
 * Counts terms, as scikit-learn 1.2's `CountVectorizer`: `fit` learns a vocabulary (every
 * word n-gram or character n-gram of the documents, pruned by `minDf`, `maxDf` and
 * `maxFeatures`, sorted as Python sorts strings, by code point) and `transform` counts each
 * document's terms over it. Feature names, counts and pruning equal scikit-learn's on any
 * Unicode text, ties of `maxFeatures` included.
 *
 * `transform` and `fitTransform` return a new {@link CsrMatrix} that the caller owns and
 * releases with `dispose()`.
 *
 * @example
 * ```ts
 * const vectorizer = new CountVectorizer({ stopWords: 'english' });
 * const X = vectorizer.fitTransform(['The cat sat on the mat.', 'A cat and a dog.']);
 * vectorizer.getFeatureNamesOut(); // ['cat', 'dog', 'mat', 'sat']
 * X.toDense().toArray();           // [[1, 0, 1, 1], [1, 1, 0, 0]]
 * X.dispose();
 * ```
 */
export class CountVectorizer<D extends Dtype = 'float64'> {
  readonly #params: Params;
  #vocabulary: Vocabulary | null = null;

  /**
   * @param options - see {@link CountVectorizerOptions}.
   * @throws TypeError for an unknown option name (suggesting the camelCase form of
   *   scikit-learn's name) or a value of the wrong kind; RangeError for a value out of
   *   range, a token pattern other than the supported ones, or a fixed vocabulary that is
   *   empty, repeats a term or skips a column.
   */
  constructor(options: CountVectorizerOptions<D> = {}) {
    this.#params = resolveTextOptions(NAME, options, COUNT_VECTORIZER_OPTION_NAMES);
    const { vocabulary, ...properties } = this.#params;
    Object.assign(this, properties);
    // A fixed vocabulary needs no fit, as in scikit-learn.
    if (vocabulary !== null) this.#vocabulary = new Vocabulary(vocabulary);
  }

  /**
   * Learns the vocabulary of the documents (with a fixed vocabulary, only checks them),
   * replacing any earlier fit. A failed call leaves the vectorizer as it was.
   * @param docs - the documents, an array of strings (at least one).
   * @returns this vectorizer.
   * @throws TypeError for docs that is not an array or a document that is not a string
   *   (naming `docs[i]`); RangeError for an empty array, documents without any term
   *   (scikit-learn's "empty vocabulary"), minDf above maxDf in documents, or pruning that
   *   leaves no term.
   */
  fit(docs: readonly string[]): this {
    this.#vocabulary = Vocabulary.fit(`${NAME}.fit`, docs, this.#params).vocabulary;
    return this;
  }

  /**
   * Learns the vocabulary and returns the documents' counts over it: the same as
   * `fit(docs).transform(docs)`, in one pass.
   * @returns a new docs.length × vocabulary size {@link CsrMatrix}; the caller disposes it.
   * @throws as {@link CountVectorizer.fit}.
   */
  fitTransform(docs: readonly string[]): CsrMatrix<D> {
    const { vocabulary, X } = Vocabulary.fit(`${NAME}.fitTransform`, docs, this.#params);
    const matrix = csrFromCanonical(X, this.#params.dtype as D);
    this.#vocabulary = vocabulary;
    return matrix;
  }

  /**
   * Each document's counts of the vocabulary's terms (other terms are ignored; with
   * `binary`, 1 for each term present), canonical CSR.
   * @param docs - the documents, an array of strings (an empty array gives 0 rows).
   * @returns a new docs.length × vocabulary size {@link CsrMatrix}; the caller disposes it.
   * @throws NotFittedError before `fit` (unless the vocabulary is fixed); TypeError for
   *   docs that is not an array or a document that is not a string (naming `docs[i]`).
   */
  transform(docs: readonly string[]): CsrMatrix<D> {
    const where = `${NAME}.transform`;
    const X = this.#state(where).count(where, docs, this.#params);
    return csrFromCanonical(X, this.#params.dtype as D);
  }

  /**
   * Each term's column (scikit-learn's `vocabulary_`), as a new Map: any string is a key,
   * `__proto__` and `constructor` included.
   * @throws NotFittedError before `fit` (unless the vocabulary is fixed).
   */
  get vocabulary(): Map<string, number> {
    return this.#state(`${NAME}.vocabulary`).toMap();
  }

  /**
   * The terms in column order (scikit-learn's `get_feature_names_out()`): column j of
   * `transform`'s output counts the j-th. A new array.
   * @throws NotFittedError before `fit` (unless the vocabulary is fixed).
   */
  getFeatureNamesOut(): string[] {
    return [...this.#state(`${NAME}.getFeatureNamesOut`).terms];
  }

  /**
   * The fitted vectorizer as plain JSON: `{ format, version, options, model: {
   * featureNames } }`, every option with its default filled in.
   * {@link CountVectorizer.fromJSON} reads it back.
   * @throws NotFittedError before `fit` (unless the vocabulary is fixed).
   * @example
   * ```ts
   * const text = JSON.stringify(new CountVectorizer().fit(['a cat', 'the dog']));
   * CountVectorizer.fromJSON(text).getFeatureNamesOut(); // ['cat', 'dog', 'the']
   * ```
   */
  toJSON(): CountVectorizerJSON {
    const featureNames = [...this.#state(`${NAME}.toJSON`).terms];
    return { format: COUNT_VECTORIZER_FORMAT, version: TEXT_MODEL_VERSION, options: structuredClone(this.#params), model: { featureNames } };
  }

  /**
   * Rebuilds a fitted vectorizer from {@link CountVectorizer.toJSON}'s document (an object
   * or its JSON text), checked as untrusted input.
   * @throws TypeError for text that is not JSON or a field of the wrong kind; RangeError for
   *   another format, a newer version, an option out of range, or feature names that are
   *   empty, repeated, or differ from a fixed vocabulary (the messages name the field).
   */
  static fromJSON(input: unknown): CountVectorizer<Dtype> {
    const where = `${NAME}.fromJSON`;
    const { options, model } = readTextDocument(where, input, COUNT_VECTORIZER_FORMAT);
    const vectorizer = new CountVectorizer(resolveTextOptions(`${where}: options`, options, COUNT_VECTORIZER_OPTION_NAMES));
    vectorizer.#vocabulary = readVocabularyModel(where, model, vectorizer.#params.vocabulary);
    return vectorizer;
  }

  #state(what: string): Vocabulary {
    if (this.#vocabulary === null) throw new NotFittedError(what, NAME, 'fit(docs)');
    return this.#vocabulary;
  }
}

/**
 * The stored `model.featureNames` as a {@link Vocabulary}: distinct strings, equal to the
 * fixed vocabulary when there is one.
 * @throws TypeError / RangeError naming the field.
 */
export function readVocabularyModel(where: string, model: unknown, fixed: readonly string[] | null): Vocabulary {
  const terms = readFeatureNames(where, field(where, jsonObject(where, model, 'model'), 'featureNames', 'model'), 'model.featureNames');
  if (fixed !== null && (fixed.length !== terms.length || fixed.some((term, j) => term !== terms[j]))) {
    throw new RangeError(`${where}: model.featureNames must equal options.vocabulary, the fixed vocabulary, in column order`);
  }
  return new Vocabulary(terms);
}
