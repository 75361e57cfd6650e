import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelsFromArrow, Matrix } from '../../src/index.js';
import { parquetRowGroups, type ParquetTable, readParquet } from '../../src/parquet/index.js';
import { CODECS, type Files, ROWS, row, WIDE_ROWS, WRITER_ROWS, writeFiles, writerColumns } from './files.js';

let files: Files;
beforeAll(async () => {
  files = await writeFiles();
});
afterAll(() => files.remove());

/** The rows of the DuckDB files as `Matrix.fromArrow` writes columns a, f, k, b. */
function expectedMatrix(rows: number[]): number[][] {
  return rows.map((i) => {
    const r = row(i);
    return [r.a, r.f, r.k, Number(r.b)];
  });
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);

/** Every value of every column, nulls as null, bigints as bigints. */
function columns(table: ParquetTable): Record<string, unknown[]> {
  return Object.fromEntries(table.schema.fields.map((field) => [field.name, table.getChild(field.name)!.toArray()]));
}

describe('readParquet(source, options)', () => {
  it.each(CODECS)("reads DuckDB's %s file into a matrix holding exactly the values written", async (codec) => {
    const table = await readParquet(files.duckdb[codec]);
    expect(table.numRows).toBe(ROWS);
    const X = Matrix.fromArrow(table, { columns: ['a', 'f', 'k', 'b'] });
    expect(X.toArray()).toEqual(expectedMatrix(range(0, ROWS)));
    X.dispose();
  });

  it('gives one chunk per row group, numeric columns as typed arrays of their Parquet type', async () => {
    const table = await readParquet(files.duckdb.snappy);
    const kinds = Object.fromEntries(['a', 'f', 'k', 'b', 'n'].map((name) => [name, table.getChild(name)!.data.map((chunk) => chunk.values.constructor.name)]));
    expect(kinds).toEqual({
      a: Array(3).fill('Float64Array'),
      f: Array(3).fill('Float32Array'),
      k: Array(3).fill('Int32Array'),
      b: Array(3).fill('BigInt64Array'),
      n: Array(3).fill('Float64Array'),
    });
    expect(table.getChild('a')!.data.map((chunk) => chunk.length)).toEqual([2048, 2048, 904]);
  });

  it('gives the Arrow type ids and precisions fromArrow reads', async () => {
    const table = await readParquet(files.duckdb.snappy);
    const types = table.schema.fields.map(({ name, type }) => ({ name, typeId: type.typeId, precision: type.precision, bitWidth: type.bitWidth }));
    expect(types).toEqual([
      { name: 'a', typeId: 3, precision: 2, bitWidth: undefined },
      { name: 'f', typeId: 3, precision: 1, bitWidth: undefined },
      { name: 'k', typeId: 2, precision: undefined, bitWidth: 32 },
      { name: 'b', typeId: 2, precision: undefined, bitWidth: 64 },
      { name: 'n', typeId: 3, precision: 2, bitWidth: undefined },
      { name: 'y', typeId: 5, precision: undefined, bitWidth: undefined },
    ]);
  });

  it('keeps nulls as nulls with a validity bitmap, so fromArrow refuses them or imputes the mean', async () => {
    const table = await readParquet(files.duckdb.zstd);
    const n = table.getChild('n')!;
    const expected = range(0, ROWS).map((i) => row(i).n);
    expect(n.toArray()).toEqual(expected);
    expect(n.nullCount).toBe(expected.filter((v) => v === null).length);
    expect(() => Matrix.fromArrow(table, { columns: ['n'] })).toThrow("Matrix.fromArrow: column 'n' is null at row 0; features must be numbers");
    const present = expected.filter((v): v is number => v !== null);
    const mean = present.reduce((s, v) => s + v, 0) / present.length;
    const X = Matrix.fromArrow(table, { columns: ['n'], impute: 'mean' });
    expect(X.toArray().slice(0, 3).flat()).toEqual([mean, 0.25, 0.5]);
    X.dispose();
  });

  it('reads a string column as labels', async () => {
    const table = await readParquet(files.duckdb.snappy);
    expect(labelsFromArrow(table, 'y')).toEqual(range(0, ROWS).map((i) => row(i).y));
  });

  it("reads DuckDB's version 2 pages (byte stream split, delta and dictionary encodings) as the version 1 file", async () => {
    const [v1, v2] = [await readParquet(files.duckdb.zstd), await readParquet(files.v2)];
    expect(columns(v2)).toEqual(columns(v1));
  });

  it("reads hyparquet-writer's file: required and nullable columns, plain, byte stream split, delta and dictionary encodings", async () => {
    const table = await readParquet(files.writer);
    expect(table.numRows).toBe(WRITER_ROWS);
    expect(table.getChild('plain')!.data.length).toBe(3);
    const written = Object.fromEntries(writerColumns().map(({ name, data }) => [name, Array.from(data as ArrayLike<unknown>)]));
    expect(columns(table)).toEqual(written);
  });

  it.each(['snappy', 'zstd'] as const)("decodes DuckDB's %s file as hyparquet itself does", async (codec) => {
    const objects = await parquetReadObjects({ file: readFileSync(files.duckdb[codec]).buffer as ArrayBuffer, compressors });
    const table = await readParquet(files.duckdb[codec]);
    const names = table.schema.fields.map((field) => field.name);
    expect(objects.map((_, i) => names.map((name) => table.getChild(name)!.at(i)))).toEqual(objects.map((object) => names.map((name) => object[name])));
  });

  it('reads dictionary indices wider than a byte', async () => {
    const table = await readParquet(files.wide);
    const expected = range(0, WIDE_ROWS).map((i) => ((i * 7919) % 1021) / 8);
    expect(table.getChild('w')!.toArray()).toEqual(expected);
    expect(table.getChild('wl')!.toArray()).toEqual(expected.map((v) => BigInt(v * 8)));
  });

  it('reads a path, a file URL, an ArrayBuffer, a Uint8Array inside a larger buffer, a Blob and an AsyncBuffer alike', async () => {
    const bytes = readFileSync(files.duckdb.snappy);
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 8);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const sources = [
      files.duckdb.snappy,
      pathToFileURL(files.duckdb.snappy),
      buffer,
      padded.subarray(8, 8 + bytes.length),
      new Blob([bytes]),
      { byteLength: bytes.length, slice: (start: number, end?: number) => Promise.resolve(buffer.slice(start, end)) },
    ];
    const reference = columns(await readParquet(files.duckdb.snappy));
    for (const source of sources) expect(columns(await readParquet(source))).toEqual(reference);
  });

  it('reads the named columns only, in the order named', async () => {
    const table = await readParquet(files.duckdb.snappy, { columns: ['y', 'a'] });
    expect(table.schema.fields.map((field) => field.name)).toEqual(['y', 'a']);
    expect(table.getChild('k')).toBeNull();
    expect(table.getChild('a')!.at(5)).toBe(row(5).a);
  });

  it('reads the named row groups only, in the order named', async () => {
    const table = await readParquet(files.duckdb.snappy, { columns: ['a', 'f', 'k', 'b'], rowGroups: [2, 0] });
    expect(table.numRows).toBe(904 + 2048);
    const X = Matrix.fromArrow(table);
    expect(X.toArray()).toEqual(expectedMatrix([...range(4096, ROWS), ...range(0, 2048)]));
    X.dispose();
  });

  it('reads no rows from an empty list of row groups', async () => {
    const table = await readParquet(files.duckdb.snappy, { rowGroups: [] });
    expect(table.numRows).toBe(0);
    expect(table.getChild('a')!.data).toEqual([]);
  });

  it('reads 64-bit integers as BigInt64Array, which fromArrow refuses beyond ±2⁵³', async () => {
    const table = await readParquet(files.big);
    expect(table.getChild('huge')!.toArray()).toEqual([9007199254740993n, 9007199254740994n, 9007199254740995n]);
    expect(() => Matrix.fromArrow(table)).toThrow("Matrix.fromArrow: column 'huge' holds 9007199254740993 at row 0, beyond ±2⁵³");
  });

  it('reads struct and list columns as JavaScript values, which fromArrow refuses as features', async () => {
    const table = await readParquet(files.nested);
    expect(table.getChild('s')!.at(2)).toEqual({ p: 2n, q: 'z' });
    expect(table.getChild('l')!.at(2)).toEqual([2n, 3n]);
    expect(String(table.getChild('s')!.type)).toBe('group (nested)');
    expect(() => Matrix.fromArrow(table, { columns: ['x', 's'] })).toThrow("Matrix.fromArrow: column 's' is not numeric (Arrow type id 13)");
    expect(() => Matrix.fromArrow(table, { columns: ['l'] })).toThrow("Matrix.fromArrow: column 'l' is not numeric (Arrow type id 12)");
  });
});

