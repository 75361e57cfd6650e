// fit(X, y): what it returns and stores, the input forms it takes, the options that shape a fit
// (fitIntercept, recordLoss, warmStart, C = Infinity) and the X and y it refuses. Convergence,
// multiclass modes, weights, labels and float32 have their own files beside this one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LogisticRegression,
  type LogisticRegressionOptions,
  Matrix,
  type Penalty,
  type Solver,
  gradientDescentBaseline,
  makeClassification,
} from '../../src/index.js';
import { expectError } from '../assertions.js';
import { linearProblem, relativeError } from '../helpers.js';
import { binary, data, exact, margins, options as problemOptions, parameters, params, problem } from './helpers.js';

/** Plain gradient descent for a fixed 300 steps: the model of the small linear problems below. */
const options = { solver: 'gd', penalty: 'none', learningRate: 0.1, maxIter: 300, tol: 0 } as const;
const gd50 = { ...options, maxIter: 50 } as const;
const observe = margins();

describe('LogisticRegression#fit(X, y)', () => {
  it('returns the model itself', () => {
    const { X, y } = linearProblem(50, 3);
    const model = new LogisticRegression(options);
    expect(model.fit(X, y)).toBe(model);
  });

  it('agrees with the plain-JS baseline to 1e-12 on shapes with odd and even row and column counts', () => {
    for (const [rows, cols] of [
      [2, 1],
      [7, 1],
      [64, 2],
      [101, 5],
      [200, 8],
    ] as const) {
      const { X, y } = linearProblem(rows, cols, rows + cols);
      y[0] = 0;
      y[1] = 1;
      const model = new LogisticRegression(options).fit(X, y);
      const base = gradientDescentBaseline(X, y, { learningRate: 0.1, maxIter: 300 });
      expect(relativeError(model.coef.data, base.weights)).toBeLessThan(1e-12);
      expect(Math.abs((model.intercept[0] as number) - base.bias)).toBeLessThan(1e-12 * Math.max(1, Math.abs(base.bias)));
    }
  });

  it('gives the same model for number[][] input, a JS Matrix and a Matrix in WebAssembly memory', () => {
    const { X, y } = linearProblem(33, 4);
    const inWasm = Matrix.alloc(33, 4);
    inWasm.data.set(X.data);
    const a = new LogisticRegression(options).fit(X.toArray(), y).coef.data;
    const b = new LogisticRegression(options).fit(X, y).coef.data;
    const c = new LogisticRegression(options).fit(inWasm, y).coef.data;
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).toEqual(Array.from(a));
    inWasm.dispose();
  });

  it('reports coef as 1×d, intercept of length 1, classes [0, 1] and nIter', () => {
    const { X, y } = linearProblem(40, 3);
    const model = new LogisticRegression(options).fit(X, y);
    expect([model.coef.rows, model.coef.cols]).toEqual([1, 3]);
    expect(model.intercept.length).toBe(1);
    expect(model.classes).toEqual([0, 1]);
    expect(model.nIter).toBe(300);
    expect(model.nFeaturesIn).toBe(3);
  });

  it('keeps the intercept at 0 when fitIntercept is false', () => {
    const { X, y } = linearProblem(30, 2);
    const model = new LogisticRegression({ ...options, fitIntercept: false }).fit(X, y);
    expect(model.intercept[0]).toBe(0);
  });

  it('stays finite for decision values of ±1000', () => {
    const X = [[1000], [-1000], [999], [-999]];
    const y = [1, 0, 0, 1];
    const model = new LogisticRegression({ ...options, maxIter: 5, recordLoss: true }).fit(X, y);
    for (const v of [...model.coef.data, ...model.intercept, ...model.lossCurve!]) expect(Number.isFinite(v)).toBe(true);
    const proba = model.predictProba([[1e6], [-1e6]]);
    expect(Array.from(proba.data).every(Number.isFinite)).toBe(true);
  });

  it('changes the coefficients by at most 1e-10 (relative) when the rows are permuted', () => {
    fc.assert(
      fc.property(problem, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 40, maxLength: 40 }), (p, keys) => {
        const { X, y } = data(p.seed, p.rows, p.strategy);
        const order = X.map((_, i) => i).sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
        const original = new LogisticRegression(problemOptions(p, 1e-12)).fit(X, y);
        const permuted = new LogisticRegression(problemOptions(p, 1e-12)).fit(
          order.map((i) => X[i] as number[]),
          order.map((i) => y[i] as number),
        );
        expect(observe('permuted rows', relativeError(parameters(permuted), parameters(original)))).toBeLessThan(1e-10);
      }),
      params,
    );
  });
});

describe('LogisticRegression#fit(X, y) with recordLoss', () => {
  it('records a decreasing loss curve starting at log 2 when asked', () => {
    const { X, y } = linearProblem(50, 2);
    const model = new LogisticRegression({ ...options, recordLoss: true }).fit(X, y);
    const curve = model.lossCurve!;
    expect(curve.length).toBe(300);
    expect(curve[0]).toBeCloseTo(Math.LN2, 15);
    for (let k = 1; k < curve.length; k++) expect(curve[k]!).toBeLessThanOrEqual(curve[k - 1]!);
  });

  it('has no loss curve unless asked', () => {
    const { X, y } = linearProblem(10, 2);
    expect(new LogisticRegression(options).fit(X, y).lossCurve).toBeNull();
  });
});

