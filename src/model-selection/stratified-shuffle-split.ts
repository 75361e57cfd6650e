/**
 * scikit-learn 1.2's `StratifiedShuffleSplit`: random train/test splits that keep the
 * class proportions, with the same indices, in the same order, as scikit-learn for the
 * same `randomState`.
 * @module
 */
import { checkRandomState } from '../datasets/random-state.js';
import { type Fold, type SplitSamples, checkPerSample, countSamples } from './fold.js';
import { ShuffleSplitBase, type ShuffleSplitOptions } from './shuffle-split-options.js';
import { drawStratifiedSplit, readStrata, shuffleSplitSizes } from './shuffle-split-draw.js';

/**
 * Stratified random permutation cross-validation: each split decides how many of each
 * class go to the train and test sets (the proportional share, rounded as scikit-learn's
 * `_approximate_mode` does, ties drawn at random), draws a permutation per class for the
 * members, then shuffles both sets. Splits are independent. Indices are in the drawn
 * order (not sorted), as in scikit-learn.
 *
 * @example
 * ```ts
 * const sss = new StratifiedShuffleSplit({ nSplits: 5, testSize: 0.2, randomState: 0 });
 * for (const { trainIndex, testIndex } of sss.split(X, y)) { ... }
 * ```
 */
export class StratifiedShuffleSplit extends ShuffleSplitBase {
  /**
   * @param options - see {@link ShuffleSplitOptions}
   * @throws TypeError for an unknown option or an option of the wrong kind.
   * @throws RangeError for `nSplits` not an integer ≥ 1 or a seed outside [0, 2^32 − 1].
   */
  constructor(options: ShuffleSplitOptions = {}) {
    super('StratifiedShuffleSplit', options);
  }

  /**
   * The `nSplits` stratified random train/test splits of the samples.
   *
   * @param X - the samples or their count (see {@link SplitSamples}); only the count is used
   * @param y - class labels, one per sample: numbers, strings, booleans or bigints
   * @param groups - optional group labels, unused but checked to have one entry per sample
   * @returns one {@link Fold} per split, indices in scikit-learn's drawn order
   * @throws TypeError when X, y or groups is of the wrong kind, y is missing, or y mixes
   *   label kinds.
   * @throws RangeError when y or groups does not have one entry per sample, for sizes out
   *   of range (as {@link ShuffleSplit.split}), a class with fewer than 2 members, or
   *   fewer train or test samples than classes.
   */
  split(X: SplitSamples, y: ArrayLike<unknown>, groups?: ArrayLike<unknown> | null): Fold[] {
    const where = 'StratifiedShuffleSplit.split';
    const n = countSamples(where, X);
    if (y === null || y === undefined) throw new TypeError(`${where}: y (the class labels to stratify on) is required`);
    checkPerSample(where, 'y', y, n);
    checkPerSample(where, 'groups', groups, n);
    const { nTrain, nTest } = shuffleSplitSizes(n, this.testSize, this.trainSize, 0.1, where);
    const strata = readStrata(y, n, nTrain, nTest, where, 'y');
    const rng = checkRandomState(this.randomState);
    const folds: Fold[] = [];
    for (let s = 0; s < this.nSplits; s++) {
      const { train, test } = drawStratifiedSplit(rng, strata, nTrain, nTest);
      folds.push({ trainIndex: train, testIndex: test });
    }
    return folds;
  }
}
