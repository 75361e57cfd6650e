/**
 * The data-in section of `npm run bench` (issue 16): a Parquet file to a fitted model, and
 * DuckDB pushdown training, against DuckDB's own scans of the same file.
 *
 * The data: rows × 20 float64 features from a fixed hash of (row, column), uniform on
 * (−1, 1), and a 0/1 label drawn from a logistic model with known coefficients — written by
 * DuckDB (`COPY … TO 'file.parquet'`, its defaults: snappy, row groups of 122,880 rows).
 *
 * 1. **File to model.** Ours, in a process of its own (child.ts, so its peak RSS is its
 *    own): `readParquetXy(file, { target })` (logreg-wasm/parquet: row group by row group
 *    into one Matrix in WebAssembly memory, and the labels), then `fit` (lbfgs, tol 1e-4, the
 *    default). The reference: DuckDB reading the whole file into its own
 *    columnar memory (`CREATE TEMP TABLE … AS SELECT * FROM 'file'`, 2 threads, in this
 *    process) plus the same in-memory fit (the child's fit time). Ingestion = bytes of
 *    float64 X / readParquetXy's time. Peak RSS against the bytes of X.
 * 2. **Pushdown.** `fitPushdown` over `SELECT * FROM 'file'` in a process whose DuckDB has a
 *    memory_limit of a third of X's bytes (the table is 3× the memory allowed), 2 threads.
 *    Time per objective evaluation against one DuckDB scan of the columns (`SELECT sum(x0),
 *    …, sum(y) FROM 'file'`); the coefficients against the in-memory fit's (same rows,
 *    same tol); the process's peak RSS.
 *
 * Rounds alternate ours and DuckDB's (the machine is shared); medians over rounds.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { formatMiB, renderTable } from '../format.js';
import { median } from '../timing.js';

export type DataInMode = 'quick' | 'default' | 'full';

const COLS = 20;
const ROWS: Record<DataInMode, number> = { quick: 100_000, default: 10_000_000, full: 10_000_000 };
const ROUNDS: Record<DataInMode, number> = { quick: 1, default: 3, full: 5 };
const TOL = 1e-4;
const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

interface ParquetRun {
  read: number;
  ingest: number;
  fit: number;
  nIter: number;
  coef: number[];
  idle: number;
  peak: number;
}

interface PushdownRun {
  seconds: number;
  evaluations: number;
  nIter: number;
  coef: number[];
  idle: number;
  peak: number;
}

export interface DataInResults {
  rows: number;
  cols: number;
  fileBytes: number;
  xBytes: number;
  /** ms per round. */
  ours: { read: number[]; ingest: number[]; fit: number[]; peak: number[]; idle: number[] };
  duckdbRead: number[];
  duckdbScan: number[];
  /** (read + ingest + fit) / (duckdbRead + fit), medians. */
  fileToModelRatio: number;
  /** GB/s of float64 X through read + ingest. */
  ingestGBps: number;
  /** Peak RSS / bytes of X. */
  rssRatio: number;
  pushdown: PushdownRun & { memoryLimit: string; perEvaluation: number; scanRatio: number; gap: number; rssRatio: number };
}

