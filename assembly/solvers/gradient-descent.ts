import { logLoss, sigmoid } from '../math';

/**
 * Batch gradient descent on the mean log-loss, the reference experiment's algorithm.
 *
 * Each iteration makes one pass over the rows. For a row x_i it computes
 * z_i = x_i · w + b, the residual r_i = σ(z_i) − y_i, and adds r_i·x_i to the gradient
 * while the row is still in cache; then
 *   w ← w − lr · (Σ r_i x_i) / n,   b ← b − lr · (Σ r_i) / n.
 * Rows are taken two at a time so each pair of weights is loaded once per two rows.
 *
 * Memory (float64, byte offsets into linear memory):
 *   x      rows × cols, row-major
 *   y      rows labels, each 0 or 1
 *   params cols weights then the bias (cols + 1 values): the starting point, overwritten
 *          with the result
 *   grad   cols + 1 values of scratch; on return the gradient of the mean log-loss at
 *          the last point evaluated
 *   loss   0, or room for maxIter values: loss[k] is the mean log-loss at the start of
 *          iteration k (computing it costs a log per row, so it is optional)
 *
 * With fitIntercept false the bias stays where it started and its gradient is reported as 0.
 *
 * Stops after maxIter updates, or earlier when max_j |gradient_j| ≤ tol before an
 * update (tol = 0 runs all iterations unless the gradient vanishes exactly).
 * Returns the number of updates made.
 */
export function gradientDescent(
  x: usize,
  y: usize,
  rows: i32,
  cols: i32,
  params: usize,
  grad: usize,
  learningRate: f64,
  maxIter: i32,
  tol: f64,
  fitIntercept: bool,
  loss: usize,
): i32 {
  const biasAt = params + (<usize>cols << 3);
  const gradBiasAt = grad + (<usize>cols << 3);
  const n = <f64>rows;
  for (let iter = 0; iter < maxIter; iter++) {
    const lossSum = accumulateGradient(x, y, rows, cols, params, grad, loss != 0);
    if (loss != 0) store<f64>(loss + (<usize>iter << 3), lossSum / n);

    if (!fitIntercept) store<f64>(gradBiasAt, 0);
    let largest = 0.0;
    for (let j = 0; j <= cols; j++) {
      const at = grad + (<usize>j << 3);
      const g = load<f64>(at) / n;
      store<f64>(at, g);
      largest = Math.max(largest, Math.abs(g));
    }
    if (largest <= tol) return iter;

    for (let j = 0; j < cols; j++) {
      const at = params + (<usize>j << 3);
      store<f64>(at, load<f64>(at) - learningRate * load<f64>(grad + (<usize>j << 3)));
    }
    store<f64>(biasAt, load<f64>(biasAt) - learningRate * load<f64>(gradBiasAt));
  }
  return maxIter;
}

/**
 * One fused pass: grad ← Σ_i (σ(x_i·w + b) − y_i) · [x_i, 1], the unscaled gradient of
 * the summed log-loss. Returns the summed log-loss when `withLoss`, else 0.
 */
function accumulateGradient(
  x: usize,
  y: usize,
  rows: i32,
  cols: i32,
  params: usize,
  grad: usize,
  withLoss: bool,
): f64 {
  memory.fill(grad, 0, (<usize>cols + 1) << 3);
  const bias = load<f64>(params + (<usize>cols << 3));
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
      const at = <usize>j << 3;
      const w = v128.load(params + at);
      acc0 = f64x2.add(acc0, f64x2.mul(v128.load(row0 + at), w));
      acc1 = f64x2.add(acc1, f64x2.mul(v128.load(row1 + at), w));
    }
    // Lane 0 of `z` gathers row 0's partial sums, lane 1 row 1's.
    const z = f64x2.add(v128.shuffle<f64>(acc0, acc1, 0, 2), v128.shuffle<f64>(acc0, acc1, 1, 3));
    let z0 = f64x2.extract_lane(z, 0);
    let z1 = f64x2.extract_lane(z, 1);
    if (pairs < cols) {
      const at = <usize>pairs << 3;
      const w = load<f64>(params + at);
      z0 += load<f64>(row0 + at) * w;
      z1 += load<f64>(row1 + at) * w;
    }
    z0 += bias;
    z1 += bias;

    const y0 = load<f64>(y + (<usize>i << 3));
    const y1 = load<f64>(y + (<usize>(i + 1) << 3));
    const r0 = sigmoid(z0) - y0;
    const r1 = sigmoid(z1) - y1;
    if (withLoss) lossSum += logLoss(z0, y0) + logLoss(z1, y1);

    const r0v = f64x2.splat(r0);
    const r1v = f64x2.splat(r1);
    for (let j = 0; j < pairs; j += 2) {
      const at = <usize>j << 3;
      const g = v128.load(grad + at);
      const contribution = f64x2.add(f64x2.mul(v128.load(row0 + at), r0v), f64x2.mul(v128.load(row1 + at), r1v));
      v128.store(grad + at, f64x2.add(g, contribution));
    }
    if (pairs < cols) {
      const at = <usize>pairs << 3;
      store<f64>(grad + at, load<f64>(grad + at) + (load<f64>(row0 + at) * r0 + load<f64>(row1 + at) * r1));
    }
    gradBias += r0 + r1;
  }

  if (i < rows) {
    const row = x + <usize>i * rowBytes;
    let z = bias;
    for (let j = 0; j < cols; j++) z += load<f64>(row + (<usize>j << 3)) * load<f64>(params + (<usize>j << 3));
    const yi = load<f64>(y + (<usize>i << 3));
    const r = sigmoid(z) - yi;
    if (withLoss) lossSum += logLoss(z, yi);
    for (let j = 0; j < cols; j++) {
      const at = <usize>j << 3;
      store<f64>(grad + at, load<f64>(grad + at) + load<f64>(row + at) * r);
    }
    gradBias += r;
  }

  store<f64>(grad + (<usize>cols << 3), gradBias);
  return lossSum;
}
