/**
 * The demo's run history (issue 17, "What to build" 4): runs you can compare (a table
 * row and a loss curve per run, settings put back with one click, a log scale) and the
 * settings in the URL (a run's link reproduces it; a hostile link does no harm).
 * Screenshots go to test-results/browser/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, CHROMIUM_NOTICE } from './chromium.js';
import { axeViolations, DESKTOP, PHONE, SHOTS, trainAndWait, useDemo } from './demo-page.js';

if (!chromiumAvailable()) throw new Error(CHROMIUM_NOTICE);

const demo = useDemo();

/** Sets the learning rate (and any other fields given) and trains; fails the test unless the run finishes. */
async function run(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const selector = `[name=${name}]`;
    if ((await page.locator(selector).evaluate((node) => node.tagName)) === 'SELECT') await page.selectOption(selector, value);
    else await page.fill(selector, value);
  }
  expect(await trainAndWait(page)).toBe('done');
}

/** The history table's rows, newest first, as their cells' text keyed by column heading. */
async function historyRows(page: Page): Promise<Record<string, string>[]> {
  return page.evaluate(() => {
    const table = document.querySelector('#history table') as HTMLTableElement;
    const heads = Array.from(table.tHead!.rows[0]!.cells).map((c) => c.textContent ?? '');
    return Array.from(table.tBodies[0]!.rows).map((tr) => Object.fromEntries(Array.from(tr.cells).map((c, j) => [heads[j], (c.textContent ?? '').trim()])));
  });
}

/** The overlay's y tick labels with their pixel heights, and its y axis title. */
async function yAxis(page: Page): Promise<{ labels: { value: number; y: number }[]; title: string }> {
  return page.evaluate(() => {
    const svg = document.getElementById('history-loss')!;
    const labels = Array.from(svg.querySelectorAll('g.ticks text[text-anchor=end]')).map((t) => ({ value: Number(t.textContent), y: Number(t.getAttribute('y')) }));
    const titles = Array.from(svg.querySelectorAll('text.axis-title')).map((t) => t.textContent ?? '');
    return { labels, title: titles[1] ?? '' };
  });
}

/** Largest distance of the points (x, y) from the straight line through the first and last. */
function offLine(points: [number, number][]): number {
  const [x0, y0] = points[0] as [number, number];
  const [x1, y1] = points.at(-1) as [number, number];
  return Math.max(...points.map(([x, y]) => Math.abs(y0 + ((x - x0) / (x1 - x0)) * (y1 - y0) - y)));
}

