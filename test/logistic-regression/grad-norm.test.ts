import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type IterationInfo, LogisticRegression, type LogisticRegressionOptions, makeClassification } from '../../src/index.js';
import { coreTolerance } from '../../src/estimator/logistic-regression.js';

const binary = makeClassification({ nSamples: 400, nFeatures: 5, nInformative: 3, nRedundant: 0, flipY: 0.1, randomState: 4 });
const threeClasses = makeClassification({ nSamples: 300, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, flipY: 0.1, randomState: 6 });
const sampleWeight = Float64Array.from({ length: 400 }, (_, i) => 0.5 + (i % 7) / 3);

/** Every onIteration report of one fit, and the fitted model. */
function reports(data: { X: typeof binary.X; y: Int32Array }, options: LogisticRegressionOptions, weights: Float64Array | null = null) {
  const seen: IterationInfo[] = [];
  const model = new LogisticRegression({ onWarning: null, ...options, onIteration: (info) => void seen.push(info) });
  model.fit(data.X, data.y, { sampleWeight: weights });
  return { seen, model };
}

describe('gradNorm in onIteration is on the scale of tol', () => {
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

describe('the tolerance handed to the core', () => {
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
