import { lastExactExp, logLoss, sigmoid } from '../math';
import { pairLoss, pairResiduals } from './pair';
import { madd64 } from '../simd';
import { at, axpy, dot, put, zero } from '../vector';

/**
 * One fused pass of the binary log-loss over all rows.
 *
 * Memory (float64, byte offsets):
 *   x         rows × cols, row-major
 *   y         rows labels, each 0 or 1
 *   weights   rows sample weights sᵢ, or 0 for sᵢ = 1
 *   params    cols weights w then the bias b
 *   grad      cols + 1 values, written: Σᵢ sᵢ (σ(zᵢ) − yᵢ) [xᵢ, 1] with zᵢ = xᵢ·w + b
 *   curvature 0, or rows values, written: sᵢ σ(zᵢ)(1 − σ(zᵢ)), the Hessian's row weights
 *
 * Returns Σᵢ sᵢ logloss(yᵢ, zᵢ) when `withLoss` (it costs a log per row), else 0.
 * Short rows go four at a time so each pair of weights and each pair of gradient values
 * is loaded once for four rows, and the two sigmoids (two lanes each) overlap; long rows
 * (see FOUR_ROWS_MAX_BYTES) and the last rows go two at a time, a last odd row alone. The
 * residual is added to the gradient while the rows are still in cache. Either way the
 * sums are formed in the same order (row pairs in order, columns in pairs), so the
 * result does not depend on the grouping.
 */
/**
 * Rows of at most this many bytes (40 float64 values) go four at a time, longer rows two
 * at a time. Four rows read in step are four streams through memory; once a row spans
 * several cache lines and X is larger than L2, the hardware prefetchers keep up with two
 * streams but not four (measured: 100 columns out of cache twice as slow with four; at
 * 20 and 32 columns four are 1.6 and 1.5 times faster than two; even at 40–48).
 */
const FOUR_ROWS_MAX_BYTES: usize = 320;

/**
 * Pairs of rows of at most this many bytes (60 float64 values each) are software-pipelined.
 * Wider pairs run their dot products and their gradient update back to back: issuing the
 * next pair's loads during the update made them up to 1.8 times slower, in cache and out
 * (measured per step: rows of 62 values, 4.1 → 7.2 ms at 100,000 rows; of 100 values,
 * 1.07 → 1.94 ms at 20,000), while pairs of 41–60 values gain 7–20 % (50 values at 100,000
 * and 20,000 rows). The four-row loop is not pipelined: there it gained nothing at 20
 * columns and lost 5–20 % at 2 and 28 columns.
 */
export const PIPELINE_MAX_PAIR_BYTES: usize = 960;

