import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/matrix.js';
import { rocAuc, type Label, type RocAucOptions } from '../../src/metrics/index.js';
import { expectClose, expectError } from '../assertions.js';

interface RocAucCase {
  name: string;
  yTrue: Label[];
  score: number[] | number[][];
  results: ({ options: RocAucOptions; expected: number } | { options: RocAucOptions; error: string })[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/metrics.json', import.meta.url), 'utf8')) as {
  rocAuc: RocAucCase[];
};

function describeOptions(options: RocAucOptions): string {
  const parts = [options.multiClass, options.average].filter((x) => x !== undefined);
  return parts.length === 0 ? '' : ` (${parts.join(' ')})`;
}

/** Mann–Whitney: the fraction of (positive, negative) pairs ranked correctly, ties one half. */
function pairwiseAuc(y: number[], s: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      const a = s[i] as number;
      const b = s[j] as number;
      wins += a > b ? 1 : a === b ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

/** Binary labels with both classes present, and scores of the same length. */
const binaryProblem = (scores: fc.Arbitrary<number>) =>
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 1 }), scores), { minLength: 2, maxLength: 60 })
    .filter((rows) => rows.some(([y]) => y === 0) && rows.some(([y]) => y === 1))
    .map((rows) => ({ y: rows.map(([y]) => y), s: rows.map(([, s]) => s) }));

describe('rocAuc matches scikit-learn 1.2.1', () => {
  for (const c of fixture.rocAuc) {
    for (const result of c.results) {
      if ('expected' in result) {
        it(`agrees on ${c.name}${describeOptions(result.options)}`, () => {
          expectClose(rocAuc(c.yTrue, c.score, result.options), result.expected);
        });
      } else {
        it(`throws where scikit-learn does on ${c.name}${describeOptions(result.options)}`, () => {
          expect(() => rocAuc(c.yTrue, c.score, result.options)).toThrow(RangeError);
        });
      }
    }
  }

  it('reads a Matrix of scores the same as an array of rows', () => {
    const c = fixture.rocAuc.find((x) => x.name === '4 classes, n=200') as RocAucCase;
    const result = c.results[0] as { options: RocAucOptions; expected: number };
    expectClose(rocAuc(c.yTrue, Matrix.fromRows(c.score as number[][]), result.options), result.expected);
  });
});

describe('rocAuc edge cases', () => {
  it('counts a tie between a positive and a negative as one half', () => {
    expect(rocAuc([0, 1], [0.5, 0.5])).toBe(0.5);
  });

  it('gives 1 for a perfect ranking and 0 for an inverted one', () => {
    expect(rocAuc([0, 0, 1], [0.1, 0.2, 0.3])).toBe(1);
    expect(rocAuc([0, 0, 1], [0.3, 0.2, 0.1])).toBe(0);
  });

  it('takes the greater label as the positive class', () => {
    expect(rocAuc(['pos', 'neg', 'neg'], [0.3, 0.2, 0.1])).toBe(1);
    expect(rocAuc(['yes', 'no', 'no'], [0.3, 0.2, 0.1])).toBe(1);
  });

  it('treats an n×1 score as 1-D', () => {
    expect(rocAuc([0, 1, 1], [[0.2], [0.4], [0.1]])).toBe(rocAuc([0, 1, 1], [0.2, 0.4, 0.1]));
  });

  it('skips a class absent from yTrue in one-vs-one', () => {
    const score = [[0.5, 0.2, 0.3], [0.2, 0.1, 0.7], [0.6, 0.3, 0.1], [0.1, 0.3, 0.6]];
    const withAbsent = rocAuc([0, 2, 0, 2], score, { multiClass: 'ovo', labels: [0, 1, 2] });
    const aOverB = rocAuc([1, 0, 1, 0], [0.5, 0.2, 0.6, 0.1]);
    const bOverA = rocAuc([0, 1, 0, 1], [0.3, 0.7, 0.1, 0.6]);
    expect(withAbsent).toBe((aOverB + bOverA) / 2);
  });
});

