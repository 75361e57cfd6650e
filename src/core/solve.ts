/**
 * Runs solvers in the WebAssembly core: stages the targets and weights, writes the
 * problem record, allocates the one scratch block the core asks for, routes progress
 * reports, and frees everything afterwards. The parameters cross into the core once
 * (the start) and back once (the result).
 * @module
 */
import type { RandomState } from '../datasets/random-state.js';
import type { StagedMatrix } from './stage.js';
import { exported, problemRecord } from './problem.js';
import { ensureThreads } from './threads.js';
import { type Core, core as defaultExports, defaultCore, setProgressListener } from './runtime.js';

/** Solvers the core implements ('newton-cd': proximal Newton with coordinate descent, as LIBLINEAR's newGLMNET). */
export type CoreSolver = 'gd' | 'lbfgs' | 'newton' | 'newton-cd' | 'owlqn' | 'sgd';

/** One optimisation problem over staged data (see assembly/objective/problem.ts). */
export interface CoreProblem {
  readonly X: StagedMatrix;
  /** 0/1 targets (blocks = 1) or class indices (blocks ≥ 2), one per row (stored as float64 in the core). */
  readonly target: Float64Array | Int32Array;
  /** Per-row sample weights, or null for ones. */
  readonly weights: Float64Array | null;
  /** 1 for a binary problem, K for a K-class softmax. */
  readonly blocks: number;
  /** Coefficient of ½‖w‖² in the scaled objective. */
  readonly l2: number;
  /** Coefficient of ‖w‖₁ in the scaled objective. */
  readonly l1: number;
  readonly fitIntercept: boolean;
  /** Σsᵢ (the number of rows when `weights` is null). */
  readonly weightSum: number;
}

/** How to run the solver. */
export interface CoreRun {
  readonly solver: CoreSolver;
  /** Iterations; for 'sgd', epochs. */
  readonly maxIter: number;
  readonly tol: number;
  readonly learningRate: number;
  readonly recordLoss: boolean;
  /** Called after every iteration (epoch for 'sgd') with f and gradNorm; return false to stop. */
  readonly onProgress: ((iteration: number, objective: number, gradNorm: number) => boolean) | null;
  /** 'sgd' only: rows per mini-batch. */
  readonly batchSize: number;
  /** 'sgd' only: the generator that reshuffles the rows before every epoch, or null to keep their order. */
  readonly shuffle: RandomState | null;
  /** Threads for the passes over the rows (1: this thread only; always 1 outside the default core). */
  readonly threads: number;
  /** The core that runs the solver; `problem.X` must live in its memory. */
  readonly core: Core;
  /** Receives a one-time notice when threads are unavailable. */
  readonly warn: (message: string) => void;
}

/** What a solver call produced. */
export interface CoreResult {
  /** blocks × (cols + 1): per block the weights then the intercept. */
  readonly params: Float64Array;
  readonly nIter: number;
  /** One of {@link STATUS}. */
  readonly status: number;
  readonly objective: number;
  /** The largest absolute entry of the core's (pseudo-)gradient at the result; NaN for 'sgd'. */
  readonly gradNorm: number;
  readonly lossCurve: Float64Array | null;
}

/** Outcome codes of {@link CoreResult.status}, as the core defines them (assembly/solvers/progress.ts). */
export const STATUS = {
  maxIter: exported(defaultExports, 'STATUS_MAX_ITER'),
  converged: exported(defaultExports, 'STATUS_CONVERGED'),
  stopped: exported(defaultExports, 'STATUS_STOPPED'),
  lineSearchFailed: exported(defaultExports, 'STATUS_LINE_SEARCH_FAILED'),
} as const;

/** The core's name of each solver (owlqn is lbfgs on a problem with an l1 term). */
const SOLVER_EXPORTS: Record<CoreSolver, string> = {
  gd: 'SOLVER_GD',
  lbfgs: 'SOLVER_LBFGS',
  owlqn: 'SOLVER_LBFGS',
  newton: 'SOLVER_NEWTON_CG',
  'newton-cd': 'SOLVER_NEWTON_CD',
  sgd: 'SOLVER_SGD',
};

/** 'sgd' stops after this many epochs without an improvement of the epoch loss by more than tol. */
export const SGD_EPOCHS_NO_CHANGE = 5;

let running = false;

