/**
 * The plain-data form of a fitted model's statistical summary: what `summary.toJSON()`
 * returns and what {@link formatSummary} prints. Every field is named after the quantity it
 * holds; each field's documentation gives the name statsmodels (0.13.5) uses for the same
 * number on a `Logit` or `MNLogit` results object, so values can be checked side by side.
 *
 * The objects are plain JSON: numbers (NaN and ±Infinity included, which `JSON.stringify`
 * writes as `null`), strings, booleans and arrays of them.
 * @module
 */
import type { Label } from '../validate/labels.js';

/**
 * Every covariance estimator a summary can be computed with, in the order the
 * documentation lists them. The type {@link CovType} is one element of this array.
 * @example
 * ```ts
 * COV_TYPES.includes('HC1'); // true
 * COV_TYPES; // ['nonrobust', 'HC0', 'HC1', 'HC2', 'HC3', 'cluster']
 * ```
 */
export const COV_TYPES = ['nonrobust', 'HC0', 'HC1', 'HC2', 'HC3', 'cluster'] as const;

/**
 * The covariance estimator behind the standard errors, statsmodels' `cov_type`:
 * - `'nonrobust'`: the inverse of the observed information (the Hessian of the negative
 *   log-likelihood), statsmodels' default.
 * - `'HC0'`: White's sandwich, no small-sample correction (statsmodels `cov_type='HC0'`,
 *   R `sandwich::vcovHC(type = 'HC0')`).
 * - `'HC1'`, `'HC2'`, `'HC3'`: the sandwich with R sandwich's corrections of those names
 *   (statsmodels 0.13.5 returns HC0 for these on Logit, so R is the reference).
 * - `'cluster'`: the cluster-robust sandwich with the correction G/(G−1)·(N−1)/(N−K)
 *   (statsmodels `cov_type='cluster'`, R `sandwich::vcovCL(type = 'HC1')`).
 * @example
 * ```ts
 * const covType: CovType = 'HC0';
 * ```
 */
export type CovType = (typeof COV_TYPES)[number];

/**
 * One parameter's row of the coefficient table.
 * @example
 * ```ts
 * const row: CoefficientRow = {
 *   name: 'x1', estimate: 0.7034, stdErr: 0.1812, z: 3.8816, pValue: 0.0001038,
 *   ciLower: 0.3482, ciUpper: 1.0586,
 *   oddsRatio: 2.0206, oddsRatioLower: 1.4166, oddsRatioUpper: 2.8823,
 * };
 * ```
 */
export interface CoefficientRow {
  /** The parameter's name: `'const'` for the intercept (as statsmodels' `add_constant` names it), else the feature's name (`x1` … `xd` by default). statsmodels: `exog_names`. */
  name: string;
  /** The estimated coefficient, on the log-odds scale. statsmodels: `params`. */
  estimate: number;
  /** Its standard error, the square root of the covariance's diagonal entry. statsmodels: `bse`. */
  stdErr: number;
  /** The Wald statistic `estimate / stdErr`, compared with the standard normal. statsmodels: `tvalues` (a z since `use_t` is false). */
  z: number;
  /** The two-sided p-value of `z` under the standard normal, `2·(1 − Φ(|z|))`. statsmodels: `pvalues`. */
  pValue: number;
  /** The lower end of the Wald interval at level 1 − `alpha`: `estimate − z₁₋α/₂·stdErr`. statsmodels: `conf_int(alpha)[:, 0]`. */
  ciLower: number;
  /** The upper end of the Wald interval: `estimate + z₁₋α/₂·stdErr`. statsmodels: `conf_int(alpha)[:, 1]`. */
  ciUpper: number;
  /** `exp(estimate)`: the factor the odds are multiplied by per unit of the feature (for `const`, the odds at all features zero). statsmodels: `np.exp(params)`. */
  oddsRatio: number;
  /** `exp(ciLower)`. statsmodels: `np.exp(conf_int(alpha))[:, 0]`. */
  oddsRatioLower: number;
  /** `exp(ciUpper)`. statsmodels: `np.exp(conf_int(alpha))[:, 1]`. */
  oddsRatioUpper: number;
}

/**
 * The coefficients of one linear predictor. A binary model has one equation, the log-odds
 * of `classes[1]`; a multinomial model has one per class k ≥ 1, the log-odds of class k
 * against the reference `classes[0]` (statsmodels MNLogit's parametrisation, where each
 * column of `params` is one such equation).
 * @example
 * ```ts
 * const equation: SummaryEquation = { label: 'versicolor', coefficients: [constRow, x1Row] };
 * ```
 */
