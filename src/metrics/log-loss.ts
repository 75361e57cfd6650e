/**
 * Log loss (cross-entropy), as scikit-learn 1.2's `sklearn.metrics.log_loss`.
 * @module
 */
import type { MatrixLike } from '../core/stage.js';
import { checkBoolean, checkOptionNames } from '../validate/options.js';
import { describeKind, describeString } from '../validate/describe.js';
import { type Label, formatLabel, formatLabels, isStrictlySorted, uniqueSorted } from '../validate/labels.js';
import { indexOfLabels, readLabels, readLabelsOption } from './labels.js';
import { readPerSample } from '../validate/numeric.js';
import { METRIC_WEIGHTS, readSampleWeight } from '../validate/weights.js';
import { numpyAverage, pairwiseSum } from './numpy-sum.js';

/** Options of {@link logLoss}; every field is optional. */
export interface LogLossOptions<L extends Label = Label> {
  /**
   * All the classes, in sorted order (numbers ascending, strings by code point, false
   * before true): `proba`'s columns belong to them in this order. Needed when `yTrue`
   * does not contain every class, e.g. a small batch. Absent: the distinct labels of
   * `yTrue`, sorted. Every label of `yTrue` must be among them.
   * @default the sorted distinct labels of yTrue
   */
  labels?: ArrayLike<L> | undefined;
  /**
   * Probabilities are clipped to [eps, 1 − eps] before taking logs. `'auto'` is the
   * float64 machine epsilon 2⁻⁵² ≈ 2.22e-16 (scikit-learn ≥ 1.2; earlier versions used
   * 1e-15). A number from 0 to 0.5; 0 disables clipping, so a probability of 0 for the
   * true class gives `Infinity`.
   * @default 'auto'
   */
  eps?: number | 'auto' | undefined;
  /**
   * One weight ≥ 0 per sample: the result is the weighted mean (or, with `normalize:
   * false`, the weighted sum) of the per-sample losses.
   * @default every weight 1
   */
  sampleWeight?: ArrayLike<number> | undefined;
  /**
   * Return the mean loss per sample; when false, the sum of the per-sample losses.
   * @default true
   */
  normalize?: boolean | undefined;
}

const WHERE = 'logLoss';
const OPTION_NAMES = ['labels', 'eps', 'sampleWeight', 'normalize'] as const;

/**
 * Log loss (cross-entropy): the mean over samples of −log p̂ᵢ, where p̂ᵢ is the predicted
 * probability of sample i's true class. Lower is better; 0 is perfect.
 *
 * As scikit-learn 1.2 does, the probabilities are first clipped to [eps, 1 − eps]
 * (a 1-D `proba` is clipped before its complement 1 − p is formed), and each row is
 * then divided by its sum, so rows that do not sum to 1 are renormalised silently.
 *
 * @param yTrue true labels, n ≥ 1 of them: integers, strings or booleans, one kind.
 * @param proba predicted probabilities: an n×K {@link Matrix} or array of rows, column k
 * for the k-th class in sorted order (as `LogisticRegression.predictProba` gives);
 * or, for two classes only, the n probabilities of the positive (greater) class as a
 * 1-D array (an n×1 matrix is read the same way).
 * @param options see {@link LogLossOptions}.
 * @returns the mean log loss (or the sum, with `normalize: false`), ≥ 0.
 * @throws TypeError for the wrong kind of argument or option, a label that is not a
 * number, string or boolean, or mixed label kinds. RangeError when the lengths differ,
 * yTrue is empty, a value is NaN or ±Infinity, a numeric label is not an integer, there
 * are fewer than two classes, proba's column count differs from the number of classes,
 * a label of yTrue is not in `labels`, `labels` is unsorted or repeats a label, `eps` is
 * outside [0, 0.5], or a sample weight is negative (or all are 0, when normalising).
 * @example
 * ```ts
 * logLoss(['spam', 'ham', 'ham', 'spam'], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]]);
 * // 0.21616187468057912
 * logLoss([0, 1, 1], [0.2, 0.7, 0.9]); // 0.22839300363692283 (1-D: P(class 1) per sample)
 * logLoss([0, 0], [[0.9, 0.1], [0.8, 0.2]], { labels: [0, 1] }); // a batch with one class
 * ```
 */
