// The estimator's float32 behaviour in one place: dtype 'float32' fits of float64 input (converted),
// fits and predictions reading a float32 Matrix in place, its non-finite values, and the relaxed
// SIMD core on float32. The float32 Matrix itself is specified in test/matrix/float32.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Dtype, LogisticRegression, type LogisticRegressionOptions, Matrix, makeClassification } from '../../src/index.js';
import { expectError } from '../assertions.js';
import { relativeError } from '../helpers.js';
import { inRelaxedChild } from '../relaxed-child.js';
import { coreCallsDuring, runtimeMemoryBytes } from '../wasm-memory.js';

const quiet = { onWarning: null } as const;
const oneThread = { onWarning: null, threads: 1 } as const;

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

/** Coefficients and intercepts of a one-thread fit, as one array (compared bit for bit with toEqual). */
function parameters(options: LogisticRegressionOptions, X: Matrix<Dtype> | number[][], y: ArrayLike<number>): number[] {
  const model = new LogisticRegression({ ...oneThread, ...options }).fit(X, y);
  try {
    return [...model.coef.data, ...model.intercept];
  } finally {
    model.dispose();
  }
}

/** The float64 lengths the default core's `allocF64` was asked for while `run` ran. */
const allocations = (run: () => void): number[] => coreCallsDuring('allocF64', run);

describe("LogisticRegression#fit(X, y) with dtype 'float32' on float64 input", () => {
  const cancer = JSON.parse(readFileSync(new URL('../fixtures/parity/datasets/breast_cancer.json', import.meta.url), 'utf8')) as {
    X: number[][];
    y: number[];
  };
  const X = Matrix.fromRows(cancer.X);

  it('lands within 1e-3 relative of the float64 optimum on standardised breast-cancer data (measured 5.9e-8; the README states it)', () => {
    const f64 = new LogisticRegression({ tol: 1e-10, maxIter: 2000, ...quiet }).fit(X, cancer.y);
    const f32 = new LogisticRegression({ tol: 1e-10, maxIter: 2000, dtype: 'float32', ...quiet }).fit(X, cancer.y);
    const gap = relativeError(f32.coef.data, f64.coef.data);
    expect(gap).toBeLessThan(1e-3);
    expect(gap).toBeGreaterThan(0); // it really computed in float32
    expect(f32.predict(X)).toEqual(f64.predict(X));
  });

  it('gives bit-identical coefficients for 1, 2 and 3 threads', () => {
    const data = makeClassification({ nSamples: 9000, nFeatures: 9, randomState: 8 });
    const fit = (threads: number) =>
      Array.from(new LogisticRegression({ dtype: 'float32', threads, tol: 1e-8, ...quiet }).fit(data.X, data.y).coef.data);
    expect(fit(2)).toEqual(fit(1));
    expect(fit(3)).toEqual(fit(1));
  });

  it('serves one-vs-rest models', () => {
    const data = makeClassification({ nSamples: 300, nFeatures: 5, nInformative: 3, nClasses: 3, randomState: 2 });
    const model = new LogisticRegression({ dtype: 'float32', multiClass: 'ovr', ...quiet }).fit(data.X, data.y);
    expect([model.coef.rows, model.coef.cols]).toEqual([3, 5]);
  });

  it('rejects a value beyond the float32 range, naming it and its place', () => {
    expectError(
      () => new LogisticRegression({ dtype: 'float32' }).fit([[1, 2], [3, 1e300]], [0, 1]),
      RangeError,
      "X has 1e+300 at row 1, column 1, beyond float32's range (±3.40e+38); use dtype 'float64'",
    );
  });

  it('still reports NaN as NaN', () => {
    expectError(
      () => new LogisticRegression({ dtype: 'float32' }).fit(Matrix.fromRows([[1, NaN], [3, 4]]), [0, 1]),
      RangeError,
      'X contains NaN at row 0, column 1; all values must be finite',
    );
  });
});

describe("LogisticRegression#fit(X, y) with dtype 'float32' refuses softmax models", () => {
  const threeClasses = makeClassification({ nSamples: 60, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, randomState: 1 });
  const twoClasses = makeClassification({ nSamples: 200, nFeatures: 4, nInformative: 3, nRedundant: 0, flipY: 0.1, randomState: 3 });
  const cases: [string, LogisticRegressionOptions, { X: Matrix; y: Int32Array }, string][] = [
    [
      "a multinomial model of 3 classes, pointing to multiClass 'ovr'",
      {},
      threeClasses,
      "LogisticRegression: dtype 'float32' serves binary and one-vs-rest models; y has 3 classes, so use multiClass 'ovr' or dtype 'float64'",
    ],
    [
      "the two-class softmax of multiClass 'multinomial', pointing to multiClass 'auto'",
      { tol: 1e-10, maxIter: 1000, onWarning: null, multiClass: 'multinomial' },
      twoClasses,
      "LogisticRegression: dtype 'float32' serves binary and one-vs-rest models, not the two-class softmax of multiClass 'multinomial'; use multiClass 'auto' or dtype 'float64'",
    ],
  ];
  for (const [what, options, data, message] of cases) {
    it(`refuses ${what}`, () => {
      expectError(() => new LogisticRegression({ ...options, dtype: 'float32' }).fit(data.X, data.y), RangeError, message);
    });
  }
});

