import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { accuracy } from '../../src/metrics/accuracy.js';
import { confusionMatrix, precisionRecallF1, rocAuc, type Label, type PrfPerClass, type PrfScores } from '../../src/metrics/index.js';
import { expectClose, expectError } from '../assertions.js';

/** One outcome of a scikit-learn call: a value ("nan" for NaN), or the refusal it raised; and its warnings. */
interface Outcome {
  value?: number | 'nan';
  error?: { type: string; message: string };
  warnings?: string[];
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

/** The sides of a curve that scikit-learn's warnings (or ours) say are empty. */
function emptySides(messages: readonly string[]): string[] {
  const sides = new Set<string>();
  for (const m of messages) {
    if (/no positive samples/i.test(m)) sides.add('positive');
    if (/no negative samples/i.test(m)) sides.add('negative');
  }
  return [...sides].sort();
}

describe('rocAuc(yTrue, score, { sampleWeight }) matches scikit-learn 1.2.1', () => {
  for (const c of scoreCases) {
    for (const [how, expected] of Object.entries(c.rocAuc ?? {})) {
      const [multiClass, average] = how === 'binary' ? [undefined, undefined] : (how.split(' ') as ['ovr' | 'ovo', 'macro' | 'weighted' | 'micro']);
      const options = { sampleWeight: c.sampleWeight, ...(multiClass === undefined ? {} : { multiClass, average }) };
      if (expected.value !== undefined) {
        it(`agrees on ${c.name}, ${how}, and warns as it does`, () => {
          const warnings: string[] = [];
          const got = rocAuc(c.yTrue, c.score as number[], { ...options, onWarning: (m) => warnings.push(m) });
          if (expected.value === 'nan') expect(got).toBeNaN();
          else expectClose(got, expected.value as number);
          expect(emptySides(warnings)).toEqual(emptySides(expected.warnings ?? []));
        });
      } else {
        const message =
          multiClass === 'ovo'
            ? "rocAuc: sampleWeight is not available with multiClass 'ovo'"
            : 'rocAuc: sampleWeight is 0 for every sample, which leaves no ROC curve';
        it(`refuses ${c.name}, ${how}, as scikit-learn does`, () => {
          expectError(() => rocAuc(c.yTrue, c.score as number[][], options), RangeError, message);
        });
      }
    }
  }

  it('gives the unweighted AUC for weights that are all 1', () => {
    const c = scoreCases[1] as WeightedCase;
    expect(rocAuc(c.yTrue, c.score as number[], { sampleWeight: c.yTrue.map(() => 1) })).toBe(rocAuc(c.yTrue, c.score as number[]));
  });
});

describe('rocAuc(yTrue, score, { sampleWeight, onWarning }) when weights empty a class', () => {
  const y3 = [0, 1, 2, 0, 1, 2];
  const S3 = [[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.6, 0.2, 0.2], [0.2, 0.6, 0.2], [0.2, 0.2, 0.6]];

  it('says once, naming the class, that a binary problem has no positive weight', () => {
    const warnings: string[] = [];
    expect(rocAuc([0, 1, 1, 0, 1], [0.1, 0.9, 0.4, 0.3, 0.8], { sampleWeight: [1, 0, 0, 1, 0], onWarning: (m) => warnings.push(m) })).toBeNaN();
    expect(warnings).toEqual(['rocAuc: sampleWeight gives the positive class 1 a total weight of 0 (no positive samples), so the AUC is NaN']);
  });

  it('says once, naming the class, that a binary problem has no negative weight', () => {
    const warnings: string[] = [];
    expect(rocAuc(['a', 'b', 'b', 'a'], [0.1, 0.9, 0.4, 0.3], { sampleWeight: [0, 1, 1, 0], onWarning: (m) => warnings.push(m) })).toBeNaN();
    expect(warnings).toEqual(["rocAuc: sampleWeight gives the negative class 'a' a total weight of 0 (no negative samples), so the AUC is NaN"]);
  });

  it("names every class of weight 0 in one warning, and says the 'weighted' average counts them as 0", () => {
    const warnings: string[] = [];
    const got = rocAuc(y3, S3, { multiClass: 'ovr', average: 'weighted', sampleWeight: [1, 0, 0, 1, 0, 0], onWarning: (m) => warnings.push(m) });
    expect(got).toBeNaN();
    expect(warnings).toEqual([
      'rocAuc: sampleWeight gives every class but 0 a total weight of 0 (no negative samples), so the one-vs-rest AUC of 0 is NaN',
      'rocAuc: sampleWeight gives classes 1, 2 a total weight of 0 (no positive samples), so their one-vs-rest AUCs are NaN; they weigh 0 in the weighted average, which counts them as 0',
    ]);
  });

  it("gives 0 without a warning for 'weighted' when every weight is 0", () => {
    const onWarning = vi.fn();
    expect(rocAuc(y3, S3, { multiClass: 'ovr', average: 'weighted', sampleWeight: [0, 0, 0, 0, 0, 0], onWarning })).toBe(0);
    expect(onWarning).not.toHaveBeenCalled();
  });

  it('refuses every weight 0 for a binary problem', () => {
    expectError(
      () => rocAuc([0, 1, 1, 0], [0.1, 0.9, 0.4, 0.3], { sampleWeight: [0, 0, 0, 0] }),
      RangeError,
      'rocAuc: sampleWeight is 0 for every sample, which leaves no ROC curve',
    );
  });

  it('sends its warnings to onWarning and not to console.warn', () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const onWarning = vi.fn();
      rocAuc(y3, S3, { multiClass: 'ovr', average: 'macro', sampleWeight: [1, 1, 0, 1, 1, 0], onWarning });
      expect(onWarning).toHaveBeenCalledTimes(1);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('warns on console.warn when no onWarning is given', () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      rocAuc([0, 1, 1, 0], [0.1, 0.9, 0.4, 0.3], { sampleWeight: [1, 0, 0, 1] });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses an onWarning that is not a function', () => {
    expectError(() => rocAuc([0, 1], [0.2, 0.7], { onWarning: 'log' as never }), TypeError, 'rocAuc: onWarning must be a function, got a string');
  });
});
