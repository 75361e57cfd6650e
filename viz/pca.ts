/**
 * The first two principal components of a dense matrix, for a two-dimensional picture of
 * data with many features. The columns are standardized first (centred, divided by their
 * standard deviation), so a feature measured in large units does not take the picture
 * over; a constant column is only centred. The components come from subspace (block
 * power) iteration on the covariance: formed once as a d×d matrix for up to 200 features,
 * applied as Xᵀ(X v) without forming it beyond (O(rows × d) per iteration, on fewer rows).
 * Deterministic: a fixed start and a fixed sign (each component's largest entry is positive).
 * @module
 */

/** Two principal components and what is needed to project new rows on them. */
export interface Projection {
  /** Features, d. */
  d: number;
  /** Column means of the rows fitted (length d). */
  mean: Float64Array;
  /** Column standard deviations (1 for a constant column), length d. */
  scale: Float64Array;
  /** The unit components in standardized space, each of length d (the second is 0s when d = 1). */
  components: [Float64Array, Float64Array];
  /** The share of the total standardized variance each component explains, in [0, 1]. */
  explained: [number, number];
  /** Iterations the power method took. */
  iterations: number;
  /** Rows the components were computed from (every `stride`th row when fewer than n). */
  rows: number;
}

/** Options of {@link principalComponents}. */
export interface PcaOptions {
  /**
   * At most this many rows × features are read (rows are taken at an even stride beyond
   * it), which bounds the time on a large set; the components of a strided sample are
   * those of the whole set up to sampling noise.
   * @default min(1e6, 4e7 / d) up to 200 features, 100_000 beyond
   */
  maxValues?: number;
  /** @default 300 */
  maxIter?: number;
  /** Stop when no component entry moves by more than this between iterations. @default 1e-9 */
  tol?: number;
}

/**
 * The first two principal components of the rows of `X` (n×d, row-major), standardized.
 *
 * @param X - The data, row-major, length n·d.
 * @param n - Rows, ≥ 1.
 * @param d - Columns, ≥ 1.
 * @param options - See {@link PcaOptions}.
 * @returns The {@link Projection}; with fewer than two distinct rows the components are
 *   still unit vectors, explaining 0.
 * @throws RangeError when `X.length !== n·d`, or n or d is not a positive integer.
 * @example
 * const pca = principalComponents(XTrain, nTrain, d);
 * const [a, b] = projectRows(pca, XTest, nTest);
 */
export function principalComponents(X: ArrayLike<number>, n: number, d: number, options: PcaOptions = {}): Projection {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(d) || d < 1) throw new RangeError(`principalComponents: n (${n}) and d (${d}) must be positive integers`);
  if (X.length !== n * d) throw new RangeError(`principalComponents: X has ${X.length} values, expected n × d = ${n * d}`);
  const explicit = d <= 200;
  // Forming the covariance costs rows·d²/2, a product on the rows 2·rows·d per iteration.
  const maxValues = options.maxValues ?? (explicit ? Math.min(1_000_000, 40_000_000 / d) : 100_000);
  const maxIter = options.maxIter ?? 300;
  const tol = options.tol ?? 1e-9;
  const stride = Math.max(1, Math.ceil((n * d) / maxValues));
  const m = Math.ceil(n / stride);
  // The sampled rows, standardized.
  const Z = new Float64Array(m * d);
  for (let t = 0; t < m; t++) for (let j = 0; j < d; j++) Z[t * d + j] = X[t * stride * d + j] as number;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (let t = 0; t < m; t++) for (let j = 0; j < d; j++) mean[j]! += Z[t * d + j] as number;
  for (let j = 0; j < d; j++) mean[j]! /= m;
  for (let t = 0; t < m; t++) {
    for (let j = 0; j < d; j++) {
      const v = (Z[t * d + j] as number) - (mean[j] as number);
      Z[t * d + j] = v;
      scale[j]! += v * v;
    }
  }
  let total = 0;
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt((scale[j] as number) / Math.max(1, m - 1));
    scale[j] = sd > 0 && Number.isFinite(sd) ? sd : 1;
    if (sd > 0) total += 1;
  }
  for (let t = 0; t < m; t++) for (let j = 0; j < d; j++) Z[t * d + j]! /= scale[j] as number;

  // The covariance as a d×d matrix when that is cheaper than a pass over the rows per product.
  let C: Float64Array | null = null;
  if (explicit) {
    C = new Float64Array(d * d);
    for (let t = 0; t < m; t++) {
      const o = t * d;
      for (let a = 0; a < d; a++) {
        const za = Z[o + a] as number;
        if (za === 0) continue;
        const ra = a * d;
        for (let b = a; b < d; b++) C[ra + b]! += za * (Z[o + b] as number);
      }
    }
    const denominator = Math.max(1, m - 1);
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) {
        const v = (C[a * d + b] as number) / denominator;
        C[a * d + b] = v;
        C[b * d + a] = v;
      }
    }
  }
  const cov = (v: Float64Array, out: Float64Array): void => {
    if (C !== null) {
      for (let a = 0; a < d; a++) {
        let s = 0;
        const ra = a * d;
        for (let b = 0; b < d; b++) s += (C[ra + b] as number) * (v[b] as number);
        out[a] = s;
      }
      return;
    }
    out.fill(0);
    for (let t = 0; t < m; t++) {
      let s = 0;
      const o = t * d;
      for (let j = 0; j < d; j++) s += (Z[o + j] as number) * (v[j] as number);
      for (let j = 0; j < d; j++) out[j]! += s * (Z[o + j] as number);
    }
    for (let j = 0; j < d; j++) out[j]! /= Math.max(1, m - 1);
  };
  // Fixed, generic starting vectors (not orthogonal to any particular direction by design).
  let v1 = Float64Array.from({ length: d }, (_, j) => 1 + j / d);
  let v2 = Float64Array.from({ length: d }, (_, j) => (j % 2 === 0 ? 1 : -1) * (1 + ((j * 7) % 5) / 5));
  orthonormalize(v1, v2);
  const w1 = new Float64Array(d);
  const w2 = new Float64Array(d);
  let iterations = 0;
  for (; iterations < maxIter; ) {
    iterations++;
    cov(v1, w1);
    cov(v2, w2);
    orthonormalize(w1, w2);
    fixSign(w1);
    fixSign(w2);
    let moved = 0;
    for (let j = 0; j < d; j++) moved = Math.max(moved, Math.abs((w1[j] as number) - (v1[j] as number)), Math.abs((w2[j] as number) - (v2[j] as number)));
    [v1, v2] = [Float64Array.from(w1), Float64Array.from(w2)];
    if (moved <= tol) break;
  }
  // Order the pair by the variance along each (Rayleigh quotients).
  cov(v1, w1);
  cov(v2, w2);
  let l1 = dot(v1, w1);
  let l2 = dot(v2, w2);
  if (l2 > l1) {
    [v1, v2] = [v2, v1];
    [l1, l2] = [l2, l1];
  }
  const share = (l: number): number => (total > 0 ? Math.min(1, Math.max(0, l / total)) : 0);
  return { d, mean, scale, components: [v1, v2], explained: [share(l1), share(l2)], iterations, rows: m };
}

