import { logLoss, sigmoid } from '../math';
import { at, put, zero } from '../vector';
import { softmaxInPlace } from './multinomial';

// The passes over X stored as compressed sparse rows (CSR): row i's entries are k =
// indptr[i] … indptr[i + 1] − 1, entry k holding the value values[k] in column
// indices[k]. Indices increase strictly within a row (src/sparse/ makes every CsrMatrix
// canonical), so a row's scatter-adds touch distinct weights and may be reordered freely.
// Values are float64 or float32 (T); the arithmetic is float64 either way: a float32 value
// widens exactly, and the sparse passes are bound by their gathers, not by the width of
// their arithmetic, so float32 gains nothing from float32 arithmetic here.
//
// Every kernel takes `indptr` already offset to the first row of its chunk, and `y`,
// `weights`, `curvature` likewise (as the dense kernels do); `indices` and `values` are
// the whole arrays, addressed by the absolute entry numbers indptr holds.

/** The value of entry k. */
// @ts-ignore: decorator
@inline
export function valueAt<T>(values: usize, k: i32): f64 {
  return <f64>load<T>(values + <usize>k * sizeof<T>());
}

/** The column of entry k. */
// @ts-ignore: decorator
@inline
export function columnAt(indices: usize, k: i32): i32 {
  return load<i32>(indices + (<usize>k << 2));
}

/** Entry number where row i (relative to `indptr`) starts; row i ends where row i + 1 starts. */
// @ts-ignore: decorator
@inline
export function rowStart(indptr: usize, i: i32): i32 {
  return load<i32>(indptr + (<usize>i << 2));
}

/**
 * Σ_k values[k]·w[indices[k]] over entries a … b − 1: two running sums, so that the two
 * gathers per step overlap instead of waiting on one chain of additions.
 */
// @ts-ignore: decorator
@inline
export function sparseDot<T>(indices: usize, values: usize, a: i32, b: i32, w: usize): f64 {
  let s0 = 0.0;
  let s1 = 0.0;
  let k = a;
  for (; k + 1 < b; k += 2) {
    s0 += valueAt<T>(values, k) * at(w, columnAt(indices, k));
    s1 += valueAt<T>(values, k + 1) * at(w, columnAt(indices, k + 1));
  }
  if (k < b) s0 += valueAt<T>(values, k) * at(w, columnAt(indices, k));
  return s0 + s1;
}

/** g[indices[k]] += r·values[k] over entries a … b − 1 (distinct columns, see above). */
// @ts-ignore: decorator
@inline
export function sparseAxpy<T>(r: f64, indices: usize, values: usize, a: i32, b: i32, g: usize): void {
  let k = a;
  for (; k + 1 < b; k += 2) {
    const j0 = columnAt(indices, k);
    const j1 = columnAt(indices, k + 1);
    const v0 = valueAt<T>(values, k);
    const v1 = valueAt<T>(values, k + 1);
    put(g, j0, at(g, j0) + r * v0);
    put(g, j1, at(g, j1) + r * v1);
  }
  if (k < b) {
    const j = columnAt(indices, k);
    put(g, j, at(g, j) + r * valueAt<T>(values, k));
  }
}

/**
 * One row of the binary gradient pass, entries a … b − 1: adds s·(σ(z) − y)·[x, 1] to grad
 * (cols + 1 values) with z = x·w + b, stores s·σ(z)(1 − σ(z)) at curvature[index] when
 * curvature ≠ 0, and returns s·logloss(y, z) when `withLoss` (else 0). Also SGD's row step.
 */
// @ts-ignore: decorator
@inline
export function sparseBinaryRow<T>(
  indices: usize,
  values: usize,
  a: i32,
  b: i32,
  cols: i32,
  params: usize,
  y: f64,
  s: f64,
  grad: usize,
  withLoss: bool,
  curvature: usize,
  index: i32,
): f64 {
  const z = sparseDot<T>(indices, values, a, b, params) + at(params, cols);
  const p = sigmoid(z);
  const r = s * (p - y);
  sparseAxpy<T>(r, indices, values, a, b, grad);
  put(grad, cols, at(grad, cols) + r);
  if (curvature != 0) put(curvature, index, s * p * (1 - p));
  return withLoss ? s * logLoss(z, y) : 0;
}

