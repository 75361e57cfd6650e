/**
 * Precision, recall and F1, as scikit-learn 1.2's `precision_recall_fscore_support`
 * (with beta = 1).
 * @module
 */
import { describeString, describeValue } from '../validate/describe.js';
import { checkFunction, checkOptionNames } from '../validate/options.js';
import { type Label, formatLabel, formatLabels, uniqueSorted } from '../validate/labels.js';
import { checkLabelValue, indexOfLabels, readLabelPair, readLabelsOption } from './labels.js';
import { numpyAverage, pairwiseSum } from './numpy-sum.js';

/**
 * How {@link precisionRecallF1} combines classes. `'binary'`: only the class `posLabel`.
 * `'micro'`: from the true-positive, predicted and true counts summed over the classes.
 * `'macro'`: the plain mean of the per-class scores. `'weighted'`: their mean weighted by
 * each class's count in yTrue (its support). `null`: no averaging, per-class arrays.
 */
export type PrfAverage = 'binary' | 'macro' | 'micro' | 'weighted' | null;

/**
 * The value of a score whose denominator is 0 (precision with no predicted samples of
 * the class, recall with no true samples of it). `'warn'` is 0 plus a warning.
 */
export type ZeroDivision = 'warn' | 0 | 1;

/** Options of {@link precisionRecallF1}; every field is optional. */
export interface PrecisionRecallF1Options<L extends Label = Label> {
  /**
   * How classes are combined; see {@link PrfAverage}. `'binary'` requires at most two
   * distinct labels in yTrue and yPred together.
   * @default 'binary'
   */
  average?: PrfAverage | undefined;
  /**
   * The positive class when `average` is `'binary'` (ignored otherwise, with a warning if
   * it is not 1). Must be of the labels' kind; string labels have no default.
   * @default 1 (true for boolean labels)
   */
  posLabel?: L | undefined;
  /**
   * The value given to a score whose denominator is 0; `'warn'` gives 0 and reports a
   * warning (see `onWarning`). F1 is computed from the resulting precision and recall,
   * and is 0 when both are 0.
   * @default 'warn'
   */
  zeroDivision?: ZeroDivision | undefined;
  /**
   * The classes to score, in the order of the per-class arrays (any order; no repeats).
   * They may include classes absent from the data (scored per `zeroDivision`) or leave
   * some out (micro averages then count only the listed ones). Ignored when `average` is
   * `'binary'`.
   * @default the sorted distinct labels of yTrue and yPred together
   */
  labels?: ArrayLike<L> | undefined;
  /**
   * Receives each warning message (an ill-defined score under `zeroDivision: 'warn'`, or
   * an ignored `posLabel`).
   * @default console.warn
   */
  onWarning?: ((message: string) => void) | undefined;
  /**
   * One weight ≥ 0 per sample: the true-positive, predicted and true counts become sums
   * of weights (added in sample order, as scikit-learn does); `support` then holds the
   * weight of each class in yTrue.
   * @default every weight 1
   */
  sampleWeight?: ArrayLike<number> | undefined;
}

/** The scores, averaged as requested: one number each. */
export interface PrfScores {
  /** tp / (tp + fp), averaged as requested. */
  precision: number;
  /** tp / (tp + fn), averaged as requested. */
  recall: number;
  /** 2·p·r / (p + r) per class, then averaged as requested (so macro F1 is not the F1 of macro p and r). */
  f1: number;
}

/** The scores of each class (`average: null`), in the order of `labels`. */
export interface PrfPerClass<L extends Label = Label> {
  /** The classes, in the order of the arrays. */
  labels: L[];
  /** Precision of each class. */
  precision: number[];
  /** Recall of each class. */
  recall: number[];
  /** F1 of each class. */
  f1: number[];
  /** The number of samples of each class in yTrue (their total weight, with `sampleWeight`). */
  support: number[];
}

const WHERE = 'precisionRecallF1';
const OPTION_NAMES = ['average', 'posLabel', 'zeroDivision', 'labels', 'onWarning', 'sampleWeight'] as const;
const AVERAGES = ['binary', 'macro', 'micro', 'weighted'] as const;

