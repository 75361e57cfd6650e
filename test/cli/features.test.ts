// CLI behaviours beyond the happy path: preprocessing saved in the model file, CSV
// dialects, progress output, help, the demo, streaming, and the installed executable.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LogisticRegression, fitStream, type StreamChunk } from '../../src/index.js';
import { BREAST_CANCER, cli, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

// Colour decides the class; size is noise; some sizes and colours are missing.
const COLOURS = 'size,colour,y\n' +
  Array.from({ length: 40 }, (_, i) => {
    const colour = ['red', 'green', 'blue'][i % 3] as string;
    const size = i % 7 === 0 ? 'NA' : String(10 + (i % 5));
    return `${size},${i % 11 === 0 ? '' : colour},${colour === 'red' ? 'yes' : 'no'}\n`;
  }).join('');

describe('preprocessing saved in the model file', () => {
  it('one-hot encodes, imputes and standardises in train, and predict applies the same steps', async () => {
    const data = tmp.file('colours.csv', COLOURS);
    const model = tmp.path('colours.json');
    const r = await cli(['train', data, '--target', 'y', '--one-hot', 'colour', '--impute', 'median', '--standardize', '--test-size', '0', '--C', '100', '--quiet', '--out', model]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(model, 'utf8'));
    expect(doc.preprocessing.oneHot).toEqual({ colour: ['blue', 'green', 'red'] });
    expect(doc.preprocessing.impute.strategy).toBe('median');
    expect(doc.preprocessing.impute.values.size).toBe(12);
    expect(doc.preprocessing.standardize.mean).toHaveLength(4);
    const p = await cli(['predict', model, tmp.file('new.csv', 'colour,size\nred,NA\nblue,11\n')]);
    expect(p.code).toBe(0);
    expect(p.stdout).toBe('y\nyes\nno\n');
  });

  it('names an unseen category in the predict CSV with its row and column', async () => {
    const model = tmp.path('colours2.json');
    await cli(['train', tmp.file('c2.csv', COLOURS), '--target', 'y', '--one-hot', 'colour', '--impute', 'mean', '--test-size', '0', '--quiet', '--out', model]);
    const p = await cli(['predict', model, tmp.file('purple.csv', 'size,colour\n1,purple\n')]);
    expect(p.code).toBe(1);
    expect(p.stderr).toMatch(/purple\.csv: row 2, column 'colour' \(2\): unknown category "purple"/);
  });

  it('uses only the columns given by --features, in that order', async () => {
    const model = tmp.path('feat.json');
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--features', 'worst area,mean radius', '--quiet', '--out', model]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(model, 'utf8')).preprocessing.features).toEqual(['worst area', 'mean radius']);
  });
});

describe('CSV dialects', () => {
  const rows = [['x 1', 'x2', 'label'], ['1', '0', 'a;b'], ['0', '1', 'c'], ['2', '0', 'a;b'], ['0', '2', 'c']];
  it('detects a semicolon delimiter and reads quoted fields', async () => {
    const text = rows.map((r) => r.map((c) => `"${c}"`).join(';')).join('\n');
    const r = await cli(['train', tmp.file('semi.csv', text), '--target', 'label', '--test-size', '0', '--json', '--quiet']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).classes).toEqual(['a;b', 'c']);
  });

  it('detects a tab delimiter', async () => {
    const text = rows.map((r) => r.join('\t')).join('\n');
    const r = await cli(['train', tmp.file('tab.tsv', text), '--target', 'label', '--test-size', '0', '--json', '--quiet']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).data.features).toEqual(['x 1', 'x2']);
  });

  it('honours an explicit --delimiter', async () => {
    const text = rows.map((r) => r.join('\t')).join('\n');
    const r = await cli(['train', tmp.file('tab2.tsv', text), '--target', 'label', '--delimiter', 'tab', '--test-size', '0', '--quiet']);
    expect(r.code).toBe(0);
  });
});

