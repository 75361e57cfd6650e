/**
 * The demo page's real data in one click (issue 17, "What to build" 2): the built-in
 * datasets, Standardize, the default solver for real data, and Parquet and Arrow files —
 * each fit checked against the library run in Node on the same CSV, split and scaling.
 * Screenshots go to test-results/browser/.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tableFromArrays, tableToIPC } from '@uwdata/flechette';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LogisticRegression, Matrix, StandardScaler, trainTestSplit } from '../../src/index.js';
import { chromiumAvailable, CHROMIUM_NOTICE } from './chromium.js';
import { DESKTOP, PHONE, SHOTS, trainAndWait, useDemo } from './demo-page.js';

if (!chromiumAvailable()) throw new Error(CHROMIUM_NOTICE);

const DATASETS = ['breast-cancer', 'iris', 'wine'] as const;
type Dataset = (typeof DATASETS)[number];
const datasetPath = (name: Dataset): string => fileURLToPath(new URL(`../../demo/datasets/${name}.csv`, import.meta.url));

/** The page's split (its Split fieldset's defaults) and the model settings it switches to for real data. */
const SPLIT = { testSize: 0.2, randomState: 42 };
const REAL_DATA_PARAMS = { solver: 'lbfgs', penalty: 'l2', C: 1, maxIter: 100, tol: 1e-4 } as const;

/** A dataset's CSV as columns: every value read back by Number (the files hold each double's shortest text). */
interface Columns {
  names: string[];
  features: number[][];
  labels: string[];
}

async function readColumns(name: Dataset): Promise<Columns> {
  const [header, ...lines] = (await readFile(datasetPath(name), 'utf8')).trimEnd().split('\n');
  const names = (header as string).split(',');
  const rows = lines.map((line) => line.split(','));
  return {
    names,
    features: names.slice(0, -1).map((_, j) => rows.map((cells) => Number(cells[j]))),
    labels: rows.map((cells) => cells.at(-1) as string),
  };
}

/** The test accuracy and log-loss-free fingerprint the library gives in Node: split, (standardize,) fit, score. */
function nodeAccuracy(data: Columns, standardize: boolean): number {
  const n = data.labels.length;
  const d = data.features.length;
  const X = Matrix.from(Float64Array.from({ length: n * d }, (_, k) => data.features[k % d]![Math.floor(k / d)]!), n, d);
  const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, data.labels, SPLIT);
  let train = XTrain;
  let test = XTest;
  if (standardize) {
    const scaler = new StandardScaler().fit(XTrain);
    train = scaler.transform(XTrain) as Matrix;
    test = scaler.transform(XTest) as Matrix;
  }
  const model = new LogisticRegression({ ...REAL_DATA_PARAMS, onWarning: () => {} }).fit(train, yTrain);
  return model.score(test, yTest);
}

const demo = useDemo();

async function chooseDataset(page: Page, name: Dataset): Promise<void> {
  await page.check('input[name=source][value=dataset]');
  await page.selectOption('select[name=dataset]', name);
}

const accuracyOf = async (page: Page): Promise<number> => Number(await page.getAttribute('#m-accuracy', 'data-value'));
const logLossOf = async (page: Page): Promise<number> => Number(await page.getAttribute('#m-logloss', 'data-value'));
const modelSettings = (page: Page): Promise<string[]> =>
  Promise.all(['solver', 'penalty', 'C', 'maxIter', 'tol'].map((name) => page.inputValue(`[name=${name}]`)));

