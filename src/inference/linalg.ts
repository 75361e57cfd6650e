/**
 * Dense symmetric linear algebra for statistical inference: the covariance of the estimates
 * is the inverse of the information matrix XᵀWX, Wald tests solve against R·V·Rᵀ, and a
 * rank-revealing Cholesky names the columns that are linear combinations of others.
 *
 * Every matrix is a row-major `Float64Array` of n×n entries (entry (i, j) at `i * n + j`);
 * right-hand sides are n×m row-major. Only the lower triangle of a symmetric input is read.
 * Loops run along rows (the inner products of the Cholesky–Banachiewicz order), so the cost
 * is ≈ n³/3 multiply-adds for a factorisation and ≈ n³ for an inverse: d = 200 takes a few
 * milliseconds.
 *
 * @packageDocumentation
 */

function checkSquare(fn: string, name: string, A: unknown, n: number): asserts A is Float64Array {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`${fn}: n must be a non-negative integer; got ${n}`);
  }
  if (!(A instanceof Float64Array)) {
    throw new TypeError(`${fn}: ${name} must be a Float64Array; got ${describe(A)}`);
  }
  if (A.length !== n * n) {
    throw new RangeError(`${fn}: ${name} must have n*n = ${n * n} entries for n = ${n}; got ${A.length}`);
  }
}

function checkRhs(fn: string, B: unknown, n: number, m: number): asserts B is Float64Array {
  if (!Number.isInteger(m) || m < 0) {
    throw new RangeError(`${fn}: m must be a non-negative integer; got ${m}`);
  }
  if (!(B instanceof Float64Array)) {
    throw new TypeError(`${fn}: B must be a Float64Array; got ${describe(B)}`);
  }
  if (B.length !== n * m) {
    throw new RangeError(`${fn}: B must have n*m = ${n * m} entries for n = ${n}, m = ${m}; got ${B.length}`);
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v !== 'object') return typeof v;
  return (v as object).constructor?.name ?? 'object';
}

/**
 * Σ_{k<len} a[ai+k]·b[bi+k] with four partial sums: the loops below are dot products of
 * contiguous rows, and one accumulator would leave them bound by the latency of each add.
 */
function dot(a: Float64Array, ai: number, b: Float64Array, bi: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    s0 += a[ai + k]! * b[bi + k]!;
    s1 += a[ai + k + 1]! * b[bi + k + 1]!;
    s2 += a[ai + k + 2]! * b[bi + k + 2]!;
    s3 += a[ai + k + 3]! * b[bi + k + 3]!;
  }
  for (; k < len; k++) s0 += a[ai + k]! * b[bi + k]!;
  return s0 + s1 + (s2 + s3);
}

/** The factorisation's core; L is n×n lower (upper triangle left zero). Null if a pivot ≤ 0 or not finite. */
function factor(A: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      const s = A[ri + j]! - dot(L, ri, L, rj, j);
      if (j === i) {
        if (!(s > 0) || s === Infinity) return null;
        L[ri + i] = Math.sqrt(s);
      } else {
        L[ri + j] = s / L[rj + j]!;
      }
    }
  }
  return L;
}

/**
 * The product A·B (or A·Bᵀ with `transposeB`) of row-major matrices: A is m × k; B is k × n
 * (n × k when transposed). Rows of A are skipped where an entry is 0, which keeps the
 * sparse Jacobians and restriction matrices of inference cheap.
 *
 * @param A - m×k row-major.
 * @param m - rows of A.
 * @param k - columns of A.
 * @param B - k×n row-major (n×k with `transposeB`).
 * @param n - columns of the product.
 * @param transposeB - multiply by Bᵀ. @default false
 * @returns m×n row-major.
 * @throws RangeError when a length is not the product of its dimensions.
 * @example
 * ```ts
 * multiply(new Float64Array([1, 2]), 1, 2, new Float64Array([3, 4]), 1); // [11]
 * ```
 */
