import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Label, LogisticRegression, Matrix, makeClassification } from '../src/index.js';

const { X, y } = makeClassification({ nSamples: 120, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, randomState: 5 });
const names = ['bird', 'cat', 'dog'];
const yNamed = Array.from(y, (k) => names[k] as string);

function fitted(multiClass: 'multinomial' | 'ovr' = 'multinomial'): LogisticRegression {
  return new LogisticRegression({ multiClass, classWeight: new Map<Label, number>([['cat', 2]]), onWarning: null }).fit(X, yNamed);
}

describe('toJSON and fromJSON', () => {
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

  it('writes the format name and version', () => {
    const doc = fitted().toJSON();
    expect(doc.format).toBe('logreg-wasm/logistic-regression');
    expect(doc.version).toBe(1);
  });

  it('refuses to serialise an unfitted model', () => {
    expect(() => new LogisticRegression().toJSON()).toThrow('toJSON: this LogisticRegression is not fitted yet; call fit(X, y) first');
  });
});

describe('fromJSON rejects malformed or tampered documents with a clear error', () => {
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

describe('fromJSON of large documents', () => {
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

describe('fromSklearn', () => {
  interface Fit {
    id: string;
    dataset: string;
    multiClassResolved: 'ovr' | 'multinomial';
    classes: Label[];
    sklearn: { coef: number[][]; intercept: number[]; predict: Label[]; predictProba: number[][] };
  }
  const dir = new URL('./fixtures/parity/', import.meta.url);
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

describe('fromJSON(toJSON(m)) as a property', () => {
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
