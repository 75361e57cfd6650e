import { isPenalised, l1Strength, l1Term, parameterCount, pseudoGradient, sharpen, smoothObjective, solverWork } from '../objective/problem';
import { at, put, softThreshold } from '../vector';
import { STATUS_CONVERGED, STATUS_MAX_ITER, STATUS_STOPPED, finish, isReporting, report } from './progress';

/**
 * Batch gradient descent with a fixed step: the reference experiment's algorithm,
 * generalised to the configured problem. Each iteration makes one fused pass over the
 * rows for the gradient ∇f of the smooth part, then
 *   θ ← θ − learningRate · ∇f,
 * followed, when l1 > 0, by soft-thresholding of the weights (proximal gradient, so
 * weights reach exact zeros). With unit weights and no penalty, ∇f is Σᵢ (σ(zᵢ) − yᵢ)
 * [xᵢ, 1] / n, exactly the numpy reference's update.
 *
 * Memory (float64, byte offsets; P = parameterCount()):
 *   params  P values: the starting point, overwritten with the result
 *   loss    0, or maxIter values: loss[k] = f at the start of iteration k (computing it
 *           costs a log per row, so it is optional)
 * and the record's workspace (gradientDescentWorkLength values).
 *
 * Stops after maxIter updates, or before an update once max|(pseudo-)gradient| ≤ tol, or
 * when the host asks. Over float32 X, tol is judged on the gradient in float64 arithmetic
 * (see `sharpen`). Returns the number of updates made.
 */
export function gradientDescent(params: usize, learningRate: f64, maxIter: i32, tol: f64, loss: usize): i32 {
  const work = solverWork();
  const count = parameterCount();
  const g = work;
  const pg = work + (<usize>count << 3);
  const shrink = learningRate * l1Strength();
  let f = 0.0;
  let gradNorm = 0.0;
  let status = STATUS_MAX_ITER;
  let iter = 0;
  for (; iter < maxIter; iter++) {
    const needLoss = loss != 0 || isReporting();
    f = smoothObjective(params, g, needLoss, false);
    if (needLoss) f += l1Term(params);
    if (loss != 0) put(loss, iter, f);
    gradNorm = pseudoGradient(params, g, pg);
    if (gradNorm <= tol && sharpen()) {
      // Over float32 X: judge convergence on the gradient in float64 arithmetic.
      f = smoothObjective(params, g, needLoss, false);
      if (needLoss) f += l1Term(params);
      gradNorm = pseudoGradient(params, g, pg);
    }
    if (gradNorm <= tol) {
      status = STATUS_CONVERGED;
      break;
    }
    for (let j = 0; j < count; j++) {
      let v = at(params, j) - learningRate * at(g, j);
      if (shrink > 0 && isPenalised(j)) v = softThreshold(v, shrink);
      put(params, j, v);
    }
    if (!report(iter + 1, f, gradNorm)) {
      iter++;
      status = STATUS_STOPPED;
      break;
    }
  }
  finish(status, f, gradNorm);
  return iter;
}

/** float64 values of workspace gradientDescent needs for P parameters. */
export function gradientDescentWorkLength(parameters: f64): f64 {
  return 2 * parameters;
}
