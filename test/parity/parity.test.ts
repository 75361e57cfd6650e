import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Label, LogisticRegression, type LogisticRegressionOptions, Matrix, type Solver } from '../../src/index.js';
import { relativeError } from '../helpers.js';

/** One reference fit written by tools/make_parity_fixtures.py (scikit-learn 1.2.1 plus a polished optimum). */
interface ParityFit {
  id: string;
  dataset: string;
  isDefault: boolean;
  params: {
    penalty: 'l2' | 'l1' | 'elasticnet' | 'none';
    C: number;
    l1Ratio: number | null;
    fitIntercept: boolean;
    classWeight: 'balanced' | Record<string, number> | null;
    multiClass: 'auto' | 'ovr' | 'multinomial';
  };
  sampleWeight: number[] | null;
  resolvedClassWeight: unknown;
  classes: Label[];
  sklearn: { predict: Label[] };
  optimum: { coef: number[][]; intercept: number[]; objective: number };
  probaOptimum: number[][];
  predictOptimum: Label[];
  nearTies: number[];
  identifiable: boolean;
}

const fixtures = new URL('../fixtures/parity/', import.meta.url);
const { fits } = JSON.parse(readFileSync(new URL('fits.json', fixtures), 'utf8')) as { fits: ParityFit[] };
const datasets = new Map<string, { X: Matrix<'float64' | 'float32'>; y: Label[] }>();
function dataset(name: string, dtype: 'float64' | 'float32' = 'float64'): { X: Matrix<'float64' | 'float32'>; y: Label[] } {
  let data = datasets.get(`${name} ${dtype}`);
  if (data === undefined) {
    const raw = JSON.parse(readFileSync(new URL(`datasets/${name}.json`, fixtures), 'utf8')) as { X: number[][]; y: Label[] };
    data = { X: Matrix.fromRows(raw.X, { dtype }), y: raw.y };
    datasets.set(`${name} ${dtype}`, data);
  }
  return data;
}

/** C·Σᵢ sᵢ·(−log p(yᵢ)) + r(w), the objective in the README, from the model's own probabilities. */
function objective(model: LogisticRegression, fit: ParityFit, X: Matrix<'float64' | 'float32'>, y: Label[]): number {
  const proba = model.predictProba(X);
  const classes = model.classes;
  const { penalty, C, l1Ratio } = fit.params;
  const perClass = new Map<Label, number>();
  const cw = fit.params.classWeight;
  for (const [k, label] of classes.entries()) {
    const count = y.filter((v) => v === label).length;
    perClass.set(label, cw === null ? 1 : cw === 'balanced' ? y.length / (classes.length * count) : (cw[String(label)] ?? 1));
  }
  const scaleC = penalty === 'none' ? 1 : C;
  let loss = 0;
  for (let i = 0; i < y.length; i++) {
    const s = (fit.sampleWeight?.[i] ?? 1) * (perClass.get(y[i] as Label) as number);
    loss += s * -Math.log(proba.get(i, classes.indexOf(y[i] as Label)));
  }
  const w = model.coef.data;
  let l1 = 0;
  let l2 = 0;
  for (const v of w) {
    l1 += Math.abs(v);
    l2 += v * v;
  }
  const r = penalty === 'l2' ? 0.5 * l2 : penalty === 'l1' ? l1 : penalty === 'elasticnet' ? l1Ratio! * l1 + 0.5 * (1 - l1Ratio!) * l2 : 0;
  return scaleC * loss + r;
}

function solversFor(fit: ParityFit): Solver[] {
  return fit.params.penalty === 'l1' || fit.params.penalty === 'elasticnet' ? ['owlqn', 'newton-cd'] : ['lbfgs', 'newton'];
}

function train(fit: ParityFit, solver: Solver, tight: boolean, dtype: 'float64' | 'float32' = 'float64'): LogisticRegression {
  const { X, y } = dataset(fit.dataset, dtype);
  const { penalty, C, l1Ratio, fitIntercept, classWeight, multiClass } = fit.params;
  const options: LogisticRegressionOptions = { penalty, C, fitIntercept, multiClass, solver, onWarning: null };
  if (l1Ratio !== null) options.l1Ratio = l1Ratio;
  if (classWeight !== null) options.classWeight = classWeight;
  if (tight) {
    options.tol = 1e-10;
    options.maxIter = 20_000;
  }
  return new LogisticRegression(options).fit(X, y, { sampleWeight: fit.sampleWeight });
}

