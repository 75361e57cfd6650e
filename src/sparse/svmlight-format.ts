/**
 * Writing the svmlight / LIBSVM text format exactly as scikit-learn 1.2's
 * `dump_svmlight_file` writes it for a float64 X and y: numbers by Python's `"%.16g"`, each
 * row `label[ qid:q] i:v i:v…\n` with its entries in column order (an empty row keeps the
 * space after its label); a sparse X's explicit zeros written as stored, a dense X's zeros
 * skipped. Whole ({@link formatSvmlight}) or in pieces ({@link formatSvmlightChunks}).
 * @module
 */
import type { MatrixLike } from '../core/stage.js';
import { type Dtype, Matrix } from '../matrix.js';
import { isArrayLike } from '../validate/array-like.js';
import { describeKind } from '../validate/describe.js';
import { readMatrix, readVector } from '../validate/numeric.js';
import { checkBoolean, checkInteger } from '../validate/options.js';
import type { CsrArrays } from './canonical.js';
import { CsrMatrix } from './csr-matrix.js';
import { INT32_MAX, readCsrParts } from './csr-input.js';

/** The CSR arrays {@link formatSvmlight} writes (the shape {@link SvmlightData} has). */
export interface SvmlightMatrix {
  indptr: Int32Array | readonly number[];
  indices: Int32Array | readonly number[];
  values: Float64Array | Float32Array | readonly number[];
  rows: number;
  cols: number;
}

/** The argument of {@link formatSvmlight}. */
export interface FormatSvmlightArgs {
  /**
   * The features: CSR arrays (entries of a row in any order; they are written sorted by
   * column, ties in stored order), a {@link CsrMatrix} (every stored entry written, explicit
   * zeros included, as scikit-learn writes a sparse X), or dense rows / a {@link Matrix}
   * (only the entries that are not 0 written, as scikit-learn writes a dense X).
   */
  X: SvmlightMatrix | CsrMatrix<Dtype> | MatrixLike;
  /** One finite label per row. */
  y: ArrayLike<number>;
  /**
   * Whether to write indices from 0 (`true`) or from 1.
   * @default true
   */
  zeroBased?: boolean;
  /**
   * Text for a header of `#` lines (scikit-learn's three header lines, then one `# line`
   * per line of the comment); `undefined`, `null` or `''` for none. No NUL character.
   * @default undefined
   */
  comment?: string | null;
  /**
   * One integer query id per row, written as `qid:q` after the label.
   * @default undefined
   */
  queryId?: ArrayLike<number> | null;
}

/** Characters per piece of {@link formatSvmlightChunks}: large enough that a write per piece is cheap. */
const CHUNK = 1 << 16;

/**
 * Python's `"%.16g" % x`: 16 significant digits rounded half to even on the exact value,
 * trailing zeros dropped, exponent form (`1e+16`, `1e-05`) when the exponent is below -4
 * or at least 16; `nan`, `inf`, `-inf`, `-0`.
 */
