/**
 * The bundled library and worker API in dist/ (`npm test` bundles them first), as the
 * worker tests load them: a worker imports dist/, so the calling side must too.
 */
import { existsSync } from 'node:fs';
import type * as source from '../../src/index.js';
import type * as WorkerApi from '../../src/worker/node.js';

const distIndex = new URL('../../dist/index.js', import.meta.url);
const distWorker = new URL('../../dist/worker/node.js', import.meta.url);
if (!existsSync(distWorker)) throw new Error('dist/worker/node.js is missing: run `npm run build` (npm test bundles it in pretest)');

/** dist/index.js. */
export const lib = (await import(distIndex.href)) as typeof source;
/** dist/worker/node.js's fitInWorker. */
export const { fitInWorker } = (await import(distWorker.href)) as typeof WorkerApi;

/** The float64 bit patterns of a model's parameters, as hex. */
export function bits(model: source.LogisticRegression): string {
  return Buffer.from(Float64Array.from([...model.coef.data, ...model.intercept]).buffer).toString('hex');
}
