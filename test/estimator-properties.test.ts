import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LogisticRegression, type LogisticRegressionOptions, makeClassification } from '../src/index.js';
import { relativeError } from './helpers.js';

/** Seeded so every run draws the same cases; modest run counts keep the file to a few seconds. */
const params = { seed: 42, numRuns: 25 } as const;

type Strategy = 'binary' | 'multinomial' | 'ovr';

interface Data {
  X: number[][];
  y: number[];
}

/** A small deterministic problem: 24–40 rows, 3 features, 2 or 3 classes. */
function data(seed: number, rows: number, strategy: Strategy): Data {
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

const problem = fc.record({
  seed: fc.integer({ min: 0, max: 100_000 }),
  rows: fc.integer({ min: 24, max: 40 }),
  strategy: fc.constantFrom<Strategy>('binary', 'multinomial', 'ovr'),
  solver: fc.constantFrom('lbfgs', 'newton'),
});

type Problem = typeof problem extends fc.Arbitrary<infer T> ? T : never;

function options({ strategy, solver }: Problem, tol: number): LogisticRegressionOptions {
  return { solver, tol, maxIter: 5000, multiClass: strategy === 'ovr' ? 'ovr' : 'auto', onWarning: null };
}

/** coef then intercept, as one vector. */
function parameters(model: LogisticRegression): number[] {
  return [...model.coef.data, ...model.intercept];
}

/** Largest value seen per property, printed with SHOW_MARGINS=1 (to tune and report tolerances). */
const margins = new Map<string, number>();
function observe(name: string, value: number): number {
  margins.set(name, Math.max(margins.get(name) ?? 0, value));
  return value;
}
afterAll(() => {
  if (process.env.SHOW_MARGINS) for (const [name, value] of margins) console.log(`${name}: ${value.toExponential(2)}`);
});

describe('row order', () => {
  it('changes the coefficients by at most 1e-10 (relative) when the rows are permuted', () => {
    fc.assert(
      fc.property(problem, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 40, maxLength: 40 }), (p, keys) => {
        const { X, y } = data(p.seed, p.rows, p.strategy);
        const order = X.map((_, i) => i).sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
        const original = new LogisticRegression(options(p, 1e-12)).fit(X, y);
        const permuted = new LogisticRegression(options(p, 1e-12)).fit(
          order.map((i) => X[i] as number[]),
          order.map((i) => y[i] as number),
        );
        expect(observe('permuted rows', relativeError(parameters(permuted), parameters(original)))).toBeLessThan(1e-10);
      }),
      params,
    );
  });
});

/**
 * The l2 objective C·Σᵢ logloss(yᵢ, xᵢ) + ½‖W‖² (intercepts unpenalised), written from
 * scratch: a sigmoid for one block, a softmax for several, one-vs-rest as a sum of
 * independent binary problems.
 */
function objective(W: number[][], b: number[], X: number[][], y: number[], classes: number[], strategy: Strategy, C: number): number {
  let loss = 0;
  let penalty = 0;
  for (const row of W) for (const w of row) penalty += 0.5 * w * w;
  const score = (k: number, x: number[]): number => x.reduce((s, v, j) => s + v * (W[k]?.[j] as number), b[k] as number);
  const softplus = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
  X.forEach((x, i) => {
    const label = classes.indexOf(y[i] as number);
    if (strategy === 'binary') {
      const z = score(0, x);
      loss += label === 1 ? softplus(-z) : softplus(z);
    } else if (strategy === 'ovr') {
      for (let k = 0; k < W.length; k++) {
        const z = score(k, x);
        loss += label === k ? softplus(-z) : softplus(z);
      }
    } else {
      const z = W.map((_, k) => score(k, x));
      const top = Math.max(...z);
      const logSum = top + Math.log(z.reduce((s, v) => s + Math.exp(v - top), 0));
      loss += logSum - (z[label] as number);
    }
  });
  return C * loss + penalty;
}

describe('optimality of the l2 fit', () => {
  const optimum = fc.record({
    seed: fc.integer({ min: 0, max: 100_000 }),
    rows: fc.integer({ min: 24, max: 40 }),
    strategy: fc.constantFrom<Strategy>('binary', 'multinomial', 'ovr'),
    solver: fc.constantFrom('lbfgs', 'newton'),
    C: fc.constantFrom(0.1, 1, 10),
  });
  const h = 1e-4;

  /** f at the fitted optimum, and at ±h along each coordinate (weights, then intercepts). */
  function probe(p: typeof optimum extends fc.Arbitrary<infer T> ? T : never): { f0: number; plus: number[]; minus: number[] } {
    const { X, y } = data(p.seed, p.rows, p.strategy);
    const model = new LogisticRegression({ ...options(p, 1e-10), C: p.C, penalty: 'l2' }).fit(X, y);
    const classes = model.classes as number[];
    const coef = model.coef;
    const W = Array.from({ length: coef.rows }, (_, k) => Array.from(coef.row(k)));
    const b = Array.from(model.intercept);
    const f = (): number => objective(W, b, X, y, classes, p.strategy, p.C);
    const f0 = f();
    const plus: number[] = [];
    const minus: number[] = [];
    const moves: [number[], number][] = [];
    for (const row of W) for (let j = 0; j < row.length; j++) moves.push([row, j]);
    for (let k = 0; k < b.length; k++) moves.push([b, k]);
    for (const [vector, j] of moves) {
      const at = vector[j] as number;
      vector[j] = at + h;
      plus.push(f());
      vector[j] = at - h;
      minus.push(f());
      vector[j] = at;
    }
    return { f0, plus, minus };
  }

  it('is not lowered by a step of ±1e-4 along any single coefficient or intercept', () => {
    fc.assert(
      fc.property(optimum, (p) => {
        const { f0, plus, minus } = probe(p);
        for (const value of [...plus, ...minus]) {
          observe('f(w) − f(w ± h·e_j)', f0 - value);
          expect(value).toBeGreaterThanOrEqual(f0 - 1e-9);
        }
      }),
      params,
    );
  });

  it('has central finite-difference derivatives of about 0 in every coordinate', () => {
    fc.assert(
      fc.property(optimum, (p) => {
        const { f0, plus, minus } = probe(p);
        const scale = Math.max(1, Math.abs(f0));
        plus.forEach((fp, j) => {
          const derivative = (fp - (minus[j] as number)) / (2 * h);
          expect(observe('|central difference| / scale', Math.abs(derivative) / scale)).toBeLessThanOrEqual(1e-5);
        });
      }),
      params,
    );
  });
});
