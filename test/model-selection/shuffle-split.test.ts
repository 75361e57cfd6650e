import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomState } from '../../src/datasets/random-state.js';
import { ShuffleSplit } from '../../src/model-selection/shuffle-split.js';
import { StratifiedShuffleSplit } from '../../src/model-selection/stratified-shuffle-split.js';
import type { Fold } from '../../src/model-selection/fold.js';

interface ShuffleCase {
  kind: string;
  options: { nSplits: number; randomState: number; testSize?: number; trainSize?: number };
  n: number;
  y?: (number | string | boolean)[];
  splits: [number[], number[]][];
  repeat?: boolean;
  secondSplits?: [number[], number[]][];
}

const cases = (
  JSON.parse(readFileSync(new URL('../fixtures/splits.json', import.meta.url), 'utf8')) as { cases: ShuffleCase[] }
).cases.filter((c) => c.kind === 'ShuffleSplit' || c.kind === 'StratifiedShuffleSplit');

function label(c: ShuffleCase): string {
  const { nSplits, randomState, testSize, trainSize } = c.options;
  const labels = c.y === undefined ? '' : `, ${new Set(c.y).size} classes of ${typeof c.y[0]}`;
  return `${c.kind} n=${c.n} nSplits=${nSplits} testSize=${testSize ?? 'null'} trainSize=${trainSize ?? 'null'} randomState=${randomState}${c.repeat ? ' (shared RandomState)' : ''}${labels}`;
}

const asArrays = (folds: Fold[]): [number[], number[]][] => folds.map((f) => [Array.from(f.trainIndex), Array.from(f.testIndex)]);

describe('the shuffle splits equal scikit-learn 1.2.1 for every fixture case, in order', () => {
  it('has cases of both splitters', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(['ShuffleSplit', 'StratifiedShuffleSplit']));
  });

  it.each(cases.map((c) => [label(c), c] as const))('%s', (_, c) => {
    const randomState = c.repeat === true ? new RandomState(c.options.randomState) : c.options.randomState;
    const options = { ...c.options, randomState };
    const split = (): Fold[] =>
      c.kind === 'ShuffleSplit' ? new ShuffleSplit(options).split(c.n) : new StratifiedShuffleSplit(options).split(c.n, c.y!);
    if (c.repeat === true) {
      const splitter = c.kind === 'ShuffleSplit' ? new ShuffleSplit(options) : new StratifiedShuffleSplit(options);
      const run = (): Fold[] => (splitter instanceof ShuffleSplit ? splitter.split(c.n) : splitter.split(c.n, c.y!));
      expect(asArrays(run())).toEqual(c.splits);
      expect(asArrays(run())).toEqual(c.secondSplits);
    } else {
      expect(asArrays(split())).toEqual(c.splits);
      expect(asArrays(split())).toEqual(c.splits);
    }
  });
});

const problem = fc.record({
  nSplits: fc.integer({ min: 1, max: 6 }),
  n: fc.integer({ min: 15, max: 80 }),
  testFraction: fc.double({ min: 0.2, max: 0.5, noNaN: true }),
  classes: fc.integer({ min: 1, max: 3 }),
  seed: fc.integer({ min: 0, max: 0xffffffff }),
});

/** Labels with every class at least 5 times, so with n ≥ 15 and testSize ≥ 0.2 both sets hold every class. */
const labels = (n: number, classes: number): number[] => Array.from({ length: n }, (_, i) => i % classes);

describe.each(['ShuffleSplit', 'StratifiedShuffleSplit'] as const)('the splits of %s', (kind) => {
  const make = (o: { nSplits: number; testFraction: number; seed: number }) =>
    kind === 'ShuffleSplit'
      ? new ShuffleSplit({ nSplits: o.nSplits, testSize: o.testFraction, randomState: o.seed })
      : new StratifiedShuffleSplit({ nSplits: o.nSplits, testSize: o.testFraction, randomState: o.seed });

  it('number nSplits, test ceil(testSize · n) samples, train the rest, none twice', () => {
    fc.assert(
      fc.property(problem, (o) => {
        const splitter = make(o);
        const folds = splitter.split(o.n, labels(o.n, o.classes));
        expect(folds.length).toBe(splitter.getNSplits());
        const nTest = Math.ceil(o.testFraction * o.n);
        for (const { trainIndex, testIndex } of folds) {
          expect(testIndex.length).toBe(nTest);
          expect(trainIndex.length).toBe(o.n - nTest);
          const all = [...trainIndex, ...testIndex].sort((a, b) => a - b);
          expect(all).toEqual(Array.from({ length: o.n }, (_, i) => i));
        }
      }),
    );
  });

  it('defaults to 10 splits with a tenth of the samples tested', () => {
    const splitter = kind === 'ShuffleSplit' ? new ShuffleSplit({ randomState: 0 }) : new StratifiedShuffleSplit({ randomState: 0 });
    const folds = splitter.split(40, labels(40, 2));
    expect([folds.length, folds[0]!.testIndex.length, folds[0]!.trainIndex.length]).toEqual([10, 4, 36]);
  });
});

