/**
 * scikit-learn 1.2's `GroupKFold`: folds that never split a group, with the same
 * indices as scikit-learn for the same groups.
 * @module
 */
import { numpyArgsort } from '../datasets/numpy-argsort.js';
import { STRATIFY_LABELS, encodeLabels } from '../validate/labels.js';
import { checkInteger, checkOptionNames } from '../validate/options.js';
import { type Fold, type SplitSamples, checkPerSample, checkSplitCount, countSamples, foldsFromAssignment } from './fold.js';

const OPTION_NAMES = ['nSplits'] as const;

/** Options of {@link GroupKFold}. */
export interface GroupKFoldOptions {
  /** Number of folds, an integer ≥ 2 and at most the number of distinct groups. @default 5 */
  nSplits?: number | undefined;
}

/**
 * K-fold cross-validation with non-overlapping groups: every sample of a group lands in
 * the same test fold, so no group is both trained and tested on. The groups are taken
 * largest first, each into the fold that holds the fewest samples so far (the first such
 * fold on a tie), which keeps the folds' sizes close. There is no randomness.
 *
 * Groups of equal size are taken in the order numpy 1.24's argsort leaves them (reversed),
 * so ties are broken as in scikit-learn 1.2.1 on numpy 1.24. Newer numpy built with
 * AVX-512 sorting (2.4 checked) orders equal keys by the hardware, so there
 * scikit-learn's own folds for equal-sized groups depend on the machine; groups of
 * distinct sizes give the same folds everywhere.
 *
 * @example
 * ```ts
 * const gkf = new GroupKFold({ nSplits: 2 });
 * gkf.split(4, null, ['a', 'a', 'b', 'c']);
 * // [{ trainIndex: [2, 3], testIndex: [0, 1] }, { trainIndex: [0, 1], testIndex: [2, 3] }]
 * ```
 */
export class GroupKFold {
  /** Number of folds. */
  readonly nSplits: number;

  /**
   * @param options - see {@link GroupKFoldOptions}
   * @throws TypeError for an unknown option or an `nSplits` that is not a number.
   * @throws RangeError for `nSplits` not an integer ≥ 2.
   */
  constructor(options: GroupKFoldOptions = {}) {
    checkOptionNames('GroupKFold', options, OPTION_NAMES);
    this.nSplits = options.nSplits === undefined ? 5 : checkInteger('GroupKFold', 'nSplits', options.nSplits, 2, 0x7fffffff);
  }

  /** The number of splits {@link GroupKFold.split} returns: `nSplits`. */
  getNSplits(): number {
    return this.nSplits;
  }

  /**
   * The `nSplits` train/test splits of the samples, in fold order; each group's samples
   * are all in one test fold.
   *
   * @param X - the samples or their count (see {@link SplitSamples}); only the count is used
   * @param y - optional labels, unused but checked to have one entry per sample
   * @param groups - the group label of each sample: numbers, strings, booleans or bigints
   * @returns one {@link Fold} per split, indices ascending within each array
   * @throws TypeError when X, y or groups is of the wrong kind, groups is missing, or
   *   groups mixes label kinds.
   * @throws RangeError when y or groups does not have one entry per sample, `nSplits` is
   *   greater than the number of samples, or greater than the number of distinct groups.
   */
  split(X: SplitSamples, y: ArrayLike<unknown> | null | undefined, groups: ArrayLike<unknown>): Fold[] {
    const where = 'GroupKFold.split';
    const n = countSamples(where, X);
    if (groups === null || groups === undefined) throw new TypeError(`${where}: groups (the group label of each sample) is required`);
    checkPerSample(where, 'y', y, n);
    checkPerSample(where, 'groups', groups, n);
    checkSplitCount(where, this.nSplits, n);
    const nSplits = this.nSplits;
    const { indices, counts } = encodeLabels(groups, n, `${where}: groups`, STRATIFY_LABELS);
    const nGroups = counts.length;
    if (nSplits > nGroups) {
      throw new RangeError(`${where}: cannot have nSplits = ${nSplits} greater than the number of groups: ${nGroups}`);
    }
    // Largest first, ties as scikit-learn's argsort(counts)[::-1] leaves them.
    const order = numpyArgsort(Float64Array.from(counts)).reverse();
    const foldSize = new Float64Array(nSplits);
    const foldOf = new Int32Array(nGroups);
    for (const g of order) {
      let lightest = 0;
      for (let k = 1; k < nSplits; k++) if (foldSize[k]! < foldSize[lightest]!) lightest = k;
      foldSize[lightest]! += counts[g]!;
      foldOf[g] = lightest;
    }
    const testFold = new Int32Array(n);
    for (let i = 0; i < n; i++) testFold[i] = foldOf[indices[i]!]!;
    return foldsFromAssignment(testFold, nSplits);
  }
}
