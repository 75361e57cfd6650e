/**
 * Decision-threshold tuning for binary logistic regression, with scikit-learn 1.5's
 * `TunedThresholdClassifierCV` semantics: {@link tunedThreshold} finds the cut-off on the
 * positive class's probability (or decision value) that maximises a metric of predicted
 * labels on held-out folds, and returns a {@link TunedThresholdClassifier} whose
 * `predict` uses it.
 * @module
 */
import { NotFittedError } from '../errors.js';
import type { FeatureMatrix } from '../core/stage.js';
import { LogisticRegression } from '../estimator/logistic-regression.js';
import type { Matrix } from '../matrix.js';
import { accuracy } from '../metrics/accuracy.js';
import { balancedAccuracy } from '../metrics/balanced-accuracy.js';
import { isArrayLike } from '../validate/array-like.js';
import { describeKind, describeString } from '../validate/describe.js';
import { type Label, encodeLabels, formatLabel, formatLabels } from '../validate/labels.js';
import { nearest } from '../validate/nearest.js';
import { checkBoolean, checkChoice, checkFunction, checkInteger, checkOptionNames } from '../validate/options.js';
import { FIT_WEIGHTS, readSampleWeight } from '../validate/weights.js';
import type { RandomState } from '../datasets/random-state.js';
import { type CrossValidator, readFolds } from './cv.js';
import { type Fold, countSamples } from './fold.js';
import { checkSamples, takeFeatureRows } from './fold-data.js';
import { LABEL_SCORING_NAMES, type LabelScoringName, labelMetric } from './scoring.js';
import { StratifiedShuffleSplit } from './stratified-shuffle-split.js';

const WHERE = 'tunedThreshold';

/**
 * The scorer names a threshold can be tuned for: scikit-learn's names of metrics of
 * predicted labels (scoring.ts's label scorers). `'neg_log_loss'`, `'roc_auc'` and
 * `'roc_auc_ovr'` score probabilities, which a threshold does not change: they are
 * refused.
 */
export type ThresholdScoringName = LabelScoringName;

/**
 * A metric of true and predicted labels, greater is better: what scikit-learn's
 * `make_scorer(score_func)` wraps. `sampleWeight` holds the weights of the scored rows,
 * or is null when {@link TunedThresholdOptions.sampleWeight} is not given. It must return
 * a number that is not NaN.
 */
export type ThresholdMetric<L extends Label = Label> = (yTrue: L[], yPred: L[], sampleWeight: Float64Array | null) => number;

/**
 * Which output of the model is thresholded: `'predictProba'`, the probability of
 * `posLabel`; `'decisionFunction'`, the decision value x·w + b, negated when `posLabel`
 * is the first class (so that greater always means more positive).
 */
export type ResponseMethod = 'predictProba' | 'decisionFunction';