export function multiply(A: Float64Array, m: number, k: number, B: Float64Array, n: number, transposeB = false): Float64Array {
  if (A.length !== m * k) throw new RangeError(`multiply: A must have m*k = ${m * k} entries; got ${A.length}`);
  if (B.length !== k * n) throw new RangeError(`multiply: B must have k*n = ${k * n} entries; got ${B.length}`);
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let t = 0; t < k; t++) {
      const a = A[i * k + t] as number;
      if (a === 0) continue;
      if (transposeB) for (let j = 0; j < n; j++) out[i * n + j] = (out[i * n + j] as number) + a * (B[j * k + t] as number);
      else for (let j = 0; j < n; j++) out[i * n + j] = (out[i * n + j] as number) + a * (B[t * n + j] as number);
    }
  }
  return out;
}

/**
 * The Cholesky factor of a symmetric positive definite matrix: lower-triangular L with
 * L·Lᵀ = A.
 *
 * @param A - n×n row-major, symmetric (only the lower triangle is read).
 * @param n - the order.
 * @returns L, n×n row-major with zeros above the diagonal; or `null` when A is not
 *   numerically positive definite (a pivot ≤ 0, or NaN/∞ met) — then use
 *   {@link pivotedCholesky} to find the rank and the dependent columns.
 * @throws RangeError if n is not a non-negative integer or `A.length !== n*n`; TypeError if
 *   A is not a Float64Array.
 * @example
 * ```ts
 * cholesky(new Float64Array([4, 2, 2, 3]), 2); // Float64Array [2, 0, 1, 1.4142135623730951]
 * ```
 */
export function cholesky(A: Float64Array, n: number): Float64Array | null {
  checkSquare('cholesky', 'A', A, n);
  return factor(A, n);
}

/**
 * U = L⁻ᵀ (upper triangular, row-major), so that A⁻¹ = U·Uᵀ. Row j of U is column j of L⁻¹,
 * found by forward substitution along contiguous rows.
 */
function inverseTransposeOfFactor(L: Float64Array, n: number): Float64Array {
  const U = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    U[rj + j] = 1 / L[rj + j]!;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      U[rj + i] = -dot(L, ri + j, U, rj + j, i - j) / L[ri + i]!;
    }
  }
  return U;
}

/**
 * The inverse of A = L·Lᵀ from its Cholesky factor, exactly symmetric.
 *
 * @param L - n×n row-major lower-triangular factor with a positive diagonal, as
 *   {@link cholesky} returns.
 * @param n - the order.
 * @returns A⁻¹, n×n row-major (a new array).
 * @throws RangeError / TypeError on bad n or length, as {@link cholesky}.
 * @example
 * ```ts
 * const L = cholesky(new Float64Array([4, 2, 2, 3]), 2)!;
 * choleskyInverse(L, 2); // [0.375, -0.25, -0.25, 0.5]
 * ```
 */
export function choleskyInverse(L: Float64Array, n: number): Float64Array {
  checkSquare('choleskyInverse', 'L', L, n);
  const U = inverseTransposeOfFactor(L, n);
  const inv = new Float64Array(n * n);
  // (A⁻¹)ᵢⱼ = Σ_{k ≥ max(i,j)} U[i][k]·U[j][k]: inner products of contiguous rows.
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      const s = dot(U, ri + i, U, rj + i, n - i);
      inv[ri + j] = s;
      inv[rj + i] = s;
    }
  }
  return inv;
}

/**
 * The inverse of a symmetric positive definite matrix through its Cholesky factor (the
 * covariance of the estimates from the information matrix XᵀWX). Relative accuracy is
 * about κ(A)·n·ε.
 *
 * @param A - n×n row-major, symmetric (only the lower triangle is read).
 * @param n - the order.
 * @returns A⁻¹ (n×n, exactly symmetric), or `null` when A is not numerically positive
 *   definite — fall back to {@link pivotedInverse}.
 * @throws RangeError if n is not a non-negative integer or `A.length !== n*n`; TypeError if
 *   A is not a Float64Array.
 * @example
 * ```ts
 * inverseSpd(new Float64Array([4, 2, 2, 3]), 2); // [0.375, -0.25, -0.25, 0.5]
 * inverseSpd(new Float64Array([1, 1, 1, 1]), 2); // null (singular)
 * ```
 */
