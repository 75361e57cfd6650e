/**
 * Apache Arrow tables as the library's inputs: numeric columns into a row-major
 * {@link Matrix} in WebAssembly memory, a column into labels. Objects of apache-arrow and of
 * @uwdata/flechette are read through what both have in common (a table's `numRows`,
 * `schema.fields` and `getChild(name)`; a column's `data`, its chunks; a chunk's `values`,
 * `length`, `nullCount` and validity bitmap, apache-arrow's `nullBitmap` with its `offset`,
 * flechette's `validity`), so neither is a dependency.
 *
 * Each column chunk is read once, straight into its strided places in the matrix (never
 * through `number[][]`).
 * @module
 */
import { type Dtype, Matrix } from '../matrix.js';
import { describeKind } from '../validate/describe.js';
import type { Label } from '../validate/labels.js';
import { checkChoice, checkOptionNames } from '../validate/options.js';

/** Arrow's type ids (the `Type` enum both libraries share). */
const TYPE_INT = 2;
const TYPE_FLOAT = 3;
const TYPE_DICTIONARY = -1;

/** One chunk of a column, as both libraries expose it. */
interface ArrowChunk {
  readonly length: number;
  readonly nullCount: number;
  readonly values: ArrayLike<number | bigint> | null | undefined;
  /** apache-arrow: the validity bitmap, read from bit `offset`. */
  readonly nullBitmap?: Uint8Array | null;
  readonly offset?: number;
  /** flechette: the validity bitmap, from bit 0. */
  readonly validity?: Uint8Array | null;
  readonly type?: { readonly typeId?: number; readonly precision?: number };
}

/** A column: its chunks in order. */
interface ArrowColumn {
  readonly data: readonly ArrowChunk[];
  readonly type?: { readonly typeId?: number; readonly precision?: number };
  at?(index: number): unknown;
  get?(index: number): unknown;
}

/** A table, as both libraries expose it. */
export interface ArrowTableLike {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly { readonly name: string; readonly type?: { readonly typeId?: number } }[] };
  getChild(name: string): unknown;
}

/** Options of {@link matrixFromArrow}. */
export interface FromArrowOptions<D extends Dtype = Dtype> {
  /**
   * The feature columns, in the matrix's column order.
   * @default every column of the table, in its order
   */
  columns?: readonly string[] | null;
  /**
   * Storage of the matrix: `'float32'` rounds each value to the nearest float32.
   * @default 'float64'
   */
  dtype?: D;
  /**
   * What a null becomes: `null` refuses it (naming column and row); `'mean'` writes the mean
   * of the column's other values (scikit-learn's `SimpleImputer(strategy='mean')`).
   * @default null
   */
  impute?: 'mean' | null;
}

const WHERE = 'Matrix.fromArrow';

/** Checks the duck type of a table. */
function readTable(where: string, table: unknown): ArrowTableLike {
  const t = table as Partial<ArrowTableLike> | null;
  if (t === null || typeof t !== 'object' || typeof t.numRows !== 'number' || typeof t.getChild !== 'function' || !Array.isArray(t.schema?.fields)) {
    throw new TypeError(`${where}: table must be an Arrow table (apache-arrow or @uwdata/flechette: numRows, schema.fields, getChild), got ${describeKind(table)}`);
  }
  return t as ArrowTableLike;
}

/** The column `name` of `table`, checked. */
function readColumn(where: string, table: ArrowTableLike, name: string): ArrowColumn {
  if (!table.schema.fields.some((field) => field.name === name)) {
    throw new RangeError(`${where}: the table has no column '${name}' (columns: ${table.schema.fields.map((f) => f.name).join(', ')})`);
  }
  const column = table.getChild(name) as Partial<ArrowColumn> | null;
  if (column === null || typeof column !== 'object' || !Array.isArray(column.data)) {
    throw new TypeError(`${where}: column '${name}' is not an Arrow column (no data chunks)`);
  }
  const length = column.data.reduce((sum, chunk) => sum + (chunk as ArrowChunk).length, 0);
  if (length !== table.numRows) throw new RangeError(`${where}: column '${name}' has ${length} values in its chunks; the table has ${table.numRows} rows`);
  return column as ArrowColumn;
}

/** Whether value k of a chunk is valid (not null). */
function isValid(chunk: ArrowChunk, k: number): boolean {
  if (chunk.nullCount === 0) return true;
  const bitmap = chunk.validity ?? chunk.nullBitmap ?? null;
  if (bitmap === null || bitmap.length === 0) return true;
  const bit = (chunk.validity !== undefined && chunk.validity !== null ? 0 : (chunk.offset ?? 0)) + k;
  return ((bitmap[bit >> 3] as number) & (1 << (bit & 7))) !== 0;
}

