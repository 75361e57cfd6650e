/**
 * The options every k-fold splitter takes (`nSplits`, `shuffle`, `randomState`) and
 * their one reader, with scikit-learn 1.2's rules: at least two folds, and no
 * `randomState` without `shuffle`.
 * @module
 */
import { RandomState, checkRandomState } from '../datasets/random-state.js';
import { checkBoolean, checkInteger, checkOptionNames } from '../validate/options.js';

/** Options of {@link KFold} (and, with `onWarning`, of StratifiedKFold). */
export interface KFoldOptions {
  /** Number of folds, an integer ≥ 2. @default 5 */
  nSplits?: number | undefined;
  /**
   * Shuffle the samples (KFold) or each class's fold numbers (StratifiedKFold) before
   * dealing them into folds; when false the folds are consecutive blocks.
   * @default false
   */
  shuffle?: boolean | undefined;
  /**
   * Seed (integer in [0, 2^32 − 1]) — each `split` then starts a fresh numpy
   * RandomState from it, so repeated calls agree —, a {@link RandomState} to draw from
   * (consumed, so successive calls differ, as in scikit-learn), or null for an
   * unpredictable seed. Only with `shuffle: true`.
   * @default null
   */
  randomState?: number | RandomState | null | undefined;
}

/** The checked values of {@link KFoldOptions}. */
export interface KFoldSettings {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly randomState: number | RandomState | null;
}

/**
 * Reads and checks the k-fold options; `known` lists every option name the splitter
 * takes (its own besides these three).
 * @throws TypeError for an unknown option, an option of the wrong kind, or a
 *   `randomState` given with `shuffle: false`; RangeError for `nSplits` not an integer
 *   ≥ 2 or a seed outside [0, 2^32 − 1].
 */
export function readKFoldOptions(where: string, options: KFoldOptions, known: readonly string[]): KFoldSettings {
  checkOptionNames(where, options, known);
  const nSplits = options.nSplits === undefined ? 5 : checkInteger(where, 'nSplits', options.nSplits, 2, 0x7fffffff);
  const shuffle = options.shuffle === undefined ? false : checkBoolean(where, 'shuffle', options.shuffle);
  const randomState = options.randomState ?? null;
  if (randomState !== null) {
    if (!shuffle) {
      throw new TypeError(
        `${where}: setting randomState has no effect since shuffle is false; leave randomState at its default (null), or set shuffle: true`,
      );
    }
    checkSplitterRandomState(where, randomState);
  }
  return { nSplits, shuffle, randomState };
}

/**
 * Checks a splitter's `randomState` option: null, a seed in [0, 2^32 − 1] or a
 * {@link RandomState}.
 * @throws RangeError for a seed out of range; TypeError for any other kind.
 */
export function checkSplitterRandomState(where: string, randomState: unknown): asserts randomState is number | RandomState | null {
  if (randomState === null) return;
  if (typeof randomState === 'number') {
    try {
      checkRandomState(randomState);
    } catch (error) {
      if (error instanceof RangeError) throw new RangeError(`${where}: ${error.message}`);
      throw error;
    }
  } else if (!(randomState instanceof RandomState)) {
    throw new TypeError(`${where}: randomState must be an integer in [0, 4294967295], a RandomState or null; got ${typeof randomState}`);
  }
}

