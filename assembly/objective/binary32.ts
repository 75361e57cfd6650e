import { logLoss, sigmoid } from '../math';
import { pairLoss, pairResiduals } from './pair';
import { at, put, zero } from '../vector';

// The binary passes for X stored as float32 (half the memory and bandwidth of float64).
// Dot products run in f32x4 against a float32 copy of the weights; each row's
// contribution to the gradient is accumulated in float32 for FLUSH_ROWS rows and then
// added to the float64 gradient, so rounding error grows with FLUSH_ROWS, not with n.

/** Rows accumulated in float32 before a flush into the float64 sums. */
const FLUSH_ROWS: i32 = 32;

// @ts-ignore: decorator
@inline
function atF32(base: usize, i: i32): f32 {
  return load<f32>(base + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline
function putF32(base: usize, i: i32, v: f32): void {
  store<f32>(base + (<usize>i << 2), v);
}

/** x · w over `cols` float32 values, four lanes at a time, lanes added in a fixed order. */
// @ts-ignore: decorator
@inline
function dotF32(x: usize, w: usize, cols: i32): f32 {
  let acc = f32x4.splat(0);
  let j = 0;
  for (; j + 3 < cols; j += 4) {
    const off = <usize>j << 2;
    acc = f32x4.add(acc, f32x4.mul(v128.load(x + off), v128.load(w + off)));
  }
  let sum =
    f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (; j < cols; j++) sum += atF32(x, j) * atF32(w, j);
  return sum;
}

/** g[j] += c·x[j] over `cols` float32 values. */
// @ts-ignore: decorator
@inline
function axpyF32(c: f32, x: usize, g: usize, cols: i32): void {
  const cv = f32x4.splat(c);
  let j = 0;
  for (; j + 3 < cols; j += 4) {
    const off = <usize>j << 2;
    v128.store(g + off, f32x4.add(v128.load(g + off), f32x4.mul(v128.load(x + off), cv)));
  }
  for (; j < cols; j++) putF32(g, j, atF32(g, j) + c * atF32(x, j));
}

/** out[j] += g[j] (float32 → float64), then g[j] = 0, for j < cols. */
// @ts-ignore: decorator
@inline
function flush(g: usize, out: usize, cols: i32): void {
  for (let j = 0; j < cols; j++) {
    put(out, j, at(out, j) + <f64>atF32(g, j));
    putF32(g, j, 0);
  }
}

/**
 * {@link binaryPass} for float32 rows.
 *
 * Memory (byte offsets):
 *   x         rows × cols float32, row-major
 *   y, weights, params, grad, curvature   as in binaryPass (float64)
 *   w32       cols float32: the weights of `params`, rounded to float32
 *   g32       cols float32 of scratch
 */
export function binaryPass32(
  x: usize,
  y: usize,
  weights: usize,
  rows: i32,
  cols: i32,
  params: usize,
  w32: usize,
  g32: usize,
  grad: usize,
  withLoss: bool,
  curvature: usize,
): f64 {
  zero(grad, cols + 1);
  memory.fill(g32, 0, <usize>cols << 2);
  const bias = at(params, cols);
  const rowBytes = <usize>cols << 2;
  let gradBias = 0.0;
  let lossSum = 0.0;
  // Rows in pairs so the sigmoid runs on both lanes at once (see binaryPass).
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const row0 = x + <usize>i * rowBytes;
    const row1 = row0 + rowBytes;
    const z0 = <f64>dotF32(row0, w32, cols) + bias;
    const z1 = <f64>dotF32(row1, w32, cols) + bias;
    const rv = pairResiduals(f64x2.replace_lane(f64x2.splat(z0), 1, z1), y, weights, i, curvature);
    if (withLoss) lossSum += pairLoss(z0, z1, y, weights, i);
    const r0 = f64x2.extract_lane(rv, 0);
    const r1 = f64x2.extract_lane(rv, 1);
    axpyF32(<f32>r0, row0, g32, cols);
    axpyF32(<f32>r1, row1, g32, cols);
    gradBias += r0 + r1;
    if ((i + 2) % FLUSH_ROWS == 0) flush(g32, grad, cols);
  }
  if (i < rows) {
    const row = x + <usize>i * rowBytes;
    const z = <f64>dotF32(row, w32, cols) + bias;
    const yi = at(y, i);
    const s = weights == 0 ? 1.0 : at(weights, i);
    const p = sigmoid(z);
    const r = s * (p - yi);
    if (withLoss) lossSum += s * logLoss(z, yi);
    if (curvature != 0) put(curvature, i, s * p * (1 - p));
    axpyF32(<f32>r, row, g32, cols);
    gradBias += r;
  }
  flush(g32, grad, cols);
  put(grad, cols, gradBias);
  return lossSum;
}

/**
 * {@link binaryHessianProduct} for float32 rows: out = Σᵢ cᵢ (xᵢ·v_w + v_b) [xᵢ, 1], with
 * v32 the weights part of v rounded to float32 and g32 cols float32 of scratch.
 */
export function binaryHessianProduct32(
  x: usize,
  rows: i32,
  cols: i32,
  curvature: usize,
  v: usize,
  v32: usize,
  g32: usize,
  out: usize,
): void {
  zero(out, cols + 1);
  memory.fill(g32, 0, <usize>cols << 2);
  const rowBytes = <usize>cols << 2;
  const vBias = at(v, cols);
  let outBias = 0.0;
  for (let i = 0; i < rows; i++) {
    const row = x + <usize>i * rowBytes;
    const u = at(curvature, i) * (<f64>dotF32(row, v32, cols) + vBias);
    axpyF32(<f32>u, row, g32, cols);
    outBias += u;
    if ((i + 1) % FLUSH_ROWS == 0 || i + 1 == rows) flush(g32, out, cols);
  }
  put(out, cols, outBias);
}

/** w32[j] = f32(w[j]) for j < cols: the float32 copy the passes multiply with. */
export function roundToF32(w: usize, w32: usize, cols: i32): void {
  for (let j = 0; j < cols; j++) putF32(w32, j, <f32>at(w, j));
}