describe('built-in datasets', () => {
  it.each(DATASETS)('%s trains in one click with L-BFGS, to the test accuracy the library gives in Node', async (name) => {
    const page = await demo.open();
    await chooseDataset(page, name);
    expect(await modelSettings(page)).toEqual(['lbfgs', 'l2', '1', '100', '0.0001']);
    expect(await page.isChecked('input[name=standardize]')).toBe(true);
    expect(await trainAndWait(page)).toBe('done');
    const expected = nodeAccuracy(await readColumns(name), true);
    expect(Math.abs((await accuracyOf(page)) - expected)).toBeLessThanOrEqual(1e-12);
    expect(await page.textContent('#data-source')).toMatch(/dataset \(\d+ rows × \d+ features, target "\w+"\); standardized \(training means and deviations\)/);
    expect(page.errors).toEqual([]);
  });

  it('a dataset means the same as its file pasted as CSV', async () => {
    const page = await demo.open();
    await chooseDataset(page, 'wine');
    expect(await trainAndWait(page)).toBe('done');
    const fromDataset = [await accuracyOf(page), await logLossOf(page)];
    await page.check('input[name=source][value=csv]');
    await page.fill('textarea[name=csvText]', await readFile(datasetPath('wine'), 'utf8'));
    expect(await trainAndWait(page)).toBe('done');
    expect([await accuracyOf(page), await logLossOf(page)]).toEqual(fromDataset);
    expect(page.errors).toEqual([]);
  });

  it('the model settings the user chose are left alone when a dataset is picked', async () => {
    const page = await demo.open();
    await page.selectOption('select[name=solver]', 'newton');
    await page.fill('input[name=maxIter]', '50');
    await chooseDataset(page, 'iris');
    expect(await modelSettings(page)).toEqual(['newton', 'none', '1', '50', '0']);
  });
});

describe('Standardize', () => {
  it('off and on give different data source texts (and each the accuracy the library gives in Node)', async () => {
    const page = await demo.open();
    await chooseDataset(page, 'breast-cancer');
    const data = await readColumns('breast-cancer');
    expect(await trainAndWait(page)).toBe('done');
    const on = (await page.textContent('#data-source')) ?? '';
    expect(on).toMatch(/standardized \(training means and deviations\)/);
    expect(Math.abs((await accuracyOf(page)) - nodeAccuracy(data, true))).toBeLessThanOrEqual(1e-12);
    await page.uncheck('input[name=standardize]');
    expect(await trainAndWait(page)).toBe('done');
    const off = (await page.textContent('#data-source')) ?? '';
    expect(off).not.toMatch(/standardized/);
    expect(off).not.toBe(on);
    expect(Math.abs((await accuracyOf(page)) - nodeAccuracy(data, false))).toBeLessThanOrEqual(1e-12);
  });

  it('is off for the generated data and not offered for text', async () => {
    const page = await demo.open();
    expect(await page.isChecked('input[name=standardize]')).toBe(false);
    await page.check('input[name=source][value=csv]');
    expect(await page.isChecked('input[name=standardize]')).toBe(true);
    await page.check('input[name=source][value=text]');
    expect(await page.isHidden('input[name=standardize]')).toBe(true);
    await page.check('input[name=source][value=generate]');
    expect(await page.isChecked('input[name=standardize]')).toBe(false);
  });

  it('a choice the user made is kept when the source changes', async () => {
    const page = await demo.open();
    await page.check('input[name=standardize]');
    await chooseDataset(page, 'iris');
    await page.uncheck('input[name=standardize]');
    await page.check('input[name=source][value=generate]');
    await page.check('input[name=source][value=csv]');
    expect(await page.isChecked('input[name=standardize]')).toBe(false);
  });
});

describe('the reference experiment', () => {
  it('still gives 0.895 after a dataset, once Reference settings is pressed', async () => {
    const page = await demo.open();
    await chooseDataset(page, 'wine');
    expect(await trainAndWait(page)).toBe('done');
    await page.click('#reset-settings');
    expect(await page.isChecked('input[name=source][value=generate]')).toBe(true);
    expect(await page.isChecked('input[name=standardize]')).toBe(false);
    expect(await modelSettings(page)).toEqual(['gd', 'none', '1', '1000', '0']);
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.textContent('#m-accuracy')).toBe('0.895');
    expect(await page.textContent('#data-source')).not.toMatch(/standardized/);
    expect(page.errors).toEqual([]);
  });
});

