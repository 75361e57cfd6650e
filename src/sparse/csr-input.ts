/**
 * The arguments of `CsrMatrix.from` and `CsrMatrix.fromRows`, checked and read into plain
 * JS arrays ({@link CsrArrays}) before anything is allocated in WebAssembly memory.
 * @module
 */
import { describeKind } from '../validate/describe.js';
import { checkInteger } from '../validate/options.js';
import { nonFiniteError } from '../validate/rows.js';
import { type Dtype, float32RangeError } from '../matrix.js';
import type { CsrArrays } from './canonical.js';

/** Largest row count, column count or number of entries: indptr and indices are int32. */
export const INT32_MAX = 2 ** 31 - 1;

/** The three arrays of `CsrMatrix.from`, as given. */
export interface CsrParts {
  readonly indptr: unknown;
  readonly indices: unknown;
  readonly values: unknown;
}

/**
 * Reads `indptr`, `indices` and `values` of a `rows`×`cols` matrix (rows and cols already
 * checked), in the order a caller would fix them: kinds, lengths, indptr, then each entry's
 * index and value.
 * @param where `'CsrMatrix.from'`, the prefix of messages.
 * @throws TypeError for an array of the wrong kind or an entry that is not a number;
 * RangeError for disagreeing lengths, a malformed indptr, an index outside [0, cols), or
 * a value that is not finite (or, for dtype `'float32'`, beyond float32's range).
 */
export function readCsrParts(where: string, parts: CsrParts, rows: number, cols: number, dtype: Dtype): CsrArrays {
  const { indptr, indices, values } = parts;
  if (!Array.isArray(indptr) && !(indptr instanceof Int32Array)) {
    throw new TypeError(`${where}: indptr must be an Int32Array or an array of numbers, got ${describeKind(indptr)}`);
  }
  if (!Array.isArray(indices) && !(indices instanceof Int32Array)) {
    throw new TypeError(`${where}: indices must be an Int32Array or an array of numbers, got ${describeKind(indices)}`);
  }
  if (!Array.isArray(values) && !(values instanceof Float64Array) && !(values instanceof Float32Array)) {
    throw new TypeError(`${where}: values must be a Float64Array, a Float32Array or an array of numbers, got ${describeKind(values)}`);
  }
  if (indptr.length !== rows + 1) {
    throw new RangeError(`${where}: indptr has length ${indptr.length}; expected rows + 1 = ${rows + 1}`);
  }
  if (values.length !== indices.length) {
    throw new RangeError(`${where}: values has length ${values.length}; expected indices.length = ${indices.length} (one value per entry)`);
  }
  const nnz = indices.length;
  if (nnz > INT32_MAX) throw new RangeError(`${where}: indices has ${nnz} entries; at most ${INT32_MAX} fit an int32 indptr`);
  const readIndptr = readIndptrEntries(where, indptr as ArrayLike<unknown>, nnz);
  const readIndices = new Int32Array(nnz);
  const readValues = new Float64Array(nnz);
  const valuesName = `${where}: values`;
  for (let i = 0; i < rows; i++) {
    for (let k = readIndptr[i] as number; k < (readIndptr[i + 1] as number); k++) {
      const index = (indices as ArrayLike<unknown>)[k];
      if (typeof index !== 'number') {
        throw new TypeError(`${where}: indices has ${describeKind(index)} at index ${k} (row ${i}); expected a number`);
      }
      if (!Number.isInteger(index) || index < 0 || index >= cols) {
        throw new RangeError(`${where}: indices has ${String(index)} at index ${k} (row ${i}); expected a column index in [0, ${cols})`);
      }
      readIndices[k] = index;
      const value = (values as ArrayLike<unknown>)[k];
      if (typeof value !== 'number') {
        throw new TypeError(`${where}: values has ${describeKind(value)} at index ${k} (row ${i}); expected a number`);
      }
      readValues[k] = storedValue(valuesName, value, dtype, i, index);
    }
  }
  return { indptr: readIndptr, indices: readIndices, values: readValues };
}

/** indptr as int32: integers from 0, non-decreasing, ending at `nnz`. */
function readIndptrEntries(where: string, indptr: ArrayLike<unknown>, nnz: number): Int32Array {
  const out = new Int32Array(indptr.length);
  for (let i = 0; i < indptr.length; i++) {
    const entry = indptr[i];
    if (typeof entry !== 'number') {
      throw new TypeError(`${where}: indptr has ${describeKind(entry)} at index ${i}; expected a number`);
    }
    if (i === 0 && entry !== 0) throw new RangeError(`${where}: indptr[0] must be 0, got ${String(entry)}`);
    const previous = i === 0 ? 0 : (out[i - 1] as number);
    if (!Number.isInteger(entry) || entry < previous || entry > nnz) {
      throw new RangeError(
        `${where}: indptr has ${String(entry)} at index ${i}; expected a non-decreasing integer from indptr[${Math.max(i - 1, 0)}] = ${previous} to the number of entries, ${nnz}`,
      );
    }
    out[i] = entry;
  }
  const last = out[indptr.length - 1] as number;
  if (last !== nnz) {
    throw new RangeError(`${where}: indptr ends at ${last}; expected the number of entries, indices.length = ${nnz}`);
  }
  return out;
}