export function inverseSpd(A: Float64Array, n: number): Float64Array | null {
  checkSquare('inverseSpd', 'A', A, n);
  const L = factor(A, n);
  return L === null ? null : choleskyInverse(L, n);
}

/**
 * Solves A·X = B given the Cholesky factor L of A (forward then back substitution, each
 * sweeping whole rows of the n×m right-hand side).
 *
 * @param L - n×n lower factor, as {@link cholesky} returns.
 * @param n - the order.
 * @param B - n×m row-major right-hand sides (not modified).
 * @param m - the number of right-hand sides.
 * @returns X, n×m row-major.
 * @throws RangeError on a bad n or m or mismatched lengths; TypeError if L or B is not a
 *   Float64Array.
 * @example
 * ```ts
 * const L = cholesky(new Float64Array([4, 2, 2, 3]), 2)!;
 * choleskySolve(L, 2, new Float64Array([2, 1]), 1); // [0.5, 0]
 * ```
 */
export function choleskySolve(L: Float64Array, n: number, B: Float64Array, m: number): Float64Array {
  checkSquare('choleskySolve', 'L', L, n);
  checkRhs('choleskySolve', B, n, m);
  return solveWithFactor(L, n, B, m);
}

function solveWithFactor(L: Float64Array, n: number, B: Float64Array, m: number): Float64Array {
  const X = Float64Array.from(B);
  for (let i = 0; i < n; i++) {
    const xi = i * m;
    for (let k = 0; k < i; k++) {
      const l = L[i * n + k]!;
      if (l === 0) continue;
      const xk = k * m;
      for (let c = 0; c < m; c++) X[xi + c]! -= l * X[xk + c]!;
    }
    const d = L[i * n + i]!;
    for (let c = 0; c < m; c++) X[xi + c]! /= d;
  }
  for (let i = n - 1; i >= 0; i--) {
    const xi = i * m;
    for (let k = i + 1; k < n; k++) {
      const l = L[k * n + i]!;
      if (l === 0) continue;
      const xk = k * m;
      for (let c = 0; c < m; c++) X[xi + c]! -= l * X[xk + c]!;
    }
    const d = L[i * n + i]!;
    for (let c = 0; c < m; c++) X[xi + c]! /= d;
  }
  return X;
}

/**
 * Solves A·X = B for symmetric positive definite A (e.g. the Wald statistic
 * (Rβ)ᵀ(R·V·Rᵀ)⁻¹(Rβ) = bᵀx with x = symmetricSolve(R·V·Rᵀ, q, b, 1)).
 *
 * @param A - n×n row-major, symmetric (only the lower triangle is read).
 * @param n - the order.
 * @param B - n×m row-major right-hand sides (not modified).
 * @param m - the number of right-hand sides; @default 1
 * @returns X (n×m row-major), or `null` when A is not numerically positive definite.
 * @throws RangeError on a bad n or m or mismatched lengths; TypeError if A or B is not a
 *   Float64Array.
 * @example
 * ```ts
 * symmetricSolve(new Float64Array([4, 2, 2, 3]), 2, new Float64Array([2, 1])); // [0.5, 0]
 * ```
 */
export function symmetricSolve(A: Float64Array, n: number, B: Float64Array, m = 1): Float64Array | null {
  checkSquare('symmetricSolve', 'A', A, n);
  checkRhs('symmetricSolve', B, n, m);
  const L = factor(A, n);
  return L === null ? null : solveWithFactor(L, n, B, m);
}