/** Options of {@link tunedThreshold}; every field is optional. */
export interface TunedThresholdOptions<L extends Label = Label> {
  /**
   * The metric to maximise, of the held-out labels and the labels predicted at a
   * threshold: a name (see {@link ThresholdScoringName}; `'f1'`, `'precision'` and
   * `'recall'` score `posLabel`, `'f1_macro'` averages both classes' F1) or a
   * {@link ThresholdMetric}. A name is computed as the scorer of that name computes it
   * from labels (scoring.ts's `labelMetric`: a score whose denominator is 0 counts 0).
   * @default 'balanced_accuracy'
   */
  scoring?: ThresholdScoringName | ThresholdMetric<L> | undefined;
  /**
   * How the held-out scores are made: an integer k ≥ 2, stratified k-fold without
   * shuffling (scikit-learn's default for classifiers); a fraction in (0, 1), one
   * stratified shuffle split holding that share out (drawn with `randomState`); a
   * splitter (KFold, GroupKFold, … or any object with `split(X, y, groups)`); the folds
   * themselves, `{ trainIndex, testIndex }` each; or `'prefit'`: `model` is already
   * fitted and is scored on X and y as they are (X and y must then be other data than it
   * was fitted on, or the threshold is tuned to the training set).
   * @default 5
   */
  cv?: number | CrossValidator | readonly Fold[] | 'prefit' | undefined;
  /**
   * The candidate thresholds: a count n from 2 to 100,000 — each fold's n candidates are spaced evenly
   * from its lowest to its highest response, and the common grid is n values spaced
   * evenly from the lowest to the highest response over all folds — or the candidates
   * themselves, strictly increasing finite numbers, the same for every fold and the grid.
   * @default 100
   */
  thresholds?: number | ArrayLike<number> | undefined;
  /**
   * The output thresholded (see {@link ResponseMethod}); `'auto'` is scikit-learn's
   * "predict_proba if the model has it, else decision_function", which for logistic
   * regression is always `'predictProba'`.
   * @default 'auto'
   */
  responseMethod?: 'auto' | ResponseMethod | undefined;
  /**
   * The positive class: predicted where the response is ≥ the threshold, and the class
   * `'f1'`, `'precision'` and `'recall'` score.
   * @default for 'f1', 'precision' and 'recall', 1 (true for boolean labels), as
   * scikit-learn's pos_label=1; otherwise the second of the sorted classes
   */
  posLabel?: L | undefined;
  /**
   * Refit the model on all of X and y for the returned classifier. With `false` the
   * returned classifier keeps the model fitted on the one split's train rows, which needs
   * `cv` to give exactly one split (a fraction, or a splitter of one split). Must be false
   * (the default then) with `cv: 'prefit'`, where the given model is kept as it is.
   * @default true, and false with cv 'prefit'
   */
  refit?: boolean | undefined;
  /**
   * One weight ≥ 0 per row, passed to every fit (the rows it trains on) and to the
   * metric (the held-out rows), as scikit-learn 1.5 routes `sample_weight` to an
   * estimator and a scorer that both request it.
   * @default null (every row weighs 1)
   */
  sampleWeight?: ArrayLike<number> | null | undefined;
  /** Group labels, one per row, passed to the splitter's `split` (GroupKFold needs them). @default null */
  groups?: ArrayLike<unknown> | null | undefined;
  /**
   * The seed, RandomState or null of the shuffle split that a fractional `cv` draws;
   * ignored otherwise, as in scikit-learn.
   * @default null
   */
  randomState?: number | RandomState | null | undefined;
  /**
   * Receives the warning of the stratified splitter a number `cv` makes (a class with
   * fewer rows than folds), and the warnings of a named metric (`'balanced_accuracy'`:
   * predictions of a class that the held-out rows lack, or hold only with weight 0). A
   * metric's warning would come at many thresholds of a split; each distinct one is given
   * once per call instead, when the call returns, naming the splits and counting the
   * thresholds it came at. A metric function's own warnings are its own. null silences all.
   * @default console.warn
   */
  onWarning?: ((message: string) => void) | null | undefined;
}

/** The mean held-out score of every candidate threshold of the common grid. */
export interface ThresholdCvResults {
  /** The common grid of candidate thresholds, increasing. */
  readonly thresholds: Float64Array;
  /** The mean over folds of each fold's score curve, interpolated at `thresholds`. */
  readonly scores: Float64Array;
}

const OPTION_NAMES = ['scoring', 'cv', 'thresholds', 'responseMethod', 'posLabel', 'refit', 'sampleWeight', 'groups', 'randomState', 'onWarning'] as const;
const PROBABILITY_SCORINGS = ['neg_log_loss', 'roc_auc', 'roc_auc_ovr'];
const POSITIVE_CLASS_SCORINGS = ['f1', 'precision', 'recall'];
const RESPONSE_METHODS = ['auto', 'predictProba', 'decisionFunction'] as const;

/**
 * A binary logistic regression whose `predict` cuts its response at a tuned threshold,
 * as returned by {@link tunedThreshold}: scikit-learn 1.5's fitted
 * `TunedThresholdClassifierCV` (`estimator_`, `best_threshold_`, `best_score_`,
 * `cv_results_`).
 */
export class TunedThresholdClassifier<L extends Label = Label> {
  /** The fitted model `predict` thresholds (refitted on all data, one split's, or the prefit model). */
  readonly estimator: LogisticRegression<L>;
  /** The chosen threshold on the response: the grid value of greatest mean held-out score. */
  readonly bestThreshold: number;
  /** The mean held-out score at {@link TunedThresholdClassifier.bestThreshold}. */
  readonly bestScore: number;
  /** Every candidate of the common grid with its mean held-out score. */
  readonly cvResults: ThresholdCvResults;
  /** The positive class: predicted where the response is ≥ the threshold. */
  readonly posLabel: L;
  /** The output thresholded. */
  readonly responseMethod: ResponseMethod;
  readonly #negLabel: L;
  readonly #ownsEstimator: boolean;