export function formatG16(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  let [mantissa, exp] = a.toExponential(15).split('e') as [string, string];
  // toExponential breaks an exact tie upwards; Python breaks it to even. A tie is an exact
  // value of 17 significant digits ending in 5, which toExponential(99) shows exactly.
  const seventeen = a.toExponential(16);
  if (seventeen[17] === '5') {
    const exact = a.toExponential(99).split('e')[0] as string;
    if (/^\d\.\d{15}50*$/.test(exact) && Number(exact[16]) % 2 === 0) {
      mantissa = exact.slice(0, 17);
      exp = seventeen.split('e')[1] as string;
    }
  }
  const e = Number(exp);
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  if (e < -4 || e >= 16) {
    const frac = digits.slice(1);
    return `${sign}${digits[0]}${frac === '' ? '' : `.${frac}`}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  if (digits.length <= e + 1) return `${sign}${digits}${'0'.repeat(e + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
}

/**
 * Writes X, y (and query ids) as svmlight / LIBSVM text, equal byte for byte to scikit-learn
 * 1.2.1's `dump_svmlight_file` on a float64 X and y — except the first header line, which
 * names this library instead of claiming scikit-learn wrote the file.
 *
 * @returns The text, every line ending in `\n`.
 * @throws TypeError when an argument has the wrong kind; RangeError for a non-finite value
 * or label (scikit-learn refuses them: "Input contains NaN"), lengths that disagree, an
 * index outside `[0, cols)`, no rows or no columns (as scikit-learn), a non-integer query
 * id, or a NUL in the comment; Error for a disposed CsrMatrix.
 * @example
 * ```ts
 * formatSvmlight({ X: { rows: 2, cols: 3, indptr: [0, 2, 2], indices: [2, 0], values: [0.5, 1] }, y: [1, 0], zeroBased: false });
 * // '1 1:1 3:0.5\n0 \n'
 * ```
 */
export function formatSvmlight(args: FormatSvmlightArgs): string {
  return [...formatSvmlightChunks(args, 'formatSvmlight')].join('');
}

/**
 * The text of {@link formatSvmlight}, in consecutive pieces of about 64 K characters, for
 * writing a matrix whose text is longer than one JavaScript string can be (2²⁹ − 24
 * characters in V8). Every argument is checked before this returns, so a caller can open
 * its output only once the arguments are known to be good.
 * @param where The prefix of messages and the writer named in the header line.
 * @returns An iterator over the pieces; joined, they are `formatSvmlight(args)`.
 * @throws as {@link formatSvmlight}, from this call (not from the iteration).
 * @example
 * ```ts
 * for (const piece of formatSvmlightChunks({ X, y })) await file.write(piece);
 * ```
 */
export function formatSvmlightChunks(args: FormatSvmlightArgs, where = 'formatSvmlightChunks'): IterableIterator<string> {
  return pieces(readArgs(args, where), where);
}

interface Checked {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  labels: Float64Array;
  rows: number;
  oneBased: 0 | 1;
  comment: string | null;
  queryId: ArrayLike<number> | null;
}

function readArgs(args: FormatSvmlightArgs, where: string): Checked {
  if (args === null || typeof args !== 'object') throw new TypeError(`${where}: expected { X, y, … }, got ${describeKind(args)}`);
  const { X, y, zeroBased = true, comment = null, queryId = null } = args;
  const { indptr, indices, values, rows } = readX(X, where);
  const labels = readVector(`${where}: y`, y);
  if (labels.length !== rows) throw new RangeError(`${where}: y has length ${labels.length}; expected one label per row, X.rows = ${rows}`);
  const oneBased = !checkBoolean(where, 'zeroBased', zeroBased) ? 1 : 0;
  if (queryId !== null && !isArrayLike(queryId)) throw new TypeError(`${where}: queryId must be an array of integers or null, got ${describeKind(queryId)}`);
  if (queryId !== null && queryId.length !== rows) throw new RangeError(`${where}: queryId has length ${queryId.length}; expected one value per row, X.rows = ${rows}`);
  for (let i = 0; queryId !== null && i < rows; i++) {
    const q = queryId[i];
    if (typeof q !== 'number') throw new TypeError(`${where}: queryId has ${describeKind(q)} at index ${i}; expected an integer`);
    if (!Number.isSafeInteger(q)) throw new RangeError(`${where}: queryId has ${String(q)} at index ${i}; expected an integer`);
  }
  if (comment !== null && typeof comment !== 'string') throw new TypeError(`${where}: comment must be a string or null, got ${describeKind(comment)}`);
  if (comment !== null && comment.includes('\0')) throw new RangeError(`${where}: comment contains a NUL character`);
  return { indptr, indices, values, labels, rows, oneBased, comment, queryId };
}

/**
 * X as CSR arrays: a CsrMatrix's stored entries, dense rows' entries that are not 0 (as
 * scikit-learn's writer skips them, -0 included), or checked CSR arrays.
 */
function readX(X: FormatSvmlightArgs['X'], where: string): CsrArrays & { rows: number } {
  if (X instanceof CsrMatrix) {
    checkSize(where, X.rows, X.cols);
    const { indptr, indices, values } = X.toData();
    // The arrays of a CsrMatrix are canonical and finite; float32 values widen exactly.
    return { indptr, indices, values: values instanceof Float64Array ? values : Float64Array.from(values), rows: X.rows };
  }
  if (X instanceof Matrix || Array.isArray(X)) {
    const { data, rows, cols } = readMatrix(`${where}: X`, X as MatrixLike);
    checkSize(where, rows, cols);
    return { ...denseToCsr(data, rows, cols), rows };
  }
  if (X === null || typeof X !== 'object') {
    throw new TypeError(`${where}: X must be a CsrMatrix, a Matrix, an array of rows or CSR arrays { indptr, indices, values, rows, cols }, got ${describeKind(X)}`);
  }
  const { rows, cols } = X as SvmlightMatrix;
  // scikit-learn's check_array refuses a matrix without rows or columns, so no file it
  // writes is empty of data; the same bounds here.
  checkInteger(`${where}: X`, 'rows', rows, 1, INT32_MAX);
  checkInteger(`${where}: X`, 'cols', cols, 1, INT32_MAX);
  return { ...readCsrParts(`${where}: X`, X as SvmlightMatrix, rows, cols, 'float64'), rows };
}

function checkSize(where: string, rows: number, cols: number): void {
  if (rows === 0) throw new RangeError(`${where}: X has 0 rows; at least one row is required, as in scikit-learn`);
  if (cols === 0) throw new RangeError(`${where}: X has 0 columns; at least one column is required, as in scikit-learn`);
}

function denseToCsr(data: Float64Array, rows: number, cols: number): CsrArrays {
  const indptr = new Int32Array(rows + 1);
  let nnz = 0;
  for (let k = 0; k < data.length; k++) if (data[k] !== 0) nnz++;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let out = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j] as number;
      if (v === 0) continue;
      indices[out] = j;
      values[out++] = v;
    }
    indptr[i + 1] = out;
  }
  return { indptr, indices, values };
}