/**
 * An estimate of the 1-norm condition number κ₁(A) = ‖A‖₁·‖A⁻¹‖₁ of a symmetric positive
 * definite matrix, by Hager's method (Higham's refinement of it is LAPACK's xLACON): a few
 * solves with the Cholesky factor, O(n²) each after the O(n³/3) factorisation, plus Higham's
 * alternating-sign safeguard. The estimate is a lower bound, in practice within a factor of 3
 * of the truth (rarely up to ~10).
 *
 * @param A - n×n row-major, symmetric (only the lower triangle is read).
 * @param n - the order.
 * @returns the estimate (1 for n = 0), or `Infinity` when A is not numerically positive definite.
 * @throws RangeError if n is not a non-negative integer or `A.length !== n*n`; TypeError if
 *   A is not a Float64Array.
 * @example
 * ```ts
 * conditionEstimate(new Float64Array([1, 0, 0, 1e-8]), 2); // 1e8
 * ```
 */
export function conditionEstimate(A: Float64Array, n: number): number {
  checkSquare('conditionEstimate', 'A', A, n);
  if (n === 0) return 1;
  const L = factor(A, n);
  if (L === null) return Infinity;
  let normA = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(i >= j ? A[i * n + j]! : A[j * n + i]!);
    normA = Math.max(normA, s);
  }
  let x = new Float64Array(n).fill(1 / n);
  let estimate = 0;
  let last = -1;
  for (let iter = 0; iter < 5; iter++) {
    const y = solveWithFactor(L, n, x, 1);
    let norm1 = 0;
    for (let i = 0; i < n; i++) norm1 += Math.abs(y[i]!);
    if (iter > 0 && norm1 <= estimate) break;
    estimate = norm1;
    const sign = new Float64Array(n);
    for (let i = 0; i < n; i++) sign[i] = y[i]! >= 0 ? 1 : -1;
    const z = solveWithFactor(L, n, sign, 1); // A⁻ᵀ = A⁻¹
    let jMax = 0;
    let zx = 0;
    for (let i = 0; i < n; i++) {
      zx += z[i]! * x[i]!;
      if (Math.abs(z[i]!) > Math.abs(z[jMax]!)) jMax = i;
    }
    if (Math.abs(z[jMax]!) <= zx || jMax === last) break;
    last = jMax;
    x = new Float64Array(n);
    x[jMax] = 1;
  }
  // Higham's safeguard (as in LAPACK's xLACON): an alternating vector catches the matrices
  // on which the iteration stalls early.
  if (n > 1) {
    const alt = new Float64Array(n);
    for (let i = 0; i < n; i++) alt[i] = (i % 2 === 0 ? 1 : -1) * (1 + i / (n - 1));
    const y = solveWithFactor(L, n, alt, 1);
    let norm1 = 0;
    for (let i = 0; i < n; i++) norm1 += Math.abs(y[i]!);
    estimate = Math.max(estimate, (2 * norm1) / (3 * n));
  }
  return normA * estimate;
}

/** A column found to be (numerically) a linear combination of earlier kept columns. */
export interface LinearDependency {
  /** The dependent column (0-based, in A's order). */
  column: number;
  /**
   * The kept columns it is a combination of, ascending; terms whose share is below 1e-8 of
   * the largest (measured on unit-diagonal scaling) are left out as rounding noise.
   */
  columns: number[];
  /** column ≈ Σ coefficients[t]·columns[t], in the units of A's columns (e.g. x3 ≈ 1·x1 + 1·x2). */
  coefficients: number[];
  /**
   * 1 − R² of the column regressed on the kept columns (in A's metric): what was left of its
   * diagonal relative to its original value; ≤ the tolerance. 0 for an all-zero column.
   */
  residual: number;
}

/** What {@link pivotedCholesky} returns. */
export interface PivotedCholesky {
  /** The numerical rank: how many columns were kept. */
  rank: number;
  /** The kept columns, ascending. */
  kept: number[];
  /** The dropped columns, ascending (empty when A is numerically positive definite). */
  dropped: number[];
  /** kept then dropped: a permutation of 0 … n−1. */
  pivots: Int32Array;
  /**
   * rank×rank row-major lower factor of the kept block scaled to unit diagonal:
   * with D = diag(A) on the kept columns, L·Lᵀ = D^{-½}·A[kept, kept]·D^{-½}.
   */
  factor: Float64Array;
  /** √diag(A) on the kept columns (the scaling of `factor`), in the order of `kept`. */
  scale: Float64Array;
  /** One entry per dropped column, in the order of `dropped`. */
  dependencies: LinearDependency[];
}