describe('progress', () => {
  it('prints plain progress lines on stderr when it is not a terminal', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--standardize', '--test-size', '0']);
    expect(r.stderr).toMatch(/^iteration 1\/100 {2}loss [\d.]+$/m);
    expect(r.stderr).not.toContain('\r');
  });

  it('draws a bar with the iteration and loss on a terminal', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--standardize', '--test-size', '0'], { tty: true });
    expect(r.stderr).toMatch(/\r\[#*\.*\] iteration \d+\/100 {2}loss [\d.]+/);
  });

  it('is silent with --quiet', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--standardize', '--quiet']);
    expect(r.stderr).toBe('');
  });
});

describe('help and demo', () => {
  it('--help lists the commands and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/train .*\n.*cv .*\n.*predict .*\n.*evaluate .*\n.*demo/);
  });

  it('train --help lists the preprocessing flags', async () => {
    const r = await cli(['train', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--standardize', '--one-hot', '--impute', '--stream']) expect(r.stdout).toContain(flag);
  });

  it('demo reproduces the reference experiment', async () => {
    const r = await cli(['demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Accuracy: 0\.895$/m);
  });
});

describe('streaming', () => {
  it('train --stream learns the breast cancer data to at least 95 % test accuracy with bounded chunks', async () => {
    const model = tmp.path('stream.json');
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--standardize', '--stream', '--epochs', '10', '--chunk-size', '64', '--learning-rate', '0.01', '--json', '--quiet', '--out', model]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.test.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.split.train + report.split.test).toBe(569);
    const e = await cli(['evaluate', model, BREAST_CANCER, '--json']);
    expect(JSON.parse(e.stdout).scores.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('train --stream rejects a solver other than sgd, lbfgs, owlqn and newton as a usage error', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--stream', '--solver', 'newton-cd']);
    expect(r.code).toBe(2);
  });

  it('fitStream over chunks gives the same coefficients as the same partialFit calls', async () => {
    const chunks: StreamChunk[] = [
      { X: [[0, 1], [1, 0], [2, 1]], y: [0, 1, 1] },
      { X: [[0, 2], [3, 0]], y: [0, 1] },
    ];
    const options = { learningRate: 0.1, randomState: 3, batchSize: 2 };
    const streamed = await fitStream(() => chunks, { ...options, classes: [0, 1], epochs: 3 });
    const manual = new LogisticRegression({ ...options, solver: 'sgd' });
    for (let e = 0; e < 3; e++) for (const c of chunks) manual.partialFit(c.X, c.y, { classes: [0, 1] });
    expect(Array.from(streamed.coef.data)).toEqual(Array.from(manual.coef.data));
    expect(Array.from(streamed.intercept)).toEqual(Array.from(manual.intercept));
  });

  it('fitStream reads an async iterable and reports each epoch', async () => {
    async function* chunks() {
      yield { X: [[0], [1]], y: ['a', 'b'] };
      yield { X: [[0.2], [0.9]], y: ['a', 'b'] };
    }
    const epochs: number[] = [];
    await fitStream(() => chunks(), { classes: ['a', 'b'], epochs: 2, onEpoch: (info) => void epochs.push(info.rows) });
    expect(epochs).toEqual([4, 4]);
  });

  it('fitStream rejects several epochs over a one-shot iterable', async () => {
    await expect(fitStream([], { classes: [0, 1], epochs: 2 })).rejects.toThrow(/epochs > 1 needs chunks as a function/);
  });

  it('fitStream names the epoch and chunk of a bad chunk', async () => {
    const chunks = [{ X: [[0], [1]], y: [0, 1] }, { X: [[0]], y: [5] }];
    await expect(fitStream(chunks, { classes: [0, 1] })).rejects.toThrow(/^fitStream: epoch 1, chunk 2: /);
  });
});

describe('the executable', () => {
  const bin = join(import.meta.dirname, '../../dist/cli.js');
  if (!existsSync(bin)) execFileSync(process.execPath, ['scripts/bundle-cli.mjs'], { cwd: join(import.meta.dirname, '../..') });

  it('dist/cli.js runs with node, prints the usage for --help and exits 0', () => {
    const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: logreg-wasm <command>');
  });

  it('dist/cli.js exits 1 with one line on stderr for a missing file', () => {
    const r = spawnSync(process.execPath, [bin, 'train', 'no-such.csv', '--target', 'y'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('logreg-wasm: no-such.csv: no such file\n');
  });
});
