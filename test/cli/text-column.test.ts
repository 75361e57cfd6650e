// A CSV column of text as features (--text): hashed, counted or tf-idf weighted as
// scikit-learn's vectorizers do, the vectorizer saved in the model file so predict applies
// it; the fits equal scikit-learn's on the same cells (tools/make_cli_fixtures.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, expectClose, expectFailure, scratch, type CliResult } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/cli');
const REVIEWS = join(FIXTURES, 'reviews.csv');
const REVIEWS_NEW = join(FIXTURES, 'reviews-new.csv');
interface Reference {
  nFeatures: number;
  coef: number[];
  intercept: number[];
  new: { predict: string[]; proba: number[][] };
}
const REFERENCE = JSON.parse(readFileSync(join(FIXTURES, 'reviews.reference.json'), 'utf8')) as Record<string, Reference>;
const TFIDF = REFERENCE['tfidf-ngram-1-2'] as Reference;
const HASHED = REFERENCE['hashing-2^10'] as Reference;
const EXACT = ['--test-size', '0', '--tol', '1e-10', '--max-iter', '10000', '--quiet'];

const tmp = scratch();
afterAll(() => tmp.remove());

type ModelDoc = { version: number; target: string; text: { column: string; kind: string; vectorizer: { format: string } }; estimator: { model: { coef: number[][]; intercept: number[] } } };
const TFIDF_MODEL = tmp.path('tfidf.json');
const HASHED_MODEL = tmp.path('hashed.json');
let tfidf: ModelDoc;
let hashed: ModelDoc;
let tfidfRun: CliResult;

beforeAll(async () => {
  tfidfRun = await cli(['train', REVIEWS, '--target', 'label', '--text', 'review', '--tfidf', '--ngram', '1,2', ...EXACT, '--out', TFIDF_MODEL]);
  tfidf = JSON.parse(readFileSync(TFIDF_MODEL, 'utf8'));
  await cli(['train', REVIEWS, '--target', 'label', '--text', 'review', '--hashing', '2^10', ...EXACT, '--out', HASHED_MODEL]);
  hashed = JSON.parse(readFileSync(HASHED_MODEL, 'utf8'));
});

/** predict's labels and probabilities, as numbers per row. */
function predictions(r: CliResult): { labels: string[]; proba: number[] } {
  const rows = r.stdout.trimEnd().split('\n').slice(1);
  return { labels: rows.map((row) => row.split(',')[0] as string), proba: rows.flatMap((row) => row.split(',').slice(1).map(Number)) };
}

const train = (...args: string[]) => cli(['train', REVIEWS, '--target', 'label', '--quiet', ...args]);

