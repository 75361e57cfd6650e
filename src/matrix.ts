import { describeKind } from './validate/describe.js';
import { isArrayLike } from './validate/array-like.js';
import { checkChoice, checkInteger, checkOptionNames } from './validate/options.js';
import { copyRows, shapeOfRows } from './validate/rows.js';
import { MAX_BLOCK_BYTES, adoptBlock, allocF64, free, viewF32, viewF64 } from './core/runtime.js';
import { type FromArrowOptions, matrixFromArrow } from './arrow/from-arrow.js';

/**
 * How a {@link Matrix} stores its values: `'float64'` (JavaScript numbers exactly), or
 * `'float32'` (half the memory, ~7 significant digits; a `LogisticRegression` with
 * `dtype: 'float32'` trains on a float32 matrix in WebAssembly memory without copying it).
 */
export type Dtype = 'float64' | 'float32';

/** The typed array behind a matrix of dtype `D`: Float64Array or Float32Array. */
export type ArrayOfDtype<D extends Dtype> = D extends 'float32' ? Float32Array : Float64Array;

/** Options of the {@link Matrix} constructors that create storage. */
export interface MatrixOptions<D extends Dtype = Dtype> {
  /**
   * How the values are stored.
   * @default 'float64'
   */
  dtype?: D;
}

/** @internal Every {@link Dtype}, in the order messages list them. */
export const DTYPES = ['float64', 'float32'] as const;

/** Largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;


/** See {@link pinMatrix} and {@link isDisposedMatrix}; set by Matrix's static block, which can reach its private fields. */
let internals: {
  pin(matrix: Matrix<Dtype>): void;
  unpin(matrix: Matrix<Dtype>): void;
  disposed(matrix: Matrix<Dtype>): boolean;
  allocate(where: string, rows: number, cols: number, dtype: Dtype, zero: boolean): Matrix<Dtype>;
};

/**
 * A dense row-major matrix: element (i, j) is `data[i * cols + j]`, stored as float64
 * (the default) or float32 (see {@link Matrix.dtype}).
 *
 * A matrix either wraps a typed array in ordinary JS memory ({@link Matrix.from},
 * {@link Matrix.fromRows}, {@link Matrix.zeros}) or lives in the WebAssembly core's
 * linear memory ({@link Matrix.alloc}). The second kind is what `fit` and `predict`
 * read directly, without a copy; fill it through `data`, and call `dispose()` when
 * done (see {@link Matrix.dispose} for what happens if you forget).
 *
 * Every estimator, transformer and metric that takes a matrix accepts both dtypes.
 * `LogisticRegression({ dtype: 'float32' })` reads a float32 matrix in WebAssembly
 * memory in place, so X needs 4 bytes per value and no more; anything else it gets
 * (float64 values, or a float32 matrix in JS memory) is converted into a float32 copy
 * for the fit. A float64 fit, and `predict`, widen a float32 matrix into one float64
 * copy for the call. Matrices the library returns (coefficients, probabilities,
 * transformed data) are float64.
 *
 * @typeParam D - the dtype; `Matrix` alone means a float64 matrix.
 * @example
 * ```ts
 * const X = Matrix.fromRows([[1, 2], [3, 4], [5, 6]]); // 3×2, float64
 * X.get(2, 1); // 6
 *
 * // 1,000,000×20 float32 values in WebAssembly memory (80 MB), trained on in place:
 * const big = Matrix.alloc(1_000_000, 20, { dtype: 'float32' });
 * big.data.set(values); // any array of numbers, rounded to float32
 * new LogisticRegression({ dtype: 'float32' }).fit(big, y);
 * big.dispose();
 * ```
 */
export class Matrix<D extends Dtype = 'float64'> {
  /** Number of rows (samples). */
  readonly rows: number;
  /** Number of columns (features). */
  readonly cols: number;
  /** How the values are stored: `'float64'` ({@link data} is a Float64Array) or `'float32'` (a Float32Array). */
  readonly dtype: D;
  #data: ArrayOfDtype<D> | null;
  /** Byte offset of the values in WebAssembly memory; 0 for a JS matrix and once disposed. */
  #ptr: number;
  /** The WebAssembly block, until it is freed: after `dispose()`, while pinned, #ptr is 0 and this is not. */
  #block: number;
  /** Library calls reading the block in place right now (see {@link pinMatrix}). */
  #pins = 0;

