import { at, put, zero } from '../vector';
import { binaryHessianProduct, binaryPass } from './binary';
import { binaryHessianProduct32, binaryPass32, binaryPass32Exact, roundToF32 } from './binary32';
import { multinomialHessianProduct, multinomialPass } from './multinomial';

// Every pass over the rows is cut into fixed chunks of CHUNK_ROWS rows. Each chunk writes
// its partial sums to a slot of its own, and the slots are added in chunk order at the
// end. The summation order therefore depends only on the number of rows, never on how
// many threads computed the chunks or in which order: results are bit-identical for any
// thread count.

/** Rows per chunk. Large enough that a chunk's slot is small next to its rows, small
 * enough that a few hundred thousand rows give every thread several chunks. */
export const CHUNK_ROWS: i32 = 2048;

/** Arithmetic of the gradient passes over float32 X: float32 (fast) or float64 (exact). */
export const FLOAT32_FAST: i32 = 1;
export const FLOAT32_EXACT: i32 = 2;

/** Pass kinds. */
export const PASS_GRADIENT: i32 = 0;
export const PASS_HESSIAN: i32 = 1;

// The job of the current pass, in the shared memory so that every instance (the worker
// threads) reads the same one. It lives in a heap block rather than in static data: a
// worker instantiating the module rewrites the static data segments, which would wipe
// a job there. i32 fields, at byte offsets:
let JOB: usize = 0;
const KIND = 0;
const X = 4;
const Y = 8;
const WEIGHTS = 12;
const ROWS = 16;
const COLS = 20;
const CLASSES = 24;
const PARAMS = 28;
const PARTIALS = 32;
const CURVATURE = 36;
const VECTOR = 40;
const WITH_LOSS = 44;
const KEEP_CURVATURE = 48;
const FLOAT32 = 52; // X holds float32 (binary problems only): FLOAT32_FAST or FLOAT32_EXACT; else 0
const ROUNDED = 56; // cols float32: the weights (or the vector) of the pass, rounded to float32

/** Byte offset of the job block (allocated on first use, by the main instance only). */
export function jobAddress(): usize {
  if (JOB == 0) JOB = heap.alloc(64);
  return JOB;
}

// @ts-ignore: decorator
@inline
function field(offset: i32): i32 {
  return load<i32>(JOB + <usize>offset);
}

// @ts-ignore: decorator
@inline
function setField(offset: i32, value: i32): void {
  store<i32>(jobAddress() + <usize>offset, value);
}

/**
 * Values in one chunk's slot: P partial sums, the partial loss, and scratch: `classes`
 * values for the multinomial Hessian product, or cols float32 (rounded up) for float32 X.
 */
// @ts-ignore: decorator
@inline
function slotLength(parameters: i32, classes: i32): i32 {
  return parameters + 1 + max(classes, parameters / 2 + 2);
}

