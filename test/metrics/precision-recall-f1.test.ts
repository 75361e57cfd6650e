import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { precisionRecallF1, type Label, type PrecisionRecallF1Options } from '../../src/metrics/index.js';
import { expectClose, expectError } from '../assertions.js';

type Scores = { precision: number; recall: number; f1: number; support?: number[] };
type PerClass = { precision: number[]; recall: number[]; f1: number[]; support: number[] };

interface PrfCase {
  name: string;
  yTrue: Label[];
  yPred: Label[];
  results: { options: PrecisionRecallF1Options; expected: Scores | PerClass; warnings: string[] }[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/metrics.json', import.meta.url), 'utf8')) as {
  precisionRecallF1: PrfCase[];
};

/** scikit-learn's UndefinedMetricWarning text, as this library words it. */
function ours(sklearnMessage: string): string {
  return `precisionRecallF1: ${sklearnMessage.replace('Use `zero_division` parameter', 'Use the `zeroDivision` option')}`;
}

function run(c: PrfCase, options: PrecisionRecallF1Options): { result: unknown; warnings: string[] } {
  const warnings: string[] = [];
  const result = precisionRecallF1(c.yTrue, c.yPred, { ...options, onWarning: (m) => warnings.push(m) });
  return { result, warnings };
}

describe('precisionRecallF1 matches scikit-learn 1.2.1', () => {
  for (const c of fixture.precisionRecallF1) {
    for (const { options, expected, warnings } of c.results) {
      const label = `${c.name}, average ${String(options.average)}, zeroDivision ${String(options.zeroDivision)}`;
      it(`agrees on ${label}`, () => {
        const { result } = run(c, options);
        if (options.average === null) {
          const got = result as PerClass;
          const want = expected as PerClass;
          expect(got.support).toEqual(want.support);
          for (const key of ['precision', 'recall', 'f1'] as const) {
            expect(got[key]).toHaveLength(want[key].length);
            got[key].forEach((v, k) => expectClose(v, want[key][k] as number));
          }
        } else {
          const got = result as Scores;
          const want = expected as Scores;
          for (const key of ['precision', 'recall', 'f1'] as const) expectClose(got[key], want[key]);
        }
      });
      it(`warns as scikit-learn does on ${label}`, () => {
        expect(run(c, options).warnings).toEqual(warnings.map(ours));
      });
    }
  }
});

describe('precisionRecallF1 options', () => {
  it("defaults to average 'binary' with posLabel 1", () => {
    expect(precisionRecallF1([0, 1, 1, 0], [1, 1, 0, 0])).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it('scores the class posLabel names', () => {
    expect(precisionRecallF1([0, 0, 0, 1], [0, 0, 1, 1], { posLabel: 0 })).toEqual({ precision: 1, recall: 2 / 3, f1: 0.8 });
  });

  it('defaults posLabel to true for boolean labels', () => {
    expect(precisionRecallF1([true, false], [true, true])).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3 });
  });

  it('returns per-class arrays with their labels and support when average is null', () => {
    expect(precisionRecallF1(['b', 'a', 'b'], ['b', 'b', 'b'], { average: null, zeroDivision: 0 })).toEqual({
      labels: ['a', 'b'],
      precision: [0, 2 / 3],
      recall: [0, 1],
      f1: [0, 0.8],
      support: [1, 2],
    });
  });

  it('orders the per-class arrays as labels does', () => {
    const result = precisionRecallF1([0, 1, 2], [0, 1, 1], { average: null, labels: [2, 0], zeroDivision: 0 });
    expect(result.labels).toEqual([2, 0]);
    expect(result.recall).toEqual([0, 1]);
  });

  it("sends warnings to console.warn when onWarning is absent", () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      precisionRecallF1([0, 0], [0, 0]);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('warns that posLabel is ignored when average is not binary', () => {
    const warnings: string[] = [];
    precisionRecallF1([0, 1], [0, 1], { average: 'macro', posLabel: 0, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([
      "precisionRecallF1: posLabel (set to 0) is ignored when average is not 'binary' (got 'macro'); use labels: [0] to score a single class",
    ]);
  });

  it('does not warn under zeroDivision 0 or 1', () => {
    const warnings: string[] = [];
    precisionRecallF1([0, 0], [0, 0], { zeroDivision: 0, onWarning: (m) => warnings.push(m) });
    precisionRecallF1([0, 0], [0, 0], { zeroDivision: 1, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
  });

  it('gives F1 0 when zeroDivision 1 makes precision 1 but recall is 0', () => {
    expect(precisionRecallF1([1, 1], [0, 0], { zeroDivision: 1 })).toEqual({ precision: 1, recall: 0, f1: 0 });
  });
});

describe('precisionRecallF1 rejects bad input with a message that says what and where', () => {
  const cases: [string, () => unknown, ErrorConstructor, string][] = [
    ["average 'binary' on three classes", () => precisionRecallF1([0, 1, 2], [0, 1, 1]), RangeError, "precisionRecallF1: yTrue and yPred hold 3 classes (0, 1, 2) but average is 'binary'; choose average 'macro', 'micro', 'weighted' or null"],
    ['a posLabel that is not a label', () => precisionRecallF1([0, 1], [0, 1], { posLabel: 3 }), RangeError, 'precisionRecallF1: posLabel 3 is not a valid label; it should be one of 0, 1'],
    ['string labels without posLabel', () => precisionRecallF1(['ham', 'spam'], ['ham', 'ham']), RangeError, "precisionRecallF1: average 'binary' with string labels needs posLabel (one of 'ham', 'spam')"],
    ['a posLabel of another kind', () => precisionRecallF1(['a', 'b'], ['a', 'b'], { posLabel: 1 as never }), TypeError, "precisionRecallF1: posLabel is a number (1) but yTrue holds strings"],
    ['an unknown average', () => precisionRecallF1([0, 1], [0, 1], { average: 'samples' as never }), RangeError, "precisionRecallF1: average must be one of 'binary', 'macro', 'micro', 'weighted', null, got 'samples'"],
    ['an average of the wrong kind', () => precisionRecallF1([0, 1], [0, 1], { average: 1 as never }), TypeError, "precisionRecallF1: average must be one of 'binary', 'macro', 'micro', 'weighted', null, got a number"],
    ['an unknown zeroDivision', () => precisionRecallF1([0, 1], [0, 1], { zeroDivision: 0.5 as never }), RangeError, "precisionRecallF1: zeroDivision must be 'warn', 0 or 1, got 0.5"],
    ['a zeroDivision of the wrong kind', () => precisionRecallF1([0, 1], [0, 1], { zeroDivision: null as never }), TypeError, "precisionRecallF1: zeroDivision must be 'warn', 0 or 1, got null"],
    ['an onWarning that is not a function', () => precisionRecallF1([0, 1], [0, 1], { onWarning: 'log' as never }), TypeError, 'precisionRecallF1: onWarning must be a function, got a string'],
    ['a length mismatch', () => precisionRecallF1([0, 1], [0]), RangeError, 'precisionRecallF1: yTrue has 2 labels but yPred has 1'],
    ['a repeated label in labels', () => precisionRecallF1([0, 1], [0, 1], { average: 'macro', labels: [0, 0] }), RangeError, 'precisionRecallF1: labels has 0 more than once (at index 1)'],
    ['labels of another kind', () => precisionRecallF1([0, 1], [0, 1], { average: 'macro', labels: ['0'] as never }), TypeError, 'precisionRecallF1: labels holds strings but yTrue holds numbers; all labels must be of one kind'],
    ['probabilities passed as predictions', () => precisionRecallF1([0, 1], [0.3, 0.7]), RangeError, 'precisionRecallF1: yPred has 0.3 at index 0; numeric labels must be integers (probabilities or scores are not labels)'],
    ['a snake_case option', () => precisionRecallF1([0, 1], [0, 1], { pos_label: 1 } as never), TypeError, "precisionRecallF1: unknown option 'pos_label'; did you mean 'posLabel'? (known options: average, posLabel, zeroDivision, labels, onWarning, sampleWeight)"],
  ];
  for (const [what, runIt, kind, message] of cases) {
    it(`rejects ${what}`, () => expectError(runIt, kind, message));
  }
});

describe('precisionRecallF1 properties', () => {
  const pairs = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 60 });

  it('gives micro precision = micro recall = micro F1 = accuracy for single-label multiclass', () => {
    fc.assert(
      fc.property(pairs, (rows) => {
        const yTrue = rows.map(([t]) => t);
        const yPred = rows.map(([, p]) => p);
        const accuracy = rows.filter(([t, p]) => t === p).length / rows.length;
        const { precision, recall, f1 } = precisionRecallF1(yTrue, yPred, { average: 'micro', zeroDivision: 0 });
        expect(Math.abs(precision - accuracy)).toBeLessThanOrEqual(1e-15);
        expect(Math.abs(recall - accuracy)).toBeLessThanOrEqual(1e-15);
        expect(Math.abs(f1 - accuracy)).toBeLessThanOrEqual(1e-15);
      }),
    );
  });

  it('keeps every score in [0, 1] and F1 between the smaller and greater of precision and recall', () => {
    fc.assert(
      fc.property(pairs, fc.constantFrom<0 | 1>(0, 1), (rows, zeroDivision) => {
        const result = precisionRecallF1(rows.map(([t]) => t), rows.map(([, p]) => p), { average: null, zeroDivision });
        result.f1.forEach((f, k) => {
          const p = result.precision[k] as number;
          const r = result.recall[k] as number;
          for (const v of [p, r, f]) expect(v >= 0 && v <= 1).toBe(true);
          if (p + r > 0) {
            expect(f).toBeGreaterThanOrEqual(Math.min(p, r) - 1e-15);
            expect(f).toBeLessThanOrEqual(Math.max(p, r) + 1e-15);
          }
        });
      }),
    );
  });
});
