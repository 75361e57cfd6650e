/**
 * `fitInWorker` with a float32 Matrix, on the bundled files in dist/ (`npm test` bundles
 * them first).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type * as source from '../../src/index.js';
import type * as WorkerApi from '../../src/worker/node.js';

const distIndex = new URL('../../dist/index.js', import.meta.url);
const distWorker = new URL('../../dist/worker/node.js', import.meta.url);
if (!existsSync(distWorker)) throw new Error('dist/worker/node.js is missing: run `npm run build` (npm test bundles it in pretest)');
const lib = (await import(distIndex.href)) as typeof source;
const { fitInWorker } = (await import(distWorker.href)) as typeof WorkerApi;

/** The float64 bit patterns of the parameters, as hex. */
function bits(model: source.LogisticRegression): string {
  return Buffer.from(Float64Array.from([...model.coef.data, ...model.intercept]).buffer).toString('hex');
}

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
