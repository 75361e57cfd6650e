import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Label, LogisticRegression, type LogisticRegressionOptions, Matrix, makeClassification } from '../../src/index.js';
import { relativeError } from '../helpers.js';
import { exact, parameters, threeClass } from './helpers.js';

interface Fit {
  id: string;
  dataset: string;
  options: { C: number; penalty: 'l2' | 'none'; fitIntercept: boolean };
  classes: Label[];
  coef: number[][];
  intercept: number[];
  decisionFunction: number[];
  predictProba: number[][];
  predict: Label[];
  optimum: { coef: number[][]; intercept: number[] };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/binary-multinomial.json', import.meta.url), 'utf8')) as {
  datasets: Record<string, { X: number[][]; y: Label[] }>;
  fits: Fit[];
};

const { X, y } = makeClassification({ nSamples: 200, nFeatures: 4, nInformative: 3, nRedundant: 0, flipY: 0.1, randomState: 3 });
const tight = { tol: 1e-10, maxIter: 1000, onWarning: null } as const;

function fit(options: LogisticRegressionOptions): LogisticRegression {
  return new LogisticRegression({ ...tight, ...options }).fit(X, y);
}
/** softmax(−d, d) row by row, as scikit-learn computes it. */
function softmaxPairs(d: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < d.length; i++) {
    const z = d[i] as number;
    const m = Math.abs(z);
    const a = Math.exp(-z - m);
    const b = Math.exp(z - m);
    out.push(a / (a + b), b / (a + b));
  }
  return out;
}

describe('LogisticRegression#fit(X, y) with three classes', () => {
  it('gives multinomial l2 coefficient rows that sum to 0 in every column', () => {
    const { X, y } = threeClass();
    const coef = new LogisticRegression({ ...exact, penalty: 'l2' }).fit(X, y).coef;
    expect([coef.rows, coef.cols]).toEqual([3, 4]);
    for (let j = 0; j < coef.cols; j++) {
      expect(Math.abs(coef.get(0, j) + coef.get(1, j) + coef.get(2, j))).toBeLessThan(1e-8);
    }
  });

  it('gives multinomial intercepts with mean 0', () => {
    const { X, y } = threeClass();
    const intercept = new LogisticRegression(exact).fit(X, y).intercept;
    expect(intercept.length).toBe(3);
    expect(Math.abs(intercept.reduce((sum, b) => sum + b, 0) / 3)).toBeLessThan(1e-12);
  });

  it('gives one-vs-rest models K coefficient rows and K intercepts', () => {
    const { X, y } = threeClass();
    const model = new LogisticRegression({ ...exact, multiClass: 'ovr' }).fit(X, y);
    expect([model.coef.rows, model.coef.cols]).toEqual([3, 4]);
    expect(model.intercept.length).toBe(3);
    expect(model.decisionFunction(X).length).toBe(90 * 3);
  });
});

describe("LogisticRegression#fit(X, y) with multiClass 'multinomial' and two classes", () => {
  it('stores one coefficient row and one intercept, as scikit-learn does, with mode multinomial', () => {
    const model = fit({ multiClass: 'multinomial' });
    expect([model.coef.rows, model.coef.cols, model.intercept.length]).toEqual([1, 4, 1]);
    expect(model.toJSON().model.mode).toBe('multinomial');
    expect(model.decisionFunction(X)).toHaveLength(200);
  });

  it('gives the probabilities softmax(−d, d) of its decision values d', () => {
    const model = fit({ multiClass: 'multinomial' });
    const expected = softmaxPairs(model.decisionFunction(X));
    const got = Array.from(model.predictProba(X).data);
    got.forEach((p, i) => expect(Math.abs(p - (expected[i] as number))).toBeLessThanOrEqual(2 ** -52));
  });

  it('gives log-probabilities equal to the log of its probabilities', () => {
    const model = fit({ multiClass: 'multinomial' });
    const logs = Array.from(model.predictLogProba(X).data);
    Array.from(model.predictProba(X).data).forEach((p, i) => expect(Math.abs(Math.exp(logs[i] as number) - p)).toBeLessThan(1e-15));
  });

  it('predicts the class of larger probability', () => {
    const model = fit({ multiClass: 'multinomial' });
    const proba = model.predictProba(X).data;
    expect(model.predict(X)).toEqual(Array.from({ length: 200 }, (_, i) => ((proba[2 * i + 1] as number) > (proba[2 * i] as number) ? 1 : 0)));
  });

  it('fits the binary model of twice the C, halved (the softmax penalises both rows −w and w)', () => {
    const multinomial = fit({ multiClass: 'multinomial', C: 0.3 });
    const binary = fit({ C: 0.6 });
    expect(relativeError(parameters(multinomial), parameters(binary).map((v) => v / 2))).toBeLessThan(1e-8);
  });

  for (const multiClass of ['auto', 'ovr'] as const) {
    it(`keeps the binary model for multiClass '${multiClass}'`, () => {
      const model = fit({ multiClass });
      expect(model.toJSON().model.mode).toBe('binary');
      expect(parameters(model)).toEqual(parameters(fit({})));
    });
  }

  it('continues from its own solution with warmStart', () => {
    const model = new LogisticRegression({ ...tight, multiClass: 'multinomial', warmStart: true }).fit(X, y);
    const first = parameters(model);
    model.fit(X, y);
    expect(model.nIter).toBeLessThanOrEqual(1);
    expect(relativeError(parameters(model), first)).toBeLessThan(1e-9);
  });
});

describe("LogisticRegression#fit(X, y) with multiClass 'multinomial' and two classes, against scikit-learn 1.2.1 (test/fixtures/binary-multinomial.json)", () => {
  for (const f of fixture.fits) {
    const { X: rows, y: labels } = fixture.datasets[f.dataset]!;
    it(`reaches the exact optimum within 1e-8 and scikit-learn's probabilities within 1e-5 (${f.id})`, () => {
      const model = new LogisticRegression({ ...tight, ...f.options, multiClass: 'multinomial' }).fit(rows, labels);
      expect(model.classes).toEqual(f.classes);
      expect(relativeError(parameters(model), [...f.optimum.coef[0]!, ...f.optimum.intercept])).toBeLessThan(1e-8);
      const proba = model.predictProba(rows).data;
      f.predictProba.flat().forEach((p, i) => expect(Math.abs((proba[i] as number) - p)).toBeLessThan(1e-5));
    });

    it(`predicts exactly as scikit-learn from its coef_ and intercept_ (${f.id})`, () => {
      const model = LogisticRegression.fromSklearn({ coef: f.coef, intercept: f.intercept, classes: f.classes, multiClass: 'multinomial' });
      const X = Matrix.fromRows(rows);
      const d = model.decisionFunction(X);
      f.decisionFunction.forEach((value, i) => expect(Math.abs((d[i] as number) - value)).toBeLessThan(1e-12 * Math.max(1, Math.abs(value))));
      const proba = model.predictProba(X).data;
      f.predictProba.flat().forEach((p, i) => expect(Math.abs((proba[i] as number) - p)).toBeLessThan(1e-14));
      expect(model.predict(X)).toEqual(f.predict);
    });
  }
});
