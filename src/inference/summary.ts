/**
 * `LogisticRegression#summary`: the statistical summary of a model fitted by maximum
 * likelihood, with the numbers of statsmodels' `Logit`/`MNLogit` (and R's
 * `summary(glm(..., binomial))`), and the tests built on it: Wald tests of linear
 * restrictions, the likelihood-ratio test of nested models and average marginal effects.
 *
 * Everything is computed from the fitted parameters and the training data: the linear
 * predictors, the information matrix (and the sandwich's meat) in the core
 * (src/core/information.ts), the covariance in `covariance.ts`, the distributions in
 * `distributions.ts`.
 * @module
 */
import { groupSums, type PassRun } from '../core/information.js';
import { type FeatureMatrix, release, stageAs, stagedDenseValues, type StagedMatrix } from '../core/stage.js';
import { type Dtype, Matrix } from '../matrix.js';
import { formatLabel, type Label } from '../validate/labels.js';
import { threadsFor } from '../estimator/train.js';
import { describeKind } from '../validate/describe.js';
import { checkChoice, checkOptionNames } from '../validate/options.js';
import { type Covariance, covarianceOf, encodeGroups } from './covariance.js';
import { chiSquareSf, normalQuantile, normalTwoSidedP } from './distributions.js';
import { type Equations, equationsOf, type InferenceData } from './equations.js';
import type { LinearDependency } from './linalg.js';
import { multiply, symmetricSolve } from './linalg.js';
import { marginalEffectsOf, type MarginalEffects } from './marginal-effects.js';
import { COV_TYPES, type CoefficientRow, type CovType, type SummaryEquation, type SummaryJSON } from './summary-json.js';
import { formatSummary } from './summary-table.js';

/** Options of `LogisticRegression#summary`. */
export interface SummaryOptions {
  /**
   * The level of the confidence intervals is 1 − alpha: a number in (0, 1).
   * @default 0.05
   */
  alpha?: number;
  /**
   * The covariance estimator behind the standard errors; see {@link CovType}.
   * @default 'nonrobust'
   */
  covType?: CovType;
  /**
   * One cluster label (a number or a string) per training row, for covType `'cluster'`
   * (and only then); at least two distinct clusters.
   * @default null
   */
  groups?: ArrayLike<number | string> | null;
  /**
   * The features' names, one per column of X, in the table and the JSON.
   * @default ['x1', …, 'xd']
   */
  featureNames?: readonly string[] | null;
}

/** The training data a summary reads, as the fit received it. */
export interface SummarySource {
  readonly X: FeatureMatrix;
  /** The dtype the fit staged X with. */
  readonly dtype: Dtype;
  /** The rows the fit read (X is kept by reference: a change of shape since is refused). */
  readonly rows: number;
  /** Each row's class index in the model's classes. */
  readonly target: Int32Array;
  /** Frequency weights per row (sample weights × class weights), or null for ones. */
  readonly weights: Float64Array | null;
  readonly fitIntercept: boolean;
}

/** What the summary needs of the fitted model. */
export interface SummaryModel {
  /** statsmodels' parameters β (E × p, the core's order), see equations.ts. */
  readonly beta: Float64Array;
  readonly classes: readonly Label[];
  readonly nFeatures: number;
  readonly converged: boolean;
  readonly nIter: number;
  /** Threads for the information pass (the estimator's option, resolved against X as fit resolves it), and where its notices go. */
  readonly threads: number | 'auto';
  readonly warn: (message: string) => void;
}

/** The result of {@link LogisticRegressionSummary.waldTest} and {@link likelihoodRatioTest}. */
export interface TestResult {
  /** The χ² statistic. */
  readonly statistic: number;
  /** Its degrees of freedom. */
  readonly df: number;
  /** P(χ²_df > statistic). */
  readonly pValue: number;
}

/** Where a rows of parameters fall in the summary's order (const first) from the core's (const last). */
function specIndex(p: number, fitIntercept: boolean): (k: number) => number {
  return (k) => (fitIntercept ? (k === p - 1 ? 0 : k + 1) : k);
}

/** A fraction of the observations predicted within this of their label signals separation (statsmodels' rule). */
const PREDICTED_CLOSE = 1e-4;
/** The share of such observations above which the summary warns of quasi-separation (statsmodels' rule). */
const QUASI_SEPARATION_SHARE = 0.1;
/**
 * Parameters a summary accepts at most, to refuse at once what would run for minutes (text
 * features): the information matrix is p × p (in the core's chunk slots too) and its
 * inverse O(p³) in JavaScript (measured: 0.8 s at p = 1,000, 5.9 s at 2,048; a robust
 * covariance's sandwich takes two more such products).
 */
