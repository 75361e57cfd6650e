/**
 * Balanced accuracy, as scikit-learn 1.2's `sklearn.metrics.balanced_accuracy_score`.
 * @module
 */
import { checkBoolean, checkFunction, checkOptionNames } from '../validate/options.js';
import { type Label, formatLabels } from '../validate/labels.js';
import { confusionMatrix } from './confusion-matrix.js';
import { readLabelPair } from './labels.js';
import { numpyAverage, pairwiseSum } from './numpy-sum.js';

/** Options of {@link balancedAccuracy}; every field is optional. */
export interface BalancedAccuracyOptions {
  /**
   * One weight ≥ 0 per sample: each class's recall is the weight of its rows predicted
   * right over the weight of its rows.
   * @default every weight 1
   */
  sampleWeight?: ArrayLike<number> | undefined;
  /**
   * Correct for chance: (score − 1/K) / (1 − 1/K) for the K classes scored, so that
   * random guessing scores 0 and a perfect prediction 1 (a score may be negative).
   * With a single class scored this divides by 0 (NaN or −Infinity), as in scikit-learn.
   * @default false
   */
  adjusted?: boolean | undefined;
  /**
   * Receives the warning given when yPred holds a label that yTrue does not, or holds
   * only with weight 0 (that class has no recall and is left out of the mean).
   * @default console.warn
   */
  onWarning?: ((message: string) => void) | undefined;
}

const WHERE = 'balancedAccuracy';
const OPTION_NAMES = ['sampleWeight', 'adjusted', 'onWarning'] as const;

/**
 * Balanced accuracy: the mean over the classes of yTrue of each class's recall (the
 * fraction of its samples predicted as it), so every class counts the same however
 * many samples it has. For balanced classes it equals the accuracy.
 *
 * A label that occurs in yPred only has no recall: it is left out of the mean, with a
 * warning (as scikit-learn warns). So is a class of yTrue whose samples all weigh 0.
 *
 * @param yTrue true labels, n ≥ 1 of them: integers, strings or booleans, one kind.
 * @param yPred predicted labels, n of them, of the same kind.
 * @param options see {@link BalancedAccuracyOptions}: `sampleWeight`, `adjusted`
 * (default false), `onWarning` (default console.warn).
 * @returns the mean recall, in [0, 1] (adjusted: at most 1, possibly negative).
 * @throws TypeError for the wrong kind of argument, option or label, or mixed label
 * kinds. RangeError for an empty yTrue, different lengths, a non-integer numeric label, a
 * sample weight that is negative, non-finite or of the wrong count, or weights that give
 * no class of yTrue any weight.
 * @example
 * ```ts
 * balancedAccuracy([1, 1, 1, 1, 0, 0], [1, 1, 1, 0, 0, 1]); // 0.625: recalls 0.5 and 0.75
 * balancedAccuracy([1, 1, 1, 1, 0, 0], [1, 1, 1, 0, 0, 1], { adjusted: true }); // 0.25
 * balancedAccuracy(['a', 'b', 'b'], ['a', 'b', 'a'], { sampleWeight: [1, 1, 3] }); // 0.625: recalls 1 and 0.25
 * ```
 */
export function balancedAccuracy<L extends Label>(
  yTrue: ArrayLike<L>,
  yPred: ArrayLike<L>,
  options: BalancedAccuracyOptions = {},
): number {
  checkOptionNames(WHERE, options, OPTION_NAMES);
  const adjusted = checkBoolean(WHERE, 'adjusted', options.adjusted ?? false);
  const onWarning = checkFunction<(message: string) => void>(
    WHERE,
    'onWarning',
    options.onWarning ?? ((message: string) => console.warn(message)),
  );
  // Checked here, so that messages name this function rather than confusionMatrix.
  const { t, p, weights } = readLabelPair(WHERE, yTrue, yPred, options.sampleWeight);
  const { labels, matrix } = confusionMatrix(t.values, p.values, weights === undefined ? {} : { sampleWeight: weights });

  const recalls: number[] = [];
  const unscored: L[] = [];
  labels.forEach((label, k) => {
    const row = matrix[k] as number[];
    // numpy's order of summation, so weighted totals agree to the last bit.
    const total = pairwiseSum(row);
    if (total === 0) unscored.push(label);
    else recalls.push((row[k] as number) / total);
  });
  if (recalls.length === 0) {
    throw new RangeError(`${WHERE}: sampleWeight gives every class of yTrue a total weight of 0; the score is undefined`);
  }
  if (unscored.length > 0) {
    onWarning(
      `${WHERE}: yPred contains classes that yTrue does not (or only with weight 0): ${formatLabels(unscored)}; they have no recall and are left out of the mean`,
    );
  }
  const score = numpyAverage(recalls);
  if (!adjusted) return score;
  const chance = 1 / recalls.length;
  return (score - chance) / (1 - chance);
}