  static {
    internals = {
      pin(matrix) {
        if (matrix.#ptr === 0) throw new Error('Matrix: this matrix has been disposed');
        matrix.#pins++;
      },
      unpin(matrix) {
        matrix.#pins--;
        if (matrix.#pins === 0 && matrix.#ptr === 0) matrix.#freeBlock();
      },
      disposed: (matrix) => matrix.#data === null && matrix.#ptr === 0,
      allocate: (where, rows, cols, dtype, zero) => Matrix.#allocate(where, rows, cols, dtype, zero),
    };
  }

  private constructor(dtype: D, data: ArrayOfDtype<D> | null, ptr: number, rows: number, cols: number) {
    this.rows = rows;
    this.cols = cols;
    this.dtype = dtype;
    this.#data = data;
    this.#ptr = ptr;
    this.#block = ptr;
  }

  /**
   * Wraps `data` (row-major, length `rows * cols`) without copying it; the dtype follows
   * the array: a Float64Array gives a float64 matrix, a Float32Array a float32 one.
   * @throws TypeError when `data` is neither a Float64Array nor a Float32Array;
   * RangeError when `rows` or `cols` is not a non-negative integer, or `data.length`
   * is not `rows * cols`.
   * @example
   * ```ts
   * const X = Matrix.from(new Float32Array([1, 2, 3, 4, 5, 6]), 3, 2); // 3×2, dtype 'float32'
   * ```
   */
  static from(data: Float64Array, rows: number, cols: number): Matrix<'float64'>;
  static from(data: Float32Array, rows: number, cols: number): Matrix<'float32'>;
  static from(data: Float64Array | Float32Array, rows: number, cols: number): Matrix<Dtype>;
  static from(data: Float64Array | Float32Array, rows: number, cols: number): Matrix<Dtype> {
    if (!(data instanceof Float64Array) && !(data instanceof Float32Array)) {
      throw new TypeError(`Matrix.from: data must be a Float64Array or a Float32Array, got ${describeKind(data)}`);
    }
    checkShape('Matrix.from', rows, cols);
    if (data.length !== rows * cols) {
      throw new RangeError(
        `Matrix.from: data has ${data.length} values; a ${rows}×${cols} matrix needs ${rows * cols}`,
      );
    }
    return data instanceof Float32Array
      ? new Matrix<'float32'>('float32', data, 0, rows, cols)
      : new Matrix<'float64'>('float64', data, 0, rows, cols);
  }

  /**
   * Copies an array of equal-length rows into a new matrix in JS memory.
   * @param options.dtype - storage: `'float32'` rounds each value to the nearest float32.
   * @throws TypeError when `rows` is not an array of arrays, a value is not a number, or
   * for an unknown option; RangeError for ragged rows, an unknown dtype, or (dtype
   * `'float32'`) a finite value beyond float32's range (±3.40e+38), which would become
   * ±Infinity.
   * @example
   * ```ts
   * const X = Matrix.fromRows([[0.1, 2], [3, 4]], { dtype: 'float32' });
   * X.get(0, 0); // 0.10000000149011612
   * ```
   */
  static fromRows(rows: ArrayLike<ArrayLike<number>>, options?: MatrixOptions<'float64'>): Matrix<'float64'>;
  static fromRows<T extends Dtype>(rows: ArrayLike<ArrayLike<number>>, options: MatrixOptions<T>): Matrix<T>;
  static fromRows(rows: ArrayLike<ArrayLike<number>>, options: MatrixOptions = {}): Matrix<Dtype> {
    const dtype = checkOptions('Matrix.fromRows', options);
    const name = 'Matrix.fromRows: rows';
    const shape = shapeOfRows(rows, name);
    if (dtype === 'float64') {
      const data = new Float64Array(shape.rows * shape.cols);
      copyRows(rows, shape.cols, data, 0, name, false);
      return new Matrix<'float64'>(dtype, data, 0, shape.rows, shape.cols);
    }
    const data = new Float32Array(shape.rows * shape.cols);
    copyRows(rows, shape.cols, data, 0, name, false);
    checkFloat32Range(rows, shape.cols, data, name);
    return new Matrix<'float32'>(dtype, data, 0, shape.rows, shape.cols);
  }

  /**
   * A new `rows`×`cols` matrix of zeros in JS memory.
   * @param options.dtype - storage of the values.
   * @throws RangeError when `rows` or `cols` is not a non-negative integer, or for an
   * unknown dtype; TypeError for an unknown option.
   */
  static zeros(rows: number, cols: number, options?: MatrixOptions<'float64'>): Matrix<'float64'>;
  static zeros<T extends Dtype>(rows: number, cols: number, options: MatrixOptions<T>): Matrix<T>;
  static zeros(rows: number, cols: number, options: MatrixOptions = {}): Matrix<Dtype> {
    const dtype = checkOptions('Matrix.zeros', options);
    checkShape('Matrix.zeros', rows, cols);
    const data = dtype === 'float32' ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
    return new Matrix<Dtype>(dtype, data as ArrayOfDtype<Dtype>, 0, rows, cols);
  }

  /**
   * A matrix in WebAssembly memory from columns of an Apache Arrow table (an apache-arrow
   * `Table` or a @uwdata/flechette one; neither is a dependency), row-major as `fit` reads
   * it: each column chunk is written once into its places, never through `number[][]`.
   * Integer columns of any width and Float32/Float64 columns; string columns (dictionary-
   * encoded or Utf8) named in `oneHot`, each replaced in place by one indicator column per
   * category, as scikit-learn's `OneHotEncoder` (names and categories from
   * {@link arrowFeatures}); record batches (chunks) of any sizes. Labels come from
   * {@link labelsFromArrow}.
   * @param table - the Arrow table.
   * @param options - `columns` (the feature columns in order; @default every column),
   * `dtype` (@default 'float64'), `impute` (`'mean'` writes a column's mean for its nulls, a
   * one-hot column's most frequent category; @default null, which refuses them), `oneHot`
   * (the string columns to expand, or each one's categories to encode new data as the
   * training data; @default null) and `handleUnknown` (`'ignore'` writes 0s for a category
   * not among those given; @default 'error').
   * @throws TypeError for a table that is not an Arrow table, a column that is not numeric
   * and not one-hot, or an unknown option; RangeError for a missing column (listing the
   * table's), a null without `impute`, a column of nulls only, a non-finite value (naming
   * column and row), a 64-bit integer beyond ±2⁵³, a category not among those given, an
   * empty table or no columns. Nothing is left allocated when it throws.
   * @example
   * ```ts
   * import { tableFromIPC } from 'apache-arrow';
   * const table = tableFromIPC(bytes);
   * const options = { columns: ['age', 'dose', 'site'], oneHot: ['site'] };
   * const X = Matrix.fromArrow(table, options);
   * const model = new LogisticRegression().fit(X, labelsFromArrow(table, 'outcome'));
   * const { featureNames, categories } = arrowFeatures(table, options); // ['age', 'dose', 'site=A', 'site=B'], { site: ['A', 'B'] }
   * const Xnew = Matrix.fromArrow(newTable, { ...options, oneHot: categories });
   * ```
   */
  static fromArrow<T extends Dtype = 'float64'>(table: unknown, options?: FromArrowOptions<T>): Matrix<T> {
    return matrixFromArrow(table, options);
  }

  /**
   * A new zero-filled `rows`×`cols` matrix in the WebAssembly core's memory; `fit` and
   * `predict` read it in place (a float32 one in place by a `dtype: 'float32'` fit, see
   * {@link Matrix}). Fill it through {@link Matrix.data} (values written to a float32
   * matrix are rounded to float32; beyond ±3.40e+38 they become ±Infinity, which `fit`
   * rejects) and release it with {@link Matrix.dispose}.
   * @param options.dtype - storage: 8 bytes per value for `'float64'`, 4 for `'float32'`.
   * @throws RangeError when `rows` or `cols` is not a non-negative integer, for an
   * unknown dtype, or when the matrix cannot fit in the 4 GiB wasm32 address space;
   * TypeError for an unknown option.
   * @example
   * ```ts
   * const X = Matrix.alloc(1_000_000, 20, { dtype: 'float32' }); // 80 MB
   * for (let i = 0; i < X.rows; i++) X.row(i).set(readRow(i));
   * ```
   */
  static alloc(rows: number, cols: number, options?: MatrixOptions<'float64'>): Matrix<'float64'>;
  static alloc<T extends Dtype>(rows: number, cols: number, options: MatrixOptions<T>): Matrix<T>;
  static alloc(rows: number, cols: number, options: MatrixOptions = {}): Matrix<Dtype> {
    return Matrix.#allocate('Matrix.alloc', rows, cols, checkOptions('Matrix.alloc', options), true);
  }

  /** A block in WebAssembly memory, zero-filled when `zero` (otherwise holding whatever it held: see {@link allocUnfilled}). */
  static #allocate(where: string, rows: number, cols: number, dtype: Dtype, zero: boolean): Matrix<Dtype> {
    checkShape(where, rows, cols);
    const length = rows * cols;
    let ptr: number;
    if (dtype === 'float32') {
      if (length * 4 > MAX_BLOCK_BYTES) {
        throw new RangeError(
          `${where}: a ${rows}×${cols} float32 matrix needs ${length * 4} bytes; wasm32 addresses 4 GiB at most; train in chunks with partialFit`,
        );
      }
      ptr = allocF64(Math.ceil(length / 2));
      if (zero) viewF32(ptr, length).fill(0);
    } else {
      ptr = allocF64(length);
      if (zero) viewF64(ptr, length).fill(0);
    }
    const matrix = new Matrix<Dtype>(dtype, null, ptr, rows, cols);
    adoptBlock(matrix, ptr, dtype === 'float32' ? Math.ceil(length / 2) * 8 : Math.max(length, 1) * 8);
    return matrix;
  }

  /**
   * The values, row-major: a Float64Array, or a Float32Array for dtype `'float32'`. For a
   * matrix in WebAssembly memory this is a fresh view on every access (memory growth
   * detaches old views): re-read it after any library call rather than keeping it, and
   * keep the matrix itself while you use the view (an unreachable matrix may be freed by
   * the next allocation, see {@link Matrix.dispose}).
   * @throws Error when the matrix has been disposed.
   */
  get data(): ArrayOfDtype<D> {
    if (this.#data !== null) return this.#data;
    if (this.#ptr === 0) throw new Error('Matrix: this matrix has been disposed');
    const length = this.rows * this.cols;
    return (this.dtype === 'float32' ? viewF32(this.#ptr, length) : viewF64(this.#ptr, length)) as ArrayOfDtype<D>;
  }

  /** True when the values live in the WebAssembly core's memory (see {@link Matrix.alloc}). */
  get inWasmMemory(): boolean {
    return this.#ptr !== 0;
  }

  /** @internal Byte offset of the values in WebAssembly memory, or 0 for a JS matrix. */
  get byteOffset(): number {
    return this.#ptr;
  }

  /** Element (i, j). */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j] as number;
  }

  /** A view of row `i` (no copy). */
  row(i: number): ArrayOfDtype<D> {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols) as ArrayOfDtype<D>;
  }

  /**
   * A new matrix of the given rows of this one, in that order (a row may repeat), with
   * this matrix's dtype and in the same memory: WebAssembly memory (as
   * {@link Matrix.alloc} makes; the caller disposes it) when this matrix lives there, a
   * JS array otherwise.
   * @param rows - row numbers, integers in [0, this.rows).
   * @throws TypeError when `rows` is not an array of numbers; RangeError for a row number
   * that is not an integer in range (naming `rows[i]`); Error when this matrix has been
   * disposed.
   * @example
   * ```ts
   * Matrix.fromRows([[1, 2], [3, 4], [5, 6]]).takeRows([2, 0]).toArray(); // [[5, 6], [1, 2]]
   * ```
   */
  takeRows(rows: ArrayLike<number>): Matrix<D> {
    const where = 'Matrix.takeRows';
    checkNotDisposed(this, where);
    if (!isArrayLike(rows)) throw new TypeError(`${where}: rows must be an array of row numbers, got ${describeKind(rows)}`);
    const picked = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) picked[i] = checkInteger(where, `rows[${i}]`, rows[i], 0, this.rows - 1);
    const cols = this.cols;
    const out: Matrix<Dtype> = this.inWasmMemory
      ? Matrix.alloc(picked.length, cols, { dtype: this.dtype })
      : Matrix.from(this.dtype === 'float32' ? new Float32Array(picked.length * cols) : new Float64Array(picked.length * cols), picked.length, cols);
    // Read both views after the allocation: growing the memory detaches earlier views.
    const source = this.data;
    const target = out.data;
    for (let i = 0; i < picked.length; i++) {
      const from = (picked[i] as number) * cols;
      target.set(source.subarray(from, from + cols), i * cols);
    }
    return out as Matrix<D>;
  }

  /** The rows as plain arrays. */
  toArray(): number[][] {
    const data = this.data;
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  /**
   * The shape, dtype and values, as numpy's `repr` shows an array: values to 8 significant
   * digits, columns aligned, and beyond 1000 values only the first and last 3 rows and
   * columns of each long side, with `...` between.
   * @example
   * ```ts
   * String(Matrix.fromRows([[1, 2.5], [-3, 4]]));
   * // Matrix 2×2 float64 [
   * //   [ 1, 2.5],
   * //   [-3,   4],
   * // ]
   * ```
   */
  toString(): string {
    return formatMatrix(this, (text) => text);
  }

  /** What Node's `util.inspect` and `console.log` show: {@link Matrix.toString}, numbers coloured as Node colours them. */
  [Symbol.for('nodejs.util.inspect.custom')](_depth: number, options?: { stylize?: (text: string, style: string) => string }): string {
    const stylize = options?.stylize;
    return formatMatrix(this, stylize === undefined ? (text) => text : (text) => stylize(text, 'number'));
  }

  /**
   * Releases the WebAssembly memory of a {@link Matrix.alloc} matrix; a no-op for a JS
   * matrix, and safe to call more than once. Afterwards `data` throws.
   *
   * A matrix that a library call is reading in place (X of a `fit` that is still running,
   * e.g. disposed from its `onIteration`, on any number of threads) is disposed at once as
   * far as you can see, but its memory is released only when that call returns: the call
   * finishes on the values it started with, never on memory reused for something else.
   *
   * A matrix dropped without `dispose()` is freed once it is garbage-collected; in Node also
   * when an allocation finds the WebAssembly memory full. Browsers offer no way to start a
   * collection and do not count these blocks towards starting one, so there large blocks
   * stay allocated until you dispose() them.
   */
  dispose(): void {
    if (this.#ptr === 0) return;
    this.#ptr = 0;
    if (this.#pins === 0) this.#freeBlock();
  }

  #freeBlock(): void {
    if (this.#block === 0) return;
    free(this.#block);
    this.#block = 0;
  }
}

/**
 * Marks `matrix` as read in place by a library call until {@link unpinMatrix}: a
 * `dispose()` meanwhile releases its memory only once every such call has unpinned it.
 * @internal
 * @throws Error when the matrix has been disposed.
 */
export function pinMatrix(matrix: Matrix<Dtype>): void {
  internals.pin(matrix);
}

/** Ends a {@link pinMatrix}; frees the block if the matrix was disposed meanwhile. @internal */
export function unpinMatrix(matrix: Matrix<Dtype>): void {
  internals.unpin(matrix);
}

/**
 * @internal A `rows`×`cols` matrix in WebAssembly memory as {@link Matrix.alloc} makes it,
 * but not zero-filled: its values are whatever the block held before. Only for a caller
 * that writes every element before the matrix is returned or read (zeroing 160 MB costs
 * as much as copying them), and disposes it if writing fails.
 * @throws as {@link Matrix.alloc}, naming `where`.
 */
export function allocUnfilled<D extends Dtype>(where: string, rows: number, cols: number, dtype: D): Matrix<D> {
  return internals.allocate(where, rows, cols, dtype, false) as Matrix<D>;
}

/** True for a {@link Matrix.alloc} matrix after `dispose()`. @internal */
export function isDisposedMatrix(matrix: Matrix<Dtype>): boolean {
  return internals.disposed(matrix);
}

/**
 * @internal Throws, naming the argument, when `matrix` has been disposed: every reader of
 * a Matrix argument checks this first, so the message says which argument it was.
 */
export function checkNotDisposed(matrix: Matrix<Dtype>, name: string): void {
  if (internals.disposed(matrix)) {
    throw new Error(`${name} is a Matrix that has been disposed (dispose() released its memory); pass one that is still allocated`);
  }
}

/** More values than this are summarised (numpy's print threshold). */
const PRINT_THRESHOLD = 1000;
/** Rows and columns shown at each end of a summarised side (numpy's edgeitems). */
const EDGE_ITEMS = 3;

/** The indices shown along a side of `length`, with -1 where `...` stands for the rest. */
function shownIndices(length: number, summarise: boolean): number[] {
  if (!summarise || length <= 2 * EDGE_ITEMS) return Array.from({ length }, (_, i) => i);
  const head = Array.from({ length: EDGE_ITEMS }, (_, i) => i);
  const tail = Array.from({ length: EDGE_ITEMS }, (_, i) => length - EDGE_ITEMS + i);
  return [...head, -1, ...tail];
}

/**
 * A value as printed: float64 to 8 significant digits, float32 in the fewest digits that
 * give back the same float32 (as numpy prints each); exponent notation for very large or
 * small magnitudes; -0 keeps its sign.
 * @internal
 */
export function formatValue(value: number, dtype: Dtype): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  let shown = Number(value.toPrecision(8));
  if (dtype === 'float32') {
    for (let digits = 1; digits <= 9; digits++) {
      shown = Number(value.toPrecision(digits));
      if (Math.fround(shown) === value) break;
    }
  }
  const magnitude = Math.abs(shown);
  return magnitude >= 1e16 || magnitude < 1e-5 ? shown.toExponential() : String(shown);
}

/** {@link Matrix.toString}, with `style` applied to each number (padding excluded). */
function formatMatrix(matrix: Matrix<Dtype>, style: (text: string) => string): string {
  const { rows, cols, dtype } = matrix;
  const header = `Matrix ${rows}×${cols} ${dtype}`;
  if (isDisposedMatrix(matrix)) return `${header} (disposed)`;
  if (rows === 0 || cols === 0) return `${header} []`;
  const data = matrix.data;
  const summarise = rows * cols > PRINT_THRESHOLD;
  const rowIndices = shownIndices(rows, summarise).filter((i) => i >= 0);
  const colIndices = shownIndices(cols, summarise);
  const cells = rowIndices.map((i) => colIndices.map((j) => (j < 0 ? '...' : formatValue(data[i * cols + j] as number, dtype))));
  const widths = colIndices.map((_, k) => Math.max(...cells.map((row) => (row[k] as string).length)));
  const lines = cells.map(
    (row) => `  [${row.map((cell, k) => ((colIndices[k] as number) < 0 ? cell : ' '.repeat((widths[k] as number) - cell.length) + style(cell))).join(', ')}],`,
  );
  if (rowIndices.length < rows) lines.splice(EDGE_ITEMS, 0, '  ...,');
  return `${header} [\n${lines.join('\n')}\n]`;
}

function checkShape(where: string, rows: number, cols: number): void {
  for (const [name, value] of [
    ['rows', rows],
    ['cols', cols],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`${where}: ${name} must be a non-negative integer, got ${String(value)}`);
    }
  }
}

/** The dtype of a constructor's options. */
function checkOptions(where: string, options: MatrixOptions): Dtype {
  checkOptionNames(where, options, ['dtype']);
  return checkChoice(where, 'dtype', options.dtype ?? 'float64', DTYPES);
}

/** Throws when a finite value of `rows` became ±Infinity in the float32 copy `data`. */
function checkFloat32Range(rows: ArrayLike<ArrayLike<number>>, cols: number, data: Float32Array, name: string): void {
  for (let k = 0; k < data.length; k++) {
    if (Number.isFinite(data[k])) continue;
    const i = Math.floor(k / cols);
    const j = k % cols;
    const value = (rows[i] as ArrayLike<number>)[j] as number;
    if (Number.isFinite(value)) throw float32RangeError(name, value, i, j);
  }
}

/** @internal The error for a finite `value` at (row, col) of `name` that float32 cannot hold. */
export function float32RangeError(name: string, value: number, row: number, col: number): RangeError {
  return new RangeError(
    `${name} has ${String(value)} at row ${row}, column ${col}, beyond float32's range (±${FLOAT32_MAX.toPrecision(3)}); use dtype 'float64'`,
  );
}
