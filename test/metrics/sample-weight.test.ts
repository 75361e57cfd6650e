import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accuracy } from '../../src/metrics/accuracy.js';
import { confusionMatrix, precisionRecallF1, rocAuc, type Label, type PrfPerClass, type PrfScores } from '../../src/metrics/index.js';
import { expectClose, expectError } from '../assertions.js';

/** One outcome of a scikit-learn call: a value, or the refusal it raised. */
interface Outcome {
  value?: number;
  error?: { type: string; message: string };
}

interface WeightedCase {
  name: string;
  yTrue: Label[];
  yPred?: Label[];
  score?: number[] | number[][];
  sampleWeight: number[];
  accuracy?: Outcome;
  confusionMatrix?: number[][];
  precisionRecallF1?: Record<string, { precision: number | number[]; recall: number | number[]; f1: number | number[]; support?: number | number[] | null }>;
  rocAuc?: Record<string, Outcome>;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/scorers.json', import.meta.url), 'utf8')) as {
  weightedMetrics: WeightedCase[];
};

function closeAll(actual: number | number[], expected: number | number[]): void {
  if (typeof expected === 'number') return expectClose(actual as number, expected);
  expect((actual as number[]).length).toBe(expected.length);
  expected.forEach((e, i) => expectClose((actual as number[])[i] as number, e));
}

const labelCases = fixture.weightedMetrics.filter((c) => c.yPred !== undefined);
const scoreCases = fixture.weightedMetrics.filter((c) => c.score !== undefined);

describe('accuracy(yTrue, yPred, { sampleWeight }) matches scikit-learn 1.2.1', () => {
  for (const c of labelCases) {
    it(`agrees on ${c.name}`, () => {
      expectClose(accuracy(c.yTrue, c.yPred as Label[], { sampleWeight: c.sampleWeight }), c.accuracy?.value as number);
    });
  }

  it('refuses weights that sum to 0', () => {
    expectError(() => accuracy([0, 1], [0, 0], { sampleWeight: [0, 0] }), RangeError, 'accuracy: sampleWeight sums to 0; the weighted mean is undefined');
  });
});

describe('confusionMatrix(yTrue, yPred, { sampleWeight }) matches scikit-learn 1.2.1', () => {
  for (const c of labelCases) {
    it(`agrees on ${c.name}`, () => {
      expect(confusionMatrix(c.yTrue, c.yPred as Label[], { sampleWeight: c.sampleWeight }).matrix).toEqual(c.confusionMatrix);
    });
  }
});

describe('precisionRecallF1(yTrue, yPred, { sampleWeight }) matches scikit-learn 1.2.1', () => {
  for (const c of labelCases) {
    for (const [average, expected] of Object.entries(c.precisionRecallF1 ?? {})) {
      it(`agrees on ${c.name}, average ${average}`, () => {
        const options = { sampleWeight: c.sampleWeight, zeroDivision: 0 as const };
        if (average === 'none') {
          const got = precisionRecallF1(c.yTrue, c.yPred as Label[], { ...options, average: null }) as PrfPerClass;
          closeAll(got.precision, expected.precision);
          closeAll(got.recall, expected.recall);
          closeAll(got.f1, expected.f1);
          closeAll(got.support, expected.support as number[]);
        } else {
          const got = precisionRecallF1(c.yTrue, c.yPred as Label[], { ...options, average: average as 'binary' }) as PrfScores;
          closeAll(got.precision, expected.precision);
          closeAll(got.recall, expected.recall);
          closeAll(got.f1, expected.f1);
        }
      });
    }
  }
});

describe('rocAuc(yTrue, score, { sampleWeight }) matches scikit-learn 1.2.1', () => {
  for (const c of scoreCases) {
    for (const [how, expected] of Object.entries(c.rocAuc ?? {})) {
      const [multiClass, average] = how === 'binary' ? [undefined, undefined] : (how.split(' ') as ['ovr' | 'ovo', 'macro' | 'weighted' | 'micro']);
      const options = { sampleWeight: c.sampleWeight, ...(multiClass === undefined ? {} : { multiClass, average }) };
      if (expected.value !== undefined) {
        it(`agrees on ${c.name}, ${how}`, () => {
          expectClose(rocAuc(c.yTrue, c.score as number[], options), expected.value as number);
        });
      } else {
        it(`refuses ${c.name}, ${how}, as scikit-learn does`, () => {
          expectError(() => rocAuc(c.yTrue, c.score as number[][], options), RangeError, "rocAuc: sampleWeight is not available with multiClass 'ovo'");
        });
      }
    }
  }

  it('gives the unweighted AUC for weights that are all 1', () => {
    const c = scoreCases[1] as WeightedCase;
    expect(rocAuc(c.yTrue, c.score as number[], { sampleWeight: c.yTrue.map(() => 1) })).toBe(rocAuc(c.yTrue, c.score as number[]));
  });
});
