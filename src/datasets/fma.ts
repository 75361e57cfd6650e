/**
 * Exact software emulation of the IEEE-754 binary64 fused multiply-add.
 *
 * JavaScript has no `Math.fma`, but reproducing C code compiled with FMA
 * contraction (glibc's `__log_fma`, see `libm-log.ts`) bit for bit needs the
 * single-rounding `a * b + c`.
 *
 * Fast path (moderate magnitudes, which covers every call made by
 * `glibcLog`): the product is split exactly with Veltkamp/Dekker
 * (TwoProduct), `c` is added to its high part with TwoSum, the two small
 * error terms are added with rounding to odd, and a final round-to-nearest
 * addition yields the correctly rounded sum of the three terms (Boldo &
 * Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms
 * using rounding to odd", IEEE Trans. Computers 57(4), 2008).
 *
 * Everything else (huge or tiny products, overflow, underflow to subnormals,
 * zeros, infinities, NaN) goes through an exact BigInt computation followed by
 * one explicit round-to-nearest-even, so the function is exact for every pair
 * of binary64 inputs, only slower there.
 *
 * @module
 */

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp splitting constant for 53-bit doubles
const TWO_POW_52 = 4503599627370496; // 2^52

/**
 * Fast-path domain. Inside it no intermediate can overflow and every exact
 * value the algorithm manipulates is a multiple of 2^-1074, so subnormal
 * arithmetic behaves exactly like unbounded-exponent arithmetic and the
 * round-to-odd proof applies:
 *  - |a|, |b| <= 2^995: the splitting product 134217729 * a cannot overflow;
 *  - |a * b| >= 2^-960: ulp(a) * ulp(b) > |a * b| / 2^106 >= 2^-1066, so the
 *    product's error term (and every partial product) is exactly representable;
 *  - |a * b|, |c| <= 2^1021: the TwoSum and final additions cannot overflow.
 */
const MAX_SPLIT = 2 ** 995;
const MIN_PRODUCT = 2 ** -960;
const MAX_TERM = 2 ** 1021;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

/**
 * `x + y` rounded to odd: the exact sum when it is representable, otherwise
 * whichever of the two bracketing doubles has an odd last significand bit.
 * Precondition: the sum does not overflow.
 */
function addRoundToOdd(x: number, y: number): number {
  const s = x + y;
  const yv = s - x;
  const err = (x - (s - yv)) + (y - yv); // TwoSum: s + err == x + y exactly
  if (err === 0) return s;
  scratch[0] = s;
  const lo = words[LO]!;
  if ((lo & 1) !== 0) return s; // already odd
  // s is even and inexact (so s != 0): step one ulp towards the exact sum.
  if ((s > 0) === (err > 0)) {
    words[LO] = lo + 1; // even low word: no carry
  } else if (lo === 0) {
    words[LO] = 0xffffffff;
    words[HI] = words[HI]! - 1;
  } else {
    words[LO] = lo - 1;
  }
  return scratch[0]!;
}

/**
 * Fused multiply-add: `a * b + c` computed exactly and rounded once to the
 * nearest binary64 (ties to even), exactly like C's `fma()` / the x86
 * `vfmadd` instructions, including signed zeros, overflow to ±Infinity,
 * subnormal results and NaN/Infinity propagation.
 *
 * Exists because JavaScript lacks `Math.fma` and bit-exact ports of C math
 * code compiled with FMA contraction need it. Domain: all doubles. Inputs of
 * moderate magnitude (|a|, |b| <= 2^995, 2^-960 <= |a*b| <= 2^1021,
 * |c| <= 2^1021) take a fast floating-point path (tens of ns); the rest take
 * an exact BigInt path (microseconds).
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  const ap = Math.abs(p);
  if (
    ap >= MIN_PRODUCT &&
    ap <= MAX_TERM &&
    Math.abs(c) <= MAX_TERM &&
    Math.abs(a) <= MAX_SPLIT &&
    Math.abs(b) <= MAX_SPLIT
  ) {
    // TwoProduct: p + pl == a * b exactly.
    let t = SPLITTER * a;
    const ah = t - (t - a);
    const al = a - ah;
    t = SPLITTER * b;
    const bh = t - (t - b);
    const bl = b - bh;
    const pl = al * bl - (((p - ah * bh) - al * bh) - ah * bl);
    // TwoSum: sh + sl == p + c exactly.
    const sh = p + c;
    const cv = sh - p;
    const sl = (p - (sh - cv)) + (c - cv);
    // sh + sl + pl == a * b + c; round the small part to odd, then to nearest.
    return sh + addRoundToOdd(sl, pl);
  }
  return fmaExact(a, b, c);
}

/** Signed integer significand and exponent: x == m * 2^e exactly (x finite). */
function decompose(x: number): [bigint, number] {
  scratch[0] = x;
  const hi = words[HI]!;
  const lo = words[LO]!;
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = -1074;
  if (biased !== 0) {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  return [hi >>> 31 === 1 ? -m : m, e];
}

function bitLength(m: bigint): number {
  return m.toString(2).length;
}

/** Round the nonzero exact value s * 2^e to the nearest double, ties to even. */
function roundToDouble(s: bigint, e: number): number {
  const negative = s < 0n;
  let m = negative ? -s : s;
  const len = bitLength(m);
  // Exponent of the last significand bit of the result (53 bits, or the
  // fixed 2^-1074 quantum of subnormals).
  let lsb = Math.max(e + len - 53, -1074);
  if (lsb > e) {
    const shift = BigInt(lsb - e);
    const q = m >> shift;
    const rem = m - (q << shift);
    const half = 1n << (shift - 1n);
    m = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
  } else {
    lsb = e; // exactly representable (fewer than 54 bits, e >= -1074)
  }
  // Normalise to 2^52 <= m < 2^53 when the exponent range allows it.
  if (m >= 1n << 53n) {
    m >>= 1n; // only reached as m == 2^53 after rounding up: exact
    lsb += 1;
  }
  while (m !== 0n && m < 1n << 52n && lsb > -1074) {
    m <<= 1n;
    lsb -= 1;
  }
  let value: number;
  if (m === 0n) {
    value = 0;
  } else if (m < 1n << 52n) {
    value = Number(m) * 2 ** -1074; // subnormal: exact (m < 2^52)
  } else {
    const biased = lsb + 1075;
    if (biased >= 2047) {
      value = Infinity;
    } else {
      // (m - 2^52 + 2^52) * 2^lsb built from bits to avoid any rounding.
      const frac = Number(m) - TWO_POW_52;
      words[HI] = (biased << 20) | Math.floor(frac / 4294967296);
      words[LO] = frac % 4294967296;
      value = scratch[0]!;
    }
  }
  return negative ? -value : value;
}

/** Exact path for every input outside the fast-path domain. */
function fmaExact(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a * b + c;
  if (!Number.isFinite(c)) return c; // finite a*b plus ±Infinity or NaN
  if (a === 0 || b === 0) return a * b + c; // exact (signed) zero product
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const mp = ma * mb;
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  const s = (mp << BigInt(ep - e)) + (mc << BigInt(ec - e));
  if (s === 0n) return 0; // exact cancellation of nonzero terms: +0 under round-to-nearest
  return roundToDouble(s, e);
}
