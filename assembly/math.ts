import { madd64 } from './simd';

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

// ---------------------------------------------------------------------------------------
// Fast path, −708 ≤ x ≤ 0: table-driven. With N = 2^7, x = (k/N)·ln 2 + r, |r| ≤ ln 2/(2N);
// k = N·m + j, e^x = 2^m · 2^(j/N) · e^r with 2^(j/N) from a table and e^r − 1 by its
// Taylor polynomial to degree 5 (truncation below 2^-68 for |r| ≤ 0.0028). Every
// operation is a plain IEEE add, multiply or integer op: the bits are the same on every host.

/** N/ln 2 for N = 128. */
const N_OVER_LN2: f64 = 184.6649652337873;
/** 1.5·2^52: adding it rounds N·x/ln 2 to an integer k, left in the low mantissa bits. */
const ROUND_SHIFT: f64 = 6755399441055744.0;
/** ln 2 / N split so that k·head is exact for |k| < 2^17 (Cody–Waite reduction). */
const LN2_OVER_N_HEAD: f64 = 0.005415212348111709;
const LN2_OVER_N_TAIL: f64 = 1.2864023111638346e-14;
/** Below this 2^m may leave the normal range; such lanes take the wide path. */
const EXP_TABLE_BELOW: f64 = -708.0;
/**
 * For j = 0 … 127 a pair: the tail t_j, then the bits of s_j = 2^(j/128) rounded to nearest
 * minus j·2^45 (adding k·2^45, the bits of the rounded k shifted into place, then gives the
 * bits of 2^m · s_j); 2^(j/128) = s_j·(1 + t_j) to well below an ulp. Only the exact exp
 * below reads the tails. Written by tools/exp-table.py; the same numbers as musl's
 * `__exp_data.tab`, which the core's scalar Math.exp reads.
 */
