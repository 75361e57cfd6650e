import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CsrMatrix, type Label, LogisticRegression, type LogisticRegressionOptions, type Solver } from '../../src/index.js';
import { relativeError } from '../helpers.js';

/**
 * One reference fit written by tools/make_sparse_fit_fixtures.py: scikit-learn 1.2.1 on a
 * scipy csr_matrix, plus the optimum polished to machine precision and certified (a Newton
 * step from it is ≤ 1e-8 of max|coef|), in the record format of test/fixtures/parity/.
 */
interface SparseFit {
  id: string;
  dataset: string;
  params: {
    penalty: 'l2' | 'l1' | 'elasticnet' | 'none';
    C: number;
    l1Ratio: number | null;
    fitIntercept: boolean;
    classWeight: 'balanced' | null;
    multiClass: 'auto' | 'ovr' | 'multinomial';
  };
  sampleWeight: number[] | null;
  classes: Label[];
  optimum: { coef: number[][]; intercept: number[]; newtonStepRelative: number };
  probaOptimum: number[][];
  predictOptimum: Label[];
  nearTies: number[];
  identifiable: boolean;
}

interface SparseDataset {
  X: { rows: number; cols: number; indptr: number[]; indices: number[]; values: number[] };
  y: Label[];
}

/**
 * The bounds this file asserts.
 * - OPTIMUM: coef and intercept of a fit at tol 1e-10 against the certified optimum, relative
 *   to the largest |entry| — the "coef ≤ 1e-6 relative". The reference is within
 *   1e-8 of the exact optimum, so a miss is the solver's.
 * - PROBA: for fits whose coefficients are not unique (multinomial without a penalty), the
 *   probabilities, which are.
 * - DENSE_TWIN: the CSR fit against the dense fit of `toDense()` with the same options
 *   (coefficients, or probabilities where the coefficients are not unique). Both end within
 *   tol 1e-10 of the same optimum; a pass over CSR adds the same products as a dense one in
 *   another order, so they differ by rounding, not by solver error.
 * - FIXED_ITERATIONS: gd and sgd (first-order; their iterations to 1e-6 are unbounded, so
 *   they are not compared with the optimum) after a fixed 30 iterations, CSR against dense:
 *   only the order of the additions differs, and 30 steps of a contraction keep rounding
 *   near 1e-16 per step.
 */
const OPTIMUM = 1e-6;
const PROBA = 1e-8;
const DENSE_TWIN = 1e-8;
const FIXED_ITERATIONS = 1e-10;

const fixtures = new URL('../fixtures/sparse-fit/', import.meta.url);
const { fits } = JSON.parse(readFileSync(new URL('fits.json', fixtures), 'utf8')) as { fits: SparseFit[] };

const matrices = new Map<string, { X: CsrMatrix; y: Label[] }>();
function dataset(name: string): { X: CsrMatrix; y: Label[] } {
  let data = matrices.get(name);
  if (data === undefined) {
    const raw = JSON.parse(readFileSync(new URL(`datasets/${name}.json`, fixtures), 'utf8')) as SparseDataset;
    data = { X: CsrMatrix.from(raw.X), y: raw.y };
    matrices.set(name, data);
  }
  return data;
}
afterAll(() => {
  for (const { X } of matrices.values()) X.dispose();
});

function solversFor(fit: SparseFit): Solver[] {
  return fit.params.penalty === 'l1' || fit.params.penalty === 'elasticnet' ? ['owlqn', 'newton-cd'] : ['lbfgs', 'newton', 'owlqn', 'newton-cd'];
}

function options(fit: SparseFit, solver: Solver, extra: LogisticRegressionOptions): LogisticRegressionOptions {
  const { penalty, C, l1Ratio, fitIntercept, classWeight, multiClass } = fit.params;
  const out: LogisticRegressionOptions = { penalty, C, fitIntercept, multiClass, solver, onWarning: null, ...extra };
  if (l1Ratio !== null) out.l1Ratio = l1Ratio;
  if (classWeight !== null) out.classWeight = classWeight;
  return out;
}

const TIGHT: LogisticRegressionOptions = { tol: 1e-10, maxIter: 20_000 };