/**
 * Runs `body` holding the core's one problem record, which a solve and an information pass
 * (src/core/information.ts) both write: a call made from a running fit's `onIteration`
 * callback would overwrite the record under the fit, so it is refused with `busy`.
 * @throws Error with message `busy` while a solve or information pass is running.
 */
export function withProblemRecord<T>(busy: string, body: () => T): T {
  if (running) throw new Error(busy);
  running = true;
  try {
    return body();
  } finally {
    running = false;
  }
}

/**
 * Minimises the scaled objective of `problem` from `start` (blocks × (cols + 1) values).
 * @throws Error when called from inside another fit's progress callback (the core holds
 * one problem at a time).
 */
export function solve(problem: CoreProblem, run: CoreRun, start: Float64Array): CoreResult {
  return withProblemRecord(
    'LogisticRegression.fit: a fit is already running (fit was called from an onIteration callback); fit another model after this one returns',
    () => solveHolding(problem, run, start),
  );
}

/** {@link solve}, with the problem record held. */
function solveHolding(problem: CoreProblem, run: CoreRun, start: Float64Array): CoreResult {
  const { X, blocks } = problem;
  const parameters = blocks * (X.cols + 1);
  const owned: number[] = [];
  const take = (ptr: number): number => {
    owned.push(ptr);
    return ptr;
  };
  const core = run.core.exports;
  const solver = exported(core, SOLVER_EXPORTS[run.solver]);
  const record = problemRecord(run.core);
  try {
    core.setThreads(run.solver === 'sgd' || run.core !== defaultCore ? 1 : ensureThreads(run.threads, run.warn));
    const y = take(run.core.copyIn(problem.target));
    const weights = problem.weights === null ? 0 : take(run.core.copyIn(problem.weights));
    const paramsPtr = take(run.core.copyIn(start));
    record.write({
      x: X.ptr,
      dtype: X.dtype,
      sparse: X.sparse,
      y,
      weights,
      rows: X.rows,
      cols: X.cols,
      blocks,
      fitIntercept: problem.fitIntercept,
      weightSum: problem.weightSum,
      l2: problem.l2,
      l1: problem.l1,
    });
    record.setWork(take(allocWork(run.core, core.workLength(solver), problem, run.solver)));
    core.prepareProblem(solver);
    const outcome = run.solver === 'sgd' ? runSgd(X.rows, paramsPtr, run, take) : runBatch(paramsPtr, run, take);
    return { ...outcome, params: run.core.viewF64(paramsPtr, parameters).slice() };
  } finally {
    core.setThreads(1);
    setProgressListener(null, core);
    for (const ptr of owned) run.core.free(ptr);
  }
}

/**
 * The solve's scratch block. Over sparse X the scratch, not X, is what grows with the
 * columns (a few vectors of blocks × (cols + 1) values), and newton-cd keeps a copy of
 * dense X by columns, so when it cannot be had the message says so and what needs less,
 * instead of the dense advice of `allocF64`.
 */
function allocWork(target: Core, length: number, problem: CoreProblem, solver: CoreSolver): number {
  try {
    return target.allocF64(length);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    if (problem.X.sparse === null && solver === 'newton-cd') {
      throw new RangeError(
        `LogisticRegression.fit: solver 'newton-cd' keeps a copy of X by columns, ${length} float64 values of scratch (${length * 8} bytes) in all, more than WebAssembly memory can hold beside X; solver 'owlqn' minimises the same l1 or elastic-net objective without the copy`,
        { cause: error },
      );
    }
    if (problem.X.sparse === null) throw error;
    const { cols } = problem.X;
    const parameters = problem.blocks * (cols + 1);
    const shape = problem.blocks === 1 ? `${cols} columns + 1` : `${problem.blocks} blocks × (${cols} columns + 1)`;
    throw new RangeError(
      `LogisticRegression.fit: solver '${solver}' needs ${length} float64 values of scratch (${length * 8} bytes) for ${parameters} parameters (${shape}), more than WebAssembly memory can hold; fewer columns (e.g. a smaller nFeatures of HashingVectorizer) or solver 'sgd' need less`,
      { cause: error },
    );
  }
}

