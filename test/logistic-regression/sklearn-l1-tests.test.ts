// Every l1 / elastic-net fit in scikit-learn 1.2.1's own tests (test/fixtures/sklearn-l1-fits.json,
// made by tools/make_sklearn_l1_fixtures.py: 432 problems, LogisticRegressionCV / GridSearchCV
// expanded into their fold and refit problems), refitted with the default solver for those
// penalties ('newton-cd'). Per fit: at the test's own tol and maxIter it converges, and its
// objective F (recomputed here from coef and intercept) is within what convergence at tol allows
// of the polished optimum's, and within 1e-6 relative of it when tol ≤ 1e-3; at scikit-learn's
// defaults (tol 1e-4, maxIter 100) it converges. Fits that do not are named below with the
// gradNorm they stop at, and asserted as they are.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsrMatrix, type Label, LogisticRegression, type LogisticRegressionOptions, Matrix } from '../../src/index.js';

interface Options {
  C: number;
  penalty: 'l1' | 'elasticnet';
  l1Ratio: number | null;
  fitIntercept: boolean;
  multiClass: 'ovr' | 'multinomial';
  classWeight: Record<string, number> | null;
  tol: number;
  maxIter: number;
}

interface Fit {
  id: string;
  uses: { test: string; role: string }[];
  dataset: string;
  rows: number[] | null;
  sparse: boolean;
  binarize: number | null;
  sampleWeight: number[] | null;
  classes: number[];
  options: Options;
  reference: { coef: number[][]; intercept: number[]; objective: number[]; kktResidual: number[] };
}

interface Fixture {
  datasets: Record<string, { X: number[][]; y: number[] }>;
  fits: Fit[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/sklearn-l1-fits.json', import.meta.url), 'utf8')) as Fixture;

/** The fit's rows and labels (y == binarize for a one-class-vs-rest refit). */
function data(fit: Fit): { rows: number[][]; y: number[] } {
  const { X, y } = fixture.datasets[fit.dataset]!;
  const index = fit.rows ?? X.map((_, i) => i);
  const labels = index.map((i) => y[i]!);
  return { rows: index.map((i) => X[i]!), y: fit.binarize === null ? labels : labels.map((v) => (v === fit.binarize ? 1 : 0)) };
}

/** X as the test gave it to scikit-learn: a dense Matrix, or a CsrMatrix for a scipy CSR matrix. */
function matrix(rows: number[][], sparse: boolean): Matrix | CsrMatrix {
  if (!sparse) return Matrix.fromRows(rows);
  return CsrMatrix.fromRows(
    rows.map((row) => row.flatMap((v, j) => (v === 0 ? [] : [[j, v] as const]))),
    { cols: rows[0]!.length },
  );
}

/** Neumaier's compensated sum, so the objective is not lost in rounding over 1,000 rows. */
function sum(values: Iterable<number>): number {
  let total = 0;
  let carry = 0;
  for (const v of values) {
    const t = total + v;
    carry += Math.abs(total) >= Math.abs(v) ? total - t + v : v - t + total;
    total = t;
  }
  return total + carry;
}

/** log(1 + e^m) without overflow or cancellation. */
const softplus = (m: number): number => (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m)));

/**
 * F = C·Σ sᵢℓᵢ + l1·‖W‖₁ + ½·l2·‖W‖² of each optimisation problem (each class against the rest
 * for 'ovr' with more than two classes, one otherwise), the intercepts unpenalised; W is
 * K×d row-major (one row for a binary model).
 */
