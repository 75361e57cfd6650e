import { binaryHessianProduct, binaryPass } from './binary';
import { binaryHessianProduct32, binaryPass32, binaryPass32Exact, roundToF32 } from './binary32';
import { multinomialHessianProduct, multinomialPass } from './multinomial';
import { binaryRow } from './binary';
import { multinomialRow } from './multinomial';
import {
  rowStart,
  sparseBinaryHessianProduct,
  sparseBinaryPass,
  sparseBinaryRow,
  sparseMultinomialHessianProduct,
  sparseMultinomialPass,
  sparseMultinomialRow,
} from './csr';
import { PROBLEM_INDICES, PROBLEM_INDPTR, address } from './record';

// How X is stored (the record's PROBLEM_LAYOUT), and the one place that dispatches on it.
// Every read of X goes through this file: the chunk kernels of the gradient and Hessian
// passes, `addRowGradient` (SGD's rows) and `element` (newton-cd's coordinate sweeps over
// dense X); over sparse X newton-cd reads rows through csr.ts and columns through the
// copy by columns that prepareProblem makes (csr.ts's `transposeToColumns`).
//
// A new layout is: a LAYOUT_* constant here, its row kernels (objective/), a case in each
// function below, and a staging function in src/core/stage.ts whose StagedMatrix
// src/core/problem.ts maps to the constant. The solvers see only whether X is sparse.

/** Dense row-major float64. */
export const LAYOUT_DENSE_F64: i32 = 1;
/** Dense row-major float32 (binary problems only; the passes widen or round, see `sharpen`). */
export const LAYOUT_DENSE_F32: i32 = 2;
/** Compressed sparse rows (record: PROBLEM_INDPTR, PROBLEM_INDICES; PROBLEM_X the values), float64 values. */
export const LAYOUT_CSR_F64: i32 = 3;
/** Compressed sparse rows with float32 values (widened exactly; float64 arithmetic). */
export const LAYOUT_CSR_F32: i32 = 4;

/** Whether `layout` stores only the nonzeros of each row (CSR). */
// @ts-ignore: decorator
@inline
export function isSparse(layout: i32): bool {
  return layout >= LAYOUT_CSR_F64;
}

/** Stored value k of sparse X at `values` (of a CSR layout), widened to float64. */
// @ts-ignore: decorator
@inline
export function storedValue(layout: i32, values: usize, k: i32): f64 {
  return layout == LAYOUT_CSR_F32 ? <f64>load<f32>(values + (<usize>k << 2)) : load<f64>(values + (<usize>k << 3));
}

/** Bytes of one value of a dense layout. */
// @ts-ignore: decorator
@inline
function valueShift(layout: i32): usize {
  return layout == LAYOUT_DENSE_F32 ? 2 : 3;
}

/** x_ij of X at `x` (rows × cols, stored as `layout`). */
// @ts-ignore: decorator
@inline
export function element(x: usize, cols: i32, layout: i32, i: i32, j: i32): f64 {
  const index = <usize>i * <usize>cols + <usize>j;
  return layout == LAYOUT_DENSE_F32 ? <f64>load<f32>(x + (index << 2)) : load<f64>(x + (index << 3));
}

/**
 * SGD's step for one row i: adds sᵢ∇ℓᵢ (s = `s`) to grad and returns s·ℓᵢ (binary: when
 * `withLoss`, else 0); `scratch` holds `blocks` values (the softmax row). Dense X must be
 * float64 (SGD refuses dense float32 X).
 */
// @ts-ignore: decorator
@inline
export function addRowGradient(
  layout: i32,
  x: usize,
  cols: i32,
  blocks: i32,
  i: i32,
  params: usize,
  label: f64,
  s: f64,
  grad: usize,
  withLoss: bool,
  scratch: usize,
): f64 {
  if (isSparse(layout)) {
    const indptr = address(PROBLEM_INDPTR);
    const indices = address(PROBLEM_INDICES);
    const a = rowStart(indptr, i);
    const b = rowStart(indptr, i + 1);
    if (layout == LAYOUT_CSR_F32) {
      if (blocks == 1) return sparseBinaryRow<f32>(indices, x, a, b, cols, params, label, s, grad, withLoss, 0, 0);
      return sparseMultinomialRow<f32>(indices, x, a, b, cols, blocks, params, <i32>label, s, grad, scratch);
    }
    if (blocks == 1) return sparseBinaryRow<f64>(indices, x, a, b, cols, params, label, s, grad, withLoss, 0, 0);
    return sparseMultinomialRow<f64>(indices, x, a, b, cols, blocks, params, <i32>label, s, grad, scratch);
  }
  const row = x + <usize>i * (<usize>cols << 3);
  if (blocks == 1) return binaryRow(row, cols, params, label, s, grad, withLoss, 0, 0);
  return multinomialRow(row, cols, blocks, params, <i32>label, s, grad, scratch);
}

