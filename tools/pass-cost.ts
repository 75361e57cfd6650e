/**
 * What one pass over the rows costs, by kind, on the bench's data: a gradient pass with
 * the loss (what the line-search solvers run at every trial, keeping the Hessian's row
 * weights as newton does), one without it (what a gd step runs), and a Hessian-vector
 * product. The three are timed in turn, 25 rounds, and their medians printed with the
 * ratio of the first two: the price of the loss.
 *
 *   npx tsx tools/pass-cost.ts [--shapes 1000000x20,100000x50] [--dtype float64|float32]
 *
 * The passes run on the core directly (one thread; no fit around them), at a fixed point
 * θⱼ = sin(j + 1); over float32 X they run in float32 arithmetic, as a fit's first passes.
 */
import { makeData } from '../bench/data.js';
import { exported, problemRecord } from '../src/core/problem.js';
import { allocF64, core, copyIn, defaultCore, viewF32, viewF64 } from '../src/core/runtime.js';

const args = process.argv.slice(2);
let shapeText = '1000000x20,100000x50';
let dtype: 'float64' | 'float32' = 'float64';
for (let k = 0; k < args.length; k++) {
  if (args[k] === '--shapes') shapeText = args[++k]!;
  else if (args[k] === '--dtype') dtype = args[++k] as 'float64' | 'float32';
  else throw new Error(`usage: tools/pass-cost.ts [--shapes RxC,…] [--dtype float64|float32]; got ${args[k]}`);
}
if (dtype !== 'float64' && dtype !== 'float32') throw new Error(`--dtype: expected float64 or float32, got ${String(dtype)}`);

const NEWTON_CG = exported(core, 'SOLVER_NEWTON_CG');
const ROUNDS = 25;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

for (const shape of shapeText.split(',')) {
  const [rows, cols] = shape.split('x').map(Number) as [number, number];
  const { x, y } = makeData(rows, cols, 42);
  let X: number;
  if (dtype === 'float32') {
    // Half as many float64 slots hold the float32 values (rounded up).
    X = allocF64(Math.ceil(x.length / 2));
    viewF32(X, x.length).set(x);
  } else {
    X = copyIn(x);
  }
  const record = problemRecord(defaultCore);
  record.write({ x: X, dtype, sparse: null, y: copyIn(y), weights: 0, rows, cols, blocks: 1, fitIntercept: true, weightSum: rows, l2: 1 / rows, l1: 0 });
  // Newton-CG's workspace holds the row curvature the Hessian product reads.
  record.setWork(allocF64(core.workLength(NEWTON_CG)));
  core.prepareProblem(NEWTON_CG);
  const P = cols + 1;
  const params = allocF64(P);
  const grad = allocF64(P);
  const v = allocF64(P);
  const out = allocF64(P);
  viewF64(params, P).set(Float64Array.from({ length: P }, (_, j) => Math.sin(j + 1)));
  viewF64(v, P).fill(0.1);
  core.smoothObjective(params, grad, true, true);
  const times = { withLoss: [] as number[], withoutLoss: [] as number[], hessian: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of ['withLoss', 'withoutLoss', 'hessian'] as const) {
      const t0 = performance.now();
      if (kind === 'hessian') core.hessianProduct(v, out);
      else core.smoothObjective(params, grad, kind === 'withLoss', kind === 'withLoss');
      times[kind].push(performance.now() - t0);
    }
  }
  const [a, b, h] = [median(times.withLoss), median(times.withoutLoss), median(times.hessian)];
  console.log(`${shape} ${dtype}: gradient pass with the loss ${a.toFixed(2)} ms, without ${b.toFixed(2)} ms (ratio ${(a / b).toFixed(2)}), Hessian product ${h.toFixed(2)} ms`);
}
