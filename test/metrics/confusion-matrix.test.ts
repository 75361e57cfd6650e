import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confusionMatrix, type ConfusionMatrixOptions, type Label } from '../../src/metrics/index.js';
import { expectError } from '../assertions.js';

interface ConfusionCase {
  name: string;
  yTrue: Label[];
  yPred: Label[];
  options: ConfusionMatrixOptions;
  labels: Label[];
  matrix: number[][];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/metrics.json', import.meta.url), 'utf8')) as {
  confusionMatrix: ConfusionCase[];
};

describe('confusionMatrix matches scikit-learn 1.2.1', () => {
  for (const c of fixture.confusionMatrix) {
    it(`agrees on ${c.name}`, () => {
      expect(confusionMatrix(c.yTrue, c.yPred, c.options)).toEqual({ labels: c.labels, matrix: c.matrix });
    });
  }
});

describe('confusionMatrix layout', () => {
  it('puts true labels on rows and predicted labels on columns', () => {
    expect(confusionMatrix([0, 0, 0], [1, 1, 0]).matrix).toEqual([[1, 2], [0, 0]]);
  });

  it('gives [[tn, fp], [fn, tp]] for two classes', () => {
    const { matrix } = confusionMatrix([0, 1, 0, 1], [1, 1, 1, 0]);
    expect(matrix).toEqual([[0, 2], [1, 1]]);
  });

  it('returns the labels it was given, in their order', () => {
    expect(confusionMatrix(['b', 'a'], ['a', 'a'], { labels: ['b', 'a'] }).labels).toEqual(['b', 'a']);
  });

  it('accepts typed arrays of labels', () => {
    expect(confusionMatrix(Int32Array.of(0, 1, 1), Float64Array.of(0, 1, 0)).matrix).toEqual([[1, 0], [1, 1]]);
  });
});

describe('confusionMatrix rejects bad input with a message that says what and where', () => {
  const cases: [string, () => unknown, ErrorConstructor, string][] = [
    ['a length mismatch', () => confusionMatrix([0, 1, 1], [0, 1]), RangeError, 'confusionMatrix: yTrue has 3 labels but yPred has 2'],
    ['an empty yTrue', () => confusionMatrix([], []), RangeError, 'confusionMatrix: yTrue is empty; at least one label is required'],
    ['labels none of which is in yTrue', () => confusionMatrix([0, 1], [0, 1], { labels: [5, 6] }), RangeError, 'confusionMatrix: none of labels (5, 6) occurs in yTrue'],
    ['a repeated label', () => confusionMatrix([0, 1], [0, 1], { labels: [1, 1] }), RangeError, 'confusionMatrix: labels has 1 more than once (at index 1)'],
    ['an empty labels', () => confusionMatrix([0, 1], [0, 1], { labels: [] }), RangeError, 'confusionMatrix: labels is empty; at least one label is required'],
    ['yPred of another kind', () => confusionMatrix(['a', 'b'], [0, 1] as never), TypeError, 'confusionMatrix: yPred holds numbers but yTrue holds strings; all labels must be of one kind'],
    ['booleans against numbers', () => confusionMatrix([true, false], [1, 0] as never), TypeError, 'confusionMatrix: yPred holds numbers but yTrue holds booleans; all labels must be of one kind'],
    ['scores passed as predictions', () => confusionMatrix([0, 1], [0.2, 0.8]), RangeError, 'confusionMatrix: yPred has 0.2 at index 0; numeric labels must be integers (probabilities or scores are not labels)'],
    ['yPred that is not an array', () => confusionMatrix([0, 1], null as never), TypeError, 'confusionMatrix: yPred must be an array of labels, got null'],
    ['an unknown option', () => confusionMatrix([0, 1], [0, 1], { normalize: 'true' } as never), TypeError, "confusionMatrix: unknown option 'normalize' (known options: labels, sampleWeight)"],
  ];
  for (const [what, run, kind, message] of cases) {
    it(`rejects ${what}`, () => expectError(run, kind, message));
  }
});

describe('confusionMatrix properties', () => {
  const pairs = fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 80 });

  it('has entries that sum to the number of samples', () => {
    fc.assert(
      fc.property(pairs, (rows) => {
        const { matrix } = confusionMatrix(rows.map(([t]) => t), rows.map(([, p]) => p));
        expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(rows.length);
      }),
    );
  });

  it('has row sums equal to the class counts of yTrue', () => {
    fc.assert(
      fc.property(pairs, (rows) => {
        const yTrue = rows.map(([t]) => t);
        const { labels, matrix } = confusionMatrix(yTrue, rows.map(([, p]) => p));
        labels.forEach((label, k) => {
          const rowSum = (matrix[k] as number[]).reduce((a, b) => a + b, 0);
          expect(rowSum).toBe(yTrue.filter((t) => t === label).length);
        });
      }),
    );
  });

  it('has a diagonal that sums to the number of correct predictions', () => {
    fc.assert(
      fc.property(pairs, (rows) => {
        const { matrix } = confusionMatrix(rows.map(([t]) => t), rows.map(([, p]) => p));
        const trace = matrix.reduce((s, row, k) => s + (row[k] as number), 0);
        expect(trace).toBe(rows.filter(([t, p]) => t === p).length);
      }),
    );
  });
});