describe('parquetRowGroups(source, options)', () => {
  it('yields one table per row group, in order, with the columns named', async () => {
    const sizes: number[] = [];
    const firsts: unknown[] = [];
    for await (const table of parquetRowGroups(files.duckdb.snappy, { columns: ['a'] })) {
      sizes.push(table.numRows);
      firsts.push(table.getChild('a')!.at(0));
      expect(table.schema.fields.map((field) => field.name)).toEqual(['a']);
    }
    expect(sizes).toEqual([2048, 2048, 904]);
    expect(firsts).toEqual([row(0).a, row(2048).a, row(4096).a]);
  });

  it('leaves every table it yielded intact while it reads the next ones', async () => {
    const tables: ParquetTable[] = [];
    for await (const table of parquetRowGroups(files.duckdb.snappy, { columns: ['a', 'n'] })) tables.push(table);
    expect(tables.map((table) => table.getChild('a')!.at(1))).toEqual([row(1).a, row(2049).a, row(4097).a]);
    expect(tables[0]!.getChild('n')!.toArray()).toEqual(range(0, 2048).map((i) => row(i).n));
  });

  it('stops reading when the loop breaks', async () => {
    let seen = 0;
    for await (const table of parquetRowGroups(files.duckdb.snappy)) {
      seen += table.numRows;
      break;
    }
    expect(seen).toBe(2048);
  });
});
