/**
 * Issue 14's targets, judged on one run's numbers (ratios from the same run).
 * @module
 */
import type { Target } from '../index.js';
import type { CvResult } from './cv.js';
import type { L1Result, PathSide } from './l1-path.js';

const times = (x: number): string => `${x.toFixed(2)}×`;

/** A time ratio target `ours / peer ≤ needed`; a peer that never reached F* gives an upper bound only. */
function ratioTarget(name: string, needed: number, ours: number | null, peer: number | null, peerLongest: number | null, note: string): Target {
  const base = { target: name, needed: `≤ ${needed}×` };
  if (ours === null) return { ...base, measured: `— (ours did not reach F*${note})`, met: null };
  if (peer !== null) return { ...base, measured: `${times(ours / peer)}${note}`, met: ours / peer <= needed };
  if (peerLongest === null) return { ...base, measured: '—', met: null };
  // The peer's time to F* exceeds its longest fit, which did not get there: our time over that fit's bounds the ratio.
  const bound = ours / peerLongest;
  return bound <= needed
    ? { ...base, measured: `< ${times(bound)} (the peer did not reach F*${note})`, met: true }
    : { ...base, measured: `not established: < ${times(bound)} only (the peer did not reach F*${note})`, met: null };
}

export function modelSelectionTargets(cv: CvResult | null, l1: readonly L1Result[]): Target[] {
  const out: Target[] = [];
  if (cv !== null) {
    out.push(
      ratioTarget(
        `LogisticRegressionCV(Cs=${cv.Cs.length}, cv=${cv.folds}) l2, ${cv.set}, ${cv.threads} threads vs scikit-learn n_jobs=${cv.peerJobs}`,
        0.25,
        cv.ours.median,
        cv.sklearn?.median ?? null,
        null,
        '',
      ),
    );
    out.push({
      target: `whole l2 path (${cv.Cs.length} Cs) for one fold vs one cold fit at C = ${cv.path.midC.toPrecision(3)}, ${cv.set}`,
      needed: '≤ 3×',
      measured: times(cv.path.pathMedian / cv.path.coldMedian),
      met: cv.path.pathMedian / cv.path.coldMedian <= 3,
    });
  }
  for (const r of l1) {
    const one = r.ours.find((s) => s.threads === 1);
    const fastest = r.ours.filter((s) => s.median !== null).reduce<PathSide | null>((a, b) => (a === null || b.median! < a.median! ? b : a), null);
    const liblinearLongest = r.liblinear === null ? null : r.liblinear.ladders.reduce((s, ladder) => s + Math.max(...ladder.map((step) => step.ms)), 0);
    out.push(ratioTarget(`l1 path (${r.Cs.length} Cs), ${r.set}, 1 thread vs LIBLINEAR 2.3 -s 6 (sum over Cs)`, 1, one?.median ?? null, r.liblinear?.median ?? null, liblinearLongest, ''));
    const sagaLongest = r.saga === null || r.saga.ladder.length === 0 ? null : Math.max(...r.saga.ladder.map((s) => s.ms));
    out.push(
      ratioTarget(
        `l1 path (${r.Cs.length} Cs), ${r.set}, fastest vs scikit-learn saga path`,
        0.3,
        fastest?.median ?? null,
        r.saga?.median ?? null,
        sagaLongest,
        fastest === null ? '' : `; ours ${fastest.threads}t`,
      ),
    );
  }
  return out;
}
