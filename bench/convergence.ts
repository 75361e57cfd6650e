/**
 * Time to convergence: how long a fit takes to reach the optimum of the same objective,
 *
 *   F(w, b) = C·Σᵢ logloss(yᵢ, xᵢ·w + b) + ½‖w‖²   (penalty 'l2', C = 1),
 *
 * to {@link REL} relative, with 'lbfgs', 'newton' and 'gd' — and, when Python is there,
 * scikit-learn's lbfgs on the same bytes.
 *
 * F* is the lowest F of two tight fits ('newton' and 'lbfgs' at tol 1e-10). Every solver
 * then gets the same treatment as scikit-learn: its tol goes down the ladder 1e-1, 1e-2, …
 * until a fit lands within REL of F*; the median of several fits at that tol, timed by
 * tinybench, is its time (the ladder's fits double as warm-up). F is recomputed for every
 * result from `decisionFunction`, with a stable log(1 + eᶻ) and a compensated sum.
 * @module
 */
import { readFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { LogisticRegression, type LogisticRegressionOptions, Matrix, terminateWorkers } from '../src/index.js';
import { type DataFiles, writeDataFiles } from './data.js';
import { formatDuration, renderTable } from './format.js';
import { ParallelProbe } from './bandwidth.js';
import { ALL_THREADS } from './impls.js';
import { pythonLbfgs, pythonUnavailable } from './python.js';
import { exported } from '../src/core/problem.js';
import { core } from '../src/core/runtime.js';
import { benchOptions, latencyOf, latencySamples, median } from './timing.js';

export const C = 1;
/** Relative gap to F* that counts as converged. */
export const REL = 1e-6;
const TOLS = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12];
const GD_MAX_ITER = 50_000;

const BREAST_CANCER = new URL('../test/fixtures/parity/datasets/breast_cancer.json', import.meta.url);

export interface ConvergenceSet {
  readonly label: string;
  /** In WebAssembly memory; the caller owns it. */
  readonly X: Matrix;
  /** 0/1 labels. */
  readonly y: Float64Array;
  /** The same bytes on disk, for scikit-learn. */
  readonly files: DataFiles;
  /**
   * Step size of 'gd': about 1/L, L the Lipschitz constant of the gradient of F/(C·n),
   * ≤ ¼·λmax(XᵀX/n) + 1/(C·n).
   */
  readonly gdLearningRate: number;
  /** Timed fits per solver. */
  readonly runs: number;
}

export interface ConvergenceRow {
  solver: string;
  threads: number;
  tol: number;
  median: number;
  times: number[];
  nIter: number;
  /** Passes over the rows per iteration (gradient passes and Hessian products, counted by the core); undefined for scikit-learn. */
  passesPerIter?: number;
  objective: number;
  gap: number;
  /** Peak RSS of the scikit-learn process (bytes); undefined for ours (see the GD tables). */
  peak?: number;
}

export interface ConvergenceResult {
  label: string;
  rows: number;
  cols: number;
  best: number;
  table: ConvergenceRow[];
  sklearnSkipped: string | null;
  /** Median cores free while the solvers ran (see ParallelProbe), or null. */
  freeCores: number | null;
}

/** The breast cancer set of the parity fixtures (569×30, already standardised), in WebAssembly memory. */
export function loadBreastCancer(): { X: Matrix; y: Float64Array } {
  const parsed = JSON.parse(readFileSync(BREAST_CANCER, 'utf8')) as { X: number[][]; y: number[] };
  const rows = parsed.X.length;
  const cols = parsed.X[0]?.length ?? 0;
  if (rows === 0 || cols === 0 || parsed.y.length !== rows) throw new Error(`${BREAST_CANCER.pathname}: unexpected shape`);
  const X = Matrix.alloc(rows, cols);
  const data = X.data;
  for (let i = 0; i < rows; i++) {
    const row = parsed.X[i]!;
    if (row.length !== cols) throw new Error(`${BREAST_CANCER.pathname}: row ${i} has ${row.length} values, expected ${cols}`);
    data.set(row, i * cols);
  }
  return { X, y: Float64Array.from(parsed.y) };
}

