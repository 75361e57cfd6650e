import { at, put, zero } from '../vector';
import { PASS_INFORMATION, informationChunkCount, informationChunks } from './information';
import { gradientChunk, hessianChunk, isSparse, prepareWeights } from './layout';
import {
  COARSE,
  CURVATURE,
  PARTIALS,
  PASS_KEEP_CURVATURE,
  PASS_KIND,
  PASS_PARAMS,
  PASS_VECTOR,
  PASS_WITH_LOSS,
  PROBLEM_BLOCKS,
  PROBLEM_COLS,
  PROBLEM_INDPTR,
  PROBLEM_LAYOUT,
  PROBLEM_ROWS,
  PROBLEM_WEIGHTS,
  PROBLEM_X,
  PROBLEM_Y,
  ROUNDED,
  address,
  field,
  problemAddress,
  setAddress,
  setField,
  useRecord,
} from './record';

// Every pass over the rows is cut into fixed chunks of rows. Each chunk writes its
// partial sums to a slot of its own, and the slots are added in chunk order at the end.
// The summation order therefore depends only on the problem's shape, never on how many
// threads computed the chunks or in which order: results are bit-identical for any
// thread count.
//
// Dense X: chunks of CHUNK_ROWS rows. Sparse X: a slot is as long as the parameters, which
// can be many more than a chunk's entries (a million hashed features, 200 entries per
// row), so the rows are cut into few chunks of equal row counts: at most
// SPARSE_CHUNKS_MAX, and few enough that each has SPARSE_ENTRIES_PER_SLOT_VALUE entries
// per value of its slot, which bounds the cost of clearing and adding the slots (and
// their memory) by a fraction of the pass's.

/** Rows per chunk of dense X. Large enough that a chunk's slot is small next to its rows, small
 * enough that a few hundred thousand rows give every thread several chunks. */
const CHUNK_ROWS: i32 = 2048;
/** Chunks of sparse X at most: threads beyond this many share the chunks unevenly. */
const SPARSE_CHUNKS_MAX: i32 = 16;
/** Stored entries of sparse X per slot value (parameter) at least, for each chunk beyond the first. */
const SPARSE_ENTRIES_PER_SLOT_VALUE: f64 = 8;

/** Pass kinds (objective/information.ts has PASS_INFORMATION = 2, whose chunks it cuts itself). */
export const PASS_GRADIENT: i32 = 0;
export const PASS_HESSIAN: i32 = 1;

/**
 * Values in one chunk's slot: P partial sums, the partial loss, and scratch: `blocks`
 * values for the multinomial Hessian product, or cols float32 (rounded up) for dense
 * float32 X.
 */
// @ts-ignore: decorator
@inline
function slotLength(parameters: i32, blocks: i32, layout: i32): i32 {
  return parameters + 1 + (isSparse(layout) ? blocks : max(blocks, parameters / 2 + 2));
}

