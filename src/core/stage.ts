/**
 * Input checks and the copy of user data into WebAssembly memory.
 *
 * Everything a kernel reads passes through here first, so kernels can trust their
 * pointers and lengths. Messages name the argument and say what was expected and
 * what was found, and where.
 *
 * Each staging function yields one layout of X: {@link stageMatrix} dense float64,
 * {@link stageMatrix32} dense float32, and both a {@link CsrMatrix} as it is (compressed
 * sparse rows, float64 or float32 values; see {@link stageCsr}). src/core/problem.ts names
 * the layout to the core (its LAYOUT_* constants, assembly/objective/layout.ts), where
 * each pass dispatches on it; a new layout is a staging function here plus its row
 * kernels and a case in layout.ts.
 * @module
 */
import { checkNotDisposed, type Dtype, float32RangeError, Matrix, pinMatrix, unpinMatrix } from '../matrix.js';
import { checkCsrNotDisposed, CsrMatrix, pinCsrMatrix, unpinCsrMatrix } from '../sparse/csr-matrix.js';
import { copyRows, nonFiniteError, shapeOfRows } from '../validate/rows.js';
import { allocF64, core, free, memoryF64, viewF32, viewF64 } from './runtime.js';

export type { Dtype } from '../matrix.js';

/**
 * A dense matrix: a {@link Matrix} of either dtype, or an array of equal-length rows of
 * numbers.
 */
export type MatrixLike = Matrix<Dtype> | ArrayLike<ArrayLike<number>>;

/**
 * A feature matrix X, dense or sparse: a {@link MatrixLike}, or a {@link CsrMatrix} (read
 * in place).
 */
export type FeatureMatrix = MatrixLike | CsrMatrix<Dtype>;

/** The kinds a {@link FeatureMatrix} may be, as messages name them. */
const FEATURE_MATRIX_KINDS = 'a Matrix, a CsrMatrix or an array of rows';

/** Where the index arrays of a sparse X are (see {@link StagedMatrix.sparse}). */
export interface StagedCsr {
  /** Byte offset of the rows + 1 int32 row starts. */
  readonly indptr: number;
  /** Byte offset of the nnz int32 column indices, increasing within each row. */
  readonly indices: number;
  /** Stored entries. */
  readonly nnz: number;
}

/** A matrix in WebAssembly memory, ready for a kernel. */
export interface StagedMatrix {
  /** Byte offset of the values: rows × cols row-major (dense), or the nnz stored values (sparse). */
  readonly ptr: number;
  readonly rows: number;
  readonly cols: number;
  /** True when the block was allocated for this call and must be released with {@link release}. */
  readonly owned: boolean;
  /** How the values are stored. */
  readonly dtype: Dtype;
  /**
   * The Matrix read in place, pinned until {@link release} so that a `dispose()` during the
   * call (from a callback) cannot free its memory under the call; null for a copy.
   */
  readonly pinned: Matrix<Dtype> | CsrMatrix<Dtype> | null;
  /** The index arrays of compressed sparse rows; null for a dense X. */
  readonly sparse: StagedCsr | null;
}

/** Values per `TypedArray.set` when both arrays are views of WebAssembly memory (see {@link copyValues}). */
const COPY_CHUNK = 1 << 16;

/**
 * Puts X into WebAssembly memory as float64 for a kernel: a float64 Matrix already there
 * is used in place; any other input is copied once (a float32 Matrix, wherever it lives,
 * is widened as it is copied). The result is finite and has at least one row and column.
 * @throws TypeError for the wrong kind of X; RangeError for an empty X, ragged rows or a
 * non-finite value (with its row and column); Error for a disposed Matrix. A CsrMatrix is
 * staged by {@link stageCsr}.
 */
export function stageMatrix(X: FeatureMatrix, name: string): StagedMatrix {
  if (X instanceof CsrMatrix) return stageCsr(X, name);
  if (X instanceof Matrix) {
    checkNotDisposed(X, name);
    const { rows, cols } = X;
    checkNotEmpty(name, rows, cols);
    if (X.dtype === 'float64' && X.inWasmMemory) {
      checkFinite(X.byteOffset, rows, cols, name);
      return inPlace(X);
    }
    const ptr = allocF64(rows * cols);
    const staged: StagedMatrix = { ptr, rows, cols, owned: true, dtype: 'float64', pinned: null, sparse: null };
    guarded(staged, () => {
      copyValues(viewF64(ptr, rows * cols), X.data); // X.data after the allocation: it may have moved the memory
      checkFinite(ptr, rows, cols, name);
    });
    return staged;
  }
  const { rows, cols } = shapeOfRows(X, name, FEATURE_MATRIX_KINDS);
  checkNotEmpty(name, rows, cols);
  const ptr = allocF64(rows * cols);
  const staged: StagedMatrix = { ptr, rows, cols, owned: true, dtype: 'float64', pinned: null, sparse: null };
  guarded(staged, () => copyRows(X, cols, memoryF64(), ptr / 8, name, true));
  return staged;
}

