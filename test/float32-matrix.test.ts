import { describe, expect, it } from 'vitest';
import { type Dtype, LogisticRegression, type LogisticRegressionOptions, Matrix, makeClassification } from '../src/index.js';
import { expectError } from './assertions.js';
import { runtimeMemoryBytes } from './wasm-memory.js';

const quiet = { onWarning: null, threads: 1 } as const;

/** A binary problem whose values are float32 numbers, as a Float32Array (row-major). */
function problem(rows: number, cols: number, seed: number): { values: Float32Array; y: Float64Array } {
  const data = makeClassification({ nSamples: rows, nFeatures: cols, nInformative: Math.min(cols, 3), nRedundant: 0, randomState: seed });
  return { values: Float32Array.from(data.X.data), y: Float64Array.from(data.y as ArrayLike<number>) };
}

/** A float32 Matrix in WebAssembly memory holding `values`. */
function alloc32(values: Float32Array, rows: number, cols: number): Matrix<'float32'> {
  const X = Matrix.alloc(rows, cols, { dtype: 'float32' });
  X.data.set(values);
  return X;
}

/** Coefficients and intercepts of a fit, as one array (compared bit for bit with toEqual). */
function parameters(options: LogisticRegressionOptions, X: Matrix<Dtype> | number[][], y: ArrayLike<number>): number[] {
  const model = new LogisticRegression({ ...quiet, ...options }).fit(X, y);
  try {
    return [...model.coef.data, ...model.intercept];
  } finally {
    model.dispose();
  }
}

describe("LogisticRegression on a float32 Matrix", () => {
  const rows = 600;
  const cols = 7;
  const { values, y } = problem(rows, cols, 3);
  const asRows = Array.from({ length: rows }, (_, i) => Array.from(values.subarray(i * cols, (i + 1) * cols)));
  const widened = Matrix.from(Float64Array.from(values), rows, cols);

  it("fits with dtype 'float32' to the same bits as a float32 fit of the same numbers given as rows", () => {
    const X = alloc32(values, rows, cols);
    try {
      for (const solver of ['lbfgs', 'newton', 'gd'] as const) {
        const expected = parameters({ dtype: 'float32', solver, C: 0.5 }, asRows, y);
        expect(parameters({ dtype: 'float32', solver, C: 0.5 }, X, y)).toEqual(expected);
        expect(parameters({ dtype: 'float32', solver, C: 0.5 }, Matrix.from(values, rows, cols), y)).toEqual(expected);
      }
    } finally {
      X.dispose();
    }
  });

  it("fits with dtype 'float32' to the same bits on 1 and 2 threads when read in place", () => {
    const big = problem(6000, 9, 5);
    const X = alloc32(big.values, 6000, 9);
    try {
      const one = parameters({ dtype: 'float32', threads: 1, tol: 1e-8 }, X, big.y);
      expect(parameters({ dtype: 'float32', threads: 2, tol: 1e-8 }, X, big.y)).toEqual(one);
    } finally {
      X.dispose();
    }
  });

  it('fits with dtype float64 to the same bits as a fit of the widened float64 numbers', () => {
    const X = alloc32(values, rows, cols);
    try {
      const expected = parameters({ C: 0.5 }, widened, y);
      expect(parameters({ C: 0.5 }, X, y)).toEqual(expected);
      expect(parameters({ C: 0.5 }, Matrix.from(values, rows, cols), y)).toEqual(expected);
    } finally {
      X.dispose();
    }
  });

  it('predicts, scores and gives decision values and probabilities for a float32 Matrix as for the widened numbers', () => {
    const X = alloc32(values, rows, cols);
    const model = new LogisticRegression({ ...quiet, dtype: 'float32' }).fit(X, y);
    try {
      expect(model.predict(X)).toEqual(model.predict(widened));
      expect(Array.from(model.decisionFunction(X))).toEqual(Array.from(model.decisionFunction(widened)));
      expect(model.predictProba(X).toArray()).toEqual(model.predictProba(widened).toArray());
      expect(model.score(X, y)).toBe(model.score(widened, y));
    } finally {
      model.dispose();
      X.dispose();
    }
  });

  it('trains one-vs-rest models on a float32 Matrix read in place', () => {
    const data = makeClassification({ nSamples: 300, nFeatures: 5, nInformative: 3, nClasses: 3, randomState: 2 });
    const f32 = Float32Array.from(data.X.data);
    const X = alloc32(f32, 300, 5);
    try {
      const asRows3 = Array.from({ length: 300 }, (_, i) => Array.from(f32.subarray(i * 5, (i + 1) * 5)));
      const labels = data.y as ArrayLike<number>;
      expect(parameters({ dtype: 'float32', multiClass: 'ovr' }, X, labels)).toEqual(parameters({ dtype: 'float32', multiClass: 'ovr' }, asRows3, labels));
    } finally {
      X.dispose();
    }
  });

  it('continues partialFit from a float32 Matrix as from the widened numbers', () => {
    const X = alloc32(values, rows, cols);
    try {
      const options = { ...quiet, solver: 'sgd', learningRate: 0.05, randomState: 1 } as const;
      const a = new LogisticRegression(options).partialFit(X, y, { classes: [0, 1] }).partialFit(X, y);
      const b = new LogisticRegression(options).partialFit(widened, y, { classes: [0, 1] }).partialFit(widened, y);
      expect([...a.coef.data, ...a.intercept]).toEqual([...b.coef.data, ...b.intercept]);
    } finally {
      X.dispose();
    }
  });

  it('leaves the float32 Matrix unchanged and readable after fits of both dtypes', () => {
    const X = alloc32(values, rows, cols);
    try {
      new LogisticRegression({ ...quiet, dtype: 'float32' }).fit(X, y).dispose();
      new LogisticRegression(quiet).fit(X, y).dispose();
      expect(Array.from(X.data)).toEqual(Array.from(values));
    } finally {
      X.dispose();
    }
  });
});