const EXP_TABLE: usize = memory.data<u64>([
  0x0000000000000000, 0x3ff0000000000000, 0x3c9b3b4f1a88bf6e, 0x3feff63da9fb3335,
  0xbc7160139cd8dc5d, 0x3fefec9a3e778061, 0xbc905e7a108766d1, 0x3fefe315e86e7f85,
  0x3c8cd2523567f613, 0x3fefd9b0d3158574, 0xbc8bce8023f98efa, 0x3fefd06b29ddf6de,
  0x3c60f74e61e6c861, 0x3fefc74518759bc8, 0x3c90a3e45b33d399, 0x3fefbe3ecac6f383,
  0x3c979aa65d837b6d, 0x3fefb5586cf9890f, 0x3c8eb51a92fdeffc, 0x3fefac922b7247f7,
  0x3c3ebe3d702f9cd1, 0x3fefa3ec32d3d1a2, 0xbc6a033489906e0b, 0x3fef9b66affed31b,
  0xbc9556522a2fbd0e, 0x3fef9301d0125b51, 0xbc5080ef8c4eea55, 0x3fef8abdc06c31cc,
  0xbc91c923b9d5f416, 0x3fef829aaea92de0, 0x3c80d3e3e95c55af, 0x3fef7a98c8a58e51,
  0xbc801b15eaa59348, 0x3fef72b83c7d517b, 0xbc8f1ff055de323d, 0x3fef6af9388c8dea,
  0x3c8b898c3f1353bf, 0x3fef635beb6fcb75, 0xbc96d99c7611eb26, 0x3fef5be084045cd4,
  0x3c9aecf73e3a2f60, 0x3fef54873168b9aa, 0xbc8fe782cb86389d, 0x3fef4d5022fcd91d,
  0x3c8a6f4144a6c38d, 0x3fef463b88628cd6, 0x3c807a05b0e4047d, 0x3fef3f49917ddc96,
  0x3c968efde3a8a894, 0x3fef387a6e756238, 0x3c875e18f274487d, 0x3fef31ce4fb2a63f,
  0x3c80472b981fe7f2, 0x3fef2b4565e27cdd, 0xbc96b87b3f71085e, 0x3fef24dfe1f56381,
  0x3c82f7e16d09ab31, 0x3fef1e9df51fdee1, 0xbc3d219b1a6fbffa, 0x3fef187fd0dad990,
  0x3c8b3782720c0ab4, 0x3fef1285a6e4030b, 0x3c6e149289cecb8f, 0x3fef0cafa93e2f56,
  0x3c834d754db0abb6, 0x3fef06fe0a31b715, 0x3c864201e2ac744c, 0x3fef0170fc4cd831,
  0x3c8fdd395dd3f84a, 0x3feefc08b26416ff, 0xbc86a3803b8e5b04, 0x3feef6c55f929ff1,
  0xbc924aedcc4b5068, 0x3feef1a7373aa9cb, 0xbc9907f81b512d8e, 0x3feeecae6d05d866,
  0xbc71d1e83e9436d2, 0x3feee7db34e59ff7, 0xbc991919b3ce1b15, 0x3feee32dc313a8e5,
  0x3c859f48a72a4c6d, 0x3feedea64c123422, 0xbc9312607a28698a, 0x3feeda4504ac801c,
  0xbc58a78f4817895b, 0x3feed60a21f72e2a, 0xbc7c2c9b67499a1b, 0x3feed1f5d950a897,
  0x3c4363ed60c2ac11, 0x3feece086061892d, 0x3c9666093b0664ef, 0x3feeca41ed1d0057,
  0x3c6ecce1daa10379, 0x3feec6a2b5c13cd0, 0x3c93ff8e3f0f1230, 0x3feec32af0d7d3de,
  0x3c7690cebb7aafb0, 0x3feebfdad5362a27, 0x3c931dbdeb54e077, 0x3feebcb299fddd0d,
  0xbc8f94340071a38e, 0x3feeb9b2769d2ca7, 0xbc87deccdc93a349, 0x3feeb6daa2cf6642,
  0xbc78dec6bd0f385f, 0x3feeb42b569d4f82, 0xbc861246ec7b5cf6, 0x3feeb1a4ca5d920f,
  0x3c93350518fdd78e, 0x3feeaf4736b527da, 0x3c7b98b72f8a9b05, 0x3feead12d497c7fd,
  0x3c9063e1e21c5409, 0x3feeab07dd485429, 0x3c34c7855019c6ea, 0x3feea9268a5946b7,
  0x3c9432e62b64c035, 0x3feea76f15ad2148, 0xbc8ce44a6199769f, 0x3feea5e1b976dc09,
  0xbc8c33c53bef4da8, 0x3feea47eb03a5585, 0xbc845378892be9ae, 0x3feea34634ccc320,
  0xbc93cedd78565858, 0x3feea23882552225, 0x3c5710aa807e1964, 0x3feea155d44ca973,
  0xbc93b3efbf5e2228, 0x3feea09e667f3bcd, 0xbc6a12ad8734b982, 0x3feea012750bdabf,
  0xbc6367efb86da9ee, 0x3fee9fb23c651a2f, 0xbc80dc3d54e08851, 0x3fee9f7df9519484,
  0xbc781f647e5a3ecf, 0x3fee9f75e8ec5f74, 0xbc86ee4ac08b7db0, 0x3fee9f9a48a58174,
  0xbc8619321e55e68a, 0x3fee9feb564267c9, 0x3c909ccb5e09d4d3, 0x3feea0694fde5d3f,
  0xbc7b32dcb94da51d, 0x3feea11473eb0187, 0x3c94ecfd5467c06b, 0x3feea1ed0130c132,
  0x3c65ebe1abd66c55, 0x3feea2f336cf4e62, 0xbc88a1c52fb3cf42, 0x3feea427543e1a12,
  0xbc9369b6f13b3734, 0x3feea589994cce13, 0xbc805e843a19ff1e, 0x3feea71a4623c7ad,
  0xbc94d450d872576e, 0x3feea8d99b4492ed, 0x3c90ad675b0e8a00, 0x3feeaac7d98a6699,
  0x3c8db72fc1f0eab4, 0x3feeace5422aa0db, 0xbc65b6609cc5e7ff, 0x3feeaf3216b5448c,
  0x3c7bf68359f35f44, 0x3feeb1ae99157736, 0xbc93091fa71e3d83, 0x3feeb45b0b91ffc6,
  0xbc5da9b88b6c1e29, 0x3feeb737b0cdc5e5, 0xbc6c23f97c90b959, 0x3feeba44cbc8520f,
  0xbc92434322f4f9aa, 0x3feebd829fde4e50, 0xbc85ca6cd7668e4b, 0x3feec0f170ca07ba,
  0x3c71affc2b91ce27, 0x3feec49182a3f090, 0x3c6dd235e10a73bb, 0x3feec86319e32323,
  0xbc87c50422622263, 0x3feecc667b5de565, 0x3c8b1c86e3e231d5, 0x3feed09bec4a2d33,
  0xbc91bbd1d3bcbb15, 0x3feed503b23e255d, 0x3c90cc319cee31d2, 0x3feed99e1330b358,
  0x3c8469846e735ab3, 0x3feede6b5579fdbf, 0xbc82dfcd978e9db4, 0x3feee36bbfd3f37a,
  0x3c8c1a7792cb3387, 0x3feee89f995ad3ad, 0xbc907b8f4ad1d9fa, 0x3feeee07298db666,
  0xbc55c3d956dcaeba, 0x3feef3a2b84f15fb, 0xbc90a40e3da6f640, 0x3feef9728de5593a,
  0xbc68d6f438ad9334, 0x3feeff76f2fb5e47, 0xbc91eee26b588a35, 0x3fef05b030a1064a,
  0x3c74ffd70a5fddcd, 0x3fef0c1e904bc1d2, 0xbc91bdfbfa9298ac, 0x3fef12c25bd71e09,
  0x3c736eae30af0cb3, 0x3fef199bdd85529c, 0x3c8ee3325c9ffd94, 0x3fef20ab5fffd07a,
  0x3c84e08fd10959ac, 0x3fef27f12e57d14b, 0x3c63cdaf384e1a67, 0x3fef2f6d9406e7b5,
  0x3c676b2c6c921968, 0x3fef3720dcef9069, 0xbc808a1883ccb5d2, 0x3fef3f0b555dc3fa,
  0xbc8fad5d3ffffa6f, 0x3fef472d4a07897c, 0xbc900dae3875a949, 0x3fef4f87080d89f2,
  0x3c74a385a63d07a7, 0x3fef5818dcfba487, 0xbc82919e2040220f, 0x3fef60e316c98398,
  0x3c8e5a50d5c192ac, 0x3fef69e603db3285, 0x3c843a59ac016b4b, 0x3fef7321f301b460,
  0xbc82d52107b43e1f, 0x3fef7c97337b9b5f, 0xbc892ab93b470dc9, 0x3fef864614f5a129,
  0x3c74b604603a88d3, 0x3fef902ee78b3ff6, 0x3c83c5ec519d7271, 0x3fef9a51fbc74c83,
  0xbc8ff7128fd391f0, 0x3fefa4afa2a490da, 0xbc8dae98e223747d, 0x3fefaf482d8e67f1,
  0x3c8ec3bc41aa2008, 0x3fefba1bee615a27, 0x3c842b94c3a9eb32, 0x3fefc52b376bba97,
  0x3c8a64a931d185ee, 0x3fefd0765b6e4540, 0xbc8e37bae43be3ed, 0x3fefdbfdad9cbe14,
  0x3c77893b4d91cd9d, 0x3fefe7c1819e90d8, 0x3c5305c14160cc89, 0x3feff3c22b8f71f1,
]);

