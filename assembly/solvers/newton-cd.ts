import { columnAt, rowStart } from '../objective/csr';
import { element, isSparse, storedValue } from '../objective/layout';
import {
  blockCount,
  colCount,
  columnRows,
  columnStarts,
  columnValues,
  curvatureBuffer,
  dataIndices,
  dataIndptr,
  dataLayout,
  dataX,
  fitsIntercept,
  hessianProduct,
  isPenalised,
  l1Strength,
  l1Term,
  l2Strength,
  parameterCount,
  rowCount,
  smoothObjective,
  solverWork,
  weightSum,
  weightsAddress,
} from '../objective/problem';
import { madd64 } from '../simd';
import { at, axpy, copy, dot, maxAbs, put, scale, zero } from '../vector';
import { acceptStep, cgBudget, currentF, currentGradNorm, descending, endDescent, noStep, startDescent } from './descent';

/** Armijo fraction of the predicted decrease (LIBLINEAR's σ). */
const SUFFICIENT = 0.01;
const MAX_TRIALS = 40;
/**
 * Sweeps of coordinate descent per round at most; then, if the model is not yet solved
 * well enough, conjugate gradients continue on the signs CD found (`refine`) and a new
 * round of sweeps follows. Each sweep reads X column by column, and on nearly collinear
 * columns (where CD crawls) a few CG steps, each one pass over the rows, do what
 * hundreds of sweeps would (measured: elastic-net on 100,000×20 with two collinear
 * columns, 100 iterations unconverged with CD alone, 7 with CG).
 */
const MAX_SWEEPS = 3;
/** Rounds (of CG, then sweeps) per Newton step at most; the first round is sweeps only. */
const MAX_ROUNDS = 3;
/**
 * A Newton step's subproblem is solved until its largest optimality violation is at
 * most this fraction of the outer one (an inexact Newton method: enough for fast local
 * convergence without solving each quadratic model to the end). Measured on l1 fits of
 * 100,000×50 with collinear columns (C from 0.001 to 1): against 0.01 with up to 10 sweeps
 * in 6 rounds, this and 3 × 3 take 1–3 more Newton steps but half the sweeps and CG steps,
 * each of which costs about a pass over X, while a Newton step costs about three.
 */
const INNER_FRACTION = 0.1;
/**
 * CG steps per `refine` call at most over sparse X (each a Hessian product: a pass over
 * every stored entry, where a sweep reads only the working set's columns). Measured on an
 * l1 path (10 Cs, tol 1e-3) over CSR 20,000×2,000 at 5 % (bench/model-selection): 10.1 s
 * with newton-cg's budget (up to 200; 1,826 products), 4.7 s with 10 (511 products, a few
 * more sweeps and Newton steps), 70 s with none. Dense X keeps the full budget: capped,
 * eight of scikit-learn's nearly separable l1 test fits at C = 10⁴ no longer converged
 * within 100 iterations (test/logistic-regression/sklearn-l1-tests.test.ts).
 */
const SPARSE_REFINE_BUDGET = 10;
const EPSILON = 2.220446049250313e-16;
const NOISE_ULPS = 8;

/**
 * Proximal Newton with coordinate descent, the method of LIBLINEAR's newGLMNET (Yuan, Ho
 * & Lin, 2012) for l1 and elastic-net terms (it serves any penalty). Each iteration
 * minimises the quadratic model of the smooth part plus the exact l1 term,
 *   q(d) = gᵀd + ½ dᵀHd + l1·‖w + d‖₁,
 * by cyclic coordinate descent over the working set (intercepts, nonzero weights, and
 * zero weights whose pseudo-gradient is nonzero, i.e. that want to leave zero). Each
 * coordinate step is the exact minimiser of q along that coordinate (a soft-threshold), so
 * weights land on exact zeros. The products Hd are kept up to date through u = X·d
 * (per row and class), so no Hessian is formed. Where sweeps alone do not solve q well
 * enough, conjugate gradients with Hessian-vector products continue on the signs found
 * (`refine`), alternating with sweeps (MAX_SWEEPS, MAX_ROUNDS). Then a backtracking line search on f
 * along d from step 1 with Armijo's condition on the model's predicted decrease
 * gᵀd + l1(‖w + d‖₁ − ‖w‖₁). Where f changes by less than its rounding (near the
 * optimum) the model's step is taken.
 *
 * Curvature per row comes from the last `smoothObjective` call with keepCurvature
 * (binary) or its probabilities (softmax).
 *
 * `params` (P = parameterCount() float64 values) holds the starting point and receives
 * the result; the workspace is the record's (newtonCdWorkLength values).
 *
 * Stops when max|pseudo-gradient| ≤ tol (converged), after maxIter iterations, when the
 * host asks, or when no step decreases f (over float32 X, see descent.ts). Returns the
 * iterations made.
 */
