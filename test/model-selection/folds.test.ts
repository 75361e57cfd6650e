import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/matrix.js';
import { KFold } from '../../src/model-selection/k-fold.js';
import { StratifiedKFold } from '../../src/model-selection/stratified-k-fold.js';
import type { Fold } from '../../src/model-selection/fold.js';

const splitterOptions = fc.record({
  nSplits: fc.integer({ min: 2, max: 12 }),
  shuffle: fc.boolean(),
  seed: fc.integer({ min: 0, max: 0xffffffff }),
});

/** n samples and labels from up to 4 classes, with at least nSplits members in the largest. */
const problem = fc
  .tuple(splitterOptions, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 4 }))
  .chain(([options, extra, classes]) =>
    fc
      .array(fc.integer({ min: 0, max: classes - 1 }), { minLength: options.nSplits + extra, maxLength: options.nSplits + extra })
      .map((y) => ({ options, y: y.map((c, i) => (i < options.nSplits ? 0 : c)) })),
  );

function make(kind: 'KFold' | 'StratifiedKFold', o: { nSplits: number; shuffle: boolean; seed: number }): { split(n: number, y: number[]): Fold[] } {
  const options = { nSplits: o.nSplits, shuffle: o.shuffle, randomState: o.shuffle ? o.seed : null };
  return kind === 'KFold' ? new KFold(options) : new StratifiedKFold({ ...options, onWarning: null });
}

describe.each(['KFold', 'StratifiedKFold'] as const)('the folds of %s', (kind) => {
  it('test every sample exactly once across the folds', () => {
    fc.assert(
      fc.property(problem, ({ options, y }) => {
        const folds = make(kind, options).split(y.length, y);
        const seen = new Int32Array(y.length);
        for (const { testIndex } of folds) for (const i of testIndex) seen[i]! += 1;
        expect(Array.from(seen)).toEqual(new Array<number>(y.length).fill(1));
      }),
    );
  });

  it('train on every sample that is not tested, and on no tested one, ascending', () => {
    fc.assert(
      fc.property(problem, ({ options, y }) => {
        for (const { trainIndex, testIndex } of make(kind, options).split(y.length, y)) {
          const test = new Set(testIndex);
          expect(trainIndex.some((i) => test.has(i))).toBe(false);
          expect(trainIndex.length + testIndex.length).toBe(y.length);
          expect(trainIndex.every((v, i) => i === 0 || trainIndex[i - 1]! < v)).toBe(true);
          expect(testIndex.every((v, i) => i === 0 || testIndex[i - 1]! < v)).toBe(true);
        }
      }),
    );
  });

  it('number getNSplits()', () => {
    fc.assert(
      fc.property(problem, ({ options, y }) => {
        const splitter = make(kind, options) as KFold | StratifiedKFold;
        expect(splitter.split(y.length, y).length).toBe(splitter.getNSplits());
        expect(splitter.getNSplits()).toBe(options.nSplits);
      }),
    );
  });

  it('are the same on every call for a seed', () => {
    const splitter = make(kind, { nSplits: 3, shuffle: true, seed: 7 });
    const y = Array.from({ length: 20 }, (_, i) => i % 3);
    expect(splitter.split(20, y)).toEqual(splitter.split(20, y));
  });
});

describe('KFold', () => {
  it('defaults to 5 unshuffled folds', () => {
    const kf = new KFold();
    expect([kf.nSplits, kf.shuffle, kf.randomState]).toEqual([5, false, null]);
  });

  it('gives the first n % nSplits folds one sample more', () => {
    expect(new KFold({ nSplits: 3 }).split(7).map((f) => f.testIndex.length)).toEqual([3, 2, 2]);
  });

  it('splits 4 samples in 2 as its example says', () => {
    const folds = new KFold({ nSplits: 2 }).split(4).map((f) => [Array.from(f.trainIndex), Array.from(f.testIndex)]);
    expect(folds).toEqual([
      [[2, 3], [0, 1]],
      [[0, 1], [2, 3]],
    ]);
  });

  it('reads the number of samples from a Matrix, an array of rows or a count alike', () => {
    const X = Matrix.fromRows([[1], [2], [3], [4], [5]]);
    const kf = new KFold({ nSplits: 2, shuffle: true, randomState: 3 });
    expect(kf.split(X)).toEqual(kf.split(5));
    expect(kf.split([[1], [2], [3], [4], [5]])).toEqual(kf.split(5));
  });
});

describe('StratifiedKFold', () => {
  it('defaults to 5 unshuffled folds', () => {
    const skf = new StratifiedKFold({ onWarning: null });
    expect([skf.nSplits, skf.shuffle, skf.randomState]).toEqual([5, false, null]);
  });

  it('splits 4 samples of 2 classes in 2 as its example says', () => {
    const folds = new StratifiedKFold({ nSplits: 2 }).split(4, ['a', 'b', 'a', 'b']);
    expect(folds.map((f) => [Array.from(f.trainIndex), Array.from(f.testIndex)])).toEqual([
      [[2, 3], [0, 1]],
      [[0, 1], [2, 3]],
    ]);
  });

  it('puts ⌊count / nSplits⌋ or one more of each class in every test fold', () => {
    const y = [...new Array<string>(11).fill('a'), ...new Array<string>(7).fill('b')];
    for (const { testIndex } of new StratifiedKFold({ nSplits: 3, shuffle: true, randomState: 1 }).split(y.length, y)) {
      const a = Array.from(testIndex).filter((i) => y[i] === 'a').length;
      expect(a === 3 || a === 4).toBe(true);
      expect(testIndex.length - a === 2 || testIndex.length - a === 3).toBe(true);
    }
  });

  it('warns through console.warn by default', () => {
    const calls: unknown[] = [];
    const original = console.warn;
    console.warn = (message: unknown) => calls.push(message);
    try {
      new StratifiedKFold({ nSplits: 3 }).split(6, [0, 0, 0, 0, 1, 1]);
    } finally {
      console.warn = original;
    }
    expect(calls).toEqual([
      'StratifiedKFold.split: the least populated class in y has only 2 members, which is less than nSplits = 3',
    ]);
  });

  it('does not warn when every class has at least nSplits members', () => {
    const warnings: string[] = [];
    new StratifiedKFold({ nSplits: 2, onWarning: (m) => warnings.push(m) }).split(4, [0, 1, 1, 0]);
    expect(warnings).toEqual([]);
  });
});
