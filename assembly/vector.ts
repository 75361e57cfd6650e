import { madd64 } from './simd';

// Dense float64 vector helpers over linear memory. Each takes byte offsets and a length,
// runs two lanes at a time, and adds lanes in a fixed order so results are host-independent
// (in the default build; the relaxed-SIMD build may fuse the multiply-adds, see simd.ts).

/** Σ a[j]·b[j] for j < length. */
// @ts-ignore: decorator
@inline
export function dot(a: usize, b: usize, length: i32): f64 {
  let acc = f64x2.splat(0);
  let j = 0;
  for (; j + 1 < length; j += 2) {
    const at = <usize>j << 3;
    acc = madd64(v128.load(a + at), v128.load(b + at), acc);
  }
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (j < length) sum += load<f64>(a + (<usize>j << 3)) * load<f64>(b + (<usize>j << 3));
  return sum;
}

/** y[j] += c·x[j] for j < length. */
// @ts-ignore: decorator
@inline
export function axpy(c: f64, x: usize, y: usize, length: i32): void {
  const cv = f64x2.splat(c);
  let j = 0;
  for (; j + 1 < length; j += 2) {
    const at = <usize>j << 3;
    v128.store(y + at, madd64(v128.load(x + at), cv, v128.load(y + at)));
  }
  if (j < length) {
    const at = <usize>j << 3;
    store<f64>(y + at, load<f64>(y + at) + c * load<f64>(x + at));
  }
}

/** y[j] = x[j] for j < length. */
// @ts-ignore: decorator
@inline
export function copy(x: usize, y: usize, length: i32): void {
  memory.copy(y, x, <usize>length << 3);
}

/** y[j] *= c for j < length. */
// @ts-ignore: decorator
@inline
export function scale(c: f64, y: usize, length: i32): void {
  for (let j = 0; j < length; j++) {
    const at = y + (<usize>j << 3);
    store<f64>(at, c * load<f64>(at));
  }
}

/** max_j |x[j]|. */
// @ts-ignore: decorator
@inline
export function maxAbs(x: usize, length: i32): f64 {
  let m = 0.0;
  for (let j = 0; j < length; j++) m = Math.max(m, Math.abs(load<f64>(x + (<usize>j << 3))));
  return m;
}

/** x[j] for j < length set to 0. */
// @ts-ignore: decorator
@inline
export function zero(x: usize, length: i32): void {
  memory.fill(x, 0, <usize>length << 3);
}

/** The float64 at index i of the array at byte offset base. */
// @ts-ignore: decorator
@inline
export function at(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}

/** Stores v at index i of the array at byte offset base. */
// @ts-ignore: decorator
@inline
export function put(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}

/** The proximal step of t·|v|: v shrunk towards 0 by t, and exactly 0 within [−t, t]. */
// @ts-ignore: decorator
@inline
export function softThreshold(v: f64, t: f64): f64 {
  return v > t ? v - t : v < -t ? v + t : 0;
}
