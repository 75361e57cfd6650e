// A model file's preprocessing is checked when it is read: a damaged or hand-edited file is
// refused in one line naming the file and the field, before any row is read (it never
// surfaces later as NaN predictions, a library message or a JavaScript TypeError); and
// values that leave float64's range are named by file, row and column.
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, scratch, type CliResult } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

// x is numeric, c categorical; rows 2 and 3 have missing cells, so fills are used.
const TRAIN = `x,c,y\n${Array.from({ length: 24 }, (_, i) => `${i % 5},${['red', 'blue', 'green'][i % 3]},${i % 2}`).join('\n')}\n`;
const DATA = 'x,c\n,red\n1,\n2,blue\n';
let doc: { preprocessing: Record<string, any>; estimator: Record<string, any> };

beforeAll(async () => {
  const out = tmp.path('model.json');
  const r = await cli(['train', tmp.file('train.csv', TRAIN), '--target', 'y', '--one-hot', 'c', '--impute', 'mean', '--standardize', '--test-size', '0', '--quiet', '--out', out]);
  expect(r.code).toBe(0);
  doc = JSON.parse(readFileSync(out, 'utf8'));
});

/** predict with the model file after `edit`: its result. */
async function predictEdited(name: string, edit: (p: Record<string, any>) => void): Promise<CliResult> {
  const copy = structuredClone(doc);
  edit(copy.preprocessing);
  return cli(['predict', tmp.file(name, JSON.stringify(copy)), tmp.file(`${name}.csv`, DATA)]);
}

function damaged(r: CliResult, name: string, what: string): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`logreg-wasm: ${tmp.path(name)}: the model file is damaged (${what})\n`);
}

describe('predict refuses a model file whose preprocessing is damaged', () => {
  it('a fill value that is not a number', async () => {
    damaged(await predictEdited('text-fill.json', (p) => (p.impute.values.x = 'foo')), 'text-fill.json', "preprocessing.impute has no valid fill value for 'x'");
  });

  it('a numeric feature without a fill value', async () => {
    damaged(await predictEdited('no-fill.json', (p) => delete p.impute.values.x), 'no-fill.json', "preprocessing.impute has no valid fill value for 'x'");
  });

  it('a category fill that is not a string', async () => {
    damaged(await predictEdited('num-cat.json', (p) => (p.impute.categories.c = 5)), 'num-cat.json', "preprocessing.impute has no valid fill value for 'c'");
  });

  it('a category fill that is not one of the categories', async () => {
    damaged(await predictEdited('purple.json', (p) => (p.impute.categories.c = 'purple')), 'purple.json', "preprocessing.impute has no valid fill value for 'c'");
  });

  it('an unknown imputation strategy', async () => {
    damaged(
      await predictEdited('mode.json', (p) => (p.impute.strategy = 'mode')),
      'mode.json',
      "preprocessing.impute must be null or hold a strategy ('mean' or 'median'), values and categories",
    );
  });

  it('a category listed twice', async () => {
    damaged(await predictEdited('twice.json', (p) => p.oneHot.c.splice(1, 1, 'red', 'red').length && p.oneHot.c.pop()), 'twice.json', "preprocessing.oneHot repeats a category of 'c'");
  });

  it('a feature listed twice', async () => {
    damaged(await predictEdited('feature-twice.json', (p) => (p.features = ['x', 'x'])), 'feature-twice.json', 'preprocessing.features repeats a column');
  });

  it('categories for a column that is not a feature', async () => {
    damaged(await predictEdited('stray.json', (p) => (p.oneHot.z = ['a'])), 'stray.json', "preprocessing.oneHot names 'z', which is not a feature");
  });
});

describe('a model file from a newer version', () => {
  it('whose estimator document is newer is named as newer, not as damaged', async () => {
    const copy = structuredClone(doc);
    copy.estimator.version = 99;
    const file = tmp.file('newer-estimator.json', JSON.stringify(copy));
    const r = await cli(['predict', file, tmp.file('newer.csv', DATA)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`logreg-wasm: ${file}: written by a newer logreg-wasm (estimator format version 99); this version reads up to 1\n`);
  });
});

describe('values beyond float64', () => {
  it('a cell spelling an infinite number is named as not finite (not as text for --one-hot)', async () => {
    for (const cell of ['inf', '-Infinity', '1e400']) {
      const r = await cli(['train', tmp.file('inf.csv', `x,y\n1,0\n${cell},1\n2,0\n3,1\n`), '--target', 'y', '--quiet']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`inf\\.csv: row 3, column 'x' \\(1\\): "${cell}" is not a finite number; features must be finite\\n$`));
    }
  });

  it('a predict value that standardises past float64 is named by row and column', async () => {
    // x is 0 or 0.5 in training (scale 0.25), so 1e308 standardises to 4e308.
    const tiny = tmp.path('tiny.json');
    const rows = Array.from({ length: 20 }, (_, i) => `${i % 2 === 0 ? 0 : 0.5},${i % 4},${(i >> 1) % 2}`);
    const t = await cli(['train', tmp.file('tiny.csv', `x,z,y\n${rows.join('\n')}\n`), '--target', 'y', '--standardize', '--test-size', '0', '--quiet', '--out', tiny]);
    expect(t.code).toBe(0);
    const r = await cli(['predict', tiny, tmp.file('huge.csv', 'x,z\n0,1\n1e308,2\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/huge\.csv: row 3, column 'x' \(1\): 1e\+308 standardised with the model's mean [\d.e+-]+ and scale [\d.e+-]+ is beyond float64's range\n$/);
  });
});

describe('a model path that is a directory', () => {
  it('is named as a directory', async () => {
    const dir = tmp.path('models');
    mkdirSync(dir);
    const r = await cli(['predict', dir, tmp.file('any.csv', DATA)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`logreg-wasm: ${dir}: is a directory, not a model file\n`);
  });

  it('is named as a directory when it ends in .onnx too', async () => {
    const dir = tmp.path('models.onnx');
    mkdirSync(dir);
    const r = await cli(['evaluate', dir, tmp.file('any2.csv', DATA), '--target', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`logreg-wasm: ${dir}: is a directory, not a model file\n`);
  });
});

describe('export', () => {
  it('refuses an ONNX file as its input, saying it takes the JSON model file', async () => {
    const onnx = tmp.path('model.onnx');
    expect((await cli(['export', tmp.path('model.json'), '--onnx', onnx])).code).toBe(0);
    const r = await cli(['export', onnx, '--onnx', tmp.path('again.onnx')]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`logreg-wasm: export reads the JSON model file train writes; '${onnx}' is already ONNX`);
  });

  it('refuses an output name without .onnx, which predict would read as a JSON model', async () => {
    const out = tmp.path('model-onnx.json');
    const r = await cli(['export', tmp.path('model.json'), '--onnx', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `logreg-wasm: --onnx needs a file name ending in .onnx (predict and evaluate tell ONNX from JSON by the name); got '${out}'`,
    );
    expect(tmp.files()).not.toContain('model-onnx.json');
  });
});
