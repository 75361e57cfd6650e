import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Label, LogisticRegression, type LogisticRegressionOptions, Matrix } from '../../src/index.js';
import { crossValidate, crossValScore } from '../../src/model-selection/cross-validate.js';
import type { ScoringName } from '../../src/model-selection/scoring.js';

interface Case {
  name: string;
  X: number[][];
  y: Label[];
  sampleWeight?: number[];
  folds: { train: number[]; test: number[] }[];
  estimator: LogisticRegressionOptions;
  scoring: ScoringName;
  testScores: number[];
  trainScores: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/model-selection/cross-validate.json', import.meta.url), 'utf8')) as { cases: Case[] };

/** Scores are equal when the fits are: within 1e-6 (relative for large scores). */
function expectScores(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, k) => expect(Math.abs(value - (expected[k] as number))).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected[k] as number))));
}

describe('crossValidate(estimator, X, y, options) against scikit-learn 1.2.1', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s: test and train scores per fold', (_, c) => {
    // Solved to the optimum (tol 1e-10 on the gradient), whatever solver each side used.
    const estimator = new LogisticRegression({ ...c.estimator, tol: 1e-10, maxIter: 1000, onWarning: null });
    const result = crossValidate(estimator, c.X, c.y, {
      cv: c.folds.map((f) => ({ trainIndex: Int32Array.from(f.train), testIndex: Int32Array.from(f.test) })),
      scoring: c.scoring,
      returnTrainScore: true,
      ...(c.sampleWeight === undefined ? {} : { sampleWeight: c.sampleWeight }),
    });
    expectScores(result.testScore, c.testScores);
    expectScores(result.trainScore!, c.trainScores);
  });
});

const X = [[0, 1], [1, 0], [2, 1], [3, 0], [0, 2], [1, 3], [2, 2], [3, 3], [4, 1], [5, 0]];
const y = [0, 0, 1, 1, 0, 0, 1, 1, 1, 1];

describe('crossValidate(estimator, X, y, options): results', () => {
  it('returns one fit time, score time and test score per fold, and no train scores or estimators unless asked', () => {
    const result = crossValidate(new LogisticRegression(), X, y, { cv: 2 });
    expect([result.fitTime.length, result.scoreTime.length, result.testScore.length, result.trainScore, result.estimator]).toEqual([2, 2, 2, null, null]);
  });

  it('uses the estimator’s score (accuracy) when scoring is null', () => {
    const a = crossValidate(new LogisticRegression(), X, y, { cv: 2 }).testScore;
    const b = crossValidate(new LogisticRegression(), X, y, { cv: 2, scoring: 'accuracy' }).testScore;
    expect(a).toEqual(b);
  });

  it('returns the fitted copy of each fold, leaving the estimator itself unfitted', () => {
    const estimator = new LogisticRegression({ C: 3 });
    const result = crossValidate(estimator, X, y, { cv: 2, returnEstimator: true });
    expect(estimator.isFitted).toBe(false);
    expect(result.estimator!.map((m) => [m.isFitted, m.C])).toEqual([[true, 3], [true, 3]]);
  });

  it('gives the same scores for a Matrix in WebAssembly memory, a JS Matrix and rows', () => {
    const inWasm = Matrix.alloc(X.length, 2);
    inWasm.data.set(X.flat());
    const scores = [X, Matrix.fromRows(X), inWasm].map((data) => crossValScore(new LogisticRegression(), data, y, { cv: 2, scoring: 'neg_log_loss' }));
    expect(scores[1]).toEqual(scores[0]);
    expect(scores[2]).toEqual(scores[0]);
    inWasm.dispose();
  });

  it('gives results independent of the number of threads', () => {
    const one = crossValScore(new LogisticRegression({ threads: 1 }), X, y, { cv: 2, scoring: 'neg_log_loss' });
    const two = crossValScore(new LogisticRegression({ threads: 2, onWarning: null }), X, y, { cv: 2, scoring: 'neg_log_loss' });
    expect(two).toEqual(one);
  });

  it('passes sampleWeight to the scorer only with weightedScoring', () => {
    const seen: (Float64Array | null)[] = [];
    const scoring = (_m: unknown, _X: unknown, _y: unknown, w: Float64Array | null): number => (seen.push(w), 0);
    const sampleWeight = X.map((_, i) => i + 1);
    crossValScore(new LogisticRegression(), X, y, { cv: 2, scoring, sampleWeight });
    crossValScore(new LogisticRegression(), X, y, { cv: [{ trainIndex: Int32Array.of(0, 1, 2, 3), testIndex: Int32Array.of(8, 9) }], scoring, sampleWeight, weightedScoring: true });
    expect(seen.slice(0, 2)).toEqual([null, null]);
    expect(Array.from(seen[2]!)).toEqual([9, 10]);
  });
});

