/**
 * The demo's model insight (issue 17, "What to build" 3): coefficients with confidence
 * intervals and p-values, the confusion matrix, ROC and reliability curves, training vs
 * test metrics, the predictions CSV and the validation curve over C, checked against the
 * tiles, against the library's summary computed in Node on the same data, and at both
 * viewports. Screenshots go to test-results/browser/.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LogisticRegression, makeClassification, trainTestSplit } from '../../src/index.js';
import { chromiumAvailable, CHROMIUM_NOTICE } from './chromium.js';
import { axeViolations, DESKTOP, PHONE, SHOTS, trainAndWait, useDemo } from './demo-page.js';

if (!chromiumAvailable()) throw new Error(CHROMIUM_NOTICE);

const demo = useDemo();

/** The reference experiment's summary, computed here with the library on the page's data and settings. */
function referenceSummary(): { name: string; ciLower: number; ciUpper: number; pValue: number }[] {
  const { X, y } = makeClassification({ nSamples: 1000, nFeatures: 2, nRedundant: 0, nInformative: 2, nClustersPerClass: 1, randomState: 42 });
  const { XTrain, yTrain } = trainTestSplit(X, y, { testSize: 0.2, randomState: 42 });
  const model = new LogisticRegression({ solver: 'gd', penalty: 'none', learningRate: 0.01, maxIter: 1000, tol: 0, onWarning: () => {} }).fit(XTrain, yTrain);
  const rows = model.summary({ featureNames: ['Feature 1', 'Feature 2'] }).equations[0]!.coefficients.slice(1);
  return rows.map(({ name, ciLower, ciUpper, pValue }) => ({ name, ciLower, ciUpper, pValue }));
}

/** The bars of the coefficient chart, with the numbers they carry. */
async function bars(page: Page): Promise<{ label: string; value: number; lower: number | null; upper: number | null; p: number | null }[]> {
  return page.$$eval('#insight-coef svg g.bar', (groups) =>
    groups.map((g) => {
      const num = (name: string): number | null => (g.getAttribute(name) === null ? null : Number(g.getAttribute(name)));
      return { label: g.getAttribute('data-label') ?? '', value: Number(g.getAttribute('data-value')), lower: num('data-lower'), upper: num('data-upper'), p: num('data-p') };
    }),
  );
}

async function confusionCounts(page: Page): Promise<number[][]> {
  return page.$$eval('#insight-confusion-table tbody tr', (rows) => rows.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => Number(td.dataset['value']))));
}

/** Downloads the predictions CSV and returns its text. */
async function downloadCsv(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#insight-download')]);
  expect(download.suggestedFilename()).toBe('predictions.csv');
  return readFile((await download.path()) as string, 'utf8');
}

