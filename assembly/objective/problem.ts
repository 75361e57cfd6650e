import { at, maxAbs, put, zero } from '../vector';
import { PASS_GRADIENT, PASS_HESSIAN, reduceChunks, runPass, setPass } from './chunks';
import { addRowGradient } from './layout';
import {
  COARSE,
  COLUMN_ROWS,
  COLUMN_STARTS,
  COLUMN_VALUES,
  CURVATURE,
  PROBLEM_BLOCKS,
  PROBLEM_COLS,
  PROBLEM_FIT_INTERCEPT,
  PROBLEM_INDICES,
  PROBLEM_INDPTR,
  PROBLEM_L1,
  PROBLEM_L2,
  PROBLEM_LAYOUT,
  PROBLEM_ROWS,
  PROBLEM_WEIGHTS,
  PROBLEM_WEIGHT_SUM,
  PROBLEM_X,
  PROBLEM_Y,
  ROW_SCRATCH,
  SOLVER_WORK,
  address,
  field,
  real,
  setField,
} from './record';

// The problem the solvers minimise, described by the record (record.ts):
//
//   f(θ) = (1/S) Σᵢ sᵢ ℓ(yᵢ, zᵢ) + l2·½‖w‖² + l1·‖w‖₁,   S = Σᵢ sᵢ,
//
// where θ holds, per block, the weights w_k then the intercept b_k (never penalised),
// ℓ is the binary log-loss (blocks = 1) or the softmax log-loss (blocks ≥ 2).
// TypeScript derives l2 = (1 − l1Ratio)/(C·S) and l1 = l1Ratio/(C·S) from the user's C,
// so f is scikit-learn's objective C·Σ sᵢ ℓ + r(w) divided by C·S: its
// gradient is the quantity the `tol` stopping rule bounds. The l1 term is not
// differentiable; `smoothObjective` leaves it out and the solvers handle it.

/** Address of X; read it through layout.ts with {@link dataLayout}. */
// @ts-ignore: decorator
@inline
export function dataX(): usize {
  return address(PROBLEM_X);
}

/** How X is stored (a LAYOUT_* constant of layout.ts). */
// @ts-ignore: decorator
@inline
export function dataLayout(): i32 {
  return field(PROBLEM_LAYOUT);
}

/** Sparse X: address of its rows + 1 i32 row starts. */
// @ts-ignore: decorator
@inline
export function dataIndptr(): usize {
  return address(PROBLEM_INDPTR);
}

/** Sparse X: address of its i32 column indices. */
// @ts-ignore: decorator
@inline
export function dataIndices(): usize {
  return address(PROBLEM_INDICES);
}

/**
 * Sparse X under newton-cd, by columns (carved by prepareProblem): address of the cols + 1
 * i32 column starts; COLUMN_ROWS and COLUMN_VALUES (float64) hold each entry's row and value.
 */
// @ts-ignore: decorator
@inline
export function columnStarts(): usize {
  return address(COLUMN_STARTS);
}

/** See {@link columnStarts}: address of the i32 row of each entry, by columns. */
// @ts-ignore: decorator
@inline
export function columnRows(): usize {
  return address(COLUMN_ROWS);
}

/** See {@link columnStarts}: address of the float64 value of each entry, by columns. */
// @ts-ignore: decorator
@inline
export function columnValues(): usize {
  return address(COLUMN_VALUES);
}

/** Rows of X. */
// @ts-ignore: decorator
@inline
export function rowCount(): i32 {
  return field(PROBLEM_ROWS);
}

/** Columns of X. */
// @ts-ignore: decorator
@inline
export function colCount(): i32 {
  return field(PROBLEM_COLS);
}

/** Parameter blocks: 1 for a binary problem, K for a K-class softmax. */
// @ts-ignore: decorator
@inline
export function blockCount(): i32 {
  return field(PROBLEM_BLOCKS);
}

/** Address of the sample weights, 0 for all ones. */
// @ts-ignore: decorator
@inline
export function weightsAddress(): usize {
  return address(PROBLEM_WEIGHTS);
}

/** Σᵢ sᵢ. */
// @ts-ignore: decorator
@inline
export function weightSum(): f64 {
  return real(PROBLEM_WEIGHT_SUM);
}

/** The solver's workspace, carved by `prepareProblem` (solvers/workspace.ts). */
// @ts-ignore: decorator
@inline
export function solverWork(): usize {
  return address(SOLVER_WORK);
}

/**
 * The curvature buffer of the last `smoothObjective` call: binary problems (with
 * `keepCurvature`) sᵢσ(zᵢ)(1 − σ(zᵢ)) per row; softmax problems p_ik, rows × K.
 */
// @ts-ignore: decorator
@inline
export function curvatureBuffer(): usize {
  return address(CURVATURE);
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
  return field(COARSE) != 0;
}

/**
 * Switches gradient passes over float32 X to float64 arithmetic (exact as for float64
 * X); true when it switched, false when they already were exact or X is float64. The
 * caller must recompute f and the gradient at its current point.
 */