export function logLoss<L extends Label>(
  yTrue: ArrayLike<L>,
  proba: MatrixLike | ArrayLike<number>,
  options: LogLossOptions<L> = {},
): number {
  checkOptionNames(WHERE, options, OPTION_NAMES);
  const y = readLabels(WHERE, 'yTrue', yTrue);
  const n = y.values.length;
  const P = readPerSample(WHERE, 'proba', proba, n);
  const eps = readEps(options.eps);
  const normalize = checkBoolean(WHERE, 'normalize', options.normalize ?? true);
  let weights: Float64Array | undefined;
  if (options.sampleWeight !== undefined) {
    weights = readSampleWeight(options.sampleWeight, n, `${WHERE}: sampleWeight`, METRIC_WEIGHTS);
  }

  let classes: L[];
  if (options.labels !== undefined) {
    classes = readLabelsOption(WHERE, options.labels, y.kind, 'yTrue');
    if (!isStrictlySorted(classes)) {
      throw new RangeError(
        `${WHERE}: labels must be in sorted order (${formatLabels(uniqueSorted(classes))}), the order of proba's columns; got ${formatLabels(classes)}`,
      );
    }
    if (classes.length < 2) {
      throw new RangeError(`${WHERE}: labels must hold at least two labels, got ${formatLabels(classes)}`);
    }
  } else {
    classes = uniqueSorted(y.values);
    if (classes.length < 2) {
      throw new RangeError(
        `${WHERE}: yTrue contains only one label (${formatLabel(classes[0] as Label)}); pass labels to name all the classes`,
      );
    }
  }
  const index = indexOfLabels(classes);
  const K = classes.length;
  const columnsOf = P.ndim === 1 || P.cols === 1 ? 2 : P.cols;
  if (columnsOf !== K) {
    const source = options.labels !== undefined ? `labels has ${K} labels` : `yTrue has ${K} classes (${formatLabels(classes)})`;
    if (columnsOf === 2 && (P.ndim === 1 || P.cols === 1)) {
      const shape = P.ndim === 1 ? 'is 1-D' : 'has 1 column';
      throw new RangeError(
        `${WHERE}: proba ${shape} (the positive class's probabilities), which needs 2 classes; ${source}`,
      );
    }
    throw new RangeError(`${WHERE}: proba has ${P.cols} columns; ${source}`);
  }

  const lo = eps;
  const hi = 1 - eps;
  const clip = (p: number): number => Math.min(Math.max(p, lo), hi);
  const losses = new Float64Array(n);
  const row = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const label = y.values[i] as L;
    const t = index.get(label);
    if (t === undefined) {
      throw new RangeError(`${WHERE}: yTrue has ${formatLabel(label)} at index ${i}, which is not in labels`);
    }
    if (K === 2 && (P.ndim === 1 || P.cols === 1)) {
      const p = clip(P.data[i] as number);
      row[0] = 1 - p;
      row[1] = p;
    } else {
      for (let k = 0; k < K; k++) row[k] = clip(P.data[i * K + k] as number);
    }
    losses[i] = -Math.log((row[t] as number) / pairwiseSum(row));
  }

  if (normalize) {
    if (weights !== undefined && pairwiseSum(weights) === 0) {
      throw new RangeError(`${WHERE}: sampleWeight sums to 0; the weighted mean is undefined`);
    }
    return numpyAverage(losses, weights);
  }
  if (weights === undefined) return pairwiseSum(losses);
  let total = 0;
  for (let i = 0; i < n; i++) total += (losses[i] as number) * (weights[i] as number);
  return total;
}

function readEps(value: unknown): number {
  if (value === undefined || value === 'auto') return Number.EPSILON;
  if (typeof value === 'string') {
    throw new RangeError(`${WHERE}: eps must be 'auto' or a number from 0 to 0.5, got ${describeString(value)}`);
  }
  if (typeof value !== 'number') {
    throw new TypeError(`${WHERE}: eps must be 'auto' or a number, got ${describeKind(value)}`);
  }
  if (!(value >= 0 && value <= 0.5)) {
    throw new RangeError(`${WHERE}: eps must be 'auto' or a number from 0 to 0.5, got ${String(value)}`);
  }
  return value;
}
