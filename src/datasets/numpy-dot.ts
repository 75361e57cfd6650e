/**
 * `np.dot` as numpy 1.24 + OpenBLAS 0.3.21 compute it, for makeClassification.
 *
 * make_classification multiplies with np.dot, which numpy hands to BLAS
 * (cblas_matrixproduct). The reference fixtures were generated with numpy
 * 1.24.2 linked to Debian's OpenBLAS 0.3.21 (pthreads, DYNAMIC_ARCH) on a CPU
 * for which OpenBLAS picks its "Cooperlake" (AVX-512) kernels; glibc's libm
 * picks its FMA variants there too. These kernels use fused multiply-adds
 * and their own summation orders, so a plain `s += a*b` loop differs from
 * numpy in the last bit for roughly a third of the entries. What is matched
 * (established from the OpenBLAS sources and the disassembly of the
 * installed kernels, and checked against numpy on random inputs):
 *
 * - numpy's dispatch on shapes (scalar / row / column / matrix operands):
 *   a 1×1 operand makes every entry a single product (daxpy); a matrix times
 *   a column vector is dgemv "T"; a row vector times a matrix is dgemv "N";
 *   everything else is dgemm (operands copied to contiguous first).
 * - dgemm, M·N·K ≤ 10^6 (OpenBLAS's "small matrix" kernel for beta = 0): each
 *   entry is a chain of FMAs in k order, acc = fma(x_k, a_k, acc) from 0 —
 *   except, when K ≥ 16, for the last N mod 8 ∈ {1…4} output columns, which the
 *   kernel computes "dot-like": 8 FMA lanes (k mod 8) then a tree reduction
 *   whose shape depends on the position of the entry (see dotLikeEntry).
 * - dgemv "T" (matrix · column): the 4-row blocks use 4 FMA lanes (k mod 4)
 *   or, for the last rows, 2 or 4 plain lanes, and the K mod 4 leftover terms
 *   are added with the compiled tail's FMA pattern (see gemvT). When
 *   K·rows ≥ 9216 OpenBLAS splits the rows between its threads, which changes
 *   which rows are "last"; this is reproduced for 2 threads (OPENBLAS_THREADS).
 * - dgemv "N" (row · matrix) with N ≥ 4 outputs (see gemvN), and with N ≤ 3
 *   outputs when K < 4 (an FMA chain in k order).
 *
 * Not reproduced (fallback: the FMA chain, which may differ in the last bit):
 * dgemm with M·N·K > 10^6 and K > 2 (OpenBLAS's blocked, threaded kernel:
 * columns in its 8-wide tiles are FMA chains, the 4/2/1-wide edge tiles use
 * another order that was not identified); dgemv "N" with 2 or 3 outputs and
 * K ≥ 4, and ddot (1×K times K×1) with K ≥ 16. In make_classification these
 * need a cluster (or, for the redundant features, the whole dataset) with
 * rows·nInformative² (resp. nSamples·nInformative·nRedundant) above 10^6 and
 * nInformative > 2, or nSamples = 1 with nRedundant ∈ {2, 3} and
 * nInformative ≥ 4 (or nRedundant = 1 and nInformative ≥ 16).
 * @module
 */
import { fma } from './fma.js';

/**
 * Number of threads OpenBLAS uses for a large dgemv: the number of CPUs of
 * the machine that generated the reference fixtures (2). On machines with
 * more CPUs numpy's results for such products (nRedundant = 1 with
 * nSamples · nInformative ≥ 9216) change, and so would this constant.
 */
const OPENBLAS_THREADS = 2;

/**
 * `left (rows×K) @ right (K×N)`, both row-major and contiguous, computed with
 * the operation order numpy + OpenBLAS use (see this module's comment).
 *
 * @internal Not part of the public API.
 * @param left - row-major `rows × K` values
 * @param rows - rows of `left`
 * @param K - columns of `left` = rows of `right`
 * @param right - row-major `K × N` values
 * @param N - columns of `right`
 * @returns the row-major `rows × N` product
 * @example
 * ```ts
 * numpyDot(Float64Array.of(1, 2), 1, 2, Float64Array.of(3, 4), 1); // Float64Array [11]
 * ```
 */
