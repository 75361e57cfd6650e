import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/matrix.js';
import { logLoss, type Label, type LogLossOptions } from '../../src/metrics/index.js';
import { expectClose, expectError } from '../assertions.js';

interface LogLossCase {
  name: string;
  yTrue: Label[];
  proba: number[] | number[][];
  options: LogLossOptions;
  expected: number;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/metrics.json', import.meta.url), 'utf8')) as {
  logLoss: LogLossCase[];
};

describe('logLoss matches scikit-learn 1.2.1', () => {
  for (const c of fixture.logLoss) {
    it(`agrees on ${c.name}`, () => {
      expectClose(logLoss(c.yTrue, c.proba, c.options), c.expected);
    });
  }

  it('reads a Matrix the same as an array of rows', () => {
    const c = fixture.logLoss.find((x) => x.name === '4 classes, rows sum to 1') as LogLossCase;
    expectClose(logLoss(c.yTrue, Matrix.fromRows(c.proba as number[][])), c.expected);
  });

  it('reads a Float64Array of positive-class probabilities as 1-D proba', () => {
    const c = fixture.logLoss.find((x) => x.name === 'binary, 1-D proba, n=50') as LogLossCase;
    expectClose(logLoss(c.yTrue, Float64Array.from(c.proba as number[])), c.expected);
  });

  it('reads an n×1 proba as the positive-class column', () => {
    expect(logLoss([0, 1, 1], [[0.2], [0.7], [0.9]])).toBe(logLoss([0, 1, 1], [0.2, 0.7, 0.9]));
  });
});

describe('logLoss clips and renormalises as scikit-learn 1.2 does', () => {
  it('clips a probability of 0 for the true class at float64 epsilon', () => {
    expect(logLoss([1], [0], { labels: [0, 1] })).toBe(-Math.log(Number.EPSILON));
  });

  it('gives Infinity for a zero probability of the true class when eps is 0', () => {
    expect(logLoss([1, 0], [0, 0], { eps: 0 })).toBe(Infinity);
  });

  it('renormalises rows that do not sum to 1', () => {
    expect(logLoss([0, 1], [[0.25, 0.25], [0.125, 0.375]])).toBe((-Math.log(0.5) - Math.log(0.75)) / 2);
  });

  it('clips before renormalising, so entries above 1 count as 1 − eps', () => {
    expect(logLoss([0, 1], [[2, 2], [1, 3]])).toBe(-Math.log(0.5));
  });

  it('returns the sum of per-sample losses when normalize is false', () => {
    expect(logLoss([0, 1], [0.5, 0.5], { normalize: false })).toBe(2 * Math.log(2));
  });

  it('does not depend on the order of samples beyond rounding', () => {
    const y = [0, 1, 1, 0, 1];
    const p = [0.1, 0.8, 0.6, 0.3, 0.9];
    expectClose(logLoss([...y].reverse(), [...p].reverse()), logLoss(y, p));
  });
});