/** Whether a column's type is one the matrix takes: integers, and floats of 32 or 64 bits (Float16 values are raw halves). */
function numericType(type: { typeId?: number; precision?: number } | undefined): boolean {
  return type?.typeId === TYPE_INT || (type?.typeId === TYPE_FLOAT && type.precision !== 0);
}

/**
 * A row-major {@link Matrix} in WebAssembly memory from numeric columns of an Arrow table:
 * Float32/64 and (un)signed integer columns of any width (64-bit integers beyond ±2⁵³ are
 * refused: they would not be exact; Float16 columns too), read chunk by chunk, nulls
 * refused or (`impute: 'mean'`) replaced by the column's mean. See `Matrix.fromArrow`.
 * @throws TypeError for a table or option of the wrong kind, a column not numeric (a
 * dictionary-encoded string column is labels, see {@link labelsFromArrow}); RangeError for a
 * missing column, chunks that do not add up to the rows, a null without `impute` or a
 * column of nulls only (naming column and row), a non-finite value, a 64-bit integer
 * beyond ±2⁵³, no rows or no columns.
 */
export function matrixFromArrow<D extends Dtype = 'float64'>(table: unknown, options: FromArrowOptions<D> = {}): Matrix<D> {
  checkOptionNames(WHERE, options, ['columns', 'dtype', 'impute']);
  const impute = options.impute === undefined || options.impute === null ? null : checkChoice(WHERE, 'impute', options.impute, ['mean'] as const);
  const t = readTable(WHERE, table);
  const dtype = checkChoice(WHERE, 'dtype', options.dtype ?? 'float64', ['float64', 'float32'] as const) as D;
  const names = options.columns ?? t.schema.fields.map((field) => field.name);
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) {
    throw new TypeError(`${WHERE}: columns must be an array of column names, got ${describeKind(options.columns)}`);
  }
  if (names.length === 0) throw new RangeError(`${WHERE}: columns is empty; at least one feature column is needed`);
  if (t.numRows === 0) throw new RangeError(`${WHERE}: the table has 0 rows; at least one sample is required`);
  const columns = names.map((name) => {
    const column = readColumn(WHERE, t, name);
    const type = column.type ?? column.data[0]?.type;
    if (!numericType(type)) {
      const hint = type?.typeId === TYPE_DICTIONARY ? ' (a dictionary-encoded column holds labels: read it with labelsFromArrow)' : '';
      const half = type?.typeId === TYPE_FLOAT ? ' (Float16 is not read: cast it to Float32)' : '';
      throw new TypeError(`${WHERE}: column '${name}' is not numeric (Arrow type id ${String(type?.typeId)}); feature columns must be integers or 32/64-bit floats${hint}${half}`);
    }
    return column;
  });
  const rows = t.numRows;
  const cols = columns.length;
  // Check every chunk first (nulls, 64-bit range, non-finite floats), reading each
  // contiguously, so the matrix is only allocated for data that will fill it.
  const means = columns.map((column, j) => checkChunks(column, names[j] as string, impute !== null));
  const matrix = Matrix.alloc(rows, cols, { dtype });
  const out = matrix.data as Float64Array | Float32Array;
  // Row blocks small enough that their rows stay in cache while every column is written
  // into them (a whole column at a time would stream the matrix through memory once per column).
  const cursors = columns.map(() => ({ chunk: 0, at: 0 }));
  for (let r0 = 0; r0 < rows; r0 += BLOCK_ROWS) {
    const r1 = Math.min(rows, r0 + BLOCK_ROWS);
    columns.forEach((column, j) => {
      const cursor = cursors[j] as { chunk: number; at: number };
      let row = r0;
      while (row < r1) {
        const chunk = column.data[cursor.chunk] as ArrowChunk;
        const take = Math.min(r1 - row, chunk.length - cursor.at);
        scatter(chunk.values as ArrayLike<number | bigint>, cursor.at, take, out, row * cols + j, cols);
        if (chunk.nullCount > 0) {
          // Only reached with impute (checkChunks refused nulls otherwise).
          const mean = means[j] as number;
          for (let k = 0; k < take; k++) if (!isValid(chunk, cursor.at + k)) out[(row + k) * cols + j] = mean;
        }
        row += take;
        cursor.at += take;
        if (cursor.at === chunk.length) {
          cursor.chunk++;
          cursor.at = 0;
        }
      }
    });
  }
  return matrix;
}