/** Number of chunks of a pass over the problem of the record. */
function chunkCount(): i32 {
  const rows = field(PROBLEM_ROWS);
  const dense = (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
  if (!isSparse(field(PROBLEM_LAYOUT))) return dense;
  const nnz = <f64>load<i32>(address(PROBLEM_INDPTR) + (<usize>rows << 2));
  const parameters = <f64>field(PROBLEM_BLOCKS) * <f64>(field(PROBLEM_COLS) + 1);
  const byEntries = <i32>Math.min(Math.floor(nnz / (SPARSE_ENTRIES_PER_SLOT_VALUE * parameters)), <f64>SPARSE_CHUNKS_MAX);
  return max(1, min(dense, byEntries));
}

/** First row of chunk c of `chunks` over `rows` rows (c = chunks gives rows). */
// @ts-ignore: decorator
@inline
function chunkStart(sparse: bool, c: i32, chunks: i32, rows: i32): i32 {
  if (sparse) return <i32>((<i64>c * <i64>rows) / <i64>chunks);
  return min(c * CHUNK_ROWS, rows);
}

/** float64 values of the chunk slots of the record's problem (its shape and layout must be set; f64: it is an allocation size). */
export function partialsLength(): f64 {
  const blocks = field(PROBLEM_BLOCKS);
  return <f64>chunkCount() * <f64>slotLength(blocks * (field(PROBLEM_COLS) + 1), blocks, field(PROBLEM_LAYOUT));
}

/**
 * Number of chunks of the pass the record at `record` describes (its gradient or Hessian
 * chunks, or an information pass's own); makes it this instance's record. Every thread
 * of a pass runs `runChunks(record, k, passChunkCount(record))` for the chunks k it takes.
 */
export function passChunkCount(record: usize): i32 {
  useRecord(record);
  return currentPassChunks();
}

/** Chunks of the pass the current record describes. */
function currentPassChunks(): i32 {
  return field(PASS_KIND) == PASS_INFORMATION ? informationChunkCount() : chunkCount();
}

/** Describes the next pass: a gradient pass at `params`, or a Hessian product with `vector`. */
export function setPass(kind: i32, params: usize, vector: usize, withLoss: bool, keepCurvature: bool): void {
  setField(PASS_KIND, kind);
  setAddress(PASS_PARAMS, params);
  setAddress(PASS_VECTOR, vector);
  setField(PASS_WITH_LOSS, withLoss ? 1 : 0);
  setField(PASS_KEEP_CURVATURE, keepCurvature ? 1 : 0);
  prepareWeights(field(PROBLEM_LAYOUT), kind == PASS_GRADIENT ? params : vector, address(ROUNDED), field(PROBLEM_COLS));
}

/**
 * Computes chunks first, first + stride, first + 2·stride, … of the pass described by the
 * record at `record`: what one of `stride` threads does. Reads everything from the record
 * (worker threads have no other state).
 */
export function runChunks(record: usize, first: i32, stride: i32): void {
  useRecord(record);
  if (field(PASS_KIND) == PASS_INFORMATION) {
    informationChunks(first, stride);
    return;
  }
  const rows = field(PROBLEM_ROWS);
  const cols = field(PROBLEM_COLS);
  const blocks = field(PROBLEM_BLOCKS);
  const parameters = blocks * (cols + 1);
  const layout = field(PROBLEM_LAYOUT);
  const sparse = isSparse(layout);
  const slotBytes = <usize>slotLength(parameters, blocks, layout) << 3;
  const coarse = field(COARSE) != 0;
  const rounded = address(ROUNDED);
  const chunks = chunkCount();
  const x = address(PROBLEM_X);
  const y = address(PROBLEM_Y);
  const weights = address(PROBLEM_WEIGHTS);
  const params = address(PASS_PARAMS);
  const vector = address(PASS_VECTOR);
  const curvature = address(CURVATURE);
  const partials = address(PARTIALS);
  const gradient = field(PASS_KIND) == PASS_GRADIENT;
  const withLoss = field(PASS_WITH_LOSS) != 0;
  const keep = field(PASS_KEEP_CURVATURE) != 0;
  const perRow = <usize>blocks << 3;
  for (let c = first; c < chunks; c += stride) {
    const start = chunkStart(sparse, c, chunks, rows);
    const count = chunkStart(sparse, c + 1, chunks, rows) - start;
    const slot = partials + <usize>c * slotBytes;
    const scratch = slot + (<usize>(parameters + 1) << 3);
    const cc = curvature + <usize>start * perRow;
    if (gradient) {
      const loss = gradientChunk(layout, coarse, x, y, weights, start, count, cols, blocks, params, rounded, scratch, slot, withLoss, keep, cc);
      put(slot, parameters, loss);
    } else {
      hessianChunk(layout, x, weights, start, count, cols, blocks, cc, vector, rounded, scratch, slot);
    }
  }
}

/**
 * Adds the chunk slots in chunk order into out (P values, overwritten) and returns the
 * sum of their partial losses.
 */
export function reduceChunks(out: usize): f64 {
  const cols = field(PROBLEM_COLS);
  const blocks = field(PROBLEM_BLOCKS);
  const parameters = blocks * (cols + 1);
  const slotBytes = <usize>slotLength(parameters, blocks, field(PROBLEM_LAYOUT)) << 3;
  const partials = address(PARTIALS);
  const chunks = chunkCount();
  zero(out, parameters);
  let loss = 0.0;
  for (let c = 0; c < chunks; c++) {
    const slot = partials + <usize>c * slotBytes;
    for (let j = 0; j < parameters; j++) put(out, j, at(out, j) + at(slot, j));
    loss += at(slot, parameters);
  }
  return loss;
}

// @ts-ignore: decorator
@external("logreg", "parallel")
declare function hostParallel(threads: i32): void;

let THREADS: i32 = 1;

// Passes over the rows run since the host last reset the counts, by kind (gradient,
// Hessian product; information passes are not counted): what a solver's cost is made of,
// so tests can hold each solver to its passes per iteration.
let GRADIENT_PASSES: i32 = 0;
let HESSIAN_PASSES: i32 = 0;

/** Gradient passes (kind PASS_GRADIENT) or Hessian-product passes (PASS_HESSIAN) since {@link resetPassCounts}. */
export function passCount(kind: i32): i32 {
  return kind == PASS_GRADIENT ? GRADIENT_PASSES : kind == PASS_HESSIAN ? HESSIAN_PASSES : 0;
}

/** Sets both pass counts to 0. */
export function resetPassCounts(): void {
  GRADIENT_PASSES = 0;
  HESSIAN_PASSES = 0;
}

/** How many threads passes may use (the host must have started threads − 1 workers). */
export function setThreads(threads: i32): void {
  THREADS = threads;
}

/**
 * Runs the current pass over every chunk: here when one thread suffices, else through
 * the host, which wakes the workers and has every thread (its own included) take chunks
 * one at a time until none is left (each running `runChunks(record, k, chunks)` on this
 * memory), and returns when all are done.
 */
export function runPass(): void {
  const kind = field(PASS_KIND);
  if (kind == PASS_GRADIENT) GRADIENT_PASSES++;
  else if (kind == PASS_HESSIAN) HESSIAN_PASSES++;
  const threads = min(THREADS, currentPassChunks());
  if (threads > 1) hostParallel(threads);
  else runChunks(problemAddress(), 0, 1);
}
