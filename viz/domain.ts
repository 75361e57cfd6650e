/**
 * The data range an axis shows.
 * @module
 */

/** A closed interval `[min, max]` of data values shown along one axis; `min < max` for every domain this module returns. */
export interface Domain {
  min: number;
  max: number;
}

/**
 * The range of the finite `values`, padded by 5 % of its span on each side so no point
 * sits on the frame. A single distinct value `v` gets `v ± |v|/10` (`0 ± 1` for 0), a span
 * that overflows gets `±1`, and no finite value at all gives `[-1, 1]`.
 *
 * @param values - The data values; NaN and ±Infinity are ignored.
 * @returns The padded domain.
 * @example
 * paddedDomain([0, 10]); // { min: -0.5, max: 10.5 }
 */
export function paddedDomain(values: ArrayLike<number>): Domain {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { min: -1, max: 1 };
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) {
    const half = min === 0 || !Number.isFinite(span) ? 1 : Math.abs(min) * 0.1;
    return { min: min - half, max: max + half };
  }
  return { min: min - span * 0.05, max: max + span * 0.05 };
}
