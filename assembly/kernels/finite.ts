/**
 * Index of the first NaN or ±Infinity among `length` float64 values at `ptr`, or −1.
 * x − x is 0 for every finite x and NaN otherwise, so one comparison covers both cases.
 */
export function firstNonFinite(ptr: usize, length: i32): i32 {
  // Eight values per test: the four masks are or-ed so the loop branches once per 64 bytes
  // and runs at the speed of memory; a failing block is then searched value by value.
  let i = 0;
  for (; i + 7 < length; i += 8) {
    const at = ptr + (<usize>i << 3);
    const d0 = f64x2.sub(v128.load(at), v128.load(at));
    const d1 = f64x2.sub(v128.load(at, 16), v128.load(at, 16));
    const d2 = f64x2.sub(v128.load(at, 32), v128.load(at, 32));
    const d3 = f64x2.sub(v128.load(at, 48), v128.load(at, 48));
    const bad = v128.or(v128.or(f64x2.ne(d0, d0), f64x2.ne(d1, d1)), v128.or(f64x2.ne(d2, d2), f64x2.ne(d3, d3)));
    if (v128.any_true(bad)) break;
  }
  for (; i < length; i++) {
    const v = load<f64>(ptr + (<usize>i << 3));
    if (!(v - v == 0)) return i;
  }
  return -1;
}

/** {@link firstNonFinite} for `length` float32 values at `ptr`. */
export function firstNonFinite32(ptr: usize, length: i32): i32 {
  let i = 0;
  for (; i + 3 < length; i += 4) {
    const v = v128.load(ptr + (<usize>i << 2));
    const d = f32x4.sub(v, v);
    if (v128.any_true(f32x4.ne(d, d))) break;
  }
  for (; i < length; i++) {
    const v = load<f32>(ptr + (<usize>i << 2));
    if (!(v - v == 0)) return i;
  }
  return -1;
}
