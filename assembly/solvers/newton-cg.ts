import { hessianFromSums, hessianProduct, parameterCount, smoothFromSums, solverWork } from '../objective/problem';
import { axpy, copy, dot, scale, zero } from '../vector';
import { acceptStep, beginHostRun, cgBudget, currentF, descending, endDescent, endHostRun, hostDescending, hostParams, hostTol, noStep, startDescent, startDescentAt } from './descent';
import { TRIAL_ACCEPTED, TRIAL_NEXT, judgeTrial, lineSearch, startTrials } from './line-search';

/** float64 values of workspace newtonCg needs for P parameters. */
export function newtonCgWorkLength(parameters: f64): f64 {
  return 7 * parameters;
}

/**
 * Truncated Newton (Newton-CG) on the configured smooth problem (l2 or no penalty).
 *
 * `params` (P = parameterCount() float64 values) holds the starting point and receives
 * the result; the workspace is the record's (newtonCgWorkLength values).
 *
 * Each iteration solves ∇²f · p = −∇f approximately by conjugate gradients, using
 * Hessian-vector products (one pass over X each, no P×P matrix), and stops CG once the
 * residual is below min(0.5, √‖∇f‖)·‖∇f‖ (superlinear convergence near the optimum), on
 * non-positive curvature or after `cgBudget()` steps. Then a line search from step 1.
 * Stops when max|∇f| ≤ tol, after maxIter iterations, when the host asks, or when no step
 * decreases f (over float32 X, see descent.ts). Returns the iterations made.
 */
export function newtonCg(params: usize, maxIter: i32, tol: f64): i32 {
  const work = solverWork();
  const maxInner = cgBudget();
  const count = parameterCount();
  const bytes = <usize>count << 3;
  const g = work;
  const p = g + bytes;
  const r = p + bytes;
  const dir = r + bytes;
  const hd = dir + bytes;
  const xNew = hd + bytes;
  const gNew = xNew + bytes;

  // No l1 term: the pseudo-gradient is the gradient, so g serves as both.
  startDescent(params, g, g, tol, true);
  while (descending(maxIter)) {
    // Conjugate gradients on H p = −g from p = 0.
    zero(p, count);
    copy(g, r, count);
    scale(-1, r, count);
    copy(r, dir, count);
    let rr = dot(r, r, count);
    const gNorm = Math.sqrt(rr);
    const target = Math.min(0.5, Math.sqrt(gNorm)) * gNorm;
    for (let inner = 0; inner < maxInner; inner++) {
      hessianProduct(dir, hd);
      const curvature = dot(dir, hd, count);
      if (!(curvature > 1e-300)) {
        if (inner == 0) copy(dir, p, count);
        break;
      }
      const a = rr / curvature;
      axpy(a, dir, p, count);
      axpy(-a, hd, r, count);
      const rrNew = dot(r, r, count);
      if (Math.sqrt(rrNew) <= target) break;
      scale(rrNew / rr, dir, count);
      axpy(1, r, dir, count);
      rr = rrNew;
    }

    const fNew = lineSearch(params, currentF(), g, p, 1.0, xNew, gNew, true);
    if (isNaN(fNew)) {
      if (noStep(params, g, g, tol, true)) continue;
      break;
    }
    acceptStep(params, g, g, xNew, gNew, fNew, tol, true);
  }
  return endDescent();
}

// The same iteration driven by the host (as lbfgs.ts's hostLbfgs*): `hostNewtonStart` and
// each `hostNewtonResume` return an address and `hostNewtonRequest` says what the host owes
// for it, in the buffer `hostNewtonBuffer()` names: HOST_GRADIENT — Σᵢ sᵢ∇ℓᵢ at the point
// returned (its Σᵢ sᵢℓᵢ passed to the next resume); HOST_HESSIAN — Σᵢ sᵢ∇²ℓᵢ·v for the
// vector v returned, the Hessian taken at `hostNewtonPoint()`, the current iterate (the
// next resume's loss is ignored). 0 returned: the solve has ended. Each conjugate-gradient
// step and each line-search trial is one request; the arithmetic is newtonCg's.