function* pieces(c: Checked, where: string): IterableIterator<string> {
  const { indptr, indices, values, labels, rows, oneBased, comment, queryId } = c;
  let out = '';
  if (comment) {
    out += `# Generated by ${where} from logreg-wasm (the format of scikit-learn 1.2.1's dump_svmlight_file)\n`;
    out += `# Column indices are ${oneBased ? 'one' : 'zero'}-based\n#\n`;
    // bytes.splitlines(): \n, \r\n and \r end a line; a final line break adds no empty line.
    for (const line of comment.replace(/(\r\n|\r|\n)$/, '').split(/\r\n|\r|\n/)) out += `# ${line}\n`;
  }
  for (let i = 0; i < rows; i++) {
    out += formatG16(labels[i] as number);
    if (queryId !== null) out += ` qid:${queryId[i] as number}`;
    out += ' ';
    let first = true;
    for (const k of rowOrder(indices, indptr[i] as number, indptr[i + 1] as number)) {
      out += `${first ? '' : ' '}${(indices[k] as number) + oneBased}:${formatG16(values[k] as number)}`;
      first = false;
    }
    out += '\n';
    if (out.length >= CHUNK) {
      yield out;
      out = '';
    }
  }
  if (out !== '') yield out;
}

/** Positions start…end-1 ordered by column, ties kept in stored order (scikit-learn writes sorted rows). */
function rowOrder(indices: Int32Array, start: number, end: number): number[] {
  const order: number[] = [];
  let sorted = true;
  for (let k = start; k < end; k++) {
    if (k > start && (indices[k] as number) < (indices[k - 1] as number)) sorted = false;
    order.push(k);
  }
  if (!sorted) order.sort((a, b) => (indices[a] as number) - (indices[b] as number) || a - b);
  return order;
}