/**
 * The coordinates of rows on the two components of `p`.
 *
 * @param p - From {@link principalComponents}.
 * @param X - Rows to project, row-major, length n·p.d.
 * @param n - Rows.
 * @returns `[pc1, pc2]`, each of length n.
 * @throws RangeError when `X.length !== n·p.d`.
 * @example
 * const [a, b] = projectRows(pca, XTest, nTest);
 */
export function projectRows(p: Projection, X: ArrayLike<number>, n: number): [Float64Array, Float64Array] {
  const { d, mean, scale } = p;
  if (X.length !== n * d) throw new RangeError(`projectRows: X has ${X.length} values, expected n × d = ${n * d}`);
  const [c1, c2] = p.components;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s1 = 0;
    let s2 = 0;
    for (let j = 0; j < d; j++) {
      const z = ((X[i * d + j] as number) - (mean[j] as number)) / (scale[j] as number);
      s1 += z * (c1[j] as number);
      s2 += z * (c2[j] as number);
    }
    a[i] = s1;
    b[i] = s2;
  }
  return [a, b];
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] as number) * (b[j] as number);
  return s;
}

/** Gram–Schmidt on the pair in place; a vector that vanishes becomes a unit vector orthogonal to the other. */
function orthonormalize(a: Float64Array, b: Float64Array): void {
  normalize(a, 0);
  const p = dot(a, b);
  for (let j = 0; j < b.length; j++) b[j]! -= p * (a[j] as number);
  if (!normalize(b, 0) && b.length > 1) {
    // Degenerate (rank ≤ 1): any unit vector orthogonal to a.
    b.fill(0);
    const k = Math.abs(a[0] as number) < 0.9 ? 0 : 1;
    b[k] = 1;
    const q = dot(a, b);
    for (let j = 0; j < b.length; j++) b[j]! -= q * (a[j] as number);
    normalize(b, 0);
  } else if (b.length === 1) {
    b.fill(0);
  }
}

/** Scales `v` to unit length; when it is (numerically) zero, sets it to e_k and returns false. */
function normalize(v: Float64Array, k: number): boolean {
  const norm = Math.sqrt(dot(v, v));
  if (!(norm > 1e-300) || !Number.isFinite(norm)) {
    v.fill(0);
    v[k] = 1;
    return false;
  }
  for (let j = 0; j < v.length; j++) v[j]! /= norm;
  return true;
}

/** Flips `v` so that its entry of largest magnitude (the first, on ties) is positive. */
function fixSign(v: Float64Array): void {
  let best = 0;
  for (let j = 1; j < v.length; j++) if (Math.abs(v[j] as number) > Math.abs(v[best] as number) + 1e-12) best = j;
  if ((v[best] as number) < 0) for (let j = 0; j < v.length; j++) v[j] = -(v[j] as number);
}
