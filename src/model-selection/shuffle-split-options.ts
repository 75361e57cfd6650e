/**
 * The options both shuffle splitters take (`nSplits`, `testSize`, `trainSize`,
 * `randomState`) and their one reader. The sizes are checked against the number of
 * samples when `split` runs, as in scikit-learn.
 * @module
 */
import type { RandomState } from '../datasets/random-state.js';
import { describeLiteral } from '../validate/describe.js';
import { checkInteger, checkOptionNames } from '../validate/options.js';
import { checkSplitterRandomState } from './k-fold-options.js';

/** Options of ShuffleSplit and StratifiedShuffleSplit. */
export interface ShuffleSplitOptions {
  /** Number of re-shuffled splits, an integer ≥ 1. @default 10 */
  nSplits?: number | undefined;
  /**
   * Test set size: a fraction in (0, 1) (rounded up: `ceil(testSize · n)`) or an integer
   * count in [1, n − 1]; null: the complement of `trainSize`, or 0.1 when `trainSize` is
   * null too.
   * @default null
   */
  testSize?: number | null | undefined;
  /**
   * Train set size: a fraction in (0, 1) (rounded down: `floor(trainSize · n)`) or an
   * integer count in [1, n − 1]; null: the complement of the test set.
   * @default null
   */
  trainSize?: number | null | undefined;
  /**
   * Seed (integer in [0, 2^32 − 1]) — each `split` then starts a fresh numpy RandomState
   * from it, so repeated calls agree —, a {@link RandomState} to draw from (consumed, so
   * successive calls differ, as in scikit-learn), or null for an unpredictable seed.
   * @default null
   */
  randomState?: number | RandomState | null | undefined;
}

/** The checked values of {@link ShuffleSplitOptions}. */
export interface ShuffleSplitSettings {
  readonly nSplits: number;
  readonly testSize: number | null;
  readonly trainSize: number | null;
  readonly randomState: number | RandomState | null;
}

const OPTION_NAMES = ['nSplits', 'testSize', 'trainSize', 'randomState'] as const;

/**
 * Reads and checks the shuffle-split options.
 * @throws TypeError for an unknown option or an option of the wrong kind; RangeError for
 *   `nSplits` not an integer ≥ 1 or a seed outside [0, 2^32 − 1].
 */
export function readShuffleSplitOptions(where: string, options: ShuffleSplitOptions): ShuffleSplitSettings {
  checkOptionNames(where, options, OPTION_NAMES);
  const nSplits = options.nSplits === undefined ? 10 : checkInteger(where, 'nSplits', options.nSplits, 1, 0x7fffffff);
  const size = (name: 'testSize' | 'trainSize'): number | null => {
    const value = options[name] ?? null;
    if (value !== null && typeof value !== 'number') {
      throw new TypeError(`${where}: ${name} must be a fraction in (0, 1), an integer count or null; got ${describeLiteral(value)}`);
    }
    return value;
  };
  const randomState: unknown = options.randomState ?? null;
  checkSplitterRandomState(where, randomState);
  return { nSplits, testSize: size('testSize'), trainSize: size('trainSize'), randomState };
}

/**
 * What ShuffleSplit and StratifiedShuffleSplit share: the options read by
 * {@link readShuffleSplitOptions} as properties, and `getNSplits`.
 */
export abstract class ShuffleSplitBase {
  /** Number of splits. */
  readonly nSplits: number;
  /** The test size as given (fraction, count or null). */
  readonly testSize: number | null;
  /** The train size as given (fraction, count or null). */
  readonly trainSize: number | null;
  /** The seed, RandomState or null the draws use. */
  readonly randomState: ShuffleSplitSettings['randomState'];

  /**
   * @param name - the class, as messages name it.
   * @param options - see {@link ShuffleSplitOptions}
   * @throws TypeError for an unknown option or an option of the wrong kind.
   * @throws RangeError for `nSplits` not an integer ≥ 1 or a seed outside [0, 2^32 − 1].
   */
  protected constructor(name: string, options: ShuffleSplitOptions) {
    const settings = readShuffleSplitOptions(name, options);
    this.nSplits = settings.nSplits;
    this.testSize = settings.testSize;
    this.trainSize = settings.trainSize;
    this.randomState = settings.randomState;
  }

  /** The number of splits `split` returns: `nSplits`. */
  getNSplits(): number {
    return this.nSplits;
  }
}
