import { describe, expect, it } from 'vitest';
import { inRelaxedChild } from './relaxed-child.js';

describe("A float32 Matrix with simd 'relaxed'", () => {
  it("trains to the same bits as a relaxed float32 fit of the same numbers given as rows", () => {
    const result = inRelaxedChild(`
      const { X: X64, y } = makeClassification({ nSamples: 2000, nFeatures: 9, randomState: 6 });
      const X = Matrix.alloc(2000, 9, { dtype: 'float32' });
      X.data.set(X64.data);
      const fit = (data) => {
        const model = new LogisticRegression({ simd: 'relaxed', dtype: 'float32', tol: 1e-8, onWarning: null }).fit(data, y);
        return [...model.coef.data, ...model.intercept];
      };
      console.log(JSON.stringify({ inPlace: fit(X), rows: fit(X.toArray()) }));
    `) as { inPlace: number[]; rows: number[] };
    expect(result.inPlace).toEqual(result.rows);
  });
});
