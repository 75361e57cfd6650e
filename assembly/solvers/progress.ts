// Progress reports from inside a solver's loop to the host, and the solver's outcome.

// @ts-ignore: decorator
@external("logreg", "progress")
declare function hostProgress(iteration: i32, objective: f64, gradientMax: f64): i32;

let REPORTING: bool = false;

/** Outcomes of a solver call, read with `solverStatus()`. */
export const MAX_ITER: i32 = 0;
export const CONVERGED: i32 = 1;
export const STOPPED_BY_HOST: i32 = 2;
export const LINE_SEARCH_FAILED: i32 = 3;

let STATUS: i32 = MAX_ITER;
let OBJECTIVE: f64 = 0;
let GRADIENT_MAX: f64 = 0;

/** Whether solvers call the host's `progress` after every iteration (one call per iteration, never per row). */
export function setReporting(on: bool): void {
  REPORTING = on;
}

/** Records the end state of a solver call. */
export function finish(status: i32, objective: f64, gradientMax: f64): void {
  STATUS = status;
  OBJECTIVE = objective;
  GRADIENT_MAX = gradientMax;
}

/** How the last solver call ended: 0 maxIter reached, 1 converged, 2 stopped by the host, 3 line search failed. */
export function solverStatus(): i32 {
  return STATUS;
}

/** Objective value f at the end of the last solver call. */
export function solverObjective(): f64 {
  return OBJECTIVE;
}

/** Largest absolute entry of the (pseudo-)gradient at the end of the last solver call. */
export function solverGradientMax(): f64 {
  return GRADIENT_MAX;
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
export function report(iteration: i32, objective: f64, gradientMax: f64): bool {
  return !REPORTING || hostProgress(iteration, objective, gradientMax) != 0;
}