// The 'balanced' one-vs-rest weights differ from n/(K·count) (scikit-learn recomputes them
// per class-vs-rest problem); the objective helper above only knows the joint formula.
const objectiveComparable = (fit: ParityFit): boolean =>
  !(fit.params.classWeight === 'balanced' && fit.classes.length > 2 && fit.params.multiClass === 'ovr');

describe('parity with scikit-learn: every fixture fit lands on the polished optimum at tol 1e-10', () => {
  for (const fit of fits) {
    for (const solver of solversFor(fit)) {
      it(`${fit.id} with solver '${solver}'`, () => {
        const { X, y } = dataset(fit.dataset);
        const model = train(fit, solver, true);
        expect(model.classes).toEqual(fit.classes);
        if (fit.identifiable) {
          expect(relativeError(model.coef.data, fit.optimum.coef.flat())).toBeLessThan(1e-6);
          if (fit.params.fitIntercept) expect(relativeError(model.intercept, fit.optimum.intercept)).toBeLessThan(1e-6);
        } else {
          const proba = model.predictProba(X);
          expect(relativeError(proba.data, fit.probaOptimum.flat())).toBeLessThan(1e-8);
        }
        if (fit.params.multiClass !== 'ovr' || fit.classes.length === 2) {
          if (objectiveComparable(fit)) {
            expect(Math.abs(objective(model, fit, X, y) - fit.optimum.objective) / fit.optimum.objective).toBeLessThan(1e-10);
          }
        }
        const predicted = model.predict(X);
        const mismatches = predicted.flatMap((label, i) => (label === fit.predictOptimum[i] || fit.nearTies.includes(i) ? [] : [i]));
        expect(mismatches).toEqual([]);
        if (fit.params.penalty === 'l1' || fit.params.penalty === 'elasticnet') {
          expect(Array.from(model.coef.data, (v) => v === 0)).toEqual(fit.optimum.coef.flat().map((v) => v === 0));
        }
      });
    }
  }
});

describe('parity with scikit-learn at default options', () => {
  for (const fit of fits.filter((f) => f.isDefault)) {
    it(`${fit.id} predicts as scikit-learn does`, () => {
      const { X } = dataset(fit.dataset);
      const model = new LogisticRegression({ onWarning: null }).fit(X, dataset(fit.dataset).y);
      expect(model.predict(X)).toEqual(fit.sklearn.predict);
    });
  }
});

/** Results of earlier builds, written by `tools/fingerprint.ts --pin` (see its header). */
const pinned = (JSON.parse(readFileSync(new URL('pinned.json', fixtures), 'utf8')) as { cases: Record<string, { coef: number[]; intercept: number[]; nIter: number }> })
  .cases;

describe('lbfgs, owlqn and newton keep their results: every fixture fit at default tol equals its pinned result to 1e-12', () => {
  const pinnedSolvers = (fit: ParityFit): Solver[] =>
    fit.params.penalty === 'l2' ? ['lbfgs', 'owlqn', 'newton'] : fit.params.penalty === 'none' ? ['lbfgs', 'newton'] : ['owlqn'];
  for (const fit of fits) {
    for (const solver of pinnedSolvers(fit)) {
      for (const dtype of ['float64', 'float32'] as const) {
        it(`${fit.id} with solver '${solver}' on ${dtype} X`, () => {
          const pin = pinned[`${fit.id} ${solver} ${dtype}`]!;
          const model = train(fit, solver, false, dtype);
          const theta = [...model.coef.data, ...model.intercept];
          const expected = [...pin.coef, ...pin.intercept];
          expect(theta.length).toBe(expected.length);
          expect(relativeError(theta, expected)).toBeLessThanOrEqual(1e-12);
          expect(model.nIter).toBe(pin.nIter);
          model.dispose();
        });
      }
    }
  }

  it('covers every pinned case', () => {
    const tested = fits.flatMap((fit) => pinnedSolvers(fit).flatMap((solver) => [`${fit.id} ${solver} float64`, `${fit.id} ${solver} float32`]));
    expect(tested.sort()).toEqual(Object.keys(pinned).sort());
  });
});
