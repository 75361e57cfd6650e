/**
 * Solves whose data term the host evaluates: the core's L-BFGS / OWL-QN iteration
 * (assembly/solvers/lbfgs.ts, `hostLbfgs*`) or Newton-CG (newton-cg.ts, `hostNewton*`) with
 * f's sums Σᵢ sᵢℓᵢ and Σᵢ sᵢ∇ℓᵢ (and Newton-CG's Σᵢ sᵢ∇²ℓᵢ·v) computed outside WebAssembly — by an SQL aggregate over a table the core never holds
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

/**
 * The data term's Hessian at θ times v: writes Σᵢ sᵢ∇²θℓᵢ·v into `out` (same layout). Views
 * valid until the returned promise settles.
 */
export type HessianTerm = (theta: Float64Array, v: Float64Array, out: Float64Array) => Promise<void>;

/** What the host evaluates: the data term, and for 'newton' its Hessian-vector products. */
export interface HostedTerms {
  readonly dataTerm: DataTerm;
  readonly hessianTerm: HessianTerm | null;
}

/** How a hosted solve runs. */
export interface HostedRun {
  /** 'lbfgs' (OWL-QN with an l1 term) or 'newton' (Newton-CG: needs {@link HostedTerms.hessianTerm}). */
  readonly solver: 'lbfgs' | 'newton';
  readonly maxIter: number;
  /** The core's tolerance on its (scaled) pseudo-gradient. */
  readonly tol: number;
  readonly onProgress: ProgressListener | null;
}

/**
 * Minimises the scaled objective of `problem` from `start` (blocks × (cols + 1) values),
 * calling `dataTerm` once per point the iteration visits (one per line-search trial) and,
 * for 'newton', `hessianTerm` once per conjugate-gradient step.
 * @throws whatever the terms throw (the solve is abandoned; nothing else is affected);
 * Error for 'newton' without a hessianTerm.
 */
export async function solveHosted(problem: HostedProblem, run: HostedRun, start: Float64Array, terms: HostedTerms): Promise<CoreResult & { readonly evaluations: number }> {
  const parameters = problem.blocks * (problem.cols + 1);
  if (start.length !== parameters) throw new RangeError(`solveHosted: start has ${start.length} values; the problem has ${parameters} parameters`);
  if (run.solver === 'newton' && terms.hessianTerm === null) throw new Error("solveHosted: solver 'newton' needs a hessianTerm");
  const core = idle ?? privateCore();
  idle = null;
  const exports = core.exports;
  const owned: number[] = [];
  try {
    const record = problemRecord(core);
    record.write({ x: 0, dtype: 'float64', sparse: null, y: 0, weights: 0, rows: 0, ...problem });
    const solver = exported(exports, run.solver === 'newton' ? 'SOLVER_NEWTON_CG' : 'SOLVER_LBFGS');
    const work = core.allocF64(exports.workLength(solver));
    owned.push(work);
    record.setWork(work);
    exports.prepareProblem(solver);
    const paramsPtr = core.copyIn(start);
    owned.push(paramsPtr);
    return await iterate(core, paramsPtr, parameters, run, terms);
  } finally {
    for (const ptr of owned) core.free(ptr);
    idle = core;
  }
}

/** A private core no solve is using, kept for the next one (most programs run one at a time). */
let idle: Core | null = null;

/** One host-driven solver's calls into the core. */
interface Driver {
  start(paramsPtr: number, maxIter: number, tol: number): number;
  resume(lossSum: number): number;
  /** Whether the address last returned asks for a Hessian-vector product (else the data term). */
  wantsHessian(): boolean;
  buffer(): number;
  point(): number;
}

function driver(core: Core, solver: HostedRun['solver']): Driver {
  const e = core.exports;
  if (solver === 'lbfgs') {
    return { start: e.hostLbfgsStart, resume: e.hostLbfgsResume, wantsHessian: () => false, buffer: e.hostLbfgsGradient, point: () => 0 };
  }
  const hessian = exported(e, 'HOST_HESSIAN');
  return { start: e.hostNewtonStart, resume: e.hostNewtonResume, wantsHessian: () => e.hostNewtonRequest() === hessian, buffer: e.hostNewtonBuffer, point: e.hostNewtonPoint };
}

/** The host's side of the iteration: evaluate what the core asks for until it ends. */
async function iterate(core: Core, paramsPtr: number, parameters: number, run: HostedRun, terms: HostedTerms): Promise<CoreResult & { readonly evaluations: number }> {
  const exports = core.exports;
  const solver = driver(core, run.solver);
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
  let address = step(() => solver.start(paramsPtr, run.maxIter, run.tol)) >>> 0;
  let evaluations = 0;
  while (address !== 0) {
    const at = core.viewF64(address, parameters).slice();
    const out = new Float64Array(parameters);
    let lossSum = 0;
    if (solver.wantsHessian()) {
      await (terms.hessianTerm as HessianTerm)(core.viewF64(solver.point() >>> 0, parameters).slice(), at, out);
    } else {
      lossSum = await terms.dataTerm(at, out);
    }
    evaluations++;
    core.viewF64(solver.buffer() >>> 0, parameters).set(out);
    address = step(() => solver.resume(lossSum)) >>> 0;
  }
  return {
    params: core.viewF64(paramsPtr, parameters).slice(),
    nIter: exports.hostIterations(),
    status: exports.solverStatus(),
    objective: exports.solverObjective(),
    gradNorm: exports.solverGradNorm(),
    lossCurve: null,
    evaluations,
  };
}
