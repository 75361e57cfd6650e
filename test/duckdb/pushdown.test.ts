import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogisticRegression, type LogisticRegressionOptions, fitPushdown, makeClassification } from '../../src/index.js';

let instance: DuckDBInstance;
let connection: Awaited<ReturnType<DuckDBInstance['connect']>>;
let dir: string;

/** The rows of table `points`, as fit takes them. */
const { X, y } = makeClassification({ nSamples: 3000, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, randomState: 7 });
const rows = X.toArray();
const labels = Array.from(y as ArrayLike<number>);
const weights = labels.map((_, i) => 0.5 + (i % 4));

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run('CREATE TABLE points (x1 DOUBLE, x2 DOUBLE, x3 DOUBLE, x4 DOUBLE, k INTEGER, w DOUBLE, name VARCHAR, x5 INTEGER)');
  const appender = await connection.createAppender('points');
  rows.forEach((row, i) => {
    for (const v of row) appender.appendDouble(v);
    appender.appendInteger(labels[i] as number);
    appender.appendDouble(weights[i] as number);
    appender.appendVarchar(['setosa', 'versicolor', 'virginica'][labels[i] as number] as string);
    appender.appendInteger(i % 5);
    appender.endRow();
  });
  appender.closeSync();
  dir = mkdtempSync(join(tmpdir(), 'logreg-pushdown-'));
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const FEATURES = ['x1', 'x2', 'x3', 'x4'];

/** The largest coefficient or intercept difference, relative to the largest coefficient. */
function gap(a: LogisticRegression, b: LogisticRegression): number {
  const ca = [...a.coef.toArray().flat(), ...a.intercept];
  const cb = [...b.coef.toArray().flat(), ...b.intercept];
  expect(ca.length).toBe(cb.length);
  const scale = Math.max(...cb.map(Math.abs));
  return Math.max(...ca.map((v, j) => Math.abs(v - (cb[j] as number)))) / scale;
}

const TIGHT: LogisticRegressionOptions = { tol: 1e-10, maxIter: 1000 };

