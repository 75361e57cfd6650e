/**
 * svmlight / LIBSVM files, read and written as scikit-learn 1.2.1's `load_svmlight_file` and
 * `dump_svmlight_file` read and write them. Node only (node:fs, node:zlib): the text rules
 * live in the main entry (`SvmlightParser`, `formatSvmlightChunks`); this module streams
 * bytes between them and a file.
 * @module
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
// CsrMatrix, the parser and the writer must be the application's (one CsrMatrix class, one
// core memory): the bundle of this entry keeps '../index.js' external.
import { CsrMatrix, type Dtype, type MatrixLike, SvmlightParser, type SvmlightMatrix, type SvmlightOptions, svmlightFileArgs } from '../index.js';

/** Options of {@link loadSvmlightFile}: scikit-learn's, camelCased. */
export interface LoadSvmlightFileOptions extends SvmlightOptions {
  /**
   * How X stores its values; `'float32'` rounds each (y stays float64, as in scikit-learn).
   * @default 'float64'
   */
  dtype?: Dtype;
}

/** What {@link loadSvmlightFile} returns: scikit-learn's `(X, y[, query_id])`, by name. */
export interface SvmlightFileData<D extends Dtype = 'float64'> {
  /** The features, in WebAssembly memory where `fit` reads them; release with `X.dispose()`. */
  X: CsrMatrix<D>;
  /** The label of each row. */
  y: Float64Array;
  /** The `qid:` values when `queryId` is true (one per line that has one), else null. */
  qid: Int32Array | null;
  /** Whether the indices were read as zero-based (`zeroBased: 'auto'` resolved). */
  zeroBased: boolean;
}

/** Options of {@link dumpSvmlightFile}: scikit-learn's, camelCased. */
export interface DumpSvmlightFileOptions {
  /**
   * Whether to write indices from 0 (`true`) or from 1.
   * @default true
   */
  zeroBased?: boolean;
  /**
   * Text for a header of `#` lines; `null` or `''` for none. No NUL character.
   * @default null
   */
  comment?: string | null;
  /**
   * One integer query id per row, written as `qid:q` after the label.
   * @default null
   */
  queryId?: ArrayLike<number> | null;
}

const LOAD = 'loadSvmlightFile';
const INT32_MAX = 2 ** 31 - 1;
const DUMP = 'dumpSvmlightFile';

/**
 * Reads an svmlight / LIBSVM file as scikit-learn 1.2.1's `load_svmlight_file` does: streamed
 * (memory is the parsed arrays and one line, never the text), `#` comments, blank lines,
 * zero- or one-based indices (`'auto'`: one-based when there is a feature and no index 0),
 * `qid:` skipped or returned; a name ending in `.gz` is decompressed (gzip), as scikit-learn
 * does. X comes back as a {@link CsrMatrix}, so NaN or ±Infinity feature values (which
 * scikit-learn reads) are refused here, with their line and column. Nothing is allocated in
 * WebAssembly memory unless the whole file reads.
 *
 * @param path The file: a path or a `file:` URL.
 * @param options See {@link LoadSvmlightFileOptions}.
 * @returns `{ X, y, qid, zeroBased }`, see {@link SvmlightFileData}.
 * @throws TypeError for a path or option of the wrong kind; RangeError for a bad option
 * value, a line that does not parse (`loadSvmlightFile: data.svm: line 3, column 5: …`),
 * `nFeatures` smaller than an index needs, more than 2³¹ − 1 columns (scikit-learn's int64
 * indices allow them; a CsrMatrix's int32 do not), or a `.bz2` file (Node has no bzip2); Error when
 * the file cannot be read (its code, e.g. ENOENT, kept as `code`).
 * @example
 * ```ts
 * import { loadSvmlightFile } from 'logreg-wasm/node';
 * const { X, y } = await loadSvmlightFile('train.svm');
 * const model = new LogisticRegression().fit(X, y);
 * ```
 */