export function binaryPass(
  x: usize,
  y: usize,
  weights: usize,
  rows: i32,
  cols: i32,
  params: usize,
  grad: usize,
  withLoss: bool,
  curvature: usize,
): f64 {
  zero(grad, cols + 1);
  const bias = f64x2.splat(at(params, cols));
  const rowBytes = <usize>cols << 3;
  // Column loops: `quadBytes` covers the columns taken four at a time, then one pair
  // (when cols mod 4 ≥ 2), then one single column (odd cols).
  const quadBytes = <usize>(cols & ~3) << 3;
  const pairEnd = <usize>(cols & ~1) << 3;
  const hasPair = (cols & 2) != 0;
  const odd = (cols & 1) != 0;
  let gradBias = 0.0;
  let lossSum = 0.0;

  let i = 0;
  const quadRows = rowBytes <= FOUR_ROWS_MAX_BYTES ? rows : 0;
  for (; i + 3 < quadRows; i += 4) {
    const row0 = x + <usize>i * rowBytes;
    const row1 = row0 + rowBytes;
    const row2 = row1 + rowBytes;
    const row3 = row2 + rowBytes;

    let acc0 = f64x2.splat(0);
    let acc1 = f64x2.splat(0);
    let acc2 = f64x2.splat(0);
    let acc3 = f64x2.splat(0);
    for (let off: usize = 0; off < quadBytes; off += 32) {
      const wa = v128.load(params + off);
      const wb = v128.load(params + off, 16);
      acc0 = madd64(v128.load(row0 + off, 16), wb, madd64(v128.load(row0 + off), wa, acc0));
      acc1 = madd64(v128.load(row1 + off, 16), wb, madd64(v128.load(row1 + off), wa, acc1));
      acc2 = madd64(v128.load(row2 + off, 16), wb, madd64(v128.load(row2 + off), wa, acc2));
      acc3 = madd64(v128.load(row3 + off, 16), wb, madd64(v128.load(row3 + off), wa, acc3));
    }
    if (hasPair) {
      const w = v128.load(params + quadBytes);
      acc0 = madd64(v128.load(row0 + quadBytes), w, acc0);
      acc1 = madd64(v128.load(row1 + quadBytes), w, acc1);
      acc2 = madd64(v128.load(row2 + quadBytes), w, acc2);
      acc3 = madd64(v128.load(row3 + quadBytes), w, acc3);
    }
    // Lane 0 of z01 gathers row 0's partial sums, lane 1 row 1's; z23 rows 2 and 3.
    let z01 = f64x2.add(v128.shuffle<f64>(acc0, acc1, 0, 2), v128.shuffle<f64>(acc0, acc1, 1, 3));
    let z23 = f64x2.add(v128.shuffle<f64>(acc2, acc3, 0, 2), v128.shuffle<f64>(acc2, acc3, 1, 3));
    if (odd) {
      const w = v128.load64_splat(params + pairEnd);
      z01 = madd64(v128.load64_lane(row1 + pairEnd, v128.load64_zero(row0 + pairEnd), 1), w, z01);
      z23 = madd64(v128.load64_lane(row3 + pairEnd, v128.load64_zero(row2 + pairEnd), 1), w, z23);
    }
    z01 = f64x2.add(z01, bias);
    z23 = f64x2.add(z23, bias);

    const r01 = pairResiduals(z01, y, weights, i, curvature, withLoss);
    const e01 = lastExactExp;
    const r23 = pairResiduals(z23, y, weights, i + 2, curvature, withLoss);
    const e23 = lastExactExp;
    if (withLoss) {
      lossSum += pairLoss(z01, e01, y, weights, i);
      lossSum += pairLoss(z23, e23, y, weights, i + 2);
    }

    const r0 = v128.shuffle<f64>(r01, r01, 0, 0);
    const r1 = v128.shuffle<f64>(r01, r01, 1, 1);
    const r2 = v128.shuffle<f64>(r23, r23, 0, 0);
    const r3 = v128.shuffle<f64>(r23, r23, 1, 1);
    for (let off: usize = 0; off < quadBytes; off += 32) {
      const g = grad + off;
      const a0 = row0 + off;
      const a1 = row1 + off;
      const a2 = row2 + off;
      const a3 = row3 + off;
      v128.store(g, addRows4(v128.load(g), v128.load(a0), r0, v128.load(a1), r1, v128.load(a2), r2, v128.load(a3), r3));
      v128.store(
        g,
        addRows4(v128.load(g, 16), v128.load(a0, 16), r0, v128.load(a1, 16), r1, v128.load(a2, 16), r2, v128.load(a3, 16), r3),
        16,
      );
    }
    if (hasPair) {
      const g = grad + quadBytes;
      const q = quadBytes;
      v128.store(g, addRows4(v128.load(g), v128.load(row0 + q), r0, v128.load(row1 + q), r1, v128.load(row2 + q), r2, v128.load(row3 + q), r3));
    }
    if (odd) {
      const g = grad + pairEnd;
      const x01 = v128.load64_lane(row1 + pairEnd, v128.load64_zero(row0 + pairEnd), 1);
      const x23 = v128.load64_lane(row3 + pairEnd, v128.load64_zero(row2 + pairEnd), 1);
      // Lane 0 only: g + (x0·r0 + x1·r1) + (x2·r2 + x3·r3), as two row pairs would add it.
      const p01 = f64x2.mul(x01, r01);
      const p23 = f64x2.mul(x23, r23);
      const s01 = f64x2.add(p01, v128.shuffle<f64>(p01, p01, 1, 0));
      const s23 = f64x2.add(p23, v128.shuffle<f64>(p23, p23, 1, 0));
      v128.store64_lane(g, f64x2.add(f64x2.add(v128.load64_zero(g), s01), s23), 0);
    }
    const b01 = f64x2.add(r01, v128.shuffle<f64>(r01, r01, 1, 0));
    const b23 = f64x2.add(r23, v128.shuffle<f64>(r23, r23, 1, 0));
    gradBias = gradBias + f64x2.extract_lane(b01, 0) + f64x2.extract_lane(b23, 0);
  }

  // Two rows at a time, software-pipelined: the dot products of the next pair are issued
  // between the current pair's sigmoid (a long chain of dependent operations) and its
  // gradient update, so the processor works on them while the chain completes. Each
  // pair's arithmetic is the same as without the overlap, so are the bits.
  const pipelined = rowBytes << 1 <= PIPELINE_MAX_PAIR_BYTES;
  let zNext = pipelined && i + 1 < rows ? pairDecision(x + <usize>i * rowBytes, rowBytes, params, quadBytes, hasPair, odd, pairEnd, bias) : bias;
  for (; i + 1 < rows; i += 2) {
    const row0 = x + <usize>i * rowBytes;
    const row1 = row0 + rowBytes;
    const z01 = pipelined ? zNext : pairDecision(row0, rowBytes, params, quadBytes, hasPair, odd, pairEnd, bias);
    const r01 = pairResiduals(z01, y, weights, i, curvature, withLoss);
    const e01 = lastExactExp;
    if (pipelined && i + 3 < rows) zNext = pairDecision(row1 + rowBytes, rowBytes, params, quadBytes, hasPair, odd, pairEnd, bias);
    if (withLoss) lossSum += pairLoss(z01, e01, y, weights, i);
    const r0 = v128.shuffle<f64>(r01, r01, 0, 0);
    const r1 = v128.shuffle<f64>(r01, r01, 1, 1);
    for (let off: usize = 0; off < quadBytes; off += 32) {
      const g = grad + off;
      const a0 = row0 + off;
      const a1 = row1 + off;
      v128.store(g, addRows2(v128.load(g), v128.load(a0), r0, v128.load(a1), r1));
      v128.store(g, addRows2(v128.load(g, 16), v128.load(a0, 16), r0, v128.load(a1, 16), r1), 16);
    }
    if (hasPair) {
      const g = grad + quadBytes;
      v128.store(g, addRows2(v128.load(g), v128.load(row0 + quadBytes), r0, v128.load(row1 + quadBytes), r1));
    }
    if (odd) {
      const g = grad + pairEnd;
      const p01 = f64x2.mul(v128.load64_lane(row1 + pairEnd, v128.load64_zero(row0 + pairEnd), 1), r01);
      v128.store64_lane(g, f64x2.add(v128.load64_zero(g), f64x2.add(p01, v128.shuffle<f64>(p01, p01, 1, 0))), 0);
    }
    gradBias += f64x2.extract_lane(f64x2.add(r01, v128.shuffle<f64>(r01, r01, 1, 0)), 0);
  }

  put(grad, cols, gradBias);
  if (i < rows) {
    const si = weights == 0 ? 1.0 : at(weights, i);
    lossSum += binaryRow(x + <usize>i * rowBytes, cols, params, at(y, i), si, grad, withLoss, curvature, i);
  }
  return lossSum;
}