export function numpyDot(
  left: Float64Array,
  rows: number,
  K: number,
  right: Float64Array,
  N: number,
): Float64Array {
  const out = new Float64Array(rows * N);
  if (rows === 0 || N === 0 || K === 0) return out;
  if (K === 1) {
    // A 1×1 operand (daxpy) or an outer product (dgemm with K = 1): single products.
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < N; j++) out[i * N + j] = left[i]! * right[j]!;
    }
    return out;
  }
  if (rows > 1 && N === 1) {
    // OpenBLAS threads dgemv when K·rows ≥ 2304 · 4, splitting the rows into
    // contiguous chunks (ceil(remaining / threads left), at least 4), each
    // computed by the kernel on its own.
    const threads = rows * K < 9216 ? 1 : OPENBLAS_THREADS;
    let from = 0;
    for (let t = 0; from < rows; t++) {
      let width = Math.ceil((rows - from) / (threads - t));
      if (width < 4) width = 4;
      width = Math.min(width, rows - from);
      out.set(gemvT(left.subarray(from * K, (from + width) * K), width, K, right), from);
      from += width;
    }
    return out;
  }
  if (rows === 1) {
    if (N >= 4) return gemvN(left, K, right, N);
    return fmaChain(left, rows, K, right, N, out); // dgemv "N" tail (exact for K < 4) or ddot
  }
  if (rows * N * K <= 1e6 && K >= 16) {
    const m8 = N & ~7;
    const mm = N - m8;
    if (mm >= 1 && mm <= 4) {
      fmaChain(left, rows, K, right, N, out, m8);
      for (let c = m8; c < N; c++) {
        for (let r = 0; r < rows; r++) out[r * N + c] = dotLikeEntry(left, r, K, right, N, c, m8, mm, rows);
      }
      return out;
    }
  }
  return fmaChain(left, rows, K, right, N, out);
}

/** out[i][j] = fma chain over k of left[i][k] * right[k][j], for columns j < cols. */
function fmaChain(
  left: Float64Array,
  rows: number,
  K: number,
  right: Float64Array,
  N: number,
  out: Float64Array,
  cols = N,
): Float64Array {
  for (let i = 0; i < rows; i++) {
    const li = i * K;
    for (let j = 0; j < cols; j++) {
      let acc = 0;
      for (let k = 0; k < K; k++) acc = fma(left[li + k]!, right[k * N + j]!, acc);
      out[i * N + j] = acc;
    }
  }
  return out;
}

/**
 * An entry of OpenBLAS's small dgemm kernel in its "dot-like" tail (our
 * output column c ≥ m8, N − m8 = mm ∈ 1…4, K ≥ 16): lanes l = k mod 8 are FMA
 * chains; columns in a full group of 4, and rows in full groups of 4, are
 * reduced as ((l0+l1)+(l2+l3)) + ((l4+l5)+(l6+l7)); the rest with
 * `_mm512_reduce_add_pd`'s ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)).
 */
function dotLikeEntry(
  left: Float64Array,
  r: number,
  K: number,
  right: Float64Array,
  N: number,
  c: number,
  m8: number,
  mm: number,
  rows: number,
): number {
  const l = [0, 0, 0, 0, 0, 0, 0, 0];
  const li = r * K;
  for (let k = 0; k < K; k++) l[k & 7] = fma(right[k * N + c]!, left[li + k]!, l[k & 7]!);
  const ci = c - m8;
  const pairwise = ci < (mm & ~3) || r < (rows & ~3);
  if (pairwise) return l[0]! + l[1]! + (l[2]! + l[3]!) + (l[4]! + l[5]! + (l[6]! + l[7]!));
  return l[0]! + l[4]! + (l[2]! + l[6]!) + (l[1]! + l[5]! + (l[3]! + l[7]!));
}

/**
 * OpenBLAS dgemv "N" kernel (x86-64 dgemv_n_4.c as built for Cooperlake) for
 * a row vector times a K×N matrix with N ≥ 4: out[j] = Σ_k x[k] · A[k][j].
 * The first N − N mod 4 outputs accumulate groups of 4 terms, each group
 * summed as fma(a3, x3, fma(a2, x2, fma(a0, x0, a1·x1))) and then added; a
 * leftover pair as fma(a0, x0, a1·x1), a leftover single term as a plain
 * product. The last N mod 4 outputs are FMA chains in k order.
 */
