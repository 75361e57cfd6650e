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
  onWarning?: WarningHandler,
) => number;

/**
 * Where a metric's warnings go (an ill-defined score, as scikit-learn's
 * UndefinedMetricWarning): a function, null to silence them, or undefined for the
 * metric's default (console.warn). The model-selection functions pass their own
 * `onWarning`.
 */
export type WarningHandler = ((message: string) => void) | null | undefined;

/** A `scoring` argument: a scorer's name or a scoring function. */
export type Scoring = ScoringName | ScoringFunction;

/**
 * The named scorers, as scikit-learn 1.2.1's `get_scorer(name)(clf, X, y, sample_weight=w)`:
 *
 * - `'accuracy'`: the fraction of rows predicted right (weighted: the weight of those rows
 *   over the total weight).
 * - `'balanced_accuracy'`: the mean recall of the classes in y ({@link balancedAccuracy});
 *   a predicted class that y lacks is left out with a warning (console.warn), as
 *   scikit-learn warns.
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
 * A non-null `sampleWeight` weighs the rows in every scorer, as scikit-learn's metrics do
 * (`'roc_auc'` and `'roc_auc_ovr'` leave out rows of weight 0).
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

/** The `sampleWeight` option of a metric: absent when the scorer has no weights. */
function weighted(sampleWeight: Float64Array | null): { sampleWeight?: Float64Array } {
  return sampleWeight === null ? {} : { sampleWeight };
}

/** The sample weights and the warning handler (null: a handler that drops them), as the metric options spell them. */
function weightedWarning(sampleWeight: Float64Array | null, onWarning: WarningHandler): { sampleWeight?: Float64Array; onWarning?: (message: string) => void } {
  if (onWarning === undefined) return weighted(sampleWeight);
  return { ...weighted(sampleWeight), onWarning: onWarning ?? ((): void => {}) };
}

