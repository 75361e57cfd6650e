import { checkChoice, checkInteger, checkOptionNames } from '../validate/options.js';
import { isArrayLike } from '../validate/array-like.js';
import { describeKind } from '../validate/describe.js';
import { adoptBlock, defaultCore, free, viewF32, viewF64 } from '../core/runtime.js';
import { type ArrayOfDtype, DTYPES, type Dtype, formatValue, Matrix, type MatrixOptions } from '../matrix.js';
import { type CsrArrays, canonicalise } from './canonical.js';
import { INT32_MAX, readCols, readCsrParts, readSparseRows } from './csr-input.js';

/**
 * The arguments of {@link CsrMatrix.from}: scipy's `csr_matrix((values, indices, indptr),
 * shape=(rows, cols))`. Row `i` holds the entries `indptr[i]` to `indptr[i + 1] - 1`:
 * entry `k` is the value `values[k]` in column `indices[k]`.
 * @typeParam V - the kind of `values`.
 * @example
 * ```ts
 * // [[5, 0, 0], [0, 0, 0], [0, 7, 8]]: row 1 is empty, so indptr[1] = indptr[2]
 * const data: CsrData = { rows: 3, cols: 3, indptr: [0, 1, 1, 3], indices: [0, 1, 2], values: [5, 7, 8] };
 * ```
 */
export interface CsrData<V extends Float64Array | Float32Array | readonly number[] = Float64Array | Float32Array | readonly number[]> {
  /** Number of rows, an integer in [0, 2³¹). */
  readonly rows: number;
  /** Number of columns, an integer in [0, 2³¹). */
  readonly cols: number;
  /** `rows + 1` row starts: 0, non-decreasing, ending at the number of entries. */
  readonly indptr: Int32Array | readonly number[];
  /** The column of each entry, in [0, cols); any order within a row, repeats allowed. */
  readonly indices: Int32Array | readonly number[];
  /** The value of each entry (as many as `indices`), finite. */
  readonly values: V;
}

/**
 * One row of {@link CsrMatrix.fromRows}: `{ [column]: value }`, or `[column, value]` pairs.
 * @example
 * ```ts
 * const row: SparseRow = { 0: 1.5, 7: -2 }; // the same row as [[0, 1.5], [7, -2]]
 * ```
 */
export type SparseRow = Readonly<Record<number, number>> | readonly (readonly [number, number])[];

/** Options of {@link CsrMatrix.fromRows}. */
export interface SparseRowsOptions<D extends Dtype = Dtype> extends MatrixOptions<D> {
  /**
   * Number of columns, an integer in [0, 2³¹) above every column index used.
   * @default the largest column index used + 1 (0 when there are no entries)
   */
  cols?: number;
}

/** See {@link pinCsrMatrix}; set by CsrMatrix's static block, which can reach its private fields. */
let internals: { pin(matrix: CsrMatrix<Dtype>): void; unpin(matrix: CsrMatrix<Dtype>): void; disposed(matrix: CsrMatrix<Dtype>): boolean;
  adopt(dtype: Dtype, rows: number, cols: number, arrays: CsrArrays): CsrMatrix<Dtype>;
};

/**
 * A sparse matrix in compressed sparse row (CSR) form, scipy's `csr_matrix`: only the
 * stored entries of each row, as three arrays in the WebAssembly core's memory, where the
 * library reads them in place. Values are float64 (the default) or float32
 * (see {@link CsrMatrix.dtype}); indices are int32.
 *
 * A CsrMatrix is always canonical, as scipy's `has_canonical_format`: column indices
 * strictly increase within each row, and entries given more than once for the same row
 * and column are one entry holding their sum (scipy's `sum_duplicates`; summed in the
 * order given, in float64, then rounded once to the dtype). Explicit zeros — stored values
 * that are 0, including duplicates that sum to 0 — are kept and count in {@link nnz}, as
 * scipy keeps them until `eliminate_zeros()`.
 *
 * Release the memory with {@link CsrMatrix.dispose}; one dropped without it is freed as a
 * dropped `Matrix.alloc` matrix is (see `Matrix.dispose`).
 *
 * @typeParam D - the dtype of the values; `CsrMatrix` alone means float64.
 * @example
 * ```ts
 * // [[0, 2, 0],
 * //  [1, 0, 3]]
 * const X = CsrMatrix.from({ rows: 2, cols: 3, indptr: [0, 1, 3], indices: [1, 2, 0], values: [2, 3, 1] });
 * X.nnz; // 3
 * X.toDense().toArray(); // [[0, 2, 0], [1, 0, 3]]
 * X.dispose();
 * ```
 */
