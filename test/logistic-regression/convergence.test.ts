// When a fit stops and what it reaches: tol against the reported gradNorm, the tolerance handed
// to the core, the optimum of the l2 objective, and nIter / nIterPerProblem.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type IterationInfo, LogisticRegression, type LogisticRegressionOptions, makeClassification } from '../../src/index.js';
import { coreTolerance } from '../../src/estimator/scaling.js';
import { linearProblem } from '../helpers.js';
import { type Strategy, data, margins, options, params } from './helpers.js';

const observe = margins();

const binary = makeClassification({ nSamples: 400, nFeatures: 5, nInformative: 3, nRedundant: 0, flipY: 0.1, randomState: 4 });
const threeClasses = makeClassification({ nSamples: 300, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, flipY: 0.1, randomState: 6 });
const smallBinary = makeClassification({ nSamples: 100, nFeatures: 3, nInformative: 2, nRedundant: 0, randomState: 1 });
const sampleWeight = Float64Array.from({ length: 400 }, (_, i) => 0.5 + (i % 7) / 3);

/** Every onIteration report of one fit, and the fitted model. */
function reports(data: { X: typeof binary.X; y: Int32Array }, options: LogisticRegressionOptions, weights: Float64Array | null = null) {
  const seen: IterationInfo[] = [];
  const model = new LogisticRegression({ onWarning: null, ...options, onIteration: (info) => void seen.push(info) });
  model.fit(data.X, data.y, { sampleWeight: weights });
  return { seen, model };
}

describe('LogisticRegression#fit(X, y) stops at tol', () => {
  it('stops before maxIter once the largest gradient entry is within tol', () => {
    const { X, y } = linearProblem(100, 2);
    const model = new LogisticRegression({ solver: 'gd', penalty: 'none', learningRate: 0.5, tol: 1e-3, maxIter: 100_000 }).fit(X, y);
    expect(model.nIter).toBeGreaterThan(0);
    expect(model.nIter).toBeLessThan(100_000);
  });
});

describe('LogisticRegression#fit(X, y) reports gradNorm to onIteration on the scale of tol', () => {
  const cases: [string, LogisticRegressionOptions, Float64Array | null][] = [
    ['lbfgs', { tol: 1e-3 }, null],
    ['newton', { solver: 'newton', tol: 1e-3 }, null],
    ['owlqn with l1', { solver: 'owlqn', penalty: 'l1', tol: 1e-3 }, null],
    ['lbfgs with sample weights', { tol: 1e-3 }, sampleWeight],
    ['lbfgs with balanced class weights and C = 0.1', { tol: 1e-3, C: 0.1, classWeight: 'balanced' }, sampleWeight],
    ['lbfgs over float32 X', { tol: 1e-3, dtype: 'float32' }, null],
    ['newton-cd with l1', { solver: 'newton-cd', penalty: 'l1', tol: 1e-3 }, null],
  ];
  for (const [what, options, weights] of cases) {
    it(`stops after the first iteration reporting gradNorm ≤ tol (${what})`, () => {
      const { seen, model } = reports(binary, options, weights);
      const tol = options.tol as number;
      expect(model.converged).toBe(true);
      expect(seen.length).toBeGreaterThan(1);
      expect(seen.length).toBe(model.nIter);
      expect(seen.at(-1)!.gradNorm).toBeLessThanOrEqual(tol);
      for (const info of seen.slice(0, -1)) expect(info.gradNorm).toBeGreaterThan(tol);
    });
  }

  it('stops each one-vs-rest problem after its first report of gradNorm ≤ tol', () => {
    const { seen, model } = reports(threeClasses, { multiClass: 'ovr', tol: 1e-3 });
    expect(model.converged).toBe(true);
    for (const problem of [0, 1, 2]) {
      const own = seen.filter((info) => info.problem === problem);
      expect(own.length).toBeGreaterThan(1);
      expect(own.at(-1)!.gradNorm).toBeLessThanOrEqual(1e-3);
      for (const info of own.slice(0, -1)) expect(info.gradNorm).toBeGreaterThan(1e-3);
    }
  });

  it('stops a multinomial fit after its first report of gradNorm ≤ tol', () => {
    const { seen, model } = reports(threeClasses, { tol: 1e-3 });
    expect(model.converged).toBe(true);
    expect(seen.at(-1)!.gradNorm).toBeLessThanOrEqual(1e-3);
    for (const info of seen.slice(0, -1)) expect(info.gradNorm).toBeGreaterThan(1e-3);
  });

  it("reports, for solver 'gd', gradients at the start of each update, all above tol, before converging", () => {
    const { seen, model } = reports(binary, { solver: 'gd', learningRate: 0.5, maxIter: 3000, tol: 1e-2 });
    expect(model.converged).toBe(true);
    expect(seen.length).toBe(model.nIter);
    for (const info of seen) expect(info.gradNorm).toBeGreaterThan(1e-2);
  });

  it('reports the gradient of F/C, a sum over the samples (not their mean)', () => {
    // Gradient descent reports the gradient at its starting point, θ = 0, where F/C's
    // gradient is Σᵢ (σ(0) − yᵢ)·[xᵢ, 1] = Σᵢ (½ − yᵢ)·[xᵢ, 1] with penalty 'none'.
    const { seen } = reports(binary, { solver: 'gd', learningRate: 1e-9, maxIter: 1, tol: 0, penalty: 'none' });
    const { X, y } = binary;
    const gradient = new Float64Array(X.cols + 1);
    for (let i = 0; i < X.rows; i++) {
      const r = 0.5 - (y[i] as number);
      for (let j = 0; j < X.cols; j++) gradient[j]! += r * (X.data[i * X.cols + j] as number);
      gradient[X.cols]! += r;
    }
    const expected = Math.max(...gradient.map(Math.abs));
    expect(Math.abs(seen[0]!.gradNorm - expected) / expected).toBeLessThan(1e-12);
  });
});

