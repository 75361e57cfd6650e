import { describe, expect, it } from 'vitest';
import { type Dtype, Matrix, StandardScaler, logLoss, rocAuc } from '../../src/index.js';
import { core } from '../../src/core/runtime.js';
import { expectError } from '../assertions.js';

describe("Matrix with dtype 'float32'", () => {
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

  it('rounds each value to float32 in Matrix.fromRows', () => {
    const X = Matrix.fromRows([[0.1, 2], [3, 4]], { dtype: 'float32' });
    expect(X.data).toBeInstanceOf(Float32Array);
    expect(X.get(0, 0)).toBe(Math.fround(0.1));
    expect(X.toArray()).toEqual([[Math.fround(0.1), 2], [3, 4]]);
  });

  it('gives float32 zeros from Matrix.zeros', () => {
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

  it('throws on reading a disposed float32 matrix, disposed twice (the second dispose is a no-op)', () => {
    const X = Matrix.alloc(1000, 10, { dtype: 'float32' });
    X.dispose();
    X.dispose();
    expect(() => X.data).toThrow(new Error('Matrix: this matrix has been disposed'));
  });

  it('hands the block of a disposed float32 matrix to the next allocation of its size', () => {
    const X = Matrix.alloc(1000, 10, { dtype: 'float32' });
    const offset = X.byteOffset;
    X.dispose();
    X.dispose();
    const again = Matrix.alloc(1000, 10, { dtype: 'float32' });
    expect(again.byteOffset).toBe(offset);
    again.dispose();
  });
});

describe("A float32 Matrix given to StandardScaler and the metrics", () => {
  it('is standardised as the widened numbers, into a float64 Matrix', () => {
    const values = Float32Array.of(0.1, 2, 3.3, 5, 4, 9.7);
    const X = Matrix.alloc(3, 2, { dtype: 'float32' });
    X.data.set(values);
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
