import { madd64 } from '../simd';
import { at, dot, put } from '../vector';
import { runPass } from './chunks';
import { LAYOUT_DENSE_F32, element, isSparse, storedValue } from './layout';
import {
  PARTIALS,
  PASS_KIND,
  PASS_ROW_A,
  PASS_ROW_B,
  PASS_ROW_C,
  PROBLEM_COLS,
  PROBLEM_FIT_INTERCEPT,
  PROBLEM_INDICES,
  PROBLEM_INDPTR,
  PROBLEM_LAYOUT,
  PROBLEM_ROWS,
  PROBLEM_WORK,
  PROBLEM_X,
  address,
  field,
  setAddress,
  setField,
} from './record';

// The information pass, what statistical inference needs of X in one pass over the rows:
//   A = Σᵢ aᵢ x̃ᵢx̃ᵢᵀ   (the observed information with aᵢ = sᵢpᵢ(1 − pᵢ)),
//   B = Σᵢ bᵢ x̃ᵢx̃ᵢᵀ   (optional: the sandwich's meat with bᵢ = sᵢ(yᵢ − pᵢ)²),
//   c = Σᵢ cᵢ x̃ᵢ      (optional: the score with cᵢ = sᵢ(yᵢ − pᵢ)),
// with x̃ = (x, 1) when the record fits an intercept (the parameters' order: weights, then
// the intercept), else x̃ = x. The row weights come from the host, which computes them
// from the linear predictor (they differ per covariance type and per softmax block).
//
// The rows are cut into chunks fixed by the shape (never by the thread count) and the
// chunk sums are added in chunk order, so the result is bit-identical for any number of
// threads, as in every other pass (chunks.ts). Dense X is read in sub-blocks of
// BLOCK_ROWS rows copied to float64 (widened, with the intercept's 1, padded to a multiple
// of 4 columns) beside their scaled copy aᵢx̃ᵢ; each 4×4 tile of the upper triangle then
// accumulates over the sub-block in eight f64x2 registers, so each value loaded feeds
// several multiply-adds and the loop runs at the arithmetic units' pace rather than the
// memory's (tiles of 6 × 4, twelve accumulators, and a loop unrolled twice were both
// slower: the engine spills registers). The next sub-block's rows are requested from memory
// before the tiles start and copied between them (see denseChunk).

/** Pass kind of the information pass (beside chunks.ts's gradient and Hessian kinds). */
export const PASS_INFORMATION: i32 = 2;

/** Rows per chunk at least. */
const CHUNK_ROWS: i32 = 4096;
/** Chunks at most: enough for any thread count the host starts, few enough to add cheaply. */
const CHUNKS_MAX: i32 = 64;
/** float64 values of all chunk slots together at most (128 MiB), when the matrices are large. */
const SLOTS_BUDGET: f64 = 16777216;
/** Rows of a dense sub-block: its float64 copies stay in the first cache levels. */
const BLOCK_ROWS: i32 = 64;

/** `length` rounded up to an even count, so carved buffers stay 16-byte aligned. */
// @ts-ignore: decorator
@inline
function even(length: i32): i32 {
  return (length + 1) & ~1;
}

/**
 * Columns of a slot's matrices: for dense X the columns and the intercept's 1 (when the
 * record fits one), padded to whole 4×4 tiles, so the tiles sum the intercept's row too;
 * sparse X as it is (its intercept row comes from the column sums).
 */
// @ts-ignore: decorator
@inline
function paddedCols(cols: i32, layout: i32): i32 {
  return isSparse(layout) ? cols : (cols + field(PROBLEM_FIT_INTERCEPT) + 3) & ~3;
}

/**
 * Values of one chunk's slot: the matrices (dp × dp each, upper triangle used), three
 * weighted column sums of dp + 1 values (Σaᵢxᵢ and Σaᵢ, the same for b and c; dense X uses
 * only c's), and for dense X two sets of sub-block copies (see {@link bufferSetLength}).
 */
function slotLength(cols: i32, layout: i32, second: bool): f64 {
  const dp = <f64>paddedCols(cols, layout);
  const matrices: f64 = second ? 2 : 1;
  let length = matrices * dp * dp + <f64>even(3 * (<i32>dp + 1));
  if (!isSparse(layout)) length += 2 * <f64>bufferSetLength(<i32>dp, second);
  return length;
}

