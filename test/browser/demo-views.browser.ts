/**
 * The scatter figure's views (issue 17, "What was seen" 2 and "What to build" 1 and 7):
 * every view is checked point by point against the model the page offers for download,
 * evaluated in Node with the library on the page's own test rows. Where a view shades, the
 * shading under each point must be that point's own prediction, or the point is crossed out
 * and counted in the caveat drawn into the picture. Screenshots go to test-results/browser/.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../demo/csv.js';
import { LogisticRegression, Matrix, makeClassification, trainTestSplit } from '../../src/index.js';
import { CLASS_FILLS } from '../../viz/colors.js';
import { principalComponents, projectRows } from '../../viz/pca.js';
import { chromiumAvailable, CHROMIUM_NOTICE } from './chromium.js';
import { axeViolations, DESKTOP, PHONE, SHOTS, trainAndWait, useDemo } from './demo-page.js';

const BREAST_CANCER = fileURLToPath(new URL('../fixtures/cli/breast-cancer.csv', import.meta.url));

if (!chromiumAvailable()) throw new Error(CHROMIUM_NOTICE);

const demo = useDemo();

type TestPage = Page & { errors: string[] };

/** One drawn point, as the page encodes it. */
interface Drawn {
  row: number;
  trueCls: number;
  pred: number;
  p: number;
  x: number;
  y: number;
  shade: number | null;
  disagree: number | null;
  fill: string;
  shapeClass: string;
  /** Centre of the point's box on the screen. */
  cx: number;
  cy: number;
}

async function drawnPoints(page: Page): Promise<Drawn[]> {
  return page.$$eval('#scatter path.point', (paths) =>
    paths.map((el) => {
      const data = (el as SVGElement).dataset;
      const box = el.getBoundingClientRect();
      const num = (v: string | undefined): number => (v === undefined ? Number.NaN : Number(v));
      return {
        row: num(data['row']),
        trueCls: num(data['true']),
        pred: num(data['pred']),
        p: num(data['p']),
        x: num(data['x']),
        y: num(data['y']),
        shade: data['shade'] === undefined ? null : Number(data['shade']),
        disagree: data['disagree'] === undefined ? null : Number(data['disagree']),
        fill: el.getAttribute('fill') ?? '',
        shapeClass: Array.from(el.classList).find((c) => c.startsWith('class-')) ?? '',
        cx: box.x + box.width / 2,
        cy: box.y + box.height / 2,
      };
    }),
  );
}

/** What the library says in Node about the test rows, with the model downloaded from the page. */
interface Truth {
  model: LogisticRegression;
  d: number;
  XTrain: Float64Array;
  nTrain: number;
  XTest: Float64Array;
  nTest: number;
  trueCls: number[];
  pred: number[];
  p: number[];
  z: Float64Array | null;
  means: Float64Array;
}

async function downloadModel(page: Page): Promise<LogisticRegression> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  return LogisticRegression.fromJSON(JSON.parse(await readFile((await download.path()) as string, 'utf8')));
}

function truthOf(model: LogisticRegression, split: { XTrain: Float64Array; XTest: Float64Array; nTrain: number; nTest: number; d: number; yTest: (number | string)[] }): Truth {
  const { d, nTest, XTest, XTrain, nTrain } = split;
  const X = Matrix.from(XTest, nTest, d);
  const classes = model.classes as (number | string)[];
  const index = new Map(classes.map((c, k) => [c, k]));
  const labels = model.predict(X);
  const proba = model.predictProba(X);
  const pred = labels.map((l) => index.get(l as number | string)!);
  const means = new Float64Array(d);
  for (let i = 0; i < nTrain; i++) for (let j = 0; j < d; j++) means[j]! += XTrain[i * d + j]!;
  for (let j = 0; j < d; j++) means[j]! /= nTrain;
  return {
    model,
    d,
    XTrain,
    nTrain,
    XTest,
    nTest,
    trueCls: split.yTest.map((y) => index.get(y)!),
    pred,
    p: pred.map((k, i) => proba.get(i, k)),
    z: model.coef.rows === 1 ? model.decisionFunction(X) : null,
    means,
  };
}

