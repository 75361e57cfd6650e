/**
 * Launches Debian's Chromium (never a downloaded browser) through playwright-core, with a
 * fresh profile in a temporary folder that is removed on close.
 * @module
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** True when the Chromium binary is there. */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Printed by the default test run when Chromium is missing. */
export const CHROMIUM_NOTICE =
  `Chromium not found at ${CHROMIUM}: skipping the browser tests. ` +
  'Install it with `apt-get install chromium` (Debian), then run `npm run test:browser`.';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface Chromium {
  context: BrowserContext;
  /** A new page that fails the test on uncaught page errors (collected in `errors`). */
  page(): Promise<Page & { errors: string[] }>;
  close(): Promise<void>;
}

/** Starts Chromium with a throwaway profile. */
export async function launchChromium(viewport = { width: 1280, height: 800 }): Promise<Chromium> {
  const { chromium } = await import('playwright-core');
  const userDataDir = await mkdtemp(join(tmpdir(), 'logreg-wasm-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
    timeout: 60_000,
  });
  context.setDefaultTimeout(30_000);
  return {
    context,
    async page() {
      const page = (await context.newPage()) as Page & { errors: string[] };
      page.errors = [];
      page.on('pageerror', (error) => page.errors.push(String(error.stack ?? error)));
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().includes('favicon')) page.errors.push(`console: ${message.text()}`);
      });
      return page;
    },
    async close() {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
