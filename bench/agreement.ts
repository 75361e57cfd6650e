/**
 * How far a result is from a reference, as the bench's agreement checks measure it.
 * @module
 */

/**
 * max_j |a_j − reference_j| / max_j |reference_j|: the largest difference relative to the
 * reference's largest magnitude, so a coefficient near zero does not blow the measure up.
 * When the reference is all zeros, the largest absolute difference instead.
 * @param a - the values checked, as many as `reference` (read at its indices only).
 * @param reference - the values checked against.
 * @returns a non-negative number; 0 when the two are equal; NaN when either holds a NaN
 * (or `a` is shorter), which every agreement check then fails.
 * @example
 * ```ts
 * scaledDifference([1, 2.002], [1, 2]); // 0.001
 * ```
 */
export function scaledDifference(a: ArrayLike<number>, reference: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let j = 0; j < reference.length; j++) {
    diff = Math.max(diff, Math.abs(a[j]! - reference[j]!));
    scale = Math.max(scale, Math.abs(reference[j]!));
  }
  return scale > 0 ? diff / scale : diff;
}