const close = (a: number, b: number, tol = 1e-9): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/** The page's point encoding against Node's: row, true class (fill and shape), predicted class, own probability. */
function expectOwnPredictions(points: Drawn[], truth: Truth): void {
  expect(points.length).toBe(truth.nTest);
  const rows = points.map((q) => q.row).sort((a, b) => a - b);
  expect(rows).toEqual(Array.from({ length: truth.nTest }, (_, i) => i));
  const bad = points.filter(
    (q) =>
      q.trueCls !== truth.trueCls[q.row] ||
      q.fill !== CLASS_FILLS[truth.trueCls[q.row]!] ||
      q.shapeClass !== `class-${truth.trueCls[q.row]}` ||
      q.pred !== truth.pred[q.row] ||
      !close(q.p, truth.p[q.row]!),
  );
  expect(bad).toEqual([]);
}

/** Halo i belongs to point i (drawn in the same order): its colour is the point's own predicted class. */
async function expectPredictionRings(page: Page, points: Drawn[], truth: Truth): Promise<void> {
  const halos = await page.$$eval('#scatter g.predicted circle', (cs) => cs.map((c) => c.getAttribute('stroke')));
  expect(halos.length).toBe(points.length);
  expect(halos.filter((stroke, i) => stroke !== CLASS_FILLS[truth.pred[points[i]!.row]!])).toEqual([]);
}

async function expectMisclassifiedRings(page: Page, truth: Truth): Promise<void> {
  const wrong = truth.pred.filter((k, i) => k !== truth.trueCls[i]).length;
  expect(await page.locator('#scatter g.misclassified circle').count()).toBe(wrong);
}

/** The model at the slice's row through each point: the training means but for the two features drawn. */
function sliceShades(truth: Truth, points: Drawn[], xj: number, yj: number): number[] {
  const { d } = truth;
  const rows = new Float64Array(points.length * d);
  points.forEach((q, i) => {
    rows.set(truth.means, i * d);
    rows[i * d + xj] = truth.XTest[q.row * d + xj]!;
    if (yj >= 0) rows[i * d + yj] = truth.XTest[q.row * d + yj]!;
  });
  const index = new Map((truth.model.classes as (number | string)[]).map((c, k) => [c, k]));
  return truth.model.predict(Matrix.from(rows, points.length, d)).map((l) => index.get(l as number | string)!);
}

/**
 * The shading as rendered under each point: the pixels of the shading image in the 3×3
 * neighbourhood of the point's centre, each read as (class, strength) against the class
 * colours mixed with white. Works on any page that draws `.point` elements over an
 * `image.shading` (points without `data-row` are taken to be test rows in order).
 */
async function renderedShading(page: Page): Promise<{ row: number; disagree: boolean; classes: (number | null)[] }[] | null> {
  const read = await page.evaluate(async () => {
    const image = document.querySelector('#scatter image.shading');
    if (image === null) return null;
    const picture = new Image();
    picture.src = image.getAttribute('href') ?? '';
    await picture.decode();
    const canvas = document.createElement('canvas');
    canvas.width = picture.naturalWidth;
    canvas.height = picture.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(picture, 0, 0);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(image.getAttribute(a)));
    return Array.from(document.querySelectorAll('#scatter .point')).map((el, i) => {
      const box = (el as SVGGraphicsElement).getBBox();
      const col = Math.floor(((box.x + box.width / 2 - x!) / w!) * canvas.width);
      const row = Math.floor(((box.y + box.height / 2 - y!) / h!) * canvas.height);
      const pixels: number[][] = [];
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const r = Math.min(canvas.height - 1, Math.max(0, row + dr));
          const c = Math.min(canvas.width - 1, Math.max(0, col + dc));
          const o = 4 * (r * canvas.width + c);
          pixels.push([data[o]!, data[o + 1]!, data[o + 2]!]);
        }
      }
      const dataset = (el as SVGElement).dataset;
      return { row: dataset['row'] === undefined ? i : Number(dataset['row']), disagree: dataset['disagree'] === '1', pixels };
    });
  });
  if (read === null) return null;
  const fills = CLASS_FILLS.map((hex) => [1, 3, 5].map((o) => Number.parseInt(hex.slice(o, o + 2), 16) - 255));
  // A pixel is 255 + s·(C_k − 255) for the class k it shades; below s = 0.15 it is too pale to name a class.
  const classify = (rgb: number[]): number | null => {
    let best: { k: number; err: number; s: number } | null = null;
    fills.forEach((f, k) => {
      const q = rgb.map((v) => v - 255);
      const ff = f[0]! ** 2 + f[1]! ** 2 + f[2]! ** 2;
      if (ff === 0) return;
      const strength = (q[0]! * f[0]! + q[1]! * f[1]! + q[2]! * f[2]!) / ff;
      const err = q.reduce((e, v, j) => e + (v - strength * f[j]!) ** 2, 0);
      if (best === null || err < best.err) best = { k, err, s: strength };
    });
    const found = best as { k: number; err: number; s: number } | null;
    return found === null || found.s < 0.15 ? null : found.k;
  };
  return read.map((q) => ({ row: q.row, disagree: q.disagree, classes: q.pixels.map(classify) }));
}

