// Class labels: how fit orders them, which it refuses, predict giving them back, and their
// static type. The type assertions (expectTypeOf, @ts-expect-error) are checked by
// `npm run typecheck`, which compiles the tests; the runtime assertions check that the
// values match their types.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type Label, LogisticRegression, fitStream, makeClassification } from '../../src/index.js';
import { exact, oneHot } from './helpers.js';

describe('LogisticRegression#classes after fit(X, y)', () => {
  it('sorts numeric classes numerically, not as strings', () => {
    const y = [10, 9, 100, 10, 9, 100];
    const model = new LogisticRegression(exact).fit(oneHot(y, [10, 9, 100]), y);
    expect(model.classes).toEqual([9, 10, 100]);
  });

  it('sorts negative numeric classes numerically', () => {
    const y = [5, -2, 0, -10, 5, -2, 0, -10];
    const model = new LogisticRegression(exact).fit(oneHot(y, [5, -2, 0, -10]), y);
    expect(model.classes).toEqual([-10, -2, 0, 5]);
  });

  it('sorts string classes by code point, with astral characters after U+FFFF', () => {
    const distinct = ['b', '\u{1F600}', 'B', '\uFFFF', 'a'];
    const y = [...distinct, ...distinct];
    const model = new LogisticRegression(exact).fit(oneHot(y, distinct), y);
    expect(model.classes).toEqual(['B', 'a', 'b', '\uFFFF', '\u{1F600}']);
  });

  it('sorts boolean classes with false before true', () => {
    const y = [true, false, true, false];
    const model = new LogisticRegression(exact).fit(oneHot(y, [true, false]), y);
    expect(model.classes).toEqual([false, true]);
  });
});

describe('LogisticRegression#fit(X, y) labels', () => {
  it('rejects fractional numeric labels as a continuous target, as scikit-learn does', () => {
    expect(() => new LogisticRegression(exact).fit([[0], [1]], [0.5, 1])).toThrow(
      new RangeError(
        'y has the non-integer label 0.5 at index 0; class labels must be integers, strings or booleans (a continuous target is a regression problem)',
      ),
    );
  });
});

describe('LogisticRegression#predict(X) labels', () => {
  it('predicts the original numeric labels', () => {
    const y = [10, 9, 100, 10, 9, 100];
    const model = new LogisticRegression({ ...exact, C: 10 }).fit(oneHot(y, [10, 9, 100]), y);
    expect(model.predict(oneHot(y, [10, 9, 100]))).toEqual(y);
  });

  it('predicts the original string labels', () => {
    const distinct = ['b', '\u{1F600}', 'B', '\uFFFF', 'a'];
    const y = [...distinct, ...distinct];
    const model = new LogisticRegression({ ...exact, C: 10 }).fit(oneHot(y, distinct), y);
    expect(model.predict(oneHot(y, distinct))).toEqual(y);
  });

  it('predicts the original boolean labels as booleans', () => {
    const y = [true, false, false, true, true, false];
    const model = new LogisticRegression({ ...exact, C: 10 }).fit(oneHot(y, [true, false]), y);
    const predicted = model.predict(oneHot(y, [true, false]));
    expect(predicted).toEqual(y);
    expect(predicted.every((label) => typeof label === 'boolean')).toBe(true);
  });
});

const { X, y } = makeClassification({ nSamples: 40, nFeatures: 2, nInformative: 2, nRedundant: 0, randomState: 0 });
const names: string[] = Array.from(y, (k) => (k === 1 ? 'yes' : 'no'));
const quiet = { onWarning: null } as const;

describe('LogisticRegression<L>: the label type of a fitted model', () => {
  it('is number for numeric y, so predict and classes give numbers', () => {
    const model = new LogisticRegression(quiet).fit(X, y);
    const first: number = model.predict(X)[0]!;
    expectTypeOf(model.predict(X)).toEqualTypeOf<number[]>();
    expectTypeOf(model.classes).toEqualTypeOf<number[]>();
    expect(typeof first).toBe('number');
    expect(model.classes).toEqual([0, 1]);
  });

  it('is string for string y', () => {
    const model = new LogisticRegression(quiet).fit(X, names);
    expectTypeOf(model.predict(X)).toEqualTypeOf<string[]>();
    expect(model.predict(X).every((label) => typeof label === 'string')).toBe(true);
  });

  it('is boolean for boolean y', () => {
    const model = new LogisticRegression(quiet).fit(X, Array.from(y, (k) => k === 1));
    expectTypeOf(model.classes).toEqualTypeOf<boolean[]>();
    expect(model.classes).toEqual([false, true]);
  });

  it('is the union of literal labels for y typed by them', () => {
    const labels = names as ('no' | 'yes')[];
    const model = new LogisticRegression(quiet).fit(X, labels);
    expectTypeOf(model.predict(X)).toEqualTypeOf<('no' | 'yes')[]>();
    expect(model.classes).toEqual(['no', 'yes']);
  });

  it('follows partialFit and fitStream', async () => {
    const partial = new LogisticRegression({ ...quiet, solver: 'sgd', randomState: 0 }).partialFit(X, y, { classes: [0, 1] });
    expectTypeOf(partial.predict(X)).toEqualTypeOf<number[]>();
    const streamed = await fitStream([{ X, y: names }], { ...quiet, classes: ['no', 'yes'], randomState: 0 });
    expectTypeOf(streamed.predict(X)).toEqualTypeOf<string[]>();
    expect(typeof partial.predict(X)[0]).toBe('number');
    expect(typeof streamed.predict(X)[0]).toBe('string');
  });

  it('follows the classes given to fromSklearn', () => {
    const model = LogisticRegression.fromSklearn({ coef: [[1, -1]], intercept: [0], classes: ['no', 'yes'] });
    expectTypeOf(model.predict(X)).toEqualTypeOf<string[]>();
    expect(model.predict(X).every((label) => label === 'no' || label === 'yes')).toBe(true);
  });

  it('is Label for a model loaded from JSON, which can be narrowed by giving it', () => {
    const loaded = LogisticRegression.fromJSON(JSON.stringify(new LogisticRegression(quiet).fit(X, y)));
    expectTypeOf(loaded.predict(X)).toEqualTypeOf<Label[]>();
    const narrowed = loaded as LogisticRegression<number>;
    expectTypeOf(narrowed.predict(X)).toEqualTypeOf<number[]>();
    expect(narrowed.predict(X)).toEqual(new LogisticRegression(quiet).fit(X, y).predict(X));
  });

  it('rejects, at compile time, labels of another type for a model typed by its labels', () => {
    const numeric = new LogisticRegression<number>(quiet);
    // @ts-expect-error: string labels for a model of numeric labels
    const wrongFit = () => numeric.fit(X, names);
    const fitted = new LogisticRegression(quiet).fit(X, y);
    // @ts-expect-error: a numeric model's predictions are not strings
    const wrongUse: string[] = fitted.predict(X);
    // The runtime still accepts what the types reject; the check above is the types'.
    expect(wrongFit().classes).toEqual(['no', 'yes']);
    expect(typeof wrongUse[0]).toBe('number');
  });
});
