/**
 * Class labels: numbers, strings or booleans, sorted as scikit-learn (numpy) sorts them,
 * and their encoding as class indices.
 * @module
 */
import { describeKind } from './describe.js';

/** A class label. One model's labels are all of one kind. */
export type Label = number | string | boolean;

/** Labels encoded as indices into the sorted `classes`. */
export interface EncodedLabels {
  /** The distinct labels, sorted: numbers numerically, strings by code point, false before true. */
  readonly classes: Label[];
  /** For each sample, the index of its label in `classes`. */
  readonly indices: Int32Array;
  /** For each class, how many samples carry it. */
  readonly counts: Int32Array;
}

/**
 * Orders two labels of one kind as numpy's sort does: numbers numerically, strings by
 * Unicode code point (not UTF-16 unit, so astral characters sort after U+FFFF), false < true.
 */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const ai = a[Symbol.iterator]();
    const bi = b[Symbol.iterator]();
    for (;;) {
      const x = ai.next();
      const y = bi.next();
      if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
      const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
      if (d !== 0) return d;
    }
  }
  return Number(a) - Number(b);
}

/**
 * Checks `y` (length `rows`) and encodes it.
 * @throws TypeError when y is not array-like, holds something other than a number, string
 * or boolean, or mixes kinds; RangeError for a length mismatch or a non-finite number.
 */
export function encodeLabels(y: unknown, rows: number, name: string): EncodedLabels {
  if (y === null || typeof y !== 'object' || typeof (y as ArrayLike<unknown>).length !== 'number') {
    throw new TypeError(`${name} must be an array of labels, got ${describeKind(y)}`);
  }
  const values = y as ArrayLike<unknown>;
  if (values.length !== rows) throw new RangeError(`${name} has ${values.length} labels; X has ${rows} rows`);
  const kind = rows > 0 ? typeof values[0] : 'number';
  if (kind === 'number') {
    const fast = encodeSmallIntegers(values, rows);
    if (fast !== null) return fast;
  }
  const seen = new Map<Label, number>();
  for (let i = 0; i < rows; i++) {
    const value = values[i];
    const t = typeof value;
    if (t !== 'number' && t !== 'string' && t !== 'boolean') {
      throw new TypeError(`${name} has ${describeKind(value)} at index ${i}; labels must be numbers, strings or booleans`);
    }
    if (t !== kind) {
      throw new TypeError(`${name} mixes label kinds: index 0 is a ${kind}, index ${i} is a ${t}`);
    }
    if (t === 'number' && !Number.isFinite(value)) {
      throw new RangeError(`${name} contains ${String(value)} at index ${i}; labels must be finite`);
    }
    if (t === 'number' && !Number.isInteger(value)) {
      // scikit-learn's type_of_target calls this "continuous" and refuses it: real-valued
      // y is a regression target, not class labels.
      throw new RangeError(
        `${name} has the non-integer label ${String(value)} at index ${i}; class labels must be integers, strings or booleans (a continuous target is a regression problem)`,
      );
    }
    if (!seen.has(value as Label)) seen.set(value as Label, 0);
  }
  const classes = [...seen.keys()].sort(compareLabels);
  classes.forEach((label, k) => seen.set(label, k));
  const indices = new Int32Array(rows);
  const counts = new Int32Array(classes.length);
  for (let i = 0; i < rows; i++) {
    const k = seen.get(values[i] as Label) as number;
    indices[i] = k;
    counts[k]! += 1;
  }
  return { classes, indices, counts };
}

/** {@link encodeSmallIntegers} handles labels in [−SMALL_OFFSET, SMALL_OFFSET). */
const SMALL_OFFSET = 512;

/**
 * The common case of {@link encodeLabels} without a Map lookup per sample: integer labels
 * in [−512, 511] (0/1 and −1/1 above all), looked up in a table. Returns null, having
 * decided nothing, when a value is anything else (a string, a boolean, a non-integer, a
 * larger integer); the general path then checks and reports exactly as it always does.
 */
function encodeSmallIntegers(values: ArrayLike<unknown>, rows: number): EncodedLabels | null {
  // One pass checks each label and stores its slot (label + SMALL_OFFSET) in `indices`
  // while `table` counts per slot; a second turns slots into class indices in place.
  const table = new Int32Array(2 * SMALL_OFFSET);
  const indices = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const value = values[i] as number;
    const slot = (value | 0) + SMALL_OFFSET;
    // `|` truncates to int32 and turns strings, booleans and undefined into numbers, so
    // equality holds only for an integer number (or −0) in range.
    if (slot - SMALL_OFFSET !== value || slot >>> 0 >= 2 * SMALL_OFFSET) return null;
    indices[i] = slot;
    table[slot]! += 1;
  }
  const classes: number[] = [];
  const counts: number[] = [];
  for (let slot = 0; slot < table.length; slot++) {
    if (table[slot] !== 0) {
      counts.push(table[slot]!);
      table[slot] = classes.length;
      classes.push(slot - SMALL_OFFSET);
    }
  }
  for (let i = 0; i < rows; i++) indices[i] = table[indices[i]!]!;
  return { classes, indices, counts: Int32Array.from(counts) };
}

/** A label as messages show it: strings quoted (`'spam'`), numbers and booleans as written. */
export function formatLabel(label: Label): string {
  return typeof label === 'string' ? `'${label}'` : String(label);
}

/**
 * Encodes y against known `classes` (sorted, distinct), as `partialFit` needs.
 * @throws as {@link encodeLabels}, and RangeError for a label not in `classes`.
 */
export function encodeAgainst(y: unknown, rows: number, classes: readonly Label[], name: string): EncodedLabels {
  const seen = encodeLabels(y, rows, name);
  const position = new Map<Label, number>(classes.map((label, k) => [label, k]));
  const remap = seen.classes.map((label) => {
    const k = position.get(label);
    if (k === undefined) {
      const at = Array.prototype.indexOf.call(y, label);
      throw new RangeError(
        `${name} has the label ${formatLabel(label)} at index ${at}, which is not in classes (${classes.map(formatLabel).join(', ')})`,
      );
    }
    return k;
  });
  const indices = seen.indices.map((k) => remap[k] as number);
  const counts = new Int32Array(classes.length);
  for (const k of indices) counts[k]! += 1;
  return { classes: [...classes], indices, counts };
}