  /** @internal Built by {@link tunedThreshold}. */
  constructor(parts: {
    estimator: LogisticRegression<L>;
    ownsEstimator: boolean;
    bestThreshold: number;
    bestScore: number;
    cvResults: ThresholdCvResults;
    posLabel: L;
    negLabel: L;
    responseMethod: ResponseMethod;
  }) {
    this.estimator = parts.estimator;
    this.#ownsEstimator = parts.ownsEstimator;
    this.bestThreshold = parts.bestThreshold;
    this.bestScore = parts.bestScore;
    this.cvResults = parts.cvResults;
    this.posLabel = parts.posLabel;
    this.#negLabel = parts.negLabel;
    this.responseMethod = parts.responseMethod;
  }

  /** The two classes, sorted: the order of `predictProba`'s columns. @throws NotFittedError after `dispose()`. */
  get classes(): L[] {
    return this.estimator.classes;
  }

  /**
   * Predicted labels: `posLabel` where the response (see
   * {@link TunedThresholdClassifier.responseMethod}) is ≥ `bestThreshold`, the other
   * class elsewhere — at exactly the threshold, the positive class, as scikit-learn.
   * @returns n labels.
   * @throws as the estimator's `predictProba` / `decisionFunction` (wrong X, disposed).
   */
  predict(X: FeatureMatrix): L[] {
    const score = response(this.estimator, X, this.responseMethod, this.posLabel);
    return labelsAt(score, this.bestThreshold, this.posLabel, this.#negLabel);
  }

  /** The estimator's class probabilities, n×2 in `classes` order (the threshold does not change them). */
  predictProba(X: FeatureMatrix): Matrix {
    return this.estimator.predictProba(X);
  }

  /** The estimator's decision values x·w + b, one per row (the threshold does not change them). */
  decisionFunction(X: FeatureMatrix): Float64Array {
    return this.estimator.decisionFunction(X);
  }

  /** Accuracy of {@link TunedThresholdClassifier.predict} against y. */
  score(X: FeatureMatrix, y: ArrayLike<L>): number {
    return accuracy(y, this.predict(X));
  }

  /**
   * Frees the estimator's WebAssembly memory — unless it is the model given with
   * `cv: 'prefit'`, which stays the caller's to dispose. Safe to call more than once.
   */
  dispose(): void {
    if (this.#ownsEstimator) this.estimator.dispose();
  }
}

/**
 * The decision threshold that maximises a metric on held-out folds, as scikit-learn
 * 1.5's `TunedThresholdClassifierCV(model, scoring=…, cv=…, thresholds=…).fit(X, y)`;
 * binary problems only.
 *
 * For each split (see `cv`) a copy of `model` (`new LogisticRegression(model.getParams())`,
 * scikit-learn's `clone`) is fitted on the train rows, and its response on the held-out
 * rows — the probability of `posLabel`, or with `responseMethod: 'decisionFunction'` the
 * decision value oriented towards `posLabel` — is cut at each candidate threshold t
 * (`posLabel` where response ≥ t) and scored. With a count of thresholds n, the
 * candidates of a fold are n values spaced evenly from its lowest to its highest response
 * (numpy's `linspace`); each fold's score curve is then read at a common grid of n values
 * spaced evenly from the lowest to the highest response of all folds, by linear
 * interpolation between its candidates (held at its end values beyond them: numpy's
 * `interp`), and the curves are averaged over folds. With explicit thresholds, every
 * fold is scored at exactly those. The best threshold is the grid value of greatest mean
 * score; on ties, the first (lowest). The returned classifier holds a model refitted on
 * all rows (with `refit`, the default) and predicts with that threshold. Every fit is
 * deterministic, so two calls with the same arguments give the same result bit for bit
 * (a `randomState` RandomState object, shared by the copies, is the exception).
 *
 * Differences from scikit-learn: the probability scorers (`'neg_log_loss'`, `'roc_auc'`)
 * are refused (scikit-learn scores their function on thresholded labels, which means
 * nothing); `scoring` as a function is a metric of labels (what scikit-learn's
 * `make_scorer` wraps), not a scorer object; a count of thresholds must be ≥ 2 and
 * explicit thresholds strictly increasing (scikit-learn accepts 1, then always fails, and
 * interpolates unsorted thresholds wrongly); with `cv: 'prefit'` `refit` defaults to false
 * (scikit-learn makes you say so); sampleWeight is routed to fit and metric without
 * scikit-learn's metadata-routing switch; the results are always kept (its
 * `store_cv_results`).
 *
 * @param model - an unfitted or fitted LogisticRegression whose options are used (it is
 *   left as it is), or with `cv: 'prefit'` the fitted binary model to tune
 * @param X - the rows, n×d: a Matrix, a CsrMatrix or an array of rows
 * @param y - n labels of exactly two classes
 * @param options - see {@link TunedThresholdOptions}: `scoring` ('balanced_accuracy'),
 *   `cv` (5), `thresholds` (100), `responseMethod` ('auto'), `posLabel`, `refit` (true),
 *   `sampleWeight`, `groups`, `randomState`, `onWarning`
 * @returns the tuned classifier; dispose it (or its estimator) to free WebAssembly memory
 * @throws TypeError for a model that is not a LogisticRegression, an unknown option or an
 *   option, X, y or weight of the wrong kind. RangeError, before any fit, when y does not
 *   hold exactly two classes, for an unknown or probability scoring name, a `cv` that is
 *   not an integer ≥ 2, a fraction in (0, 1), a splitter, folds or 'prefit', a count of
 *   thresholds below 2, thresholds that are empty, not finite or not strictly increasing,
 *   a `posLabel` that is not a class of y (or none given for 'f1', 'precision', 'recall'
 *   when 1 is not a class), `refit: false` with several splits or `refit: true` with
 *   'prefit', bad sample weights, or a split with an
 *   empty side or a row number out of range; after the fits, when a count of thresholds
 *   meets a split whose responses are all equal (within numpy's `isclose`: the model
 *   predicts a constant there) or a metric function returns NaN (TypeError: a non-number).
 *   NotFittedError for `cv: 'prefit'` with an unfitted model. The errors of `fit` (a bad
 *   X is reported with its row in X) and of the splitter (e.g. a class with fewer rows
 *   than folds) pass through.
 * @example
 * ```ts
 * import { LogisticRegression, tunedThreshold } from 'logreg-wasm';
 * const tuned = tunedThreshold(new LogisticRegression({ C: 1 }), X, y, { scoring: 'f1', cv: 5 });
 * tuned.bestThreshold;   // e.g. 0.31: P(y = 1) ≥ 0.31 predicts 1
 * tuned.bestScore;       // the mean held-out F1 there
 * tuned.predict(XNew);   // labels cut at bestThreshold
 * tuned.cvResults;       // { thresholds: Float64Array(100), scores: Float64Array(100) }
 * tuned.dispose();
 * ```
 */
export function tunedThreshold<L extends Label>(
  model: LogisticRegression,
  X: FeatureMatrix,
  y: ArrayLike<L>,
  options: TunedThresholdOptions<L> = {},
): TunedThresholdClassifier<L> {
  if (!(model instanceof LogisticRegression)) {
    throw new TypeError(`${WHERE}: model must be a LogisticRegression, got ${describeKind(model)}`);
  }
  checkOptionNames(WHERE, options, OPTION_NAMES);
  checkSamples(X, model.dtype);
  const rows = countSamples(WHERE, X);
  const labels = encodeLabels(y, rows, `${WHERE}: y`);
  if (labels.classes.length !== 2) {
    throw new RangeError(
      labels.classes.length === 1
        ? `${WHERE}: y has a single class (${formatLabels(labels.classes)}); threshold tuning needs two classes`
        : `${WHERE}: y has ${labels.classes.length} classes (${formatLabels(labels.classes)}); threshold tuning is for binary problems only`,
    );
  }
  const classes = labels.classes as L[];
  const yValues = Array.from({ length: rows }, (_, i) => classes[labels.indices[i] as number] as L);

  const scoringName = readScoringName(options.scoring);
  const custom = typeof options.scoring === 'function' ? options.scoring : null;
  const posLabel = readPosLabel(options.posLabel, classes, scoringName);
  const negLabel = classes[0] === posLabel ? (classes[1] as L) : (classes[0] as L);
  const metricWarnings = new MetricWarnings();
  const metric: ThresholdMetric<L> = custom ?? namedMetric(scoringName as ThresholdScoringName, posLabel, metricWarnings);
  const responseMethod = readResponseMethod(options.responseMethod);
  const thresholds = readThresholds(options.thresholds);
  const weights =
    options.sampleWeight === undefined || options.sampleWeight === null
      ? null
      : readSampleWeight(options.sampleWeight, rows, `${WHERE}: sampleWeight`, FIT_WEIGHTS);
  const onWarning =
    options.onWarning === undefined ? undefined : checkFunction<((message: string) => void) | null>(WHERE, 'onWarning', options.onWarning, true);
  const warn = onWarning === undefined ? (message: string) => console.warn(message) : onWarning;
  const cv = options.cv === undefined ? 5 : options.cv;
  const prefit = cv === 'prefit';
  const refit = options.refit === undefined ? !prefit : checkBoolean(WHERE, 'refit', options.refit);
  if (prefit && refit) {
    throw new RangeError(`${WHERE}: refit must be false with cv 'prefit': the given fitted model is the one kept`);
  }

  if (prefit) {
    if (!model.isFitted) throw new NotFittedError(`${WHERE} with cv 'prefit'`);
    checkPrefitClasses(model, classes);
    const score = response(model, X, responseMethod, posLabel);
    metricWarnings.split = null;
    const curve = foldCurve(score, yValues, weights, thresholds, metric, posLabel, negLabel, 0);
    metricWarnings.report(warn);
    return finish([curve], thresholds, model as LogisticRegression<L>, false, posLabel, negLabel, responseMethod);
  }

  const folds = readSplits(cv, rows, yValues, options.groups ?? null, options.randomState ?? null, onWarning);
  if (!refit && folds.length !== 1) {
    throw new RangeError(
      `${WHERE}: refit false keeps the model of the one split's train rows, but cv gives ${folds.length} splits; use refit true or a single split (a fraction in (0, 1))`,
    );
  }

  const params = model.getParams();
  let estimator: LogisticRegression<L> | null = null;
  try {
    // Refit first, as scikit-learn does: a fault in X is then reported with its row in X.
    if (refit) estimator = fitOn(params, X, yValues, weights, null);
    const curves: FoldCurve[] = [];
    for (let k = 0; k < folds.length; k++) {
      const fold = folds[k] as Fold;
      const foldModel = fitOn(params, X, yValues, weights, fold.trainIndex);
      let keep = false;
      try {
        const held = takeFeatureRows(X, fold.testIndex);
        try {
          const score = response(foldModel, held.X, responseMethod, posLabel);
          const yHeld = Array.from(fold.testIndex, (i) => yValues[i] as L);
          const wHeld = weights === null ? null : Float64Array.from(fold.testIndex, (i) => weights[i] as number);
          metricWarnings.split = k;
          curves.push(foldCurve(score, yHeld, wHeld, thresholds, metric, posLabel, negLabel, k));
        } finally {
          held.dispose();
        }
        if (!refit) {
          // The single split's model is the one scikit-learn fits again on the same rows.
          estimator = foldModel;
          keep = true;
        }
      } finally {
        if (!keep) foldModel.dispose();
      }
    }
    metricWarnings.report(warn);
    const result = finish(curves, thresholds, estimator as LogisticRegression<L>, true, posLabel, negLabel, responseMethod);
    estimator = null;
    return result;
  } finally {
    estimator?.dispose();
  }
}

/** One fold's candidates and their scores. */
interface FoldCurve {
  readonly thresholds: Float64Array;
  readonly scores: Float64Array;
}

/** The mean interpolated curve of the folds, its argmax and the classifier. */
function finish<L extends Label>(
  curves: readonly FoldCurve[],
  thresholds: number | Float64Array,
  estimator: LogisticRegression<L>,
  ownsEstimator: boolean,
  posLabel: L,
  negLabel: L,
  responseMethod: ResponseMethod,
): TunedThresholdClassifier<L> {
  let grid: Float64Array;
  if (typeof thresholds === 'number') {
    let lo = Infinity;
    let hi = -Infinity;
    for (const curve of curves) {
      lo = Math.min(lo, curve.thresholds[0] as number);
      hi = Math.max(hi, curve.thresholds[curve.thresholds.length - 1] as number);
    }
    grid = linspace(lo, hi, thresholds);
  } else {
    grid = thresholds;
  }
  // numpy's mean over axis 0: the folds' rows added in fold order, then divided.
  const scores = new Float64Array(grid.length);
  for (const curve of curves) {
    const values = interp(grid, curve.thresholds, curve.scores);
    for (let t = 0; t < grid.length; t++) scores[t] = (scores[t] as number) + (values[t] as number);
  }
  for (let t = 0; t < grid.length; t++) scores[t] = (scores[t] as number) / curves.length;
  // numpy's argmax: the first of equal maxima.
  let best = 0;
  for (let t = 1; t < grid.length; t++) if ((scores[t] as number) > (scores[best] as number)) best = t;
  return new TunedThresholdClassifier<L>({
    estimator,
    ownsEstimator,
    bestThreshold: grid[best] as number,
    bestScore: scores[best] as number,
    cvResults: { thresholds: grid, scores },
    posLabel,
    negLabel,
    responseMethod,
  });
}

/**
 * One fold's score curve: its candidates (a count: evenly spaced over its responses) and
 * the metric of the labels cut at each.
 */
function foldCurve<L extends Label>(
  score: Float64Array,
  yTrue: L[],
  sampleWeight: Float64Array | null,
  thresholds: number | Float64Array,
  metric: ThresholdMetric<L>,
  posLabel: L,
  negLabel: L,
  fold: number,
): FoldCurve {
  let candidates: Float64Array;
  if (typeof thresholds === 'number') {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of score) {
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    // numpy's isclose(lo, hi), scikit-learn's test for a model with nothing to cut.
    if (Math.abs(lo - hi) <= 1e-8 + 1e-5 * Math.abs(hi)) {
      throw new RangeError(
        `${WHERE}: the model's responses on the held-out rows of split ${fold} are all equal (${String(lo)} to ${String(hi)}): it predicts a constant, so no threshold can be tuned`,
      );
    }
    candidates = linspace(lo, hi, thresholds);
  } else {
    candidates = thresholds;
  }
  const scores = new Float64Array(candidates.length);
  for (let t = 0; t < candidates.length; t++) {
    const value: unknown = metric(yTrue, labelsAt(score, candidates[t] as number, posLabel, negLabel), sampleWeight);
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new (typeof value === 'number' ? RangeError : TypeError)(
        `${WHERE}: scoring returned ${typeof value === 'number' ? 'NaN' : describeKind(value)} at threshold ${String(candidates[t])} of split ${fold}; it must return a number`,
      );
    }
    scores[t] = value;
  }
  return { thresholds: candidates, scores };
}

/**
 * The metric of a scoring name. balanced_accuracy is built here rather than taken from
 * labelMetric, whose balancedAccuracy warns on console.warn, so that its warnings reach
 * `warnings` (and through it tunedThreshold's onWarning). The other names never warn.
 */
function namedMetric<L extends Label>(name: ThresholdScoringName, posLabel: L, warnings: MetricWarnings): ThresholdMetric<L> {
  if (name !== 'balanced_accuracy') return labelMetric(name, posLabel);
  const onWarning = (message: string): void => warnings.add(message);
  return (yTrue, yPred, sampleWeight) =>
    balancedAccuracy(yTrue, yPred, sampleWeight === null ? { onWarning } : { sampleWeight, onWarning });
}

/**
 * A named metric's warnings over one call: each distinct message with the splits it came
 * in and how many thresholds gave it, so that it is said once and not at every threshold.
 */
class MetricWarnings {
  /** The split being scored, or null for the rows of a prefit model. */
  split: number | null = null;
  readonly #seen = new Map<string, { splits: Set<number>; count: number }>();