export function newtonCd(params: usize, maxIter: i32, tol: f64): i32 {
  const work = solverWork();
  const maxInner = isSparse(dataLayout()) ? min(cgBudget(), SPARSE_REFINE_BUDGET) : cgBudget();
  const count = parameterCount();
  const bytes = <usize>count << 3;
  const g = work;
  const pg = g + bytes;
  const d = pg + bytes;
  const xNew = d + bytes;
  const gNew = xNew + bytes;
  const diag = gNew + bytes;
  const cross = diag + bytes;
  const active = cross + bytes;
  const hd = active + bytes;
  const r = hd + bytes;
  const dir = r + bytes;
  const hdir = dir + bytes;
  const dCg = hdir + bytes;
  const u = dCg + bytes;
  const m = u + (<usize>rowCount() * <usize>blockCount() << 3);

  startDescent(params, g, pg, tol, true);
  const l1 = l1Strength();
  while (descending(maxIter)) {
    hessianDiagonal(diag, cross);
    for (let j = 0; j < count; j++) {
      const on = isPenalised(j) ? at(params, j) != 0 || at(pg, j) != 0 : fitsIntercept();
      put(active, j, on ? 1 : 0);
    }
    zero(d, count);
    zero(u, rowCount() * blockCount());
    zero(m, rowCount());
    const target = INNER_FRACTION * currentGradNorm();
    let violation = Infinity;
    for (let round = 0; round < MAX_ROUNDS && violation > target; round++) {
      if (round > 0) {
        if (!refine(params, g, active, d, target, maxInner, hd, r, dir, hdir, dCg)) break;
        productWithX(d, u, m);
      }
      for (let sweep = 0; sweep < MAX_SWEEPS && violation > target; sweep++) {
        violation = coordinateSweep(params, g, diag, cross, active, d, u, m);
      }
    }

    // Predicted decrease of the model without its curvature term (LIBLINEAR's Δ). The
    // change of ‖w‖₁ is taken as ±d where w keeps its sign: near the optimum d is far
    // below w's rounding, and |w + d| − |w| would be rounding noise.
    let delta = dot(g, d, count);
    if (l1 > 0) {
      let change = 0.0;
      for (let j = 0; j < count; j++) {
        if (!isPenalised(j)) continue;
        const w = at(params, j);
        const dj = at(d, j);
        const moved = w + dj;
        if (w == 0) change += Math.abs(dj);
        else if (w > 0 && moved >= 0) change += dj;
        else if (w < 0 && moved <= 0) change -= dj;
        else change += Math.abs(moved) - Math.abs(w);
      }
      delta += l1 * change;
    }
    const f = currentF();
    let fNew = NaN;
    let t = 1.0;
    const noise = NOISE_ULPS * EPSILON * Math.abs(f);
    if (delta < 0) {
      for (let trial = 0; trial < MAX_TRIALS; trial++) {
        for (let j = 0; j < count; j++) put(xNew, j, at(params, j) + t * at(d, j));
        const trialF = smoothObjective(xNew, gNew, true, true) + l1Term(xNew);
        if (trialF <= f + SUFFICIENT * t * delta || Math.abs(trialF - f) <= noise) {
          fNew = trialF;
          break;
        }
        t *= 0.5;
      }
    }
    if (isNaN(fNew)) {
      if (noStep(params, g, pg, tol, true)) continue;
      // The line search's last trial left another point's curvature behind.
      smoothObjective(params, g, true, true);
      break;
    }
    acceptStep(params, g, pg, xNew, gNew, fNew, tol, true);
  }
  return endDescent();
}