/** The full-batch solvers: one call into the core runs every iteration. */
function runBatch(
  paramsPtr: number,
  run: CoreRun,
  take: (ptr: number) => number,
): Omit<CoreResult, 'params'> {
  const core = run.core.exports;
  const lossPtr = run.recordLoss ? take(run.core.allocF64(run.maxIter)) : 0;
  setProgressListener(run.onProgress, core);
  let nIter: number;
  switch (run.solver) {
    case 'gd':
      nIter = core.gradientDescent(paramsPtr, run.learningRate, run.maxIter, run.tol, lossPtr);
      break;
    case 'newton-cd':
      nIter = core.newtonCd(paramsPtr, run.maxIter, run.tol);
      break;
    case 'newton':
      nIter = core.newtonCg(paramsPtr, run.maxIter, run.tol);
      break;
    default:
      nIter = core.lbfgs(paramsPtr, run.maxIter, run.tol);
  }
  return {
    nIter,
    status: core.solverStatus(),
    objective: core.solverObjective(),
    gradNorm: core.solverGradNorm(),
    lossCurve: lossPtr === 0 ? null : run.core.viewF64(lossPtr, Math.min(nIter + 1, run.maxIter)).slice(),
  };
}

/**
 * Mini-batch SGD: one call into the core per epoch, after the host has (re)shuffled the
 * row order with the model's RandomState, so every random choice is reproducible.
 */
function runSgd(
  rows: number,
  paramsPtr: number,
  run: CoreRun,
  take: (ptr: number) => number,
): Omit<CoreResult, 'params'> {
  const core = run.core.exports;
  const orderPtr = take(run.core.allocI32(rows));
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const curve = run.recordLoss ? new Float64Array(run.maxIter) : null;
  const withLoss = run.tol > 0 || curve !== null || run.onProgress !== null;
  let best = Infinity;
  let epochsWithoutGain = 0;
  let status: number = STATUS.maxIter;
  let loss = NaN;
  let epoch = 0;
  while (epoch < run.maxIter) {
    if (run.shuffle !== null) run.shuffle.shuffle(order);
    run.core.viewI32(orderPtr, rows).set(order);
    loss = core.sgdEpoch(paramsPtr, orderPtr, rows, run.batchSize, run.learningRate, withLoss);
    if (curve !== null) curve[epoch] = loss;
    epoch++;
    if (run.onProgress !== null && !run.onProgress(epoch, loss, NaN)) {
      status = STATUS.stopped;
      break;
    }
    if (run.tol > 0) {
      epochsWithoutGain = loss > best - run.tol ? epochsWithoutGain + 1 : 0;
      best = Math.min(best, loss);
      if (epochsWithoutGain >= SGD_EPOCHS_NO_CHANGE) {
        status = STATUS.converged;
        break;
      }
    }
  }
  return { nIter: epoch, status, objective: loss, gradNorm: NaN, lossCurve: curve === null ? null : curve.slice(0, epoch) };
}

/**
 * A copy of `X` (staged in the default core) in `target`'s memory, for a core with a memory
 * of its own (the relaxed core trains there, on one thread). The copy is owned: free it
 * with {@link releaseCopy}.
 */
export function copyStaged(X: StagedMatrix, target: Core): StagedMatrix {
  const valueBytes = X.dtype === 'float32' ? 4 : 8;
  if (X.sparse === null) {
    return { ...X, ptr: target.copyFrom(defaultCore, X.ptr, X.rows * X.cols * valueBytes), owned: true, pinned: null };
  }
  const { indptr, indices, nnz } = X.sparse;
  const copied: number[] = [];
  try {
    for (const [ptr, bytes] of [[indptr, (X.rows + 1) * 4], [indices, nnz * 4], [X.ptr, nnz * valueBytes]] as const) {
      copied.push(target.copyFrom(defaultCore, ptr, bytes));
    }
  } catch (error) {
    for (const ptr of copied) target.free(ptr);
    throw error;
  }
  const [indptrCopy, indicesCopy, valuesCopy] = copied as [number, number, number];
  return { ...X, ptr: valuesCopy, owned: true, pinned: null, sparse: { indptr: indptrCopy, indices: indicesCopy, nnz } };
}

/** Frees a copy made by {@link copyStaged}. */
export function releaseCopy(X: StagedMatrix, target: Core): void {
  target.free(X.ptr);
  if (X.sparse !== null) {
    target.free(X.sparse.indptr);
    target.free(X.sparse.indices);
  }
}