describe('the run history', () => {
  it('shows two runs with different learning rates as two rows and two curves, newest first', async () => {
    const page = await demo.open();
    expect(await page.isHidden('#history')).toBe(true);
    await run(page, { learningRate: '0.01' });
    await run(page, { learningRate: '0.1' });
    const rows = await historyRows(page);
    expect(rows.map((r) => [r['Run'], r['Learning rate']])).toEqual([
      ['#2', '0.1'],
      ['#1', '0.01'],
    ]);
    // Run 1 is the reference experiment; run 2's figures are the tiles on show.
    expect(rows[1]?.['Accuracy']).toBe('0.895');
    expect(rows[0]?.['Accuracy']).toBe(await page.textContent('#m-accuracy'));
    expect(rows[0]?.['Log-loss']).toBe(await page.textContent('#m-logloss'));
    const curves = await page.evaluate(() =>
      Array.from(document.querySelectorAll('#history-loss path.loss-line')).map((p) => ({ stroke: p.getAttribute('stroke'), dash: p.getAttribute('stroke-dasharray') ?? '' })),
    );
    expect(curves).toHaveLength(2);
    expect(curves[0]?.stroke).not.toBe(curves[1]?.stroke);
    expect(curves[0]?.dash).not.toBe(curves[1]?.dash);
    expect(await page.locator('#history .history-legend li').allTextContents()).toEqual(['Run 2', 'Run 1']);
    expect(page.errors).toEqual([]);
  });

  it('puts run 1\'s settings back into the form with "Use these settings"', async () => {
    const page = await demo.open();
    await run(page, { learningRate: '0.05', maxIter: '300' });
    await run(page, { solver: 'lbfgs', penalty: 'l2', C: '0.5', maxIter: '100' });
    await page.click('#history button[data-run="1"]');
    expect(await page.inputValue('[name=solver]')).toBe('gd');
    expect(await page.inputValue('[name=penalty]')).toBe('none');
    expect(await page.inputValue('[name=learningRate]')).toBe('0.05');
    expect(await page.inputValue('[name=maxIter]')).toBe('300');
    // The fields follow the restored solver and penalty.
    expect(await page.isDisabled('[name=learningRate]')).toBe(false);
    expect(await page.isDisabled('[name=C]')).toBe(true);
    expect(await page.textContent('#history .history-note')).toContain('Run 1');
    expect(page.errors).toEqual([]);
  });

  it('switches the curves\' vertical axis to a log scale with the "Log scale" box', async () => {
    const page = await demo.open();
    await run(page, { learningRate: '0.01' });
    await run(page, { learningRate: '1' });
    const linear = await yAxis(page);
    expect(linear.title).toBe('Loss');
    await page.check('#history-log');
    const log = await yAxis(page);
    expect(log.title).toBe('Loss (log scale)');
    // Tick heights are linear in the value on the linear axis and in its logarithm on the log axis, not the other way round.
    const linearPoints = linear.labels.map((l) => [l.value, l.y] as [number, number]);
    const logPoints = log.labels.map((l) => [Math.log10(l.value), l.y] as [number, number]);
    expect(log.labels.length).toBeGreaterThanOrEqual(3);
    expect(offLine(linearPoints)).toBeLessThan(0.5);
    expect(offLine(logPoints)).toBeLessThan(0.5);
    expect(offLine(log.labels.map((l) => [l.value, l.y]))).toBeGreaterThan(3);
    expect(await page.textContent('#history-loss-caption')).toContain('log vertical scale');
    await page.uncheck('#history-log');
    expect((await yAxis(page)).title).toBe('Loss');
    expect(page.errors).toEqual([]);
  });

  it('empties and hides with "Clear history", focus on Train', async () => {
    const page = await demo.open();
    await run(page, {});
    await page.click('#history-clear');
    expect(await page.isHidden('#history')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('train');
    await run(page, {});
    expect(await historyRows(page)).toHaveLength(1);
  });
});

describe('the settings in the URL', () => {
  it('opens a run\'s link with its settings, and Train gives the same accuracy and log-loss exactly', async () => {
    const page = await demo.open();
    await run(page, { nSamples: '800', randomState: '7', classSep: '0.7', learningRate: '0.05', maxIter: '400', splitSeed: '3' });
    const tiles = async (p: Page): Promise<(string | null)[]> =>
      Promise.all(['#m-accuracy', '#m-logloss', '#m-auc'].map((id) => p.getAttribute(id, 'data-value')));
    const first = await tiles(page);
    const href = (await page.getAttribute('#history a[aria-label="Link to run 1"]', 'href')) as string;
    expect(href).toMatch(/^\?v=1&/);
    // The address bar carries the same settings.
    expect(await page.evaluate(() => location.search)).toBe(href);

    const other = await demo.open(DESKTOP, href);
    expect(await other.inputValue('[name=nSamples]')).toBe('800');
    expect(await other.inputValue('[name=learningRate]')).toBe('0.05');
    expect(await trainAndWait(other)).toBe('done');
    expect(await tiles(other)).toEqual(first);
    expect(first.every((v) => v !== null && Number.isFinite(Number(v)))).toBe(true);
    expect(other.errors).toEqual([]);
  });

  it('opens a built-in dataset run\'s link, and Train gives the same accuracy and log-loss exactly', async () => {
    const page = await demo.open();
    await page.check('input[name=source][value=dataset]');
    await page.selectOption('[name=dataset]', 'wine');
    await run(page, {});
    const tiles = async (p: Page): Promise<(string | null)[]> => Promise.all(['#m-accuracy', '#m-logloss'].map((id) => p.getAttribute(id, 'data-value')));
    const first = await tiles(page);
    const [row] = await historyRows(page);
    expect(row?.['Data']).not.toContain('not in the link');
    const href = (await page.getAttribute('#history a[aria-label="Link to run 1"]', 'href')) as string;
    const other = await demo.open(DESKTOP, href);
    expect(await other.inputValue('[name=dataset]')).toBe('wine');
    expect(await trainAndWait(other)).toBe('done');
    expect(await tiles(other)).toEqual(first);
    expect(other.errors).toEqual([]);
  });

  it('says that a CSV run\'s link carries the settings but not the data', async () => {
    const page = await demo.open();
    await page.check('input[name=source][value=csv]');
    await page.fill('textarea[name=csvText]', 'a,b,y\n' + Array.from({ length: 60 }, (_, i) => `${i % 7},${(i * 3) % 11},${i % 2}`).join('\n'));
    await run(page, {});
    const [row] = await historyRows(page);
    expect(row?.['Data']).toContain('not in the link');
    expect(row?.['Reuse']).toContain('settings only');
    const href = (await page.getAttribute('#history a[aria-label="Link to run 1"]', 'href')) as string;
    expect(href).not.toContain('csvText');
  });

  it('opens a hostile link without harm: nothing injected, no error, and Train refuses the bad number as typed', async () => {
    const long = 'x'.repeat(4000); // beyond what a setting needs, within what a server takes in a URL
    const query =
      `?__proto__=1&constructor=x&__proto__[polluted]=1&nSamples=1e999&solver=<img src=x onerror=alert(1)>&penalty=l2&penalty=l1` +
      `&maxIter=${long}&v=999&tol=%E0%A4%A&learningRate=0.02&learningRate=0.02`;
    const page = await demo.open(DESKTOP, query);
    expect(await page.evaluate(() => document.querySelectorAll('img, script:not([src])').length)).toBe(0);
    expect(await page.evaluate(() => ({}) as Record<string, unknown>)).toEqual({});
    expect(await page.evaluate(() => 'polluted' in Object.prototype)).toBe(false);
    expect(await page.inputValue('[name=solver]')).toBe('gd'); // not an option: left as it was
    expect(await page.inputValue('[name=penalty]')).toBe('none'); // given twice, differently: left
    expect(await page.inputValue('[name=maxIter]')).toBe('1000'); // too long: left
    expect(await page.inputValue('[name=learningRate]')).toBe('0.02'); // given twice, the same: taken
    expect(await trainAndWait(page)).toBe('error');
    expect(await page.getAttribute('[name=nSamples]', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#message')).toMatch(/Samples/);
    await page.fill('[name=nSamples]', '1000');
    await page.fill('[name=tol]', '0');
    expect(await trainAndWait(page)).toBe('done');
    expect(page.errors).toEqual([]);
  });
});

for (const [name, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  describe(`the history on a ${name} (${viewport.width}×${viewport.height})`, () => {
    it('fits the page (no sideways page scroll), passes axe-core and is screenshotted', async () => {
      const page = await demo.open(viewport);
      await run(page, { learningRate: '0.01' });
      await run(page, { learningRate: '0.1' });
      await run(page, { learningRate: '1', maxIter: '300' });
      await run(page, { solver: 'lbfgs', maxIter: '100' });
      // A diverged run (the loss swings to ~10⁵): on a linear axis it flattens the others, on a log axis all show.
      await run(page, { solver: 'gd', learningRate: '1000000', maxIter: '200' });
      expect((await historyRows(page))[0]?.['Outcome']).toBe('diverged');
      await page.locator('#history').scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await page.locator('#history').screenshot({ path: `${SHOTS}history-${name}.png` });
      await page.check('#history-log');
      await page.locator('#history .history-curves').screenshot({ path: `${SHOTS}history-log-${name}.png` });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      expect(await axeViolations(page, '#history')).toEqual([]);
      expect(page.errors).toEqual([]);
    });
  });
}