// Below EXP_EXACT_BELOW Math.exp rescales in two steps, so that subnormal results round
// once; pairs with a lane there take Math.exp per lane for the exact value.
const EXP_EXACT_BELOW: f64 = -512.0;
/** Coefficients of e^r − 1 − r ≈ r²(C2 + r·C3) + r⁴(C4 + r·C5) on |r| ≤ ln 2/256: musl's `__exp_data.poly` (from ARM's optimized-routines, MIT licence). */
const EXP_C2: f64 = reinterpret<f64>(0x3fdffffffffffdbd);
const EXP_C3: f64 = reinterpret<f64>(0x3fc555555555543c);
const EXP_C4: f64 = reinterpret<f64>(0x3fa55555cf172b91);
const EXP_C5: f64 = reinterpret<f64>(0x3f81111167a4d017);

/**
 * The exact e^x of the lanes of the last {@link expNonPositive2Lanes} call that asked for
 * it: a second result, as a wasm function returns one value. Read right after that call.
 */
export let lastExactExp: v128 = f64x2.splat(0);

/**
 * e^x in both lanes for x ≤ 0 (all the sigmoid needs), within about 1 ulp; lanes below
 * −708 go to {@link expNonPositive2LanesWide} (subnormal results, 0 below −745.2); NaN
 * stays NaN.
 *
 * With `exactToo` it also leaves in {@link lastExactExp} e^x with the bits of the core's
 * scalar Math.exp (musl's exp): the same reduction and table entry, then the entry's tail
 * and musl's minimax polynomial in place of the Taylor one, in plain rounded operations
 * (the relaxed build fuses the reduction, so the value is exact in the default build
 * only). The loss is built on it, so a fused pass's loss has the scalar logLoss's bits
 * row by row, for about half an exp more than the sigmoid's.
 */
