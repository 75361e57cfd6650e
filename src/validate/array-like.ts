/**
 * The one test of "array-like" every argument reader applies before indexing.
 * @module
 */

/**
 * True for an object with a numeric `length`: a plain array, a typed array, or any
 * `{ length, 0: …, 1: … }` object. A string is not array-like here (it is no object), so
 * a string where labels or rows belong is reported by kind instead of read character by
 * character.
 * @example
 * ```ts
 * isArrayLike(Float64Array.of(1)); // true
 * isArrayLike('ab');                // false
 * ```
 */
export function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as ArrayLike<unknown>).length === 'number';
}