describe('StratifiedShuffleSplit', () => {
  it("tests each class's proportional share of the samples", () => {
    const y = [...new Array<string>(30).fill('a'), ...new Array<string>(10).fill('b')];
    for (const { testIndex } of new StratifiedShuffleSplit({ nSplits: 4, testSize: 8, randomState: 3 }).split(40, y)) {
      expect(Array.from(testIndex).filter((i) => y[i] === 'b').length).toBe(2);
    }
  });
});

describe.each([
  ['ShuffleSplit', (o: object) => new ShuffleSplit(o), (s: ShuffleSplit | StratifiedShuffleSplit, n: number) => s.split(n, labels(n, 2))],
  ['StratifiedShuffleSplit', (o: object) => new StratifiedShuffleSplit(o), (s: ShuffleSplit | StratifiedShuffleSplit, n: number) => s.split(n, labels(n, 2))],
] as const)('%s refuses', (name, make, split) => {
  it('nSplits below 1', () => {
    expect(() => make({ nSplits: 0 })).toThrow(new RangeError(`${name}: nSplits must be an integer from 1 to 2147483647, got 0`));
  });

  it('a testSize that is not a number', () => {
    expect(() => make({ testSize: '0.2' })).toThrow(
      new TypeError(`${name}: testSize must be a fraction in (0, 1), an integer count or null; got the string "0.2"`),
    );
  });

  it("an unknown option, suggesting the camelCase spelling of scikit-learn's", () => {
    expect(() => make({ test_size: 0.2 })).toThrow(`${name}: unknown option 'test_size'; did you mean 'testSize'?`);
  });

  it('a seed outside [0, 2^32 − 1]', () => {
    expect(() => make({ randomState: -1 })).toThrow(
      new RangeError(`${name}: randomState must be an integer in [0, 4294967295], a RandomState or null; got -1`),
    );
  });

  it('a test count of all the samples', () => {
    expect(() => split(make({ testSize: 10 }), 10)).toThrow(
      new RangeError(`${name}.split: testSize = 10 must be a count in [1, nSamples − 1] = [1, 9] or a fraction in (0, 1)`),
    );
  });

  it('fractions summing above 1', () => {
    expect(() => split(make({ testSize: 0.6, trainSize: 0.5 }), 10)).toThrow(
      new RangeError(`${name}.split: testSize + trainSize = 1.1 must be ≤ 1 (testSize = 0.6, trainSize = 0.5)`),
    );
  });
});

describe('StratifiedShuffleSplit.split refuses', () => {
  const sss = new StratifiedShuffleSplit({ testSize: 0.5, randomState: 0 });

  it('missing labels', () => {
    expect(() => sss.split(6, undefined as unknown as number[])).toThrow(
      new TypeError('StratifiedShuffleSplit.split: y (the class labels to stratify on) is required'),
    );
  });

  it('a class with a single member, as scikit-learn does', () => {
    expect(() => sss.split(6, [0, 0, 0, 0, 0, 1])).toThrow(
      new RangeError('StratifiedShuffleSplit.split: the least populated class in y (1) has only 1 member; every class needs at least 2'),
    );
  });

  it('a test set smaller than the number of classes', () => {
    expect(() => new StratifiedShuffleSplit({ testSize: 2 }).split(9, [0, 0, 0, 1, 1, 1, 2, 2, 2])).toThrow(
      new RangeError('StratifiedShuffleSplit.split: the test set has 2 samples, fewer than the 3 classes in y'),
    );
  });

  it('labels of another length than X', () => {
    expect(() => sss.split(6, [0, 1])).toThrow(new RangeError('StratifiedShuffleSplit.split: y has 2 entries but X has 6 samples'));
  });
});