function objectives(fit: Fit, rows: number[][], y: number[], W: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const { C, penalty, l1Ratio, classWeight } = fit.options;
  const l1 = penalty === 'l1' ? 1 : (l1Ratio as number);
  const l2 = 1 - l1;
  const d = rows[0]!.length;
  const classes = fit.binarize === null ? fit.classes : [0, 1];
  const code = y.map((label) => classes.indexOf(label));
  const s = y.map((label, i) => (fit.sampleWeight?.[i] ?? 1) * (classWeight?.[String(label)] ?? 1));
  const score = (i: number, k: number): number => sum(rows[i]!.map((x, j) => x * (W[k * d + j] as number))) + (b[k] as number);
  const penaltyOf = (ks: number[]): number =>
    sum(ks.flatMap((k) => Array.from({ length: d }, (_, j) => l1 * Math.abs(W[k * d + j] as number) + 0.5 * l2 * (W[k * d + j] as number) ** 2)));
  const K = classes.length;
  if (fit.options.multiClass === 'multinomial') {
    const losses = rows.map((_, i) => {
      const z = Array.from({ length: K }, (_, k) => score(i, k));
      const top = Math.max(...z);
      return s[i]! * (top + Math.log(sum(z.map((v) => Math.exp(v - top)))) - z[code[i]!]!);
    });
    return [C * sum(losses) + penaltyOf(Array.from({ length: K }, (_, k) => k))];
  }
  const problems = K === 2 ? [1] : Array.from({ length: K }, (_, k) => k);
  return problems.map((positive, row) => {
    const losses = rows.map((_, i) => {
      const z = score(i, row);
      return s[i]! * softplus(code[i] === positive ? -z : z);
    });
    return C * sum(losses) + penaltyOf([row]);
  });
}

/**
 * ‖θ − θ*‖₁ per problem (weights and intercept of its row, or of every row for a softmax
 * model, whose intercepts are first shifted to mean zero as the reference's are).
 */
function distances(fit: Fit, model: LogisticRegression): number[] {
  const d = model.coef.cols;
  const K = model.coef.rows;
  const W = model.coef.data;
  const b = Array.from(model.intercept);
  const softmax = fit.options.multiClass === 'multinomial' && K > 1;
  if (softmax) {
    const mean = b.reduce((total, v) => total + v, 0) / K;
    for (let k = 0; k < K; k++) b[k] = b[k]! - mean;
  }
  const rowDistance = (k: number): number => {
    let total = Math.abs(b[k]! - fit.reference.intercept[k]!);
    for (let j = 0; j < d; j++) total += Math.abs(W[k * d + j]! - fit.reference.coef[k]![j]!);
    return total;
  };
  const rows = Array.from({ length: K }, (_, k) => rowDistance(k));
  return softmax ? [rows.reduce((total, v) => total + v, 0)] : rows;
}

/** What names a fit in the maps below: its first scikit-learn test and role. */
const label = (fit: Fit): string => `${fit.uses[0]!.test} — ${fit.uses[0]!.role}`;

/**
 * Fits that do not converge at the test's own tol and maxIter, with the gradNorm they
 * stop at. The balance property of test_common.py (an xfail in scikit-learn), sample
 * weights in [1, 10], tol 1e-15: below the rounding of this gradient. gradNorm is ~1e-12
 * after 6 iterations, then wanders between ~1e-15 and 4e-14 (rounding; the same problem
 * without weights converges in 4), and first reports ≤ 1e-15 after hundreds of iterations.
 */
const STALLS_AT_TEST_TOL = new Map([['linear_model/tests/test_common.py::test_balance_property[42-True-LogisticRegression] — elasticnet, xfail in scikit-learn (saga lacks importance sampling)', 1e-13]]);

/**
 * Fits that do not converge at scikit-learn's defaults, tol 1e-4 within maxIter 100 (their
 * tests use tol 1e-2, where they do), with the gradNorm they stop at. All are softmax
 * fits of LogisticRegressionCV folds at C = 1e4 (Cs = logspace(-4, 4, 3)), l1Ratio 0.5 or 1,
 * 80 or 160 rows: nearly separable, gradNorm falls to ~2e-4 within 25 iterations and then
 * crawls (the first three still above 1e-4 after 1,000 iterations; owlqn does no better).
 * Measured with the newton-cd of commit 9b00e2e: when the solver improves, these fail, on purpose.
 */
