/**
 * Class labels as the metrics read them: validation, the order scikit-learn sorts them
 * in, and their spelling in messages.
 *
 * A label is a number (an integer), a string or a boolean, and one argument (and every
 * argument of one call) holds one kind only. Non-integer numbers are rejected, as
 * scikit-learn rejects "continuous" targets: they usually mean probabilities or scores
 * were passed where predicted labels belong.
 * @module
 */
import { describeKind } from '../validate/describe.js';

import { type Label, compareLabels, formatLabel } from '../validate/labels.js';

export { type Label, compareLabels, formatLabel };

/** The kind of a label. */
export type LabelKind = 'number' | 'string' | 'boolean';

/** Labels read by {@link readLabels}: the values and their common kind. */
export interface LabelList<L extends Label> {
  /** The labels, copied into a plain array. */
  readonly values: L[];
  /** Their common kind. */
  readonly kind: LabelKind;
}

const KIND_PLURAL: Record<LabelKind, string> = { number: 'numbers', string: 'strings', boolean: 'booleans' };

/**
 * Reads an array of labels, checking that it is array-like, non-empty, and holds labels
 * of one kind (numbers that are finite integers, strings or booleans).
 * @param where the public function, for messages (`'logLoss'`).
 * @param name the argument, for messages (`'yTrue'`).
 * @throws TypeError when `values` is not array-like, holds something that is not a
 * label, or mixes kinds; RangeError when it is empty or holds NaN, ±Infinity or a
 * non-integer number.
 */
export function readLabels<L extends Label>(where: string, name: string, values: ArrayLike<L>): LabelList<L> {
  if (values === null || typeof values !== 'object' || typeof (values as ArrayLike<unknown>).length !== 'number') {
    throw new TypeError(`${where}: ${name} must be an array of labels, got ${describeKind(values)}`);
  }
  const n = values.length;
  if (n === 0) throw new RangeError(`${where}: ${name} is empty; at least one label is required`);
  const out: L[] = new Array<L>(n);
  let kind: LabelKind | undefined;
  let firstAt = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i] as unknown;
    const k = kindOf(value);
    if (k === undefined) {
      throw new TypeError(
        `${where}: ${name} has ${describeKind(value)} at index ${i}; labels must be numbers, strings or booleans`,
      );
    }
    if (k === 'number') checkNumericLabel(where, `${name} has`, value as number, ` at index ${i}`);
    if (kind === undefined) {
      kind = k;
      firstAt = i;
    } else if (k !== kind) {
      throw new TypeError(
        `${where}: ${name} mixes label kinds: a ${kind} at index ${firstAt} and a ${k} at index ${i}`,
      );
    }
    out[i] = value as L;
  }
  return { values: out, kind: kind as LabelKind };
}

/**
 * Reads a `labels` option: labels as {@link readLabels}, of the same kind as `kind`,
 * without repeats.
 * @throws as {@link readLabels}; TypeError when the kind differs from `kind`; RangeError
 * for a repeated label.
 */
export function readLabelsOption<L extends Label>(where: string, values: ArrayLike<L>, kind: LabelKind, against: string): L[] {
  const list = readLabels(where, 'labels', values);
  checkSameKind(where, 'labels', list.kind, against, kind);
  const seen = new Set<Label>();
  for (let i = 0; i < list.values.length; i++) {
    const value = list.values[i] as L;
    if (seen.has(value)) {
      throw new RangeError(`${where}: labels has ${formatLabel(value)} more than once (at index ${i})`);
    }
    seen.add(value);
  }
  return list.values;
}

/**
 * Checks that a single label (an option such as `posLabel`) is a label of kind `kind`.
 * @throws TypeError for the wrong kind; RangeError for a non-integer number.
 */
export function checkLabelValue<L extends Label>(where: string, name: string, value: unknown, kind: LabelKind, against: string): L {
  const k = kindOf(value);
  if (k === undefined) {
    throw new TypeError(`${where}: ${name} must be a number, a string or a boolean, got ${describeKind(value)}`);
  }
  if (k === 'number') checkNumericLabel(where, `${name} is`, value as number, '');
  if (k !== kind) {
    throw new TypeError(`${where}: ${name} is a ${k} (${formatLabel(value as Label)}) but ${against} holds ${KIND_PLURAL[kind]}`);
  }
  return value as L;
}

/**
 * Throws unless two arguments hold labels of the same kind.
 * @throws TypeError naming both arguments and their kinds.
 */
export function checkSameKind(where: string, name: string, kind: LabelKind, otherName: string, otherKind: LabelKind): void {
  if (kind !== otherKind) {
    throw new TypeError(
      `${where}: ${name} holds ${KIND_PLURAL[kind]} but ${otherName} holds ${KIND_PLURAL[otherKind]}; all labels must be of one kind`,
    );
  }
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

/** A map from each label to its position in `labels`. */
export function indexOfLabels<L extends Label>(labels: readonly L[]): Map<Label, number> {
  const index = new Map<Label, number>();
  labels.forEach((label, i) => index.set(label, i));
  return index;
}

/** True when `labels` is strictly increasing by {@link compareLabels}. */
export function isStrictlySorted(labels: readonly Label[]): boolean {
  for (let i = 1; i < labels.length; i++) if (compareLabels(labels[i - 1] as Label, labels[i] as Label) >= 0) return false;
  return true;
}

/** Labels as messages show them: `'ham', 'spam'`. */
export function formatLabels(labels: readonly Label[]): string {
  return labels.map(formatLabel).join(', ');
}

function kindOf(value: unknown): LabelKind | undefined {
  const t = typeof value;
  return t === 'number' || t === 'string' || t === 'boolean' ? t : undefined;
}

function checkNumericLabel(where: string, subject: string, value: number, at: string): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${where}: ${subject} ${String(value)}${at}; numeric labels must be finite integers`);
  }
  if (!Number.isInteger(value)) {
    throw new RangeError(
      `${where}: ${subject} ${String(value)}${at}; numeric labels must be integers (probabilities or scores are not labels)`,
    );
  }
}
