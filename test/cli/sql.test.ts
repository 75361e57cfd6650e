// train --sql QUERY: a DuckDB query's result in place of a data file, read into the same
// cells as a CSV file; DuckDB's refusals passed on with the query; a missing DuckDB named
// with what to install.
import { appendFileSync, cpSync, existsSync, readFileSync } from 'node:fs';
import { spawnSync, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../src/cli/progress.js';
import { DUCKDB_MISSING, setDuckdbImporter } from '../../src/cli/sql-table.js';
import { trainStream } from '../../src/cli/stream-train.js';
import { sqlSource } from '../../src/cli/tables.js';
import { writeAll } from './columnar-data.js';
import { cli, expectFailure, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());
let files: Awaited<ReturnType<typeof writeAll>>;
beforeAll(async () => {
  files = await writeAll(tmp.path);
});

const FLAGS = ['--target', 'y', '--one-hot', 'color', '--impute', 'mean', '--standardize', '--tol', '1e-10', '--quiet'];

async function modelFile(args: string[], name: string): Promise<unknown> {
  const out = tmp.path(name);
  const r = await cli([...args, '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8'));
}

describe('train --sql QUERY', () => {
  it("on read_csv of the CSV file gives the model file train gives on the file", async () => {
    const fromFile = await modelFile(['train', files.csv, ...FLAGS], 'file.json');
    expect(await modelFile(['train', '--sql', `SELECT * FROM read_csv('${files.csv}')`, ...FLAGS], 'sql.json')).toEqual(fromFile);
  });

  it('on a Parquet file (a glob) gives the model train gives on the file', async () => {
    const fromFile = await modelFile(['train', files.csv, ...FLAGS], 'file.json');
    const glob = join(tmp.dir, 'duck*.parquet');
    expect(await modelFile(['train', '--sql', `SELECT * FROM '${glob}'`, ...FLAGS], 'glob.json')).toEqual(fromFile);
  });

  it('with --stream gives the model --stream gives on the CSV file (the query run once per pass)', async () => {
    const flags = ['--target', 'y', '--one-hot', 'color', '--impute', 'mean', '--stream', '--chunk-size', '50', '--epochs', '2', '--quiet'];
    const fromFile = await modelFile(['train', files.csv, ...flags], 'stream-file.json');
    expect(await modelFile(['train', '--sql', `SELECT * FROM read_parquet('${files.parquet}')`, ...flags], 'stream-sql.json')).toEqual(fromFile);
  });

  it('with --summary --cluster gives the summary of the file', async () => {
    const flags = ['--target', 'y', '--features', 'x1,x2', '--impute', 'mean', '--summary', '--penalty', 'none', '--cluster', 'color', '--json', '--quiet'];
    const file = JSON.parse((await cli(['train', files.csv, ...flags])).stdout);
    const sql = JSON.parse((await cli(['train', '--sql', `SELECT * FROM '${files.parquet}'`, ...flags])).stdout);
    expect(sql.summary).toEqual(file.summary);
  });

  it('names the query in the report: the text report and the JSON report', async () => {
    const query = `SELECT * FROM '${files.parquet}'`;
    const text = await cli(['train', '--sql', query, ...FLAGS]);
    expect(text.stdout).toMatch(new RegExp(`^Data: --sql ${JSON.stringify(query).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: 240 rows, 5 features`, 'm'));
    const json = JSON.parse((await cli(['train', '--sql', query, ...FLAGS, '--json'])).stdout);
    expect(json.data).toMatchObject({ file: '--sql', sql: query, rows: 240 });
  });

  it('cv --sql scores the folds as cv on the file', async () => {
    const flags = ['--target', 'y', '--one-hot', 'color', '--impute', 'mean', '--json'];
    const file = JSON.parse((await cli(['cv', files.csv, ...flags])).stdout);
    const sql = JSON.parse((await cli(['cv', '--sql', `FROM '${files.parquet}'`, ...flags])).stdout);
    expect(sql.crossValidation.folds).toEqual(file.crossValidation.folds.map((f: object) => ({ ...f, fitSeconds: expect.any(Number) })));
  });
});

describe('train --sql: bad input', () => {
  it("passes on DuckDB's message for a syntax error, with the query", async () => {
    expectFailure(await cli(['train', '--sql', 'SELEC x FROM t', '--target', 'y']), '--sql: Failed to extract statements: Parser Error: syntax error at or near "SELEC" (query: SELEC x FROM t)');
  });

  it("passes on DuckDB's message for a file it cannot find, with the query on one line", async () => {
    const r = await cli(['train', '--sql', "SELECT *\n  FROM 'no/such/*.parquet'", '--target', 'y']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^logreg-wasm: --sql: IO Error: No files found that match the pattern "no\/such\/\*\.parquet".* \(query: SELECT \* FROM 'no\/such\/\*\.parquet'\)\n$/);
  });

  it('names a missing target column with the columns of the result', async () => {
    expectFailure(await cli(['train', '--sql', 'SELECT 1 AS a, 2 AS b', '--target', 'y']), "--sql: no target column 'y'; the columns are 'a', 'b'");
  });

  it('names a null target by its row of the result and its column', async () => {
    const query = 'SELECT * FROM (VALUES (1, 0), (2, 1), (3, NULL), (4, 1)) t(a, y)';
    expectFailure(await cli(['train', '--sql', query, '--target', 'y']), "--sql: row 3, column 'y' (2): the target value is missing");
  });

  it('refuses a result without rows, with the query', async () => {
    expectFailure(await cli(['train', '--sql', 'SELECT 1 AS a, 0 AS y WHERE false', '--target', 'y']), '--sql: the query returned no rows (query: SELECT 1 AS a, 0 AS y WHERE false)');
  });

  it('with --stream, runs the query once: rows its files gain during training do not reach the fit', async () => {
    const file = tmp.file('growing.csv', `a,y\n${Array.from({ length: 20 }, (_, i) => `${i},${i % 2}`).join('\n')}\n`);
    // The progress of each epoch appends rows to the file the query reads.
    const progress = { phase: () => {}, bytes: () => {}, update: () => appendFileSync(file, '5,1\n6,0\n'), done: () => {} } as unknown as Progress;
    const request = { target: 'y', features: [], request: { oneHot: [], impute: null, standardize: false }, epochs: 3, chunkRows: 100, testSize: 0.2, maxClasses: 100, options: { solver: 'sgd' as const, randomState: 1 }, progress };
    const result = await trainStream({ ...request, source: sqlSource(`SELECT * FROM read_csv('${file}')`) });
    expect(result.rows).toBe(20);
    expect(result.testRows).toBe(4);
  });

  it('refuses a data file given with --sql', async () => {
    expectFailure(await cli(['train', files.csv, '--sql', 'SELECT 1', '--target', 'y']), `--sql reads the rows of its query; give a data file or --sql, not both (got ${JSON.stringify(files.csv)} too)`, 2);
  });

  it('refuses --delimiter and --format with --sql', async () => {
    expectFailure(await cli(['train', '--sql', 'SELECT 1', '--target', 'y', '--delimiter', ';']), '--delimiter does not apply to --sql: DuckDB reads the files the query names', 2);
    expectFailure(await cli(['train', '--sql', 'SELECT 1', '--target', 'y', '--format', 'csv']), '--format does not apply to --sql: DuckDB reads the files the query names', 2);
  });

  it('without a data file or --sql says both', async () => {
    expectFailure(await cli(['train', '--target', 'y']), 'train needs data.csv (or --sql QUERY); got 0 arguments', 2);
  });
});

describe('train --sql without @duckdb/node-api installed', () => {
  // The bundle (dist/) copied where no node_modules can be found.
  const copy = join(tmp.dir, 'package');
  beforeAll(() => {
    const root = join(import.meta.dirname, '../..');
    if (!existsSync(join(root, 'dist/cli.js'))) execFileSync(process.execPath, ['scripts/bundle-cli.mjs'], { cwd: root });
    cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true });
  });

  it('says what to install (the import replaced by one that fails as a missing package does)', async () => {
    const missing = Object.assign(new Error("Cannot find package '@duckdb/node-api'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const before = setDuckdbImporter(() => Promise.reject(missing));
    try {
      expectFailure(await cli(['train', '--sql', 'SELECT 1 AS a, 0 AS y', '--target', 'y']), DUCKDB_MISSING);
    } finally {
      setDuckdbImporter(before);
    }
    expect(DUCKDB_MISSING).toMatch(/npm install @duckdb\/node-api$/);
  });

  it('says so from the bundled executable copied where no node_modules can be found', () => {
    const r = spawnSync(process.execPath, [join(copy, 'dist/cli.js'), 'train', '--sql', 'SELECT 1 AS a, 0 AS y', '--target', 'y'], { encoding: 'utf8', cwd: copy });
    expect(r.stderr).toBe(`logreg-wasm: ${DUCKDB_MISSING}\n`);
    expect(r.status).toBe(1);
  });

  it('the bundled executable reads Parquet and Arrow with no package installed', () => {
    const r = spawnSync(process.execPath, [join(copy, 'dist/cli.js'), 'train', files.parquet, '--target', 'y', '--one-hot', 'color', '--impute', 'mean', '--quiet', '--json'], { encoding: 'utf8', cwd: copy });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).data.rows).toBe(240);
    const a = spawnSync(process.execPath, [join(copy, 'dist/cli.js'), 'train', files.arrow, '--target', 'y', '--one-hot', 'color', '--impute', 'mean', '--quiet', '--json'], { encoding: 'utf8', cwd: copy });
    expect(JSON.parse(a.stdout).data.rows).toBe(240);
  });
});
