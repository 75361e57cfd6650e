/**
 * The Arrow section's target, judged on one run's numbers: `Matrix.fromArrow` of
 * 1,000,000 × 20 float64 in at most 2× a `Float64Array.set` of the same values.
 * @module
 */
import type { Target } from '../index.js';
import { type ArrowResults, label } from './section.js';
import { median } from '../timing.js';

/** One target per 1,000,000 × 20 float64 set (each library and chunking). */
export function arrowTargets(results: ArrowResults): Target[] {
  const sets = results.sets.filter((r) => r.rows === 1_000_000 && r.cols === 20 && r.dtype === 'float64');
  if (sets.length === 0) return [{ target: 'Matrix.fromArrow 1,000,000×20 float64 vs Float64Array.set of the same values', needed: '≤ 2×', measured: '—', met: null }];
  return sets.map((r) => ({
    target: `Matrix.fromArrow ${label(r)} vs Float64Array.set of the same values`,
    needed: '≤ 2×',
    measured: `${r.ratio.toFixed(2)}× (medians ${median(r.fromArrow).toFixed(1)} ms vs ${median(r.set).toFixed(1)} ms; fastest runs ${(Math.min(...r.fromArrow) / Math.min(...r.set)).toFixed(2)}×)`,
    met: r.ratio <= 2,
  }));
}
