/**
 * The demo page's text mode in Debian's Chromium: it trains on labelled text (the Brown
 * corpus sample the page offers) with the accuracy and probabilities Node computes from the
 * same text (to rounding: see below), classifies what the user types, and answers bad labelled text with a message
 * naming the row. Screenshots go to test-results/browser/.
 */
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { brownSampleTsv } from '../../demo/brown-sample.js';
import type * as Library from '../../src/index.js';
import { chromiumAvailable, CHROMIUM_NOTICE } from './chromium.js';
import { SHOTS, trainAndWait, useDemo } from './demo-page.js';

const SENTENCE = 'The senator told reporters on Tuesday that the bill would pass';

if (!chromiumAvailable()) throw new Error(CHROMIUM_NOTICE);

const demo = useDemo();
let lib: typeof Library;

beforeAll(async () => {
  lib = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof Library;
});

async function openTextMode(): Promise<Page & { errors: string[] }> {
  const page = await demo.open();
  await page.check('input[name=source][value=text]');
  return page;
}

/** The page's fit, in Node: the same rows, split, features and model settings. */
function nodeFit(text: string): { accuracy: number; proba: Map<string, number> } {
  const rows = text.trim().split('\n').slice(1).map((line) => line.split('\t') as [string, string]);
  const split = lib.trainTestSplitIndices(rows.length, { testSize: 0.2, randomState: 42 });
  const docs = (indices: Int32Array): string[] => Array.from(indices, (i) => rows[i]![1]);
  const genres = (indices: Int32Array): string[] => Array.from(indices, (i) => rows[i]![0]);
  const vectorizer = new lib.TfidfVectorizer();
  const XTrain = vectorizer.fitTransform(docs(split.train));
  const XTest = vectorizer.transform(docs(split.test));
  const model = new lib.LogisticRegression({ solver: 'lbfgs', penalty: 'l2', C: 1, maxIter: 100, tol: 1e-4 }).fit(XTrain, genres(split.train));
  const accuracy = model.score(XTest, genres(split.test));
  const X = vectorizer.transform([SENTENCE]);
  const p = model.predictProba(X);
  const proba = new Map(model.classes.map((label, k) => [label, p.get(0, k)]));
  for (const m of [XTrain, XTest, X]) m.dispose();
  model.dispose();
  return { accuracy, proba };
}

describe('the demo page with labelled text', () => {
  it("switches the model to scikit-learn's defaults and trains on the Brown sample as Node does, then classifies a typed sentence (screenshot)", async () => {
    const page = await openTextMode();
    expect(await page.inputValue('select[name=solver]')).toBe('lbfgs');
    expect(await page.inputValue('select[name=penalty]')).toBe('l2');
    await page.click('#load-sample');
    await page.waitForFunction(() => (document.querySelector('textarea[name=textData]') as HTMLTextAreaElement).value.length > 0);
    const sample = await page.inputValue('textarea[name=textData]');
    expect(sample).toBe(brownSampleTsv());
    expect(await trainAndWait(page)).toBe('done');

    const node = nodeFit(sample);
    expect(await page.textContent('#m-rows')).toBe('367 / 92');
    expect(Number(await page.getAttribute('#m-accuracy', 'data-value'))).toBe(node.accuracy);
    expect(node.accuracy).toBe(65 / 92); // scikit-learn 1.2.1 on the same split and features: 0.7065217391304348
    expect(await page.isHidden('#scatter-figure')).toBe(true);
    expect(await page.isVisible('#download-vectorizer')).toBe(true);

    // Training already drew the (empty) sentence's probabilities: wait for the typed one's,
    // drawn on the next animation frame, rather than for any three items.
    const expected = [...node.proba].sort((a, b) => b[1] - a[1]);
    await page.fill('#sentence', SENTENCE);
    await page.waitForFunction(
      (want) => {
        const items = Array.from(document.querySelectorAll<HTMLElement>('#sentence-proba li'));
        return items.length === want.length && items.every((li, k) => Math.abs(Number(li.dataset['p']) - (want[k] as [string, number])[1]) < 1e-6);
      },
      expected,
    );
    const shown = await page.$$eval('#sentence-proba li', (items) => items.map((li) => [li.querySelector('.name')!.textContent, Number((li as HTMLElement).dataset['p'])] as const));
    expect(shown.map(([label]) => label)).toEqual(expected.map(([label]) => label));
    // Not bit for bit: idf takes Math.log, whose last bit differs between Chromium's V8 and
    // Node 20's for a few arguments (4 of the sample's 4,668 terms), and 31 L-BFGS steps to
    // tol 1e-4 carry that 1e-16 to about 1e-11.
    for (const [label, p] of shown) expect(Math.abs(p - node.proba.get(label!)!)).toBeLessThan(1e-9);
    expect(await page.textContent('#sentence-proba li.top .name')).toBe('news');
    expect(await page.locator('#top-words dt').allTextContents()).toEqual(['learned', 'news', 'romance']);
    expect((await page.textContent('#top-words dt:text-is("news") + dd'))?.split(', ')).toContain('president');

    // The downloaded vectorizer is the page's: it rebuilds and gives Node's features.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-vectorizer')]);
    expect(download.suggestedFilename()).toBe('logreg-vectorizer.json');
    await page.screenshot({ path: `${SHOTS}demo-text.png` });
    expect(page.errors).toEqual([]);
  });

  it('trains on hashed words and word pairs', async () => {
    const page = await openTextMode();
    await page.click('#load-sample');
    await page.waitForFunction(() => (document.querySelector('textarea[name=textData]') as HTMLTextAreaElement).value.length > 0);
    await page.selectOption('select[name=vectorizer]', 'hashing');
    await page.selectOption('select[name=ngram]', '2');
    expect(await trainAndWait(page)).toBe('done');
    expect(Number(await page.getAttribute('#m-accuracy', 'data-value'))).toBeGreaterThan(0.5);
    expect(await page.textContent('#data-source')).toContain('hashed into 65,536 columns, words and word pairs');
    expect(await page.isHidden('#top-words-box')).toBe(true); // hashed columns have no names
    await page.fill('#sentence', 'the results of the experiment');
    await page.waitForFunction(() => document.querySelectorAll('#sentence-proba li').length === 3);
    expect(page.errors).toEqual([]);
  });
});

