/**
 * Sums in numpy's order of operations, so that results match scikit-learn's to the last
 * bit rather than merely to rounding error.
 *
 * `np.sum` over a contiguous axis (a 1-D array, or `axis=1` of a C-ordered matrix) uses
 * pairwise summation: fewer than 8 values are added left to right; up to 128 values go
 * into 8 interleaved accumulators combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) and
 * then the remainder; longer runs split in two (the first half a multiple of 8) and
 * recurse. `axis=0` of a matrix with two or more columns adds row after row.
 * @module
 */

const BLOCK = 128;

/**
 * numpy's pairwise sum of `n` values of `a` starting at `start`, `stride` apart.
 * @internal
 */
export function pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start, stride = 1): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i * stride] as number;
    return res;
  }
  if (n <= BLOCK) {
    let r0 = a[start] as number;
    let r1 = a[start + stride] as number;
    let r2 = a[start + 2 * stride] as number;
    let r3 = a[start + 3 * stride] as number;
    let r4 = a[start + 4 * stride] as number;
    let r5 = a[start + 5 * stride] as number;
    let r6 = a[start + 6 * stride] as number;
    let r7 = a[start + 7 * stride] as number;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const p = start + i * stride;
      r0 += a[p] as number;
      r1 += a[p + stride] as number;
      r2 += a[p + 2 * stride] as number;
      r3 += a[p + 3 * stride] as number;
      r4 += a[p + 4 * stride] as number;
      r5 += a[p + 5 * stride] as number;
      r6 += a[p + 6 * stride] as number;
      r7 += a[p + 7 * stride] as number;
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) res += a[start + i * stride] as number;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2, stride) + pairwiseSum(a, start + n2 * stride, n - n2, stride);
}

/**
 * `np.average(values)` (the mean), or `np.average(values, weights=weights)`:
 * `sum(values * weights) / sum(weights)`, each sum pairwise.
 * @internal
 */
export function numpyAverage(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  if (weights === undefined) return pairwiseSum(values) / values.length;
  const products = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) products[i] = (values[i] as number) * (weights[i] as number);
  return pairwiseSum(products) / pairwiseSum(weights);
}

/**
 * Column sums of a row-major `rows`×`cols` matrix as `X.sum(axis=0)` computes them:
 * pairwise for a single column, row after row otherwise.
 * @internal
 */
export function columnSums(data: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(cols);
  if (cols === 1) {
    out[0] = pairwiseSum(data, 0, rows, 1);
    return out;
  }
  if (rows === 0) return out;
  for (let j = 0; j < cols; j++) out[j] = data[j] as number;
  for (let i = 1; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) out[j] = (out[j] as number) + (data[base + j] as number);
  }
  return out;
}