// @ts-ignore: decorator
@inline
export function expNonPositive2Lanes(x: v128, exactToo: bool = false): v128 {
  if (v128.any_true(f64x2.lt(x, f64x2.splat(exactToo ? EXP_EXACT_BELOW : EXP_TABLE_BELOW)))) return expNonPositive2LanesRare(x, exactToo);
  return expTable2Lanes(x, exactToo);
}

/** The fast path of {@link expNonPositive2Lanes}, for −708 ≤ x ≤ 0 (−512 ≤ x with `exactToo`). */
// @ts-ignore: decorator
@inline
function expTable2Lanes(x: v128, exactToo: bool): v128 {
  const kd = madd64(x, f64x2.splat(N_OVER_LN2), f64x2.splat(ROUND_SHIFT));
  const k = f64x2.sub(kd, f64x2.splat(ROUND_SHIFT));
  const r = madd64(k, f64x2.splat(-LN2_OVER_N_TAIL), madd64(k, f64x2.splat(-LN2_OVER_N_HEAD), x));
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  // The table pairs (t_j, s_j) at j = k mod N (byte offsets in the low 32 bits of each
  // lane), read a value per lane: one 16-byte load per lane and a shuffle made the
  // gradient-descent pass 7 % slower at 1,000,000 × 20 (kernel-ab, same rounds).
  const offsets = v128.and(i64x2.shl(kd, 4), i64x2.splat(127 << 4));
  const at0 = EXP_TABLE + <usize>i32x4.extract_lane(offsets, 0);
  const at1 = EXP_TABLE + <usize>i32x4.extract_lane(offsets, 2);
  const scale = i64x2.add(v128.load64_lane(at1 + 8, v128.load64_zero(at0 + 8), 1), i64x2.shl(kd, 45));
  if (exactToo) {
    const tails = v128.load64_lane(at1, v128.load64_zero(at0), 1);
    const low = f64x2.add(f64x2.add(tails, r), f64x2.mul(r2, f64x2.add(f64x2.splat(EXP_C2), f64x2.mul(r, f64x2.splat(EXP_C3)))));
    const tmp = f64x2.add(low, f64x2.mul(r4, f64x2.add(f64x2.splat(EXP_C4), f64x2.mul(r, f64x2.splat(EXP_C5)))));
    lastExactExp = f64x2.add(scale, f64x2.mul(scale, tmp));
  }
  // e^r − 1 = r + r²(1/2 + r/6) + r⁴(1/24 + r/120)
  const low = madd64(r2, madd64(r, f64x2.splat(0.16666666666666666), f64x2.splat(0.5)), r);
  const q = madd64(r4, madd64(r, f64x2.splat(8.333333333333333e-3), f64x2.splat(4.1666666666666664e-2)), low);
  return madd64(scale, q, scale);
}

/** {@link expNonPositive2Lanes} of pairs with a lane below its fast path (not inlined: rare). */
function expNonPositive2LanesRare(x: v128, exactToo: bool): v128 {
  if (exactToo) lastExactExp = f64x2.replace_lane(f64x2.splat(Math.exp(f64x2.extract_lane(x, 0))), 1, Math.exp(f64x2.extract_lane(x, 1)));
  if (v128.any_true(f64x2.lt(x, f64x2.splat(EXP_TABLE_BELOW)))) return expNonPositive2LanesWide(x);
  return expTable2Lanes(x, false);
}