/** The labels of y, checked; `where` names the scorer in messages. */
function readY(where: string, y: ArrayLike<Label>): Label[] {
  return readLabels(where, 'y', y).values;
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

/** The scorers that compare predicted labels with true ones. */
export type LabelScoringName = 'accuracy' | 'balanced_accuracy' | 'f1' | 'f1_macro' | 'precision' | 'recall';

/** The names of {@link LabelScoringName}, in the order of {@link SCORING_NAMES}. */
export const LABEL_SCORING_NAMES: readonly LabelScoringName[] = ['accuracy', 'balanced_accuracy', 'f1', 'f1_macro', 'precision', 'recall'];

/**
 * The metric behind a label scorer: of true labels, predicted labels (the same kind and
 * count) and the rows' weights (or null). Greater is better.
 */
export type LabelMetric = (yTrue: readonly Label[], yPred: readonly Label[], sampleWeight: Float64Array | null, onWarning?: WarningHandler) => number;

/** Whether a label is scikit-learn's pos_label: equal, or a boolean equal to the number as numpy compares them (1 == True). */
function isPositive(label: Label, posLabel: Label): boolean {
  if (label === posLabel) return true;
  if (typeof label === 'boolean' && typeof posLabel === 'number') return Number(label) === posLabel;
  return false;
}

/** F1, precision or recall of `posLabel` against the rest (scikit-learn's average 'binary'). */
function positiveClassMetric(name: 'f1' | 'precision' | 'recall', posLabel: Label): LabelMetric {
  const where = `scoring '${name}'`;
  return (yTrue, yPred, sampleWeight, onWarning) => {
    const present = uniqueSorted(yTrue, yPred);
    if (present.length > 2) {
      throw new RangeError(
        `${where}: y and the predictions hold ${present.length} classes (${formatLabels(present)}); '${name}' scores the positive label ${formatLabel(posLabel)} against one other class, use 'f1_macro' or a scoring function for more classes`,
      );
    }
    const positive = present.find((label) => isPositive(label, posLabel));
    if (positive === undefined && present.length === 2) {
      throw new RangeError(
        `${where}: the positive label ${formatLabel(posLabel)} is not among the labels of y and the predictions (${formatLabels(present)}); '${name}' scores it against the rest (scikit-learn's pos_label=${formatLabel(posLabel)}), use 'f1_macro' or a scoring function`,
      );
    }
    // One label, not the positive one: no sample is positive, so every count is 0 and so
    // is the score (scikit-learn also warns that it is ill-defined).
    if (positive === undefined) return 0;
    return precisionRecallF1(yTrue, yPred, { average: 'binary', posLabel: positive, zeroDivision: 0, ...weightedWarning(sampleWeight, onWarning) })[name];
  };
}

/**
 * The metric behind a label scorer, as scikit-learn 1.2.1's score function of that
 * scorer: `accuracy_score`, `balanced_accuracy_score`, and `f1_score`,
 * `precision_score`, `recall_score` with average 'binary' and `pos_label` (or, for
 * `'f1_macro'`, average 'macro'). A score whose denominator is 0 is 0, without a warning.
 *
 * @param name the scorer's name.
 * @param posLabel the class that `'f1'`, `'precision'` and `'recall'` score against the
 * rest (scikit-learn's `pos_label`; the named scorers use 1, which also matches `true`);
 * ignored by the other names.
 * @returns the metric; it throws RangeError for `'f1'`, `'precision'` or `'recall'` when
 * the labels and predictions hold more than two classes or two classes without
 * `posLabel`, and as the metric it calls for bad labels.
 * @throws RangeError for an unknown name.
 * @example
 * ```ts
 * labelMetric('f1', 'spam')(['spam', 'ham', 'spam'], ['spam', 'spam', 'ham'], null); // 0.5
 * labelMetric('balanced_accuracy', 1)([0, 0, 1], [0, 1, 1], null);                   // 0.75
 * ```
 */
export function labelMetric(name: LabelScoringName, posLabel: Label): LabelMetric {
  switch (name) {
    case 'accuracy':
      return (yTrue, yPred, sampleWeight) => accuracy(yTrue, yPred, weighted(sampleWeight));
    case 'balanced_accuracy':
      return (yTrue, yPred, sampleWeight, onWarning) => balancedAccuracy(yTrue, yPred, weightedWarning(sampleWeight, onWarning));
    case 'f1_macro':
      return (yTrue, yPred, sampleWeight, onWarning) =>
        precisionRecallF1(yTrue, yPred, { average: 'macro', zeroDivision: 0, ...weightedWarning(sampleWeight, onWarning) }).f1;
    case 'f1':
    case 'precision':
    case 'recall':
      return positiveClassMetric(name, posLabel);
    default:
      throw new RangeError(
        `labelMetric: name must be one of ${LABEL_SCORING_NAMES.map((s) => `'${s}'`).join(', ')}, got ${formatLabel(String(name))}`,
      );
  }
}

/** A scorer of predicted labels: the metric of `predict(X)` against y, scikit-learn's pos_label 1. */
function labelScorer(name: LabelScoringName): ScoringFunction {
  const where = `scoring '${name}'`;
  const metric = labelMetric(name, 1);
  return (model, X, y, sampleWeight, onWarning) => metric(readY(where, y), model.predict(X), sampleWeight, onWarning);
}

function negLogLossScorer(model: ScoredClassifier, X: FeatureMatrix, y: ArrayLike<Label>, sampleWeight: Float64Array | null): number {
  const yValues = readY("scoring 'neg_log_loss'", y);
  const proba = scoredProbabilities(model, X, yValues);
  const labels = model.classes;
  return -logLoss(yValues, proba, { labels, ...weighted(sampleWeight) });
}

function rocAucScorer(model: ScoredClassifier, X: FeatureMatrix, y: ArrayLike<Label>, sampleWeight: Float64Array | null, onWarning?: WarningHandler): number {
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
  return rocAuc(yValues, model.decisionFunction(X), weightedWarning(sampleWeight, onWarning));
}

function rocAucOvrScorer(model: ScoredClassifier, X: FeatureMatrix, y: ArrayLike<Label>, sampleWeight: Float64Array | null, onWarning?: WarningHandler): number {
  const where = "scoring 'roc_auc_ovr'";
  const yValues = readY(where, y);
  return rocAuc(yValues, scoredProbabilities(model, X, yValues), { multiClass: 'ovr', average: 'macro', ...weightedWarning(sampleWeight, onWarning) });
}

const SCORERS: Readonly<Record<ScoringName, ScoringFunction>> = {
  accuracy: labelScorer('accuracy'),
  balanced_accuracy: labelScorer('balanced_accuracy'),
  neg_log_loss: negLogLossScorer,
  roc_auc: rocAucScorer,
  roc_auc_ovr: rocAucOvrScorer,
  f1: labelScorer('f1'),
  f1_macro: labelScorer('f1_macro'),
  precision: labelScorer('precision'),
  recall: labelScorer('recall'),
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
  if (typeof value === 'function') {
    // A function of the caller's: its result is checked, so that a string or an object
    // is not stored as a score (NaN stays a number, as scikit-learn keeps it).
    const custom = value as ScoringFunction;
    return (model, X, y, sampleWeight, onWarning) => {
      const score: unknown = custom(model, X, y, sampleWeight, onWarning);
      if (typeof score !== 'number') throw new TypeError(`${where}: ${name} returned ${describeKind(score)}; it must return a number`);
      return score;
    };
  }
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
