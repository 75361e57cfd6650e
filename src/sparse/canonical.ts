/**
 * The canonical form of a CSR matrix, as scipy's `sort_indices` + `sum_duplicates` leave
 * it: within each row the column indices strictly increase, and entries that shared a
 * column are one entry holding their sum. Explicit zeros (stored values equal to 0,
 * including duplicates that sum to 0) stay stored, as scipy keeps them until
 * `eliminate_zeros()`.
 * @module
 */
import type { Dtype } from '../matrix.js';

/** A CSR matrix's three arrays: row `i` holds entries `indptr[i]` to `indptr[i + 1] - 1`. */
export interface CsrArrays {
  /** Row starts, `rows + 1` of them: 0, non-decreasing, ending at the number of entries. */
  readonly indptr: Int32Array;
  /** The column of each entry. */
  readonly indices: Int32Array;
  /** The value of each entry; float64, already rounded to float32 for dtype `'float32'`. */
  readonly values: Float64Array;
}

/**
 * `arrays` (already checked: indptr well formed, indices in range, values finite) in
 * canonical form; `arrays` itself when it already is. Duplicates are summed in the order
 * given, in float64, and the sum rounded once to `dtype`.
 * @param name `'where: values'` or `'where: rows'`, the prefix of messages.
 * @throws RangeError when duplicates sum beyond the range of `dtype` (±Infinity).
 */
export function canonicalise(arrays: CsrArrays, dtype: Dtype, name: string): CsrArrays {
  const { indptr, indices, values } = arrays;
  const rows = indptr.length - 1;
  if (isCanonical(indptr, indices)) return arrays;
  const outIndptr = new Int32Array(rows + 1);
  const outIndices = new Int32Array(indices.length);
  const outValues = new Float64Array(values.length);
  let out = 0;
  for (let i = 0; i < rows; i++) {
    const start = indptr[i] as number;
    const end = indptr[i + 1] as number;
    // Positions of the row's entries, by column and then by position: a stable order, so
    // duplicates are added in the order given and the sum does not depend on the sort.
    const order = Array.from({ length: end - start }, (_, k) => start + k);
    order.sort((a, b) => (indices[a] as number) - (indices[b] as number) || a - b);
    let previous = -1;
    for (const k of order) {
      const column = indices[k] as number;
      if (column === previous) {
        outValues[out - 1] = (outValues[out - 1] as number) + (values[k] as number);
        continue;
      }
      if (previous >= 0) outValues[out - 1] = checkSum(outValues[out - 1] as number, dtype, name, i, previous);
      outIndices[out] = column;
      outValues[out] = values[k] as number;
      out++;
      previous = column;
    }
    if (previous >= 0) outValues[out - 1] = checkSum(outValues[out - 1] as number, dtype, name, i, previous);
    outIndptr[i + 1] = out;
  }
  return { indptr: outIndptr, indices: outIndices.slice(0, out), values: outValues.slice(0, out) };
}

/** True when every row's indices strictly increase. */
function isCanonical(indptr: Int32Array, indices: Int32Array): boolean {
  for (let i = 0; i + 1 < indptr.length; i++) {
    for (let k = (indptr[i] as number) + 1; k < (indptr[i + 1] as number); k++) {
      if ((indices[k] as number) <= (indices[k - 1] as number)) return false;
    }
  }
  return true;
}

/**
 * `sum` rounded to `dtype`, checked to be finite: summing duplicates can overflow even when
 * every value is finite.
 */
function checkSum(sum: number, dtype: Dtype, name: string, row: number, column: number): number {
  const stored = dtype === 'float32' ? Math.fround(sum) : sum;
  if (Number.isFinite(stored)) return stored;
  const expected = Number.isFinite(sum) ? "within float32's range (±3.40e+38); use dtype 'float64'" : 'finite';
  throw new RangeError(`${name} has duplicates at row ${row}, column ${column} that sum to ${String(sum)}; the sum must be ${expected}`);
}
