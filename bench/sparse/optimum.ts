/**
 * Time to the optimum on a sparse set: how long each side takes to land within
 * {@link REL} (relative) of F*, the lowest objective any side found (objective.ts).
 *
 * 1. A reference: our Newton-CG at tol 1e-10 (and LIBLINEAR at eps 1e-8 when ours cannot
 *    run), the first candidate for F*.
 * 2. Each side walks down its own tolerance ladder (LIBLINEAR `-e`, scikit-learn `tol`,
 *    our `tol`), from a fresh start each time, until a fit lands within REL of the lowest F
 *    seen so far; every w is judged by the one evaluator. SGDClassifier, which may never
 *    get there, stops at the end of its ladder or of its time budget.
 * 3. Rounds: every side that got there fits again at its tolerance, once per round, the
 *    sides taking turns (ours timed by tinybench, bench/timing.ts; the anchors by their
 *    own clock around the fit, python_sparse.py), so the machine's drifting load hits all
 *    alike. A side's time is the median over the rounds (the ladder's fits were the
 *    warm-up); in a smoke run, the ladder fit itself.
 * 4. F* is then the lowest F of all fits; a side whose chosen fit is no longer within REL
 *    of it is reported as not reaching it.
 * @module
 */
import type { CsrMatrix, LogisticRegressionOptions } from '../../src/index.js';
import { type RoundTask, median, timeInRounds } from '../timing.js';
import type { AnchorSide, Anchors } from './anchors.js';
import type { SparseData } from './generate.js';
import { sparseObjective } from './objective.js';
import { fitOurs, oursOptions } from './ours.js';

/** Relative gap to F* that counts as reaching the optimum. */
export const REL = 1e-6;

/** One fit on a ladder. */
export interface LadderStep {
  tol: number;
  ms: number;
  nIter: number;
  objective: number;
}

export interface OptimumRow {
  key: string;
  label: string;
  threads: number;
  /** The ladder as walked, in order. */
  ladder: LadderStep[];
  /** The largest tolerance within REL of F*, or null if none was. */
  tol: number | null;
  /** Median time at that tolerance, ms (null when not reached). */
  median: number | null;
  times: number[];
  nIter: number | null;
  objective: number | null;
  /** Gap to F* of the chosen fit, or of the best fit when none reached it. */
  gap: number;
}

export interface OptimumResult {
  best: number;
  /** Which side's fit found F*. */
  bestBy: string;
  rows: OptimumRow[];
}

interface Side {
  readonly key: string;
  readonly label: string;
  readonly threads: number;
  readonly tols: readonly number[];
  /** Stop walking the ladder once its fits took this long in total, ms. */
  readonly budget: number;
  fit(tol: number): Promise<{ ms: number; nIter: number; w: Float64Array }>;
  /** For ours: the timed task of one fit at `tol` (tinybench times it). */
  task?(tol: number): () => void;
}

const OUR_TOLS = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10];
const LIBLINEAR_TOLS = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8];
const SGD_TOLS = [1e-3, 1e-4, 1e-5];

export interface OptimumOptions {
  readonly C: number;
  /** Whether LIBLINEAR can run (its package is there); scikit-learn's sides need only `anchors`. */
  readonly liblinear: boolean;
  /** Our threads for the multi-thread rows. */
  readonly threads: number;
  /** Timed rounds after the ladders; 0: the ladder's fit is the time (smoke run). */
  readonly rounds: number;
  /** Epochs SGDClassifier may take per fit. */
  readonly sgdMaxIter: number;
  /** Time budget of the SGDClassifier ladder, ms. */
  readonly sgdBudget: number;
  /** Awaited before each timed round (e.g. a probe of the free cores). */
  readonly beforeRound?: () => Promise<void>;
}

function ourSide(X: CsrMatrix<'float64'>, y: Float64Array, C: number, solver: 'lbfgs' | 'newton', threads: number): Side {
  const options = (tol: number): LogisticRegressionOptions => oursOptions(C, { solver, tol, threads, maxIter: solver === 'lbfgs' ? 10_000 : 1000 });
  return {
    key: `ours-${solver}-${threads}`,
    label: `logreg-wasm ${solver}`,
    threads,
    tols: OUR_TOLS,
    budget: Number.POSITIVE_INFINITY,
    fit: (tol) => {
      const started = performance.now();
      const { w, nIter } = fitOurs(X, y, options(tol));
      return Promise.resolve({ ms: performance.now() - started, nIter, w });
    },
    task: (tol) => () => void fitOurs(X, y, options(tol)),
  };
}

function anchorSide(anchors: Anchors, side: AnchorSide, C: number, options: OptimumOptions): Side {
  const sgd = side === 'sklearn-sgd';
  const label =
    side === 'liblinear' ? 'LIBLINEAR 2.3 -s 0' : side === 'sklearn-liblinear' ? `scikit-learn ${anchors.sklearn} liblinear` : `scikit-learn ${anchors.sklearn} SGDClassifier`;
  return {
    key: side,
    label,
    threads: 1,
    tols: sgd ? SGD_TOLS : LIBLINEAR_TOLS,
    budget: sgd ? options.sgdBudget : Number.POSITIVE_INFINITY,
    fit: (tol) => anchors.fit(side, C, tol, sgd ? options.sgdMaxIter : 1000),
  };
}

