/**
 * The one objective evaluator of the sparse bench: every side's w, ours and the anchors',
 * is judged by this function on the same CSR arrays, in float64,
 *
 *   F(w) = C·Σᵢ log(1 + e^(−ỹᵢ·xᵢ·w)) + ½‖w‖²,   ỹᵢ = 2yᵢ − 1, no intercept,
 *
 * LIBLINEAR's `-s 0` objective. The other sides minimise a positive multiple of it:
 * scikit-learn's liblinear solver the same F; `SGDClassifier(loss='log_loss', alpha)`
 * (1/n)·Σ log-loss + (alpha/2)·‖w‖² = F/(C·n) with alpha = 1/(C·n); ours F/(C·n) too
 * (estimator/scaling.ts divides by C·Σsᵢ). So a relative gap in F is the same in every
 * side's own scaling.
 *
 * Each term is the stable log-loss max(z, 0) − y·z + log1p(e^(−|z|)), summed with
 * Neumaier's compensation, as bench/convergence.ts does for dense fits.
 * @module
 */
import type { SparseData } from './generate.js';

/** F(w) for the set `data` (see the module comment); `w` has one weight per column. */
export function sparseObjective(data: SparseData, w: Float64Array, C: number): number {
  const { indptr, indices, values, y } = data;
  if (w.length !== data.spec.cols) throw new RangeError(`sparseObjective: w has ${w.length} weights, expected ${data.spec.cols}`);
  const rows = indptr.length - 1;
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < rows; i++) {
    let z = 0;
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) z += values[k]! * w[indices[k]!]!;
    const term = Math.max(z, 0) - y[i]! * z + Math.log1p(Math.exp(-Math.abs(z)));
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  let norm = 0;
  for (const v of w) norm += v * v;
  return C * (sum + compensation) + 0.5 * norm;
}