/** Runs child.ts and parses its JSON line. */
function child<T>(args: readonly string[]): T {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CHILD, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`bench/data-in/child.ts ${args[0]} failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as T;
}

/** Largest coefficient difference relative to the largest coefficient. */
function gap(a: readonly number[], b: readonly number[]): number {
  const scale = Math.max(...b.map(Math.abs));
  return Math.max(...a.map((v, j) => Math.abs(v - (b[j] as number)))) / scale;
}

/** Times an async call, in ms. */
async function timed(call: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await call();
  return performance.now() - start;
}

export async function benchDataIn(mode: DataInMode): Promise<DataInResults> {
  const rows = ROWS[mode];
  const dir = mkdtempSync(join(tmpdir(), 'logreg-bench-data-in-'));
  try {
    const file = join(dir, 'data.parquet');
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    const connection = await instance.connect();
    const uniform = (seed: string): string => `(hash(${seed}) % 2000000)::DOUBLE / 1000000.0 - 1.0`;
    const xs = Array.from({ length: COLS }, (_, j) => `${uniform(`i * ${COLS} + ${j}`)} AS x${j}`);
    const margin = Array.from({ length: COLS }, (_, j) => `${((j % 5) - 2) * 0.5} * x${j}`).join(' + ');
    const started = performance.now();
    await connection.run(
      `COPY (SELECT *, CAST(${uniform(`i + 1000000007`)} * 0.5 + 0.5 < 1 / (1 + exp(-(${margin}))) AS INTEGER) AS y FROM (SELECT i, ${xs.join(', ')} FROM range(${rows}) r(i))) TO '${file}' (FORMAT parquet)`,
    );
    // The row number was only the seed: drop it by rewriting without it.
    const clean = join(dir, 'points.parquet');
    await connection.run(`COPY (SELECT * EXCLUDE (i) FROM '${file}') TO '${clean}' (FORMAT parquet)`);
    rmSync(file);
    const fileBytes = statSync(clean).size;
    const xBytes = rows * COLS * 8;
    console.log(`\n## Data in: ${rows.toLocaleString('en-US')} × ${COLS} float64 Parquet (written by DuckDB in ${((performance.now() - started) / 1000).toFixed(1)} s, ${formatMiB(fileBytes)}; X is ${formatMiB(xBytes)})`);

    const sums = [...Array.from({ length: COLS }, (_, j) => `sum(x${j})`), 'sum(y)'].join(', ');
    const ours: DataInResults['ours'] = { read: [], ingest: [], fit: [], peak: [], idle: [] };
    const duckdbRead: number[] = [];
    const duckdbScan: number[] = [];
    let coef: number[] = [];
    for (let round = 0; round < ROUNDS[mode]; round++) {
      const run = child<ParquetRun>(['parquet', clean, String(COLS), String(TOL)]);
      ours.read.push(run.read);
      ours.ingest.push(run.ingest);
      ours.fit.push(run.fit);
      ours.peak.push(run.peak);
      ours.idle.push(run.idle);
      coef = run.coef;
      duckdbRead.push(await timed(() => connection.run(`CREATE OR REPLACE TEMP TABLE scanned AS SELECT * FROM '${clean}'`)));
      await connection.run('DROP TABLE scanned');
      duckdbScan.push(await timed(() => connection.runAndReadAll(`SELECT ${sums} FROM '${clean}'`)));
    }
    connection.closeSync();
    instance.closeSync();

    const memoryLimit = `${Math.max(64, Math.floor(xBytes / 3 / 2 ** 20))}MB`;
    const pushed = child<PushdownRun>(['pushdown', clean, String(COLS), String(TOL), memoryLimit]);
    const perEvaluation = (pushed.seconds * 1000) / pushed.evaluations;
    const scan = median(duckdbScan);
    const [read, ingest, fit] = [median(ours.read), median(ours.ingest), median(ours.fit)];
    const results: DataInResults = {
      rows,
      cols: COLS,
      fileBytes,
      xBytes,
      ours,
      duckdbRead,
      duckdbScan,
      fileToModelRatio: (read + ingest + fit) / (median(duckdbRead) + fit),
      ingestGBps: xBytes / 1e9 / ((read + ingest) / 1000),
      rssRatio: median(ours.peak) / xBytes,
      pushdown: { ...pushed, memoryLimit, perEvaluation, scanRatio: perEvaluation / scan, gap: gap(pushed.coef, coef), rssRatio: pushed.peak / xBytes },
    };
    const ms = (v: number): string => `${v.toFixed(0)} ms`;
    console.log(
      renderTable(
        ['step', 'ours (median)', 'DuckDB (median)'],
        [
          ['read the file into memory', `${ms(read + ingest)} (readParquetXy, into the core)`, `${ms(median(duckdbRead))} (into a temp table)`],
          ['fit (lbfgs, tol 1e-4)', ms(fit), 'the same fit'],
          ['file to model', ms(read + ingest + fit), ms(median(duckdbRead) + fit)],
          ['one scan, 21 sums', '—', ms(scan)],
        ],
      ),
    );
    console.log(
      `Pushdown (DuckDB memory_limit ${memoryLimit}, a third of X; 2 threads): ${pushed.nIter} iterations, ${pushed.evaluations} evaluations in ${pushed.seconds.toFixed(1)} s, ` +
        `${ms(perEvaluation)} per evaluation; peak RSS ${formatMiB(pushed.peak)} (${formatMiB(pushed.idle)} before DuckDB started); ours (file to model) peaked at ${formatMiB(median(ours.peak))} (${formatMiB(median(ours.idle))} before reading)`,
    );
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
