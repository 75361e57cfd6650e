// train --pushdown: fitPushdown on a --sql query or a Parquet file, every objective
// evaluation one aggregate in DuckDB; the model file is the one in-memory train writes (up
// to the optimum's rounding), and the flags it cannot honour are refused.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, expectFailure, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());
const parquet = tmp.path('points.parquet');
const csv = tmp.path('points.csv');

beforeAll(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE points AS SELECT sin(i)::DOUBLE AS a, cos(3 * i)::DOUBLE AS b, (i % 7)::INTEGER AS c,
    CASE WHEN sin(i) + cos(3 * i) + 0.3 * sin(7 * i) > 0.2 THEN 'yes' ELSE 'no' END AS outcome FROM range(600) t(i)`);
  await connection.run(`COPY points TO '${parquet}' (FORMAT parquet)`);
  await connection.run(`COPY points TO '${csv}' (FORMAT csv, HEADER)`);
  connection.closeSync();
  instance.closeSync();
});

/** The model file a command writes. */
async function model(args: string[], name: string): Promise<{ estimator: { model: { coef: number[][]; intercept: number[]; classes: unknown[] } } }> {
  const out = tmp.path(name);
  const r = await cli([...args, '--out', out, '--quiet']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8'));
}

/** Largest coefficient or intercept difference, relative to the largest coefficient. */
function gap(a: { coef: number[][]; intercept: number[] }, b: { coef: number[][]; intercept: number[] }): number {
  const x = [...a.coef.flat(), ...a.intercept];
  const y = [...b.coef.flat(), ...b.intercept];
  return Math.max(...x.map((v, j) => Math.abs(v - (y[j] as number)))) / Math.max(...y.map(Math.abs));
}

const FIT = ['--target', 'outcome', '--tol', '1e-10', '--max-iter', '1000'];

describe('train --pushdown', () => {
  it('on a Parquet file lands on the optimum train finds in memory on every row', async () => {
    const inMemory = await model(['train', parquet, ...FIT, '--test-size', '0'], 'memory.json');
    const pushed = await model(['train', parquet, ...FIT, '--pushdown'], 'pushed.json');
    expect(pushed.estimator.model.classes).toEqual(['no', 'yes']);
    expect(gap(pushed.estimator.model, inMemory.estimator.model)).toBeLessThan(1e-6);
  });

  it('on a --sql query, with --features and --memory-limit, as on the file', async () => {
    const inMemory = await model(['train', csv, ...FIT, '--features', 'a,b', '--test-size', '0'], 'memory-ab.json');
    const query = `SELECT * FROM read_parquet('${parquet}') WHERE c >= 0`;
    const pushed = await model(['train', '--sql', query, ...FIT, '--features', 'a,b', '--pushdown', '--memory-limit', '64MB'], 'pushed-ab.json');
    expect(gap(pushed.estimator.model, inMemory.estimator.model)).toBeLessThan(1e-6);
  });

  it('with --solver newton, lands on the same optimum', async () => {
    const inMemory = await model(['train', parquet, ...FIT, '--test-size', '0'], 'memory-n.json');
    const pushed = await model(['train', parquet, ...FIT, '--pushdown', '--solver', 'newton'], 'pushed-n.json');
    expect(gap(pushed.estimator.model, inMemory.estimator.model)).toBeLessThan(1e-6);
  });

  it('writes a model file predict reads', async () => {
    await model(['train', parquet, '--target', 'outcome', '--pushdown'], 'for-predict.json');
    const r = await cli(['predict', tmp.path('for-predict.json'), csv]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('outcome');
    expect(r.stdout.trim().split('\n')).toHaveLength(601);
  });

  it('reports the fit in JSON', async () => {
    const r = await cli(['train', parquet, '--target', 'outcome', '--pushdown', '--json', '--quiet']);
    const report = JSON.parse(r.stdout);
    expect(report.fit).toMatchObject({ solver: 'lbfgs', pushdown: true, converged: true });
    expect(report.data.features).toEqual(['a', 'b', 'c']);
  });
});

describe('train --pushdown: refusals', () => {
  it('refuses the flags it cannot honour, naming why', async () => {
    expectFailure(await cli(['train', parquet, '--target', 'outcome', '--pushdown', '--one-hot', 'c']), "--one-hot does not apply to --pushdown: the query sees columns as they are; encode categories in the query (e.g. (color = 'red')::INTEGER)", 2);
    expectFailure(await cli(['train', parquet, '--target', 'outcome', '--pushdown', '--stream']), '--stream does not apply to --pushdown: pushdown already reads the data where it lies, one aggregate per evaluation', 2);
  });

  it('refuses a held-out share, another solver and a CSV file', async () => {
    expectFailure(await cli(['train', parquet, '--target', 'outcome', '--pushdown', '--test-size', '0.2']), '--pushdown fits every row of the query; hold rows out in the query itself (e.g. WHERE hash(id) % 5 <> 0) and pass --test-size 0', 2);
    expectFailure(await cli(['train', parquet, '--target', 'outcome', '--pushdown', '--solver', 'sgd']), "--pushdown runs --solver lbfgs, owlqn or newton (one aggregate per evaluation or Hessian-vector product); got 'sgd'", 2);
    expectFailure(await cli(['train', csv, '--target', 'outcome', '--pushdown']), `--pushdown runs in DuckDB on a --sql query or a Parquet file; ${csv} is CSV (query it with --sql "SELECT * FROM read_csv('…')")`, 2);
  });

  it('refuses --memory-limit without --pushdown, and passes on DuckDB\'s refusal of a bad one', async () => {
    expectFailure(await cli(['train', parquet, '--target', 'outcome', '--memory-limit', '1GB']), "--memory-limit needs --pushdown (it is DuckDB's memory limit for the pushed-down fit)", 2);
    const r = await cli(['train', parquet, '--target', 'outcome', '--pushdown', '--memory-limit', 'lots']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--memory-limit: .*/);
  });

  it("passes on fitPushdown's refusal of a non-numeric feature", async () => {
    const r = await cli(['train', '--sql', `SELECT a, outcome AS o, outcome FROM '${parquet}'`, '--target', 'outcome', '--pushdown']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--pushdown: column 'o' is VARCHAR; features and weights must be numeric/);
  });
});
