/**
 * The scorers of cross-validation: scikit-learn 1.2's named scorers (`get_scorer(name)`)
 * as functions of a fitted classifier, held rows and their labels, and a reader for the
 * `scoring` argument of the functions that take one.
 * @module
 */
import type { FeatureMatrix } from '../core/stage.js';
import type { Matrix } from '../matrix.js';
import { type Label, formatLabel, formatLabels, uniqueSorted } from '../validate/labels.js';
import { describeKind } from '../validate/describe.js';
import { nearest } from '../validate/nearest.js';
import { readLabels } from '../metrics/labels.js';
import { accuracy } from '../metrics/accuracy.js';
import { balancedAccuracy } from '../metrics/balanced-accuracy.js';
import { logLoss } from '../metrics/log-loss.js';
import { rocAuc } from '../metrics/roc-auc.js';
import { precisionRecallF1 } from '../metrics/precision-recall-f1.js';

/** A fitted classifier as a scorer reads it (LogisticRegression is one). */
export interface ScoredClassifier {
  /** The classes, sorted: the order of `predictProba`'s columns. */
  readonly classes: readonly Label[];
  /** Predicted labels, one per row of X. */
  predict(X: FeatureMatrix): Label[];
  /** Class probabilities, n×K, columns in `classes` order. */
  predictProba(X: FeatureMatrix): Matrix;
  /** Decision values: n of them for a binary model, n×K (row-major) otherwise. */
  decisionFunction(X: FeatureMatrix): Float64Array;
}

/** The names of the scorers, spelt as scikit-learn spells them. */
export type ScoringName =
  | 'accuracy'
  | 'balanced_accuracy'
  | 'neg_log_loss'
  | 'roc_auc'
  | 'roc_auc_ovr'
  | 'f1'
  | 'f1_macro'
  | 'precision'
  | 'recall';

/**
 * A scorer: the score of a fitted `model` on the rows X with true labels y. Greater is
 * better (a loss is negated). sampleWeight: the weights of the scored rows, or null.
 */
export type ScoringFunction = (
  model: ScoredClassifier,
  X: FeatureMatrix,
  y: ArrayLike<Label>,
  sampleWeight: Float64Array | null,
) => number;

/** A `scoring` argument: a scorer's name or a scoring function. */
export type Scoring = ScoringName | ScoringFunction;

/**
 * The named scorers, as scikit-learn 1.2.1's `get_scorer(name)(clf, X, y, sample_weight=w)`:
 *
 * - `'accuracy'`: the fraction of rows predicted right (weighted: the weight of those rows
 *   over the total weight).
 * - `'balanced_accuracy'`: the mean recall of the classes in y ({@link balancedAccuracy}).
 * - `'neg_log_loss'`: minus the log loss of `predictProba` ({@link logLoss}); for a
 *   two-class model and y of at most two labels, the positive class's column, as
 *   scikit-learn passes it. The columns are named by `model.classes`, so a y that lacks a
 *   class is scored (scikit-learn raises there: it takes the classes from y).
 * - `'roc_auc'`: the ROC AUC of the decision values ({@link rocAuc}); binary y and a
 *   binary model only (RangeError otherwise; use `'roc_auc_ovr'` for more classes).
 * - `'roc_auc_ovr'`: the ROC AUC of `predictProba`, one class against the rest, the
 *   plain mean over classes; for a two-class model and a binary y, the binary AUC of the
 *   positive class's probabilities.
 * - `'f1'`, `'precision'`, `'recall'`: of class 1 (true for boolean labels) against the
 *   rest, as scikit-learn's `pos_label=1` ({@link precisionRecallF1}, average
 *   `'binary'`); a RangeError when y and the predictions hold two labels and neither is 1,
 *   or more than two labels. A score whose denominator is 0 is 0 (scikit-learn also
 *   warns; no warning is given here).
 * - `'f1_macro'`: the plain mean of the F1 of every label of y and the predictions.
 *
 * @example
 * ```ts
 * SCORING_NAMES.includes('roc_auc'); // true
 * ```
 */