/** Breast cancer as Parquet (hyparquet-writer): DOUBLE features, the diagnosis as STRING, in row groups of 100. */
function parquetOf(data: Columns): Buffer {
  const columnData = [
    ...data.features.map((values, j) => ({ name: data.names[j] as string, data: values, type: 'DOUBLE' as const, nullable: false })),
    { name: data.names.at(-1) as string, data: data.labels, type: 'STRING' as const, nullable: false },
  ];
  return Buffer.from(parquetWriteBuffer({ columnData, rowGroupSize: 100 }));
}

/** Breast cancer as an Arrow IPC file (flechette), the diagnosis FIRST (the target picker's choice is tested), in batches of 128 rows. */
function arrowOf(data: Columns): Buffer {
  const columns: Record<string, unknown[] | Float64Array> = { [data.names.at(-1) as string]: data.labels };
  data.features.forEach((values, j) => (columns[data.names[j] as string] = Float64Array.from(values)));
  return Buffer.from(tableToIPC(tableFromArrays(columns, { maxBatchRows: 128 }), { format: 'file' }) as Uint8Array);
}

describe('Parquet and Arrow files', () => {
  it('the site has one copy of the library: the Parquet reader carries hyparquet and imports the library from lib/index.js', async () => {
    // esbuild marks each bundled source file with a `// path` comment: the library's own
    // modules (src/matrix.ts …) are in lib/index.js alone.
    const marks = async (file: string): Promise<string[]> => (await readFile(`${demo.site}${file}`, 'utf8')).match(/^\/\/ (src|dist|node_modules)\/\S+/gm) ?? [];
    const reader = await marks('lib/parquet/browser.js');
    expect(reader.some((mark) => mark.startsWith('// node_modules/hyparquet/'))).toBe(true);
    expect(reader.filter((mark) => mark.startsWith('// src/') || mark === '// dist/index.js')).toEqual([]);
    expect(await readFile(`${demo.site}lib/parquet/browser.js`, 'utf8')).toMatch(/^import \{[^}]*\bMatrix\b[^}]*\} from "\.\.\/index\.js";$/m);
    expect(await marks('lib/index.js')).toContain('// src/matrix.ts');
    for (const script of ['main.js', 'data-worker.js']) {
      expect((await marks(script)).filter((mark) => /^\/\/ (src\/(matrix|estimator)|node_modules\/(hyparquet|@uwdata))/.test(mark)), script).toEqual([]);
    }
  });

  /** Accuracy and log-loss of breast cancer pasted as CSV with the page's real-data defaults. */
  async function csvResult(page: Page): Promise<number[]> {
    await page.check('input[name=source][value=csv]');
    await page.fill('textarea[name=csvText]', await readFile(datasetPath('breast-cancer'), 'utf8'));
    expect(await trainAndWait(page)).toBe('done');
    return [await accuracyOf(page), await logLossOf(page)];
  }

  it('a Parquet file trains to the same accuracy as the same data as CSV', async () => {
    const page = await demo.open();
    const asCsv = await csvResult(page);
    await page.setInputFiles('input[name=csvFile]', { name: 'breast-cancer.parquet', mimeType: 'application/vnd.apache.parquet', buffer: parquetOf(await readColumns('breast-cancer')) });
    // Train at once, while the file may still be loading: the page waits for it.
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.textContent('#data-source')).toMatch(/^Data: Parquet file breast-cancer\.parquet \(569 rows × 30 features, target "diagnosis"\); standardized/);
    expect([await accuracyOf(page), await logLossOf(page)]).toEqual(asCsv);
    expect(page.errors).toEqual([]);
  });

  it('an Arrow file, its target chosen in the picker, trains to the same accuracy as the same data as CSV', async () => {
    const page = await demo.open();
    const asCsv = await csvResult(page);
    await page.setInputFiles('input[name=csvFile]', { name: 'breast-cancer.arrow', mimeType: 'application/vnd.apache.arrow.file', buffer: arrowOf(await readColumns('breast-cancer')) });
    await page.waitForSelector('select[name=target] option[value="1"]:text("1: diagnosis")', { state: 'attached' });
    await page.selectOption('select[name=target]', '1');
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.textContent('#data-source')).toMatch(/^Data: Arrow file breast-cancer\.arrow \(569 rows × 30 features, target "diagnosis"\)/);
    expect([await accuracyOf(page), await logLossOf(page)]).toEqual(asCsv);
    expect(page.errors).toEqual([]);
  });

  it.each([
    ['not-parquet.parquet', 'readParquet: not-parquet.parquet is not a Parquet file: it does not start with the magic bytes PAR1'],
    ['not-arrow.arrow', 'not-arrow.arrow is not an Arrow IPC file: it does not start with the magic bytes ARROW1 (an Arrow file, Feather v2) or an Arrow stream\'s first message.'],
  ])('%s (CSV text inside) gets a clear message under the file field', async (name, expected) => {
    const page = await demo.open();
    await page.check('input[name=source][value=csv]');
    await page.setInputFiles('input[name=csvFile]', { name, mimeType: 'application/octet-stream', buffer: Buffer.from('x1,x2,y\n1,2,0\n3,4,1\n') });
    await page.waitForSelector('.field-error');
    expect(await page.textContent('#message')).toBe(expected);
    // The note is the file field's: right after its label.
    expect(await page.evaluate(() => (document.querySelector('.field-error')?.previousElementSibling?.querySelector('input') as HTMLInputElement | null)?.name)).toBe('csvFile');
    expect(await page.getAttribute('input[name=csvFile]', 'aria-invalid')).toBe('true');
    expect(page.errors).toEqual([]);
  });

  it('a Parquet file whose chosen target leaves a text column among the features says to choose it as the target', async () => {
    const page = await demo.open();
    await page.check('input[name=source][value=csv]');
    await page.setInputFiles('input[name=csvFile]', { name: 'breast-cancer.parquet', mimeType: 'application/octet-stream', buffer: parquetOf(await readColumns('breast-cancer')) });
    await page.waitForFunction(() => (document.querySelector('select[name=target]') as HTMLSelectElement).options.length === 32);
    await page.selectOption('select[name=target]', '1');
    expect(await trainAndWait(page)).toBe('error');
    const text = (await page.textContent('#message')) ?? '';
    expect(text).toMatch(/^breast-cancer\.parquet: .*diagnosis/);
    expect(text).toMatch(/choose it as the target column/);
    expect(await page.getAttribute('select[name=target]', 'aria-invalid')).toBe('true');
  });
});

