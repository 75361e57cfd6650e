/**
 * Checks for option objects: unknown names, numbers in range, booleans, choices. Shared
 * by every public entry point that takes `{ ... }` options; an option whose rule is its
 * own (a size that is a count or a fraction, 'auto' or a number) is checked next to its
 * function, with these wordings.
 * @module
 */
import { describeKind, describeLiteral, describeString } from './describe.js';

/**
 * How a message ends with what it got. The library writes `, got a string`
 * ({@link LIBRARY_WORDING}); the scikit-learn dataset ports (makeClassification,
 * trainTestSplit) write `; got the string "yes"` ({@link DATASET_WORDING}).
 */
export type Wording = (value: unknown) => string;

/** `, got a string`: the value's kind, by {@link describeKind}. */
export const LIBRARY_WORDING: Wording = (value) => `, got ${describeKind(value)}`;

/** `; got the string "yes"`, `; got 4`: the value, by {@link describeLiteral}. */
export const DATASET_WORDING: Wording = (value) => `; got ${describeLiteral(value)}`;

/**
 * Throws a TypeError naming the first key of `options` that is not in `known`
 * (with a camelCase suggestion for scikit-learn's snake_case spelling).
 */
export function checkOptionNames(where: string, options: object, known: readonly string[]): void {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object, got ${describeKind(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const hint = camel !== key && known.includes(camel) ? `; did you mean '${camel}'?` : '';
    throw new TypeError(`${where}: unknown option '${key}'${hint} (known options: ${known.join(', ')})`);
  }
}

/**
 * A number > 0: finite, or also `Infinity` when `infinity` names what Infinity means
 * (it is then quoted in the message, e.g. "Infinity for no penalty").
 */
export function checkPositive(where: string, name: string, value: unknown, infinity: string | null = null): number {
  if (typeof value !== 'number') throw new TypeError(`${where}: ${name} must be a number, got ${describeKind(value)}`);
  if (!(value > 0) || (value === Infinity && infinity === null)) {
    const expected = infinity === null ? 'a finite number > 0' : `a number > 0 (Infinity ${infinity})`;
    throw new RangeError(`${where}: ${name} must be ${expected}, got ${String(value)}`);
  }
  return value;
}

/** A finite number ≥ 0. */
export function checkNonNegative(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${where}: ${name} must be a number, got ${describeKind(value)}`);
  if (!(value >= 0) || !Number.isFinite(value)) {
    throw new RangeError(`${where}: ${name} must be a finite number ≥ 0, got ${String(value)}`);
  }
  return value;
}

/** An integer in [min, max]. */
export function checkInteger(where: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number') throw new TypeError(`${where}: ${name} must be a number, got ${describeKind(value)}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${where}: ${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

/** A boolean. */
export function checkBoolean(where: string, name: string, value: unknown, wording: Wording = LIBRARY_WORDING): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${where}: ${name} must be a boolean${wording(value)}`);
  return value;
}

/** A function, or (when `orNull`) a function or null: a callback option. */
export function checkFunction<T>(where: string, name: string, value: unknown, orNull = false): T {
  if (typeof value !== 'function' && !(orNull && value === null)) {
    throw new TypeError(`${where}: ${name} must be a function${orNull ? ' or null' : ''}, got ${describeKind(value)}`);
  }
  return value as T;
}

/** One of the listed strings. */
export function checkChoice<T extends string>(where: string, name: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new RangeError(`${where}: ${name} must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describeString(value)}`);
  }
  return value as T;
}

/**
 * A `columns` option: null or undefined (the caller's default), or an array of column names.
 * @throws TypeError for anything else, or an array holding something other than strings.
 * @example
 * checkColumnNames('readParquet', ['x1', 'x2']); // ['x1', 'x2']
 */
export function checkColumnNames(where: string, value: unknown): readonly string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.some((name) => typeof name !== 'string')) {
    throw new TypeError(`${where}: columns must be an array of column names${LIBRARY_WORDING(value)}`);
  }
  return value as readonly string[];
}
