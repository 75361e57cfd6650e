// sampleWeight and classWeight: what a weight means (properties), the weights fit refuses, and
// weights beyond float64's range.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Label, LogisticRegression, type LogisticRegressionOptions, type Matrix, makeClassification } from '../../src/index.js';
import { expectError } from '../assertions.js';
import { relativeError } from '../helpers.js';
import { binary, data, exact, margins, options, parameters, params, problem, snapshot, threeClass } from './helpers.js';

const observe = margins();

describe('LogisticRegression#fit(X, y, { sampleWeight }) and classWeight, as properties', () => {
  it('gives a row of sample weight 2 the same effect as duplicating that row', () => {
    fc.assert(
      fc.property(problem, fc.nat(), (p, pick) => {
        const { X, y } = data(p.seed, p.rows, p.strategy);
        const r = pick % X.length;
        const weights = X.map((_, i) => (i === r ? 2 : 1));
        const weighted = new LogisticRegression(options(p, 1e-10)).fit(X, y, { sampleWeight: weights });
        const duplicated = new LogisticRegression(options(p, 1e-10)).fit([...X, X[r] as number[]], [...y, y[r] as number]);
        expect(observe('weight 2 vs duplicate', relativeError(parameters(weighted), parameters(duplicated)))).toBeLessThan(1e-6);
      }),
      params,
    );
  });

  it('gives classWeight {label: w} the same model as sample weight w on that label', () => {
    fc.assert(
      fc.property(problem, fc.nat(), fc.double({ min: 0.1, max: 5, noNaN: true }), (p, pick, w) => {
        const { X, y } = data(p.seed, p.rows, p.strategy);
        const label = [...new Set(y)].sort()[pick % new Set(y).size] as number;
        const byClass = new LogisticRegression({ ...options(p, 1e-10), classWeight: new Map([[label, w]]) }).fit(X, y);
        const bySample = new LogisticRegression(options(p, 1e-10)).fit(X, y, {
          sampleWeight: y.map((k) => (k === label ? w : 1)),
        });
        expect(observe('classWeight vs sampleWeight', relativeError(parameters(byClass), parameters(bySample)))).toBeLessThan(1e-12);
      }),
      params,
    );
  });

  it('gives the same model for unit sample weights as for no weights', () => {
    fc.assert(
      fc.property(problem, (p) => {
        const { X, y } = data(p.seed, p.rows, p.strategy);
        const plain = new LogisticRegression(options(p, 1e-10)).fit(X, y);
        const ones = new LogisticRegression(options(p, 1e-10)).fit(X, y, { sampleWeight: X.map(() => 1) });
        expect(observe('unit weights vs none', relativeError(parameters(ones), parameters(plain)))).toBe(0);
      }),
      params,
    );
  });

  it('gives rows of sample weight 0 the same effect as removing them', () => {
    fc.assert(
      fc.property(problem, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (p, picks) => {
        const { X, y } = data(p.seed, p.rows, p.strategy);
        const dropped = new Set(picks.map((i) => i % X.length));
        const kept = X.map((_, i) => i).filter((i) => !dropped.has(i));
        fc.pre(new Set(kept.map((i) => y[i])).size === new Set(y).size); // every class must survive
        const zeroed = new LogisticRegression(options(p, 1e-10)).fit(X, y, {
          sampleWeight: X.map((_, i) => (dropped.has(i) ? 0 : 1)),
        });
        const removed = new LogisticRegression(options(p, 1e-10)).fit(
          kept.map((i) => X[i] as number[]),
          kept.map((i) => y[i] as number),
        );
        expect(observe('zero weights vs removed', relativeError(parameters(zeroed), parameters(removed)))).toBeLessThan(1e-6);
      }),
      params,
    );
  });
});