describe('train reviews.csv --text review', () => {
  it("with --tfidf --ngram 1,2 lands on scikit-learn's coefficients (1e-6 relative), cells with quotes, commas, line breaks and non-ASCII text read as Python's csv reads them", () => {
    expect(tfidfRun.code).toBe(0);
    expect(tfidf.estimator.model.coef[0]?.length).toBe(TFIDF.nFeatures);
    expectClose(tfidf.estimator.model.coef.flat(), TFIDF.coef);
    expectClose(tfidf.estimator.model.intercept, TFIDF.intercept);
  });

  it("with --hashing 2^10 lands on scikit-learn's coefficients over 1024 hashed columns", () => {
    expectClose(hashed.estimator.model.coef.flat(), HASHED.coef);
    expectClose(hashed.estimator.model.intercept, HASHED.intercept);
  });

  it('reads --hashing 1024 as --hashing 2^10', async () => {
    const out = tmp.path('hashed-1024.json');
    await cli(['train', REVIEWS, '--target', 'label', '--text', 'review', '--hashing', '1024', ...EXACT, '--out', out]);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(HASHED_MODEL, 'utf8'));
  });

  it('reports the features, the vectorizer and the text column', () => {
    expect(tfidfRun.stdout.split('\n')[0]).toBe(`Data: ${REVIEWS}: 82 rows, 428 features (tf-idf) from text column 'review' (2); target 'label'`);
  });

  it('without --hashing or --tfidf counts the terms of a learnt vocabulary', async () => {
    const r = await train('--text', 'review', '--test-size', '0');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`Data: ${REVIEWS}: 82 rows, 40 features (counts) from text column 'review' (2); target 'label'`);
  });

  it('reports the text column, the vectorizer and the width in --json', async () => {
    const r = await train('--text', 'review', '--test-size', '0', '--json');
    expect(JSON.parse(r.stdout).data).toEqual({ file: REVIEWS, rows: 82, target: 'label', text: 'review', vectorizer: 'count', nFeatures: 40 });
  });

  it('with --dtype float32 saves a vectorizer that stores float32 values', async () => {
    const out = tmp.path('float32.json');
    expect((await train('--text', 'review', '--dtype', 'float32', '--out', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).text.vectorizer.options.dtype).toBe('float32');
  });

  it('saves the column and the fitted vectorizer in a version 2 model file', () => {
    expect(tfidf.version).toBe(2);
    expect(tfidf.text.column).toBe('review');
    expect(tfidf.text.kind).toBe('tfidf');
    expect(tfidf.text.vectorizer.format).toBe('logreg-wasm/tfidf-vectorizer');
  });

  it('prunes the vocabulary with --min-df, --max-df, --max-features and --stop-words english', async () => {
    const r = await train('--text', 'review', '--min-df', '2', '--max-df', '0.9', '--max-features', '20', '--stop-words', 'english', '--test-size', '0');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`Data: ${REVIEWS}: 82 rows, 20 features (counts) from text column 'review' (2); target 'label'`);
  });

  it('names the file and column when pruning leaves no term, in the flags\' terms', async () => {
    expectFailure(
      await train('--text', 'review', '--min-df', '1000'),
      `${REVIEWS}: column 'review' (2): --max-df must allow at least as many documents as --min-df, got --max-df 65 < --min-df 1000 documents`,
    );
  });
});

