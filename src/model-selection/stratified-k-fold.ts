/**
 * scikit-learn 1.2's `StratifiedKFold`: folds that keep each class's share of the
 * samples, with the same indices as scikit-learn for the same `randomState`.
 * @module
 */
import { checkRandomState } from '../datasets/random-state.js';
import { encodeLabels } from '../validate/labels.js';
import { checkFunction } from '../validate/options.js';
import { type Fold, type SplitSamples, checkPerSample, checkSplitCount, countSamples, foldsFromAssignment } from './fold.js';
import { type KFoldOptions, type KFoldSettings, readKFoldOptions } from './k-fold-options.js';

const OPTION_NAMES = ['nSplits', 'shuffle', 'randomState', 'onWarning'] as const;

/** Options of {@link StratifiedKFold}. */
export interface StratifiedKFoldOptions extends KFoldOptions {
  /**
   * Called with scikit-learn's UserWarning when the least populated class has fewer
   * members than `nSplits` (some test folds then lack that class); null to stay silent.
   * @default console.warn
   */
  onWarning?: ((message: string) => void) | null | undefined;
}

/**
 * Stratified k-fold cross-validation: each class's samples are dealt to the folds so
 * that every fold holds about the same share of each class. How many of class c go to
 * each fold is fixed by dealing the labels, sorted by class, round robin to the folds;
 * within a class the samples keep their order and take their fold numbers in blocks
 * (fold 0's first), or, with `shuffle`, in an order shuffled per class. Classes are
 * taken in order of first appearance in y, which is the order the shuffles draw in.
 *
 * @example
 * ```ts
 * const skf = new StratifiedKFold({ nSplits: 3, shuffle: true, randomState: 42 });
 * for (const { trainIndex, testIndex } of skf.split(X, y)) { ... }
 * new StratifiedKFold({ nSplits: 2 }).split(4, ['a', 'b', 'a', 'b']);
 * // [{ trainIndex: [2, 3], testIndex: [0, 1] }, { trainIndex: [0, 1], testIndex: [2, 3] }]
 * ```
 */
export class StratifiedKFold {
  /** Number of folds. */
  readonly nSplits: number;
  /** Whether each class's fold numbers are shuffled. */
  readonly shuffle: boolean;
  /** The seed, RandomState or null the shuffles draw from. */
  readonly randomState: KFoldSettings['randomState'];
  readonly #onWarning: ((message: string) => void) | null;

  /**
   * @param options - see {@link StratifiedKFoldOptions}
   * @throws TypeError for an unknown option, an option of the wrong kind, or
   *   `randomState` with `shuffle: false` (scikit-learn's ValueError).
   * @throws RangeError for `nSplits` not an integer ≥ 2 or a seed outside [0, 2^32 − 1].
   */
  constructor(options: StratifiedKFoldOptions = {}) {
    const settings = readKFoldOptions('StratifiedKFold', options, OPTION_NAMES);
    this.nSplits = settings.nSplits;
    this.shuffle = settings.shuffle;
    this.randomState = settings.randomState;
    this.#onWarning =
      options.onWarning === undefined ? defaultWarning : checkFunction('StratifiedKFold', 'onWarning', options.onWarning, true);
  }

  /** The number of splits {@link StratifiedKFold.split} returns: `nSplits`. */
  getNSplits(): number {
    return this.nSplits;
  }

  /**
   * The `nSplits` stratified train/test splits of the samples, in fold order.
   *
   * @param X - the samples or their count (see {@link SplitSamples}); only the count is used
   * @param y - class labels, one per sample: integers, strings or booleans (a binary or
   *   multiclass target, as scikit-learn requires)
   * @param groups - optional group labels, unused but checked to have one entry per sample
   * @returns one {@link Fold} per split, indices ascending within each array
   * @throws TypeError when X, y or groups is of the wrong kind, or y mixes label kinds.
   * @throws RangeError when y or groups does not have one entry per sample, y has a
   *   non-integer or non-finite number, `nSplits` is greater than the number of samples,
   *   or every class has fewer than `nSplits` members. When only some do, `onWarning`
   *   is called instead.
   */
  split(X: SplitSamples, y: ArrayLike<unknown>, groups?: ArrayLike<unknown> | null): Fold[] {
    const where = 'StratifiedKFold.split';
    const n = countSamples(where, X);
    if (y === null || y === undefined) throw new TypeError(`${where}: y (the class labels to stratify on) is required`);
    checkPerSample(where, 'y', y, n);
    checkPerSample(where, 'groups', groups, n);
    checkSplitCount(where, this.nSplits, n);
    const nSplits = this.nSplits;
    const { classOf, counts } = encodeByAppearance(y, n, `${where}: y`);
    const nClasses = counts.length;
    let fewest = Infinity;
    let most = 0;
    for (const c of counts) {
      fewest = Math.min(fewest, c);
      most = Math.max(most, c);
    }
    if (most < nSplits) {
      throw new RangeError(
        `${where}: nSplits = ${nSplits} cannot be greater than the number of members in each class (the largest class has ${most})`,
      );
    }
    if (fewest < nSplits) {
      this.#onWarning?.(
        `${where}: the least populated class in y has only ${fewest} members, which is less than nSplits = ${nSplits}`,
      );
    }

    // allocation[k · nClasses + c]: how many of class c fold k tests. Dealing the labels
    // sorted by class round robin gives each fold ⌊count / nSplits⌋ or one more, and the
    // folds' sizes differ by at most one overall.
    const allocation = new Int32Array(nSplits * nClasses);
    let position = 0;
    for (let c = 0; c < nClasses; c++) {
      for (let m = 0; m < counts[c]!; m++, position++) allocation[(position % nSplits) * nClasses + c]! += 1;
    }

    const rng = this.shuffle ? checkRandomState(this.randomState) : null;
    const members: Int32Array[] = [];
    for (let c = 0; c < nClasses; c++) members.push(new Int32Array(counts[c]!));
    const fill = new Int32Array(nClasses);
    for (let i = 0; i < n; i++) members[classOf[i]!]![fill[classOf[i]!]!++] = i;
    const testFold = new Int32Array(n);
    for (let c = 0; c < nClasses; c++) {
      const foldNumbers = new Int32Array(counts[c]!);
      let at = 0;
      for (let k = 0; k < nSplits; k++) {
        for (let r = 0; r < allocation[k * nClasses + c]!; r++) foldNumbers[at++] = k;
      }
      rng?.shuffle(foldNumbers);
      const samples = members[c]!;
      for (let m = 0; m < samples.length; m++) testFold[samples[m]!] = foldNumbers[m]!;
    }
    return foldsFromAssignment(testFold, nSplits);
  }
}

function defaultWarning(message: string): void {
  console.warn(message);
}

/**
 * The labels as class numbers in order of first appearance (the first label seen is
 * class 0), with each class's count. The one label encoder sorts classes; the order of
 * appearance is recovered from each sorted class's first index.
 */
function encodeByAppearance(y: ArrayLike<unknown>, n: number, name: string): { classOf: Int32Array; counts: Int32Array } {
  const { indices, counts: sortedCounts } = encodeLabels(y, n, name);
  const nClasses = sortedCounts.length;
  const rank = new Int32Array(nClasses).fill(-1);
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (rank[indices[i]!] === -1) rank[indices[i]!] = next++;
  }
  const classOf = new Int32Array(n);
  for (let i = 0; i < n; i++) classOf[i] = rank[indices[i]!]!;
  const counts = new Int32Array(nClasses);
  for (let s = 0; s < nClasses; s++) counts[rank[s]!] = sortedCounts[s]!;
  return { classOf, counts };
}
