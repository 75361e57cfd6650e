import { at, maxAbs, put, zero } from '../vector';
import { binaryRow } from './binary';
import { FLOAT32_EXACT, FLOAT32_FAST, PASS_GRADIENT, PASS_HESSIAN, float32Mode, reduceChunks, runPass, setFloat32Mode, setJobData, setJobPass } from './chunks';
import { multinomialRow } from './multinomial';

// The problem the solvers minimise, set once per fit by `configureProblem`:
//
//   f(θ) = (1/S) Σᵢ sᵢ ℓ(yᵢ, zᵢ) + l2·½‖w‖² + l1·‖w‖₁,   S = Σᵢ sᵢ,
//
// where θ holds, per class block, the weights w_k then the intercept b_k (never
// penalised), ℓ is the binary log-loss (classes = 1) or the softmax log-loss (classes ≥ 3
// blocks). TypeScript derives l2 = (1 − l1Ratio)/(C·S) and l1 = l1Ratio/(C·S) from the
// user's C, so f is scikit-learn's objective C·Σ sᵢ ℓ + r(w) divided by C·S: its
// gradient is the quantity the `tol` stopping rule bounds. The l1 term is not
// differentiable; `smoothObjective` leaves it out and the solvers handle it.

let X: usize = 0;
let Y: usize = 0;
let WEIGHTS: usize = 0;
let ROWS: i32 = 0;
let COLS: i32 = 0;
let BLOCKS: i32 = 1;
let WEIGHT_SUM: f64 = 1;
let L2: f64 = 0;
let L1: f64 = 0;
let FIT_INTERCEPT: bool = true;
let SCRATCH: usize = 0;
let CURVATURE: usize = 0;
let X_FLOAT32: bool = false;

/**
 * Sets the problem for the next solver call.
 *   x          rows × cols, row-major
 *   y          rows labels: 0/1 when blocks = 1, else class indices 0 … blocks − 1
 *   weights    rows sample weights, or 0 for all ones; weightSum = Σ sᵢ (rows when 0)
 *   curvature  scratch of rows × blocks values (Hessian row weights / probabilities)
 *   scratch    scratch of blocks values
 *   partials   scratch of partialsLength(rows, cols, blocks) values (per-chunk sums)
 *   float32    X holds float32 values (binary problems, not SGD); then `rounded` is
 *              scratch of cols float32 values
 */
export function configureProblem(
  x: usize,
  y: usize,
  weights: usize,
  rows: i32,
  cols: i32,
  blocks: i32,
  weightSum: f64,
  l2: f64,
  l1: f64,
  fitIntercept: bool,
  curvature: usize,
  scratch: usize,
  partials: usize,
  float32: bool,
  rounded: usize,
): void {
  setJobData(x, y, weights, rows, cols, blocks, partials, curvature, float32, rounded);
  X = x;
  Y = y;
  WEIGHTS = weights;
  ROWS = rows;
  COLS = cols;
  BLOCKS = blocks;
  WEIGHT_SUM = weightSum;
  L2 = l2;
  L1 = l1;
  FIT_INTERCEPT = fitIntercept;
  SCRATCH = scratch;
  CURVATURE = curvature;
  X_FLOAT32 = float32;
}

/**
 * x_ij of the configured X (float64 or float32 storage).
 */
// @ts-ignore: decorator
@inline
export function xAt(i: i32, j: i32): f64 {
  const index = <usize>i * <usize>COLS + <usize>j;
  return X_FLOAT32 ? <f64>load<f32>(X + (index << 2)) : load<f64>(X + (index << 3));
}

/** Rows of X. */
// @ts-ignore: decorator
@inline
export function rowCount(): i32 {
  return ROWS;
}

/** Columns of X. */
// @ts-ignore: decorator
@inline
export function colCount(): i32 {
  return COLS;
}

/** Class blocks: 1 for a binary problem, K for a K-class softmax. */
// @ts-ignore: decorator
@inline
export function blockCount(): i32 {
  return BLOCKS;
}

/** Sample weight sᵢ (1 without weights). */
// @ts-ignore: decorator
@inline
export function weightAt(i: i32): f64 {
  return WEIGHTS == 0 ? 1.0 : at(WEIGHTS, i);
}

/** Σᵢ sᵢ. */
// @ts-ignore: decorator
@inline
export function weightSum(): f64 {
  return WEIGHT_SUM;
}

/**
 * The curvature buffer of the last `smoothObjective` call: binary problems (with
 * `keepCurvature`) sᵢσ(zᵢ)(1 − σ(zᵢ)) per row; softmax problems p_ik, rows × K.
 */
// @ts-ignore: decorator
@inline
export function curvatureBuffer(): usize {
  return CURVATURE;
}

/**
 * True while gradient passes over float32 X run in float32 arithmetic. Their gradient is
 * then exact only to about its float32 rounding (the weights rounded to float32, sums of
 * 32 rows in float32), an error that does not shrink with n while the stopping rule's
 * tol (scaled by 1/S) does, and their loss jitters far above float64's rounding, which
 * blinds a line search to decreases that small. So the solvers use these passes while
 * f falls clearly, and `sharpen` before they judge convergence on the gradient or a
 * decrease of f near its rounding.
 */
export function isCoarse(): bool {
  return float32Mode() == FLOAT32_FAST;
}

/**
 * Switches gradient passes over float32 X to float64 arithmetic (exact as for float64
 * X); true when it switched, false when they already were exact or X is float64. The
 * caller must recompute f and the gradient at its current point.
 */