function gemvN(x: Float64Array, K: number, A: Float64Array, N: number): Float64Array {
  const out = new Float64Array(N);
  const m1 = N & -4;
  const k4 = K & -4;
  for (let j = 0; j < m1; j++) {
    let y = 0;
    let k = 0;
    for (; k < k4; k += 4) {
      let t = A[(k + 1) * N + j]! * x[k + 1]!;
      t = fma(A[k * N + j]!, x[k]!, t);
      t = fma(A[(k + 2) * N + j]!, x[k + 2]!, t);
      t = fma(A[(k + 3) * N + j]!, x[k + 3]!, t);
      y = t + y;
    }
    if (K & 2) {
      let t = A[(k + 1) * N + j]! * x[k + 1]!;
      t = fma(A[k * N + j]!, x[k]!, t);
      y = t + y;
      k += 2;
    }
    if (K & 1) y = y + A[k * N + j]! * x[k]!;
    out[j] = y;
  }
  for (let j = m1; j < N; j++) {
    let acc = 0;
    for (let k = 0; k < K; k++) acc = fma(A[k * N + j]!, x[k]!, acc);
    out[j] = acc;
  }
  return out;
}

/**
 * OpenBLAS dgemv "T" kernel (x86-64 dgemv_t_4.c with the Haswell micro-kernel,
 * as built for Cooperlake), single-threaded: out[r] = Σ_k left[r][k] · b[k].
 */
function gemvT(left: Float64Array, rows: number, K: number, b: Float64Array): Float64Array {
  const out = new Float64Array(rows);
  const m3 = K & 3;
  const full4 = rows & ~3; // rows handled by the 4-row kernel
  const pair2 = rows & 2 ? full4 + 2 : full4; // then the 2-row kernel, then a 1-row kernel
  // Blocks of the K − m3 leading terms: 2048 at a time, then the remainder.
  let m1 = K & -4;
  const m2 = (K & 2047) - m3;
  let NB = 2048;
  let k0 = 0;
  while (NB === 2048) {
    m1 -= NB;
    if (m1 < 0) {
      if (m2 === 0) break;
      NB = m2;
    }
    for (let r = 0; r < rows; r++) {
      const base = r * K + k0;
      let t: number;
      if (r < full4) {
        // 4 FMA lanes (k mod 4), then (l0 + l2) + (l1 + l3).
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (let k = 0; k < NB; k += 4) {
          a0 = fma(left[base + k]!, b[k0 + k]!, a0);
          a1 = fma(left[base + k + 1]!, b[k0 + k + 1]!, a1);
          a2 = fma(left[base + k + 2]!, b[k0 + k + 2]!, a2);
          a3 = fma(left[base + k + 3]!, b[k0 + k + 3]!, a3);
        }
        t = a0 + a2 + (a1 + a3);
      } else if (r < pair2) {
        // 2 plain lanes (even / odd k), then even + odd.
        let e = 0, o = 0;
        for (let k = 0; k < NB; k += 2) {
          e += left[base + k]! * b[k0 + k]!;
          o += left[base + k + 1]! * b[k0 + k + 1]!;
        }
        t = e + o;
      } else {
        // Plain lanes (k mod 4), then (s0 + s2) + (s1 + s3).
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let k = 0; k < NB; k += 4) {
          s0 += left[base + k]! * b[k0 + k]!;
          s1 += left[base + k + 1]! * b[k0 + k + 1]!;
          s2 += left[base + k + 2]! * b[k0 + k + 2]!;
          s3 += left[base + k + 3]! * b[k0 + k + 3]!;
        }
        t = s0 + s2 + (s1 + s3);
      }
      out[r] = out[r]! + t;
    }
    k0 += NB;
  }
  if (m3 === 0) return out;
  for (let r = 0; r < rows; r++) {
    const base = r * K + k0;
    if (m3 === 1) {
      out[r] = fma(left[base]!, b[k0]!, out[r]!);
    } else {
      let t = left[base + 1]! * b[k0 + 1]!;
      t = fma(left[base]!, b[k0]!, t);
      if (m3 === 3) t = fma(left[base + 2]!, b[k0 + 2]!, t);
      out[r] = t + out[r]!;
    }
  }
  return out;
}