/** Every point whose rendered shading is clearly another class than its own prediction is marked as disagreeing; returns how many. */
async function expectRenderedShadingAgrees(page: Page, truth: Truth): Promise<number> {
  const shading = await renderedShading(page);
  expect(shading).not.toBeNull();
  const contradicted = shading!.filter((q) => q.classes.every((k) => k !== null && k !== truth.pred[q.row]));
  expect(contradicted.filter((q) => !q.disagree)).toEqual([]);
  return contradicted.length;
}

async function pickView(page: Page, view: 'decision' | 'pca' | 'slice'): Promise<void> {
  await page.selectOption('#view-kind', view);
  await page.waitForSelector(`#scatter-figure[data-view="${view}"]`);
}

async function pickFeatures(page: Page, x: number, y: number): Promise<void> {
  await page.selectOption('#view-x', String(x));
  if (y >= 0) await page.selectOption('#view-y', String(y));
}

/** Every test row's features, read back from the slice view's points (feature j as X). */
async function testRowsFromPage(page: Page, d: number, nTest: number): Promise<Float64Array> {
  await pickView(page, 'slice');
  const X = new Float64Array(nTest * d).fill(Number.NaN);
  for (let j = 0; j < d; j++) {
    await page.selectOption('#view-x', String(j));
    for (const q of await drawnPoints(page)) X[q.row * d + j] = q.x;
  }
  return X;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.locator('#scatter-figure').screenshot({ path: `${SHOTS}views-${name}.png` });
}

async function useBreastCancer(page: Page): Promise<void> {
  await page.check('input[name=source][value=csv]');
  await page.fill('textarea[name=csvText]', await readFile(BREAST_CANCER, 'utf8'));
  // The views are checked on the data as given; a Standardize option, where the page has one, is left off.
  const standardize = page.locator('input[name=standardize]');
  if ((await standardize.count()) === 1 && (await standardize.isEnabled())) await standardize.uncheck();
  await page.selectOption('select[name=solver]', 'lbfgs');
  await page.selectOption('select[name=penalty]', 'l2');
  await page.fill('input[name=maxIter]', '1000');
}

/** The breast-cancer split the page makes, in Node (parseCsv as the page's data worker, then the library's split). */
async function breastCancerSplit(page: Page): Promise<{ XTrain: Float64Array; XTest: Float64Array; nTrain: number; nTest: number; d: number; yTest: (number | string)[] }> {
  const csv = parseCsv(await readFile(BREAST_CANCER, 'utf8'), { target: 'last' });
  const split = { testSize: Number(await page.inputValue('input[name=testSize]')), randomState: Number(await page.inputValue('input[name=splitSeed]')) };
  const s = trainTestSplit(Matrix.from(csv.X, csv.rows, csv.cols), csv.y, split);
  return { XTrain: s.XTrain.data.slice(), XTest: s.XTest.data.slice(), nTrain: s.XTrain.rows, nTest: s.XTest.rows, d: csv.cols, yTest: Array.from(s.yTest as ArrayLike<number | string>) };
}

