import * as arrow from 'apache-arrow';
import * as flechette from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { labelsFromArrow, LogisticRegression, Matrix } from '../../src/index.js';

/** The same table in both libraries: apache-arrow's, and flechette's read from its IPC bytes. */
function bothLibraries(columns: Record<string, ArrayLike<unknown>>): [string, unknown][] {
  const table = arrow.tableFromArrays(columns as Parameters<typeof arrow.tableFromArrays>[0]);
  return [
    ['apache-arrow', table],
    ['@uwdata/flechette', flechette.tableFromIPC(arrow.tableToIPC(table))],
  ];
}

/** Two record batches (chunks of 3 and 2 rows) in both libraries. */
function chunked(): [string, unknown][] {
  const first = arrow.tableFromArrays({ a: Float64Array.of(1, 2, 3), b: Int16Array.of(-4, 5, 6) });
  const second = arrow.tableFromArrays({ a: Float64Array.of(7.5, 8), b: Int16Array.of(9, -10) });
  const table = first.concat(second);
  return [
    ['apache-arrow', table],
    ['@uwdata/flechette', flechette.tableFromIPC(arrow.tableToIPC(table))],
  ];
}

describe('Matrix.fromArrow(table, { columns, dtype })', () => {
  it.each(bothLibraries({ x: Float64Array.of(0.5, -1, 2), n: Int32Array.of(3, 4, 5), u: Uint8Array.of(250, 0, 7), f: Float32Array.of(0.25, 1.5, -2) }))(
    'reads float and integer columns of a %s table row-major, in the table order',
    (_, table) => {
      const X = Matrix.fromArrow(table);
      expect([X.rows, X.cols, X.dtype]).toEqual([3, 4, 'float64']);
      expect(X.toArray()).toEqual([
        [0.5, 3, 250, 0.25],
        [-1, 4, 0, 1.5],
        [2, 5, 7, -2],
      ]);
    },
  );

  it.each(chunked())('reads every chunk (record batch) of a %s table in order', (_, table) => {
    expect(Matrix.fromArrow(table).toArray()).toEqual([
      [1, -4],
      [2, 5],
      [3, 6],
      [7.5, 9],
      [8, -10],
    ]);
  });

  it.each(bothLibraries({ a: Float64Array.of(1, 2), b: Float64Array.of(3, 4), c: Float64Array.of(5, 6) }))('takes the columns asked for, in that order (%s)', (_, table) => {
    expect(Matrix.fromArrow(table, { columns: ['c', 'a'] }).toArray()).toEqual([
      [5, 1],
      [6, 2],
    ]);
  });

  it.each(bothLibraries({ a: Float64Array.of(0.1, 1e40) }))('stores float32 with dtype float32, rounding each value (%s)', (_, table) => {
    const X = Matrix.fromArrow(table, { dtype: 'float32' });
    expect(X.dtype).toBe('float32');
    expect(Array.from(X.data)).toEqual([Math.fround(0.1), Infinity]);
  });

  it.each(bothLibraries({ a: BigInt64Array.of(-3n, 2n ** 40n, 2n ** 53n, -(2n ** 53n), -(2n ** 32n) - 1n, 2n ** 32n + 7n) } as never))('reads 64-bit integers within ±2⁵³ exactly (%s)', (_, table) => {
    expect(Array.from(Matrix.fromArrow(table).data)).toEqual([-3, 2 ** 40, 2 ** 53, -(2 ** 53), -(2 ** 32) - 1, 2 ** 32 + 7]);
  });

  it.each(bothLibraries({ a: BigUint64Array.of(0n, 2n ** 53n, 2n ** 32n - 1n) } as never))('reads unsigned 64-bit integers up to 2⁵³ exactly (%s)', (_, table) => {
    expect(Array.from(Matrix.fromArrow(table).data)).toEqual([0, 2 ** 53, 2 ** 32 - 1]);
  });

  it.each(bothLibraries({ a: [1, null, 4, null], b: Float64Array.of(1, 2, 3, 4) }))("writes the column's mean for a null with impute: 'mean' (%s)", (_, table) => {
    expect(Matrix.fromArrow(table, { impute: 'mean' }).toArray()).toEqual([
      [1, 1],
      [2.5, 2],
      [4, 3],
      [2.5, 4],
    ]);
  });

  it('gives the fit the same data as the rows it came from', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [Math.sin(i), Math.cos(3 * i)]);
    const y = rows.map(([a, b]) => ((a as number) + (b as number) > 0 ? 'yes' : 'no'));
    const table = arrow.tableFromArrays({ a: Float64Array.from(rows, (r) => r[0] as number), b: Float64Array.from(rows, (r) => r[1] as number), y });
    const fromArrow = new LogisticRegression().fit(Matrix.fromArrow(table, { columns: ['a', 'b'] }), labelsFromArrow(table, 'y'));
    const fromRows = new LogisticRegression().fit(rows, y);
    expect(fromArrow.coef.toArray()).toEqual(fromRows.coef.toArray());
    expect(fromArrow.classes).toEqual(['no', 'yes']);
  });
});