  add(message: string): void {
    let entry = this.#seen.get(message);
    if (entry === undefined) {
      entry = { splits: new Set(), count: 0 };
      this.#seen.set(message, entry);
    }
    if (this.split !== null) entry.splits.add(this.split);
    entry.count += 1;
  }

  /** Says each message once to `warn` (null: not at all), in the order first seen. */
  report(warn: ((message: string) => void) | null): void {
    if (warn === null) return;
    for (const [message, { splits, count }] of this.#seen) {
      const where =
        splits.size === 0
          ? 'on the given rows'
          : `on the held-out rows of split${splits.size === 1 ? '' : 's'} ${[...splits].join(', ')}`;
      warn(`${WHERE}: ${where}, at ${count} threshold${count === 1 ? '' : 's'}: ${message}`);
    }
  }
}

/** `posLabel` where the response is ≥ the threshold, else `negLabel` (scikit-learn's `_threshold_scores_to_class_labels`). */
function labelsAt<L extends Label>(score: Float64Array, threshold: number, posLabel: L, negLabel: L): L[] {
  const out = new Array<L>(score.length);
  for (let i = 0; i < score.length; i++) out[i] = (score[i] as number) >= threshold ? posLabel : negLabel;
  return out;
}

/**
 * The response of a fitted binary model on X, oriented towards `posLabel`: its column of
 * `predictProba`, or the decision value (negated when `posLabel` is the first class).
 */
function response(model: LogisticRegression, X: FeatureMatrix, method: ResponseMethod, posLabel: Label): Float64Array {
  const positive = model.classes.indexOf(posLabel);
  if (method === 'decisionFunction') {
    const d = model.decisionFunction(X);
    if (positive === 0) for (let i = 0; i < d.length; i++) d[i] = -(d[i] as number);
    return d;
  }
  const proba = model.predictProba(X);
  const out = new Float64Array(proba.rows);
  for (let i = 0; i < out.length; i++) out[i] = proba.get(i, positive);
  return out;
}

/** A fresh copy of the model fitted on the given rows (all when `rowsOf` is null). */
function fitOn<L extends Label>(
  params: ReturnType<LogisticRegression['getParams']>,
  X: FeatureMatrix,
  y: readonly L[],
  weights: Float64Array | null,
  rowsOf: Int32Array | null,
): LogisticRegression<L> {
  const model = new LogisticRegression<L>(params);
  if (rowsOf === null) return model.fit(X, y, weights === null ? {} : { sampleWeight: weights });
  const part = takeFeatureRows(X, rowsOf);
  try {
    const yPart = Array.from(rowsOf, (i) => y[i] as L);
    const wPart = weights === null ? null : Float64Array.from(rowsOf, (i) => weights[i] as number);
    return model.fit(part.X, yPart, wPart === null ? {} : { sampleWeight: wPart });
  } finally {
    part.dispose();
  }
}

/**
 * The splits of `cv` (anything but 'prefit'): a number k ≥ 2 or a splitter or folds as
 * cv.ts reads them for cross-validation, or a fraction, one stratified shuffle split.
 */
function readSplits(
  cv: unknown,
  rows: number,
  y: Label[],
  groups: ArrayLike<unknown> | null,
  randomState: number | RandomState | null,
  onWarning: ((message: string) => void) | null | undefined,
): Fold[] {
  const shape = "an integer ≥ 2 (stratified folds), a fraction in (0, 1) (one shuffle split), a splitter, an array of folds or 'prefit'";
  if (typeof cv === 'number') {
    if (cv > 0 && cv < 1) {
      const splitter = new StratifiedShuffleSplit({ nSplits: 1, testSize: cv, randomState });
      return readFolds(WHERE, splitter, rows, y, groups, onWarning);
    }
    if (!Number.isInteger(cv) || cv < 2) throw new RangeError(`${WHERE}: cv must be ${shape}, got ${String(cv)}`);
  } else if (typeof cv === 'string') {
    throw new RangeError(`${WHERE}: cv must be ${shape}, got ${describeString(cv)}`);
  } else if (!isArrayLike(cv) && (cv === null || typeof cv !== 'object' || typeof (cv as CrossValidator).split !== 'function')) {
    throw new TypeError(`${WHERE}: cv must be ${shape}, got ${describeKind(cv)}`);
  }
  return readFolds(WHERE, cv, rows, y, groups, onWarning);
}

/** The scoring name (`'custom'` for a function), checked. */
function readScoringName(scoring: unknown): ThresholdScoringName | 'custom' {
  if (scoring === undefined) return 'balanced_accuracy';
  if (typeof scoring === 'function') return 'custom';
  if (typeof scoring !== 'string') {
    throw new TypeError(`${WHERE}: scoring must be a scorer's name or a function, got ${describeKind(scoring)}`);
  }
  if ((LABEL_SCORING_NAMES as readonly string[]).includes(scoring)) return scoring as ThresholdScoringName;
  const known = `${LABEL_SCORING_NAMES.map((s) => `'${s}'`).join(', ')} or a function of (yTrue, yPred, sampleWeight)`;
  if (PROBABILITY_SCORINGS.includes(scoring)) {
    throw new RangeError(
      `${WHERE}: scoring '${scoring}' scores probabilities, which a threshold does not change; use a metric of predicted labels: ${known}`,
    );
  }
  const guess = nearest(scoring, LABEL_SCORING_NAMES);
  throw new RangeError(`${WHERE}: scoring must be one of ${known}, got '${scoring}'${guess === null ? '' : `; did you mean '${guess}'?`}`);
}

/** The positive class: given (one of the classes), or the scorer's default. */
function readPosLabel<L extends Label>(given: unknown, classes: readonly L[], scoring: string): L {
  if (given !== undefined) {
    const found = classes.find((c) => c === given);
    if (found === undefined) {
      const shown = typeof given === 'number' || typeof given === 'string' || typeof given === 'boolean' ? formatLabel(given) : describeKind(given);
      throw new RangeError(`${WHERE}: posLabel ${shown} is not a class of y (${formatLabels(classes)})`);
    }
    return found;
  }
  if (!POSITIVE_CLASS_SCORINGS.includes(scoring)) return classes[1] as L;
  // scikit-learn's f1/precision/recall score pos_label=1, which is also True.
  const found = classes.find((c) => c === 1 || c === true);
  if (found === undefined) {
    throw new RangeError(
      `${WHERE}: scoring '${scoring}' scores class 1 unless posLabel says otherwise (scikit-learn's pos_label=1), and y's classes are ${formatLabels(classes)}; give posLabel`,
    );
  }
  return found;
}

function readResponseMethod(value: unknown): ResponseMethod {
  const method = value === undefined ? 'auto' : checkChoice(WHERE, 'responseMethod', value, RESPONSE_METHODS);
  // 'auto' takes predict_proba when the model has it, and LogisticRegression always has.
  return method === 'auto' ? 'predictProba' : method;
}

/** A count ≥ 2, or the candidates: finite, strictly increasing, at least one. */
/**
 * The largest count of thresholds: each costs one metric call per fold, a pass over the
 * held-out labels (measured: 1,000,000 on 60 rows took 23 s; 10⁹ ran out of memory).
 */
const MAX_THRESHOLDS = 100_000;

function readThresholds(value: unknown): number | Float64Array {
  if (value === undefined) return 100;
  if (typeof value === 'number') return checkInteger(WHERE, 'thresholds', value, 2, MAX_THRESHOLDS);
  if (!isArrayLike(value)) {
    throw new TypeError(`${WHERE}: thresholds must be a count or an array of numbers, got ${describeKind(value)}`);
  }
  if (value.length === 0) throw new RangeError(`${WHERE}: thresholds must hold at least one value, got an empty array`);
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== 'number') throw new TypeError(`${WHERE}: thresholds[${i}] must be a number, got ${describeKind(v)}`);
    if (!Number.isFinite(v)) throw new RangeError(`${WHERE}: thresholds[${i}] must be finite, got ${String(v)}`);
    if (i > 0 && !(v > (out[i - 1] as number))) {
      throw new RangeError(`${WHERE}: thresholds must be strictly increasing; thresholds[${i}] = ${String(v)} follows thresholds[${i - 1}] = ${String(out[i - 1])}`);
    }
    out[i] = v;
  }
  return out;
}

