/**
 * Part of `npm test`: a quick check in real Chromium that a plain `<script type="module">`
 * page imports dist/index.js (no init call; the wasm compiles synchronously on the main
 * thread) and dist/worker/index.js, and fits the reference experiment to the same bits as
 * Node. Skipped, with a notice, when Chromium is not installed. The full browser suite is
 * `npm run test:browser`.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../demo/server.js';
import type * as Library from '../../src/index.js';
import { CHROMIUM_NOTICE, type Chromium, chromiumAvailable, launchChromium } from './chromium.js';
import { PAGE_FIT, REFERENCE_DATA, REFERENCE_PARAMS, REFERENCE_SPLIT, referenceFit } from './reference.js';

const available = chromiumAvailable();
if (!available) console.warn(CHROMIUM_NOTICE);

describe.skipIf(!available)('Chromium: a plain module page (quick check; npm run test:browser has the rest)', () => {
  let server: StaticServer;
  let browser: Chromium;
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'logreg-wasm-plain-'));
    await writeFile(join(scratch, 'page-fit.js'), PAGE_FIT);
    await copyFile(fileURLToPath(new URL('./fixtures/plain.html', import.meta.url)), join(scratch, 'plain.html'));
    server = await startStaticServer({
      mounts: { '/': scratch, '/dist/': fileURLToPath(new URL('../../dist/', import.meta.url)) },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('fits the reference experiment on the main thread and in a Web Worker, bit for bit as Node', async () => {
    const lib = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof Library;
    const node = referenceFit(lib);
    const page = await browser.page();
    await page.goto(`${server.url}plain.html`);
    await page.waitForFunction(() => (window as { result?: unknown }).result !== undefined);
    const result = (await page.evaluate(() => (window as { result?: unknown }).result)) as {
      error?: string;
      main: { accuracy: number; bits: string };
      worker: { accuracy: number; bits: string; sameClass: boolean };
      isolated: boolean;
    };
    expect(result.error).toBeUndefined();
    expect(result.main).toEqual({ accuracy: 0.895, bits: node.bits });
    expect(result.worker).toEqual({ accuracy: 0.895, bits: node.bits, sameClass: true });
    expect(result.isolated).toBe(true);
    expect(page.errors).toEqual([]);
  });

  it("trains with simd 'relaxed' after importing logreg-wasm/relaxed-simd, on the main thread and in fitInWorker's worker, to the standard core's result within rounding", async () => {
    const lib = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof Library;
    const node = referenceFit(lib);
    const page = await browser.page();
    await page.goto(`${server.url}plain.html`);
    await page.waitForFunction(() => (window as { result?: unknown }).result !== undefined);
    // A string, so the bundler that runs this test leaves the page's dynamic imports alone.
    const result = (await page.evaluate(`(async () => {
      const lib = await import('/dist/index.js');
      await import('/dist/relaxed-simd/index.js');
      const { X, y } = lib.makeClassification(${JSON.stringify(REFERENCE_DATA)});
      const { XTrain, XTest, yTrain, yTest } = lib.trainTestSplit(X, y, ${JSON.stringify(REFERENCE_SPLIT)});
      const params = { ...${JSON.stringify(REFERENCE_PARAMS)}, simd: 'relaxed' };
      const model = new lib.LogisticRegression(params).fit(XTrain, yTrain);
      // The Web Worker of fitInWorker loads the relaxed entry itself.
      const { fitInWorker } = await import('/dist/worker/index.js');
      const { model: remote } = await fitInWorker(XTrain, yTrain, { params });
      const values = (m) => [...m.coef.data, ...m.intercept];
      return {
        available: lib.relaxedSimdAvailable(),
        accuracy: model.score(XTest, yTest),
        params: values(model),
        workerParams: values(remote),
      };
    })()`)) as { available: boolean; accuracy: number; params: number[]; workerParams: number[] };
    expect(result.available).toBe(true);
    expect(result.accuracy).toBe(0.895);
    expect(result.workerParams).toEqual(result.params);
    const reference = [...node.coef, ...node.intercept];
    result.params.forEach((value, j) => expect(Math.abs(value - reference[j]!)).toBeLessThanOrEqual(1e-12 * Math.abs(reference[j]!)));
    expect(page.errors).toEqual([]);
  });
});
