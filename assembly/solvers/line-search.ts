import { isPenalised, l1Strength, l1Term, parameterCount, smoothObjective } from '../objective/problem';
import { at, dot, put } from '../vector';

const ARMIJO = 1e-4;
const CURVATURE_SHRINK = 0.9;
/** Trials before a line search gives up. */
const MAX_TRIALS = 60;
const EPSILON = 2.220446049250313e-16;
/** Changes of f within this many ulps of |f| are treated as rounding noise. */
const NOISE_ULPS = 8;

/**
 * Backtracking line search from θ = x along direction d (a descent direction for the
 * reference gradient `pg`: the gradient, or OWL-QN's pseudo-gradient). Trial points are
 * x + t·d; when l1 > 0 each weight that would cross zero is set to zero (OWL-QN's
 * orthant projection: a step never changes a weight's sign through zero in one go).
 *
 * A trial is accepted when f decreases, by more than its rounding noise (8 ulps of |f|),
 * and by at least 1e-4 × the predicted decrease (Armijo). Near the optimum f changes by
 * less than its rounding error and its values say nothing, so there the derivative
 * decides: a trial whose f is within the noise is accepted when the directional
 * derivative at the new point is at most 0.9 × |the initial one| (still downhill, or
 * only slightly past the minimum along d). Otherwise the step shrinks, by quadratic
 * interpolation of f (or, where f is flat to rounding, by the secant on the derivative),
 * kept within [0.1, 0.5] of the last step.
 *
 * Writes the accepted point to xNew and its smooth gradient to gNew, and returns f there
 * (with the l1 term). Returns NaN when no step was accepted.
 */
export function lineSearch(
  x: usize,
  f: f64,
  pg: usize,
  d: usize,
  initialStep: f64,
  xNew: usize,
  gNew: usize,
  keepCurvature: bool,
): f64 {
  const count = parameterCount();
  const project = l1Strength() > 0;
  const slope = dot(pg, d, count);
  let t = initialStep;
  for (let trial = 0; trial < MAX_TRIALS; trial++) {
    const predicted = trialPoint(x, pg, d, t, xNew);
    const fNew = smoothObjective(xNew, gNew, true, keepCurvature) + l1Term(xNew);
    const next = nextStep(f, fNew, predicted, slope, directionalDerivative(xNew, gNew, d, count, project), t);
    if (next == ACCEPT) return fNew;
    t = next;
  }
  return NaN;
}

/** {@link nextStep}'s answer when the trial is accepted. */
const ACCEPT: f64 = -1;

/**
 * Writes the trial point x + t·d (orthant-projected when l1 > 0) to xNew and returns the
 * decrease pg·(xNew − x) the first-order model predicts for it.
 */
function trialPoint(x: usize, pg: usize, d: usize, t: f64, xNew: usize): f64 {
  const count = parameterCount();
  const project = l1Strength() > 0;
  let predicted = 0.0;
  for (let j = 0; j < count; j++) {
    const xj = at(x, j);
    let v = xj + t * at(d, j);
    if (project && isPenalised(j)) {
      const orthant = xj != 0 ? xj : -at(pg, j);
      if (v * orthant <= 0) v = 0;
    }
    put(xNew, j, v);
    predicted += at(pg, j) * (v - xj);
  }
  return predicted;
}

/**
 * Judges the trial at step t (f there `fNew`, derivative along d `slopeNew`; `slope` the
 * derivative at t = 0): {@link ACCEPT}, or the next, shorter step.
 */
function nextStep(f: f64, fNew: f64, predicted: f64, slope: f64, slopeNew: f64, t: f64): f64 {
  const noise = NOISE_ULPS * EPSILON * Math.abs(f);
  if (fNew <= f + ARMIJO * predicted && f - fNew > noise) return ACCEPT;
  const withinNoise = Math.abs(fNew - f) <= noise;
  if (withinNoise && slopeNew <= CURVATURE_SHRINK * Math.abs(slope)) return ACCEPT;
  let next: f64;
  if (withinNoise && slopeNew > 0) {
    // f is flat to rounding here: aim for the zero of the directional derivative.
    next = (t * -slope) / (slopeNew - slope);
  } else {
    const curvature = fNew - f - slope * t;
    next = curvature > 0 ? (-slope * t * t) / (2 * curvature) : 0.5 * t;
  }
  if (!(next >= 0.1 * t)) next = 0.1 * t;
  if (next > 0.5 * t) next = 0.5 * t;
  return next;
}

/**
 * Derivative of f along d at θ = x, from the smooth gradient g plus, with an l1 term, the
 * one-sided derivative of l1·‖w‖₁ in the direction d.
 */
function directionalDerivative(x: usize, g: usize, d: usize, count: i32, withL1: bool): f64 {
  let slope = dot(g, d, count);
  if (withL1) {
    const l1 = l1Strength();
    for (let j = 0; j < count; j++) {
      if (!isPenalised(j)) continue;
      const xj = at(x, j);
      const dj = at(d, j);
      slope += l1 * (xj > 0 ? dj : xj < 0 ? -dj : Math.abs(dj));
    }
  }
  return slope;
}

// The same search one trial at a time, for solvers the host drives (lbfgs.ts's and
// newton-cg.ts's host* functions): `startTrials` writes the first trial point, then each
// `judgeTrial` takes f there (its smooth gradient in gNew) and says what next.

/** {@link judgeTrial}: the trial is accepted. */
export const TRIAL_ACCEPTED = 0;
/** {@link judgeTrial}: a shorter step's point is in xNew; evaluate it. */
export const TRIAL_NEXT = 1;
/** {@link judgeTrial}: MAX_TRIALS trials and none accepted. */
export const TRIAL_FAILED = 2;

let X: usize = 0;
let PG: usize = 0;
let D: usize = 0;
let X_NEW: usize = 0;
let G_NEW: usize = 0;
let F: f64 = 0;
let STEP: f64 = 0;
let SLOPE: f64 = 0;
let PREDICTED: f64 = 0;
let TRIAL = 0;

/** Starts a search as {@link lineSearch} does and writes its first trial point to xNew. */
export function startTrials(x: usize, f: f64, pg: usize, d: usize, initialStep: f64, xNew: usize, gNew: usize): void {
  X = x;
  PG = pg;
  D = d;
  X_NEW = xNew;
  G_NEW = gNew;
  F = f;
  STEP = initialStep;
  SLOPE = dot(pg, d, parameterCount());
  PREDICTED = trialPoint(x, pg, d, STEP, xNew);
  TRIAL = 0;
}

/** Judges the trial in xNew, whose f (with the l1 term) is fNew and smooth gradient gNew. */
export function judgeTrial(fNew: f64): i32 {
  const slopeNew = directionalDerivative(X_NEW, G_NEW, D, parameterCount(), l1Strength() > 0);
  const next = nextStep(F, fNew, PREDICTED, SLOPE, slopeNew, STEP);
  if (next == ACCEPT) return TRIAL_ACCEPTED;
  if (++TRIAL == MAX_TRIALS) return TRIAL_FAILED;
  STEP = next;
  PREDICTED = trialPoint(X, PG, D, STEP, X_NEW);
  return TRIAL_NEXT;
}
