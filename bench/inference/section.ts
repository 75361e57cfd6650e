/**
 * The inference section of `npm run bench`: a fitted model's statistical summary against
 * statsmodels 0.13.5, and the information-matrix pass against the machine's arithmetic peak.
 *
 * Per set (sets.ts: dense float64 from a logistic model with known coefficients):
 *
 * 1. **Fit + summary.** Ours: `new LogisticRegression({ penalty: 'none', solver: 'newton',
 *    tol: 1e-8, threads }).fit(X, y)`, then `model.summary()` and `String(summary)` (the
 *    table's formatting included), on 1 thread and on every core, over X in the core's memory
 *    (a `Matrix.alloc`, read in place: no staging in the timed window). statsmodels:
 *    `sm.Logit(y, sm.add_constant(X)).fit(disp=0)` then `str(result.summary())` in
 *    python_inference.py, timed there (add_constant included, as a user writes it), with
 *    numpy's BLAS limited by threadpoolctl to 1 thread and to every core in turn: each of our
 *    rows is judged against statsmodels on as many threads (much of statsmodels' time is
 *    single-threaded numpy, and its 2-thread BLAS suffers most when another process holds a
 *    core, so both are shown). Both sides' first fits are untimed; they give the agreement check: the largest relative
 *    difference of the standard errors (and of the coefficients), ours against statsmodels',
 *    and our 1-thread against our multi-thread summary.
 * 2. **The information pass.** `informationPass` of the core (src/core/information.ts):
 *    A = Σᵢ aᵢx̃ᵢx̃ᵢᵀ with aᵢ = pᵢ(1 − pᵢ) at the fitted model, x̃ = (x, 1), the matrix behind
 *    the nonrobust standard errors, alone, on 1 thread and on every core. Its work is
 *    n·p(p+1)/2 multiply-adds (the upper triangle, p = d + 1), 2 flops each; flops / time
 *    is compared with the peak of WebAssembly SIMD without FMA measured in the same rounds
 *    (peak.ts: 12 independent f64x2 mul+add chains in a hand-assembled module).
 *
 * Timing: everything of ours is timed by tinybench in interleaved rounds (timing.ts), one
 * call of each task per round; statsmodels is timed by its own clock once per round (per
 * thread count) before ours, so drifting load on this shared machine hits every row alike. Medians over rounds.
 * @module
 */
import { terminateWorkers } from '../../src/core/threads.js';
import { informationPass } from '../../src/core/information.js';
import { release, stageMatrix } from '../../src/core/stage.js';
import { LogisticRegression } from '../../src/estimator/logistic-regression.js';
import type { LogisticRegressionSummary } from '../../src/inference/summary.js';
import { scaledDifference } from '../agreement.js';
import { ParallelProbe } from '../bandwidth.js';
import { renderTable } from '../format.js';
import { pythonUnavailable } from '../python.js';
import { type RoundTask, median, timeInRounds } from '../timing.js';
import { InferencePeer, type PeerFit } from './peers.js';
import { CHAINS, PeakMeter, TARGET_SECONDS } from './peak.js';
import { type InferenceMode, type InferenceSet, SHAPES, inferenceSet } from './sets.js';

/** Timed rounds per mode (after the untimed first fits). */
const ROUNDS: Record<InferenceMode, number> = { quick: 1, default: 5, full: 9 };
/** Seconds of one peak-kernel call per mode. */
const PEAK_SECONDS: Record<InferenceMode, number> = { quick: 0.01, default: TARGET_SECONDS, full: TARGET_SECONDS };

/** The fit the section times (the issue's call). */
const FIT_OPTIONS = { penalty: 'none', solver: 'newton', tol: 1e-8 } as const;

/** One fit + summary row on `threads` threads: ours, or statsmodels' ({@link StatsmodelsSide}). */
export interface FitSummarySide {
  threads: number;
  /** fit + summary + its formatting as text, ms, one per round (ours: tinybench; statsmodels: its own perf_counter). */
  times: number[];
  median: number;
  /** The fit's and the summary's (with its formatting) shares of each timed call, ms (ours: performance.now inside the call; statsmodels: perf_counter). */
  fitMs: number[];
  summaryMs: number[];
  nIter: number;
}

/** One of our fit + summary rows. */
export type OursSide = FitSummarySide;

/** statsmodels with numpy's BLAS on `threads` threads. */
export interface StatsmodelsSide extends FitSummarySide {
  /** statsmodels' mle_retvals "converged" (the table marks a row that did not). */
  converged: boolean;
}

