import { sigmoid } from '../math';

/**
 * Decision values of a linear model: out[i] = x_i · w + b.
 *
 * Memory (all float64, byte offsets into linear memory):
 *   x      rows × cols, row-major
 *   params cols weights followed by the bias b (cols + 1 values)
 *   out    rows values, written
 */
export function decisionFunction(x: usize, rows: i32, cols: i32, params: usize, out: usize): void {
  const bias = load<f64>(params + (<usize>cols << 3));
  const rowBytes = <usize>cols << 3;
  for (let i = 0; i < rows; i++) {
    store<f64>(out + (<usize>i << 3), dot(x + <usize>i * rowBytes, params, cols) + bias);
  }
}

/** Replaces each of `length` float64 values at `ptr` with its sigmoid. */
export function sigmoidInPlace(ptr: usize, length: i32): void {
  for (let i = 0; i < length; i++) {
    const at = ptr + (<usize>i << 3);
    store<f64>(at, sigmoid(load<f64>(at)));
  }
}

/**
 * a · b over `length` float64 values, two lanes at a time. The lanes are added at the
 * end, so the summation order is fixed by `length` alone: every host gets the same bits.
 */
// @ts-ignore: decorator
@inline
export function dot(a: usize, b: usize, length: i32): f64 {
  let acc = f64x2.splat(0);
  let j = 0;
  for (; j + 1 < length; j += 2) {
    const at = <usize>j << 3;
    acc = f64x2.add(acc, f64x2.mul(v128.load(a + at), v128.load(b + at)));
  }
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (j < length) sum += load<f64>(a + (<usize>j << 3)) * load<f64>(b + (<usize>j << 3));
  return sum;
}
