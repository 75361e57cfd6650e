/**
 * CsrMatrix: building one from its arrays or from rows, its canonical form, the dense
 * matrix it stands for, dtype, printing and dispose. The arguments it refuses are one
 * table in `csr-refusals.test.ts`.
 */
import fc from 'fast-check';
import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { Matrix } from '../../src/matrix.js';
import { core, defaultCore } from '../../src/core/runtime.js';
import { CsrMatrix, pinCsrMatrix, unpinCsrMatrix } from '../../src/sparse/csr-matrix.js';
import { coreCallsDuring } from '../wasm-memory.js';

/** The int32 and value arrays a CsrMatrix holds in WebAssembly memory, read through its byte offsets. */
function stored(X: CsrMatrix<'float64' | 'float32'>): { indptr: number[]; indices: number[]; values: number[] } {
  const buffer = core.memory.buffer;
  const values = X.dtype === 'float32' ? new Float32Array(buffer, X.valuesByteOffset, X.nnz) : new Float64Array(buffer, X.valuesByteOffset, X.nnz);
  return {
    indptr: Array.from(new Int32Array(buffer, X.indptrByteOffset, X.rows + 1)),
    indices: Array.from(new Int32Array(buffer, X.indicesByteOffset, X.nnz)),
    values: Array.from(values),
  };
}

