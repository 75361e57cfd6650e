/**
 * What the demo's browser tests share: the screenshot folder, the two viewports, the
 * served demo and its browser (useDemo), opening the page, training on it and checking it
 * with axe-core.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildDemo } from '../../demo/build.js';
import { startStaticServer, type StaticServer } from '../../demo/server.js';
import { type Chromium, launchChromium } from './chromium.js';

/** Where screenshots go. */
export const SHOTS = fileURLToPath(new URL('../../test-results/browser/', import.meta.url));
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** A fresh page of `browser` at `url` in `viewport`, once the demo says it is ready; `errors` collects the console's errors. */
export async function openDemo(browser: Chromium, url: string, viewport = DESKTOP): Promise<Page & { errors: string[] }> {
  const page = await browser.page();
  await page.setViewportSize(viewport);
  await page.goto(url);
  await page.waitForSelector('body[data-state="ready"]');
  return page;
}

/** Clicks Train and waits for the run to end; resolves to the page's state then ('done' or 'error'). */
export async function trainAndWait(page: Page, timeout = 60_000): Promise<string> {
  await page.click('#train');
  await page.waitForSelector('body:is([data-state="done"], [data-state="error"])', { timeout });
  return (await page.getAttribute('body', 'data-state')) as string;
}

/** The demo served and a browser to open it in, for one test file: see {@link useDemo}. */
export interface Demo {
  /** A fresh page of the demo in `viewport`, at the site's root followed by `query` (e.g. `?lr=0.1`), once it is ready. */
  open(viewport?: typeof DESKTOP, query?: string): Promise<Page & { errors: string[] }>;
  /** The demo's address (ends in `/`); only once the file's `beforeAll` hooks have run. */
  readonly url: string;
  /** The Chromium the pages open in; only once the file's `beforeAll` hooks have run. */
  readonly browser: Chromium;
  /** The built site's folder, as served; only once the file's `beforeAll` hooks have run. */
  readonly site: string;
}

/**
 * Sets up the calling test file: registers a vitest `beforeAll` that makes the screenshot
 * folder, builds the demo, serves it (cross-origin isolated) and launches Chromium at the
 * desktop size, and an `afterAll` that closes the browser, then the server. Call it once,
 * at the top level of the file, before its own hooks (which then run after the demo is up).
 */
export function useDemo(): Demo {
  let server: StaticServer | undefined;
  let browser: Chromium | undefined;
  let site: string | undefined;
  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    site = await buildDemo();
    server = await startStaticServer({ mounts: { '/': site } });
    browser = await launchChromium(DESKTOP);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`useDemo: the ${name} is not there yet (use it inside a test or a hook)`);
    return value;
  };
  return {
    open: (viewport = DESKTOP, query = '') => openDemo(ready(browser, 'browser'), `${ready(server, 'server').url}${query}`, viewport),
    get url() {
      return ready(server, 'server').url;
    },
    get browser() {
      return ready(browser, 'browser');
    },
    get site() {
      return ready(site, 'site');
    },
  };
}

let axeSource: Promise<string> | undefined;

/**
 * axe-core's violations on `page` as it is now, within the element `selector` finds (the
 * whole document when it is left out), each as "rule (impact): help — targets". axe-core is
 * injected into the page the first time only.
 */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.addScriptTag({ content: await axeSource });
  }
  return page.evaluate(async (context) => {
    interface Violation {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: string[] }[];
    }
    const axe = (window as unknown as { axe: { run(context: Document | string): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(context ?? document);
    return result.violations.map((v) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selector ?? null);
}
