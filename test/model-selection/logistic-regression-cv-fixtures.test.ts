import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Label, LogisticRegressionCV, type LogisticRegressionCVOptions } from '../../src/index.js';

/** One scikit-learn 1.2.1 LogisticRegressionCV fit (tools/make_model_selection_fixtures.py). */
interface Case {
  name: string;
  X: number[][];
  y: Label[];
  sampleWeight?: number[];
  folds: { train: number[]; test: number[] }[];
  options: LogisticRegressionCVOptions & { solver: string; tol: number; maxIter: number };
  expected: {
    classes: Label[];
    Cs_: number[];
    C_: number[];
    l1Ratio_: number[] | null;
    scores: Record<string, number[][] | number[][][]>;
    coefsPaths: Record<string, number[][][] | number[][][][]>;
    coef: number[][];
    intercept: number[];
    kkt: { relative: number } | null;
    pathKkt: number | null;
    /** Path points where saga stopped with the intercept short of its optimum (all weights 0), with that optimum. */
    uncertifiedPaths?: { class: string; index: number[]; optimalIntercept: number }[];
  };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/model-selection/lrcv.json', import.meta.url), 'utf8')) as { cases: Case[] };

/** The largest |a − b| over nested arrays of equal shape. */
function largestGap(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b);
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return Infinity;
  return a.reduce((most: number, v, i) => Math.max(most, largestGap(v, b[i])), 0);
}

/** numpy's logspace on this fixture's AVX-512 machine and glibc's pow (ours) differ by an ulp or two; a grid value is "the same" within 4 ulps. */
function sameGridValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 4 * Number.EPSILON * Math.abs(b);
}

describe('LogisticRegressionCV against scikit-learn 1.2.1 on the same folds, both solved tightly', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { solver: _solver, tol: _tol, maxIter: _maxIter, ...options } = c.options;
    const model = new LogisticRegressionCV({
      ...options,
      cv: c.folds.map((f) => ({ trainIndex: Int32Array.from(f.train), testIndex: Int32Array.from(f.test) })),
      tol: 1e-10,
      maxIter: 1000,
      onWarning: null,
    }).fit(c.X, c.y, c.sampleWeight === undefined ? {} : { sampleWeight: c.sampleWeight });
    const e = c.expected;
    expect(model.classes).toEqual(e.classes);
    expect(Array.from(model.Cs).every((C, i) => sameGridValue(C, e.Cs_[i]!))).toBe(true);
    // The chosen C (a mean of grid values without refit) and l1 ratio.
    expect(Array.from(model.C).every((C, k) => Math.abs(C - e.C_[k]!) <= 1e-12 * e.C_[k]!)).toBe(true);
    if (e.l1Ratio_ === null) expect(model.l1Ratio).toBeNull();
    else expect(largestGap(Array.from(model.l1Ratio!), e.l1Ratio_)).toBeLessThanOrEqual(1e-12);
    // Held-out scores per fold and grid point, per class.
    expect([...model.scores.keys()].map(String)).toEqual(Object.keys(e.scores));
    for (const [key, grid] of model.scores) expect(largestGap(grid, e.scores[String(key)])).toBeLessThanOrEqual(1e-6);
    // The final model, where scikit-learn's is certified optimal.
    if (e.kkt !== null) {
      expect(largestGap(model.coef.toArray(), e.coef)).toBeLessThanOrEqual(1e-6 * Math.max(1, ...e.coef.flat().map(Math.abs)));
      expect(largestGap(Array.from(model.intercept), e.intercept)).toBeLessThanOrEqual(1e-6 * Math.max(1, ...e.intercept.map(Math.abs)));
    }
    // Each fold's path; where saga stopped short, against the optimal intercept the generator computed.
    const certified = structuredClone(e.coefsPaths);
    for (const point of e.uncertifiedPaths ?? []) {
      const row = point.index.reduce((at: unknown, i) => (at as unknown[])[i], certified[point.class]) as number[];
      row[row.length - 1] = point.optimalIntercept;
    }
    {
      for (const [key, paths] of model.coefsPaths!) {
        const expected = certified[String(key)]!;
        const scale = Math.max(1, ...(expected.flat(3) as number[]).map(Math.abs));
        expect(largestGap(paths, expected)).toBeLessThanOrEqual(1e-5 * scale);
      }
    }
  });
});