describe('CsrMatrix.from({ rows, cols, indptr, indices, values })', () => {
  it('stands for the dense matrix whose row i holds values[k] at column indices[k] for k from indptr[i] to indptr[i + 1] - 1', () => {
    const X = CsrMatrix.from({ rows: 3, cols: 4, indptr: [0, 2, 2, 3], indices: [0, 3, 1], values: [1.5, -2, 7] });
    expect([X.rows, X.cols, X.nnz, X.dtype]).toEqual([3, 4, 3, 'float64']);
    expect(X.toDense().toArray()).toEqual([[1.5, 0, 0, -2], [0, 0, 0, 0], [0, 7, 0, 0]]);
    X.dispose();
  });

  it('accepts Int32Array indptr and indices and a Float64Array of values, equal to the same number arrays', () => {
    const typed = CsrMatrix.from({ rows: 2, cols: 2, indptr: Int32Array.of(0, 1, 2), indices: Int32Array.of(1, 0), values: Float64Array.of(0.1, 0.2) });
    const plain = CsrMatrix.from({ rows: 2, cols: 2, indptr: [0, 1, 2], indices: [1, 0], values: [0.1, 0.2] });
    expect(typed.toDense().toArray()).toEqual(plain.toDense().toArray());
    expect(typed.toDense().toArray()).toEqual([[0, 0.1], [0.2, 0]]);
    typed.dispose();
    plain.dispose();
  });

  it('accepts empty shapes: 0 rows, 0 columns, and no entries', () => {
    const none = CsrMatrix.from({ rows: 0, cols: 0, indptr: [0], indices: [], values: [] });
    const empty = CsrMatrix.from({ rows: 2, cols: 3, indptr: [0, 0, 0], indices: [], values: [] });
    expect([none.rows, none.cols, none.nnz]).toEqual([0, 0, 0]);
    expect(empty.toDense().toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    none.dispose();
    empty.dispose();
  });

  it('stores its three arrays in WebAssembly memory, at the byte offsets it reports, 4-byte aligned', () => {
    const X = CsrMatrix.from({ rows: 2, cols: 5, indptr: [0, 2, 3], indices: [4, 1, 2], values: [1, 2, 3] });
    expect(stored(X)).toEqual({ indptr: [0, 2, 3], indices: [1, 4, 2], values: [2, 1, 3] });
    for (const offset of [X.indptrByteOffset, X.indicesByteOffset, X.valuesByteOffset]) expect(offset % 8).toBe(0);
    X.dispose();
  });

  it('does not keep or modify the arrays it was given', () => {
    const indices = [2, 0];
    const values = Float64Array.of(1, 2);
    const X = CsrMatrix.from({ rows: 1, cols: 3, indptr: [0, 2], indices, values });
    indices[0] = 1;
    values[0] = 9;
    expect([indices, Array.from(values)]).toEqual([[1, 0], [9, 2]]);
    expect(X.toDense().toArray()).toEqual([[2, 0, 1]]);
    X.dispose();
  });
});

describe('CsrMatrix.from canonicalises its entries', () => {
  it('sorts the column indices within each row, moving each value with its index', () => {
    const X = CsrMatrix.from({ rows: 2, cols: 4, indptr: [0, 3, 5], indices: [3, 0, 2, 1, 0], values: [30, 0.5, 20, 11, 10] });
    expect(stored(X)).toEqual({ indptr: [0, 3, 5], indices: [0, 2, 3, 0, 1], values: [0.5, 20, 30, 10, 11] });
    X.dispose();
  });

  it('sums entries that repeat a column of their row into one entry, as scipy sum_duplicates does, and counts it once in nnz', () => {
    const X = CsrMatrix.from({ rows: 2, cols: 3, indptr: [0, 4, 6], indices: [1, 2, 1, 1, 0, 0], values: [1, 5, 2, 4, 0.25, 0.5] });
    expect(X.nnz).toBe(3);
    expect(stored(X)).toEqual({ indptr: [0, 2, 3], indices: [1, 2, 0], values: [7, 5, 0.75] });
    X.dispose();
  });

  it('adds duplicates in the order given, so the sum does not depend on the sort', () => {
    const X = CsrMatrix.from({ rows: 1, cols: 2, indptr: [0, 4], indices: [1, 0, 1, 1], values: [1e16, 5, 1, 1] });
    expect(stored(X).values).toEqual([5, 1e16 + 1 + 1]);
    X.dispose();
  });

  it('keeps explicit zeros, and duplicates that sum to zero, as stored entries (as scipy does until eliminate_zeros)', () => {
    const X = CsrMatrix.from({ rows: 1, cols: 3, indptr: [0, 4], indices: [0, 2, 2, 1], values: [0, 3, -3, -0] });
    expect(X.nnz).toBe(3);
    expect(stored(X)).toEqual({ indptr: [0, 3], indices: [0, 1, 2], values: [0, -0, 0] });
    expect(X.toDense().toArray()).toEqual([[0, -0, 0]]);
    X.dispose();
  });

  it('equals, for random entries in any order with repeats and either dtype, the dense matrix built by adding each entry into its cell', () => {
    const entries = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 6 })).chain(([rows, cols]) =>
      fc.record({
        dtype: fc.constantFrom('float64' as const, 'float32' as const),
        rows: fc.constant(rows),
        cols: fc.constant(cols),
        entries: rows === 0 ? fc.constant<[number, number, number][]>([]) : fc.array(fc.tuple(fc.nat(rows - 1), fc.nat(cols - 1), fc.integer({ min: -1000, max: 1000 }).map((v) => v / 8)), { maxLength: 30 }),
      }),
    );
    fc.assert(
      fc.property(entries, ({ dtype, rows, cols, entries: list }) => {
        // Entries grouped by row, in the order drawn: the CSR arrays with unsorted, repeated columns.
        const byRow = Array.from({ length: rows }, (_, i) => list.filter(([r]) => r === i));
        const indptr = [0];
        for (const row of byRow) indptr.push((indptr.at(-1) as number) + row.length);
        const flat = byRow.flat();
        const X = CsrMatrix.from({ rows, cols, indptr, indices: flat.map(([, c]) => c), values: flat.map(([, , v]) => v) }, { dtype });
        const dense = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
        for (const [r, c, v] of list) {
          const row = dense[r] as number[];
          row[c] = (row[c] as number) + v;
        }
        const distinct = new Set(list.map(([r, c]) => `${r},${c}`)).size;
        try {
          // Eighths up to 30 × 125 in magnitude: every sum is exact in float32 and float64.
          expect(X.toDense().toArray()).toEqual(dense);
          expect(X.nnz).toBe(distinct);
        } finally {
          X.dispose();
        }
      }),
    );
  });
});

