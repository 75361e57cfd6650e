/**
 * Measures the demo page's speed on 200,000 × 20 generated rows, in Debian's Chromium
 * through playwright-core: a fit with Threads 1 against Threads 2 (the page's Fit time
 * tile, alternating repeats, medians), then the page's race on the same data. Not part of
 * `npm test` (speed is measured, not tested); rerun it with
 *
 *   npx tsx tools/measure-demo-threads.ts [repeats=5] [samples=200000] [features=20]
 *
 * after `npm run build`. It prints the figures, the date, the CPU (`lscpu`'s model line),
 * the load average, and for each fit how long the browser's threads ran and how long they
 * were ready to run but waited for a core (Linux's /proc/<pid>/task/<tid>/schedstat, all
 * threads of this script's Chromium, sampled every 50 ms): other processes on the machine
 * share the cores the threads need, and that wait says by how much.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

/** PIDs of this process's descendants (Chromium's browser, zygotes, renderers, …). */
function descendants(): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Field 4 of stat, after the command in parentheses (which may hold spaces).
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended meanwhile.
    }
  }
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!mine.has(pid) && mine.has(ppid)) {
        mine.add(pid);
        grew = true;
      }
    }
  }
  mine.delete(process.pid);
  return [...mine];
}

/**
 * Follows the scheduler's counters of every thread of the browser while a fit runs:
 * nanoseconds on a CPU and ready-but-waiting, from each thread's first sample (0 for a
 * thread born meanwhile, e.g. fitInWorker's worker and its helper threads) to its last.
 */
interface Sched {
  /** All the browser's threads: ms on a CPU, ms ready but waiting for one. */
  runMs: number;
  waitMs: number;
  /** The threads that ran most (the fit's worker and its helper threads), with their names. */
  busiest: { thread: string; runMs: number; waitMs: number }[];
}

function schedSampler(): { stop(): Sched } {
  const first = new Map<string, [number, number]>();
  const last = new Map<string, [number, number]>();
  const names = new Map<string, string>();
  let initial = true;
  const sample = (): void => {
    for (const { key, path, run, wait } of browserThreads()) {
      if (!first.has(key)) {
        first.set(key, initial ? [run, wait] : [0, 0]);
        try {
          names.set(key, readFileSync(`${path}/comm`, 'utf8').trim());
        } catch {
          // The thread ended meanwhile.
        }
      }
      last.set(key, [run, wait]);
    }
    initial = false;
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      sample();
      let run = 0;
      let wait = 0;
      const threads: Sched['busiest'] = [];
      for (const [key, [r, w]] of last) {
        const [r0, w0] = first.get(key) as [number, number];
        run += r - r0;
        wait += w - w0;
        threads.push({ thread: names.get(key) ?? key, runMs: Math.round((r - r0) / 1e6), waitMs: Math.round((w - w0) / 1e6) });
      }
      const busiest = threads.sort((a, b) => b.runMs - a.runMs).slice(0, 4);
      return { runMs: Math.round(run / 1e6), waitMs: Math.round(wait / 1e6), busiest };
    },
  };
}

/** Every thread of the browser now, with its scheduler counters (ns on a CPU, ns ready but waiting). */
function* browserThreads(): Generator<{ key: string; path: string; run: number; wait: number }> {
  for (const pid of descendants()) {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const path = `/proc/${pid}/task/${tid}`;
      try {
        const [run, wait] = readFileSync(`${path}/schedstat`, 'utf8').split(' ').map(Number) as [number, number];
        yield { key: `${pid}/${tid}`, path, run, wait };
      } catch {
        // The thread ended meanwhile.
      }
    }
  }
}

/** Milliseconds on a CPU of all the browser's threads, so far (threads that ended are not counted). */
function browserRunMs(): number {
  let run = 0;
  for (const thread of browserThreads()) run += thread.run / 1e6;
  return run;
}