export class CsrMatrix<D extends Dtype = 'float64'> {
  /** Number of rows (samples). */
  readonly rows: number;
  /** Number of columns (features). */
  readonly cols: number;
  /** Number of stored entries, explicit zeros included, after duplicates were summed. */
  readonly nnz: number;
  /** How the values are stored: `'float64'` or `'float32'`. */
  readonly dtype: D;
  /** Byte offsets of indptr (int32), indices (int32) and values (dtype); all 0 once disposed. */
  #indptr: number;
  #indices: number;
  #values: number;
  /** The blocks, until freed: after `dispose()` while pinned, the offsets are 0 and these are not. */
  #blocks: number[];
  /** Library calls reading the blocks in place right now (see {@link pinCsrMatrix}). */
  #pins = 0;

  static {
    internals = {
      pin(matrix) {
        matrix.#live();
        matrix.#pins++;
      },
      unpin(matrix) {
        matrix.#pins--;
        if (matrix.#pins === 0 && matrix.#indptr === 0) matrix.#freeBlocks();
      },
      disposed: (matrix) => matrix.#indptr === 0,
      adopt: (dtype, rows, cols, arrays) => new CsrMatrix<Dtype>(dtype, rows, cols, arrays),
    };
  }

  private constructor(dtype: D, rows: number, cols: number, arrays: CsrArrays) {
    this.rows = rows;
    this.cols = cols;
    this.dtype = dtype;
    this.nnz = arrays.indices.length;
    const blocks: number[] = [];
    try {
      this.#indptr = copyInI32(this, blocks, arrays.indptr);
      this.#indices = copyInI32(this, blocks, arrays.indices);
      this.#values = copyInValues(this, blocks, arrays.values, dtype);
    } catch (error) {
      for (const block of blocks) free(block);
      throw error;
    }
    this.#blocks = blocks;
  }

  /**
   * A CSR matrix from its three arrays, copied into WebAssembly memory in canonical form
   * (see {@link CsrMatrix}: each row sorted by column, duplicates summed, explicit zeros
   * kept). Everything is checked before anything is allocated.
   * @param data - `{ rows, cols, indptr, indices, values }`, see {@link CsrData}.
   * @param options.dtype - storage of the values: `'float32'` rounds each to float32.
   * @default dtype: `'float32'` when `values` is a Float32Array, else `'float64'`
   * @throws TypeError when `data` is not an object, an array is of the wrong kind, an entry
   * is not a number, or for an unknown option; RangeError when `rows` or `cols` is not an
   * integer in [0, 2³¹), indptr does not have `rows + 1` entries, values and indices differ
   * in length, indptr does not start at 0, decreases or does not end at the number of
   * entries, an index is not a column in [0, cols), a value (or a sum of duplicates) is
   * NaN or ±Infinity or, for dtype `'float32'`, beyond float32's range; for an unknown
   * dtype; or when the arrays cannot fit in WebAssembly memory.
   * @example
   * ```ts
   * // Row 0: columns 2 and 0 (unsorted); row 1: column 1 twice (summed to 5).
   * const X = CsrMatrix.from({ rows: 2, cols: 3, indptr: [0, 2, 4], indices: [2, 0, 1, 1], values: [1, 2, 3, 2] });
   * X.nnz; // 3
   * X.toDense().toArray(); // [[2, 0, 1], [0, 5, 0]]
   * ```
   */
  static from<T extends Dtype>(data: CsrData, options: MatrixOptions<T> & { dtype: T }): CsrMatrix<T>;
  static from(data: CsrData<Float32Array>, options?: MatrixOptions<'float32'>): CsrMatrix<'float32'>;
  static from(data: CsrData<Float64Array | readonly number[]>, options?: MatrixOptions<'float64'>): CsrMatrix<'float64'>;
  static from(data: CsrData, options?: MatrixOptions): CsrMatrix<Dtype>;
  static from(data: CsrData, options: MatrixOptions = {}): CsrMatrix<Dtype> {
    const where = 'CsrMatrix.from';
    if (data === null || typeof data !== 'object' || Array.isArray(data) || ArrayBuffer.isView(data)) {
      throw new TypeError(`${where}: data must be an object { rows, cols, indptr, indices, values }, got ${describeKind(data)}`);
    }
    const dtype = checkDtype(where, options, data.values instanceof Float32Array ? 'float32' : 'float64');
    const rows = checkInteger(where, 'rows', data.rows, 0, INT32_MAX);
    const cols = checkInteger(where, 'cols', data.cols, 0, INT32_MAX);
    const arrays = canonicalise(readCsrParts(where, data, rows, cols, dtype), dtype, `${where}: values`);
    return new CsrMatrix<Dtype>(dtype, rows, cols, arrays);
  }

  /**
   * A CSR matrix from rows given by their non-zero entries: each row an object
   * `{ [column]: value }` (its own enumerable keys only, so `__proto__` or inherited keys
   * are never read as columns) or an array of `[column, value]` pairs (a column given twice
   * is summed, as in {@link CsrMatrix.from}).
   * @param options.cols - the number of columns.
   * @default cols: the largest column used + 1
   * @param options.dtype - storage of the values.
   * @default dtype: `'float64'`
   * @throws TypeError when `rows` is not an array, a row is neither a plain object nor an
   * array of pairs, a key is not a column index (a canonical integer like `"7"`), a value
   * is not a number, or for an unknown option; RangeError for a negative or fractional
   * column, one not below `cols`, a non-finite value (or beyond float32's range for dtype
   * `'float32'`), or an invalid `cols` or dtype.
   * @example
   * ```ts
   * const X = CsrMatrix.fromRows([{ 0: 1.5, 4: 2 }, [[3, 1], [1, -1]]], { cols: 6 });
   * [X.rows, X.cols, X.nnz]; // [2, 6, 4]
   * ```
   */
  static fromRows(rows: readonly SparseRow[], options?: SparseRowsOptions<'float64'>): CsrMatrix<'float64'>;
  static fromRows<T extends Dtype>(rows: readonly SparseRow[], options: SparseRowsOptions<T>): CsrMatrix<T>;
  static fromRows(rows: readonly SparseRow[], options: SparseRowsOptions = {}): CsrMatrix<Dtype> {
    const where = 'CsrMatrix.fromRows';
    checkOptionNames(where, options, ['cols', 'dtype']);
    const dtype = checkChoice(where, 'dtype', options.dtype ?? 'float64', DTYPES);
    const read = readSparseRows(where, rows, readCols(where, options.cols), dtype);
    const arrays = canonicalise(read.arrays, dtype, `${where}: rows`);
    return new CsrMatrix<Dtype>(dtype, read.arrays.indptr.length - 1, read.cols, arrays);
  }

  /**
   * The same matrix, dense: a new `rows`×`cols` {@link Matrix} of the same dtype in JS
   * memory, zero where no entry is stored.
   * @throws Error when this matrix has been disposed.
   */
  toDense(): Matrix<D> {
    this.#live();
    const dense = Matrix.zeros(this.rows, this.cols, { dtype: this.dtype as Dtype }) as Matrix<Dtype>;
    const out = dense.data;
    const { indptr, indices, values } = this.#views();
    for (let i = 0; i < this.rows; i++) {
      for (let k = indptr[i] as number; k < (indptr[i + 1] as number); k++) {
        out[i * this.cols + (indices[k] as number)] = values[k] as number;
      }
    }
    return dense as Matrix<D>;
  }

  /**
   * The matrix as its three arrays, copied into JS memory: the inverse of
   * {@link CsrMatrix.from} (canonical: columns increase within each row). Values are a
   * Float32Array for dtype `'float32'`.
   * @throws Error when this matrix has been disposed.
   * @example
   * ```ts
   * CsrMatrix.fromRows([{ 1: 2 }, {}]).toData();
   * // { rows: 2, cols: 2, indptr: Int32Array [0, 1, 1], indices: Int32Array [1], values: Float64Array [2] }
   * ```
   */
  toData(): CsrData<ArrayOfDtype<D>> & { readonly indptr: Int32Array; readonly indices: Int32Array } {
    this.#live();
    const { indptr, indices, values } = this.#views();
    return { rows: this.rows, cols: this.cols, indptr: indptr.slice(), indices: indices.slice(), values: values.slice() as ArrayOfDtype<D> };
  }

  /**
   * The rows at `rows`, in that order (repeats allowed), as a new CsrMatrix of the same
   * dtype and columns: scipy's `X[rows]` for a list of row numbers. The result is
   * canonical as this matrix is; the caller disposes it.
   * @param rows - row numbers, integers in [0, this.rows).
   * @throws TypeError when `rows` is not an array of numbers; RangeError for a row number
   * that is not an integer in range (naming `rows[i]`); Error when this matrix has been
   * disposed.
   * @example
   * ```ts
   * const X = CsrMatrix.fromRows([{ 0: 1 }, { 2: 5 }, {}], { cols: 3 });
   * X.takeRows([1, 1, 0]).toDense().toArray(); // [[0, 0, 5], [0, 0, 5], [1, 0, 0]]
   * ```
   */
  takeRows(rows: ArrayLike<number>): CsrMatrix<D> {
    const where = 'CsrMatrix.takeRows';
    this.#live();
    if (!isArrayLike(rows)) throw new TypeError(`${where}: rows must be an array of row numbers, got ${describeKind(rows)}`);
    const picked = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) picked[i] = checkInteger(where, `rows[${i}]`, rows[i], 0, this.rows - 1);
    const { indptr, indices, values } = this.#views();
    const outIndptr = new Int32Array(picked.length + 1);
    for (let i = 0; i < picked.length; i++) {
      const row = picked[i] as number;
      outIndptr[i + 1] = (outIndptr[i] as number) + (indptr[row + 1] as number) - (indptr[row] as number);
    }
    const nnz = outIndptr[picked.length] as number;
    const outIndices = new Int32Array(nnz);
    const outValues = new Float64Array(nnz);
    for (let i = 0; i < picked.length; i++) {
      const row = picked[i] as number;
      const from = indptr[row] as number;
      const to = indptr[row + 1] as number;
      outIndices.set(indices.subarray(from, to), outIndptr[i] as number);
      for (let k = from; k < to; k++) outValues[(outIndptr[i] as number) + k - from] = values[k] as number;
    }
    return new CsrMatrix<D>(this.dtype, picked.length, this.cols, { indptr: outIndptr, indices: outIndices, values: outValues });
  }

