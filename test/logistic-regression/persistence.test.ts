// The estimator's persistence: toJSON / fromJSON round trips and the documents fromJSON refuses,
// fromSklearn, and toOnnx / fromOnnx at the estimator level (the ONNX format itself: test/onnx/).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Label, LogisticRegression, Matrix, makeClassification } from '../../src/index.js';

const { X, y } = makeClassification({ nSamples: 120, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, randomState: 5 });
const names = ['bird', 'cat', 'dog'];
const yNamed = Array.from(y, (k) => names[k] as string);

/** Two overlapping classes (flipY), so C = Infinity has a finite optimum. */
const overlapping = makeClassification({ nSamples: 200, nFeatures: 4, nInformative: 3, nRedundant: 0, flipY: 0.2, randomState: 7 });
const threeClasses = makeClassification({ nSamples: 300, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, flipY: 0.1, randomState: 6 });
const two = makeClassification({ nSamples: 200, nFeatures: 4, nInformative: 3, nRedundant: 0, flipY: 0.1, randomState: 3 });

/** The two-class softmax: one coefficient row, mode 'multinomial'. */
function twoClassMultinomial(): LogisticRegression {
  return new LogisticRegression({ tol: 1e-10, maxIter: 1000, onWarning: null, multiClass: 'multinomial' }).fit(two.X, two.y);
}

function fitted(multiClass: 'multinomial' | 'ovr' = 'multinomial'): LogisticRegression {
  return new LogisticRegression({ multiClass, classWeight: new Map<Label, number>([['cat', 2]]), onWarning: null }).fit(X, yNamed);
}

describe('LogisticRegression.fromJSON(model.toJSON())', () => {
  for (const multiClass of ['multinomial', 'ovr'] as const) {
    it(`round-trip a ${multiClass} model through JSON text with identical predictions`, () => {
      const model = fitted(multiClass);
      const again = LogisticRegression.fromJSON(JSON.stringify(model));
      expect(again.classes).toEqual(['bird', 'cat', 'dog']);
      expect(again.predict(X)).toEqual(model.predict(X));
      expect(Array.from(again.predictProba(X).data)).toEqual(Array.from(model.predictProba(X).data));
      expect(again.classWeight).toEqual(new Map([['cat', 2]]));
    });
  }

  it('round-trips a binary model with boolean labels', () => {
    const labels = Array.from(y, (k) => k === 1);
    const model = new LogisticRegression({ onWarning: null }).fit(X, labels);
    const again = LogisticRegression.fromJSON(model.toJSON());
    expect(again.predict(X)).toEqual(model.predict(X));
    expect(again.classes).toEqual([false, true]);
  });

  it('round-trips a two-class multinomial model with identical predictions', () => {
    const model = twoClassMultinomial();
    const again = LogisticRegression.fromJSON(JSON.stringify(model));
    expect(again.toJSON().model).toEqual(model.toJSON().model);
    expect(Array.from(again.predictProba(two.X).data)).toEqual(Array.from(model.predictProba(two.X).data));
  });

  it('round-trips C = Infinity through JSON text, stored as the string Infinity', () => {
    const model = new LogisticRegression({ C: Infinity, onWarning: null }).fit(overlapping.X, overlapping.y);
    const text = JSON.stringify(model);
    expect(JSON.parse(text).options.C).toBe('Infinity');
    const again = LogisticRegression.fromJSON(text);
    expect(again.C).toBe(Infinity);
    expect(Array.from(again.predictProba(overlapping.X).data)).toEqual(Array.from(model.predictProba(overlapping.X).data));
  });

  it('round-trips nIterPerProblem and nIter', () => {
    const model = new LogisticRegression({ multiClass: 'ovr', onWarning: null }).fit(threeClasses.X, threeClasses.y);
    const again = LogisticRegression.fromJSON(JSON.stringify(model));
    expect(again.nIterPerProblem).toEqual(model.nIterPerProblem);
    expect(again.nIter).toBe(model.nIter);
  });

  it('reads a document written before nIterPerProblem existed as nIter for every problem', () => {
    const model = new LogisticRegression({ multiClass: 'ovr', onWarning: null }).fit(threeClasses.X, threeClasses.y);
    const doc = model.toJSON() as unknown as { model: Record<string, unknown> };
    delete doc.model['nIterPerProblem'];
    const old = LogisticRegression.fromJSON(doc);
    expect(old.nIterPerProblem).toEqual([model.nIter, model.nIter, model.nIter]);
    expect(old.nIter).toBe(model.nIter);
  });
});