/** The breast cancer set ready for {@link benchConvergence} (its files are written to the scratch directory). */
export function breastCancerSet(runs: number): ConvergenceSet {
  const { X, y } = loadBreastCancer();
  return {
    label: `breast cancer (${X.rows}×${X.cols}, standardised)`,
    X,
    y,
    files: writeDataFiles('breast-cancer', X.data, y, X.rows, X.cols),
    gdLearningRate: 1,
    runs,
  };
}

/**
 * F = C·Σᵢ logloss + ½‖w‖² for a fitted binary model (intercept unpenalised), with
 * logloss(y, z) = max(z, 0) − y·z + log1p(e^−|z|) and a Neumaier-compensated sum.
 */
export function objective(model: LogisticRegression, X: Matrix, y: Float64Array): number {
  const z = model.decisionFunction(X);
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < z.length; i++) {
    const v = z[i]!;
    const term = Math.max(v, 0) - y[i]! * v + Math.log1p(Math.exp(-Math.abs(v)));
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  let norm = 0;
  for (const w of model.coef.data) norm += w * w;
  return C * (sum + compensation) + 0.5 * norm;
}

const newModel = (options: LogisticRegressionOptions): LogisticRegression => new LogisticRegression({ penalty: 'l2', C, onWarning: null, ...options });

const PASS_KINDS = [exported(core, 'PASS_GRADIENT'), exported(core, 'PASS_HESSIAN')];

/** One untimed fit: its objective, iterations and passes over the rows. */
function fitOnce(options: LogisticRegressionOptions, set: ConvergenceSet): { F: number; nIter: number; passes: number } {
  const model = newModel(options);
  try {
    core.resetPassCounts();
    model.fit(set.X, set.y);
    const passes = PASS_KINDS.reduce((sum, kind) => sum + core.passCount(kind), 0);
    return { F: objective(model, set.X, set.y), nIter: model.nIter, passes };
  } finally {
    model.dispose();
  }
}

/**
 * `runs` fits timed by tinybench (a task of `runs` iterations, no time budget; the tol
 * ladder before it is the warm-up): each iteration times `fit` alone, the model being made
 * before it and disposed of after it in tinybench's beforeEach/afterEach hooks, outside the
 * timed window. Returns the latency samples (ms) and tinybench's median of them.
 */
async function timeFits(name: string, options: LogisticRegressionOptions, set: ConvergenceSet, runs: number): Promise<{ times: number[]; median: number }> {
  let model: LogisticRegression | null = null;
  const bench = new Bench(benchOptions(name, runs));
  bench.add(name, () => void model!.fit(set.X, set.y), {
    async: false,
    beforeEach: () => {
      model = newModel(options);
    },
    afterEach: () => {
      model?.dispose();
      model = null;
    },
  });
  const [task] = await bench.run();
  return { times: latencySamples(task!), median: latencyOf(task!).p50 };
}

