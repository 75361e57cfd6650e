// LogisticRegression on compressed sparse rows: a CsrMatrix is read in place and trains to
// the model of its dense twin. scikit-learn's optimum on sparse data is checked in
// test/sparse/fit-parity.test.ts.
import { describe, expect, it } from 'vitest';
import { CsrMatrix, fitStream, LogisticRegression, type LogisticRegressionOptions, type Matrix } from '../../src/index.js';
import { coreCallsDuring } from '../wasm-memory.js';
import { binary, exact, parameters, threeClass } from './helpers.js';

/** X with its entries of magnitude below 0.5 left out, as compressed sparse rows. */
function sparsified(X: Matrix, dtype: 'float64' | 'float32' = 'float64'): CsrMatrix<'float64' | 'float32'> {
  const rows = X.toArray().map((row) => row.flatMap((v, j) => (Math.abs(v) < 0.5 ? [] : [[j, v] as [number, number]])));
  return CsrMatrix.fromRows(rows, { cols: X.cols, dtype });
}

/** The largest |a − b| relative to the largest |b|. */
function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let k = 0; k < b.length; k++) {
    diff = Math.max(diff, Math.abs((a[k] as number) - (b[k] as number)));
    scale = Math.max(scale, Math.abs(b[k] as number));
  }
  return diff / scale;
}

const settings: [string, LogisticRegressionOptions][] = [
  ['lbfgs', { solver: 'lbfgs' }],
  ['newton', { solver: 'newton' }],
  ['owlqn with l1', { solver: 'owlqn', penalty: 'l1', C: 0.5 }],
  ['newton-cd with l1', { solver: 'newton-cd', penalty: 'l1', C: 0.5 }],
  ['newton-cd with elasticnet', { solver: 'newton-cd', penalty: 'elasticnet', l1Ratio: 0.3, C: 0.5 }],
  ['lbfgs without intercept', { solver: 'lbfgs', fitIntercept: false }],
  ['lbfgs with balanced class weights', { solver: 'lbfgs', classWeight: 'balanced' }],
];

describe('fit(CsrMatrix, y)', () => {
  for (const [name, options] of settings) {
    for (const [mode, data] of [
      ['binary', binary(2)],
      ['multinomial', threeClass(3)],
    ] as const) {
      it(`trains the model of the dense twin to 1e-9 (${name}, ${mode})`, () => {
        const X = sparsified(data.X);
        const sparse = new LogisticRegression({ ...exact, ...options }).fit(X, data.y);
        const dense = new LogisticRegression({ ...exact, ...options }).fit(X.toDense(), data.y);
        expect(relativeDifference(parameters(sparse), parameters(dense))).toBeLessThan(1e-9);
        X.dispose();
      });
    }
  }

  it('trains one-vs-rest models as their dense twin does', () => {
    const { X: dense, y } = threeClass(4);
    const X = sparsified(dense);
    const options = { ...exact, multiClass: 'ovr' } as const;
    const sparse = new LogisticRegression(options).fit(X, y);
    expect(relativeDifference(parameters(sparse), parameters(new LogisticRegression(options).fit(X.toDense(), y)))).toBeLessThan(1e-9);
  });

  it('trains with sample weights as its dense twin does', () => {
    const { X: dense, y } = binary(5);
    const X = sparsified(dense);
    const sampleWeight = Float64Array.from({ length: X.rows }, (_, i) => 0.5 + (i % 4));
    const sparse = new LogisticRegression(exact).fit(X, y, { sampleWeight });
    const twin = new LogisticRegression(exact).fit(X.toDense(), y, { sampleWeight });
    expect(relativeDifference(parameters(sparse), parameters(twin))).toBeLessThan(1e-9);
  });

  it('trains sgd on the same steps as its dense twin', () => {
    const { X: dense, y } = threeClass(6);
    const X = sparsified(dense);
    const options = { solver: 'sgd', learningRate: 0.05, maxIter: 20, tol: 0, randomState: 1, onWarning: null } as const;
    const sparse = new LogisticRegression(options).fit(X, y);
    expect(relativeDifference(parameters(sparse), parameters(new LogisticRegression(options).fit(X.toDense(), y)))).toBeLessThan(1e-12);
  });

  it('trains on float32 values widened exactly: the bits of a float64 CsrMatrix of the same values', () => {
    const { X: dense, y } = threeClass(7);
    const X32 = sparsified(dense, 'float32');
    const X64 = CsrMatrix.from({ ...X32.toData(), values: Array.from(X32.toData().values) });
    expect(X64.dtype).toBe('float64');
    const a = new LogisticRegression(exact).fit(X32, y);
    const b = new LogisticRegression(exact).fit(X64, y);
    expect(parameters(a)).toEqual(parameters(b));
  });

  it("reads a CsrMatrix with its own dtype whatever the dtype option, so dtype 'float32' trains a softmax on it", () => {
    const { X: dense, y } = threeClass(14);
    const X = sparsified(dense);
    const a = new LogisticRegression({ ...exact, dtype: 'float32' }).fit(X, y);
    const b = new LogisticRegression(exact).fit(X, y);
    expect(parameters(a)).toEqual(parameters(b));
  });

  it('reads a CsrMatrix in place: nothing the size of X is allocated', () => {
    const { X: dense, y } = binary(8);
    const X = sparsified(dense);
    const lengths = coreCallsDuring('allocF64', () => new LogisticRegression(exact).fit(X, y));
    // y, the start, the work block: none holds nnz values, and the work block is O(rows + cols).
    expect(Math.max(...lengths)).toBeLessThan(X.nnz);
  });

  it('frees everything it allocated', () => {
    const { X: dense, y } = threeClass(9);
    const X = sparsified(dense);
    let allocated = 0;
    const freed = coreCallsDuring('free', () => {
      allocated = coreCallsDuring('allocF64', () => new LogisticRegression({ ...exact, solver: 'newton-cd', penalty: 'l1' }).fit(X, y)).length;
    });
    // The fitted parameters stay with the model; every other block is freed.
    expect(freed.length).toBe(allocated - 1);
  });

  it('finishes a fit whose X is disposed from onIteration, and frees X afterwards', () => {
    const { X: dense, y } = binary(10);
    const X = sparsified(dense);
    const model = new LogisticRegression({ ...exact, onIteration: () => X.dispose() }).fit(X, y);
    expect(model.converged).toBe(true);
    expect(() => X.toDense()).toThrow('CsrMatrix: this matrix has been disposed');
  });

  it('rejects a disposed CsrMatrix', () => {
    const X = CsrMatrix.fromRows([{ 0: 1 }, { 1: 1 }]);
    X.dispose();
    expect(() => new LogisticRegression().fit(X, [0, 1])).toThrow(
      new Error('X is a CsrMatrix that has been disposed (dispose() released its memory); pass one that is still allocated'),
    );
  });

  it('rejects a CsrMatrix with no rows and one with no columns', () => {
    expect(() => new LogisticRegression().fit(CsrMatrix.fromRows([], { cols: 3 }), [])).toThrow(
      new RangeError('X has 0 rows; at least one sample is required'),
    );
    expect(() => new LogisticRegression().fit(CsrMatrix.fromRows([{}, {}], { cols: 0 }), [0, 1])).toThrow(
      new RangeError('X has 0 columns; at least one feature is required'),
    );
  });

  it('rejects labels whose count differs from the rows', () => {
    expect(() => new LogisticRegression().fit(CsrMatrix.fromRows([{ 0: 1 }, { 1: 1 }]), [0, 1, 1])).toThrow(RangeError);
  });
});

