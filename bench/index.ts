/**
 * Benchmarks, in two parts:
 * 1. gradient-descent training in the WebAssembly core vs the plain-JS baseline;
 * 2. time to convergence of 'lbfgs', 'newton' and 'gd' at tol 1e-8 (see convergence.ts).
 *
 *   npm run bench              full run (about one minute)
 *   npm run bench -- --quick   smoke run for CI (a few seconds; numbers not meaningful)
 *
 * In part 1, for each shape both implementations train on the same deterministic data
 * for the same number of iterations (tol = 0, so every iteration runs). Before timing,
 * their weights are compared; the bench aborts if they disagree.
 * @module
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Bench, type Statistics, type Task } from 'tinybench';
import { LogisticRegression, Matrix, gradientDescentBaseline } from '../src/index.js';
import { benchConvergence } from './convergence.js';
import { formatDuration, renderTable } from './format.js';

/** One benchmarked problem size. */
interface Shape {
  readonly rows: number;
  readonly cols: number;
  /**
   * Gradient-descent iterations per fit, chosen so one WASM fit takes roughly 40–80 ms
   * on a current x86 core (the JS baseline is slower, so its fits take longer).
   */
  readonly iter: number;
}

const SHAPES: readonly Shape[] = [
  { rows: 800, cols: 2, iter: 5000 },
  { rows: 10_000, cols: 20, iter: 250 },
  { rows: 100_000, cols: 50, iter: 20 },
];

const LEARNING_RATE = 0.01;
/** Largest accepted max_j |w_wasm − w_js| / max_j |w_js| (weights and bias together). */
const AGREEMENT_TOLERANCE = 1e-9;
const SEED = 20240501;

/** tinybench settings per mode. `time` is the per-task budget in ms. */
const SETTINGS = {
  full: { time: 4000, iterations: 15, warmupTime: 200, warmupIterations: 3, iterDivisor: 1 },
  // Smoke run: a couple of samples, no warmup, and 10× fewer iterations per fit.
  quick: { time: 0, iterations: 2, warmupTime: 0, warmupIterations: 0, iterDivisor: 10 },
} as const;

// ---------------------------------------------------------------------------------------
// Command line

const USAGE = 'usage: npm run bench [-- --quick]';

