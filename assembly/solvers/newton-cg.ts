import { COARSE_DECREASE, hessianProduct, parameterCount, sharpen, smoothObjective } from '../objective/problem';
import { axpy, copy, dot, maxAbs, scale, zero } from '../vector';
import { lineSearch } from './line-search';
import { CONVERGED, LINE_SEARCH_FAILED, MAX_ITER, STOPPED_BY_HOST, finish, report } from './progress';

/**
 * Truncated Newton (Newton-CG) on the configured smooth problem (l2 or no penalty).
 *
 * Memory (float64, byte offsets; P = parameterCount()):
 *   params  P values: the starting point, overwritten with the result
 *   work    7·P values of scratch
 *
 * Each iteration solves ∇²f · p = −∇f approximately by conjugate gradients, using
 * Hessian-vector products (one pass over X each, no P×P matrix), and stops CG once the
 * residual is below min(0.5, √‖∇f‖)·‖∇f‖ (superlinear convergence near the optimum) or on
 * non-positive curvature. Then a line search from step 1. Stops when max|∇f| ≤ tol,
 * after maxIter iterations, when the host asks, or when no step decreases f. Over float32
 * X the passes `sharpen` as in lbfgs. Returns the iterations made.
 */
export function newtonCg(params: usize, maxIter: i32, tol: f64, maxInner: i32, work: usize): i32 {
  const count = parameterCount();
  const bytes = <usize>count << 3;
  const g = work;
  const p = g + bytes;
  const r = p + bytes;
  const dir = r + bytes;
  const hd = dir + bytes;
  const xNew = hd + bytes;
  const gNew = xNew + bytes;

  let f = smoothObjective(params, g, true, true);
  let gradMax = maxAbs(g, count);
  if (gradMax <= tol && sharpen()) {
    f = smoothObjective(params, g, true, true);
    gradMax = maxAbs(g, count);
  }
  let iter = 0;
  let status = gradMax <= tol ? CONVERGED : MAX_ITER;

  while (status == MAX_ITER && iter < maxIter) {
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

    const fNew = lineSearch(params, f, g, p, 1.0, xNew, gNew, true);
    if (isNaN(fNew)) {
      // With float32 arithmetic, f's jitter can hide every decrease: retry exactly.
      if (sharpen()) {
        f = smoothObjective(params, g, true, true);
        gradMax = maxAbs(g, count);
        if (gradMax <= tol) status = CONVERGED;
        continue;
      }
      status = LINE_SEARCH_FAILED;
      break;
    }
    copy(xNew, params, count);
    copy(gNew, g, count);
    const decrease = f - fNew;
    f = fNew;
    gradMax = maxAbs(g, count);
    iter++;
    // Float32 arithmetic judges neither convergence nor decreases near its rounding.
    if ((gradMax <= tol || decrease <= COARSE_DECREASE * Math.abs(f)) && sharpen()) {
      f = smoothObjective(params, g, true, true);
      gradMax = maxAbs(g, count);
    }
    const goOn = report(iter, f, gradMax);
    if (gradMax <= tol) status = CONVERGED;
    else if (!goOn) status = STOPPED_BY_HOST;
  }
  finish(status, f, gradMax);
  return iter;
}