export const MAX_PARAMETERS = 2048;
/** A leverage above this makes HC2 and HC3 unstable (their terms are divided by 1 − h or its square). */
const HIGH_LEVERAGE = 0.99;
/** A Newton step left of more than this many standard errors means the fit stopped short of the MLE. */
const NEWTON_STEP_WARNING = 1e-3;

/**
 * The summary of a model fitted by maximum likelihood. Its fields are the
 * {@link SummaryJSON} fields; `toString()` prints statsmodels' table and `toJSON()` the
 * plain object.
 */
/** Every {@link SummaryJSON} field is a (read-only) field of the summary. */
export interface LogisticRegressionSummary extends Readonly<SummaryJSON> {}

export class LogisticRegressionSummary {
  /** The feature names, in column order. */
  readonly featureNames: readonly string[];
  readonly #fields: SummaryJSON;
  readonly #estimates: Float64Array;
  readonly #covariance: Float64Array;
  readonly #names: readonly string[];
  readonly #source: SummarySource;
  readonly #model: SummaryModel;
  readonly #fingerprint: Fingerprint;

  /** @internal Built by `LogisticRegression#summary`. */
  constructor(fields: SummaryJSON, featureNames: readonly string[], internals: { estimates: Float64Array; covariance: Float64Array; source: SummarySource; model: SummaryModel; fingerprint: Fingerprint }) {
    // The printed table, the JSON and the tests all read these: they are the summary's facts, frozen.
    this.#fields = deepFreeze(fields);
    Object.assign(this, this.#fields);
    this.featureNames = Object.freeze([...featureNames]);
    this.#estimates = internals.estimates;
    this.#covariance = internals.covariance;
    this.#names = fields.equations.flatMap((eq) => eq.coefficients.map((row) => row.name));
    this.#source = internals.source;
    this.#model = internals.model;
    this.#fingerprint = internals.fingerprint;
    Object.freeze(this);
  }

  /** The plain-object form (what `JSON.stringify` writes): a copy. */
  toJSON(): SummaryJSON {
    return structuredClone(this.#fields);
  }

  /** The table, laid out as statsmodels prints `Logit(...).fit().summary()`; see `formatSummary`. */
  toString(): string {
    return formatSummary(this.toJSON());
  }

  /**
   * The Wald test of the linear restrictions R·β = q on the parameters, in the order of
   * the table (`const` first; equation by equation for MNLogit), with this summary's
   * covariance: statistic (Rβ − q)ᵀ(R·V·Rᵀ)⁻¹(Rβ − q), χ² with one degree of freedom per
   * restriction (statsmodels `wald_test(R, q, use_f=False)`).
   * @param R - the restrictions: rows of as many numbers as parameters (one row may be
   * given as a plain array), or parameter names, each meaning "this parameter is 0" (a
   * name stands for that parameter in every equation).
   * @param q - the right-hand side, one number per restriction. @default zeros
   * @throws TypeError for R or q of the wrong kind; RangeError for a row of the wrong
   * length, a non-finite entry, an unknown name, q of the wrong length, or restrictions
   * that are linearly dependent (R·V·Rᵀ singular).
   * @example
   * ```ts
   * summary.waldTest(['x1', 'x2']);            // are x1 and x2 both without effect?
   * summary.waldTest([[0, 1, -1, 0]]);         // is β₁ = β₂?
   * ```
   */
  waldTest(R: readonly (readonly number[])[] | readonly number[] | readonly string[], q?: readonly number[]): TestResult {
    const where = 'LogisticRegressionSummary.waldTest';
    const size = this.#estimates.length;
    const rows = restrictionRows(where, R, size, this.#names);
    const r = rows.length;
    let rhs: Float64Array;
    if (q === undefined) rhs = new Float64Array(r);
    else {
      if (!Array.isArray(q)) throw new TypeError(`${where}: q must be an array of numbers, got ${describeKind(q)}`);
      if (q.length !== r) throw new RangeError(`${where}: q has ${count(q.length, 'value')}; R has ${count(r, 'restriction')}`);
      rhs = Float64Array.from(q, (v, i) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${where}: q[${i}] must be a finite number, got ${describeKind(v)}`);
        return v;
      });
    }
    const restrictions = new Float64Array(r * size);
    rows.forEach((row, i) => restrictions.set(row, i * size));
    // Rβ − q and R·V·Rᵀ.
    const residual = multiply(restrictions, r, size, this.#estimates, 1).map((v, i) => v - (rhs[i] as number));
    const middle = multiply(multiply(restrictions, r, size, this.#covariance, size), r, size, restrictions, r, true);
    const solved = symmetricSolve(middle, r, residual, 1);
    if (solved === null) throw new RangeError(`${where}: the restrictions in R are linearly dependent (R·V·Rᵀ is singular); drop the redundant rows`);
    let statistic = 0;
    for (let i = 0; i < r; i++) statistic += (residual[i] as number) * (solved[i] as number);
    return { statistic, df: r, pValue: chiSquareSf(statistic, r) };
  }

  /**
   * Average marginal effects: for each feature, the mean over the observations of the
   * derivative of the predicted probability with respect to it (of the positive class
   * for Logit; of every class for MNLogit), with delta-method standard errors from this
   * summary's covariance — statsmodels `get_margeff(at='overall', method='dydx')`.
   * Reads the training data again (one pass in the core per weighted column sum).
   * @param options - `alpha` for the intervals. @default this summary's alpha
   * @throws RangeError for alpha outside (0, 1); Error when the training X was disposed.
   * @example
   * ```ts
   * const me = summary.marginalEffects();
   * me.effects[0]; // { name: 'x1', label: 1, effect: 0.131, stdErr: 0.031, … }
   * ```
   */
  marginalEffects(options: { alpha?: number } = {}): MarginalEffects {
    const where = 'LogisticRegressionSummary.marginalEffects';
    checkOptionNames(where, options, ['alpha']);
    const alpha = readAlpha(where, options.alpha ?? this.alpha);
    return withData(where, this.#source, this.#model.nFeatures, (data) => {
      const eq = equationsOf(this.#model.beta, this.classes.length, data);
      return marginalEffectsOf(eq, data, coreCovariance(this.#covariance, eq.E, eq.p, data.fitIntercept), {
        alpha,
        classes: this.classes,
        featureNames: this.featureNames,
        run: passRun(where, this.#model, data),
      });
    });
  }

  /** @internal What {@link likelihoodRatioTest} compares. */
  get fingerprint(): Fingerprint {
    return this.#fingerprint;
  }
}

/** Freezes an object and everything below it. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** What identifies a summary's data, for {@link likelihoodRatioTest}'s nesting checks. */
export interface Fingerprint {
  /** A hash of the targets and weights. */
  readonly target: number;
  /** Per feature (by name), Σᵢ uᵢxᵢⱼ for fixed pseudo-random uᵢ: equal columns give equal sums. */
  readonly columns: ReadonlyMap<string, number>;
  readonly fitIntercept: boolean;
}

/**
 * The likelihood-ratio test of a restricted model against a fuller one fitted on the same
 * data: statistic 2·(ℓ_full − ℓ_restricted), χ² with the difference in parameters as its
 * degrees of freedom (R `anova(restricted, full, test = 'Chisq')`).
 * @param restricted - the summary of the smaller model (or the model, whose `summary()` is taken).
 * @param full - the summary of the larger model (or the model).
 * @throws TypeError when an argument is neither a summary nor a model; RangeError when the
 * models are not nested: different data (observations, labels or weights), a feature of
 * the restricted model missing from the full one (by name and values), an intercept only
 * in the restricted model, or no fewer parameters in the restricted model.
 * @example
 * ```ts
 * const small = new LogisticRegression({ penalty: 'none' }).fit(X.map((r) => [r[0]]), y);
 * const big = new LogisticRegression({ penalty: 'none' }).fit(X, y);
 * likelihoodRatioTest(small.summary({ featureNames: ['age'] }), big.summary({ featureNames: ['age', 'dose'] }));
 * ```
 */
export function likelihoodRatioTest(restricted: LogisticRegressionSummary | { summary(): LogisticRegressionSummary }, full: LogisticRegressionSummary | { summary(): LogisticRegressionSummary }): TestResult {
  const where = 'likelihoodRatioTest';
  const small = asSummary(where, 'restricted', restricted);
  const big = asSummary(where, 'full', full);
  const notNested = (why: string): RangeError => new RangeError(`${where}: the models are not nested: ${why}`);
  if (small.classes.length !== big.classes.length || small.classes.some((c, i) => c !== big.classes[i])) throw notNested('they were fitted to different classes');
  if (small.nObs !== big.nObs || small.fingerprint.target !== big.fingerprint.target) {
    throw notNested(`they were fitted to different observations (nObs ${small.nObs} and ${big.nObs}, or different labels or weights)`);
  }
  if (small.fingerprint.fitIntercept && !big.fingerprint.fitIntercept) throw notNested('restricted has an intercept and full does not');
  for (const [name, sum] of small.fingerprint.columns) {
    const other = big.fingerprint.columns.get(name);
    if (other === undefined) throw notNested(`restricted has the feature '${name}', which full does not (features are matched by name)`);
    if (Math.abs(other - sum) > 1e-9 * Math.max(1, Math.abs(sum))) throw notNested(`the feature '${name}' holds different values in the two models`);
  }
  const df = big.dfModel + (big.fingerprint.fitIntercept ? 1 : 0) - small.dfModel - (small.fingerprint.fitIntercept ? 1 : 0);
  if (!(df > 0)) throw notNested('restricted has no fewer parameters than full');
  const statistic = Math.max(0, 2 * (big.logLikelihood - small.logLikelihood));
  return { statistic, df, pValue: chiSquareSf(statistic, df) };
}

function asSummary(where: string, name: string, value: unknown): LogisticRegressionSummary {
  if (value instanceof LogisticRegressionSummary) return value;
  if (value !== null && typeof value === 'object' && typeof (value as { summary?: unknown }).summary === 'function') {
    const summary = (value as { summary(): unknown }).summary();
    if (summary instanceof LogisticRegressionSummary) return summary;
  }
  throw new TypeError(`${where}: ${name} must be a LogisticRegressionSummary or a fitted LogisticRegression, got ${describeKind(value)}`);
}

/** Reads R as rows of `size` numbers (or parameter names). */
function restrictionRows(where: string, R: unknown, size: number, names: readonly string[]): Float64Array[] {
  if (!Array.isArray(R)) throw new TypeError(`${where}: R must be an array of rows of numbers or of parameter names, got ${describeKind(R)}`);
  if (R.length === 0) throw new RangeError(`${where}: R has no restrictions`);
  if (R.every((v) => typeof v === 'string')) {
    const rows: Float64Array[] = [];
    for (const name of R as string[]) {
      let found = false;
      names.forEach((candidate, j) => {
        if (candidate !== name) return;
        const row = new Float64Array(size);
        row[j] = 1;
        rows.push(row);
        found = true;
      });
      if (!found) throw new RangeError(`${where}: R names '${name}', which is not a parameter (parameters: ${[...new Set(names)].join(', ')})`);
    }
    return rows;
  }
  const list = R.every((v) => typeof v === 'number') ? [R as number[]] : (R as unknown[]);
  return list.map((row, i) => {
    if (!Array.isArray(row) && !ArrayBuffer.isView(row)) throw new TypeError(`${where}: R[${i}] must be an array of numbers, got ${describeKind(row)}`);
    const values = row as ArrayLike<unknown>;
    if (values.length !== size) throw new RangeError(`${where}: R[${i}] has ${count(values.length, 'value')}; the model has ${count(size, 'parameter')}`);
    return Float64Array.from({ length: size }, (_, j) => {
      const v = values[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${where}: R[${i}][${j}] must be a finite number, got ${describeKind(v)}`);
      return v;
    });
  });
}

/** "1 value", "2 values". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Checks alpha ∈ (0, 1). */
function readAlpha(where: string, alpha: unknown): number {
  if (typeof alpha !== 'number') throw new TypeError(`${where}: alpha must be a number in (0, 1), got ${describeKind(alpha)}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${where}: alpha must be in (0, 1), got ${alpha}`);
  return alpha;
}

function passRun(where: string, model: SummaryModel, data: InferenceData): PassRun {
  return { where, threads: threadsFor(model.threads, data.X), warn: model.warn };
}

/** Stages the source's X as the fit did and runs `body` on the data, releasing X after. */
function withData<T>(where: string, source: SummarySource, nFeatures: number, body: (data: InferenceData) => T): T {
  let X: StagedMatrix;
  try {
    X = stageForInference(source);
  } catch (error) {
    if (error instanceof Error && /dispos/i.test(error.message)) {
      throw new Error(`${where}: the training X was disposed after fit, so it cannot be read; fit again (or keep X until the summary is done)`, { cause: error });
    }
    throw error;
  }
  if (X.rows !== source.rows || X.cols !== nFeatures) {
    release(X);
    throw new RangeError(`${where}: the training X changed shape after fit (it has ${X.rows} rows × ${X.cols} columns; the fit read ${source.rows} × ${nFeatures}); fit again`);
  }
  try {
    return body({ X, target: source.target, weights: source.weights, fitIntercept: source.fitIntercept });
  } finally {
    release(X);
  }
}

/**
 * X as the fit read it, for the passes of inference: the fit's staging (float32 values
 * rounded as the fit rounded them), then dense float32 widened to float64 (exactly), as
 * the decision function reads dense X in float64.
 */
function stageForInference(source: SummarySource): StagedMatrix {
  const staged = stageAs(source.dtype, source.X, 'X');
  if (staged.dtype === 'float64' || staged.sparse !== null) return staged;
  try {
    return stageAs('float64', Matrix.from(Float64Array.from(stagedDenseValues(staged)), staged.rows, staged.cols), 'X');
  } finally {
    release(staged);
  }
}

/** The covariance in the core's order from the summary's order (inverse of {@link specIndex}'s permutation). */
function coreCovariance(spec: Float64Array, E: number, p: number, fitIntercept: boolean): Float64Array {
  const size = E * p;
  const to = specIndex(p, fitIntercept);
  const index = (t: number): number => Math.floor(t / p) * p + to(t % p);
  const out = new Float64Array(size * size);
  for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) out[a * size + b] = spec[index(a) * size + index(b)] as number;
  return out;
}

