import { at, axpy, dot, put, zero } from '../vector';

/**
 * One pass of the multinomial (softmax) log-loss over all rows.
 *
 * Memory (float64, byte offsets):
 *   x        rows × cols, row-major
 *   y        rows class indices 0 … blocks − 1 (stored as float64)
 *   weights  rows sample weights sᵢ, or 0 for sᵢ = 1
 *   params   blocks × (cols + 1): block k holds class k's weights w_k then its bias b_k
 *   grad     same layout as params, written: Σᵢ sᵢ (p_ik − [yᵢ = k]) [xᵢ, 1]
 *   proba    rows × blocks, written: p_ik = softmax(zᵢ)_k with z_ik = xᵢ·w_k + b_k
 *            (kept for Hessian-vector products, and used as the row's scratch)
 *
 * Returns Σᵢ sᵢ (log Σ_k e^(z_ik) − z_iyᵢ). The softmax subtracts max_k z_ik before
 * exponentiating, so no finite z overflows.
 */
export function multinomialPass(
  x: usize,
  y: usize,
  weights: usize,
  rows: i32,
  cols: i32,
  blocks: i32,
  params: usize,
  grad: usize,
  proba: usize,
): f64 {
  const stride = cols + 1;
  zero(grad, blocks * stride);
  const rowBytes = <usize>cols << 3;
  let lossSum = 0.0;
  for (let i = 0; i < rows; i++) {
    const s = weights == 0 ? 1.0 : at(weights, i);
    const p = proba + <usize>i * (<usize>blocks << 3);
    lossSum += multinomialRow(x + <usize>i * rowBytes, cols, blocks, params, <i32>at(y, i), s, grad, p);
  }
  return lossSum;
}

/**
 * One row of {@link multinomialPass}: writes the row's probabilities to p (blocks
 * values), adds s·(p_k − [label = k])·[x, 1] to each class block of grad, and returns
 * s·(log Σ_k e^(z_k) − z_label). Also the per-row step of SGD.
 */
// @ts-ignore: decorator
@inline
export function multinomialRow(
  row: usize,
  cols: i32,
  blocks: i32,
  params: usize,
  label: i32,
  s: f64,
  grad: usize,
  p: usize,
): f64 {
  const stride = cols + 1;
  for (let k = 0; k < blocks; k++) {
    const block = params + <usize>(k * stride) * 8;
    put(p, k, dot(row, block, cols) + at(block, cols));
  }
  const loss = softmaxInPlace(p, blocks, label);
  for (let k = 0; k < blocks; k++) {
    const r = s * (at(p, k) - (k == label ? 1.0 : 0.0));
    const block = grad + <usize>(k * stride) * 8;
    axpy(r, row, block, cols);
    put(block, cols, at(block, cols) + r);
  }
  return s * loss;
}

/**
 * Turns the decision values z_k at p (blocks values) into their softmax, in place, and
 * returns log Σ_k e^(z_k) − z_label. Subtracting max_k z_k before exponentiating keeps
 * every finite z from overflowing. Every softmax row (dense and sparse X) goes through here.
 */
// @ts-ignore: decorator
@inline
export function softmaxInPlace(p: usize, blocks: i32, label: i32): f64 {
  let largest = -Infinity;
  for (let k = 0; k < blocks; k++) largest = Math.max(largest, at(p, k));
  const zLabel = at(p, label);
  let total = 0.0;
  for (let k = 0; k < blocks; k++) {
    const e = Math.exp(at(p, k) - largest);
    put(p, k, e);
    total += e;
  }
  const inverse = 1.0 / total;
  for (let k = 0; k < blocks; k++) put(p, k, at(p, k) * inverse);
  return Math.log(total) + largest - zLabel;
}

/**
 * Hessian-vector product of the multinomial loss at the point whose probabilities
 * `proba` holds: for each row, u_k = xᵢ·v_k + v_bk and ū = Σ_k p_ik u_k, then
 * out_k += sᵢ p_ik (u_k − ū) [xᵢ, 1]. `scratch` holds `blocks` values.
 */
export function multinomialHessianProduct(
  x: usize,
  weights: usize,
  rows: i32,
  cols: i32,
  blocks: i32,
  proba: usize,
  v: usize,
  out: usize,
  scratch: usize,
): void {
  const stride = cols + 1;
  zero(out, blocks * stride);
  const rowBytes = <usize>cols << 3;
  for (let i = 0; i < rows; i++) {
    const row = x + <usize>i * rowBytes;
    const p = proba + <usize>i * (<usize>blocks << 3);
    let mean = 0.0;
    for (let k = 0; k < blocks; k++) {
      const block = v + <usize>(k * stride) * 8;
      const u = dot(row, block, cols) + at(block, cols);
      put(scratch, k, u);
      mean += at(p, k) * u;
    }
    const s = weights == 0 ? 1.0 : at(weights, i);
    for (let k = 0; k < blocks; k++) {
      const c = s * at(p, k) * (at(scratch, k) - mean);
      const block = out + <usize>(k * stride) * 8;
      axpy(c, row, block, cols);
      put(block, cols, at(block, cols) + c);
    }
  }
}