/**
 * Rounds the weights of `w` (the first cols values) to float32 into `rounded` where the
 * layout's kernels multiply in float32; nothing for other layouts.
 */
export function prepareWeights(layout: i32, w: usize, rounded: usize, cols: i32): void {
  if (layout == LAYOUT_DENSE_F32) roundToF32(w, rounded, cols);
}

/**
 * The gradient pass over rows start … start + count − 1 into `slot` (P values): per row
 * sᵢ∇ℓᵢ, with the loss returned when `withLoss` (softmax always), and per row at
 * `curvature` the Hessian row weights (binary, when `keepCurvature`) or the probabilities
 * (softmax, always). `scratch` is the slot's tail (chunks.ts), `rounded` the float32 weights.
 */
export function gradientChunk(
  layout: i32,
  coarse: bool,
  x: usize,
  y: usize,
  weights: usize,
  start: i32,
  count: i32,
  cols: i32,
  blocks: i32,
  params: usize,
  rounded: usize,
  scratch: usize,
  slot: usize,
  withLoss: bool,
  keepCurvature: bool,
  curvature: usize,
): f64 {
  const keep: usize = keepCurvature ? curvature : 0;
  if (isSparse(layout)) {
    const indptr = address(PROBLEM_INDPTR) + (<usize>start << 2);
    const indices = address(PROBLEM_INDICES);
    const ys = y + (<usize>start << 3);
    const ws: usize = weights == 0 ? 0 : weights + (<usize>start << 3);
    if (layout == LAYOUT_CSR_F32) {
      if (blocks == 1) return sparseBinaryPass<f32>(indptr, indices, x, ys, ws, count, cols, params, slot, withLoss, keep);
      return sparseMultinomialPass<f32>(indptr, indices, x, ys, ws, count, cols, blocks, params, slot, curvature);
    }
    if (blocks == 1) return sparseBinaryPass<f64>(indptr, indices, x, ys, ws, count, cols, params, slot, withLoss, keep);
    return sparseMultinomialPass<f64>(indptr, indices, x, ys, ws, count, cols, blocks, params, slot, curvature);
  }
  const xc = x + ((<usize>start * <usize>cols) << valueShift(layout));
  const yc = y + (<usize>start << 3);
  const wc: usize = weights == 0 ? 0 : weights + (<usize>start << 3);
  if (layout == LAYOUT_DENSE_F32) {
    if (coarse) return binaryPass32(xc, yc, wc, count, cols, params, rounded, scratch, slot, withLoss, keep);
    return binaryPass32Exact(xc, yc, wc, count, cols, params, slot, withLoss, keep);
  }
  if (blocks == 1) return binaryPass(xc, yc, wc, count, cols, params, slot, withLoss, keep);
  return multinomialPass(xc, yc, wc, count, cols, blocks, params, slot, curvature);
}

/**
 * The Hessian-vector product over rows start … start + count − 1 into `slot`, with the
 * per-row `curvature` of the last gradient pass that kept it and the vector `v`
 * (`rounded`: its weights in float32).
 */
export function hessianChunk(
  layout: i32,
  x: usize,
  weights: usize,
  start: i32,
  count: i32,
  cols: i32,
  blocks: i32,
  curvature: usize,
  v: usize,
  rounded: usize,
  scratch: usize,
  slot: usize,
): void {
  if (isSparse(layout)) {
    const indptr = address(PROBLEM_INDPTR) + (<usize>start << 2);
    const indices = address(PROBLEM_INDICES);
    const ws: usize = weights == 0 ? 0 : weights + (<usize>start << 3);
    if (layout == LAYOUT_CSR_F32) {
      if (blocks == 1) sparseBinaryHessianProduct<f32>(indptr, indices, x, count, cols, curvature, v, slot);
      else sparseMultinomialHessianProduct<f32>(indptr, indices, x, ws, count, cols, blocks, curvature, v, slot, scratch);
    } else if (blocks == 1) sparseBinaryHessianProduct<f64>(indptr, indices, x, count, cols, curvature, v, slot);
    else sparseMultinomialHessianProduct<f64>(indptr, indices, x, ws, count, cols, blocks, curvature, v, slot, scratch);
    return;
  }
  const xc = x + ((<usize>start * <usize>cols) << valueShift(layout));
  if (layout == LAYOUT_DENSE_F32) binaryHessianProduct32(xc, count, cols, curvature, v, rounded, scratch, slot);
  else if (blocks == 1) binaryHessianProduct(xc, count, cols, curvature, v, slot);
  else multinomialHessianProduct(xc, weights == 0 ? 0 : weights + (<usize>start << 3), count, cols, blocks, curvature, v, slot, scratch);
}
