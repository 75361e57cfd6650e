/**
 * Scales: the maps from data values to pixels.
 * @module
 */
import type { Domain } from './domain.js';

/** A map from a data value to a pixel coordinate. */
export type Scale = (value: number) => number;

/**
 * The linear map sending `domain.min` to `from` and `domain.max` to `to` (pass
 * `from > to` for a vertical axis, whose pixels grow downwards).
 *
 * @param domain - The data range, `min < max`.
 * @param from - The pixel of `domain.min`.
 * @param to - The pixel of `domain.max`.
 * @returns The scale; values outside the domain map outside `[from, to]`.
 * @example
 * linearScale({ min: 0, max: 10 }, 500, 100)(2.5); // 400
 */
export function linearScale(domain: Domain, from: number, to: number): Scale {
  const { min, max } = domain;
  return (v) => from + ((v - min) / (max - min)) * (to - from);
}

/**
 * The logarithmic map sending `domain.min` to `from` and `domain.max` to `to`: equal
 * ratios of data take equal distances.
 *
 * @param domain - The data range, `0 < min < max`.
 * @param from - The pixel of `domain.min`.
 * @param to - The pixel of `domain.max`.
 * @returns The scale, defined for positive values.
 * @example
 * logScale({ min: 1, max: 1000 }, 0, 300)(10); // 100
 */
export function logScale(domain: Domain, from: number, to: number): Scale {
  const lo = Math.log10(domain.min);
  const hi = Math.log10(domain.max);
  return (v) => from + ((Math.log10(v) - lo) / (hi - lo)) * (to - from);
}