/** float64 values of workspace newtonCd needs for P parameters over `rows` rows and `blocks` blocks. */
export function newtonCdWorkLength(parameters: f64, rows: f64, blocks: f64): f64 {
  return 13 * parameters + rows * (blocks + 1);
}

/**
 * diag = the diagonal of the smooth part's Hessian at the point of the last
 * `smoothObjective` call (with keepCurvature), plus l2 on the weights; cross = each
 * weight's Hessian entry with its own block's intercept (the curvature-weighted column
 * sum; at an intercept, its diagonal). One pass over the rows in memory order.
 */
function hessianDiagonal(diag: usize, cross: usize): void {
  const rows = rowCount();
  const cols = colCount();
  const blocks = blockCount();
  const stride = cols + 1;
  const curvature = curvatureBuffer();
  const x = dataX();
  const layout = dataLayout();
  const weights = weightsAddress();
  const sparse = isSparse(layout);
  const indptr = dataIndptr();
  const indices = dataIndices();
  zero(diag, blocks * stride);
  zero(cross, blocks * stride);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < blocks; k++) {
      let h: f64;
      if (blocks == 1) {
        h = at(curvature, i);
      } else {
        const p = at(curvature, i * blocks + k);
        h = (weights == 0 ? 1.0 : at(weights, i)) * p * (1 - p);
      }
      const base = k * stride;
      if (sparse) {
        const end = rowStart(indptr, i + 1);
        for (let e = rowStart(indptr, i); e < end; e++) {
          const j = base + columnAt(indices, e);
          const xij = storedValue(layout, x, e);
          put(diag, j, at(diag, j) + h * xij * xij);
          put(cross, j, at(cross, j) + h * xij);
        }
      } else {
        for (let j = 0; j < cols; j++) {
          const xij = element(x, cols, layout, i, j);
          put(diag, base + j, at(diag, base + j) + h * xij * xij);
          put(cross, base + j, at(cross, base + j) + h * xij);
        }
      }
      put(diag, base + cols, at(diag, base + cols) + h);
    }
  }
  const inverse = 1.0 / weightSum();
  const l2 = l2Strength();
  const count = blocks * stride;
  for (let j = 0; j < count; j++) {
    // The floor keeps a coordinate step finite where a column is all zeros.
    put(diag, j, Math.max(at(diag, j) * inverse + (isPenalised(j) ? l2 : 0), 1e-12));
    put(cross, j, isPenalised(j) ? at(cross, j) * inverse : at(diag, j));
  }
}

/**
 * One cycle of coordinate descent on the model q over the active coordinates, updating
 * the direction d, u = X·d (rows × K) and, for softmax problems, mᵢ = Σ_k p_ik u_ik.
 * With intercepts, a weight's step moves its block's intercept along by −c per unit
 * (c = cross/diag of the intercept): the step along column j − c, the column centred by
 * its curvature-weighted mean, which is what makes coordinate descent fast on columns
 * far from zero mean (the intercept would otherwise absorb each step slowly).
 * Over sparse X the steps are not coupled (c = 0): centring a column would touch every
 * row, and a weight's step then costs only its column's entries, read by columns.
 * Returns the largest optimality violation of q met before each coordinate's step
 * (the minimum-norm subgradient of q along it; for a weight, along its coupled direction).
 */
