/**
 * Area under the ROC curve, as scikit-learn 1.2's `sklearn.metrics.roc_auc_score`:
 * binary, and multiclass one-vs-rest or one-vs-one (Hand & Till).
 * @module
 */
import type { MatrixLike } from '../core/stage.js';
import { checkChoice, checkFunction, checkOptionNames } from '../validate/options.js';
import { type Label, formatLabel, formatLabels, isStrictlySorted, uniqueSorted } from '../validate/labels.js';
import { indexOfLabels, readLabels, readLabelsOption } from './labels.js';
import { readPerSample } from '../validate/numeric.js';
import { numpyAverage, pairwiseSum } from './numpy-sum.js';
import { METRIC_WEIGHTS, readSampleWeight } from '../validate/weights.js';

/** How {@link rocAuc} reduces a multiclass problem to binary ones. */
export type RocAucMultiClass = 'ovr' | 'ovo';

/** How {@link rocAuc} averages the binary AUCs of a multiclass problem. */
export type RocAucAverage = 'macro' | 'weighted' | 'micro';

/** Options of {@link rocAuc}; every field is optional for binary problems. */
export interface RocAucOptions<L extends Label = Label> {
  /**
   * Required for multiclass scores (n×K, K ≥ 3), ignored for binary ones.
   * `'ovr'` (one-vs-rest): each class against all others, K binary AUCs.
   * `'ovo'` (one-vs-one, Hand & Till 2001): every pair of classes present in yTrue, each
   * pair's AUC the mean of "a vs b" on column a and "b vs a" on column b.
   * There is no default, as in scikit-learn: the two answer different questions.
   */
  multiClass?: RocAucMultiClass | undefined;
  /**
   * Multiclass only (ignored for binary problems). `'macro'`: the plain mean of the
   * binary AUCs. `'weighted'`: weighted by each class's count in yTrue (ovr) or by the
   * fraction of samples in each pair of classes (ovo). `'micro'` (ovr only): one binary
   * AUC over all n·K (sample, class) entries of the one-hot yTrue and the score matrix.
   * @default 'macro'
   */
  average?: RocAucAverage | undefined;
  /**
   * All the classes in sorted order (numbers ascending, strings by code point, false
   * before true): score's columns belong to them in this order. Needed when yTrue lacks
   * a class. For a 1-D score it must hold two labels; the second is the positive class.
   * Every label of yTrue must be among them.
   * @default the sorted distinct labels of yTrue
   */
  labels?: ArrayLike<L> | undefined;
  /**
   * One weight ≥ 0 per sample: the ROC curve counts weights instead of samples (samples
   * of weight 0 are left out). With `'ovr'`, every class's AUC is weighted so, and
   * `average: 'weighted'` weighs classes by their total weight. Not available with
   * `'ovo'`, as in scikit-learn.
   *
   * Weights can empty a side of a ROC curve, and then scikit-learn's results follow:
   * - a binary AUC (the whole problem, or one class against the rest) whose positive or
   *   negative samples all weigh 0 is NaN, with a warning (`onWarning`);
   * - `average: 'weighted'` counts a class of total weight 0 as 0 with weight 0, so its
   *   NaN does not reach the mean; when all the classes together weigh 0 (within numpy's
   *   `isclose`, 1e-8) the result is 0;
   * - otherwise, every weight 0 is refused (RangeError): there is no curve at all.
   * @default every weight 1
   */
  sampleWeight?: ArrayLike<number> | undefined;
  /**
   * Receives each warning: a binary AUC that sample weights make undefined (NaN), once
   * per call for each side (no positive, no negative samples), naming the classes.
   * @default console.warn
   */
  onWarning?: ((message: string) => void) | undefined;
}

const WHERE = 'rocAuc';
const OPTION_NAMES = ['multiClass', 'average', 'labels', 'sampleWeight', 'onWarning'] as const;

