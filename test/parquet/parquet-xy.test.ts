import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultCore } from '../../src/core/runtime.js';
import { labelsFromArrow, Matrix } from '../../src/index.js';
import { readParquet, readParquetXy } from '../../src/parquet/index.js';
import { type Files, ROWS, row, writeFiles } from './files.js';

let files: Files;
beforeAll(async () => {
  files = await writeFiles();
});
afterAll(() => files.remove());

describe('readParquetXy(source, { target, columns, dtype, rowGroups })', () => {
  it('reads the same matrix and labels as Matrix.fromArrow and labelsFromArrow on readParquet', async () => {
    const { X, y } = await readParquetXy(files.duckdb.snappy, { target: 'y', columns: ['a', 'f', 'k', 'b'] });
    const table = await readParquet(files.duckdb.snappy);
    const whole = Matrix.fromArrow(table, { columns: ['a', 'f', 'k', 'b'] });
    expect([X.rows, X.cols]).toEqual([ROWS, 4]);
    expect(X.toArray()).toEqual(whole.toArray());
    expect(y).toEqual(labelsFromArrow(table, 'y'));
    X.dispose();
    whole.dispose();
  });

  it('takes every column but the target unless columns are named, and no labels without a target', async () => {
    const withTarget = await readParquetXy(files.complete, { target: 'y', dtype: 'float32', rowGroups: [2] });
    expect(withTarget.X.dtype).toBe('float32');
    expect(withTarget.X.toArray()[0]).toEqual([row(4096).a, row(4096).f, row(4096).k, Math.fround(Number(row(4096).b))]);
    withTarget.X.dispose();
    const features = await readParquetXy(files.complete, { columns: ['k'], rowGroups: [1, 0] });
    expect(features.y).toBeNull();
    expect(features.X.toArray()[0]).toEqual([row(2048).k]);
    features.X.dispose();
  });

  it('names the row group of a null, and leaves nothing allocated', async () => {
    const alloc = vi.spyOn(defaultCore, 'allocF64');
    const free = vi.spyOn(defaultCore, 'free');
    await expect(readParquetXy(files.duckdb.snappy, { target: 'y', columns: ['a', 'n'], rowGroups: [0, 1] })).rejects.toThrow(
      `Matrix.fromArrow: column 'n' is null at row 0; features must be numbers (fill or drop the nulls first, or pass impute: 'mean') (in row group 0 of ${files.duckdb.snappy}, whose first row is row 0 of those read)`,
    );
    await expect(readParquetXy(files.duckdb.snappy, { target: 'y', columns: ['a', 'n'], rowGroups: [1] })).rejects.toThrow(
      `Matrix.fromArrow: column 'n' is null at row 9; features must be numbers (fill or drop the nulls first, or pass impute: 'mean') (in row group 1 of ${files.duckdb.snappy}, whose first row is row 0 of those read)`,
    );
    const allocated = alloc.mock.results.map((result) => result.value as number);
    const freed = free.mock.calls.map(([pointer]) => pointer);
    alloc.mockRestore();
    free.mockRestore();
    expect(allocated.length).toBeGreaterThan(0);
    expect(allocated.filter((pointer) => !freed.includes(pointer))).toEqual([]);
  });

  it('refuses a selection of no rows and a target that is not a name', async () => {
    await expect(readParquetXy(files.duckdb.snappy, { rowGroups: [] })).rejects.toThrow(new RangeError('readParquetXy: the row groups read hold 0 rows; at least one sample is required'));
    await expect(readParquetXy(files.duckdb.snappy, { target: 1 as never })).rejects.toThrow(new TypeError('readParquetXy: target must be a column name or null, got a number'));
  });
});
