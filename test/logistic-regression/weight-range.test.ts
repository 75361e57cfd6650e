import { describe, expect, it } from 'vitest';
import { type Label, LogisticRegression, type LogisticRegressionOptions, makeClassification } from '../../src/index.js';
import { relativeError } from '../helpers.js';

// Overlapping classes (flipY), so the unpenalised optimum is finite.
const { X, y } = makeClassification({ nSamples: 200, nFeatures: 4, nInformative: 3, nRedundant: 0, flipY: 0.2, randomState: 9 });
const n = y.length;
const ones = new Float64Array(n).fill(1);
const varied = Float64Array.from({ length: n }, (_, i) => 1 + (i % 5));

function fit(options: LogisticRegressionOptions, sampleWeight: Float64Array | null) {
  return new LogisticRegression({ onWarning: null, ...options }).fit(X, y, { sampleWeight });
}
function parameters(model: LogisticRegression): number[] {
  return [...model.coef.data, ...model.intercept];
}
const classWeight = (w0: number, w1: number) => new Map<Label, number>([[0, w0], [1, w1]]);

describe('sample × class weights beyond float64 range', () => {
  it('fits classWeight 1e200 × sampleWeight 1e200 as the unpenalised model (C·sᵢ = 1e400 leaves no room for a penalty)', () => {
    const model = fit({ classWeight: classWeight(1e200, 1e200) }, new Float64Array(n).fill(1e200));
    expect(model.nIter).toBeGreaterThan(0);
    expect(model.converged).toBe(true);
    expect(parameters(model)).toEqual(parameters(fit({ penalty: 'none' }, ones)));
  });

  it('keeps the penalty when C brings C·sᵢ back into range: weights 2^600 × 2^450 with C = 2^-1050 fit as unit weights with C = 1', () => {
    const model = fit({ C: 2 ** -1050, classWeight: classWeight(2 ** 600, 2 ** 600) }, new Float64Array(n).fill(2 ** 450));
    expect(parameters(model)).toEqual(parameters(fit({ C: 1 }, ones)));
  });

  it('keeps the ratios of uneven weights: classWeight 2^600 and 3·2^600 with C = 2^-1050 fit as class weights 1 and 3 with C = 1', () => {
    const huge = Float64Array.from(varied, (w) => w * 2 ** 450);
    const model = fit({ C: 2 ** -1050, tol: 1e-10, classWeight: classWeight(2 ** 600, 3 * 2 ** 600) }, huge);
    const reference = fit({ C: 1, tol: 1e-10, classWeight: classWeight(1, 3) }, varied);
    expect(model.converged).toBe(true);
    expect(relativeError(parameters(model), parameters(reference))).toBeLessThan(1e-9);
  });

  it('fits sample weights of 1e308, whose sum overflows, as the unpenalised model', () => {
    const model = fit({}, new Float64Array(n).fill(1e308));
    expect(model.converged).toBe(true);
    expect(parameters(model)).toEqual(parameters(fit({ penalty: 'none' }, ones)));
  });

  it("fits classWeight 1e-200 × sampleWeight 1e-200, whose products underflow, with penalty 'none' as unit weights", () => {
    const model = fit({ penalty: 'none', classWeight: classWeight(1e-200, 1e-200) }, new Float64Array(n).fill(1e-200));
    expect(parameters(model)).toEqual(parameters(fit({ penalty: 'none' }, ones)));
  });

  it('refuses underflowing weights with a penalty, saying C × Σ weights is below float64 range', () => {
    expect(() => fit({ classWeight: classWeight(1e-200, 1e-200) }, new Float64Array(n).fill(1e-200))).toThrow(
      new RangeError("LogisticRegression: C = 1 is too small: C × Σ sample weights is below float64's range, which leaves no room for the loss; use a larger C"),
    );
  });

  it('leaves weights in range exactly as before: a common factor of 2^10 changes no bit of the model when C is divided by it', () => {
    const scaled = Float64Array.from(varied, (w) => w * 2 ** 10);
    expect(parameters(fit({ C: 2 ** -10, tol: 0, maxIter: 20 }, scaled))).toEqual(parameters(fit({ C: 1, tol: 0, maxIter: 20 }, varied)));
  });
});
