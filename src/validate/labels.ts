/**
 * Class labels: what a label is, the order scikit-learn (numpy) sorts labels in, their
 * spelling in messages, and the one reader that checks an array of labels and encodes it
 * as class indices.
 *
 * Every array of labels the library reads — the estimator's `y`, the metrics' `yTrue`,
 * `yPred` and `labels`, trainTestSplit's `stratify` — is checked by {@link scanLabels}.
 * What each accepts follows what scikit-learn accepts there, and each one's messages are
 * part of its API, so both are the fields of a {@link LabelRules}; the three rule sets
 * ({@link CLASS_LABELS}, {@link METRIC_LABELS}, {@link STRATIFY_LABELS}) sit side by side
 * at the end of this file.
 * @module
 */
import { isArrayLike } from './array-like.js';
import { describeKind, describeLiteral } from './describe.js';

/** A class label. One model's labels are all of one kind. */
export type Label = number | string | boolean;

/** The kind of a label: its `typeof`. */
export type LabelKind = 'number' | 'string' | 'boolean';

/**
 * A kind under some {@link LabelRules}: {@link STRATIFY_LABELS} also groups bigints (and
 * reads booleans as numbers, so never reports 'boolean').
 */
export type AnyLabelKind = LabelKind | 'bigint';

/** Labels encoded as indices into the sorted `classes` (bigints only under {@link STRATIFY_LABELS}). */
export interface EncodedLabels<L extends Label | bigint = Label> {
  /** The distinct labels, sorted by {@link compareLabels}. */
  readonly classes: L[];
  /** For each sample, the index of its label in `classes`. */
  readonly indices: Int32Array;
  /** For each class, how many samples carry it. */
  readonly counts: Int32Array;
}

/**
 * What one caller accepts as a label and how its messages read. `name` in the message
 * builders is the argument as the caller's messages name it (`'y'`, `'logLoss: yTrue'`).
 */
export interface LabelRules {
  /** Accept bigints as a fourth kind. */
  readonly bigints: boolean;
  /** Read booleans as the numbers 0 and 1 (numpy's promotion of a bool/int array), so `true` and `1` are one class. */
  readonly booleansAsNumbers: boolean;
  /**
   * The check of each number label, or null to take every number (NaN then is one class,
   * sorted last). `beforeKinds` says whether a bad number at some index is reported before
   * a kind that differs from the first label's at that same index.
   */
  readonly numbers: { readonly beforeKinds: boolean; error(name: string, value: number, index: number): RangeError | null } | null;
  /** The error for a value that is not a label at all. */
  notALabel(name: string, value: unknown, index: number): TypeError;
  /** The error for a label whose kind differs from the first label's (index 0). */
  mixedKinds(name: string, first: AnyLabelKind, other: AnyLabelKind, index: number): TypeError;
}

/**
 * Orders two labels of one kind as numpy's sort does: numbers numerically with NaN last,
 * strings by Unicode code point (not UTF-16 unit, so astral characters sort after
 * U+FFFF), false < true, bigints numerically.
 */
export function compareLabels(a: Label | bigint, b: Label | bigint): number {
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
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  // `a - b` would be NaN for a NaN label, which no sort can use as an order.
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return Number(a) - Number(b);
}

/** A label as messages show it: strings quoted (`'spam'`), numbers and booleans as written. */
export function formatLabel(label: Label): string {
  return typeof label === 'string' ? `'${label}'` : String(label);
}

/** Labels as messages show them: `'ham', 'spam'`. */
export function formatLabels(labels: readonly Label[]): string {
  return labels.map(formatLabel).join(', ');
}

/**
 * The distinct values of the given label arrays (all of one kind), sorted by
 * {@link compareLabels}: scikit-learn's `unique_labels`.
 * @example
 * ```ts
 * uniqueSorted([10, 9], [9, -1]); // [-1, 9, 10]
 * ```
 */
export function uniqueSorted<L extends Label>(...arrays: readonly (readonly L[])[]): L[] {
  const seen = new Set<L>();
  for (const array of arrays) for (const value of array) seen.add(value);
  return [...seen].sort(compareLabels);
}

/** True when `labels` is strictly increasing by {@link compareLabels}. */
export function isStrictlySorted(labels: readonly Label[]): boolean {
  for (let i = 1; i < labels.length; i++) if (compareLabels(labels[i - 1] as Label, labels[i] as Label) >= 0) return false;
  return true;
}

