/**
 * The inference section's targets, judged on one run's numbers (ratios from the same run's
 * rounds).
 * @module
 */
import type { Target } from '../index.js';
import type { InferenceSetResult } from './section.js';

const times = (x: number): string => `${x.toFixed(2)}×`;
const label = (r: InferenceSetResult): string => `${r.rows.toLocaleString('en-US')}×${r.cols}`;

/** Fit + summary against statsmodels (1 thread ≤ 0.5×, every core ≤ 0.3×), standard errors within 1e-6 of statsmodels', the pass ≥ 60 % of the peak. */
export function inferenceTargets(sets: readonly InferenceSetResult[]): Target[] {
  const out: Target[] = [];
  for (const r of sets) {
    const most = Math.max(...r.ours.map((s) => s.threads));
    for (const [threads, needed] of most > 1 ? [[1, 0.5], [most, 0.3]] : [[1, 0.5]]) {
      const side = r.ours.find((s) => s.threads === threads);
      const sm = r.statsmodels.find((s) => s.threads === threads);
      const name = `fit + summary, ${label(r)}, ${threads} thread${threads! > 1 ? 's' : ''} vs statsmodels Logit.fit() + summary() (BLAS on ${threads})`;
      if (side === undefined || sm === undefined) {
        out.push({ target: name, needed: `≤ ${needed}×`, measured: '—', met: null });
        continue;
      }
      const ratio = side.median / sm.median;
      const fastest = Math.min(...side.times) / Math.min(...sm.times);
      out.push({
        target: name,
        needed: `≤ ${needed}×`,
        measured: `${times(ratio)} (medians ${(side.median / 1000).toFixed(2)} s vs ${(sm.median / 1000).toFixed(2)} s; fastest runs ${times(fastest)})`,
        met: ratio <= needed!,
      });
    }
    out.push({
      target: `standard errors vs statsmodels, ${label(r)} (max relative difference)`,
      needed: '≤ 1e-6',
      measured: r.agreement === null ? '—' : r.agreement.stdErr.toExponential(1),
      met: r.agreement === null ? null : r.agreement.stdErr <= 1e-6,
    });
    const one = r.pass.find((s) => s.threads === 1);
    const all = r.pass.find((s) => s.threads > 1);
    const percent = (x: number): string => `${Math.round(100 * x)} %`;
    out.push({
      target: `XᵀWX pass, ${label(r)}, 1 thread: share of the WebAssembly SIMD peak without FMA (same rounds)`,
      needed: '≥ 60 %',
      measured:
        one === undefined
          ? '—'
          : `${percent(one.share)} (median over rounds; ${one.gflops.toFixed(1)} GFLOP/s; best pass / best peak ${percent(one.bestShare)})` +
            (all === undefined ? '' : `; ${all.threads} threads ${percent(all.share)} (${all.gflops.toFixed(1)} GFLOP/s)`),
      met: one === undefined ? null : one.share >= 0.6,
    });
  }
  return out;
}
