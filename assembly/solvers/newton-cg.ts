import { hessianProduct, parameterCount, solverWork } from '../objective/problem';
import { axpy, copy, dot, scale, zero } from '../vector';
import { acceptStep, cgBudget, currentF, descending, endDescent, noStep, startDescent } from './descent';
import { lineSearch } from './line-search';

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