// ---------------------------------------------------------------------------------------
// Wide path, any x ≤ 0: the rare pairs with a lane below −708 (and −Inf).

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
 * e^x in both lanes for any x ≤ 0. x = k·ln 2 + r with |r| ≤ ln2/2; e^r by its Taylor
 * polynomial to degree 13 (truncation below 2^-60 there), evaluated in Estrin's scheme;
 * then scaled by 2^k in two factors so subnormal results round once and correctly.
 * Within a few ulps of e^x; 0 below −745.2; NaN stays NaN. Not inlined: the fast path
 * above sends it only pairs with a lane below −708.
 */
function expNonPositive2LanesWide(x: v128): v128 {
  const t = f64x2.pmax(x, f64x2.splat(EXP_UNDERFLOW));
  const k = f64x2.nearest(f64x2.mul(t, f64x2.splat(INV_LN2)));
  const r = f64x2.sub(f64x2.sub(t, f64x2.mul(k, f64x2.splat(LN2_HI))), f64x2.mul(k, f64x2.splat(LN2_LO)));
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  // Pairs c_n + c_{n+1}·r of the coefficients 1/n!, n = 0 … 13.
  const q0 = f64x2.add(f64x2.splat(1.0), r);
  const q1 = madd64(f64x2.splat(0.16666666666666666), r, f64x2.splat(0.5));
  const q2 = madd64(f64x2.splat(8.333333333333333e-3), r, f64x2.splat(4.1666666666666664e-2));
  const q3 = madd64(f64x2.splat(1.984126984126984e-4), r, f64x2.splat(1.388888888888889e-3));
  const q4 = madd64(f64x2.splat(2.7557319223985893e-6), r, f64x2.splat(2.48015873015873e-5));
  const q5 = madd64(f64x2.splat(2.505210838544172e-8), r, f64x2.splat(2.755731922398589e-7));
  const q6 = madd64(f64x2.splat(1.6059043836821613e-10), r, f64x2.splat(2.08767569878681e-9));
  const low = madd64(madd64(q3, r2, q2), r4, madd64(q1, r2, q0));
  const high = madd64(q6, r4, madd64(q5, r2, q4));
  const p = madd64(high, r8, low);
  // 2^k = 2^k1 · 2^k2 with k1 ≥ −1020, so both factors are normal numbers.
  const k1 = f64x2.pmax(k, f64x2.splat(-1020));
  const k2 = f64x2.sub(k, k1);
  return f64x2.mul(f64x2.mul(p, powerOfTwo2Lanes(k1)), powerOfTwo2Lanes(k2));
}

/**
 * σ(z) in both lanes, stable for any z: with e = e^(−|z|) ≤ 1, σ = n/(1 + e) where n = 1
 * for z ≥ 0 and n = e for z < 0 (n = max(e, [z ≥ 0]), as e ∈ [0, 1]); nothing overflows,
 * and one rounded division gives each lane. With `exactExpToo`, e^(−|z|) with Math.exp's
 * bits is left in {@link lastExactExp} for the loss.
 */
// @ts-ignore: decorator
@inline
export function sigmoid2Lanes(z: v128, exactExpToo: bool = false): v128 {
  const e = expNonPositive2Lanes(v128.or(z, f64x2.splat(-0.0)), exactExpToo);
  const one = f64x2.splat(1.0);
  const numerator = f64x2.pmax(e, v128.and(f64x2.ge(z, f64x2.splat(0)), one));
  return f64x2.div(numerator, f64x2.add(one, e));
}

/**
 * The log-loss log(1 + e) + max(z, 0) − y·z in both lanes from e = e^(−|z|). Given Math.exp's
 * bits of e ({@link lastExactExp} after `sigmoid2Lanes(z, true)`), each lane is
 * {@link logLoss}'s bits: the same operations in the same order, and the log from
 * {@link log1pUnit2Lanes}, which is Math.log1p's bits. So the loss a fused pass adds up is
 * the scalar one's, with no scalar exp or log per row.
 */
// @ts-ignore: decorator
@inline
export function logLossFromExp2Lanes(z: v128, e: v128, y: v128): v128 {
  return f64x2.sub(f64x2.add(log1pUnit2Lanes(e), f64x2.pmax(f64x2.splat(0), z)), f64x2.mul(y, z));
}

