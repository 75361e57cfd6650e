/**
 * Apache Arrow tables as the library's inputs: numeric columns, and string columns one-hot
 * encoded, into a row-major {@link Matrix} in WebAssembly memory; a column into labels.
 * Objects of apache-arrow and of @uwdata/flechette are read through what both have in
 * common (arrow-table.ts), so neither is a dependency.
 *
 * Each column chunk is read once, straight into its strided places in the matrix (never
 * through `number[][]`), by the block copy of transpose.ts, which checks that the values
 * are finite as it copies them.
 * @module
 */
import { type Dtype, type Matrix, allocUnfilled } from '../matrix.js';
import { describeKind } from '../validate/describe.js';
import type { Label } from '../validate/labels.js';
import { checkChoice, checkColumnNames, checkOptionNames } from '../validate/options.js';
import { type ArrowChunk, type ArrowColumn, type ArrowTableLike, TYPE_FLOAT, TYPE_INT, columnType, isValid, readColumn, readTable, valueReader } from './arrow-table.js';
import { type Encoded, type HandleUnknown, type OneHotColumns, encodeColumn, isStringType, oneHotNames, readOneHot } from './one-hot.js';
import { COPY_F32, COPY_F64, type Copier, type NumberArray, type Target } from './transpose.js';

export type { ArrowTableLike } from './arrow-table.js';
export type { HandleUnknown, OneHotColumns } from './one-hot.js';

/** Options of {@link matrixFromArrow} (`Matrix.fromArrow`) and {@link arrowFeatures}. */
export interface FromArrowOptions<D extends Dtype = Dtype> {
  /**
   * The feature columns, in the matrix's column order (a one-hot column's indicators take
   * its place, in the order of its categories).
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
   * of the column's other values (scikit-learn's `SimpleImputer(strategy='mean')`), and in a
   * one-hot column its most frequent category (`strategy='most_frequent'`, ties to the first
   * in sort order; as the CLI's `--impute`). Both are this table's own: to fill new data
   * with the training data's values, fill its nulls before.
   * @default null
   */
  impute?: 'mean' | null;
  /**
   * String columns (dictionary-encoded or Utf8) among `columns` to expand into one indicator
   * column per category, as scikit-learn's `OneHotEncoder`: their names, to use the
   * categories each holds (non-null values, sorted by code point as numpy sorts them), or
   * an object of each one's categories in the order to use (the `categories` that
   * {@link arrowFeatures} returned for the training table; how new data is encoded as
   * the training data was). The indicator columns are named `column=category`.
   * @default null (no one-hot column; a string column among `columns` is refused)
   */
  oneHot?: OneHotColumns | null;
  /**
   * With categories given in `oneHot`, what a value outside them becomes: `'error'` refuses
   * it (naming column and row), `'ignore'` writes all that column's indicators 0
   * (scikit-learn's `handle_unknown`).
   * @default 'error'
   */
  handleUnknown?: HandleUnknown;
}

/** The names and categories of the columns `Matrix.fromArrow` writes for a table and options; see {@link arrowFeatures}. */
export interface ArrowFeatures {
  /** The name of each column of the matrix, in order: a numeric column's name, or `column=category` for a one-hot indicator. */
  readonly featureNames: string[];
  /** Each one-hot column's categories, in the order of its indicators: pass it as `oneHot` to encode other tables the same way. */
  readonly categories: Record<string, string[]>;
}

const OPTION_NAMES = ['columns', 'dtype', 'impute', 'oneHot', 'handleUnknown'];

/** A numeric column, ready to copy: its chunks' values as numbers. */
interface NumericPlan {
  readonly kind: 'number';
  readonly name: string;
  readonly column: ArrowColumn;
  /** Column of the matrix. */
  readonly position: number;
  readonly values: NumberArray[];
  readonly lengths: number[];
  /** Any null in the column (only with impute). */
  readonly nulls: boolean;
}

/** A one-hot column: its rows' categories, and where its indicators go. */
interface OneHotPlan {
  readonly kind: 'one-hot';
  readonly name: string;
  readonly position: number;
  readonly encoded: Encoded;
}

type Plan = NumericPlan | OneHotPlan;

