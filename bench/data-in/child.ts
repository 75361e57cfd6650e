/**
 * One measurement of the data-in section (section.ts), in a process of its own so that its
 * peak resident set (VmHWM) is its own. Prints one JSON line.
 *
 *   node --import tsx bench/data-in/child.ts parquet FILE COLS TOL
 *     readParquetXy(FILE) (row group by row group into one Matrix) → fit (lbfgs at TOL):
 *     the times of each step, the coefficients, peak RSS.
 *   node --import tsx bench/data-in/child.ts pushdown FILE COLS TOL MEMORY_LIMIT
 *     fitPushdown over `SELECT * FROM 'FILE'` with DuckDB's memory_limit (and 2 threads):
 *     time, evaluations, iterations, coefficients, peak RSS.
 * @module
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { type Label, LogisticRegression, fitPushdown } from '../../src/index.js';
import { readParquetXy } from '../../src/parquet/index.js';
import { peakRss } from '../memory.js';

const [command, file, colsArg, tolArg, memoryLimit] = process.argv.slice(2);
if (file === undefined || colsArg === undefined || tolArg === undefined) {
  console.error('usage: child.ts parquet|pushdown FILE COLS TOL [MEMORY_LIMIT]');
  process.exit(2);
}
const columns = Array.from({ length: Number(colsArg) }, (_, j) => `x${j}`);
const tol = Number(tolArg);
const idle = peakRss();

if (command === 'parquet') {
  const t0 = performance.now();
  const { X, y } = await readParquetXy(file, { target: 'y', columns });
  const t1 = t0;
  const t2 = performance.now();
  const model = new LogisticRegression({ tol, maxIter: 500 }).fit(X, y as Label[]);
  const t3 = performance.now();
  console.log(JSON.stringify({ read: t1 - t0, ingest: t2 - t1, fit: t3 - t2, nIter: model.nIter, coef: [...model.coef.toArray().flat(), ...model.intercept], idle, peak: peakRss() }));
} else if (command === 'pushdown') {
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: memoryLimit ?? '1GB', threads: '2' });
  const connection = await instance.connect();
  let evaluations = 0;
  const counting = {
    runAndReadAll: (sql: string, values?: unknown[]) => {
      if (sql.startsWith('SELECT fsum(loss)')) evaluations++;
      return connection.runAndReadAll(sql, values as never);
    },
  };
  const t0 = performance.now();
  const model = await fitPushdown(new LogisticRegression({ tol, maxIter: 500 }), counting, `SELECT * FROM '${file}'`, { target: 'y', columns });
  const t1 = performance.now();
  console.log(JSON.stringify({ seconds: (t1 - t0) / 1000, evaluations, nIter: model.nIter, coef: [...model.coef.toArray().flat(), ...model.intercept], idle, peak: peakRss() }));
  connection.closeSync();
  instance.closeSync();
} else {
  console.error(`unknown command ${command}`);
  process.exit(2);
}