/** Rows per block of the transposition: 2,048 rows of 20 float64 columns are 320 KiB. */
const BLOCK_ROWS = 2048;

/** out[at + k·stride] = values[from + k] for k < count (64-bit integers as numbers; their range is checked). */
function scatter(values: ArrayLike<number | bigint>, from: number, count: number, out: Float64Array | Float32Array, at: number, stride: number): void {
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    for (let k = 0; k < count; k++, at += stride) out[at] = Number(values[from + k]);
    return;
  }
  const numbers = values as ArrayLike<number>;
  for (let k = 0; k < count; k++, at += stride) out[at] = numbers[from + k] as number;
}

/**
 * Refuses a column's nulls (naming the row) unless `imputing`, 64-bit integers beyond ±2⁵³
 * and non-finite floats; returns the mean of its valid values (for imputation).
 */
function checkChunks(column: ArrowColumn, name: string, imputing: boolean): number {
  let row = 0;
  let sum = 0;
  let count = 0;
  let nulls = 0;
  for (const chunk of column.data) {
    const values = chunk.values;
    if (values === null || values === undefined) throw new TypeError(`${WHERE}: column '${name}' has a chunk without values`);
    const n = chunk.length;
    if (values.length < n) throw new RangeError(`${WHERE}: column '${name}' has a chunk of ${n} rows with ${values.length} values`);
    const valid = (k: number): boolean => chunk.nullCount === 0 || isValid(chunk, k);
    if (chunk.nullCount > 0 && !imputing) {
      for (let k = 0; k < n; k++) {
        if (!valid(k)) throw new RangeError(`${WHERE}: column '${name}' is null at row ${row + k}; features must be numbers (fill or drop the nulls first, or pass impute: 'mean')`);
      }
    }
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
      for (let k = 0; k < n; k++) {
        if (!valid(k)) {
          nulls++;
          continue;
        }
        const v = values[k] as bigint;
        if (v > 9007199254740992n || v < -9007199254740992n) {
          throw new RangeError(`${WHERE}: column '${name}' holds ${v} at row ${row + k}, beyond ±2⁵³, which float64 cannot hold exactly`);
        }
        sum += Number(v);
        count++;
      }
    } else {
      const numbers = values as ArrayLike<number>;
      for (let k = 0; k < n; k++) {
        if (!valid(k)) {
          nulls++;
          continue;
        }
        const v = numbers[k] as number;
        if (v - v !== 0) throw new RangeError(`${WHERE}: column '${name}' holds ${v} at row ${row + k}; features must be finite`);
        sum += v;
        count++;
      }
    }
    row += n;
  }
  if (nulls > 0 && count === 0) throw new RangeError(`${WHERE}: column '${name}' holds only nulls; there is no mean to impute`);
  return count === 0 ? 0 : sum / count;
}


/**
 * The labels of one column of an Arrow table, one per row: the strings of a
 * dictionary-encoded (or plain string) column, or the numbers of a numeric one, ready for
 * `fit(X, y)`.
 * @param table - an apache-arrow or @uwdata/flechette table.
 * @param column - the column's name.
 * @throws TypeError for a table of the wrong kind; RangeError for a missing column or a null (naming its row).
 * @example
 * ```ts
 * const y = labelsFromArrow(table, 'species');
 * model.fit(Matrix.fromArrow(table, { columns: ['length', 'width'] }), y);
 * ```
 */
export function labelsFromArrow(table: unknown, column: string): Label[] {
  const where = 'labelsFromArrow';
  const t = readTable(where, table);
  if (typeof column !== 'string') throw new TypeError(`${where}: column must be a column name, got ${describeKind(column)}`);
  const col = readColumn(where, t, column);
  // apache-arrow's vectors read a row with get(i), flechette's columns with at(i); both
  // decode dictionaries and give null for a null.
  const read = typeof col.get === 'function' ? col.get.bind(col) : typeof col.at === 'function' ? col.at.bind(col) : null;
  if (read === null) throw new TypeError(`${where}: column '${column}' is not an Arrow column (no get or at)`);
  const out: Label[] = new Array(t.numRows);
  for (let i = 0; i < t.numRows; i++) {
    const value = read(i);
    if (value === null || value === undefined) throw new RangeError(`${where}: column '${column}' is null at row ${i}; every row needs a label`);
    out[i] = (typeof value === 'bigint' ? Number(value) : value) as Label;
  }
  return out;
}
