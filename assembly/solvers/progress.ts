// Progress reports from inside a solver's loop to the host, and the solver's outcome.

// @ts-ignore: decorator
@external("logreg", "progress")
declare function hostProgress(iteration: i32, objective: f64, gradNorm: f64): i32;

let REPORTING: bool = false;

// Outcomes of a solver call, read with `solverStatus()`; exported (src/core/solve.ts reads them).
/** maxIter iterations made without converging. */
export const STATUS_MAX_ITER: i32 = 0;
/** gradNorm ≤ tol. */
export const STATUS_CONVERGED: i32 = 1;
/** The host's progress callback asked to stop. */
export const STATUS_STOPPED: i32 = 2;
/** No step decreased f. */
export const STATUS_LINE_SEARCH_FAILED: i32 = 3;

let STATUS: i32 = STATUS_MAX_ITER;
let OBJECTIVE: f64 = 0;
let GRAD_NORM: f64 = 0;

/** Whether solvers call the host's `progress` after every iteration (one call per iteration, never per row). */
export function setReporting(on: bool): void {
  REPORTING = on;
}

/** Records the end state of a solver call. */
export function finish(status: i32, objective: f64, gradNorm: f64): void {
  STATUS = status;
  OBJECTIVE = objective;
  GRAD_NORM = gradNorm;
}

/** How the last solver call ended: one of the STATUS_* constants. */
export function solverStatus(): i32 {
  return STATUS;
}

/** Objective value f at the end of the last solver call. */
export function solverObjective(): f64 {
  return OBJECTIVE;
}

/** Largest absolute entry of the (pseudo-)gradient at the end of the last solver call. */
export function solverGradNorm(): f64 {
  return GRAD_NORM;
}

/** True when reporting is on; callers skip work (such as computing the loss) otherwise. */
// @ts-ignore: decorator
@inline
export function isReporting(): bool {
  return REPORTING;
}

/** Tells the host about an iteration; false when the host asks to stop. */
// @ts-ignore: decorator
@inline
export function report(iteration: i32, objective: f64, gradNorm: f64): bool {
  return !REPORTING || hostProgress(iteration, objective, gradNorm) != 0;
}
