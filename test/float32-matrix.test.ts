import { describe, expect, it } from 'vitest';
import {
  type Dtype,
  LogisticRegression,
  type LogisticRegressionOptions,
  Matrix,
  StandardScaler,
  logLoss,
  makeClassification,
  rocAuc,
} from '../src/index.js';
import { core } from '../src/core/runtime.js';
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

describe('Matrix with dtype float32', () => {
  it('allocates a zero-filled Float32Array of rows×cols values in WebAssembly memory', () => {
    const X = Matrix.alloc(3, 5, { dtype: 'float32' });
    try {
      expect(X.dtype).toBe('float32');
      expect(X.inWasmMemory).toBe(true);
      expect(X.data).toBeInstanceOf(Float32Array);
      expect(X.data.buffer).toBe(core.memory.buffer);
      expect(Array.from(X.data)).toEqual(new Array(15).fill(0));
    } finally {
      X.dispose();
    }
  });

  it('keeps float64 as the default dtype of every constructor', () => {
    const allocated = Matrix.alloc(1, 2);
    expect([allocated.dtype, Matrix.zeros(1, 2).dtype, Matrix.fromRows([[1, 2]]).dtype, Matrix.from(new Float64Array(2), 1, 2).dtype]).toEqual([
      'float64',
      'float64',
      'float64',
      'float64',
    ]);
    expect(allocated.data).toBeInstanceOf(Float64Array);
    allocated.dispose();
  });

  it('wraps a Float32Array with Matrix.from without copying it', () => {
    const values = new Float32Array([1, 2, 3, 4, 5, 6]);
    const X = Matrix.from(values, 3, 2);
    expect(X.dtype).toBe('float32');
    expect(X.data).toBe(values);
    expect(X.get(2, 1)).toBe(6);
    expect(X.inWasmMemory).toBe(false);
  });

  it('rounds each value to float32 in Matrix.fromRows and Matrix.zeros gives float32 zeros', () => {
    const X = Matrix.fromRows([[0.1, 2], [3, 4]], { dtype: 'float32' });
    expect(X.data).toBeInstanceOf(Float32Array);
    expect(X.get(0, 0)).toBe(Math.fround(0.1));
    expect(X.toArray()).toEqual([[Math.fround(0.1), 2], [3, 4]]);
    const Z = Matrix.zeros(2, 3, { dtype: 'float32' });
    expect([Z.dtype, Z.data.constructor, Z.data.length]).toEqual(['float32', Float32Array, 6]);
  });

  it('gives a Float32Array view of a row that writes through to the matrix', () => {
    const X = Matrix.alloc(2, 3, { dtype: 'float32' });
    try {
      const row = X.row(1);
      expect(row).toBeInstanceOf(Float32Array);
      row.set([7, 8, 9]);
      expect(X.toArray()).toEqual([[0, 0, 0], [7, 8, 9]]);
    } finally {
      X.dispose();
    }
  });

  it('rejects a finite value in Matrix.fromRows that float32 cannot hold, naming its place', () => {
    expectError(
      () => Matrix.fromRows([[1, 2], [3, -1e39]], { dtype: 'float32' }),
      RangeError,
      "Matrix.fromRows: rows has -1e+39 at row 1, column 1, beyond float32's range (±3.40e+38); use dtype 'float64'",
    );
  });

  it('rejects an unknown dtype with the list of dtypes', () => {
    expectError(
      () => Matrix.alloc(2, 2, { dtype: 'int8' as Dtype }),
      RangeError,
      "Matrix.alloc: dtype must be one of 'float64', 'float32', got 'int8'",
    );
    expectError(() => Matrix.zeros(2, 2, { dtype: 32 as unknown as Dtype }), RangeError, "Matrix.zeros: dtype must be one of 'float64', 'float32', got a number");
  });

  it('rejects an unknown option, suggesting the known ones', () => {
    expectError(
      () => Matrix.fromRows([[1]], { type: 'float32' } as never),
      TypeError,
      "Matrix.fromRows: unknown option 'type' (known options: dtype)",
    );
  });

  it('rejects data that is neither a Float64Array nor a Float32Array in Matrix.from', () => {
    expectError(
      () => Matrix.from(new Int32Array(4) as unknown as Float32Array, 2, 2),
      TypeError,
      'Matrix.from: data must be a Float64Array or a Float32Array, got a Int32Array',
    );
  });

  it('rejects a Float32Array whose length does not match the shape', () => {
    expectError(() => Matrix.from(new Float32Array(5), 2, 3), RangeError, 'Matrix.from: data has 5 values; a 2×3 matrix needs 6');
  });

  it('says when a float32 matrix cannot fit in the 4 GiB of wasm32', () => {
    expectError(
      () => Matrix.alloc(40_000, 30_000, { dtype: 'float32' }),
      RangeError,
      'Matrix.alloc: a 40000×30000 float32 matrix needs 4800000000 bytes; wasm32 addresses 4 GiB at most; train in chunks with partialFit',
    );
  });

  it('throws on reading a disposed float32 matrix and hands its block to the next allocation', () => {
    const X = Matrix.alloc(1000, 10, { dtype: 'float32' });
    const offset = X.byteOffset;
    X.dispose();
    X.dispose(); // a second dispose is a no-op
    expect(() => X.data).toThrow(new Error('Matrix: this matrix has been disposed'));
    const again = Matrix.alloc(1000, 10, { dtype: 'float32' });
    expect(again.byteOffset).toBe(offset);
    again.dispose();
  });
});

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

describe('Transformers and metrics on a float32 Matrix', () => {
  it('standardises a float32 Matrix as the widened numbers, into a float64 Matrix', () => {
    const values = Float32Array.of(0.1, 2, 3.3, 5, 4, 9.7);
    const X = alloc32(values, 3, 2);
    try {
      const out = new StandardScaler().fitTransform(X);
      expect(out.dtype).toBe('float64');
      expect(out.toArray()).toEqual(new StandardScaler().fitTransform(Matrix.from(Float64Array.from(values), 3, 2)).toArray());
    } finally {
      X.dispose();
    }
  });

  it('scores float32 probabilities and decision values as the widened numbers', () => {
    const proba = Float32Array.of(0.9, 0.1, 0.2, 0.8, 0.4, 0.6);
    const P = Matrix.from(proba, 3, 2);
    const wide = Matrix.from(Float64Array.from(proba), 3, 2);
    expect(logLoss([0, 1, 1], P)).toBe(logLoss([0, 1, 1], wide));
    const scores = Matrix.from(Float32Array.of(0.3, 0.1, 0.7, 0.2), 4, 1);
    expect(rocAuc([0, 0, 1, 1], scores)).toBe(rocAuc([0, 0, 1, 1], Matrix.from(Float64Array.from(scores.data), 4, 1)));
  });
});
