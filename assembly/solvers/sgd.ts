import { batchGradient, fitsIntercept, isPenalised, l1Strength, l2Strength, parameterCount, solverWork } from '../objective/problem';
import { at, put, softThreshold } from '../vector';

/**
 * One epoch of mini-batch stochastic gradient descent on the configured problem.
 *
 * Memory (byte offsets; P = parameterCount()):
 *   params  P float64: the starting point, overwritten with the result
 *   order   count i32 row indices, visited in this order (the host shuffles them)
 * and the record's workspace (sgdWorkLength values).
 *
 * For each batch B of `batchSize` consecutive entries of `order` (the last may be
 * shorter), with g = (1/|B|) Σ_{i∈B} (n/S)·sᵢ·∇ℓᵢ + l2·w (an unbiased estimate of ∇ of
 * the smooth part of f):
 *   θ ← θ − learningRate · g,
 * then, with an l1 term, each weight is soft-thresholded by learningRate·l1 (a proximal
 * step, so weights reach exact zeros). Intercepts are never penalised and stay 0 when not
 * fitted. Returns the mean over the epoch of (n/S)·sᵢ·ℓᵢ, each taken at the parameters
 * of its batch (0 when `withLoss` is false for a binary problem).
 */
export function sgdEpoch(
  params: usize,
  order: usize,
  count: i32,
  batchSize: i32,
  learningRate: f64,
  withLoss: bool,
): f64 {
  const size = parameterCount();
  const grad = solverWork();
  const l2 = l2Strength();
  const shrink = learningRate * l1Strength();
  const intercepts = fitsIntercept();
  let lossSum = 0.0;
  for (let start = 0; start < count; start += batchSize) {
    const end = min(start + batchSize, count);
    lossSum += batchGradient(order, start, end, params, grad, withLoss);
    const inverse = 1.0 / <f64>(end - start);
    for (let j = 0; j < size; j++) {
      const theta = at(params, j);
      let g = at(grad, j) * inverse;
      if (isPenalised(j)) g += l2 * theta;
      else if (!intercepts) g = 0;
      let v = theta - learningRate * g;
      if (shrink > 0 && isPenalised(j)) v = softThreshold(v, shrink);
      put(params, j, v);
    }
  }
  return lossSum / <f64>count;
}

/** float64 values of workspace sgdEpoch needs for P parameters. */
export function sgdWorkLength(parameters: f64): f64 {
  return parameters;
}