/** FNV-1a over the bytes of the targets and weights. */
function hashTarget(target: Int32Array, weights: Float64Array | null): number {
  let h = 0x811c9dc5;
  const mix = (bytes: Uint8Array): void => {
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193) >>> 0;
  };
  mix(new Uint8Array(target.buffer, target.byteOffset, target.byteLength));
  if (weights !== null) mix(new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength));
  return h;
}

/**
 * Computes the summary of `model` on `source` (the work behind `LogisticRegression#summary`).
 * @throws as `LogisticRegression#summary`.
 */
export function summarize(where: string, model: SummaryModel, source: SummarySource, options: SummaryOptions): LogisticRegressionSummary {
  checkOptionNames(where, options, ['alpha', 'covType', 'groups', 'featureNames']);
  const alpha = readAlpha(where, options.alpha ?? 0.05);
  const covType = checkChoice(where, 'covType', options.covType ?? 'nonrobust', COV_TYPES) as CovType;
  const d = model.nFeatures;
  const featureNames = readFeatureNames(where, options.featureNames ?? null, d, source.fitIntercept);
  const K = model.classes.length;
  const n = source.target.length;
  if ((covType === 'HC2' || covType === 'HC3') && K > 2) {
    throw new RangeError(`${where}: covType '${covType}' needs one leverage per row, which a model of ${K} classes does not have; use 'HC0', 'HC1' or 'cluster'`);
  }
  const parameters = (K - 1) * (d + (source.fitIntercept ? 1 : 0));
  if (parameters > MAX_PARAMETERS) {
    throw new RangeError(
      `${where}: the model has ${parameters} parameters; a summary inverts their ${parameters} × ${parameters} information matrix (O(p³) work, ${((parameters * parameters * 8) / 2 ** 20).toFixed(0)} MiB), which it does up to ${MAX_PARAMETERS} parameters; select features first`,
    );
  }
  const groups = readGroups(where, options.groups ?? null, covType, n, source.weights);
  return withData(where, source, d, (data) => {
    const run = passRun(where, model, data);
    const eq = equationsOf(model.beta, K, data);
    const { E, p } = eq;
    const spec = specIndex(p, source.fitIntercept);
    const parameterName = (k: number): string => (source.fitIntercept && k === p - 1 ? 'const' : (featureNames[k] as string));
    const describe = (dependency: LinearDependency): string => {
      const label = (t: number): string => {
        const name = parameterName(t % p);
        return E > 1 ? `${name} (${String(model.classes[Math.floor(t / p) + 1])})` : name;
      };
      const terms = dependency.columns.map((c, i) => `${formatCoefficient(dependency.coefficients[i] as number)}·${label(c)}`).join(' + ');
      return `${label(dependency.column)} is a linear combination of the others (${label(dependency.column)} ≈ ${terms || '0'}); drop it or one of those columns`;
    };
    const warnings: string[] = [];
    const separation = separationShare(eq, data, featureNames, formatLabel(model.classes[K - 1] as Label));
    if (separation.share === 1 || separation.complete) {
      throw new RangeError(
        `${where}: the classes are completely separated${separation.columns.length > 0 ? ` (${separation.columns.join('; ')})` : `: every observation is predicted within ${PREDICTED_CLOSE} of its label`}. The maximum-likelihood estimate does not exist (the coefficients run off to infinity), so there are no standard errors; drop or merge the separating features, or fit a penalised model for predictions`,
      );
    }
    let cov: Covariance;
    try {
      cov = covarianceOf(eq, data, { covType, groups, describe }, run);
    } catch (error) {
      if (!(error instanceof RangeError && error.name === 'SingularInformationError')) throw error;
      if (separation.share > QUASI_SEPARATION_SHARE) {
        // Saturated probabilities, not collinear columns, make the information singular.
        throw new RangeError(
          `${where}: the classes are (quasi-)separated: a fraction ${separation.share.toFixed(2)} of the observations are predicted within ${PREDICTED_CLOSE} of their label${separation.columns.length > 0 ? ` (${separation.columns.join('; ')})` : ''}, which leaves the information matrix singular: some coefficients are not identified (their estimates run off to infinity). Drop or merge the separating features, or fit a penalised model for predictions`,
          { cause: error },
        );
      }
      throw new RangeError(`${where}: ${error.message}`, { cause: error });
    }
    if (separation.share > QUASI_SEPARATION_SHARE) {
      warnings.push(
        `Possible quasi-complete separation: a fraction ${separation.share.toFixed(2)} of the observations are predicted within ${PREDICTED_CLOSE} of their label, so some coefficients are not identified: their estimates drift towards ±infinity and their standard errors mean nothing.${separation.columns.length > 0 ? ` ${separation.columns.join('; ')}.` : ''}`,
      );
    }
    const size = E * p;
    if (cov.maxLeverage !== null && cov.maxLeverage > HIGH_LEVERAGE) {
      warnings.push(
        `A row has leverage ${cov.maxLeverage.toPrecision(4)}: ${covType} divides its term by (1 − h)${covType === 'HC3' ? '²' : ''}, which makes its standard errors unstable; HC0 or HC1 do not.`,
      );
    }
    const newton = worstNewtonStep(cov, size);
    if (newton.steps > NEWTON_STEP_WARNING) {
      warnings.push(
        `The estimates are not at the maximum of the likelihood: one more Newton step would move ${parameterName(newton.index % p)} by ${newton.steps.toPrecision(2)} standard errors. Fit with a tighter tol (e.g. solver 'newton', tol 1e-10) before reading the table.`,
      );
    }
    const z = normalQuantile(1 - alpha / 2);
    const estimates = new Float64Array(size);
    const specCovariance = new Float64Array(size * size);
    const toSpec = (t: number): number => Math.floor(t / p) * p + spec(t % p);
    for (let a = 0; a < size; a++) {
      estimates[toSpec(a)] = eq.beta[a] as number;
      for (let b = 0; b < size; b++) specCovariance[toSpec(a) * size + toSpec(b)] = cov.covariance[a * size + b] as number;
    }
    const names = Array.from({ length: p }, (_, t) => (source.fitIntercept ? (t === 0 ? 'const' : (featureNames[t - 1] as string)) : (featureNames[t] as string)));
    const equations: SummaryEquation[] = Array.from({ length: E }, (_, e) => ({
      label: model.classes[e + 1] as Label,
      coefficients: names.map((name, t): CoefficientRow => {
        const at = e * p + t;
        const estimate = estimates[at] as number;
        const stdErr = Math.sqrt(specCovariance[at * size + at] as number);
        const ciLower = estimate - z * stdErr;
        const ciUpper = estimate + z * stdErr;
        const zValue = estimate / stdErr;
        return {
          name,
          estimate,
          stdErr,
          z: zValue,
          pValue: normalTwoSidedP(zValue),
          ciLower,
          ciUpper,
          oddsRatio: Math.exp(estimate),
          oddsRatioLower: Math.exp(ciLower),
          oddsRatioUpper: Math.exp(ciUpper),
        };
      }),
    }));
    // statsmodels counts the model's degrees of freedom as rank − 1 per equation whether or not there is a constant.
    const dfModel = E * (p - 1);
    const llr = 2 * (eq.logLikelihood - eq.nullLogLikelihood);
    const fields: SummaryJSON = {
      model: K > 2 ? 'MNLogit' : 'Logit',
      method: 'MLE',
      classes: [...model.classes],
      referenceClass: model.classes[0] as Label,
      nObs: eq.nObs,
      dfModel,
      dfResid: eq.nObs - size,
      logLikelihood: eq.logLikelihood,
      nullLogLikelihood: eq.nullLogLikelihood,
      llr,
      llrPValue: dfModel > 0 ? chiSquareSf(llr, dfModel) : NaN,
      pseudoRSquared: 1 - eq.logLikelihood / eq.nullLogLikelihood,
      aic: -2 * eq.logLikelihood + 2 * size,
      bic: -2 * eq.logLikelihood + Math.log(eq.nObs) * size,
      deviance: -2 * eq.logLikelihood,
      nullDeviance: -2 * eq.nullLogLikelihood,
      converged: model.converged,
      nIter: model.nIter,
      covType,
      alpha,
      nGroups: cov.nGroups,
      equations,
      covariance: Array.from({ length: size }, (_, a) => Array.from(specCovariance.subarray(a * size, (a + 1) * size))),
      warnings,
    };
    const fingerprint: Fingerprint = {
      target: hashTarget(source.target, source.weights),
      columns: columnSignatures(data, featureNames, run),
      fitIntercept: source.fitIntercept,
    };
    return new LogisticRegressionSummary(fields, featureNames, { estimates, covariance: specCovariance, source, model, fingerprint });
  });
}