/** The information pass on one thread count. */
export interface PassSide {
  threads: number;
  /** ms, one per round. */
  times: number[];
  median: number;
  /** flops / median time, GFLOP/s. */
  gflops: number;
  /** Per round, the pass's GFLOP/s over the peak kernel's on as many threads in the same round. */
  shares: number[];
  /** The median of `shares`: what the target is judged on (pairing by round cancels the load's drift between rounds). */
  share: number;
  /** The fastest pass over the fastest peak call. */
  bestShare: number;
}

/** The peak kernel on one thread count, GFLOP/s per round. */
export interface PeakSide {
  threads: number;
  samples: number[];
  median: number;
  best: number;
}

export interface InferenceSetResult {
  set: string;
  rows: number;
  cols: number;
  description: string;
  ours: OursSide[];
  /** One per thread count of ours (BLAS limited to as many threads); empty without Python. */
  statsmodels: StatsmodelsSide[];
  agreement: {
    /** max_j |se_j − se_j(statsmodels)| / se_j(statsmodels). */
    stdErr: number;
    /** max_j |β_j − β_j(statsmodels)| / max_j |β_j(statsmodels)|. */
    coef: number;
  } | null;
  /** max_j |se_j(1 thread) − se_j(all threads)| / se_j(1 thread); 0 when bit-identical. */
  threadsAgreement: number | null;
  /** Length of our summary's text. */
  summaryChars: number;
  /** Flops of one information pass (2 per multiply-add of the upper triangle). */
  passFlops: number;
  pass: PassSide[];
  peak: PeakSide[];
  warnings: string[];
}

export interface InferenceResults {
  threads: number;
  statsmodels: string | null;
  blas: string | null;
  skipped: string[];
  /** Median cores free before the timed rounds (ParallelProbe), or null when not probed. */
  freeCores: number | null;
  peakChains: number;
  sets: InferenceSetResult[];
}

const seconds = (ms: number | null): string => (ms === null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const gflops = (x: number): string => `${x.toFixed(1)} GFLOP/s`;
const percent = (x: number): string => `${Math.round(100 * x)} %`;

/** The standard errors and estimates, const first (statsmodels' order). */
function standardErrors(summary: LogisticRegressionSummary): { se: number[]; coef: number[] } {
  const rows = summary.equations[0]!.coefficients;
  return { se: rows.map((r) => r.stdErr), coef: rows.map((r) => r.estimate) };
}

/** max_j |a_j − b_j| / |b_j|. */
function maxRelative(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`agreement: ${a.length} values against ${b.length}`);
  let worst = 0;
  for (let j = 0; j < a.length; j++) worst = Math.max(worst, Math.abs(a[j]! - b[j]!) / Math.abs(b[j]!));
  return worst;
}