describe('LogisticRegression#toJSON()', () => {
  it('writes the format name and version', () => {
    const doc = fitted().toJSON();
    expect(doc.format).toBe('logreg-wasm/logistic-regression');
    expect(doc.version).toBe(1);
  });

  it("keeps simd 'standard', the default, in its options", () => {
    const data = makeClassification({ nSamples: 3000, nFeatures: 12, nInformative: 6, randomState: 11 });
    const model = new LogisticRegression().fit(data.X, data.y);
    expect(model.simd).toBe('standard');
    expect(model.toJSON().options['simd']).toBe('standard');
  });

  it('refuses to serialise an unfitted model', () => {
    expect(() => new LogisticRegression().toJSON()).toThrow('toJSON: this LogisticRegression is not fitted yet; call fit(X, y) first');
  });
});

describe('LogisticRegression.fromJSON(json) rejects malformed or tampered documents with a clear error', () => {
  const good = (): Record<string, any> => JSON.parse(JSON.stringify(fitted()));
  const cases: [string, (doc: Record<string, any>) => unknown, ErrorConstructor, string][] = [
    ['text that is not JSON', () => '{"format":', TypeError, 'LogisticRegression.fromJSON: the text is not JSON'],
    ['a document that is not an object', () => [1, 2], TypeError, 'LogisticRegression.fromJSON: the document must be an object, got an array of length 2'],
    ['another format', (d) => ({ ...d, format: 'onnx' }), RangeError, "LogisticRegression.fromJSON: format must be 'logreg-wasm/logistic-regression', got 'onnx'"],
    ['a newer version', (d) => ({ ...d, version: 2 }), RangeError, 'LogisticRegression.fromJSON: this model was written by a newer logreg-wasm (format version 2); this version reads up to 1'],
    ['a missing model', (d) => ({ ...d, model: undefined }), TypeError, 'LogisticRegression.fromJSON: model must be an object, got undefined'],
    ['a coefficient that is a string', (d) => ((d.model.coef[1][2] = '1'), d), TypeError, 'LogisticRegression.fromJSON: model.coef[1][2] is a string; expected a number'],
    ['a non-finite coefficient', (d) => ((d.model.coef[0][0] = Infinity), d), RangeError, 'LogisticRegression.fromJSON: model.coef[0][0] is Infinity; values must be finite'],
    ['a short coefficient row', (d) => (d.model.coef[2].pop(), d), RangeError, 'LogisticRegression.fromJSON: model.coef row 2 has 3 values; row 0 has 4'],
    ['a missing coefficient row', (d) => (d.model.coef.pop(), d), RangeError, 'LogisticRegression.fromJSON: model.coef has 2 rows; a multinomial model with 3 classes has 3'],
    ['unsorted classes', (d) => ((d.model.classes = ['cat', 'bird', 'dog']), d), RangeError, "LogisticRegression.fromJSON: model.classes must be sorted and distinct; 'bird' at index 1 comes after 'cat'"],
    ['classes of mixed kinds', (d) => ((d.model.classes = ['bird', 2, 'dog']), d), TypeError, 'LogisticRegression.fromJSON: model.classes[1] is a number; labels are numbers, strings or booleans, all of one kind'],
    ['an unknown mode', (d) => ((d.model.mode = 'svm'), d), RangeError, "LogisticRegression.fromJSON: model.mode must be 'binary', 'multinomial' or 'ovr', got 'svm'"],
    ['an intercept of the wrong length', (d) => ((d.model.intercept = [0]), d), RangeError, 'LogisticRegression.fromJSON: model.intercept has 1 values; expected 3'],
    ['an option that is out of range', (d) => ((d.options.C = -1), d), RangeError, 'LogisticRegression: C must be a number > 0 (Infinity for no penalty), got -1'],
    ['class weights that are not [label, weight] pairs', (d) => ((d.options.classWeight = [1, 2]), d), TypeError, 'LogisticRegression.fromJSON: options.classWeight[0] must be a [label, weight] pair, got 1'],
    ['class weights that are neither pairs nor balanced', (d) => ((d.options.classWeight = 'even'), d), TypeError, "LogisticRegression.fromJSON: options.classWeight must be null, 'balanced' or an array of [label, weight] pairs, got 'even'"],
    ['a class weight pair of three values', (d) => ((d.options.classWeight = [['cat', 2, 3]]), d), TypeError, 'LogisticRegression.fromJSON: options.classWeight[0] must be a [label, weight] pair, got an array of length 3'],
    ['a class weight whose label is an object', (d) => ((d.options.classWeight = [[{}, 2]]), d), TypeError, 'LogisticRegression.fromJSON: options.classWeight[0][0] is an object (Object); labels are numbers, strings or booleans'],
    ['a label weighted twice', (d) => ((d.options.classWeight = [['cat', 2], ['cat', 3]]), d), RangeError, "LogisticRegression.fromJSON: options.classWeight names the label 'cat' twice"],
    ['a class weight that is not a number', (d) => ((d.options.classWeight = [['cat', '2']]), d), TypeError, "LogisticRegression: classWeight for 'cat' must be a number, got a string"],
    ['an unknown option', (d) => ((d.options.evil = true), d), TypeError, "LogisticRegression: unknown option 'evil'"],
    ['a mode its options would not fit', (d) => ((d.options.multiClass = 'ovr'), d), RangeError, "LogisticRegression.fromJSON: model.mode is 'multinomial', but options.multiClass 'ovr' with 3 classes fits a one-vs-rest model"],
    ['a format inherited through __proto__', (d) => JSON.parse(JSON.stringify({ ...d, format: undefined }).replace('{', '{"__proto__":{"format":"logreg-wasm/logistic-regression"},')), TypeError, "LogisticRegression.fromJSON: the document has no 'format' field"],
  ];
  for (const [what, tamper, kind, message] of cases) {
    it(`rejects ${what}`, () => {
      const input = tamper(good());
      expect(() => LogisticRegression.fromJSON(input)).toThrow(kind);
      expect(() => LogisticRegression.fromJSON(input)).toThrow(message);
    });
  }
});

