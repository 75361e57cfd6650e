import { isPenalised, l1Strength, l1Term, parameterCount, smoothFromSums, solverWork } from '../objective/problem';
import { at, axpy, copy, dot, put, scale } from '../vector';
import { acceptStep, beginHostRun, currentF, descending, endDescent, endHostRun, hostDescending, hostParams, hostTol, noStep, startDescent, startDescentAt } from './descent';
import { TRIAL_ACCEPTED, TRIAL_NEXT, judgeTrial, lineSearch, startTrials } from './line-search';

/** Curvature pairs kept (m). */
const MEMORY = 10;

/** float64 values of workspace lbfgs needs for P parameters. */
export function lbfgsWorkLength(parameters: f64): f64 {
  return <f64>(5 + 2 * MEMORY) * parameters + <f64>(2 * MEMORY);
}

// The workspace (carved by `carve`): g, pg, d, xNew, gNew (P values each), then m pairs
// s and y (P each), ρ and α (m each); and the history's bookkeeping: `stored` pairs, the
// newest in slot `newest`.
let G: usize = 0;
let PG: usize = 0;
let D: usize = 0;
let X_NEW: usize = 0;
let G_NEW: usize = 0;
let S_HISTORY: usize = 0;
let Y_HISTORY: usize = 0;
let RHO: usize = 0;
let ALPHA: usize = 0;
let STORED = 0;
let NEWEST = -1;

/** Lays the workspace out for the configured problem and empties the history. */
function carve(): void {
  const bytes = <usize>parameterCount() << 3;
  G = solverWork();
  PG = G + bytes;
  D = PG + bytes;
  X_NEW = D + bytes;
  G_NEW = X_NEW + bytes;
  S_HISTORY = G_NEW + bytes;
  Y_HISTORY = S_HISTORY + <usize>MEMORY * bytes;
  RHO = Y_HISTORY + <usize>MEMORY * bytes;
  ALPHA = RHO + (<usize>MEMORY << 3);
  STORED = 0;
  NEWEST = -1;
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
 * iterations made. lbfgs-host.ts runs the same iteration with f evaluated by the host.
 */
export function lbfgs(params: usize, maxIter: i32, tol: f64): i32 {
  carve();
  startDescent(params, G, PG, tol, false);
  while (descending(maxIter)) {
    const first = direction();
    const fNew = lineSearch(params, currentF(), PG, D, first, X_NEW, G_NEW, false);
    if (isNaN(fNew)) {
      if (noStep(params, G, PG, tol, false)) continue;
      break;
    }
    remember(params);
    acceptStep(params, G, PG, X_NEW, G_NEW, fNew, tol, false);
  }
  return endDescent();
}

/**
 * Writes the search direction d = −H·pg to the workspace and returns the first step to
 * try along it: 1, or on a restart (no pairs) 1/‖pg‖ capped at 1.
 */
function direction(): f64 {
  const m = MEMORY;
  const count = parameterCount();
  const bytes = <usize>count << 3;
  const pg = PG;
  const d = D;
  // d = −H·pg by the two-loop recursion.
  copy(pg, d, count);
  for (let k = 0; k < STORED; k++) {
    const slot = (NEWEST - k + m) % m;
    const a = at(RHO, slot) * dot(S_HISTORY + <usize>slot * bytes, d, count);
    put(ALPHA, slot, a);
    axpy(-a, Y_HISTORY + <usize>slot * bytes, d, count);
  }
  if (STORED > 0) {
    const s = S_HISTORY + <usize>NEWEST * bytes;
    const y = Y_HISTORY + <usize>NEWEST * bytes;
    scale(dot(s, y, count) / dot(y, y, count), d, count);
  }
  for (let k = STORED - 1; k >= 0; k--) {
    const slot = (NEWEST - k + m) % m;
    const b = at(RHO, slot) * dot(Y_HISTORY + <usize>slot * bytes, d, count);
    axpy(at(ALPHA, slot) - b, S_HISTORY + <usize>slot * bytes, d, count);
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
    STORED = 0;
    copy(pg, d, count);
    scale(-1, d, count);
  }
  return STORED == 0 ? Math.min(1.0, 1.0 / Math.sqrt(dot(pg, pg, count))) : 1.0;
}

/** Keeps the curvature pair s = xNew − params, y = gNew − g, overwriting the oldest slot. */
function remember(params: usize): void {
  const m = MEMORY;
  const count = parameterCount();
  const bytes = <usize>count << 3;
  const slot = (NEWEST + 1) % m;
  const s = S_HISTORY + <usize>slot * bytes;
  const y = Y_HISTORY + <usize>slot * bytes;
  for (let j = 0; j < count; j++) {
    put(s, j, at(X_NEW, j) - at(params, j));
    put(y, j, at(G_NEW, j) - at(G, j));
  }
  const sy = dot(s, y, count);
  if (sy > 1e-12 * dot(y, y, count)) {
    put(RHO, slot, 1.0 / sy);
    NEWEST = slot;
    if (STORED < m) STORED++;
  }
}

// The same iteration driven by the host. A host whose data term is asynchronous (an SQL
// aggregate over a table the core never holds) cannot be called from inside `lbfgs`, so it
// drives the solver instead: `hostLbfgsStart` and each `hostLbfgsResume` return the point
// where f is needed next — the host writes Σᵢ sᵢ∇ℓᵢ there at `hostLbfgsGradient()` and
// passes Σᵢ sᵢℓᵢ to the next `hostLbfgsResume` — or 0 when the solve has ended
// (`solverStatus` and friends say how; descent.ts's `hostIterations` how far). Between calls the
// state lives in this module and the workspace; every step is lbfgs's arithmetic, with the
// line search unrolled into one trial per call. The problem must be float64 (COARSE = 0).

const AT_START = 0;
const AT_TRIAL = 1;
let PHASE = AT_START;

/** Starts a host-driven solve from `params` (which receives the result); returns `params`, the first point to evaluate. */
export function hostLbfgsStart(params: usize, maxIter: i32, tol: f64): usize {
  carve();
  beginHostRun(params, maxIter, tol);
  PHASE = AT_START;
  return params;
}

/** Where the host writes Σᵢ sᵢ∇ℓᵢ at the point it was last given (P values). */
export function hostLbfgsGradient(): usize {
  return PHASE == AT_START ? G : G_NEW;
}

/** Takes the data term's loss sum at the last point given (its gradient sums written); returns the next point, or 0 at the end. */
export function hostLbfgsResume(lossSum: f64): usize {
  const params = hostParams();
  if (PHASE == AT_START) {
    startDescentAt(params, G, PG, smoothFromSums(params, G, lossSum, true), hostTol());
    return searchOrEnd();
  }
  const fNew = smoothFromSums(X_NEW, G_NEW, lossSum, true) + l1Term(X_NEW);
  const verdict = judgeTrial(fNew);
  if (verdict == TRIAL_NEXT) return X_NEW;
  if (verdict == TRIAL_ACCEPTED) {
    remember(params);
    acceptStep(params, G, PG, X_NEW, G_NEW, fNew, hostTol(), false);
    return searchOrEnd();
  }
  noStep(params, G, PG, hostTol(), false);
  return endHostRun();
}

/** The first trial of the next line search, or 0 when the descent is over. */
function searchOrEnd(): usize {
  if (!hostDescending()) return endHostRun();
  startTrials(hostParams(), currentF(), PG, D, direction(), X_NEW, G_NEW);
  PHASE = AT_TRIAL;
  return X_NEW;
}