/**
 * Precision tp / (tp + fp), recall tp / (tp + fn) and F1, their harmonic mean
 * 2·p·r / (p + r), of predicted labels against true ones.
 *
 * @param yTrue true labels, n ≥ 1 of them: integers, strings or booleans, one kind.
 * @param yPred predicted labels, n of them, of the same kind.
 * @param options see {@link PrecisionRecallF1Options}: `average` (default `'binary'`),
 * `posLabel` (default 1), `zeroDivision` (default `'warn'`), `labels`, `onWarning`.
 * @returns `{ precision, recall, f1 }` as numbers; with `average: null`, per-class arrays
 * plus `labels` (their order) and `support` (true counts).
 * @throws TypeError for the wrong kind of argument, option or label, or mixed label
 * kinds. RangeError for an empty yTrue, different lengths, a non-integer numeric label,
 * an unknown `average` or `zeroDivision`, `average: 'binary'` with more than two classes
 * or (for string labels) without `posLabel`, a `posLabel` that is not one of two present
 * labels, a repeated label in `labels`, or a sample weight that is negative, non-finite
 * or of the wrong count.
 * @example
 * ```ts
 * precisionRecallF1([0, 1, 1, 0, 1], [0, 1, 0, 1, 1]);
 * // { precision: 0.6666666666666666, recall: 0.6666666666666666, f1: 0.6666666666666666 }
 * precisionRecallF1(['cat', 'dog', 'pig', 'cat'], ['cat', 'pig', 'dog', 'cat'], { average: 'macro' });
 * // { precision: 0.3333333333333333, recall: 0.3333333333333333, f1: 0.3333333333333333 }
 * precisionRecallF1([0, 0], [0, 0], { zeroDivision: 1 }); // { precision: 1, recall: 1, f1: 1 }
 * ```
 */
export function precisionRecallF1<L extends Label>(
  yTrue: ArrayLike<L>,
  yPred: ArrayLike<L>,
  options: PrecisionRecallF1Options<L> & { average: null },
): PrfPerClass<L>;
export function precisionRecallF1<L extends Label>(
  yTrue: ArrayLike<L>,
  yPred: ArrayLike<L>,
  options?: PrecisionRecallF1Options<L> & { average?: Exclude<PrfAverage, null> | undefined },
): PrfScores;
export function precisionRecallF1<L extends Label>(
  yTrue: ArrayLike<L>,
  yPred: ArrayLike<L>,
  options?: PrecisionRecallF1Options<L>,
): PrfScores | PrfPerClass<L>;
export function precisionRecallF1<L extends Label>(
  yTrue: ArrayLike<L>,
  yPred: ArrayLike<L>,
  options: PrecisionRecallF1Options<L> = {},
): PrfScores | PrfPerClass<L> {
  checkOptionNames(WHERE, options, OPTION_NAMES);
  const average = readAverage(options.average);
  const zeroDivision = readZeroDivision(options.zeroDivision);
  const onWarning = checkFunction<(message: string) => void>(WHERE, 'onWarning', options.onWarning ?? ((message: string) => console.warn(message)));
  const { t, p, weights } = readLabelPair(WHERE, yTrue, yPred, options.sampleWeight);
  const posLabel = options.posLabel === undefined ? undefined : checkLabelValue<L>(WHERE, 'posLabel', options.posLabel, t.kind, 'yTrue');
  const labelsOption = options.labels === undefined ? undefined : readLabelsOption(WHERE, options.labels, t.kind, 'yTrue');
  const present = uniqueSorted(t.values, p.values);

  let labels: L[];
  if (average === 'binary') {
    if (present.length > 2) {
      throw new RangeError(
        `${WHERE}: yTrue and yPred hold ${present.length} classes (${formatLabels(present)}) but average is 'binary'; choose average 'macro', 'micro', 'weighted' or null`,
      );
    }
    let positive: L;
    if (posLabel !== undefined) positive = posLabel;
    else if (t.kind === 'number') positive = 1 as L;
    else if (t.kind === 'boolean') positive = true as L;
    else {
      throw new RangeError(
        `${WHERE}: average 'binary' with string labels needs posLabel (one of ${formatLabels(present)})`,
      );
    }
    if (present.length === 2 && !present.includes(positive)) {
      throw new RangeError(
        `${WHERE}: posLabel ${formatLabel(positive)} is not a valid label; it should be one of ${formatLabels(present)}`,
      );
    }
    labels = [positive];
  } else {
    if (posLabel !== undefined && posLabel !== 1 && posLabel !== true) {
      onWarning(
        `${WHERE}: posLabel (set to ${formatLabel(posLabel)}) is ignored when average is not 'binary' (got ${average === null ? 'null' : `'${average}'`}); use labels: [${formatLabel(posLabel)}] to score a single class`,
      );
    }
    labels = labelsOption ?? present;
  }

  // Per-label counts: true positives, predicted, true.
  const K = labels.length;
  const index = indexOfLabels(labels);
  let tpSum = new Float64Array(K);
  let predSum = new Float64Array(K);
  let trueSum = new Float64Array(K);
  for (let i = 0; i < t.values.length; i++) {
    const a = index.get(t.values[i] as L);
    const b = index.get(p.values[i] as L);
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (a !== undefined) trueSum[a] = (trueSum[a] as number) + w;
    if (b !== undefined) predSum[b] = (predSum[b] as number) + w;
    if (a !== undefined && a === b) tpSum[a] = (tpSum[a] as number) + w;
  }
  if (average === 'micro') {
    tpSum = Float64Array.of(pairwiseSum(tpSum));
    predSum = Float64Array.of(pairwiseSum(predSum));
    trueSum = Float64Array.of(pairwiseSum(trueSum));
  }

  const precision = divide(tpSum, predSum, zeroDivision, 'Precision', 'predicted', onWarning);
  const recall = divide(tpSum, trueSum, zeroDivision, 'Recall', 'true', onWarning);
  const f1 = new Float64Array(precision.length);
  for (let k = 0; k < f1.length; k++) {
    const pk = precision[k] as number;
    const rk = recall[k] as number;
    const denominator = pk + rk;
    f1[k] = (2 * pk * rk) / (denominator === 0 ? 1 : denominator);
  }

  if (average === null) {
    return {
      labels: [...labels],
      precision: Array.from(precision),
      recall: Array.from(recall),
      f1: Array.from(f1),
      support: Array.from(trueSum),
    };
  }
  if (average === 'weighted') {
    if (pairwiseSum(trueSum) === 0) {
      const value = zeroDivision === 1 ? 1 : 0;
      return pairwiseSum(predSum) === 0
        ? { precision: value, recall: value, f1: value }
        : { precision: 0, recall: value, f1: 0 };
    }
    return {
      precision: numpyAverage(precision, trueSum),
      recall: numpyAverage(recall, trueSum),
      f1: numpyAverage(f1, trueSum),
    };
  }
  return { precision: numpyAverage(precision), recall: numpyAverage(recall), f1: numpyAverage(f1) };
}