export function sharpen(): bool {
  if (field(COARSE) == 0) return false;
  setField(COARSE, 0);
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
  return blockCount() * (colCount() + 1);
}

/** The l1 strength. */
// @ts-ignore: decorator
@inline
export function l1Strength(): f64 {
  return real(PROBLEM_L1);
}

/** The l2 strength. */
// @ts-ignore: decorator
@inline
export function l2Strength(): f64 {
  return real(PROBLEM_L2);
}

/** Whether intercepts are fitted. */
// @ts-ignore: decorator
@inline
export function fitsIntercept(): bool {
  return field(PROBLEM_FIT_INTERCEPT) != 0;
}

/** True for a weight, false for an intercept. */
// @ts-ignore: decorator
@inline
export function isPenalised(index: i32): bool {
  const cols = colCount();
  return index % (cols + 1) != cols;
}

/**
 * The smooth part of f at θ = params (everything but l1·‖w‖₁), and its gradient in
 * `grad`. With `withLoss` false the loss is not computed (binary only; it saves a log
 * per row) and 0 is returned. With `keepCurvature`, the Hessian's row weights are kept
 * for `hessianProduct` at this point.
 */
export function smoothObjective(params: usize, grad: usize, withLoss: bool, keepCurvature: bool): f64 {
  setPass(PASS_GRADIENT, params, 0, withLoss, keepCurvature);
  runPass();
  return smoothFromSums(params, grad, reduceChunks(grad), withLoss);
}

/**
 * The smooth part of f at θ = params from the data term's sums: `lossSum` = Σᵢ sᵢℓᵢ and,
 * in `grad` (overwritten with the gradient of the smooth f), Σᵢ sᵢ∇ℓᵢ — a pass's sums, or
 * the host's (lbfgs.ts's and newton-cg.ts's host-driven solves: sums an SQL aggregate computed).
 */
export function smoothFromSums(params: usize, grad: usize, lossSum: f64, withLoss: bool): f64 {
  const count = parameterCount();
  const total = weightSum();
  const l2 = l2Strength();
  const intercepts = fitsIntercept();
  let penalty = 0.0;
  for (let j = 0; j < count; j++) {
    let g = at(grad, j) / total;
    if (isPenalised(j)) {
      const w = at(params, j);
      g += l2 * w;
      penalty += w * w;
    } else if (!intercepts) {
      g = 0;
    }
    put(grad, j, g);
  }
  return withLoss ? lossSum / total + 0.5 * l2 * penalty : 0;
}

/** l1·‖w‖₁ at θ = params. */
export function l1Term(params: usize): f64 {
  const l1 = l1Strength();
  if (l1 == 0) return 0;
  const count = parameterCount();
  let sum = 0.0;
  for (let j = 0; j < count; j++) if (isPenalised(j)) sum += Math.abs(at(params, j));
  return l1 * sum;
}

/**
 * out = ∇²(smooth f) · v at the point of the last `smoothObjective` call made with
 * `keepCurvature` (for multinomial problems, at the last call of any kind).
 */
export function hessianProduct(v: usize, out: usize): void {
  setPass(PASS_HESSIAN, 0, v, false, false);
  runPass();
  reduceChunks(out);
  hessianFromSums(v, out);
}

/**
 * ∇²(smooth f) · v from the data term's sums Σᵢ sᵢ∇²ℓᵢ·v in `out` (overwritten): a pass's
 * sums, or the host's (newton-cg.ts's hostNewton*).
 */
export function hessianFromSums(v: usize, out: usize): void {
  const count = parameterCount();
  const total = weightSum();
  const l2 = l2Strength();
  const intercepts = fitsIntercept();
  for (let j = 0; j < count; j++) {
    let h = at(out, j) / total;
    if (isPenalised(j)) h += l2 * at(v, j);
    else if (!intercepts) h = 0;
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
  const l1 = l1Strength();
  for (let j = 0; j < count; j++) {
    const g = at(grad, j);
    let pg = g;
    if (l1 > 0 && isPenalised(j)) {
      const w = at(params, j);
      if (w > 0) pg = g + l1;
      else if (w < 0) pg = g - l1;
      else if (g + l1 < 0) pg = g + l1;
      else if (g - l1 > 0) pg = g - l1;
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
 * when `withLoss` (for softmax problems always). Used by SGD's mini-batches (over float64 or sparse X).
 */
export function batchGradient(order: usize, start: i32, end: i32, params: usize, grad: usize, withLoss: bool): f64 {
  zero(grad, parameterCount());
  const scale = <f64>rowCount() / weightSum();
  const x = dataX();
  const y = address(PROBLEM_Y);
  const weights = weightsAddress();
  const cols = colCount();
  const blocks = blockCount();
  const scratch = address(ROW_SCRATCH);
  const layout = dataLayout();
  let lossSum = 0.0;
  for (let k = start; k < end; k++) {
    const i = load<i32>(order + (<usize>k << 2));
    const s = scale * (weights == 0 ? 1.0 : at(weights, i));
    lossSum += addRowGradient(layout, x, cols, blocks, i, params, at(y, i), s, grad, withLoss, scratch);
  }
  return lossSum;
}
