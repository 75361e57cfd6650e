import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { type Label, LogisticRegression, makeClassification } from '../../src/index.js';
import { ATTR, writeAttribute } from '../../src/onnx/messages.js';
import { ProtoWriter } from '../../src/onnx/protobuf.js';
import { classifierModel } from './crafted.js';

const require = createRequire(import.meta.url);
type Ort = typeof import('onnxruntime-node');
const ort = require('onnxruntime-node') as Ort;

function data(nClasses: number, seed: number) {
  return makeClassification({ nSamples: 300, nFeatures: 6, nInformative: 4, nRedundant: 0, nClasses, randomState: seed });
}

function rowsOf(X: { rows: number; cols: number; toArray(): number[][] } | number[][]): number[][] {
  return Array.isArray(X) ? X : X.toArray();
}

const cases = [
  { name: 'binary', K: 2, options: {} },
  { name: 'multinomial', K: 3, options: { multiClass: 'multinomial' as const } },
  { name: 'ovr', K: 4, options: { multiClass: 'ovr' as const } },
];

async function ortProba(bytes: Uint8Array, X: number[][]) {
  const session = await ort.InferenceSession.create(bytes);
  const d = X[0]!.length;
  const input = new ort.Tensor('float32', Float32Array.from(X.flat()), [X.length, d]);
  const out = await session.run({ X: input });
  await session.release();
  return out;
}

describe('toOnnx / fromOnnx round trip', () => {
  for (const { name, K, options } of cases) {
    it(`${name}: fromOnnx(toOnnx(m)) predicts identically`, () => {
      const { X, y } = data(K, 7);
      const model = new LogisticRegression(options).fit(X, y);
      const again = LogisticRegression.fromOnnx(model.toOnnx());
      expect(again.classes).toEqual(model.classes);
      expect(again.toJSON().model.mode).toBe(model.toJSON().model.mode);
      expect(again.predict(X)).toEqual(model.predict(X));
      const p = model.predictProba(X).toArray().flat();
      const q = again.predictProba(X).toArray().flat();
      // Coefficients travel as float32.
      for (let i = 0; i < p.length; i++) expect(Math.abs((p[i] as number) - (q[i] as number))).toBeLessThan(1e-5);
      // A second trip is exact: the parameters are float32 already.
      expect(LogisticRegression.fromOnnx(again.toOnnx()).toJSON().model).toEqual(again.toJSON().model);
    });
  }

  it('two-class multinomial: fromOnnx(toOnnx(m)) is the same softmax model (mode, coefficients, probabilities)', () => {
    const { X, y } = data(2, 5);
    const model = new LogisticRegression({ multiClass: 'multinomial' }).fit(X, y);
    const again = LogisticRegression.fromOnnx(model.toOnnx());
    expect(again.toJSON().model.mode).toBe('multinomial');
    expect(again.coef.toArray()).toEqual(model.coef.toArray().map((row) => row.map(Math.fround)));
    expect(Array.from(again.intercept)).toEqual(Array.from(model.intercept, Math.fround));
    const p = model.predictProba(X).data;
    const q = again.predictProba(X).data;
    for (let i = 0; i < p.length; i++) expect(Math.abs((p[i] as number) - (q[i] as number))).toBeLessThan(1e-5);
    expect(again.predict(X)).toEqual(model.predict(X));
  });

  it('reads a two-class SOFTMAX classifier with unmirrored rows as the softmax model over their difference', () => {
    // Rows r0, r1: P(class 1) = σ((r1 − r0)·x + b1 − b0) = softmax(−d, d)[1] with w = (r1 − r0) / 2.
    const coefficients = writeAttribute({ name: 'coefficients', type: ATTR.FLOATS, floats: [0.5, -1, 1.5, 1] });
    const intercepts = writeAttribute({ name: 'intercepts', type: ATTR.FLOATS, floats: [0.25, -0.75] });
    const model = LogisticRegression.fromOnnx(classifierModel({ coefficients, intercepts, postTransform: 'SOFTMAX' }));
    expect(model.toJSON().model.mode).toBe('multinomial');
    expect(model.coef.toArray()).toEqual([[0.5, 1]]);
    expect(Array.from(model.intercept)).toEqual([-0.5]);
    const x = [2, -1];
    const d = 0.5 * 2 + 1 * -1 - 0.5;
    const softmax1 = Math.exp(d) / (Math.exp(-d) + Math.exp(d));
    expect(model.predictProba([x]).data[1]).toBeCloseTo(softmax1, 15);
  });

  it('keeps string, boolean and negative integer labels', () => {
    const { X, y } = data(3, 3);
    for (const names of [['bird', 'cat', 'dog'], [-3, 0, 7]] as Label[][]) {
      const model = new LogisticRegression().fit(X, Array.from(y, (k) => names[k] as Label));
      const again = LogisticRegression.fromOnnx(model.toOnnx());
      expect(again.classes).toEqual(names);
      expect(again.predict(X)).toEqual(model.predict(X));
    }
    const { X: Xb, y: yb } = data(2, 3);
    const model = new LogisticRegression().fit(Xb, Array.from(yb, (k) => k === 1));
    expect(LogisticRegression.fromOnnx(model.toOnnx()).predict(Xb)).toEqual(model.predict(Xb));
  });
});