describe('the model insight of the reference experiment', () => {
  it('shows a confusion matrix whose counts sum to the test rows and whose diagonal gives the accuracy tile', async () => {
    const page = await demo.open();
    expect(await trainAndWait(page)).toBe('done');
    const counts = await confusionCounts(page);
    expect(counts.length).toBe(2);
    const total = counts.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(200);
    const accuracy = Number(await page.getAttribute('#m-accuracy', 'data-value'));
    expect((counts[0]![0]! + counts[1]![1]!) / total).toBeCloseTo(accuracy, 12);
    expect(await page.$$eval('#insight-confusion-table thead th', (ths) => ths.map((th) => th.textContent))).toEqual(['true ↓ predicted →', '0', '1']);
    expect(page.errors).toEqual([]);
  });

  it('draws two coefficient bars named like the features, with the confidence intervals and p-values of the library computed in Node (to 1e-9)', async () => {
    const page = await demo.open();
    expect(await trainAndWait(page)).toBe('done');
    await page.waitForSelector('#insight-coef[data-summary="ok"]');
    const drawn = await bars(page);
    expect(drawn.map((b) => b.label).sort()).toEqual(['Feature 1', 'Feature 2']);
    const expected = referenceSummary();
    for (const want of expected) {
      const bar = drawn.find((b) => b.label === want.name)!;
      expect(Math.abs(bar.lower! - want.ciLower)).toBeLessThan(1e-9);
      expect(Math.abs(bar.upper! - want.ciUpper)).toBeLessThan(1e-9);
      expect(Math.abs(bar.p! - want.pValue)).toBeLessThan(1e-9);
    }
    // Each bar has its whisker, and the p-values are in the open table.
    expect(await page.locator('#insight-coef g.whisker').count()).toBe(2);
    const table = await page.$$eval('#insight-coef-table details[open] thead th', (ths) => ths.map((th) => th.textContent));
    expect(table).toContain('p-value');
    expect(page.errors).toEqual([]);
  });

  it('gives the ROC curve a legend whose AUC equals the AUC tile', async () => {
    const page = await demo.open();
    expect(await trainAndWait(page)).toBe('done');
    const tile = await page.getAttribute('#m-auc', 'data-value');
    const legend = await page.$$eval('#insight-roc-legend li', (items) => items.map((li) => ({ value: li.dataset['value'], text: li.textContent ?? '' })));
    expect(legend.length).toBe(1);
    expect(legend[0]!.value).toBe(tile);
    expect(legend[0]!.text).toContain(`AUC ${await page.textContent('#m-auc')}`);
    expect(await page.locator('#insight-roc-svg g.series path').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#insight-calibration-svg line.diagonal').count()).toBe(1);
  });

  it('shows training and test metrics, the test column equal to the tiles', async () => {
    const page = await demo.open();
    expect(await trainAndWait(page)).toBe('done');
    for (const [metric, tile] of [
      ['accuracy', '#m-accuracy'],
      ['logLoss', '#m-logloss'],
      ['rocAuc', '#m-auc'],
    ] as const) {
      const cells = await page.$$eval(`#insight-metrics-table tr[data-metric="${metric}"] td`, (tds) => tds.map((td) => Number(td.dataset['value'])));
      expect(cells.length).toBe(2);
      expect(cells[1]).toBe(Number(await page.getAttribute(tile, 'data-value')));
      expect(cells[0]).toBeGreaterThan(0);
    }
  });

  it('offers the test predictions as a CSV with a header and one row per test row', async () => {
    const page = await demo.open();
    expect(await trainAndWait(page)).toBe('done');
    const lines = (await downloadCsv(page)).trimEnd().split('\n');
    expect(lines[0]).toBe('Feature 1,Feature 2,true label,predicted label,P(0),P(1)');
    expect(lines.length - 1).toBe(200);
    const cells = lines[1]!.split(',').map(Number);
    expect(cells.length).toBe(6);
    expect(cells[4]! + cells[5]!).toBeCloseTo(1, 12);
  });
});

describe('the coefficients of a penalised model', () => {
  it('have no confidence intervals, and the page says why', async () => {
    const page = await demo.open();
    await page.selectOption('select[name=penalty]', 'l2');
    expect(await trainAndWait(page)).toBe('done');
    const drawn = await bars(page);
    expect(drawn.length).toBe(2);
    expect(drawn.every((b) => b.lower === null && b.upper === null && b.p === null)).toBe(true);
    expect(await page.locator('#insight-coef g.whisker').count()).toBe(0);
    expect(await page.textContent('#insight-coef-why')).toMatch(/penalised \(L2, C = 1\).*no maximum-likelihood standard errors/);
    expect(page.errors).toEqual([]);
  });
});

describe('the coefficients of an unpenalised model with a redundant feature', () => {
  it('have no confidence intervals, and the page names the collinear column (the summary is singular)', async () => {
    const page = await demo.open();
    await page.fill('input[name=nFeatures]', '3');
    await page.fill('input[name=nRedundant]', '1');
    expect(await trainAndWait(page)).toBe('done');
    await page.waitForSelector('#insight-coef[data-summary="none"]');
    expect(await page.textContent('#insight-coef-why')).toMatch(/^No confidence intervals: the information matrix is singular: Feature 3 is a linear combination of the others/);
    expect((await bars(page)).length).toBe(3);
    expect(await page.locator('#insight-coef g.whisker').count()).toBe(0);
    expect(page.errors).toEqual([]);
  });
});

describe('the predictions CSV', () => {
  it('neutralises a label a spreadsheet would run as a formula', async () => {
    const page = await demo.open();
    const rows = ['x1,x2,label'];
    for (let i = 0; i < 40; i++) {
      const formula = i % 2 === 0;
      const label = formula ? '"=HYPERLINK(""http://evil.example"",""x"")"' : 'safe';
      rows.push(`${((formula ? 1 : -1) + (i % 7) * 0.1).toFixed(2)},${((i % 5) * 0.3).toFixed(2)},${label}`);
    }
    await page.check('input[name=source][value=csv]');
    await page.fill('textarea[name=csvText]', rows.join('\n'));
    expect(await trainAndWait(page)).toBe('done');
    const text = await downloadCsv(page);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    // No cell starts with a formula character.
    expect(text).not.toMatch(/(^|,)"?[=+@]/m);
    expect(await page.$$eval('#insight-confusion-table thead th', (ths) => ths.map((th) => th.textContent))).toContain('=HYPERLINK("http://evil.example","x")');
    expect(page.errors).toEqual([]);
  });
});

describe('the validation curve over C', () => {
  it('runs on demand in a worker and draws the held-out mean with a band of one standard deviation', async () => {
    const page = await demo.open();
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.textContent('#insight-cv-plan')).toContain('5-fold stratified cross-validation over 10 values of C');
    await page.click('#insight-cv-run');
    await page.waitForSelector('#insight-cv[data-state="done"]', { timeout: 60_000 });
    expect(await page.locator('#insight-cv-svg path.band').count()).toBe(2);
    expect(await page.locator('#insight-cv-svg g.series').count()).toBe(2);
    const rows = await page.$$eval('#insight-cv-table tbody tr', (trs) => trs.length);
    expect(rows).toBe(10);
    expect(page.errors).toEqual([]);
  });

  it("marks a penalised run's own C", async () => {
    const page = await demo.open();
    await page.selectOption('select[name=penalty]', 'l2');
    await page.fill('input[name=C]', '0.5');
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.textContent('#insight-cv-plan')).toContain('L-BFGS (gradient descent’s step would have to suit every C), L2 penalty,');
    await page.click('#insight-cv-run');
    await page.waitForSelector('#insight-cv[data-state="done"]', { timeout: 60_000 });
    expect(await page.locator('#insight-cv-svg line.mark-x').count()).toBe(1);
    expect(await page.textContent('#insight-cv-svg text.mark-x-label')).toBe('this run: C = 0.5');
    expect(page.errors).toEqual([]);
  });

  it('can be cancelled while it runs', async () => {
    const page = await demo.open();
    // Enough rows that the 50 fits take a while.
    await page.fill('input[name=nSamples]', '200000');
    await page.fill('input[name=nFeatures]', '20');
    await page.selectOption('select[name=solver]', 'lbfgs');
    await page.fill('input[name=maxIter]', '100');
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.textContent('#insight-cv-plan')).toContain('the work is capped at 2,000,000 values');
    await page.click('#insight-cv-run');
    await page.waitForSelector('#insight-cv[data-state="running"]');
    expect(await page.isDisabled('#insight-cv-run')).toBe(true);
    await page.click('#insight-cv-cancel');
    expect(await page.getAttribute('#insight-cv', 'data-state')).toBe('cancelled');
    expect(await page.textContent('#insight-cv-status')).toBe('Cancelled.');
    expect(await page.isDisabled('#insight-cv-run')).toBe(false);
    expect(await page.locator('#insight-cv-svg path.band').count()).toBe(0);
    expect(page.errors).toEqual([]);
  });
});

