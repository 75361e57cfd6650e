/**
 * The one test of "array-like" every argument reader applies before indexing.
 * @module
 */

/**
 * True for an object whose `length` is an integer ≥ 0: a plain array, a typed array, or
 * any `{ length, 0: …, 1: … }` object (a negative, fractional or unsafe length would make
 * every reader's loop or allocation go wrong). A string is not array-like here (it is no object), so
 * a string where labels or rows belong is reported by kind instead of read character by
 * character.
 * @example
 * ```ts
 * isArrayLike(Float64Array.of(1)); // true
 * isArrayLike('ab');                // false
 * ```
 */
export function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  if (value === null || typeof value !== 'object') return false;
  const length = (value as ArrayLike<unknown>).length;
  return typeof length === 'number' && Number.isSafeInteger(length) && length >= 0;
}