/**
 * Area under the receiver operating characteristic (ROC) curve: for a binary problem,
 * the probability that a random positive sample scores higher than a random negative
 * one, ties counting one half. 1 is a perfect ranking, 0.5 a random one.
 *
 * Computed exactly as scikit-learn 1.2 does: the ROC curve's points at each distinct
 * score (collinear points dropped), then the trapezoidal rule, with numpy's summation
 * order, so values agree to the last bit or so.
 *
 * @param yTrue true labels, n ≥ 1 of them: integers, strings or booleans, one kind.
 * @param score binary problems: n scores for the positive class, the greater of the two
 * labels (any real numbers: probabilities, decision values, …), as a 1-D array or an n×1
 * matrix. Multiclass problems: an n×K {@link Matrix} or array of rows of class
 * probabilities, column k for the k-th class in sorted order, each row summing to 1
 * (within 1e-8 + 1e-5·sum).
 * @param options see {@link RocAucOptions}; `multiClass` is required for multiclass scores.
 * @returns the AUC, in [0, 1]; NaN when sample weights leave a binary AUC without
 * positive or negative weight (with a warning), and 0 for `average: 'weighted'` when every
 * class weighs 0, as scikit-learn 1.2.1 (see {@link RocAucOptions.sampleWeight}).
 * @throws RangeError when yTrue contains a single class (the AUC is undefined), when
 * one-vs-rest meets a class with no samples, when every sample weight is 0 (except with
 * `average: 'weighted'` one-vs-rest), for mismatched lengths or column counts,
 * NaN/±Infinity scores, multiclass rows that do not sum to 1, an n×2 score (pass the
 * positive column as 1-D), a missing `multiClass` for multiclass scores, `average:
 * 'micro'` with `'ovo'`, a label of yTrue not in `labels`, or unsorted or repeated
 * `labels`. TypeError for the wrong kind of argument, option or label.
 * @example
 * ```ts
 * rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]); // 0.875: the tie counts one half
 * rocAuc(['a', 'b', 'c', 'a'], [[0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.1, 0.2, 0.7], [0.4, 0.4, 0.2]],
 *   { multiClass: 'ovr', average: 'weighted' }); // 1
 * rocAuc([0, 1, 1, 0], [0.1, 0.9, 0.4, 0.3], { sampleWeight: [1, 0, 0, 1] }); // NaN, and a warning
 * ```
 */
export function rocAuc<L extends Label>(
  yTrue: ArrayLike<L>,
  score: MatrixLike | ArrayLike<number>,
  options: RocAucOptions<L> = {},
): number {
  checkOptionNames(WHERE, options, OPTION_NAMES);
  const y = readLabels(WHERE, 'yTrue', yTrue);
  const n = y.values.length;
  const S = readPerSample(WHERE, 'score', score, n);
  const multiClass =
    options.multiClass === undefined ? undefined : checkChoice(WHERE, 'multiClass', options.multiClass, ['ovr', 'ovo'] as const);
  const average = checkChoice(WHERE, 'average', options.average ?? 'macro', ['macro', 'weighted', 'micro'] as const);
  let labels: L[] | undefined;
  if (options.labels !== undefined) {
    labels = readLabelsOption(WHERE, options.labels, y.kind, 'yTrue');
    if (!isStrictlySorted(labels)) {
      throw new RangeError(
        `${WHERE}: labels must be in sorted order (${formatLabels(uniqueSorted(labels))}), the order of score's columns; got ${formatLabels(labels)}`,
      );
    }
  }
  const present = uniqueSorted(y.values);
  const weights =
    options.sampleWeight === undefined ? undefined : readSampleWeight(options.sampleWeight, n, `${WHERE}: sampleWeight`, METRIC_WEIGHTS);
  const onWarning = checkFunction<(message: string) => void>(
    WHERE,
    'onWarning',
    options.onWarning ?? ((message: string) => console.warn(message)),
  );

  if (S.cols === 1) return binaryCase(y.values, S.data, present, labels, weights, onWarning);
  if (S.cols === 2) {
    throw new RangeError(
      `${WHERE}: score has 2 columns; for a binary problem pass the positive class's scores (column 1) as a 1-D array`,
    );
  }

  // Multiclass: n×K scores, K ≥ 3.
  const K = S.cols;
  if (multiClass === undefined) {
    throw new RangeError(`${WHERE}: multiclass scores (${K} columns) need the option multiClass: 'ovr' or 'ovo'`);
  }
  if (weights !== undefined && multiClass === 'ovo') {
    throw new RangeError(`${WHERE}: sampleWeight is not available with multiClass 'ovo'`);
  }
  if (average === 'micro' && multiClass === 'ovo') {
    throw new RangeError(`${WHERE}: average 'micro' is only available with multiClass 'ovr'`);
  }
  for (let i = 0; i < n; i++) {
    const sum = pairwiseSum(S.data, i * K, K, 1);
    if (!(Math.abs(1 - sum) <= 1e-8 + 1e-5 * Math.abs(sum))) {
      throw new RangeError(
        `${WHERE}: score row ${i} sums to ${String(sum)}; multiclass scores must be probabilities that sum to 1 over the classes`,
      );
    }
  }
  const classes = labels ?? present;
  if (classes.length !== K) {
    throw new RangeError(
      labels !== undefined
        ? `${WHERE}: labels has ${classes.length} labels; score has ${K} columns`
        : `${WHERE}: score has ${K} columns; yTrue has ${classes.length} classes (${formatLabels(classes)}); pass labels to name all the classes`,
    );
  }
  const encoded = encode(y.values, classes);
  if (present.length < 2) throw onlyOneClass(present);
  return multiClass === 'ovo'
    ? oneVsOne(encoded, S.data, K, average)
    : oneVsRest(encoded, S.data, K, classes, average, weights, onWarning);
}