describe('bad labelled text shows a readable message and the page stays usable', () => {
  let page: Page & { errors: string[] };
  beforeAll(async () => {
    page = await openTextMode();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await page.goto(demo.url);
      await page.waitForSelector('body[data-state="ready"]');
      await page.check('input[name=source][value=text]');
    }
  });

  it.each([
    ['nothing', '', 'Text: paste labelled text (a header, then label and text on each line) or load the sample.'],
    ['a header only', 'label\ttext\n', 'The text has a header but no examples.'],
    ['one column', 'text\nhello there\n', 'Row 1 has 1 column; labelled text needs two, a label and a text (a header such as label<TAB>text, then one example per row).'],
    ['a text holding the delimiter, unquoted', 'label,text\nspam,win money, now\nham,see you\n', 'Row 2 has 3 cells; every row needs a label and a text. A text holding the delimiter goes in double quotes.'],
    ['a missing label', 'label\ttext\nspam\twin money\nNA\tsee you\n', 'Missing label at row 3, column 1 (label).'],
    ['one class', 'label\ttext\nspam\twin money\nspam\tfree cruise\nspam\tact now\nspam\tlast chance\n', 'The label column "label" has a single class (spam); logistic regression needs at least two classes.'],
    ['no words', 'label\ttext\na\t1 2 3\nb\t. ,\na\t!\nb\t?\na\tx\n', 'The training texts hold no word of two or more letters or digits: there is nothing to learn from.'],
  ])('%s', async (_what, text, expected) => {
    await page.fill('textarea[name=textData]', text);
    expect(await trainAndWait(page)).toBe('error');
    await page.waitForSelector('#message:not([hidden])');
    expect(await page.textContent('#message')).toBe(expected);
    expect(await page.getAttribute('textarea[name=textData]', 'aria-invalid')).toBe('true');
    // Corrected text and one click on Train: the click is not lost to the error note vanishing.
    await page.fill('textarea[name=textData]', 'label,text\nspam,"win money, now"\nham,see you at lunch\nspam,free cruise today\nham,the meeting moved\nspam,act now and win\n');
    expect(await trainAndWait(page)).toBe('done');
    expect(await page.isHidden('#message')).toBe(true);
    // A binary model has one row of weights: its most negative ones speak for the first class.
    expect(await page.locator('#top-words dt').allTextContents()).toEqual(['ham', 'spam']);
  });
});
