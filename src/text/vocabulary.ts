/**
 * What `CountVectorizer` and `TfidfVectorizer` learn: the terms, one per column, and how
 * documents are counted over them.
 * @module
 */
import { analyzerFor } from './analyzer.js';
import { countDocuments, countFit, type CountParams, vocabularyMap } from './count.js';
import { checkDocuments } from './documents.js';
import type { HashedCsr } from './hashing.js';

/** The options a vocabulary is fitted and applied with: {@link CountParams} and a fixed vocabulary (or null). */
export type VocabularyParams = CountParams & { readonly vocabulary: readonly string[] | null };

/**
 * A vocabulary: its terms in column order (`get_feature_names_out()`) and each term's
 * column (`vocabulary_`), kept in a Map so that any string — `__proto__`, `constructor` —
 * is a term like any other.
 * @example
 * ```ts
 * const { vocabulary, X } = Vocabulary.fit('demo', ['the cat', 'the dog'], params);
 * vocabulary.terms; // ['cat', 'dog', 'the']
 * vocabulary.toMap().get('the'); // 2
 * ```
 */
export class Vocabulary {
  /** The terms; column j is terms[j]. Frozen. */
  readonly terms: readonly string[];
  readonly #columns: ReadonlyMap<string, number>;

  /**
   * @param terms - distinct strings, already checked.
   * @param columns - each term's column, when the caller has it already.
   */
  constructor(terms: readonly string[], columns: ReadonlyMap<string, number> = vocabularyMap(terms)) {
    this.terms = Object.isFrozen(terms) ? terms : Object.freeze([...terms]);
    this.#columns = columns;
  }

  /** Each term's column, as a new Map (the caller may keep or change it). */
  toMap(): Map<string, number> {
    return new Map(this.#columns);
  }

  /**
   * The vocabulary `params` gives for `docs` and the documents' counts over it: the fixed
   * vocabulary as it is (no pruning, as scikit-learn), or the one learnt from the
   * documents (`countFit`).
   * @param where - the caller's name, the prefix of messages.
   * @throws TypeError / RangeError for bad documents, and as `countFit` for a vocabulary
   *   that is empty or pruned away.
   */
  static fit(where: string, docs: unknown, params: VocabularyParams): { vocabulary: Vocabulary; X: HashedCsr } {
    checkDocuments(where, docs);
    if (params.vocabulary !== null) {
      const vocabulary = new Vocabulary(params.vocabulary);
      return { vocabulary, X: vocabulary.count(where, docs, params) };
    }
    const { featureNames, vocabulary, X } = countFit(where, docs, params);
    return { vocabulary: new Vocabulary(featureNames, vocabulary), X };
  }

  /**
   * The documents' counts over this vocabulary (terms outside it are ignored), canonical
   * CSR with one row per document (none for an empty array).
   * @throws TypeError for docs that is not an array of strings, naming the first bad one.
   */
  count(where: string, docs: unknown, params: CountParams): HashedCsr {
    checkDocuments(where, docs, true);
    return countDocuments(docs, analyzerFor(params), this.#columns, params.binary);
  }
}
