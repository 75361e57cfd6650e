// Scalar pieces of the logistic model, written so that no finite z produces Inf or NaN.

/**
 * σ(z) = 1 / (1 + e^(−z)).
 * For z ≥ 0 this is the textbook form (e^(−z) ≤ 1 cannot overflow); for z < 0 the
 * algebraically equal e^z / (1 + e^z) avoids e^(−z) overflowing to Inf when z ≪ 0.
 */
// @ts-ignore: decorator
@inline
export function sigmoid(z: f64): f64 {
  if (z >= 0) return 1.0 / (1.0 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1.0 + e);
}

/**
 * Log-loss of one sample with label y ∈ {0, 1} and decision value z:
 *   −y·log σ(z) − (1 − y)·log(1 − σ(z)) = log(1 + e^(−|z|)) + max(z, 0) − y·z.
 * The right-hand form never takes the log of 0 and never exponentiates a positive number.
 */
// @ts-ignore: decorator
@inline
export function logLoss(z: f64, y: f64): f64 {
  return Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0.0) - y * z;
}

// Two-lane exp and sigmoid for the fused passes: one call per pair of rows instead of a
// scalar `Math.exp` per row, which dominates the pass when rows are short.

const INV_LN2: f64 = 1.4426950408889634;
/** ln 2 split so that k·LN2_HI is exact for |k| < 2^11 (Cody–Waite reduction). */
const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;
/** Below this e^x is 0 in float64 (even as a subnormal). */
const EXP_UNDERFLOW: f64 = -745.2;
/** 2^52 + 1023: adding it to an integer-valued k in [−1023, 1024] leaves k + 1023 in the low mantissa bits. */
const EXPONENT_MAGIC: f64 = 4503599627371519.0;

/** 2^k for integer-valued k in both lanes, k + 1023 in [1, 2046]: the bits of k + 1023 moved into the exponent field. */
// @ts-ignore: decorator
@inline
function powerOfTwo2Lanes(k: v128): v128 {
  return i64x2.shl(f64x2.add(k, f64x2.splat(EXPONENT_MAGIC)), 52);
}

/**
 * e^x in both lanes for x ≤ 0 (all the sigmoid needs). x = k·ln 2 + r with |r| ≤ ln2/2;
 * e^r by its Taylor polynomial to degree 13 (truncation below 2^-60 there), evaluated
 * in Estrin's scheme so the lanes wait on a short dependency chain; then scaled by 2^k
 * in two factors so subnormal results round once and correctly. Within a few ulps of
 * e^x; 0 below −745.2; NaN stays NaN.
 */
// @ts-ignore: decorator
@inline
export function expNonPositive2Lanes(x: v128): v128 {
  const t = f64x2.pmax(x, f64x2.splat(EXP_UNDERFLOW));
  const k = f64x2.nearest(f64x2.mul(t, f64x2.splat(INV_LN2)));
  const r = f64x2.sub(f64x2.sub(t, f64x2.mul(k, f64x2.splat(LN2_HI))), f64x2.mul(k, f64x2.splat(LN2_LO)));
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  // Pairs c_n + c_{n+1}·r of the coefficients 1/n!, n = 0 … 13.
  const q0 = f64x2.add(f64x2.splat(1.0), r);
  const q1 = f64x2.add(f64x2.splat(0.5), f64x2.mul(f64x2.splat(0.16666666666666666), r));
  const q2 = f64x2.add(f64x2.splat(4.1666666666666664e-2), f64x2.mul(f64x2.splat(8.333333333333333e-3), r));
  const q3 = f64x2.add(f64x2.splat(1.388888888888889e-3), f64x2.mul(f64x2.splat(1.984126984126984e-4), r));
  const q4 = f64x2.add(f64x2.splat(2.48015873015873e-5), f64x2.mul(f64x2.splat(2.7557319223985893e-6), r));
  const q5 = f64x2.add(f64x2.splat(2.755731922398589e-7), f64x2.mul(f64x2.splat(2.505210838544172e-8), r));
  const q6 = f64x2.add(f64x2.splat(2.08767569878681e-9), f64x2.mul(f64x2.splat(1.6059043836821613e-10), r));
  const low = f64x2.add(f64x2.add(q0, f64x2.mul(q1, r2)), f64x2.mul(f64x2.add(q2, f64x2.mul(q3, r2)), r4));
  const high = f64x2.add(f64x2.add(q4, f64x2.mul(q5, r2)), f64x2.mul(q6, r4));
  const p = f64x2.add(low, f64x2.mul(high, r8));
  // 2^k = 2^k1 · 2^k2 with k1 ≥ −1020, so both factors are normal numbers.
  const k1 = f64x2.pmax(k, f64x2.splat(-1020));
  const k2 = f64x2.sub(k, k1);
  return f64x2.mul(f64x2.mul(p, powerOfTwo2Lanes(k1)), powerOfTwo2Lanes(k2));
}

/**
 * σ(z) in both lanes, stable for any z: with e = e^(−|z|) ≤ 1, σ = 1/(1 + e) for z ≥ 0
 * and e/(1 + e) for z < 0; nothing overflows.
 */
// @ts-ignore: decorator
@inline
export function sigmoid2Lanes(z: v128): v128 {
  const e = expNonPositive2Lanes(f64x2.neg(f64x2.abs(z)));
  const q = f64x2.div(f64x2.splat(1.0), f64x2.add(f64x2.splat(1.0), e));
  return v128.bitselect(q, f64x2.mul(e, q), f64x2.ge(z, f64x2.splat(0)));
}
