/**
 * The data-in section's targets (issue 16), judged on one run's numbers.
 * @module
 */
import type { Target } from '../index.js';
import type { DataInResults } from './section.js';

export function dataInTargets(r: DataInResults): Target[] {
  const rows = `${r.rows.toLocaleString('en-US')} × ${r.cols}`;
  const p = r.pushdown;
  return [
    { target: `Parquet file to fitted lbfgs model, ${rows} float64 (readParquetXy + fit) vs DuckDB's read of the file + the same fit`, needed: '≤ 1.3×', measured: `${r.fileToModelRatio.toFixed(2)}×`, met: r.fileToModelRatio <= 1.3 },
    { target: `Ingestion, Parquet → WebAssembly block (readParquetXy), ${rows}`, needed: '≥ 1 GB/s', measured: `${r.ingestGBps.toFixed(2)} GB/s`, met: r.ingestGBps >= 1 },
    { target: `Peak RSS, Parquet file to model, ${rows}`, needed: '≤ 1.3× X', measured: `${r.rssRatio.toFixed(2)}× X`, met: r.rssRatio <= 1.3 },
    { target: `Pushdown under memory_limit ${p.memoryLimit} (a third of X): coefficients vs the in-memory fit`, needed: '≤ 1e-6', measured: p.gap.toExponential(1), met: p.gap <= 1e-6 },
    { target: `Pushdown: time per evaluation vs one DuckDB scan of the columns`, needed: '≤ 1.5×', measured: `${p.scanRatio.toFixed(2)}× (${p.perEvaluation.toFixed(0)} ms; ${p.evaluations} evaluations in ${p.nIter} iterations)`, met: p.scanRatio <= 1.5 },
  ];
}
