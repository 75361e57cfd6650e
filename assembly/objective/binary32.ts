import { lastExactExp, logLoss, sigmoid } from '../math';
import { PIPELINE_MAX_PAIR_BYTES } from './binary';
import { pairLoss, pairResiduals } from './pair';
import { madd32, madd64 } from '../simd';
import { at, put, zero } from '../vector';

// The binary passes for X stored as float32 (half the memory and bandwidth of float64).
// Dot products run in f32x4 against a float32 copy of the weights; each row's
// contribution to the gradient is accumulated in float32 for FLUSH_ROWS rows and then
// added to the float64 gradient, so rounding error grows with FLUSH_ROWS, not with n.

/** Rows accumulated in float32 before a flush into the float64 sums (a power of two, a multiple of 4). */
const FLUSH_ROWS: i32 = 32;

// @ts-ignore: decorator
@inline
function atF32(base: usize, i: i32): f32 {
  return load<f32>(base + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline
function putF32(base: usize, i: i32, v: f32): void {
  store<f32>(base + (<usize>i << 2), v);
}

/** x · w over `cols` float32 values, four lanes at a time, lanes added in a fixed order. */
// @ts-ignore: decorator
@inline
function dotF32(x: usize, w: usize, cols: i32): f32 {
  let acc = f32x4.splat(0);
  let j = 0;
  for (; j + 3 < cols; j += 4) {
    const off = <usize>j << 2;
    acc = madd32(v128.load(x + off), v128.load(w + off), acc);
  }
  let sum =
    f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (; j < cols; j++) sum += atF32(x, j) * atF32(w, j);
  return sum;
}

/** g[j] += c·x[j] over `cols` float32 values. */
// @ts-ignore: decorator
@inline
function axpyF32(c: f32, x: usize, g: usize, cols: i32): void {
  const cv = f32x4.splat(c);
  let j = 0;
  for (; j + 3 < cols; j += 4) {
    const off = <usize>j << 2;
    v128.store(g + off, madd32(v128.load(x + off), cv, v128.load(g + off)));
  }
  for (; j < cols; j++) putF32(g, j, atF32(g, j) + c * atF32(x, j));
}

/** out[j] += g[j] (float32 → float64), then g[j] = 0, for j < cols. */
// @ts-ignore: decorator
@inline
function flush(g: usize, out: usize, cols: i32): void {
  for (let j = 0; j < cols; j++) {
    put(out, j, at(out, j) + <f64>atF32(g, j));
    putF32(g, j, 0);
  }
}

/**
 * Rows of at most this many bytes (40 float32 values) go four at a time, longer rows two
 * at a time with the next pair's dot products issued early (binaryPass's pipelining, to
 * the same pair size). Per step, in kernel-ab against four rows at a time: 44, 50 and 64
 * columns 21, 29 and 36 % faster two at a time; 20–40 columns 2–25 % slower.
 */
const FOUR_ROWS_MAX_BYTES: usize = 160;

/** g + x0·r0 + x1·r1 + x2·r2 + x3·r3 in four float32 lanes, in row order. */
// @ts-ignore: decorator
@inline
function addRows4F32(g: v128, x0: v128, r0: v128, x1: v128, r1: v128, x2: v128, r2: v128, x3: v128, r3: v128): v128 {
  return madd32(x3, r3, madd32(x2, r2, madd32(x1, r1, madd32(x0, r0, g))));
}

/**
 * Lane k of the result: the sum of the four lanes of acc_k, as (lane 0 + lane 2) +
 * (lane 1 + lane 3), without moving the lanes through scalars.
 */
// @ts-ignore: decorator
@inline
function reduce4(acc0: v128, acc1: v128, acc2: v128, acc3: v128): v128 {
  const t01 = f32x4.add(v128.shuffle<f32>(acc0, acc1, 0, 1, 4, 5), v128.shuffle<f32>(acc0, acc1, 2, 3, 6, 7));
  const t23 = f32x4.add(v128.shuffle<f32>(acc2, acc3, 0, 1, 4, 5), v128.shuffle<f32>(acc2, acc3, 2, 3, 6, 7));
  return f32x4.add(v128.shuffle<f32>(t01, t23, 0, 2, 4, 6), v128.shuffle<f32>(t01, t23, 1, 3, 5, 7));
}

/** Column `off` (a byte offset) of four rows, lane k row k. */
// @ts-ignore: decorator
@inline
function column4(row0: usize, row1: usize, row2: usize, row3: usize, off: usize): v128 {
  return v128.load32_lane(
    row3 + off,
    v128.load32_lane(row2 + off, v128.load32_lane(row1 + off, v128.load32_zero(row0 + off), 1), 2),
    3,
  );
}

/** Column `off` of two rows in lanes 0 and 1, zeros in lanes 2 and 3. */
// @ts-ignore: decorator
@inline
function column2(row0: usize, row1: usize, off: usize): v128 {
  return v128.load32_lane(row1 + off, v128.load32_zero(row0 + off), 1);
}

/** out[j] += g[j] (float32 → float64), then g[j] = 0, for the columns before `quadBytes`/4. */
// @ts-ignore: decorator
@inline
function flushQuads(g: usize, out: usize, quadBytes: usize): void {
  const zero4 = f32x4.splat(0);
  for (let off: usize = 0; off < quadBytes; off += 16) {
    const v = v128.load(g + off);
    const o = out + (off << 1);
    v128.store(o, f64x2.add(v128.load(o), f64x2.promote_low_f32x4(v)));
    v128.store(o, f64x2.add(v128.load(o, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3))), 16);
    v128.store(g + off, zero4);
  }
}

/** out[j] += the four lanes of `lanes` summed in float64 ((0 + 2) + (1 + 3)). */
// @ts-ignore: decorator
@inline
function flushLanes(lanes: v128, out: usize, j: i32): void {
  const s = f64x2.add(f64x2.promote_low_f32x4(lanes), f64x2.promote_low_f32x4(v128.shuffle<f32>(lanes, lanes, 2, 3, 2, 3)));
  put(out, j, at(out, j) + (f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1)));
}

