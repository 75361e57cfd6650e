/**
 * Average marginal effects with delta-method standard errors, as statsmodels'
 * `get_margeff(at='overall', method='dydx')` gives them for Logit and MNLogit.
 *
 * With β_0 = 0 for the reference class and β̄ᵢₘ = Σₗ pᵢₗβₗₘ, the effect of feature m on the
 * probability of class j is
 *
 *   AMEⱼₘ = (1/n) Σᵢ sᵢ pᵢⱼ (βⱼₘ − β̄ᵢₘ),
 *
 * and its derivative with respect to parameter k of equation l is
 *
 *   ∂AMEⱼₘ/∂βₗₖ = [k = m]·Tⱼₗ/n + (βⱼₘ·Aⱼₗ,ₖ − βₗₘ·Bⱼₗ,ₖ − Σₗ' βₗ'ₘ·Cⱼₗₗ',ₖ)/n,
 *
 * with Tⱼₗ = Σ sᵢpᵢⱼ(δⱼₗ − pᵢₗ) and the weighted column sums Aⱼₗ = Σ sᵢpᵢⱼ(δⱼₗ − pᵢₗ)x̃ᵢ,
 * Bⱼₗ = Σ sᵢpᵢⱼpᵢₗx̃ᵢ, Cⱼₗₗ' = Σ sᵢpᵢⱼ(δⱼₗ − 2pᵢₗ)pᵢₗ'x̃ᵢ: K·E·(E + 2) passes over X in the
 * core, whatever the number of features (3 for Logit). The covariance of the effects is
 * J·V·Jᵀ with V the summary's covariance.
 * @module
 */
import { groupSums, type PassRun } from '../core/information.js';
import type { Label } from '../validate/labels.js';
import { normalQuantile, normalTwoSidedP } from './distributions.js';
import type { Equations, InferenceData } from './equations.js';
import { multiply } from './linalg.js';

/** One feature's average marginal effect on one class's probability. */
export interface MarginalEffect {
  /** The feature. */
  name: string;
  /** The class whose probability it moves (Logit: the positive class). */
  label: Label;
  /** The average of ∂p/∂x over the observations. statsmodels: `margeff`. */
  effect: number;
  /** Its delta-method standard error. statsmodels: `margeff_se`. */
  stdErr: number;
  /** effect / stdErr. */
  z: number;
  /** Two-sided p-value under the standard normal. */
  pValue: number;
  /** The interval at the summary's alpha. */
  ciLower: number;
  ciUpper: number;
}

/** What `LogisticRegressionSummary#marginalEffects` returns. */
export interface MarginalEffects {
  /** The intervals' alpha. */
  alpha: number;
  /** Logit: one per feature; MNLogit: one per feature for each class in turn (the reference class first). */
  effects: MarginalEffect[];
  /** The covariance of the effects, in the order of `effects`. */
  covariance: number[][];
}

/** What {@link marginalEffectsOf} needs besides the equations. */
export interface MarginalRequest {
  readonly alpha: number;
  readonly classes: readonly Label[];
  readonly featureNames: readonly string[];
  readonly run: PassRun;
}

/**
 * The average marginal effects of the equations on `data`, with V their covariance (E·p ×
 * E·p, the core's order).
 */
export function marginalEffectsOf(eq: Equations, data: InferenceData, V: Float64Array, request: MarginalRequest): MarginalEffects {
  const { K, E, p, beta, probabilities: P, complements: Q, nObs } = eq;
  const { target, weights } = data;
  const n = target.length;
  const d = data.X.cols;
  const size = E * p;
  const reported = K === 2 ? [1] : Array.from({ length: K }, (_, j) => j);
  const b = (l: number, m: number): number => (l === 0 ? 0 : (beta[(l - 1) * p + m] as number));
  const s = (i: number): number => (weights === null ? 1 : (weights[i] as number));
  const zeros = new Int32Array(n);
  const columnSum = (w: Float64Array): Float64Array => groupSums(data.X, data.fitIntercept, zeros, 1, w, request.run);
  const delta = (i: number, j: number, l: number): number => (j === l ? (Q[i * K + j] as number) : -(P[i * K + l] as number));
  const rows = reported.length * d;
  const J = new Float64Array(rows * size);
  const effects = new Float64Array(rows);
  reported.forEach((j, r) => {
    let S1 = 0;
    const S2 = new Float64Array(E + 1);
    for (let i = 0; i < n; i++) {
      const pj = P[i * K + j] as number;
      S1 += s(i) * pj;
      for (let l = 1; l <= E; l++) S2[l] = (S2[l] as number) + s(i) * pj * (P[i * K + l] as number);
    }
    for (let m = 0; m < d; m++) {
      let bar = 0;
      for (let l = 1; l <= E; l++) bar += b(l, m) * (S2[l] as number);
      effects[r * d + m] = (b(j, m) * S1 - bar) / nObs;
    }
    for (let l = 1; l <= E; l++) {
      let T = 0;
      const wA = new Float64Array(n);
      const wB = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const pj = s(i) * (P[i * K + j] as number);
        const dl = delta(i, j, l);
        T += pj * dl;
        wA[i] = pj * dl;
        wB[i] = pj * (P[i * K + l] as number);
      }
      const A = columnSum(wA);
      const B = columnSum(wB);
      const C: Float64Array[] = [];
      for (let l2 = 1; l2 <= E; l2++) {
        const wC = new Float64Array(n);
        for (let i = 0; i < n; i++) wC[i] = s(i) * (P[i * K + j] as number) * ((j === l ? 1 : 0) - 2 * (P[i * K + l] as number)) * (P[i * K + l2] as number);
        C.push(columnSum(wC));
      }
      for (let m = 0; m < d; m++) {
        const row = (r * d + m) * size + (l - 1) * p;
        for (let k = 0; k < p; k++) {
          let value = b(j, m) * (A[k] as number) - b(l, m) * (B[k] as number);
          for (let l2 = 1; l2 <= E; l2++) value -= b(l2, m) * ((C[l2 - 1] as Float64Array)[k] as number);
          if (k === m) value += T;
          J[row + k] = value / nObs;
        }
      }
    }
  });
  // Σ = J·V·Jᵀ.
  const sigma = multiply(multiply(J, rows, size, V, size), rows, size, J, rows, true);
  const covariance: number[][] = Array.from({ length: rows }, (_, r) => Array.from(sigma.subarray(r * rows, (r + 1) * rows)));
  const z = normalQuantile(1 - request.alpha / 2);
  const list: MarginalEffect[] = [];
  reported.forEach((j, r) => {
    for (let m = 0; m < d; m++) {
      const effect = effects[r * d + m] as number;
      const stdErr = Math.sqrt((covariance[r * d + m] as number[])[r * d + m] as number);
      const zValue = effect / stdErr;
      list.push({
        name: request.featureNames[m] as string,
        label: request.classes[j] as Label,
        effect,
        stdErr,
        z: zValue,
        pValue: normalTwoSidedP(zValue),
        ciLower: effect - z * stdErr,
        ciUpper: effect + z * stdErr,
      });
    }
  });
  return { alpha: request.alpha, effects: list, covariance };
}