/** Chunks of the information pass over the record's X. */
function chunkCount(second: bool): i32 {
  const rows = field(PROBLEM_ROWS);
  const byRows = (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
  const byMemory = <i32>Math.max(1, Math.floor(SLOTS_BUDGET / slotLength(field(PROBLEM_COLS), field(PROBLEM_LAYOUT), second)));
  return max(1, min(min(byRows, CHUNKS_MAX), byMemory));
}

/** First row of chunk c of `chunks` (c = chunks gives rows). */
// @ts-ignore: decorator
@inline
function chunkStart(c: i32, chunks: i32, rows: i32): i32 {
  return <i32>((<i64>c * <i64>rows) / <i64>chunks);
}

/**
 * float64 values of scratch the information pass over the record's X needs (with the
 * second matrix when `second`): the size of the block PROBLEM_WORK must name. An f64, as
 * it is an allocation size the host checks.
 */
export function informationWorkLength(second: bool): f64 {
  return <f64>chunkCount(second) * slotLength(field(PROBLEM_COLS), field(PROBLEM_LAYOUT), second);
}

/** Chunks of the current information pass (chunks.ts's runPass asks, to size the threads). */
export function informationChunkCount(): i32 {
  return chunkCount(address(PASS_ROW_B) != 0);
}

/**
 * Computes the information pass over X of the record into `out`: A (p × p, row-major,
 * symmetric), then B (p × p) when `b` ≠ 0, then c (p values) when `c` ≠ 0, with p = cols +
 * 1 when the record fits an intercept, else cols. `a`, `b`, `c` are the addresses of rows
 * float64 row weights (b, c: 0 for none). The record's X, layout, rows, cols, intercept and
 * PROBLEM_WORK (of `informationWorkLength(b ≠ 0)` values) must be set.
 */
export function informationPass(a: usize, b: usize, c: usize, out: usize): void {
  setField(PASS_KIND, PASS_INFORMATION);
  setAddress(PASS_ROW_A, a);
  setAddress(PASS_ROW_B, b);
  setAddress(PASS_ROW_C, c);
  setAddress(PARTIALS, address(PROBLEM_WORK));
  runPass();
  reduce(out);
}

/** Computes chunks first, first + stride, … of the information pass (chunks.ts's runChunks calls it). */
export function informationChunks(first: i32, stride: i32): void {
  const rows = field(PROBLEM_ROWS);
  const cols = field(PROBLEM_COLS);
  const layout = field(PROBLEM_LAYOUT);
  const b = address(PASS_ROW_B);
  const second = b != 0;
  const chunks = chunkCount(second);
  const slotBytes = <usize>slotLength(cols, layout, second) << 3;
  const partials = address(PARTIALS);
  const a = address(PASS_ROW_A);
  const c = address(PASS_ROW_C);
  for (let k = first; k < chunks; k += stride) {
    const start = chunkStart(k, chunks, rows);
    const count = chunkStart(k + 1, chunks, rows) - start;
    const slot = partials + <usize>k * slotBytes;
    memory.fill(slot, 0, slotBytes);
    if (isSparse(layout)) sparseChunk(layout, cols, start, count, a, b, c, slot);
    else denseChunk(layout, cols, start, count, a, b, c, slot);
  }
}

/**
 * The chunk of rows start … start + count − 1 of dense X into `slot` (zeroed), one
 * sub-block of BLOCK_ROWS rows at a time: each row copied to float64 with its scaled
 * copies (and the score's column sums), then the tiles. Two sets of copies alternate: while
 * the tiles of one sub-block run, the next sub-block's rows are copied one after each tile,
 * so the copies' reads of X (from memory) overlap the tiles' arithmetic instead of waiting
 * between them. Rows are copied, and the score summed, in row order either way.
 */
function denseChunk(layout: i32, cols: i32, start: i32, count: i32, a: usize, b: usize, c: usize, slot: usize): void {
  const dp = paddedCols(cols, layout);
  const square = <usize>dp * <usize>dp << 3;
  const second = b != 0;
  const gramA = slot;
  const gramB = slot + square;
  const sums = slot + (second ? 2 * square : square);
  const sumsC = sums + (<usize>(2 * (dp + 1)) << 3);
  const buffers = sums + (<usize>even(3 * (dp + 1)) << 3);
  const setBytes = bufferSetLength(dp, second) << 3;
  const end = start + count;
  // The padding columns of the copies stay zero: only the first cols (and the intercept's) of each row are written.
  let m = min(BLOCK_ROWS, count);
  for (let i = 0; i < m; i++) copyRow(layout, cols, dp, start + i, i, buffers, a, b, c, sumsC);
  let set = 0;
  for (let r0 = start; r0 < end; r0 += BLOCK_ROWS) {
    const current = buffers + <usize>set * setBytes;
    const next = buffers + <usize>(set ^ 1) * setBytes;
    const nextStart = r0 + BLOCK_ROWS;
    const nextM = max(0, min(BLOCK_ROWS, end - nextStart));
    const xs = current;
    const as = current + (<usize>BLOCK_ROWS * <usize>dp << 3);
    if (nextM > 0) touch(layout, cols, nextStart, nextM, sums);
    let copied = 0;
    for (let j0 = 0; j0 < dp; j0 += 4) {
      for (let k0 = j0; k0 < dp; k0 += 4) {
        tile(as, xs, m, dp, gramA, j0, k0);
        if (copied < nextM) {
          copyRow(layout, cols, dp, nextStart + copied, copied, next, a, b, c, sumsC);
          copied++;
        }
      }
    }
    if (second) {
      const bs = as + (<usize>BLOCK_ROWS * <usize>dp << 3);
      for (let j0 = 0; j0 < dp; j0 += 4) for (let k0 = j0; k0 < dp; k0 += 4) tile(bs, xs, m, dp, gramB, j0, k0);
    }
    for (; copied < nextM; copied++) copyRow(layout, cols, dp, nextStart + copied, copied, next, a, b, c, sumsC);
    m = nextM;
    set ^= 1;
  }
}

/**
 * Reads one byte of every cache line of rows start … start + m − 1 of dense X, so that the
 * lines are on their way from memory before the rows are copied: a run of independent
 * loads has many misses in flight at once, where the copy, busy with each row, has one
 * row's. The bytes' sum goes to `sink` (a slot value nothing reads) so the loads stay.
 */
function touch(layout: i32, cols: i32, start: i32, m: i32, sink: usize): void {
  const shift: usize = layout == LAYOUT_DENSE_F32 ? 2 : 3;
  const from = address(PROBLEM_X) + ((<usize>start * <usize>cols) << shift);
  const to = from + ((<usize>m * <usize>cols) << shift);
  let sum: u32 = 0;
  for (let at = from; at < to; at += 64) sum += load<u8>(at);
  store<u32>(sink, sum);
}

/** float64 values of one set of sub-block copies: x̃, a·x̃ and, with B, b·x̃ (BLOCK_ROWS × dp each). */
// @ts-ignore: decorator
@inline
function bufferSetLength(dp: i32, second: bool): usize {
  return <usize>(second ? 3 : 2) * <usize>BLOCK_ROWS * <usize>dp;
}

/**
 * Copies row `row` of dense X to row i of the copies at `set` (x̃, then a·x̃ and b·x̃) and
 * adds cᵢx̃ᵢ to the score's column sums.
 */
function copyRow(layout: i32, cols: i32, dp: i32, row: i32, i: i32, set: usize, a: usize, b: usize, c: usize, sumsC: usize): void {
  const second = b != 0;
  const xs = set;
  const as = set + (<usize>BLOCK_ROWS * <usize>dp << 3);
  const bs = as + (<usize>BLOCK_ROWS * <usize>dp << 3);
  const x = address(PROBLEM_X);
  const ai = load<f64>(a + (<usize>row << 3));
  const bi = second ? load<f64>(b + (<usize>row << 3)) : 0.0;
  const ci = c != 0 ? load<f64>(c + (<usize>row << 3)) : 0.0;
  const offset = <usize>i * <usize>dp << 3;
  let j = 0;
  if (layout != LAYOUT_DENSE_F32) {
    // Two columns at a time over float64 rows (the same sums as the scalar loop below, lane by lane).
    const src = x + (<usize>row * <usize>cols << 3);
    const av2 = f64x2.splat(ai);
    const bv2 = f64x2.splat(bi);
    const cv2 = f64x2.splat(ci);
    for (; j + 1 < cols; j += 2) {
      const at2 = <usize>j << 3;
      const v = v128.load(src + at2);
      v128.store(xs + offset + at2, v);
      v128.store(as + offset + at2, f64x2.mul(av2, v));
      if (second) v128.store(bs + offset + at2, f64x2.mul(bv2, v));
      if (c != 0) v128.store(sumsC + at2, f64x2.add(v128.load(sumsC + at2), f64x2.mul(cv2, v)));
    }
  }
  for (; j < cols; j++) {
    const v = element(x, cols, layout, row, j);
    const cell = offset + (<usize>j << 3);
    store<f64>(xs + cell, v);
    store<f64>(as + cell, ai * v);
    if (second) store<f64>(bs + cell, bi * v);
    if (c != 0) put(sumsC, j, at(sumsC, j) + ci * v);
  }
  if (field(PROBLEM_FIT_INTERCEPT) != 0) {
    const cell = offset + (<usize>cols << 3);
    store<f64>(xs + cell, 1.0);
    store<f64>(as + cell, ai);
    if (second) store<f64>(bs + cell, bi);
  }
  put(sumsC, dp, at(sumsC, dp) + ci);
}

/**
 * gram[j][k] += Σᵢ scaled[i][j]·xs[i][k] over the m rows of a sub-block for the 4×4 tile at
 * (j0, k0) (dp a multiple of 4; a tile on the diagonal also fills a few entries below it,
 * which nothing reads).
 */
function tile(scaled: usize, xs: usize, m: i32, dp: i32, gram: usize, j0: i32, k0: i32): void {
  const stride = <usize>dp << 3;
  let c00 = f64x2.splat(0);
  let c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0);
  let c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0);
  let c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0);
  let c31 = f64x2.splat(0);
  let pa = scaled + (<usize>j0 << 3);
  let px = xs + (<usize>k0 << 3);
  for (let i = 0; i < m; i++) {
    const x0 = v128.load(px);
    const x1 = v128.load(px, 16);
    let s = v128.load64_splat(pa);
    c00 = madd64(s, x0, c00);
    c01 = madd64(s, x1, c01);
    s = v128.load64_splat(pa, 8);
    c10 = madd64(s, x0, c10);
    c11 = madd64(s, x1, c11);
    s = v128.load64_splat(pa, 16);
    c20 = madd64(s, x0, c20);
    c21 = madd64(s, x1, c21);
    s = v128.load64_splat(pa, 24);
    c30 = madd64(s, x0, c30);
    c31 = madd64(s, x1, c31);
    pa += stride;
    px += stride;
  }
  const g = gram + ((<usize>j0 * <usize>dp + <usize>k0) << 3);
  v128.store(g, f64x2.add(v128.load(g), c00));
  v128.store(g, f64x2.add(v128.load(g, 16), c01), 16);
  v128.store(g + stride, f64x2.add(v128.load(g + stride), c10));
  v128.store(g + stride, f64x2.add(v128.load(g + stride, 16), c11), 16);
  v128.store(g + 2 * stride, f64x2.add(v128.load(g + 2 * stride), c20));
  v128.store(g + 2 * stride, f64x2.add(v128.load(g + 2 * stride, 16), c21), 16);
  v128.store(g + 3 * stride, f64x2.add(v128.load(g + 3 * stride), c30));
  v128.store(g + 3 * stride, f64x2.add(v128.load(g + 3 * stride, 16), c31), 16);
}

