/**
 * Draws the benchmark charts (viz/bench-chart.ts; the sparse one, viz/sparse-bench-chart.ts)
 * from the JSON that `npm run bench -- --json FILE` writes.
 *
 *   npx tsx bench/chart.ts [RESULTS_JSON] [OUT_SVG] [SPARSE_OUT_SVG]
 *
 * Defaults: docs/bench-results.json → docs/bench-chart.svg and docs/bench-sparse-chart.svg.
 * Each chart is drawn when the run has its section (a run with `--only` has one).
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderBenchChart } from '../viz/bench-chart.js';
import type { Results } from './index.js';
import { renderSparseBenchChart } from '../viz/sparse-bench-chart.js';

const input = process.argv[2] ?? 'docs/bench-results.json';
const output = process.argv[3] ?? 'docs/bench-chart.svg';
const sparseOutput = process.argv[4] ?? 'docs/bench-sparse-chart.svg';
const results = JSON.parse(readFileSync(input, 'utf8')) as Results;
if (results.shapes.length > 0) {
  writeFileSync(output, renderBenchChart(results));
  console.log(`wrote ${output}`);
}
// Runs from before the sparse section have no `sparse` field.
if ((results.sparse ?? null) !== null) {
  writeFileSync(sparseOutput, renderSparseBenchChart(results));
  console.log(`wrote ${sparseOutput}`);
}
