// svmlight / LIBSVM files through the CLI: train reads them (by name or --format), the
// model keeps the file's width and index base, and predict, evaluate and export apply
// them; the fit equals scikit-learn's on the same file (tools/make_cli_fixtures.py).
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, expectClose, expectFailure, scratch, type CliResult } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/cli');
const SPARSE = join(FIXTURES, 'sparse.svm');
const SPARSE_NEW = join(FIXTURES, 'sparse-new.svm');
const REFERENCE = JSON.parse(readFileSync(join(FIXTURES, 'sparse.reference.json'), 'utf8')) as {
  nFeatures: number;
  coef: number[];
  intercept: number[];
  new: { predict: number[]; proba: number[][] };
};
const EXACT = ['--test-size', '0', '--tol', '1e-10', '--max-iter', '10000', '--quiet'];

const tmp = scratch();
const MODEL = tmp.path('model.json');
let doc: { version: number; target: string; svmlight: unknown; estimator: { model: { coef: number[][]; intercept: number[] } } };
let trained: CliResult;

beforeAll(async () => {
  trained = await cli(['train', SPARSE, ...EXACT, '--out', MODEL]);
  doc = JSON.parse(readFileSync(MODEL, 'utf8'));
});
afterAll(() => tmp.remove());

describe('train data.svm', () => {
  it("lands on scikit-learn's coefficients and intercept for the same file (1e-6 relative)", () => {
    expect(trained.code).toBe(0);
    expectClose(doc.estimator.model.coef.flat(), REFERENCE.coef);
    expectClose(doc.estimator.model.intercept, REFERENCE.intercept);
  });

  it("reports the file's rows, width and index base", async () => {
    const r = await cli(['train', SPARSE, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`Data: ${SPARSE}: 150 rows, 50 features (svmlight, indices from 1); labels from the first column`);
  });

  it('reports the width and base in --json', async () => {
    const r = await cli(['train', SPARSE, '--quiet', '--json']);
    expect(JSON.parse(r.stdout).data).toEqual({ file: SPARSE, rows: 150, format: 'svmlight', nFeatures: 50, zeroBased: false });
  });

  it('with --dtype float32 fits the values rounded to float32', async () => {
    const out = tmp.path('float32.json');
    await cli(['train', SPARSE, ...EXACT, '--dtype', 'float32', '--out', out]);
    const coef = (JSON.parse(readFileSync(out, 'utf8')) as typeof doc).estimator.model.coef.flat();
    expect(coef).not.toEqual(REFERENCE.coef);
    coef.forEach((w, j) => expect(Math.abs(w - (REFERENCE.coef[j] as number))).toBeLessThan(1e-5));
  });

  it('saves a version 2 model file holding the width and the base, with the target named label', () => {
    expect(doc.version).toBe(2);
    expect(doc.target).toBe('label');
    expect(doc.svmlight).toEqual({ nFeatures: 50, zeroBased: false });
  });

  it('reads a file with an index 0 as zero-based', async () => {
    const out = tmp.path('zero.json');
    const r = await cli(['train', tmp.file('zero.svm', '0 0:1 2:1\n1 1:1\n0 0:2\n1 1:2 2:0.5\n'), '--test-size', '0', '--quiet', '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).svmlight).toEqual({ nFeatures: 3, zeroBased: true });
  });

  it('reads .svmlight and .libsvm names as svmlight, in any case', async () => {
    for (const name of ['data.svmlight', 'data.LIBSVM']) {
      const file = join(tmp.dir, name);
      copyFileSync(SPARSE, file);
      expect((await cli(['train', file, '--quiet'])).code).toBe(0);
    }
  });

  it('reads a .txt file as CSV unless --format svmlight is given', async () => {
    const file = join(tmp.dir, 'data.txt');
    copyFileSync(SPARSE, file);
    expectFailure(await cli(['train', file, '--quiet']), 'train needs --target COLUMN, the column to predict', 2);
    expect((await cli(['train', file, '--format', 'svmlight', '--quiet'])).code).toBe(0);
  });

  it('refuses a --format it does not know, naming the choices', async () => {
    expectFailure(await cli(['train', SPARSE, '--format', 'libsvm']), "--format: expected csv, parquet, arrow, svmlight; got 'libsvm'", 2);
  });

  it('refuses --target: the labels are the first token of each line', async () => {
    expectFailure(await cli(['train', SPARSE, '--target', 'y']), '--target does not apply to svmlight data: its labels are the first token of each line', 2);
  });

  it('refuses --standardize: centring would make the data dense', async () => {
    expectFailure(
      await cli(['train', SPARSE, '--standardize']),
      '--standardize does not apply to svmlight data: centring would fill in every 0 (scikit-learn refuses to centre sparse data too)',
      2,
    );
  });

  it('refuses --stream: an svmlight file is read whole', async () => {
    expectFailure(await cli(['train', SPARSE, '--stream']), '--stream does not apply to svmlight data: an svmlight file is read whole', 2);
  });

  it('refuses --text: an svmlight file has no columns of text', async () => {
    expectFailure(await cli(['train', SPARSE, '--text', 'review']), '--text does not apply to svmlight data: it is not CSV', 2);
  });

  it('names the file, line and column of a line that does not parse', async () => {
    const file = tmp.file('bad.svm', '1 1:1\n# comment\n-1 2:1 x\n');
    expectFailure(await cli(['train', file, '--quiet']), `${file}: line 3, column 8: expected index:value, got 'x'`);
  });

  it('refuses labels that are not integers, as scikit-learn refuses a continuous target', async () => {
    const file = tmp.file('continuous.svm', '0.5 1:1\n1.5 2:1\n');
    expectFailure(await cli(['train', file, '--quiet']), `${file}: the label column holds non-integer numbers (such as 0.5): it looks like a continuous column (a regression target), not class labels`);
  });

  it('refuses a value that is not finite, naming its line and column', async () => {
    const file = tmp.file('inf.svm', '0 1:1\n1 2:1\n0 1:2 3:inf\n1 2:2\n');
    expectFailure(await cli(['train', file, '--test-size', '0', '--quiet']), `${file}: line 3, column 7: the feature value is Infinity, in '3:inf'; a CsrMatrix holds finite values only`);
  });

  it('reads a gzip-compressed file by its .svm.gz name', async () => {
    const file = join(tmp.dir, 'sparse.svm.gz');
    writeFileSync(file, gzipSync(readFileSync(SPARSE)));
    const r = await cli(['train', file, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`Data: ${file}: 150 rows, 50 features (svmlight, indices from 1); labels from the first column`);
  });

  it('refuses a file with no rows', async () => {
    const file = tmp.file('comments.svm', '# nothing here\n\n');
    expectFailure(await cli(['train', file, '--quiet']), `${file}: has no rows (every line is blank or a comment)`);
  });
});

describe('predict with a model of svmlight data', () => {
  it("pads a narrower file to the model's width: labels and probabilities equal scikit-learn's", async () => {
    const r = await cli(['predict', MODEL, SPARSE_NEW, '--proba']);
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.trimEnd().split('\n');
    expect(header).toBe('label,P(-1),P(1)');
    expect(rows.map((row) => Number(row.split(',')[0]))).toEqual(REFERENCE.new.predict);
    expectClose(rows.flatMap((row) => row.split(',').slice(1).map(Number)), REFERENCE.new.proba.flat());
  });

  it("refuses an index beyond the model's width, naming the file and line", async () => {
    const file = tmp.file('wide.svm', '1 1:1\n-1 2:1 51:1\n');
    expectFailure(await cli(['predict', MODEL, file]), `${file}: the model has 50 features, but line 2 has index 51 (one-based), which needs 51 features`);
  });

  it("reads the file with the training file's base: an index 0 is refused for a one-based model", async () => {
    const file = tmp.file('zero-index.svm', '1 0:1 2:1\n');
    expectFailure(await cli(['predict', MODEL, file]), `${file}: line 1, column 3: the feature index is 0, but indices start at 1 (the model's training file was one-based), in '0:1'`);
  });

  it('refuses a CSV file, saying how to read it as svmlight', async () => {
    const file = tmp.file('rows.csv', 'a,b\n1,2\n');
    expectFailure(await cli(['predict', MODEL, file]), `${MODEL} was trained on svmlight data; ${file} is read as CSV (its name does not end in .svm, .svmlight, .libsvm); pass --format svmlight to read it as svmlight`);
  });

  it('refuses --delimiter', async () => {
    expectFailure(await cli(['predict', MODEL, SPARSE_NEW, '--delimiter', ';']), '--delimiter does not apply to svmlight data: it is not CSV', 2);
  });
});

describe('a model of CSV columns given svmlight data', () => {
  it('is refused, saying how to read the file as CSV', async () => {
    const model = tmp.path('csv-model.json');
    await cli(['train', tmp.file('cols.csv', 'a,y\n1,0\n2,1\n3,0\n4,1\n'), '--target', 'y', '--test-size', '0', '--quiet', '--out', model]);
    expectFailure(await cli(['predict', model, SPARSE_NEW]), `${model} was trained on CSV data; ${SPARSE_NEW} is read as svmlight (its name ends in .svm); pass --format csv to read it as CSV`);
  });
});

describe('evaluate with a model of svmlight data', () => {
  it("scores the file's labels", async () => {
    const r = await cli(['evaluate', MODEL, SPARSE]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe(`Data: ${SPARSE}: 150 rows; labels from the first column`);
  });

  it("refuses a label that is not one of the model's classes, naming its row", async () => {
    const file = tmp.file('three.svm', '1 1:1\n3 2:1\n');
    expectFailure(await cli(['evaluate', MODEL, file]), `${file}: row 2: label 3 is not one of the model's classes (-1, 1)`);
  });

  it('refuses --target', async () => {
    expectFailure(await cli(['evaluate', MODEL, SPARSE, '--target', 'y']), '--target does not apply to svmlight data: its labels are the first token of each line', 2);
  });
});

describe('export of a model of svmlight data', () => {
  it('writes ONNX that predict reads with the same width and base, giving the same labels', async () => {
    const onnx = tmp.path('model.onnx');
    expect((await cli(['export', MODEL, '--onnx', onnx])).code).toBe(0);
    const fromJson = await cli(['predict', MODEL, SPARSE_NEW]);
    const fromOnnx = await cli(['predict', onnx, SPARSE_NEW]);
    expect(fromOnnx.code).toBe(0);
    expect(fromOnnx.stdout).toBe(fromJson.stdout);
  });
});

describe('the svmlight field of a model file', () => {
  async function predictWith(name: string, edit: (d: Record<string, any>) => void): Promise<CliResult> {
    const copy = structuredClone(doc) as Record<string, any>;
    edit(copy);
    return cli(['predict', tmp.file(name, JSON.stringify(copy)), SPARSE_NEW]);
  }

  it('is refused when its width is not a positive integer', async () => {
    expectFailure(
      await predictWith('width.json', (d) => (d.svmlight.nFeatures = 0)),
      `${tmp.path('width.json')}: the model file is damaged (svmlight must hold nFeatures, an integer from 1 to 2147483648, and zeroBased, true or false)`,
    );
  });

  it("is refused when its width is not the model's", async () => {
    expectFailure(await predictWith('narrow.json', (d) => (d.svmlight.nFeatures = 49)), `${tmp.path('narrow.json')}: the model file is damaged (the model has 50 features; svmlight.nFeatures is 49)`);
  });

  it('is refused beside preprocessing (a file holds one input)', async () => {
    expectFailure(
      await predictWith('both.json', (d) => (d.preprocessing = { features: ['a'], oneHot: {}, impute: null, standardize: null })),
      `${tmp.path('both.json')}: the model file is damaged (it must hold one of preprocessing, text and svmlight; it holds preprocessing and svmlight)`,
    );
  });
});