/** Whether a column's type is one the matrix takes: integers, and floats of 32 or 64 bits (Float16 values are raw halves). */
function numericType(type: { typeId?: number; precision?: number } | undefined): boolean {
  return type?.typeId === TYPE_INT || (type?.typeId === TYPE_FLOAT && type.precision !== 0);
}

/**
 * The options read and checked, and each column's plan (one-hot columns encoded; numeric
 * columns' 64-bit integers converted only when `convert`, for a copy).
 */
function plan(where: string, table: unknown, options: FromArrowOptions, convert: boolean): { table: ArrowTableLike; dtype: Dtype; impute: boolean; plans: Plan[]; cols: number } {
  if (options === null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object, got ${describeKind(options)}`);
  checkOptionNames(where, options, OPTION_NAMES);
  const impute = options.impute !== undefined && options.impute !== null && checkChoice(where, 'impute', options.impute, ['mean'] as const) === 'mean';
  const handleUnknown = checkChoice(where, 'handleUnknown', options.handleUnknown ?? 'error', ['error', 'ignore'] as const);
  const t = readTable(where, table);
  const dtype = checkChoice(where, 'dtype', options.dtype ?? 'float64', ['float64', 'float32'] as const);
  const names = checkColumnNames(where, options.columns) ?? t.schema.fields.map((field) => field.name);
  if (names.length === 0) throw new RangeError(`${where}: columns is empty; at least one feature column is needed`);
  const oneHot = readOneHot(where, options.oneHot, names);
  if (t.numRows === 0) throw new RangeError(`${where}: the table has 0 rows; at least one sample is required`);
  let position = 0;
  const plans = names.map((name): Plan => {
    const column = readColumn(where, t, name);
    const type = columnType(column);
    if (oneHot.has(name)) {
      if (!isStringType(type)) {
        throw new TypeError(`${where}: oneHot column '${name}' does not hold strings (Arrow type id ${String(type?.typeId)}); one-hot columns must be dictionary-encoded or Utf8 strings`);
      }
      const encoded = encodeColumn(where, column, name, t.numRows, oneHot.get(name) ?? null, impute, handleUnknown);
      const p: OneHotPlan = { kind: 'one-hot', name, position, encoded };
      position += encoded.categories.length;
      return p;
    }
    if (!numericType(type)) {
      const hint = isStringType(type) ? ' (a string column is one-hot encoded when named in oneHot, or read as labels with labelsFromArrow)' : '';
      const half = type?.typeId === TYPE_FLOAT ? ' (Float16 is not read: cast it to Float32)' : '';
      throw new TypeError(`${where}: column '${name}' is not numeric (Arrow type id ${String(type?.typeId)}); feature columns must be integers or 32/64-bit floats${hint}${half}`);
    }
    return numericPlan(where, column, name, position++, convert);
  });
  return { table: t, dtype, impute, plans, cols: position };
}

/** A numeric column's plan: each chunk's values as numbers (64-bit integers converted; their range is checked by the copy's caller). */
function numericPlan(where: string, column: ArrowColumn, name: string, position: number, convert: boolean): NumericPlan {
  const values: NumberArray[] = [];
  const lengths: number[] = [];
  let nulls = false;
  for (const chunk of column.data) {
    const v = chunk.values;
    if (v === null || v === undefined) throw new TypeError(`${where}: column '${name}' has a chunk without values`);
    if (v.length < chunk.length) throw new RangeError(`${where}: column '${name}' has a chunk of ${chunk.length} rows with ${v.length} values`);
    values.push(convert && (v instanceof BigInt64Array || v instanceof BigUint64Array) ? bigIntsAsNumbers(v, chunk) : (v as NumberArray));
    lengths.push(chunk.length);
    if (chunk.nullCount > 0) nulls = true;
  }
  return { kind: 'number', name, column, position, values, lengths, nulls };
}

/** Beyond ±2⁵³ an integer may not be a float64 exactly. */
const EXACT = 9007199254740992n;

/** Whether typed arrays store the low byte first (every engine in use; checked rather than assumed). */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * A chunk of 64-bit integers as float64 values; NaN in place of a valid value beyond ±2⁵³
 * (so the copy's finite check finds it and the column's check names it). Read as pairs of
 * 32-bit words, not as BigInts, which cost several times more per value.
 */
function bigIntsAsNumbers(values: BigInt64Array | BigUint64Array, chunk: ArrowChunk): Float64Array {
  const n = chunk.length;
  const out = new Float64Array(n);
  const nulls = chunk.nullCount > 0;
  if (!LITTLE_ENDIAN) {
    for (let k = 0; k < n; k++) {
      const v = values[k] as bigint;
      out[k] = v > EXACT || v < -EXACT ? (nulls && !isValid(chunk, k) ? 0 : Number.NaN) : Number(v);
    }
    return out;
  }
  const words = new Int32Array(values.buffer, values.byteOffset, 2 * n);
  const signed = values instanceof BigInt64Array;
  const TOP = 2097152; // 2²¹: a high word from which |v| passes 2⁵³
  for (let k = 0; k < n; k++) {
    const low = (words[2 * k] as number) >>> 0;
    const high = words[2 * k + 1] as number;
    // v = high·2³² + low is exact, and within ±2⁵³, when -2²¹ ≤ high < 2²¹ (or v is 2⁵³ itself).
    const top = signed ? high : high >>> 0;
    const exact = (top < TOP || (top === TOP && low === 0)) && top >= -TOP;
    out[k] = exact ? top * 4294967296 + low : nulls && !isValid(chunk, k) ? 0 : Number.NaN;
  }
  return out;
}

/**
 * A row-major {@link Matrix} in WebAssembly memory from columns of an Arrow table:
 * Float32/64 and (un)signed integer columns of any width (64-bit integers beyond ±2⁵³ are
 * refused: they would not be exact; Float16 columns too), and string columns named in
 * `oneHot`, expanded into indicator columns; read chunk by chunk, nulls refused or
 * (`impute: 'mean'`) replaced by the column's mean (a one-hot column's most frequent
 * category). See `Matrix.fromArrow`.
 * @throws TypeError for a table or option of the wrong kind, a column not numeric (and not
 * one-hot), a one-hot column that does not hold strings; RangeError for a missing column,
 * chunks that do not add up to the rows, a null without `impute` or a column of nulls only
 * (naming column and row), a non-finite value, a 64-bit integer beyond ±2⁵³, a category not
 * among those given (unless `handleUnknown: 'ignore'`), no rows or no columns.
 */
export function matrixFromArrow<D extends Dtype = 'float64'>(table: unknown, options: FromArrowOptions<D> = {}): Matrix<D> {
  const where = 'Matrix.fromArrow';
  const { table: t, dtype, impute, plans, cols } = plan(where, table, options, true);
  const numeric = plans.filter((p): p is NumericPlan => p.kind === 'number');
  // Nulls are refused before anything is allocated; a column with nulls to impute has its
  // mean taken (and every value checked) first.
  const means = new Map<NumericPlan, number>();
  for (const p of numeric) {
    if (!p.nulls) continue;
    if (!impute) checkColumns(where, numeric, false);
    means.set(p, checkColumn(where, p.column, p.name, true));
  }
  const rows = t.numRows;
  const matrix = allocUnfilled(where, rows, cols, dtype as D);
  try {
    const out = matrix.data as Target;
    const bad = copyColumns(plans, rows, cols, out);
    // A non-finite value somewhere (or NaN under a null to impute, which checkColumns passes):
    // find the first one column by column, so the message names it.
    if (Number.isNaN(bad)) checkColumns(where, numeric, impute);
    for (const [p, mean] of means) writeMean(p, mean, cols, out);
  } catch (error) {
    matrix.dispose();
    throw error;
  }
  return matrix;
}

/** Rows per block of the copy: 2,048 rows of 20 float64 columns are 320 KiB, in the L2 cache of most cores. */
const BLOCK_ROWS = 2048;

/** A column's place in its chunks, as a block copy advances. */
interface Cursor {
  readonly plan: NumericPlan;
  chunk: number;
  at: number;
}

/**
 * Writes every column of the matrix, in blocks of rows (see transpose.ts). Numeric columns
 * side by side in the matrix are copied four at a time; a run whose length is not a
 * multiple of four ends with a group overlapping the previous one (writing a few values
 * twice is cheaper than copying them one column at a time).
 * @returns NaN when a numeric value read was not finite, else 0.
 */
function copyColumns(plans: readonly Plan[], rows: number, cols: number, out: Target): number {
  const groups: Cursor[][] = [];
  const singles: Cursor[] = [];
  const oneHot = plans.filter((p): p is OneHotPlan => p.kind === 'one-hot');
  for (let i = 0; i < plans.length; ) {
    if (plans[i]!.kind !== 'number') {
      i++;
      continue;
    }
    let end = i;
    while (end < plans.length && plans[end]!.kind === 'number') end++;
    const run = plans.slice(i, end) as NumericPlan[];
    const cursor = (p: NumericPlan): Cursor => ({ plan: p, chunk: 0, at: 0 });
    if (run.length < 4) singles.push(...run.map(cursor));
    else for (let g = 0; g < run.length; g += 4) groups.push(run.slice(Math.min(g, run.length - 4), Math.min(g, run.length - 4) + 4).map(cursor));
    i = end;
  }
  const copy = (out instanceof Float32Array ? COPY_F32 : COPY_F64) as Copier<Target>;
  let bad = 0;
  for (let r0 = 0; r0 < rows; r0 += BLOCK_ROWS) {
    const r1 = Math.min(rows, r0 + BLOCK_ROWS);
    for (const group of groups) bad += copyGroup(copy, group as [Cursor, Cursor, Cursor, Cursor], r0, r1, cols, out);
    for (const s of singles) bad += copySingle(copy, s, r0, r1, cols, out);
    for (const p of oneHot) writeIndicators(p, r0, r1, cols, out);
  }
  return bad;
}

/** Rows r0 ≤ i < r1 of four columns side by side, through their chunks; NaN when a value was not finite. */
function copyGroup(copy: Copier<Target>, [a, b, c, d]: [Cursor, Cursor, Cursor, Cursor], r0: number, r1: number, cols: number, out: Target): number {
  let bad = 0;
  for (let row = r0; row < r1; ) {
    const take = Math.min(r1 - row, remaining(a), remaining(b), remaining(c), remaining(d));
    bad += copy.four(
      a.plan.values[a.chunk]!, a.at, b.plan.values[b.chunk]!, b.at, c.plan.values[c.chunk]!, c.at, d.plan.values[d.chunk]!, d.at,
      take, out, row * cols + a.plan.position, cols,
    );
    row += take;
    advance(a, take);
    advance(b, take);
    advance(c, take);
    advance(d, take);
  }
  return bad;
}

/** Rows r0 ≤ i < r1 of one column, through its chunks; NaN when a value was not finite. */
function copySingle(copy: Copier<Target>, s: Cursor, r0: number, r1: number, cols: number, out: Target): number {
  let bad = 0;
  for (let row = r0; row < r1; ) {
    const take = Math.min(r1 - row, remaining(s));
    bad += copy.one(s.plan.values[s.chunk]!, s.at, take, out, row * cols + s.plan.position, cols);
    row += take;
    advance(s, take);
  }
  return bad;
}

/** Values left in a cursor's chunk. */
function remaining(cursor: Cursor): number {
  return cursor.plan.lengths[cursor.chunk]! - cursor.at;
}

/** Moves a cursor `count` values on, to the next chunk at the end of one. */
function advance(cursor: Cursor, count: number): void {
  cursor.at += count;
  // A loop, not an if: a chunk of 0 rows is skipped.
  while (cursor.chunk < cursor.plan.lengths.length && cursor.at === cursor.plan.lengths[cursor.chunk]) {
    cursor.chunk++;
    cursor.at = 0;
  }
}

/** A one-hot column's indicators for rows r0 ≤ i < r1: 0 but for a 1 at the row's category. */
function writeIndicators(p: OneHotPlan, r0: number, r1: number, cols: number, out: Target): void {
  const { codes, categories } = p.encoded;
  const width = categories.length;
  for (let i = r0; i < r1; i++) {
    const at = i * cols + p.position;
    for (let c = 0; c < width; c++) out[at + c] = 0;
    const code = codes[i] as number;
    if (code >= 0) out[at + code] = 1;
  }
}

/** Writes `mean` in a column's place for each of its nulls. */
function writeMean(p: NumericPlan, mean: number, cols: number, out: Target): void {
  let row = 0;
  for (const chunk of p.column.data) {
    if (chunk.nullCount > 0) for (let k = 0; k < chunk.length; k++) if (!isValid(chunk, k)) out[(row + k) * cols + p.position] = mean;
    row += chunk.length;
  }
}

/** Runs {@link checkColumn} on each column in order: throws for the first column with a bad value. */
function checkColumns(where: string, plans: readonly NumericPlan[], imputing: boolean): void {
  for (const p of plans) checkColumn(where, p.column, p.name, imputing);
}

/**
 * Refuses a column's nulls (naming the row) unless `imputing`, 64-bit integers beyond ±2⁵³
 * and non-finite floats; returns the mean of its valid values (for imputation).
 */
function checkColumn(where: string, column: ArrowColumn, name: string, imputing: boolean): number {
  let row = 0;
  let sum = 0;
  let count = 0;
  let nulls = 0;
  for (const chunk of column.data) {
    const values = chunk.values as ArrayLike<number | bigint>;
    const n = chunk.length;
    const valid = (k: number): boolean => chunk.nullCount === 0 || isValid(chunk, k);
    if (chunk.nullCount > 0 && !imputing) {
      for (let k = 0; k < n; k++) {
        if (!valid(k)) throw new RangeError(`${where}: column '${name}' is null at row ${row + k}; features must be numbers (fill or drop the nulls first, or pass impute: 'mean')`);
      }
    }
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
      for (let k = 0; k < n; k++) {
        if (!valid(k)) {
          nulls++;
          continue;
        }
        const v = values[k] as bigint;
        if (v > EXACT || v < -EXACT) {
          throw new RangeError(`${where}: column '${name}' holds ${v} at row ${row + k}, beyond ±2⁵³, which float64 cannot hold exactly`);
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
        if (v - v !== 0) throw new RangeError(`${where}: column '${name}' holds ${v} at row ${row + k}; features must be finite`);
        sum += v;
        count++;
      }
    }
    row += n;
  }
  if (nulls > 0 && count === 0) throw new RangeError(`${where}: column '${name}' holds only nulls; there is no mean to impute`);
  return count === 0 ? 0 : sum / count;
}

/**
 * The names of the columns `Matrix.fromArrow(table, options)` writes, and the categories of
 * its one-hot columns: what to keep beside a model trained on the matrix, to name its
 * coefficients and to encode new tables as this one was (pass `categories` as `oneHot`).
 * Reads only the one-hot columns' values (numeric columns are not read or checked).
 * @param table - an apache-arrow or @uwdata/flechette table.
 * @param options - as `Matrix.fromArrow` takes them (`dtype` is ignored).
 * @throws as `Matrix.fromArrow` for the options, the columns' types and the one-hot
 * columns' values, naming `arrowFeatures`.
 * @example
 * ```ts
 * const options = { columns: ['age', 'color'], oneHot: ['color'] };
 * const { featureNames, categories } = arrowFeatures(train, options);
 * // featureNames: ['age', 'color=blue', 'color=red'], categories: { color: ['blue', 'red'] }
 * const model = new LogisticRegression().fit(Matrix.fromArrow(train, options), labelsFromArrow(train, 'y'));
 * const p = model.predictProba(Matrix.fromArrow(test, { ...options, oneHot: categories, handleUnknown: 'ignore' }));
 * ```
 */
export function arrowFeatures(table: unknown, options: FromArrowOptions = {}): ArrowFeatures {
  const { plans } = plan('arrowFeatures', table, options, false);
  const featureNames: string[] = [];
  const categories: Record<string, string[]> = {};
  for (const p of plans) {
    if (p.kind === 'number') featureNames.push(p.name);
    else {
      featureNames.push(...oneHotNames(p.name, p.encoded.categories));
      // defineProperty: a column named '__proto__' is an own key like any other.
      Object.defineProperty(categories, p.name, { value: [...p.encoded.categories], enumerable: true, writable: true, configurable: true });
    }
  }
  return { featureNames, categories };
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
  const read = valueReader(col);
  if (read === null) throw new TypeError(`${where}: column '${column}' is not an Arrow column (no get or at)`);
  const out: Label[] = new Array(t.numRows);
  for (let i = 0; i < t.numRows; i++) {
    const value = read(i);
    if (value === null || value === undefined) throw new RangeError(`${where}: column '${column}' is null at row ${i}; every row needs a label`);
    out[i] = (typeof value === 'bigint' ? Number(value) : value) as Label;
  }
  return out;
}