const cvFold = (test: string, fold: number, l1Ratio: string) =>
  `linear_model/tests/test_logistic.py::${test} — ${test.includes('no_refit') ? 'LogisticRegressionCV(refit=False)' : 'LogisticRegressionCV and GridSearchCV'}: fold ${fold} of 5 (StratifiedKFold(5)), C=10000.0, l1_ratio=${l1Ratio}`;
const STALLS_AT_DEFAULT_TOL = new Map([
  [cvFold('test_LogisticRegressionCV_GridSearchCV_elastic_net[multinomial]', 1, '0.5'), 3e-4],
  [cvFold('test_LogisticRegressionCV_GridSearchCV_elastic_net[multinomial]', 3, '0.5'), 3e-4],
  [cvFold('test_LogisticRegressionCV_GridSearchCV_elastic_net[multinomial]', 3, '1.0'), 3e-4],
  [cvFold('test_LogisticRegressionCV_no_refit[multinomial-elasticnet]', 1, '1.0'), 3e-4],
  [cvFold('test_LogisticRegressionCV_no_refit[multinomial-elasticnet]', 2, '1.0'), 3e-4],
  [cvFold('test_LogisticRegressionCV_no_refit[multinomial-elasticnet]', 4, '1.0'), 3e-4],
]);

/** The test's tol at or below which the objective must match the optimum's to 1e-6 relative. */
const TIGHT = 1e-3;

interface Outcome {
  model: LogisticRegression;
  warnings: string[];
  /** The last gradNorm reported for each problem. */
  lastGradNorm: number[];
  rows: number[][];
  y: number[];
}

const outcomes = new Map<string, Outcome>();

/** The fit with the default solver at `tol` and `maxIter`, made once and shared by the tests that read it. */
function refit(fit: Fit, tol = fit.options.tol, maxIter = fit.options.maxIter): Outcome {
  const key = `${fit.id} ${tol} ${maxIter}`;
  const done = outcomes.get(key);
  if (done !== undefined) return done;
  const { rows, y } = data(fit);
  const { C, penalty, l1Ratio, fitIntercept, multiClass, classWeight } = fit.options;
  const warnings: string[] = [];
  const lastGradNorm: number[] = [];
  const options: LogisticRegressionOptions = {
    C,
    penalty,
    l1Ratio,
    fitIntercept,
    multiClass,
    classWeight,
    tol,
    maxIter,
    onWarning: (message) => void warnings.push(message),
    onIteration: (info) => void (lastGradNorm[info.problem] = info.gradNorm),
  };
  const X = matrix(rows, fit.sparse);
  const model = new LogisticRegression(options).fit(X, y as Label[], { sampleWeight: fit.sampleWeight === null ? null : Float64Array.from(fit.sampleWeight) });
  X.dispose();
  const outcome = { model, warnings, lastGradNorm, rows, y };
  outcomes.set(key, outcome);
  return outcome;
}

/** The tests for one fit's convergence at `tol` and `maxIter`: it converges, or — a known case — it stops at maxIter with gradNorm ≤ the recorded level. */
function convergence(fit: Fit, tol: number, maxIter: number, known: Map<string, number>, what: string): void {
  const stall = known.get(label(fit));
  if (stall === undefined) {
    it(`converges within maxIter = ${maxIter} at tol = ${tol}, without a warning (${what})`, () => {
      const { model, warnings, lastGradNorm } = refit(fit, tol, maxIter);
      expect(warnings).toEqual([]);
      expect(model.converged).toBe(true);
      expect(model.nIter).toBeLessThanOrEqual(maxIter);
      // A problem already solved at the start (every weight 0 at C = l1_min_c) stops after 0 iterations, unreported.
      for (const [k, count] of model.nIterPerProblem.entries()) if (count > 0) expect(lastGradNorm[k]).toBeLessThanOrEqual(tol);
    });
  } else {
    it(`does NOT converge within maxIter = ${maxIter} at tol = ${tol}: it stops at maxIter with a warning, gradNorm ≤ ${stall} (known; ${what})`, () => {
      const { model, warnings, lastGradNorm } = refit(fit, tol, maxIter);
      expect(model.converged).toBe(false);
      expect(model.nIter).toBe(maxIter);
      expect(warnings).toEqual([expect.stringContaining(`reached maxIter = ${maxIter} before the gradient fell to tol = ${tol}`)]);
      expect(lastGradNorm[0]).toBeLessThanOrEqual(stall);
    });
  }
}

