/**
 * The one check of a `docs` argument, shared by every text function and class.
 * @module
 */
import { isArrayLike } from '../validate/array-like.js';
import { describeKind } from '../validate/describe.js';

/**
 * Refuses anything but an array of strings, naming the first document that is not one.
 * @param where - the caller's name, the prefix of messages.
 * @param allowEmpty - accept an array of no documents (a transform may produce 0 rows;
 *   fitting and hashing need at least one, as scikit-learn does).
 * @throws TypeError for docs that is not an array (a single string included) or a
 *   document that is not a string; RangeError for an empty array unless `allowEmpty`.
 * @example
 * ```ts
 * checkDocuments('demo', ['a', 3]); // TypeError: demo: docs[1] must be a string, got a number
 * ```
 */
export function checkDocuments(where: string, docs: unknown, allowEmpty = false): asserts docs is readonly string[] {
  if (!isArrayLike(docs)) throw new TypeError(`${where}: docs must be an array of strings, got ${describeKind(docs)}`);
  if (docs.length === 0 && !allowEmpty) throw new RangeError(`${where}: docs must hold at least one document, got an array of length 0`);
  for (let r = 0; r < docs.length; r++) {
    if (typeof docs[r] !== 'string') throw new TypeError(`${where}: docs[${r}] must be a string, got ${describeKind(docs[r])}`);
  }
}
