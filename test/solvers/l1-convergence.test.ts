import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Label, LogisticRegression, type LogisticRegressionOptions, Matrix, makeClassification } from '../../src/index.js';
import { relativeError } from '../helpers.js';

const iris = JSON.parse(readFileSync(new URL('../fixtures/parity/datasets/iris.json', import.meta.url), 'utf8')) as {
  X: number[][];
  y: Label[];
};

const zeros = (model: LogisticRegression): boolean[] => Array.from(model.coef.data, (v) => v === 0);

interface Case {
  name: string;
  X: Matrix;
  y: Label[];
  options: LogisticRegressionOptions;
}

const classification = makeClassification({ randomState: 0 });
const cases: Case[] = [
  { name: 'makeClassification (randomState 0), l1, C = 10', X: classification.X, y: Array.from(classification.y), options: { penalty: 'l1', C: 10 } },
  {
    name: 'makeClassification (randomState 0), elastic-net (l1Ratio 0.5), C = 10',
    X: classification.X,
    y: Array.from(classification.y),
    options: { penalty: 'elasticnet', l1Ratio: 0.5, C: 10 },
  },
  { name: 'iris, multinomial, l1', X: Matrix.fromRows(iris.X), y: iris.y, options: { penalty: 'l1', multiClass: 'multinomial' } },
];

/** A fit that records its warnings. */
function fit(c: Case, options: LogisticRegressionOptions) {
  const warnings: string[] = [];
  const model = new LogisticRegression({ ...c.options, ...options, onWarning: (message) => warnings.push(message) }).fit(c.X, c.y);
  return { model, warnings };
}

// The optimum, from another solver (OWL-QN) run to a tight tol.
const optimum = (c: Case) => fit(c, { solver: 'owlqn', tol: 1e-12, maxIter: 100_000 }).model;

describe('l1 and elastic-net fits with the default solver', () => {
  for (const c of cases) {
    describe(c.name, () => {
      const best = optimum(c);

      it("converges within the default maxIter at scikit-learn's tol 1e-2, without a warning", () => {
        const { model, warnings } = fit(c, { tol: 1e-2 });
        expect(warnings).toEqual([]);
        expect(model.converged).toBe(true);
        expect(model.nIter).toBeLessThanOrEqual(100);
      });

      it('at tol 1e-2 has the zero pattern of the optimum and lands within 5e-2 relative of it', () => {
        const { model } = fit(c, { tol: 1e-2 });
        expect(zeros(model)).toEqual(zeros(best));
        expect(relativeError(model.coef.data, best.coef.data)).toBeLessThan(5e-2);
      });

      it('converges at the default tol (1e-4) within the default maxIter, without a warning', () => {
        const { model, warnings } = fit(c, {});
        expect(warnings).toEqual([]);
        expect(model.converged).toBe(true);
      });

      it('at the default tol has the zero pattern of the optimum and lands within 1e-3 relative of it', () => {
        const { model } = fit(c, {});
        expect(zeros(model)).toEqual(zeros(best));
        expect(relativeError(model.coef.data, best.coef.data)).toBeLessThan(1e-3);
        expect(relativeError(model.intercept, best.intercept)).toBeLessThan(1e-3);
      });
    });
  }

  it("is 'newton-cd'", () => {
    expect(new LogisticRegression({ penalty: 'l1' }).solver).toBe('newton-cd');
    expect(new LogisticRegression({ penalty: 'elasticnet', l1Ratio: 0.5 }).solver).toBe('newton-cd');
  });
});

describe("solver 'newton-cd'", () => {
  it('gives bit-identical coefficients for 1, 2, 3 and 4 threads (binary and multinomial, float64 and float32)', () => {
    const binary = makeClassification({ nSamples: 9000, nFeatures: 9, randomState: 8 });
    const multiclass = makeClassification({ nSamples: 9000, nFeatures: 6, nInformative: 4, nClasses: 3, randomState: 9 });
    const run = (data: typeof binary, options: LogisticRegressionOptions) =>
      [1, 2, 3, 4].map((threads) =>
        Array.from(new LogisticRegression({ solver: 'newton-cd', penalty: 'l1', tol: 1e-8, threads, onWarning: null, ...options }).fit(data.X, Array.from(data.y)).coef.data).join(),
      );
    for (const results of [run(binary, {}), run(binary, { dtype: 'float32' }), run(multiclass, {})]) {
      expect(new Set(results).size).toBe(1);
    }
  });
});
