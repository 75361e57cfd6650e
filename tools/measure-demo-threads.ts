/**
 * Measures the demo page's speed on 200,000 × 20 generated rows, in Debian's Chromium
 * through playwright-core: a fit with Threads 1 against Threads 2 (the page's Fit time
 * tile, alternating repeats, medians), then the page's race on the same data. Not part of
 * `npm test` (speed is measured, not tested); rerun it with
 *
 *   npx tsx tools/measure-demo-threads.ts [repeats=5] [samples=200000] [features=20]
 *
 * after `npm run build`. It prints the figures, the date, the CPU (`lscpu`'s model line)
 * and the load average before and after, since other processes on the machine share the
 * cores the threads need.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { buildDemo } from '../demo/build.js';
import { startStaticServer } from '../demo/server.js';
import { launchChromium } from '../test/browser/chromium.js';

const repeats = Number(process.argv[2] ?? 5);
const samples = String(process.argv[3] ?? 200_000);
const features = String(process.argv[4] ?? 20);

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function cpuModel(): string {
  try {
    return execFileSync('lscpu', { encoding: 'utf8' }).split('\n').find((line) => line.startsWith('Model name'))?.replace(/\s+/g, ' ').trim() ?? 'unknown';
  } catch {
    return 'unknown (no lscpu)';
  }
}

/** One fit on the page with `threads`; resolves to the Fit time tile's milliseconds and the status line. */
async function fit(page: Page, threads: number): Promise<{ ms: number; status: string }> {
  await page.selectOption('select[name=threads]', String(threads));
  await page.click('#train');
  await page.waitForSelector('body[data-state="training"]');
  await page.waitForSelector('body:is([data-state="done"], [data-state="error"])', { timeout: 600_000 });
  const status = (await page.textContent('#status')) ?? '';
  if ((await page.getAttribute('body', 'data-state')) !== 'done') throw new Error(`the fit failed: ${status}`);
  return { ms: Number(await page.getAttribute('#m-time', 'data-value')), status };
}

const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
const loadBefore = load();
const server = await startStaticServer({ mounts: { '/': await buildDemo() } });
const browser = await launchChromium({ width: 1280, height: 800 });
try {
  const page = await browser.page();
  await page.goto(server.url);
  await page.waitForSelector('body[data-state="ready"]');
  await page.check('input[name=source][value=generate]').catch(() => {});
  await page.fill('input[name=nSamples]', samples);
  await page.fill('input[name=nFeatures]', features);
  await page.fill('input[name=nInformative]', '5');
  // Strings, not functions: tsx's helpers (e.g. __name) do not exist in the page.
  const settings = (await page.evaluate(`(() => {
    const value = (name) => document.querySelector('[name=' + name + ']')?.value ?? '';
    return { solver: value('solver'), maxIter: value('maxIter'), tol: value('tol'), learningRate: value('learningRate'), cores: navigator.hardwareConcurrency, isolated: crossOriginIsolated };
  })()`)) as Record<string, unknown>;
  // An untimed fit first: the data are generated once (the page keeps them), and the browser warms up.
  await fit(page, 1);
  const times: Record<1 | 2, number[]> = { 1: [], 2: [] };
  /** The 1-minute load average after each fit: above the 2 cores, other processes took some of them. */
  const loads: Record<1 | 2, number[]> = { 1: [], 2: [] };
  const statuses: Record<1 | 2, string> = { 1: '', 2: '' };
  for (let r = 0; r < repeats; r++) {
    // Alternating (1, 2, then 2, 1): drift in the machine's load falls on both alike.
    for (const threads of (r % 2 === 0 ? [1, 2] : [2, 1]) as (1 | 2)[]) {
      const { ms, status } = await fit(page, threads);
      times[threads].push(ms);
      loads[threads].push(Number(loadavg()[0]?.toFixed(2)));
      statuses[threads] = status;
      console.error(`repeat ${r + 1}: threads ${threads}: ${ms.toFixed(0)} ms (load ${loadavg()[0]?.toFixed(2)})`);
    }
  }
  const m1 = median(times[1]);
  const m2 = median(times[2]);

  await page.click('#race-start');
  await page.waitForFunction(`/^Done|failed/.test(document.getElementById('race-status')?.textContent ?? '')`, undefined, { timeout: 600_000 });
  const race = await page.evaluate(`(() => ({
    status: document.getElementById('race-status')?.textContent ?? '',
    lanes: Array.from(document.querySelectorAll('#race-lanes .race-lane'), (row) => ({
      lane: row.querySelector('.race-name')?.textContent ?? '',
      msPerIteration: Number(row.querySelector('.race-time').dataset.value),
      shown: row.querySelector('.race-time')?.textContent ?? '',
    })),
    ratios: document.getElementById('race-ratios')?.textContent ?? '',
    note: document.getElementById('race-note')?.textContent ?? '',
    agreement: document.getElementById('race-agreement')?.textContent ?? '',
  }))()`);

  const out = {
    date: new Date().toISOString(),
    cpu: cpuModel(),
    chromium: browser.context.browser()?.version() ?? 'unknown',
    loadAverageBefore: loadBefore,
    loadAverageAfter: load(),
    page: settings,
    data: `${samples} × ${features} generated (Informative 5), 80 % training rows`,
    fit: {
      repeats,
      threads1Ms: times[1].map((x) => Math.round(x)),
      threads2Ms: times[2].map((x) => Math.round(x)),
      median1Ms: Math.round(m1),
      median2Ms: Math.round(m2),
      load1: loads[1],
      load2: loads[2],
      speedup: Number((m1 / m2).toFixed(2)),
      status1: statuses[1],
      status2: statuses[2],
    },
    race,
    pageErrors: page.errors,
  };
  console.log(JSON.stringify(out, null, 2));
} finally {
  await browser.close();
  await server.close();
}
