import { describe, expect, it } from 'vitest';
import { LogisticRegression, Matrix, makeClassification } from '../../src/index.js';
import { expectError } from '../assertions.js';

const { X, y } = makeClassification({ nSamples: 600, nFeatures: 6, nInformative: 3, nRedundant: 0, nClasses: 3, randomState: 4 });
const labels = Array.from(y);
const quiet = { onWarning: null } as const;

function rows(from: number, to: number): { X: Matrix; y: number[] } {
  return { X: Matrix.from(X.data.slice(from * X.cols, to * X.cols), to - from, X.cols), y: labels.slice(from, to) };
}

describe("LogisticRegression#fit(X, y) with solver 'sgd'", () => {
  it('approaches the exact optimum with a small learning rate', () => {
    const exact = new LogisticRegression({ tol: 1e-10, maxIter: 1000, ...quiet }).fit(X, labels);
    const sgd = new LogisticRegression({ solver: 'sgd', learningRate: 0.01, maxIter: 400, tol: 0, randomState: 0, ...quiet }).fit(X, labels);
    const gap = Math.max(...Array.from(sgd.coef.data, (v, i) => Math.abs(v - exact.coef.data[i]!)));
    expect(gap).toBeLessThan(0.01); // coefficients are O(1); measured 1.4e-3
  });

  it('gives bit-identical coefficients for the same randomState and different ones for another', () => {
    const fit = (seed: number) => new LogisticRegression({ solver: 'sgd', maxIter: 3, randomState: seed, ...quiet }).fit(X, labels).coef.data;
    expect(Array.from(fit(7))).toEqual(Array.from(fit(7)));
    expect(Array.from(fit(7))).not.toEqual(Array.from(fit(8)));
  });

  it('is deterministic without a seed when shuffle is off', () => {
    const fit = () => new LogisticRegression({ solver: 'sgd', maxIter: 3, shuffle: false, ...quiet }).fit(X, labels).coef.data;
    expect(Array.from(fit())).toEqual(Array.from(fit()));
  });

  it('stops once the epoch loss has not improved by tol for five epochs', () => {
    const model = new LogisticRegression({ solver: 'sgd', maxIter: 1000, tol: 1e-2, randomState: 1, ...quiet }).fit(X, labels);
    expect(model.converged).toBe(true);
    expect(model.nIter).toBeLessThan(1000);
    expect(model.nIter).toBeGreaterThanOrEqual(5);
  });

  it('records one loss per epoch', () => {
    const model = new LogisticRegression({ solver: 'sgd', maxIter: 8, tol: 0, recordLoss: true, randomState: 1, ...quiet }).fit(X, labels);
    const curve = model.lossCurve!;
    expect(curve.length).toBe(8);
    expect(curve[7]!).toBeLessThan(curve[0]!);
  });

  it('reaches exact zeros with an l1 penalty', () => {
    const model = new LogisticRegression({ solver: 'sgd', penalty: 'l1', C: 0.01, maxIter: 20, tol: 0, randomState: 2, ...quiet }).fit(X, labels);
    expect(Array.from(model.coef.data).filter((v) => v === 0).length).toBeGreaterThan(0);
  });
});

describe('LogisticRegression#partialFit(X, y, { classes })', () => {
  it('over the whole data once equals fit with maxIter 1 and the same seed', () => {
    const options = { solver: 'sgd', randomState: 11, ...quiet } as const;
    const fitted = new LogisticRegression({ ...options, maxIter: 1 }).fit(X, labels);
    const streamed = new LogisticRegression(options).partialFit(X, labels, { classes: [0, 1, 2] });
    expect(Array.from(streamed.coef.data)).toEqual(Array.from(fitted.coef.data));
  });

  it('learns from a stream of chunks as well as a full fit does', () => {
    const exact = new LogisticRegression({ tol: 1e-10, maxIter: 1000, ...quiet }).fit(X, labels);
    const model = new LogisticRegression({ solver: 'sgd', learningRate: 0.01, randomState: 3, ...quiet });
    for (let epoch = 0; epoch < 100; epoch++) {
      for (let start = 0; start < 600; start += 150) {
        const chunk = rows(start, start + 150);
        model.partialFit(chunk.X, chunk.y, { classes: [0, 1, 2] });
      }
    }
    expect(model.classes).toEqual([0, 1, 2]);
    expect(model.score(X, labels)).toBeGreaterThan(exact.score(X, labels) - 0.02);
  });

  it('needs classes on the first call', () => {
    expectError(
      () => new LogisticRegression({ solver: 'sgd' }).partialFit(X, labels),
      RangeError,
      'LogisticRegression.partialFit: the first call needs classes, the list of every label y can hold',
    );
  });

  it('rejects a label outside classes and leaves the model as it was', () => {
    const model = new LogisticRegression({ solver: 'sgd', randomState: 0, ...quiet }).partialFit(rows(0, 100).X, rows(0, 100).y, { classes: [0, 1, 2] });
    const before = Array.from(model.coef.data);
    expectError(
      () => model.partialFit([[1, 2, 3, 4, 5, 6]], [5]),
      RangeError,
      'y has the label 5 at index 0, which is not in classes (0, 1, 2)',
    );
    expect(Array.from(model.coef.data)).toEqual(before);
  });

  it('rejects classes that differ from the fitted ones', () => {
    const model = new LogisticRegression({ solver: 'sgd', randomState: 0, ...quiet }).partialFit(X, labels, { classes: [0, 1, 2] });
    expectError(
      () => model.partialFit(X, labels, { classes: [0, 1, 2, 3] }),
      RangeError,
      'LogisticRegression.partialFit: classes (0, 1, 2, 3) differ from the fitted classes (0, 1, 2)',
    );
  });

  it('rejects a chunk with the wrong number of columns', () => {
    const model = new LogisticRegression({ solver: 'sgd', randomState: 0, ...quiet }).partialFit(X, labels, { classes: [0, 1, 2] });
    expectError(() => model.partialFit([[1, 2]], [0]), RangeError, 'partialFit: X has 2 columns; the model was fit with 6');
  });

  it("needs solver 'sgd'", () => {
    expectError(
      () => new LogisticRegression().partialFit(X, labels, { classes: [0, 1, 2] }),
      RangeError,
      "LogisticRegression.partialFit: needs solver 'sgd'; this model uses 'lbfgs'",
    );
  });

  it('keeps one coefficient row between calls for a two-class multinomial model', () => {
    const two = makeClassification({ nSamples: 200, nFeatures: 4, nInformative: 3, nRedundant: 0, flipY: 0.1, randomState: 3 });
    const model = new LogisticRegression({ solver: 'sgd', multiClass: 'multinomial', learningRate: 0.05, randomState: 0, onWarning: null });
    model.partialFit(two.X, two.y, { classes: [0, 1] });
    model.partialFit(two.X, two.y);
    expect(model.coef.rows).toBe(1);
    expect(model.score(two.X, two.y)).toBeGreaterThan(0.7);
  });

  it("rejects classWeight 'balanced'", () => {
    expectError(
      () => new LogisticRegression({ solver: 'sgd', classWeight: 'balanced' }).partialFit(X, labels, { classes: [0, 1, 2] }),
      RangeError,
      "LogisticRegression.partialFit: classWeight 'balanced' needs every label's count, which a chunk does not give; pass explicit class weights",
    );
  });
});
