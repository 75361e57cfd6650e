// `logreg-wasm export model.json --onnx model.onnx`, then predict and evaluate on the ONNX
// file: the same labels as the JSON model, probabilities to float32 precision, and the
// exported graph run by onnxruntime-node on the raw (unstandardised) features.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BREAST_CANCER, cli, scratch } from '../cli/helpers.js';

const ort = createRequire(import.meta.url)('onnxruntime-node') as typeof import('onnxruntime-node');
const tmp = scratch();
const json = tmp.path('model.json');
const onnx = tmp.path('model.onnx');

beforeAll(async () => {
  const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--standardize', '--quiet', '--out', json]);
  expect(r.code).toBe(0);
});
afterAll(() => tmp.remove());

function parse(csv: string): string[][] {
  return csv.trim().split('\n').map((l) => l.split(','));
}

describe('export --onnx', () => {
  it('writes an ONNX file that predict reads, with the JSON model’s labels and probabilities', async () => {
    const e = await cli(['export', json, '--onnx', onnx]);
    expect(e.code).toBe(0);
    expect(e.stderr).toMatch(/Wrote .*model\.onnx/);
    const a = await cli(['predict', json, BREAST_CANCER, '--proba']);
    const b = await cli(['predict', onnx, BREAST_CANCER, '--proba']);
    expect(b.code).toBe(0);
    const ra = parse(a.stdout);
    const rb = parse(b.stdout);
    expect(rb[0]).toEqual(ra[0]);
    expect(rb.map((r) => r[0])).toEqual(ra.map((r) => r[0]));
    for (let i = 1; i < ra.length; i++) {
      for (let k = 1; k < ra[i]!.length; k++) expect(Math.abs(Number(ra[i]![k]) - Number(rb[i]![k]))).toBeLessThan(1e-5);
    }
  });

  it('evaluate reads the ONNX file and its saved target', async () => {
    const a = await cli(['evaluate', json, BREAST_CANCER, '--json']);
    const b = await cli(['evaluate', onnx, BREAST_CANCER, '--json']);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout).scores.accuracy).toBe(JSON.parse(a.stdout).scores.accuracy);
  });

  it('evaluate names an ONNX model as ONNX, not by a solver it was not trained with', async () => {
    const r = await cli(['evaluate', onnx, BREAST_CANCER]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Model: .*model\.onnx \(ONNX, 30 features\)$/m);
  });

  it('folds standardisation in: onnxruntime on raw features matches predict --proba', async () => {
    const rows = parse(readFileSync(BREAST_CANCER, 'utf8'));
    const header = rows[0]!;
    const t = header.indexOf('diagnosis');
    const X = rows.slice(1).map((r) => r.filter((_, j) => j !== t).map(Number));
    const session = await ort.InferenceSession.create(readFileSync(onnx));
    const out = await session.run({ X: new ort.Tensor('float32', Float32Array.from(X.flat()), [X.length, X[0]!.length]) });
    await session.release();
    const ours = parse((await cli(['predict', json, BREAST_CANCER, '--proba'])).stdout).slice(1);
    const p = out['probabilities']!.data as Float32Array;
    let worst = 0;
    ours.forEach((r, i) => (worst = Math.max(worst, Math.abs(Number(r[2]) - (p[i * 2 + 1] as number)))));
    expect(worst).toBeLessThan(1e-4);
  });

  it('gives clear errors: no --onnx, a damaged or foreign file', async () => {
    expect((await cli(['export', json])).code).toBe(2);
    const bad = tmp.file('bad.onnx', Uint8Array.from([0x3a, 0xff, 0xff, 0x03]));
    const r = await cli(['predict', bad, BREAST_CANCER]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.onnx: not a readable ONNX model/);
    const fixture = new URL('../fixtures/onnx/ovr.onnx', import.meta.url);
    const ovr = tmp.file('ovr.onnx', readFileSync(fixture));
    const f = await cli(['predict', ovr, BREAST_CANCER]);
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/takes 4 features and has no logreg-wasm metadata/);
  });

  it('predicts with an ONNX file from elsewhere (no metadata) using every column in order', async () => {
    const doc = JSON.parse(readFileSync(new URL('../fixtures/onnx/ovr.json', import.meta.url), 'utf8'));
    const csv = tmp.file('iris.csv', `a,b,c,d\n${doc.X.map((r: number[]) => r.join(',')).join('\n')}\n`);
    const model = tmp.file('iris.onnx', readFileSync(new URL('../fixtures/onnx/ovr.onnx', import.meta.url)));
    const r = await cli(['predict', model, csv]);
    expect(r.code).toBe(0);
    expect(parse(r.stdout).slice(1).map((x) => Number(x[0]))).toEqual(doc.predict);
  });
});
