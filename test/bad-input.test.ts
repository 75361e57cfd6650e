import { describe, expect, it } from 'vitest';
import { LogisticRegression, Matrix, NotFittedError } from '../src/index.js';
import { linearProblem } from './helpers.js';
import { runtimeMemoryBytes } from './wasm-memory.js';

const options = { solver: 'gd', penalty: 'none', learningRate: 0.1, maxIter: 50, tol: 0 } as const;

function fitted(): LogisticRegression {
  const { X, y } = linearProblem(20, 2);
  return new LogisticRegression(options).fit(X, y);
}

describe('fit rejects bad training data with a message that says what and where', () => {
  const cases: [string, unknown, unknown, ErrorConstructor, string][] = [
    ['NaN in X', [[0, 1], [2, NaN]], [0, 1], RangeError, 'X contains NaN at row 1, column 1; all values must be finite'],
    ['+Infinity in X', [[Infinity, 1], [2, 3]], [0, 1], RangeError, 'X contains Infinity at row 0, column 0; all values must be finite'],
    ['-Infinity in a Matrix', Matrix.fromRows([[0, 1], [2, -Infinity]]), [0, 1], RangeError, 'X contains -Infinity at row 1, column 1; all values must be finite'],
    ['NaN in y', [[0], [1], [2]], [0, 1, NaN], RangeError, 'y contains NaN at index 2; labels must be finite'],
    ['Infinity in y', [[0], [1]], [Infinity, 1], RangeError, 'y contains Infinity at index 0; labels must be finite'],
    ['ragged rows', [[0, 1], [2]], [0, 1], RangeError, 'X row 1 has 1 columns; row 0 has 2'],
    ['more labels than rows', [[0], [1]], [0, 1, 1], RangeError, 'y has 3 labels; X has 2 rows'],
    ['fewer labels than rows', [[0], [1], [2]], [0, 1], RangeError, 'y has 2 labels; X has 3 rows'],
    ['a single class', [[0], [1], [2]], [1, 1, 1], RangeError, 'y has a single class (1); at least two classes are needed to fit'],
    ['a single string class', [[0], [1]], ['a', 'a'], RangeError, "y has a single class ('a'); at least two classes are needed to fit"],
    ['labels of mixed kinds', [[0], [1]], [0, '1'], TypeError, 'y mixes label kinds: index 0 is a number, index 1 is a string'],
    ['a label that is an object', [[0], [1]], [0, {}], TypeError, 'y has an object (Object) at index 1; labels must be numbers, strings or booleans'],
    ['empty X', [], [], RangeError, 'X has 0 rows; at least one sample is required'],
    ['an empty Matrix', Matrix.zeros(0, 3), [], RangeError, 'X has 0 rows; at least one sample is required'],
    ['zero columns', [[], []], [0, 1], RangeError, 'X has 0 columns; at least one feature is required'],
    ['X that is not a matrix', 'abc', [0], TypeError, 'X must be a Matrix or an array of rows, got a string'],
    ['a row that is not an array', [[0], 5], [0, 1], TypeError, 'X row 1 is a number; expected an array of numbers'],
    ['a string cell', [[0, 'a']], [0], TypeError, 'X has a string at row 0, column 1; expected a number'],
    ['y that is not an array', [[0]], 1, TypeError, 'y must be an array of labels, got a number'],
  ];

  for (const [what, X, y, kind, message] of cases) {
    it(`rejects ${what}`, () => {
      const model = new LogisticRegression(options);
      expect(() => model.fit(X as never, y as never)).toThrow(new kind(message));
      expect(() => model.fit(X as never, y as never)).toThrow(kind);
    });
  }
});

describe('predict rejects bad input', () => {
  it('rejects predict before fit', () => {
    const model = new LogisticRegression(options);
    expect(() => model.predict([[0, 1]])).toThrow(NotFittedError);
    expect(() => model.predict([[0, 1]])).toThrow('predict: this LogisticRegression is not fitted yet; call fit(X, y) first');
    expect(() => model.coef).toThrow('coef: this LogisticRegression is not fitted yet; call fit(X, y) first');
  });
});

describe('a failed call leaves everything usable', () => {
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
    expect(() => new LogisticRegression(options).fit([[NaN]], [0])).toThrow(RangeError);
    expect(fitted().isFitted).toBe(true);
  });
});