/** A coefficient for a dependency message: integers as they are, others to 4 significant digits. */
function formatCoefficient(value: number): string {
  return Number.isInteger(Math.round(value * 1e6) / 1e6) ? String(Math.round(value)) : value.toPrecision(4);
}

/** Checks featureNames: d strings. */
function readFeatureNames(where: string, names: unknown, d: number, fitIntercept: boolean): string[] {
  if (names === null) return Array.from({ length: d }, (_, j) => `x${j + 1}`);
  if (!Array.isArray(names)) throw new TypeError(`${where}: featureNames must be an array of strings, got ${describeKind(names)}`);
  if (names.length !== d) throw new RangeError(`${where}: featureNames has ${count(names.length, 'name')}; the model has ${count(d, 'feature')}`);
  const seen = new Set<string>();
  for (let j = 0; j < d; j++) {
    const name: unknown = names[j];
    if (typeof name !== 'string') throw new TypeError(`${where}: featureNames[${j}] must be a string, got ${describeKind(name)}`);
    // Names identify parameters in waldTest and features in likelihoodRatioTest.
    if (seen.has(name)) throw new RangeError(`${where}: featureNames[${j}] repeats '${name}'; names must be distinct`);
    if (name === 'const' && fitIntercept) throw new RangeError(`${where}: featureNames[${j}] is 'const', the intercept's name; rename the feature`);
    seen.add(name);
  }
  return [...(names as string[])];
}

