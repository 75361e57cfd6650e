/**
 * The {@link HashingVectorizer} class: scikit-learn's `HashingVectorizer` on `hashDocuments`.
 * @module
 */
import type { Dtype } from '../matrix.js';
import { CsrMatrix, csrFromCanonical } from '../sparse/csr-matrix.js';
import { describeKind } from '../validate/describe.js';
import { checkDocuments } from './documents.js';
import { hashDocuments, HASHING_OPTION_NAMES, type HashingOptions } from './hashing.js';
import { resolveTextOptions, type TextParams } from './options.js';
import { readTextDocument, TEXT_MODEL_VERSION, type TextModelDocument } from './text-json.js';

const NAME = 'HashingVectorizer';
const OPTION_NAMES = [...HASHING_OPTION_NAMES, 'dtype'] as const;
type Params = Pick<TextParams, (typeof OPTION_NAMES)[number]>;

/** The `format` of {@link HashingVectorizer.toJSON}'s document. */
export const HASHING_VECTORIZER_FORMAT = 'logreg-wasm/hashing-vectorizer';

/** What {@link HashingVectorizer.toJSON} returns: the options; a HashingVectorizer learns nothing, so `model` is null. */
export type HashingVectorizerJSON = TextModelDocument<typeof HASHING_VECTORIZER_FORMAT, null>;

/** Options of {@link HashingVectorizer}: scikit-learn's parameters camelCased. */
export interface HashingVectorizerOptions<D extends Dtype = Dtype> extends HashingOptions {
  /**
   * How the output's values are stored: `'float32'` rounds each once from the float64
   * result, which equals scikit-learn's `dtype=np.float32` bit for bit (it also divides
   * in double precision before rounding).
   * @default 'float64'
   */
  dtype?: D | undefined;
}

/**
 * Every option, checked and with its default, is a property of the vectorizer, documented
 * in {@link HashingVectorizerOptions} (`vectorizer.nFeatures`, `vectorizer.ngramRange`, …).
 */
export interface HashingVectorizer<D extends Dtype = 'float64'> extends Readonly<Omit<Params, 'dtype'>> {
  readonly dtype: D;
}

/**
 * Turns documents into a sparse matrix of hashed features, as scikit-learn 1.2's
 * `HashingVectorizer`: each feature (a word n-gram, or a character n-gram) is hashed with
 * MurmurHash3 (x86, 32-bit, seed 0, on its UTF-8 bytes) into one of `nFeatures` columns,
 * with the hash's sign unless `alternateSign` is false; counts are summed and each row
 * normalised. The output equals scikit-learn's entry for entry, values bit for bit, on
 * any Unicode text (Python's `\w`, `\s` and `str.lower()` are reproduced from Python's
 * own tables).
 *
 * It learns nothing, so `transform` needs no `fit` (as in scikit-learn); `fit` only checks
 * the documents. `transform` returns a new {@link CsrMatrix} that the caller owns and
 * releases with `dispose()`.
 *
 * @example
 * ```ts
 * const vectorizer = new HashingVectorizer({ nFeatures: 2 ** 18, ngramRange: [1, 2] });
 * const X = vectorizer.transform(['The cat sat.', 'The dog sat on the cat.']);
 * [X.rows, X.cols]; // [2, 262144]
 * X.dispose();
 * ```
 */
export class HashingVectorizer<D extends Dtype = 'float64'> {
  readonly #params: Params;

  /**
   * @param options - see {@link HashingVectorizerOptions}.
   * @throws TypeError for an unknown option name (suggesting the camelCase form of
   *   scikit-learn's name) or a value of the wrong kind; RangeError for a value out of
   *   range or a token pattern other than the supported ones.
   */
  constructor(options: HashingVectorizerOptions<D> = {}) {
    this.#params = resolveTextOptions(NAME, options, OPTION_NAMES);
    Object.assign(this, this.#params);
  }

  /**
   * Checks the documents; there is nothing to learn.
   * @param docs - the documents, an array of strings (at least one).
   * @returns this vectorizer.
   * @throws TypeError for docs that is not an array or a document that is not a string
   *   (naming `docs[i]`); RangeError for an empty array.
   */
  fit(docs: readonly string[]): this {
    checkDocuments(`${NAME}.fit`, docs);
    return this;
  }

  /**
   * The documents' hashed features: a docs.length × nFeatures matrix, canonical (indices
   * increasing within each row), entries that cancelled to 0 stored as scikit-learn stores
   * them.
   * @param docs - the documents, an array of strings (at least one).
   * @returns a new {@link CsrMatrix} of dtype {@link HashingVectorizerOptions.dtype}; the
   *   caller disposes it.
   * @throws TypeError for docs that is not an array or a document that is not a string
   *   (naming `docs[i]`); RangeError for an empty array, or, with the 'char' and 'char_wb'
   *   analyzers, a document holding a lone surrogate (no UTF-8 form to hash; scikit-learn
   *   raises UnicodeEncodeError).
   */
  transform(docs: readonly string[]): CsrMatrix<D> {
    const csr = hashDocuments(`${NAME}.transform`, docs, this.#params);
    return csrFromCanonical(csr, this.#params.dtype as D);
  }

  /**
   * `fit(docs)` then `transform(docs)`.
   * @throws as {@link HashingVectorizer.transform}.
   */
  fitTransform(docs: readonly string[]): CsrMatrix<D> {
    return this.fit(docs).transform(docs);
  }

  /**
   * The vectorizer as plain JSON: `{ format, version, options, model: null }`, every
   * option with its default filled in. {@link HashingVectorizer.fromJSON} reads it back.
   * @example
   * ```ts
   * const text = JSON.stringify(new HashingVectorizer({ nFeatures: 1024 }));
   * HashingVectorizer.fromJSON(text).nFeatures; // 1024
   * ```
   */
  toJSON(): HashingVectorizerJSON {
    return { format: HASHING_VECTORIZER_FORMAT, version: TEXT_MODEL_VERSION, options: structuredClone(this.#params), model: null };
  }

  /**
   * Rebuilds a vectorizer from {@link HashingVectorizer.toJSON}'s document (an object or
   * its JSON text), checked as untrusted input.
   * @throws TypeError for text that is not JSON or a field of the wrong kind; RangeError for
   *   another format, a newer version, or an option out of range (the messages name the
   *   field).
   */
  static fromJSON(input: unknown): HashingVectorizer<Dtype> {
    const where = `${NAME}.fromJSON`;
    const { options, model } = readTextDocument(where, input, HASHING_VECTORIZER_FORMAT);
    if (model !== null) throw new TypeError(`${where}: model must be null (a HashingVectorizer learns nothing), got ${describeKind(model)}`);
    return new HashingVectorizer(resolveTextOptions(`${where}: options`, options, OPTION_NAMES));
  }
}
