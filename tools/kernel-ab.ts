/**
 * A/B timing of the gradient-descent kernel of two or more WebAssembly builds in one
 * process, against the plain-JS baseline.
 *
 *   npx tsx tools/kernel-ab.ts [--rounds N] [--shapes 800x2,100000x50,1000000x20]
 *     [--dtype float64|float32|both] [--solver gd|lbfgs|gd,lbfgs] [--no-js] a.wasm b.wasm …
 *
 * --dtype picks how X is stored (as `dtype` does in `fit`): float32 runs the float32 pass
 * on X rounded to float32; both gives every build a float64 and a float32 runner, so the
 * two passes are compared in one process. --no-js leaves out the plain-JS baseline.
 * --solver lbfgs times `lbfgs` iterations instead (C = 1, as the bench's time-to-F*: l2 =
 * 1/n; tol 0, so each fit makes its steps unless the line search ends it first), per
 * iteration; gd,lbfgs gives every build both, so an lbfgs iteration is read in gd steps of
 * the same build in the same rounds.
 *
 * Each build (the threads build, as Node uses it, or the single-thread one: detected from
 * its imports) gets a memory of its own holding the bench's data (bench/data.ts), and
 * `gradientDescent` is called directly (no `fit` overhead: no input checks, no copies).
 * The implementations take turns, one fit each per round, so a noisy neighbour slows all
 * of them alike; medians and minima per step are printed with the ratio to the first
 * build and the JS baseline's ratio to each build. The final weights of every build are
 * compared with the first build's (max |Δ| / max |w|).
 */
import { readFileSync } from 'node:fs';
import { makeData } from '../bench/data.js';
import { Matrix } from '../src/matrix.js';
import { gradientDescentBaseline } from '../src/baseline.js';
import { ProblemRecord, exported } from '../src/core/problem.js';

interface Core {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  problemAddress(): number;
  workLength(solver: number): number;
  prepareProblem(solver: number): void;
  setThreads(threads: number): void;
  gradientDescent(params: number, lr: number, maxIter: number, tol: number, loss: number): number;
  lbfgs(params: number, maxIter: number, tol: number): number;
  [name: string]: unknown;
}

const LEARNING_RATE = 0.01;
const args = process.argv.slice(2);
let rounds = 15;
let shapeText = '800x2,100000x50,1000000x20';
let dtype = 'float64';
let withJs = true;
let solverText = 'gd';
const files: string[] = [];
for (let k = 0; k < args.length; k++) {
  if (args[k] === '--rounds') rounds = Number(args[++k]);
  else if (args[k] === '--shapes') shapeText = args[++k]!;
  else if (args[k] === '--dtype') dtype = args[++k]!;
  else if (args[k] === '--no-js') withJs = false;
  else if (args[k] === '--solver') solverText = args[++k]!;
  else files.push(args[k]!);
}
if (files.length === 0 || !['float64', 'float32', 'both'].includes(dtype)) {
  throw new Error('usage: tools/kernel-ab.ts [--rounds N] [--shapes RxC,…] [--dtype float64|float32|both] [--no-js] a.wasm [b.wasm …]');
}
const dtypes: ('float64' | 'float32')[] = dtype === 'both' ? ['float64', 'float32'] : [dtype as 'float64' | 'float32'];
type Solver = 'gd' | 'lbfgs';
const solvers = solverText.split(',') as Solver[];
if (!solvers.every((s) => s === 'gd' || s === 'lbfgs')) throw new Error(`--solver: expected gd, lbfgs or gd,lbfgs, got ${solverText}`);

const STEPS: Record<string, number> = { '800x2': 2000, '100000x50': 20, '1000000x20': 10 };
const stepsFor = (rows: number, cols: number, shape: string): number => STEPS[shape] ?? Math.max(10, Math.round(2e7 / (rows * cols)));

function instantiate(file: string): Core {
  const module = new WebAssembly.Module(readFileSync(file));
  const shared = WebAssembly.Module.imports(module).some((i) => i.module === 'env' && i.name === 'memory');
  const env: Record<string, unknown> = { abort: () => { throw new Error('abort'); } };
  if (shared) env.memory = new WebAssembly.Memory({ initial: 2, maximum: 65536, shared: true });
  const instance = new WebAssembly.Instance(module, {
    env,
    logreg: { progress: () => 1, parallel: () => { throw new Error('no threads here'); } },
  } as WebAssembly.Imports);
  const exports = instance.exports as unknown as Core;
  return shared ? { ...exports, memory: env.memory as WebAssembly.Memory } : exports;
}

