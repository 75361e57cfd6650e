import { logLossFromExp2Lanes, sigmoid2Lanes } from '../math';

// The per-row work the binary passes share, for rows i and i + 1 at once (float64 and
// float32 storage alike): residuals, Hessian row weights and the loss.

/**
 * Residuals sᵢ·(σ(zᵢ) − yᵢ) of rows i and i + 1 as one vector (lane 0 row i), from their
 * decision values `z` (lane 0 row i). When `curvature` ≠ 0 also stores their Hessian row
 * weights sᵢ·σ(zᵢ)(1 − σ(zᵢ)) there. `y`, `weights` (0: all ones) and `curvature` are
 * float64 arrays indexed by row. `withLoss`: also leave e^(−|z|) with Math.exp's bits in
 * math.ts's `lastExactExp`, for {@link pairLoss}.
 */
// @ts-ignore: decorator
@inline
export function pairResiduals(z: v128, y: usize, weights: usize, i: i32, curvature: usize, withLoss: bool): v128 {
  const at = <usize>i << 3;
  const p = sigmoid2Lanes(z, withLoss);
  const residual = f64x2.sub(p, v128.load(y + at));
  // Unit weights skip the products with 1 (exact, so the bits are those of s = 1).
  if (weights == 0) {
    if (curvature != 0) v128.store(curvature + at, f64x2.mul(p, f64x2.sub(f64x2.splat(1.0), p)));
    return residual;
  }
  const s = v128.load(weights + at);
  if (curvature != 0) v128.store(curvature + at, f64x2.mul(f64x2.mul(s, p), f64x2.sub(f64x2.splat(1.0), p)));
  return f64x2.mul(s, residual);
}

/**
 * sᵢ·logloss(yᵢ, zᵢ) summed over rows i and i + 1 (row i's term first), from their
 * decision values `z` and e = e^(−|z|) with Math.exp's bits (`lastExactExp` after
 * `pairResiduals` of the same rows with `withLoss`): each term the scalar logLoss's bits.
 */
// @ts-ignore: decorator
@inline
export function pairLoss(z: v128, e: v128, y: usize, weights: usize, i: i32): f64 {
  const at = <usize>i << 3;
  let loss = logLossFromExp2Lanes(z, e, v128.load(y + at));
  if (weights != 0) loss = f64x2.mul(v128.load(weights + at), loss);
  return f64x2.extract_lane(loss, 0) + f64x2.extract_lane(loss, 1);
}