/** Checks groups against covType and the rows. */
function readGroups(where: string, groups: unknown, covType: CovType, n: number, weights: Float64Array | null): { index: Int32Array; count: number } | null {
  if (covType !== 'cluster') {
    if (groups !== null) throw new RangeError(`${where}: groups is only used with covType 'cluster'; covType is '${covType}'`);
    return null;
  }
  if (groups === null) throw new RangeError(`${where}: covType 'cluster' needs groups, one cluster label per training row`);
  if (typeof groups !== 'object' || typeof (groups as { length?: unknown }).length !== 'number') {
    throw new TypeError(`${where}: groups must be an array of numbers or strings, got ${describeKind(groups)}`);
  }
  const list = groups as ArrayLike<unknown>;
  if (list.length !== n) throw new RangeError(`${where}: groups has ${count(list.length, 'label')}; the training data has ${count(n, 'row')}`);
  for (let i = 0; i < n; i++) {
    const g = list[i];
    if (!(typeof g === 'string' || (typeof g === 'number' && Number.isFinite(g)))) {
      throw new TypeError(`${where}: groups[${i}] must be a finite number or a string, got ${describeKind(g)}`);
    }
  }
  const encoded = encodeGroups(list as ArrayLike<number | string>, weights);
  if (encoded.count < 2) throw new RangeError(`${where}: groups has ${encoded.count} cluster; the cluster-robust covariance needs at least two`);
  return encoded;
}