/** Runs the section and prints its tables. */
export async function benchInference(mode: InferenceMode, threads: number): Promise<InferenceResults> {
  console.log('\n## Statistical inference: fit + summary against statsmodels, the information pass against the arithmetic peak\n');
  const skipped: string[] = [];
  const python = pythonUnavailable(['statsmodels', 'numpy']);
  if (python !== null) skipped.push(`statsmodels rows: ${python}`);
  for (const notice of skipped) console.log(`Skipped: ${notice}`);
  const peer = python === null ? InferencePeer.start() : null;
  const peak = new PeakMeter(threads);
  const probe = mode === 'quick' || threads < 2 ? null : new ParallelProbe(threads);
  const cores: number[] = [];
  const results: InferenceResults = { threads, statsmodels: null, blas: null, skipped, freeCores: null, peakChains: CHAINS, sets: [] };
  try {
    peak.calibrate(PEAK_SECONDS[mode]);
    for (const [rows, cols] of SHAPES[mode]) {
      const started = performance.now();
      const set = inferenceSet(rows, cols);
      try {
        console.log(`### ${set.name}: ${set.description} (made in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
        if (peer !== null) {
          await peer.load(set);
          results.statsmodels = `statsmodels ${peer.statsmodels} (numpy ${peer.numpy})`;
          results.blas = peer.blas;
        }
        const result = await benchSet(set, peer, peak, threads, ROUNDS[mode], probe === null ? undefined : async () => void cores.push(await probe.measure()));
        results.sets.push(result);
        printSet(result, peer);
        console.log(`(set done in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
      } finally {
        set.X.dispose();
      }
    }
  } finally {
    await peer?.close();
    await peak.close();
    await probe?.close();
    terminateWorkers();
  }
  if (results.statsmodels !== null) console.log(`${results.statsmodels}; numpy's BLAS (threadpoolctl): ${results.blas}`);
  results.freeCores = cores.length === 0 ? null : median(cores);
  if (results.freeCores !== null) {
    console.log(`Cores free before the timed rounds: ${results.freeCores.toFixed(2)} of ${threads} (median; range ${Math.min(...cores).toFixed(2)}–${Math.max(...cores).toFixed(2)}; ParallelProbe).`);
  }
  return results;
}

async function benchSet(set: InferenceSet, peer: InferencePeer | null, peak: PeakMeter, threads: number, rounds: number, probe: (() => Promise<void>) | undefined): Promise<InferenceSetResult> {
  const counts = threads > 1 ? [1, threads] : [1];
  const warnings: string[] = [];
  const fitMs = new Map<number, number[]>(counts.map((t) => [t, []]));
  const summaryMs = new Map<number, number[]>(counts.map((t) => [t, []]));
  const nIter = new Map<number, number>();
  let text = '';
  /** One fit + summary + its text on `t` threads; `record`: keep the split of the time between them. */
  const fitAndSummarise = (t: number, record: boolean): { model: LogisticRegression; summary: LogisticRegressionSummary } => {
    const t0 = performance.now();
    const model = new LogisticRegression({ ...FIT_OPTIONS, threads: t, onWarning: (message: string) => warnings.push(message) }).fit(set.X, set.y);
    const t1 = performance.now();
    const summary = model.summary();
    text = String(summary);
    const t2 = performance.now();
    if (record) {
      fitMs.get(t)!.push(t1 - t0);
      summaryMs.get(t)!.push(t2 - t1);
    }
    nIter.set(t, model.nIter);
    return { model, summary };
  };

  // First fits, untimed: the agreement checks (and the warm-up, worker threads started).
  const first = counts.map((t) => fitAndSummarise(t, false));
  const ours = standardErrors(first[0]!.summary);
  const threadsAgreement = counts.length > 1 ? maxRelative(standardErrors(first[1]!.summary).se, ours.se) : null;
  const statsmodels: StatsmodelsSide[] = [];
  let agreement: InferenceSetResult['agreement'] = null;
  if (peer !== null) {
    for (const t of counts) {
      const reference: PeerFit = await peer.fit(t);
      statsmodels.push({ threads: t, times: [], median: Number.NaN, fitMs: [], summaryMs: [], nIter: reference.nIter, converged: reference.converged });
      agreement ??= { stdErr: maxRelative(ours.se, reference.bse), coef: scaledDifference(ours.coef, reference.params) };
    }
  }
  const summaryChars = text.length;

  // The pass's row weights at the fitted model: aᵢ = pᵢ(1 − pᵢ).
  const margins = first[0]!.model.decisionFunction(set.X);
  const a = Float64Array.from(margins, (z) => {
    const p = 1 / (1 + Math.exp(-z));
    return p * (1 - p);
  });
  for (const { model } of first) model.dispose();
  const staged = stageMatrix(set.X, 'X');
  const p = set.cols + 1;
  const passFlops = set.rows * p * (p + 1); // n·p(p+1)/2 multiply-adds, 2 flops each
  try {
    const pass = (t: number) => (): void => void informationPass(staged, true, a, null, null, { where: 'bench', threads: t, warn: (message) => warnings.push(message) });
    pass(counts[counts.length - 1]!)(); // untimed: the pass's code and workers warm
    const tasks: RoundTask[] = [
      ...counts.map((t) => ({ name: `fit-${t}`, fn: () => fitAndSummarise(t, true).model.dispose(), runs: rounds })),
      ...counts.map((t) => ({ name: `pass-${t}`, fn: pass(t), runs: rounds })),
      { name: 'peak-1', fn: () => peak.runOne(), runs: rounds },
      ...(threads > 1 ? [{ name: `peak-${threads}`, fn: () => peak.runAll(), runs: rounds, async: true }] : []),
    ];
    const samples = await timeInRounds(tasks, {
      warmup: 0,
      beforeRound: async () => {
        await probe?.();
        for (const side of statsmodels) {
          const r = await peer!.fit(side.threads);
          side.times.push(r.ms);
          side.fitMs.push(r.msFit);
          side.summaryMs.push(r.msSummary);
        }
      },
    });
    for (const side of statsmodels) side.median = median(side.times);
    const perThread = (name: string, t: number): number[] => samples.get(`${name}-${t}`)!;
    /** GFLOP/s of the peak kernel on t threads, per round. */
    const peakRates = (t: number): number[] => perThread('peak', t).map((ms) => (t * peak.flopsPerCall) / (ms / 1000) / 1e9);
    return {
      set: set.name,
      rows: set.rows,
      cols: set.cols,
      description: set.description,
      ours: counts.map((t) => ({ threads: t, times: perThread('fit', t), median: median(perThread('fit', t)), fitMs: fitMs.get(t)!, summaryMs: summaryMs.get(t)!, nIter: nIter.get(t)! })),
      statsmodels,
      agreement,
      threadsAgreement,
      summaryChars,
      passFlops,
      pass: counts.map((t) => {
        const times = perThread('pass', t);
        const rates = times.map((ms) => passFlops / (ms / 1000) / 1e9);
        const peaks = peakRates(t);
        const shares = rates.map((rate, k) => rate / peaks[k]!);
        return { threads: t, times, median: median(times), gflops: passFlops / (median(times) / 1000) / 1e9, shares, share: median(shares), bestShare: Math.max(...rates) / Math.max(...peaks) };
      }),
      peak: counts.map((t) => {
        const rates = peakRates(t);
        return { threads: t, samples: rates, median: median(rates), best: Math.max(...rates) };
      }),
      warnings: [...new Set(warnings)],
    };
  } finally {
    release(staged);
  }
}

function printSet(r: InferenceSetResult, peer: InferencePeer | null): void {
  const peerOf = (threads: number): StatsmodelsSide | undefined => r.statsmodels.find((s) => s.threads === threads);
  const rows: string[][] = r.ours.map((s) => {
    const sm = peerOf(s.threads);
    return [
      `logreg-wasm newton (tol 1e-8) + summary()`,
      String(s.threads),
      seconds(s.median),
      seconds(Math.min(...s.times)),
      String(s.times.length),
      sm === undefined ? '—' : `${(s.median / sm.median).toFixed(2)}× (fastest ${(Math.min(...s.times) / Math.min(...sm.times)).toFixed(2)}×)`,
      `${seconds(median(s.fitMs))} + ${seconds(median(s.summaryMs))}`,
      String(s.nIter),
    ];
  });
  for (const sm of r.statsmodels) {
    rows.push([
      `statsmodels ${peer?.statsmodels ?? ''} Logit.fit() + summary()`,
      `BLAS ${sm.threads}`,
      seconds(sm.median),
      seconds(Math.min(...sm.times)),
      String(sm.times.length),
      '',
      `${seconds(median(sm.fitMs))} + ${seconds(median(sm.summaryMs))}`,
      `${sm.nIter} Newton${sm.converged ? '' : ' (not converged)'}`,
    ]);
  }
  console.log(
    renderTable(['side', 'threads', 'fit + summary (median)', 'fastest', 'runs', 'vs statsmodels on as many threads', 'fit + summary split (medians)', 'iterations'], rows),
  );
  const agree = r.agreement;
  console.log(
    `\nAgreement (first, untimed fits): standard errors ${agree === null ? '— (no statsmodels)' : `max |Δse| / se = ${agree.stdErr.toExponential(2)}, coefficients max |Δβ| / max |β| = ${agree.coef.toExponential(2)}`}; ` +
      `our ${r.ours.length > 1 ? `1 thread vs ${r.ours[r.ours.length - 1]!.threads} threads: ${r.threadsAgreement === 0 ? 'identical' : r.threadsAgreement!.toExponential(2)}` : 'one thread only'}; ` +
      `our summary's text has ${r.summaryChars} characters.`,
  );
  if (r.warnings.length > 0) console.log(`Our fits warned: ${r.warnings.join(' | ')}`);
  console.log(
    `\nInformation pass Σ pᵢ(1 − pᵢ) x̃ᵢx̃ᵢᵀ alone (${(r.passFlops / 1e9).toFixed(2)} GFLOP = n·p(p+1)/2 multiply-adds × 2, p = ${r.cols + 1}), ` +
      `against the WebAssembly SIMD peak without FMA (${CHAINS} f64x2 mul+add chains) in the same rounds:\n`,
  );
  console.log(
    renderTable(
      ['threads', 'pass (median)', 'runs', 'pass GFLOP/s (median)', 'peak GFLOP/s (median; best)', 'of peak (median of rounds; best of each)', 'per round'],
      r.pass.map((s, k) => {
        const pk = r.peak[k]!;
        return [
          String(s.threads),
          seconds(s.median),
          String(s.times.length),
          gflops(s.gflops),
          `${gflops(pk.median)}; ${gflops(pk.best)}`,
          `${percent(s.share)}; ${percent(s.bestShare)}`,
          s.shares.map(percent).join(' '),
        ];
      }),
    ),
  );
  console.log("(Per round: the pass's rate over the peak kernel's rate on as many threads in the same round, which ran next to it.)");
}
