/**
 * scikit-learn 1.2's `KFold`: consecutive folds, optionally of shuffled samples, with
 * the same indices as scikit-learn for the same `randomState`.
 * @module
 */
import { checkRandomState } from '../datasets/random-state.js';
import { type Fold, type SplitSamples, checkPerSample, checkSplitCount, countSamples, foldsFromAssignment } from './fold.js';
import { type KFoldOptions, type KFoldSettings, readKFoldOptions } from './k-fold-options.js';

const OPTION_NAMES = ['nSplits', 'shuffle', 'randomState'] as const;

/**
 * K-fold cross-validation: the samples (shuffled first when `shuffle` is true) are cut
 * into `nSplits` consecutive folds, the first `n % nSplits` of size `⌊n / nSplits⌋ + 1`
 * and the rest of size `⌊n / nSplits⌋`; each fold is the test set once, the other folds
 * its train set. Labels play no part: see StratifiedKFold to keep class proportions.
 *
 * @example
 * ```ts
 * const kf = new KFold({ nSplits: 3, shuffle: true, randomState: 0 });
 * for (const { trainIndex, testIndex } of kf.split(X)) { ... }
 * new KFold({ nSplits: 2 }).split(4);
 * // [{ trainIndex: [2, 3], testIndex: [0, 1] }, { trainIndex: [0, 1], testIndex: [2, 3] }]
 * ```
 */
export class KFold {
  /** Number of folds. */
  readonly nSplits: number;
  /** Whether the samples are shuffled before they are cut into folds. */
  readonly shuffle: boolean;
  /** The seed, RandomState or null the shuffle draws from. */
  readonly randomState: KFoldSettings['randomState'];

  /**
   * @param options - see {@link KFoldOptions}
   * @throws TypeError for an unknown option, an option of the wrong kind, or
   *   `randomState` with `shuffle: false` (scikit-learn's ValueError).
   * @throws RangeError for `nSplits` not an integer ≥ 2 or a seed outside [0, 2^32 − 1].
   */
  constructor(options: KFoldOptions = {}) {
    const settings = readKFoldOptions('KFold', options, OPTION_NAMES);
    this.nSplits = settings.nSplits;
    this.shuffle = settings.shuffle;
    this.randomState = settings.randomState;
  }

  /** The number of splits {@link KFold.split} returns: `nSplits`. */
  getNSplits(): number {
    return this.nSplits;
  }

  /**
   * The `nSplits` train/test splits of the samples of X, in fold order.
   *
   * @param X - the samples or their count (see {@link SplitSamples}); only the count is used
   * @param y - optional labels, unused but checked to have one entry per sample
   * @param groups - optional group labels, unused but checked likewise
   * @returns one {@link Fold} per split, indices ascending within each array
   * @throws TypeError when X, y or groups is of the wrong kind.
   * @throws RangeError when y or groups does not have one entry per sample, or
   *   `nSplits` is greater than the number of samples.
   */
  split(X: SplitSamples, y?: ArrayLike<unknown> | null, groups?: ArrayLike<unknown> | null): Fold[] {
    const where = 'KFold.split';
    const n = countSamples(where, X);
    checkPerSample(where, 'y', y, n);
    checkPerSample(where, 'groups', groups, n);
    checkSplitCount(where, this.nSplits, n);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (this.shuffle) checkRandomState(this.randomState).shuffle(order);
    // The sample at shuffled position p goes to the fold whose block holds p.
    const testFold = new Int32Array(n);
    const base = Math.floor(n / this.nSplits);
    const larger = n % this.nSplits;
    let p = 0;
    for (let k = 0; k < this.nSplits; k++) {
      const size = k < larger ? base + 1 : base;
      for (let end = p + size; p < end; p++) testFold[order[p]!] = k;
    }
    return foldsFromAssignment(testFold, this.nSplits);
  }
}