describe('LogisticRegression#fit(X, y, { sampleWeight }) and classWeight refuse bad weights', () => {
  const { X, y } = binary();
  const three = threeClass();
  const XS = [[0], [1], [2], [3]];
  interface Case {
    model: () => LogisticRegression;
    y: Label[];
    sampleWeight?: unknown[];
    kind: ErrorConstructor;
    message: string;
    /** Good data the same model can be fitted on first, or null when there is none. */
    before: { X: Matrix; y: Label[] } | null;
  }
  const numeric = { X, y: Array.from(y) };
  const plain = () => new LogisticRegression(exact);
  const cases: [string, Case][] = [
    ['a negative sample weight', { model: plain, y: [0, 0, 1, 1], sampleWeight: [1, 1, -0.5, 1], kind: RangeError, message: 'sampleWeight must be finite and ≥ 0; found -0.5 at index 2', before: numeric }],
    ['a NaN sample weight', { model: plain, y: [0, 0, 1, 1], sampleWeight: [NaN, 1, 1, 1], kind: RangeError, message: 'sampleWeight must be finite and ≥ 0; found NaN at index 0', before: numeric }],
    ['all-zero sample weights', { model: plain, y: [0, 0, 1, 1], sampleWeight: [0, 0, 0, 0], kind: RangeError, message: 'sampleWeight is all zeros; at least one sample must have a positive weight', before: numeric }],
    ['too many sample weights', { model: plain, y: [0, 0, 1, 1], sampleWeight: [1, 1, 1, 1, 1], kind: RangeError, message: 'sampleWeight has 5 values; X has 4 rows', before: numeric }],
    ['too few sample weights', { model: plain, y: [0, 0, 1, 1], sampleWeight: [1], kind: RangeError, message: 'sampleWeight has 1 values; X has 4 rows', before: numeric }],
    ['a sample weight that is a string', { model: plain, y: [0, 0, 1, 1], sampleWeight: [1, '2', 1, 1], kind: TypeError, message: 'sampleWeight has a string at index 1; expected a number', before: numeric }],
    [
      'a classWeight for an unknown string label',
      {
        model: () => new LogisticRegression({ ...exact, classWeight: { c: 2 } }),
        y: ['a', 'a', 'b', 'b'],
        kind: RangeError,
        message: "classWeight has a weight for 'c', which is not a label in y (labels: 'a', 'b')",
        before: { X: three.X, y: Array.from(three.y, (k) => ['a', 'b', 'c'][k] as string) },
      },
    ],
    [
      'a classWeight for an unknown numeric label',
      {
        model: () => new LogisticRegression({ ...exact, classWeight: new Map([[5, 2]]) }),
        y: [0, 0, 1, 1],
        kind: RangeError,
        message: 'classWeight has a weight for 5, which is not a label in y (labels: 0, 1)',
        before: { X: three.X, y: Array.from(three.y, (k) => [0, 1, 5][k] as number) },
      },
    ],
    [
      'a negative classWeight',
      {
        model: () => new LogisticRegression({ ...exact, classWeight: { a: -2 } }),
        y: ['a', 'a', 'b', 'b'],
        kind: RangeError,
        message: "LogisticRegression: classWeight for 'a' must be a finite number ≥ 0, got -2",
        before: null,
      },
    ],
    [
      'class weights that make every sample weight zero',
      {
        model: () => new LogisticRegression({ ...exact, classWeight: { a: 0, b: 0 } }),
        y: ['a', 'a', 'b', 'b'],
        kind: RangeError,
        message: 'sampleWeight × classWeight is zero for every sample; at least one sample must have a positive weight',
        before: null,
      },
    ],
  ];

  for (const [what, c] of cases) {
    const fitOptions = (c.sampleWeight === undefined ? {} : { sampleWeight: c.sampleWeight }) as never;
    it(`rejects ${what} with a ${c.kind.name} naming the argument`, () => {
      expectError(() => c.model().fit(XS, c.y, fitOptions), c.kind, c.message);
    });

    if (c.before === null) continue;
    const good = c.before;
    it(`leaves a previously fitted model as it was after rejecting ${what}`, () => {
      const model = c.model().fit(good.X, good.y);
      const before = snapshot(model, good.X);
      expect(() => model.fit(XS, c.y, fitOptions)).toThrow(c.kind);
      expect(snapshot(model, good.X)).toEqual(before);
    });
  }

  it('leaves a previously fitted model as it was after rejecting bad sample weights in a later fit', () => {
    const model = new LogisticRegression(exact).fit(X, y);
    const before = snapshot(model, X);
    expect(() => model.fit(X, y, { sampleWeight: new Array(60).fill(0) })).toThrow(RangeError);
    expect(() => model.fit(X, y, { sampleWeight: [1, 2] })).toThrow(RangeError);
    expect(snapshot(model, X)).toEqual(before);
  });
});

