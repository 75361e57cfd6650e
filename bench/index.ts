/**
 * The benchmark: gradient-descent training in the WebAssembly core against the
 * plain-JS baseline and every peer, side by side in one process run, then time to
 * convergence against scikit-learn.
 *
 *   npm run bench                 800×2, 100,000×50, 1,000,000×20 (about 2 minutes), then the
 *                                 sparse sets (see --only)
 *   npm run bench -- --full       the same plus 2,000,000×32 (out of cache) and more runs
 *   npm run bench -- --quick      smoke run for CI (a few seconds; numbers not meaningful, so
 *                                 the targets are not judged)
 *   npm run bench -- --json FILE  also write the results as JSON (for bench/chart.ts)
 *   npm run bench -- --only dense|sparse|model-selection|inference|data-in
 *                                 one of the sections; the sparse one takes 20–45 minutes
 *                                 on this shared 2-core machine, plus, on the first run, about
 *                                 25 minutes to generate its sets and write them as svmlight
 *                                 text (cached afterwards, see bench/sparse/cache.ts)
 *
 * Per shape, every implementation trains on the same deterministic data with the same
 * update for a fixed number of steps (see impls.ts); before any timing its weights are
 * compared with WASM f64 1 thread after the same steps, and the bench aborts if they
 * disagree. Each row: the median over several timed fits after warm-up fits, divided by
 * the steps per fit; the baseline's time over the row's; the bytes of X one step reads
 * divided by the time per step, next to the read-bandwidth ceiling measured at the start
 * of the run (bandwidth.ts); and the peak RSS of a separate process that loads X and
 * trains that row alone (memory.ts).
 *
 * Timing: every fit in this process is timed by tinybench, in interleaved rounds (timing.ts). Each round
 * is one tinybench `Bench` with a task per implementation (and a 1-step task for each WASM
 * f64 row, for the marginal cost of a step), each timed over exactly one fit
 * (`iterations: 1`, `time: 0`); tinybench's warm-up makes the warm-up fits at the start of
 * the first round. So the implementations take turns, one fit each per round, and drifting
 * load on this shared machine hits all rows alike; a row's median is over its tinybench
 * latency samples from all rounds. Time to convergence (convergence.ts) and the bandwidth
 * ceiling (bandwidth.ts) are timed with tinybench too; the numpy and scikit-learn rows are
 * timed inside their Python process (python_peers.py).
 *
 * Then the sparse section (bench/sparse/section.ts): CSR sets shaped like RCV1 and like
 * hashed features, time to the optimum against LIBLINEAR 2.3 and scikit-learn 1.2.1,
 * gradient-pass throughput and peak memory against the CSR bytes.
 *
 * Then the model-selection section (bench/model-selection/section.ts): LogisticRegressionCV
 * against scikit-learn on the same folds, a fold's path against a cold fit, and the l1 path
 * against LIBLINEAR 2.3 `-s 6` and scikit-learn's saga.
 *
 * Then the inference section (bench/inference/section.ts): fit + summary() against statsmodels
 * 0.13.5's Logit.fit() + summary(), and the information-matrix pass against the arithmetic peak
 * of WebAssembly SIMD without FMA, measured in the same rounds.
 *
 * Then the data-in section: Matrix.fromArrow against a TypedArray.set of the same values
 * (bench/arrow/section.ts), a Parquet file written by DuckDB to a fitted model against
 * DuckDB's own read of it, and DuckDB pushdown training against one scan (bench/data-in/section.ts).
 * @module
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { scaledDifference } from './agreement.js';
import { type BandwidthResult, ParallelProbe, measureBandwidth } from './bandwidth.js';
import { type ConvergenceResult, type ConvergenceSet, benchConvergence, breastCancerSet } from './convergence.js';
import { type DataFiles, makeData, readRawInto, removeScratch, writeDataFiles } from './data.js';
import { formatDuration, formatMiB, renderTable } from './format.js';
import { ALL_THREADS, type DataSource, IMPLS, type Impl, LEARNING_RATE, type Runner, tfDescription } from './impls.js';
import { peakRss, probeMemory, runLimited } from './memory.js';
import { type RoundTask, median, timeInRounds } from './timing.js';
import { describeBlas, droppedOverrides, pythonGd, pythonUnavailable } from './python.js';
import { Matrix } from '../src/index.js';
import { type SparseResults, benchSparse } from './sparse/section.js';
import { SKLEARN, ensurePackage } from './sparse/debian.js';
import { sparseTargets } from './sparse/targets.js';
import { type ModelSelectionResults, benchModelSelection } from './model-selection/section.js';
import { modelSelectionTargets } from './model-selection/targets.js';
import { type InferenceResults, benchInference } from './inference/section.js';
import { inferenceTargets } from './inference/targets.js';
import { type DataInResults, benchDataIn } from './data-in/section.js';
import { dataInTargets } from './data-in/targets.js';
import { type ArrowResults, benchArrow } from './arrow/section.js';
import { arrowTargets } from './arrow/targets.js';

type Mode = 'quick' | 'default' | 'full';

interface Shape {
  readonly rows: number;
  readonly cols: number;
  /**
   * Steps per timed fit (slow peers: `slowSteps`): enough that one fit takes ≳ 50 ms for the
   * fastest rows and that a fit's fixed cost (input checks and labels: one pass over X and
   * y, ~15 ms at 1,000,000×20) is a small share of a step, as in a real fit of tens to
   * hundreds of iterations. The marginal cost per step is printed too.
   */
  readonly steps: number;
  readonly slowSteps: number;
  /** Untimed fits before the timed ones (the first also serves the agreement check). */
  readonly warmup: number;
  /** Timed fits (slow peers: `slowRuns`). */
  readonly runs: number;
  readonly slowRuns: number;
  /** Also a time-to-convergence set. */
  readonly convergence: boolean;
}

