/**
 * Cross-validation of an estimator: fit a fresh copy on each fold's training rows and
 * score it on the held-out rows (scikit-learn 1.2's `cross_validate` and
 * `cross_val_score`).
 * @module
 */
import type { FeatureMatrix } from '../core/stage.js';
import type { Dtype } from '../matrix.js';
import { isArrayLike } from '../validate/array-like.js';
import { describeKind } from '../validate/describe.js';
import type { Label } from '../validate/labels.js';
import { checkBoolean, checkFunction, checkOptionNames } from '../validate/options.js';
import { FIT_WEIGHTS, readSampleWeight } from '../validate/weights.js';
import { type Cv, readFolds } from './cv.js';
import { checkPerSample } from './fold.js';
import { checkSamples, inFold, takeFeatureRows, takeSamples } from './fold-data.js';
import { readScoring, type ScoredClassifier, type Scoring, type ScoringFunction } from './scoring.js';

/**
 * An estimator cross-validation can copy, fit and score: `LogisticRegression`,
 * `LogisticRegressionCV`, or a class of your own with these members whose constructor
 * takes what `getParams()` returns.
 */
export interface CrossValidatable extends ScoredClassifier {
  /** The constructor options of an unfitted copy (scikit-learn's `get_params`). */
  getParams(): object;
  /** Trains on X and y (with per-sample weights when given). */
  fit(X: FeatureMatrix, y: ArrayLike<Label>, options?: { sampleWeight?: ArrayLike<number> | null }): unknown;
  /** The estimator's own score, used when `scoring` is null. */
  score?(X: FeatureMatrix, y: ArrayLike<Label>): number;
  /** Storage of X while training; folds are checked with it. */
  readonly dtype?: Dtype;
}

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions {
  /**
   * How to cut the data into folds: a number k of stratified folds, a splitter, or the
   * folds (see {@link Cv}).
   * @default 5
   */
  cv?: Cv;
  /**
   * What to measure on the held-out rows: a scorer's name as scikit-learn spells it
   * (`'accuracy'`, `'balanced_accuracy'`, `'neg_log_loss'`, `'roc_auc'`,
   * `'roc_auc_ovr'`, `'f1'`, `'f1_macro'`, `'precision'`, `'recall'`) or a function
   * (greater is better); null uses the estimator's `score` (accuracy for
   * LogisticRegression).
   * @default null
   */
  scoring?: Scoring | null;
  /**
   * Weight per sample, passed to each fold's fit (the fold's entries), as scikit-learn
   * 1.2 passes `fit_params={'sample_weight': w}`; the scores are unweighted unless
   * `weightedScoring` asks otherwise.
   * @default null
   */
  sampleWeight?: ArrayLike<number> | null;
  /**
   * Group of each sample, for a splitter that keeps groups apart (GroupKFold).
   * @default null
   */
  groups?: ArrayLike<unknown> | null;
  /**
   * Also score each fold's model on its training rows.
   * @default false
   */
  returnTrainScore?: boolean;
  /**
   * Also return the fitted estimator of each fold (the caller disposes them).
   * @default false
   */
  returnEstimator?: boolean;
  /**
   * Give the scorer the scored rows' sample weights. scikit-learn 1.2 never does (its
   * scores are unweighted); 1.4's metadata routing can.
   * @default false
   */
  weightedScoring?: boolean;
  /**
   * Receives warnings: the splitter's made from a number `cv` (a class with fewer members
   * than folds) and the scorer's (an ill-defined score on a fold); null silences them.
   * @default console.warn
   */
  onWarning?: ((message: string) => void) | null;
}

/** What {@link crossValidate} returns, one entry per fold; `E` is the estimator's type. */
export interface CrossValidateResult<E> {
  /** Seconds each fold's fit took. */
  readonly fitTime: Float64Array;
  /** Seconds each fold's scoring took (test and train rows). */
  readonly scoreTime: Float64Array;
  /** The score on each fold's held-out rows. */
  readonly testScore: Float64Array;
  /** The score on each fold's training rows; null unless `returnTrainScore`. */
  readonly trainScore: Float64Array | null;
  /** Each fold's fitted estimator; null unless `returnEstimator`. */
  readonly estimator: E[] | null;
}

const OPTION_NAMES = ['cv', 'scoring', 'sampleWeight', 'groups', 'returnTrainScore', 'returnEstimator', 'weightedScoring', 'onWarning'];

/**
 * Cross-validates `estimator` on X and y: for each fold, an unfitted copy (built from
 * `estimator.getParams()`, so the estimator itself is not touched) is fitted on the
 * training rows and scored on the held-out rows. Each fit uses the estimator's `threads`;
 * results do not depend on them.
 *
 * Shapes: X is n×d (dense or a CsrMatrix); y, `sampleWeight` and `groups` have n entries.
 * @returns per fold the fit and score times (seconds), the test score, and on request
 * the train score and the fitted copies.
 * @throws TypeError for an unknown option or the wrong kind of argument; RangeError for a
 * bad `cv` (fewer than 2 folds, more folds than samples, an index out of range), an
 * unknown scoring name (with the nearest known one), lengths that differ from X's rows,
 * and for what a fold's fit or scorer throws (the message says which fold, the error
 * keeps its class).
 * @example
 * ```ts
 * import { LogisticRegression, crossValidate } from 'logreg-wasm';
 * const { testScore, fitTime } = crossValidate(new LogisticRegression({ C: 0.5 }), X, y, { cv: 5, scoring: 'roc_auc' });
 * ```
 */