describe('logLoss rejects bad input with a message that says what and where', () => {
  const cases: [string, () => unknown, ErrorConstructor, string][] = [
    ['more rows than labels', () => logLoss([0, 1, 1, 0], [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]), RangeError, 'logLoss: proba has 3 rows; yTrue has 4 labels'],
    ['a 1-D proba of the wrong length', () => logLoss([0, 1], [0.5]), RangeError, 'logLoss: proba has 1 values; yTrue has 2 labels'],
    ['too few columns for the classes', () => logLoss([0, 1, 2], [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]), RangeError, 'logLoss: proba has 2 columns; yTrue has 3 classes (0, 1, 2)'],
    ['a 1-D proba for three classes', () => logLoss([0, 1, 2], [0.5, 0.5, 0.5]), RangeError, "logLoss: proba is 1-D (the positive class's probabilities), which needs 2 classes; yTrue has 3 classes (0, 1, 2)"],
    ['columns that disagree with labels', () => logLoss([0, 1], [[0.2, 0.3, 0.5], [0.2, 0.3, 0.5]], { labels: [0, 1] }), RangeError, 'logLoss: proba has 3 columns; labels has 2 labels'],
    ['a single class without labels', () => logLoss([1, 1], [0.5, 0.5]), RangeError, 'logLoss: yTrue contains only one label (1); pass labels to name all the classes'],
    ['a single label in labels', () => logLoss([1, 1], [0.5, 0.5], { labels: [1] }), RangeError, 'logLoss: labels must hold at least two labels, got 1'],
    ['a label of yTrue missing from labels', () => logLoss([0, 1, 2], [0.5, 0.5, 0.5], { labels: [0, 1] }), RangeError, 'logLoss: yTrue has 2 at index 2, which is not in labels'],
    ['unsorted labels', () => logLoss(['spam', 'ham'], [0.5, 0.5], { labels: ['spam', 'ham'] }), RangeError, "logLoss: labels must be in sorted order ('ham', 'spam'), the order of proba's columns; got 'spam', 'ham'"],
    ['a repeated label', () => logLoss([0, 1], [0.5, 0.5], { labels: [0, 1, 1] }), RangeError, 'logLoss: labels has 1 more than once (at index 2)'],
    ['labels of another kind', () => logLoss([0, 1], [0.5, 0.5], { labels: ['0', '1'] as never }), TypeError, 'logLoss: labels holds strings but yTrue holds numbers; all labels must be of one kind'],
    ['NaN in proba', () => logLoss([0, 1], [[0.5, 0.5], [NaN, 0.5]]), RangeError, 'logLoss: proba contains NaN at row 1, column 0; all values must be finite'],
    ['Infinity in a 1-D proba', () => logLoss([0, 1], [0.5, Infinity]), RangeError, 'logLoss: proba contains Infinity at index 1; all values must be finite'],
    ['a string in proba', () => logLoss([0, 1], [0.5, '0.5'] as never), TypeError, 'logLoss: proba has a string at index 1; expected a number'],
    ['proba that is not an array', () => logLoss([0, 1], 0.5 as never), TypeError, 'logLoss: proba must be an array of numbers, an array of rows or a Matrix, got a number'],
    ['ragged proba rows', () => logLoss([0, 1], [[0.5, 0.5], [1]]), RangeError, 'logLoss: proba row 1 has 1 columns; row 0 has 2'],
    ['an empty yTrue', () => logLoss([], []), RangeError, 'logLoss: yTrue is empty; at least one label is required'],
    ['a probability passed as a label', () => logLoss([0, 0.5], [0.5, 0.5]), RangeError, 'logLoss: yTrue has 0.5 at index 1; numeric labels must be integers (probabilities or scores are not labels)'],
    ['NaN as a label', () => logLoss([0, NaN], [0.5, 0.5]), RangeError, 'logLoss: yTrue has NaN at index 1; numeric labels must be finite integers'],
    ['mixed label kinds', () => logLoss([0, '1'] as never, [0.5, 0.5]), TypeError, 'logLoss: yTrue mixes label kinds: a number at index 0 and a string at index 1'],
    ['null as a label', () => logLoss([0, null] as never, [0.5, 0.5]), TypeError, 'logLoss: yTrue has null at index 1; labels must be numbers, strings or booleans'],
    ['yTrue that is not an array', () => logLoss('01' as never, [0.5, 0.5]), TypeError, 'logLoss: yTrue must be an array of labels, got a string'],
    ['eps above 0.5', () => logLoss([0, 1], [0.5, 0.5], { eps: 0.6 }), RangeError, "logLoss: eps must be 'auto' or a number from 0 to 0.5, got 0.6"],
    ['an unknown eps string', () => logLoss([0, 1], [0.5, 0.5], { eps: 'float32' as never }), RangeError, "logLoss: eps must be 'auto' or a number from 0 to 0.5, got 'float32'"],
    ['eps of the wrong kind', () => logLoss([0, 1], [0.5, 0.5], { eps: true as never }), TypeError, "logLoss: eps must be 'auto' or a number, got a boolean"],
    ['sampleWeight of the wrong length', () => logLoss([0, 1], [0.5, 0.5], { sampleWeight: [1] }), RangeError, 'logLoss: sampleWeight has 1 values; yTrue has 2 labels'],
    ['a negative sample weight', () => logLoss([0, 1], [0.5, 0.5], { sampleWeight: [1, -1] }), RangeError, 'logLoss: sampleWeight has -1 at index 1; weights must be ≥ 0'],
    ['sample weights that sum to 0', () => logLoss([0, 1], [0.5, 0.5], { sampleWeight: [0, 0] }), RangeError, 'logLoss: sampleWeight sums to 0; the weighted mean is undefined'],
    ['a snake_case option', () => logLoss([0, 1], [0.5, 0.5], { sample_weight: [1, 1] } as never), TypeError, "logLoss: unknown option 'sample_weight'; did you mean 'sampleWeight'? (known options: labels, eps, sampleWeight, normalize)"],
    ['normalize that is not a boolean', () => logLoss([0, 1], [0.5, 0.5], { normalize: 1 as never }), TypeError, 'logLoss: normalize must be a boolean, got a number'],
  ];
  for (const [what, run, kind, message] of cases) {
    it(`rejects ${what}`, () => expectError(run, kind, message));
  }
});

describe('logLoss properties', () => {
  it('equals the mean of −log p of the true class when every row is a distribution within the clip', () => {
    const row = fc.tuple(fc.double({ min: 0.01, max: 0.98, noNaN: true }), fc.integer({ min: 0, max: 1 }));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        const y = rows.map(([, label]) => label);
        const p = rows.map(([q]) => q);
        const expected = rows.reduce((s, [q, label]) => s - Math.log(label === 1 ? q : 1 - q), 0) / rows.length;
        const actual = logLoss(y, p, { labels: [0, 1] });
        expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, expected));
      }),
    );
  });

  it('is never negative', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -1, max: 2, noNaN: true }), fc.boolean()), { minLength: 1, maxLength: 30 }), (rows) => {
        expect(logLoss(rows.map(([, b]) => b), rows.map(([q]) => q), { labels: [false, true] })).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
