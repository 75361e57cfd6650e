import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LogisticRegression, Matrix, makeClassification } from '../src/index.js';
import { expectError } from './assertions.js';
import { relativeError } from './helpers.js';

const cancer = JSON.parse(
  readFileSync(new URL('./fixtures/parity/datasets/breast_cancer.json', import.meta.url), 'utf8'),
) as { X: number[][]; y: number[] };
const X = Matrix.fromRows(cancer.X);
const quiet = { onWarning: null } as const;

describe("dtype 'float32'", () => {
  it('lands within 1e-3 relative of the float64 optimum on standardised breast-cancer data (measured 5.9e-8; the README states it)', () => {
    const f64 = new LogisticRegression({ tol: 1e-10, maxIter: 2000, ...quiet }).fit(X, cancer.y);
    const f32 = new LogisticRegression({ tol: 1e-10, maxIter: 2000, dtype: 'float32', ...quiet }).fit(X, cancer.y);
    const gap = relativeError(f32.coef.data, f64.coef.data);
    expect(gap).toBeLessThan(1e-3);
    expect(gap).toBeGreaterThan(0); // it really computed in float32
    expect(f32.predict(X)).toEqual(f64.predict(X));
  });

  it('gives bit-identical coefficients for 1, 2 and 3 threads', () => {
    const data = makeClassification({ nSamples: 9000, nFeatures: 9, randomState: 8 });
    const fit = (threads: number) =>
      Array.from(new LogisticRegression({ dtype: 'float32', threads, tol: 1e-8, ...quiet }).fit(data.X, data.y).coef.data);
    expect(fit(2)).toEqual(fit(1));
    expect(fit(3)).toEqual(fit(1));
  });

  it('serves one-vs-rest models', () => {
    const data = makeClassification({ nSamples: 300, nFeatures: 5, nInformative: 3, nClasses: 3, randomState: 2 });
    const model = new LogisticRegression({ dtype: 'float32', multiClass: 'ovr', ...quiet }).fit(data.X, data.y);
    expect([model.coef.rows, model.coef.cols]).toEqual([3, 5]);
  });

  it('rejects a value beyond the float32 range, naming it and its place', () => {
    expectError(
      () => new LogisticRegression({ dtype: 'float32' }).fit([[1, 2], [3, 1e300]], [0, 1]),
      RangeError,
      "X has 1e+300 at row 1, column 1, beyond float32's range (±3.40e+38); use dtype 'float64'",
    );
  });

  it('still reports NaN as NaN', () => {
    expectError(
      () => new LogisticRegression({ dtype: 'float32' }).fit(Matrix.fromRows([[1, NaN], [3, 4]]), [0, 1]),
      RangeError,
      'X contains NaN at row 0, column 1; all values must be finite',
    );
  });

  it('refuses multinomial models', () => {
    const data = makeClassification({ nSamples: 60, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, randomState: 1 });
    expectError(
      () => new LogisticRegression({ dtype: 'float32' }).fit(data.X, data.y),
      RangeError,
      "LogisticRegression: dtype 'float32' serves binary and one-vs-rest models; y has 3 classes, so use multiClass 'ovr' or dtype 'float64'",
    );
  });
});
