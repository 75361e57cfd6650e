/**
 * The arguments CsrMatrix.from and CsrMatrix.fromRows refuse: one table, each with its
 * error class and exact message, and nothing allocated in WebAssembly memory by a refused call.
 */
import { describe, expect, it, vi } from 'vitest';
import { defaultCore } from '../../src/core/runtime.js';
import { CsrMatrix } from '../../src/sparse/csr-matrix.js';
import { expectError } from '../assertions.js';
import { coreCallsDuring } from '../wasm-memory.js';

/** A valid 2×3 matrix with one entry per row, varied one field at a time below. */
const ok = { rows: 2, cols: 3, indptr: [0, 1, 2], indices: [0, 2], values: [1, 2] };

const REFUSED: [() => unknown, ErrorConstructor, string][] = [
  [() => CsrMatrix.from(null as never), TypeError, 'CsrMatrix.from: data must be an object { rows, cols, indptr, indices, values }, got null'],
  [() => CsrMatrix.from([] as never), TypeError, 'CsrMatrix.from: data must be an object { rows, cols, indptr, indices, values }, got an array of length 0'],
  [() => CsrMatrix.from(ok, { dtyp: 'float32' } as never), TypeError, "CsrMatrix.from: unknown option 'dtyp' (known options: dtype)"],
  [() => CsrMatrix.from(ok, { dtype: 'float16' } as never), RangeError, "CsrMatrix.from: dtype must be one of 'float64', 'float32', got 'float16'"],
  [() => CsrMatrix.from({ ...ok, rows: '2' } as never), TypeError, 'CsrMatrix.from: rows must be a number, got a string'],
  [() => CsrMatrix.from({ ...ok, rows: -1 }), RangeError, 'CsrMatrix.from: rows must be an integer from 0 to 2147483647, got -1'],
  [() => CsrMatrix.from({ ...ok, cols: 1.5 }), RangeError, 'CsrMatrix.from: cols must be an integer from 0 to 2147483647, got 1.5'],
  [() => CsrMatrix.from({ ...ok, cols: 2 ** 31 }), RangeError, 'CsrMatrix.from: cols must be an integer from 0 to 2147483647, got 2147483648'],
  [() => CsrMatrix.from({ ...ok, indptr: new Float64Array(3) } as never), TypeError, 'CsrMatrix.from: indptr must be an Int32Array or an array of numbers, got a Float64Array'],
  [() => CsrMatrix.from({ ...ok, indices: new Uint32Array(2) } as never), TypeError, 'CsrMatrix.from: indices must be an Int32Array or an array of numbers, got a Uint32Array'],
  [() => CsrMatrix.from({ ...ok, values: 'ab' } as never), TypeError, 'CsrMatrix.from: values must be a Float64Array, a Float32Array or an array of numbers, got a string'],
  [() => CsrMatrix.from({ ...ok, indptr: [0, 2] }), RangeError, 'CsrMatrix.from: indptr has length 2; expected rows + 1 = 3'],
  [() => CsrMatrix.from({ ...ok, values: [1] }), RangeError, 'CsrMatrix.from: values has length 1; expected indices.length = 2 (one value per entry)'],
  [() => CsrMatrix.from({ ...ok, indptr: [0, '1', 2] } as never), TypeError, 'CsrMatrix.from: indptr has a string at index 1; expected a number'],
  [() => CsrMatrix.from({ ...ok, indptr: [1, 1, 2] }), RangeError, 'CsrMatrix.from: indptr[0] must be 0, got 1'],
  [() => CsrMatrix.from({ ...ok, indptr: [0, 2, 1] }), RangeError, 'CsrMatrix.from: indptr has 1 at index 2; expected a non-decreasing integer from indptr[1] = 2 to the number of entries, 2'],
  [() => CsrMatrix.from({ ...ok, indptr: [0, 0.5, 2] }), RangeError, 'CsrMatrix.from: indptr has 0.5 at index 1; expected a non-decreasing integer from indptr[0] = 0 to the number of entries, 2'],
  [() => CsrMatrix.from({ ...ok, indptr: [0, 1, 1] }), RangeError, 'CsrMatrix.from: indptr ends at 1; expected the number of entries, indices.length = 2'],
  [() => CsrMatrix.from({ ...ok, indptr: [0, 3, 3] }), RangeError, 'CsrMatrix.from: indptr has 3 at index 1; expected a non-decreasing integer from indptr[0] = 0 to the number of entries, 2'],
  [() => CsrMatrix.from({ ...ok, indices: [0, null] } as never), TypeError, 'CsrMatrix.from: indices has null at index 1 (row 1); expected a number'],
  [() => CsrMatrix.from({ ...ok, indices: [0, -1] }), RangeError, 'CsrMatrix.from: indices has -1 at index 1 (row 1); expected a column index in [0, 3)'],
  [() => CsrMatrix.from({ ...ok, indices: [0, 3] }), RangeError, 'CsrMatrix.from: indices has 3 at index 1 (row 1); expected a column index in [0, 3)'],
  [() => CsrMatrix.from({ ...ok, indices: [1.5, 0] }), RangeError, 'CsrMatrix.from: indices has 1.5 at index 0 (row 0); expected a column index in [0, 3)'],
  [() => CsrMatrix.from({ ...ok, values: [1, '2'] } as never), TypeError, 'CsrMatrix.from: values has a string at index 1 (row 1); expected a number'],
  [() => CsrMatrix.from({ ...ok, values: [1, NaN] }), RangeError, 'CsrMatrix.from: values contains NaN at row 1, column 2; all values must be finite'],
  [() => CsrMatrix.from({ ...ok, values: Float32Array.of(1, Infinity) }), RangeError, 'CsrMatrix.from: values contains Infinity at row 1, column 2; all values must be finite'],
  [() => CsrMatrix.from({ ...ok, values: [1, 1e39] }, { dtype: 'float32' }), RangeError, "CsrMatrix.from: values has 1e+39 at row 1, column 2, beyond float32's range (±3.40e+38); use dtype 'float64'"],
  [() => CsrMatrix.from({ rows: 1, cols: 1, indptr: [0, 2], indices: [0, 0], values: [1e308, 1e308] }), RangeError, 'CsrMatrix.from: values has duplicates at row 0, column 0 that sum to Infinity; the sum must be finite'],
  [() => CsrMatrix.from({ rows: 1, cols: 1, indptr: [0, 2], indices: [0, 0], values: [3e38, 3e38] }, { dtype: 'float32' }), RangeError, "CsrMatrix.from: values has duplicates at row 0, column 0 that sum to 6.0000000109955115e+38; the sum must be within float32's range (±3.40e+38); use dtype 'float64'"],
  [() => CsrMatrix.fromRows({} as never), TypeError, 'CsrMatrix.fromRows: rows must be an array of rows, got an object (Object)'],
  [() => CsrMatrix.fromRows([5] as never), TypeError, 'CsrMatrix.fromRows: rows[0] is a number; expected a plain object { column: value } or an array of [column, value] pairs'],
  [() => CsrMatrix.fromRows([new Map()] as never), TypeError, 'CsrMatrix.fromRows: rows[0] is an object (Map); expected a plain object { column: value } or an array of [column, value] pairs'],
  [() => CsrMatrix.fromRows([{ a: 1 }] as never), TypeError, 'CsrMatrix.fromRows: rows[0] has the key "a"; expected column indices (integers ≥ 0) as keys'],
  [() => CsrMatrix.fromRows([{ '01': 1 }] as never), TypeError, 'CsrMatrix.fromRows: rows[0] has the key "01"; expected column indices (integers ≥ 0) as keys'],
  [() => CsrMatrix.fromRows([{ '-1': 1 }] as never), TypeError, 'CsrMatrix.fromRows: rows[0] has the key "-1"; expected column indices (integers ≥ 0) as keys'],
  [() => CsrMatrix.fromRows([[[1, 2, 3]]] as never), TypeError, 'CsrMatrix.fromRows: rows[0] has an array of length 3 at index 0; expected a [column, value] pair'],
  [() => CsrMatrix.fromRows([[1, 2]] as never), TypeError, 'CsrMatrix.fromRows: rows[0] has a number at index 0; expected a [column, value] pair'],
  [() => CsrMatrix.fromRows([[['1', 2]]] as never), TypeError, 'CsrMatrix.fromRows: rows[0] has a string as the column of the pair at index 0; expected an integer ≥ 0'],
  [() => CsrMatrix.fromRows([[[-1, 2]]]), RangeError, 'CsrMatrix.fromRows: rows[0] has column -1 in the pair at index 0; expected an integer ≥ 0'],
  [() => CsrMatrix.fromRows([[[2 ** 31 - 1, 2]]]), RangeError, 'CsrMatrix.fromRows: rows[0] has column 2147483647 in the pair at index 0; expected a column index in [0, 2147483647): cols, the largest column + 1, must be below 2³¹'],
  [() => CsrMatrix.fromRows([{}, [[0, 1], [4, 2]]], { cols: 4 }), RangeError, 'CsrMatrix.fromRows: rows[1] has column 4 in the pair at index 1; expected a column index in [0, 4) (cols = 4)'],
  [() => CsrMatrix.fromRows([{ 4: 2 }], { cols: 4 }), RangeError, 'CsrMatrix.fromRows: rows[0] has column 4; expected a column index in [0, 4) (cols = 4)'],
  [() => CsrMatrix.fromRows([{ 1: 'x' }] as never), TypeError, 'CsrMatrix.fromRows: rows[0] has a string for column 1; expected a number'],
  [() => CsrMatrix.fromRows([[[2, NaN]]]), RangeError, 'CsrMatrix.fromRows: rows contains NaN at row 0, column 2; all values must be finite'],
  [() => CsrMatrix.fromRows([{ 0: -1e39 }], { dtype: 'float32' }), RangeError, "CsrMatrix.fromRows: rows has -1e+39 at row 0, column 0, beyond float32's range (±3.40e+38); use dtype 'float64'"],
  [() => CsrMatrix.fromRows([], { cols: -1 }), RangeError, 'CsrMatrix.fromRows: cols must be an integer from 0 to 2147483647, got -1'],
  [() => CsrMatrix.fromRows([], { nCols: 1 } as never), TypeError, "CsrMatrix.fromRows: unknown option 'nCols' (known options: cols, dtype)"],
  [() => CsrMatrix.fromRows([], { dtype: 'int' } as never), RangeError, "CsrMatrix.fromRows: dtype must be one of 'float64', 'float32', got 'int'"],
  [() => CsrMatrix.fromRows([[[0, 1e308], [0, 1e308]]]), RangeError, 'CsrMatrix.fromRows: rows has duplicates at row 0, column 0 that sum to Infinity; the sum must be finite'],
];

describe('CsrMatrix.from and CsrMatrix.fromRows refuse', () => {
  it.each(REFUSED.map(([run, kind, message]) => ({ run, kind, message })))('$message', ({ run, kind, message }) => {
    expectError(run, kind, message);
  });

  it('every argument above before allocating anything in WebAssembly memory', () => {
    for (const [run] of REFUSED) {
      expect(coreCallsDuring('allocF64', () => expect(run).toThrow())).toEqual([]);
    }
  });

  it('nothing half-built: when WebAssembly memory is full at the last of its three blocks, the first two are freed', () => {
    const allocF64 = defaultCore.allocF64.bind(defaultCore);
    const given: number[] = [];
    const spy = vi.spyOn(defaultCore, 'allocF64').mockImplementation((length: number) => {
      if (given.length === 2) throw new RangeError('WebAssembly memory could not grow');
      const ptr = allocF64(length);
      given.push(ptr);
      return ptr;
    });
    try {
      const freed = coreCallsDuring('free', () => expect(() => CsrMatrix.from(ok)).toThrow(new RangeError('WebAssembly memory could not grow')));
      expect(freed).toEqual(given);
    } finally {
      spy.mockRestore();
    }
  });
});
