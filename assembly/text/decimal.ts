// Decimal text to float64, correctly rounded, for the CSV reader's fast path. A number is
// read as a 64-bit integer w of at most 19 significant digits and a power of ten q; its
// value w · 10^q is then rounded to the nearest float64 (ties to even) by
//  - Clinger's exact case: w < 2^53 and |q| ≤ 22, where w and 10^|q| are both exact
//    float64 values, so one multiplication or division rounds once;
//  - otherwise the Eisel–Lemire method: w times the first 128 bits of 10^q (rounded down,
//    assembly/text/pow10-table.ts) gives the leading bits of the product with an error of
//    less than w in the low word; when that error could change the rounding, or the value
//    is subnormal, infinite or halfway between two float64 values, it gives up.
// Giving up is never a wrong answer: the caller (src/core/csv-numbers.ts) reads such a cell
// with JavaScript's own Number, as it reads every cell that is not plain decimal notation.

import { POW10_MAX_Q, POW10_MIN_Q, POW10_TABLE } from './pow10-table';

/** 10^0 … 10^22: each exactly a float64. */
const EXACT_POW10: usize = memory.data<f64>([
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]);

/** The high 64 bits of the 128-bit product a · b. */
// @ts-ignore: decorator
@inline
function mulHigh(a: u64, b: u64): u64 {
  const a0 = a & 0xffffffff;
  const a1 = a >> 32;
  const b0 = b & 0xffffffff;
  const b1 = b >> 32;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const middle = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
  return a1 * b1 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
}

/** The float64 nearest to w · 10^q (w > 0), negated when `negative`; NaN when this method cannot decide. */
export function decimalToFloat(w: u64, q: i32, negative: bool): f64 {
  if (w == 0) return negative ? -0.0 : 0.0;
  if (w <= 0x20000000000000 && q >= -22 && q <= 22) {
    const m = <f64>w;
    const p = load<f64>(EXACT_POW10 + (<usize>(q < 0 ? -q : q) << 3));
    const v = q < 0 ? m / p : m * p;
    return negative ? -v : v;
  }
  if (q < POW10_MIN_Q || q > POW10_MAX_Q) return NaN;
  const entry = POW10_TABLE + (<usize>(q - POW10_MIN_Q) << 4);
  const tHigh = load<u64>(entry);
  const tLow = load<u64>(entry, 8);
  const shift = <i32>clz(w);
  const m = w << shift;
  // The product m · T, T = 10^q's leading 128 bits: its high and low words from m · tHigh.
  let high = mulHigh(m, tHigh);
  let low = m * tHigh;
  // The neglected m · tLow (and tLow's own truncation) add less than m to `low`: when that
  // could carry into the 9 bits below the 55 kept, take m · tLow's high word in.
  if ((high & 0x1ff) == 0x1ff && low + m < low) {
    const lowHigh = mulHigh(m, tLow);
    const lowLow = m * tLow;
    const mergedLow = low + lowHigh;
    const mergedHigh = high + (mergedLow < low ? 1 : 0);
    if ((mergedHigh & 0x1ff) == 0x1ff && mergedLow + 1 == 0 && lowLow + m < lowLow) return NaN;
    high = mergedHigh;
    low = mergedLow;
  }
  const top = high >> 63;
  let mantissa = high >> (top + 9);
  // Biased binary exponent: ⌊log₂ 10^q⌋ = (217706 · q) >> 16 over the table's range.
  let exponent = <i64>((217706 * q) >> 16) + 63 + 1023 - <i64>shift + <i64>top;
  // Exactly halfway between two float64 values (or too close to tell): ties need the exact value.
  if (low == 0 && (high & 0x1ff) == 0 && (mantissa & 3) == 1) return NaN;
  mantissa += mantissa & 1;
  mantissa >>= 1;
  if (mantissa >> 53 != 0) {
    mantissa >>= 1;
    exponent++;
  }
  // Subnormal, zero, or beyond float64's range.
  if (exponent < 1 || exponent > 0x7fe) return NaN;
  const bits = (<u64>exponent << 52) | (mantissa & 0xfffffffffffff) | (negative ? 0x8000000000000000 : 0);
  return reinterpret<f64>(bits);
}