export interface SummaryEquation {
  /** The class whose log-odds (against the reference class) this equation models. statsmodels MNLogit heads the equation's rows `y=<label>`. */
  label: Label;
  /** One row per parameter: `const` first, then the features in column order. */
  coefficients: CoefficientRow[];
}

/**
 * A fitted model's summary as plain data: the fit statistics of statsmodels'
 * `Logit(...).fit().summary()` (or `MNLogit`), the coefficient table of every equation,
 * and the covariance of the estimates.
 * @example
 * ```ts
 * const s: SummaryJSON = model.summary().toJSON();
 * s.equations[0].coefficients[1].pValue; // the first feature's p-value
 * s.llrPValue;                            // does the model beat the intercept alone?
 * ```
 */
export interface SummaryJSON {
  /** `'Logit'` for two classes, `'MNLogit'` for more: the statsmodels model whose numbers these are. statsmodels: `model.__class__.__name__`. */
  model: 'Logit' | 'MNLogit';
  /** How the coefficients were estimated: maximum likelihood (unpenalised). statsmodels prints it as `Method: MLE`. */
  method: 'MLE';
  /** The class labels in sorted order, as the model's `classes`. */
  classes: Label[];
  /** The class every equation is measured against, `classes[0]` (the baseline of MNLogit; for Logit the negative class). */
  referenceClass: Label;
  /** The number of observations, Σ of the frequency weights (the row count when unweighted). statsmodels: `nobs`. */
  nObs: number;
  /** The model's degrees of freedom: the number of parameters less the intercepts, d for Logit and (K−1)·d for MNLogit over K classes. statsmodels: `df_model`. */
  dfModel: number;
  /** The residual degrees of freedom, `nObs` less the number of parameters. statsmodels: `df_resid`. */
  dfResid: number;
  /** The maximised log-likelihood. statsmodels: `llf`. */
  logLikelihood: number;
  /** The log-likelihood of the intercept-only model. statsmodels: `llnull`. */
  nullLogLikelihood: number;
  /** The likelihood-ratio statistic `2·(logLikelihood − nullLogLikelihood)`. statsmodels: `llr`. */
  llr: number;
  /** The p-value of `llr` under χ² with `dfModel` degrees of freedom. statsmodels: `llr_pvalue`. */
  llrPValue: number;
  /** McFadden's pseudo R², `1 − logLikelihood / nullLogLikelihood`. statsmodels: `prsquared`. */
  pseudoRSquared: number;
  /** Akaike's information criterion, `−2·logLikelihood + 2·(number of parameters)`. statsmodels: `aic`. */
  aic: number;
  /** The Bayesian information criterion, `−2·logLikelihood + ln(nObs)·(number of parameters)`. statsmodels: `bic`. */
  bic: number;
  /** The residual deviance, `−2·logLikelihood` (the data being 0/1 per observation). R: `glm(...)$deviance`. */
  deviance: number;
  /** The null deviance, `−2·nullLogLikelihood`. R: `glm(...)$null.deviance`. */
  nullDeviance: number;
  /** Whether the optimiser met its tolerance within its iteration budget. statsmodels: `mle_retvals['converged']`. */
  converged: boolean;
  /** The number of optimiser iterations. statsmodels: `mle_retvals['iterations']`. */
  nIter: number;
  /** The covariance estimator behind `stdErr`, `z`, `pValue`, the intervals and `covariance`. statsmodels: `cov_type`. */
  covType: CovType;
  /** The significance level of the intervals, which cover with probability 1 − `alpha`. statsmodels: the `alpha` of `conf_int(alpha)` and `summary(alpha=...)`. */
  alpha: number;
  /** The number of distinct groups when `covType` is `'cluster'`, else null. statsmodels: `n_groups` (the distinct values of `cov_kwds['groups']`). */
  nGroups: number | null;
  /** The equations: one for Logit, K−1 for MNLogit over K classes, in class order. */
  equations: SummaryEquation[];
  /**
   * The covariance of all estimates, a P×P matrix (array of rows) in equation-major order:
   * equation 1's `const`, features…, then equation 2's, as `coefficients` list them.
   * statsmodels: `cov_params()`.
   */
  covariance: number[][];
  /** Notes on the fit, each one sentence or more: quasi-separation, non-convergence, a singular information matrix. statsmodels prints such notes under the table. */
  warnings: string[];
}