// ---------------------------------------------------------------------------------------
// log(1 + x) for 0 ≤ x ≤ 1 in both lanes, the same arithmetic as the scalar Math.log1p of
// AssemblyScript's standard library (musl's log1p, after fdlibm): 1 + x = 2^k·(1 + f) with
// 1 + f in [√2/2, √2), c the rounding error of 1 + x divided by it, s = f/(2 + f), and
// log(1 + f) = 2·atanh(s) from fdlibm's degree-14 polynomial in s (coefficients Lg1…Lg7,
// © Sun Microsystems, "permission to use, copy, modify, and distribute … is freely
// granted, provided that this notice is preserved"). Each lane rounds exactly as the
// scalar function does for the same x, so the two agree bit for bit (tested); nothing
// here fuses multiply-adds, in either build.

const LN2_HI_LOG: f64 = reinterpret<f64>(0x3fe62e42fee00000);
const LN2_LO_LOG: f64 = reinterpret<f64>(0x3dea39ef35793c76);
const LG1: f64 = reinterpret<f64>(0x3fe5555555555593);
const LG2: f64 = reinterpret<f64>(0x3fd999999997fa04);
const LG3: f64 = reinterpret<f64>(0x3fd2492494229359);
const LG4: f64 = reinterpret<f64>(0x3fcc71c51d8e78af);
const LG5: f64 = reinterpret<f64>(0x3fc7466496cb03de);
const LG6: f64 = reinterpret<f64>(0x3fc39a09d078c69f);
const LG7: f64 = reinterpret<f64>(0x3fc2f112df3e5244);
/** High words: x below this (about √2 − 1) is used as f directly (k = 0, c = 0). */
const LOG1P_SMALL_HIGH: i64 = 0x3fda827a;
/** High words: 1 + x at or above this (about √2) has k = 1. */
const LOG1P_HALVE_HIGH: i64 = 0x3ff6a09e;

/** log(1 + x) in both lanes for 0 ≤ x ≤ 1 (x = +0 gives +0); bit for bit Math.log1p. */
// @ts-ignore: decorator
@inline
export function log1pUnit2Lanes(x: v128): v128 {
  const one = f64x2.splat(1.0);
  const u = f64x2.add(one, x);
  const small = i64x2.lt_s(i64x2.shr_u(x, 32), i64x2.splat(LOG1P_SMALL_HIGH));
  const halve = i64x2.ge_s(i64x2.shr_u(u, 32), i64x2.splat(LOG1P_HALVE_HIGH));
  // Lanes not small: c = (x − (u − 1))/u, f = u/2^k − 1 (exact: u/2 is, and Sterbenz).
  const c = v128.andnot(f64x2.div(f64x2.sub(x, f64x2.sub(u, one)), u), small);
  const scaled = v128.bitselect(f64x2.mul(u, f64x2.splat(0.5)), u, halve);
  const f = v128.bitselect(x, f64x2.sub(scaled, one), small);
  const dk = v128.andnot(v128.and(halve, one), small);
  const hfsq = f64x2.mul(f64x2.mul(f64x2.splat(0.5), f), f);
  const s = f64x2.div(f, f64x2.add(f64x2.splat(2.0), f));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(w, f64x2.add(f64x2.splat(LG2), f64x2.mul(w, f64x2.add(f64x2.splat(LG4), f64x2.mul(w, f64x2.splat(LG6))))));
  const t2 = f64x2.mul(
    z,
    f64x2.add(f64x2.splat(LG1), f64x2.mul(w, f64x2.add(f64x2.splat(LG3), f64x2.mul(w, f64x2.add(f64x2.splat(LG5), f64x2.mul(w, f64x2.splat(LG7))))))),
  );
  const r = f64x2.add(t2, t1);
  const tail = f64x2.add(f64x2.mul(dk, f64x2.splat(LN2_LO_LOG)), c);
  const sum = f64x2.add(f64x2.sub(f64x2.add(f64x2.mul(s, f64x2.add(hfsq, r)), tail), hfsq), f);
  return f64x2.add(sum, f64x2.mul(dk, f64x2.splat(LN2_HI_LOG)));
}