/**
 * Returns `y` as an array-like.
 * @param name the argument as messages name it (`'y'`, `'logLoss: yTrue'`).
 * @throws TypeError when `y` is not array-like.
 */
export function labelArray(y: unknown, name: string): ArrayLike<unknown> {
  if (!isArrayLike(y)) {
    throw new TypeError(`${name} must be an array of labels, got ${describeKind(y)}`);
  }
  return y as ArrayLike<unknown>;
}

/**
 * Checks every label of `values` under `rules`: each is a label, all are of the first
 * one's kind, and numbers pass `rules.numbers`. The first offending index is reported.
 * @returns the common kind, or undefined when `values` is empty.
 * @throws the errors `rules` builds (TypeError for a non-label or mixed kinds, RangeError
 * for a refused number).
 */
export function scanLabels(values: ArrayLike<unknown>, name: string, rules: LabelRules): AnyLabelKind | undefined {
  const numbers = rules.numbers;
  let kind: AnyLabelKind | undefined;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const k = kindOf(value, rules);
    if (k === undefined) throw rules.notALabel(name, value, i);
    const checkNumber = numbers !== null && typeof value === 'number';
    if (checkNumber && numbers.beforeKinds) throwIf(numbers.error(name, value, i));
    if (kind === undefined) kind = k;
    else if (k !== kind) throw rules.mixedKinds(name, kind, k, i);
    if (checkNumber && !numbers.beforeKinds) throwIf(numbers.error(name, value, i));
  }
  return kind;
}

/**
 * Checks `y` (length `rows`) under `rules` and encodes it: the sorted distinct labels,
 * each sample's index among them, and each class's count. `-0` and `0` are one class.
 * @param name the argument as messages name it.
 * @param rules what counts as a label; the estimator's {@link CLASS_LABELS} by default.
 * @throws TypeError when y is not array-like, and as {@link scanLabels}; RangeError when
 * its length is not `rows`.
 * @example
 * ```ts
 * encodeLabels(['b', 'a', 'b'], 3, 'y'); // classes ['a', 'b'], indices [1, 0, 1], counts [1, 2]
 * ```
 */
export function encodeLabels(y: unknown, rows: number, name: string): EncodedLabels;
export function encodeLabels(y: unknown, rows: number, name: string, rules: LabelRules): EncodedLabels<Label | bigint>;
export function encodeLabels(y: unknown, rows: number, name: string, rules: LabelRules = CLASS_LABELS): EncodedLabels<Label | bigint> {
  const values = labelArray(y, name);
  if (values.length !== rows) throw new RangeError(`${name} has ${values.length} labels; X has ${rows} rows`);
  if (rows > 0 && typeof values[0] === 'number') {
    const fast = encodeSmallIntegers(values, rows);
    if (fast !== null) return fast;
  }
  scanLabels(values, name, rules);
  const asNumbers = rules.booleansAsNumbers;
  const keys: (Label | bigint)[] = new Array(rows);
  // A Map compares keys by SameValueZero: -0 meets 0, and NaN meets NaN.
  const seen = new Map<Label | bigint, number>();
  for (let i = 0; i < rows; i++) {
    const value = values[i] as Label | bigint;
    const key = asNumbers && typeof value === 'boolean' ? Number(value) : value;
    keys[i] = key;
    if (!seen.has(key)) seen.set(key, 0);
  }
  const classes = [...seen.keys()].sort(compareLabels);
  classes.forEach((label, k) => seen.set(label, k));
  const indices = new Int32Array(rows);
  const counts = new Int32Array(classes.length);
  for (let i = 0; i < rows; i++) {
    const k = seen.get(keys[i] as Label | bigint) as number;
    indices[i] = k;
    counts[k]! += 1;
  }
  return { classes, indices, counts };
}

/** {@link encodeSmallIntegers} handles labels in [−SMALL_OFFSET, SMALL_OFFSET). */
const SMALL_OFFSET = 512;

/**
 * The common case of {@link encodeLabels} without a Map lookup per sample: integer labels
 * in [−512, 511] (0/1 and −1/1 above all), looked up in a table. Every rule set takes
 * such labels and encodes them alike, so this is exact under any rules. Returns null,
 * having decided nothing, when a value is anything else (a string, a boolean, a
 * non-integer, a larger integer); the general path then checks and reports.
 */