/**
 * The binary gradient pass over `rows` rows into grad (cols + 1 values, overwritten): per
 * row {@link sparseBinaryRow}. Returns Σᵢ sᵢ logloss(yᵢ, zᵢ) when `withLoss`, else 0.
 */
export function sparseBinaryPass<T>(
  indptr: usize,
  indices: usize,
  values: usize,
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
  let lossSum = 0.0;
  for (let i = 0; i < rows; i++) {
    const s = weights == 0 ? 1.0 : at(weights, i);
    lossSum += sparseBinaryRow<T>(indices, values, rowStart(indptr, i), rowStart(indptr, i + 1), cols, params, at(y, i), s, grad, withLoss, curvature, i);
  }
  return lossSum;
}

/**
 * Hessian-vector product of the binary loss over `rows` rows into out (cols + 1 values):
 * Σᵢ cᵢ (xᵢ·v_w + v_b) [xᵢ, 1] with cᵢ the `curvature` row weights of the gradient pass.
 */
export function sparseBinaryHessianProduct<T>(
  indptr: usize,
  indices: usize,
  values: usize,
  rows: i32,
  cols: i32,
  curvature: usize,
  v: usize,
  out: usize,
): void {
  zero(out, cols + 1);
  const vBias = at(v, cols);
  let outBias = 0.0;
  for (let i = 0; i < rows; i++) {
    const a = rowStart(indptr, i);
    const b = rowStart(indptr, i + 1);
    const u = at(curvature, i) * (sparseDot<T>(indices, values, a, b, v) + vBias);
    sparseAxpy<T>(u, indices, values, a, b, out);
    outBias += u;
  }
  put(out, cols, outBias);
}

/**
 * One row of the softmax gradient pass, entries a … b − 1: writes the row's probabilities
 * to p (blocks values), adds s·(p_k − [label = k])·[x, 1] to each block of grad, and returns
 * s·(log Σ_k e^(z_k) − z_label), as multinomial.ts's dense row does (the same softmax). Also SGD's row step.
 */
// @ts-ignore: decorator
@inline
export function sparseMultinomialRow<T>(
  indices: usize,
  values: usize,
  a: i32,
  b: i32,
  cols: i32,
  blocks: i32,
  params: usize,
  label: i32,
  s: f64,
  grad: usize,
  p: usize,
): f64 {
  const blockBytes = <usize>(cols + 1) << 3;
  for (let k = 0; k < blocks; k++) {
    const block = params + <usize>k * blockBytes;
    put(p, k, sparseDot<T>(indices, values, a, b, block) + at(block, cols));
  }
  const loss = softmaxInPlace(p, blocks, label);
  for (let k = 0; k < blocks; k++) {
    const r = s * (at(p, k) - (k == label ? 1.0 : 0.0));
    const block = grad + <usize>k * blockBytes;
    sparseAxpy<T>(r, indices, values, a, b, block);
    put(block, cols, at(block, cols) + r);
  }
  return s * loss;
}

/**
 * The softmax gradient pass over `rows` rows into grad (blocks × (cols + 1) values,
 * overwritten), keeping each row's probabilities in proba (rows × blocks). Returns
 * Σᵢ sᵢ (log Σ_k e^(z_ik) − z_iyᵢ).
 */
