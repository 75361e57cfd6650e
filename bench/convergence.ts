/**
 * Time to convergence: how long `fit` takes to reach a tight tolerance with each solver,
 * how many iterations that needs, and how close the solvers' optima are to each other.
 *
 * Datasets:
 * - breast cancer (569×30, standardised), read from the parity fixtures at run time;
 * - a 100,000×50 `makeClassification` set (nInformative 10, randomState 0), standardised
 *   here column by column; skipped in quick mode.
 * Both X live in `Matrix.alloc` WebAssembly memory, so `fit` reads them in place.
 *
 * Every fit minimises F(w, b) = C·Σᵢ logloss(yᵢ, xᵢ·w + b) + ½‖w‖² (penalty 'l2', C = 1).
 * The bench recomputes F for each solver's result from `decisionFunction`, with a stable
 * log(1 + e^z) and a compensated sum, and reports its relative gap to the lowest F found
 * on that dataset.
 * @module
 */
import { readFileSync } from 'node:fs';
import { LogisticRegression, type LogisticRegressionOptions, Matrix, makeClassification } from '../src/index.js';
import { formatDuration, renderTable } from './format.js';

const C = 1;
const TOL = 1e-8;
/** Step size of 'gd'; stable on standardised features (the Lipschitz constant of f is ≤ ¼·λmax(XᵀX/n) + λ). */
const GD_LEARNING_RATE = 1;
/** Iteration budget of 'gd'; it reports `converged: false` if tol is not met within it. */
const GD_MAX_ITER = 20_000;

/** The solvers compared, with everything but X and y fixed. */
const SOLVERS: readonly { label: string; options: LogisticRegressionOptions }[] = [
  { label: 'lbfgs', options: { solver: 'lbfgs', maxIter: 10_000 } },
  { label: 'newton', options: { solver: 'newton', maxIter: 1000 } },
  { label: `gd (lr ${GD_LEARNING_RATE})`, options: { solver: 'gd', learningRate: GD_LEARNING_RATE, maxIter: GD_MAX_ITER } },
];

/** Timed fits per solver (the median is reported) and untimed warm-up fits before them. */
const SAMPLES = {
  full: { small: { warmup: 2, samples: 11 }, big: { warmup: 1, samples: 5 } },
  quick: { small: { warmup: 0, samples: 1 }, big: null },
} as const;

const BREAST_CANCER = new URL('../test/fixtures/parity/datasets/breast_cancer.json', import.meta.url);
const BIG = { nSamples: 100_000, nFeatures: 50, nInformative: 10, randomState: 0 } as const;

interface Dataset {
  readonly label: string;
  /** In WebAssembly memory (`Matrix.alloc`); the caller disposes it. */
  readonly X: Matrix;
  /** 0/1 labels. */
  readonly y: Float64Array;
}

interface Row {
  solver: string;
  median: number;
  min: number;
  max: number;
  samples: number;
  nIter: number;
  converged: boolean;
  objective: number;
}

// ---------------------------------------------------------------------------------------
// Data

function loadBreastCancer(): Dataset {
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
  return { label: `breast cancer (${rows}×${cols}, standardised)`, X, y: Float64Array.from(parsed.y) };
}

function makeBigSet(): Dataset {
  const { X: generated, y } = makeClassification(BIG);
  const { rows, cols } = generated;
  const X = Matrix.alloc(rows, cols);
  const data = X.data;
  data.set(generated.data);
  standardiseColumns(data, rows, cols);
  return {
    label: `makeClassification ${rows.toLocaleString('en-US')}×${cols} (nInformative ${BIG.nInformative}, randomState ${BIG.randomState}), standardised`,
    X,
    y: Float64Array.from(y),
  };
}

/** Centres every column of a row-major matrix in place and scales it to unit (population) variance. */
function standardiseColumns(data: Float64Array, rows: number, cols: number): void {
  const mean = new Float64Array(cols);
  const sumSq = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j]! += data[i * cols + j]!;
  for (let j = 0; j < cols; j++) mean[j]! /= rows;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const d = data[i * cols + j]! - mean[j]!;
      sumSq[j]! += d * d;
    }
  }
  const scale = Float64Array.from(sumSq, (s) => (s > 0 ? Math.sqrt(rows / s) : 1));
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = (data[i * cols + j]! - mean[j]!) * scale[j]!;
}