async function generatedSplit(page: Page): Promise<{ XTrain: Float64Array; XTest: Float64Array; nTrain: number; nTest: number; d: number; yTest: (number | string)[] }> {
  const num = async (name: string): Promise<number> => Number(await page.inputValue(`input[name=${name}]`));
  const made = makeClassification({
    nSamples: await num('nSamples'),
    nFeatures: await num('nFeatures'),
    nInformative: await num('nInformative'),
    nRedundant: await num('nRedundant'),
    nClasses: await num('nClasses'),
    nClustersPerClass: await num('nClustersPerClass'),
    classSep: await num('classSep'),
    flipY: await num('flipY'),
    randomState: await num('randomState'),
  });
  const s = trainTestSplit(made.X, Array.from(made.y), { testSize: await num('testSize'), randomState: await num('splitSeed') });
  return { XTrain: s.XTrain.data.slice(), XTest: s.XTest.data.slice(), nTrain: s.XTrain.rows, nTest: s.XTest.rows, d: made.X.cols, yTest: Array.from(s.yTest as ArrayLike<number | string>) };
}

// ---------------------------------------------------------------- breast cancer

describe('the scatter views of the breast-cancer data (30 features, lbfgs, l2)', () => {
  let page: TestPage;
  let truth: Truth;

  beforeAll(async () => {
    page = await demo.open();
    await useBreastCancer(page);
    expect(await trainAndWait(page)).toBe('done');
    const split = await breastCancerSplit(page);
    truth = truthOf(await downloadModel(page), split);
  });

  it('opens on a picture whose rendered shading under every point agrees with its own prediction, or marks it', async () => {
    const fresh = await demo.open();
    await useBreastCancer(fresh);
    expect(await trainAndWait(fresh)).toBe('done');
    const own = truthOf(await downloadModel(fresh), await breastCancerSplit(fresh));
    expect(await expectRenderedShadingAgrees(fresh, own)).toBe(0);
    expect(fresh.errors).toEqual([]);
    await fresh.close();
  });

  it('draws the test rows the page split off: every feature read back from the points equals the split in Node', async () => {
    const fromPage = await testRowsFromPage(page, truth.d, truth.nTest);
    expect(Array.from(fromPage)).toEqual(Array.from(truth.XTest));
  });

  it('opens on the decision-value view, picked with a labelled select before the chart', async () => {
    await page.selectOption('#view-kind', 'decision');
    const picker = page.getByLabel('View', { exact: true });
    expect(await picker.evaluate((el) => el.id)).toBe('view-kind');
    expect(await page.$$eval('#view-kind option', (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['decision', 'pca', 'slice']);
    const order = await page.evaluate(() => {
      const controls = document.querySelector('.view-controls')!;
      return controls.compareDocumentPosition(document.getElementById('scatter-box')!) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    // A fresh run with more than two features starts on this view.
    const fresh = await demo.open();
    await useBreastCancer(fresh);
    expect(await trainAndWait(fresh)).toBe('done');
    expect(await fresh.getAttribute('#scatter-figure', 'data-view')).toBe('decision');
    expect(fresh.errors).toEqual([]);
    await fresh.close();
  });

  it('decision value: each point at its own w·x + b, with its own prediction and probability, over shading of its own predicted class', async () => {
    await pickView(page, 'decision');
    const points = await drawnPoints(page);
    expectOwnPredictions(points, truth);
    expect(points.filter((q) => !close(q.x, truth.z![q.row]!))).toEqual([]);
    // The shading under every point is the model's class at the point's decision value: its own prediction.
    expect(points.filter((q) => q.shade !== truth.pred[q.row] || q.shade !== (truth.z![q.row]! > 0 ? 1 : 0))).toEqual([]);
    // Drawn positions follow the decision values left to right.
    const sorted = [...points].sort((a, b) => a.x - b.x);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.cx).toBeGreaterThanOrEqual(sorted[i - 1]!.cx - 0.01);
    await expectMisclassifiedRings(page, truth);
    expect(await expectRenderedShadingAgrees(page, truth)).toBe(0);
    expect(await page.locator('#scatter path.curve').count()).toBe(1);
    expect(await page.locator('#scatter image.shading').count()).toBe(1);
    expect(await page.locator('#scatter line.boundary').count()).toBe(1);
    expect(await page.textContent('#scatter-caption')).toContain('own decision value');
    expect(page.errors).toEqual([]);
  });

  it('PCA: each point at its projection on the training features\' components, its own prediction as a ring, and no shading', async () => {
    await pickView(page, 'pca');
    const points = await drawnPoints(page);
    expectOwnPredictions(points, truth);
    const [a, b] = projectRows(principalComponents(truth.XTrain, truth.nTrain, truth.d), truth.XTest, truth.nTest);
    expect(points.filter((q) => !close(q.x, a[q.row]!, 1e-6) || !close(q.y, b[q.row]!, 1e-6))).toEqual([]);
    expect(points.every((q) => q.shade === null)).toBe(true);
    expect(await page.locator('#scatter image.shading').count()).toBe(0);
    await expectPredictionRings(page, points, truth);
    await expectMisclassifiedRings(page, truth);
    expect(await page.textContent('#scatter-caption')).toContain('No shading');
    expect(page.errors).toEqual([]);
  });

  for (const [xj, yj] of [
    [0, 1],
    [27, 22],
  ] as const) {
    it(`slice (features ${xj + 1} and ${yj + 1}): every point the shading contradicts is crossed out and counted in the caveat drawn into the picture`, async () => {
      await pickView(page, 'slice');
      await pickFeatures(page, xj, yj);
      const points = await drawnPoints(page);
      expectOwnPredictions(points, truth);
      const shades = sliceShades(truth, points, xj, yj);
      // The shading under each point is the model on the slice at that point.
      expect(points.filter((q, i) => q.shade !== shades[i])).toEqual([]);
      // Agreeing, or marked as disagreeing: never silently contradicted.
      const disagreeing = points.filter((q) => q.shade !== truth.pred[q.row]);
      expect(points.filter((q) => (q.shade !== truth.pred[q.row]) !== (q.disagree === 1))).toEqual([]);
      expect(await page.locator('#scatter g.disagree path.cross').count()).toBe(disagreeing.length);
      const note = (await page.$$eval('#scatter text.note', (ts) => ts.map((t) => t.textContent).join(' '))).replace(/\s+/g, ' ');
      expect(note).toContain(`other 28 features held at their training means; ${disagreeing.length} of ${truth.nTest} points are predicted otherwise than the shading under them (marked ×)`);
      await expectPredictionRings(page, points, truth);
      await expectMisclassifiedRings(page, truth);
      expect(await page.textContent('#scatter-caption')).toContain(`× marks the ${disagreeing.length} of ${truth.nTest} points`);
      // As rendered: every point deep in another class's shading is one of the crossed-out ones.
      const rendered = await expectRenderedShadingAgrees(page, truth);
      expect(rendered).toBeLessThanOrEqual(disagreeing.length);
      if (xj === 0) expect(rendered).toBeGreaterThan(0); // what the old picture hid
      expect(page.errors).toEqual([]);
    });
  }

  it('gives the chart an accessible name equal to its caption and a table of the drawn points', async () => {
    for (const view of ['decision', 'pca', 'slice'] as const) {
      await pickView(page, view);
      expect(await page.getAttribute('#scatter', 'role')).toBe('img');
      const name = await page.evaluate(() => {
        const svg = document.getElementById('scatter')!;
        return document.getElementById(svg.getAttribute('aria-labelledby')!)!.textContent;
      });
      expect(name).toBe(await page.textContent('#scatter-caption'));
      const rows = await page.$$eval('#scatter-text table tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? '')));
      expect(rows.length).toBe(truth.nTest);
      const heads = await page.$$eval('#scatter-text table thead th', (ths) => ths.map((th) => th.textContent));
      const predCol = heads.indexOf('Predicted class');
      const classes = truth.model.classes.map(String);
      for (const row of rows) expect(row[predCol]).toBe(classes[truth.pred[Number(row[0]) - 1]!]);
    }
  });

  it('draws a legend with each class\'s shape', async () => {
    const items = await page.$$eval('#legend li', (lis) => lis.map((li) => ({ text: li.textContent, shape: li.querySelector('svg path')?.getAttribute('fill') })));
    expect(items).toEqual([
      { text: 'diagnosis = benign (circle)', shape: CLASS_FILLS[0] },
      { text: 'diagnosis = malignant (square)', shape: CLASS_FILLS[1] },
    ]);
  });

  it('has no axe-core violations in the figure in any view', async () => {
    for (const view of ['decision', 'pca', 'slice'] as const) {
      await pickView(page, view);
      expect(await axeViolations(page, '#scatter-figure')).toEqual([]);
    }
  });

  it('changes the view from the keyboard', async () => {
    await pickView(page, 'decision');
    await page.focus('#view-kind');
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('#scatter-figure[data-view="pca"]');
    expect(page.errors).toEqual([]);
  });
});

// ---------------------------------------------------------------- three classes, five features

describe('the scatter views of a generated set of three classes and five features', () => {
  let page: TestPage;
  let truth: Truth;

  beforeAll(async () => {
    page = await demo.open();
    await page.fill('input[name=nFeatures]', '5');
    await page.fill('input[name=nInformative]', '3');
    await page.fill('input[name=nClasses]', '3');
    await page.fill('input[name=nSamples]', '600');
    await page.selectOption('select[name=solver]', 'lbfgs');
    expect(await trainAndWait(page)).toBe('done');
    truth = truthOf(await downloadModel(page), await generatedSplit(page));
    expect(truth.model.classes.length).toBe(3);
  });

  it('draws the test rows the page split off', async () => {
    expect(Array.from(await testRowsFromPage(page, truth.d, truth.nTest))).toEqual(Array.from(truth.XTest));
  });

  it('predicted probability: each point in its predicted class\'s band, at its own probability, over shading of that class', async () => {
    await pickView(page, 'decision');
    expect(await page.textContent('#view-kind option[value=decision]')).toBe('Own probability');
    const points = await drawnPoints(page);
    expectOwnPredictions(points, truth);
    expect(points.filter((q) => !close(q.x, truth.p[q.row]!) || q.shade !== truth.pred[q.row])).toEqual([]);
    // Bands from the top: class 0, 1, 2; no point strays out of its band.
    for (let k = 0; k < 2; k++) {
      const lower = Math.max(...points.filter((q) => q.pred === k).map((q) => q.cy));
      const upper = Math.min(...points.filter((q) => q.pred === k + 1).map((q) => q.cy));
      expect(lower).toBeLessThan(upper);
    }
    await expectMisclassifiedRings(page, truth);
    expect(await expectRenderedShadingAgrees(page, truth)).toBe(0);
    expect(page.errors).toEqual([]);
  });

  it('PCA: each point at its projection, its own prediction as a ring, no shading', async () => {
    await pickView(page, 'pca');
    const points = await drawnPoints(page);
    expectOwnPredictions(points, truth);
    const [a, b] = projectRows(principalComponents(truth.XTrain, truth.nTrain, truth.d), truth.XTest, truth.nTest);
    expect(points.filter((q) => !close(q.x, a[q.row]!, 1e-6) || !close(q.y, b[q.row]!, 1e-6))).toEqual([]);
    expect(await page.locator('#scatter image.shading').count()).toBe(0);
    await expectPredictionRings(page, points, truth);
  });

  it('slice: contradicted points crossed out and counted in the picture', async () => {
    await pickView(page, 'slice');
    await pickFeatures(page, 2, 4);
    const points = await drawnPoints(page);
    expectOwnPredictions(points, truth);
    const shades = sliceShades(truth, points, 2, 4);
    expect(points.filter((q, i) => q.shade !== shades[i])).toEqual([]);
    const disagreeing = points.filter((q) => q.shade !== truth.pred[q.row]);
    expect(points.filter((q) => (q.shade !== truth.pred[q.row]) !== (q.disagree === 1))).toEqual([]);
    expect(await page.locator('#scatter g.disagree path.cross').count()).toBe(disagreeing.length);
    const note = (await page.$$eval('#scatter text.note', (ts) => ts.map((t) => t.textContent).join(' '))).replace(/\s+/g, ' ');
    expect(note).toContain(`other 3 features held at their training means; ${disagreeing.length} of ${truth.nTest} points`);
    expect(await page.locator('#scatter line.boundary').count()).toBe(0);
    expect(await page.textContent('#scatter-caption')).not.toContain('boundary');
    expect(page.errors).toEqual([]);
  });
});

// ---------------------------------------------------------------- exact slices

describe('the scatter figure with one or two features', () => {
  it('keeps the reference experiment\'s picture: two features, shading, dashed boundary, rings on misclassified points, no caveat', async () => {
    const page = await demo.open();
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.getAttribute('#scatter-figure', 'data-view')).toBe('slice');
    expect(await page.$$eval('#view-kind option', (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['decision', 'slice']);
    const points = await drawnPoints(page);
    expect(points.length).toBe(200);
    expect(points.filter((q) => q.shade !== q.pred)).toEqual([]);
    const shading = await renderedShading(page);
    expect(shading!.filter((q) => q.classes.every((k) => k !== null && k !== points.find((p) => p.row === q.row)!.pred))).toEqual([]);
    expect(await page.locator('#scatter image.shading').count()).toBe(1);
    expect(await page.locator('#scatter line.boundary').count()).toBe(1);
    expect(await page.locator('#scatter g.misclassified circle').count()).toBe(points.filter((q) => q.pred !== q.trueCls).length);
    expect(await page.locator('#scatter text.note').count()).toBe(0);
    expect(await page.locator('#scatter g.disagree path').count()).toBe(0);
    expect(await page.textContent('#scatter-caption')).toContain('dashed line: decision boundary (P = 0.5)');
    const axes = await page.$$eval('#scatter text.axis-title', (ts) => ts.map((t) => t.textContent));
    expect(axes).toEqual(['Feature 1', 'Feature 2']);
    await shot(page, 'reference-desktop');
    expect(page.errors).toEqual([]);
  });

  it('draws one feature exactly: the shading under each point is its own prediction and the boundary is vertical', async () => {
    const page = await demo.open();
    await page.fill('input[name=nFeatures]', '1');
    await page.fill('input[name=nInformative]', '1');
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.getAttribute('#scatter-figure', 'data-view')).toBe('slice');
    const points = await drawnPoints(page);
    expect(points.filter((q) => q.shade !== q.pred)).toEqual([]);
    const line = page.locator('#scatter line.boundary');
    expect(await line.count()).toBe(1);
    expect(await line.getAttribute('x1')).toBe(await line.getAttribute('x2'));
    expect(await page.isVisible('#view-y')).toBe(false);
    await shot(page, 'one-feature-desktop');
    await pickView(page, 'decision');
    expect((await drawnPoints(page)).filter((q) => q.shade !== q.pred)).toEqual([]);
    expect(page.errors).toEqual([]);
  });
});

// ---------------------------------------------------------------- screenshots

describe('the views on a desktop and a phone', () => {
  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`draws every view of the breast-cancer data within the page at ${viewport.width}×${viewport.height}, without console errors`, async () => {
      const page = await demo.open(viewport);
      await useBreastCancer(page);
      expect(await trainAndWait(page)).toBe('done');
      for (const view of ['decision', 'pca', 'slice'] as const) {
        await pickView(page, view);
        await page.locator('#scatter-figure').scrollIntoViewIfNeeded();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        // The caveat's lines fit in the picture's width.
        const widest = await page.$$eval('#scatter text.note', (ts) => Math.max(0, ...ts.map((t) => (t as SVGTextElement).getComputedTextLength())));
        const width = Number(await page.getAttribute('#scatter', 'width'));
        expect(widest).toBeLessThanOrEqual(width - 8);
        await shot(page, `breast-cancer-${view}-${name}`);
      }
      expect(page.errors).toEqual([]);
    });
  }

  it('draws the three-class views on a phone', async () => {
    const page = await demo.open(PHONE);
    await page.fill('input[name=nFeatures]', '5');
    await page.fill('input[name=nInformative]', '3');
    await page.fill('input[name=nClasses]', '3');
    await page.selectOption('select[name=solver]', 'lbfgs');
    expect(await trainAndWait(page)).toBe('done');
    for (const view of ['decision', 'pca', 'slice'] as const) {
      await pickView(page, view);
      await page.locator('#scatter-figure').scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, `three-classes-${view}-phone`);
    }
    await pickView(page, 'decision');
    await page.setViewportSize(DESKTOP);
    await page.waitForTimeout(300);
    await shot(page, 'three-classes-decision-desktop');
    expect(page.errors).toEqual([]);
  });
});