/** A prefit model must be binary with the classes of y. */
function checkPrefitClasses(model: LogisticRegression, classes: readonly Label[]): void {
  const fitted = model.classes;
  if (fitted.length !== 2 || !classes.every((c) => fitted.includes(c))) {
    throw new RangeError(
      `${WHERE}: with cv 'prefit' the model must be fitted on the classes of y (${formatLabels(classes)}); it has ${formatLabels(fitted)}`,
    );
  }
}

/** numpy's `linspace(start, stop, n)` for n ≥ 2: start + i·step, the last exactly stop. */
function linspace(start: number, stop: number, n: number): Float64Array {
  const step = (stop - start) / (n - 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) out[i] = i * step + start;
  out[n - 1] = stop;
  return out;
}

/**
 * numpy's `interp(x, xp, fp)` for increasing xp: linear between neighbouring points, fp
 * itself at a point of xp, and the end values beyond the ends.
 */
function interp(x: Float64Array, xp: Float64Array, fp: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  const last = xp.length - 1;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (v <= (xp[0] as number)) {
      out[i] = fp[0] as number;
      continue;
    }
    if (v >= (xp[last] as number)) {
      out[i] = fp[last] as number;
      continue;
    }
    // The j with xp[j] ≤ v < xp[j + 1].
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((xp[mid] as number) <= v) lo = mid;
      else hi = mid;
    }
    if (v === xp[lo]) {
      out[i] = fp[lo] as number;
      continue;
    }
    const slope = ((fp[lo + 1] as number) - (fp[lo] as number)) / ((xp[lo + 1] as number) - (xp[lo] as number));
    let r = slope * (v - (xp[lo] as number)) + (fp[lo] as number);
    if (Number.isNaN(r)) {
      r = slope * (v - (xp[lo + 1] as number)) + (fp[lo + 1] as number);
      if (Number.isNaN(r) && fp[lo] === fp[lo + 1]) r = fp[lo] as number;
    }
    out[i] = r;
  }
  return out;
}
