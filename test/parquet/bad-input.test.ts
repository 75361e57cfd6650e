import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Matrix } from '../../src/index.js';
import { parquetChunks, parquetRowGroups, readParquet } from '../../src/parquet/index.js';
import { loadParquetModules } from '../../src/parquet/read-parquet.js';
import { type Files, writeFiles } from './files.js';

let files: Files;
beforeAll(async () => {
  files = await writeFiles();
});
afterAll(() => files.remove());

/** Writes `bytes` to a file in the test folder and returns its path. */
function file(name: string, bytes: Uint8Array | string): string {
  const path = join(files.dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('readParquet(source, options) refuses', () => {
  it('a file that is not Parquet, naming it', async () => {
    const csv = file('data.parquet', 'a,b,y\n1,2,yes\n3,4,no\n');
    await expect(readParquet(csv)).rejects.toThrow(new RangeError(`readParquet: ${csv} is not a Parquet file: it does not start with the magic bytes PAR1`));
  });

  it('a file too short to be Parquet', async () => {
    const empty = file('empty.parquet', '');
    await expect(readParquet(empty)).rejects.toThrow(`readParquet: ${empty} is not a Parquet file: it has 0 bytes, fewer than a Parquet file's 12`);
  });

  it('a truncated file, saying so', async () => {
    const bytes = readFileSync(files.duckdb.snappy);
    const cut = file('cut.parquet', bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(readParquet(cut)).rejects.toThrow(`readParquet: ${cut} is truncated or not a Parquet file: it starts with the magic bytes PAR1 but does not end with them`);
  });

  it('a footer that cannot be read', async () => {
    const bytes = readFileSync(files.duckdb.snappy);
    const damaged = new Uint8Array(bytes);
    // The footer's length (the 4 bytes before the closing PAR1) made larger than the file.
    new DataView(damaged.buffer).setUint32(damaged.length - 8, 0x7fffffff, true);
    await expect(readParquet(file('footer.parquet', damaged))).rejects.toThrow(/^readParquet: .*footer\.parquet is truncated or corrupt: its footer cannot be read \(/);
  });

  it('pages that do not decode, naming the column and row group', async () => {
    const bytes = readFileSync(files.duckdb.uncompressed);
    const damaged = new Uint8Array(bytes);
    // The first page header of column a (at byte 4) overwritten: its sizes become nonsense.
    damaged.fill(0xff, 4, 24);
    await expect(readParquet(file('pages.parquet', damaged), { columns: ['a'] })).rejects.toThrow(/^readParquet: .*pages\.parquet is corrupt: column 'a' of row group 0: /);
  });

  it('a missing column, listing the columns there are', async () => {
    await expect(readParquet(files.duckdb.snappy, { columns: ['a', 'z'] })).rejects.toThrow(
      new RangeError(`readParquet: ${files.duckdb.snappy} has no column 'z' (columns: a, f, k, b, n, y)`),
    );
  });

  it('a column named twice', async () => {
    await expect(readParquet(files.duckdb.snappy, { columns: ['a', 'a'] })).rejects.toThrow("readParquet: columns names 'a' twice");
  });

  it('a row group index out of range or not an integer, naming the count', async () => {
    await expect(readParquet(files.duckdb.snappy, { rowGroups: [0, 3] })).rejects.toThrow(
      new RangeError(`readParquet: rowGroups[1] is 3, but ${files.duckdb.snappy} has 3 row groups (0 to 2)`),
    );
    await expect(readParquet(files.duckdb.snappy, { rowGroups: [0.5] })).rejects.toThrow('readParquet: rowGroups[0] is 0.5, but');
    await expect(readParquet(files.duckdb.snappy, { rowGroups: ['0'] as never })).rejects.toThrow(new TypeError('readParquet: rowGroups must be an array of row group indices, got an array of length 1'));
  });

  it('options of the wrong kind', async () => {
    await expect(readParquet(files.duckdb.snappy, { columns: 'a' as never })).rejects.toThrow(new TypeError('readParquet: columns must be an array of column names, got a string'));
    await expect(readParquet(files.duckdb.snappy, { rowGroup: [0] } as never)).rejects.toThrow("readParquet: unknown option 'rowGroup' (known options: columns, rowGroups)");
  });

  it('a source of the wrong kind', async () => {
    await expect(readParquet(42 as never)).rejects.toThrow(
      new TypeError('readParquet: source must be a file path or URL, an ArrayBuffer, a Uint8Array, a Blob or an AsyncBuffer ({ byteLength, slice }), got a number'),
    );
  });

  it('a path with no file', async () => {
    const missing = join(files.dir, 'missing.parquet');
    await expect(readParquet(missing)).rejects.toThrow(new RangeError(`readParquet: cannot open ${missing}: no such file`));
  });

  it('bytes that are not Parquet, naming the kind of source', async () => {
    await expect(readParquet(new TextEncoder().encode('PAR1 but not really a file'))).rejects.toThrow('readParquet: the Uint8Array is truncated or not a Parquet file');
  });
});

describe('parquetRowGroups and parquetChunks refuse', () => {
  it('a file that is not Parquet, under their own names', async () => {
    const csv = file('rows.parquet', 'a,b\n1,2\n');
    await expect(parquetRowGroups(csv).next()).rejects.toThrow(`parquetRowGroups: ${csv} is not a Parquet file`);
    await expect(parquetChunks(csv, { target: 'b' }).next()).rejects.toThrow(`parquetChunks: ${csv} is not a Parquet file`);
  });

  it('a missing target column', async () => {
    await expect(parquetChunks(files.duckdb.snappy, { target: 'label', columns: ['a'] }).next()).rejects.toThrow(
      `parquetChunks: ${files.duckdb.snappy} has no column 'label' (columns: a, f, k, b, n, y)`,
    );
  });
});

describe('the Parquet entry without its optional packages', () => {
  const missing = (name: string) => () => Promise.reject(Object.assign(new Error(`Cannot find package '${name}' imported from x.js`), { code: 'ERR_MODULE_NOT_FOUND' }));

  it('says what to install when hyparquet is missing', async () => {
    await expect(loadParquetModules('readParquet', missing('hyparquet'))).rejects.toThrow(
      'readParquet: reading Parquet needs the package hyparquet, which is not installed: npm install hyparquet hyparquet-compressors',
    );
  });

  it('reads without hyparquet-compressors, which only gzip, zstd, brotli and lz4 need', async () => {
    const modules = await loadParquetModules('readParquet', () => import('hyparquet'), missing('hyparquet-compressors'));
    expect(modules.compressors).toBeNull();
    expect(typeof modules.hyparquet.parquetRead).toBe('function');
  });

  it('passes on an error that is not a missing package', async () => {
    await expect(loadParquetModules('readParquet', () => Promise.reject(new SyntaxError('Unexpected token')))).rejects.toThrow(new SyntaxError('Unexpected token'));
  });
});

describe('Matrix.fromArrow on a Parquet table refuses', () => {
  it('a string column as a feature', async () => {
    const table = await readParquet(files.duckdb.snappy, { columns: ['a', 'y'] });
    expect(() => Matrix.fromArrow(table)).toThrow("Matrix.fromArrow: column 'y' is not numeric (Arrow type id 5)");
  });
});
