// A model's life: before fit, dispose() and refitting, memory over many cycles, and the state a
// failed call leaves behind.
import { describe, expect, it } from 'vitest';
import { LogisticRegression, Matrix, NotFittedError } from '../../src/index.js';
import { linearProblem } from '../helpers.js';
import { runtimeMemoryBytes } from '../wasm-memory.js';
import { binary, exact, snapshot } from './helpers.js';

/** Plain gradient descent for a fixed number of steps. */
const options = { solver: 'gd', penalty: 'none', learningRate: 0.1, maxIter: 300, tol: 0 } as const;
const gd50 = { ...options, maxIter: 50 } as const;

function fitted(): LogisticRegression {
  const { X, y } = linearProblem(20, 2);
  return new LogisticRegression(gd50).fit(X, y);
}

describe('LogisticRegression before fit', () => {
  it('rejects predict before fit with NotFittedError naming the method', () => {
    const model = new LogisticRegression(gd50);
    expect(() => model.predict([[0, 1]])).toThrow(NotFittedError);
    expect(() => model.predict([[0, 1]])).toThrow('predict: this LogisticRegression is not fitted yet; call fit(X, y) first');
    expect(() => model.coef).toThrow('coef: this LogisticRegression is not fitted yet; call fit(X, y) first');
  });
});

describe('LogisticRegression#dispose()', () => {
  it('returns to the unfitted state after dispose and can be fitted again', () => {
    const { X, y } = linearProblem(20, 2);
    const model = new LogisticRegression(options).fit(X, y);
    const before = Array.from(model.coef.data);
    model.dispose();
    model.dispose();
    expect(model.isFitted).toBe(false);
    expect(() => model.predict(X)).toThrow(NotFittedError);
    expect(Array.from(model.fit(X, y).coef.data)).toEqual(before);
  });

  it('does not leak WebAssembly memory over many fit/predict/dispose cycles', () => {
    const { X, y } = linearProblem(500, 10);
    const warm = new LogisticRegression(options).fit(X, y);
    warm.predict(X);
    warm.dispose();
    const before = runtimeMemoryBytes();
    for (let k = 0; k < 200; k++) {
      const model = new LogisticRegression({ ...options, maxIter: 2 }).fit(X, y);
      model.predictProba(X);
      model.dispose();
    }
    expect(runtimeMemoryBytes()).toBe(before);
  });
});

describe('LogisticRegression after a failed call', () => {
  it('leaves a previously fitted model as it was after rejecting a single class in y', () => {
    const { X, y } = binary();
    const model = new LogisticRegression(exact).fit(X, Array.from(y));
    const before = snapshot(model, X);
    expect(() => model.fit([[0], [1], [2], [3]], [1, 1, 1, 1])).toThrow(RangeError);
    expect(snapshot(model, X)).toEqual(before);
  });

  it('keeps the previous fit when a later fit fails', () => {
    const model = fitted();
    const coef = Array.from(model.coef.data);
    const predictions = model.predict([[1, 1], [-1, -1]]);
    expect(() => model.fit([[0, 1], [NaN, 1]], [0, 1])).toThrow(RangeError);
    expect(() => model.fit([[0, 1]], [5])).toThrow(RangeError);
    expect(() => model.fit([[0, 1], [1, 1]], [0, 1], { sampleWeight: [1, -1] })).toThrow(RangeError);
    expect(Array.from(model.coef.data)).toEqual(coef);
    expect(model.predict([[1, 1], [-1, -1]])).toEqual(predictions);
  });

  it('does not grow WebAssembly memory over many failed calls', () => {
    const model = fitted();
    const bad = Matrix.fromRows(Array.from({ length: 2000 }, (_, i) => [i, i === 1999 ? NaN : 1]));
    const y = new Float64Array(2000);
    expect(() => model.fit(bad, y)).toThrow(RangeError);
    const before = runtimeMemoryBytes();
    for (let k = 0; k < 300; k++) {
      expect(() => model.fit(bad, y)).toThrow(RangeError);
      expect(() => model.predict(bad)).toThrow(RangeError);
      expect(() => model.fit(bad.toArray(), y)).toThrow(RangeError);
    }
    expect(runtimeMemoryBytes()).toBe(before);
  });

  it('can fit a new model after a failed one', () => {
    expect(() => new LogisticRegression(gd50).fit([[NaN]], [0])).toThrow(RangeError);
    expect(fitted().isFitted).toBe(true);
  });
});