describe('Matrix.fromArrow(table, options) refuses', () => {
  it.each(bothLibraries({ a: [1, null, 3] }))('a null, naming the column and the row (%s)', (_, table) => {
    expect(() => Matrix.fromArrow(table)).toThrow(new RangeError("Matrix.fromArrow: column 'a' is null at row 1; features must be numbers (fill or drop the nulls first, or pass impute: 'mean')"));
  });

  it.each(bothLibraries({ a: Float64Array.of(1, 2), s: ['x', 'y'] }))('a dictionary (string) column, pointing to labelsFromArrow (%s)', (_, table) => {
    expect(() => Matrix.fromArrow(table)).toThrow(TypeError);
    expect(() => Matrix.fromArrow(table)).toThrow(/column 's' is not numeric .*labelsFromArrow/);
  });

  it.each(bothLibraries({ a: Float64Array.of(1, 2) }))('a missing column, listing the table\'s columns (%s)', (_, table) => {
    expect(() => Matrix.fromArrow(table, { columns: ['a', 'b'] })).toThrow(new RangeError("Matrix.fromArrow: the table has no column 'b' (columns: a)"));
  });

  it.each(bothLibraries({ a: Float64Array.of(1, NaN) }))('a NaN, naming the column and the row (%s)', (_, table) => {
    expect(() => Matrix.fromArrow(table)).toThrow(new RangeError("Matrix.fromArrow: column 'a' holds NaN at row 1; features must be finite"));
  });

  it.each(bothLibraries({ a: BigInt64Array.of(2n ** 60n) } as never))('a 64-bit integer beyond ±2⁵³ (%s)', (_, table) => {
    expect(() => Matrix.fromArrow(table)).toThrow(/column 'a' holds 1152921504606846976 at row 0, beyond ±2⁵³/);
  });

  it.each([
    ['9007199254740993 at row 1', BigInt64Array.of(1n, 2n ** 53n + 1n)],
    ['-9007199254740993 at row 2', BigInt64Array.of(1n, 2n, -(2n ** 53n) - 1n)],
    ['9223372036854775808 at row 0', BigUint64Array.of(2n ** 63n)],
  ])('a 64-bit integer one past ±2⁵³ (or 2⁶³ unsigned), naming it: %s', (where, values) => {
    const table = arrow.tableFromArrays({ a: values } as never);
    expect(() => Matrix.fromArrow(table)).toThrow(`column 'a' holds ${where}, beyond ±2⁵³`);
  });

  it.each(bothLibraries({ a: [null, null] }))("a column of nulls only with impute: 'mean' (%s)", (_, table) => {
    expect(() => Matrix.fromArrow(table, { impute: 'mean' })).toThrow(new RangeError("Matrix.fromArrow: column 'a' holds only nulls; there is no mean to impute"));
  });

  it('what is not an Arrow table, and unknown options', () => {
    expect(() => Matrix.fromArrow([[1, 2]])).toThrow(new TypeError('Matrix.fromArrow: table must be an Arrow table (apache-arrow or @uwdata/flechette: numRows, schema.fields, getChild), got an array of length 1'));
    const table = arrow.tableFromArrays({ a: Float64Array.of(1) });
    expect(() => Matrix.fromArrow(table, { column: ['a'] } as never)).toThrow(TypeError);
    expect(() => Matrix.fromArrow(table, { columns: [] })).toThrow(new RangeError('Matrix.fromArrow: columns is empty; at least one feature column is needed'));
    expect(() => Matrix.fromArrow(table, { impute: 'median' } as never)).toThrow(RangeError);
  });
});

