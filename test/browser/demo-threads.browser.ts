/**
 * Threads in the browser (issue 17, seen 5: "the badge says threads are available, yet
 * every fit runs on one thread"): fitInWorker's worker starts the threads asked for and
 * reports how many its passes ran on, counted by the pool; the demo's Threads picker
 * reaches the fit and its status says so.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../demo/server.js';
import { chromiumAvailable, CHROMIUM_NOTICE } from './chromium.js';
import { SHOTS, trainAndWait, useDemo } from './demo-page.js';

if (!chromiumAvailable()) throw new Error(CHROMIUM_NOTICE);

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

const demo = useDemo();
let isolated: StaticServer;
let plain: StaticServer;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'logreg-wasm-threads-'));
  await writeFile(join(scratch, 'blank.html'), '<!doctype html><html lang="en"><meta charset="utf-8"><link rel="icon" href="data:,"><title>threads</title></html>\n');
  const mounts = { '/': scratch, '/dist/': DIST };
  isolated = await startStaticServer({ mounts });
  plain = await startStaticServer({ mounts, isolated: false });
});
afterAll(async () => {
  await Promise.all([isolated?.close(), plain?.close()]);
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

interface PageFits {
  isolated: boolean;
  cores: number;
  fits: { threads: number; bits: string }[];
  warnings: string[];
}

/**
 * The page's side, as plain JavaScript (a string, so the test runner does not rewrite its
 * imports): fits 10,000 × 5 rows, 5 chunks of 2,048 rows, with threads 1 then 2.
 */
const PAGE_FITS = `(async () => {
  const lib = await import('/dist/index.js');
  const { fitInWorker } = await import('/dist/worker/index.js');
  const { X, y } = lib.makeClassification({ nSamples: 10000, nFeatures: 5, nInformative: 3, nRedundant: 0, randomState: 3 });
  const warnings = [];
  const params = { solver: 'gd', penalty: 'none', learningRate: 0.1, maxIter: 30, tol: 0, onWarning: (text) => warnings.push(text) };
  const fits = [];
  for (const threads of [1, 2]) {
    const fit = await fitInWorker(X, y, { params: { ...params, threads } });
    const values = Float64Array.from([...fit.model.coef.data, ...fit.model.intercept]);
    fits.push({ threads: fit.threads, bits: Array.from(new Uint8Array(values.buffer), (b) => b.toString(16).padStart(2, '0')).join('') });
  }
  return { isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency, fits, warnings };
})()`;

/** Fits 10,000 × 5 rows (5 chunks of rows) with threads 1 and 2 in fitInWorker's worker, on a page of `server`. */
async function fitOnPage(server: StaticServer): Promise<PageFits & { errors: string[] }> {
  const page: Page & { errors: string[] } = await demo.browser.page();
  await page.goto(`${server.url}blank.html`);
  const result = (await page.evaluate(PAGE_FITS)) as PageFits;
  return { ...result, errors: page.errors };
}

describe('fitInWorker in a browser', () => {
  it('runs the passes of a threads-2 fit on 2 threads in a cross-origin isolated page, to the bits of threads 1', async () => {
    const result = await fitOnPage(isolated);
    expect(result.isolated).toBe(true);
    expect(result.cores).toBeGreaterThanOrEqual(2);
    expect(result.fits.map((f) => f.threads)).toEqual([1, 2]);
    expect(result.fits[1]?.bits).toBe(result.fits[0]?.bits);
    expect(result.warnings).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  it('falls back to 1 thread with the library\'s warning in a page that is not cross-origin isolated', async () => {
    const result = await fitOnPage(plain);
    expect(result.isolated).toBe(false);
    expect(result.fits.map((f) => f.threads)).toEqual([1, 1]);
    expect(result.fits[1]?.bits).toBe(result.fits[0]?.bits);
    expect(result.warnings).toEqual([
      'logreg-wasm: SharedArrayBuffer is not available (a page must be cross-origin isolated), so training runs on one thread',
    ]);
    expect(result.errors).toEqual([]);
  });
});

describe('the demo with Threads 2', () => {
  it('trains 20,000 generated rows on 2 threads and says so in the status', async () => {
    const page = await demo.open();
    await page.fill('input[name=nSamples]', '20000');
    await page.selectOption('select[name=threads]', '2');
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.textContent('#status')).toMatch(/^Trained in a worker on 2 threads: /);
    await page.screenshot({ path: `${SHOTS}demo-threads-2.png` });
    expect(page.errors).toEqual([]);
  });

  it('does not claim 2 threads for the reference data, whose 800 rows are one chunk: every pass ran on one thread', async () => {
    const page = await demo.open();
    await page.selectOption('select[name=threads]', '2');
    expect(await trainAndWait(page)).toBe('done');
    const status = (await page.textContent('#status')) ?? '';
    expect(status).toMatch(/^Trained in a worker/);
    expect(status).not.toContain('on 2 threads');
    expect(page.errors).toEqual([]);
  });
});
