// Parquet and Arrow IPC data wherever the CLI reads CSV: the same table in each format gives
// the same model, predictions, scores and summary as the CSV file, and bad files are refused
// naming the file, row and column.
import { readFileSync } from 'node:fs';
import { parquetReadObjects } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvText, parquetBytes, writeAll } from './columnar-data.js';
import { cli, expectFailure, scratch } from './helpers.js';

const tmp = scratch();
/** A file's bytes as an ArrayBuffer of its own (a small Buffer's is Node's shared pool). */
function fileBuffer(path: string): ArrayBuffer {
  const bytes = readFileSync(path);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
}
afterAll(() => tmp.remove());
let files: Awaited<ReturnType<typeof writeAll>>;
beforeAll(async () => {
  files = await writeAll(tmp.path);
});

const FLAGS = ['--target', 'y', '--one-hot', 'color', '--impute', 'mean', '--standardize', '--tol', '1e-10', '--quiet'];

/** The model file `train` writes for `data` (its estimator and preprocessing, which must not depend on the format). */
async function trained(data: string, name: string, flags: string[] = FLAGS): Promise<{ estimator: unknown; preprocessing: unknown; target: string }> {
  const out = tmp.path(name);
  const r = await cli(['train', data, ...flags, '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8'));
}

describe('train <data.parquet|data.arrow>', () => {
  it.each([
    ['Parquet by hyparquet-writer (row groups of 50)', 'parquet'],
    ['Parquet by DuckDB', 'duck'],
    ['Arrow IPC file (batches of 64)', 'arrow'],
    ['Feather v2 (one batch)', 'feather'],
    ['Arrow IPC stream (.arrows)', 'arrows'],
  ] as const)('%s gives the model file the CSV file gives, coefficients equal', async (_, format) => {
    const fromCsv = await trained(files.csv, 'csv.json');
    const other = await trained(files[format], `${format}.json`);
    expect(other).toEqual(fromCsv);
  });

  it('reports the rows, features and the same scores as for the CSV file', async () => {
    const csv = JSON.parse((await cli(['train', files.csv, ...FLAGS, '--json'])).stdout);
    const parquet = JSON.parse((await cli(['train', files.parquet, ...FLAGS, '--json'])).stdout);
    expect(parquet.data).toEqual({ ...csv.data, file: files.parquet });
    expect(parquet.train).toEqual(csv.train);
    expect(parquet.test).toEqual(csv.test);
  });

  it('--stream on Parquet row groups gives the model --stream gives on the CSV file (chunks are cut from rows, not row groups)', async () => {
    const flags = ['--target', 'y', '--one-hot', 'color', '--impute', 'mean', '--standardize', '--stream', '--chunk-size', '37', '--epochs', '3', '--quiet'];
    const fromCsv = await trained(files.csv, 'stream-csv.json', flags);
    expect(await trained(files.parquet, 'stream-parquet.json', flags)).toEqual(fromCsv);
    expect(await trained(files.arrow, 'stream-arrow.json', flags)).toEqual(fromCsv);
  });

  it('--summary --cluster reads the cluster column from Parquet as from CSV', async () => {
    const flags = ['--target', 'y', '--features', 'x1,x2', '--impute', 'mean', '--summary', '--penalty', 'none', '--cluster', 'color', '--json', '--quiet'];
    const csv = JSON.parse((await cli(['train', files.csv, ...flags])).stdout);
    const parquet = JSON.parse((await cli(['train', files.parquet, ...flags])).stdout);
    expect(parquet.summary).toEqual(csv.summary);
  });

  it('--text vectorizes a Parquet string column as the same CSV column', async () => {
    const { parquetWriteBuffer: write } = await import('hyparquet-writer');
    const reviews = ['good film, very good', 'bad plot', 'good acting', 'bad, bad ending', 'very good', 'so bad'];
    const labels = ['pos', 'neg', 'pos', 'neg', 'pos', 'neg'];
    const csv = tmp.file('reviews.csv', `review,label\n${reviews.map((r, i) => `"${r}",${labels[i]}`).join('\n')}\n`);
    const pq = tmp.file('reviews.parquet', new Uint8Array(write({ columnData: [{ name: 'review', data: reviews, type: 'STRING' }, { name: 'label', data: labels, type: 'STRING' }] })));
    const flags = ['--target', 'label', '--text', 'review', '--tfidf', '--test-size', '0', '--quiet'];
    expect(await trained(pq, 'text-pq.json', flags)).toEqual(await trained(csv, 'text-csv.json', flags));
  });

  it('needs --target, as for CSV', async () => {
    expectFailure(await cli(['train', files.parquet]), 'train needs --target COLUMN, the column to predict', 2);
    expectFailure(await cli(['cv', files.arrow]), 'cv needs --target COLUMN, the column to predict', 2);
  });

  it('--format parquet reads a file whose name does not say Parquet', async () => {
    const renamed = tmp.file('parquet-data.bin', readFileSync(files.parquet));
    expect(await trained(renamed, 'renamed.json', [...FLAGS, '--format', 'parquet'])).toEqual(await trained(files.csv, 'csv.json'));
  });
});

