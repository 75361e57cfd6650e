/**
 * The demo's race (issue 17, "Speed on show"): the plain-JS baseline, the WebAssembly core
 * on one thread and on several, on the run's own training data. Speed is measured, not
 * tested: these tests check that the page's figures agree with one another, that the lanes
 * reach the same coefficients, that a race can be cancelled and that text runs have none.
 * Screenshots go to test-results/browser/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, CHROMIUM_NOTICE } from './chromium.js';
import { axeViolations, PHONE, SHOTS, trainAndWait, useDemo } from './demo-page.js';

if (!chromiumAvailable()) throw new Error(CHROMIUM_NOTICE);

const demo = useDemo();

interface LaneFigures {
  lane: string;
  name: string;
  /** The text after the bar, e.g. "0.00512 ms / iteration". */
  text: string;
  /** The exact median ms / iteration the text rounds. */
  value: number;
}

async function lanes(page: Page): Promise<LaneFigures[]> {
  return page.$$eval('#race-lanes .race-lane', (rows) =>
    rows.map((row) => ({
      lane: (row as HTMLElement).dataset['lane'] ?? '',
      name: row.querySelector('.race-name')?.textContent ?? '',
      text: row.querySelector('.race-time')?.textContent ?? '',
      value: Number((row.querySelector('.race-time') as HTMLElement).dataset['value']),
    })),
  );
}

async function raceAndWait(page: Page): Promise<void> {
  await page.click('#race-start');
  await page.waitForFunction(() => /^Done|failed/.test(document.getElementById('race-status')?.textContent ?? ''), undefined, { timeout: 90_000 });
}

