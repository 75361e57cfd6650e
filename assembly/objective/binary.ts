import { logLoss, sigmoid } from '../math';
import { pairLoss, pairResiduals } from './pair';
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
 * Rows go two at a time so each pair of weights is loaded once for both rows; the
 * residual is added to the gradient while the row is still in cache.
 */
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
  const bias = at(params, cols);
  const rowBytes = <usize>cols << 3;
  const pairs = cols & ~1;
  let gradBias = 0.0;
  let lossSum = 0.0;

  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const row0 = x + <usize>i * rowBytes;
    const row1 = row0 + rowBytes;

    let acc0 = f64x2.splat(0);
    let acc1 = f64x2.splat(0);
    for (let j = 0; j < pairs; j += 2) {
      const off = <usize>j << 3;
      const w = v128.load(params + off);
      acc0 = f64x2.add(acc0, f64x2.mul(v128.load(row0 + off), w));
      acc1 = f64x2.add(acc1, f64x2.mul(v128.load(row1 + off), w));
    }
    // Lane 0 of `z` gathers row 0's partial sums, lane 1 row 1's.
    const z = f64x2.add(v128.shuffle<f64>(acc0, acc1, 0, 2), v128.shuffle<f64>(acc0, acc1, 1, 3));
    let z0 = f64x2.extract_lane(z, 0);
    let z1 = f64x2.extract_lane(z, 1);
    if (pairs < cols) {
      const off = <usize>pairs << 3;
      const w = load<f64>(params + off);
      z0 += load<f64>(row0 + off) * w;
      z1 += load<f64>(row1 + off) * w;
    }
    z0 += bias;
    z1 += bias;

    const rv = pairResiduals(z0, z1, y, weights, i, curvature);
    if (withLoss) lossSum += pairLoss(z0, z1, y, weights, i);
    const r0 = f64x2.extract_lane(rv, 0);
    const r1 = f64x2.extract_lane(rv, 1);

    const r0v = f64x2.splat(r0);
    const r1v = f64x2.splat(r1);
    for (let j = 0; j < pairs; j += 2) {
      const off = <usize>j << 3;
      const contribution = f64x2.add(f64x2.mul(v128.load(row0 + off), r0v), f64x2.mul(v128.load(row1 + off), r1v));
      v128.store(grad + off, f64x2.add(v128.load(grad + off), contribution));
    }
    if (pairs < cols) {
      const off = <usize>pairs << 3;
      store<f64>(grad + off, load<f64>(grad + off) + (load<f64>(row0 + off) * r0 + load<f64>(row1 + off) * r1));
    }
    gradBias += r0 + r1;
  }

  put(grad, cols, gradBias);
  if (i < rows) {
    const si = weights == 0 ? 1.0 : at(weights, i);
    lossSum += binaryRow(x + <usize>i * rowBytes, cols, params, at(y, i), si, grad, withLoss, curvature, i);
  }
  return lossSum;
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
