import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupKFold } from '../../src/model-selection/group-k-fold.js';

interface GroupCase {
  kind: string;
  options: { nSplits: number };
  n: number;
  groups: (number | string | boolean)[];
  testIndex: number[][];
}

const cases = (
  JSON.parse(readFileSync(new URL('../fixtures/splits.json', import.meta.url), 'utf8')) as { cases: GroupCase[] }
).cases.filter((c) => c.kind === 'GroupKFold');

/** The ascending indices of 0 … n − 1 not in `test`: what scikit-learn's train fold is. */
function complement(n: number, test: number[]): number[] {
  const inTest = new Set(test);
  return Array.from({ length: n }, (_, i) => i).filter((i) => !inTest.has(i));
}

describe('GroupKFold equals scikit-learn 1.2.1 for every fixture case', () => {
  it('has cases with more than 16 groups of tied sizes, where numpy reorders ties', () => {
    expect(cases.some((c) => new Set(c.groups).size > 16)).toBe(true);
  });

  it.each(cases.map((c) => [`n=${c.n} nSplits=${c.options.nSplits}, ${new Set(c.groups).size} groups of ${typeof c.groups[0]}`, c] as const))(
    '%s',
    (_, c) => {
      const folds = new GroupKFold(c.options).split(c.n, null, c.groups);
      expect(folds.map((f) => Array.from(f.testIndex))).toEqual(c.testIndex);
      expect(folds.map((f) => Array.from(f.trainIndex))).toEqual(c.testIndex.map((t) => complement(c.n, t)));
    },
  );
});

const problem = fc
  .tuple(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 }))
  .chain(([nSplits, extra, extraGroups]) => {
    const nGroups = nSplits + extraGroups;
    return fc
      .array(fc.integer({ min: 0, max: nGroups - 1 }), { minLength: extra, maxLength: extra })
      // The first nGroups samples name every group once, so there are at least nSplits groups.
      .map((rest) => ({ nSplits, groups: [...Array.from({ length: nGroups }, (_, g) => g), ...rest] }));
  });

describe('the folds of GroupKFold', () => {
  it('test every sample exactly once, train on the rest, ascending', () => {
    fc.assert(
      fc.property(problem, ({ nSplits, groups }) => {
        const folds = new GroupKFold({ nSplits }).split(groups.length, null, groups);
        expect(folds.length).toBe(nSplits);
        const seen = new Int32Array(groups.length);
        for (const { trainIndex, testIndex } of folds) {
          for (const i of testIndex) seen[i]! += 1;
          expect(Array.from(trainIndex)).toEqual(complement(groups.length, Array.from(testIndex)));
          expect(testIndex.every((v, i) => i === 0 || testIndex[i - 1]! < v)).toBe(true);
        }
        expect(Array.from(seen)).toEqual(new Array<number>(groups.length).fill(1));
      }),
    );
  });

  it('never put one group in two test folds', () => {
    fc.assert(
      fc.property(problem, ({ nSplits, groups }) => {
        const foldOfGroup = new Map<number, number>();
        new GroupKFold({ nSplits }).split(groups.length, null, groups).forEach(({ testIndex }, k) => {
          for (const i of testIndex) {
            expect(foldOfGroup.get(groups[i]!) ?? k).toBe(k);
            foldOfGroup.set(groups[i]!, k);
          }
        });
      }),
    );
  });

  it('leave no test fold empty', () => {
    fc.assert(
      fc.property(problem, ({ nSplits, groups }) => {
        for (const { testIndex } of new GroupKFold({ nSplits }).split(groups.length, null, groups)) {
          expect(testIndex.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('GroupKFold', () => {
  it('defaults to 5 folds', () => {
    const gkf = new GroupKFold();
    expect([gkf.nSplits, gkf.getNSplits()]).toEqual([5, 5]);
  });

  it('splits 4 samples of 3 groups in 2 as its example says', () => {
    const folds = new GroupKFold({ nSplits: 2 }).split(4, null, ['a', 'a', 'b', 'c']);
    expect(folds.map((f) => [Array.from(f.trainIndex), Array.from(f.testIndex)])).toEqual([
      [[2, 3], [0, 1]],
      [[0, 1], [2, 3]],
    ]);
  });

  it('puts the largest group alone when it outweighs the rest', () => {
    const folds = new GroupKFold({ nSplits: 2 }).split(6, undefined, [1, 1, 1, 1, 2, 3]);
    expect(folds.map((f) => Array.from(f.testIndex))).toEqual([
      [0, 1, 2, 3],
      [4, 5],
    ]);
  });
});

describe('GroupKFold refuses', () => {
  const gkf = new GroupKFold({ nSplits: 3 });

  it('nSplits below 2', () => {
    expect(() => new GroupKFold({ nSplits: 1 })).toThrow(new RangeError('GroupKFold: nSplits must be an integer from 2 to 2147483647, got 1'));
  });

  it("an unknown option, suggesting the camelCase spelling of scikit-learn's", () => {
    expect(() => new GroupKFold({ n_splits: 3 } as object)).toThrow("GroupKFold: unknown option 'n_splits'; did you mean 'nSplits'?");
  });

  it('missing groups', () => {
    expect(() => gkf.split(6, null, undefined as unknown as number[])).toThrow(
      new TypeError('GroupKFold.split: groups (the group label of each sample) is required'),
    );
  });

  it('fewer groups than folds, as scikit-learn does', () => {
    expect(() => gkf.split(6, null, [0, 0, 0, 1, 1, 1])).toThrow(
      new RangeError('GroupKFold.split: cannot have nSplits = 3 greater than the number of groups: 2'),
    );
  });

  it('groups of another length than X', () => {
    expect(() => gkf.split(6, null, [0, 1, 2])).toThrow(new RangeError('GroupKFold.split: groups has 3 entries but X has 6 samples'));
  });

  it('labels of another length than X', () => {
    expect(() => gkf.split(6, [0, 1], [0, 1, 2, 0, 1, 2])).toThrow(new RangeError('GroupKFold.split: y has 2 entries but X has 6 samples'));
  });

  it('more folds than samples', () => {
    expect(() => gkf.split(2, null, [0, 1])).toThrow(
      new RangeError('GroupKFold.split: cannot have nSplits = 3 greater than the number of samples: nSamples = 2'),
    );
  });

  it('groups of mixed kinds', () => {
    expect(() => gkf.split(3, null, [0, 'a', 1])).toThrow(
      new TypeError('GroupKFold.split: groups mixes label types (number and string at index 1)'),
    );
  });

  it('a group label that is not a number, string, boolean or bigint', () => {
    expect(() => gkf.split(3, null, [0, {}, 1])).toThrow(
      new TypeError('GroupKFold.split: groups[1] must be a number, string, boolean or bigint label; got object'),
    );
  });
});
