/**
 * Row 3 of the model-selection bench: the l1 path (no intercept) over Cs = logspace(-4, 4, K),
 * to the same objectives per C, three ways:
 *
 * - ours: `logisticRegressionPath(X, y, { Cs, penalty: 'l1', fitIntercept: false, tol })`
 *   (default solver 'newton-cd', each C warm-started from the previous), on 1 and on all
 *   threads;
 * - LIBLINEAR 2.3 `-s 6 -c C -e eps` (newGLMNET), one cold fit per C (it has no path or warm
 *   start across C), no bias; its time is the sum over the Cs;
 * - scikit-learn's saga path: one LogisticRegression(penalty='l1', solver='saga',
 *   fit_intercept=False, warm_start=True) refitted at each C in turn.
 *
 * "The same objectives": F*_C, per C, is the lowest F_C (l1-objective.ts) any fit reached,
 * starting from our path at tol 1e-10. Each side walks down its own tolerance ladder until
 * every C lands within {@link REL} (relative) of F*_C: ours and saga one tolerance for the
 * whole path; LIBLINEAR one `-e` per C (its stopping rule is relative to the gradient at
 * w = 0, so the `-e` that reaches F*_C differs from C to C: each C gets the largest that
 * does). Then timed rounds at the chosen tolerances, the sides taking turns (ours by
 * tinybench, the peers by their own clock around the fits). F*_C is then final; a side
 * whose chosen fit is no longer within REL is reported as not reaching it.
 * @module
 */
import { logspace } from '../../src/model-selection/cs.js';
import { logisticRegressionPath } from '../../src/model-selection/path.js';
import { type RoundTask, median, timeInRounds } from '../timing.js';
import { l1Objective } from './l1-objective.js';
import type { Peers } from './peers.js';
import type { BenchSet } from './sets.js';

/** Relative gap to F*_C that counts as the same objective. */
export const REL = 1e-6;

const OUR_TOLS = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10];
const LIBLINEAR_EPS = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8];
const SAGA_TOLS = [1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8];
const OUR_MAX_ITER = 1000;

/** One fit of a whole path (ours, saga) at one tolerance. */
export interface PathStep {
  tol: number;
  ms: number;
  nIter: number[];
  objectives: number[];
  /** saga: ms per C. */
  msPerC?: number[];
}

/** One LIBLINEAR fit at one C. */
export interface LiblinearStep {
  eps: number;
  ms: number;
  nIter: number;
  cd: number;
  objective: number;
}

export interface PathSide {
  key: string;
  label: string;
  threads: number;
  ladder: PathStep[];
  /** The chosen step (largest tol within REL at every C), or null. */
  chosen: PathStep | null;
  times: number[];
  median: number | null;
  /** Largest relative gap over the Cs of the chosen step, or of the closest step when none reached. */
  gap: number;
}

export interface LiblinearSide {
  /** Per C, the ladder walked. */
  ladders: LiblinearStep[][];
  /** Per C, the chosen step, or null. */
  chosen: (LiblinearStep | null)[];
  /** Per round, the sum over the Cs. */
  times: number[];
  median: number | null;
  gap: number;
}

export interface L1Result {
  set: string;
  rows: number;
  cols: number;
  nnz: number;
  description: string;
  Cs: number[];
  /** F*_C per C, and who found it. */
  best: number[];
  bestBy: string[];
  /** Non-zero weights per C at the reference (our path at tol 1e-10). */
  nonzero: number[];
  ours: PathSide[];
  liblinear: LiblinearSide | null;
  saga: PathSide | null;
  /** Whether the saga ladder stopped on its time budget before reaching F*. */
  sagaBudgetHit: boolean;
}

export interface L1Settings {
  readonly Cs: number;
  readonly threads: readonly number[];
  readonly rounds: number;
  /** saga: epochs per fit, and the ladder's time budget (ms); a chosen saga path slower than `sagaRoundCap` ms is not fitted again in the rounds. */
  readonly sagaMaxIter: number;
  readonly sagaBudget: number;
  readonly sagaRoundCap: number;
  readonly beforeRound?: () => Promise<void>;
}