describe('predictions on a CsrMatrix', () => {
  const { X: dense, y } = threeClass(11);
  const X = sparsified(dense);
  const model = new LogisticRegression(exact).fit(X, y);
  const twin = X.toDense();

  it('decisionFunction, predictProba, predictLogProba and predict equal those of the dense twin', () => {
    expect(relativeDifference(model.decisionFunction(X), model.decisionFunction(twin))).toBeLessThan(1e-14);
    expect(relativeDifference(model.predictProba(X).data, model.predictProba(twin).data)).toBeLessThan(1e-14);
    expect(relativeDifference(model.predictLogProba(X).data, model.predictLogProba(twin).data)).toBeLessThan(1e-13);
    expect(model.predict(X)).toEqual(model.predict(twin));
    expect(model.score(X, y)).toBe(model.score(twin, y));
  });

  it('a model fit on dense X predicts a CsrMatrix of the same features', () => {
    const fromDense = new LogisticRegression(exact).fit(twin, y);
    expect(relativeDifference(fromDense.predictProba(X).data, fromDense.predictProba(twin).data)).toBeLessThan(1e-14);
  });

  it('rejects a CsrMatrix with another number of columns', () => {
    const wide = CsrMatrix.fromRows([{ 5: 1 }], { cols: 6 });
    expect(() => model.predict(wide)).toThrow(new RangeError('predict: X has 6 columns; the model was fit with 4'));
  });

  it('scores rows with no stored entries by the intercepts alone', () => {
    const empty = CsrMatrix.fromRows([{}], { cols: 4 });
    expect(Array.from(model.decisionFunction(empty))).toEqual(Array.from(model.intercept));
  });
});

describe('partialFit and fitStream over CsrMatrix chunks', () => {
  it('partialFit on a CsrMatrix takes the steps partialFit takes on its dense twin', () => {
    const { X: dense, y } = binary(12);
    const X = sparsified(dense);
    const options = { solver: 'sgd', learningRate: 0.1, randomState: 3, onWarning: null } as const;
    const a = new LogisticRegression(options).partialFit(X, y, { classes: [0, 1] }).partialFit(X, y);
    const b = new LogisticRegression(options).partialFit(X.toDense(), y, { classes: [0, 1] }).partialFit(X.toDense(), y);
    expect(relativeDifference(parameters(a), parameters(b))).toBeLessThan(1e-13);
  });

  it('fitStream trains on CsrMatrix chunks', async () => {
    const { X: dense, y } = binary(13);
    const X = sparsified(dense);
    const model = await fitStream(() => [{ X, y }], { classes: [0, 1], solver: 'sgd', learningRate: 0.1, randomState: 0, epochs: 3, onWarning: null });
    expect(model.score(X, y)).toBeGreaterThan(0.7);
  });
});

describe('fit(CsrMatrix, y) beyond WebAssembly memory', () => {
  it('says when the scratch for a very wide CsrMatrix cannot be had, and stays usable', () => {
    const X = CsrMatrix.fromRows([{ 0: 1 }, { 40_000_000: 1 }, { 3: 2 }], { cols: 50_000_000 });
    const model = new LogisticRegression({ onWarning: null });
    expect(() => model.fit(X, [0, 1, 1])).toThrow(
      new RangeError(
        "LogisticRegression.fit: solver 'lbfgs' needs 1300000051 float64 values of scratch (10400000408 bytes) for 50000001 parameters (50000000 columns + 1), more than WebAssembly memory can hold; fewer columns (e.g. a smaller nFeatures of HashingVectorizer) or solver 'sgd' need less",
      ),
    );
    const narrow = CsrMatrix.fromRows([{ 0: 1 }, { 1: 1 }, { 0: 2 }]);
    expect(model.fit(narrow, [0, 1, 1]).nIter).toBeGreaterThan(0);
    X.dispose();
  });
});
