/**
 * Column means and variances of a CSR matrix as scikit-learn 1.2's `mean_variance_axis` and
 * `incr_mean_variance_axis` compute them (sparsefuncs_fast.pyx), for {@link StandardScaler}:
 * the same operations in the same order, so the results agree with Python's bit for bit.
 * Implicit zeros count as values: the variance is over all rows.
 * @module
 */
import type { Dtype } from '../matrix.js';

/** Each column's mean and population variance over `count` rows. */
export interface ColumnMoments {
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  readonly count: number;
}

/** A CSR matrix's arrays, as `CsrMatrix.toData()` returns them. */
export interface CsrParts {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array | Float32Array;
}

/**
 * scikit-learn's `_csr_mean_variance_axis0` with unit weights: a float64 pass summing each
 * column's stored values for the mean, then the corrected two-pass variance over the stored
 * values, with the implicit zeros of a column that has any added in closed form
 * ((n − stored)·mean² to the squares, −(n − stored)·mean to the correction). For float32
 * values scikit-learn returns its float64 results rounded to float32; so does this.
 */
export function csrMoments(X: CsrParts, dtype: Dtype): ColumnMoments {
  const { rows: n, cols: d, indptr, indices, values } = X;
  const mean = new Float64Array(d);
  const variance = new Float64Array(d);
  const correction = new Float64Array(d);
  const stored = new Float64Array(d);
  for (let k = 0; k < (indptr[n] as number); k++) {
    const j = indices[k] as number;
    mean[j] = (mean[j] as number) + (values[k] as number);
    stored[j] = (stored[j] as number) + 1;
  }
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  for (let k = 0; k < (indptr[n] as number); k++) {
    const j = indices[k] as number;
    const diff = (values[k] as number) - (mean[j] as number);
    correction[j] = (correction[j] as number) + diff;
    variance[j] = (variance[j] as number) + diff * diff;
  }
  for (let j = 0; j < d; j++) {
    const m = mean[j] as number;
    const zeros = n - (stored[j] as number);
    let c = correction[j] as number;
    let v = variance[j] as number;
    // Only when the column has implicit zeros: adding a 0 term could still round.
    if (zeros !== 0) c -= zeros * m;
    c = (c * c) / n;
    if (zeros !== 0) v += zeros * m ** 2;
    variance[j] = (v - c) / n;
  }
  if (dtype === 'float32') {
    for (let j = 0; j < d; j++) {
      mean[j] = Math.fround(mean[j] as number);
      variance[j] = Math.fround(variance[j] as number);
    }
  }
  return { mean, variance, count: dtype === 'float32' ? Math.fround(n) : n };
}

/**
 * scikit-learn's `_incr_mean_variance_axis0`: the statistics of earlier rows (`last`)
 * updated with those of a new CSR batch (`next`, from {@link csrMoments}), by Chan, Golub
 * and LeVeque's pairwise formula, in the batch's dtype (float32 arithmetic for float32
 * values, as scikit-learn's fused types do).
 */
export function combineSparse(last: ColumnMoments, next: ColumnMoments, dtype: Dtype): ColumnMoments {
  const r = dtype === 'float32' ? Math.fround : (x: number) => x;
  const d = next.mean.length;
  const mean = new Float64Array(d);
  const variance = new Float64Array(d);
  const lastN = r(last.count);
  const newN = next.count;
  const updatedN = r(lastN + newN);
  for (let j = 0; j < d; j++) {
    if (!(newN > 0)) {
      mean[j] = r(last.mean[j] as number);
      variance[j] = r(last.variance[j] as number);
      continue;
    }
    const lastOverNew = r(lastN / newN);
    const lastMean = r(r(last.mean[j] as number) * lastN);
    const lastVar = r(r(last.variance[j] as number) * lastN);
    const newMean = r((next.mean[j] as number) * newN);
    const newVar = r((next.variance[j] as number) * newN);
    const gap = r(r(lastMean / lastOverNew) - newMean);
    const v = r(r(lastVar + newVar) + r(r(lastOverNew / updatedN) * r(gap * gap)));
    mean[j] = r(r(lastMean + newMean) / updatedN);
    variance[j] = r(v / updatedN);
  }
  return { mean, variance, count: newN > 0 ? updatedN : lastN };
}
