/**
 * Index of the first NaN or ±Infinity among `length` float64 values at `ptr`, or −1.
 * x − x is 0 for every finite x and NaN otherwise, so one comparison covers both cases;
 * the scan runs two lanes at a time and only locates the culprit once a pair fails.
 */
export function firstNonFinite(ptr: usize, length: i32): i32 {
  let i = 0;
  for (; i + 1 < length; i += 2) {
    const v = v128.load(ptr + (<usize>i << 3));
    const d = f64x2.sub(v, v);
    if (v128.any_true(f64x2.ne(d, d))) {
      const first = load<f64>(ptr + (<usize>i << 3));
      return first - first == 0 ? i + 1 : i;
    }
  }
  if (i < length) {
    const last = load<f64>(ptr + (<usize>i << 3));
    if (!(last - last == 0)) return i;
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
