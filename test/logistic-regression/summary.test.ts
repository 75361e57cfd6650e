// LogisticRegression#summary(options): what it returns, ONE table of the inputs it (and the
// tests built on it: waldTest, likelihoodRatioTest) refuses with the exact error, the model
// after each refusal, and which fits a summary describes. The numbers themselves are checked
// against statsmodels and R in test/inference/statsmodels-fixtures.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COV_TYPES,
  formatSummary,
  likelihoodRatioTest,
  LogisticRegression,
  LogisticRegressionSummary,
  makeClassification,
  Matrix,
  NotFittedError,
  type SummaryJSON,
} from '../../src/index.js';
import { expectError } from '../assertions.js';
import { binary } from './helpers.js';

/** The MLE to rounding: what every summary here describes. */
const mle = { penalty: 'none', solver: 'newton', tol: 1e-10, maxIter: 500, onWarning: null } as const;

/** Every SummaryJSON field, in the spec's order. */
const FIELDS: (keyof SummaryJSON)[] = [
  'model',
  'method',
  'classes',
  'referenceClass',
  'nObs',
  'dfModel',
  'dfResid',
  'logLikelihood',
  'nullLogLikelihood',
  'llr',
  'llrPValue',
  'pseudoRSquared',
  'aic',
  'bic',
  'deviance',
  'nullDeviance',
  'converged',
  'nIter',
  'covType',
  'alpha',
  'nGroups',
  'equations',
  'covariance',
  'warnings',
];

interface Fixture {
  featureNames: string[];
  X: number[][];
  y: number[];
}

function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`../fixtures/inference/${name}.json`, import.meta.url), 'utf8')) as Fixture;
}

/** Built on first use and shared: each is only read (summaries never change a model). */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const data = binary();
/** 90×4, three classes with 10% of the labels flipped: no class separates from another, so the MLE exists. */
const data3 = makeClassification({ nSamples: 90, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, flipY: 0.1, classSep: 0.7, randomState: 1 });
/** 60×4 binary, penalty 'none'. */
const fitted = lazy(() => new LogisticRegression(mle).fit(data.X, data.y));
const models = {
  fitted,
  /** 90×4, three classes, multinomial, penalty 'none'. */
  multinomial: lazy(() => new LogisticRegression(mle).fit(data3.X, data3.y)),
  unfitted: lazy(() => new LogisticRegression(mle)),
  /** The defaults: penalty 'l2', C = 1. */
  penalised: lazy(() => new LogisticRegression({ onWarning: null }).fit(data.X, data.y)),
  /** Trained by partialFit (solver 'sgd'), never by fit. */
  streamed: lazy(() => new LogisticRegression({ solver: 'sgd', penalty: 'none', randomState: 0, onWarning: null }).partialFit(data.X, data.y, { classes: [0, 1] })),
  loaded: lazy(() => LogisticRegression.fromJSON(fitted().toJSON())),
  ovr: lazy(() => new LogisticRegression({ ...mle, multiClass: 'ovr' }).fit(data3.X, data3.y)),
};
type ModelName = keyof typeof models;

/** The first two features of the binary data: the restricted model of a likelihood-ratio test. */
const twoFeatures = lazy(() => new LogisticRegression(mle).fit(data.X.toArray().map((row) => row.slice(0, 2)), data.y));
/** Another draw of the binary problem: the same shape, other rows. */
const otherData = lazy(() => new LogisticRegression(mle).fit(binary(5).X, binary(5).y));

const OPTIONS = 'alpha, covType, groups, featureNames';
const S = 'LogisticRegression.summary';
const W = 'LogisticRegressionSummary.waldTest';
const LR = 'likelihoodRatioTest';
const ones = (n: number): number[] => new Array<number>(n).fill(1);

