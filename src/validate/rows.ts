/**
 * Arrays of rows (`number[][]` and the like): shape checks and the copy into a flat
 * row-major buffer, shared by {@link Matrix.fromRows} and the fit/predict input path.
 * @module
 */
import { isArrayLike } from './array-like.js';
import { describeKind } from './describe.js';

/**
 * The shape of an array of rows, checked for raggedness and element kind. `accepted`
 * names every kind the caller takes, for the message when `rows` is none of them.
 * @throws TypeError when `rows` or a row is not array-like; RangeError for ragged rows.
 */
export function shapeOfRows(rows: unknown, name: string, accepted = 'a Matrix or an array of rows'): { rows: number; cols: number } {
  if (!isArrayLike(rows)) {
    throw new TypeError(`${name} must be ${accepted}, got ${describeKind(rows)}`);
  }
  const list = rows as ArrayLike<unknown>;
  let cols = 0;
  for (let i = 0; i < list.length; i++) {
    const row = list[i];
    if (!isArrayLike(row)) {
      throw new TypeError(`${name} row ${i} is ${describeKind(row)}; expected an array of numbers`);
    }
    const length = (row as ArrayLike<unknown>).length;
    if (i === 0) cols = length;
    else if (length !== cols) throw new RangeError(`${name} row ${i} has ${length} columns; row 0 has ${cols}`);
  }
  return { rows: list.length, cols };
}

/**
 * Writes an array of rows (already shaped by {@link shapeOfRows}) into `target` from
 * `offset`, row-major, checking that every value is a number (and finite, if asked).
 * @throws TypeError for a value that is not a number; RangeError for NaN or ±Infinity
 * when `requireFinite`.
 */
export function copyRows(
  rows: ArrayLike<ArrayLike<number>>,
  cols: number,
  target: Float64Array | Float32Array,
  offset: number,
  name: string,
  requireFinite: boolean,
): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as ArrayLike<number>;
    const base = offset + i * cols;
    for (let j = 0; j < cols; j++) {
      const value = row[j];
      if (typeof value !== 'number') {
        throw new TypeError(`${name} has ${describeKind(value)} at row ${i}, column ${j}; expected a number`);
      }
      if (requireFinite && !Number.isFinite(value)) throw nonFiniteError(name, value, i, j);
      target[base + j] = value;
    }
  }
}

/** The error for a NaN or ±Infinity at (row, col) of the argument `name`. */
export function nonFiniteError(name: string, value: number, row: number, col: number): RangeError {
  return new RangeError(`${name} contains ${String(value)} at row ${row}, column ${col}; all values must be finite`);
}