describe("CsrMatrix with dtype 'float32'", () => {
  it('takes float32 from a Float32Array of values, and stores them in a Float32Array', () => {
    const X = CsrMatrix.from({ rows: 1, cols: 2, indptr: [0, 1], indices: [1], values: Float32Array.of(0.1) });
    expect(X.dtype).toBe('float32');
    const dense = X.toDense();
    expect([dense.dtype, dense.data.constructor, dense.get(0, 1)]).toEqual(['float32', Float32Array, Math.fround(0.1)]);
    X.dispose();
  });

  it('rounds float64 values to float32 when asked with options.dtype', () => {
    const X = CsrMatrix.from({ rows: 1, cols: 2, indptr: [0, 2], indices: [0, 1], values: [0.1, 1 / 3] }, { dtype: 'float32' });
    expect(stored(X).values).toEqual([Math.fround(0.1), Math.fround(1 / 3)]);
    X.dispose();
  });

  it('keeps float64 for a Float32Array of values when options.dtype is float64', () => {
    const X = CsrMatrix.from({ rows: 1, cols: 1, indptr: [0, 1], indices: [0], values: Float32Array.of(0.1) }, { dtype: 'float64' });
    expect([X.dtype, X.toDense().get(0, 0)]).toEqual(['float64', Math.fround(0.1)]);
    X.dispose();
  });

  it('sums float32 duplicates in float64 and rounds the sum once', () => {
    const X = CsrMatrix.from({ rows: 1, cols: 1, indptr: [0, 3], indices: [0, 0, 0], values: [1, 2 ** -24, 2 ** -24] }, { dtype: 'float32' });
    expect(stored(X).values).toEqual([Math.fround(1 + 2 ** -23)]);
    X.dispose();
  });
});

describe('CsrMatrix.fromRows(rows, { cols?, dtype? })', () => {
  it('reads rows given as { column: value } objects', () => {
    const X = CsrMatrix.fromRows([{ 2: 1.5, 0: -1 }, {}, { 1: 4 }]);
    expect([X.rows, X.cols, X.nnz]).toEqual([3, 3, 3]);
    expect(X.toDense().toArray()).toEqual([[-1, 0, 1.5], [0, 0, 0], [0, 4, 0]]);
    X.dispose();
  });

  it('reads rows given as [column, value] pairs, summing a column given twice', () => {
    const X = CsrMatrix.fromRows([[[3, 1], [0, 2], [3, 0.5]], []]);
    expect([X.rows, X.cols, X.nnz]).toEqual([2, 4, 2]);
    expect(X.toDense().toArray()).toEqual([[2, 0, 0, 1.5], [0, 0, 0, 0]]);
    X.dispose();
  });

  it('mixes both forms, and takes cols from options when given', () => {
    const X = CsrMatrix.fromRows([{ 1: 1 }, [[0, 2]]], { cols: 5 });
    expect(X.toDense().toArray()).toEqual([[0, 1, 0, 0, 0], [2, 0, 0, 0, 0]]);
    X.dispose();
  });

  it('gives 0 columns when no row has an entry and cols is not given', () => {
    const X = CsrMatrix.fromRows([{}, []]);
    expect([X.rows, X.cols, X.nnz]).toEqual([2, 0, 0]);
    X.dispose();
  });

  it('reads only own keys of plain objects: an object with another prototype (whose keys it would inherit) and an own __proto__ key are refused', () => {
    const inherited = Object.assign(Object.create({ 5: 9 }) as object, { 1: 2 });
    expect(() => CsrMatrix.fromRows([inherited as Record<number, number>])).toThrow(
      new TypeError('CsrMatrix.fromRows: rows[0] is an object (Object); expected a plain object { column: value } or an array of [column, value] pairs'),
    );
    const bare = Object.assign(Object.create(null) as object, { 1: 2 }) as Record<number, number>;
    const X = CsrMatrix.fromRows([bare]);
    expect(X.toDense().toArray()).toEqual([[0, 2]]);
    X.dispose();
    expect(() => CsrMatrix.fromRows([JSON.parse('{"__proto__": 3, "0": 1}') as Record<number, number>])).toThrow(
      new TypeError('CsrMatrix.fromRows: rows[0] has the key "__proto__"; expected column indices (integers ≥ 0) as keys'),
    );
  });

  it("rounds values to float32 with dtype 'float32'", () => {
    const X = CsrMatrix.fromRows([{ 0: 0.1 }], { dtype: 'float32' });
    expect([X.dtype, X.toDense().get(0, 0)]).toEqual(['float32', Math.fround(0.1)]);
    X.dispose();
  });
});