const SHAPES: Record<Mode, readonly Shape[]> = {
  quick: [{ rows: 800, cols: 2, steps: 50, slowSteps: 20, warmup: 1, runs: 2, slowRuns: 1, convergence: false }],
  default: [
    { rows: 800, cols: 2, steps: 2000, slowSteps: 500, warmup: 2, runs: 7, slowRuns: 5, convergence: false },
    { rows: 100_000, cols: 50, steps: 50, slowSteps: 2, warmup: 1, runs: 5, slowRuns: 3, convergence: true },
    { rows: 1_000_000, cols: 20, steps: 30, slowSteps: 1, warmup: 1, runs: 3, slowRuns: 3, convergence: true },
  ],
  full: [
    { rows: 800, cols: 2, steps: 2000, slowSteps: 500, warmup: 2, runs: 11, slowRuns: 5, convergence: false },
    { rows: 100_000, cols: 50, steps: 50, slowSteps: 2, warmup: 1, runs: 9, slowRuns: 3, convergence: true },
    { rows: 1_000_000, cols: 20, steps: 30, slowSteps: 1, warmup: 1, runs: 7, slowRuns: 3, convergence: true },
    { rows: 2_000_000, cols: 32, steps: 10, slowSteps: 1, warmup: 1, runs: 5, slowRuns: 3, convergence: false },
  ],
};

/** Read-bandwidth measurement per mode: buffer MiB and timed passes. */
const BANDWIDTH: Record<Mode, { megabytes: number; passes: number }> = {
  quick: { megabytes: 64, passes: 2 },
  default: { megabytes: 512, passes: 9 },
  full: { megabytes: 1024, passes: 9 },
};

/** Timed fits per convergence set: breast cancer, and the large shapes. */
const CONVERGENCE_RUNS: Record<Mode, { small: number; big: number }> = {
  quick: { small: 1, big: 1 },
  default: { small: 7, big: 3 },
  full: { small: 11, big: 5 },
};

const SEED = 20240501;
/** Rows whose fixed cost per fit is measured (a 1-step fit per round). */
const MARGINAL_KEYS: readonly string[] = ['wasm', 'wasm-threads'];
/** Gradient-descent step of the 'gd' convergence rows on the synthetic sets (≈ 1/L, see convergence.ts). */
const SYNTHETIC_GD_LR = 4;

// ---------------------------------------------------------------------------------------
// Command line

const USAGE = 'usage: npm run bench [-- --quick | --full] [--only dense|sparse|model-selection|inference|data-in] [--json FILE]';

const SECTIONS = ['dense', 'sparse', 'model-selection', 'inference', 'data-in'] as const;
type Section = (typeof SECTIONS)[number];

function parseCommandLine(): { mode: Mode; json: string | null; sections: readonly Section[] } {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        quick: { type: 'boolean', default: false },
        full: { type: 'boolean', default: false },
        json: { type: 'string' },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(
        `${USAGE}\n  --quick      smoke run (CI)\n  --full       adds 2,000,000×32 and more runs\n  --only S     only section S: dense (gradient descent, time to convergence), sparse, model-selection, inference or data-in (Parquet, DuckDB pushdown)\n  --json FILE  write the results as JSON`,
      );
      process.exit(0);
    }
    if (values.quick && values.full) throw new Error('--quick and --full exclude each other');
    if (values.only !== undefined && !(SECTIONS as readonly string[]).includes(values.only)) throw new Error(`--only takes ${SECTIONS.join(', ')}, got '${values.only}'`);
    const sections: readonly Section[] = values.only === undefined ? SECTIONS : [values.only as Section];
    return { mode: values.quick ? 'quick' : values.full ? 'full' : 'default', json: values.json ?? null, sections };
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------------------
// Results