export async function loadSvmlightFile(path: string | URL, options?: LoadSvmlightFileOptions & { dtype?: 'float64' }): Promise<SvmlightFileData>;
export async function loadSvmlightFile<D extends Dtype>(path: string | URL, options: LoadSvmlightFileOptions & { dtype: D }): Promise<SvmlightFileData<D>>;
export async function loadSvmlightFile(path: string | URL, options: LoadSvmlightFileOptions = {}): Promise<SvmlightFileData<Dtype>> {
  const file = fileName(LOAD, svmlightFileArgs.path(LOAD, path));
  const { parserOptions, dtype } = svmlightFileArgs.load(LOAD, options);
  const parser = new SvmlightParser(parserOptions, LOAD, { source: file, finiteValues: true });
  if (file.endsWith('.bz2')) {
    throw new RangeError(`${LOAD}: ${file}: bzip2 files cannot be read (Node has no bzip2 decoder); decompress it first, e.g. with bunzip2`);
  }
  // ignoreBOM keeps a byte-order mark in the text, where scikit-learn refuses it as part of the first label.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const bytes = createReadStream(file);
  const source = file.endsWith('.gz') ? bytes.pipe(createGunzip()) : bytes;
  // A failure of the file stream reaches the gunzip stream that is iterated.
  if (source !== bytes) bytes.on('error', (error) => source.destroy(error));
  try {
    for await (const chunk of source) parser.write(decoder.decode(chunk as Uint8Array, { stream: true }));
    parser.write(decoder.decode());
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) throw error;
    throw fileError(LOAD, 'read', file, error);
  } finally {
    bytes.destroy();
  }
  const data = parser.end();
  // scikit-learn's indices are int64; a CsrMatrix's are int32.
  if (data.cols > INT32_MAX) {
    const why = parserOptions.nFeatures == null ? 'the largest index + 1' : 'nFeatures';
    throw new RangeError(`${LOAD}: ${file}: X would have ${data.cols} columns (${why}); a CsrMatrix has at most ${INT32_MAX}`);
  }
  const X = CsrMatrix.from(data, { dtype });
  return { X, y: data.y, qid: data.qid, zeroBased: data.zeroBased };
}

/**
 * Writes X and y to an svmlight / LIBSVM file, byte for byte as scikit-learn 1.2.1's
 * `dump_svmlight_file` writes a float64 X (values and labels by Python's `"%.16g"`; a sparse
 * X's stored entries, explicit zeros included; a dense X's entries that are not 0) — except
 * the first header line of a commented file, which names this library. A name ending in
 * `.gz` is written gzip-compressed (scikit-learn writes plain text whatever the name; this
 * way {@link loadSvmlightFile} and scikit-learn read the file back). Every argument is
 * checked before the file is opened; the text is streamed, never held whole.
 *
 * @param X A {@link CsrMatrix}, a dense {@link Matrix} or an array of rows, or CSR arrays
 * `{ rows, cols, indptr, indices, values }`; at least one row and one column.
 * @param y One finite label per row.
 * @param path The file to create or replace: a path or a `file:` URL.
 * @param options See {@link DumpSvmlightFileOptions}.
 * @throws TypeError for an argument of the wrong kind; RangeError for a non-finite value or
 * label, lengths that disagree, no rows or columns, a non-integer query id or a NUL in the
 * comment; Error when the file cannot be written (its code kept as `code`).
 * @example
 * ```ts
 * import { dumpSvmlightFile } from 'logreg-wasm/node';
 * await dumpSvmlightFile(X, y, 'train.svm', { zeroBased: false, comment: 'bag of words' });
 * ```
 */
export async function dumpSvmlightFile(
  X: CsrMatrix<Dtype> | MatrixLike | SvmlightMatrix,
  y: ArrayLike<number>,
  path: string | URL,
  options: DumpSvmlightFileOptions = {},
): Promise<void> {
  const file = fileName(DUMP, svmlightFileArgs.path(DUMP, path));
  const pieces = svmlightFileArgs.dump(DUMP, X, y, options);
  const text = Readable.from(pieces, { objectMode: false });
  const out = createWriteStream(file);
  try {
    if (file.endsWith('.gz')) await pipeline(text, createGzip(), out);
    else await pipeline(text, out);
  } catch (error) {
    throw fileError(DUMP, 'write', file, error);
  }
}

/** A checked path as a string for messages and fs (a `file:` URL converted). */
function fileName(where: string, path: string | URL): string {
  if (!(path instanceof URL)) return path;
  if (path.protocol !== 'file:') throw new TypeError(`${where}: path must be a string or a file: URL, got a ${path.protocol} URL`);
  return fileURLToPath(path);
}

/** An Error naming the call, the file and the system's reason, keeping `code` and the cause. */
function fileError(where: string, verb: string, file: string, cause: unknown): Error {
  const code = (cause as NodeJS.ErrnoException | null)?.code;
  const reason = cause instanceof Error ? cause.message : String(cause);
  const error = new Error(`${where}: cannot ${verb} ${file}: ${reason}`, { cause }) as NodeJS.ErrnoException;
  if (code !== undefined) error.code = code;
  return error;
}
