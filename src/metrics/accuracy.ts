import { labelArray } from '../validate/labels.js';

/**
 * Fraction of positions where `yPred` equals `yTrue` (compared with `===`).
 *
 * @param yTrue true labels, length n ≥ 1.
 * @param yPred predicted labels, length n.
 * @returns a number in [0, 1].
 * @throws TypeError when either is not array-like; RangeError when the lengths differ or are 0.
 * @example
 * ```ts
 * accuracy([0, 1, 1, 0], [0, 1, 0, 0]); // 0.75
 * ```
 */
export function accuracy<L>(yTrue: ArrayLike<L>, yPred: ArrayLike<L>): number {
  labelArray(yTrue, 'accuracy: yTrue');
  labelArray(yPred, 'accuracy: yPred');
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`accuracy: yTrue has ${yTrue.length} labels but yPred has ${yPred.length}`);
  }
  if (yTrue.length === 0) throw new RangeError('accuracy: yTrue and yPred are empty');
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}
