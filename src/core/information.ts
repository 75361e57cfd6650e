/**
 * The passes of statistical inference in the default core (assembly/objective/information.ts):
 * weighted cross-products Σaᵢx̃ᵢx̃ᵢᵀ of X with its intercept column (the information
 * matrix and the sandwich's meat), weighted column sums (the score), the quadratic forms
 * x̃ᵢᵀVx̃ᵢ behind leverages, and per-group sums of rᵢx̃ᵢ (cluster scores).
 *
 * Every matrix is in the parameters' order of the core: the columns of X, then the
 * intercept (x̃ = (x, 1)) when `fitIntercept`; p = cols + 1 or cols values a side.
 * @module
 */
import { problemRecord } from './problem.js';
import { defaultCore } from './runtime.js';
import { withProblemRecord } from './solve.js';
import type { StagedMatrix } from './stage.js';
import { ensureThreads } from './threads.js';

/** What {@link informationPass} computes. */
export interface InformationSums {
  /** Σaᵢx̃ᵢx̃ᵢᵀ, p × p row-major (symmetric). */
  readonly first: Float64Array;
  /** Σbᵢx̃ᵢx̃ᵢᵀ, or null when no b was given. */
  readonly second: Float64Array | null;
  /** Σcᵢx̃ᵢ (p values), or null when no c was given. */
  readonly sums: Float64Array | null;
}

/** How a pass runs: where its messages come from, and its threads. */
export interface PassRun {
  /** The caller's name, the prefix of the message when the core is busy. */
  readonly where: string;
  /** Threads for the information pass (the other passes use one). */
  readonly threads: number;
  /** Receives a one-time notice when threads are unavailable. */
  readonly warn: (message: string) => void;
}

/** Parameters per row of X: its columns, and the intercept's 1 when fitted. */
export function parameterCount(X: StagedMatrix, fitIntercept: boolean): number {
  return X.cols + (fitIntercept ? 1 : 0);
}

/**
 * Runs `body` with the record describing X (and the core's thread count set for the
 * information pass), freeing every block `body` takes through `take` afterwards.
 */
function withRecord<T>(X: StagedMatrix, fitIntercept: boolean, run: PassRun, threads: number, body: (take: (ptr: number) => number) => T): T {
  return withProblemRecord(`${run.where}: a fit is running (it was called from an onIteration callback); call it after the fit returns`, () => {
    const core = defaultCore.exports;
    const owned: number[] = [];
    const take = (ptr: number): number => {
      owned.push(ptr);
      return ptr;
    };
    try {
      problemRecord(defaultCore).write({
        x: X.ptr,
        dtype: X.dtype,
        sparse: X.sparse,
        y: 0,
        weights: 0,
        rows: X.rows,
        cols: X.cols,
        blocks: 1,
        fitIntercept,
        weightSum: 0,
        l2: 0,
        l1: 0,
      });
      core.setThreads(threads > 1 ? ensureThreads(threads, run.warn) : 1);
      return body(take);
    } finally {
      core.setThreads(1);
      for (const ptr of owned) defaultCore.free(ptr);
    }
  });
}

/** Checks that a row-weight vector has one value per row of X. */
function checkRows(values: Float64Array | Int32Array, X: StagedMatrix, what: string): void {
  if (values.length !== X.rows) throw new RangeError(`${what}: expected ${X.rows} values (one per row of X), got ${values.length}`);
}

/**
 * Σaᵢx̃ᵢx̃ᵢᵀ, and Σbᵢx̃ᵢx̃ᵢᵀ and Σcᵢx̃ᵢ when `b` and `c` are given, in one pass over X in
 * the core on `run.threads` threads (bit-identical for any thread count).
 * @throws RangeError when a weight vector's length is not X's rows, or when the chunk
 * scratch (up to 128 MiB, O(p²) per chunk) cannot be had.
 */
export function informationPass(
  X: StagedMatrix,
  fitIntercept: boolean,
  a: Float64Array,
  b: Float64Array | null,
  c: Float64Array | null,
  run: PassRun,
): InformationSums {
  checkRows(a, X, 'informationPass: a');
  if (b !== null) checkRows(b, X, 'informationPass: b');
  if (c !== null) checkRows(c, X, 'informationPass: c');
  const p = parameterCount(X, fitIntercept);
  return withRecord(X, fitIntercept, run, run.threads, (take) => {
    const core = defaultCore.exports;
    const work = take(defaultCore.allocF64(core.informationWorkLength(b !== null)));
    problemRecord(defaultCore).setWork(work);
    const aPtr = take(defaultCore.copyIn(a));
    const bPtr = b === null ? 0 : take(defaultCore.copyIn(b));
    const cPtr = c === null ? 0 : take(defaultCore.copyIn(c));
    const length = (b === null ? 1 : 2) * p * p + (c === null ? 0 : p);
    const out = take(defaultCore.allocF64(length));
    core.informationPass(aPtr, bPtr, cPtr, out);
    const values = defaultCore.viewF64(out, length).slice();
    const square = p * p;
    return {
      first: values.subarray(0, square),
      second: b === null ? null : values.subarray(square, 2 * square),
      sums: c === null ? null : values.subarray(length - p, length),
    };
  });
}

/** x̃ᵢᵀVx̃ᵢ for every row of X, with V p × p (symmetric, row-major). One thread. */
export function rowQuadraticForms(X: StagedMatrix, fitIntercept: boolean, V: Float64Array, run: PassRun): Float64Array {
  const p = parameterCount(X, fitIntercept);
  if (V.length !== p * p) throw new RangeError(`rowQuadraticForms: V: expected ${p * p} values (${p} × ${p}), got ${V.length}`);
  return withRecord(X, fitIntercept, run, 1, (take) => {
    const vPtr = take(defaultCore.copyIn(V));
    const scratch = take(defaultCore.allocF64(Math.max(1, X.cols)));
    const out = take(defaultCore.allocF64(X.rows));
    defaultCore.exports.rowQuadraticForms(vPtr, scratch, out);
    return defaultCore.viewF64(out, X.rows).slice();
  });
}

/**
 * Per group g < `groups`: Σ_{i in g} rᵢx̃ᵢ, groups × p row-major, with `group` each row's
 * group index in [0, groups). One thread.
 */
export function groupSums(X: StagedMatrix, fitIntercept: boolean, group: Int32Array, groups: number, r: Float64Array, run: PassRun): Float64Array {
  checkRows(group, X, 'groupSums: group');
  checkRows(r, X, 'groupSums: r');
  for (let i = 0; i < group.length; i++) {
    const g = group[i] as number;
    if (!(g >= 0 && g < groups)) throw new RangeError(`groupSums: group[${i}]: expected an index in [0, ${groups}), got ${g}`);
  }
  const p = parameterCount(X, fitIntercept);
  return withRecord(X, fitIntercept, run, 1, (take) => {
    const groupPtr = take(defaultCore.allocI32(group.length));
    defaultCore.viewI32(groupPtr, group.length).set(group);
    const rPtr = take(defaultCore.copyIn(r));
    const out = take(defaultCore.allocF64(groups * p));
    defaultCore.exports.groupSums(groupPtr, rPtr, groups, out);
    return defaultCore.viewF64(out, groups * p).slice();
  });
}