/** numerator / denominator, with `zeroDivision`'s value (and maybe a warning) where the denominator is 0. */
function divide(
  numerator: Float64Array,
  denominator: Float64Array,
  zeroDivision: ZeroDivision,
  metric: 'Precision' | 'Recall',
  modifier: 'predicted' | 'true',
  onWarning: (message: string) => void,
): Float64Array {
  const out = new Float64Array(numerator.length);
  let undefinedSomewhere = false;
  for (let k = 0; k < out.length; k++) {
    const d = denominator[k] as number;
    if (d === 0) {
      undefinedSomewhere = true;
      out[k] = zeroDivision === 1 ? 1 : 0;
    } else {
      out[k] = (numerator[k] as number) / d;
    }
  }
  if (undefinedSomewhere && zeroDivision === 'warn') {
    const where = out.length === 1 ? 'due to' : 'in labels with';
    onWarning(
      `${WHERE}: ${metric} and F-score are ill-defined and being set to 0.0 ${where} no ${modifier} samples. Use the \`zeroDivision\` option to control this behavior.`,
    );
  }
  return out;
}

function readAverage(value: unknown): PrfAverage {
  if (value === undefined) return 'binary';
  if (value === null) return null;
  if (typeof value === 'string' && (AVERAGES as readonly string[]).includes(value)) return value as PrfAverage;
  const error = typeof value === 'string' ? RangeError : TypeError;
  throw new error(`${WHERE}: average must be one of 'binary', 'macro', 'micro', 'weighted', null, got ${describeString(value)}`);
}

function readZeroDivision(value: unknown): ZeroDivision {
  if (value === undefined) return 'warn';
  if (value === 'warn' || value === 0 || value === 1) return value;
  const error = typeof value === 'string' || typeof value === 'number' ? RangeError : TypeError;
  throw new error(`${WHERE}: zeroDivision must be 'warn', 0 or 1, got ${describeValue(value)}`);
}
