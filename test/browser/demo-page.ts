/**
 * What the demo's browser tests share: the screenshot folder, the two viewports, opening
 * the page and training on it.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Chromium } from './chromium.js';

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
