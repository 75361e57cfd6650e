/**
 * The {@link TfidfTransformer} class: scikit-learn's `TfidfTransformer` on `learnIdf` and
 * `weigh`.
 * @module
 */
import type { Dtype } from '../matrix.js';
import { type CsrData, CsrMatrix, csrFromCanonical } from '../sparse/csr-matrix.js';
import { describeKind } from '../validate/describe.js';
import { checkInteger } from '../validate/options.js';
import type { HashedCsr } from './hashing.js';
import { NotFittedError } from '../errors.js';
import { resolveTextOptions } from './options.js';
import { jsonObject, field, readIdf, readTextDocument, TEXT_MODEL_VERSION, type TextModelDocument } from './text-json.js';
import { learnIdf, readCsr, TFIDF_OPTION_NAMES, type TfidfOptions, type TfidfParams, weigh } from './tfidf.js';

const NAME = 'TfidfTransformer';

/** The `format` of {@link TfidfTransformer.toJSON}'s document. */
export const TFIDF_TRANSFORMER_FORMAT = 'logreg-wasm/tfidf-transformer';

/** What {@link TfidfTransformer.toJSON} returns: the options, the number of columns fitted and the idf (null without `useIdf`). */
export type TfidfTransformerJSON = TextModelDocument<typeof TFIDF_TRANSFORMER_FORMAT, { nFeatures: number; idf: number[] | null }>;

/** Options of {@link TfidfTransformer}: scikit-learn's parameters camelCased. */
export type TfidfTransformerOptions = TfidfOptions;

/**
 * Every option, checked and with its default, is a property of the transformer,
 * documented in {@link TfidfTransformerOptions} (`transformer.norm`, `transformer.useIdf`, …).
 */
export interface TfidfTransformer extends Readonly<TfidfParams> {}

interface Fitted {
  readonly nFeatures: number;
  readonly idf: Float64Array | null;
}

/**
 * Reweights a count matrix by tf-idf, as scikit-learn 1.2's `TfidfTransformer`: `fit`
 * learns each column's inverse document frequency, idf = ln((n + 1) / (df + 1)) + 1
 * (ln(n / df) + 1 without `smoothIdf`); `transform` replaces each count v by v · idf (by
 * (ln(v) + 1) · idf with `sublinearTf`) and scales each row to unit norm. Entries equal
 * scikit-learn's; where a logarithm is taken they agree to a few units in the last place
 * (the library takes glibc's logarithm, the same in every JavaScript engine, and numpy's
 * vectorised log differs from it in the last bit for some inputs), and otherwise bit for bit.
 *
 * X is a {@link CsrMatrix} (as `CountVectorizer` returns) or its arrays ({@link CsrData});
 * its values are read as float64 and the output has X's dtype (for float32, each value is
 * computed in float64 and rounded once, where scikit-learn computes in float32).
 * `transform` returns a new CsrMatrix that the caller owns and releases with `dispose()`.
 *
 * @example
 * ```ts
 * const counts = new CountVectorizer().fitTransform(['the cat', 'the dog', 'the cat sat']);
 * const tfidf = new TfidfTransformer();
 * const X = tfidf.fitTransform(counts);
 * tfidf.idf; // Float64Array [1.2876820724517808, 1.6931471805599454, 1.6931471805599454, 1]
 * X.dispose();
 * counts.dispose();
 * ```
 */
export class TfidfTransformer {
  readonly #params: TfidfParams;
  #fitted: Fitted | null = null;

