/**
 * The copy of column chunks into a row-major block: the inner loops of `Matrix.fromArrow`.
 *
 * A column chunk is contiguous and the matrix is row-major, so each value goes to its own
 * place `cols` values after the previous one. Two things make that fast in JavaScript:
 * the caller walks the rows in blocks small enough that a block of the matrix stays in cache
 * while every column is written into it (one column over all rows would bring each cache
 * line of the matrix in from memory once per column), and `four` writes four
 * neighbouring columns per row, so each row's writes are adjacent and the loop's bookkeeping
 * is paid once per four values (measured on 1,000,000 × 20 float64: about half the time of
 * one column per loop). The finite check rides along: `v − v` is 0 for a finite v and NaN
 * otherwise, so the sum of those over a block is NaN exactly when the block holds a
 * non-finite value, found again value by value only then.
 * @module
 */

/** A chunk's values as numbers (64-bit integers are converted before they get here). */
export type NumberArray = Float64Array | Float32Array | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array;

/** The matrix's values. */
export type Target = Float64Array | Float32Array;

/** The copy functions for one kind of target. */
export interface Copier<T extends Target> {
  /**
   * out[at + k·stride + c] = column c's value `from_c + k`, for the four columns a, b, c, d
   * and k < count. Returns NaN when one of the values read is NaN or ±Infinity, else 0.
   */
  four(a: NumberArray, fa: number, b: NumberArray, fb: number, c: NumberArray, fc: number, d: NumberArray, fd: number, count: number, out: T, at: number, stride: number): number;
  /** out[at + k·stride] = values[from + k] for k < count; returns NaN when a value read is not finite, else 0. */
  one(values: NumberArray, from: number, count: number, out: T, at: number, stride: number): number;
}

// The same loops twice, once per target type: V8 keeps type feedback per function, and a
// store site that has seen both a Float64Array and a Float32Array copies float64 about 10 %
// slower (1,000,000 × 20, medians of 31 alternating runs, after float32 calls).

/** The copies into a float64 matrix. */
export const COPY_F64: Copier<Float64Array> = {
  four(a, fa, b, fb, c, fc, d, fd, count, out, at, stride) {
    let bad = 0;
    for (let k = 0; k < count; k++, at += stride) {
      const va = a[fa + k] as number;
      const vb = b[fb + k] as number;
      const vc = c[fc + k] as number;
      const vd = d[fd + k] as number;
      out[at] = va;
      out[at + 1] = vb;
      out[at + 2] = vc;
      out[at + 3] = vd;
      bad += va - va + (vb - vb) + (vc - vc) + (vd - vd);
    }
    return bad;
  },
  one(values, from, count, out, at, stride) {
    let bad = 0;
    for (let k = 0; k < count; k++, at += stride) {
      const v = values[from + k] as number;
      out[at] = v;
      bad += v - v;
    }
    return bad;
  },
};

/** The copies into a float32 matrix (each value rounded to float32 as it is stored). */
export const COPY_F32: Copier<Float32Array> = {
  four(a, fa, b, fb, c, fc, d, fd, count, out, at, stride) {
    let bad = 0;
    for (let k = 0; k < count; k++, at += stride) {
      const va = a[fa + k] as number;
      const vb = b[fb + k] as number;
      const vc = c[fc + k] as number;
      const vd = d[fd + k] as number;
      out[at] = va;
      out[at + 1] = vb;
      out[at + 2] = vc;
      out[at + 3] = vd;
      bad += va - va + (vb - vb) + (vc - vc) + (vd - vd);
    }
    return bad;
  },
  one(values, from, count, out, at, stride) {
    let bad = 0;
    for (let k = 0; k < count; k++, at += stride) {
      const v = values[from + k] as number;
      out[at] = v;
      bad += v - v;
    }
    return bad;
  },
};