/** What `run` throws (and a failure when it returns). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw; the call returned');
}

describe('LogisticRegression#summary()', () => {
  it('returns a LogisticRegressionSummary', () => {
    expect(models.fitted().summary()).toBeInstanceOf(LogisticRegressionSummary);
  });

  it('gives toJSON() every SummaryJSON field and no other', () => {
    expect(Object.keys(models.fitted().summary().toJSON())).toEqual(FIELDS);
  });

  it('gives the same values as fields of the summary and in toJSON()', () => {
    const summary = models.fitted().summary();
    const json = summary.toJSON();
    for (const field of FIELDS) expect(summary[field], field).toEqual(json[field]);
  });

  it("prints statsmodels' table as String(summary), the table formatSummary makes of toJSON()", () => {
    const summary = models.fitted().summary();
    const table = String(summary);
    expect(table).toBe(formatSummary(summary.toJSON()));
    expect(table).toContain('Logit Regression Results');
    expect(table).toContain('Covariance Type:            nonrobust');
  });

  it('writes the toJSON() object with JSON.stringify', () => {
    const summary = models.fitted().summary();
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary.toJSON());
  });

  it('gives toJSON() copies that the caller may change without changing the summary', () => {
    const summary = models.fitted().summary();
    const json = summary.toJSON();
    (json.equations[0]?.coefficients[0] as { estimate: number }).estimate = 99;
    (json.covariance[0] as number[])[0] = 99;
    json.warnings.push('changed');
    expect(summary.equations[0]?.coefficients[0]?.estimate).not.toBe(99);
    expect(summary.covariance[0]?.[0]).not.toBe(99);
    expect(summary.warnings).toEqual([]);
  });

  it("describes a binary model as Logit by maximum likelihood, one equation for classes[1] against classes[0]", () => {
    const summary = models.fitted().summary();
    expect([summary.model, summary.method, summary.classes, summary.referenceClass]).toEqual(['Logit', 'MLE', [0, 1], 0]);
    expect(summary.equations.map((eq) => eq.label)).toEqual([1]);
  });

  it("names the parameters const first, then x1 … xd, and follows the table's order in covariance", () => {
    const summary = models.fitted().summary();
    expect(summary.equations[0]?.coefficients.map((row) => row.name)).toEqual(['const', 'x1', 'x2', 'x3', 'x4']);
    expect(summary.covariance).toHaveLength(5);
    summary.equations[0]?.coefficients.forEach((row, i) => expect(row.stdErr).toBe(Math.sqrt(summary.covariance[i]?.[i] as number)));
  });

  it('gives the const row the fitted intercept and the feature rows the fitted coefficients', () => {
    const model = models.fitted();
    const rows = model.summary().equations[0]?.coefficients ?? [];
    expect(rows.map((row) => row.estimate)).toEqual([model.intercept[0], ...model.coef.data]);
  });

  it('describes a three-class model as MNLogit, one equation per class after the reference, equation-major', () => {
    const summary = models.multinomial().summary();
    expect([summary.model, summary.referenceClass]).toEqual(['MNLogit', 0]);
    expect(summary.equations.map((eq) => eq.label)).toEqual([1, 2]);
    expect(summary.covariance).toHaveLength(10);
    expect([summary.dfModel, summary.dfResid]).toEqual([8, 80]);
  });

  it('counts degrees of freedom and information criteria as statsmodels does (k parameters)', () => {
    const summary = models.fitted().summary();
    const k = 5;
    expect([summary.nObs, summary.dfModel, summary.dfResid]).toEqual([60, 4, 55]);
    expect(summary.aic).toBe(-2 * summary.logLikelihood + 2 * k);
    expect(summary.bic).toBe(-2 * summary.logLikelihood + Math.log(60) * k);
    expect(summary.llr).toBe(2 * (summary.logLikelihood - summary.nullLogLikelihood));
    expect(summary.deviance).toBe(-2 * summary.logLikelihood);
  });

  it("defaults to alpha 0.05, covType 'nonrobust' and no groups", () => {
    const summary = models.fitted().summary();
    expect([summary.alpha, summary.covType, summary.nGroups]).toEqual([0.05, 'nonrobust', null]);
  });
});

describe('LogisticRegression#summary(options)', () => {
  it('gives intervals at level 1 − alpha: estimate ∓ z_{1−α/2}·stdErr, and their exponentials as odds ratios', () => {
    const row = models.fitted().summary({ alpha: 0.1 }).equations[0]?.coefficients[1];
    if (row === undefined) throw new Error('no row');
    const z = 1.6448536269514722; // scipy.stats.norm.ppf(0.95)
    expect(Math.abs(row.estimate - z * row.stdErr - row.ciLower)).toBeLessThan(1e-14);
    expect(Math.abs(row.estimate + z * row.stdErr - row.ciUpper)).toBeLessThan(1e-14);
    expect([row.oddsRatio, row.oddsRatioLower, row.oddsRatioUpper]).toEqual([Math.exp(row.estimate), Math.exp(row.ciLower), Math.exp(row.ciUpper)]);
  });

  it('names the features by featureNames in the rows and the table', () => {
    const summary = models.fitted().summary({ featureNames: ['age', 'dose', 'weight', 'sex'] });
    expect(summary.equations[0]?.coefficients.map((row) => row.name)).toEqual(['const', 'age', 'dose', 'weight', 'sex']);
    expect(summary.featureNames).toEqual(['age', 'dose', 'weight', 'sex']);
    expect(String(summary)).toMatch(/^dose\s/m);
  });

  it.each(COV_TYPES.filter((c) => c !== 'cluster'))("gives covType '%s' and keeps the estimates", (covType) => {
    const model = models.fitted();
    const summary = model.summary({ covType });
    expect(summary.covType).toBe(covType);
    expect(summary.equations[0]?.coefficients.map((row) => row.estimate)).toEqual(model.summary().equations[0]?.coefficients.map((row) => row.estimate));
  });

  it("counts the clusters of covType 'cluster' in nGroups", () => {
    const summary = models.fitted().summary({ covType: 'cluster', groups: Array.from({ length: 60 }, (_, i) => i % 6) });
    expect([summary.covType, summary.nGroups]).toEqual(['cluster', 6]);
  });
});

describe('LogisticRegression#summary(options), waldTest and likelihoodRatioTest reject', () => {
  // [what, the model, the call, error class, exact message]
  const cases: [string, ModelName, (model: LogisticRegression) => unknown, ErrorConstructor, string][] = [
    ['summary() before fit', 'unfitted', (m) => m.summary(), NotFittedError as ErrorConstructor, 'summary: this LogisticRegression is not fitted yet; call fit(X, y) first'],
    [
      'a penalised model (the default l2, C = 1)',
      'penalised',
      (m) => m.summary(),
      RangeError,
      `${S}: the model was fitted with penalty 'l2' at C = 1: a penalised estimate is biased towards 0 and has no maximum-likelihood standard errors; for inference fit with penalty 'none' (or C: Infinity), e.g. new LogisticRegression({ ...model.getParams(), penalty: 'none' }).fit(X, y)`,
    ],
    ["a model trained by partialFit (solver 'sgd')", 'streamed', (m) => m.summary(), RangeError, `${S}: the summary needs the data of a fit, and this model was trained by partialFit or loaded rather than fitted; call fit(X, y) first`],
    ['a model from fromJSON', 'loaded', (m) => m.summary(), RangeError, `${S}: the summary needs the data of a fit, and this model was loaded rather than fitted; call fit(X, y) first`],
    [
      'a one-vs-rest model of three classes',
      'ovr',
      (m) => m.summary(),
      RangeError,
      `${S}: a one-vs-rest model of 3 classes is 3 separate binary fits, not one likelihood; fit with multiClass 'multinomial' for statsmodels' MNLogit summary`,
    ],
    ['alpha 0', 'fitted', (m) => m.summary({ alpha: 0 }), RangeError, `${S}: alpha must be in (0, 1), got 0`],
    ['alpha 1', 'fitted', (m) => m.summary({ alpha: 1 }), RangeError, `${S}: alpha must be in (0, 1), got 1`],
    ['alpha NaN', 'fitted', (m) => m.summary({ alpha: NaN }), RangeError, `${S}: alpha must be in (0, 1), got NaN`],
    ["alpha '0.05' (a string)", 'fitted', (m) => m.summary({ alpha: '0.05' as never }), TypeError, `${S}: alpha must be a number in (0, 1), got a string`],
    ['featureNames of the wrong length', 'fitted', (m) => m.summary({ featureNames: ['a', 'b', 'c'] }), RangeError, `${S}: featureNames has 3 names; the model has 4 features`],
    ['featureNames that are not strings', 'fitted', (m) => m.summary({ featureNames: ['a', 'b', 3, 'd'] as never }), TypeError, `${S}: featureNames[2] must be a string, got a number`],
    ['featureNames that is not an array', 'fitted', (m) => m.summary({ featureNames: 'abcd' as never }), TypeError, `${S}: featureNames must be an array of strings, got a string`],
    ['groups of the wrong length', 'fitted', (m) => m.summary({ covType: 'cluster', groups: [1, 2, 1, 2] }), RangeError, `${S}: groups has 4 labels; the training data has 60 rows`],
    ['groups with one group', 'fitted', (m) => m.summary({ covType: 'cluster', groups: ones(60) }), RangeError, `${S}: groups has 1 cluster; the cluster-robust covariance needs at least two`],
    ["groups with covType 'nonrobust' (the default)", 'fitted', (m) => m.summary({ groups: ones(60) }), RangeError, `${S}: groups is only used with covType 'cluster'; covType is 'nonrobust'`],
    ["groups with covType 'HC1'", 'fitted', (m) => m.summary({ covType: 'HC1', groups: ones(60) }), RangeError, `${S}: groups is only used with covType 'cluster'; covType is 'HC1'`],
    ["covType 'cluster' without groups", 'fitted', (m) => m.summary({ covType: 'cluster' }), RangeError, `${S}: covType 'cluster' needs groups, one cluster label per training row`],
    ['groups that is not an array', 'fitted', (m) => m.summary({ covType: 'cluster', groups: 6 as never }), TypeError, `${S}: groups must be an array of numbers or strings, got a number`],
    ['a group label that is neither a number nor a string', 'fitted', (m) => m.summary({ covType: 'cluster', groups: [...ones(59), true] as never }), TypeError, `${S}: groups[59] must be a finite number or a string, got a boolean`],
    ["covType 'HC2' on three classes", 'multinomial', (m) => m.summary({ covType: 'HC2' }), RangeError, `${S}: covType 'HC2' needs one leverage per row, which a model of 3 classes does not have; use 'HC0', 'HC1' or 'cluster'`],
    ["covType 'HC3' on three classes", 'multinomial', (m) => m.summary({ covType: 'HC3' }), RangeError, `${S}: covType 'HC3' needs one leverage per row, which a model of 3 classes does not have; use 'HC0', 'HC1' or 'cluster'`],
    ["statsmodels' snake_case option name cov_type", 'fitted', (m) => m.summary({ cov_type: 'HC0' } as never), TypeError, `${S}: unknown option 'cov_type'; did you mean 'covType'? (known options: ${OPTIONS})`],
    ["the snake_case option name feature_names", 'fitted', (m) => m.summary({ feature_names: ['a'] } as never), TypeError, `${S}: unknown option 'feature_names'; did you mean 'featureNames'? (known options: ${OPTIONS})`],
    ['an unknown option', 'fitted', (m) => m.summary({ level: 0.9 } as never), TypeError, `${S}: unknown option 'level' (known options: ${OPTIONS})`],
    ['options that are not an object', 'fitted', (m) => m.summary(0.05 as never), TypeError, `${S}: options must be an object, got a number`],
    ['a covType not in the list', 'fitted', (m) => m.summary({ covType: 'HC4' as never }), RangeError, `${S}: covType must be one of 'nonrobust', 'HC0', 'HC1', 'HC2', 'HC3', 'cluster', got 'HC4'`],
    ["covType in statsmodels' lower case", 'fitted', (m) => m.summary({ covType: 'hc0' as never }), RangeError, `${S}: covType must be one of 'nonrobust', 'HC0', 'HC1', 'HC2', 'HC3', 'cluster', got 'hc0'`],
    ['waldTest with R of the wrong width', 'fitted', (m) => m.summary().waldTest([[0, 1, 0]]), RangeError, `${W}: R[0] has 3 values; the model has 5 parameters`],
    ['waldTest with an unknown name', 'fitted', (m) => m.summary().waldTest(['x1', 'age']), RangeError, `${W}: R names 'age', which is not a parameter (parameters: const, x1, x2, x3, x4)`],
    ['waldTest with q of the wrong length', 'fitted', (m) => m.summary().waldTest(['x1', 'x2'], [0]), RangeError, `${W}: q has 1 value; R has 2 restrictions`],
    ['waldTest with a NaN in R', 'fitted', (m) => m.summary().waldTest([[0, NaN, 0, 0, 0]]), RangeError, `${W}: R[0][1] must be a finite number, got a number`],
    ['waldTest with Infinity in q', 'fitted', (m) => m.summary().waldTest(['x1'], [Infinity]), RangeError, `${W}: q[0] must be a finite number, got a number`],
    [
      'waldTest with linearly dependent rows',
      'fitted',
      (m) => m.summary().waldTest([[0, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 1, 1, 0, 0]]),
      RangeError,
      `${W}: the restrictions in R are linearly dependent (R·V·Rᵀ is singular); drop the redundant rows`,
    ],
    ['waldTest with no restrictions', 'fitted', (m) => m.summary().waldTest([]), RangeError, `${W}: R has no restrictions`],
    ['waldTest with R that is not an array', 'fitted', (m) => m.summary().waldTest('x1' as never), TypeError, `${W}: R must be an array of rows of numbers or of parameter names, got a string`],
    ['waldTest with names and numbers mixed in R', 'fitted', (m) => m.summary().waldTest(['x1', 0] as never), TypeError, `${W}: R[0] must be an array of numbers, got a string`],
    [
      'likelihoodRatioTest of models fitted on different data',
      'fitted',
      (m) => likelihoodRatioTest(twoFeatures(), otherData().summary()),
      RangeError,
      `${LR}: the models are not nested: they were fitted to different observations (nObs 60 and 60, or different labels or weights)`,
    ],
    [
      'likelihoodRatioTest whose restricted model has a feature the full one lacks',
      'fitted',
      (m) => likelihoodRatioTest(twoFeatures().summary({ featureNames: ['x1', 'age'] }), m.summary()),
      RangeError,
      `${LR}: the models are not nested: restricted has the feature 'age', which full does not (features are matched by name)`,
    ],
    [
      'likelihoodRatioTest whose restricted feature holds other values than the full one of that name',
      'fitted',
      (m) => likelihoodRatioTest(twoFeatures().summary({ featureNames: ['x1', 'x3'] }), m.summary()),
      RangeError,
      `${LR}: the models are not nested: the feature 'x3' holds different values in the two models`,
    ],
    ['likelihoodRatioTest of models of equal size', 'fitted', (m) => likelihoodRatioTest(m.summary(), m), RangeError, `${LR}: the models are not nested: restricted has no fewer parameters than full`],
    [
      'likelihoodRatioTest with the models the wrong way round',
      'fitted',
      (m) => likelihoodRatioTest(m, twoFeatures()),
      RangeError,
      `${LR}: the models are not nested: restricted has the feature 'x3', which full does not (features are matched by name)`,
    ],
    [
      'likelihoodRatioTest whose restricted model has an intercept and the full one not',
      'fitted',
      (m) => likelihoodRatioTest(twoFeatures(), new LogisticRegression({ ...mle, fitIntercept: false }).fit(data.X, data.y)),
      RangeError,
      `${LR}: the models are not nested: restricted has an intercept and full does not`,
    ],
    ['likelihoodRatioTest of models with different classes', 'fitted', (m) => likelihoodRatioTest(m, models.multinomial()), RangeError, `${LR}: the models are not nested: they were fitted to different classes`],
    ['likelihoodRatioTest with a restricted that is a plain object', 'fitted', (m) => likelihoodRatioTest({} as never, m), TypeError, `${LR}: restricted must be a LogisticRegressionSummary or a fitted LogisticRegression, got an object (Object)`],
    ['likelihoodRatioTest with a full that is a number', 'fitted', (m) => likelihoodRatioTest(m, 5 as never), TypeError, `${LR}: full must be a LogisticRegressionSummary or a fitted LogisticRegression, got a number`],
    ['likelihoodRatioTest with the toJSON() of a summary', 'fitted', (m) => likelihoodRatioTest(twoFeatures().summary().toJSON() as never, m), TypeError, `${LR}: restricted must be a LogisticRegressionSummary or a fitted LogisticRegression, got an object (Object)`],
  ];

  for (const [what, name, call, kind, message] of cases) {
    it(`rejects ${what} with a ${kind.name}, and the model still predicts${name === 'fitted' || name === 'multinomial' ? ' and summarises' : ''} as before`, () => {
      const model = models[name]();
      const X = name === 'multinomial' || name === 'ovr' ? data3.X : data.X;
      const before = model.isFitted ? Array.from(model.predictProba(X).data) : null;
      const summaryBefore = name === 'fitted' || name === 'multinomial' ? JSON.stringify(model.summary()) : null;
      const error = thrown(() => call(model));
      expect(error).toBeInstanceOf(kind);
      expect((error as Error).message).toBe(message);
      if (before !== null) expect(Array.from(model.predictProba(X).data)).toEqual(before);
      if (summaryBefore !== null) expect(JSON.stringify(model.summary())).toBe(summaryBefore);
    });
  }

  it('leaves a summary usable after each refused waldTest', () => {
    const summary = models.fitted().summary();
    const before = summary.waldTest(['x1', 'x2']);
    expect(() => summary.waldTest([[0, 1, 0]])).toThrow(RangeError);
    expect(() => summary.waldTest(['age'])).toThrow(RangeError);
    expect(() => summary.waldTest([[0, 1, 0, 0, 0], [0, 2, 0, 0, 0]])).toThrow(RangeError);
    expect(summary.waldTest(['x1', 'x2'])).toEqual(before);
    expect(summary.marginalEffects().effects).toHaveLength(4);
  });
});

describe('LogisticRegression#summary() describes the fits', () => {
  it("gives a model fitted with C: Infinity (penalty 'l2') the same summary as penalty 'none'", () => {
    const infinite = new LogisticRegression({ ...mle, penalty: 'l2', C: Infinity }).fit(data.X, data.y);
    expect(infinite.summary().toJSON()).toEqual(models.fitted().summary().toJSON());
  });

  it('describes the data of the last fit after a re-fit on other rows', () => {
    const model = new LogisticRegression(mle).fit(data.X, data.y);
    model.fit(data.X.toArray().slice(0, 40), Array.from(data.y).slice(0, 40));
    expect(model.summary().nObs).toBe(40);
  });

  it('keeps the data of the previous fit when a re-fit is refused', () => {
    const model = new LogisticRegression(mle).fit(data.X, data.y);
    const before = model.summary().toJSON();
    expect(() => model.fit([[1, 2, 3, 4], [5, 6, 7, 8]], [1, 1])).toThrow(RangeError);
    expect(model.summary().toJSON()).toEqual(before);
  });

  it("drops the kept data when partialFit continues a fit (solver 'sgd'), and a new fit restores it", () => {
    const model = new LogisticRegression({ solver: 'sgd', penalty: 'none', randomState: 0, maxIter: 20, onWarning: null }).fit(data.X, data.y);
    expect(model.summary().nObs).toBe(60);
    model.partialFit(data.X, data.y);
    expectError(() => model.summary(), RangeError, `${S}: the summary needs the data of a fit, and this model was trained by partialFit or loaded rather than fitted; call fit(X, y) first`);
    model.fit(data.X, data.y);
    expect(model.summary().nObs).toBe(60);
  });

  it('throws NotFittedError after dispose()', () => {
    const model = new LogisticRegression(mle).fit(data.X, data.y);
    model.dispose();
    expect(() => model.summary()).toThrow(NotFittedError);
  });
});

describe('LogisticRegression#summary() on data without a maximum-likelihood estimate', () => {
  it('throws a RangeError on completely separated classes, naming the separating feature', () => {
    const f = fixture('separated');
    const model = new LogisticRegression(mle).fit(f.X, f.y);
    expect(() => model.summary({ featureNames: f.featureNames })).toThrow(RangeError);
    expect(() => model.summary({ featureNames: f.featureNames })).toThrow(/^LogisticRegression\.summary: the classes are completely separated \(x1 separates the classes on its own: x1 ≥ [^)]* in every row of class 1, ≤ [^)]* in every other row\)/);
  });

  it('warns of quasi-complete separation in warnings and in a note under the table, naming the feature', () => {
    const f = fixture('quasi-separated');
    const summary = new LogisticRegression(mle).fit(f.X, f.y).summary({ featureNames: f.featureNames });
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toMatch(/^Possible quasi-complete separation: a fraction 0\.90 of the observations are predicted within 0\.0001 of their label/);
    expect(summary.warnings[0]).toContain('x1 separates the classes on its own: x1 ≥ 0 in every row of class 1, ≤ 0 in every other row');
    expect(String(summary)).toMatch(/\nNotes:\n\[1\] Possible quasi-complete separation/);
  });

  it('throws a RangeError on exactly collinear columns, naming x3 as x1 + x2', () => {
    const f = fixture('collinear');
    const model = new LogisticRegression({ ...mle, maxIter: 100 }).fit(f.X, f.y);
    expectError(
      () => model.summary({ featureNames: f.featureNames }),
      RangeError,
      `${S}: the information matrix is singular: x3 is a linear combination of the others (x3 ≈ 1·x1 + 1·x2); drop it or one of those columns`,
    );
  });
});

describe('LogisticRegression#summary() and the training X', () => {
  it('reads a Matrix.from X after its dispose(), a no-op for a matrix in JS memory', () => {
    const X = Matrix.from(Float64Array.from(data.X.data), 60, 4);
    const model = new LogisticRegression(mle).fit(X, data.y);
    X.dispose();
    expect(model.summary().toJSON()).toEqual(models.fitted().summary().toJSON());
  });

  it('throws an Error saying so when the training X (Matrix.alloc) was disposed, and still predicts', () => {
    const X = Matrix.alloc(60, 4);
    X.data.set(data.X.data);
    const model = new LogisticRegression(mle).fit(X, data.y);
    const summary = model.summary();
    X.dispose();
    const message = `${S}: the training X was disposed after fit, so it cannot be read; fit again (or keep X until the summary is done)`;
    expectError(() => model.summary(), Error, message);
    expect(() => summary.marginalEffects()).toThrow(/the training X was disposed after fit/);
    expect(model.predict(data.X)).toHaveLength(60);
    expect(summary.waldTest(['x1']).df).toBe(1);
  });
});

describe('LogisticRegression#summary() with threads', () => {
  it('gives a bit-identical covariance on 1 and 2 threads (30,000 rows: several chunks)', () => {
    const big = makeClassification({ nSamples: 30_000, nFeatures: 5, nInformative: 3, nRedundant: 0, randomState: 3 });
    const two = new LogisticRegression({ ...mle, threads: 2 }).fit(big.X, big.y);
    const one = new LogisticRegression({ ...mle, threads: 1 }).fit(big.X, big.y);
    // The fit is itself thread-independent, so both summaries start from the same estimate.
    expect(Array.from(one.coef.data)).toEqual(Array.from(two.coef.data));
    for (const covType of ['nonrobust', 'HC0'] as const) {
      expect(one.summary({ covType }).covariance).toEqual(two.summary({ covType }).covariance);
    }
  });
});
