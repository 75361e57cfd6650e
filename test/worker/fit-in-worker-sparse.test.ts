/**
 * `fitInWorker` with a CsrMatrix, on the bundled files in dist/ (`npm test` bundles them
 * first).
 */
import { describe, expect, it } from 'vitest';
import { bits, fitInWorker, lib } from './dist.js';

describe('fitInWorker with a CsrMatrix', () => {
  it('fits a CsrMatrix of either dtype to the same bits as on this thread, and leaves it usable', async () => {
    const { X, y } = lib.makeClassification({ nSamples: 400, nFeatures: 8, nClasses: 3, nInformative: 4, randomState: 2 });
    const rows = X.toArray().map((row) => row.flatMap((v, j) => (Math.abs(v) < 0.7 ? [] : [[j, v] as [number, number]])));
    for (const dtype of ['float64', 'float32'] as const) {
      const csr = lib.CsrMatrix.fromRows(rows, { cols: 8, dtype });
      try {
        const params = { tol: 1e-8, threads: 1 };
        const here = new lib.LogisticRegression(params).fit(csr, y);
        const { model } = await fitInWorker(csr, y, { params });
        expect(bits(model)).toBe(bits(here));
        expect(csr.toDense().rows).toBe(400);
      } finally {
        csr.dispose();
      }
    }
  });
});