const byTest = new Map<string, Fit[]>();
for (const fit of fixture.fits) {
  const test = fit.uses[0]!.test;
  byTest.set(test, [...(byTest.get(test) ?? []), fit]);
}

describe("every l1 / elastic-net fit of scikit-learn 1.2.1's tests, with the default solver 'newton-cd'", () => {
  it('covers every fit the generator found, and names each known non-converging fit', () => {
    expect(fixture.fits.length).toBe(432);
    const labels = new Set(fixture.fits.map(label));
    for (const known of [...STALLS_AT_TEST_TOL.keys(), ...STALLS_AT_DEFAULT_TOL.keys()]) expect(labels).toContain(known);
    expect(new LogisticRegression({ penalty: 'l1' }).solver).toBe('newton-cd');
    expect(new LogisticRegression({ penalty: 'elasticnet', l1Ratio: 0.5 }).solver).toBe('newton-cd');
  });

  for (const [test, fits] of byTest) {
    describe(test, () => {
      for (const fit of fits) {
        const { tol, maxIter } = fit.options;
        const what = `${fit.id}: ${fit.uses[0]!.role}`;

        convergence(fit, tol, maxIter, STALLS_AT_TEST_TOL, what);

        it(`is within C·tol·‖θ − θ*‖₁ of the optimum's objective, the most a KKT residual ≤ tol allows, per problem (${what})`, () => {
          const { model, rows, y } = refit(fit);
          const ours = objectives(fit, rows, y, model.coef.data, model.intercept);
          const reference = objectives(fit, rows, y, fit.reference.coef.flat(), fit.reference.intercept);
          // The objective computed here at the reference is the generator's (the same F, to its rounding; see below).
          for (const [k, value] of reference.entries()) expect(Math.abs(value - fit.reference.objective[k]!)).toBeLessThanOrEqual(1e-9 * value);
          const distance = distances(fit, model);
          for (const [k, value] of ours.entries()) {
            const optimum = fit.reference.objective[k]!;
            // Convexity: F(θ) − F(θ*) ≤ ⟨s, θ − θ*⟩ ≤ C·‖s‖∞·‖θ − θ*‖₁ for s the minimal subgradient of F/C;
            // 1e-9 relative for the rounding of F itself, C·ε·Σ|x·w| (C = 1e4 on nearly separable folds).
            expect(value - optimum).toBeLessThanOrEqual(fit.options.C * tol * distance[k]! + 1e-9 * optimum);
          }
        });

        if (tol <= TIGHT) {
          it(`lands on the optimum's objective to 1e-6 relative, per problem (${what})`, () => {
            const { model, rows, y } = refit(fit);
            const ours = objectives(fit, rows, y, model.coef.data, model.intercept);
            for (const [k, value] of ours.entries()) expect(value).toBeLessThanOrEqual(fit.reference.objective[k]! * (1 + 1e-6));
          });
        }

        // The reading of the target: scikit-learn's default tol and maxIter, whatever the test asked for.
        convergence(fit, 1e-4, 100, STALLS_AT_DEFAULT_TOL, `${what}; scikit-learn's defaults`);
      }
    });
  }
});
