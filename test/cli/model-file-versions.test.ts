// Model file versions: a model of CSV columns is still written as version 1 (so a
// logreg-wasm that reads only version 1 keeps reading it), models of text and svmlight
// data are version 2, and a version 1 file written before version 2 existed still loads;
// an ONNX file from elsewhere reads every column but the target.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

const TRAIN = tmp.file('train.csv', `x,c,y\n${Array.from({ length: 12 }, (_, i) => `${i % 5},${['red', 'blue'][i % 2]},${i % 2}`).join('\n')}\n`);
const DATA = tmp.file('data.csv', 'x,c\n1,red\n3,blue\n');

/** A version 1 file as logreg-wasm wrote it before version 2 (fields in their order, no text or svmlight). */
const VERSION_1 = {
  format: 'logreg-wasm/cli-model',
  version: 1,
  target: 'y',
  preprocessing: { features: ['x', 'c'], oneHot: { c: ['blue', 'red'] }, impute: null, standardize: null },
  estimator: {
    format: 'logreg-wasm/logistic-regression',
    version: 1,
    options: {},
    model: { mode: 'binary', classes: [0, 1], coef: [[0.5, 1, -1]], intercept: [0.25] },
  },
};

describe('model file versions', () => {
  it('a model of CSV columns is written as version 1, with preprocessing and no text or svmlight field', async () => {
    const out = tmp.path('columns.json');
    expect((await cli(['train', TRAIN, '--target', 'y', '--one-hot', 'c', '--test-size', '0', '--quiet', '--out', out])).code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['format', 'version', 'target', 'preprocessing', 'estimator']);
    expect(doc['version']).toBe(1);
  });

  it('a version 1 file written before version 2 existed still predicts', async () => {
    const r = await cli(['predict', tmp.file('v1.json', JSON.stringify(VERSION_1)), DATA, '--proba']);
    expect(r.code).toBe(0);
    // x·0.5 + [c=blue]·1 + [c=red]·(−1) + 0.25: row 1 is −0.25, row 2 is 2.75.
    const [header, ...rows] = r.stdout.trimEnd().split('\n').map((line) => line.split(','));
    expect(header).toEqual(['y', 'P(0)', 'P(1)']);
    expect(rows.map((row) => row[0])).toEqual(['0', '1']);
    expect(Number(rows[0]?.[2])).toBeCloseTo(1 / (1 + Math.exp(0.25)), 15);
    expect(Number(rows[1]?.[2])).toBeCloseTo(1 / (1 + Math.exp(-2.75)), 15);
  });
});

describe('an ONNX file without logreg-wasm metadata', () => {
  it('evaluate --target leaves that column out of its features (every other column, in order)', async () => {
    const doc = JSON.parse(readFileSync(new URL('../fixtures/onnx/ovr.json', import.meta.url), 'utf8')) as { X: number[][]; predict: number[] };
    const rows = doc.X.map((x, i) => [...x, doc.predict[i]].join(','));
    const csv = tmp.file('iris.csv', `a,b,c,d,species\n${rows.join('\n')}\n`);
    const model = tmp.file('iris.onnx', readFileSync(new URL('../fixtures/onnx/ovr.onnx', import.meta.url)));
    const r = await cli(['evaluate', model, csv, '--target', 'species', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scores.accuracy).toBe(1);
  });
});
