import { describe, expect, it } from 'vitest';
import { LogisticRegression, Matrix, NotFittedError, gradientDescentBaseline } from '../src/index.js';
import { linearProblem, relativeError } from './helpers.js';

const options = { solver: 'gd', penalty: 'none', learningRate: 0.1, maxIter: 300, tol: 0 } as const;

describe('LogisticRegression', () => {
  it('returns the model itself from fit', () => {
    const { X, y } = linearProblem(50, 3);
    const model = new LogisticRegression(options);
    expect(model.fit(X, y)).toBe(model);
  });

  it('agrees with the plain-JS baseline to 1e-12 on shapes with odd and even row and column counts', () => {
    for (const [rows, cols] of [
      [2, 1],
      [7, 1],
      [64, 2],
      [101, 5],
      [200, 8],
    ] as const) {
      const { X, y } = linearProblem(rows, cols, rows + cols);
      y[0] = 0;
      y[1] = 1;
      const model = new LogisticRegression(options).fit(X, y);
      const base = gradientDescentBaseline(X, y, { learningRate: 0.1, maxIter: 300 });
      expect(relativeError(model.coef.data, base.weights)).toBeLessThan(1e-12);
      expect(Math.abs((model.intercept[0] as number) - base.bias)).toBeLessThan(1e-12 * Math.max(1, Math.abs(base.bias)));
    }
  });

  it('gives the same model for number[][] input, a JS Matrix and a Matrix in WebAssembly memory', () => {
    const { X, y } = linearProblem(33, 4);
    const inWasm = Matrix.alloc(33, 4);
    inWasm.data.set(X.data);
    const a = new LogisticRegression(options).fit(X.toArray(), y).coef.data;
    const b = new LogisticRegression(options).fit(X, y).coef.data;
    const c = new LogisticRegression(options).fit(inWasm, y).coef.data;
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).toEqual(Array.from(a));
    inWasm.dispose();
  });

  it('reports coef as 1×d, intercept of length 1, classes [0, 1] and nIter', () => {
    const { X, y } = linearProblem(40, 3);
    const model = new LogisticRegression(options).fit(X, y);
    expect([model.coef.rows, model.coef.cols]).toEqual([1, 3]);
    expect(model.intercept.length).toBe(1);
    expect(model.classes).toEqual([0, 1]);
    expect(model.nIter).toBe(300);
    expect(model.nFeaturesIn).toBe(3);
  });

  it('stops before maxIter once the largest gradient entry is within tol', () => {
    const { X, y } = linearProblem(100, 2);
    const model = new LogisticRegression({ ...options, maxIter: 100_000, tol: 1e-3, learningRate: 0.5 }).fit(X, y);
    expect(model.nIter).toBeGreaterThan(0);
    expect(model.nIter).toBeLessThan(100_000);
  });

  it('keeps the intercept at 0 when fitIntercept is false', () => {
    const { X, y } = linearProblem(30, 2);
    const model = new LogisticRegression({ ...options, fitIntercept: false }).fit(X, y);
    expect(model.intercept[0]).toBe(0);
  });

  it('records a decreasing loss curve starting at log 2 when asked', () => {
    const { X, y } = linearProblem(50, 2);
    const model = new LogisticRegression({ ...options, recordLoss: true }).fit(X, y);
    const curve = model.lossCurve!;
    expect(curve.length).toBe(300);
    expect(curve[0]).toBeCloseTo(Math.LN2, 15);
    for (let k = 1; k < curve.length; k++) expect(curve[k]!).toBeLessThanOrEqual(curve[k - 1]!);
  });

  it('has no loss curve unless asked', () => {
    const { X, y } = linearProblem(10, 2);
    expect(new LogisticRegression(options).fit(X, y).lossCurve).toBeNull();
  });

  it('stays finite for decision values of ±1000', () => {
    const X = [[1000], [-1000], [999], [-999]];
    const y = [1, 0, 0, 1];
    const model = new LogisticRegression({ ...options, maxIter: 5, recordLoss: true }).fit(X, y);
    for (const v of [...model.coef.data, ...model.intercept, ...model.lossCurve!]) expect(Number.isFinite(v)).toBe(true);
    const proba = model.predictProba([[1e6], [-1e6]]);
    expect(Array.from(proba.data).every(Number.isFinite)).toBe(true);
  });

  it('returns to the unfitted state after dispose and can be fitted again', () => {
    const { X, y } = linearProblem(20, 2);
    const model = new LogisticRegression(options).fit(X, y);
    const before = Array.from(model.coef.data);
    model.dispose();
    model.dispose();
    expect(model.isFitted).toBe(false);
    expect(() => model.predict(X)).toThrow(NotFittedError);
    expect(Array.from(model.fit(X, y).coef.data)).toEqual(before);
  });

  it('does not leak WebAssembly memory over many fit/predict/dispose cycles', async () => {
    const { runtimeMemoryBytes } = await import('./wasm-memory.js');
    const { X, y } = linearProblem(500, 10);
    const warm = new LogisticRegression(options).fit(X, y);
    warm.predict(X);
    warm.dispose();
    const before = runtimeMemoryBytes();
    for (let k = 0; k < 200; k++) {
      const model = new LogisticRegression({ ...options, maxIter: 2 }).fit(X, y);
      model.predictProba(X);
      model.dispose();
    }
    expect(runtimeMemoryBytes()).toBe(before);
  });
});