describe('LogisticRegression#fit(X, y) with warmStart', () => {
  it('needs fewer iterations to refit on reweighted data than a cold start', () => {
    const { X, y } = binary();
    const weights = Array.from({ length: 60 }, (_, i) => 1 + 0.2 * (i % 3));
    const warm = new LogisticRegression({ ...exact, warmStart: true }).fit(X, y);
    warm.fit(X, y, { sampleWeight: weights });
    const cold = new LogisticRegression(exact).fit(X, y, { sampleWeight: weights });
    expect(warm.nIter).toBeLessThan(cold.nIter);
    expect(warm.converged).toBe(true);
    const scale = Math.max(...Array.from(cold.coef.data, Math.abs));
    for (let j = 0; j < 4; j++) expect(Math.abs((warm.coef.data[j] as number) - (cold.coef.data[j] as number))).toBeLessThan(1e-8 * scale);
  });

  it('starts cold when warmStart is false, even on a model fitted before', () => {
    const { X, y } = binary();
    const model = new LogisticRegression(exact).fit(X, y);
    const first = model.nIter;
    model.fit(X, y);
    expect(model.nIter).toBe(first);
  });
});

describe('LogisticRegression#fit(X, y) with C = Infinity', () => {
  // Overlapping classes (flipY), so the unpenalised optimum is finite.
  const overlapping = makeClassification({ nSamples: 200, nFeatures: 4, nInformative: 3, nRedundant: 0, flipY: 0.2, randomState: 7 });

  function parametersOf(options: LogisticRegressionOptions): number[] {
    const model = new LogisticRegression({ onWarning: null, randomState: 0, ...options }).fit(overlapping.X, overlapping.y);
    return [...model.coef.data, ...model.intercept];
  }

  const cases: [Penalty, Solver, LogisticRegressionOptions][] = [
    ['l2', 'lbfgs', {}],
    ['l2', 'newton', {}],
    ['l2', 'owlqn', {}],
    ['l2', 'gd', { learningRate: 0.1, maxIter: 30 }],
    ['l2', 'sgd', { learningRate: 0.05, maxIter: 5 }],
    ['l2', 'newton-cd', {}],
    ['l1', 'newton-cd', {}],
    ['l1', 'owlqn', {}],
    ['l1', 'gd', { learningRate: 0.1, maxIter: 30 }],
    ['l1', 'sgd', { learningRate: 0.05, maxIter: 5 }],
    ['elasticnet', 'newton-cd', { l1Ratio: 0.5 }],
    ['elasticnet', 'owlqn', { l1Ratio: 0.5 }],
    ['elasticnet', 'gd', { l1Ratio: 0.5, learningRate: 0.1, maxIter: 30 }],
  ];

  for (const [penalty, solver, extra] of cases) {
    it(`fits exactly the unpenalised model with penalty '${penalty}' and solver '${solver}'`, () => {
      const none = parametersOf({ penalty: 'none', solver, ...extra, l1Ratio: null });
      expect(parametersOf({ penalty, solver, C: Infinity, ...extra })).toEqual(none);
    });
  }

  it('gives a model different from a finite C (the penalty is really gone)', () => {
    expect(parametersOf({ C: Infinity })).not.toEqual(parametersOf({ C: 1 }));
  });
});

describe('LogisticRegression#fit(X, y) rejects bad X and y with a message that says what and where', () => {
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
    ['a single class in a y of four labels', [[0], [1], [2], [3]], [1, 1, 1, 1], RangeError, 'y has a single class (1); at least two classes are needed to fit'],
    ['a single string class', [[0], [1]], ['a', 'a'], RangeError, "y has a single class ('a'); at least two classes are needed to fit"],
    ['labels of mixed kinds', [[0], [1]], [0, '1'], TypeError, 'y mixes label kinds: index 0 is a number, index 1 is a string'],
    ['a label that is an object', [[0], [1]], [0, {}], TypeError, 'y has an object (Object) at index 1; labels must be numbers, strings or booleans'],
    ['empty X', [], [], RangeError, 'X has 0 rows; at least one sample is required'],
    ['an empty Matrix', Matrix.zeros(0, 3), [], RangeError, 'X has 0 rows; at least one sample is required'],
    ['zero columns', [[], []], [0, 1], RangeError, 'X has 0 columns; at least one feature is required'],
    ['X that is not a matrix', 'abc', [0], TypeError, 'X must be a Matrix, a CsrMatrix or an array of rows, got a string'],
    ['a row that is not an array', [[0], 5], [0, 1], TypeError, 'X row 1 is a number; expected an array of numbers'],
    ['a string cell', [[0, 'a']], [0], TypeError, 'X has a string at row 0, column 1; expected a number'],
    ['y that is not an array', [[0]], 1, TypeError, 'y must be an array of labels, got a number'],
  ];

  for (const [what, X, y, kind, message] of cases) {
    it(`rejects ${what}`, () => {
      const model = new LogisticRegression(gd50);
      expectError(() => model.fit(X as never, y as never), kind, message);
    });
  }
});
