/**
 * Axis ticks: on a linear axis, about a wanted number of round values (1, 2 or 5 × 10^k
 * apart) labelled without floating-point noise; on a log axis, whole decades.
 * @module
 */
import type { Domain } from './domain.js';

/** One tick: its data value and its label. */
export interface Tick {
  value: number;
  label: string;
}

/** Options of {@link linearTicks}. */
export interface TickOptions {
  /**
   * Labels of values at least this large in magnitude are written in exponent form
   * with one decimal (`1.5e+6`, as `toExponential(1)`), to keep them narrow.
   * @default Infinity
   */
  exponentFrom?: number;
}

/** No axis needs more labels than this; it bounds the work on a degenerate request. */
const MAX_TICKS = 100;

/**
 * About `count` ticks inside `domain`, spaced by a step of 1, 2 or 5 × 10^k. The step
 * is the one nearest `span / count`, rounding towards more ticks (mantissa below 1.5 → 1,
 * below 3 → 2, below 7 → 5, else 10). Values are integer multiples of the step (divided
 * by an exact power of ten for fractional steps), so they carry no floating-point
 * drift; labels have exactly the step's number of decimals, `0` is written `0` and no
 * label is `-0`.
 *
 * @param domain - The axis range, `min < max`.
 * @param count - The wanted number of ticks (at least 1 is assumed).
 * @param options - See {@link TickOptions}.
 * @returns The ticks in increasing order; empty when the domain is empty or not finite.
 * @example
 * linearTicks({ min: -0.05, max: 1.05 }, 5).map((t) => t.label); // ['0', '0.2', '0.4', '0.6', '0.8', '1.0']
 */
export function linearTicks(domain: Domain, count: number, options: TickOptions = {}): Tick[] {
  const raw = (domain.max - domain.min) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return [];
  let k = Math.floor(Math.log10(raw));
  const norm = raw / 10 ** k;
  let m: number;
  if (norm < 1.5) m = 1;
  else if (norm < 3) m = 2;
  else if (norm < 7) m = 5;
  else {
    m = 1;
    k += 1;
  }
  // Dividing by the exact integer 10^-k keeps 0.1-steps exact (3 / 10 is 0.3; 3 * 0.1 is not).
  const at = (i: number): number => (k >= 0 ? i * m * 10 ** k : (i * m) / 10 ** -k);
  const step = at(1);
  const decimals = Math.max(0, -k);
  const exponentFrom = options.exponentFrom ?? Infinity;
  // `+ 0` turns the -0 that ceil gives for a domain starting at 0 into a plain 0 value.
  const first = Math.ceil(domain.min / step - 1e-9) + 0;
  const last = Math.floor(domain.max / step + 1e-9);
  const ticks: Tick[] = [];
  for (let i = first; i <= last && ticks.length < MAX_TICKS; i++) {
    const value = at(i);
    const label = i === 0 ? '0' : Math.abs(value) >= exponentFrom ? value.toExponential(1) : value.toFixed(decimals);
    ticks.push({ value, label: label.replace(/^-(0(\.0+)?)$/, '$1') });
  }
  return ticks;
}

/**
 * The smallest range of whole decades `[10^a, 10^b]` (`a < b`) holding every positive
 * finite value: the domain of a log axis ticked at each power of ten.
 *
 * @param values - The data values; zero, negative and non-finite ones are ignored.
 * @returns The decade range, `[1, 10]` when no value is usable.
 * @example
 * decadeDomain([3, 250]); // { min: 1, max: 1000 }
 */
export function decadeDomain(values: ArrayLike<number>): Domain {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!(v > 0) || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo > hi) return { min: 1, max: 10 };
  const a = Math.floor(Math.log10(lo));
  const b = Math.max(a + 1, Math.ceil(Math.log10(hi)));
  return { min: power10(a), max: power10(b) };
}

/**
 * The powers of ten in a decade domain, with their exponents.
 *
 * @param domain - A domain from {@link decadeDomain}.
 * @returns One entry per power of ten `10^e` in `[min, max]`, increasing.
 * @example
 * decades({ min: 1, max: 100 }).map((d) => d.exponent); // [0, 1, 2]
 */
export function decades(domain: Domain): { exponent: number; value: number }[] {
  const out: { exponent: number; value: number }[] = [];
  for (let e = Math.round(Math.log10(domain.min)); e <= Math.round(Math.log10(domain.max)); e++) out.push({ exponent: e, value: power10(e) });
  return out;
}

/** The double nearest 10^e (parsed from `1e{e}`; `10 ** e` can be an ulp off for e < 0). */
function power10(e: number): number {
  return Number(`1e${e}`);
}