/** {@link hostNewtonRequest}: the data term's loss and gradient sums at the point returned. */
export const HOST_GRADIENT = 1;
/** {@link hostNewtonRequest}: the data term's Hessian sums times the vector returned, at the current iterate. */
export const HOST_HESSIAN = 2;

const AT_START = 0;
const AT_CG = 1;
const AT_TRIAL = 2;
let PHASE = AT_START;
let MAX_INNER = 0;
let INNER = 0;
let RR: f64 = 0;
let TARGET: f64 = 0;
let G: usize = 0;
let P: usize = 0;
let R: usize = 0;
let DIR: usize = 0;
let HD: usize = 0;
let X_NEW: usize = 0;
let G_NEW: usize = 0;

/** Starts a host-driven Newton-CG solve from `params` (which receives the result); returns `params` (HOST_GRADIENT). */
export function hostNewtonStart(params: usize, maxIter: i32, tol: f64): usize {
  const bytes = <usize>parameterCount() << 3;
  G = solverWork();
  P = G + bytes;
  R = P + bytes;
  DIR = R + bytes;
  HD = DIR + bytes;
  X_NEW = HD + bytes;
  G_NEW = X_NEW + bytes;
  MAX_INNER = cgBudget();
  beginHostRun(params, maxIter, tol);
  PHASE = AT_START;
  return params;
}

/** What the host owes for the address last returned: HOST_GRADIENT or HOST_HESSIAN. */
export function hostNewtonRequest(): i32 {
  return PHASE == AT_CG ? HOST_HESSIAN : HOST_GRADIENT;
}

/** Where the host writes what it owes (P values). */
export function hostNewtonBuffer(): usize {
  return PHASE == AT_START ? G : PHASE == AT_CG ? HD : G_NEW;
}

/** The current iterate, where a HOST_HESSIAN request takes the Hessian. */
export function hostNewtonPoint(): usize {
  return hostParams();
}

/** Takes what was owed (the loss sum for HOST_GRADIENT); returns the next address, or 0 at the end. */
export function hostNewtonResume(lossSum: f64): usize {
  const count = parameterCount();
  const params = hostParams();
  if (PHASE == AT_START) {
    startDescentAt(params, G, G, smoothFromSums(params, G, lossSum, true), hostTol());
    return iterationOrEnd();
  }
  if (PHASE == AT_CG) {
    hessianFromSums(DIR, HD);
    const curvature = dot(DIR, HD, count);
    if (!(curvature > 1e-300)) {
      if (INNER == 0) copy(DIR, P, count);
      return search();
    }
    const a = RR / curvature;
    axpy(a, DIR, P, count);
    axpy(-a, HD, R, count);
    const rrNew = dot(R, R, count);
    INNER++;
    if (Math.sqrt(rrNew) <= TARGET) return search();
    scale(rrNew / RR, DIR, count);
    axpy(1, R, DIR, count);
    RR = rrNew;
    return INNER < MAX_INNER ? DIR : search();
  }
  const fNew = smoothFromSums(X_NEW, G_NEW, lossSum, true);
  const verdict = judgeTrial(fNew);
  if (verdict == TRIAL_NEXT) return X_NEW;
  if (verdict == TRIAL_ACCEPTED) {
    acceptStep(params, G, G, X_NEW, G_NEW, fNew, hostTol(), true);
    return iterationOrEnd();
  }
  noStep(params, G, G, hostTol(), true);
  return endHostRun();
}

/** Conjugate gradients on H p = −g from p = 0: the first Hessian request, or 0 when the descent is over. */
function iterationOrEnd(): usize {
  if (!hostDescending()) return endHostRun();
  const count = parameterCount();
  zero(P, count);
  copy(G, R, count);
  scale(-1, R, count);
  copy(R, DIR, count);
  RR = dot(R, R, count);
  const gNorm = Math.sqrt(RR);
  TARGET = Math.min(0.5, Math.sqrt(gNorm)) * gNorm;
  INNER = 0;
  if (MAX_INNER == 0) return search();
  PHASE = AT_CG;
  return DIR;
}

/** The first trial along p. */
function search(): usize {
  startTrials(hostParams(), currentF(), G, P, 1.0, X_NEW, G_NEW);
  PHASE = AT_TRIAL;
  return X_NEW;
}
