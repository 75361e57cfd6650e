/**
 * The one judge of the l1 path rows: every side's w, ours and the peers', is scored by
 *
 *   F_C(w) = C·Σᵢ log(1 + e^(−ỹᵢ·xᵢ·w)) + ‖w‖₁,   ỹᵢ = 2yᵢ − 1, no intercept,
 *
 * LIBLINEAR's `-s 6` objective. scikit-learn's saga minimises F_C/(C·n) (sag_solver scales
 * both terms by 1/n with β = 1/C) and ours F_C/(C·n) too (estimator/scaling.ts), so a
 * relative gap in F_C is the same in every side's scaling. Each term is the stable
 * log-loss max(z, 0) − y·z + log1p(e^(−|z|)), summed with Neumaier's compensation, as
 * bench/sparse/objective.ts does for the l2 objective.
 * @module
 */
import type { BenchSet } from './sets.js';

/** F_C(w) on `set` (see the module comment); `w` has one weight per column. */
export function l1Objective(set: BenchSet, w: Float64Array, C: number): number {
  if (w.length < set.cols) throw new RangeError(`l1Objective: w has ${w.length} weights, expected ${set.cols}`);
  const z = set.margins(w);
  const y = set.y;
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < z.length; i++) {
    const zi = z[i]!;
    const term = Math.max(zi, 0) - y[i]! * zi + Math.log1p(Math.exp(-Math.abs(zi)));
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  let norm = 0;
  for (let j = 0; j < set.cols; j++) norm += Math.abs(w[j]!);
  return C * (sum + compensation) + norm;
}
