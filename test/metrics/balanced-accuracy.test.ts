import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { accuracy } from '../../src/metrics/accuracy.js';
import { balancedAccuracy, type Label } from '../../src/metrics/index.js';
import { expectClose, expectError } from '../assertions.js';

/** One outcome of balanced_accuracy_score: a value, or the refusal it raised. */
interface Result {
  adjusted: boolean;
  value?: number | 'nan' | 'inf' | '-inf';
  error?: { type: string; message: string };
  warnings?: string[];
}

interface BalancedCase {
  name: string;
  yTrue: Label[];
  yPred: Label[];
  sampleWeight: number[] | null;
  results: Result[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/scorers.json', import.meta.url), 'utf8')) as {
  balancedAccuracy: BalancedCase[];
};

const NON_FINITE: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity };

function expectedValue(r: Result): number {
  const v = r.value as number | string;
  return typeof v === 'string' ? (NON_FINITE[v] as number) : v;
}

/** Whether scikit-learn warned that a class has no recall. */
function warnedNoRecall(r: Result): boolean {
  return (r.warnings ?? []).includes('y_pred contains classes not in y_true');
}

function run(c: BalancedCase, r: Result, onWarning: (message: string) => void): number {
  const options = { adjusted: r.adjusted, onWarning, ...(c.sampleWeight === null ? {} : { sampleWeight: c.sampleWeight }) };
  return balancedAccuracy(c.yTrue, c.yPred, options);
}

describe('balancedAccuracy(yTrue, yPred) matches scikit-learn 1.2.1', () => {
  // scikit-learn's NaN for weights that are all 0 is a refusal here (see below).
  for (const c of fixture.balancedAccuracy.filter((x) => x.name !== 'every weight 0')) {
    for (const r of c.results) {
      it(`agrees on ${c.name}${r.adjusted ? ', adjusted' : ''}`, () => {
        const expected = expectedValue(r);
        const actual = run(c, r, () => {});
        if (Number.isFinite(expected)) expectClose(actual, expected);
        else expect(actual).toBe(expected);
      });

      it(`warns on ${c.name}${r.adjusted ? ', adjusted' : ''} when and only when scikit-learn does`, () => {
        const warnings: string[] = [];
        run(c, r, (message) => warnings.push(message));
        expect(warnings.length).toBe(warnedNoRecall(r) ? 1 : 0);
      });
    }
  }
});

describe('balancedAccuracy(yTrue, yPred)', () => {
  it('is the mean of the recalls of the classes of yTrue', () => {
    // Recalls: class 0 2/3, class 1 1/2.
    expect(balancedAccuracy([0, 0, 0, 1, 1], [0, 0, 1, 1, 0])).toBe((2 / 3 + 1 / 2) / 2);
  });

  it('equals the accuracy when the classes are balanced', () => {
    const yTrue = ['a', 'b', 'c', 'a', 'b', 'c'];
    const yPred = ['a', 'c', 'c', 'b', 'b', 'c'];
    expect(balancedAccuracy(yTrue, yPred)).toBeCloseTo(accuracy(yTrue, yPred), 15);
  });

  it('leaves out a class that only yPred holds, naming it in the warning', () => {
    const warnings: string[] = [];
    expect(balancedAccuracy([0, 0, 1, 1], [0, 2, 1, 2], { onWarning: (m) => warnings.push(m) })).toBe(0.5);
    expect(warnings).toEqual([
      'balancedAccuracy: yPred contains classes that yTrue does not (or only with weight 0): 2; they have no recall and are left out of the mean',
    ]);
  });

  it('warns through console.warn by default', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      balancedAccuracy(['x'], ['y']);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('balancedAccuracy(yTrue, yPred, { sampleWeight })', () => {
  it('weighs each sample in its class recall', () => {
    // Class 'a': 1 of weight 1 right; class 'b': weight 1 right of 1 + 3.
    expect(balancedAccuracy(['a', 'b', 'b'], ['a', 'b', 'a'], { sampleWeight: [1, 1, 3] })).toBe((1 + 0.25) / 2);
  });

  it('leaves out, with the warning, a class of yTrue whose weights are all 0', () => {
    const warnings: string[] = [];
    expect(balancedAccuracy([0, 1, 1], [0, 1, 0], { sampleWeight: [1, 0, 0], onWarning: (m) => warnings.push(m) })).toBe(1);
    expect(warnings).toHaveLength(1);
  });
});

describe('balancedAccuracy(yTrue, yPred, { adjusted: true })', () => {
  it('maps chance to 0 and a perfect prediction to 1', () => {
    expect(balancedAccuracy([0, 1, 2, 0, 1, 2], [0, 0, 0, 1, 1, 1], { adjusted: true })).toBeCloseTo(0, 15);
    expect(balancedAccuracy([0, 1, 2], [0, 1, 2], { adjusted: true })).toBe(1);
  });

  it('may be negative', () => {
    expect(balancedAccuracy([0, 1], [1, 0], { adjusted: true })).toBe(-1);
  });
});

describe('balancedAccuracy rejects bad input with a message that says what and where', () => {
  const cases: [string, () => unknown, ErrorConstructor, string][] = [
    ['a length mismatch', () => balancedAccuracy([0, 1, 1], [0, 1]), RangeError, 'balancedAccuracy: yTrue has 3 labels but yPred has 2'],
    ['an empty yTrue', () => balancedAccuracy([], []), RangeError, 'balancedAccuracy: yTrue is empty; at least one label is required'],
    [
      'labels of two kinds',
      () => balancedAccuracy<Label>([0, 1], ['a', 'b']),
      TypeError,
      'balancedAccuracy: yPred holds strings but yTrue holds numbers; all labels must be of one kind',
    ],
    ['a non-boolean adjusted', () => balancedAccuracy([0, 1], [0, 1], { adjusted: 1 as never }), TypeError, 'balancedAccuracy: adjusted must be a boolean, got a number'],
    [
      'an unknown option',
      () => balancedAccuracy([0, 1], [0, 1], { sample_weight: [1, 1] } as never),
      TypeError,
      "balancedAccuracy: unknown option 'sample_weight'; did you mean 'sampleWeight'? (known options: sampleWeight, adjusted, onWarning)",
    ],
    ['a non-function onWarning', () => balancedAccuracy([0, 1], [0, 1], { onWarning: 'log' as never }), TypeError, 'balancedAccuracy: onWarning must be a function, got a string'],
    [
      'weights of the wrong count',
      () => balancedAccuracy([0, 1], [0, 1], { sampleWeight: [1] }),
      RangeError,
      'balancedAccuracy: sampleWeight has 1 values; yTrue has 2 labels',
    ],
    [
      'weights that are all 0 (scikit-learn gives NaN)',
      () => balancedAccuracy([0, 1, 1], [0, 1, 0], { sampleWeight: [0, 0, 0] }),
      RangeError,
      'balancedAccuracy: sampleWeight gives every class of yTrue a total weight of 0; the score is undefined',
    ],
    [
      'a negative weight',
      () => balancedAccuracy([0, 1], [0, 1], { sampleWeight: [1, -1] }),
      RangeError,
      'balancedAccuracy: sampleWeight has -1 at index 1; weights must be ≥ 0',
    ],
  ];
  for (const [what, call, kind, message] of cases) {
    it(`refuses ${what}`, () => expectError(call, kind, message));
  }
});
