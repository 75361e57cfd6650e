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
import { allocF64, core, free, memoryF64, viewF32 } from './wasm/runtime.js';

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
  /** How the values are stored. */
  readonly dtype: Dtype;
}

/** Storage of X in WebAssembly memory: float64, or float32 (half the memory, ~7 significant digits). */
export type Dtype = 'float64' | 'float32';

/** Largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

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
      return { ptr: X.byteOffset, rows: X.rows, cols: X.cols, owned: false, dtype: 'float64' };
    }
    const ptr = allocF64(X.rows * X.cols);
    memoryF64().set(X.data, ptr / 8);
    const staged: StagedMatrix = { ptr, rows: X.rows, cols: X.cols, owned: true, dtype: 'float64' };
    guarded(staged, () => checkFinite(ptr, X.rows, X.cols, name));
    return staged;
  }
  const { rows, cols } = shapeOfRows(X, name);
  checkNotEmpty(name, rows, cols);
  const ptr = allocF64(rows * cols);
  const staged: StagedMatrix = { ptr, rows, cols, owned: true, dtype: 'float64' };
  guarded(staged, () => copyRows(X, cols, memoryF64(), ptr / 8, name, true));
  return staged;
}

/**
 * Puts X into WebAssembly memory as float32 (always a copy, converted as it is written,
 * with no float64 copy on the way).
 * @throws as {@link stageMatrix}, and RangeError for a value too large for float32.
 */
export function stageMatrix32(X: MatrixLike, name: string): StagedMatrix {
  const source = X instanceof Matrix ? null : X;
  const { rows, cols } = X instanceof Matrix ? X : shapeOfRows(X, name);
  checkNotEmpty(name, rows, cols);
  const ptr = allocF64(Math.ceil((rows * cols) / 2));
  const staged: StagedMatrix = { ptr, rows, cols, owned: true, dtype: 'float32' };
  guarded(staged, () => {
    if (source === null) viewF32(ptr, rows * cols).set((X as Matrix).data);
    else copyRows(source, cols, viewF32(ptr, rows * cols), 0, name, true);
    const at = core.firstNonFinite32(ptr, rows * cols);
    if (at < 0) return;
    const row = Math.floor(at / cols);
    const col = at % cols;
    const original = source === null ? (X as Matrix).get(row, col) : ((source[row] as ArrayLike<number>)[col] as number);
    if (!Number.isFinite(original)) throw nonFiniteError(name, original, row, col);
    throw new RangeError(
      `${name} has ${String(original)} at row ${row}, column ${col}, beyond float32's range (±${FLOAT32_MAX.toPrecision(3)}); use dtype 'float64'`,
    );
  });
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