function binaryCase<L extends Label>(
  y: L[],
  scores: Float64Array,
  present: L[],
  labels: L[] | undefined,
  weights: Float64Array | undefined,
  onWarning: (message: string) => void,
): number {
  if (labels !== undefined && labels.length !== 2) {
    throw new RangeError(
      `${WHERE}: score is 1-D (the positive class's scores), which needs 2 classes; labels has ${labels.length} labels`,
    );
  }
  if (labels === undefined && present.length > 2) {
    throw new RangeError(
      `${WHERE}: score is 1-D (one score per sample) but yTrue has ${present.length} classes (${formatLabels(present)}); pass an n×${present.length} score and multiClass 'ovr' or 'ovo'`,
    );
  }
  const classes = labels ?? present;
  if (labels !== undefined) encode(y, classes);
  if (present.length < 2) throw onlyOneClass(present);
  const positive = classes[1] as L;
  const isPositive = new Uint8Array(y.length);
  for (let i = 0; i < y.length; i++) isPositive[i] = y[i] === positive ? 1 : 0;
  const auc = binaryRocAuc(isPositive, scores, weights);
  if (typeof auc === 'number') return auc;
  const negative = classes[0] as L;
  // scikit-learn's order: the negative side is checked first.
  if (!auc.negatives) {
    onWarning(`${WHERE}: sampleWeight gives the negative class ${formatLabel(negative)} a total weight of 0 (no negative samples), so the AUC is NaN`);
  }
  if (!auc.positives) {
    onWarning(`${WHERE}: sampleWeight gives the positive class ${formatLabel(positive)} a total weight of 0 (no positive samples), so the AUC is NaN`);
  }
  return NaN;
}

/** Class indices of y in `classes`; throws for a label not among them. */
function encode<L extends Label>(y: L[], classes: L[]): Int32Array {
  const index = indexOfLabels(classes);
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const k = index.get(y[i] as L);
    if (k === undefined) {
      throw new RangeError(`${WHERE}: yTrue has ${formatLabel(y[i] as L)} at index ${i}, which is not in labels`);
    }
    out[i] = k;
  }
  return out;
}

/** Every sample weighs 0: scikit-learn's roc_curve has no sample left and raises. */
function allWeightsZero(): RangeError {
  return new RangeError(`${WHERE}: sampleWeight is 0 for every sample, which leaves no ROC curve`);
}

function onlyOneClass(present: readonly Label[]): RangeError {
  return new RangeError(`${WHERE}: yTrue contains only one class (${formatLabel(present[0] as Label)}); ROC AUC is undefined`);
}

