/**
 * Our side of the sparse bench: `LogisticRegression` fits on a `CsrMatrix` that lives in
 * WebAssembly memory and is read in place.
 * @module
 */
import { CsrMatrix, LogisticRegression, type LogisticRegressionOptions } from '../../src/index.js';
import type { SparseData } from './generate.js';

/** The set as a float64 CsrMatrix (a copy in WebAssembly memory; the caller disposes of it). */
export function toCsrMatrix(data: SparseData): CsrMatrix<'float64'> {
  const { indptr, indices, values, spec } = data;
  return CsrMatrix.from({ rows: spec.rows, cols: spec.cols, indptr, indices, values });
}

/** Our options for a fit without intercept, penalty l2, at `C` (the objective of objective.ts, divided by C·n). */
export function oursOptions(C: number, extra: LogisticRegressionOptions): LogisticRegressionOptions {
  return { penalty: 'l2', C, fitIntercept: false, onWarning: null, ...extra };
}

/** One fit of ours; returns w (one weight per column) and the iterations. The model is disposed of. */
export function fitOurs(X: CsrMatrix<'float64'>, y: Float64Array, options: LogisticRegressionOptions): { w: Float64Array; nIter: number } {
  const model = new LogisticRegression(options);
  try {
    model.fit(X, y);
    return { w: model.coef.data.slice(), nIter: model.nIter };
  } finally {
    model.dispose();
  }
}

/** Why our fits cannot run on CSR in this build (a tiny fit fails), or null when they can. */
export function csrFitUnavailable(): string | null {
  const X = CsrMatrix.from({ rows: 4, cols: 2, indptr: [0, 1, 2, 3, 4], indices: [0, 1, 0, 1], values: [1, 1, -1, -1] });
  try {
    fitOurs(X, Float64Array.of(1, 1, 0, 0), oursOptions(1, { solver: 'lbfgs', maxIter: 10 }));
    return null;
  } catch (error) {
    return `LogisticRegression.fit does not take a CsrMatrix in this build (${(error as Error).message.split('\n')[0]})`;
  } finally {
    X.dispose();
  }
}