function coordinateSweep(params: usize, g: usize, diag: usize, cross: usize, active: usize, d: usize, u: usize, m: usize): f64 {
  const rows = rowCount();
  const cols = colCount();
  const blocks = blockCount();
  const stride = cols + 1;
  const curvature = curvatureBuffer();
  const inverse = 1.0 / weightSum();
  const l1 = l1Strength();
  const l2 = l2Strength();
  const sparse = isSparse(dataLayout());
  const coupled = fitsIntercept() && !sparse;
  const starts = columnStarts();
  const entryRows = columnRows();
  const entryValues = columnValues();
  const weights = weightsAddress();
  let violation = 0.0;
  for (let k = 0; k < blocks; k++) {
    const b = k * stride + cols;
    const hb = at(diag, b);
    for (let j = 0; j <= cols; j++) {
      const index = k * stride + j;
      if (at(active, index) == 0) continue;
      const intercept = j == cols;
      // c: how far the intercept moves per unit of this weight (0 for the intercept itself).
      const c = intercept || !coupled ? 0.0 : at(cross, index) / hb;
      // (Hd) at this coordinate and at the block's intercept, from u:
      // Σᵢ hᵢ x_ij uᵢ (binary), Σᵢ sᵢ x_ij p_ik (u_ik − mᵢ) (softmax); x = 1 at the intercept.
      let hdj = 0.0;
      let hdb = 0.0;
      const byColumn = sparse && !intercept;
      // Dense X: column j of the column-major copy (unused for an intercept).
      const column = entryValues + ((<usize>j * <usize>rows) << 3);
      const first = byColumn ? load<i32>(starts + (<usize>j << 2)) : 0;
      const last = byColumn ? load<i32>(starts + (<usize>(j + 1) << 2)) : 0;
      if (byColumn && blocks == 1) {
        for (let e = first; e < last; e++) {
          const i = load<i32>(entryRows + (<usize>e << 2));
          hdj += at(entryValues, e) * at(curvature, i) * at(u, i);
        }
      } else if (byColumn) {
        for (let e = first; e < last; e++) {
          const i = load<i32>(entryRows + (<usize>e << 2));
          const slot = i * blocks + k;
          hdj += at(entryValues, e) * (weights == 0 ? 1.0 : at(weights, i)) * at(curvature, slot) * (at(u, slot) - at(m, i));
        }
      } else if (blocks == 1) {
        if (intercept) {
          hdb = curvatureSum(curvature, u, rows);
          hdj = hdb;
        } else {
          hdj = columnCurvatureDot(column, curvature, u, rows);
          hdb = lastCurvatureSum;
        }
      } else {
        for (let i = 0; i < rows; i++) {
          const slot = i * blocks + k;
          const t = (weights == 0 ? 1.0 : at(weights, i)) * at(curvature, slot) * (at(u, slot) - at(m, i));
          hdj += (intercept ? 1.0 : at(column, i)) * t;
          hdb += t;
        }
      }
      const dj = at(d, index);
      hdj = hdj * inverse + (intercept ? 0 : l2 * dj);
      hdb *= inverse;
      // Derivative and curvature of q along e_j − c·e_b.
      const grad = at(g, index) + hdj - c * (at(g, b) + hdb);
      const h = Math.max(at(diag, index) - c * at(cross, index), 1e-12);
      let z: f64;
      let toZero = false;
      if (intercept || l1 == 0) {
        z = -grad / h;
        violation = Math.max(violation, Math.abs(grad));
      } else {
        // Minimise grad·z + ½h·z² + l1·|a + z| over z, a = w + d along this coordinate.
        const a = at(params, index) + dj;
        if (grad + l1 <= h * a) z = -(grad + l1) / h;
        else if (grad - l1 >= h * a) z = -(grad - l1) / h;
        else {
          z = -a;
          toZero = true;
        }
        const sub = a > 0 ? grad + l1 : a < 0 ? grad - l1 : Math.max(Math.abs(grad) - l1, 0);
        violation = Math.max(violation, Math.abs(sub));
      }
      if (z == 0) continue;
      // Landing on zero: d = −w exactly, so the full step gives an exact 0.
      put(d, index, toZero ? -at(params, index) : dj + z);
      if (c != 0) put(d, b, at(d, b) - c * z);
      if (byColumn) {
        for (let e = first; e < last; e++) {
          const i = load<i32>(entryRows + (<usize>e << 2));
          const change = z * at(entryValues, e);
          if (blocks == 1) {
            put(u, i, at(u, i) + change);
          } else {
            const slot = i * blocks + k;
            put(u, slot, at(u, slot) + change);
            put(m, i, at(m, i) + at(curvature, slot) * change);
          }
        }
      } else if (blocks == 1) {
        if (intercept) addConstant(z, u, rows);
        else addShiftedColumn(z, column, c, u, rows);
      } else {
        for (let i = 0; i < rows; i++) {
          const change = z * ((intercept ? 1.0 : at(column, i)) - c);
          const slot = i * blocks + k;
          put(u, slot, at(u, slot) + change);
          put(m, i, at(m, i) + at(curvature, slot) * change);
        }
      }
    }
  }
  return violation;
}