/**
 * z = x·w + b for the two rows at row0 and row0 + rowBytes, as one vector (lane 0 the
 * first row): columns four at a time, then a pair, then a single column, as in the
 * four-row loop.
 */
// @ts-ignore: decorator
@inline
function pairDecision(row0: usize, rowBytes: usize, params: usize, quadBytes: usize, hasPair: bool, odd: bool, pairEnd: usize, bias: v128): v128 {
  const row1 = row0 + rowBytes;
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  for (let off: usize = 0; off < quadBytes; off += 32) {
    const wa = v128.load(params + off);
    const wb = v128.load(params + off, 16);
    acc0 = madd64(v128.load(row0 + off, 16), wb, madd64(v128.load(row0 + off), wa, acc0));
    acc1 = madd64(v128.load(row1 + off, 16), wb, madd64(v128.load(row1 + off), wa, acc1));
  }
  if (hasPair) {
    const w = v128.load(params + quadBytes);
    acc0 = madd64(v128.load(row0 + quadBytes), w, acc0);
    acc1 = madd64(v128.load(row1 + quadBytes), w, acc1);
  }
  let z01 = f64x2.add(v128.shuffle<f64>(acc0, acc1, 0, 2), v128.shuffle<f64>(acc0, acc1, 1, 3));
  if (odd) {
    const w = v128.load64_splat(params + pairEnd);
    z01 = madd64(v128.load64_lane(row1 + pairEnd, v128.load64_zero(row0 + pairEnd), 1), w, z01);
  }
  return f64x2.add(z01, bias);
}