/** The chunk of rows start … start + count − 1 of CSR X into `slot` (zeroed): each row's pairs of stored entries. */
function sparseChunk(layout: i32, cols: i32, start: i32, count: i32, a: usize, b: usize, c: usize, slot: usize): void {
  const square = <usize>cols * <usize>cols << 3;
  const second = b != 0;
  const gramA = slot;
  const gramB = slot + square;
  const sums = slot + (second ? 2 * square : square);
  const sumsA = sums;
  const sumsB = sums + (<usize>(cols + 1) << 3);
  const sumsC = sums + (<usize>(2 * (cols + 1)) << 3);
  const indptr = address(PROBLEM_INDPTR);
  const indices = address(PROBLEM_INDICES);
  const values = address(PROBLEM_X);
  for (let row = start; row < start + count; row++) {
    const ai = load<f64>(a + (<usize>row << 3));
    const bi = second ? load<f64>(b + (<usize>row << 3)) : 0.0;
    const ci = c != 0 ? load<f64>(c + (<usize>row << 3)) : 0.0;
    const e0 = load<i32>(indptr + (<usize>row << 2));
    const e1 = load<i32>(indptr + (<usize>(row + 1) << 2));
    for (let e = e0; e < e1; e++) {
      const j = load<i32>(indices + (<usize>e << 2));
      const v = storedValue(layout, values, e);
      const av = ai * v;
      const bv = bi * v;
      put(sumsA, j, at(sumsA, j) + av);
      put(sumsB, j, at(sumsB, j) + bv);
      put(sumsC, j, at(sumsC, j) + ci * v);
      const rowA = gramA + (<usize>j * <usize>cols << 3);
      const rowB = gramB + (<usize>j * <usize>cols << 3);
      // Indices increase within a row, so k ≥ j: the upper triangle.
      for (let f = e; f < e1; f++) {
        const k = load<i32>(indices + (<usize>f << 2));
        const w = storedValue(layout, values, f);
        put(rowA, k, at(rowA, k) + av * w);
        if (second) put(rowB, k, at(rowB, k) + bv * w);
      }
    }
    put(sumsA, cols, at(sumsA, cols) + ai);
    put(sumsB, cols, at(sumsB, cols) + bi);
    put(sumsC, cols, at(sumsC, cols) + ci);
  }
}