// Overlapping classes (flipY), so the unpenalised optimum is finite.
const overlapping = makeClassification({ nSamples: 200, nFeatures: 4, nInformative: 3, nRedundant: 0, flipY: 0.2, randomState: 9 });
const n = overlapping.y.length;
const ones = new Float64Array(n).fill(1);
const varied = Float64Array.from({ length: n }, (_, i) => 1 + (i % 5));

function fitRange(options: LogisticRegressionOptions, sampleWeight: Float64Array | null) {
  return new LogisticRegression({ onWarning: null, ...options }).fit(overlapping.X, overlapping.y, { sampleWeight });
}
const classWeight = (w0: number, w1: number) => new Map<Label, number>([[0, w0], [1, w1]]);

describe('LogisticRegression#fit(X, y, { sampleWeight }) with sample × class weights beyond float64 range', () => {
  it('fits classWeight 1e200 × sampleWeight 1e200 as the unpenalised model (C·sᵢ = 1e400 leaves no room for a penalty)', () => {
    const model = fitRange({ classWeight: classWeight(1e200, 1e200) }, new Float64Array(n).fill(1e200));
    expect(model.nIter).toBeGreaterThan(0);
    expect(model.converged).toBe(true);
    expect(parameters(model)).toEqual(parameters(fitRange({ penalty: 'none' }, ones)));
  });

  it('keeps the penalty when C brings C·sᵢ back into range: weights 2^600 × 2^450 with C = 2^-1050 fit as unit weights with C = 1', () => {
    const model = fitRange({ C: 2 ** -1050, classWeight: classWeight(2 ** 600, 2 ** 600) }, new Float64Array(n).fill(2 ** 450));
    expect(parameters(model)).toEqual(parameters(fitRange({ C: 1 }, ones)));
  });

  it('keeps the ratios of uneven weights: classWeight 2^600 and 3·2^600 with C = 2^-1050 fit as class weights 1 and 3 with C = 1', () => {
    const huge = Float64Array.from(varied, (w) => w * 2 ** 450);
    const model = fitRange({ C: 2 ** -1050, tol: 1e-10, classWeight: classWeight(2 ** 600, 3 * 2 ** 600) }, huge);
    const reference = fitRange({ C: 1, tol: 1e-10, classWeight: classWeight(1, 3) }, varied);
    expect(model.converged).toBe(true);
    expect(relativeError(parameters(model), parameters(reference))).toBeLessThan(1e-9);
  });

  it('fits sample weights of 1e308, whose sum overflows, as the unpenalised model', () => {
    const model = fitRange({}, new Float64Array(n).fill(1e308));
    expect(model.converged).toBe(true);
    expect(parameters(model)).toEqual(parameters(fitRange({ penalty: 'none' }, ones)));
  });

  it("fits classWeight 1e-200 × sampleWeight 1e-200, whose products underflow, with penalty 'none' as unit weights", () => {
    const model = fitRange({ penalty: 'none', classWeight: classWeight(1e-200, 1e-200) }, new Float64Array(n).fill(1e-200));
    expect(parameters(model)).toEqual(parameters(fitRange({ penalty: 'none' }, ones)));
  });

  it('refuses underflowing weights with a penalty, saying C × Σ weights is below float64 range', () => {
    expect(() => fitRange({ classWeight: classWeight(1e-200, 1e-200) }, new Float64Array(n).fill(1e-200))).toThrow(
      new RangeError("LogisticRegression: C = 1 is too small: C × Σ sample weights is below float64's range, which leaves no room for the loss; use a larger C"),
    );
  });

  it('leaves weights in range exactly as before: a common factor of 2^10 changes no bit of the model when C is divided by it', () => {
    const scaled = Float64Array.from(varied, (w) => w * 2 ** 10);
    expect(parameters(fitRange({ C: 2 ** -10, tol: 0, maxIter: 20 }, scaled))).toEqual(parameters(fitRange({ C: 1, tol: 0, maxIter: 20 }, varied)));
  });
});