/** One-vs-rest: a binary AUC per class, then averaged. */
function oneVsRest(
  encoded: Int32Array,
  scores: Float64Array,
  K: number,
  classes: readonly Label[],
  average: RocAucAverage,
  weights: Float64Array | undefined,
  onWarning: (message: string) => void,
): number {
  const n = encoded.length;
  if (average === 'micro') {
    const isPositive = new Uint8Array(n * K);
    for (let i = 0; i < n; i++) isPositive[i * K + (encoded[i] as number)] = 1;
    let repeated: Float64Array | undefined;
    if (weights !== undefined) {
      // Each sample's weight for each of its K entries.
      repeated = new Float64Array(n * K);
      for (let i = 0; i < n; i++) repeated.fill(weights[i] as number, i * K, (i + 1) * K);
    }
    // Every sample is positive for one class and negative for the others, so only
    // all-zero weights can empty a side, and binaryRocAuc refuses those.
    return binaryRocAuc(isPositive, scores, repeated) as number;
  }
  const counts = new Float64Array(K);
  const support = new Float64Array(K);
  encoded.forEach((k, i) => {
    counts[k] = (counts[k] as number) + 1;
    support[k] = (support[k] as number) + (weights === undefined ? 1 : (weights[i] as number));
  });
  // scikit-learn's 'weighted' gives up (0) before any class's AUC when the classes'
  // total weight is close to 0 (numpy's isclose against 0: within 1e-8).
  if (average === 'weighted' && Math.abs(pairwiseSum(support)) <= 1e-8) return 0;
  const aucs = new Float64Array(K);
  const column = new Float64Array(n);
  const isPositive = new Uint8Array(n);
  const noPositives: Label[] = [];
  const noNegatives: Label[] = [];
  for (let c = 0; c < K; c++) {
    if (counts[c] === 0) {
      throw new RangeError(
        `${WHERE}: class ${formatLabel(classes[c] as Label)} has no samples in yTrue, so its one-vs-rest AUC is undefined`,
      );
    }
    for (let i = 0; i < n; i++) {
      column[i] = scores[i * K + c] as number;
      isPositive[i] = encoded[i] === c ? 1 : 0;
    }
    const auc = binaryRocAuc(isPositive, column, weights);
    if (typeof auc === 'number') {
      aucs[c] = auc;
    } else {
      aucs[c] = NaN;
      if (!auc.negatives) noNegatives.push(classes[c] as Label);
      if (!auc.positives) noPositives.push(classes[c] as Label);
    }
  }
  // At most one class can lack negatives: then it alone has weight.
  for (const c of noNegatives) {
    onWarning(
      `${WHERE}: sampleWeight gives every class but ${formatLabel(c)} a total weight of 0 (no negative samples), so the one-vs-rest AUC of ${formatLabel(c)} is NaN`,
    );
  }
  if (noPositives.length > 0) {
    const one = noPositives.length === 1;
    onWarning(
      `${WHERE}: sampleWeight gives ${one ? 'class' : 'classes'} ${formatLabels(noPositives)} a total weight of 0 (no positive samples), so ${one ? 'its one-vs-rest AUC is' : 'their one-vs-rest AUCs are'} NaN` +
        (average === 'weighted' ? `; ${one ? 'it weighs' : 'they weigh'} 0 in the weighted average, which counts ${one ? 'it' : 'them'} as 0` : ''),
    );
  }
  if (average !== 'weighted') return numpyAverage(aucs);
  // A class of weight 0 counts as 0, so that its NaN does not reach the mean.
  for (let c = 0; c < K; c++) if (support[c] === 0) aucs[c] = 0;
  return numpyAverage(aucs, support);
}

/** One-vs-one (Hand & Till): every pair of classes present in yTrue. */
function oneVsOne(encoded: Int32Array, scores: Float64Array, K: number, average: RocAucAverage): number {
  const n = encoded.length;
  const seen = new Uint8Array(K);
  for (const k of encoded) seen[k] = 1;
  const present: number[] = [];
  for (let k = 0; k < K; k++) if (seen[k] === 1) present.push(k);
  const pairScores: number[] = [];
  const prevalence: number[] = [];
  for (let p = 0; p < present.length; p++) {
    for (let q = p + 1; q < present.length; q++) {
      const a = present[p] as number;
      const b = present[q] as number;
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (encoded[i] === a || encoded[i] === b) rows.push(i);
      const m = rows.length;
      const isA = new Uint8Array(m);
      const isB = new Uint8Array(m);
      const scoreA = new Float64Array(m);
      const scoreB = new Float64Array(m);
      rows.forEach((i, r) => {
        isA[r] = encoded[i] === a ? 1 : 0;
        isB[r] = encoded[i] === b ? 1 : 0;
        scoreA[r] = scores[i * K + a] as number;
        scoreB[r] = scores[i * K + b] as number;
      });
      // Unweighted, both sides of both curves hold samples, so both AUCs are numbers.
      pairScores.push(((binaryRocAuc(isA, scoreA) as number) + (binaryRocAuc(isB, scoreB) as number)) / 2);
      prevalence.push(m / n);
    }
  }
  return average === 'weighted' ? numpyAverage(pairScores, prevalence) : numpyAverage(pairScores);
}