describe('the model insight of other runs', () => {
  it('shows a 3 × 3 confusion matrix for three classes, a coefficient chart per class and one ROC curve per class', async () => {
    const page = await demo.open();
    await page.fill('input[name=nClasses]', '3');
    expect(await trainAndWait(page)).toBe('done');
    const counts = await confusionCounts(page);
    expect(counts.length).toBe(3);
    expect(counts.every((row) => row.length === 3)).toBe(true);
    expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(200);
    expect(await page.locator('#insight-coef svg').count()).toBe(3);
    expect(await page.locator('#insight-roc-legend li').count()).toBe(3);
    await page.locator('#insight').screenshot({ path: `${SHOTS}insight-multiclass.png` });
    expect(page.errors).toEqual([]);
  });

  it('for text, skips the coefficient chart with the reason, shows the confusion matrix and runs the validation curve on the sparse rows', async () => {
    const page = await demo.open();
    await page.check('input[name=source][value=text]');
    await page.click('#load-sample');
    await page.waitForFunction(() => (document.querySelector('textarea[name=textData]') as HTMLTextAreaElement).value.length > 0);
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.locator('#insight-coef svg').count()).toBe(0);
    expect(await page.textContent('#insight-coef-why')).toContain('No coefficient chart for text');
    const counts = await confusionCounts(page);
    const nTest = Number((await page.textContent('#m-rows'))!.split('/')[1]!.replace(/[^0-9]/g, ''));
    expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(nTest);
    // The validation curve runs on the sparse rows too.
    await page.click('#insight-cv-run');
    await page.waitForSelector('#insight-cv[data-state="done"]', { timeout: 60_000 });
    expect(await page.locator('#insight-cv-svg path.band').count()).toBe(2);
    await page.locator('#insight').screenshot({ path: `${SHOTS}insight-text.png` });
    expect(page.errors).toEqual([]);
  });

  it('is hidden again when the next run starts', async () => {
    const page = await demo.open();
    expect(await page.isHidden('#insight')).toBe(true);
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.isVisible('#insight')).toBe(true);
    await page.click('#reset-settings');
    expect(await page.isHidden('#insight')).toBe(true);
  });
});

for (const [name, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  describe(`the model insight on a ${name} (${viewport.width}×${viewport.height})`, () => {
    it('fits the width (no horizontal scroll) and has no axe-core violations with the validation curve drawn', async () => {
      const page = await demo.open(viewport);
      expect(await trainAndWait(page)).toBe('done');
      await page.waitForSelector('#insight-coef[data-summary="ok"]');
      await page.click('#insight-cv-run');
      await page.waitForSelector('#insight-cv[data-state="done"]', { timeout: 60_000 });
      await page.locator('#insight').screenshot({ path: `${SHOTS}insight-${name}.png` });
      for (const part of ['coef', 'confusion', 'roc', 'cv']) await page.locator(`#insight-${part}`).screenshot({ path: `${SHOTS}insight-${name}-${part}.png` });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const widest = await page.$$eval('#insight svg', (svgs) => Math.max(...svgs.map((s) => s.getBoundingClientRect().right)));
      expect(widest).toBeLessThanOrEqual(viewport.width);
      expect(await axeViolations(page, '#insight')).toEqual([]);
      expect(page.errors).toEqual([]);
    });
  });
}
