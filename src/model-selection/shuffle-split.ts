/**
 * scikit-learn 1.2's `ShuffleSplit`: independent random train/test splits, with the same
 * indices, in the same order, as scikit-learn for the same `randomState`.
 * @module
 */
import { checkRandomState } from '../datasets/random-state.js';
import { type Fold, type SplitSamples, checkPerSample, countSamples } from './fold.js';
import { ShuffleSplitBase, type ShuffleSplitOptions } from './shuffle-split-options.js';
import { drawShuffleSplit, shuffleSplitSizes } from './shuffle-split-draw.js';

/**
 * Random permutation cross-validation: each of the `nSplits` splits draws a fresh
 * permutation of the samples and takes its first `nTest` as the test set and the next
 * `nTrain` as the train set. Splits are independent, so a sample may be tested in several
 * of them or in none. Indices are in the drawn order (not sorted), as in scikit-learn.
 *
 * @example
 * ```ts
 * const ss = new ShuffleSplit({ nSplits: 5, testSize: 0.2, randomState: 0 });
 * for (const { trainIndex, testIndex } of ss.split(X)) { ... }
 * ```
 */
export class ShuffleSplit extends ShuffleSplitBase {
  /**
   * @param options - see {@link ShuffleSplitOptions}
   * @throws TypeError for an unknown option or an option of the wrong kind.
   * @throws RangeError for `nSplits` not an integer ≥ 1 or a seed outside [0, 2^32 − 1].
   */
  constructor(options: ShuffleSplitOptions = {}) {
    super('ShuffleSplit', options);
  }

  /**
   * The `nSplits` random train/test splits of the samples of X.
   *
   * @param X - the samples or their count (see {@link SplitSamples}); only the count is used
   * @param y - optional labels, unused but checked to have one entry per sample
   * @param groups - optional group labels, unused but checked likewise
   * @returns one {@link Fold} per split, indices in scikit-learn's drawn order
   * @throws TypeError when X, y or groups is of the wrong kind.
   * @throws RangeError when y or groups does not have one entry per sample, or for sizes
   *   out of range for the number of samples (a count outside [1, n − 1], a fraction
   *   outside (0, 1), sizes adding up to more than n, an empty train set).
   */
  split(X: SplitSamples, y?: ArrayLike<unknown> | null, groups?: ArrayLike<unknown> | null): Fold[] {
    const where = 'ShuffleSplit.split';
    const n = countSamples(where, X);
    checkPerSample(where, 'y', y, n);
    checkPerSample(where, 'groups', groups, n);
    const { nTrain, nTest } = shuffleSplitSizes(n, this.testSize, this.trainSize, 0.1, where);
    const rng = checkRandomState(this.randomState);
    const folds: Fold[] = [];
    for (let s = 0; s < this.nSplits; s++) {
      const { train, test } = drawShuffleSplit(rng, n, nTrain, nTest);
      folds.push({ trainIndex: train, testIndex: test });
    }
    return folds;
  }
}
