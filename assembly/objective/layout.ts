import { binaryHessianProduct, binaryPass } from './binary';
import { binaryHessianProduct32, binaryPass32, binaryPass32Exact, roundToF32 } from './binary32';
import { multinomialHessianProduct, multinomialPass } from './multinomial';

// How X is stored (the record's PROBLEM_LAYOUT), and the one place that dispatches on it.
// Every read of X goes through this file: the chunk kernels of the gradient and Hessian
// passes, `element` (newton-cd's coordinate sweeps) and `denseRow` (SGD's mini-batches).
//
// A new layout (sparse CSR is next) is: a LAYOUT_* constant here, its row kernels
// (objective/), a case in each function below, and a staging function in src/core/stage.ts
// whose StagedMatrix src/core/problem.ts maps to the constant. The solvers never see the
// layout. A layout whose `element` is not O(1) (CSR) would also give newton-cd's column
// sweeps a way to visit a column's nonzeros.

/** Dense row-major float64. */
export const LAYOUT_DENSE_F64: i32 = 1;
/** Dense row-major float32 (binary problems only; the passes widen or round, see `sharpen`). */
export const LAYOUT_DENSE_F32: i32 = 2;

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

/** Address of row i of a dense float64 X (SGD's mini-batches run on float64 X only). */
// @ts-ignore: decorator
@inline
export function denseRow(x: usize, cols: i32, i: i32): usize {
  return x + <usize>i * (<usize>cols << 3);
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
  const xc = x + ((<usize>start * <usize>cols) << valueShift(layout));
  if (layout == LAYOUT_DENSE_F32) binaryHessianProduct32(xc, count, cols, curvature, v, rounded, scratch, slot);
  else if (blocks == 1) binaryHessianProduct(xc, count, cols, curvature, v, slot);
  else multinomialHessianProduct(xc, weights == 0 ? 0 : weights + (<usize>start << 3), count, cols, blocks, curvature, v, slot, scratch);
}