const gapOf = (F: number, best: number): number => (F - best) / Math.abs(best);

/** Runs row 3 on `set` (see the module comment). `peers` null: ours only. */
export async function benchL1Path(set: BenchSet, peers: Peers | null, settings: L1Settings): Promise<L1Result> {
  const grid = logspace(-4, 4, settings.Cs);
  const Cs = Array.from(grid);
  const best = Cs.map(() => Number.POSITIVE_INFINITY);
  const bestBy = Cs.map(() => '');
  const consider = (c: number, F: number, by: string): void => {
    if (F < best[c]!) {
      best[c] = F;
      bestBy[c] = by;
    }
  };
  const objectives = (ws: readonly Float64Array[]): number[] => ws.map((w, c) => l1Objective(set, w, Cs[c]!));
  const maxGap = (Fs: readonly number[]): number => Math.max(...Fs.map((F, c) => gapOf(F, best[c]!)));

  const oursPath = (tol: number, threads: number, maxIter = OUR_MAX_ITER): { ws: Float64Array[]; nIter: number[] } => {
    const path = logisticRegressionPath(set.X, set.y, { Cs: grid, penalty: 'l1', fitIntercept: false, tol, maxIter, threads, onWarning: null });
    const ws = path.coefs.map((m) => m.data.slice(0, set.cols));
    for (const m of path.coefs) m.dispose();
    return { ws, nIter: Array.from(path.nIter) };
  };

  // The reference: our path at tol 1e-10.
  const allThreads = Math.max(...settings.threads);
  let nonzero: number[];
  {
    const { ws } = oursPath(1e-10, allThreads);
    objectives(ws).forEach((F, c) => consider(c, F, 'logreg-wasm newton-cd, tol 1e-10 (reference)'));
    nonzero = ws.map((w) => w.reduce((n, v) => n + (v !== 0 ? 1 : 0), 0));
  }

  // Ladders.
  const ours: PathSide[] = [];
  for (const threads of settings.threads) {
    const ladder: PathStep[] = [];
    for (const tol of OUR_TOLS) {
      const started = performance.now();
      const { ws, nIter } = oursPath(tol, threads);
      const ms = performance.now() - started;
      const Fs = objectives(ws);
      Fs.forEach((F, c) => consider(c, F, `logreg-wasm newton-cd (${threads}t), tol ${tol}`));
      ladder.push({ tol, ms, nIter, objectives: Fs });
      console.log(`  logreg-wasm newton-cd path (${threads} thread${threads > 1 ? 's' : ''}), tol ${tol.toExponential(0)}: ${ms.toFixed(0)} ms, iterations ${nIter.join(' ')}, max gap ${maxGap(Fs).toExponential(1)}`);
      if (maxGap(Fs) <= REL) break;
    }
    ours.push({ key: `ours-${threads}`, label: 'logreg-wasm path (newton-cd)', threads, ladder, chosen: null, times: [], median: null, gap: Number.NaN });
  }

  let liblinear: LiblinearSide | null = null;
  let saga: PathSide | null = null;
  let sagaBudgetHit = false;
  if (peers !== null) {
    const ladders: LiblinearStep[][] = [];
    for (let c = 0; c < Cs.length; c++) {
      const ladder: LiblinearStep[] = [];
      for (const eps of LIBLINEAR_EPS) {
        const fit = await peers.liblinear(Cs[c]!, eps);
        const objective = l1Objective(set, fit.w, Cs[c]!);
        consider(c, objective, `LIBLINEAR -s 6 -e ${eps}`);
        ladder.push({ eps, ms: fit.ms, nIter: fit.nIter, cd: fit.cd, objective });
        if (gapOf(objective, best[c]!) <= REL) break;
      }
      const last = ladder[ladder.length - 1]!;
      console.log(`  LIBLINEAR -s 6, C ${Cs[c]!.toPrecision(3)}: -e ${last.eps.toExponential(0)}, ${last.ms.toFixed(0)} ms, ${last.nIter} Newton iterations, ${last.cd} CD cycles, gap ${gapOf(last.objective, best[c]!).toExponential(1)}`);
      ladders.push(ladder);
    }
    liblinear = { ladders, chosen: [], times: [], median: null, gap: Number.NaN };

    const ladder: PathStep[] = [];
    let spent = 0;
    for (const tol of SAGA_TOLS) {
      const fit = await peers.saga(Cs, tol, settings.sagaMaxIter);
      const Fs = objectives(fit.ws);
      Fs.forEach((F, c) => consider(c, F, `scikit-learn saga, tol ${tol}`));
      ladder.push({ tol, ms: fit.ms, nIter: fit.nIter, objectives: Fs, msPerC: fit.msPerC });
      spent += fit.ms;
      console.log(`  scikit-learn saga path, tol ${tol.toExponential(0)}: ${fit.ms.toFixed(0)} ms, epochs ${fit.nIter.join(' ')}, max gap ${maxGap(Fs).toExponential(1)}`);
      if (maxGap(Fs) <= REL) break;
      if (spent >= settings.sagaBudget) {
        sagaBudgetHit = true;
        break;
      }
    }
    saga = { key: 'saga', label: `scikit-learn ${peers.sklearn} saga path`, threads: 1, ladder, chosen: null, times: [], median: null, gap: Number.NaN };
  }

  // Choices against the final F*.
  const choosePath = (side: PathSide): void => {
    side.chosen = side.ladder.find((s) => maxGap(s.objectives) <= REL) ?? null;
    const closest = side.ladder.reduce((a, b) => (maxGap(b.objectives) < maxGap(a.objectives) ? b : a));
    side.gap = maxGap((side.chosen ?? closest).objectives);
  };
  ours.forEach(choosePath);
  if (saga !== null) choosePath(saga);
  if (liblinear !== null) {
    liblinear.chosen = liblinear.ladders.map((ladder, c) => ladder.find((s) => gapOf(s.objective, best[c]!) <= REL) ?? null);
    liblinear.gap = Math.max(
      ...liblinear.ladders.map((ladder, c) => Math.min(...ladder.map((s) => gapOf(s.objective, best[c]!)))),
    );
  }

  // Timed rounds at the chosen tolerances.
  const tasks: RoundTask[] = ours
    .filter((side) => side.chosen !== null)
    .map((side) => ({ name: side.key, fn: () => void oursPath(side.chosen!.tol, side.threads), runs: settings.rounds }));
  const libChosen = liblinear?.chosen.every((s) => s !== null) === true ? (liblinear.chosen as LiblinearStep[]) : null;
  const sagaAgain = saga?.chosen != null && saga.chosen.ms <= settings.sagaRoundCap;
  if (settings.rounds > 0) {
    const samples = await timeInRounds(tasks.length > 0 ? tasks : [{ name: 'none', fn: () => undefined, runs: settings.rounds }], {
      warmup: 0,
      beforeRound: async () => {
        await settings.beforeRound?.();
        if (libChosen !== null) {
          let sum = 0;
          for (let c = 0; c < Cs.length; c++) sum += (await peers!.liblinear(Cs[c]!, libChosen[c]!.eps)).ms;
          liblinear!.times.push(sum);
        }
        if (sagaAgain) saga!.times.push((await peers!.saga(Cs, saga!.chosen!.tol, settings.sagaMaxIter)).ms);
      },
    });
    for (const side of ours) if (side.chosen !== null) side.times = samples.get(side.key)!;
  } else {
    for (const side of ours) if (side.chosen !== null) side.times = [side.chosen.ms];
    if (libChosen !== null) liblinear!.times = [libChosen.reduce((s, step) => s + step.ms, 0)];
  }
  // A saga path too slow to repeat: its ladder fit is its time.
  if (saga?.chosen != null && saga.times.length === 0) saga.times = [saga.chosen.ms];
  for (const side of [...ours, ...(saga === null ? [] : [saga])]) side.median = side.times.length === 0 ? null : median(side.times);
  if (liblinear !== null) liblinear.median = liblinear.times.length === 0 ? null : median(liblinear.times);

  return { set: set.name, rows: set.rows, cols: set.cols, nnz: set.nnz, description: set.description, Cs, best, bestBy, nonzero, ours, liblinear, saga, sagaBudgetHit };
}