export function sharpen(): bool {
  if (float32Mode() != FLOAT32_FAST) return false;
  setFloat32Mode(FLOAT32_EXACT);
  return true;
}

/**
 * A decrease of f by at most this fraction of |f| is within reach of the float32
 * arithmetic's rounding (z carries a relative error of order 2⁻²⁴·√cols per row): after
 * such a step the solvers `sharpen`. It is 16 × 2⁻²⁴.
 */
export const COARSE_DECREASE: f64 = 9.5367431640625e-7;

/** Number of parameters θ: blocks × (cols + 1). */
// @ts-ignore: decorator
@inline
export function parameterCount(): i32 {
  return BLOCKS * (COLS + 1);
}

/** The l1 strength. */
// @ts-ignore: decorator
@inline
export function l1Strength(): f64 {
  return L1;
}

/** The l2 strength. */
// @ts-ignore: decorator
@inline
export function l2Strength(): f64 {
  return L2;
}

/** Whether intercepts are fitted. */
// @ts-ignore: decorator
@inline
export function fitsIntercept(): bool {
  return FIT_INTERCEPT;
}

/** True for a weight, false for an intercept. */
// @ts-ignore: decorator
@inline
export function isPenalised(index: i32): bool {
  return index % (COLS + 1) != COLS;
}

/**
 * The smooth part of f at θ = params (everything but l1·‖w‖₁), and its gradient in
 * `grad`. With `withLoss` false the loss is not computed (binary only; it saves a log
 * per row) and 0 is returned. With `keepCurvature`, the Hessian's row weights are kept
 * for `hessianProduct` at this point.
 */
export function smoothObjective(params: usize, grad: usize, withLoss: bool, keepCurvature: bool): f64 {
  setJobPass(PASS_GRADIENT, params, 0, withLoss, keepCurvature);
  runPass();
  const lossSum = reduceChunks(grad);
  const count = parameterCount();
  let penalty = 0.0;
  for (let j = 0; j < count; j++) {
    let g = at(grad, j) / WEIGHT_SUM;
    if (isPenalised(j)) {
      const w = at(params, j);
      g += L2 * w;
      penalty += w * w;
    } else if (!FIT_INTERCEPT) {
      g = 0;
    }
    put(grad, j, g);
  }
  return withLoss ? lossSum / WEIGHT_SUM + 0.5 * L2 * penalty : 0;
}

/** l1·‖w‖₁ at θ = params. */
export function l1Term(params: usize): f64 {
  if (L1 == 0) return 0;
  const count = parameterCount();
  let sum = 0.0;
  for (let j = 0; j < count; j++) if (isPenalised(j)) sum += Math.abs(at(params, j));
  return L1 * sum;
}

/**
 * out = ∇²(smooth f) · v at the point of the last `smoothObjective` call made with
 * `keepCurvature` (for multinomial problems, at the last call of any kind).
 */
export function hessianProduct(v: usize, out: usize): void {
  setJobPass(PASS_HESSIAN, 0, v, false, false);
  runPass();
  reduceChunks(out);
  const count = parameterCount();
  for (let j = 0; j < count; j++) {
    let h = at(out, j) / WEIGHT_SUM;
    if (isPenalised(j)) h += L2 * at(v, j);
    else if (!FIT_INTERCEPT) h = 0;
    put(out, j, h);
  }
}

/**
 * The minimum-norm subgradient of f at θ (OWL-QN's "pseudo-gradient"), from the smooth
 * gradient `grad`: for w ≠ 0 it is g + l1·sign(w); at w = 0 it is the one-sided
 * derivative that points downhill, or 0 when 0 is optimal for that coordinate.
 * Equals `grad` when l1 = 0. Returns its largest absolute entry.
 */
export function pseudoGradient(params: usize, grad: usize, out: usize): f64 {
  const count = parameterCount();
  for (let j = 0; j < count; j++) {
    const g = at(grad, j);
    let pg = g;
    if (L1 > 0 && isPenalised(j)) {
      const w = at(params, j);
      if (w > 0) pg = g + L1;
      else if (w < 0) pg = g - L1;
      else if (g + L1 < 0) pg = g + L1;
      else if (g - L1 > 0) pg = g - L1;
      else pg = 0;
    }
    put(out, j, pg);
  }
  return maxAbs(out, count);
}

/**
 * Sum over the rows order[start], …, order[end − 1] (i32 row indices) of
 * (n/S)·sᵢ·∇ℓᵢ into grad (overwritten), where n/S makes the mean over any batch an
 * unbiased estimate of the data part of ∇f. Returns the matching sum of (n/S)·sᵢ·ℓᵢ
 * when `withLoss` (for softmax problems always). Used by SGD's mini-batches.
 */
export function batchGradient(order: usize, start: i32, end: i32, params: usize, grad: usize, withLoss: bool): f64 {
  zero(grad, parameterCount());
  const scale = <f64>ROWS / WEIGHT_SUM;
  const rowBytes = <usize>COLS << 3;
  let lossSum = 0.0;
  for (let k = start; k < end; k++) {
    const i = load<i32>(order + (<usize>k << 2));
    const row = X + <usize>i * rowBytes;
    const s = scale * (WEIGHTS == 0 ? 1.0 : at(WEIGHTS, i));
    if (BLOCKS == 1) lossSum += binaryRow(row, COLS, params, at(Y, i), s, grad, withLoss, 0, 0);
    else lossSum += multinomialRow(row, COLS, BLOCKS, params, <i32>at(Y, i), s, grad, SCRATCH);
  }
  return lossSum;
}