/** Options of {@link pivotedCholesky} and {@link pivotedInverse}. */
export interface PivotedCholeskyOptions {
  /**
   * A column is dropped when 1 − R² of it on the kept earlier columns (its Schur-complement
   * diagonal over its original diagonal) is ≤ this. Rounding in forming XᵀWX leaves exact
   * dependencies at ≈ 1e-15; 1e-12 means a column whose residual norm is a millionth of its
   * norm counts as dependent. @default 1e-12
   */
  tolerance?: number;
}

/**
 * A rank-revealing Cholesky factorisation of a symmetric positive semidefinite matrix
 * (e.g. XᵀWX with collinear columns). The matrix is first scaled to unit diagonal, so the
 * test is invariant to the units of each column; columns are then taken in their order and
 * one whose residual 1 − R² on the columns kept before it is ≤ `tolerance` is moved to the
 * end (the limited pivoting of R's lm/glm QR), so of two collinear columns the later one is
 * reported: "x3 is a linear combination of x1, x2". Zero columns (A[j][j] = 0) are dropped
 * with an empty combination. Cost ≈ n³/3.
 *
 * @param A - n×n row-major, symmetric positive semidefinite (only the lower triangle is read).
 * @param n - the order.
 * @param options - {@link PivotedCholeskyOptions}.
 * @returns {@link PivotedCholesky}: rank, kept/dropped columns, the factor of the kept block
 *   and, for each dropped column, the coefficients expressing it in the kept ones.
 * @throws RangeError if n is not a non-negative integer, `A.length !== n*n`, the tolerance is
 *   not in [0, 1), or a diagonal entry is negative or not finite; TypeError if A is not a
 *   Float64Array.
 * @example
 * ```ts
 * // columns x1, x2, x3 = x1 + x2 of X = [[1,0,1],[0,1,1],[1,1,2],[2,1,3]]: A = XᵀX
 * const r = pivotedCholesky(new Float64Array([6, 3, 9, 3, 3, 6, 9, 6, 15]), 3);
 * r.rank;            // 2
 * r.dependencies[0]; // { column: 2, columns: [0, 1], coefficients: [1, 1], residual: ~0 }
 * ```
 */
export function pivotedCholesky(A: Float64Array, n: number, options: PivotedCholeskyOptions = {}): PivotedCholesky {
  checkSquare('pivotedCholesky', 'A', A, n);
  return pivotedFactor('pivotedCholesky', A, n, options);
}

function pivotedFactor(fn: string, A: Float64Array, n: number, options: PivotedCholeskyOptions): PivotedCholesky {
  const tolerance = options.tolerance ?? 1e-12;
  if (typeof tolerance !== 'number' || !(tolerance >= 0 && tolerance < 1)) {
    throw new RangeError(`${fn}: options.tolerance must be a number in [0, 1); got ${String(tolerance)}`);
  }
  const root = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const d = A[j * n + j]!;
    if (!(d >= 0) || d === Infinity) {
      throw new RangeError(`${fn}: A must be positive semidefinite with finite diagonal; got A[${j}][${j}] = ${d}`);
    }
    root[j] = Math.sqrt(d);
  }
  const kept: number[] = [];
  const dropped: number[] = [];
  const dependencies: LinearDependency[] = [];
  const L = new Float64Array(n * n); // rank×rank in the top-left, row stride n
  const row = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const r = kept.length;
    if (root[j] === 0) {
      dropped.push(j);
      dependencies.push({ column: j, columns: [], coefficients: [], residual: 0 });
      continue;
    }
    // Row j of the factor against the kept columns, on the unit-diagonal scaling.
    let d = 1;
    for (let s = 0; s < r; s++) {
      const ks = kept[s]!;
      const a = j >= ks ? A[j * n + ks]! : A[ks * n + j]!;
      let v = a / (root[j]! * root[ks]!);
      const rs = s * n;
      v = (v - dot(row, 0, L, rs, s)) / L[rs + s]!;
      row[s] = v;
      d -= v * v;
    }
    if (d > tolerance) {
      const rr = r * n;
      for (let s = 0; s < r; s++) L[rr + s] = row[s]!;
      L[rr + r] = Math.sqrt(d);
      kept.push(j);
    } else {
      dropped.push(j);
      dependencies.push(dependency(j, row, r, L, n, kept, root, Math.max(d, 0)));
    }
  }
  const rank = kept.length;
  const factorOut = new Float64Array(rank * rank);
  for (let i = 0; i < rank; i++) {
    for (let s = 0; s <= i; s++) factorOut[i * rank + s] = L[i * n + s]!;
  }
  return {
    rank,
    kept,
    dropped,
    pivots: Int32Array.from([...kept, ...dropped]),
    factor: factorOut,
    scale: Float64Array.from(kept, (k) => root[k]!),
    dependencies,
  };
}

