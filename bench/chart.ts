/**
 * Draws the benchmark chart (viz/bench-chart.ts) from the JSON that
 * `npm run bench -- --json FILE` writes.
 *
 *   npx tsx bench/chart.ts [RESULTS_JSON] [OUT_SVG]
 *
 * Defaults: docs/bench-results.json → docs/bench-chart.svg.
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderBenchChart } from '../viz/bench-chart.js';
import type { Results } from './index.js';

const input = process.argv[2] ?? 'docs/bench-results.json';
const output = process.argv[3] ?? 'docs/bench-chart.svg';
const results = JSON.parse(readFileSync(input, 'utf8')) as Results;
writeFileSync(output, renderBenchChart(results));
console.log(`wrote ${output}`);