function encodeSmallIntegers(values: ArrayLike<unknown>, rows: number): EncodedLabels | null {
  // One pass checks each label and stores its slot (label + SMALL_OFFSET) in `indices`
  // while `table` counts per slot; a second turns slots into class indices in place.
  const table = new Int32Array(2 * SMALL_OFFSET);
  const indices = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const value = values[i];
    // `|` would throw on a bigint or a symbol, before the general path could name it.
    if (typeof value !== 'number') return null;
    const slot = (value | 0) + SMALL_OFFSET;
    // `|` truncates to int32, so equality holds only for an integer (or −0) in range.
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

/**
 * The metrics' refusal of a number that is not a finite integer, or null for one that is.
 * @param subject what precedes the value: `'f: yTrue has'`, `'f: posLabel is'`.
 * @param at where it was found: `' at index 3'`, or `''` for a single value.
 */
export function metricNumberError(subject: string, value: number, at: string): RangeError | null {
  if (!Number.isFinite(value)) {
    return new RangeError(`${subject} ${String(value)}${at}; numeric labels must be finite integers`);
  }
  if (!Number.isInteger(value)) {
    return new RangeError(`${subject} ${String(value)}${at}; numeric labels must be integers (probabilities or scores are not labels)`);
  }
  return null;
}

function kindOf(value: unknown, rules: LabelRules): AnyLabelKind | undefined {
  const t = typeof value;
  if (t === 'number' || t === 'string') return t;
  if (t === 'boolean') return rules.booleansAsNumbers ? 'number' : 'boolean';
  if (t === 'bigint' && rules.bigints) return 'bigint';
  return undefined;
}

function throwIf(error: RangeError | null): void {
  if (error !== null) throw error;
}

function notNumberStringOrBoolean(name: string, value: unknown, index: number): TypeError {
  return new TypeError(`${name} has ${describeKind(value)} at index ${index}; labels must be numbers, strings or booleans`);
}

/**
 * The estimator's `y`: numbers, strings or booleans, one kind; numbers finite integers
 * (scikit-learn's type_of_target calls real-valued y "continuous" and refuses it: it is a
 * regression target, not class labels).
 */
export const CLASS_LABELS: LabelRules = {
  bigints: false,
  booleansAsNumbers: false,
  numbers: {
    beforeKinds: false,
    error(name, value, index) {
      if (!Number.isFinite(value)) return new RangeError(`${name} contains ${String(value)} at index ${index}; labels must be finite`);
      if (!Number.isInteger(value)) {
        return new RangeError(
          `${name} has the non-integer label ${String(value)} at index ${index}; class labels must be integers, strings or booleans (a continuous target is a regression problem)`,
        );
      }
      return null;
    },
  },
  notALabel: notNumberStringOrBoolean,
  mixedKinds: (name, first, other, index) => new TypeError(`${name} mixes label kinds: index 0 is a ${first}, index ${index} is a ${other}`),
};

/**
 * The metrics' labels: as {@link CLASS_LABELS}, and a bad number is reported before a
 * kind mix, since a non-integer there usually means probabilities or scores were passed
 * where predicted labels belong.
 */
export const METRIC_LABELS: LabelRules = {
  bigints: false,
  booleansAsNumbers: false,
  numbers: { beforeKinds: true, error: (name, value, index) => metricNumberError(`${name} has`, value, ` at index ${index}`) },
  notALabel: notNumberStringOrBoolean,
  mixedKinds: (name, first, other, index) =>
    new TypeError(`${name} mixes label kinds: a ${first} at index 0 and a ${other} at index ${index}`),
};

/**
 * trainTestSplit's `stratify`, read as numpy reads the array scikit-learn stratifies on:
 * any number (NaN included, one class sorted last), booleans as 0 and 1, strings, bigints.
 */
export const STRATIFY_LABELS: LabelRules = {
  bigints: true,
  booleansAsNumbers: true,
  numbers: null,
  notALabel: (name, value, index) =>
    new TypeError(`${name}[${index}] must be a number, string, boolean or bigint label; got ${describeLiteral(value)}`),
  mixedKinds: (name, first, other, index) => new TypeError(`${name} mixes label types (${first} and ${other} at index ${index})`),
};