/**
 * Adds the per-lane sums of the columns past the last multiple of four to the float64
 * gradient: `pairA` and `pairB` those of a column pair (when cols mod 4 ≥ 2), `single`
 * that of the last column (odd cols).
 */
// @ts-ignore: decorator
@inline
function flushTails(pairA: v128, pairB: v128, single: v128, out: usize, cols: i32): void {
  if ((cols & 2) != 0) {
    flushLanes(pairA, out, cols & ~3);
    flushLanes(pairB, out, (cols & ~3) + 1);
  }
  if ((cols & 1) != 0) flushLanes(single, out, cols - 1);
}

/**
 * z = x·w + b of rows row0 and row0 + rowBytes (lane 0 row0) in float32 arithmetic, as
 * the four-row steps form it (reduce4's order, then the last columns across the rows),
 * promoted to float64 before the bias.
 */
// @ts-ignore: decorator
@inline
function pairDecision32(row0: usize, rowBytes: usize, w32: usize, quadBytes: usize, hasPair: bool, odd: bool, lastBytes: usize, bias: v128): v128 {
  const row1 = row0 + rowBytes;
  let acc0 = f32x4.splat(0);
  let acc1 = f32x4.splat(0);
  for (let off: usize = 0; off < quadBytes; off += 16) {
    const w = v128.load(w32 + off);
    acc0 = madd32(v128.load(row0 + off), w, acc0);
    acc1 = madd32(v128.load(row1 + off), w, acc1);
  }
  // Lanes 0 and 1 as reduce4 forms them (lanes 2 and 3 repeat them).
  const t01 = f32x4.add(v128.shuffle<f32>(acc0, acc1, 0, 1, 4, 5), v128.shuffle<f32>(acc0, acc1, 2, 3, 6, 7));
  let u = f32x4.add(v128.shuffle<f32>(t01, t01, 0, 2, 0, 2), v128.shuffle<f32>(t01, t01, 1, 3, 1, 3));
  if (hasPair) {
    const p01 = v128.load64_lane(row1 + quadBytes, v128.load64_zero(row0 + quadBytes), 1);
    u = madd32(v128.shuffle<f32>(p01, p01, 0, 2, 0, 2), v128.load32_splat(w32 + quadBytes), u);
    u = madd32(v128.shuffle<f32>(p01, p01, 1, 3, 1, 3), v128.load32_splat(w32 + quadBytes + 4), u);
  }
  if (odd) u = madd32(column2(row0, row1, lastBytes), v128.load32_splat(w32 + lastBytes), u);
  return f64x2.add(f64x2.promote_low_f32x4(u), bias);
}