/**
 * Puts X into WebAssembly memory as float32: a float32 Matrix already there is used in
 * place (only checked, O(1) extra memory); any other input is copied once, converted as
 * it is written, with no float64 copy on the way.
 * @throws as {@link stageMatrix}, and RangeError for a value too large for float32.
 */
export function stageMatrix32(X: FeatureMatrix, name: string): StagedMatrix {
  if (X instanceof CsrMatrix) return stageCsr(X, name);
  if (X instanceof Matrix) checkNotDisposed(X, name);
  const source = X instanceof Matrix ? null : X;
  const { rows, cols } = X instanceof Matrix ? X : shapeOfRows(X, name, FEATURE_MATRIX_KINDS);
  checkNotEmpty(name, rows, cols);
  if (X instanceof Matrix && X.dtype === 'float32' && X.inWasmMemory) {
    const at = core.firstNonFinite32(X.byteOffset, rows * cols);
    if (at >= 0) throw nonFiniteError(name, X.data[at] as number, Math.floor(at / cols), at % cols);
    return inPlace(X);
  }
  const ptr = allocF64(Math.ceil((rows * cols) / 2));
  const staged: StagedMatrix = { ptr, rows, cols, owned: true, dtype: 'float32', pinned: null, sparse: null };
  guarded(staged, () => {
    if (source === null) copyValues(viewF32(ptr, rows * cols), (X as Matrix<Dtype>).data);
    else copyRows(source, cols, viewF32(ptr, rows * cols), 0, name, true);
    const at = core.firstNonFinite32(ptr, rows * cols);
    if (at < 0) return;
    const row = Math.floor(at / cols);
    const col = at % cols;
    const original = source === null ? (X as Matrix<Dtype>).get(row, col) : ((source[row] as ArrayLike<number>)[col] as number);
    if (!Number.isFinite(original)) throw nonFiniteError(name, original, row, col);
    throw float32RangeError(name, original, row, col);
  });
  return staged;
}

/**
 * A CsrMatrix as it is, read in place with its own dtype (float32 values widen exactly in
 * the kernels, whose arithmetic is float64) and pinned until {@link release}. Its values
 * are finite and its indices canonical by construction, so staging checks only that it
 * is live and not empty: O(1), nothing allocated.
 * @throws RangeError for 0 rows or 0 columns; Error for a disposed CsrMatrix.
 */
export function stageCsr(X: CsrMatrix<Dtype>, name: string): StagedMatrix {
  checkCsrNotDisposed(X, name);
  checkNotEmpty(name, X.rows, X.cols);
  pinCsrMatrix(X);
  return {
    ptr: X.valuesByteOffset,
    rows: X.rows,
    cols: X.cols,
    owned: false,
    dtype: X.dtype,
    pinned: X,
    sparse: { indptr: X.indptrByteOffset, indices: X.indicesByteOffset, nnz: X.nnz },
  };
}

/**
 * `target.set(source)`, converting between float64 and float32; a chunk at a time when both
 * are views of the same (WebAssembly) memory, where the spec has `set` clone the whole
 * source first (V8 skips the clone when the ranges do not overlap; an engine that does not
 * would hold a hidden copy of X).
 */
function copyValues(target: Float64Array | Float32Array, source: Float64Array | Float32Array): void {
  if (target.buffer !== source.buffer) {
    target.set(source);
    return;
  }
  for (let at = 0; at < source.length; at += COPY_CHUNK) target.set(source.subarray(at, at + COPY_CHUNK), at);
}

/** A Matrix in WebAssembly memory, staged as it is and pinned until {@link release}. */
function inPlace(X: Matrix<Dtype>): StagedMatrix {
  pinMatrix(X);
  return { ptr: X.byteOffset, rows: X.rows, cols: X.cols, owned: false, dtype: X.dtype, pinned: X, sparse: null };
}

/** X staged as a fit with `dtype` stages it: {@link stageMatrix32} for 'float32', else {@link stageMatrix}. */
export function stageAs(dtype: Dtype, X: FeatureMatrix, name: string): StagedMatrix {
  return dtype === 'float32' ? stageMatrix32(X, name) : stageMatrix(X, name);
}

/** The values of a dense staged X, a fresh view (read it before the next allocation). */
export function stagedDenseValues(staged: StagedMatrix): Float64Array | Float32Array {
  const length = staged.rows * staged.cols;
  return staged.dtype === 'float32' ? viewF32(staged.ptr, length) : viewF64(staged.ptr, length);
}

/** Ends the call's use of a staged matrix: frees a block allocated for it, or unpins the Matrix read in place. */
export function release(staged: StagedMatrix | undefined): void {
  if (staged === undefined) return;
  if (staged.owned) free(staged.ptr);
  else if (staged.pinned instanceof CsrMatrix) unpinCsrMatrix(staged.pinned);
  else if (staged.pinned !== null) unpinMatrix(staged.pinned);
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
