/**
 * Bit-exact port of glibc 2.36's double-precision `pow` as it runs on x86-64
 * CPUs with FMA (the `__ieee754_pow_fma` ifunc variant), for a positive
 * finite base and a finite exponent.
 *
 * JavaScript's `**` is not glibc's `pow`: V8 rounds some results differently
 * in the last bit (and other engines differently again), while C code gets
 * glibc's: Python's `float.__pow__`, and numpy's `power` on CPUs without
 * AVX-512 (on those numpy uses its own SIMD routine, whose last bit differs
 * again). `logspace` (src/model-selection/cs.ts) uses it, so the grid of C is
 * the same in every engine.
 *
 * The algorithm is Arm optimized-routines' `pow`, which glibc adopted:
 * log(x) is computed to about 2^-68 relative accuracy as a double-double
 * hi + lo (x = 2^k z, z mapped to one of 128 subintervals with a tabulated
 * c ~ 1/invc, log(x) = k ln2 + log(c) + log1p(z invc - 1)), multiplied by y
 * into ehi + elo, and exp(ehi + elo) evaluated as 2^(n/128) (table) times a
 * degree-5 polynomial. This file was written from the disassembly of
 * `__ieee754_pow_fma` in Debian 12's libm.so.6: every multiply-add that GCC
 * contracted into a `vfmadd`/`vfmsub` instruction is an {@link fma} call here,
 * with the evaluation order of the binary, and every plain
 * `vaddsd`/`vsubsd`/`vmulsd` is a plain JS operation.
 *
 * @module
 */

import { fma } from './fma.js';
import { decodeAll, decodeBits } from './libm-log-table.js';
import {
  EXP_CONSTANT_BITS,
  EXP_TABLE_BITS,
  POW_LN2_HI_LO_BITS,
  POW_LOG_POLY_BITS,
  POW_LOG_TABLE_BITS,
} from './libm-pow-table.js';

const LN2 = decodeAll(POW_LN2_HI_LO_BITS);
const LN2_HI = LN2[0]!;
const LN2_LO = LN2[1]!;
const A = decodeAll(POW_LOG_POLY_BITS);
const A0 = A[0]!;
const A1 = A[1]!;
const A2 = A[2]!;
const A3 = A[3]!;
const A4 = A[4]!;
const A5 = A[5]!;
const A6 = A[6]!;
const LOG_TABLE = decodeAll(POW_LOG_TABLE_BITS); // [invc0, logc0, logctail0, invc1, ...]
const E = decodeAll(EXP_CONSTANT_BITS);
const INV_LN2_N = E[0]!;
const NEG_LN2_HI_N = E[1]!;
const NEG_LN2_LO_N = E[2]!;
const C2 = E[3]!;
const C3 = E[4]!;
const C4 = E[5]!;
const C5 = E[6]!;
const SHIFT = E[7]!;
/** tail_j of the 2^(j/128) table as numbers, and its 64-bit words as two 32-bit halves. */
const EXP_TAIL = new Float64Array(128);
const EXP_SBITS_HI = new Uint32Array(128);
const EXP_SBITS_LO = new Uint32Array(128);
for (let j = 0; j < 128; j++) {
  EXP_TAIL[j] = decodeBits(EXP_TABLE_BITS[2 * j]!);
  const word = EXP_TABLE_BITS[2 * j + 1]!;
  EXP_SBITS_HI[j] = parseInt(word.slice(0, 8), 16);
  EXP_SBITS_LO[j] = parseInt(word.slice(8), 16);
}
if (A.length !== 7 || LOG_TABLE.length !== 384 || E.length !== 8 || EXP_TABLE_BITS.length !== 256) {
  throw new Error('libm-pow-table: unexpected table sizes');
}

const TWO_POW_52 = 4503599627370496;
const TWO_POW_1009 = 2 ** 1009;
const TWO_POW_M1022 = 2 ** -1022;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

/** High word of OFF = asuint64(0x1.6955500000000p-1) (low word 0): z = x / 2^k lies in [OFF, 2 OFF). */
const OFF_HI = 0x3fe69555;
/** High word of asuint64(1.0). */
const ONE_HI = 0x3ff00000;

