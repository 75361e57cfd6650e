/**
 * The JSON documents of the text classes (`toJSON`/`fromJSON`), in the estimator's house
 * style: `{ format, version, options, model }`, plain JSON (strings, numbers, booleans,
 * null, arrays, objects), so a model file can embed them. Reading treats the input as
 * untrusted: every field is checked for kind, shape and finiteness before it is used, and
 * sizes come from the arrays present, never from a declared count.
 * @module
 */
import { describeKind, describeValue } from '../validate/describe.js';

/** The newest `version` of the text documents this library writes and reads. */
export const TEXT_MODEL_VERSION = 1;

/**
 * A text class's stored form.
 * @typeParam F - its `format`, e.g. `'logreg-wasm/count-vectorizer'`.
 * @typeParam M - what it learnt (null for a class that learns nothing).
 */
export interface TextModelDocument<F extends string, M> {
  /** Which class wrote it. */
  format: F;
  /** The version of the format; readers refuse newer ones. */
  version: number;
  /** Every option, checked, with its default filled in. */
  options: Record<string, unknown>;
  /** What `fit` learnt. */
  model: M;
}

/**
 * A stored document's options and model, checked as far as their envelope goes: an
 * object (or its JSON text) of this `format` and a supported version, with an `options`
 * object and a `model` field. The caller checks the options (through the class's own
 * option checks) and the model's fields.
 * @param where - `'CountVectorizer.fromJSON'`, the prefix of messages.
 * @throws TypeError for text that is not JSON or a field of the wrong kind; RangeError for
 *   another format or a newer version.
 * @example
 * ```ts
 * const doc = '{"format":"logreg-wasm/hashing-vectorizer","version":1,"options":{},"model":null}';
 * readTextDocument('demo', doc, 'logreg-wasm/hashing-vectorizer'); // { options: {}, model: null }
 * ```
 */
export function readTextDocument(where: string, input: unknown, format: string): { options: Record<string, unknown>; model: unknown } {
  let parsed = input;
  if (typeof input === 'string') {
    try {
      parsed = JSON.parse(input);
    } catch (cause) {
      throw new TypeError(`${where}: the text is not JSON (${(cause as Error).message})`, { cause });
    }
  }
  const doc = jsonObject(where, parsed, 'the document');
  const given = field(where, doc, 'format', 'the document');
  if (given !== format) throw new RangeError(`${where}: format must be '${format}', got ${describeValue(given)}`);
  const version = field(where, doc, 'version', 'the document');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new RangeError(`${where}: version must be a positive integer, got ${describeValue(version)}`);
  }
  if (version > TEXT_MODEL_VERSION) {
    throw new RangeError(`${where}: this document was written by a newer logreg-wasm (format version ${version}); this version reads up to ${TEXT_MODEL_VERSION}`);
  }
  return { options: jsonObject(where, field(where, doc, 'options', 'the document'), 'options'), model: field(where, doc, 'model', 'the document') };
}

/**
 * `value` as an object (not an array, not null), or a TypeError naming `path`.
 * @example
 * ```ts
 * jsonObject('demo', [], 'model'); // TypeError: demo: model must be an object, got an array of length 0
 * ```
 */
export function jsonObject(where: string, value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${where}: ${path} must be an object, got ${describeKind(value)}`);
  }
  return value as Record<string, unknown>;
}

/**
 * An own property of `object` (never one inherited through `__proto__` or `constructor`).
 * @example
 * ```ts
 * field('demo', {}, 'constructor', 'model'); // TypeError: demo: model has no 'constructor' field
 * ```
 */
export function field(where: string, object: Record<string, unknown>, key: string, path: string): unknown {
  if (!Object.hasOwn(object, key)) throw new TypeError(`${where}: ${path} has no '${key}' field`);
  return object[key];
}

/**
 * The stored feature names: an array of distinct strings, at least one.
 * @throws TypeError for a non-array or a non-string entry; RangeError for an empty array
 *   or a repeated name.
 * @example
 * ```ts
 * readFeatureNames('demo', ['a', 'a'], 'model.featureNames'); // RangeError: … got 'a' again at 1
 * ```
 */
export function readFeatureNames(where: string, value: unknown, path: string): string[] {
  if (!Array.isArray(value)) throw new TypeError(`${where}: ${path} must be an array of strings, got ${describeKind(value)}`);
  if (value.length === 0) throw new RangeError(`${where}: ${path} must hold at least one term, got an empty array`);
  const seen = new Set<string>();
  for (let j = 0; j < value.length; j++) {
    const name: unknown = value[j];
    if (typeof name !== 'string') throw new TypeError(`${where}: ${path}[${j}] is ${describeKind(name)}; expected a string`);
    if (seen.has(name)) throw new RangeError(`${where}: ${path} must hold distinct terms, got ${describeValue(name)} again at ${j}`);
    seen.add(name);
  }
  return value as string[];
}

/**
 * The stored idf: null (fitted without `useIdf`), or `length` finite numbers ≥ 1 (every
 * idf, ln(n / df) + 1 with df ≤ n, is at least 1).
 * @throws TypeError for a wrong kind; RangeError for a wrong length or a value out of range.
 * @example
 * ```ts
 * readIdf('demo', [1, 1.5], 'model.idf', 2); // Float64Array [1, 1.5]
 * ```
 */
export function readIdf(where: string, value: unknown, path: string, length: number): Float64Array | null {
  if (value === null) return null;
  if (!Array.isArray(value)) throw new TypeError(`${where}: ${path} must be an array of numbers or null, got ${describeKind(value)}`);
  if (value.length !== length) throw new RangeError(`${where}: ${path} has ${value.length} values; expected ${length}, one per feature`);
  const idf = new Float64Array(length);
  for (let j = 0; j < length; j++) {
    const v: unknown = value[j];
    if (typeof v !== 'number') throw new TypeError(`${where}: ${path}[${j}] is ${describeKind(v)}; expected a number`);
    if (!(v >= 1) || !Number.isFinite(v)) throw new RangeError(`${where}: ${path}[${j}] is ${String(v)}; an idf is a finite number ≥ 1`);
    idf[j] = v;
  }
  return idf;
}