const gapOf = (F: number, best: number): number => (F - best) / Math.abs(best);

/**
 * Runs the sides on one set (see the module comment). `X` is ours (null when our fits
 * cannot run on CSR); `anchors` the Python server (null when unavailable).
 */
export async function benchOptimum(data: SparseData, X: CsrMatrix<'float64'> | null, anchors: Anchors | null, options: OptimumOptions): Promise<OptimumResult> {
  const { C } = options;
  const y = data.y;
  const sides: Side[] = [];
  if (X !== null) {
    for (const threads of options.threads > 1 ? [1, options.threads] : [1]) {
      sides.push(ourSide(X, y, C, 'lbfgs', threads), ourSide(X, y, C, 'newton', threads));
    }
  }
  if (anchors !== null) {
    for (const side of ['liblinear', 'sklearn-liblinear', 'sklearn-sgd'] as const) {
      if (side !== 'liblinear' || options.liblinear) sides.push(anchorSide(anchors, side, C, options));
    }
  }

  let best = Number.POSITIVE_INFINITY;
  let bestBy = '';
  const consider = (F: number, by: string): void => {
    if (F < best) {
      best = F;
      bestBy = by;
    }
  };
  if (X !== null) {
    const { w } = fitOurs(X, y, oursOptions(C, { solver: 'newton', tol: 1e-10, maxIter: 1000, threads: options.threads }));
    consider(sparseObjective(data, w, C), 'logreg-wasm newton, tol 1e-10 (reference)');
    console.log(`  reference: logreg-wasm newton at tol 1e-10, F = ${best.toPrecision(17)}`);
  } else if (anchors !== null && options.liblinear) {
    const { w } = await anchors.fit('liblinear', C, 1e-8, 1000);
    consider(sparseObjective(data, w, C), 'LIBLINEAR 2.3 -s 0, -e 1e-8 (reference)');
  }

  const ladders = new Map<Side, LadderStep[]>();
  for (const side of sides) {
    const ladder: LadderStep[] = [];
    let spent = 0;
    for (const tol of side.tols) {
      const fit = await side.fit(tol);
      const objective = sparseObjective(data, fit.w, C);
      consider(objective, `${side.label}${side.threads > 1 ? ` (${side.threads} threads)` : ''}, tol ${tol}`);
      ladder.push({ tol, ms: fit.ms, nIter: fit.nIter, objective });
      // Progress, for runs that take minutes: the tables come at the end of the set.
      console.log(`  ${side.label} (${side.threads} thread${side.threads > 1 ? 's' : ''}), tol ${tol}: ${(fit.ms / 1000).toFixed(2)} s, ${fit.nIter} iterations, gap ${gapOf(objective, best).toExponential(1)}`);
      spent += fit.ms;
      if (gapOf(objective, best) <= REL || spent >= side.budget) break;
    }
    ladders.set(side, ladder);
  }

  // The chosen step of each side against the final F*.
  const chosen = new Map<Side, LadderStep | null>();
  for (const side of sides) chosen.set(side, ladders.get(side)!.find((s) => gapOf(s.objective, best) <= REL) ?? null);

  const times = new Map<Side, number[]>(sides.map((s) => [s, []]));
  const timed = sides.filter((s) => chosen.get(s) !== null);
  if (options.rounds > 0 && timed.length > 0) {
    const anchorsTimed = timed.filter((s) => s.task === undefined);
    const tasks: RoundTask[] = timed
      .filter((s) => s.task !== undefined)
      .map((s) => ({ name: s.key, fn: s.task!(chosen.get(s)!.tol), runs: options.rounds }));
    const samples = await timeInRounds(
      tasks.length > 0 ? tasks : [{ name: 'none', fn: () => undefined, runs: options.rounds }],
      {
        warmup: 0,
        beforeRound: async () => {
          await options.beforeRound?.();
          for (const side of anchorsTimed) times.get(side)!.push((await side.fit(chosen.get(side)!.tol)).ms);
        },
      },
    );
    for (const task of tasks) times.get(timed.find((s) => s.key === task.name)!)!.push(...samples.get(task.name)!);
  } else {
    for (const side of timed) times.get(side)!.push(chosen.get(side)!.ms);
  }

  const rows: OptimumRow[] = sides.map((side) => {
    const ladder = ladders.get(side)!;
    const step = chosen.get(side)!;
    const closest = ladder.reduce((a, b) => (b.objective < a.objective ? b : a));
    return {
      key: side.key,
      label: side.label,
      threads: side.threads,
      ladder,
      tol: step?.tol ?? null,
      median: step === null ? null : median(times.get(side)!),
      times: times.get(side)!,
      nIter: step?.nIter ?? null,
      objective: step?.objective ?? null,
      gap: gapOf((step ?? closest).objective, best),
    };
  });
  return { best, bestBy, rows };
}