export const SCORING_NAMES: readonly ScoringName[] = [
  'accuracy',
  'balanced_accuracy',
  'neg_log_loss',
  'roc_auc',
  'roc_auc_ovr',
  'f1',
  'f1_macro',
  'precision',
  'recall',
];

/** The labels of y, checked; `where` names the scorer in messages. */
function readY(where: string, y: ArrayLike<Label>): Label[] {
  return readLabels(where, 'y', y).values;
}

/** What a weighted call needs that the metric does not take yet. */
function weightsNotYet(where: string): RangeError {
  return new RangeError(`${where}: sample weights are not supported by this scorer yet`);
}

/**
 * The probabilities as scikit-learn's probability scorers pass them: for a two-class
 * model and a y of at most two distinct labels (scikit-learn's "binary" target), the
 * positive class's column only; otherwise the whole n×K matrix.
 */
function scoredProbabilities(model: ScoredClassifier, X: FeatureMatrix, yValues: readonly Label[]): Matrix | Float64Array {
  const proba = model.predictProba(X);
  if (model.classes.length !== 2 || uniqueSorted(yValues).length > 2) return proba;
  const n = proba.rows;
  const positive = new Float64Array(n);
  for (let i = 0; i < n; i++) positive[i] = proba.get(i, 1);
  return positive;
}

function accuracyScorer(model: ScoredClassifier, X: FeatureMatrix, y: ArrayLike<Label>, sampleWeight: Float64Array | null): number {
  const where = "scoring 'accuracy'";
  const yValues = readY(where, y);
  if (sampleWeight !== null) throw weightsNotYet(where);
  return accuracy(yValues, model.predict(X));
}

function balancedAccuracyScorer(model: ScoredClassifier, X: FeatureMatrix, y: ArrayLike<Label>, sampleWeight: Float64Array | null): number {
  const yValues = readY("scoring 'balanced_accuracy'", y);
  return balancedAccuracy(yValues, model.predict(X), sampleWeight === null ? {} : { sampleWeight });
}

function negLogLossScorer(model: ScoredClassifier, X: FeatureMatrix, y: ArrayLike<Label>, sampleWeight: Float64Array | null): number {
  const yValues = readY("scoring 'neg_log_loss'", y);
  const proba = scoredProbabilities(model, X, yValues);
  const labels = model.classes;
  return -logLoss(yValues, proba, sampleWeight === null ? { labels } : { labels, sampleWeight });
}

function rocAucScorer(model: ScoredClassifier, X: FeatureMatrix, y: ArrayLike<Label>, sampleWeight: Float64Array | null): number {
  const where = "scoring 'roc_auc'";
  const yValues = readY(where, y);
  const present = uniqueSorted(yValues);
  if (present.length > 2) {
    throw new RangeError(
      `${where}: y holds ${present.length} classes (${formatLabels(present)}); 'roc_auc' scores binary problems only, use 'roc_auc_ovr' for one class against the rest`,
    );
  }
  if (model.classes.length !== 2) {
    throw new RangeError(
      `${where}: the model has ${model.classes.length} classes (${formatLabels(model.classes)}); 'roc_auc' needs a binary model's decision values, use 'roc_auc_ovr'`,
    );
  }
  if (sampleWeight !== null) throw weightsNotYet(where);
  return rocAuc(yValues, model.decisionFunction(X));
}

function rocAucOvrScorer(model: ScoredClassifier, X: FeatureMatrix, y: ArrayLike<Label>, sampleWeight: Float64Array | null): number {
  const where = "scoring 'roc_auc_ovr'";
  const yValues = readY(where, y);
  if (sampleWeight !== null) throw weightsNotYet(where);
  return rocAuc(yValues, scoredProbabilities(model, X, yValues), { multiClass: 'ovr', average: 'macro' });
}

type PrfScore = 'f1' | 'precision' | 'recall';