/**
 * The share of the observations (weighted) predicted within {@link PREDICTED_CLOSE} of
 * their label, and the features that separate the classes on their own (dense X).
 */
function separationShare(eq: Equations, data: InferenceData, featureNames: readonly string[], positive: string): { share: number; columns: string[]; complete: boolean } {
  const { K, complements } = eq;
  const { target, weights } = data;
  let close = 0;
  for (let i = 0; i < target.length; i++) {
    if ((complements[i * K + (target[i] as number)] as number) < PREDICTED_CLOSE) close += weights === null ? 1 : (weights[i] as number);
  }
  const share = close / eq.nObs;
  if (!(share > QUASI_SEPARATION_SHARE)) return { share, columns: [], complete: false };
  // Every observation on the side of its own class: the fitted hyperplanes separate the
  // data, so the likelihood keeps growing along them and has no maximum.
  let separated = true;
  for (let i = 0; i < target.length && separated; i++) {
    if (weights !== null && weights[i] === 0) continue;
    const own = eq.probabilities[i * K + (target[i] as number)] as number;
    for (let k = 0; k < K; k++) if (k !== target[i] && !(own > (eq.probabilities[i * K + k] as number))) separated = false;
  }
  const separating = separatingColumns(data, K, featureNames, positive);
  return { share, columns: separating.map((c) => c.text), complete: separated || separating.some((c) => c.strict) };
}