describe('labelsFromArrow(table, column)', () => {
  it.each(bothLibraries({ y: ['spam', 'ham', 'spam'] }))('reads the strings of a dictionary-encoded column (%s)', (_, table) => {
    expect(labelsFromArrow(table, 'y')).toEqual(['spam', 'ham', 'spam']);
  });

  it.each(bothLibraries({ y: Int8Array.of(1, 0, 1) }))('reads the numbers of a numeric column (%s)', (_, table) => {
    expect(labelsFromArrow(table, 'y')).toEqual([1, 0, 1]);
  });

  it.each(bothLibraries({ y: ['a', null] }))('refuses a null, naming the row (%s)', (_, table) => {
    expect(() => labelsFromArrow(table, 'y')).toThrow(new RangeError("labelsFromArrow: column 'y' is null at row 1; every row needs a label"));
  });
});

/** A duck-typed table whose columns are cut into chunks at different rows (Arrow tables align them; the reader must not rely on it). */
function misaligned(columns: ArrayLike<number>[][]): unknown {
  const type = { typeId: 3, precision: 2 };
  const fields = columns.map((_, j) => ({ name: `c${j}`, type }));
  const numRows = columns[0]!.reduce((n, chunk) => n + chunk.length, 0);
  return {
    numRows,
    schema: { fields },
    getChild: (name: string) => ({ type, data: columns[Number(name.slice(1))]!.map((values) => ({ length: values.length, nullCount: 0, values, type })) }),
  };
}

describe('Matrix.fromArrow(table) over blocks of rows', () => {
  /** Value (i, j) of the test tables: distinct for every place. */
  const value = (i: number, j: number): number => i * 100 + j + 0.5;

  it.each([1, 2, 3, 4, 5, 7, 8, 9, 13])('writes every value of %i columns, in row blocks crossing chunk boundaries cut differently per column (empty chunks too)', (cols) => {
    const rows = 5000;
    const columns = Array.from({ length: cols }, (_, j) => {
      // Chunks cut at different rows in every column, with empty chunks among them.
      const cut = [0, 0, 1000 + 3 * j, 2100 + 7 * j, 2100 + 7 * j, 4999, rows];
      return cut.slice(1).map((end, c) => Float64Array.from({ length: end - (cut[c] as number) }, (_, k) => value((cut[c] as number) + k, j)));
    });
    const X = Matrix.fromArrow(misaligned(columns));
    const expected = Float64Array.from({ length: rows * cols }, (_, at) => value(Math.floor(at / cols), at % cols));
    expect(X.data).toEqual(expected);
  });

  it('writes integer and float columns side by side, with a one-hot column between them', () => {
    const rows = 3000;
    const table = arrow.tableFromArrays({
      a: Int8Array.from({ length: rows }, (_, i) => (i % 200) - 100),
      b: Float32Array.from({ length: rows }, (_, i) => i / 4),
      s: Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 'x' : 'y')),
      c: Uint16Array.from({ length: rows }, (_, i) => i),
      d: Float64Array.from({ length: rows }, (_, i) => -i),
      e: Int32Array.from({ length: rows }, (_, i) => 7 * i),
      f: Float64Array.from({ length: rows }, (_, i) => i + 0.25),
    });
    const X = Matrix.fromArrow(table, { oneHot: ['s'] }).toArray();
    const expected = Array.from({ length: rows }, (_, i) => [(i % 200) - 100, i / 4, i % 3 === 0 ? 1 : 0, i % 3 === 0 ? 0 : 1, i, -i, 7 * i, i + 0.25]);
    expect(X).toEqual(expected);
  });

  it.each(bothLibraries({ a: Float64Array.of(1, 2, 3, 4, 5), b: Float64Array.of(1, 2, Infinity, 4, 5), c: Float64Array.of(1, NaN, 3, 4, 5), d: Float64Array.of(1, 2, 3, 4, 5) }))(
    'names the first column in order holding a non-finite value, at its first such row (%s)',
    (_, table) => {
      expect(() => Matrix.fromArrow(table)).toThrow(new RangeError("Matrix.fromArrow: column 'b' holds Infinity at row 2; features must be finite"));
    },
  );

  it('imputes a column whose null slots hold NaN (a value under a null is not checked)', () => {
    const type = { typeId: 3, precision: 2 };
    // Rows 1 and 3 are null (validity bits 0b10101); the values under them are NaN.
    const chunk = { length: 5, nullCount: 2, values: Float64Array.of(1, NaN, 3, NaN, 5), validity: Uint8Array.of(0b10101), type };
    const table = { numRows: 5, schema: { fields: [{ name: 'a', type }] }, getChild: () => ({ type, data: [chunk] }) };
    expect(Array.from(Matrix.fromArrow(table, { impute: 'mean' }).data)).toEqual([1, 3, 3, 3, 5]);
    expect(() => Matrix.fromArrow(table)).toThrow(/column 'a' is null at row 1/);
  });
});