/** Number of chunks of a pass over `rows` rows. */
export function chunkCount(rows: i32): i32 {
  return (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
}

/** float64 values of scratch a problem of this shape needs for its chunk slots. */
export function partialsLength(rows: i32, cols: i32, classes: i32): i32 {
  return chunkCount(rows) * slotLength(classes * (cols + 1), classes);
}

/** Number of chunks of the job at `job` (as `jobAddress()` gave it). */
export function jobChunkCount(job: usize): i32 {
  JOB = job;
  return chunkCount(field(ROWS));
}

/** Describes the data of the problem; `partials` holds partialsLength(rows, cols, classes) values. */
export function setJobData(
  x: usize,
  y: usize,
  weights: usize,
  rows: i32,
  cols: i32,
  classes: i32,
  partials: usize,
  curvature: usize,
  float32: bool,
  rounded: usize,
): void {
  setField(FLOAT32, float32 ? FLOAT32_FAST : 0);
  setField(ROUNDED, <i32>rounded);
  setField(X, <i32>x);
  setField(Y, <i32>y);
  setField(WEIGHTS, <i32>weights);
  setField(ROWS, rows);
  setField(COLS, cols);
  setField(CLASSES, classes);
  setField(PARTIALS, <i32>partials);
  setField(CURVATURE, <i32>curvature);
}

/** 0 for float64 X, else how gradient passes over float32 X compute (FLOAT32_FAST, FLOAT32_EXACT). */
export function float32Mode(): i32 {
  return field(FLOAT32);
}

/** Sets how gradient passes over float32 X compute; only valid when X holds float32. */
export function setFloat32Mode(mode: i32): void {
  setField(FLOAT32, mode);
}

/** Describes the next pass: a gradient pass at `params`, or a Hessian product with `vector`. */
export function setJobPass(kind: i32, params: usize, vector: usize, withLoss: bool, keepCurvature: bool): void {
  setField(KIND, kind);
  setField(PARAMS, <i32>params);
  setField(VECTOR, <i32>vector);
  setField(WITH_LOSS, withLoss ? 1 : 0);
  setField(KEEP_CURVATURE, keepCurvature ? 1 : 0);
  if (field(FLOAT32) != 0) roundToF32(kind == PASS_GRADIENT ? params : vector, <usize>field(ROUNDED), field(COLS));
}

/**
 * Computes chunks first, first + stride, first + 2·stride, … of the pass described at
 * `job`: what one of `stride` threads does. Reads everything from the job in memory
 * (worker threads have no other state).
 */
export function runChunks(job: usize, first: i32, stride: i32): void {
  JOB = job;
  const rows = field(ROWS);
  const cols = field(COLS);
  const classes = field(CLASSES);
  const parameters = classes == 1 ? cols + 1 : classes * (cols + 1);
  const slotBytes = <usize>slotLength(parameters, classes) << 3;
  const float32 = field(FLOAT32) != 0;
  const exact = field(FLOAT32) == FLOAT32_EXACT;
  const rowBytes = <usize>cols << (float32 ? 2 : 3);
  const rounded = <usize>field(ROUNDED);
  const chunks = chunkCount(rows);
  const x = <usize>field(X);
  const y = <usize>field(Y);
  const weights = <usize>field(WEIGHTS);
  const params = <usize>field(PARAMS);
  const curvature = <usize>field(CURVATURE);
  const partials = <usize>field(PARTIALS);
  const kind = field(KIND);
  for (let c = first; c < chunks; c += stride) {
    const start = c * CHUNK_ROWS;
    const count = min(CHUNK_ROWS, rows - start);
    const slot = partials + <usize>c * slotBytes;
    const xc = x + <usize>start * rowBytes;
    const wc: usize = weights == 0 ? 0 : weights + (<usize>start << 3);
    const perRow = <usize>(classes == 1 ? 1 : classes) << 3;
    const cc = curvature + <usize>start * perRow;
    if (kind == PASS_GRADIENT) {
      const yc = y + (<usize>start << 3);
      let loss: f64;
      const keep: usize = field(KEEP_CURVATURE) != 0 ? cc : 0;
      if (exact) {
        loss = binaryPass32Exact(xc, yc, wc, count, cols, params, slot, field(WITH_LOSS) != 0, keep);
      } else if (float32) {
        const scratch = slot + (<usize>(parameters + 1) << 3);
        loss = binaryPass32(xc, yc, wc, count, cols, params, rounded, scratch, slot, field(WITH_LOSS) != 0, keep);
      } else if (classes == 1) {
        loss = binaryPass(xc, yc, wc, count, cols, params, slot, field(WITH_LOSS) != 0, keep);
      } else {
        loss = multinomialPass(xc, yc, wc, count, cols, classes, params, slot, cc);
      }
      put(slot, parameters, loss);
    } else {
      const v = <usize>field(VECTOR);
      if (float32) binaryHessianProduct32(xc, count, cols, cc, v, rounded, slot + (<usize>(parameters + 1) << 3), slot);
      else if (classes == 1) binaryHessianProduct(xc, count, cols, cc, v, slot);
      else multinomialHessianProduct(xc, wc, count, cols, classes, cc, v, slot, slot + (<usize>(parameters + 1) << 3));
    }
  }
}

/**
 * Adds the chunk slots in chunk order into out (P values, overwritten) and returns the
 * sum of their partial losses.
 */
export function reduceChunks(out: usize): f64 {
  const rows = field(ROWS);
  const cols = field(COLS);
  const classes = field(CLASSES);
  const parameters = classes == 1 ? cols + 1 : classes * (cols + 1);
  const slotBytes = <usize>slotLength(parameters, classes) << 3;
  const partials = <usize>field(PARTIALS);
  const chunks = chunkCount(rows);
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

/** How many threads passes may use (the host must have started threads − 1 workers). */
export function setThreads(threads: i32): void {
  THREADS = threads;
}

/**
 * Runs the current pass over every chunk: here when one thread suffices, else through
 * the host, which wakes the workers (each runs `runChunks(k, threads)` on this memory),
 * runs `runChunks(0, threads)` itself and returns when all are done.
 */
export function runPass(): void {
  const threads = min(THREADS, chunkCount(field(ROWS)));
  if (threads > 1) hostParallel(threads);
  else runChunks(JOB, 0, 1);
}
