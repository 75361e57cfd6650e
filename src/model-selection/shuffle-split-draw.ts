/**
 * The draws behind scikit-learn 1.2's `ShuffleSplit` and `StratifiedShuffleSplit` (and so
 * `train_test_split`): the train and test sizes from `testSize`/`trainSize`, one shuffled
 * split, and one stratified split, each drawing from a numpy RandomState in the order
 * Python does, so the indices come out the same and in the same order.
 * @module
 */
import type { RandomState } from '../datasets/random-state.js';
import { describeLiteral } from '../validate/describe.js';
import { STRATIFY_LABELS, encodeLabels } from '../validate/labels.js';

/** A size option: null, an integer count or a fraction. */
type Size = { kind: 'none' } | { kind: 'count'; value: number } | { kind: 'fraction'; value: number };

function parseSize(value: unknown, name: string, nSamples: number, fn: string): Size {
  if (value === undefined || value === null) return { kind: 'none' };
  if (typeof value !== 'number') {
    throw new TypeError(
      `${fn}: ${name} must be a fraction in (0, 1) or an integer count; got ${describeLiteral(value)}`,
    );
  }
  if (Number.isInteger(value)) {
    if (value <= 0 || value >= nSamples) {
      throw new RangeError(
        `${fn}: ${name} = ${value} must be a count in [1, nSamples − 1] = [1, ${nSamples - 1}] or a fraction in (0, 1)`,
      );
    }
    return { kind: 'count', value };
  }
  if (!(value > 0 && value < 1)) {
    throw new RangeError(
      `${fn}: ${name} = ${value} must be a fraction in (0, 1) or a count in [1, nSamples − 1] = [1, ${nSamples - 1}]`,
    );
  }
  return { kind: 'fraction', value };
}

function sizeText(size: Size): string {
  return size.kind === 'none' ? 'null' : String(size.value);
}

/**
 * scikit-learn's `_validate_shuffle_split`: the number of train and test samples for the
 * given sizes; `defaultTestSize` is the test fraction when neither size is given (0.25
 * for train_test_split, 0.1 for the ShuffleSplit classes).
 * @throws TypeError for a size that is not a number; RangeError for a count outside
 *   [1, nSamples − 1], a fraction outside (0, 1), fractions summing above 1, sizes adding
 *   up to more than nSamples, or an empty train set.
 */
export function shuffleSplitSizes(
  nSamples: number,
  testSizeOpt: unknown,
  trainSizeOpt: unknown,
  defaultTestSize: number,
  fn: string,
): { nTrain: number; nTest: number } {
  let test = parseSize(testSizeOpt, 'testSize', nSamples, fn);
  const train = parseSize(trainSizeOpt, 'trainSize', nSamples, fn);
  if (test.kind === 'none' && train.kind === 'none') {
    test = { kind: 'fraction', value: defaultTestSize };
  }
  if (test.kind === 'fraction' && train.kind === 'fraction' && train.value + test.value > 1) {
    throw new RangeError(
      `${fn}: testSize + trainSize = ${train.value + test.value} must be ≤ 1 (testSize = ${test.value}, trainSize = ${train.value})`,
    );
  }
  let nTest = test.kind === 'fraction' ? Math.ceil(test.value * nSamples) : test.kind === 'count' ? test.value : 0;
  let nTrain =
    train.kind === 'fraction' ? Math.floor(train.value * nSamples) : train.kind === 'count' ? train.value : 0;
  if (train.kind === 'none') nTrain = nSamples - nTest;
  else if (test.kind === 'none') nTest = nSamples - nTrain;
  if (nTrain + nTest > nSamples) {
    throw new RangeError(
      `${fn}: trainSize + testSize = ${nTrain} + ${nTest} = ${nTrain + nTest} samples must be ≤ nSamples = ${nSamples}`,
    );
  }
  if (nTrain === 0) {
    throw new RangeError(
      `${fn}: with nSamples = ${nSamples}, testSize = ${sizeText(test)} and trainSize = ${sizeText(train)} the train set would be empty`,
    );
  }
  return { nTrain, nTest };
}

/**
 * scikit-learn's `_approximate_mode`: how many of `nDraws` draws fall in each
 * class — floor of the proportional share, then one more for the classes with
 * the largest remainders, ties broken with `rng.choice` (which shuffles the
 * tied classes).
 */