interface Runner {
  label: string;
  /** Runs `steps` steps from zero; returns the weights and the steps made. */
  fit(steps: number): { params: Float64Array; steps: number };
}

function wasmRunner(file: string, x: Float64Array, y: Float64Array, rows: number, cols: number, type: 'float64' | 'float32', solver: Solver): Runner {
  const core = instantiate(file);
  const float32 = type === 'float32';
  const xPtr = core.alloc(x.length * (float32 ? 4 : 8));
  (float32 ? new Float32Array(core.memory.buffer, xPtr, x.length) : new Float64Array(core.memory.buffer, xPtr, x.length)).set(x);
  const yPtr = core.alloc(rows * 8);
  new Float64Array(core.memory.buffer, yPtr, rows).set(y);
  const params = core.alloc((cols + 1) * 8);
  core.setThreads(1);
  const record = new ProblemRecord(core);
  const lbfgs = solver === 'lbfgs';
  record.write({ x: xPtr, dtype: type, sparse: null, y: yPtr, weights: 0, rows, cols, blocks: 1, fitIntercept: true, weightSum: rows, l2: lbfgs ? 1 / rows : 0, l1: 0 });
  const id = exported(core, lbfgs ? 'SOLVER_LBFGS' : 'SOLVER_GD');
  record.setWork(core.alloc(core.workLength(id) * 8));
  return {
    label: file.replace(/^.*\//, '') + (dtypes.length > 1 || float32 ? (float32 ? ' f32' : ' f64') : '') + (solvers.length > 1 ? ` ${solver}` : ''),
    fit(steps) {
      // Each build's record is its own, but prepareProblem is per solver: set it every fit.
      core.prepareProblem(id);
      new Float64Array(core.memory.buffer, params, cols + 1).fill(0);
      const made = lbfgs ? core.lbfgs(params, steps, 0) : core.gradientDescent(params, LEARNING_RATE, steps, 0, 0);
      return { params: new Float64Array(core.memory.buffer, params, cols + 1).slice(), steps: made };
    },
  };
}

function jsRunner(x: Float64Array, y: Float64Array, rows: number, cols: number): Runner {
  const X = Matrix.from(x, rows, cols);
  return {
    label: 'plain JS',
    fit(steps) {
      const { weights, bias } = gradientDescentBaseline(X, y, { learningRate: LEARNING_RATE, maxIter: steps });
      const out = new Float64Array(cols + 1);
      out.set(weights);
      out[cols] = bias;
      return { params: out, steps };
    },
  };
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (ms: number): string => (ms < 0.1 ? `${(ms * 1000).toFixed(3)} µs` : `${ms.toFixed(3)} ms`);

for (const shape of shapeText.split(',')) {
  const [rows, cols] = shape.split('x').map(Number) as [number, number];
  const steps = stepsFor(rows, cols, shape);
  const { x, y } = makeData(rows, cols, 42);
  const runners = files.flatMap((f) => solvers.flatMap((solver) => dtypes.map((t) => wasmRunner(f, x, y, rows, cols, t, solver))));
  if (withJs) runners.push(jsRunner(x, y, rows, cols));
  const reference = runners[0]!.fit(steps).params;
  const scale = Math.max(...reference.map(Math.abs));
  for (const r of runners.slice(1)) {
    const { params: out, steps: made } = r.fit(steps);
    if (made !== steps) console.log(`${shape}: ${r.label} made ${made} of ${steps} steps`);
    let diff = 0;
    for (let k = 0; k < out.length; k++) diff = Math.max(diff, Math.abs(out[k]! - reference[k]!));
    console.log(`${shape}: ${r.label} vs ${runners[0]!.label}: max|Δ|/max|w| = ${(diff / scale).toExponential(2)}`);
  }
  const times = runners.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < runners.length; k++) {
      const idx = (k + round) % runners.length; // rotate who goes first
      const t0 = performance.now();
      const made = runners[idx]!.fit(steps).steps;
      times[idx]!.push((performance.now() - t0) / made);
    }
  }
  const js = withJs ? median(times[runners.length - 1]!) : NaN;
  const base = median(times[0]!);
  console.log(`\n${shape}, ${steps} steps, ${rounds} rounds (per step):`);
  for (let k = 0; k < runners.length; k++) {
    const med = median(times[k]!);
    const min = Math.min(...times[k]!);
    console.log(
      `  ${runners[k]!.label.padEnd(28)} median ${fmt(med).padStart(11)}  min ${fmt(min).padStart(11)}` +
        `  vs first ${(med / base).toFixed(3)}` + (withJs ? `  JS/this ${(js / med).toFixed(2)}×` : ''),
    );
  }
}