/**
 * Adds the chunk slots in chunk order into `out` (A, then B, then c, as
 * {@link informationPass} describes) and mirrors the upper triangles.
 */
function reduce(out: usize): void {
  const cols = field(PROBLEM_COLS);
  const layout = field(PROBLEM_LAYOUT);
  const intercept = field(PROBLEM_FIT_INTERCEPT) != 0;
  const second = address(PASS_ROW_B) != 0;
  const withScore = address(PASS_ROW_C) != 0;
  const chunks = chunkCount(second);
  const slotBytes = <usize>slotLength(cols, layout, second) << 3;
  const dp = paddedCols(cols, layout);
  const square = <usize>dp * <usize>dp << 3;
  const p = intercept ? cols + 1 : cols;
  const outSquare = <usize>p * <usize>p << 3;
  const matrices = second ? 2 : 1;
  const total = matrices * p * p + (withScore ? p : 0);
  memory.fill(out, 0, <usize>total << 3);
  const partials = address(PARTIALS);
  for (let k = 0; k < chunks; k++) {
    const slot = partials + <usize>k * slotBytes;
    const sums = slot + <usize>matrices * square;
    for (let m = 0; m < matrices; m++) {
      const gram = slot + <usize>m * square;
      const target = out + <usize>m * outSquare;
      if (!isSparse(layout)) {
        // Dense: the intercept's row is column `cols` of the tiles (p ≤ dp).
        for (let j = 0; j < p; j++) {
          const from = gram + (<usize>j * <usize>dp << 3);
          const to = target + (<usize>j * <usize>p << 3);
          for (let l = j; l < p; l++) put(to, l, at(to, l) + at(from, l));
        }
        continue;
      }
      const columnSums = sums + (<usize>(m * (dp + 1)) << 3);
      for (let j = 0; j < cols; j++) {
        const from = gram + (<usize>j * <usize>dp << 3);
        const to = target + (<usize>j * <usize>p << 3);
        for (let l = j; l < cols; l++) put(to, l, at(to, l) + at(from, l));
        if (intercept) put(to, cols, at(to, cols) + at(columnSums, j));
      }
      if (intercept) {
        const to = target + (<usize>cols * <usize>p << 3);
        put(to, cols, at(to, cols) + at(columnSums, dp));
      }
    }
    if (withScore) {
      const score = out + <usize>matrices * outSquare;
      const columnSums = sums + (<usize>(2 * (dp + 1)) << 3);
      for (let j = 0; j < cols; j++) put(score, j, at(score, j) + at(columnSums, j));
      if (intercept) put(score, cols, at(score, cols) + at(columnSums, dp));
    }
  }
  for (let m = 0; m < matrices; m++) {
    const target = out + <usize>m * outSquare;
    for (let j = 0; j < p; j++) {
      for (let l = j + 1; l < p; l++) put(target + (<usize>l * <usize>p << 3), j, at(target + (<usize>j * <usize>p << 3), l));
    }
  }
}