describe('CsrMatrix#dispose()', () => {
  it('ties each of its three blocks to the matrix, so a matrix dropped without dispose() is reclaimed as a Matrix is', () => {
    const adopt = vi.spyOn(defaultCore, 'adopt');
    try {
      const X = CsrMatrix.from({ rows: 3, cols: 2, indptr: [0, 1, 2, 3], indices: [1, 0, 1], values: [1, 2, 3] });
      expect(adopt.mock.calls.map(([owner, ptr]) => [owner, ptr])).toEqual([
        [X, X.indptrByteOffset],
        [X, X.indicesByteOffset],
        [X, X.valuesByteOffset],
      ]);
      X.dispose();
    } finally {
      adopt.mockRestore();
    }
  });

  it('frees its three blocks once, and is a no-op when called again', () => {
    const X = CsrMatrix.from({ rows: 1, cols: 2, indptr: [0, 1], indices: [1], values: [1] });
    const offsets = [X.indptrByteOffset, X.indicesByteOffset, X.valuesByteOffset];
    expect(coreCallsDuring('free', () => X.dispose())).toEqual(offsets);
    expect(coreCallsDuring('free', () => X.dispose())).toEqual([]);
  });

  it('makes every later read of the values throw, and keeps the shape readable', () => {
    const X = CsrMatrix.from({ rows: 1, cols: 2, indptr: [0, 1], indices: [1], values: [1] });
    X.dispose();
    const message = 'CsrMatrix: this matrix has been disposed';
    expect(() => X.toDense()).toThrow(new Error(message));
    expect(() => X.indptrByteOffset).toThrow(new Error(message));
    expect(() => X.indicesByteOffset).toThrow(new Error(message));
    expect(() => X.valuesByteOffset).toThrow(new Error(message));
    expect(() => pinCsrMatrix(X)).toThrow(new Error(message));
    expect([X.rows, X.cols, X.nnz, X.dtype]).toEqual([1, 2, 1, 'float64']);
  });

  it('frees the blocks of a pinned matrix only when the last pin ends', () => {
    const X = CsrMatrix.from({ rows: 1, cols: 2, indptr: [0, 1], indices: [1], values: [1] });
    const offsets = [X.indptrByteOffset, X.indicesByteOffset, X.valuesByteOffset];
    pinCsrMatrix(X);
    pinCsrMatrix(X);
    expect(coreCallsDuring('free', () => X.dispose())).toEqual([]);
    expect(coreCallsDuring('free', () => unpinCsrMatrix(X))).toEqual([]);
    expect(coreCallsDuring('free', () => unpinCsrMatrix(X))).toEqual(offsets);
  });
});

describe('CsrMatrix#toString()', () => {
  it('shows the shape, dtype, count and each stored entry as (row, column) value', () => {
    const X = CsrMatrix.fromRows([{ 1: 2.5 }, { 0: -1 }]);
    expect(String(X)).toBe('CsrMatrix 2×2 float64, 2 stored entries [\n  (0, 1) 2.5,\n  (1, 0) -1,\n]');
    expect(inspect(X)).toBe(String(X));
    X.dispose();
  });

  it('prints values as Matrix does: float32 in its shortest digits, float64 to 8 significant digits', () => {
    const X32 = CsrMatrix.fromRows([{ 0: 0.1 }], { dtype: 'float32' });
    const X64 = CsrMatrix.fromRows([{ 0: 123456789.123 }]);
    expect(String(X32)).toBe('CsrMatrix 1×1 float32, 1 stored entry [\n  (0, 0) 0.1,\n]');
    expect(String(X64)).toBe('CsrMatrix 1×1 float64, 1 stored entry [\n  (0, 0) 123456790,\n]');
    X32.dispose();
    X64.dispose();
  });

  it('says when there are no entries, and when the matrix is disposed', () => {
    const X = CsrMatrix.fromRows([{ 0: 1 }], { cols: 2 });
    const empty = CsrMatrix.fromRows([{}]);
    expect(String(empty)).toBe('CsrMatrix 1×0 float64, 0 stored entries []');
    X.dispose();
    empty.dispose();
    expect(String(X)).toBe('CsrMatrix 1×2 float64, 1 stored entry (disposed)');
  });

  it('summarises more than 1000 entries to the first and last 3', () => {
    const X = CsrMatrix.fromRows(Array.from({ length: 1001 }, (_, i) => ({ 0: i })));
    const lines = String(X).split('\n');
    expect(lines).toEqual([
      'CsrMatrix 1001×1 float64, 1001 stored entries [',
      '  (0, 0) 0,',
      '  (1, 0) 1,',
      '  (2, 0) 2,',
      '  ...,',
      '  (998, 0) 998,',
      '  (999, 0) 999,',
      '  (1000, 0) 1000,',
      ']',
    ]);
    X.dispose();
  });
});