// ---------------------------------------------------------------------------------------
// Measurement

/**
 * F = C·Σᵢ logloss + ½‖w‖² for a fitted binary model (intercept unpenalised). Uses
 * logloss(y, z) = max(z, 0) − y·z + log1p(e^−|z|), which stays accurate where 1 − p would
 * cancel, and a Neumaier-compensated sum.
 */
function objective(model: LogisticRegression, data: Dataset): number {
  const z = model.decisionFunction(data.X);
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < z.length; i++) {
    const v = z[i]!;
    const term = Math.max(v, 0) - data.y[i]! * v + Math.log1p(Math.exp(-Math.abs(v)));
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  let norm = 0;
  for (const w of model.coef.data) norm += w * w;
  return C * (sum + compensation) + 0.5 * norm;
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function measure(label: string, options: LogisticRegressionOptions, data: Dataset, runs: { warmup: number; samples: number }): Row {
  const model = new LogisticRegression({ penalty: 'l2', C, tol: TOL, onWarning: null, ...options });
  try {
    for (let k = 0; k < runs.warmup; k++) model.fit(data.X, data.y);
    const times: number[] = [];
    for (let k = 0; k < runs.samples; k++) {
      const start = performance.now();
      model.fit(data.X, data.y);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const classes = model.classes;
    if (classes.length !== 2 || classes[0] !== 0 || classes[1] !== 1) throw new Error(`expected classes [0, 1], got [${classes.join(', ')}]`);
    return {
      solver: label,
      median: median(times),
      min: times[0]!,
      max: times[times.length - 1]!,
      samples: times.length,
      nIter: model.nIter,
      converged: model.converged,
      objective: objective(model, data),
    };
  } finally {
    model.dispose();
  }
}

function report(data: Dataset, rows: readonly Row[]): void {
  const best = Math.min(...rows.map((r) => r.objective));
  console.log(`\n### ${data.label}\n`);
  console.log(
    renderTable(
      ['solver', 'median fit', 'min – max', 'samples', 'nIter', 'converged', 'per iter', 'final F', 'rel. gap to best F'],
      rows.map((r) => {
        const gap = (r.objective - best) / Math.abs(best);
        return [
          r.solver,
          formatDuration(r.median),
          `${formatDuration(r.min)} – ${formatDuration(r.max)}`,
          String(r.samples),
          String(r.nIter),
          r.converged ? 'yes' : 'no',
          formatDuration(r.median / r.nIter),
          r.objective.toPrecision(17),
          gap === 0 ? '0 (best)' : gap.toExponential(1),
        ];
      }),
    ),
  );
}

// ---------------------------------------------------------------------------------------
// Entry point

/** Runs and prints the time-to-convergence tables; quick mode does one fit per solver on breast cancer only. */
export function benchConvergence(quick: boolean): void {
  const settings = quick ? SAMPLES.quick : SAMPLES.full;
  console.log('\n## Time to convergence\n');
  console.log(
    `penalty 'l2', C ${C}, tol ${TOL} (on the gradient of F / C, as scikit-learn); 'gd' with learningRate ${GD_LEARNING_RATE} ` +
      `and maxIter ${GD_MAX_ITER.toLocaleString('en-US')}. F = C·Σ logloss + ½‖w‖², recomputed from decisionFunction. ` +
      `Time: median over ${settings.small.samples} fit(s) after ${settings.small.warmup} warm-up fit(s)` +
      (settings.big === null
        ? '; the 100,000×50 set is skipped in quick mode.'
        : ` (${settings.big.samples} after ${settings.big.warmup} on the 100,000×50 set).`),
  );

  const sets: { load: () => Dataset; runs: { warmup: number; samples: number } }[] = [{ load: loadBreastCancer, runs: settings.small }];
  if (settings.big !== null) sets.push({ load: makeBigSet, runs: settings.big });
  for (const { load, runs } of sets) {
    const data = load();
    try {
      report(
        data,
        SOLVERS.map(({ label, options }) => measure(label, options, data, runs)),
      );
    } finally {
      data.X.dispose();
    }
  }
}