  /** @internal Byte offset of indptr (`rows + 1` int32) in the default core's memory. */
  get indptrByteOffset(): number {
    this.#live();
    return this.#indptr;
  }

  /** @internal Byte offset of indices (`nnz` int32, increasing within each row) in the default core's memory. */
  get indicesByteOffset(): number {
    this.#live();
    return this.#indices;
  }

  /** @internal Byte offset of the values (`nnz` of {@link dtype}) in the default core's memory. */
  get valuesByteOffset(): number {
    this.#live();
    return this.#values;
  }

  /**
   * The shape, dtype, number of stored entries and the entries as `(row, column) value`,
   * as scipy prints a sparse matrix; beyond 1000 entries only the first and last 3.
   * @example
   * ```ts
   * String(CsrMatrix.fromRows([{ 1: 2.5 }, { 0: -1 }]));
   * // CsrMatrix 2×2 float64, 2 stored entries [
   * //   (0, 1) 2.5,
   * //   (1, 0) -1,
   * // ]
   * ```
   */
  toString(): string {
    const header = `CsrMatrix ${this.rows}×${this.cols} ${this.dtype}, ${this.nnz} stored ${this.nnz === 1 ? 'entry' : 'entries'}`;
    if (this.#indptr === 0) return `${header} (disposed)`;
    if (this.nnz === 0) return `${header} []`;
    const { indptr, indices, values } = this.#views();
    const lines: string[] = [];
    const summarise = this.nnz > PRINT_THRESHOLD;
    for (let i = 0; i < this.rows; i++) {
      for (let k = indptr[i] as number; k < (indptr[i + 1] as number); k++) {
        if (summarise && k === EDGE_ITEMS) lines.push('  ...,');
        if (summarise && k >= EDGE_ITEMS && k < this.nnz - EDGE_ITEMS) continue;
        lines.push(`  (${i}, ${indices[k] as number}) ${formatValue(values[k] as number, this.dtype)},`);
      }
    }
    return `${header} [\n${lines.join('\n')}\n]`;
  }

  /** What Node's `util.inspect` and `console.log` show: {@link CsrMatrix.toString}. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /**
   * Releases the WebAssembly memory; safe to call more than once. Afterwards `toDense()`
   * throws (`rows`, `cols`, `nnz` and `dtype` stay readable). A matrix a library call is
   * reading in place is released only when that call returns, as a `Matrix` is.
   */
  dispose(): void {
    if (this.#indptr === 0) return;
    this.#indptr = 0;
    this.#indices = 0;
    this.#values = 0;
    if (this.#pins === 0) this.#freeBlocks();
  }

  /** Throws when disposed: every reader of the blocks checks this first. */
  #live(): void {
    if (this.#indptr === 0) throw new Error('CsrMatrix: this matrix has been disposed');
  }

  /** Fresh views of the three arrays (memory growth detaches old ones). */
  #views(): { indptr: Int32Array; indices: Int32Array; values: ArrayOfDtype<Dtype> } {
    return {
      indptr: defaultCore.viewI32(this.#indptr, this.rows + 1),
      indices: defaultCore.viewI32(this.#indices, this.nnz),
      values: this.dtype === 'float32' ? viewF32(this.#values, this.nnz) : viewF64(this.#values, this.nnz),
    };
  }

  #freeBlocks(): void {
    for (const block of this.#blocks) free(block);
    this.#blocks = [];
  }
}

/**
 * Marks `matrix` as read in place by a library call until {@link unpinCsrMatrix}: a
 * `dispose()` meanwhile releases its memory only once every such call has unpinned it.
 * @internal
 * @throws Error when the matrix has been disposed.
 */
export function pinCsrMatrix(matrix: CsrMatrix<Dtype>): void {
  internals.pin(matrix);
}

/** Ends a {@link pinCsrMatrix}; frees the blocks if the matrix was disposed meanwhile. @internal */
export function unpinCsrMatrix(matrix: CsrMatrix<Dtype>): void {
  internals.unpin(matrix);
}

/** More entries than this are summarised (numpy's print threshold, as Matrix uses). */
const PRINT_THRESHOLD = 1000;
/** Entries shown at each end of a summarised matrix. */
const EDGE_ITEMS = 3;

/** The dtype of `options`, `fallback` when not given. */
function checkDtype(where: string, options: MatrixOptions, fallback: Dtype): Dtype {
  checkOptionNames(where, options, ['dtype']);
  return checkChoice(where, 'dtype', options.dtype ?? fallback, DTYPES);
}

/** Copies int32 `values` into a block owned by `owner`, recorded in `blocks`; returns its offset. */
function copyInI32(owner: object, blocks: number[], values: Int32Array): number {
  const ptr = defaultCore.allocI32(values.length);
  blocks.push(ptr);
  adoptBlock(owner, ptr, Math.max(Math.ceil(values.length / 2), 1) * 8);
  defaultCore.viewI32(ptr, values.length).set(values);
  return ptr;
}

/** Copies `values` (float64, already rounded for float32) into a block of `dtype` owned by `owner`. */
function copyInValues(owner: object, blocks: number[], values: Float64Array, dtype: Dtype): number {
  const length = dtype === 'float32' ? Math.ceil(values.length / 2) : values.length;
  const ptr = defaultCore.allocF64(length);
  blocks.push(ptr);
  adoptBlock(owner, ptr, Math.max(length, 1) * 8);
  if (dtype === 'float32') viewF32(ptr, values.length).set(values);
  else viewF64(ptr, values.length).set(values);
  return ptr;
}

/**
 * Throws when `matrix` (the argument `name`) has been disposed: what every library call
 * that reads a CsrMatrix checks first.
 */
export function checkCsrNotDisposed(matrix: CsrMatrix<Dtype>, name: string): void {
  if (internals.disposed(matrix)) {
    throw new Error(`${name} is a CsrMatrix that has been disposed (dispose() released its memory); pass one that is still allocated`);
  }
}

/**
 * A CsrMatrix from arrays the library made canonical itself (the text vectorizers'
 * output): copied into WebAssembly memory without the checks and the canonical pass of
 * {@link CsrMatrix.from}, which cost a fifth of a HashingVectorizer transform. Callers
 * guarantee what `from` would check: indptr well formed, indices strictly increasing
 * within each row and below `cols`, values finite (and, for float32, within its range).
 * @internal
 */
export function csrFromCanonical<T extends Dtype>(
  data: { readonly rows: number; readonly cols: number; readonly indptr: Int32Array; readonly indices: Int32Array; readonly values: Float64Array },
  dtype: T,
): CsrMatrix<T> {
  return internals.adopt(dtype, data.rows, data.cols, { indptr: data.indptr, indices: data.indices, values: data.values }) as CsrMatrix<T>;
}
