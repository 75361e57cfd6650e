import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/index.js';

describe('Matrix.alloc(rows, cols)', () => {
  it('keeps an allocated matrix readable after WebAssembly memory grows', () => {
    const small = Matrix.alloc(2, 2);
    small.data.set([1, 2, 3, 4]);
    const big = Matrix.alloc(4096, 1024); // 32 MiB: forces memory.grow
    expect(Array.from(small.data)).toEqual([1, 2, 3, 4]);
    expect(small.data.buffer.byteLength).toBeGreaterThanOrEqual(32 * 2 ** 20);
    big.dispose();
    small.dispose();
  });

  it("allocates matrices beyond the runtime allocator's 1 GiB block limit and reuses their pages after dispose", () => {
    const big = Matrix.alloc(5_000, 30_000); // 1.2 GB
    big.data[big.data.length - 1] = 7;
    expect(big.get(4_999, 29_999)).toBe(7);
    const offset = big.byteOffset;
    const size = big.data.buffer.byteLength;
    big.dispose();
    const again = Matrix.alloc(4_000, 30_000); // fits in the freed pages
    expect(again.byteOffset).toBe(offset);
    expect(again.data.buffer.byteLength).toBe(size);
    again.dispose();
  });

  it('says what to do when X cannot fit in the 4 GiB of wasm32', () => {
    expect(() => Matrix.alloc(40_000, 20_000)).toThrow(
      "cannot allocate 800000000 float64 values (6400000000 bytes) in WebAssembly memory: wasm32 addresses 4 GiB at most; use dtype 'float32' or train in chunks with partialFit",
    );
  });
});

describe('Matrix.from(data, rows, cols)', () => {
  it('rejects data whose length does not match the shape', () => {
    expect(() => Matrix.from(new Float64Array(5), 2, 3)).toThrow(new RangeError('Matrix.from: data has 5 values; a 2×3 matrix needs 6'));
  });
});

describe('Matrix.fromRows(rows) and Matrix#toArray()', () => {
  it('round-trip rows', () => {
    const rows = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    expect(Matrix.fromRows(rows).toArray()).toEqual(rows);
  });
});

describe('Matrix#dispose()', () => {
  it('makes reading the data of an allocated matrix throw', () => {
    const m = Matrix.alloc(1, 1);
    m.dispose();
    expect(() => m.data).toThrow('Matrix: this matrix has been disposed');
  });
});
