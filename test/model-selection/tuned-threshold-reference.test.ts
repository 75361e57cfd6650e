/**
 * tunedThreshold against scikit-learn 1.5's TunedThresholdClassifierCV, as
 * tools/make_threshold_fixtures.py redoes its steps over scikit-learn 1.2.1's fits, folds
 * and metrics (test/fixtures/model-selection/tuned-threshold.json).
 *
 * Both sides fit every fold to tol 1e-12 (the reference with newton-cholesky, whose fits
 * meet it; here the default lbfgs), so the responses differ only by the two libraries'
 * optima. No held-out response lies within 1e-6 of its range from a candidate threshold
 * (the fixture's closestCut), so every fold's cuts and scores are the same; what differs
 * is each fold's lowest and highest response — its candidates and the grid — and, through
 * the interpolation between candidates, the mean scores. Measured worst over the 11 cases
 * (2026-12-02): grid 4.2e-12, mean score 2.5e-12 (both absolute), best threshold 5.4e-13
 * relative, best score 2.6e-13; bit-equal at explicit grids. The tolerances below leave
 * two orders of magnitude. The script also checks that each case keeps its argmax when the
 * folds' ends move by 1e-6 of their range, so the grid point is not a near tie.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LogisticRegression } from '../../src/estimator/logistic-regression.js';
import type { Fold } from '../../src/model-selection/fold.js';
import { type TunedThresholdClassifier, type ThresholdScoringName, tunedThreshold } from '../../src/model-selection/tuned-threshold.js';

type Label = number | string;

interface ReferenceCase {
  name: string;
  C: number;
  X: number[][];
  y: Label[];
  /** Test indices of each fold; train is the ascending complement. */
  folds: number[][];
  options: {
    scoring: ThresholdScoringName;
    thresholds: number | number[];
    responseMethod: 'predictProba' | 'decisionFunction';
    posLabel?: Label;
    /** The k of the StratifiedKFold the folds came from, when they did. */
    cv?: number;
  };
  grid: number[];
  scores: number[];
  bestIndex: number;
  bestThreshold: number;
  bestScore: number;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/model-selection/tuned-threshold.json', import.meta.url), 'utf8')) as {
  model: { tol: number; maxIter: number };
  cases: ReferenceCase[];
};

/** How far the grid and the mean scores may be from the reference: the fits' difference (≤ 4.2e-12), with room. */
const CURVE_TOLERANCE = 1e-9;
/** How far the best threshold may be, relative: the same grid point, moved by the fits alone. */
const THRESHOLD_TOLERANCE = 1e-9;

function foldsOf(c: ReferenceCase): Fold[] {
  const n = c.y.length;
  return c.folds.map((test) => {
    const inTest = new Set(test);
    const train = Array.from({ length: n }, (_, i) => i).filter((i) => !inTest.has(i));
    return { trainIndex: Int32Array.from(train), testIndex: Int32Array.from(test) };
  });
}

interface Outcome {
  bestIndex: number;
  bestThreshold: number;
  bestScore: number;
  grid: number[];
  scores: number[];
  warnings: string[];
}

function run(c: ReferenceCase, cv: number | Fold[]): Outcome {
  const warnings: string[] = [];
  const model = new LogisticRegression({ C: c.C, tol: fixture.model.tol, maxIter: fixture.model.maxIter, onWarning: (m) => warnings.push(m) });
  const { scoring, thresholds, responseMethod, posLabel } = c.options;
  const tuned: TunedThresholdClassifier<Label> = tunedThreshold<Label>(model, c.X, c.y, {
    scoring,
    thresholds,
    responseMethod,
    ...(posLabel === undefined ? {} : { posLabel }),
    cv,
    onWarning: null,
  });
  try {
    const grid = Array.from(tuned.cvResults.thresholds);
    return {
      bestIndex: grid.indexOf(tuned.bestThreshold),
      bestThreshold: tuned.bestThreshold,
      bestScore: tuned.bestScore,
      grid,
      scores: Array.from(tuned.cvResults.scores),
      warnings,
    };
  } finally {
    tuned.dispose();
  }
}

/** Each case is tuned once with its fixture folds and shared by the checks below. */
const outcomes = new Map<string, Outcome>();
function withFolds(c: ReferenceCase): Outcome {
  let outcome = outcomes.get(c.name);
  if (outcome === undefined) {
    outcome = run(c, foldsOf(c));
    outcomes.set(c.name, outcome);
  }
  return outcome;
}

function largestDifference(got: readonly number[], expected: readonly number[]): number {
  expect(got).toHaveLength(expected.length);
  return got.reduce((worst, v, i) => Math.max(worst, Math.abs(v - expected[i]!)), 0);
}

const cases = fixture.cases.map((c) => [c.name, c] as const);

describe('tunedThreshold(model, X, y, { cv: folds, … }) against scikit-learn 1.5’s steps over 1.2.1’s fits, every fit to tol 1e-12', () => {
  it('covers the fixture’s cases', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('%s: every fit converges without a warning', (_, c) => {
    expect(withFolds(c).warnings).toEqual([]);
  });

  it.each(cases)('%s: picks the same grid point', (_, c) => {
    expect(withFolds(c).bestIndex).toBe(c.bestIndex);
  });

  it.each(cases)('%s: gives the same best threshold to 1e-9 relative', (_, c) => {
    const { bestThreshold } = withFolds(c);
    // An explicit grid's 0 must then come back exactly.
    expect(Math.abs(bestThreshold - c.bestThreshold)).toBeLessThanOrEqual(THRESHOLD_TOLERANCE * Math.abs(c.bestThreshold));
  });

  it.each(cases)('%s: gives the same grid within 1e-9', (_, c) => {
    expect(largestDifference(withFolds(c).grid, c.grid)).toBeLessThanOrEqual(CURVE_TOLERANCE);
  });

  it.each(cases)('%s: gives the same mean score at every grid point within 1e-9', (_, c) => {
    expect(largestDifference(withFolds(c).scores, c.scores)).toBeLessThanOrEqual(CURVE_TOLERANCE);
  });

  it.each(cases)('%s: gives the same best score within 1e-9', (_, c) => {
    expect(Math.abs(withFolds(c).bestScore - c.bestScore)).toBeLessThanOrEqual(CURVE_TOLERANCE);
  });
});

describe('tunedThreshold(model, X, y, { cv: k, … }) for the cases whose folds are scikit-learn’s StratifiedKFold(k)', () => {
  const stratified = cases.filter(([, c]) => c.options.cv !== undefined);

  it.each(stratified)('%s: gives the results of the fixture’s folds bit for bit', (_, c) => {
    const byCount = run(c, c.options.cv!);
    const byFolds = withFolds(c);
    expect(byCount.grid).toEqual(byFolds.grid);
    expect(byCount.scores).toEqual(byFolds.scores);
    expect(byCount.bestThreshold).toBe(byFolds.bestThreshold);
  });
});
