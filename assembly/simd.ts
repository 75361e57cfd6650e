// Multiply-add for the hot loops, in the one place that knows which build it is in.
//
// The default build computes a·b + c as two rounded operations, so every host gives the
// same bits. The relaxed-SIMD build (asconfig target "relaxed", compiled with
// --enable relaxed-simd) uses relaxed_madd, which the engine may run as one fused
// multiply-add (one rounding): faster, but the last bits then depend on the host's CPU,
// which is why that build is only used when a caller asks for it (simd: 'relaxed').
// ASC_FEATURE_RELAXED_SIMD is a compile-time constant: each build holds one branch only.

/** a·b + c in both float64 lanes. */
// @ts-ignore: decorator
@inline
export function madd64(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c);
  return f64x2.add(c, f64x2.mul(a, b));
}

/** a·b + c in all four float32 lanes. */
// @ts-ignore: decorator
@inline
export function madd32(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}
