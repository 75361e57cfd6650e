/**
 * What limits a gradient step: the marginal cost of a step of WASM f64 (1 thread and all
 * threads) and of the plain-JS baseline at a fixed size of X (n·d values) for several
 * numbers of columns d. A step costs about n·(a + b·d): a per row (the sigmoid's exp and
 * division, the residual, loop overhead), b per value (two multiply-adds: x·w and the
 * gradient). Fitting a and b by least squares over d shows which one dominates at the
 * benchmark's shapes; the achieved bandwidth compares with the ceiling of bandwidth.ts.
 *
 *   npx tsx bench/scan.ts [VALUES]    (default 20,000,000 values: 160 MB, out of cache)
 *
 * The marginal cost is (t(k₂) − t(k₁)) / (k₂ − k₁) for fits of k₁ and k₂ steps (median
 * of 5 each, timed by tinybench, the two fits taking turns), so the fit's fixed cost
 * (input checks, labels) drops out.
 * @module
 */
import { LogisticRegression, Matrix, gradientDescentBaseline, terminateWorkers } from '../src/index.js';
import { makeData } from './data.js';
import { formatDuration, renderTable } from './format.js';
import { ALL_THREADS } from './impls.js';
import { median, timeInRounds } from './timing.js';

const VALUES = Number(process.argv[2] ?? 20_000_000);
const COLUMNS = [2, 5, 10, 20, 50, 100];
const RUNS = 5;

/**
 * The marginal cost of a step: fits of k₁ and k₂ steps timed by tinybench, taking turns
 * (timing.ts: one round = one tinybench Bench timing one fit of each; one warm-up fit of
 * each first), RUNS rounds; (median t(k₂) − median t(k₁)) / (k₂ − k₁).
 */
async function marginal(fit: (steps: number) => void, k1: number, k2: number): Promise<number> {
  const samples = await timeInRounds(
    [
      { name: `${k1} steps`, fn: () => fit(k1), runs: RUNS },
      { name: `${k2} steps`, fn: () => fit(k2), runs: RUNS },
    ],
    { warmup: 1 },
  );
  return (median(samples.get(`${k2} steps`)!) - median(samples.get(`${k1} steps`)!)) / (k2 - k1);
}

/** Least-squares fit of per-row time = a + b·d. */
function fitLine(ds: number[], perRow: number[]): { a: number; b: number } {
  const n = ds.length;
  const mx = ds.reduce((s, v) => s + v, 0) / n;
  const my = perRow.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (ds[i]! - mx) * (perRow[i]! - my);
    sxx += (ds[i]! - mx) ** 2;
  }
  const b = sxy / sxx;
  return { a: my - b * mx, b };
}

const results: { d: number; rows: number; wasm: number; threads: number; js: number }[] = [];
for (const d of COLUMNS) {
  const rows = Math.round(VALUES / d);
  const X = Matrix.alloc(rows, d);
  const { y } = makeData(rows, d, 7 + d, X.data);
  const jsX = Matrix.from(Float64Array.from(X.data), rows, d);
  const wasmFit = (threads: number) => (steps: number) => {
    const model = new LogisticRegression({ solver: 'gd', penalty: 'none', tol: 0, maxIter: steps, threads, onWarning: null });
    model.fit(X, y);
    model.dispose();
  };
  const wasm = await marginal(wasmFit(1), 2, 12);
  const threads = await marginal(wasmFit(ALL_THREADS), 2, 12);
  terminateWorkers();
  const js = await marginal((steps) => void gradientDescentBaseline(jsX, y, { maxIter: steps }), 1, 4);
  X.dispose();
  results.push({ d, rows, wasm, threads, js });
  console.error(`d = ${d} done`);
}

const bytes = VALUES * 8;
console.log(`# Marginal cost of a gradient step, n·d = ${VALUES.toLocaleString('en-US')} values (${(bytes / 1e6).toFixed(0)} MB of float64)\n`);
console.log(
  renderTable(
    ['d', 'n', 'WASM 1 thread', 'ns / row', 'GB/s', `WASM ${ALL_THREADS} threads`, 'threads speed-up', 'plain JS', 'ns / row', 'JS / WASM'],
    results.map((r) => [
      String(r.d),
      r.rows.toLocaleString('en-US'),
      formatDuration(r.wasm),
      ((r.wasm * 1e6) / r.rows).toFixed(1),
      (bytes / (r.wasm / 1000) / 1e9).toFixed(1),
      formatDuration(r.threads),
      `${(r.wasm / r.threads).toFixed(2)}×`,
      formatDuration(r.js),
      ((r.js * 1e6) / r.rows).toFixed(1),
      `${(r.js / r.wasm).toFixed(2)}×`,
    ]),
  ),
);
for (const [name, pick] of [
  ['WASM 1 thread', (r: (typeof results)[number]) => r.wasm],
  ['plain JS', (r: (typeof results)[number]) => r.js],
] as const) {
  const { a, b } = fitLine(
    results.map((r) => r.d),
    results.map((r) => (pick(r) * 1e6) / r.rows),
  );
  console.log(`\n${name}: per-row time ≈ ${a.toFixed(1)} ns + ${b.toFixed(2)} ns × d`);
}
process.exit(0);