/** log(x) as the double-double logHi + logLo, set by {@link logInline}. */
let logHi = 0;
let logLo = 0;

/** log(x) for the bit pattern (hi, lo) of a positive normal x (exponent field possibly adjusted). */
function logInline(hi: number, lo: number): void {
  // tmp = ix - OFF; the low word of OFF is zero, so only the high word changes.
  const tmpHi = (hi - OFF_HI) | 0;
  const i = (tmpHi >>> 13) & 127; // (tmp >> 45) % 128
  const k = tmpHi >> 20; // arithmetic shift: (int64) tmp >> 52
  // z = asdouble(ix - (tmp & 0xfff << 52)), so that x = 2^k z exactly.
  words[HI] = (hi - (tmpHi & 0xfff00000)) >>> 0;
  words[LO] = lo;
  const z = scratch[0]!;
  const invc = LOG_TABLE[3 * i]!;
  const logc = LOG_TABLE[3 * i + 1]!;
  const logctail = LOG_TABLE[3 * i + 2]!;
  const kd = k;

  const t1 = fma(kd, LN2_HI, logc); // k ln2hi + log(c): the product is exact
  const lo1 = fma(kd, LN2_LO, logctail);
  const r = fma(z, invc, -1.0); // exact: invc has few bits and |r| < 2^-7
  const ar = r * A0; // -r/2
  const pa = fma(r, A2, A1);
  const pb = fma(r, A4, A3);
  const t2 = r + t1;
  const ar2 = r * ar; // -r^2/2, rounded
  const d = t1 - t2;
  const ar3 = r * ar2;
  const lo3 = fma(ar, r, -ar2); // rounding error of ar2
  const lo2 = d + r; // rounding error of t2
  const pc = fma(r, A6, A5);
  const h = t2 + ar2;
  const e = t2 - h;
  const q1 = fma(pc, ar2, pb);
  const lo4 = e + ar2; // rounding error of h
  const q = fma(ar2, q1, pa);
  // Sum of the small terms, in the binary's order, then the polynomial's r^3.. part fused in.
  const sumLo = fma(ar3, q, ((lo1 + lo2) + lo3) + lo4);
  logHi = h + sumLo;
  logLo = (h - logHi) + sumLo;
}

/**
 * exp(ehi + elo) for |ehi| in [2^-54, 1024) (glibc's `specialcase` branch
 * included when `nearLimits`, i.e. for |ehi| >= 512).
 */
function expInline(ehi: number, elo: number, nearLimits: boolean): number {
  // n = round(ehi * 128/ln2) lands in the low bits of kd (Shift = 0x1.8p52).
  const kd = fma(ehi, INV_LN2_N, SHIFT);
  scratch[0] = kd;
  const kiLo = words[LO]!;
  const n = kd - SHIFT;
  const r0 = fma(n, NEG_LN2_HI_N, ehi);
  const r1 = fma(n, NEG_LN2_LO_N, r0);
  const j = kiLo & 127;
  // sbits = T[2j + 1] + (ki << 45): the shift keeps the low 19 bits of ki, which land in the high word.
  let sbitsHi = (EXP_SBITS_HI[j]! + (kiLo << 13)) >>> 0;
  const sbitsLo = EXP_SBITS_LO[j]!;
  const r = elo + r1;
  const p1 = fma(r, C3, C2);
  const tr = r + EXP_TAIL[j]!;
  const r2 = r * r;
  const p2 = fma(r, C5, C4);
  const t3 = fma(p1, r2, tr);
  const r4 = r2 * r2;
  const tmp = fma(p2, r4, t3); // 2^(r/ln2 .. ) - 1 plus the table's tail
  if (!nearLimits) {
    words[HI] = sbitsHi;
    words[LO] = sbitsLo;
    const scale = scratch[0]!;
    return fma(tmp, scale, scale);
  }
  if ((kiLo & 0x80000000) === 0) {
    // n > 0: the scale's exponent may have overflowed; build it 2^1009 smaller.
    words[HI] = (sbitsHi - (1009 << 20)) >>> 0;
    words[LO] = sbitsLo;
    const scale = scratch[0]!;
    return fma(tmp, scale, scale) * TWO_POW_1009;
  }
  // n < 0: build the scale 2^1022 larger and round once into the subnormal range.
  sbitsHi = (sbitsHi + (1022 << 20)) >>> 0;
  words[HI] = sbitsHi;
  words[LO] = sbitsLo;
  const scale = scratch[0]!;
  const st = tmp * scale;
  let y = scale + st;
  if (Math.abs(y) < 1.0) {
    const lo = (scale - y) + st;
    const one = y < 0 ? -1.0 : 1.0;
    const hi = y + one;
    const low = ((one - hi) + y) + lo;
    y = (low + hi) - one;
    if (y === 0) y = (sbitsHi & 0x80000000) !== 0 ? -0 : 0;
  }
  return y * TWO_POW_M1022;
}

