/**
 * Solves whose data term the host evaluates: the core's L-BFGS / OWL-QN iteration
 * (assembly/solvers/lbfgs.ts, `hostLbfgs*`) with f's sums Σᵢ sᵢℓᵢ and Σᵢ sᵢ∇ℓᵢ computed
 * outside WebAssembly — by an SQL aggregate over a table the core never holds
 * (src/duckdb/pushdown.ts). The core keeps everything else: the penalty, the scaling by S,
 * the pseudo-gradient, the two-loop recursion, the line search and the stopping rule, so a
 * hosted solve takes the steps an in-memory one takes, up to the rounding of the sums.
 *
 * The evaluation is asynchronous, so the host drives the core (reverse communication): each
 * call returns the next point to evaluate. The solve runs in a {@link privateCore}, so it
 * holds no record other fits need while it waits.
 * @module
 */
import { type ProblemFields, exported, problemRecord } from './problem.js';
import type { CoreResult } from './solve.js';
import { type Core, type ProgressListener, privateCore, setProgressListener } from './runtime.js';

/** The problem of a hosted solve: the record's fields besides X, y and the weights (S = Σᵢ sᵢ is the data term's). */
export type HostedProblem = Pick<ProblemFields, 'cols' | 'blocks' | 'fitIntercept' | 'weightSum' | 'l2' | 'l1'>;

/**
 * The data term at θ: writes Σᵢ sᵢ∇θℓᵢ into `gradient` (blocks × (cols + 1) values, per
 * block the weights then the intercept) and resolves to Σᵢ sᵢℓᵢ. `theta` and `gradient`
 * are views valid until the returned promise settles.
 */
export type DataTerm = (theta: Float64Array, gradient: Float64Array) => Promise<number>;

/** How a hosted solve runs. */
export interface HostedRun {
  readonly maxIter: number;
  /** The core's tolerance on its (scaled) pseudo-gradient. */
  readonly tol: number;
  readonly onProgress: ProgressListener | null;
}

/**
 * Minimises the scaled objective of `problem` from `start` (blocks × (cols + 1) values),
 * calling `dataTerm` once per point the iteration visits (one per line-search trial).
 * @throws whatever `dataTerm` throws (the solve is abandoned; nothing else is affected).
 */
export async function solveHosted(problem: HostedProblem, run: HostedRun, start: Float64Array, dataTerm: DataTerm): Promise<CoreResult & { readonly evaluations: number }> {
  const parameters = problem.blocks * (problem.cols + 1);
  if (start.length !== parameters) throw new RangeError(`solveHosted: start has ${start.length} values; the problem has ${parameters} parameters`);
  const core = idle ?? privateCore();
  idle = null;
  const exports = core.exports;
  const owned: number[] = [];
  try {
    const record = problemRecord(core);
    record.write({ x: 0, dtype: 'float64', sparse: null, y: 0, weights: 0, rows: 0, ...problem });
    const solver = exported(exports, 'SOLVER_LBFGS');
    const work = core.allocF64(exports.workLength(solver));
    owned.push(work);
    record.setWork(work);
    exports.prepareProblem(solver);
    const paramsPtr = core.copyIn(start);
    owned.push(paramsPtr);
    return await iterate(core, paramsPtr, parameters, run, dataTerm);
  } finally {
    for (const ptr of owned) core.free(ptr);
    idle = core;
  }
}

/** A private core no solve is using, kept for the next one (most programs run one at a time). */
let idle: Core | null = null;

/** The host's side of the iteration: evaluate where the core asks until it ends. */
async function iterate(core: Core, paramsPtr: number, parameters: number, run: HostedRun, dataTerm: DataTerm): Promise<CoreResult & { readonly evaluations: number }> {
  const exports = core.exports;
  // Each call into the core is synchronous: the progress listener is installed for the
  // call only, as fits in the default core install theirs between our awaits.
  const step = (call: () => number): number => {
    setProgressListener(run.onProgress, exports);
    try {
      return call();
    } finally {
      setProgressListener(null, exports);
    }
  };
  let point = step(() => exports.hostLbfgsStart(paramsPtr, run.maxIter, run.tol)) >>> 0;
  let evaluations = 0;
  while (point !== 0) {
    const theta = core.viewF64(point, parameters).slice();
    const gradient = new Float64Array(parameters);
    const lossSum = await dataTerm(theta, gradient);
    evaluations++;
    core.viewF64(exports.hostLbfgsGradient() >>> 0, parameters).set(gradient);
    point = step(() => exports.hostLbfgsResume(lossSum)) >>> 0;
  }
  return {
    params: core.viewF64(paramsPtr, parameters).slice(),
    nIter: exports.hostLbfgsIterations(),
    status: exports.solverStatus(),
    objective: exports.solverObjective(),
    gradNorm: exports.solverGradNorm(),
    lossCurve: null,
    evaluations,
  };
}
