/**
 * Bit-exact port of glibc 2.36's double-precision natural logarithm as it
 * runs on x86-64 CPUs with FMA (the `__log_fma` ifunc variant).
 *
 * numpy's legacy `RandomState` Gaussian sampler (polar method) calls C `log`,
 * so reproducing its streams bit for bit needs the very same results, and
 * neither `Math.log` (about 7% of inputs differ by 1 ulp) nor a correctly
 * rounded log (glibc's is not correctly rounded) provides them.
 *
 * The algorithm is the table-driven one from Arm's optimized-routines that
 * glibc adopted: x = 2^k z with z in [0x1.6p-1, 0x1.6p0), z is mapped to one of
 * 128 subintervals with a tabulated c ~ centre, and
 *   log(x) = k ln2 + log(c) + log1p(z/c - 1),
 * with a separate degree-12 polynomial for x near 1. This file was written
 * from the disassembly of `__log_fma` in Debian 12's libm.so.6: every
 * multiply-add that GCC contracted into a `vfmadd`/`vfnmadd` instruction is an
 * {@link fma} call here, in the same operand order and the same evaluation
 * order, and every plain `vaddsd`/`vsubsd`/`vmulsd` is a plain JS operation.
 *
 * @module
 */

import { fma } from './fma.js';
import { INVC_LOGC_BITS, LN2_HI_LO_BITS, POLY1_BITS, POLY_BITS, decodeAll } from './libm-log-table.js';

const LN2 = decodeAll(LN2_HI_LO_BITS);
const LN2_HI = LN2[0]!;
const LN2_LO = LN2[1]!;
const A = decodeAll(POLY_BITS);
const A0 = A[0]!;
const A1 = A[1]!;
const A2 = A[2]!;
const A3 = A[3]!;
const A4 = A[4]!;
const B = decodeAll(POLY1_BITS);
const B0 = B[0]!;
const B1 = B[1]!;
const B2 = B[2]!;
const B3 = B[3]!;
const B4 = B[4]!;
const B5 = B[5]!;
const B6 = B[6]!;
const B7 = B[7]!;
const B8 = B[8]!;
const B9 = B[9]!;
const B10 = B[10]!;
const INVC_LOGC = decodeAll(INVC_LOGC_BITS); // [invc0, logc0, invc1, logc1, ...]
if (A.length !== 5 || B.length !== 11 || INVC_LOGC.length !== 256) {
  throw new Error('libm-log-table: unexpected table sizes');
}

const TWO_POW_27 = 134217728;
const TWO_POW_52 = 4503599627370496;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

/** High 32 bits of asuint64(1 - 2^-4) and asuint64(1 + 0x1.09p-4) (their low words are 0). */
const NEAR1_LO_HI = 0x3fee0000;
const NEAR1_HI_HI = 0x3ff10900;
/** High word of OFF = asuint64(0x1.6p-1): z = x / 2^k lies in [OFF, 2 OFF). */
const OFF_HI = 0x3fe60000;

/** log(x) for x in [1 - 2^-4, 1 + 0x1.09p-4), x != 1 (glibc's "close to 1.0" branch). */
function logNear1(x: number): number {
  const r = x - 1.0;
  // Polynomial part, in the exact order of the FMA-compiled code.
  const pa0 = fma(r, B2, B1);
  const pb0 = fma(r, B5, B4);
  const r2 = r * r;
  const pc0 = fma(r, B8, B7);
  const pa = fma(r2, B3, pa0); // B1 + r B2 + r2 B3
  const pb = fma(r2, B6, pb0); // B4 + r B5 + r2 B6
  const r3 = r * r2;
  const pc1 = fma(r2, B9, pc0);
  const pc = fma(r3, B10, pc1); // B7 + r B8 + r2 B9 + r3 B10
  const q = fma(fma(pc, r3, pb), r3, pa);
  // hi + lo = r + B0 r^2 (B0 == -0.5), with r split as rhi + rlo.
  // C source: w = r * 0x1p27; rhi = r + w - w; GCC fused both steps.
  const rhi = fma(-TWO_POW_27, r, fma(r, TWO_POW_27, r));
  const rhi2 = rhi * rhi;
  const rlo = r - rhi;
  const hi = fma(rhi2, B0, r);
  const lo0 = fma(rhi2, B0, r - hi);
  const lo = fma(B0 * rlo, r + rhi, lo0);
  return hi + fma(q, r3, lo);
}