/**
 * `x` raised to the power `y`, exactly as glibc 2.36's `pow` returns it on an
 * x86-64 CPU with AVX2 and FMA (ifunc variant `__ieee754_pow_fma`, the one
 * Debian 12 uses on such machines), for every positive finite `x` (normal or
 * subnormal) and every finite `y`.
 *
 * Why: C code computes powers with glibc (Python's `10.0 ** y`, numpy's
 * `power` where it does not use SVML), and V8's `**` differs from it in the
 * last bit on many inputs.
 *
 * Results: glibc's value, overflow to `Infinity` and underflow to `0`
 * included; `glibcPow(1, y) === 1`, `glibcPow(x, 0) === 1`.
 *
 * Out of scope: `x <= 0`, `x` infinite or NaN, `y` infinite or NaN. These
 * return `x ** y`, which agrees with glibc except on its IEEE special cases
 * (for instance `pow(1, NaN) = 1` and `pow(-1, ±Infinity) = 1` in C, NaN in
 * JS) and, for a negative `x` with an integer `y`, in the last bit. Harmless
 * for the callers: `logspace` passes base 10 and finite exponents only.
 *
 * Cost: about twenty emulated FMAs, roughly 1.5 µs per call on Node 20
 * (x86-64), versus about 0.2 µs for `**`.
 *
 * @param x - The base; glibc's result for any finite `x > 0`.
 * @param y - The exponent; glibc's result for any finite `y`.
 * @returns glibc's `pow(x, y)`.
 * @example
 * ```ts
 * glibcPow(10, -0.7999999999999998); // 0.15848931924611143
 * glibcPow(2, 0.5); // 1.4142135623730951
 * ```
 */
export function glibcPow(x: number, y: number): number {
  if (!(x > 0) || x === Infinity || !Number.isFinite(y)) return x ** y;
  scratch[0] = y;
  const yTop = (words[HI]! >>> 20) & 0x7ff;
  scratch[0] = x;
  let hi = words[HI]!;
  let lo = words[LO]!;
  if (yTop < 0x3be || yTop >= 0x43e) {
    // |y| < 2^-65 (zero included) or |y| >= 2^63.
    if (y === 0) return 1.0;
    if (hi === ONE_HI && lo === 0) return 1.0;
    const below1 = hi < ONE_HI; // x < 1 (x == 1 was handled)
    if (yTop >= 0x3be) return below1 === y > 0 ? 0 : Infinity; // huge |y|
    return below1 ? 1.0 - y : y + 1.0; // tiny |y|
  }
  if (hi < 0x00100000) {
    // Subnormal x: scale by 2^52 (exact) and take 52 off the exponent field.
    scratch[0] = x * TWO_POW_52;
    hi = words[HI]! - (52 << 20);
    lo = words[LO]!;
  }
  logInline(hi, lo);
  const ehi = y * logHi;
  const elo = fma(y, logLo, fma(logHi, y, -ehi));
  scratch[0] = ehi;
  const abstop = (words[HI]! >>> 20) & 0x7ff;
  if (abstop < 0x3c9) return 1.0 + ehi; // |ehi| < 2^-54
  if (abstop > 0x408) return ehi < 0 ? 0 : Infinity; // |ehi| >= 1024
  return expInline(ehi, elo, abstop === 0x408);
}