export interface Row {
  key: string;
  label: string;
  threads: number;
  steps: number;
  runs: number;
  /** Median fit time / steps, ms. */
  perIter: number | null;
  /** Baseline's per-step time / this row's. */
  speedup: number | null;
  /** Bytes of X read per step / time per step, bytes/s. */
  bandwidth: number | null;
  /** The ceiling this row is compared with (1-thread or all-thread), bytes/s. */
  ceiling: number | null;
  /** Peak RSS of the row's own process, bytes. */
  peak: number | null;
  /** That process's peak RSS before it loaded X (runtime and modules), bytes; null where not measured. */
  idle?: number | null;
  /** max|Δw| / max|w| against WASM f64 1 thread after the same steps. */
  agreement: number | null;
  /** WASM f64 rows: the marginal cost of a step, ms (without the fit's fixed cost). */
  marginal?: number | null;
  note?: string;
}

export interface FixedCost {
  label: string;
  /** ms once per fit. */
  fit: number;
  /** ms per step, (t(k) − t(1)) / (k − 1). */
  marginal: number;
}

export interface ShapeResult {
  rows: number;
  cols: number;
  table: Row[];
  /** WASM f64 rows: fixed cost per fit and marginal cost per step, ms. */
  fixedCosts: FixedCost[];
  /** Median cores free during the timed rounds (see ParallelProbe); null in quick mode. */
  freeCores: number | null;
}

export interface Results {
  date: string;
  cpu: string;
  cores: number;
  node: string;
  mode: Mode;
  load: { start: string; end: string };
  /** null when the dense section did not run (`--only sparse`). */
  tfjs: string | null;
  blas: string | null;
  bandwidth: BandwidthResult | null;
  shapes: ShapeResult[];
  convergence: ConvergenceResult[];
  /** The sparse section, or null when it did not run (`--only dense`). */
  sparse: SparseResults | null;
  /** The model-selection section, or null when it did not run. */
  modelSelection: ModelSelectionResults | null;
  /** The inference section, or null when it did not run. */
  inference: InferenceResults | null;
  /** The data-in section, or null when it did not run. */
  dataIn: { arrow: ArrowResults; files: DataInResults } | null;
  targets: Target[];
  seconds: number;
}

// ---------------------------------------------------------------------------------------
// One shape

/** The 1, 5 and 15-minute load averages. */
function loadAverage(): string {
  return os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(', ');
}

function checkAgreement(label: string, shape: string, steps: number, relative: number, tolerance: number): void {
  if (!(relative <= tolerance)) {
    throw new Error(
      `${label} disagrees with WASM f64 on ${shape} after ${steps} steps: max |Δ| / max |w| = ${relative.toExponential(3)} > ${tolerance}`,
    );
  }
}

const formatBandwidth = (bytesPerSecond: number): string => `${(bytesPerSecond / 1e9).toFixed(1)} GB/s`;
const label = (rows: number, cols: number): string => `${rows.toLocaleString('en-US')}×${cols}`;

