/**
 * A log axis for values that need not span whole decades (a loss curve often stays
 * within one): its domain from the data and about a wanted number of ticks, at powers
 * of ten when the range spans enough of them, else at 1-2-5 or 1…9 × 10^k.
 * @module
 */
import type { Domain } from './domain.js';
import { linearTicks, type Tick } from './ticks.js';

/** Tick mantissas below whole decades, coarsest first: each set is tried in turn until one gives enough ticks. */
const MANTISSAS: readonly (readonly number[])[] = [[1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]];

/** No axis needs more labels than this; it bounds the work on a degenerate request. */
const MAX_TICKS = 100;

/**
 * The range of the positive finite `values` on a log axis, padded by 5 % of its span
 * in decades on each side (a single distinct value `v` gets `v ÷ 10^0.05 … v × 10^0.05`).
 *
 * @param values - The data values; zero, negative and non-finite ones cannot be drawn on a log axis and are ignored.
 * @returns The padded domain, or `null` when no value is positive and finite.
 * @example
 * logDomain([0.1, 10]); // { min: 0.0891…, max: 11.22… }
 */
export function logDomain(values: ArrayLike<number>): Domain | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!(v > 0) || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return null;
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  const pad = b > a ? (b - a) * 0.05 : 0.05;
  return { min: 10 ** (a - pad), max: 10 ** (b + pad) };
}

/**
 * `domain` widened to the nearest d × 10^k (one significant digit) outside each end, so
 * that both ends carry a tick of {@link logTicks}, when that widens the span (in decades)
 * by at most a quarter on that side; otherwise that end is kept.
 *
 * @param domain - A log-axis domain, `0 < min < max`.
 * @returns The widened domain.
 * @example
 * niceLogDomain({ min: 0.2324, max: 0.6931 }); // { min: 0.2, max: 0.7 }
 */
export function niceLogDomain(domain: Domain): Domain {
  const { min, max } = domain;
  if (!(min > 0) || !(max > min) || !Number.isFinite(max)) return domain;
  const span = Math.log10(max) - Math.log10(min);
  const lowE = Math.floor(Math.log10(min));
  const low = tickValue(Math.floor(Number((min / tickValue(1, lowE)).toPrecision(12))), lowE);
  const highE = Math.floor(Math.log10(max));
  const highM = Math.ceil(Number((max / tickValue(1, highE)).toPrecision(12)));
  const high = tickValue(highM, highE);
  return {
    min: low > 0 && Math.log10(min) - Math.log10(low) <= span / 4 ? low : min,
    max: Math.log10(high) - Math.log10(max) <= span / 4 ? high : max,
  };
}

/**
 * About `count` ticks for a log axis over `domain`: powers of ten (every k-th one when
 * there are many decades) when at least `count - 1` (and 2) of them fall inside; else 1, 2, 5 × 10^k;
 * else 1…9 × 10^k; and, for a range too narrow for any of these to give two ticks,
 * linear ticks (still placed by the log scale, so their spacing narrows upwards).
 * Labels are plain decimals from 0.001 to below 100,000 and exponent form outside
 * (`1e-5`, `2e+6`), with no floating-point noise.
 *
 * @param domain - The axis range, `0 < min < max`.
 * @param count - The wanted number of ticks (at least 2 is assumed).
 * @returns The ticks in increasing order; empty when the domain is not positive, finite and non-empty.
 * @example
 * logTicks({ min: 0.001, max: 1 }, 4).map((t) => t.label); // ['0.001', '0.01', '0.1', '1']
 * logTicks({ min: 0.15, max: 0.75 }, 4).map((t) => t.label); // ['0.2', '0.3', '0.4', '0.5', '0.6', '0.7']
 */
export function logTicks(domain: Domain, count: number): Tick[] {
  const { min, max } = domain;
  if (!(min > 0) || !(max > min) || !Number.isFinite(max)) return [];
  const want = Math.max(2, Math.round(count));
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  // Powers of ten inside the domain; with many, every k-th one, so that about `want` are labelled.
  const first = Math.ceil(Math.log10(min) - 1e-12);
  const last = Math.floor(Math.log10(max) + 1e-12);
  if (last - first + 1 >= Math.max(2, want - 1)) {
    const stride = Math.max(1, Math.floor((last - first + 1) / want));
    const powers: Tick[] = [];
    for (let e = Math.ceil(first / stride) * stride; e <= last && powers.length < MAX_TICKS; e += stride) {
      const value = tickValue(1, e);
      if (value >= min && value <= max) powers.push({ value, label: logLabel(value) });
    }
    if (powers.length >= 2) return powers;
  }
  let best: Tick[] = [];
  for (const mantissas of MANTISSAS) {
    const ticks: Tick[] = [];
    for (let e = lo; e <= hi && ticks.length < MAX_TICKS; e++) {
      for (const m of mantissas) {
        const value = tickValue(m, e);
        if (value >= min && value <= max) ticks.push({ value, label: logLabel(value) });
      }
    }
    best = ticks;
    if (ticks.length >= want) break;
  }
  return best.length >= 2 ? best : linearTicks(domain, want);
}

/** `m × 10^e` as the double nearest the decimal (parsed, so 3 × 10^-1 is 0.3, not 0.30000000000000004). */
function tickValue(m: number, e: number): number {
  return Number(`${m}e${e}`);
}

/**
 * A log-axis label: a plain decimal from 0.001 to below 100,000, exponent form outside.
 *
 * @param value - A positive tick value.
 * @returns The label, e.g. `'0.02'`, `'300'`, `'1e-5'`, `'2e+6'`.
 * @example
 * logLabel(0.00002); // '2e-5'
 */
export function logLabel(value: number): string {
  return value >= 1e-3 && value < 1e5 ? String(Number(value.toPrecision(12))) : Number(value.toPrecision(12)).toExponential();
}
