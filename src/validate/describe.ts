/**
 * How error messages show a value the caller got wrong, after "got". Each public area's
 * messages are part of its API, so there are four spellings, one per kind of argument;
 * every message in the library uses one of them.
 * @module
 */

/**
 * A short description of a value's kind: "null", "a string", "an array of length 3",
 * "a Float32Array", "an object (Map)". For arguments whose value itself says nothing
 * useful (an array where a matrix belongs).
 */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return `a ${typeof value}`;
}

/**
 * For an option that takes one of some strings: a string quoted (`'fast'`), so a misspelt
 * choice shows as typed; anything else by {@link describeKind}.
 */
export function describeString(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : describeKind(value);
}

/**
 * For an option that takes strings or numbers: a string quoted, a number as written
 * (`2`), anything else by {@link describeKind}.
 */
export function describeValue(value: unknown): string {
  return typeof value === 'number' ? String(value) : describeString(value);
}

/**
 * The dataset functions' spelling (makeClassification, trainTestSplit): numbers and
 * booleans as written, a string as `the string "20"`, `an array`, `null`, and otherwise
 * the bare `typeof` (`undefined`, `object`).
 */
export function describeLiteral(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return typeof value;
}