// The dense binary sweep's row loops, two rows per f64x2 (the even and odd rows summed in
// their own lanes, then lane 0 + lane 1 + the odd last row): each coordinate step reads
// one contiguous column, the curvature and u.

/** Σᵢ hᵢuᵢ over `rows` rows. */
function curvatureSum(curvature: usize, u: usize, rows: i32): f64 {
  let acc = f64x2.splat(0);
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const at2 = <usize>i << 3;
    acc = madd64(v128.load(curvature + at2), v128.load(u + at2), acc);
  }
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (i < rows) sum += at(curvature, i) * at(u, i);
  return sum;
}

/** {@link columnCurvatureDot}'s Σᵢ hᵢuᵢ, from the same pass. */
let lastCurvatureSum: f64 = 0;

/** Σᵢ x_ij·(hᵢuᵢ) over `rows` rows of column j (`column`, column-major float64); Σᵢ hᵢuᵢ into lastCurvatureSum. */
function columnCurvatureDot(column: usize, curvature: usize, u: usize, rows: i32): f64 {
  let acc = f64x2.splat(0);
  let accT = f64x2.splat(0);
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const at2 = <usize>i << 3;
    const t = f64x2.mul(v128.load(curvature + at2), v128.load(u + at2));
    acc = madd64(v128.load(column + at2), t, acc);
    accT = f64x2.add(accT, t);
  }
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  let sumT = f64x2.extract_lane(accT, 0) + f64x2.extract_lane(accT, 1);
  if (i < rows) {
    const t = at(curvature, i) * at(u, i);
    sum += at(column, i) * t;
    sumT += t;
  }
  lastCurvatureSum = sumT;
  return sum;
}

/** uᵢ += z over `rows` rows (an intercept's step). */
function addConstant(z: f64, u: usize, rows: i32): void {
  const step = f64x2.splat(z);
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const at2 = <usize>i << 3;
    v128.store(u + at2, f64x2.add(v128.load(u + at2), step));
  }
  if (i < rows) put(u, i, at(u, i) + z);
}

/** uᵢ += z·(x_ij − c) over `rows` rows of column j (a weight's step, coupled to the intercept by c). */
function addShiftedColumn(z: f64, column: usize, c: f64, u: usize, rows: i32): void {
  const step = f64x2.splat(z);
  const shift = f64x2.splat(c);
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const at2 = <usize>i << 3;
    v128.store(u + at2, madd64(step, f64x2.sub(v128.load(column + at2), shift), v128.load(u + at2)));
  }
  if (i < rows) put(u, i, at(u, i) + z * (at(column, i) - c));
}

/**
 * Finishes the model's minimisation from the coordinate-descent direction d by conjugate
 * gradients on the coordinates that are free (active, and an intercept or a weight that w
 * + d leaves nonzero), with the signs of w + d fixed, where the l1 term is linear: solves
 * H_FF·δ = −(g + H·d + l1·sign(w + d))_F, and moves d towards d + δ as far as no weight
 * changes sign; a weight that reaches zero stays there and CG restarts on the others.
 * Stops once max|residual| ≤ target, after maxInner CG steps in all, or on non-positive
 * curvature. Returns false when d did not move.
 * Scratch: hd, r, dir, hdir, dCg (P values each).
 */