describe('CsrMatrix#toDense()', () => {
  it('returns a new Matrix in JS memory on each call', () => {
    const X = CsrMatrix.fromRows([{ 0: 1 }]);
    const a = X.toDense();
    const b = X.toDense();
    expect(a).not.toBe(b);
    expect(a).toBeInstanceOf(Matrix);
    expect(a.inWasmMemory).toBe(false);
    X.dispose();
  });
});

describe('CsrMatrix#takeRows(rows)', () => {
  const X = CsrMatrix.fromRows([{ 0: 1 }, { 2: 5, 1: -2 }, {}], { cols: 3 });

  it('returns the rows asked for, in that order, repeats included', () => {
    expect(X.takeRows([1, 1, 2, 0]).toDense().toArray()).toEqual([
      [0, -2, 5],
      [0, -2, 5],
      [0, 0, 0],
      [1, 0, 0],
    ]);
  });

  it('keeps the dtype and the columns, and may take no rows', () => {
    const X32 = CsrMatrix.fromRows([{ 0: 0.1 }], { cols: 4, dtype: 'float32' });
    const taken = X32.takeRows([0]);
    expect([taken.dtype, taken.cols, taken.toDense().data[0]]).toEqual(['float32', 4, Math.fround(0.1)]);
    expect([X.takeRows([]).rows, X.takeRows([]).cols]).toEqual([0, 3]);
  });

  it('rejects a row number out of range, naming it', () => {
    expect(() => X.takeRows([0, 3])).toThrow(new RangeError('CsrMatrix.takeRows: rows[1] must be an integer from 0 to 2, got 3'));
    expect(() => X.takeRows([0.5])).toThrow(new RangeError('CsrMatrix.takeRows: rows[0] must be an integer from 0 to 2, got 0.5'));
  });

  it('rejects rows that are not an array', () => {
    expect(() => X.takeRows(1 as never)).toThrow(new TypeError('CsrMatrix.takeRows: rows must be an array of row numbers, got a number'));
  });
});

describe('CsrMatrix#toData()', () => {
  it('returns copies of the canonical arrays that CsrMatrix.from takes back', () => {
    const X = CsrMatrix.from({ rows: 2, cols: 3, indptr: [0, 2, 3], indices: [2, 0, 1], values: [4, 5, 6] });
    const data = X.toData();
    expect(data).toEqual({ rows: 2, cols: 3, indptr: Int32Array.from([0, 2, 3]), indices: Int32Array.from([0, 2, 1]), values: Float64Array.from([5, 4, 6]) });
    data.values[0] = 99;
    expect(X.toDense().toArray()[0]).toEqual([5, 0, 4]);
    expect(CsrMatrix.from(X.toData()).toDense().toArray()).toEqual(X.toDense().toArray());
  });

  it('gives a Float32Array for dtype float32, and throws once disposed', () => {
    const X = CsrMatrix.fromRows([{ 1: 0.1 }], { dtype: 'float32' });
    expect(X.toData().values).toBeInstanceOf(Float32Array);
    X.dispose();
    expect(() => X.toData()).toThrow('CsrMatrix: this matrix has been disposed');
  });
});
