/**
 * `fitInWorker` with a float32 Matrix, on the bundled files in dist/ (`npm test` bundles
 * them first).
 */
import { describe, expect, it } from 'vitest';
import { bits, fitInWorker, lib } from './dist.js';

describe('fitInWorker with a float32 Matrix', () => {
  it("fits a float32 Matrix in WebAssembly memory to the same bits as on this thread, for both dtypes", async () => {
    const { X, y } = lib.makeClassification({ nSamples: 500, nFeatures: 6, randomState: 9 });
    const X32 = lib.Matrix.alloc(500, 6, { dtype: 'float32' });
    X32.data.set(X.data);
    try {
      for (const dtype of ['float32', 'float64'] as const) {
        const params = { dtype, tol: 1e-8, threads: 1 };
        const here = new lib.LogisticRegression(params).fit(X32, y);
        const { model } = await fitInWorker(X32, y, { params });
        expect(bits(model)).toBe(bits(here));
      }
    } finally {
      X32.dispose();
    }
  });
});
