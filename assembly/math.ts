// Scalar pieces of the logistic model, written so that no finite z produces Inf or NaN.

/**
 * σ(z) = 1 / (1 + e^(−z)).
 * For z ≥ 0 this is the textbook form (e^(−z) ≤ 1 cannot overflow); for z < 0 the
 * algebraically equal e^z / (1 + e^z) avoids e^(−z) overflowing to Inf when z ≪ 0.
 */
// @ts-ignore: decorator
@inline
export function sigmoid(z: f64): f64 {
  if (z >= 0) return 1.0 / (1.0 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1.0 + e);
}

/**
 * Log-loss of one sample with label y ∈ {0, 1} and decision value z:
 *   −y·log σ(z) − (1 − y)·log(1 − σ(z)) = log(1 + e^(−|z|)) + max(z, 0) − y·z.
 * The right-hand form never takes the log of 0 and never exponentiates a positive number.
 */
// @ts-ignore: decorator
@inline
export function logLoss(z: f64, y: f64): f64 {
  return Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0.0) - y * z;
}