/** A scorer of one class, 1, against the rest: scikit-learn's pos_label=1 with average 'binary'. */
function positiveClassScorer(name: PrfScore): ScoringFunction {
  const where = `scoring '${name}'`;
  return (model, X, y, sampleWeight) => {
    const yValues = readY(where, y);
    const predicted = model.predict(X);
    const present = uniqueSorted(yValues, predicted);
    if (present.length > 2) {
      throw new RangeError(
        `${where}: y and the predictions hold ${present.length} classes (${formatLabels(present)}); '${name}' scores class 1 against the rest of a binary problem, use '${name === 'f1' ? 'f1_macro' : name}' with two classes or 'f1_macro'`,
      );
    }
    // scikit-learn's positive label is the number 1, which is also true for boolean labels.
    const positive = present.find((label) => label === 1 || label === true);
    if (positive === undefined && present.length === 2) {
      throw new RangeError(
        `${where}: the positive label 1 is not among the labels of y and the predictions (${formatLabels(present)}); '${name}' scores class 1 against the rest (scikit-learn's pos_label=1), use 'f1_macro' or a scoring function`,
      );
    }
    if (sampleWeight !== null) throw weightsNotYet(where);
    if (positive === undefined) {
      // One label, not 1: scikit-learn scores the absent class 1, whose every count is 0.
      return 0;
    }
    return precisionRecallF1(yValues, predicted, { average: 'binary', posLabel: positive, zeroDivision: 0 })[name];
  };
}

function f1MacroScorer(model: ScoredClassifier, X: FeatureMatrix, y: ArrayLike<Label>, sampleWeight: Float64Array | null): number {
  const where = "scoring 'f1_macro'";
  const yValues = readY(where, y);
  if (sampleWeight !== null) throw weightsNotYet(where);
  return precisionRecallF1(yValues, model.predict(X), { average: 'macro', zeroDivision: 0 }).f1;
}

const SCORERS: Readonly<Record<ScoringName, ScoringFunction>> = {
  accuracy: accuracyScorer,
  balanced_accuracy: balancedAccuracyScorer,
  neg_log_loss: negLogLossScorer,
  roc_auc: rocAucScorer,
  roc_auc_ovr: rocAucOvrScorer,
  f1: positiveClassScorer('f1'),
  f1_macro: f1MacroScorer,
  precision: positiveClassScorer('precision'),
  recall: positiveClassScorer('recall'),
};

/**
 * Reads a `scoring` argument: a scorer's name (see {@link SCORING_NAMES}) or a
 * {@link ScoringFunction}, which is returned as it is.
 *
 * @param where the public function, for messages (`'crossValScore'`).
 * @param name the argument's name, for messages (`'scoring'`).
 * @param value the argument.
 * @returns the scoring function.
 * @throws TypeError when value is neither a string nor a function; RangeError for an
 * unknown name, listing the known ones and suggesting the nearest.
 * @example
 * ```ts
 * const score = readScoring('crossValScore', 'scoring', 'roc_auc');
 * score(model, X, y, null); // the ROC AUC of model's decision values on X
 * readScoring('crossValScore', 'scoring', 'roc-auc');
 * // RangeError: crossValScore: scoring must be one of 'accuracy', …, 'recall' or a function, got 'roc-auc'; did you mean 'roc_auc'?
 * ```
 */
export function readScoring(where: string, name: string, value: unknown): ScoringFunction {
  if (typeof value === 'function') return value as ScoringFunction;
  if (typeof value !== 'string') {
    throw new TypeError(`${where}: ${name} must be a scorer's name or a function, got ${describeKind(value)}`);
  }
  if (Object.prototype.hasOwnProperty.call(SCORERS, value)) return SCORERS[value as ScoringName];
  const guess = nearest(value, SCORING_NAMES);
  const hint = guess === null ? '' : `; did you mean '${guess}'?`;
  throw new RangeError(
    `${where}: ${name} must be one of ${SCORING_NAMES.map((s) => `'${s}'`).join(', ')} or a function, got ${formatLabel(value)}${hint}`,
  );
}