/**
 * hᵢ = x̃ᵢᵀ V x̃ᵢ for every row of the record's X into `out` (rows values), with V at `v`
 * (p × p, symmetric, the parameters' order) and `scratch` of cols float64 values: the
 * quadratic forms behind the leverages of HC2 and HC3. One thread.
 */
export function rowQuadraticForms(v: usize, scratch: usize, out: usize): void {
  const rows = field(PROBLEM_ROWS);
  const cols = field(PROBLEM_COLS);
  const layout = field(PROBLEM_LAYOUT);
  const intercept = field(PROBLEM_FIT_INTERCEPT) != 0;
  const p = intercept ? cols + 1 : cols;
  const stride = <usize>p << 3;
  const x = address(PROBLEM_X);
  if (isSparse(layout)) {
    const indptr = address(PROBLEM_INDPTR);
    const indices = address(PROBLEM_INDICES);
    for (let i = 0; i < rows; i++) {
      const e0 = load<i32>(indptr + (<usize>i << 2));
      const e1 = load<i32>(indptr + (<usize>(i + 1) << 2));
      let h = intercept ? at(v + <usize>cols * stride, cols) : 0.0;
      for (let e = e0; e < e1; e++) {
        const j = load<i32>(indices + (<usize>e << 2));
        const xj = storedValue(layout, x, e);
        const row = v + <usize>j * stride;
        let t = intercept ? 2 * at(row, cols) : 0.0;
        t += xj * at(row, j);
        for (let f = e + 1; f < e1; f++) t += 2 * storedValue(layout, x, f) * at(row, load<i32>(indices + (<usize>f << 2)));
        h += xj * t;
      }
      put(out, i, h);
    }
    return;
  }
  for (let i = 0; i < rows; i++) {
    let xi: usize;
    if (layout == LAYOUT_DENSE_F32) {
      for (let j = 0; j < cols; j++) put(scratch, j, element(x, cols, layout, i, j));
      xi = scratch;
    } else {
      xi = x + (<usize>i * <usize>cols << 3);
    }
    let h = 0.0;
    for (let j = 0; j < p; j++) {
      const row = v + <usize>j * stride;
      let t = dot(row, xi, cols);
      if (intercept) t += at(row, cols);
      h += (j < cols ? at(xi, j) : 1.0) * t;
    }
    put(out, i, h);
  }
}