describe('coreTolerance(tol, scale): the tolerance handed to the core', () => {
  /** The next float64 above a finite x ≥ 0. */
  const nextUp = (x: number): number => {
    const bits = new BigInt64Array(Float64Array.of(x).buffer);
    bits[0]! += 1n;
    return new Float64Array(bits.buffer)[0] as number;
  };

  it('is the largest t with fl(t·scale) ≤ tol, so the core stops exactly when the reported gradient meets tol', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-300, max: 1e300, noNaN: true }),
        (tol, scale) => {
          const t = coreTolerance(tol, scale);
          expect(t * scale).toBeLessThanOrEqual(tol);
          const above = nextUp(t);
          expect(above === Infinity || above * scale > tol).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is 0 for tol 0 with Σsᵢ ≥ 1 (tol 0 runs maxIter iterations)', () => {
    expect(coreTolerance(0, 1)).toBe(0);
    expect(coreTolerance(0, 1234.5)).toBe(0);
  });

  it('is found at once for tol 0 and a tiny Σsᵢ, where the reported gradient underflows to 0 below a subnormal bound', () => {
    const t = coreTolerance(0, 1e-10);
    expect(t).toBeGreaterThan(0);
    expect(t * 1e-10).toBe(0);
    expect(nextUp(t) * 1e-10).toBeGreaterThan(0);
    const model = new LogisticRegression({ tol: 0, maxIter: 3, onWarning: null }).fit(binary.X, binary.y, { sampleWeight: new Float64Array(400).fill(1e-13) });
    expect(model.nIter).toBe(3);
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

describe('LogisticRegression#fit(X, y) reaches the optimum of the l2 objective', () => {
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

describe('LogisticRegression#nIterPerProblem', () => {
  it('has one entry per class for one-vs-rest, each the iterations that class took, and nIter is the largest', () => {
    const seen: IterationInfo[] = [];
    const model = new LogisticRegression({ multiClass: 'ovr', onWarning: null, onIteration: (info) => void seen.push(info) }).fit(threeClasses.X, threeClasses.y);
    const perClass = [0, 1, 2].map((k) => seen.filter((info) => info.problem === k).length);
    expect(model.nIterPerProblem).toEqual(perClass);
    expect(new Set(perClass).size).toBeGreaterThan(1);
    expect(model.nIter).toBe(Math.max(...perClass));
  });

  it('has the one entry nIter for a multinomial model', () => {
    const model = new LogisticRegression({ onWarning: null }).fit(threeClasses.X, threeClasses.y);
    expect(model.nIterPerProblem).toEqual([model.nIter]);
  });

  it('has the one entry nIter for a binary model', () => {
    const model = new LogisticRegression({ onWarning: null }).fit(smallBinary.X, smallBinary.y);
    expect(model.nIterPerProblem).toEqual([model.nIter]);
  });

  it('is a copy the caller cannot use to change the model', () => {
    const model = new LogisticRegression({ multiClass: 'ovr', onWarning: null }).fit(threeClasses.X, threeClasses.y);
    const before = model.nIterPerProblem;
    model.nIterPerProblem[0] = 999;
    expect(model.nIterPerProblem).toEqual(before);
  });
});
