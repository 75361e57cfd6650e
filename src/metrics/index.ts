/**
 * Classification metrics with scikit-learn 1.2's semantics and values: {@link logLoss},
 * {@link rocAuc}, {@link confusionMatrix} and {@link precisionRecallF1}.
 *
 * Labels may be integers, strings or booleans (one kind per call); where classes are
 * ordered (columns of probabilities, default label lists) they are sorted as scikit-learn
 * sorts them: numbers ascending, strings by Unicode code point, false before true.
 *
 * @example
 * ```ts
 * import { confusionMatrix, logLoss, precisionRecallF1, rocAuc } from 'logreg-wasm';
 * const yTrue = [0, 1, 1, 0, 1];
 * const p = [0.2, 0.9, 0.4, 0.3, 0.7];
 * logLoss(yTrue, p);
 * rocAuc(yTrue, p);
 * const yPred = p.map((v) => (v > 0.5 ? 1 : 0));
 * confusionMatrix(yTrue, yPred).matrix; // [[2, 0], [1, 2]]
 * precisionRecallF1(yTrue, yPred);      // { precision: 1, recall: 0.666…, f1: 0.8 }
 * ```
 * @module
 */
export type { Label } from '../validate/labels.js';
export { logLoss, type LogLossOptions } from './log-loss.js';
export { rocAuc, type RocAucOptions, type RocAucMultiClass, type RocAucAverage } from './roc-auc.js';
export { balancedAccuracy, type BalancedAccuracyOptions } from './balanced-accuracy.js';
export { confusionMatrix, type ConfusionMatrix, type ConfusionMatrixOptions } from './confusion-matrix.js';
export {
  precisionRecallF1,
  type PrecisionRecallF1Options,
  type PrfAverage,
  type PrfPerClass,
  type PrfScores,
  type ZeroDivision,
} from './precision-recall-f1.js';