describe('rocAuc rejects bad input with a message that says what and where', () => {
  const p3 = [[0.2, 0.3, 0.5], [0.5, 0.3, 0.2], [0.1, 0.8, 0.1]];
  const cases: [string, () => unknown, ErrorConstructor, string][] = [
    ['a single class in yTrue', () => rocAuc([1, 1, 1], [0.2, 0.5, 0.9]), RangeError, 'rocAuc: yTrue contains only one class (1); ROC AUC is undefined'],
    ['a single class even with labels', () => rocAuc(['a', 'a'], [0.2, 0.5], { labels: ['a', 'b'] }), RangeError, "rocAuc: yTrue contains only one class ('a'); ROC AUC is undefined"],
    ['a single class in multiclass scores', () => rocAuc([0, 0, 0], p3, { multiClass: 'ovo', labels: [0, 1, 2] }), RangeError, 'rocAuc: yTrue contains only one class (0); ROC AUC is undefined'],
    ['a class absent from yTrue in one-vs-rest', () => rocAuc([0, 2, 0], p3, { multiClass: 'ovr', labels: [0, 1, 2] }), RangeError, 'rocAuc: class 1 has no samples in yTrue, so its one-vs-rest AUC is undefined'],
    ['multiclass scores without multiClass', () => rocAuc([0, 1, 2], p3), RangeError, "rocAuc: multiclass scores (3 columns) need the option multiClass: 'ovr' or 'ovo'"],
    ['an n×2 score', () => rocAuc([0, 1], [[0.3, 0.7], [0.6, 0.4]]), RangeError, "rocAuc: score has 2 columns; for a binary problem pass the positive class's scores (column 1) as a 1-D array"],
    ['a 1-D score for three classes', () => rocAuc([0, 1, 2], [0.1, 0.5, 0.9]), RangeError, "rocAuc: score is 1-D (one score per sample) but yTrue has 3 classes (0, 1, 2); pass an n×3 score and multiClass 'ovr' or 'ovo'"],
    ['three labels with a 1-D score', () => rocAuc([0, 1], [0.1, 0.5], { labels: [0, 1, 2] }), RangeError, "rocAuc: score is 1-D (the positive class's scores), which needs 2 classes; labels has 3 labels"],
    ['fewer score columns than classes', () => rocAuc([0, 1, 2, 3], [...p3, [0.2, 0.2, 0.6]], { multiClass: 'ovr' }), RangeError, 'rocAuc: score has 3 columns; yTrue has 4 classes (0, 1, 2, 3); pass labels to name all the classes'],
    ['labels that disagree with the columns', () => rocAuc([0, 1, 2], p3, { multiClass: 'ovr', labels: [0, 1, 2, 3] }), RangeError, 'rocAuc: labels has 4 labels; score has 3 columns'],
    ['a label of yTrue missing from labels', () => rocAuc([0, 1, 5], p3, { multiClass: 'ovr', labels: [0, 1, 2] }), RangeError, 'rocAuc: yTrue has 5 at index 2, which is not in labels'],
    ['unsorted labels', () => rocAuc([0, 1, 2], p3, { multiClass: 'ovr', labels: [0, 2, 1] }), RangeError, "rocAuc: labels must be in sorted order (0, 1, 2), the order of score's columns; got 0, 2, 1"],
    ['rows that are not probabilities', () => rocAuc([0, 1, 2], [[0.2, 0.3, 0.5], [1, 2, 3], [0.1, 0.8, 0.1]], { multiClass: 'ovr' }), RangeError, 'rocAuc: score row 1 sums to 6; multiclass scores must be probabilities that sum to 1 over the classes'],
    ["micro averaging with 'ovo'", () => rocAuc([0, 1, 2], p3, { multiClass: 'ovo', average: 'micro' }), RangeError, "rocAuc: average 'micro' is only available with multiClass 'ovr'"],
    ['an unknown multiClass', () => rocAuc([0, 1], [0.1, 0.5], { multiClass: 'raise' as never }), RangeError, "rocAuc: multiClass must be one of 'ovr', 'ovo', got 'raise'"],
    ['an unknown average', () => rocAuc([0, 1], [0.1, 0.5], { average: 'samples' as never }), RangeError, "rocAuc: average must be one of 'macro', 'weighted', 'micro', got 'samples'"],
    ['a length mismatch', () => rocAuc([0, 1, 1], [0.1, 0.5]), RangeError, 'rocAuc: score has 2 values; yTrue has 3 labels'],
    ['a row count mismatch', () => rocAuc([0, 1], p3, { multiClass: 'ovr' }), RangeError, 'rocAuc: score has 3 rows; yTrue has 2 labels'],
    ['NaN in score', () => rocAuc([0, 1], [NaN, 0.5]), RangeError, 'rocAuc: score contains NaN at index 0; all values must be finite'],
    ['-Infinity in a score row', () => rocAuc([0, 1, 2], [[0.2, 0.3, 0.5], [0.5, 0.3, -Infinity], [0.1, 0.8, 0.1]], { multiClass: 'ovr' }), RangeError, 'rocAuc: score contains -Infinity at row 1, column 2; all values must be finite'],
    ['probabilities passed as labels', () => rocAuc([0.2, 0.9], [0, 1]), RangeError, 'rocAuc: yTrue has 0.2 at index 0; numeric labels must be integers (probabilities or scores are not labels)'],
    ['an unknown option', () => rocAuc([0, 1], [0.1, 0.5], { multi_class: 'ovr' } as never), TypeError, "rocAuc: unknown option 'multi_class'; did you mean 'multiClass'? (known options: multiClass, average, labels, sampleWeight, onWarning)"],
  ];
  for (const [what, run, kind, message] of cases) {
    it(`rejects ${what}`, () => expectError(run, kind, message));
  }
});

describe('rocAuc properties', () => {
  it('gives complementary AUCs for s and −s on a binary problem without ties', () => {
    const distinct = binaryProblem(fc.double({ min: -1e6, max: 1e6, noNaN: true })).filter(({ s }) => new Set(s).size === s.length);
    fc.assert(
      fc.property(distinct, ({ y, s }) => {
        const sum = rocAuc(y, s) + rocAuc(y, s.map((v) => -v));
        expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  it('equals the fraction of correctly ordered (positive, negative) pairs, ties one half', () => {
    fc.assert(
      fc.property(binaryProblem(fc.integer({ min: -5, max: 5 })), ({ y, s }) => {
        expect(Math.abs(rocAuc(y, s) - pairwiseAuc(y, s))).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  it('is unchanged by a strictly increasing transform of the scores', () => {
    fc.assert(
      fc.property(binaryProblem(fc.integer({ min: -50, max: 50 })), ({ y, s }) => {
        expect(rocAuc(y, s.map((v) => v ** 3 + 10 * v - 7))).toBe(rocAuc(y, s));
      }),
    );
  });
});
