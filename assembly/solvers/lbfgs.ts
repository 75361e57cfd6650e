import { isPenalised, l1Strength, parameterCount, solverWork } from '../objective/problem';
import { at, axpy, copy, dot, put, scale } from '../vector';
import { acceptStep, currentF, descending, endDescent, noStep, startDescent } from './descent';
import { lineSearch } from './line-search';

/** Curvature pairs kept (m). */
const MEMORY = 10;

/** float64 values of workspace lbfgs needs for P parameters. */
export function lbfgsWorkLength(parameters: f64): f64 {
  return <f64>(5 + 2 * MEMORY) * parameters + <f64>(2 * MEMORY);
}

/**
 * Limited-memory BFGS on the configured problem (see objective/problem.ts); with an l1
 * term it runs as OWL-QN (Andrew & Gao, 2007), which follows the pseudo-gradient, keeps
 * each step inside one orthant and so lands on exact zeros.
 *
 * `params` (P = parameterCount() float64 values) holds the starting point and receives
 * the result; the workspace is the record's (lbfgsWorkLength values).
 *
 * Each iteration: direction d = −H·pg from the last m curvature pairs (two-loop
 * recursion, initial scaling sᵀy/yᵀy), for OWL-QN zeroed where it disagrees in sign with
 * −pg; then a line search. Pairs with sᵀy ≤ 1e-12·yᵀy are skipped, which keeps H
 * positive definite. Stops when max|pg| ≤ tol (converged), after maxIter iterations, when
 * the host asks, or when no step decreases f (over float32 X, see descent.ts). Returns the
 * iterations made.
 */
export function lbfgs(params: usize, maxIter: i32, tol: f64): i32 {
  const m = MEMORY;
  const work = solverWork();
  const count = parameterCount();
  const bytes = <usize>count << 3;
  const g = work;
  const pg = g + bytes;
  const d = pg + bytes;
  const xNew = d + bytes;
  const gNew = xNew + bytes;
  const sHistory = gNew + bytes;
  const yHistory = sHistory + <usize>m * bytes;
  const rho = yHistory + <usize>m * bytes;
  const alpha = rho + (<usize>m << 3);

  startDescent(params, g, pg, tol, false);
  let stored = 0;
  let newest = -1;
  while (descending(maxIter)) {
    // d = −H·pg by the two-loop recursion.
    copy(pg, d, count);
    for (let k = 0; k < stored; k++) {
      const slot = (newest - k + m) % m;
      const a = at(rho, slot) * dot(sHistory + <usize>slot * bytes, d, count);
      put(alpha, slot, a);
      axpy(-a, yHistory + <usize>slot * bytes, d, count);
    }
    if (stored > 0) {
      const s = sHistory + <usize>newest * bytes;
      const y = yHistory + <usize>newest * bytes;
      scale(dot(s, y, count) / dot(y, y, count), d, count);
    }
    for (let k = stored - 1; k >= 0; k--) {
      const slot = (newest - k + m) % m;
      const b = at(rho, slot) * dot(yHistory + <usize>slot * bytes, d, count);
      axpy(at(alpha, slot) - b, sHistory + <usize>slot * bytes, d, count);
    }
    scale(-1, d, count);
    // OWL-QN: a coordinate may only move against its pseudo-gradient.
    let ignored = 0.0;
    if (l1Strength() > 0) {
      for (let j = 0; j < count; j++) {
        if (isPenalised(j) && at(d, j) * at(pg, j) >= 0) {
          ignored += at(pg, j) * at(pg, j);
          put(d, j, 0);
        }
      }
    }
    if (!(dot(pg, d, count) < 0) || ignored > 0.5 * dot(pg, pg, count)) {
      // Not a descent direction (rounding), or the sign constraint dropped most of the
      // pseudo-gradient (the curvature pairs point the wrong way for the coordinates that
      // matter, and OWL-QN would stall): restart from −pg.
      stored = 0;
      copy(pg, d, count);
      scale(-1, d, count);
    }

    const first = stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(dot(pg, pg, count))) : 1.0;
    const fNew = lineSearch(params, currentF(), pg, d, first, xNew, gNew, false);
    if (isNaN(fNew)) {
      if (noStep(params, g, pg, tol, false)) continue;
      break;
    }

    // Curvature pair s = Δθ, y = Δ(smooth gradient), overwriting the oldest slot.
    const slot = (newest + 1) % m;
    const s = sHistory + <usize>slot * bytes;
    const y = yHistory + <usize>slot * bytes;
    for (let j = 0; j < count; j++) {
      put(s, j, at(xNew, j) - at(params, j));
      put(y, j, at(gNew, j) - at(g, j));
    }
    const sy = dot(s, y, count);
    if (sy > 1e-12 * dot(y, y, count)) {
      put(rho, slot, 1.0 / sy);
      newest = slot;
      if (stored < m) stored++;
    }

    acceptStep(params, g, pg, xNew, gNew, fNew, tol, false);
  }
  return endDescent();
}