describe('LogisticRegression#fit(X, y) and the prediction methods on a float32 Matrix', () => {
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
    const model = new LogisticRegression({ ...oneThread, dtype: 'float32' }).fit(X, y);
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
      const options = { ...oneThread, solver: 'sgd', learningRate: 0.05, randomState: 1 } as const;
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
      new LogisticRegression({ ...oneThread, dtype: 'float32' }).fit(X, y).dispose();
      new LogisticRegression(oneThread).fit(X, y).dispose();
      expect(Array.from(X.data)).toEqual(Array.from(values));
    } finally {
      X.dispose();
    }
  });
});

describe('LogisticRegression#fit(X, y) and #predictProba(X) on a Matrix in WebAssembly memory: the blocks they allocate (every allocF64 call of the default core)', () => {
  const rows = 20_000;
  const cols = 16;
  const data = makeClassification({ nSamples: rows, nFeatures: cols, randomState: 4 });
  const short = { onWarning: null, threads: 1, maxIter: 5 } as const;

  it("is read in place by a dtype 'float32' fit: no block of its size or larger is allocated", () => {
    const X = Matrix.alloc(rows, cols, { dtype: 'float32' });
    X.data.set(data.X.data);
    try {
      const model = new LogisticRegression({ ...short, dtype: 'float32' });
      const lengths = allocations(() => model.fit(X, data.y));
      model.dispose();
      expect(lengths.length).toBeGreaterThan(0); // the recording works
      // Only O(n + d) blocks: the largest is far below the n·d/2 float64 slots of a float32 copy.
      expect(Math.max(...lengths)).toBeLessThan((rows * cols) / 8);
    } finally {
      X.dispose();
    }
  });

  it("is copied by a dtype 'float32' fit when it is float64 (the path the float32 Matrix avoids)", () => {
    const X = Matrix.alloc(rows, cols);
    X.data.set(data.X.data);
    try {
      const model = new LogisticRegression({ ...short, dtype: 'float32' });
      const lengths = allocations(() => model.fit(X, data.y));
      model.dispose();
      expect(lengths).toContain((rows * cols) / 2);
    } finally {
      X.dispose();
    }
  });

  it('is widened into exactly one float64 block of n·d values by a float64 fit and by predict', () => {
    const X = Matrix.alloc(rows, cols, { dtype: 'float32' });
    X.data.set(data.X.data);
    try {
      const model = new LogisticRegression(short);
      const fitLengths = allocations(() => model.fit(X, data.y));
      const predictLengths = allocations(() => model.predictProba(X));
      model.dispose();
      for (const lengths of [fitLengths, predictLengths]) {
        expect(lengths.filter((n) => n >= (rows * cols) / 8)).toEqual([rows * cols]);
      }
    } finally {
      X.dispose();
    }
  });
});

describe('LogisticRegression#fit(X, y) and #predict(X) with non-finite values in a float32 Matrix', () => {
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
          expectError(() => new LogisticRegression({ ...oneThread, dtype }).fit(X, y), RangeError, 'X contains NaN at row 1, column 2; all values must be finite');
        }
      } finally {
        X.dispose();
      }
    });

    it(`reports ±Infinity in ${kind} with its row and column, in fit and predict`, () => {
      const X = make(Float32Array.of(1, 2, 3, 4, 5, 6, 7, -Infinity, 9));
      const model = new LogisticRegression(oneThread).fit([[1, 2, 3], [4, 5, 6], [7, 8, 9]], y);
      try {
        expectError(() => new LogisticRegression({ ...oneThread, dtype: 'float32' }).fit(X, y), RangeError, 'X contains -Infinity at row 2, column 1; all values must be finite');
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
    const model = new LogisticRegression(oneThread).fit([[0], [1]], [0, 1]);
    const attempt = (): void => {
      for (const dtype of ['float32', 'float64'] as const) {
        expect(() => new LogisticRegression({ ...oneThread, dtype }).fit(X, labels)).toThrow(RangeError);
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
      expectError(() => new LogisticRegression({ ...oneThread, dtype: 'float32' }).fit(X, []), RangeError, 'X has 0 rows; at least one sample is required');
      expectError(() => new LogisticRegression(oneThread).fit(Matrix.zeros(2, 0, { dtype: 'float32' }), [0, 1]), RangeError, 'X has 0 columns; at least one feature is required');
    } finally {
      X.dispose();
    }
  });
});

describe("LogisticRegression#fit(X, y) with simd 'relaxed' on a float32 Matrix", () => {
  it('trains to the same bits as a relaxed float32 fit of the same numbers given as rows', () => {
    const result = inRelaxedChild(`
      const { X: X64, y } = makeClassification({ nSamples: 2000, nFeatures: 9, randomState: 6 });
      const X = Matrix.alloc(2000, 9, { dtype: 'float32' });
      X.data.set(X64.data);
      const fit = (data) => {
        const model = new LogisticRegression({ simd: 'relaxed', dtype: 'float32', tol: 1e-8, onWarning: null }).fit(data, y);
        return [...model.coef.data, ...model.intercept];
      };
      console.log(JSON.stringify({ inPlace: fit(X), rows: fit(X.toArray()) }));
    `) as { inPlace: number[]; rows: number[] };
    expect(result.inPlace).toEqual(result.rows);
  });
});
