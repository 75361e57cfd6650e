/**
 * The sparse work's targets, judged on one run's numbers (ratios from the same run).
 * @module
 */
import type { Target } from '../index.js';
import type { OptimumRow } from './optimum.js';
import type { SparseResults, SparseSetResult } from './section.js';

const times = (x: number): string => `${x.toFixed(2)}×`;

/** Our fastest row that reached F* among `threads` (any thread count when undefined). */
function fastestOurs(set: SparseSetResult, threads?: number): OptimumRow | undefined {
  const ours = set.optimum.rows.filter((r) => r.key.startsWith('ours-') && r.median !== null && (threads === undefined || r.threads === threads));
  return ours.length === 0 ? undefined : ours.reduce((a, b) => (a.median! <= b.median! ? a : b));
}

function describe(row: OptimumRow): string {
  return `${row.label.replace('logreg-wasm ', '')}, ${row.threads}t`;
}

/**
 * Time-to-F* ratio of our fastest row (among `threads`) against `anchorKey`, needed ≤ `needed`.
 * An anchor that never reached F* took longer than its longest fit: the ratio against
 * that fit bounds the real one from above.
 */
function optimumTarget(set: SparseSetResult, anchorKey: string, anchorName: string, needed: number, threads: number | undefined, threadsName: string): Target {
  const name = `time to F* (1e-6), ${threadsName} vs ${anchorName}, ${set.name}`;
  const ours = fastestOurs(set, threads);
  const anchor = set.optimum.rows.find((r) => r.key === anchorKey);
  if (ours === undefined || anchor === undefined) return { target: name, needed: `≤ ${needed}×`, measured: '—', met: null };
  if (anchor.median === null) {
    // The anchor's time to F* exceeds its longest fit, which did not get there: our time over
    // that fit's bounds the ratio from above. A bound above `needed` decides nothing.
    const longest = Math.max(...anchor.ladder.map((s) => s.ms));
    const bound = ours.median! / longest;
    const why = `the anchor did not reach F*: gap ${anchor.gap.toExponential(1)} after its longest fit, ${(longest / 1000).toFixed(1)} s`;
    return bound <= needed
      ? { target: name, needed: `≤ ${needed}×`, measured: `< ${times(bound)} (${describe(ours)}; ${why})`, met: true }
      : { target: name, needed: `≤ ${needed}×`, measured: `not established: < ${times(bound)} only (${describe(ours)}; ${why})`, met: null };
  }
  const ratio = ours.median! / anchor.median;
  return { target: name, needed: `≤ ${needed}×`, measured: `${times(ratio)} (${describe(ours)})`, met: ratio <= needed };
}

export function sparseTargets(results: SparseResults): Target[] {
  const out: Target[] = [];
  const all = results.threads;
  for (const set of results.sets) {
    const one = set.throughput.find((t) => t.threads === 1 && t.nnzPerSecond !== null);
    const many = set.throughput.find((t) => t.threads === all && all > 1 && t.nnzPerSecond !== null);
    out.push({
      target: `gradient pass, 1 thread, ${set.name} (f64 values)`,
      needed: '≥ 150 M non-zeros/s',
      measured: one === undefined ? '—' : `${(one.nnzPerSecond! / 1e6).toFixed(0)} M/s`,
      met: one === undefined ? null : one.nnzPerSecond! >= 150e6,
    });
    out.push({
      target: `gradient pass, ${all} threads vs 1, ${set.name}`,
      needed: '≥ 1.7×',
      measured: one === undefined || many === undefined ? '—' : `${times(many.nnzPerSecond! / one.nnzPerSecond!)} (${(many.nnzPerSecond! / 1e6).toFixed(0)} M/s)`,
      met: one === undefined || many === undefined ? null : many.nnzPerSecond! >= 1.7 * one.nnzPerSecond!,
    });
    out.push(optimumTarget(set, 'liblinear', 'LIBLINEAR 2.3 -s 0', 1, 1, '1 thread'));
    out.push(optimumTarget(set, 'liblinear', 'LIBLINEAR 2.3 -s 0', 0.6, all, `${all} threads`));
    out.push(optimumTarget(set, 'sklearn-liblinear', "scikit-learn LogisticRegression(solver='liblinear')", 0.3, undefined, 'fastest'));
    out.push(optimumTarget(set, 'sklearn-sgd', "scikit-learn SGDClassifier(loss='log_loss')", 0.3, undefined, 'fastest'));
    const m = set.memory;
    out.push({
      target: `peak core memory of a fit vs the CSR bytes, ${set.name}`,
      needed: '≤ 1.2×',
      measured:
        m === null
          ? '—'
          : `${m.ratio.toFixed(3)}× (the fit holds at most ${(m.fitBytes / 2 ** 20).toFixed(1)} MiB beyond X's ${(m.xBytes / 2 ** 20).toFixed(0)} MiB; (n + d)·8 bytes = ${(((set.rows + set.cols) * 8) / 2 ** 20).toFixed(1)} MiB)`,
      met: m === null ? null : m.ratio <= 1.2,
    });
  }
  const h = results.hashing;
  out.push({
    target: 'HashingVectorizer throughput, 1 core (Brown corpus, default options)',
    needed: '≥ 20 MB/s',
    measured: h === null ? '—' : `${h.mbPerSecond.toFixed(1)} MB/s wall-clock (${h.mbPerCpuSecond.toFixed(1)} MB/s of CPU time)`,
    met: h === null ? null : h.mbPerSecond >= 20,
  });
  return out;
}