describe('LogisticRegression.fit(CsrMatrix) lands on scikit-learn 1.2.1\'s certified optimum', () => {
  for (const fit of fits) {
    for (const solver of solversFor(fit)) {
      it(`${fit.id} with solver '${solver}'`, () => {
        const { X, y } = dataset(fit.dataset);
        const model = new LogisticRegression(options(fit, solver, TIGHT)).fit(X, y, { sampleWeight: fit.sampleWeight });
        expect(model.classes).toEqual(fit.classes);
        if (fit.identifiable) {
          expect(relativeError(model.coef.data, fit.optimum.coef.flat())).toBeLessThan(OPTIMUM);
          if (fit.params.fitIntercept) expect(relativeError(model.intercept, fit.optimum.intercept)).toBeLessThan(OPTIMUM);
        } else {
          expect(relativeError(model.predictProba(X).data, fit.probaOptimum.flat())).toBeLessThan(PROBA);
        }
        const mismatches = model.predict(X).flatMap((label, i) => (label === fit.predictOptimum[i] || fit.nearTies.includes(i) ? [] : [i]));
        expect(mismatches).toEqual([]);
        if (fit.params.penalty === 'l1' || fit.params.penalty === 'elasticnet') {
          expect(Array.from(model.coef.data, (v) => v === 0)).toEqual(fit.optimum.coef.flat().map((v) => v === 0));
        }
      });
    }
  }
});

describe('LogisticRegression.fit(CsrMatrix) equals the fit of its toDense()', () => {
  for (const fit of fits) {
    for (const solver of solversFor(fit)) {
      it(`${fit.id} with solver '${solver}' at tol 1e-10`, () => {
        const { X, y } = dataset(fit.dataset);
        const sparse = new LogisticRegression(options(fit, solver, TIGHT)).fit(X, y, { sampleWeight: fit.sampleWeight });
        const dense = new LogisticRegression(options(fit, solver, TIGHT)).fit(X.toDense(), y, { sampleWeight: fit.sampleWeight });
        if (fit.identifiable) {
          expect(relativeError(sparse.coef.data, dense.coef.data)).toBeLessThan(DENSE_TWIN);
          expect(relativeError(sparse.intercept, dense.intercept)).toBeLessThan(DENSE_TWIN);
        } else {
          // Every point of a line of optima is an answer; rounding picks where each fit ends.
          expect(relativeError(sparse.predictProba(X).data, dense.predictProba(X.toDense()).data)).toBeLessThan(DENSE_TWIN);
        }
      });
    }
  }

  for (const fit of fits) {
    for (const solver of ['gd', 'sgd'] as const) {
      it(`${fit.id} with solver '${solver}' after 30 iterations`, () => {
        const { X, y } = dataset(fit.dataset);
        const fixed: LogisticRegressionOptions = { tol: 0, maxIter: 30, randomState: 0 };
        const sparse = new LogisticRegression(options(fit, solver, fixed)).fit(X, y, { sampleWeight: fit.sampleWeight });
        const dense = new LogisticRegression(options(fit, solver, fixed)).fit(X.toDense(), y, { sampleWeight: fit.sampleWeight });
        expect(relativeError(sparse.coef.data, dense.coef.data)).toBeLessThan(FIXED_ITERATIONS);
        expect(relativeError(sparse.intercept, dense.intercept)).toBeLessThan(FIXED_ITERATIONS);
      });
    }
  }
});

describe('LogisticRegression.fit(CsrMatrix) with float32 values (the all-ones datasets)', () => {
  // Values of 1 are exact in float32, so a float32 CsrMatrix holds the same problem.
  const onesFits = fits.filter((f) => f.dataset.includes('_ones'));
  for (const fit of onesFits) {
    const solver = solversFor(fit)[0] as Solver;
    it(`${fit.id} with solver '${solver}' lands on the same optimum`, () => {
      const raw = JSON.parse(readFileSync(new URL(`datasets/${fit.dataset}.json`, fixtures), 'utf8')) as SparseDataset;
      const X = CsrMatrix.from(raw.X, { dtype: 'float32' });
      const model = new LogisticRegression(options(fit, solver, TIGHT)).fit(X, raw.y, { sampleWeight: fit.sampleWeight });
      if (fit.identifiable) expect(relativeError(model.coef.data, fit.optimum.coef.flat())).toBeLessThan(OPTIMUM);
      else expect(relativeError(model.predictProba(X).data, fit.probaOptimum.flat())).toBeLessThan(PROBA);
      X.dispose();
    });
  }
});

describe('the sparse-fit fixtures', () => {
  it('certify every optimum to 1e-8 relative, so the 1e-6 comparison is meaningful', () => {
    expect(fits.filter((f) => !(f.optimum.newtonStepRelative <= 1e-8)).map((f) => f.id)).toEqual([]);
  });
});
