/**
 * The grid of inverse regularisation strengths C that a path or a cross-validated search
 * visits, read as scikit-learn reads `Cs`: a count n means numpy's
 * `logspace(-4, 4, n)`; an array is taken as given, in its order.
 * @module
 */
import { glibcPow } from '../datasets/libm-pow.js';
import { isArrayLike } from '../validate/array-like.js';
import { describeKind } from '../validate/describe.js';
import { checkInteger, checkPositive } from '../validate/options.js';

/** The largest count of Cs accepted (a grid beyond it is a mistake, not a search). */
const MAX_CS = 100_000;

/**
 * numpy's `logspace(start, stop, n)` for n ≥ 1: 10 raised to `start + i·step`, step =
 * (stop − start)/(n − 1), with the last exponent exactly `stop`, as `linspace` forms it.
 * The exponents are numpy's to the bit; the powers are glibc's `pow` (a port, so every
 * engine gives the same grid), which numpy calls on CPUs without AVX-512; on CPUs with it
 * numpy's own SIMD routine can differ in the last bit.
 */
export function logspace(start: number, stop: number, n: number): Float64Array {
  const step = n > 1 ? (stop - start) / (n - 1) : 0;
  return Float64Array.from({ length: n }, (_, i) => glibcPow(10, i === n - 1 && n > 1 ? stop : i * step + start));
}

/**
 * Reads `Cs`: an integer n ≥ 1 (the grid 10^-4 … 10^4 of n values, log-spaced), or a
 * non-empty array of finite numbers > 0.
 * @throws TypeError for another kind; RangeError for a count below 1, an empty array or
 * a value that is not finite and > 0 (naming `Cs[i]`).
 */
export function readCs(where: string, value: unknown): Float64Array {
  if (typeof value === 'number') return logspace(-4, 4, checkInteger(where, 'Cs', value, 1, MAX_CS));
  if (!isArrayLike(value)) {
    throw new TypeError(`${where}: Cs must be a count of values or an array of numbers, got ${describeKind(value)}`);
  }
  if (value.length === 0) throw new RangeError(`${where}: Cs must hold at least one value, got an empty array`);
  if (value.length > MAX_CS) throw new RangeError(`${where}: Cs must hold at most ${MAX_CS} values, got ${value.length}`);
  return Float64Array.from({ length: value.length }, (_, i) => checkPositive(where, `Cs[${i}]`, value[i]));
}
