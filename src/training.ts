/**
 * Runs one solver call in the WebAssembly core: stages the targets, weights and scratch
 * buffers, configures the problem, routes progress reports, and frees everything after.
 * @module
 */
import type { StagedMatrix } from './input.js';
import { allocF64, copyIn, core, free, setProgressListener, viewF64 } from './wasm/runtime.js';

/** Solvers the core implements. */
export type CoreSolver = 'gd' | 'lbfgs' | 'newton' | 'owlqn';

/** One optimisation problem over staged data (see assembly/objective/problem.ts). */
export interface CoreProblem {
  readonly X: StagedMatrix;
  /** 0/1 targets (blocks = 1) or class indices (blocks ≥ 2), one per row. */
  readonly target: Float64Array;
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
  readonly maxIter: number;
  readonly tol: number;
  readonly learningRate: number;
  readonly recordLoss: boolean;
  /** Called after every iteration; return false to stop. */
  readonly onProgress: ((iteration: number, objective: number, gradientMax: number) => boolean) | null;
}

/** What a solver call produced. */
export interface CoreResult {
  /** blocks × (cols + 1): per block the weights then the intercept. */
  readonly params: Float64Array;
  readonly nIter: number;
  /** 0 maxIter reached, 1 converged, 2 stopped by the callback, 3 line search failed. */
  readonly status: number;
  readonly objective: number;
  readonly gradientMax: number;
  readonly lossCurve: Float64Array | null;
}

/** Outcome codes of {@link CoreResult.status}. */
export const STATUS = { maxIter: 0, converged: 1, stopped: 2, lineSearchFailed: 3 } as const;

const LBFGS_MEMORY = 10;

let running = false;

/** Scratch values each solver needs for P parameters. */
function workLength(solver: CoreSolver, parameters: number): number {
  switch (solver) {
    case 'gd':
      return 2 * parameters;
    case 'newton':
      return 7 * parameters;
    default:
      return (5 + 2 * LBFGS_MEMORY) * parameters + 2 * LBFGS_MEMORY;
  }
}

/**
 * Minimises the scaled objective of `problem` from `start` (blocks × (cols + 1) values).
 * @throws Error when called from inside another fit's progress callback (the core holds
 * one problem at a time).
 */
export function solve(problem: CoreProblem, run: CoreRun, start: Float64Array): CoreResult {
  if (running) {
    throw new Error('LogisticRegression.fit: a fit is already running (fit was called from an onIteration callback); fit another model after this one returns');
  }
  const { X, blocks } = problem;
  const parameters = blocks * (X.cols + 1);
  const blocksToFree: number[] = [];
  const take = (ptr: number): number => {
    blocksToFree.push(ptr);
    return ptr;
  };
  running = true;
  try {
    const yPtr = take(copyIn(problem.target));
    const weightsPtr = problem.weights === null ? 0 : take(copyIn(problem.weights));
    const curvaturePtr = take(allocF64(X.rows * blocks));
    const scratchPtr = take(allocF64(blocks));
    const paramsPtr = take(copyIn(start));
    const workPtr = take(allocF64(workLength(run.solver, parameters)));
    const lossPtr = run.recordLoss ? take(allocF64(run.maxIter)) : 0;
    core.configureProblem(
      X.ptr,
      yPtr,
      weightsPtr,
      X.rows,
      X.cols,
      blocks,
      problem.weightSum,
      problem.l2,
      problem.l1,
      problem.fitIntercept,
      curvaturePtr,
      scratchPtr,
    );
    setProgressListener(run.onProgress);
    let nIter: number;
    switch (run.solver) {
      case 'gd':
        nIter = core.gradientDescent(paramsPtr, run.learningRate, run.maxIter, run.tol, lossPtr, workPtr);
        break;
      case 'newton':
        nIter = core.newtonCg(paramsPtr, run.maxIter, run.tol, Math.max(10, Math.min(parameters, 200)), workPtr);
        break;
      default:
        nIter = core.lbfgs(paramsPtr, run.maxIter, run.tol, LBFGS_MEMORY, workPtr);
    }
    return {
      params: viewF64(paramsPtr, parameters).slice(),
      nIter,
      status: core.solverStatus(),
      objective: core.solverObjective(),
      gradientMax: core.solverGradientMax(),
      lossCurve: lossPtr === 0 ? null : viewF64(lossPtr, Math.min(nIter + 1, run.maxIter)).slice(),
    };
  } finally {
    setProgressListener(null);
    running = false;
    for (const ptr of blocksToFree) free(ptr);
  }
}