describe('cv <data.arrow>', () => {
  it("scores the folds as on the CSV file", async () => {
    const csv = JSON.parse((await cli(['cv', files.csv, '--target', 'y', '--one-hot', 'color', '--impute', 'mean', '--json'])).stdout);
    const arrow = JSON.parse((await cli(['cv', files.arrow, '--target', 'y', '--one-hot', 'color', '--impute', 'mean', '--json'])).stdout);
    expect(arrow.crossValidation.folds.map((f: { score: number }) => f.score)).toEqual(csv.crossValidation.folds.map((f: { score: number }) => f.score));
  });
});

describe('predict and evaluate on Parquet and Arrow', () => {
  it('predict reads Parquet and Arrow rows as the CSV rows', async () => {
    const model = tmp.path('csv.json');
    await trained(files.csv, 'csv.json');
    const csv = await cli(['predict', model, files.csv, '--proba']);
    expect(csv.code).toBe(0);
    for (const data of [files.parquet, files.duck, files.arrows]) expect((await cli(['predict', model, data, '--proba'])).stdout).toBe(csv.stdout);
  });

  it('-o out.parquet writes the columns the CSV output has, labels as strings and probabilities as doubles, equal to the CSV', async () => {
    const model = tmp.path('csv.json');
    await trained(files.csv, 'csv.json');
    const out = tmp.path('preds.parquet');
    const r = await cli(['predict', model, files.parquet, '--proba', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`Wrote 240 predictions to ${out}\n`);
    const rows = (await parquetReadObjects({ file: fileBuffer(out) })) as Record<string, unknown>[];
    const [header, ...lines] = (await cli(['predict', model, files.csv, '--proba'])).stdout.trim().split('\n');
    expect(Object.keys(rows[0] as object)).toEqual((header as string).split(','));
    expect(rows.map((row) => Object.values(row).map(String).join(','))).toEqual(lines);
  });

  it('-o out.parquet writes numeric classes as DOUBLE', async () => {
    const data = tmp.file('numeric.csv', 'a,b,y\n1,2,0\n2,1,1\n3,3,0\n4,1,1\n5,5,0\n6,2,1\n');
    const model = tmp.path('numeric.json');
    await trained(data, 'numeric.json', ['--target', 'y', '--test-size', '0', '--quiet']);
    const out = tmp.path('numeric-preds.parquet');
    expect((await cli(['predict', model, data, '-o', out])).code).toBe(0);
    const rows = (await parquetReadObjects({ file: fileBuffer(out) })) as Record<string, unknown>[];
    expect(rows.map((row) => typeof row['y'])).toEqual(Array(6).fill('number'));
  });

  it('-o out.parquet leaves an existing file as it was when predict fails', async () => {
    const model = tmp.path('csv.json');
    await trained(files.csv, 'csv.json');
    const out = tmp.file('kept.parquet', 'old contents');
    const bad = tmp.file('bad.csv', 'x1,x2,color,y\n1,2,purple,spam\n');
    const r = await cli(['predict', model, bad, '-o', out]);
    expect(r.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('old contents');
    expect(tmp.files().filter((f) => f.startsWith('kept.parquet'))).toEqual(['kept.parquet']);
  });

  it('evaluate scores Parquet rows as the CSV rows', async () => {
    const model = tmp.path('csv.json');
    await trained(files.csv, 'csv.json');
    const csv = JSON.parse((await cli(['evaluate', model, files.csv, '--json'])).stdout);
    const parquet = JSON.parse((await cli(['evaluate', model, files.parquet, '--json'])).stdout);
    expect(parquet.scores).toEqual(csv.scores);
    expect(parquet.counts).toEqual(csv.counts);
  });
});

describe('bad Parquet and Arrow input', () => {
  it('a truncated Parquet file is refused naming the file', async () => {
    const bytes = parquetBytes();
    const cut = tmp.file('cut.parquet', bytes.subarray(0, bytes.length - 100));
    expectFailure(await cli(['train', cut, '--target', 'y']), `${cut} is truncated or not a Parquet file: it starts with the magic bytes PAR1 but does not end with them (a Parquet file ends with its footer and PAR1)`);
  });

  it('a file named .parquet that is not Parquet is refused naming the file', async () => {
    const fake = tmp.file('fake.parquet', csvText());
    expectFailure(await cli(['train', fake, '--target', 'y']), `${fake} is not a Parquet file: it does not start with the magic bytes PAR1`);
  });

  it('a file named .arrow that is not Arrow IPC is refused naming the file', async () => {
    const fake = tmp.file('fake.arrow', csvText());
    expectFailure(await cli(['train', fake, '--target', 'y']), `${fake}: is not an Arrow IPC file (it starts with neither ARROW1 nor an IPC stream message)`);
  });

  it('a truncated Arrow IPC file is refused naming the file', async () => {
    const bytes = readFileSync(files.arrow);
    const cut = tmp.file('cut.arrow', bytes.subarray(0, bytes.length - 50));
    expectFailure(await cli(['train', cut, '--target', 'y']), `${cut}: is truncated: an Arrow IPC file ends with ARROW1, and this one does not`);
  });

  it('a missing target column is named, with the columns the file has', async () => {
    expectFailure(await cli(['train', files.parquet, '--target', 'label']), `${files.parquet}: no target column 'label'; the columns are 'x1', 'x2', 'color', 'y'`);
  });

  it('a null target is named by its data row (from 1) and column', async () => {
    const data = tmp.file('null-target.csv', 'a,y\n1,0\n2,1\n3,\n4,1\n');
    const parquet = tmp.path('null-target.parquet');
    const { duckdb } = await import('./columnar-data.js');
    await duckdb(`COPY (SELECT * FROM read_csv('${data}')) TO '${parquet}' (FORMAT parquet)`);
    expectFailure(await cli(['train', parquet, '--target', 'y']), `${parquet}: row 3, column 'y' (2): the target value is missing`);
    expectFailure(await cli(['train', parquet, '--target', 'y', '--stream']), `${parquet}: row 3, column 'y' (2): the target value is missing`);
  });

  it('a null feature asks for --impute, naming the data row and column', async () => {
    expectFailure(await cli(['train', files.parquet, '--target', 'y', '--one-hot', 'color']), `${files.parquet}: row 6, column 'x1' (1): missing value; pass --impute mean or --impute median to fill it`);
  });

  it('NaN is a missing value and ±Infinity is refused, as their text in a CSV cell', async () => {
    const write = (name: string, x: number[]) =>
      tmp.file(name, new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'x', data: Float64Array.from(x), type: 'DOUBLE' }, { name: 'y', data: Int32Array.from([0, 1, 0, 1]), type: 'INT32' }] })));
    const nan = write('nan.parquet', [1, 2, Number.NaN, 4]);
    expectFailure(await cli(['train', nan, '--target', 'y']), `${nan}: row 3, column 'x' (1): missing value; pass --impute mean or --impute median to fill it`);
    const inf = write('inf.parquet', [1, Number.NEGATIVE_INFINITY, 3, 4]);
    expectFailure(await cli(['train', inf, '--target', 'y']), `${inf}: row 2, column 'x' (1): "-Infinity" is not a finite number; features must be finite`);
  });

  it('64-bit integers beyond 2⁵³ are read as the CSV reads their digits (to the nearest float64)', async () => {
    const big = [2n ** 60n + 1n, 3n, -(2n ** 55n) - 3n, 7n];
    const pq = tmp.file('big.parquet', new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'x', data: BigInt64Array.from(big), type: 'INT64' }, { name: 'y', data: Int32Array.from([0, 1, 0, 1]), type: 'INT32' }] })));
    const csv = tmp.file('big.csv', `x,y\n${big.map((v, i) => `${v},${i % 2}`).join('\n')}\n`);
    const flags = ['--target', 'y', '--test-size', '0', '--standardize', '--quiet'];
    expect(await trained(pq, 'big-pq.json', flags)).toEqual(await trained(csv, 'big-csv.json', flags));
  });

  it('--delimiter is refused for Parquet data', async () => {
    expectFailure(await cli(['train', files.parquet, '--target', 'y', '--delimiter', ';']), '--delimiter does not apply to Parquet data: it is not CSV', 2);
  });

  it('a missing file is named', async () => {
    const missing = tmp.path('none.parquet');
    expectFailure(await cli(['train', missing, '--target', 'y']), `${missing}: no such file`);
  });
});