function refine(
  params: usize,
  g: usize,
  active: usize,
  d: usize,
  target: f64,
  maxInner: i32,
  hd: usize,
  r: usize,
  dir: usize,
  hdir: usize,
  dCg: usize,
): bool {
  const count = parameterCount();
  const l1 = l1Strength();
  let moved = false;
  let budget = maxInner;
  // Each stop at a weight reaching zero fixes it there and restarts CG on the rest (an
  // active-set method for the sign constraints), within one budget of CG steps.
  while (budget > 0) {
    hessianProduct(d, hd);
    // r = −(gradient of the sign-fixed model at d) on the free set, 0 elsewhere.
    for (let j = 0; j < count; j++) {
      let v = 0.0;
      if (isFreeAt(params, active, d, j)) {
        v = -(at(g, j) + at(hd, j));
        if (isPenalised(j) && l1 > 0) v -= at(params, j) + at(d, j) > 0 ? l1 : -l1;
      }
      put(r, j, v);
    }
    if (maxAbs(r, count) <= target) break;
    copy(d, dCg, count);
    copy(r, dir, count);
    let rr = dot(r, r, count);
    while (budget > 0 && maxAbs(r, count) > target) {
      budget--;
      hessianProduct(dir, hdir);
      for (let j = 0; j < count; j++) if (!isFreeAt(params, active, d, j)) put(hdir, j, 0);
      const curvature = dot(dir, hdir, count);
      if (!(curvature > 1e-300)) {
        budget = 0;
        break;
      }
      const a = rr / curvature;
      axpy(a, dir, dCg, count);
      axpy(-a, hdir, r, count);
      const rrNew = dot(r, r, count);
      scale(rrNew / rr, dir, count);
      axpy(1, r, dir, count);
      rr = rrNew;
    }
    // Signs must not flip: the step from d towards dCg stops at the first weight that
    // reaches zero (the sign-fixed model falls all along the segment, and equals q on
    // it), and that weight lands on exact zero.
    let fraction = 1.0;
    let blocking = -1;
    for (let j = 0; j < count; j++) {
      if (!isPenalised(j) || l1 == 0) continue;
      const before = at(params, j) + at(d, j);
      const after = at(params, j) + at(dCg, j);
      if (before != 0 && (after > 0) != (before > 0)) {
        const reach = before / (before - after);
        if (reach < fraction) {
          fraction = reach;
          blocking = j;
        }
      }
    }
    if (!(fraction > 0)) break;
    for (let j = 0; j < count; j++) put(d, j, at(d, j) + fraction * (at(dCg, j) - at(d, j)));
    moved = true;
    if (blocking < 0) break;
    put(d, blocking, -at(params, blocking));
  }
  return moved;
}

/** Whether coordinate j is free for `refine`: active, and an intercept or a weight w + d leaves nonzero. */
// @ts-ignore: decorator
@inline
function isFreeAt(params: usize, active: usize, d: usize, j: i32): bool {
  return at(active, j) != 0 && (!isPenalised(j) || at(params, j) + at(d, j) != 0);
}

/** u = X·d per row and class block, and for softmax problems mᵢ = Σ_k p_ik u_ik (one pass in memory order). */
function productWithX(d: usize, u: usize, m: usize): void {
  const rows = rowCount();
  const cols = colCount();
  const blocks = blockCount();
  const stride = cols + 1;
  const curvature = curvatureBuffer();
  const x = dataX();
  const layout = dataLayout();
  const sparse = isSparse(layout);
  const indptr = dataIndptr();
  const indices = dataIndices();
  for (let i = 0; i < rows; i++) {
    let mean = 0.0;
    for (let k = 0; k < blocks; k++) {
      const base = k * stride;
      let z = at(d, base + cols);
      if (sparse) {
        const end = rowStart(indptr, i + 1);
        for (let e = rowStart(indptr, i); e < end; e++) z += storedValue(layout, x, e) * at(d, base + columnAt(indices, e));
      } else {
        for (let j = 0; j < cols; j++) z += element(x, cols, layout, i, j) * at(d, base + j);
      }
      put(u, i * blocks + k, z);
      if (blocks > 1) mean += at(curvature, i * blocks + k) * z;
    }
    put(m, i, mean);
  }
}