function approximateMode(classCounts: Int32Array, nDraws: number, rng: RandomState): Int32Array {
  let total = 0;
  for (const c of classCounts) total += c;
  const nClasses = classCounts.length;
  const continuous = new Float64Array(nClasses);
  const floored = new Float64Array(nClasses);
  let flooredSum = 0;
  for (let i = 0; i < nClasses; i++) {
    continuous[i] = (classCounts[i]! / total) * nDraws;
    floored[i] = Math.floor(continuous[i]!);
    flooredSum += floored[i]!;
  }
  let needToAdd = Math.trunc(nDraws - flooredSum);
  if (needToAdd > 0) {
    const remainder = new Float64Array(nClasses);
    for (let i = 0; i < nClasses; i++) remainder[i] = continuous[i]! - floored[i]!;
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const inds: number[] = [];
      for (let i = 0; i < nClasses; i++) if (remainder[i] === value) inds.push(i);
      const addNow = Math.min(inds.length, needToAdd);
      const picked = rng.choice(inds.length, addNow);
      for (const p of picked) floored[inds[p]!]! += 1;
      needToAdd -= addNow;
      if (needToAdd === 0) break;
    }
  }
  return Int32Array.from(floored);
}


/**
 * One ShuffleSplit draw: test = the first `nTest` entries of `rng.permutation(nSamples)`,
 * train = the next `nTrain`, both in that drawn order.
 */
export function drawShuffleSplit(rng: RandomState, nSamples: number, nTrain: number, nTest: number): { train: Int32Array; test: Int32Array } {
  const permutation = rng.permutation(nSamples);
  return { test: permutation.slice(0, nTest), train: permutation.slice(nTest, nTest + nTrain) };
}

/** The classes of a stratified split: each class's size and its sample indices, ascending. */
export interface Strata {
  readonly counts: Int32Array;
  readonly members: Int32Array[];
}

/**
 * Reads the labels to stratify on (`name` is how messages call them) and checks them as
 * scikit-learn's StratifiedShuffleSplit does before drawing.
 * @throws TypeError / RangeError as encodeLabels does for bad labels; RangeError for a
 *   class with fewer than 2 members, or fewer train or test samples than classes.
 */
export function readStrata(y: ArrayLike<unknown>, nSamples: number, nTrain: number, nTest: number, fn: string, name: string): Strata {
  const { classes, indices: codes, counts } = encodeLabels(y, nSamples, `${fn}: ${name}`, STRATIFY_LABELS);
  const nClasses = classes.length;
  for (let c = 0; c < nClasses; c++) {
    if (counts[c]! < 2) {
      throw new RangeError(
        `${fn}: the least populated class in ${name} (${String(classes[c])}) has only ${counts[c]} member; every class needs at least 2`,
      );
    }
  }
  if (nTrain < nClasses) {
    throw new RangeError(`${fn}: the train set has ${nTrain} samples, fewer than the ${nClasses} classes in ${name}`);
  }
  if (nTest < nClasses) {
    throw new RangeError(`${fn}: the test set has ${nTest} samples, fewer than the ${nClasses} classes in ${name}`);
  }
  // Sample indices of each class, ascending (scikit-learn's stable argsort of the codes).
  const members: Int32Array[] = [];
  const fill = new Int32Array(nClasses);
  for (let c = 0; c < nClasses; c++) members.push(new Int32Array(counts[c]!));
  for (let i = 0; i < nSamples; i++) {
    const c = codes[i]!;
    members[c]![fill[c]!++] = i;
  }
  return { counts, members };
}

/**
 * One StratifiedShuffleSplit draw: per-class train and test counts by `_approximate_mode`,
 * a permutation per class (its first counts train, the next test), then both sets
 * shuffled.
 */
export function drawStratifiedSplit(rng: RandomState, strata: Strata, nTrain: number, nTest: number): { train: Int32Array; test: Int32Array } {
  const { counts, members } = strata;
  const nClasses = counts.length;
  const nI = approximateMode(counts, nTrain, rng);
  const remaining = new Int32Array(nClasses);
  for (let c = 0; c < nClasses; c++) remaining[c] = counts[c]! - nI[c]!;
  const tI = approximateMode(remaining, nTest, rng);
  const train = new Int32Array(nTrain);
  const test = new Int32Array(nTest);
  let nTr = 0;
  let nTe = 0;
  for (let c = 0; c < nClasses; c++) {
    const permutation = rng.permutation(counts[c]!);
    const of = members[c]!;
    for (let p = 0; p < nI[c]!; p++) train[nTr++] = of[permutation[p]!]!;
    for (let p = nI[c]!; p < nI[c]! + tI[c]!; p++) test[nTe++] = of[permutation[p]!]!;
  }
  rng.shuffle(train);
  rng.shuffle(test);
  return { train, test };
}