describe('against onnxruntime-node', () => {
  for (const { name, K, options } of cases) {
    it(`${name}: same labels and probabilities to 1e-6`, async () => {
      const { X, y } = data(K, 11);
      const model = LogisticRegression.fromOnnx(new LogisticRegression(options).fit(X, y).toOnnx());
      const rows = rowsOf(X as never).map((r) => r.map((v) => Math.fround(v)));
      const out = await ortProba(model.toOnnx(), rows);
      const expected = model.predictProba(rows).toArray();
      const got = out['probabilities']!.data as Float32Array;
      expect(out['probabilities']!.dims).toEqual([rows.length, K]);
      let worst = 0;
      expected.forEach((row, i) => row.forEach((p, k) => (worst = Math.max(worst, Math.abs(p - (got[i * K + k] as number))))));
      expect(worst).toBeLessThan(1e-6);
      const labels = Array.from(out['label']!.data as BigInt64Array, Number);
      const ours = model.predict(rows);
      const agree = labels.filter((l, i) => l === ours[i]).length;
      expect(agree).toBe(rows.length);
    });
  }

  it('runs the ZipMap form', async () => {
    const { X, y } = data(3, 2);
    const model = new LogisticRegression().fit(X, y);
    const bytes = model.toOnnx({ zipmap: true });
    const session = await ort.InferenceSession.create(bytes);
    expect(session.outputNames).toEqual(['label', 'output_probability']);
    await session.release();
    expect(LogisticRegression.fromOnnx(bytes).predict(X)).toEqual(LogisticRegression.fromOnnx(model.toOnnx()).predict(X));
  });
});

describe('fromOnnx treats bytes as hostile', () => {
  const { X, y } = data(3, 1);
  const good = new LogisticRegression().fit(X, y).toOnnx();

  it('rejects non-bytes, empty and truncated input', () => {
    expect(() => LogisticRegression.fromOnnx('abc' as never)).toThrow(TypeError);
    expect(() => LogisticRegression.fromOnnx(new Uint8Array())).toThrow(/no ONNX graph/);
    for (const cut of [1, 10, 50, good.length - 3]) {
      expect(() => LogisticRegression.fromOnnx(good.subarray(0, cut))).toThrow(RangeError);
    }
  });

  it('rejects a length that points past the end before allocating', () => {
    // Field 7 (graph), length 2^40.
    const bytes = Uint8Array.from([0x3a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20]);
    expect(() => LogisticRegression.fromOnnx(bytes)).toThrow(/declares .* bytes/);
  });

  it('names an unsupported operator', () => {
    const node = new ProtoWriter().string(1, 'X').string(2, 'Y').string(4, 'Conv');
    const graph = new ProtoWriter().message(1, node);
    const bytes = new ProtoWriter().int(1, 8).message(7, graph).finish();
    expect(() => LogisticRegression.fromOnnx(bytes)).toThrow(/unsupported operator 'Conv'/);
  });

  it('rejects every single-byte corruption with an Error, never a crash or a bad model', () => {
    let rejected = 0;
    for (let i = 0; i < good.length; i += 7) {
      const bad = good.slice();
      bad[i] = (bad[i] as number) ^ 0xff;
      try {
        const m = LogisticRegression.fromOnnx(bad);
        const p = m.predictProba(X).toArray().flat();
        expect(p.every(Number.isFinite)).toBe(true);
      } catch (error) {
        expect(error).toBeInstanceOf(Error);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(0);
  });

  it('rejects non-finite coefficients', () => {
    const model = new LogisticRegression().fit(X, y);
    const bytes = model.toOnnx();
    // Find the first coefficient's float32 bytes and make it NaN.
    const first = new Uint8Array(new Float32Array([model.coef.toArray()[0]![0]!]).buffer);
    let at = -1;
    for (let i = 0; i + 4 <= bytes.length && at < 0; i++) if (first.every((b, j) => bytes[i + j] === b)) at = i;
    expect(at).toBeGreaterThan(0);
    const bad = bytes.slice();
    bad.set([0, 0, 0xc0, 0x7f], at);
    expect(() => LogisticRegression.fromOnnx(bad)).toThrow(/finite/);
  });
});
