import { expNonPositive2Lanes, lastExactExp, log1pUnit2Lanes, sigmoid, sigmoid2Lanes } from '../math';
import { at, dot, put } from '../vector';
import { rowStart, sparseDot } from '../objective/csr';

/**
 * Decision values of a linear model with one or more blocks of parameters:
 * out[i·blocks + k] = xᵢ · w_k + b_k.
 *
 * Memory (all float64, byte offsets into linear memory):
 *   x      rows × cols, row-major
 *   params blocks × (cols + 1): block k holds w_k then the bias b_k
 *   out    rows × blocks values, written
 */
export function decisionFunction(x: usize, rows: i32, cols: i32, blocks: i32, params: usize, out: usize): void {
  const rowBytes = <usize>cols << 3;
  const blockBytes = <usize>(cols + 1) << 3;
  for (let i = 0; i < rows; i++) {
    const row = x + <usize>i * rowBytes;
    for (let k = 0; k < blocks; k++) {
      const block = params + <usize>k * blockBytes;
      put(out, i * blocks + k, dot(row, block, cols) + at(block, cols));
    }
  }
}

/**
 * {@link decisionFunction} for X stored as compressed sparse rows: `indptr` (rows + 1 i32),
 * `indices` (i32, increasing within each row, each below cols) and `values` (float32 when
 * `float32`, else float64).
 */
export function sparseDecisionFunction(
  indptr: usize,
  indices: usize,
  values: usize,
  float32: bool,
  rows: i32,
  cols: i32,
  blocks: i32,
  params: usize,
  out: usize,
): void {
  const blockBytes = <usize>(cols + 1) << 3;
  for (let i = 0; i < rows; i++) {
    const a = rowStart(indptr, i);
    const b = rowStart(indptr, i + 1);
    for (let k = 0; k < blocks; k++) {
      const block = params + <usize>k * blockBytes;
      const z = float32 ? sparseDot<f32>(indices, values, a, b, block) : sparseDot<f64>(indices, values, a, b, block);
      put(out, i * blocks + k, z + at(block, cols));
    }
  }
}

/** Replaces each of `length` float64 values at `ptr` with its sigmoid. */
export function sigmoidInPlace(ptr: usize, length: i32): void {
  for (let i = 0; i < length; i++) put(ptr, i, sigmoid(at(ptr, i)));
}

/**
 * Replaces each row of a rows × blocks matrix of decision values with its softmax,
 * exp(z_k − max z) / Σ exp(z_j − max z), which no finite z can overflow.
 */
export function softmaxRows(ptr: usize, rows: i32, blocks: i32): void {
  for (let i = 0; i < rows; i++) {
    const row = ptr + (<usize>(i * blocks) << 3);
    let largest = -Infinity;
    for (let k = 0; k < blocks; k++) largest = Math.max(largest, at(row, k));
    let total = 0.0;
    for (let k = 0; k < blocks; k++) {
      const e = Math.exp(at(row, k) - largest);
      put(row, k, e);
      total += e;
    }
    for (let k = 0; k < blocks; k++) put(row, k, at(row, k) / total);
  }
}

/**
 * The two-lane kernels of the fused passes applied to `length` values at `ptr` (length
 * even): e^x for x ≤ 0 when `which` is 0, σ(x) when 1, log(1 + x) for 0 ≤ x ≤ 1 when 2,
 * the exact e^x for x ≤ 0 when 4; 3 and 5 apply the scalar Math.log1p and Math.exp that
 * 2 and 4 must match bit for bit. Exported so their accuracy can be tested against a
 * reference.
 */
export function twoLaneInPlace(ptr: usize, length: i32, which: i32): void {
  for (let i = 0; i + 1 < length; i += 2) {
    const at = ptr + (<usize>i << 3);
    const v = v128.load(at);
    if (which == 3 || which == 5) {
      const x0 = f64x2.extract_lane(v, 0);
      const x1 = f64x2.extract_lane(v, 1);
      store<f64>(at, which == 3 ? Math.log1p(x0) : Math.exp(x0));
      store<f64>(at, which == 3 ? Math.log1p(x1) : Math.exp(x1), 8);
    } else if (which == 4) {
      expNonPositive2Lanes(v, true);
      v128.store(at, lastExactExp);
    } else {
      v128.store(at, which == 0 ? expNonPositive2Lanes(v) : which == 1 ? sigmoid2Lanes(v) : log1pUnit2Lanes(v));
    }
  }
}
