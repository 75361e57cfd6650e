// Problems and observations shared by the estimator's spec files.
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { type Label, LogisticRegression, type LogisticRegressionOptions, type Matrix, makeClassification } from '../../src/index.js';

/** Tight settings for tests that compare numbers; warnings silenced. */
export const exact = { tol: 1e-10, maxIter: 5000, onWarning: null } as const;

/** 60×4 binary problem, labels 0/1. */
export function binary(randomState = 0): { X: Matrix; y: Int32Array } {
  return makeClassification({ nSamples: 60, nFeatures: 4, nInformative: 2, nRedundant: 0, randomState });
}

/** 90×4 three-class problem, labels 0/1/2. */
export function threeClass(randomState = 1): { X: Matrix; y: Int32Array } {
  return makeClassification({ nSamples: 90, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, randomState });
}

/** One-hot rows (class k ↦ e_k scaled by 3, plus a little deterministic jitter): separable for any labelling. */
export function oneHot(labels: readonly Label[], distinct: readonly Label[]): number[][] {
  return labels.map((label, i) => distinct.map((d, j) => (d === label ? 3 : 0) + 0.01 * (((i * 7 + j * 3) % 5) - 2)));
}

/** coef then intercept, as one vector. */
export function parameters(model: LogisticRegression): number[] {
  return [...model.coef.data, ...model.intercept];
}

/** Everything observable about a fitted model, for "left as it was" checks. */
export function snapshot(model: LogisticRegression, X: Matrix): unknown {
  return {
    coef: Array.from(model.coef.data),
    intercept: Array.from(model.intercept),
    classes: model.classes,
    nIter: model.nIter,
    converged: model.converged,
    proba: Array.from(model.predictProba(X).data),
  };
}

/** The index of the largest entry (the first of equals). */
export function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < row.length; k++) if ((row[k] as number) > (row[best] as number)) best = k;
  return best;
}

// ---- property tests ----

/** Seeded so every run draws the same cases; modest run counts keep each property to a few seconds. */
export const params = { seed: 42, numRuns: 25 } as const;

export type Strategy = 'binary' | 'multinomial' | 'ovr';

/** A small deterministic problem: 24–40 rows, 3 features, 2 or 3 classes. */
export function data(seed: number, rows: number, strategy: Strategy): { X: number[][]; y: number[] } {
  const { X, y } = makeClassification({
    nSamples: rows,
    nFeatures: 3,
    nInformative: 2,
    nRedundant: 0,
    nClustersPerClass: 1,
    nClasses: strategy === 'binary' ? 2 : 3,
    flipY: 0.05,
    randomState: seed,
  });
  return { X: X.toArray(), y: Array.from(y) };
}

/** A problem drawn by fast-check: its data seed and size, the multiclass strategy and the solver. */
export const problem = fc.record({
  seed: fc.integer({ min: 0, max: 100_000 }),
  rows: fc.integer({ min: 24, max: 40 }),
  strategy: fc.constantFrom<Strategy>('binary', 'multinomial', 'ovr'),
  solver: fc.constantFrom('lbfgs', 'newton'),
});

export type Problem = typeof problem extends fc.Arbitrary<infer T> ? T : never;

/** The options that fit `p` to tolerance `tol`. */
export function options({ strategy, solver }: Pick<Problem, 'strategy' | 'solver'>, tol: number): LogisticRegressionOptions {
  return { solver, tol, maxIter: 5000, multiClass: strategy === 'ovr' ? 'ovr' : 'auto', onWarning: null };
}

/**
 * Records the largest value seen per property; with SHOW_MARGINS=1 the file prints them when
 * it ends (to tune and report tolerances). Call once per file that observes.
 */
export function margins(): (name: string, value: number) => number {
  const largest = new Map<string, number>();
  afterAll(() => {
    if (process.env['SHOW_MARGINS']) for (const [name, value] of largest) console.log(`${name}: ${value.toExponential(2)}`);
  });
  return (name, value) => {
    largest.set(name, Math.max(largest.get(name) ?? 0, value));
    return value;
  };
}