/** Solves L_KKᵀ·c = ℓ (back substitution), then unscales: x_j ≈ Σ c_s·√A_jj/√A_kk·x_k. */
function dependency(
  j: number,
  row: Float64Array,
  r: number,
  L: Float64Array,
  n: number,
  kept: readonly number[],
  root: Float64Array,
  residual: number,
): LinearDependency {
  const c = new Float64Array(r);
  for (let s = r - 1; s >= 0; s--) {
    let v = row[s]!;
    for (let t = s + 1; t < r; t++) v -= L[t * n + s]! * c[t]!;
    c[s] = v / L[s * n + s]!;
  }
  let largest = 0;
  for (let s = 0; s < r; s++) largest = Math.max(largest, Math.abs(c[s]!));
  const columns: number[] = [];
  const coefficients: number[] = [];
  for (let s = 0; s < r; s++) {
    if (Math.abs(c[s]!) > 1e-8 * largest) {
      columns.push(kept[s]!);
      coefficients.push((c[s]! * root[j]!) / root[kept[s]!]!);
    }
  }
  return { column: j, columns, coefficients, residual };
}

/** What {@link pivotedInverse} returns. */
export interface PivotedInverse extends PivotedCholesky {
  /**
   * n×n row-major: the inverse of A[kept, kept] in the kept rows and columns, NaN in every
   * dropped row and column (as R reports aliased coefficients as NA). Equal to A⁻¹ when
   * rank = n.
   */
  inverse: Float64Array;
}

/**
 * The inverse of a symmetric positive semidefinite matrix restricted to its numerically
 * independent columns: the stable fallback when {@link inverseSpd} returns null (or always,
 * when collinear columns must be reported). Uses {@link pivotedCholesky}; the kept block is
 * inverted through its unit-diagonal factor, which also tames badly scaled columns.
 *
 * @param A - n×n row-major, symmetric positive semidefinite (only the lower triangle is read).
 * @param n - the order.
 * @param options - {@link PivotedCholeskyOptions}.
 * @returns {@link PivotedInverse}: everything {@link pivotedCholesky} returns plus `inverse`.
 * @throws as {@link pivotedCholesky}.
 * @example
 * ```ts
 * const r = pivotedInverse(new Float64Array([6, 3, 9, 3, 3, 6, 9, 6, 15]), 3);
 * r.inverse; // [1/3, -1/3, NaN, -1/3, 2/3, NaN, NaN, NaN, NaN]
 * ```
 */
export function pivotedInverse(A: Float64Array, n: number, options: PivotedCholeskyOptions = {}): PivotedInverse {
  checkSquare('pivotedInverse', 'A', A, n);
  const result = pivotedFactor('pivotedInverse', A, n, options);
  const { rank, kept, scale } = result;
  const scaledInverse = choleskyInverse(result.factor, rank);
  const inverse = new Float64Array(n * n).fill(NaN);
  for (let a = 0; a < rank; a++) {
    const ia = kept[a]!;
    for (let b = 0; b < rank; b++) {
      inverse[ia * n + kept[b]!] = scaledInverse[a * rank + b]! / (scale[a]! * scale[b]!);
    }
  }
  return { ...result, inverse };
}
