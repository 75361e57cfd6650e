/**
 * The metrics' label arguments: `yTrue`/`yPred` and the `labels` and `posLabel` options,
 * read with {@link METRIC_LABELS}, the metrics' rule set of the one label reader.
 *
 * A label is a number (an integer), a string or a boolean, and one argument (and every
 * argument of one call) holds one kind only. Non-integer numbers are rejected, as
 * scikit-learn rejects "continuous" targets: they usually mean probabilities or scores
 * were passed where predicted labels belong.
 * @module
 */
import { describeKind } from '../validate/describe.js';
import { METRIC_WEIGHTS, readSampleWeight } from '../validate/weights.js';
import {
  type Label,
  type LabelKind,
  METRIC_LABELS,
  formatLabel,
  labelArray,
  metricNumberError,
  scanLabels,
} from '../validate/labels.js';

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
  const list = labelArray(values, `${where}: ${name}`);
  if (list.length === 0) throw new RangeError(`${where}: ${name} is empty; at least one label is required`);
  const kind = scanLabels(list, `${where}: ${name}`, METRIC_LABELS) as LabelKind;
  return { values: Array.from(list) as L[], kind };
}

/** True and predicted labels read by {@link readLabelPair}, with the checked sample weights. */
export interface LabelPair<L extends Label> {
  readonly t: LabelList<L>;
  readonly p: LabelList<L>;
  /** The `sampleWeight` option checked against the labels' count; undefined when absent. */
  readonly weights: Float64Array | undefined;
}

/**
 * Reads the `yTrue`/`yPred` arguments of a metric of predicted labels and its
 * `sampleWeight` option: each as {@link readLabels}, the two of one length and one kind,
 * the weights as the metrics read them (METRIC_WEIGHTS).
 * @throws as {@link readLabels}; RangeError for lengths that differ or bad weights;
 * TypeError for kinds that differ.
 */
export function readLabelPair<L extends Label>(
  where: string,
  yTrue: ArrayLike<L>,
  yPred: ArrayLike<L>,
  sampleWeight: ArrayLike<number> | undefined,
): LabelPair<L> {
  const t = readLabels(where, 'yTrue', yTrue);
  const p = readLabels(where, 'yPred', yPred);
  if (t.values.length !== p.values.length) {
    throw new RangeError(`${where}: yTrue has ${t.values.length} labels but yPred has ${p.values.length}`);
  }
  checkSameKind(where, 'yPred', p.kind, 'yTrue', t.kind);
  const weights = sampleWeight === undefined ? undefined : readSampleWeight(sampleWeight, t.values.length, `${where}: sampleWeight`, METRIC_WEIGHTS);
  return { t, p, weights };
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
  const k = typeof value;
  if (k !== 'number' && k !== 'string' && k !== 'boolean') {
    throw new TypeError(`${where}: ${name} must be a number, a string or a boolean, got ${describeKind(value)}`);
  }
  if (k === 'number') {
    const error = metricNumberError(`${where}: ${name} is`, value as number, '');
    if (error !== null) throw error;
  }
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

/** A map from each label to its position in `labels`. */
export function indexOfLabels<L extends Label>(labels: readonly L[]): Map<Label, number> {
  const index = new Map<Label, number>();
  labels.forEach((label, i) => index.set(label, i));
  return index;
}
