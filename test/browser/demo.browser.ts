/**
 * The demo page in Debian's Chromium: it trains the reference experiment to 0.895 with
 * the same bits as Node, keeps the main thread free during a large fit, cancels, and
 * answers bad input with a readable message while staying usable. Screenshots go to
 * test-results/browser/.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type * as Library from '../../src/index.js';
import { chromiumAvailable, CHROMIUM_NOTICE } from './chromium.js';
import { PHONE, SHOTS, trainAndWait, useDemo } from './demo-page.js';
import { referenceFit } from './reference.js';


if (!chromiumAvailable()) throw new Error(CHROMIUM_NOTICE);

const demo = useDemo();
let node: ReturnType<typeof referenceFit>;

beforeAll(async () => {
  const lib = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof Library;
  node = referenceFit(lib);
});

async function message(page: Page): Promise<string> {
  await page.waitForSelector('#message:not([hidden])');
  return (await page.textContent('#message')) ?? '';
}

describe('the demo page', () => {
  it('is served cross-origin isolated', async () => {
    const page = await demo.open();
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.textContent('#isolation')).toBe('threads available');
  });

  it('trains the reference experiment in a worker: accuracy 0.895, the coefficients bit for bit as Node (desktop screenshot)', async () => {
    const page = await demo.open();
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.textContent('#m-accuracy')).toBe('0.895');
    expect(await page.getAttribute('#m-accuracy', 'data-value')).toBe('0.895');
    expect(await page.textContent('#m-iter')).toBe('1,000');
    expect(await page.textContent('#m-rows')).toBe('800 / 200');
    expect(Number(await page.getAttribute('#m-logloss', 'data-value'))).toBeGreaterThan(0);
    expect(Number(await page.getAttribute('#m-auc', 'data-value'))).toBeGreaterThan(0.9);
    expect(await page.locator('#scatter .point').count()).toBe(200);
    expect(await page.locator('#scatter line.boundary').count()).toBe(1);
    expect(await page.locator('#scatter image.shading').count()).toBe(1);
    expect(await page.locator('#loss path.loss-line').count()).toBe(1);

    // The downloaded model is the worker's fit: compare its parameters' bits with Node's.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe('logreg-model.json');
    const doc = JSON.parse(await readFile((await download.path()) as string, 'utf8')) as { model: { coef: number[][]; intercept: number[] } };
    const bits = Buffer.from(Float64Array.from([...(doc.model.coef[0] as number[]), ...doc.model.intercept]).buffer).toString('hex');
    expect(bits).toBe(node.bits);
    expect(node.accuracy).toBe(0.895);

    // The same fit on the page's main thread, with the library the page loaded.
    // (A string, so the test runner's transform leaves this import() alone.)
    const here = await page.evaluate(`(async () => {
      const lib = await import(new URL('./lib/index.js', location.href).href);
      const { X, y } = lib.makeClassification({ nSamples: 1000, nFeatures: 2, nRedundant: 0, nInformative: 2, nClustersPerClass: 1, randomState: 42 });
      const split = lib.trainTestSplit(X, y, { testSize: 0.2, randomState: 42 });
      const model = new lib.LogisticRegression({ solver: 'gd', penalty: 'none', learningRate: 0.01, maxIter: 1000, tol: 0 }).fit(split.XTrain, split.yTrain);
      const values = Float64Array.from([...model.coef.data, ...model.intercept]);
      return { accuracy: model.score(split.XTest, split.yTest), bits: Array.from(new Uint8Array(values.buffer), (b) => b.toString(16).padStart(2, '0')).join('') };
    })()`);
    expect(here).toEqual({ accuracy: 0.895, bits: node.bits });

    await page.screenshot({ path: `${SHOTS}demo-desktop.png` });
    expect(page.errors).toEqual([]);
  });

  it('runs a threaded fit in the isolated page, bit for bit as one thread and as Node', async () => {
    const page = await demo.open();
    const result = (await page.evaluate(`(async () => {
      const lib = await import(new URL('./lib/index.js', location.href).href);
      const threads = await lib.startWorkers(2);
      const { X, y } = lib.makeClassification({ nSamples: 20000, nFeatures: 12, nInformative: 6, randomState: 7 });
      const fit = (t) => {
        const model = new lib.LogisticRegression({ threads: t, tol: 1e-8, maxIter: 300 }).fit(X, y);
        const values = Float64Array.from([...model.coef.data, ...model.intercept]);
        return Array.from(new Uint8Array(values.buffer), (b) => b.toString(16).padStart(2, '0')).join('');
      };
      const result = { threads, one: fit(1), two: fit(2) };
      lib.terminateWorkers();
      return result;
    })()`)) as { threads: number; one: string; two: string };
    expect(result.threads).toBe(2);
    expect(result.two).toBe(result.one);
    const lib = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof Library;
    const { X, y } = lib.makeClassification({ nSamples: 20000, nFeatures: 12, nInformative: 6, randomState: 7 });
    const model = new lib.LogisticRegression({ threads: 2, tol: 1e-8, maxIter: 300 }).fit(X, y);
    const values = Float64Array.from([...model.coef.data, ...model.intercept]);
    expect(Buffer.from(values.buffer).toString('hex')).toBe(result.one);
    lib.terminateWorkers();
    expect(page.errors).toEqual([]);
  });

  it('is tidy on a phone-sized screen (screenshot)', async () => {
    const page = await demo.open(PHONE);
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.textContent('#m-accuracy')).toBe('0.895');
    // Nothing sticks out sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: `${SHOTS}demo-phone.png`, fullPage: true });
    await page.locator('.results').screenshot({ path: `${SHOTS}demo-phone-results.png` });
    expect(page.errors).toEqual([]);
  });

  it('keeps the main thread free during a large fit (requestAnimationFrame keeps ticking), and cancels', async () => {
    const page = await demo.open();
    await page.fill('input[name=nSamples]', '100000');
    await page.fill('input[name=nFeatures]', '20');
    await page.fill('input[name=nInformative]', '6');
    await page.fill('input[name=maxIter]', '1500');
    await page.click('#train');
    await page.waitForSelector('body[data-state="training"]', { timeout: 60_000 });
    // Count frames while the worker trains.
    await page.evaluate(() => {
      const w = window as unknown as { frames: number[]; ticking: boolean };
      w.frames = [];
      w.ticking = true;
      const tick = (t: number): void => {
        if (document.body.dataset['state'] !== 'training') return;
        w.frames.push(t);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.waitForFunction(() => Number((document.getElementById('progress') as HTMLProgressElement).value) > 0, null, { timeout: 60_000 });
    const midway = await page.textContent('#status');
    await page.waitForSelector('body[data-state="done"]', { timeout: 120_000 });
    const frames = await page.evaluate(() => (window as unknown as { frames: number[] }).frames);
    const span = (frames.at(-1) as number) - (frames[0] as number);
    const gaps = frames.slice(1).map((t, i) => t - (frames[i] as number)).sort((a, b) => a - b);
    const worst = gaps.at(-1) as number;
    const median = gaps[gaps.length >> 1] as number;
    console.log(
      `large fit: ${frames.length} frames over ${span.toFixed(0)} ms; gaps median ${median.toFixed(1)} ms, longest ${worst.toFixed(1)} ms; midway: ${midway}`,
    );
    expect(midway).toMatch(/^Iteration [\d,]+ of 1,500 · loss /);
    // The fit takes seconds; a main thread blocked by it would show one gap that long.
    expect(span).toBeGreaterThan(1000);
    expect(median).toBeLessThan(40);
    expect(worst).toBeLessThan(400);
    expect(frames.length).toBeGreaterThan(span / 50);
    expect(await page.textContent('#m-rows')).toBe('80,000 / 20,000');
    expect(await page.locator('#scatter .point').count()).toBeLessThanOrEqual(2000);

    // Cancel a second run with the keyboard: Escape stops the worker, and the page trains again.
    await page.fill('input[name=maxIter]', '1000000');
    await page.click('#train');
    await page.waitForFunction(() => Number((document.getElementById('progress') as HTMLProgressElement).value) > 0, null, { timeout: 60_000 });
    await page.keyboard.press('Escape');
    await page.waitForSelector('body[data-state="cancelled"]');
    expect(await page.textContent('#status')).toBe('Cancelled.');
    await page.fill('input[name=maxIter]', '50');
    expect(await trainAndWait(page)).toBe('done');
    expect(page.errors).toEqual([]);
  });

  it('trains with the keyboard alone: Enter in a field submits the form', async () => {
    const page = await demo.open();
    await page.focus('input[name=maxIter]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-state="done"]');
    expect(await page.textContent('#m-accuracy')).toBe('0.895');
    // Tab reaches the controls in order and the focus ring is visible.
    await page.focus('select[name=solver]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('penalty');
  });

  it("offers solver 'newton-cd', which fits an l1 model to convergence", async () => {
    const page = await demo.open();
    await page.selectOption('select[name=solver]', 'newton-cd');
    await page.selectOption('select[name=penalty]', 'l1');
    await page.fill('input[name=tol]', '0.0001');
    expect(await trainAndWait(page)).toBe('done');
    expect(Number((await page.textContent('#m-iter'))?.replace(/,/g, ''))).toBeLessThan(100);
    expect(Number(await page.getAttribute('#m-accuracy', 'data-value'))).toBeGreaterThan(0.85);
    expect(page.errors).toEqual([]);
  });
});

describe('bad input shows a readable message and the page stays usable', () => {
  let page: Page & { errors: string[] };
  beforeAll(async () => {
    page = await demo.open();
  });
  // A failed test must not leave its input behind for the next one.
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await page.goto(demo.url);
      await page.waitForSelector('body[data-state="ready"]');
    }
  });

  async function expectUsable(): Promise<void> {
    await page.click('#reset-settings');
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.textContent('#m-accuracy')).toBe('0.895');
    expect(await page.isHidden('#message')).toBe(true);
  }

  async function useCsv(text: string): Promise<void> {
    await page.check('input[name=source][value=csv]');
    await page.fill('textarea[name=csvText]', text);
  }

  it.each([
    ['nSamples', '-5', 'Samples must be at least 10; got -5.'],
    ['nSamples', '1e400', 'Samples: enter a number.'],
    ['nSamples', '2.5', 'Samples: 2.5 is not a whole number.'],
    ['maxIter', '1e12', 'Iterations must be at most 10,000,000; got 1e12.'],
    ['learningRate', '0', 'Learning rate must be greater than 0; got 0.'],
    ['testSize', '1', 'Test fraction must be at most 0.95; got 1.'],
    ['nRedundant', '3', 'Informative + redundant (2 + 3) must not exceed the number of features (2).'],
    ['nFeatures', '', 'Features: enter a number.'],
  ])('form field %s = %j', async (name, value, expected) => {
    await page.fill(`input[name=${name}]`, value);
    expect(await trainAndWait(page)).toBe('error');
    expect(await message(page)).toBe(expected);
    expect(await page.getAttribute(`[name=${name}]`, 'aria-invalid')).toBe('true');
    expect(await page.textContent('.field-error')).toBe(expected); // also right under the field
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe(name);
    await expectUsable();
  });

  it('absurd sizes', async () => {
    await page.fill('input[name=nSamples]', '1000000');
    await page.fill('input[name=nFeatures]', '1000');
    expect(await trainAndWait(page)).toBe('error');
    expect(await message(page)).toMatch(/^Samples × features = 1,000,000,000 values is more than this page handles/);
    await expectUsable();
  });

  it('a solver that does not support the penalty', async () => {
    await page.selectOption('select[name=solver]', 'lbfgs');
    await page.selectOption('select[name=penalty]', 'l1');
    expect(await trainAndWait(page)).toBe('error');
    expect(await message(page)).toMatch(/^L-BFGS does not support the L1 penalty\. Choose the solver /);
    await expectUsable();
  });

  it('a file that is not CSV', async () => {
    await page.check('input[name=source][value=csv]');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63fcffff3f0005fe02fea7d6a5c50000000049454e44ae426082', 'hex');
    await page.setInputFiles('input[name=csvFile]', { name: 'picture.png', mimeType: 'image/png', buffer: png });
    await page.waitForFunction(() => (document.querySelector('textarea[name=csvText]') as HTMLTextAreaElement).value.length > 0);
    expect(await trainAndWait(page)).toBe('error');
    expect(await message(page)).toBe('This file is not CSV text: it contains binary data. Choose a .csv file of numbers.');
    await expectUsable();
  });

  it.each([
    ['a missing value', 'x1,x2,y\n1,2,0\n3,,1\n4,5,0\n', 'Missing value at row 3, column 2 (x2). Fill it in or remove the row.'],
    ['NA', 'x1,x2,y\n1,2,0\n3,4,1\nNA,5,0\n', 'Missing value at row 4, column 1 (x1). Fill it in or remove the row.'],
    ['a non-numeric cell', 'x1,x2,y\n1,2,0\n3,4,1\n5,abc,0\n', 'Row 4, column 2 (x2): "abc" is not a number.'],
    ['a ragged row', 'x1,x2,y\n1,2,0\n3,4\n', 'Row 3 has 2 cells; row 1 has 3. Every row needs the same number of columns.'],
    ['one class', 'x1,x2,y\n1,2,1\n3,4,1\n5,6,1\n7,8,1\n', 'The target column "y" has a single class (1); logistic regression needs at least two classes.'],
    ['a single column', 'just,one\n', 'The CSV has a header but no data rows.'],
    ['an unclosed quote', 'x1,x2,y\n1,"2,0\n', 'Row 2: a quoted cell is never closed'],
    ['a stray quote', 'x1,x2,y\n1,a"b,0\n', 'Row 2: a cell holds a " but does not start with one; put the whole cell in quotes, with "" for each " inside it.'],
  ])('a CSV with %s', async (_what, text, expected) => {
    await useCsv(text);
    expect(await trainAndWait(page)).toBe('error');
    expect(await message(page)).toBe(expected);
    await expectUsable();
  });

  it('user text is shown as text, never as markup', async () => {
    await useCsv('"<img src=x onerror=""window.hacked=1"">",x2,y\n1,2,0\n<b>bold</b>,4,1\n');
    expect(await trainAndWait(page)).toBe('error');
    expect(await message(page)).toBe('Row 3, column 1 (<img src=x onerror="window.hacked=1">): "<b>bold</b>" is not a number.');
    expect(await page.locator('#message *').count()).toBe(0);
    expect(await page.locator('select[name=target] option').allTextContents()).toContain('1: <img src=x onerror="window.hacked=1">');
    expect(await page.evaluate(() => (window as { hacked?: number }).hacked)).toBeUndefined();
    await expectUsable();
  });

  it('a good CSV with string labels and a chosen target column trains', async () => {
    const rows = ['label,a,b'];
    for (let i = 0; i < 60; i++) rows.push(`${i % 2 === 0 ? 'spam' : 'ham'},${(i % 2) * 2 + Math.sin(i)},${Math.cos(i * 1.7)}`);
    await useCsv(rows.join('\n'));
    await page.selectOption('select[name=target]', '1');
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.textContent('#m-rows')).toBe('48 / 12');
    expect(await page.textContent('#legend')).toContain('label = spam');
    await page.screenshot({ path: `${SHOTS}demo-csv.png` });
    await expectUsable();
    expect(page.errors).toEqual([]);
  });
});