describe('the form with the new fields', () => {
  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])('a dataset fit, screenshot (%s); on a desktop Train stays on an 800 px screen for every source', async (name, viewport) => {
    const page = await demo.open(viewport);
    if (name === 'desktop') {
      for (const source of ['generate', 'csv', 'dataset', 'text']) {
        await page.check(`input[name=source][value=${source}]`);
        const box = await page.locator('#train').boundingBox();
        expect(box!.y + box!.height, source).toBeLessThanOrEqual(DESKTOP.height);
      }
    }
    await chooseDataset(page, 'breast-cancer');
    expect(await trainAndWait(page)).toBe('done');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}demo-dataset-${name}.png` });
    if (name === 'phone') await page.locator('#controls').screenshot({ path: `${SHOTS}demo-dataset-form-${name}.png` });
    await page.check('input[name=source][value=csv]');
    await page.setInputFiles('input[name=csvFile]', { name: 'breast-cancer.parquet', mimeType: 'application/octet-stream', buffer: parquetOf(await readColumns('breast-cancer')) });
    await page.waitForFunction(() => (document.querySelector('select[name=target]') as HTMLSelectElement).options.length === 32);
    await page.locator('#controls').screenshot({ path: `${SHOTS}demo-parquet-form-${name}.png` });
    expect(page.errors).toEqual([]);
  });
});