describe('Non-finite values in a float32 Matrix', () => {
  const cases = [
    ['a float32 Matrix in WebAssembly memory', (v: Float32Array) => alloc32(v, 3, 3)],
    ['a float32 Matrix in JS memory', (v: Float32Array) => Matrix.from(v, 3, 3)],
  ] as const;
  const y = [0, 1, 1];

  for (const [kind, make] of cases) {
    it(`reports NaN in ${kind} with its row and column, for dtype 'float32' and 'float64' fits`, () => {
      const X = make(Float32Array.of(1, 2, 3, 4, 5, NaN, 7, 8, 9));
      try {
        for (const dtype of ['float32', 'float64'] as const) {
          expectError(() => new LogisticRegression({ ...quiet, dtype }).fit(X, y), RangeError, 'X contains NaN at row 1, column 2; all values must be finite');
        }
      } finally {
        X.dispose();
      }
    });

    it(`reports ±Infinity in ${kind} with its row and column, in fit and predict`, () => {
      const X = make(Float32Array.of(1, 2, 3, 4, 5, 6, 7, -Infinity, 9));
      const model = new LogisticRegression(quiet).fit([[1, 2, 3], [4, 5, 6], [7, 8, 9]], y);
      try {
        expectError(() => new LogisticRegression({ ...quiet, dtype: 'float32' }).fit(X, y), RangeError, 'X contains -Infinity at row 2, column 1; all values must be finite');
        expectError(() => model.predict(X), RangeError, 'X contains -Infinity at row 2, column 1; all values must be finite');
      } finally {
        model.dispose();
        X.dispose();
      }
    });
  }

  it('leaks no WebAssembly memory over many fits and predictions rejected for a NaN', () => {
    const X = Matrix.alloc(2000, 10, { dtype: 'float32' });
    X.data[X.data.length - 1] = NaN;
    const labels = Float64Array.from({ length: 2000 }, (_, i) => i % 2);
    const model = new LogisticRegression(quiet).fit([[0], [1]], [0, 1]);
    const attempt = (): void => {
      for (const dtype of ['float32', 'float64'] as const) {
        expect(() => new LogisticRegression({ ...quiet, dtype }).fit(X, labels)).toThrow(RangeError);
      }
      expect(() => model.predict(X)).toThrow(RangeError);
    };
    try {
      attempt();
      const before = runtimeMemoryBytes();
      for (let k = 0; k < 100; k++) attempt();
      expect(runtimeMemoryBytes()).toBe(before);
    } finally {
      model.dispose();
      X.dispose();
    }
  });

  it('rejects an empty float32 Matrix, naming what is missing', () => {
    const X = Matrix.alloc(0, 3, { dtype: 'float32' });
    try {
      expectError(() => new LogisticRegression({ ...quiet, dtype: 'float32' }).fit(X, []), RangeError, 'X has 0 rows; at least one sample is required');
      expectError(() => new LogisticRegression(quiet).fit(Matrix.zeros(2, 0, { dtype: 'float32' }), [0, 1]), RangeError, 'X has 0 columns; at least one feature is required');
    } finally {
      X.dispose();
    }
  });
});