/** g + (x0·r0 + x1·r1) for one column pair of two rows (the relaxed build: fused, in row order). */
// @ts-ignore: decorator
@inline
function addRows2(g: v128, x0: v128, r0: v128, x1: v128, r1: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return madd64(x1, r1, madd64(x0, r0, g));
  return f64x2.add(g, f64x2.add(f64x2.mul(x0, r0), f64x2.mul(x1, r1)));
}

/**
 * g + (x0·r0 + x1·r1) + (x2·r2 + x3·r3) for one column pair of four rows: the sum two
 * row pairs in turn would form (the relaxed build: fused, in row order).
 */
// @ts-ignore: decorator
@inline
function addRows4(g: v128, x0: v128, r0: v128, x1: v128, r1: v128, x2: v128, r2: v128, x3: v128, r3: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return madd64(x3, r3, madd64(x2, r2, madd64(x1, r1, madd64(x0, r0, g))));
  return f64x2.add(f64x2.add(g, f64x2.add(f64x2.mul(x0, r0), f64x2.mul(x1, r1))), f64x2.add(f64x2.mul(x2, r2), f64x2.mul(x3, r3)));
}

/**
 * One row of {@link binaryPass}: adds s·(σ(z) − y)·[x, 1] to grad (cols + 1 values) with
 * z = x·w + b, stores s·σ(z)(1 − σ(z)) at curvature[index] when curvature ≠ 0, and
 * returns s·logloss(y, z) when `withLoss` (else 0). Also the per-row step of SGD.
 */
// @ts-ignore: decorator
@inline
export function binaryRow(
  row: usize,
  cols: i32,
  params: usize,
  y: f64,
  s: f64,
  grad: usize,
  withLoss: bool,
  curvature: usize,
  index: i32,
): f64 {
  const z = dot(row, params, cols) + at(params, cols);
  const p = sigmoid(z);
  const r = s * (p - y);
  axpy(r, row, grad, cols);
  put(grad, cols, at(grad, cols) + r);
  if (curvature != 0) put(curvature, index, s * p * (1 - p));
  return withLoss ? s * logLoss(z, y) : 0;
}

/**
 * Hessian-vector product of the binary loss: out = Σᵢ cᵢ (xᵢ·v_w + v_b) [xᵢ, 1], with
 * cᵢ the `curvature` row weights from {@link binaryPass} at the same point.
 * v and out hold cols + 1 values (weights then bias).
 */
export function binaryHessianProduct(
  x: usize,
  rows: i32,
  cols: i32,
  curvature: usize,
  v: usize,
  out: usize,
): void {
  zero(out, cols + 1);
  const rowBytes = <usize>cols << 3;
  const vBias = at(v, cols);
  let outBias = 0.0;
  for (let i = 0; i < rows; i++) {
    const row = x + <usize>i * rowBytes;
    const u = at(curvature, i) * (dot(row, v, cols) + vBias);
    axpy(u, row, out, cols);
    outBias += u;
  }
  put(out, cols, outBias);
}