/**
 * Per group g < groups: Σ_{i in g} rᵢ x̃ᵢ into `out` (groups × p, row-major, overwritten),
 * with `group` the rows int32 group indices and `r` rows float64 values: the cluster
 * scores of the cluster-robust covariance. One thread.
 */
export function groupSums(group: usize, r: usize, groups: i32, out: usize): void {
  const rows = field(PROBLEM_ROWS);
  const cols = field(PROBLEM_COLS);
  const layout = field(PROBLEM_LAYOUT);
  const intercept = field(PROBLEM_FIT_INTERCEPT) != 0;
  const p = intercept ? cols + 1 : cols;
  memory.fill(out, 0, (<usize>groups * <usize>p) << 3);
  const x = address(PROBLEM_X);
  const sparse = isSparse(layout);
  const indptr = address(PROBLEM_INDPTR);
  const indices = address(PROBLEM_INDICES);
  for (let i = 0; i < rows; i++) {
    const ri = load<f64>(r + (<usize>i << 3));
    const target = out + (<usize>load<i32>(group + (<usize>i << 2)) * <usize>p << 3);
    if (sparse) {
      const e1 = load<i32>(indptr + (<usize>(i + 1) << 2));
      for (let e = load<i32>(indptr + (<usize>i << 2)); e < e1; e++) {
        const j = load<i32>(indices + (<usize>e << 2));
        put(target, j, at(target, j) + ri * storedValue(layout, x, e));
      }
    } else {
      for (let j = 0; j < cols; j++) put(target, j, at(target, j) + ri * element(x, cols, layout, i, j));
    }
    if (intercept) put(target, cols, at(target, cols) + ri);
  }
}