/**
 * {@link binaryPass} for float32 rows.
 *
 * Memory (byte offsets):
 *   x         rows × cols float32, row-major
 *   y, weights, params, grad, curvature   as in binaryPass (float64)
 *   w32       cols float32: the weights of `params`, rounded to float32
 *   g32       cols float32 of scratch
 *
 * Rows go four at a time (two for long rows, see FOUR_ROWS_MAX_BYTES, and for the last
 * rows; a last odd row alone), so each weight vector and each gradient vector is loaded
 * once for four rows and the two-lane sigmoids overlap. The dot products gather four
 * columns per lane and are reduced together (lane k: row k); the columns past the last
 * multiple of four are gathered across rows (lane k: row k) for the dot products and
 * summed per lane for the gradient (`tailA`, `tailB`, `tailS`). Every FLUSH_ROWS rows (counted from
 * the chunk's first row, so the grouping depends on the row count only) the float32 sums
 * are added to the float64 gradient.
 */
export function binaryPass32(
  x: usize,
  y: usize,
  weights: usize,
  rows: i32,
  cols: i32,
  params: usize,
  w32: usize,
  g32: usize,
  grad: usize,
  withLoss: bool,
  curvature: usize,
): f64 {
  zero(grad, cols + 1);
  memory.fill(g32, 0, <usize>cols << 2);
  const bias = f64x2.splat(at(params, cols));
  const rowBytes = <usize>cols << 2;
  const quadBytes = <usize>(cols & ~3) << 2;
  // Columns past the last multiple of four: a pair from byte quadBytes (cols mod 4 ≥ 2),
  // then a single column at byte lastBytes (odd cols).
  const hasPair = (cols & 2) != 0;
  const odd = (cols & 1) != 0;
  const lastBytes = <usize>(cols - 1) << 2;
  const zero4 = f32x4.splat(0);
  let tailA = zero4;
  let tailB = zero4;
  let tailS = zero4;
  let gradBias = 0.0;
  let lossSum = 0.0;

  let i = 0;
  const quadRows = rowBytes <= FOUR_ROWS_MAX_BYTES ? rows : 0;
  for (; i + 3 < quadRows; i += 4) {
    const row0 = x + <usize>i * rowBytes;
    const row1 = row0 + rowBytes;
    const row2 = row1 + rowBytes;
    const row3 = row2 + rowBytes;

    let acc0 = zero4;
    let acc1 = zero4;
    let acc2 = zero4;
    let acc3 = zero4;
    for (let off: usize = 0; off < quadBytes; off += 16) {
      const w = v128.load(w32 + off);
      acc0 = madd32(v128.load(row0 + off), w, acc0);
      acc1 = madd32(v128.load(row1 + off), w, acc1);
      acc2 = madd32(v128.load(row2 + off), w, acc2);
      acc3 = madd32(v128.load(row3 + off), w, acc3);
    }
    // (Fewer than four columns: nothing to reduce, u starts at +0 as the reduction would give.)
    let u = quadBytes != 0 ? reduce4(acc0, acc1, acc2, acc3) : zero4;
    // The last cols mod 4 columns, across the rows (lane k: row k): a pair of columns
    // (cols mod 4 ≥ 2) as one 8-byte load per row, then a single column (odd cols).
    let colA = zero4;
    let colB = zero4;
    let colS = zero4;
    if (hasPair) {
      const q = quadBytes;
      // Two columns in all: the four rows are 32 contiguous bytes.
      const p01 = cols == 2 ? v128.load(row0) : v128.load64_lane(row1 + q, v128.load64_zero(row0 + q), 1);
      const p23 = cols == 2 ? v128.load(row2) : v128.load64_lane(row3 + q, v128.load64_zero(row2 + q), 1);
      colA = v128.shuffle<f32>(p01, p23, 0, 2, 4, 6);
      colB = v128.shuffle<f32>(p01, p23, 1, 3, 5, 7);
      u = madd32(colA, v128.load32_splat(w32 + q), u);
      u = madd32(colB, v128.load32_splat(w32 + q + 4), u);
    }
    if (odd) {
      colS = column4(row0, row1, row2, row3, lastBytes);
      u = madd32(colS, v128.load32_splat(w32 + lastBytes), u);
    }
    const z01 = f64x2.add(f64x2.promote_low_f32x4(u), bias);
    const z23 = f64x2.add(f64x2.promote_low_f32x4(v128.shuffle<f32>(u, u, 2, 3, 2, 3)), bias);

    const r01 = pairResiduals(z01, y, weights, i, curvature, withLoss);
    const e01 = lastExactExp;
    const r23 = pairResiduals(z23, y, weights, i + 2, curvature, withLoss);
    const e23 = lastExactExp;
    if (withLoss) {
      lossSum += pairLoss(z01, e01, y, weights, i);
      lossSum += pairLoss(z23, e23, y, weights, i + 2);
    }

    const r = v128.shuffle<f32>(f32x4.demote_f64x2_zero(r01), f32x4.demote_f64x2_zero(r23), 0, 1, 4, 5);
    if (quadBytes != 0) {
      const r0 = v128.shuffle<f32>(r, r, 0, 0, 0, 0);
      const r1 = v128.shuffle<f32>(r, r, 1, 1, 1, 1);
      const r2 = v128.shuffle<f32>(r, r, 2, 2, 2, 2);
      const r3 = v128.shuffle<f32>(r, r, 3, 3, 3, 3);
      for (let off: usize = 0; off < quadBytes; off += 16) {
        const g = g32 + off;
        v128.store(
          g,
          addRows4F32(v128.load(g), v128.load(row0 + off), r0, v128.load(row1 + off), r1, v128.load(row2 + off), r2, v128.load(row3 + off), r3),
        );
      }
    }
    if (hasPair) {
      tailA = madd32(colA, r, tailA);
      tailB = madd32(colB, r, tailB);
    }
    if (odd) tailS = madd32(colS, r, tailS);
    const b01 = f64x2.add(r01, v128.shuffle<f64>(r01, r01, 1, 0));
    const b23 = f64x2.add(r23, v128.shuffle<f64>(r23, r23, 1, 0));
    gradBias = gradBias + f64x2.extract_lane(b01, 0) + f64x2.extract_lane(b23, 0);

    if (((i + 4) & (FLUSH_ROWS - 1)) == 0) {
      flushQuads(g32, grad, quadBytes);
      flushTails(tailA, tailB, tailS, grad, cols);
      tailA = zero4;
      tailB = zero4;
      tailS = zero4;
    }
  }

  // Two rows at a time, software-pipelined as binaryPass's pairs (same byte limit): the
  // next pair's dot products are issued between this pair's sigmoid and its gradient
  // update. The same arithmetic either way, so the same bits.
  const pipelined = rowBytes << 1 <= PIPELINE_MAX_PAIR_BYTES;
  let zNext = pipelined && i + 1 < rows ? pairDecision32(x + <usize>i * rowBytes, rowBytes, w32, quadBytes, hasPair, odd, lastBytes, bias) : bias;
  for (; i + 1 < rows; i += 2) {
    const row0 = x + <usize>i * rowBytes;
    const row1 = row0 + rowBytes;
    const z01 = pipelined ? zNext : pairDecision32(row0, rowBytes, w32, quadBytes, hasPair, odd, lastBytes, bias);
    const r01 = pairResiduals(z01, y, weights, i, curvature, withLoss);
    const e01 = lastExactExp;
    if (pipelined && i + 3 < rows) zNext = pairDecision32(row1 + rowBytes, rowBytes, w32, quadBytes, hasPair, odd, lastBytes, bias);
    if (withLoss) lossSum += pairLoss(z01, e01, y, weights, i);
    // The last columns across the rows again, lanes 2 and 3 repeating lanes 0 and 1.
    let colA = zero4;
    let colB = zero4;
    let colS = zero4;
    if (hasPair) {
      const p01 = v128.load64_lane(row1 + quadBytes, v128.load64_zero(row0 + quadBytes), 1);
      colA = v128.shuffle<f32>(p01, p01, 0, 2, 0, 2);
      colB = v128.shuffle<f32>(p01, p01, 1, 3, 1, 3);
    }
    if (odd) {
      const c = column2(row0, row1, lastBytes);
      colS = v128.shuffle<f32>(c, c, 0, 1, 0, 1);
    }

    const r = f32x4.demote_f64x2_zero(r01);
    const r0 = v128.shuffle<f32>(r, r, 0, 0, 0, 0);
    const r1 = v128.shuffle<f32>(r, r, 1, 1, 1, 1);
    // For the tail sums rows i and i + 1 take the lanes the four-row steps give them
    // (i mod 4 and i mod 4 + 1; the other two lanes 0), so each lane sums the same rows in
    // the same order whichever loop ran them.
    const rTail = (i & 2) == 0 ? r : v128.shuffle<f32>(r, r, 2, 3, 0, 1);
    for (let off: usize = 0; off < quadBytes; off += 16) {
      const g = g32 + off;
      v128.store(g, madd32(v128.load(row1 + off), r1, madd32(v128.load(row0 + off), r0, v128.load(g))));
    }
    if (hasPair) {
      tailA = madd32(colA, rTail, tailA);
      tailB = madd32(colB, rTail, tailB);
    }
    if (odd) tailS = madd32(colS, rTail, tailS);
    gradBias += f64x2.extract_lane(f64x2.add(r01, v128.shuffle<f64>(r01, r01, 1, 0)), 0);

    if (((i + 2) & (FLUSH_ROWS - 1)) == 0) {
      flushQuads(g32, grad, quadBytes);
      flushTails(tailA, tailB, tailS, grad, cols);
      tailA = zero4;
      tailB = zero4;
      tailS = zero4;
    }
  }

  if (i < rows) {
    const row = x + <usize>i * rowBytes;
    const z = <f64>dotF32(row, w32, cols) + at(params, cols);
    const yi = at(y, i);
    const s = weights == 0 ? 1.0 : at(weights, i);
    const p = sigmoid(z);
    const r = s * (p - yi);
    if (withLoss) lossSum += s * logLoss(z, yi);
    if (curvature != 0) put(curvature, i, s * p * (1 - p));
    axpyF32(<f32>r, row, g32, cols);
    gradBias += r;
  }
  // The last flush: g32 over all columns (the lone last row adds to its tail columns too).
  flush(g32, grad, cols);
  flushTails(tailA, tailB, tailS, grad, cols);
  put(grad, cols, gradBias);
  return lossSum;
}

