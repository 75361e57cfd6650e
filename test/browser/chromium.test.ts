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
import { PAGE_FIT, referenceFit } from './reference.js';

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
});
