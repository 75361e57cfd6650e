/**
 * Numerically hard but valid inputs, each with its documented outcome asserted: separable
 * data, wildly different feature scales, constant and duplicated columns, duplicated rows,
 * identical rows with mixed labels, decision values in the thousands, a 10⁶ : 10 class
 * imbalance, subnormals and −0. The `it.fails` tests at the end pin library bugs (see
 * test/README.md); the fuzzer exempts exactly these cases while they stand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogisticRegression, type LogisticRegressionOptions, Matrix, makeClassification } from '../../src/index.js';
import { bits, noise } from './data.js';

const BATCH_SOLVERS = ['lbfgs', 'newton', 'newton-cd', 'owlqn'] as const;
const ALL_SOLVERS = ['lbfgs', 'newton', 'newton-cd', 'owlqn', 'gd', 'sgd'] as const;

/** A model whose warnings are collected in `warnings`. */
function collecting(options: LogisticRegressionOptions): { model: LogisticRegression; warnings: string[] } {
  const warnings: string[] = [];
  return { model: new LogisticRegression({ randomState: 0, ...options, onWarning: (m) => void warnings.push(m) }), warnings };
}

function allFinite(model: LogisticRegression): boolean {
  return [...model.coef.data, ...model.intercept].every(Number.isFinite);
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

/** A 200×3 noisy binary problem (not separable). */
const { X: base, y: baseY } = makeClassification({ nSamples: 200, nFeatures: 3, nInformative: 2, nRedundant: 0, flipY: 0.1, randomState: 3 });
const baseRows = base.toArray();
const labels = Array.from(baseY);

describe('perfectly separable data with penalty none', () => {
  const X = [[-2], [-1], [-0.5], [0.5], [1], [2]];
  const y = [0, 0, 0, 1, 1, 1];

  it('converges to finite coefficients with training accuracy 1 and no warning (lbfgs, newton, owlqn)', () => {
    // The log-loss gradient decays like e^(−margin·|w|), so it falls below tol at a finite
    // |w|: the documented stopping rule ends the fit there, as scikit-learn's lbfgs does.
    for (const solver of BATCH_SOLVERS) {
      const { model, warnings } = collecting({ solver, penalty: 'none' });
      model.fit(X, y);
      expect(allFinite(model), solver).toBe(true);
      expect(model.score(X, y), solver).toBe(1);
      expect(model.converged, solver).toBe(true);
      expect(warnings, solver).toEqual([]);
      const proba = model.predictProba(X);
      y.forEach((label, i) => expect(proba.get(i, label), solver).toBeGreaterThan(0.99));
    }
  });

  it('runs gd and sgd to maxIter with a convergence warning, finite coefficients and training accuracy 1', () => {
    // Fixed steps shrink the gradient only slowly once the data is separated; neither meets
    // tol = 1e-4 in 100 iterations (epochs), and each says so.
    for (const solver of ['gd', 'sgd'] as const) {
      const { model, warnings } = collecting({ solver, penalty: 'none', learningRate: 1 });
      model.fit(X, y);
      expect(allFinite(model), solver).toBe(true);
      expect(model.score(X, y), solver).toBe(1);
      expect(model.converged, solver).toBe(false);
      expect(warnings, solver).toHaveLength(1);
      expect(warnings[0], solver).toMatch(/maxIter = 100/);
    }
  });

  it('warns that it did not converge when maxIter stops it, and still returns finite coefficients', () => {
    for (const solver of ALL_SOLVERS) {
      const { model, warnings } = collecting({ solver, penalty: 'none', tol: 1e-300, maxIter: 30 });
      model.fit(X, y);
      expect(model.converged, solver).toBe(false);
      expect(warnings, solver).toHaveLength(1);
      expect(warnings[0], solver).toMatch(/maxIter = 30/);
      expect(allFinite(model), solver).toBe(true);
      expect(model.score(X, y), solver).toBe(1);
    }
  });

  it('keeps the coefficients and probabilities finite however tight tol is', () => {
    for (const solver of BATCH_SOLVERS) {
      const { model } = collecting({ solver, penalty: 'none', tol: 1e-300, maxIter: 2000 });
      model.fit(X, y);
      expect(allFinite(model), solver).toBe(true);
      const proba = model.predictProba(X).data;
      expect(proba.every((p) => p >= 0 && p <= 1), solver).toBe(true);
      expect(model.score(X, y), solver).toBe(1);
    }
  });
});

describe('features at scales 1e6 and 1e-6 in one matrix', () => {
  const scales = [1e6, 1e-6, 1];
  const scaled = baseRows.map((row) => row.map((v, j) => v * (scales[j] as number)));

  it("gives the unscaled model's probabilities with penalty none (lbfgs, owlqn), coefficients rescaled by 1/scale", () => {
    for (const solver of ['lbfgs', 'owlqn'] as const) {
      const options = { solver, penalty: 'none', tol: 1e-10, maxIter: 10_000, onWarning: null } as const;
      const plain = new LogisticRegression(options).fit(baseRows, labels);
      const model = new LogisticRegression(options).fit(scaled, labels);
      expect(model.converged, solver).toBe(true);
      expect(maxAbsDifference(model.predictProba(scaled).data, plain.predictProba(baseRows).data), solver).toBeLessThan(1e-9);
      const rescaled = Array.from(model.coef.data, (c, j) => c * (scales[j] as number));
      expect(maxAbsDifference(rescaled, plain.coef.data), solver).toBeLessThan(1e-8);
    }
  });

  it('stays finite with the default l2 fit and says so when it runs out of iterations, suggesting StandardScaler', () => {
    for (const solver of ALL_SOLVERS) {
      const { model, warnings } = collecting({ solver });
      model.fit(scaled, labels);
      expect(allFinite(model), solver).toBe(true);
      expect(model.predictProba(scaled).data.every((p) => p >= 0 && p <= 1), solver).toBe(true);
      if (!model.converged) expect(warnings.join('\n'), solver).toMatch(/StandardScaler|increase maxIter|no step decreased/);
    }
  });
});

describe('constant and duplicated columns', () => {
  it('gives a constant column a zero coefficient with l2, the intercept absorbing it', () => {
    const withConstant = baseRows.map((row) => [...row, 7]);
    for (const solver of BATCH_SOLVERS) {
      const options = { solver, tol: 1e-10, maxIter: 5000, onWarning: null } as const;
      const model = new LogisticRegression(options).fit(withConstant, labels);
      const plain = new LogisticRegression(options).fit(baseRows, labels);
      expect(Math.abs(model.coef.get(0, 3)), solver).toBeLessThan(1e-8);
      expect(maxAbsDifference(model.predictProba(withConstant).data, plain.predictProba(baseRows).data), solver).toBeLessThan(1e-8);
    }
  });

  it('splits the weight of a duplicated column equally with l2, like one column scaled by √2', () => {
    const duplicated = baseRows.map((row) => [...row, row[0] as number]);
    const scaledColumn = baseRows.map((row) => [(row[0] as number) * Math.SQRT2, row[1] as number, row[2] as number]);
    for (const solver of BATCH_SOLVERS) {
      const options = { solver, tol: 1e-10, maxIter: 5000, onWarning: null } as const;
      const model = new LogisticRegression(options).fit(duplicated, labels);
      const single = new LogisticRegression(options).fit(scaledColumn, labels);
      expect(Math.abs(model.coef.get(0, 0) - model.coef.get(0, 3)), solver).toBeLessThan(1e-8);
      expect(maxAbsDifference(model.predictProba(duplicated).data, single.predictProba(scaledColumn).data), solver).toBeLessThan(1e-8);
    }
  });

  it('fits duplicated columns without a penalty (a singular Hessian) to the probabilities of the single column', () => {
    const duplicated = baseRows.map((row) => [...row, row[0] as number, row[0] as number]);
    for (const solver of BATCH_SOLVERS) {
      const options = { solver, penalty: 'none', tol: 1e-10, maxIter: 5000, onWarning: null } as const;
      const model = new LogisticRegression(options).fit(duplicated, labels);
      const plain = new LogisticRegression(options).fit(baseRows, labels);
      expect(allFinite(model), solver).toBe(true);
      const c = model.coef.data;
      expect(Math.abs((c[0] as number) + (c[3] as number) + (c[4] as number) - plain.coef.get(0, 0)), solver).toBeLessThan(1e-6);
      expect(maxAbsDifference(model.predictProba(duplicated).data, plain.predictProba(baseRows).data), solver).toBeLessThan(1e-8);
    }
  });
});

describe('duplicated rows', () => {
  it('gives every row twice with C the model of every row once with 2C', () => {
    for (const solver of BATCH_SOLVERS) {
      const options = { solver, tol: 1e-10, maxIter: 5000, onWarning: null } as const;
      const twice = new LogisticRegression({ ...options, C: 0.5 }).fit([...baseRows, ...baseRows], [...labels, ...labels]);
      const once = new LogisticRegression({ ...options, C: 1 }).fit(baseRows, labels);
      expect(maxAbsDifference(twice.coef.data, once.coef.data), solver).toBeLessThan(1e-8);
      expect(maxAbsDifference(twice.intercept, once.intercept), solver).toBeLessThan(1e-8);
    }
  });
});

describe('identical rows with mixed labels', () => {
  it('predicts the label frequency (3 of 10) as the probability, for every penalty', () => {
    const X = Array.from({ length: 10 }, () => [1.5, -2]);
    const y = [1, 0, 0, 1, 0, 0, 0, 1, 0, 0];
    for (const solver of BATCH_SOLVERS) {
      for (const penalty of ['l2', 'none'] as const) {
        const model = new LogisticRegression({ solver, penalty, tol: 1e-12, maxIter: 5000, onWarning: null }).fit(X, y);
        expect(Math.abs(model.predictProba([[1.5, -2]]).get(0, 1) - 0.3), `${solver} ${penalty}`).toBeLessThan(1e-9);
      }
    }
  });

  it('predicts the frequencies 0.2, 0.3 and 0.5 for three classes, multinomial and one-vs-rest', () => {
    const X = Array.from({ length: 10 }, () => [0.25]);
    const y = ['a', 'b', 'c', 'c', 'b', 'c', 'a', 'c', 'b', 'c'];
    for (const multiClass of ['multinomial', 'ovr'] as const) {
      const model = new LogisticRegression({ multiClass, tol: 1e-12, maxIter: 5000, onWarning: null }).fit(X, y);
      const proba = Array.from(model.predictProba([[0.25]]).data);
      expect(maxAbsDifference(proba, [0.2, 0.3, 0.5]), multiClass).toBeLessThan(1e-9);
    }
  });
});

describe('decision values in the thousands', () => {
  // Features of ±1000 with a unit-scale optimum put the first trial steps at |z| ≈ 10⁶.
  const X = [[1000], [-1000], [999], [-999], [2000], [-2000]];
  const y = [1, 0, 0, 1, 1, 0];

  it('keeps every reported loss, parameter and probability finite for every solver', () => {
    for (const solver of ALL_SOLVERS) {
      const losses: number[] = [];
      const model = new LogisticRegression({
        solver,
        penalty: 'none',
        learningRate: 1,
        maxIter: 50,
        randomState: 0,
        onWarning: null,
        onIteration: ({ loss }) => void losses.push(loss),
      }).fit(X, y);
      expect(losses.length, solver).toBeGreaterThan(0);
      expect(losses.every(Number.isFinite), solver).toBe(true);
      expect(allFinite(model), solver).toBe(true);
      const proba = model.predictProba([[5000], [-5000], [0]]).data;
      expect(proba.every((p) => p >= 0 && p <= 1), solver).toBe(true);
    }
  });

  it('gives probabilities of exactly 0 and 1, and finite decision values, at |z| = 5000', () => {
    const model = LogisticRegression.fromSklearn({ coef: [[5]], intercept: [0], classes: [0, 1] });
    expect(Array.from(model.decisionFunction([[1000], [-1000]]))).toEqual([5000, -5000]);
    expect(Array.from(model.predictProba([[1000], [-1000]]).data)).toEqual([0, 1, 1, 0]);
    expect(model.predict([[1000], [-1000]])).toEqual([1, 0]);
  });

  it('gives softmax probabilities without NaN when every class score is in the thousands', () => {
    const model = LogisticRegression.fromSklearn({ coef: [[3], [2], [1]], intercept: [0, 0, 0], classes: [0, 1, 2], multiClass: 'multinomial' });
    const proba = Array.from(model.predictProba([[2000], [-2000]]).data);
    expect(proba).toEqual([1, 0, 0, 0, 0, 1]);
  });
});

describe('10⁶ rows of one class and 10 of the other', () => {
  const n = 1_000_010;
  const positives = Array.from({ length: 10 }, (_, i) => i * 100_000 + 7);
  let X: Matrix;
  const y = new Uint8Array(n);
  beforeAll(() => {
    X = Matrix.alloc(n, 2);
    const data = X.data;
    const next = noise(1);
    for (let i = 0; i < 2 * n; i++) data[i] = next();
    for (const i of positives) y[i] = 1;
  });
  afterAll(() => X.dispose());

  it('predicts the majority class everywhere, with probabilities summing to the 10 positives (within tol)', () => {
    // With an unpenalised intercept the optimum has Σᵢ (pᵢ − yᵢ) = 0, and tol bounds that
    // gradient entry: |Σ pᵢ − 10| ≤ tol. Uninformative features leave p ≈ 10⁻⁵ everywhere.
    const model = new LogisticRegression({ onWarning: null }).fit(X, y);
    expect(model.converged).toBe(true);
    expect(Math.abs((model.intercept[0] as number) - Math.log(10 / 1e6))).toBeLessThan(0.1);
    const proba = model.predictProba(X);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += proba.get(i, 1);
    expect(Math.abs(sum - 10)).toBeLessThanOrEqual(model.tol);
    expect(model.predict(X).every((label) => label === 0)).toBe(true);
  });

  it("balances the classes with classWeight 'balanced': Σ sᵢ·pᵢ = n/2 within tol", () => {
    const model = new LogisticRegression({ classWeight: 'balanced', onWarning: null }).fit(X, y);
    expect(model.converged).toBe(true);
    const weight = [n / (2 * (n - 10)), n / (2 * 10)];
    const proba = model.predictProba(X);
    let weighted = 0;
    for (let i = 0; i < n; i++) weighted += (weight[y[i] as number] as number) * proba.get(i, 1);
    expect(Math.abs(weighted - n / 2)).toBeLessThanOrEqual(model.tol);
  });
});

describe('subnormals, −0 and tiny values', () => {
  it('treats −0 exactly like 0, to the bit', () => {
    const withNegativeZero = baseRows.map((row, i) => (i % 3 === 0 ? [-0, row[1] as number, row[2] as number] : row));
    const withZero = withNegativeZero.map((row) => row.map((v) => (Object.is(v, -0) ? 0 : v)));
    const a = new LogisticRegression({ onWarning: null }).fit(withNegativeZero, labels);
    const b = new LogisticRegression({ onWarning: null }).fit(withZero, labels);
    expect(bits(a.coef.data)).toBe(bits(b.coef.data));
  });

  it('fits subnormal features and subnormal sample weights to finite parameters without error', () => {
    const X = [[5e-324], [-5e-324], [1e-310], [0], [2.2250738585072014e-308], [-1e-320]];
    const y = [0, 1, 0, 1, 0, 1];
    for (const solver of ALL_SOLVERS) {
      const model = new LogisticRegression({ solver, randomState: 0, onWarning: null }).fit(X, y, { sampleWeight: [5e-324, 1, 1e-310, 1, 1, 2] });
      expect(allFinite(model), solver).toBe(true);
      expect(model.predictProba(X).data.every((p) => p >= 0 && p <= 1), solver).toBe(true);
    }
  });

  it('does not train on a feature of 1e150 next to one of 2, but returns finite parameters and warns', () => {
    // Documented outcome for absurdly scaled data (no solver can take a useful step; scale
    // the features): finite parameters, converged false and a warning, never NaN.
    // ('sgd' stops by its own rule, five epochs without a lower loss, and reports converged.)
    for (const solver of ['lbfgs', 'newton', 'owlqn', 'gd'] as const) {
      const { model, warnings } = collecting({ solver });
      model.fit([[1e150], [2]], [0, 1]);
      expect(allFinite(model), solver).toBe(true);
      expect(model.converged, solver).toBe(false);
      expect(warnings, solver).toHaveLength(1);
    }
    expect(allFinite(new LogisticRegression({ solver: 'sgd', randomState: 0, onWarning: null }).fit([[1e150], [2]], [0, 1]))).toBe(true);
  });
});

describe('edge cases that were bugs (fixed; kept as regression tests)', () => {
  // BUG 'gd-sgd-overflow': the fixed-step solvers diverge when learningRate × curvature ≫ 1
  // (here the l2 term: strength 1/(C·n) = 5e7, so each step multiplies w by ≈ −5e5) and
  // commit NaN/±Infinity parameters with only a maxIter warning. Expected: finite
  // parameters, or a RangeError saying the step diverged (lower learningRate).
  it("never commits non-finite parameters: solver 'gd' with C = 1e-8 on two rows", () => {
    const model = new LogisticRegression({ solver: 'gd', C: 1e-8, onWarning: null });
    let threw: unknown = null;
    try {
      model.fit([[1], [-1]], [1, 0]);
    } catch (error) {
      threw = error;
    }
    if (threw === null) expect(allFinite(model)).toBe(true);
    else expect(threw).toBeInstanceOf(RangeError);
  });

  it("never commits non-finite parameters: solver 'sgd' with C = 1e-300 on two rows", () => {
    const model = new LogisticRegression({ solver: 'sgd', C: 1e-300, maxIter: 3, randomState: 0, onWarning: null });
    let threw: unknown = null;
    try {
      model.fit([[1], [-1]], [1, 0]);
    } catch (error) {
      threw = error;
    }
    if (threw === null) expect(allFinite(model)).toBe(true);
    else expect(threw).toBeInstanceOf(RangeError);
  });

  // BUG 'infinite-strength': the core's penalty weights are share / (C·Σsᵢ); when C·Σsᵢ
  // underflows (C = 1e-310 is accepted as a finite C > 0) that is Infinity, and with penalty
  // 'none' — where C is documented to play no role — 0 · Infinity = NaN: lbfgs, newton and
  // owlqn stop at zeros (nIter 0, "no step decreased the objective"), gd and sgd return NaN.
  it("fits penalty 'none' the same whatever C is, even C = 1e-310", () => {
    const X = [[0], [1], [2], [3]];
    const y = [0, 1, 0, 1];
    for (const solver of ALL_SOLVERS) {
      const plain = new LogisticRegression({ solver, penalty: 'none', randomState: 0, onWarning: null }).fit(X, y);
      const tinyC = new LogisticRegression({ solver, penalty: 'none', C: 1e-310, randomState: 0, onWarning: null }).fit(X, y);
      expect(bits(tinyC.coef.data), solver).toBe(bits(plain.coef.data));
    }
  });

  // BUG 'float32-overflow': with dtype 'float32' the weighted per-row gradient terms are summed
  // in float32, so sample weights of 1e38 (fine with float64) overflow: 'gd' commits NaN and
  // 'lbfgs' stops at zeros with nIter 0. (Parameters beyond 3.4e38 — learningRate 1e300 —
  // overflow the same way.)
  it("fits dtype 'float32' with large sample weights as float64 does", () => {
    const { X, y } = makeClassification({ nSamples: 40, nFeatures: 3, nInformative: 2, nRedundant: 0, flipY: 0.2, randomState: 1 });
    const sampleWeight = new Array(40).fill(1e38);
    for (const solver of ['gd', 'lbfgs'] as const) {
      const wide = new LogisticRegression({ solver, onWarning: null }).fit(X, y, { sampleWeight });
      const narrow = new LogisticRegression({ solver, dtype: 'float32', onWarning: null }).fit(X, y, { sampleWeight });
      expect(maxAbsDifference(narrow.coef.data, wide.coef.data), solver).toBeLessThan(1e-3);
    }
  });

  // BUG 'decision-overflow': x·w overflows to Inf − Inf = NaN for finite x and w, so
  // predictProba is NaN and predict silently returns classes[0]. Multinomial models get NaN
  // from softmax as soon as two scores are +Infinity.
  it('gives finite probabilities (or a RangeError) when x·w overflows float64', () => {
    const model = LogisticRegression.fromSklearn({ coef: [[2, -2]], intercept: [0], classes: [0, 1] });
    let proba: Float64Array | null = null;
    try {
      proba = model.predictProba([[1e308, 1e308]]).data;
    } catch (error) {
      expect(error).toBeInstanceOf(RangeError);
    }
    if (proba !== null) expect(Array.from(proba).every((p) => p >= 0 && p <= 1)).toBe(true);
  });

  it('gives finite softmax probabilities (or a RangeError) when two class scores overflow to +Infinity', () => {
    // Both scores are +Infinity, so which is larger is lost: the library says so.
    const model = LogisticRegression.fromSklearn({ coef: [[2, 1], [1, 1], [0, 0]], intercept: [0, 0, 0], classes: [0, 1, 2] });
    expect(() => model.predictProba([[1e308, 1e308]])).toThrow(
      new RangeError('predictProba: X row 0 gives a decision value that overflows float64 (x·w is ±Infinity or undefined); scale the features'),
    );
  });

  // BUG 'ovr-underflow': one-vs-rest normalises σ(z₁) … σ(z_K) by their sum; when all
  // underflow to 0 that is 0/0 = NaN and predict falls back to classes[0] although class 2
  // has by far the largest decision value. Computing in log space fixes both.
  it('predicts the class with the largest decision value when every one-vs-rest sigmoid underflows', () => {
    const model = LogisticRegression.fromSklearn({ coef: [[3], [2], [1]], intercept: [0, 0, 0], classes: [0, 1, 2], multiClass: 'ovr' });
    expect(Array.from(model.decisionFunction([[-800]]))).toEqual([-2400, -1600, -800]);
    expect(model.predict([[-800]])).toEqual([2]);
    expect(Array.from(model.predictProba([[-800]]).data).every((p) => p >= 0 && p <= 1)).toBe(true);
  });

  // BUG 'log-proba-underflow': predictLogProba is log(predictProba), so it is −Infinity once
  // the probability underflows, although log σ(z) = −log(1 + e^(−z)) is finite (≈ z = −1000).
  it('gives finite log-probabilities at z = ±1000 (log σ(−1000) ≈ −1000)', () => {
    const model = LogisticRegression.fromSklearn({ coef: [[1]], intercept: [0], classes: [0, 1] });
    const logProba = Array.from(model.predictLogProba([[-1000], [1000]]).data);
    expect(logProba).toEqual([-0, -1000, -1000, -0].map((v) => expect.closeTo(v, 6)));
  });
});
