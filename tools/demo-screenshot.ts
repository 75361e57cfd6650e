/**
 * Renders docs/demo.png, README's picture of the demo page: the built page in Debian's
 * Chromium at 1280×800 (device scale 1), after training on the built-in breast-cancer
 * data. Run `npm run build` first, then `npx tsx tools/demo-screenshot.ts`.
 * @module
 */
import { fileURLToPath } from 'node:url';
import { buildDemo } from '../demo/build.js';
import { startStaticServer } from '../demo/server.js';
import { launchChromium } from '../test/browser/chromium.js';

const OUT = fileURLToPath(new URL('../docs/demo.png', import.meta.url));

const server = await startStaticServer({ mounts: { '/': await buildDemo() } });
const browser = await launchChromium({ width: 1280, height: 800 });
try {
  const page = await browser.page();
  await page.goto(server.url);
  await page.waitForSelector('body[data-state="ready"]');
  await page.check('input[name=source][value=dataset]');
  await page.selectOption('select[name=dataset]', 'breast-cancer');
  await page.click('#train');
  await page.waitForSelector('body[data-state="done"]', { timeout: 60_000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: OUT });
  if (page.errors.length > 0) throw new Error(`the page logged errors:\n${page.errors.join('\n')}`);
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
  await server.close();
}
