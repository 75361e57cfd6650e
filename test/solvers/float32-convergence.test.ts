import { describe, expect, it } from 'vitest';
import { type Dtype, LogisticRegression, Matrix, makeClassification } from '../../src/index.js';
import { relativeError } from '../helpers.js';

/** A fit that records its warnings. */
function fit(data: { X: Matrix<Dtype>; y: ArrayLike<number> }, options: ConstructorParameters<typeof LogisticRegression>[0]) {
  const warnings: string[] = [];
  const model = new LogisticRegression({ ...options, onWarning: (message) => warnings.push(message) }).fit(data.X, Array.from(data.y));
  return { model, warnings };
}

// The float32 pass's gradient is only as exact as float32 sums (and weights rounded to
// float32) allow: about 3e-9 on the scaled objective here, while the default tol 1e-4
// asks for 1e-9 at 100,000 rows, and its loss jitters far above float64's rounding.
describe("dtype 'float32' with default options (100,000 × 20)", () => {
  const data = makeClassification({ nSamples: 100_000, nFeatures: 20, randomState: 1 });
  const float64 = fit(data, {});
  const float32 = fit(data, { dtype: 'float32' });

  it('converges within the default maxIter, without a warning', () => {
    expect(float32.warnings).toEqual([]);
    expect(float32.model.converged).toBe(true);
  });

  it('needs no more than a few iterations more than float64', () => {
    expect(float64.model.converged).toBe(true);
    expect(float32.model.nIter).toBeLessThanOrEqual(float64.model.nIter + 3);
  });

  it('lands within 1e-3 relative of the float64 coefficients', () => {
    expect(relativeError(float32.model.coef.data, float64.model.coef.data)).toBeLessThan(1e-3);
    expect(relativeError(float32.model.intercept, float64.model.intercept)).toBeLessThan(1e-3);
  });
});

describe("dtype 'float32' at a tight tol", () => {
  // X already float32-valued, so both dtypes minimise the same objective: the float32 fit
  // judges its last iterations on float64 arithmetic and so reaches the same optimum.
  const data = makeClassification({ nSamples: 3000, nFeatures: 12, randomState: 3 });
  const X32 = Matrix.from(Float32Array.from(data.X.data), data.X.rows, data.X.cols);
  const X64 = Matrix.from(Float64Array.from(X32.data), data.X.rows, data.X.cols);

  it.each(['lbfgs', 'newton'] as const)("with solver '%s' converges and lands on the float64 optimum of the same values to 1e-8", (solver) => {
    const float64 = fit({ X: X64, y: data.y }, { solver, tol: 1e-8 });
    const float32 = fit({ X: X32, y: data.y }, { solver, tol: 1e-8, dtype: 'float32' });
    expect(float32.warnings).toEqual([]);
    expect(float32.model.converged).toBe(true);
    expect(relativeError(float32.model.coef.data, float64.model.coef.data)).toBeLessThan(1e-8);
  });

  it("with solver 'newton-cd' and an l1 term converges and lands on the float64 optimum of the same values to 1e-8", () => {
    const options = { solver: 'newton-cd', penalty: 'l1', C: 0.1, tol: 1e-8 } as const;
    const float64 = fit({ X: X64, y: data.y }, options);
    const float32 = fit({ X: X32, y: data.y }, { ...options, dtype: 'float32' });
    expect(float32.warnings).toEqual([]);
    expect(float32.model.converged).toBe(true);
    expect(relativeError(float32.model.coef.data, float64.model.coef.data)).toBeLessThan(1e-8);
  });
});