function parseCommandLine(): { quick: boolean } {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { quick: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(`${USAGE}\n  --quick  tiny time budget (CI smoke run)`);
      process.exit(0);
    }
    return { quick: values.quick };
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------------------
// Deterministic data

/** mulberry32: a small, fast 32-bit seeded PRNG returning uniforms in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviates from uniforms (Box–Muller). */
function normal(uniform: () => number): () => number {
  return () => {
    const u = 1 - uniform(); // (0, 1]: log(u) is finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}

/**
 * X with standard-normal entries (row-major) and y = [x · w* + b* + noise > 0] for fixed
 * random true weights w* ∈ [−1, 1]^cols, b* = 0.25 and Gaussian noise (sd 0.5).
 */
function makeData(rows: number, cols: number, seed: number): { x: Float64Array; y: Float64Array } {
  const uniform = mulberry32(seed);
  const gauss = normal(uniform);
  const trueWeights = Float64Array.from({ length: cols }, () => 2 * uniform() - 1);
  const x = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let z = 0.25 + 0.5 * gauss();
    for (let j = 0; j < cols; j++) {
      const value = gauss();
      x[i * cols + j] = value;
      z += value * trueWeights[j]!;
    }
    y[i] = z > 0 ? 1 : 0;
  }
  return { x, y };
}

// ---------------------------------------------------------------------------------------
// The two implementations

function newModel(maxIter: number): LogisticRegression {
  return new LogisticRegression({ solver: 'gd', penalty: 'none', learningRate: LEARNING_RATE, maxIter, tol: 0 });
}

/** Weights followed by the bias, as one array. */
function wasmParams(model: LogisticRegression): Float64Array {
  const coef = model.coef.data;
  const out = new Float64Array(coef.length + 1);
  out.set(coef);
  out[coef.length] = model.intercept[0]!;
  return out;
}

function baselineParams(X: Matrix, y: Float64Array, maxIter: number): Float64Array {
  const { weights, bias } = gradientDescentBaseline(X, y, { learningRate: LEARNING_RATE, maxIter });
  const out = new Float64Array(weights.length + 1);
  out.set(weights);
  out[weights.length] = bias;
  return out;
}

/**
 * Fits both implementations once and throws unless their parameters agree to
 * {@link AGREEMENT_TOLERANCE}, relative to the largest baseline parameter.
 * @returns the relative difference found.
 */
function checkAgreement(wasmX: Matrix, jsX: Matrix, y: Float64Array, maxIter: number): number {
  const model = newModel(maxIter);
  let wasm: Float64Array;
  try {
    wasm = wasmParams(model.fit(wasmX, y));
  } finally {
    model.dispose();
  }
  const js = baselineParams(jsX, y, maxIter);
  let diff = 0;
  let scale = 0;
  for (let j = 0; j < js.length; j++) {
    diff = Math.max(diff, Math.abs(wasm[j]! - js[j]!));
    scale = Math.max(scale, Math.abs(js[j]!));
  }
  const relative = scale > 0 ? diff / scale : diff;
  if (!(relative <= AGREEMENT_TOLERANCE)) {
    throw new Error(
      `WASM and baseline weights disagree on ${jsX.rows}×${jsX.cols} after ${maxIter} iterations: ` +
        `max |Δ| / max |w| = ${relative.toExponential(3)} > ${AGREEMENT_TOLERANCE}\n` +
        `  wasm:     ${Array.from(wasm.subarray(0, 5), (v) => v.toPrecision(12)).join(', ')}\n` +
        `  baseline: ${Array.from(js.subarray(0, 5), (v) => v.toPrecision(12)).join(', ')}`,
    );
  }
  return relative;
}

// ---------------------------------------------------------------------------------------
// Output

/** The latency statistics of a finished task (tinybench's `throws` makes errors fatal earlier). */
function latencyOf(task: Task): Statistics {
  const result = task.result;
  if (result.state !== 'completed') throw new Error(`task '${task.name}' ended in state '${result.state}'`);
  return result.latency;
}

interface ShapeResult {
  shape: string;
  iter: number;
  wasm: Statistics;
  js: Statistics;
}

// ---------------------------------------------------------------------------------------
// Main

async function benchShape(shape: Shape, settings: (typeof SETTINGS)[keyof typeof SETTINGS]): Promise<ShapeResult> {
  const { rows, cols } = shape;
  const iter = Math.max(1, Math.round(shape.iter / settings.iterDivisor));
  const label = `${rows.toLocaleString('en-US')}×${cols}`;
  const { x, y } = makeData(rows, cols, SEED + rows + cols);

  // Same values twice: once in WebAssembly memory (fit reads it in place), once in JS memory.
  const wasmX = Matrix.alloc(rows, cols);
  wasmX.data.set(x);
  const jsX = Matrix.from(x, rows, cols);
  const model = newModel(iter);
  try {
    const relative = checkAgreement(wasmX, jsX, y, iter);

    let sink = 0; // consumes results so no call can be optimised away
    const bench = new Bench({
      name: label,
      time: settings.time,
      iterations: settings.iterations,
      warmup: settings.warmupIterations > 0,
      warmupTime: settings.warmupTime,
      warmupIterations: settings.warmupIterations,
      throws: true,
    });
    bench
      .add('WASM', () => {
        sink += model.fit(wasmX, y).nIter; // each fit replaces (and frees) the previous parameters
      })
      .add('JS baseline', () => {
        sink += gradientDescentBaseline(jsX, y, { learningRate: LEARNING_RATE, maxIter: iter }).bias;
      });
    await bench.run();
    if (Number.isNaN(sink)) console.log('(unreachable)');

    const [wasmTask, jsTask] = bench.tasks;
    const wasm = latencyOf(wasmTask!);
    const js = latencyOf(jsTask!);

    console.log(`\n### ${label}, ${iter} iterations per fit (weights agree: rel. diff ${relative.toExponential(1)})\n`);
    const header = ['implementation', 'mean / iter', '± (rme)', 'median / iter', 'samples', 'mean / fit'];
    const row = (name: string, s: Statistics): string[] => [
      name,
      formatDuration(s.mean / iter),
      `± ${s.rme.toFixed(2)} %`,
      formatDuration(s.p50 / iter),
      String(s.samplesCount),
      formatDuration(s.mean),
    ];
    console.log(renderTable(header, [row('WASM', wasm), row('JS baseline', js)]));
    console.log(`\nbaseline / WASM: ${(js.mean / wasm.mean).toFixed(2)}× (means), ${(js.p50 / wasm.p50).toFixed(2)}× (medians)`);
    return { shape: label, iter, wasm, js };
  } finally {
    model.dispose();
    wasmX.dispose();
  }
}

async function main(): Promise<void> {
  const { quick } = parseCommandLine();
  const settings = quick ? SETTINGS.quick : SETTINGS.full;
  const started = performance.now();

  const cpus = os.cpus();
  console.log('# logreg-wasm: gradient descent (WASM core vs plain-JS baseline), then time to convergence');
  console.log(`CPU:   ${cpus[0]?.model ?? 'unknown'} (${cpus.length} logical cores)`);
  console.log(`Node:  ${process.version}`);
  console.log(`Date:  ${new Date().toISOString()}`);
  console.log(
    `Mode:  ${quick ? 'quick (smoke run; numbers are not meaningful)' : 'full'}: ` +
      `≥ ${settings.time} ms and ≥ ${settings.iterations} samples per task, ` +
      `warmup ${settings.warmupIterations > 0 ? `≥ ${settings.warmupTime} ms / ${settings.warmupIterations} samples` : 'off'}; ` +
      `learningRate ${LEARNING_RATE}, tol 0`,
  );

  const results: ShapeResult[] = [];
  for (const shape of SHAPES) results.push(await benchShape(shape, settings));

  console.log('\n### Summary (mean time per iteration)\n');
  console.log(
    renderTable(
      ['shape', 'iterations', 'WASM', 'JS baseline', 'baseline / WASM'],
      results.map((r) => [
        r.shape,
        String(r.iter),
        formatDuration(r.wasm.mean / r.iter),
        formatDuration(r.js.mean / r.iter),
        `${(r.js.mean / r.wasm.mean).toFixed(2)}×`,
      ]),
    ),
  );

  benchConvergence(quick);

  console.log(`\nTotal bench time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