/**
 * Which sides of a weighted ROC curve hold some weight, when one of them holds none (the
 * AUC is then NaN, as scikit-learn's rates are).
 */
interface EmptySide {
  readonly positives: boolean;
  readonly negatives: boolean;
}

/**
 * The binary AUC as scikit-learn computes it (`roc_curve` with `drop_intermediate`,
 * then `auc`'s trapezoidal rule). Both classes must be present; weights may still leave a
 * side empty, which is reported instead of an AUC. Throws when every weight is 0.
 */
function binaryRocAuc(isPositive: Uint8Array, allScores: Float64Array, allWeights?: Float64Array): number | EmptySide {
  // Samples of weight 0 are left out, as scikit-learn does: they would add points that
  // change nothing but the order of the area's sum.
  let scores = allScores;
  let positives = isPositive;
  let weights = allWeights;
  if (allWeights !== undefined && allWeights.includes(0)) {
    const kept: number[] = [];
    for (let i = 0; i < allWeights.length; i++) if (allWeights[i] !== 0) kept.push(i);
    scores = Float64Array.from(kept, (i) => allScores[i] as number);
    positives = Uint8Array.from(kept, (i) => isPositive[i] as number);
    weights = Float64Array.from(kept, (i) => allWeights[i] as number);
  }
  const n = scores.length;
  if (n === 0) throw allWeightsZero();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Descending scores, equal scores last index first: numpy's stable ascending sort
  // reversed, so that weights of tied samples are added in scikit-learn's order.
  order.sort((i, j) => (scores[j] as number) - (scores[i] as number) || j - i);

  // Cumulative true and false positives (counts or weights) at the last index of each distinct score.
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (positives[i] === 1) tp += w;
    else fp += w;
    if (r === n - 1 || scores[i] !== scores[order[r + 1] as number]) {
      tps.push(tp);
      fps.push(weights === undefined ? 1 + r - tp : fp);
    }
  }
  // Drop points collinear with their neighbours; they do not change the area.
  let keptTps = tps;
  let keptFps = fps;
  if (tps.length > 2) {
    keptTps = [tps[0] as number];
    keptFps = [fps[0] as number];
    for (let i = 1; i < tps.length - 1; i++) {
      const fpBend = (fps[i + 1] as number) - (fps[i] as number) - ((fps[i] as number) - (fps[i - 1] as number));
      const tpBend = (tps[i + 1] as number) - (tps[i] as number) - ((tps[i] as number) - (tps[i - 1] as number));
      if (fpBend !== 0 || tpBend !== 0) {
        keptTps.push(tps[i] as number);
        keptFps.push(fps[i] as number);
      }
    }
    keptTps.push(tps[tps.length - 1] as number);
    keptFps.push(fps[fps.length - 1] as number);
  }
  // The curve starts at (0, 0); rates are counts over the totals.
  const m = keptTps.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const fpTotal = keptFps[keptFps.length - 1] as number;
  const tpTotal = keptTps[keptTps.length - 1] as number;
  if (!(fpTotal > 0) || !(tpTotal > 0)) return { positives: tpTotal > 0, negatives: fpTotal > 0 };
  for (let i = 1; i < m; i++) {
    fpr[i] = (keptFps[i - 1] as number) / fpTotal;
    tpr[i] = (keptTps[i - 1] as number) / tpTotal;
  }
  const terms = new Float64Array(m - 1);
  for (let i = 0; i < m - 1; i++) {
    terms[i] = ((fpr[i + 1] as number) - (fpr[i] as number)) * ((tpr[i + 1] as number) + (tpr[i] as number)) / 2;
  }
  return pairwiseSum(terms);
}
