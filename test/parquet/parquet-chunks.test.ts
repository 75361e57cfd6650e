import * as arrow from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrowChunks, fitStream, type Matrix } from '../../src/index.js';
import { parquetChunks } from '../../src/parquet/index.js';
import { type Files, ROWS, row, writeFiles } from './files.js';

let files: Files;
beforeAll(async () => {
  files = await writeFiles();
});
afterAll(() => files.remove());

/** The DuckDB files' rows as apache-arrow tables cut where the files' row groups are cut. */
function arrowBatches(groups: number[] = [0, 1, 2]): arrow.Table[] {
  return groups.map((g) => {
    const rows = Array.from({ length: Math.min(2048, ROWS - g * 2048) }, (_, k) => row(g * 2048 + k));
    return new arrow.Table({
      a: arrow.makeVector(Float64Array.from(rows, (r) => r.a)),
      k: arrow.makeVector(Int32Array.from(rows, (r) => r.k)),
      f: arrow.makeVector(Float32Array.from(rows, (r) => r.f)),
      y: arrow.vectorFromArray(rows.map((r) => r.y), new arrow.Utf8()),
    });
  });
}

const OPTIONS = { classes: ['no', 'yes'], learningRate: 0.05, batchSize: 64, randomState: 0, epochs: 2 };

describe('parquetChunks(source, { target, columns, dtype, rowGroups })', () => {
  it('trains fitStream on a Parquet file as on the same rows given as Arrow record batches', async () => {
    const columns = ['a', 'k', 'f'];
    const fromParquet = await fitStream(() => parquetChunks(files.duckdb.snappy, { target: 'y', columns }), OPTIONS);
    const fromArrow = await fitStream(() => arrowChunks(arrowBatches(), { target: 'y', columns }), OPTIONS);
    expect(fromParquet.coef.toArray()).toEqual(fromArrow.coef.toArray());
    expect(fromParquet.intercept).toEqual(fromArrow.intercept);
  });

  it('gives one chunk per row group, the named row groups in the order named', async () => {
    const sizes: number[] = [];
    const firstLabels: unknown[] = [];
    for await (const chunk of parquetChunks(files.duckdb.zstd, { target: 'y', columns: ['a'], rowGroups: [2, 1] })) {
      sizes.push((chunk.X as Matrix).rows);
      firstLabels.push(chunk.y[0]);
    }
    expect(sizes).toEqual([904, 2048]);
    expect(firstLabels).toEqual([row(4096).y, row(2048).y]);
  });

  it('takes every column but the target as features unless columns are named, stored as dtype says', async () => {
    const chunks = parquetChunks(files.complete, { target: 'y', dtype: 'float32' });
    const X = (await chunks.next()).value!.X as Matrix;
    const [dtype, second] = [X.dtype, X.toArray()[1]];
    await chunks.return(undefined);
    expect(dtype).toBe('float32');
    const r = row(1);
    expect(second).toEqual([r.a, r.f, r.k, Math.fround(Number(r.b))]);
  });

  it('refuses a null feature naming its column and row', async () => {
    await expect(parquetChunks(files.duckdb.snappy, { target: 'y', columns: ['a', 'n'] }).next()).rejects.toThrow("Matrix.fromArrow: column 'n' is null at row 0");
  });

  it('refuses a target that is not a string and an unknown option', async () => {
    await expect(parquetChunks(files.duckdb.snappy, { target: 3 as unknown as string }).next()).rejects.toThrow('parquetChunks: target must be a column name, got a number');
    await expect(parquetChunks(files.duckdb.snappy, { target: 'y', rowsPerChunk: 5 } as never).next()).rejects.toThrow("parquetChunks: unknown option 'rowsPerChunk'");
  });
});
