/**
 * A fitted model in the parametrisation of statsmodels' `Logit` and `MNLogit`: one
 * equation per class after the first (the reference), each the log-odds of that class
 * against the reference, β_k = θ_k − θ_0 (a binary model's one row of θ already is β_1; a
 * two-class softmax stored as one row θ = (w, −w) has β_1 = 2w). The probabilities, the
 * log-likelihood and the per-row weights every covariance needs follow from the linear
 * predictors x̃ᵢ·β_k, computed in the core.
 *
 * Parameters are in the core's order within an equation (the columns of X, then the
 * intercept when fitted); p per equation, E equations, E·p in all, equation-major.
 * @module
 */
import { linearScores, releaseParameters, storeParameters } from '../core/predict.js';
import type { StagedMatrix } from '../core/stage.js';
import type { ModelMode } from '../estimator/model-json.js';

/** The data a summary is computed on, staged. */
export interface InferenceData {
  readonly X: StagedMatrix;
  /** Each row's class index in the model's classes. */
  readonly target: Int32Array;
  /** Frequency weights sᵢ, or null for ones. */
  readonly weights: Float64Array | null;
  readonly fitIntercept: boolean;
}

/** A model as statsmodels parametrises it, with its fitted probabilities. */
export interface Equations {
  /** Classes K (≥ 2). */
  readonly K: number;
  /** Equations E = K − 1. */
  readonly E: number;
  /** Parameters per equation (columns + 1 with an intercept). */
  readonly p: number;
  /** E × p, equation-major, the core's order within an equation. */
  readonly beta: Float64Array;
  /** rows × K probabilities, row-major, reference class first. */
  readonly probabilities: Float64Array;
  /**
   * rows × K: for class k of row i, 1 − p_ik computed as the sum of the other classes'
   * probabilities, which keeps its relative accuracy where p_ik is close to 1.
   */
  readonly complements: Float64Array;
  /** Σsᵢ log p_{i,yᵢ}. */
  readonly logLikelihood: number;
  /** The log-likelihood of the constant-only model: Σ_k n_k log(n_k / n), n_k the weighted class counts. */
  readonly nullLogLikelihood: number;
  /** Σsᵢ: the number of observations, counting each row sᵢ times. */
  readonly nObs: number;
}

/** β in statsmodels' parametrisation from the fitted θ (blocks × p), or null for a one-vs-rest model. */
export function mnlogitParameters(theta: Float64Array, blocks: number, K: number, mode: ModelMode): Float64Array | null {
  const p = theta.length / blocks;
  if (mode === 'ovr' && K > 2) return null;
  if (blocks === 1) return mode === 'multinomial' ? theta.map((v) => 2 * v) : theta.slice();
  const beta = new Float64Array((K - 1) * p);
  for (let k = 1; k < K; k++) for (let j = 0; j < p; j++) beta[(k - 1) * p + j] = (theta[k * p + j] as number) - (theta[j] as number);
  return beta;
}

/**
 * The equations' probabilities and log-likelihoods on `data`, from β (E × p, the core's
 * order; with no intercept p = cols and β has no intercept entries).
 */
export function equationsOf(beta: Float64Array, K: number, data: InferenceData): Equations {
  const { X, target, weights, fitIntercept } = data;
  const E = K - 1;
  const p = X.cols + (fitIntercept ? 1 : 0);
  // The core's scores take cols + 1 values per block; without an intercept it is 0.
  const withIntercept = new Float64Array(E * (X.cols + 1));
  for (let e = 0; e < E; e++) {
    withIntercept.set(beta.subarray(e * p, e * p + X.cols), e * (X.cols + 1));
    if (fitIntercept) withIntercept[e * (X.cols + 1) + X.cols] = beta[e * p + X.cols] as number;
  }
  const stored = storeParameters(withIntercept);
  let eta: Float64Array;
  try {
    eta = linearScores(X, stored, E, 'none');
  } finally {
    releaseParameters(stored);
  }
  const n = X.rows;
  const probabilities = new Float64Array(n * K);
  const complements = new Float64Array(n * K);
  const exps = new Float64Array(K);
  let logLikelihood = 0;
  const counts = new Float64Array(K);
  let nObs = 0;
  for (let i = 0; i < n; i++) {
    const s = weights === null ? 1 : (weights[i] as number);
    const y = target[i] as number;
    counts[y] = (counts[y] as number) + s;
    nObs += s;
    if (K === 2) {
      // p₁ = σ(η), p₀ = σ(−η) from one exponential of −|η|; log p_y = −log(1 + e^{−|η|}) − (η on the wrong side ? |η| : 0).
      const z = eta[i] as number;
      const e = Math.exp(-Math.abs(z));
      const big = 1 / (1 + e);
      const small = e / (1 + e);
      const p1 = z >= 0 ? big : small;
      const p0 = z >= 0 ? small : big;
      probabilities[2 * i] = p0;
      probabilities[2 * i + 1] = p1;
      complements[2 * i] = p1;
      complements[2 * i + 1] = p0;
      if (s !== 0) logLikelihood -= s * (Math.log1p(e) + ((y === 1) === (z >= 0) ? 0 : Math.abs(z)));
      continue;
    }
    // Softmax over (0, η_i1, …, η_iE), shifted by the largest so no exponential overflows.
    let top = 0;
    for (let e = 0; e < E; e++) top = Math.max(top, eta[i * E + e] as number);
    let total = 0;
    for (let k = 0; k < K; k++) {
      exps[k] = Math.exp((k === 0 ? 0 : (eta[i * E + k - 1] as number)) - top);
      total += exps[k] as number;
    }
    for (let k = 0; k < K; k++) {
      let others = 0;
      for (let m = 0; m < K; m++) if (m !== k) others += exps[m] as number;
      probabilities[i * K + k] = (exps[k] as number) / total;
      complements[i * K + k] = others / total;
    }
    if (s !== 0) {
      const etaY = y === 0 ? 0 : (eta[i * E + y - 1] as number);
      logLikelihood += s * (etaY - top - Math.log(total));
    }
  }
  let nullLogLikelihood = 0;
  for (const count of counts) if (count > 0) nullLogLikelihood += count * Math.log(count / nObs);
  return { K, E, p, beta, probabilities, complements, logLikelihood, nullLogLikelihood, nObs };
}
