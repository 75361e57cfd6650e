import { describeKind } from './describe.js';
import { copyRows, shapeOfRows } from './rows.js';
import { allocF64, free, viewF64 } from './wasm/runtime.js';

/** Frees the WebAssembly block of a matrix that was dropped without `dispose()`. */
const wasmBlocks = new FinalizationRegistry<number>((ptr) => free(ptr));

/**
 * A dense row-major matrix of float64 values: element (i, j) is `data[i * cols + j]`.
 *
 * A matrix either wraps a `Float64Array` in ordinary JS memory ({@link Matrix.from},
 * {@link Matrix.fromRows}, {@link Matrix.zeros}) or lives in the WebAssembly core's
 * linear memory ({@link Matrix.alloc}). The second kind is what `fit` and `predict`
 * read directly, without a copy; fill it through `data`, and call `dispose()` when
 * done (a FinalizationRegistry frees it too, eventually, if you forget).
 *
 * @example
 * ```ts
 * const X = Matrix.fromRows([[1, 2], [3, 4], [5, 6]]); // 3×2
 * X.get(2, 1); // 6
 * ```
 */
export class Matrix {
  /** Number of rows (samples). */
  readonly rows: number;
  /** Number of columns (features). */
  readonly cols: number;
  #data: Float64Array | null;
  #ptr: number;

  private constructor(data: Float64Array | null, ptr: number, rows: number, cols: number) {
    this.rows = rows;
    this.cols = cols;
    this.#data = data;
    this.#ptr = ptr;
  }

  /**
   * Wraps `data` (row-major, length `rows * cols`) without copying it.
   * @throws TypeError when `data` is not a Float64Array; RangeError when the sizes disagree.
   */
  static from(data: Float64Array, rows: number, cols: number): Matrix {
    if (!(data instanceof Float64Array)) {
      throw new TypeError(`Matrix.from: data must be a Float64Array, got ${describeKind(data)}`);
    }
    checkShape('Matrix.from', rows, cols);
    if (data.length !== rows * cols) {
      throw new RangeError(
        `Matrix.from: data has ${data.length} values; a ${rows}×${cols} matrix needs ${rows * cols}`,
      );
    }
    return new Matrix(data, 0, rows, cols);
  }

  /**
   * Copies an array of equal-length rows into a new matrix.
   * @throws TypeError when `rows` is not an array of arrays; RangeError for ragged rows.
   */
  static fromRows(rows: ArrayLike<ArrayLike<number>>): Matrix {
    const shape = shapeOfRows(rows, 'Matrix.fromRows: rows');
    const data = new Float64Array(shape.rows * shape.cols);
    copyRows(rows, shape.cols, data, 0, 'Matrix.fromRows: rows', false);
    return new Matrix(data, 0, shape.rows, shape.cols);
  }

  /** A new `rows`×`cols` matrix of zeros in JS memory. */
  static zeros(rows: number, cols: number): Matrix {
    checkShape('Matrix.zeros', rows, cols);
    return new Matrix(new Float64Array(rows * cols), 0, rows, cols);
  }

  /**
   * A new zero-filled `rows`×`cols` matrix in the WebAssembly core's memory; `fit` and
   * `predict` read it in place. Fill it through {@link Matrix.data} and release it with
   * {@link Matrix.dispose}.
   * @throws RangeError when the matrix cannot fit in the 4 GiB wasm32 address space.
   */
  static alloc(rows: number, cols: number): Matrix {
    checkShape('Matrix.alloc', rows, cols);
    const ptr = allocF64(rows * cols);
    viewF64(ptr, rows * cols).fill(0);
    const matrix = new Matrix(null, ptr, rows, cols);
    wasmBlocks.register(matrix, ptr, matrix);
    return matrix;
  }

  /**
   * The values, row-major. For a matrix in WebAssembly memory this is a fresh view on
   * every access (memory growth detaches old views): re-read it after any library call
   * rather than keeping it.
   * @throws Error when the matrix has been disposed.
   */
  get data(): Float64Array {
    if (this.#data !== null) return this.#data;
    if (this.#ptr === 0) throw new Error('Matrix: this matrix has been disposed');
    return viewF64(this.#ptr, this.rows * this.cols);
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
  row(i: number): Float64Array {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** The rows as plain arrays. */
  toArray(): number[][] {
    const data = this.data;
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  /** Releases WebAssembly memory held by an allocated matrix; a no-op for a JS matrix. */
  dispose(): void {
    if (this.#ptr === 0) return;
    wasmBlocks.unregister(this);
    free(this.#ptr);
    this.#ptr = 0;
  }
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