describe('LogisticRegression.fromJSON(json) checks nIterPerProblem', () => {
  it('rejects a document whose nIter is not the largest of nIterPerProblem', () => {
    const doc = new LogisticRegression({ multiClass: 'ovr', onWarning: null }).fit(threeClasses.X, threeClasses.y).toJSON();
    doc.model.nIter += 1;
    expect(() => LogisticRegression.fromJSON(doc)).toThrow(
      new RangeError(`LogisticRegression.fromJSON: model.nIter is ${doc.model.nIter}, but the largest of nIterPerProblem is ${doc.model.nIter - 1}`),
    );
  });

  it('rejects a document with one count for a one-vs-rest model of three classes', () => {
    const doc = new LogisticRegression({ multiClass: 'ovr', onWarning: null }).fit(threeClasses.X, threeClasses.y).toJSON();
    doc.model.nIterPerProblem = [doc.model.nIter];
    expect(() => LogisticRegression.fromJSON(doc)).toThrow(
      new RangeError('LogisticRegression.fromJSON: model.nIterPerProblem has 1 values; a one-vs-rest model with 3 classes has 3'),
    );
  });
});

describe('LogisticRegression.fromJSON(json) of large documents', () => {
  it('loads a one-vs-rest model of 200,000 classes (no argument-count limit on its per-class counts)', () => {
    const K = 200_000;
    const classes = Array.from({ length: K }, (_, k) => k);
    const doc = fitted('ovr').toJSON() as unknown as { options: Record<string, unknown>; model: Record<string, unknown> };
    const model = { ...doc.model, classes, coef: classes.map(() => [0.1, 0, 0, 0]), intercept: classes.map(() => 0), nIter: 7, nIterPerProblem: classes.map((k) => (k === K - 1 ? 7 : 1)) };
    const loaded = LogisticRegression.fromJSON({ ...doc, model });
    expect(loaded.classes.length).toBe(K);
    expect(loaded.nIter).toBe(7);
    loaded.dispose();
  });
});