async function benchShape(shape: Shape, mode: Mode, bandwidth: BandwidthResult, skipped: ReadonlyMap<Impl['key'], string>): Promise<{ result: ShapeResult; files: DataFiles; blas: string | null }> {
  const { rows, cols } = shape;
  const name = label(rows, cols);
  const started = performance.now();
  const data = makeData(rows, cols, SEED + rows + cols);
  const files = writeDataFiles(`${rows}x${cols}`, data.x, data.y, rows, cols);
  console.log(`\n### ${name} (X: ${formatMiB(rows * cols * 8)} as float64; data made in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  const source: DataSource = {
    rows,
    cols,
    y: data.y,
    array: data.x,
    readInto: (target) => target.set(data.x),
    stream: (sink) => {
      const chunk = 1 << 21;
      for (let at = 0; at < data.x.length; at += chunk) sink(data.x.subarray(at, at + chunk), at);
    },
  };

  const table: Row[] = [];
  const fixedCosts: FixedCost[] = [];
  const memorySteps = Math.min(2, shape.slowSteps);

  // Every implementation is loaded first, so the timed fits can take turns (below).
  interface Entry {
    impl: Impl;
    runner: Runner;
    steps: number;
    runs: number;
    times: number[];
    agreement: number;
  }
  const entries: Entry[] = [];
  // Cores free during the rounds: the 2-thread row means little when another process holds one.
  const probe = mode === 'quick' || ALL_THREADS < 2 ? null : new ParallelProbe(ALL_THREADS);
  const cores: number[] = [];
  try {
    for (const impl of IMPLS) {
      if (skipped.has(impl.key)) {
        table.push({ key: impl.key, label: impl.label, threads: 1, steps: 0, runs: 0, perIter: null, speedup: null, bandwidth: null, ceiling: null, peak: null, agreement: null, note: 'skipped (see above)' });
        continue;
      }
      entries.push({
        impl,
        runner: await impl.prepare(source, LEARNING_RATE),
        steps: impl.slow ? shape.slowSteps : shape.steps,
        runs: impl.slow ? shape.slowRuns : shape.runs,
        times: [],
        agreement: Number.NaN,
      });
    }

    // Agreement: each implementation's first fit (also its first warm-up) against WASM f64 1 thread after the same steps.
    const reference = entries.find((e) => e.impl.key === 'wasm')!;
    const references = new Map<number, Float64Array>();
    const referenceAt = (steps: number): Float64Array => {
      let params = references.get(steps);
      if (params === undefined) references.set(steps, (params = reference.runner.fit(steps)));
      return params;
    };
    referenceAt(reference.steps);
    for (const entry of entries) {
      const params = entry === reference ? referenceAt(entry.steps) : entry.runner.fit(entry.steps);
      entry.agreement = scaledDifference(params, referenceAt(entry.steps));
      checkAgreement(entry.impl.label, name, entry.steps, entry.agreement, entry.impl.tolerance);
    }
    // Timed fits, with tinybench, in rounds (timing.ts): one tinybench Bench per round with a
    // task per implementation, each timed over exactly one fit, so a change in the machine's
    // load (it is shared) hits every row alike and the ratios stay fair. The WASM f64 rows
    // also have a 1-step task, for the fixed cost of a fit. The agreement fit above was the
    // first warm-up fit; tinybench's warm-up makes the rest, at the start of the first round.
    const oneStepName = (entry: Entry): string => `${entry.impl.key}, 1 step`;
    const marginalEntries = entries.filter((e) => MARGINAL_KEYS.includes(e.impl.key) && e.steps > 1);
    const rounds = Math.max(...entries.map((e) => e.runs));
    const tasks: RoundTask[] = entries.flatMap((entry) => [
      { name: entry.impl.key, fn: () => entry.runner.fit(entry.steps), runs: entry.runs },
      ...(marginalEntries.includes(entry) ? [{ name: oneStepName(entry), fn: () => entry.runner.fit(1), runs: rounds }] : []),
    ]);
    const samples = await timeInRounds(tasks, {
      warmup: shape.warmup - 1,
      beforeRound: async () => {
        if (probe !== null) cores.push(await probe.measure());
      },
    });
    const oneStep = new Map<Entry, number[]>(marginalEntries.map((e) => [e, samples.get(oneStepName(e))!]));
    for (const entry of entries) entry.times = samples.get(entry.impl.key)!;
    for (const entry of entries) {
      const { impl, steps, runs, times, agreement } = entry;
      const threads = impl.key === 'wasm-threads' ? ALL_THREADS : 1;
      const perIter = median(times) / steps;
      const ones = oneStep.get(entry);
      const marginal = ones === undefined ? null : (median(times) - median(ones)) / (steps - 1);
      if (marginal !== null) fixedCosts.push({ label: impl.label, fit: median(ones!) - marginal, marginal });
      table.push({
        key: impl.key,
        label: impl.label,
        threads,
        steps,
        runs,
        perIter,
        speedup: null,
        bandwidth: (rows * cols * impl.bytesPerValue) / (perIter / 1000),
        ceiling: threads > 1 ? bandwidth.all.median : bandwidth.single.median,
        peak: null,
        agreement,
        marginal,
      });
    }
  } finally {
    for (const entry of entries) entry.runner.dispose();
    await probe?.close();
  }
  const freeCores = cores.length === 0 ? null : median(cores);
  // Keep the table in IMPLS order (a skipped row's placeholder may have been pushed first).
  table.sort((p, q) => IMPLS.findIndex((i) => i.key === p.key) - IMPLS.findIndex((i) => i.key === q.key));
  const referenceAt = async (steps: number): Promise<Float64Array> => {
    const runner = await IMPLS.find((i) => i.key === 'wasm')!.prepare(source, LEARNING_RATE);
    try {
      return runner.fit(steps);
    } finally {
      runner.dispose();
    }
  };

  // Peak memory: a process per row, after all timing of the shape (two at a time: they only measure memory).
  const probed = table.filter((r) => r.perIter !== null && (mode !== 'quick' || r.key === 'wasm'));
  const uses = await runLimited(
    probed.map((r) => () => probeMemory(r.key as Impl['key'], files, memorySteps, LEARNING_RATE)),
    ALL_THREADS,
  );
  probed.forEach((r, i) => {
    r.peak = uses[i]!.peak;
    r.idle = uses[i]!.idle;
  });

  const python = pythonUnavailable();
  let blas: string | null = null;
  if (python === null) {
    const steps = shape.steps;
    const gd = pythonGd(files, LEARNING_RATE, steps, shape.warmup, shape.runs);
    const agreement = scaledDifference(gd.params, await referenceAt(steps));
    checkAgreement('numpy gradient descent', name, steps, agreement, 1e-9);
    const perStep = median(gd.times_ms) / steps;
    const blasThreads = Math.max(1, ...(gd.blas ?? []).map((b) => b.num_threads ?? 1));
    blas = describeBlas(gd.blas);
    table.push({
      key: 'numpy',
      label: `numpy ${gd.numpy} (BLAS)`,
      threads: blasThreads,
      steps,
      runs: gd.times_ms.length,
      perIter: perStep,
      speedup: null,
      // Two BLAS passes over X per step (X·w and Xᵀ·r): 16 bytes per value.
      bandwidth: (rows * cols * 16) / (perStep / 1000),
      ceiling: blasThreads > 1 ? bandwidth.all.median : bandwidth.single.median,
      peak: gd.maxrss_bytes,
      agreement,
      note: 'two passes over X per step',
    });
  } else {
    console.log(`numpy gradient descent skipped: ${python}`);
  }

  const baseline = table.find((r) => r.key === 'js')!.perIter!;
  for (const row of table) if (row.perIter !== null) row.speedup = baseline / row.perIter;

  console.log(
    renderTable(
      ['implementation', 'threads', 'steps × runs', 'median / step', 'vs baseline', 'X read', 'of ceiling', 'peak RSS', 'agrees to'],
      table.map((r) => [
        r.label,
        String(r.threads),
        r.perIter === null ? '—' : `${r.steps} × ${r.runs}`,
        r.perIter === null ? (r.note ?? '—') : formatDuration(r.perIter),
        r.speedup === null ? '—' : `${r.speedup.toFixed(2)}×`,
        r.bandwidth === null ? '—' : formatBandwidth(r.bandwidth),
        r.bandwidth === null || r.ceiling === null ? '—' : `${Math.round((100 * r.bandwidth) / r.ceiling)} %`,
        r.peak === null ? '—' : `${formatMiB(r.peak)}${r.idle == null ? '' : ` (+${formatMiB(r.peak - r.idle)})`}`,
        r.agreement === null ? '—' : r.agreement === 0 ? 'identical' : r.agreement.toExponential(0),
      ]),
    ),
  );
  if (freeCores !== null) {
    console.log(
      `\nCores free during the rounds: ${freeCores.toFixed(2)} of ${ALL_THREADS} (median over rounds; range ${Math.min(...cores).toFixed(2)}–${Math.max(...cores).toFixed(2)}; ` +
        `${ALL_THREADS} spinning workers against one, see ParallelProbe).`,
    );
  }
  if (mode !== 'quick') {
    for (const cost of fixedCosts) {
      console.log(
        `\n${cost.label}: a step costs ${formatDuration(cost.marginal)} at the margin ((t(${shape.steps}) − t(1)) / ${shape.steps - 1}, ` +
          `${formatBandwidth((rows * cols * 8) / (cost.marginal / 1000))} of X); each fit also pays about ${formatDuration(cost.fit)} once ` +
          `(input checks, one pass over X; labels), which the per-step column spreads over its ${shape.steps} steps.`,
      );
    }
  }
  console.log(`(shape done in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return { result: { rows, cols, table, fixedCosts, freeCores }, files, blas };
}

// ---------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const { mode, json, sections } = parseCommandLine();
  const started = performance.now();
  const loadAtStart = loadAverage();
  const cpus = os.cpus();
  const cpu = `${cpus[0]?.model ?? 'unknown'} (${cpus.length} logical cores)`;
  const date = new Date().toISOString();
  console.log('# logreg-wasm benchmark: gradient descent side by side, time to convergence, then sparse data against LIBLINEAR and scikit-learn');
  console.log(`Date:  ${date}`);
  console.log(`CPU:   ${cpu}`);
  console.log(`Node:  ${process.version}`);
  console.log(`Mode:  ${mode}${mode === 'quick' ? ' (smoke run; numbers are not meaningful)' : ''}`);
  console.log(`Load:  ${loadAtStart} (1, 5, 15 min) at the start; the machine's other work is noise in every row`);
  // Before anything asks whether Python can run: installs python3-sklearn when absent (as root).
  const sklearnMissing = ensurePackage(SKLEARN);
  if (sklearnMissing !== null) console.log(`python3-sklearn: ${sklearnMissing}`);

  const dense = sections.includes('dense') ? await benchDense(mode) : null;
  const sparse = sections.includes('sparse') ? await benchSparse(mode, ALL_THREADS) : null;
  const modelSelection = sections.includes('model-selection') ? await benchModelSelection(mode, ALL_THREADS) : null;
  const inference = sections.includes('inference') ? await benchInference(mode, ALL_THREADS) : null;
  const dataIn = sections.includes('data-in') ? { arrow: await benchArrow(mode), files: await benchDataIn(mode) } : null;

  const targets = printSummary(dense, sparse, modelSelection, inference, dataIn, mode);
  const seconds = (performance.now() - started) / 1000;
  console.log(`\nPeak RSS of this process (VmHWM): ${formatMiB(peakRss())}`);
  console.log(`Load average at the end: ${loadAverage()}`);
  console.log(`Total bench time: ${seconds.toFixed(1)} s`);
  if (json !== null) {
    const results: Results = {
      date,
      cpu,
      cores: cpus.length,
      node: process.version,
      mode,
      load: { start: loadAtStart, end: loadAverage() },
      tfjs: dense?.tfjs ?? null,
      blas: dense?.blas ?? null,
      bandwidth: dense?.bandwidth ?? null,
      shapes: dense?.shapes ?? [],
      convergence: dense?.convergence ?? [],
      sparse,
      modelSelection,
      inference,
      dataIn,
      targets,
      seconds,
    };
    writeFileSync(json, `${JSON.stringify(results, null, 1)}\n`);
    console.log(`Results written to ${json}`);
  }
}

interface DenseResults {
  tfjs: string;
  blas: string | null;
  bandwidth: BandwidthResult;
  shapes: ShapeResult[];
  convergence: ConvergenceResult[];
}

/** The dense section: gradient descent side by side, then time to convergence. */
async function benchDense(mode: Mode): Promise<DenseResults> {
  const bw = BANDWIDTH[mode];
  const bandwidth = await measureBandwidth(ALL_THREADS, bw.megabytes, bw.passes);
  console.log(
    `Read-bandwidth ceiling (WASM f64x2 sum over ${bw.megabytes} MiB, median of ${bw.passes} passes): ` +
      `${formatBandwidth(bandwidth.single.median)} on 1 thread, ${formatBandwidth(bandwidth.all.median)} on ${ALL_THREADS} ` +
      `(best passes ${formatBandwidth(bandwidth.single.best)}, ${formatBandwidth(bandwidth.all.best)})`,
  );
  const tfjs = await tfDescription();
  console.log(`TensorFlow.js: ${tfjs}`);
  const python = pythonUnavailable();
  let blas: string | null = null;
  if (python !== null) console.log(`Python peers skipped: ${python}`);
  const skipped = new Map<Impl['key'], string>();
  for (const impl of IMPLS) {
    const why = impl.unavailable?.() ?? null;
    if (why !== null) {
      skipped.set(impl.key, why);
      console.log(`${impl.label}: skipped (${why})`);
    }
  }
  const dropped = droppedOverrides();
  if (dropped.length > 0) console.log(`Python runs without ${dropped.join(', ')} (unset for its subprocesses only)`);
  console.log(
    'Each row: median of the timed fits (after warm-up; tinybench, one fit of each row per round) / steps per fit. "vs baseline" = baseline time / row time. ' +
      '"X read" = bytes of X per step / time per step (X in the row\'s own dtype), "of ceiling" against the 1-thread or ' +
      'all-thread ceiling above. "peak RSS" = peak resident set (VmHWM) of a separate process that loads X and trains that row alone ' +
        '(in brackets: above that process\'s peak before it loaded X, i.e. what the data and training add to the runtime).',
  );

  const shapes: ShapeResult[] = [];
  const convergenceSets: { shape: Shape; files: DataFiles }[] = [];
  for (const shape of SHAPES[mode]) {
    const { result, files, blas: info } = await benchShape(shape, mode, bandwidth, skipped);
    blas ??= info;
    shapes.push(result);
    if (shape.convergence) convergenceSets.push({ shape, files });
  }
  if (blas !== null) console.log(`\nnumpy's BLAS (threadpoolctl): ${blas}`);

  console.log('\n## Time to convergence\n');
  console.log(
    "penalty 'l2', C 1. F* = the lowest F = C·Σ logloss + ½‖w‖² of 'newton' and 'lbfgs' at tol 1e-10. Each solver (and " +
      'scikit-learn) runs at the largest tol in 1e-1, 1e-2, … whose fit lands within 1e-6 of F* (relative); time = median fit at that tol.',
  );
  const runs = CONVERGENCE_RUNS[mode];
  const convergence: ConvergenceResult[] = [];
  const small = breastCancerSet(runs.small);
  try {
    convergence.push(await benchConvergence(small, mode === 'quick'));
  } finally {
    small.X.dispose();
  }
  for (const { shape, files } of convergenceSets) {
    const X = Matrix.alloc(shape.rows, shape.cols);
    readRawInto(files.x, X.data);
    const y = new Float64Array(shape.rows);
    readRawInto(files.y, y);
    const set: ConvergenceSet = {
      label: `${label(shape.rows, shape.cols)} (the gradient-descent data above)`,
      X,
      y,
      files,
      gdLearningRate: SYNTHETIC_GD_LR,
      runs: runs.big,
    };
    try {
      convergence.push(await benchConvergence(set, mode === 'quick'));
    } finally {
      X.dispose();
    }
  }
  printSpeedups(shapes);
  return { tfjs, blas, bandwidth, shapes, convergence };
}

/** Except in a smoke run, prints the targets of every section that ran with their verdicts (returned). */
function printSummary(
  dense: DenseResults | null,
  sparse: SparseResults | null,
  modelSelection: ModelSelectionResults | null,
  inference: InferenceResults | null,
  dataIn: { arrow: ArrowResults; files: DataInResults } | null,
  mode: Mode,
): Target[] {
  if (mode === 'quick') {
    // A smoke run's numbers come from a few steps with no warm-up: a verdict on them would mislead.
    console.log('\nTargets: not judged in a smoke run (npm run bench judges them).');
    return [];
  }
  console.log('\n## Targets\n');
  const targets = [
    ...(dense === null ? [] : checkTargets(dense.shapes, dense.convergence, dense.bandwidth)),
    ...(sparse === null ? [] : sparseTargets(sparse)),
    ...(modelSelection === null ? [] : modelSelectionTargets(modelSelection.cv, modelSelection.l1)),
    ...(inference === null ? [] : inferenceTargets(inference.sets)),
    ...(dataIn === null ? [] : [...arrowTargets(dataIn.arrow), ...dataInTargets(dataIn.files)]),
  ];
  console.log(
    renderTable(
      ['target', 'needed', 'measured', 'met'],
      targets.map((t) => [t.target, t.needed, t.measured, t.met === null ? 'not judged' : t.met ? 'yes' : 'NO']),
    ),
  );
  return targets;
}

/** The dense summary: speed-up over the plain-JS baseline per step, one column per shape. */
function printSpeedups(shapes: readonly ShapeResult[]): void {
  console.log('\n## Summary: speed-up over the plain-JS baseline, per gradient step\n');
  const keys = [...new Set(shapes.flatMap((s) => s.table.map((r) => r.label)))];
  console.log(
    renderTable(
      ['implementation', ...shapes.map((s) => label(s.rows, s.cols))],
      keys.map((k) => [
        k,
        ...shapes.map((s) => {
          const row = s.table.find((r) => r.label === k);
          return row?.speedup == null ? '—' : `${row.speedup.toFixed(2)}×`;
        }),
      ]),
    ),
  );
}

export interface Target {
  target: string;
  needed: string;
  measured: string;
  met: boolean | null;
}

/** Evaluates the performance targets on this run's numbers; `met` is null where the run lacks the rows. */
export function checkTargets(shapes: readonly ShapeResult[], convergence: readonly ConvergenceResult[], bandwidth: BandwidthResult): Target[] {
  const row = (rows: number, cols: number, key: string): Row | undefined =>
    shapes.find((s) => s.rows === rows && s.cols === cols)?.table.find((r) => r.key === key && r.perIter !== null);
  const out: Target[] = [];
  const ratio = (name: string, needed: number, top: Row | undefined, bottom: Row | undefined, also?: Row): void => {
    const a = top?.perIter;
    const b = bottom?.perIter;
    if (a == null || b == null) {
      out.push({ target: name, needed: `≥ ${needed}×`, measured: '—', met: null });
      return;
    }
    const value = a / b;
    // `also`: the same ratio with another bottom row (all threads), for information; the target is judged on `bottom`.
    const extra = also?.perIter == null || a == null ? '' : ` (${also.threads} threads: ${(a / also.perIter).toFixed(2)}×)`;
    out.push({
      target: name,
      needed: `≥ ${needed}×`,
      measured: `${value.toFixed(2)}×${extra}`,
      met: value >= needed,
    });
  };
  for (const [rows, cols, needed] of [
    [100_000, 50, 7],
    [1_000_000, 20, 7],
    [800, 2, 3],
  ] as const) {
    ratio(`WASM 1 thread vs plain JS, ${label(rows, cols)}`, needed, row(rows, cols, 'js'), row(rows, cols, 'wasm'));
  }
  ratio(`${ALL_THREADS} threads vs 1 thread, ${label(1_000_000, 20)}`, 1.7, row(1_000_000, 20, 'wasm'), row(1_000_000, 20, 'wasm-threads'));
  const one = row(1_000_000, 20, 'wasm')?.marginal;
  const all = row(1_000_000, 20, 'wasm-threads')?.marginal;
  if (one != null && all != null) out[out.length - 1]!.measured += ` (at the margin: ${(one / all).toFixed(2)}×)`;
  // Judged on the marginal cost of a step (a fit's fixed cost is not streaming); the per-step figure is shown too.
  const outOfCache = row(2_000_000, 32, 'wasm-threads');
  const streamed = outOfCache?.marginal == null ? null : (2_000_000 * 32 * 8) / (outOfCache.marginal / 1000);
  out.push({
    target: `${ALL_THREADS} threads, ${label(2_000_000, 32)}: share of the ${ALL_THREADS}-thread read bandwidth`,
    needed: '≥ 75 %',
    measured:
      streamed === null || outOfCache?.bandwidth == null
        ? '—'
        : `${Math.round((100 * streamed) / bandwidth.all.median)} % at the margin (${formatBandwidth(streamed)} of ${formatBandwidth(bandwidth.all.median)}; ` +
          `${Math.round((100 * outOfCache.bandwidth) / bandwidth.all.median)} % per step with the fit's fixed cost)`,
    met: streamed === null ? null : streamed >= 0.75 * bandwidth.all.median,
  });
  ratio(`WASM 1 thread vs tfjs-backend-wasm, ${label(100_000, 50)}`, 4, row(100_000, 50, 'tfjs'), row(100_000, 50, 'wasm'), row(100_000, 50, 'wasm-threads'));
  for (const shape of shapes) {
    const [r, c] = [shape.rows, shape.cols];
    ratio(`WASM 1 thread vs ml-logistic-regression, ${label(r, c)}`, 100, row(r, c, 'ml'), row(r, c, 'wasm'), row(r, c, 'wasm-threads'));
  }
  for (const [rows, cols] of [
    [100_000, 50],
    [1_000_000, 20],
  ] as const) {
    const set = convergence.find((c) => c.rows === rows && c.cols === cols);
    const sk = set?.table.find((r) => r.solver.startsWith('scikit-learn'));
    const ours = set?.table.filter((r) => r.solver === 'lbfgs') ?? [];
    const fastest = ours.length === 0 ? undefined : ours.reduce((a, b) => (a.median <= b.median ? a : b));
    out.push({
      target: `lbfgs time to F* (1e-6) vs scikit-learn lbfgs, ${label(rows, cols)}`,
      needed: '≤ 0.5×',
      measured:
        sk === undefined || fastest === undefined
          ? '—'
          : `${(fastest.median / sk.median).toFixed(2)}× (${fastest.threads} thread${fastest.threads > 1 ? 's' : ''}; ` +
            ours.map((r) => `${r.threads}t ${(r.median / sk.median).toFixed(2)}×`).join(', ') +
            ')',
      met: sk === undefined || fastest === undefined ? null : fastest.median <= 0.5 * sk.median,
    });
  }
  // Judged on what loading X and training add to the probe process: Node and the modules
  // (~80 MiB before X) are the same in both and would put any ratio near 1 for small data.
  const f32 = row(1_000_000, 20, 'wasm-f32');
  const f64 = row(1_000_000, 20, 'wasm');
  const added = (r: Row | undefined): number | null => (r?.peak == null || r.idle == null ? null : r.peak - r.idle);
  const [a32, a64] = [added(f32), added(f64)];
  out.push({
    target: `f32 peak RSS vs f64, ${label(1_000_000, 20)} (above the runtime's own)`,
    needed: '≤ 0.6×',
    measured:
      a32 === null || a64 === null
        ? '—'
        : `${(a32 / a64).toFixed(2)}× (${formatMiB(a32)} vs ${formatMiB(a64)}; whole process ${(f32!.peak! / f64!.peak!).toFixed(2)}×)`,
    met: a32 === null || a64 === null ? null : a32 <= 0.6 * a64,
  });
  return out;
}

main()
  .catch((error: unknown) => {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => {
    removeScratch();
    // Worker threads (tfjs, ours) never keep the process alive; exit explicitly anyway.
    process.exit(process.exitCode ?? 0);
  });
