import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbChunks, fitStream } from '../../src/index.js';

let instance: DuckDBInstance;
let connection: Awaited<ReturnType<DuckDBInstance['connect']>>;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(`CREATE TABLE points AS
    SELECT sin(i)::DOUBLE AS a, cos(2 * i)::DOUBLE AS b, (i % 7)::INTEGER AS k,
           CASE WHEN sin(i) - cos(2 * i) > 0 THEN 'yes' ELSE 'no' END AS label
    FROM range(5000) t(i)`);
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

const OPTIONS = { classes: ['no', 'yes'], learningRate: 0.1, batchSize: 50, randomState: 0, epochs: 2 };

describe('duckdbChunks(connection, sql, { target, columns, rowsPerChunk, dtype })', () => {
  it("trains fitStream on a query's result as on the same rows given as chunks", async () => {
    const sql = 'SELECT a, b, label FROM points ORDER BY rowid';
    const fromDuckdb = await fitStream(() => duckdbChunks(connection, sql, { target: 'label', rowsPerChunk: 1000 }), OPTIONS);
    const rows = Array.from({ length: 5000 }, (_, i) => [Math.sin(i), Math.cos(2 * i)] as [number, number]);
    const chunks = Array.from({ length: 5 }, (_, c) => {
      const part = rows.slice(c * 1000, (c + 1) * 1000);
      return { X: part, y: part.map(([a, b]) => (a - b > 0 ? 'yes' : 'no')) };
    });
    const fromRows = await fitStream(() => chunks, OPTIONS);
    const [w1, w2] = [fromDuckdb.coef.toArray()[0] as number[], fromRows.coef.toArray()[0] as number[]];
    // DuckDB's sin and cos may differ from V8's in the last bit; the fits agree to rounding.
    w1.forEach((w, j) => expect(Math.abs(w - (w2[j] as number))).toBeLessThan(1e-9));
  });

  it('gathers DuckDB chunks of 2,048 rows into chunks of rowsPerChunk, the last one shorter', async () => {
    const sizes: number[] = [];
    for await (const chunk of duckdbChunks(connection, 'SELECT a, k, label FROM points', { target: 'label', rowsPerChunk: 3000 })) sizes.push(chunk.y.length);
    expect(sizes).toEqual([3000, 2000]);
  });

  it('takes the named columns in order, integers as numbers', async () => {
    const chunks = duckdbChunks(connection, 'SELECT a, k, label FROM points ORDER BY rowid LIMIT 3', { target: 'label', columns: ['k', 'a'] });
    const first = (await chunks.next()).value as { X: { toArray(): number[][] } };
    expect(first.X.toArray()).toEqual([
      [0, Math.sin(0)],
      [1, expect.closeTo(Math.sin(1), 15) as unknown as number],
      [2, expect.closeTo(Math.sin(2), 15) as unknown as number],
    ]);
  });

  it("passes DuckDB's message on with the query when the query fails", async () => {
    await expect(duckdbChunks(connection, 'SELEC 1', { target: 'y' }).next()).rejects.toThrow(/^duckdbChunks: the query failed: .*syntax error.* \(query: SELEC 1\)$/s);
  });

  it('refuses a missing column, a null feature and a text feature, naming column and row', async () => {
    await expect(duckdbChunks(connection, 'SELECT a, label FROM points', { target: 'y' }).next()).rejects.toThrow(
      new RangeError("duckdbChunks: the query's result has no column 'y' (columns: a, label)"),
    );
    await expect(duckdbChunks(connection, "SELECT CASE WHEN rowid = 2 THEN NULL ELSE a END AS a, label FROM points ORDER BY rowid", { target: 'label' }).next()).rejects.toThrow(
      new RangeError("duckdbChunks: column 'a' is null at row 2; features must be numbers (fill or drop the nulls in the query)"),
    );
    await expect(duckdbChunks(connection, "SELECT 'x' AS a, label FROM points", { target: 'label' }).next()).rejects.toThrow(/column 'a' holds a string at row 0; features must be numeric/);
  });

  it('refuses a connection that is not one and an sql that is not a string', async () => {
    await expect(duckdbChunks({}, 'SELECT 1', { target: 'y' }).next()).rejects.toThrow(new TypeError("duckdbChunks: connection must be a DuckDB connection (@duckdb/node-api's DuckDBConnection), got an object (Object)"));
    await expect(duckdbChunks(connection, 42 as never, { target: 'y' }).next()).rejects.toThrow(new TypeError('duckdbChunks: sql must be a string, got a number'));
  });
});