describe('LogisticRegression.fromSklearn(attributes)', () => {
  interface Fit {
    id: string;
    dataset: string;
    multiClassResolved: 'ovr' | 'multinomial';
    classes: Label[];
    sklearn: { coef: number[][]; intercept: number[]; predict: Label[]; predictProba: number[][] };
  }
  const dir = new URL('../fixtures/parity/', import.meta.url);
  const { fits } = JSON.parse(readFileSync(new URL('fits.json', dir), 'utf8')) as { fits: Fit[] };
  for (const id of ['breast_cancer_str/default', 'iris/default', 'iris/l2/C=1/lbfgs/ovr']) {
    it(`predicts like scikit-learn from its attributes (${id})`, () => {
      const fit = fits.find((f) => f.id === id)!;
      const data = JSON.parse(readFileSync(new URL(`datasets/${fit.dataset}.json`, dir), 'utf8')) as { X: number[][] };
      const model = LogisticRegression.fromSklearn({
        coef: fit.sklearn.coef,
        intercept: fit.sklearn.intercept,
        classes: fit.classes,
        multiClass: fit.multiClassResolved,
      });
      const X = Matrix.fromRows(data.X);
      expect(model.predict(X)).toEqual(fit.sklearn.predict);
      const proba = model.predictProba(X);
      const expected = fit.sklearn.predictProba.flat();
      proba.data.forEach((p, i) => expect(Math.abs(p - expected[i]!)).toBeLessThan(1e-12));
    });
  }
});

describe('LogisticRegression.fromJSON(model.toJSON()) as a property', () => {
  it('predicts identically for random data, label kinds and options', () => {
    const labelSets: Label[][] = [
      [0, 1],
      ['no', 'yes'],
      [false, true],
      [3, 7, 11],
      ['a', 'b', 'c', 'd'],
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: labelSets.length - 1 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom<'multinomial' | 'ovr'>('multinomial', 'ovr'),
        fc.constantFrom<'l2' | 'l1' | 'none'>('l2', 'l1', 'none'),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (set, d, multiClass, penalty, seed) => {
          const labels = labelSets[set]!;
          const n = 12 * labels.length;
          let state = seed % 2147483646 + 1;
          const next = (): number => (state = (state * 16807) % 2147483647) / 2147483647 - 0.5;
          const X = Matrix.from(Float64Array.from({ length: n * d }, next), n, d);
          const y = Array.from({ length: n }, (_, i) => labels[i % labels.length]!);
          const solver = penalty === 'l1' ? 'owlqn' : 'lbfgs';
          const model = new LogisticRegression({ multiClass, penalty, solver, maxIter: 50, onWarning: null }).fit(X, y);
          const again = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(model)));
          expect(again.predict(X)).toEqual(model.predict(X));
          expect(Array.from(again.predictProba(X).data)).toEqual(Array.from(model.predictProba(X).data));
          expect(again.classes).toEqual(model.classes);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('LogisticRegression.fromOnnx(model.toOnnx())', () => {
  it("comes back as the same two-class multinomial model, with multiClass 'multinomial'", () => {
    const model = twoClassMultinomial();
    const again = LogisticRegression.fromOnnx(model.toOnnx());
    expect(again.multiClass).toBe('multinomial');
    expect(again.toJSON().model.mode).toBe('multinomial');
    expect(again.toJSON().model.coef).toEqual([Array.from(model.coef.data, Math.fround)]);
  });
});

describe('LogisticRegression#toOnnx()', () => {
  it('exports a two-class multinomial model that onnxruntime evaluates to the same probabilities and labels', async () => {
    const ort = createRequire(import.meta.url)('onnxruntime-node') as typeof import('onnxruntime-node');
    const trained = twoClassMultinomial();
    // Compare with the float32 coefficients ONNX stores, on float32 inputs.
    const model = LogisticRegression.fromSklearn({
      coef: trained.coef.toArray().map((row) => row.map(Math.fround)),
      intercept: Array.from(trained.intercept, Math.fround),
      classes: trained.classes,
      multiClass: 'multinomial',
    });
    const rows = two.X.toArray().map((row) => row.map(Math.fround));
    const session = await ort.InferenceSession.create(model.toOnnx());
    const out = await session.run({ X: new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, 4]) });
    await session.release();
    const got = out['probabilities']!.data as Float32Array;
    const expected = model.predictProba(rows).data;
    expected.forEach((p, i) => expect(Math.abs(p - (got[i] as number))).toBeLessThan(1e-6));
    expect(Array.from(out['label']!.data as BigInt64Array, Number)).toEqual(model.predict(rows));
  });
});