export function crossValidate<E extends CrossValidatable>(
  estimator: E,
  X: FeatureMatrix,
  y: ArrayLike<Label>,
  options: CrossValidateOptions = {},
): CrossValidateResult<E> {
  return run('crossValidate', estimator, X, y, options);
}

/** Options of {@link crossValScore}: those of {@link crossValidate} that decide the scores. */
export type CrossValScoreOptions = Pick<CrossValidateOptions, 'cv' | 'scoring' | 'sampleWeight' | 'groups' | 'weightedScoring' | 'onWarning'>;

/**
 * The held-out score of each fold: {@link crossValidate}'s `testScore` (scikit-learn's
 * `cross_val_score`).
 * @throws as {@link crossValidate}.
 * @example
 * ```ts
 * const scores = crossValScore(new LogisticRegression(), X, y, { cv: 5 }); // Float64Array(5)
 * ```
 */
export function crossValScore(estimator: CrossValidatable, X: FeatureMatrix, y: ArrayLike<Label>, options: CrossValScoreOptions = {}): Float64Array {
  checkOptionNames('crossValScore', options, ['cv', 'scoring', 'sampleWeight', 'groups', 'weightedScoring', 'onWarning']);
  return run('crossValScore', estimator, X, y, options).testScore;
}

function run<E extends CrossValidatable>(where: string, estimator: E, X: FeatureMatrix, y: ArrayLike<Label>, options: CrossValidateOptions): CrossValidateResult<E> {
  checkOptionNames(where, options, OPTION_NAMES);
  checkEstimator(where, estimator);
  const scorer = options.scoring === undefined || options.scoring === null ? ownScore(estimator) : readScoring(where, 'scoring', options.scoring);
  const returnTrainScore = checkBoolean(where, 'returnTrainScore', options.returnTrainScore ?? false);
  const returnEstimator = checkBoolean(where, 'returnEstimator', options.returnEstimator ?? false);
  const weightedScoring = checkBoolean(where, 'weightedScoring', options.weightedScoring ?? false);
  const onWarning = options.onWarning === undefined ? undefined : checkFunction<(message: string) => void>(where, 'onWarning', options.onWarning, true);
  const n = checkSamples(X, estimator.dtype ?? 'float64').rows;
  if (!isArrayLike(y)) throw new TypeError(`${where}: y must be an array of labels, got ${describeKind(y)}`);
  checkPerSample(where, 'y', y, n);
  const sampleWeight = options.sampleWeight == null ? null : readSampleWeight(options.sampleWeight, n, 'sampleWeight', FIT_WEIGHTS);
  const groups = options.groups ?? null;
  checkPerSample(where, 'groups', groups, n);
  const folds = readFolds(where, options.cv ?? 5, n, y, groups, onWarning);

  const Estimator = estimator.constructor as new (params: object) => E;
  const fitTime = new Float64Array(folds.length);
  const scoreTime = new Float64Array(folds.length);
  const testScore = new Float64Array(folds.length);
  const trainScore = returnTrainScore ? new Float64Array(folds.length) : null;
  const fitted: E[] = [];
  try {
    folds.forEach(({ trainIndex, testIndex }, k) => {
      inFold(where, k, folds.length, () => {
        const model = new Estimator(estimator.getParams());
        if (returnEstimator) fitted.push(model);
        const weightsOf = (index: Int32Array): Float64Array | null => (sampleWeight === null ? null : (takeSamples(sampleWeight, index) as Float64Array));
        const train = takeFeatureRows(X, trainIndex);
        try {
          const yTrain = takeSamples(y, trainIndex) as ArrayLike<Label>;
          let started = performance.now();
          model.fit(train.X, yTrain, sampleWeight === null ? {} : { sampleWeight: weightsOf(trainIndex) });
          fitTime[k] = (performance.now() - started) / 1000;
          started = performance.now();
          const test = takeFeatureRows(X, testIndex);
          try {
            testScore[k] = scorer(model, test.X, takeSamples(y, testIndex) as ArrayLike<Label>, weightedScoring ? weightsOf(testIndex) : null, onWarning);
          } finally {
            test.dispose();
          }
          if (trainScore !== null) trainScore[k] = scorer(model, train.X, yTrain, weightedScoring ? weightsOf(trainIndex) : null, onWarning);
          scoreTime[k] = (performance.now() - started) / 1000;
        } finally {
          train.dispose();
          if (!returnEstimator) (model as { dispose?: () => void }).dispose?.();
        }
      });
    });
  } catch (error) {
    for (const model of fitted) (model as { dispose?: () => void }).dispose?.();
    throw error;
  }
  return { fitTime, scoreTime, testScore, trainScore, estimator: returnEstimator ? fitted : null };
}

function checkEstimator(where: string, estimator: unknown): void {
  const members = ['getParams', 'fit', 'predict', 'predictProba', 'decisionFunction'];
  const missing = members.filter((name) => typeof (estimator as Record<string, unknown> | null)?.[name] !== 'function');
  if (estimator === null || typeof estimator !== 'object' || missing.length > 0) {
    throw new TypeError(
      `${where}: estimator must be a classifier with ${members.join(', ')} (e.g. a LogisticRegression), got ${describeKind(estimator)}${missing.length > 0 && typeof estimator === 'object' && estimator !== null ? ` without ${missing.join(', ')}` : ''}`,
    );
  }
}

/** The estimator's own `score`, or accuracy when it has none. */
function ownScore(estimator: CrossValidatable): ScoringFunction {
  if (typeof estimator.score === 'function') return (model, X, y) => (model as CrossValidatable).score!(X, y);
  return readScoring('crossValidate', 'scoring', 'accuracy');
}