  /**
   * @param options - see {@link TfidfTransformerOptions}.
   * @throws TypeError for an unknown option name or a value of the wrong kind; RangeError
   *   for a norm other than 'l2', 'l1' or null.
   */
  constructor(options: TfidfTransformerOptions = {}) {
    this.#params = resolveTextOptions(NAME, options, TFIDF_OPTION_NAMES);
    Object.assign(this, this.#params);
  }

  /**
   * Learns the idf of the counts X (n × d), replacing any earlier fit; without `useIdf`
   * only the number of columns. A failed call leaves the transformer as it was.
   * @param X - the counts: a {@link CsrMatrix} or {@link CsrData}, finite values.
   * @returns this transformer.
   * @throws TypeError / RangeError for an X that is neither (or malformed, as
   *   `CsrMatrix.from` reports it), or disposed; RangeError without `smoothIdf` for a
   *   column in no row (its idf would be infinite).
   */
  fit(X: CsrMatrix<Dtype> | CsrData): this {
    this.#fit(`${NAME}.fit`, X);
    return this;
  }

  /**
   * The counts X reweighted: v · idf (or (ln(v) + 1) · idf with `sublinearTf`; v without
   * `useIdf`), entries that become 0 dropped as scipy drops them, each row scaled to unit
   * `norm`.
   * @param X - counts with as many columns as the fitted ones.
   * @returns a new {@link CsrMatrix} of X's dtype; the caller disposes it.
   * @throws NotFittedError before `fit`; RangeError when X's column count differs from
   *   fit's; TypeError / RangeError for a malformed X.
   */
  transform(X: CsrMatrix<Dtype> | CsrData): CsrMatrix<Dtype> {
    const where = `${NAME}.transform`;
    const fitted = this.#state(where);
    const counts = readCounts(where, X);
    if (counts.cols !== fitted.nFeatures) {
      throw new RangeError(`${where}: X has ${counts.cols} columns; the transformer was fitted with ${fitted.nFeatures}`);
    }
    return csrFromCanonical(weigh(counts, fitted.idf, this.#params), dtypeOf(X));
  }

  /**
   * `fit(X)` then `transform(X)`, reading X once.
   * @throws as {@link TfidfTransformer.fit}.
   */
  fitTransform(X: CsrMatrix<Dtype> | CsrData): CsrMatrix<Dtype> {
    const counts = this.#fit(`${NAME}.fitTransform`, X);
    return csrFromCanonical(weigh(counts, this.#fitted!.idf, this.#params), dtypeOf(X));
  }

  /**
   * Each column's idf (scikit-learn's `idf_`), a new array; null when `useIdf` is false.
   * @throws NotFittedError before `fit`.
   */
  get idf(): Float64Array | null {
    return this.#state(`${NAME}.idf`).idf?.slice() ?? null;
  }

  /** Number of columns seen by `fit` (scikit-learn's `n_features_in_`). @throws NotFittedError before `fit`. */
  get nFeaturesIn(): number {
    return this.#state(`${NAME}.nFeaturesIn`).nFeatures;
  }

  /**
   * The fitted transformer as plain JSON: `{ format, version, options, model: { nFeatures,
   * idf } }` (idf null without `useIdf`; numbers round-trip exactly through JSON text).
   * {@link TfidfTransformer.fromJSON} reads it back.
   * @throws NotFittedError before `fit`.
   */
  toJSON(): TfidfTransformerJSON {
    const { nFeatures, idf } = this.#state(`${NAME}.toJSON`);
    const model = { nFeatures, idf: idf === null ? null : Array.from(idf) };
    return { format: TFIDF_TRANSFORMER_FORMAT, version: TEXT_MODEL_VERSION, options: structuredClone(this.#params), model };
  }

  /**
   * Rebuilds a fitted transformer from {@link TfidfTransformer.toJSON}'s document (an
   * object or its JSON text), checked as untrusted input.
   * @throws TypeError for text that is not JSON or a field of the wrong kind; RangeError for
   *   another format, a newer version, an option out of range, or an idf whose length is
   *   not nFeatures, or that is present without `useIdf` (or absent with it), or holds a
   *   value below 1 or not finite (the messages name the field).
   */
  static fromJSON(input: unknown): TfidfTransformer {
    const where = `${NAME}.fromJSON`;
    const { options, model } = readTextDocument(where, input, TFIDF_TRANSFORMER_FORMAT);
    const transformer = new TfidfTransformer(resolveTextOptions(`${where}: options`, options, TFIDF_OPTION_NAMES));
    const stored = jsonObject(where, model, 'model');
    const nFeatures = checkInteger(where, 'model.nFeatures', field(where, stored, 'nFeatures', 'model'), 1, 2 ** 31 - 1);
    transformer.#fitted = { nFeatures, idf: readStoredIdf(where, field(where, stored, 'idf', 'model'), nFeatures, transformer.useIdf) };
    return transformer;
  }

  #fit(where: string, X: CsrMatrix<Dtype> | CsrData): HashedCsr {
    const counts = readCounts(where, X);
    this.#fitted = { nFeatures: counts.cols, idf: learnIdf(where, counts, this.#params) };
    return counts;
  }

  #state(what: string): Fitted {
    if (this.#fitted === null) throw new NotFittedError(what, NAME, 'fit(X)');
    return this.#fitted;
  }
}

/**
 * The stored idf: `length` numbers ≥ 1 with `useIdf`, null without.
 * @throws TypeError / RangeError naming `model.idf`.
 * @example
 * ```ts
 * readStoredIdf('demo', null, 3, false); // null
 * ```
 */
export function readStoredIdf(where: string, value: unknown, length: number, useIdf: boolean): Float64Array | null {
  if (!useIdf && value !== null) throw new RangeError(`${where}: model.idf must be null when options.useIdf is false, got ${describeKind(value)}`);
  if (useIdf && value === null) throw new RangeError(`${where}: model.idf must be an array of ${length} numbers when options.useIdf is true, got null`);
  return readIdf(where, value, 'model.idf', length);
}

/** X's counts as canonical float64 CSR arrays, read out of a CsrMatrix or checked from CsrData. */
function readCounts(where: string, X: CsrMatrix<Dtype> | CsrData): HashedCsr {
  return readCsr(where, X instanceof CsrMatrix ? X.toData() : X);
}

/** The dtype of the output: X's (a Float32Array of values is float32, as `CsrMatrix.from` reads it). */
function dtypeOf(X: CsrMatrix<Dtype> | CsrData): Dtype {
  if (X instanceof CsrMatrix) return X.dtype;
  return X.values instanceof Float32Array ? 'float32' : 'float64';
}