describe('the race on the reference data', () => {
  it('shows three lanes whose ratios are the quotients of the times shown, the same figures in its data table, and coefficients that agree', async () => {
    const page = await demo.open();
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.isVisible('#race')).toBe(true);
    await raceAndWait(page);
    expect(await page.textContent('#race-status')).toMatch(/^Done: 3 lanes, [\d,]+ iterations each/);
    const shown = await lanes(page);
    expect(shown.map((l) => l.lane)).toEqual(['js', 'wasm-1', 'wasm-n']);
    expect(shown.map((l) => l.name)).toEqual(['Plain JavaScript', 'WebAssembly, 1 thread', 'WebAssembly, 2 threads']);
    for (const lane of shown) {
      expect(lane.value).toBeGreaterThan(0);
      expect(lane.text).toBe(`${String(Number(lane.value.toPrecision(3)))} ms / iteration`);
    }
    const [js, one, many] = shown as [LaneFigures, LaneFigures, LaneFigures];
    const ratios = (await page.textContent('#race-ratios')) ?? '';
    const wasmRatio = /WebAssembly on 1 thread: ([\d.]+)× the speed of the plain-JavaScript loop/.exec(ratios)?.[1];
    // 800 rows are one chunk: the 2-thread lane's passes ran on one thread, and the page does not call its ratio a gain.
    const threadRatio = /2 threads asked, but every pass ran on one thread: ([\d.]+)× one thread is the run-to-run difference/.exec(ratios)?.[1];
    expect(wasmRatio).toBe((js.value / one.value).toFixed(1));
    expect(threadRatio).toBe((one.value / many.value).toFixed(1));
    // 800 rows are one chunk of rows: the page says the passes ran on one thread.
    expect(await page.textContent('#race-note')).toBe('The passes of the 2-thread lane ran on 1 thread: a pass is split by chunks of 2,048 rows, and 800 rows make fewer chunks than threads.');

    await page.click('#race-text summary');
    const table = await page.$$eval('#race-text table tbody tr', (rows) => rows.map((row) => Array.from((row as HTMLTableRowElement).cells, (cell) => cell.textContent)));
    const iterations = /([\d,]+) iterations each/.exec((await page.textContent('#race-status')) ?? '')?.[1];
    expect(table).toEqual([
      ['Plain JavaScript', iterations, expect.stringMatching(/^\d+$/), String(Number(js.value.toPrecision(3))), '1 (yardstick)'],
      ['WebAssembly, 1 thread', iterations, expect.stringMatching(/^\d+$/), String(Number(one.value.toPrecision(3))), `${wasmRatio}× plain JS`],
      ['WebAssembly, 2 threads', iterations, expect.stringMatching(/^\d+$/), String(Number(many.value.toPrecision(3))), `${threadRatio}× 1 thread`],
    ]);
    expect(await page.getAttribute('#race-agreement', 'data-agree')).toBe('true');
    expect(await page.textContent('#race-agreement')).toMatch(/^The three lanes reach the same coefficients: .*\(checked to 1e-9\); 1 and several threads bit for bit\.$/);
    await page.locator('#race').screenshot({ path: `${SHOTS}demo-race-desktop.png` });
    expect(await axeViolations(page, '#race')).toEqual([]);
    expect(page.errors).toEqual([]);
  });

  it('is cancelled by Cancel race: the worker stops, unfinished lanes say "not run", and Race can start again', async () => {
    const page = await demo.open();
    expect(await trainAndWait(page)).toBe('done');
    await page.click('#race-start');
    await page.waitForSelector('#race-lanes .race-lane[data-lane="js"][data-state="running"]');
    expect(await page.isEnabled('#race-cancel')).toBe(true);
    await page.click('#race-cancel');
    expect(await page.textContent('#race-status')).toBe('Race cancelled.');
    expect(await page.isEnabled('#race-start')).toBe(true);
    expect(await page.isDisabled('#race-cancel')).toBe(true);
    const after = await lanes(page);
    expect(after.map((l) => l.text)).toEqual(['not run', 'not run', 'not run']);
    // Nothing more arrives from the stopped race.
    await page.waitForTimeout(1500);
    expect(await page.textContent('#race-status')).toBe('Race cancelled.');
    expect(page.errors).toEqual([]);
  });

  it('lays the lanes out on a phone, each name above its bar', async () => {
    const page = await demo.open(PHONE);
    expect(await trainAndWait(page)).toBe('done');
    await raceAndWait(page);
    const boxes = await page.$$eval('#race-lanes .race-lane', (rows) =>
      rows.map((row) => {
        const name = row.querySelector('.race-name')!.getBoundingClientRect();
        const track = row.querySelector('.race-track')!.getBoundingClientRect();
        return { nameBottom: name.bottom, trackTop: track.top, trackWidth: track.width, right: row.getBoundingClientRect().right };
      }),
    );
    for (const box of boxes) {
      expect(box.trackTop).toBeGreaterThanOrEqual(box.nameBottom - 1);
      expect(box.trackWidth).toBeGreaterThan(100);
      expect(box.right).toBeLessThanOrEqual(PHONE.width);
    }
    await page.locator('#race').screenshot({ path: `${SHOTS}demo-race-phone.png` });
    expect(await axeViolations(page, '#race')).toEqual([]);
    expect(page.errors).toEqual([]);
  });
});

describe('the race for a multiclass run', () => {
  it('says the plain-JS baseline trains two classes only, and offers no Race button (iris, 3 classes)', async () => {
    const page = await demo.open();
    await page.check('input[name=source][value=dataset]');
    await page.selectOption('select[name=dataset]', 'iris');
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.isVisible('#race')).toBe(true);
    expect(await page.textContent('#race-intro')).toBe('The plain-JavaScript baseline trains two classes only; this run has 3, so there is no race for it.');
    expect(await page.isHidden('#race-start')).toBe(true);
    expect(page.errors).toEqual([]);
  });
});

describe('the race for a text run', () => {
  it('is not offered: the section stays hidden', async () => {
    const page = await demo.open();
    await page.check('input[name=source][value=text]');
    await page.click('#load-sample');
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.isHidden('#race')).toBe(true);
    expect(page.errors).toEqual([]);
  });
});