describe('predict with a model of text', () => {
  it("applies the saved tf-idf vectorizer: labels and probabilities equal scikit-learn's", async () => {
    const r = await cli(['predict', TFIDF_MODEL, REVIEWS_NEW, '--proba']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('label,P(neg),P(pos)');
    const { labels, proba } = predictions(r);
    expect(labels).toEqual(TFIDF.new.predict);
    expectClose(proba, TFIDF.new.proba.flat());
  });

  it("applies the saved hashing vectorizer: labels and probabilities equal scikit-learn's", async () => {
    const { labels, proba } = predictions(await cli(['predict', HASHED_MODEL, REVIEWS_NEW, '--proba']));
    expect(labels).toEqual(HASHED.new.predict);
    expectClose(proba, HASHED.new.proba.flat());
  });

  it('refuses a file without the text column, naming the columns it has', async () => {
    const file = tmp.file('no-text.csv', 'id,body\n1,great\n');
    expectFailure(await cli(['predict', TFIDF_MODEL, file]), `${file}: no text column 'review'; the columns are 'id', 'body'`);
  });
});

describe('evaluate with a model of text', () => {
  it('scores the labelled file', async () => {
    const r = await cli(['evaluate', TFIDF_MODEL, REVIEWS]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe(`Data: ${REVIEWS}: 82 rows; target 'label'`);
  });
});

describe('export of a model of text', () => {
  it('is refused: an ONNX LinearClassifier cannot hold the vectorizer', async () => {
    expectFailure(
      await cli(['export', TFIDF_MODEL, '--onnx', tmp.path('text.onnx')]),
      `${TFIDF_MODEL}: the model turns a text column into features with its vectorizer, which an ONNX LinearClassifier cannot hold; predict and evaluate read ${TFIDF_MODEL} itself`,
    );
  });
});

describe('the text field of a model file', () => {
  async function predictWith(name: string, edit: (d: Record<string, any>) => void, doc: ModelDoc = tfidf): Promise<CliResult> {
    const copy = structuredClone(doc) as Record<string, any>;
    edit(copy);
    return cli(['predict', tmp.file(name, JSON.stringify(copy)), REVIEWS_NEW]);
  }

  it("is refused when the vectorizer's own document is damaged, with its reader's words", async () => {
    expectFailure(
      await predictWith('idf.json', (d) => d.text.vectorizer.model.featureNames.pop()),
      `${tmp.path('idf.json')}: the model file is damaged (text.vectorizer: model.idf has 428 values; expected 427, one per feature)`,
    );
  });

  it('is refused with a vectorizer kind it does not know', async () => {
    expectFailure(await predictWith('kind.json', (d) => (d.text.kind = 'bag')), `${tmp.path('kind.json')}: the model file is damaged (text.kind must be 'hashing', 'count', 'tfidf'; got 'bag')`);
  });

  it("is refused when the vectorizer's width is not the model's", async () => {
    expectFailure(
      await predictWith('width.json', (d) => (d.text.vectorizer.options.nFeatures = 512), hashed),
      `${tmp.path('width.json')}: the model file is damaged (the model has 1024 features; the vectorizer gives 512)`,
    );
  });
});

describe('text flags', () => {
  it('--hashing refuses 2^31, beyond a column index', async () => {
    expectFailure(await train('--text', 'review', '--hashing', '2^31'), "--hashing: expected an integer from 1 to 2147483647, or 2^K with K from 0 to 30, got '2^31'", 2);
  });

  it('--hashing refuses what is neither an integer nor 2^K', async () => {
    expectFailure(await train('--text', 'review', '--hashing', '1e6'), "--hashing: expected an integer from 1 to 2147483647, or 2^K with K from 0 to 30, got '1e6'", 2);
  });

  it('--ngram refuses MIN above MAX', async () => {
    expectFailure(await train('--text', 'review', '--ngram', '2,1'), "--ngram: expected MIN,MAX with integers 1 ≤ MIN ≤ MAX (or N for N,N), got '2,1'", 2);
  });

  it('--min-df refuses a proportion above 1', async () => {
    expectFailure(
      await train('--text', 'review', '--min-df', '1.5'),
      "--min-df: expected a number of documents (an integer ≥ 0) or a proportion from 0.0 to 1.0 (written with a decimal point), got '1.5'",
      2,
    );
  });

  it('--hashing and --tfidf together are refused', async () => {
    expectFailure(await train('--text', 'review', '--hashing', '16', '--tfidf'), '--hashing and --tfidf do not combine: --hashing hashes terms into N columns, --tfidf weights a learnt vocabulary; choose one', 2);
  });

  it('--min-df is refused with --hashing, which learns no vocabulary', async () => {
    expectFailure(await train('--text', 'review', '--hashing', '16', '--min-df', '2'), '--min-df needs a learnt vocabulary (counts or --tfidf); the vectorizer is --hashing', 2);
  });

  it('--sublinear-tf is refused without --tfidf', async () => {
    expectFailure(await train('--text', 'review', '--sublinear-tf'), '--sublinear-tf needs --tfidf; the vectorizer is counts (neither --hashing nor --tfidf)', 2);
  });

  it('--stop-words is refused with a character analyzer', async () => {
    expectFailure(await train('--text', 'review', '--analyzer', 'char', '--stop-words', 'english'), '--stop-words applies to --analyzer word only; got --analyzer char', 2);
  });

  it('a vectorizer flag is refused without --text', async () => {
    expectFailure(await train('--ngram', '1,2'), '--ngram needs --text COLUMN, the column of text to learn from', 2);
  });

  it('--text refuses --features: the text column is the only source of features', async () => {
    expectFailure(await train('--text', 'review', '--features', 'id'), '--features does not combine with --text: the text column is the only source of features', 2);
  });

  it('--text refuses --stream: the vectorizer is fitted on every training row at once', async () => {
    expectFailure(await train('--text', 'review', '--stream'), '--stream does not combine with --text: the vectorizer is fitted on every training row at once', 2);
  });

  it('--text refuses the target column', async () => {
    expectFailure(await train('--text', 'label'), "--text column 'label' is the target; the text must be another column", 2);
  });

  it('--text names a column the file does not have, with the nearest one', async () => {
    expectFailure(await train('--text', 'reviews'), `${REVIEWS}: no text column 'reviews' (did you mean 'review'?); the columns are 'id', 'review', 'label'`);
  });
});
