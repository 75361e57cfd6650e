import { COARSE_DECREASE, l1Term, parameterCount, pseudoGradient, sharpen, smoothObjective } from '../objective/problem';
import { copy } from '../vector';
import { STATUS_CONVERGED, STATUS_LINE_SEARCH_FAILED, STATUS_MAX_ITER, STATUS_STOPPED, finish, report } from './progress';

// The state and the bookkeeping the line-search solvers (lbfgs/OWL-QN, newton-cg,
// newton-cd) share around their own step: f and gradNorm at the current point, the
// iteration count and the outcome; taking a step, `sharpen`ing float32 arithmetic before
// judging convergence or a tiny decrease, reporting to the host and recording the end
// state. A solver is a loop
//
//   startDescent(…); while (descending(maxIter)) { find a step; if none: `noStep`, else
//   `acceptStep` } return endDescent();
//
// Over float32 X the passes run in float32 arithmetic until the gradient meets tol, a
// step decreases f by less than COARSE_DECREASE·|f| or no step decreases f; then they
// `sharpen` (float64 arithmetic) for the remaining iterations, so tol and the line search
// judge exact values. `pg` is the pseudo-gradient buffer; with no l1 term (newton-cg) it
// may be `g` itself, which pseudoGradient then leaves as it is.

let F: f64 = 0;
let GRAD_NORM: f64 = 0;
let ITER: i32 = 0;
let STATUS: i32 = STATUS_MAX_ITER;

/** f (with the l1 term), its smooth gradient in g and pseudo-gradient in pg, at params. */
function evaluate(params: usize, g: usize, pg: usize, keepCurvature: bool): void {
  F = smoothObjective(params, g, true, keepCurvature) + l1Term(params);
  GRAD_NORM = pseudoGradient(params, g, pg);
}

/** Evaluates the starting point (exactly, when float32 arithmetic would already stop there). */
export function startDescent(params: usize, g: usize, pg: usize, tol: f64, keepCurvature: bool): void {
  evaluate(params, g, pg, keepCurvature);
  if (GRAD_NORM <= tol && sharpen()) evaluate(params, g, pg, keepCurvature);
  begin(tol);
}

/** {@link startDescent} at a point the host evaluated: smooth f `smoothF`, its gradient in g. */
export function startDescentAt(params: usize, g: usize, pg: usize, smoothF: f64, tol: f64): void {
  F = smoothF + l1Term(params);
  GRAD_NORM = pseudoGradient(params, g, pg);
  begin(tol);
}

function begin(tol: f64): void {
  ITER = 0;
  STATUS = GRAD_NORM <= tol ? STATUS_CONVERGED : STATUS_MAX_ITER;
}

/** Whether another iteration is due. */
// @ts-ignore: decorator
@inline
export function descending(maxIter: i32): bool {
  return STATUS == STATUS_MAX_ITER && ITER < maxIter;
}

/** f at the current point. */
// @ts-ignore: decorator
@inline
export function currentF(): f64 {
  return F;
}

/** gradNorm (largest absolute pseudo-gradient entry) at the current point. */
// @ts-ignore: decorator
@inline
export function currentGradNorm(): f64 {
  return GRAD_NORM;
}

/**
 * No step decreased f. With float32 arithmetic, f's jitter can hide every decrease:
 * then the point is evaluated exactly and true says to search again; otherwise the
 * descent has failed and false says to stop.
 */
export function noStep(params: usize, g: usize, pg: usize, tol: f64, keepCurvature: bool): bool {
  if (sharpen()) {
    evaluate(params, g, pg, keepCurvature);
    if (GRAD_NORM <= tol) STATUS = STATUS_CONVERGED;
    return true;
  }
  STATUS = STATUS_LINE_SEARCH_FAILED;
  return false;
}

/** Moves to xNew (f = fNew, smooth gradient gNew), counts the iteration and reports it. */
export function acceptStep(params: usize, g: usize, pg: usize, xNew: usize, gNew: usize, fNew: f64, tol: f64, keepCurvature: bool): void {
  const count = parameterCount();
  copy(xNew, params, count);
  copy(gNew, g, count);
  const decrease = F - fNew;
  F = fNew;
  GRAD_NORM = pseudoGradient(params, g, pg);
  ITER++;
  // Float32 arithmetic judges neither convergence nor decreases near its rounding.
  if ((GRAD_NORM <= tol || decrease <= COARSE_DECREASE * Math.abs(F)) && sharpen()) evaluate(params, g, pg, keepCurvature);
  const goOn = report(ITER, F, GRAD_NORM);
  if (GRAD_NORM <= tol) STATUS = STATUS_CONVERGED;
  else if (!goOn) STATUS = STATUS_STOPPED;
}

/** Records the outcome for the host and returns the iterations made. */
export function endDescent(): i32 {
  finish(STATUS, F, GRAD_NORM);
  return ITER;
}

/** Conjugate-gradient steps per Newton iteration at most (newton-cg; newton-cd's `refine`). */
export function cgBudget(): i32 {
  return max(10, min(parameterCount(), 200));
}

// A host-driven solve (lbfgs.ts's and newton-cg.ts's host* functions) keeps its iterate and
// limits here between the host's calls, and its iteration count once it has ended.
let HOST_PARAMS: usize = 0;
let HOST_MAX_ITER = 0;
let HOST_TOL: f64 = 0;
let HOST_ITERATIONS = 0;

/** Records a host-driven solve's iterate (`params`, which receives the result) and limits. */
export function beginHostRun(params: usize, maxIter: i32, tol: f64): void {
  HOST_PARAMS = params;
  HOST_MAX_ITER = maxIter;
  HOST_TOL = tol;
  HOST_ITERATIONS = 0;
}

/** The host-driven solve's iterate. */
// @ts-ignore: decorator
@inline
export function hostParams(): usize {
  return HOST_PARAMS;
}

/** The host-driven solve's tol. */
// @ts-ignore: decorator
@inline
export function hostTol(): f64 {
  return HOST_TOL;
}

/** Whether the host-driven solve takes another iteration. */
export function hostDescending(): bool {
  return descending(HOST_MAX_ITER);
}

/** Ends the host-driven solve (recording its outcome) and returns 0, "nothing more to evaluate". */
export function endHostRun(): usize {
  HOST_ITERATIONS = endDescent();
  return 0;
}

/** Iterations made by the last host-driven solve (valid once it has ended). */
export function hostIterations(): i32 {
  return HOST_ITERATIONS;
}