/** Runs the solvers (and scikit-learn) on one set and prints the table. */
export async function benchConvergence(set: ConvergenceSet, quick: boolean): Promise<ConvergenceResult> {
  const { X } = set;
  const best = Math.min(
    fitOnce({ solver: 'newton', tol: 1e-10, maxIter: 1000 }, set).F,
    fitOnce({ solver: 'lbfgs', tol: 1e-10, maxIter: 100_000 }, set).F,
  );
  const threadsAll = X.rows * X.cols >= 200_000 ? ALL_THREADS : 1;
  const solvers: { label: string; threads: number; options: LogisticRegressionOptions }[] = [
    { label: 'lbfgs', threads: 1, options: { solver: 'lbfgs', maxIter: 100_000 } },
    { label: 'newton', threads: 1, options: { solver: 'newton', maxIter: 1000 } },
    { label: `gd (lr ${set.gdLearningRate})`, threads: 1, options: { solver: 'gd', learningRate: set.gdLearningRate, maxIter: GD_MAX_ITER } },
  ];
  if (threadsAll > 1) {
    solvers.push(
      { label: 'lbfgs', threads: threadsAll, options: { solver: 'lbfgs', maxIter: 100_000 } },
      { label: 'newton', threads: threadsAll, options: { solver: 'newton', maxIter: 1000 } },
    );
  }

  const table: ConvergenceRow[] = [];
  const probe = threadsAll > 1 && !quick ? new ParallelProbe(threadsAll) : null;
  const cores: number[] = [];
  for (const { label, threads, options } of solvers) {
    if (probe !== null) cores.push(await probe.measure());
    let tol = TOLS[0]!;
    let last = { F: Number.POSITIVE_INFINITY, nIter: 0, passes: 0 };
    for (tol of TOLS) {
      last = fitOnce({ ...options, tol, threads }, set);
      if ((last.F - best) / Math.abs(best) <= REL) break;
    }
    const timed = await timeFits(`${label}, ${threads} thread(s), tol ${tol}`, { ...options, tol, threads }, set, set.runs);
    table.push({
      solver: label,
      threads,
      tol,
      median: timed.median,
      times: timed.times,
      nIter: last.nIter,
      passesPerIter: last.passes / last.nIter,
      objective: last.F,
      gap: (last.F - best) / Math.abs(best),
    });
  }
  terminateWorkers();
  await probe?.close();

  const skipped = pythonUnavailable();
  if (skipped === null) {
    const sk = pythonLbfgs(set.files, C, best, REL, quick ? 1 : Math.min(set.runs, 5));
    table.push({
      solver: `scikit-learn ${sk.sklearn} lbfgs`,
      threads: Math.max(1, ...(sk.blas ?? []).map((b) => b.num_threads ?? 1)),
      tol: sk.tol,
      median: median(sk.times_ms),
      times: sk.times_ms,
      nIter: sk.n_iter,
      objective: sk.objective,
      gap: (sk.objective - best) / Math.abs(best),
      peak: sk.maxrss_bytes,
    });
  }

  console.log(`\n### ${set.label}\n`);
  const sklearnRow = table.find((r) => r.solver.startsWith('scikit-learn'));
  console.log(
    renderTable(
      ['solver', 'threads', 'tol needed', 'median fit', 'runs', 'nIter', 'passes / iter', 'per iter', 'final F', 'gap to F*', sklearnRow ? 'time / sklearn' : 'time / gd'],
      table.map((r) => {
        const yardstick = sklearnRow ?? table.find((t) => t.solver.startsWith('gd'))!;
        return [
          r.solver,
          String(r.threads),
          r.tol.toExponential(0),
          formatDuration(r.median),
          String(r.times.length),
          String(r.nIter),
          r.passesPerIter === undefined ? '—' : r.passesPerIter.toFixed(2),
          formatDuration(r.median / r.nIter),
          r.objective.toPrecision(15),
          r.gap <= 0 ? '0 (F*)' : r.gap.toExponential(1),
          `${(r.median / yardstick.median).toFixed(2)}×`,
        ];
      }),
    ),
  );
  if (skipped !== null) console.log(`\nscikit-learn lbfgs skipped: ${skipped}`);
  if (cores.length > 0) {
    const sorted = [...cores].sort((a, b) => a - b);
    console.log(`\nCores free while the solvers ran: ${sorted[sorted.length >> 1]!.toFixed(2)} of ${threadsAll} (median of one probe per solver; range ${sorted[0]!.toFixed(2)}–${sorted[sorted.length - 1]!.toFixed(2)}).`);
  }
  const freeCores = cores.length === 0 ? null : [...cores].sort((a, b) => a - b)[cores.length >> 1]!;
  return { label: set.label, rows: X.rows, cols: X.cols, best, table, sklearnSkipped: skipped, freeCores };
}