/**
 * Reads `rows` of `CsrMatrix.fromRows`: each an object `{ [column]: value }` (its own
 * enumerable keys, each a canonical integer) or an array of `[column, value]` pairs.
 * Columns are checked against `cols` when given; otherwise the matrix has max column + 1.
 * @param where `'CsrMatrix.fromRows'`, the prefix of messages.
 * @returns the arrays (rows in the order given, not yet canonical) and the column count.
 * @throws TypeError for a row or pair of the wrong kind, a key that is not an integer, or a
 * value that is not a number; RangeError for a column outside [0, cols) or a value that is
 * not finite (or beyond float32's range for dtype `'float32'`).
 */
export function readSparseRows(where: string, rows: unknown, cols: number | undefined, dtype: Dtype): { arrays: CsrArrays; cols: number } {
  if (!Array.isArray(rows)) throw new TypeError(`${where}: rows must be an array of rows, got ${describeKind(rows)}`);
  if (rows.length > INT32_MAX) throw new RangeError(`${where}: rows has ${rows.length} rows; at most ${INT32_MAX} fit`);
  const indptr = new Int32Array(rows.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const name = `${where}: rows`;
  const limit = cols ?? INT32_MAX;
  let maxColumn = -1;
  const add = (i: number, column: number, value: unknown, at: string): void => {
    if (column >= limit) {
      const why = cols === undefined ? `: cols, the largest column + 1, must be below 2³¹` : ` (cols = ${limit})`;
      throw new RangeError(`${name}[${i}] has column ${column}${at}; expected a column index in [0, ${limit})${why}`);
    }
    if (typeof value !== 'number') throw new TypeError(`${name}[${i}] has ${describeKind(value)} for column ${column}; expected a number`);
    indices.push(column);
    values.push(storedValue(name, value, dtype, i, column));
    if (column > maxColumn) maxColumn = column;
  };
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (Array.isArray(row)) {
      for (let k = 0; k < row.length; k++) {
        const pair: unknown = row[k];
        if (!Array.isArray(pair) || pair.length !== 2) {
          throw new TypeError(`${name}[${i}] has ${describeKind(pair)} at index ${k}; expected a [column, value] pair`);
        }
        const column: unknown = pair[0];
        if (typeof column !== 'number') {
          throw new TypeError(`${name}[${i}] has ${describeKind(column)} as the column of the pair at index ${k}; expected an integer ≥ 0`);
        }
        if (!Number.isInteger(column) || column < 0) {
          throw new RangeError(`${name}[${i}] has column ${String(column)} in the pair at index ${k}; expected an integer ≥ 0`);
        }
        add(i, column, pair[1], ` in the pair at index ${k}`);
      }
    } else if (isPlainObject(row)) {
      for (const key of Object.keys(row)) {
        if (!/^(0|[1-9][0-9]*)$/.test(key)) {
          throw new TypeError(`${name}[${i}] has the key ${JSON.stringify(key)}; expected column indices (integers ≥ 0) as keys`);
        }
        add(i, Number(key), (row as Record<string, unknown>)[key], '');
      }
    } else {
      throw new TypeError(`${name}[${i}] is ${describeKind(row)}; expected a plain object { column: value } or an array of [column, value] pairs`);
    }
    indptr[i + 1] = indices.length;
  }
  if (indices.length > INT32_MAX) throw new RangeError(`${where}: rows hold ${indices.length} entries; at most ${INT32_MAX} fit an int32 indptr`);
  return {
    arrays: { indptr, indices: Int32Array.from(indices), values: Float64Array.from(values) },
    cols: cols ?? maxColumn + 1,
  };
}

/** The options' `cols` of fromRows: undefined, or an integer in [0, 2³¹). */
export function readCols(where: string, cols: unknown): number | undefined {
  return cols === undefined ? undefined : checkInteger(where, 'cols', cols, 0, INT32_MAX);
}

/** An object literal (or one without a prototype): what a `{ column: value }` row is. */
function isPlainObject(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** `value` as stored for `dtype`: finite, rounded to float32 for `'float32'` (and still finite). */
function storedValue(name: string, value: number, dtype: Dtype, row: number, column: number): number {
  if (!Number.isFinite(value)) throw nonFiniteError(name, value, row, column);
  if (dtype === 'float64') return value;
  const rounded = Math.fround(value);
  if (!Number.isFinite(rounded)) throw float32RangeError(name, value, row, column);
  return rounded;
}