/**
 * Waits until the browser is idle (under 10 % of a core over half a second): after a fit
 * the page goes on working for it (e.g. the model insight refits in a worker for its
 * confidence intervals), and that work would share the cores with the next measurement.
 */
async function waitIdle(limitMs = 180_000): Promise<number> {
  const start = Date.now();
  for (;;) {
    const before = browserRunMs();
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (browserRunMs() - before < 50 || Date.now() - start > limitMs) return Date.now() - start;
  }
}

/** One fit on the page with `threads`; resolves to the Fit time tile's milliseconds and the status line. */
async function fit(page: Page, threads: number): Promise<{ ms: number; status: string } & Sched> {
  await page.selectOption('select[name=threads]', String(threads));
  const settled = await waitIdle();
  if (settled > 1000) console.error(`  (waited ${settled} ms for the page to go idle first)`);
  const sampler = schedSampler();
  await page.click('#train');
  await page.waitForSelector('body[data-state="training"]');
  await page.waitForSelector('body:is([data-state="done"], [data-state="error"])', { timeout: 600_000 });
  const sched = sampler.stop();
  const status = (await page.textContent('#status')) ?? '';
  if ((await page.getAttribute('body', 'data-state')) !== 'done') throw new Error(`the fit failed: ${status}`);
  return { ms: Number(await page.getAttribute('#m-time', 'data-value')), status, ...sched };
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
  /** The browser's threads during each fit: ms on a CPU, and ms ready to run but waiting for one. */
  const sched: Record<1 | 2, Sched[]> = { 1: [], 2: [] };
  const statuses: Record<1 | 2, string> = { 1: '', 2: '' };
  for (let r = 0; r < repeats; r++) {
    // Alternating (1, 2, then 2, 1): drift in the machine's load falls on both alike.
    for (const threads of (r % 2 === 0 ? [1, 2] : [2, 1]) as (1 | 2)[]) {
      const { ms, status, runMs, waitMs, busiest } = await fit(page, threads);
      times[threads].push(ms);
      sched[threads].push({ runMs, waitMs, busiest });
      loads[threads].push(Number(loadavg()[0]?.toFixed(2)));
      statuses[threads] = status;
      console.error(`repeat ${r + 1}: threads ${threads}: ${ms.toFixed(0)} ms (load ${loadavg()[0]?.toFixed(2)}; browser threads ran ${runMs} ms, waited for a core ${waitMs} ms; busiest: ${busiest.map((b) => `${b.thread} ran ${b.runMs} waited ${b.waitMs}`).join(', ')})`);
    }
  }
  const m1 = median(times[1]);
  const m2 = median(times[2]);
  /**
   * CPU time of the fit's busiest thread (the critical path: a pass ends with its slowest
   * thread), per fit: the most a Web Worker thread ran. With 2 threads the work is split
   * between the fit's worker and its helper, so this halves when the split works, whatever
   * the machine's load does to the wall-clock time.
   */
  const criticalCpu = (list: Sched[]): number[] => list.map((s) => Math.max(...s.busiest.filter((b) => b.thread === 'DedicatedWorker').map((b) => b.runMs)));

  await waitIdle();
  const raceSampler = schedSampler();
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
  const raceSched = raceSampler.stop();

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
      sched1: sched[1],
      sched2: sched[2],
      speedup: Number((m1 / m2).toFixed(2)),
      busiestWorkerCpuMs1: criticalCpu(sched[1]),
      busiestWorkerCpuMs2: criticalCpu(sched[2]),
      cpuSpeedup: Number((median(criticalCpu(sched[1])) / median(criticalCpu(sched[2]))).toFixed(2)),
      status1: statuses[1],
      status2: statuses[2],
    },
    race: { ...(race as object), sched: raceSched },
    pageErrors: page.errors,
  };
  console.log(JSON.stringify(out, null, 2));
} finally {
  await browser.close();
  await server.close();
}
