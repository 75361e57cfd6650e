/**
 * Accuracy: the fraction of predicted labels equal to the true ones (weighted by
 * `sampleWeight` when given), as scikit-learn's `accuracy_score`.
 * @module
 */
import { labelArray } from '../validate/labels.js';
import { checkOptionNames } from '../validate/options.js';
import { METRIC_WEIGHTS, readSampleWeight } from '../validate/weights.js';
import { numpyAverage, pairwiseSum } from './numpy-sum.js';

/** Options of {@link accuracy}. */
export interface AccuracyOptions {
  /**
   * One weight ≥ 0 per sample: the result is the weight of the samples predicted right
   * over the total weight (which must not be 0).
   * @default every weight 1
   */
  sampleWeight?: ArrayLike<number> | undefined;
}

/**
 * Fraction of positions where `yPred` equals `yTrue` (compared with `===`).
 *
 * @param yTrue true labels, length n ≥ 1.
 * @param yPred predicted labels, length n.
 * @param options see {@link AccuracyOptions}.
 * @returns a number in [0, 1].
 * @throws TypeError when either is not array-like, or for an unknown option; RangeError
 * when the lengths differ or are 0, or for a sample weight that is negative, non-finite
 * or of the wrong count, or weights that sum to 0.
 * @example
 * ```ts
 * accuracy([0, 1, 1, 0], [0, 1, 0, 0]); // 0.75
 * accuracy([0, 1, 1, 0], [0, 1, 0, 0], { sampleWeight: [1, 1, 2, 0] }); // 0.5
 * ```
 */
export function accuracy<L>(yTrue: ArrayLike<L>, yPred: ArrayLike<L>, options: AccuracyOptions = {}): number {
  checkOptionNames('accuracy', options, ['sampleWeight']);
  labelArray(yTrue, 'accuracy: yTrue');
  labelArray(yPred, 'accuracy: yPred');
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`accuracy: yTrue has ${yTrue.length} labels but yPred has ${yPred.length}`);
  }
  if (yTrue.length === 0) throw new RangeError('accuracy: yTrue and yPred are empty');
  if (options.sampleWeight !== undefined) {
    const weights = readSampleWeight(options.sampleWeight, yTrue.length, 'accuracy: sampleWeight', METRIC_WEIGHTS);
    if (pairwiseSum(weights) === 0) throw new RangeError('accuracy: sampleWeight sums to 0; the weighted mean is undefined');
    const hit = new Float64Array(yTrue.length);
    for (let i = 0; i < yTrue.length; i++) hit[i] = yTrue[i] === yPred[i] ? 1 : 0;
    return numpyAverage(hit, weights);
  }
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}