/**
 * Natural logarithm that returns exactly what glibc 2.36's `log` returns on an
 * x86-64 CPU with AVX2 and FMA (ifunc variant `__log_fma`, the one Debian 12
 * uses on such machines), for every double.
 *
 * Why: numpy's legacy `RandomState.standard_normal` (used by scikit-learn's
 * `make_classification`) computes `log(r2)` with the C library; matching its
 * output bit for bit requires glibc's exact rounding, which `Math.log` and
 * correctly rounded logarithms do not reproduce (glibc's worst-case error is
 * slightly above 0.5 ulp).
 *
 * Domain: all doubles. Positive finite inputs (normal or subnormal) give
 * glibc's value; `glibcLog(1) === 0`, `glibcLog(±0) === -Infinity`,
 * `glibcLog(Infinity) === Infinity`, and negative numbers, `-Infinity` and NaN
 * give NaN (glibc additionally sets errno / FP flags, which has no JS
 * counterpart). Cost: about ten emulated FMAs, roughly 200 ns per call on
 * Node 20 (x86-64), versus about 10 ns for `Math.log`.
 */
export function glibcLog(x: number): number {
  scratch[0] = x;
  let hi = words[HI]!;
  const lo = words[LO]!;
  if (hi >= NEAR1_LO_HI && hi < NEAR1_HI_HI) {
    if (hi === 0x3ff00000 && lo === 0) return 0; // log(1) = +0
    return logNear1(x);
  }
  const top = hi >>> 16;
  if (top - 0x0010 >= 0x7ff0 - 0x0010 || top < 0x0010) {
    // x < 2^-1022 (zero, subnormal or negative), or x is Infinity or NaN.
    if ((hi & 0x7fffffff) === 0 && lo === 0) return -Infinity; // log(±0)
    if (x === Infinity) return Infinity;
    if ((top & 0x8000) !== 0 || (top & 0x7ff0) === 0x7ff0) return NaN; // x < 0 or NaN
    // Positive subnormal: scale by 2^52 (exact) and subtract 52 from the exponent field.
    scratch[0] = x * TWO_POW_52;
    hi = words[HI]! - (52 << 20);
    // The low word is unchanged by the exponent subtraction.
    return logReduced(hi, words[LO]!);
  }
  return logReduced(hi, lo);
}

/** Main table-driven path for the bit pattern (hi, lo) of a positive normal x (exponent field possibly adjusted). */
function logReduced(hi: number, lo: number): number {
  // tmp = ix - OFF; the low word of OFF is zero, so only the high word changes.
  const tmpHi = (hi - OFF_HI) | 0;
  const i = (tmpHi >>> 13) & 127; // (tmp >> 45) % 128
  const k = tmpHi >> 20; // arithmetic shift: (int64) tmp >> 52
  // z = asdouble(ix - (tmp & 0xfff << 52)), so that x = 2^k z exactly.
  words[HI] = (hi - (tmpHi & 0xfff00000)) >>> 0;
  words[LO] = lo;
  const z = scratch[0]!;
  const invc = INVC_LOGC[2 * i]!;
  const logc = INVC_LOGC[2 * i + 1]!;
  const kd = k;

  const w = fma(kd, LN2_HI, logc); // kd*Ln2hi is exact; kept as the binary's vfmadd
  const r = fma(z, invc, -1.0); // r = z/c - 1, |r| < 2^-8
  const p1 = fma(r, A2, A1);
  const sum = w + r; // "hi"
  const r2 = r * r;
  const lo1 = fma(kd, LN2_LO, (w - sum) + r); // "lo" = w - hi + r + kd*Ln2lo
  const r3 = r * r2;
  const p2 = fma(r, A4, A3);
  const lo2 = fma(r2, A0, lo1);
  const p = fma(p2, r2, p1); // A1 + r A2 + r2 (A3 + r A4)
  return fma(r3, p, lo2) + sum;
}
