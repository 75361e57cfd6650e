/**
 * Input checks and the copy of user data into WebAssembly memory.
 *
 * Everything a kernel reads passes through here first, so kernels can trust their
 * pointers and lengths. Messages name the argument and say what was expected and
 * what was found, and where.
 * @module
 */
import { describeKind } from './describe.js';
import { Matrix } from './matrix.js';
import { copyRows, nonFiniteError, shapeOfRows } from './rows.js';
import { allocF64, core, free, memoryF64 } from './wasm/runtime.js';

/** A feature matrix: a {@link Matrix}, or an array of equal-length rows of numbers. */
export type MatrixLike = Matrix | ArrayLike<ArrayLike<number>>;

/** A matrix in WebAssembly memory, ready for a kernel. */
export interface StagedMatrix {
  /** Byte offset of the row-major values. */
  readonly ptr: number;
  readonly rows: number;
  readonly cols: number;
  /** True when the block was allocated for this call and must be released with {@link release}. */
  readonly owned: boolean;
}

/**
 * Puts X into WebAssembly memory for a kernel: a Matrix already there is used in place;
 * any other input is copied once. The result is finite and has at least one row and column.
 * @throws TypeError for the wrong kind of X; RangeError for an empty X, ragged rows or a
 * non-finite value (with its row and column).
 */
export function stageMatrix(X: MatrixLike, name: string): StagedMatrix {
  if (X instanceof Matrix) {
    checkNotEmpty(name, X.rows, X.cols);
    if (X.inWasmMemory) {
      checkFinite(X.byteOffset, X.rows, X.cols, name);
      return { ptr: X.byteOffset, rows: X.rows, cols: X.cols, owned: false };
    }
    const ptr = allocF64(X.rows * X.cols);
    memoryF64().set(X.data, ptr / 8);
    const staged = { ptr, rows: X.rows, cols: X.cols, owned: true };
    guarded(staged, () => checkFinite(ptr, X.rows, X.cols, name));
    return staged;
  }
  const { rows, cols } = shapeOfRows(X, name);
  checkNotEmpty(name, rows, cols);
  const ptr = allocF64(rows * cols);
  const staged = { ptr, rows, cols, owned: true };
  guarded(staged, () => copyRows(X, cols, memoryF64(), ptr / 8, name, true));
  return staged;
}

/** Frees a staged block if it was allocated for the call. */
export function release(staged: StagedMatrix | undefined): void {
  if (staged?.owned) free(staged.ptr);
}

function checkNotEmpty(name: string, rows: number, cols: number): void {
  if (rows === 0) throw new RangeError(`${name} has 0 rows; at least one sample is required`);
  if (cols === 0) throw new RangeError(`${name} has 0 columns; at least one feature is required`);
}

function checkFinite(ptr: number, rows: number, cols: number, name: string): void {
  const at = core.firstNonFinite(ptr, rows * cols);
  if (at >= 0) {
    throw nonFiniteError(name, memoryF64()[ptr / 8 + at] as number, Math.floor(at / cols), at % cols);
  }
}

/** Runs `check`, freeing `staged` if it throws. */
function guarded(staged: StagedMatrix, check: () => void): void {
  try {
    check();
  } catch (error) {
    release(staged);
    throw error;
  }
}