describe('fitPushdown(model, connection, sql, { target, columns, sampleWeight }): the optimum of an in-memory fit', () => {
  it('finds the binary optimum of fit on the same rows, with sample weights', async () => {
    const sql = 'SELECT x1, x2, x3, x4, k = 2 AS positive, w FROM points';
    const pushed = await fitPushdown(new LogisticRegression({ ...TIGHT, C: 0.5 }), connection, sql, { target: 'positive', sampleWeight: 'w' });
    const fitted = new LogisticRegression({ ...TIGHT, C: 0.5 }).fit(rows, labels.map((k) => k === 2), { sampleWeight: weights });
    expect(pushed.classes).toEqual([false, true]);
    expect(gap(pushed, fitted)).toBeLessThan(1e-6);
  });

  it('finds the multinomial optimum with string labels, sorted as fit sorts them', async () => {
    const sql = 'SELECT x1, x2, x3, x4, name FROM points';
    const pushed = await fitPushdown(new LogisticRegression(TIGHT), connection, sql, { target: 'name' });
    const names = labels.map((k) => ['setosa', 'versicolor', 'virginica'][k] as string);
    const fitted = new LogisticRegression(TIGHT).fit(rows, names);
    expect(pushed.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(gap(pushed, fitted)).toBeLessThan(1e-6);
    expect(pushed.predict(rows)).toEqual(fitted.predict(rows));
  });

  it("finds owlqn's l1 optimum, with the same exact zeros", async () => {
    const options: LogisticRegressionOptions = { ...TIGHT, solver: 'owlqn', penalty: 'l1', C: 0.002 };
    const pushed = await fitPushdown(new LogisticRegression(options), connection, 'SELECT * FROM points', { target: 'k', columns: FEATURES });
    const fitted = new LogisticRegression(options).fit(rows, labels);
    const zeros = (m: LogisticRegression) => m.coef.toArray().flat().map((v) => v === 0);
    expect(zeros(pushed)).toEqual(zeros(fitted));
    expect(zeros(fitted)).toContain(true);
    expect(gap(pushed, fitted)).toBeLessThan(1e-6);
  });

  it("finds newton's optimum (Hessian-vector products as aggregates), binary with sample weights", async () => {
    const options: LogisticRegressionOptions = { ...TIGHT, solver: 'newton', C: 0.5 };
    const sql = 'SELECT x1, x2, x3, x4, k = 2 AS positive, w FROM points';
    const pushed = await fitPushdown(new LogisticRegression(options), connection, sql, { target: 'positive', sampleWeight: 'w' });
    const fitted = new LogisticRegression(options).fit(rows, labels.map((k) => k === 2), { sampleWeight: weights });
    expect(gap(pushed, fitted)).toBeLessThan(1e-6);
    expect(pushed.nIter).toBeLessThan(20);
  });

  it("finds newton's multinomial optimum, with balanced class weights", async () => {
    const options: LogisticRegressionOptions = { ...TIGHT, solver: 'newton', classWeight: 'balanced' };
    const pushed = await fitPushdown(new LogisticRegression(options), connection, 'SELECT * FROM points', { target: 'k', columns: FEATURES });
    const fitted = new LogisticRegression(options).fit(rows, labels);
    expect(gap(pushed, fitted)).toBeLessThan(1e-6);
  });

  it("applies classWeight 'balanced' and fitIntercept false as fit does", async () => {
    const options: LogisticRegressionOptions = { ...TIGHT, classWeight: 'balanced', fitIntercept: false };
    const sql = 'SELECT x1, x2, x3, x4, k = 0 AS first FROM points';
    const pushed = await fitPushdown(new LogisticRegression(options), connection, sql, { target: 'first' });
    const fitted = new LogisticRegression(options).fit(rows, labels.map((k) => k === 0));
    expect(pushed.intercept).toEqual(new Float64Array([0]));
    expect(gap(pushed, fitted)).toBeLessThan(1e-6);
  });

  it('reads a Parquet file through the query, integer columns included', async () => {
    const file = join(dir, 'points.parquet');
    await connection.run(`COPY points TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`);
    const pushed = await fitPushdown(new LogisticRegression(TIGHT), connection, `SELECT x1, x5, k FROM '${file}'`, { target: 'k' });
    const fitted = new LogisticRegression(TIGHT).fit(
      rows.map((row, i) => [row[0] as number, i % 5]),
      labels,
    );
    expect(gap(pushed, fitted)).toBeLessThan(1e-6);
  });

  it("reads columns named like the aggregate's own (xs, z, y, k, s, loss)", async () => {
    const sql = 'SELECT x1 AS xs, x2 AS z, x3 AS s, x4 AS loss, k = 1 AS y FROM points';
    const pushed = await fitPushdown(new LogisticRegression(TIGHT), connection, sql, { target: 'y' });
    const fitted = new LogisticRegression(TIGHT).fit(rows, labels.map((k) => k === 1));
    expect(gap(pushed, fitted)).toBeLessThan(1e-6);
  });

  it('reports every iteration to onIteration and stops when it returns false', async () => {
    const seen: number[] = [];
    const model = new LogisticRegression({ onIteration: ({ iter }) => (seen.push(iter), iter < 3) });
    await fitPushdown(model, connection, 'SELECT x1, x2, k FROM points', { target: 'k' });
    expect(seen).toEqual([1, 2, 3]);
    expect(model.nIter).toBe(3);
  });

  it('warns through onWarning when maxIter ends the fit before tol', async () => {
    const warnings: string[] = [];
    await fitPushdown(new LogisticRegression({ maxIter: 2, onWarning: (m) => warnings.push(m) }), connection, 'SELECT x1, x2, k FROM points', { target: 'k' });
    expect(warnings).toEqual([expect.stringContaining("reached maxIter = 2")]);
  });

  it('runs two fits at once, each in a core of its own, as it runs them one after the other', async () => {
    const sql = 'SELECT x1, x2, k FROM points';
    const both = await Promise.all([1, 0.01].map((C) => fitPushdown(new LogisticRegression({ C }), connection, sql, { target: 'k' })));
    for (const [i, C] of [1, 0.01].entries()) {
      const alone = await fitPushdown(new LogisticRegression({ C }), connection, sql, { target: 'k' });
      expect(gap(both[i] as LogisticRegression, alone)).toBeLessThan(1e-9);
    }
  });

  it('says through onWarning that warmStart is not used', async () => {
    const warnings: string[] = [];
    await fitPushdown(new LogisticRegression({ warmStart: true, onWarning: (m) => warnings.push(m) }), connection, 'SELECT x1, k FROM points', { target: 'k' });
    expect(warnings).toEqual(['fitPushdown: warmStart is not used; the fit starts from zeros']);
  });

  it('returns the model it was given, fitted', async () => {
    const model = new LogisticRegression();
    expect(await fitPushdown(model, connection, 'SELECT x1, k FROM points', { target: 'k' })).toBe(model);
    expect(model.nFeaturesIn).toBe(1);
  });
});

describe('fitPushdown: bad input', () => {
  const reject = (sql: string, options: Parameters<typeof fitPushdown>[3], model = new LogisticRegression()) => fitPushdown(model, connection, sql, options);

  it('refuses a solver other than lbfgs, owlqn and newton', async () => {
    await expect(reject('SELECT * FROM points', { target: 'k' }, new LogisticRegression({ solver: 'gd' }))).rejects.toThrow(
      new RangeError("fitPushdown: pushdown runs solver 'lbfgs', 'owlqn' or 'newton' (one aggregate per evaluation or Hessian-vector product); this model's solver is 'gd'"),
    );
  });

  it('names a missing column and lists those there are', async () => {
    await expect(reject('SELECT x1, k FROM points', { target: 'k', columns: ['x9'] })).rejects.toThrow(
      new RangeError("fitPushdown: the query's result has no feature column 'x9' (columns: x1, k)"),
    );
  });

  it('refuses a column that is not numeric', async () => {
    await expect(reject('SELECT x1, name, k FROM points', { target: 'k' })).rejects.toThrow(/column 'name' is VARCHAR; features and weights must be numeric/);
  });

  it('counts the nulls of a feature', async () => {
    await expect(reject('SELECT CASE WHEN k = 1 THEN NULL ELSE x1 END AS x1, k FROM points', { target: 'k' })).rejects.toThrow(
      /^fitPushdown: column 'x1' is null in \d+ of 3000 rows; fill or drop the nulls in the query/,
    );
  });

  it('refuses a null label', async () => {
    await expect(reject('SELECT x1, CASE WHEN x2 > 0 THEN k END AS k FROM points', { target: 'k' })).rejects.toThrow(/column 'k' is null in \d+ of 3000 rows; every row needs a label/);
  });

  it('refuses non-finite values', async () => {
    await expect(reject("SELECT CASE WHEN k = 1 THEN 'inf'::DOUBLE ELSE x1 END AS x1, k FROM points", { target: 'k' })).rejects.toThrow(/column 'x1' holds NaN or ±Infinity/);
  });

  it('refuses negative weights', async () => {
    await expect(reject('SELECT x1, k, w - 2 AS w FROM points', { target: 'k', sampleWeight: 'w' })).rejects.toThrow(/column 'w' \(sampleWeight\) is negative in \d+ rows/);
  });

  it('refuses a single class and an empty result', async () => {
    await expect(reject('SELECT x1, 1 AS k FROM points', { target: 'k' })).rejects.toThrow(/holds one class \(1\); at least two are needed/);
    await expect(reject('SELECT x1, k FROM points WHERE false', { target: 'k' })).rejects.toThrow('fitPushdown: the query returned no rows');
  });

  it("refuses multiClass 'ovr' over more than two classes", async () => {
    await expect(reject('SELECT x1, k FROM points', { target: 'k' }, new LogisticRegression({ multiClass: 'ovr' }))).rejects.toThrow(/multiClass 'ovr' fits 3 problems/);
  });

  it("passes DuckDB's message on, with the query", async () => {
    await expect(reject('SELEC x1 FROM points', { target: 'k' })).rejects.toThrow(/^fitPushdown: DuckDB failed: .*Parser Error: .*\(query: SELEC x1 FROM points\)$/s);
  });

  it('refuses columns that are not an array of names (a string is not read letter by letter)', async () => {
    await expect(reject('SELECT x1, k FROM points', { target: 'k', columns: 'x1' as never })).rejects.toThrow(
      new TypeError('fitPushdown: columns must be an array of column names, got a string'),
    );
  });

  it('refuses a connection of the wrong kind, and an option it does not know', async () => {
    await expect(fitPushdown(new LogisticRegression(), {}, 'SELECT 1', { target: 'k' })).rejects.toThrow(TypeError);
    await expect(reject('SELECT x1, k FROM points', { target: 'k', weights: 'w' } as never)).rejects.toThrow(/weights/);
  });

  it('leaves a fitted model as it was when a later pushdown fails', async () => {
    const model = await fitPushdown(new LogisticRegression(), connection, 'SELECT x1, k FROM points', { target: 'k' });
    const before = model.coef.toArray();
    await expect(fitPushdown(model, connection, 'SELECT x1, name FROM points', { target: 'k' })).rejects.toThrow();
    expect(model.coef.toArray()).toEqual(before);
  });

  it('holds no record other fits need: a fit from its onIteration callback runs', async () => {
    const inner: number[] = [];
    const onIteration = () => {
      inner.push(new LogisticRegression().fit(rows, labels).nIter);
    };
    const pushed = await fitPushdown(new LogisticRegression({ ...TIGHT, onIteration }), connection, 'SELECT * FROM points', { target: 'k', columns: FEATURES });
    expect(inner.length).toBe(pushed.nIter);
    expect(gap(pushed, new LogisticRegression(TIGHT).fit(rows, labels))).toBeLessThan(1e-6);
  });
});