export function sparseMultinomialPass<T>(
  indptr: usize,
  indices: usize,
  values: usize,
  y: usize,
  weights: usize,
  rows: i32,
  cols: i32,
  blocks: i32,
  params: usize,
  grad: usize,
  proba: usize,
): f64 {
  zero(grad, blocks * (cols + 1));
  let lossSum = 0.0;
  for (let i = 0; i < rows; i++) {
    const s = weights == 0 ? 1.0 : at(weights, i);
    const p = proba + <usize>i * (<usize>blocks << 3);
    lossSum += sparseMultinomialRow<T>(indices, values, rowStart(indptr, i), rowStart(indptr, i + 1), cols, blocks, params, <i32>at(y, i), s, grad, p);
  }
  return lossSum;
}

/**
 * Hessian-vector product of the softmax loss over `rows` rows at the point whose
 * probabilities `proba` holds: u_k = xᵢ·v_k + v_bk, ū = Σ_k p_ik u_k, then
 * out_k += sᵢ p_ik (u_k − ū) [xᵢ, 1]. `scratch` holds `blocks` values.
 */
export function sparseMultinomialHessianProduct<T>(
  indptr: usize,
  indices: usize,
  values: usize,
  weights: usize,
  rows: i32,
  cols: i32,
  blocks: i32,
  proba: usize,
  v: usize,
  out: usize,
  scratch: usize,
): void {
  const blockBytes = <usize>(cols + 1) << 3;
  zero(out, blocks * (cols + 1));
  for (let i = 0; i < rows; i++) {
    const a = rowStart(indptr, i);
    const b = rowStart(indptr, i + 1);
    const p = proba + <usize>i * (<usize>blocks << 3);
    let mean = 0.0;
    for (let k = 0; k < blocks; k++) {
      const block = v + <usize>k * blockBytes;
      const u = sparseDot<T>(indices, values, a, b, block) + at(block, cols);
      put(scratch, k, u);
      mean += at(p, k) * u;
    }
    const s = weights == 0 ? 1.0 : at(weights, i);
    for (let k = 0; k < blocks; k++) {
      const c = s * at(p, k) * (at(scratch, k) - mean);
      const block = out + <usize>k * blockBytes;
      sparseAxpy<T>(c, indices, values, a, b, block);
      put(block, cols, at(block, cols) + c);
    }
  }
}

/**
 * X by columns for coordinate sweeps: fills `starts` (cols + 1 i32), `rowsOut` (nnz i32)
 * and `valuesOut` (nnz float64) from the CSR X of `rows` rows, by a counting sort that
 * keeps each column's rows increasing.
 */
export function transposeToColumns<T>(
  indptr: usize,
  indices: usize,
  values: usize,
  rows: i32,
  cols: i32,
  starts: usize,
  rowsOut: usize,
  valuesOut: usize,
): void {
  memory.fill(starts, 0, (<usize>cols + 1) << 2);
  const nnz = rowStart(indptr, rows);
  // Count each column into starts[j + 1], then turn the counts into starts.
  for (let k = 0; k < nnz; k++) {
    const at1 = starts + ((<usize>columnAt(indices, k) + 1) << 2);
    store<i32>(at1, load<i32>(at1) + 1);
  }
  for (let j = 0; j < cols; j++) {
    const next = starts + ((<usize>j + 1) << 2);
    store<i32>(next, load<i32>(next) + load<i32>(starts + (<usize>j << 2)));
  }
  // Place the entries; starts[j] walks forward as column j fills, ending at column j + 1's
  // start, so a final shift by one column restores the starts.
  for (let i = 0; i < rows; i++) {
    const end = rowStart(indptr, i + 1);
    for (let k = rowStart(indptr, i); k < end; k++) {
      const slot = starts + (<usize>columnAt(indices, k) << 2);
      const to = load<i32>(slot);
      store<i32>(slot, to + 1);
      store<i32>(rowsOut + (<usize>to << 2), i);
      store<f64>(valuesOut + (<usize>to << 3), valueAt<T>(values, k));
    }
  }
  for (let j = cols; j > 0; j--) store<i32>(starts + (<usize>j << 2), load<i32>(starts + ((<usize>j - 1) << 2)));
  store<i32>(starts, 0);
}