describe('crossValidate(estimator, X, y, options): bad input', () => {
  const model = new LogisticRegression();
  it('rejects cv below 2', () => {
    expect(() => crossValScore(model, X, y, { cv: 1 })).toThrow(new RangeError('crossValScore: cv must be an integer from 2 to 2147483647, got 1'));
  });

  it('rejects more folds than samples, as StratifiedKFold does', () => {
    expect(() => crossValScore(model, X, y, { cv: 11 })).toThrow(RangeError);
  });

  it('rejects an unknown scoring name, suggesting the nearest', () => {
    expect(() => crossValScore(model, X, y, { scoring: 'f1_macr' as ScoringName })).toThrow(/did you mean 'f1_macro'\?/);
  });

  it('rejects groups of the wrong length', () => {
    expect(() => crossValScore(model, X, y, { groups: [1, 2] })).toThrow(new RangeError('crossValScore: groups has 2 entries but X has 10 samples'));
  });

  it('rejects y of the wrong length', () => {
    expect(() => crossValScore(model, X, [0, 1])).toThrow(new RangeError('crossValScore: y has 2 entries but X has 10 samples'));
  });

  it('rejects a fold index out of range, naming it', () => {
    expect(() => crossValScore(model, X, y, { cv: [{ trainIndex: Int32Array.of(0, 1), testIndex: Int32Array.of(10) }] })).toThrow(
      new RangeError('crossValScore: cv fold 0: testIndex[0] must be an integer from 0 to 9, got 10'),
    );
  });

  it('rejects an estimator that is not a classifier', () => {
    expect(() => crossValScore({} as never, X, y)).toThrow(TypeError);
  });

  it('rejects a non-finite X naming its row and column in X, before any fold is cut', () => {
    const bad = X.map((row) => row.slice());
    bad[7]![1] = NaN;
    expect(() => crossValScore(model, bad, y, { cv: 2 })).toThrow(/row 7/);
  });

  it('says which fold a fit failed in, keeping the error’s class', () => {
    // The second fold's training rows hold a single class.
    const folds = [
      { trainIndex: Int32Array.of(0, 2), testIndex: Int32Array.of(1) },
      { trainIndex: Int32Array.of(0, 1), testIndex: Int32Array.of(2) },
    ];
    expect(() => crossValScore(model, X, y, { cv: folds })).toThrow(/^crossValScore: fold 1 of 2: y has a single class/);
  });

  it('rejects an unknown option', () => {
    expect(() => crossValScore(model, X, y, { returnTrainScore: true } as never)).toThrow(TypeError);
  });
});

describe('crossValidate(estimator, X, y, { onWarning })', () => {
  it('routes a scorer’s warnings to onWarning, and null silences them', () => {
    // Fold 0's held-out rows are one class: balanced accuracy warns that yPred holds a class y lacks.
    const folds = [{ trainIndex: Int32Array.of(0, 1, 2, 3, 4, 5, 6), testIndex: Int32Array.of(7, 8, 9) }];
    const seen: string[] = [];
    const original = console.warn;
    let consoleCalls = 0;
    console.warn = () => void (consoleCalls += 1);
    try {
      crossValScore(new LogisticRegression({ C: 0.01 }), X, y, { cv: folds, scoring: 'balanced_accuracy', onWarning: (m) => seen.push(m) });
      crossValScore(new LogisticRegression({ C: 0.01 }), X, y, { cv: folds, scoring: 'balanced_accuracy', onWarning: null });
    } finally {
      console.warn = original;
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(consoleCalls).toBe(0);
  });
});
