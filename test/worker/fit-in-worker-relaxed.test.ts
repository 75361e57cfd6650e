/**
 * `fitInWorker` with `simd: 'relaxed'`, on the bundled files in dist/ (`npm test` bundles
 * them first): the worker loads the relaxed-SIMD entry itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as source from '../../src/index.js';
import type * as WorkerApi from '../../src/worker/node.js';
import { RELAXED_SIMD_FLAGS } from '../relaxed-child.js';

const distIndex = new URL('../../dist/index.js', import.meta.url);
const distWorker = new URL('../../dist/worker/node.js', import.meta.url);
const distRelaxed = new URL('../../dist/relaxed-simd/index.js', import.meta.url);
if (!existsSync(distWorker)) throw new Error('dist/worker/node.js is missing: run `npm run build` (npm test bundles it in pretest)');
const lib = (await import(distIndex.href)) as typeof source;
const { fitInWorker } = (await import(distWorker.href)) as typeof WorkerApi;
const engineHasRelaxedSimd = WebAssembly.validate(new Uint8Array(readFileSync(new URL('../../build/logreg-relaxed.wasm', import.meta.url))));

describe("fitInWorker with simd: 'relaxed'", () => {
  it.skipIf(engineHasRelaxedSimd)('rejects with the engine message when this Node lacks relaxed SIMD', async () => {
    const { X, y } = lib.makeClassification({ nSamples: 200, nFeatures: 4, randomState: 2 });
    await expect(fitInWorker(X, y, { params: { simd: 'relaxed' } })).rejects.toThrow(/does not support relaxed SIMD/);
  });

  it('trains in the worker with the relaxed core, to the bits of the same fit on the calling thread', () => {
    const script = `
      import * as lib from ${JSON.stringify(distIndex.href)};
      import ${JSON.stringify(distRelaxed.href)};
      import { fitInWorker } from ${JSON.stringify(distWorker.href)};
      const bits = (m) => Buffer.from(Float64Array.from([...m.coef.data, ...m.intercept]).buffer).toString('hex');
      const { X, y } = lib.makeClassification({ nSamples: 3000, nFeatures: 8, randomState: 4 });
      const params = { simd: 'relaxed', tol: 1e-8 };
      const here = new lib.LogisticRegression(params).fit(X, y);
      const { model } = await fitInWorker(X, y, { params });
      const standard = new lib.LogisticRegression({ tol: 1e-8 }).fit(X, y);
      console.log(JSON.stringify({ same: bits(model) === bits(here), simd: model.simd, differs: bits(here) !== bits(standard) }));
    `;
    // A file, not --eval: the worker inherits the parent's flags, and --input-type would break it.
    const dir = mkdtempSync(join(tmpdir(), 'logreg-wasm-relaxed-worker-'));
    const file = join(dir, 'fit.mjs');
    writeFileSync(file, script);
    const child = spawnSync(process.execPath, [...RELAXED_SIMD_FLAGS, file], { encoding: 'utf8', timeout: 60_000 });
    rmSync(dir, { recursive: true, force: true });
    expect(child.stderr).toBe('');
    const result = JSON.parse(child.stdout) as { same: boolean; simd: string; differs: boolean };
    expect(result.same).toBe(true);
    expect(result.simd).toBe('relaxed');
  });
});