/**
 * {@link binaryHessianProduct} for float32 rows: out = Σᵢ cᵢ (xᵢ·v_w + v_b) [xᵢ, 1], with
 * v32 the weights part of v rounded to float32 and g32 cols float32 of scratch.
 */
export function binaryHessianProduct32(
  x: usize,
  rows: i32,
  cols: i32,
  curvature: usize,
  v: usize,
  v32: usize,
  g32: usize,
  out: usize,
): void {
  zero(out, cols + 1);
  memory.fill(g32, 0, <usize>cols << 2);
  const rowBytes = <usize>cols << 2;
  const vBias = at(v, cols);
  let outBias = 0.0;
  for (let i = 0; i < rows; i++) {
    const row = x + <usize>i * rowBytes;
    const u = at(curvature, i) * (<f64>dotF32(row, v32, cols) + vBias);
    axpyF32(<f32>u, row, g32, cols);
    outBias += u;
    if ((i + 1) % FLUSH_ROWS == 0 || i + 1 == rows) flush(g32, out, cols);
  }
  put(out, cols, outBias);
}

/** w32[j] = f32(w[j]) for j < cols: the float32 copy the passes multiply with. */
export function roundToF32(w: usize, w32: usize, cols: i32): void {
  for (let j = 0; j < cols; j++) putF32(w32, j, <f32>at(w, j));
}