/**
 * Features whose values alone split the classes (binary; dense X), each with its
 * description and whether the split is strict (complete separation: no value shared by
 * both classes) or has ties at the boundary (quasi-complete).
 */
function separatingColumns(data: InferenceData, K: number, featureNames: readonly string[], positive: string): { text: string; strict: boolean }[] {
  const { X, target, weights } = data;
  if (K !== 2 || X.sparse !== null) return [];
  const out: { text: string; strict: boolean }[] = [];
  const show = (v: number): string => String(Number(v.toPrecision(6)));
  const view = stagedDenseValues(X);
  for (let j = 0; j < X.cols; j++) {
    let min0 = Infinity;
    let max0 = -Infinity;
    let min1 = Infinity;
    let max1 = -Infinity;
    for (let i = 0; i < X.rows; i++) {
      if (weights !== null && weights[i] === 0) continue;
      const v = view[i * X.cols + j] as number;
      if (target[i] === 1) {
        min1 = Math.min(min1, v);
        max1 = Math.max(max1, v);
      } else {
        min0 = Math.min(min0, v);
        max0 = Math.max(max0, v);
      }
    }
    const name = featureNames[j] as string;
    if (max0 <= min1) out.push({ text: `${name} separates the classes on its own: ${name} ≥ ${show(min1)} in every row of class ${positive}, ≤ ${show(max0)} in every other row`, strict: max0 < min1 });
    else if (max1 <= min0) out.push({ text: `${name} separates the classes on its own: ${name} ≤ ${show(max1)} in every row of class ${positive}, ≥ ${show(min0)} in every other row`, strict: max1 < min0 });
  }
  return out;
}

/** The largest Newton step left, in nonrobust standard errors, and where. */
function worstNewtonStep(cov: Covariance, size: number): { steps: number; index: number } {
  let steps = 0;
  let index = 0;
  for (let a = 0; a < size; a++) {
    let step = 0;
    for (let b = 0; b < size; b++) step += (cov.bread[a * size + b] as number) * (cov.score[b] as number);
    const se = Math.sqrt(cov.bread[a * size + a] as number);
    const ratio = Math.abs(step) / se;
    if (ratio > steps) {
      steps = ratio;
      index = a;
    }
  }
  return { steps, index };
}

/** Per feature name, Σᵢ uᵢxᵢⱼ with fixed pseudo-random uᵢ (one pass in the core). */
function columnSignatures(data: InferenceData, featureNames: readonly string[], run: PassRun): Map<string, number> {
  const n = data.X.rows;
  const u = new Float64Array(n);
  let state = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    u[i] = state / 4294967296 - 0.5;
  }
  const sums = groupSums(data.X, false, new Int32Array(n), 1, u, run);
  return new Map(featureNames.map((name, j) => [name, sums[j] as number]));
}
