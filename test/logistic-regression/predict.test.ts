// The prediction methods of a fitted model: predict, predictProba, predictLogProba,
// decisionFunction and score.
import { describe, expect, it } from 'vitest';
import { LogisticRegression, Matrix } from '../../src/index.js';
import { linearProblem } from '../helpers.js';
import { argmax, binary, exact, oneHot, threeClass } from './helpers.js';

/** Plain gradient descent for a fixed 300 steps: the model of the small linear problems below. */
const gd = { solver: 'gd', penalty: 'none', learningRate: 0.1, maxIter: 300, tol: 0 } as const;

function fitted(): LogisticRegression {
  const { X, y } = linearProblem(20, 2);
  return new LogisticRegression({ ...gd, maxIter: 50 }).fit(X, y);
}

describe('LogisticRegression#predictProba(X)', () => {
  it('gives a binary predictProba of shape n×2 whose rows sum to 1', () => {
    const { X, y } = binary();
    const proba = new LogisticRegression(exact).fit(X, y).predictProba(X);
    expect([proba.rows, proba.cols]).toEqual([60, 2]);
    for (let i = 0; i < proba.rows; i++) expect(proba.get(i, 0) + proba.get(i, 1)).toBeCloseTo(1, 14);
  });

  it('gives a multinomial predictProba of shape n×K whose rows sum to 1', () => {
    const { X, y } = threeClass();
    const proba = new LogisticRegression(exact).fit(X, y).predictProba(X);
    expect([proba.rows, proba.cols]).toEqual([90, 3]);
    for (let i = 0; i < proba.rows; i++) expect(proba.get(i, 0) + proba.get(i, 1) + proba.get(i, 2)).toBeCloseTo(1, 14);
  });

  it('orders predictProba columns as classes, not as the labels first appear in y', () => {
    const y = ['zebra', 'ant', 'moose', 'zebra', 'ant', 'moose'];
    const X = oneHot(y, ['zebra', 'ant', 'moose']);
    const model = new LogisticRegression({ ...exact, C: 10 }).fit(X, y);
    expect(model.classes).toEqual(['ant', 'moose', 'zebra']);
    const proba = model.predictProba(X);
    for (let i = 0; i < y.length; i++) expect(model.classes[argmax(proba.row(i))]).toBe(y[i]);
  });

  it('gives predictProba rows that sum to 1 with column 1 equal to the sigmoid of decisionFunction', () => {
    const { X, y } = linearProblem(25, 2);
    const model = new LogisticRegression(gd).fit(X, y);
    const z = model.decisionFunction(X);
    const proba = model.predictProba(X);
    expect([proba.rows, proba.cols]).toEqual([25, 2]);
    for (let i = 0; i < 25; i++) {
      expect(proba.get(i, 0) + proba.get(i, 1)).toBeCloseTo(1, 15);
      expect(proba.get(i, 1)).toBeCloseTo(1 / (1 + Math.exp(-(z[i] as number))), 14);
    }
  });
});

describe('LogisticRegression#predict(X)', () => {
  it('predicts the argmax of predictProba for a multinomial model', () => {
    const { X, y } = threeClass();
    const model = new LogisticRegression(exact).fit(X, Array.from(y, (k) => ['x', 'y', 'z'][k] as string));
    const proba = model.predictProba(X);
    const predicted = model.predict(X);
    for (let i = 0; i < X.rows; i++) expect(predicted[i]).toBe(model.classes[argmax(proba.row(i))]);
  });

  it('predicts the argmax of predictProba for a one-vs-rest model', () => {
    const { X, y } = threeClass();
    const model = new LogisticRegression({ ...exact, multiClass: 'ovr' }).fit(X, y);
    const proba = model.predictProba(X);
    const predicted = model.predict(X);
    for (let i = 0; i < X.rows; i++) expect(predicted[i]).toBe(model.classes[argmax(proba.row(i))]);
  });

  it('predicts the argmax of predictProba for a binary model', () => {
    const { X, y } = binary();
    const model = new LogisticRegression(exact).fit(X, y);
    const proba = model.predictProba(X);
    const predicted = model.predict(X);
    for (let i = 0; i < X.rows; i++) expect(predicted[i]).toBe(model.classes[argmax(proba.row(i))]);
  });

  it('predicts classes[1] exactly where the binary decision function is positive', () => {
    const { X, y } = binary();
    const model = new LogisticRegression(exact).fit(X, Array.from(y, (k) => (k === 1 ? 'yes' : 'no')));
    const z = model.decisionFunction(X);
    expect(z.length).toBe(60);
    const predicted = model.predict(X);
    for (let i = 0; i < X.rows; i++) expect(predicted[i]).toBe((z[i] as number) > 0 ? 'yes' : 'no');
  });

  it('predicts 1 exactly where the positive-class probability exceeds 0.5', () => {
    const { X, y } = linearProblem(60, 2);
    const model = new LogisticRegression(gd).fit(X, y);
    const proba = model.predictProba(X);
    const predicted = model.predict(X);
    predicted.forEach((label, i) => expect(label).toBe(proba.get(i, 1) > 0.5 ? 1 : 0));
  });
});

describe('LogisticRegression#predictLogProba(X)', () => {
  it('gives predictLogProba equal to the log of predictProba', () => {
    const { X, y } = threeClass();
    const model = new LogisticRegression(exact).fit(X, y);
    const proba = model.predictProba(X);
    const logProba = model.predictLogProba(X);
    expect([logProba.rows, logProba.cols]).toEqual([proba.rows, proba.cols]);
    for (let i = 0; i < proba.data.length; i++) {
      expect(logProba.data[i] as number).toBeCloseTo(Math.log(proba.data[i] as number), 12);
    }
  });
});

describe('LogisticRegression#score(X, y)', () => {
  it('scores the accuracy of its own predictions', () => {
    const { X, y } = linearProblem(80, 2);
    const model = new LogisticRegression(gd).fit(X, y);
    const predicted = model.predict(X);
    const expected = predicted.filter((label, i) => label === y[i]).length / 80;
    expect(model.score(X, y)).toBe(expected);
    expect(model.score(X, y)).toBeGreaterThan(0.8);
  });
});

describe('LogisticRegression#predict(X), #predictProba(X) and #decisionFunction(X) refuse bad X', () => {
  it('rejects X with the wrong number of columns, giving expected and actual counts', () => {
    const model = fitted();
    expect(() => model.predict([[1, 2, 3]])).toThrow(new RangeError('predict: X has 3 columns; the model was fit with 2'));
    expect(() => model.predictProba([[1]])).toThrow(new RangeError('predictProba: X has 1 columns; the model was fit with 2'));
    expect(() => model.decisionFunction(Matrix.zeros(2, 4))).toThrow(
      new RangeError('decisionFunction: X has 4 columns; the model was fit with 2'),
    );
  });

  it('rejects NaN in X at predict time with its position', () => {
    expect(() => fitted().predict([[0, 0], [0, NaN]])).toThrow(new RangeError('X contains NaN at row 1, column 1; all values must be finite'));
  });
});