/**
 * {@link binaryPass32} in float64 arithmetic: each float32 value of X is widened
 * (exactly) and the dot products, residuals and gradient sums are formed in float64 from
 * the float64 weights, as {@link binaryPass} forms them for float64 X. Slower than the
 * float32 arithmetic, but its gradient and loss are as exact as the float64 pass's: the
 * float32 pass rounds the weights to float32 and sums in float32, which leaves its
 * gradient an error (measured ~3e-9 on the scaled objective at 100,000×20) that does not
 * shrink with n, and its loss a jitter (~5e-11) far above float64's rounding. The solvers
 * switch to this pass for their last iterations (see `sharpen` in problem.ts).
 *
 * Memory as in binaryPass32 (no float32 scratch). Rows go two at a time, columns four,
 * then two, then one; a last odd row alone.
 */
export function binaryPass32Exact(
  x: usize,
  y: usize,
  weights: usize,
  rows: i32,
  cols: i32,
  params: usize,
  grad: usize,
  withLoss: bool,
  curvature: usize,
): f64 {
  zero(grad, cols + 1);
  const bias = f64x2.splat(at(params, cols));
  const rowBytes = <usize>cols << 2;
  // Byte offsets into a float32 row: columns four at a time up to quadBytes, then a pair
  // up to pairEnd (cols mod 4 ≥ 2), then one column (odd cols). Weights and gradient
  // entries sit at twice these offsets.
  const quadBytes = <usize>(cols & ~3) << 2;
  const pairEnd = <usize>(cols & ~1) << 2;
  const hasPair = (cols & 2) != 0;
  const odd = (cols & 1) != 0;
  let gradBias = 0.0;
  let lossSum = 0.0;
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const row0 = x + <usize>i * rowBytes;
    const row1 = row0 + rowBytes;
    let acc0 = f64x2.splat(0);
    let acc1 = f64x2.splat(0);
    for (let off: usize = 0; off < quadBytes; off += 16) {
      const w = params + (off << 1);
      const wa = v128.load(w);
      const wb = v128.load(w, 16);
      const x0 = v128.load(row0 + off);
      const x1 = v128.load(row1 + off);
      acc0 = madd64(f64x2.promote_low_f32x4(v128.shuffle<f32>(x0, x0, 2, 3, 2, 3)), wb, madd64(f64x2.promote_low_f32x4(x0), wa, acc0));
      acc1 = madd64(f64x2.promote_low_f32x4(v128.shuffle<f32>(x1, x1, 2, 3, 2, 3)), wb, madd64(f64x2.promote_low_f32x4(x1), wa, acc1));
    }
    if (hasPair) {
      const w = v128.load(params + (quadBytes << 1));
      acc0 = madd64(f64x2.promote_low_f32x4(v128.load64_zero(row0 + quadBytes)), w, acc0);
      acc1 = madd64(f64x2.promote_low_f32x4(v128.load64_zero(row1 + quadBytes)), w, acc1);
    }
    let z01 = f64x2.add(v128.shuffle<f64>(acc0, acc1, 0, 2), v128.shuffle<f64>(acc0, acc1, 1, 3));
    let xOdd = f64x2.splat(0);
    if (odd) {
      xOdd = f64x2.promote_low_f32x4(v128.load32_lane(row1 + pairEnd, v128.load32_zero(row0 + pairEnd), 1));
      z01 = madd64(xOdd, v128.load64_splat(params + (pairEnd << 1)), z01);
    }
    z01 = f64x2.add(z01, bias);
    const r01 = pairResiduals(z01, y, weights, i, curvature, withLoss);
    if (withLoss) lossSum += pairLoss(z01, lastExactExp, y, weights, i);
    const r0 = v128.shuffle<f64>(r01, r01, 0, 0);
    const r1 = v128.shuffle<f64>(r01, r01, 1, 1);
    for (let off: usize = 0; off < quadBytes; off += 16) {
      const g = grad + (off << 1);
      const x0 = v128.load(row0 + off);
      const x1 = v128.load(row1 + off);
      v128.store(g, madd64(f64x2.promote_low_f32x4(x1), r1, madd64(f64x2.promote_low_f32x4(x0), r0, v128.load(g))));
      const x0b = f64x2.promote_low_f32x4(v128.shuffle<f32>(x0, x0, 2, 3, 2, 3));
      const x1b = f64x2.promote_low_f32x4(v128.shuffle<f32>(x1, x1, 2, 3, 2, 3));
      v128.store(g, madd64(x1b, r1, madd64(x0b, r0, v128.load(g, 16))), 16);
    }
    if (hasPair) {
      const g = grad + (quadBytes << 1);
      const x0 = f64x2.promote_low_f32x4(v128.load64_zero(row0 + quadBytes));
      const x1 = f64x2.promote_low_f32x4(v128.load64_zero(row1 + quadBytes));
      v128.store(g, madd64(x1, r1, madd64(x0, r0, v128.load(g))));
    }
    if (odd) {
      const g = grad + (pairEnd << 1);
      const p01 = f64x2.mul(xOdd, r01);
      v128.store64_lane(g, f64x2.add(v128.load64_zero(g), f64x2.add(p01, v128.shuffle<f64>(p01, p01, 1, 0))), 0);
    }
    gradBias += f64x2.extract_lane(f64x2.add(r01, v128.shuffle<f64>(r01, r01, 1, 0)), 0);
  }
  if (i < rows) {
    const row = x + <usize>i * rowBytes;
    let z = at(params, cols);
    for (let j = 0; j < cols; j++) z += <f64>atF32(row, j) * at(params, j);
    const yi = at(y, i);
    const s = weights == 0 ? 1.0 : at(weights, i);
    const p = sigmoid(z);
    const r = s * (p - yi);
    if (withLoss) lossSum += s * logLoss(z, yi);
    if (curvature != 0) put(curvature, i, s * p * (1 - p));
    for (let j = 0; j < cols; j++) put(grad, j, at(grad, j) + r * <f64>atF32(row, j));
    gradBias += r;
  }
  put(grad, cols, gradBias);
  return lossSum;
}
