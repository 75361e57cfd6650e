/**
 * The binary row cache of `train --stream` and of `cacheChunks` (cache-chunks.ts): the first pass
 * parses the table (or runs the chunk source) once and writes its rows here; every later
 * pass (each SGD epoch, each objective evaluation of a full-batch solver, the held-out
 * rows) reads them back in large blocks instead of parsing text again. The rows are `width` float64 values each, in the caller's layout
 * (this module never interprets them), followed by the caller's `meta`, any JSON value
 * (what the rows depend on: dictionaries, the source's identity, the parse options),
 * stored and returned as JSON gives it back.
 *
 * The file, little-endian throughout (so is this module's host: checked, see
 * {@link createRowCache}):
 * ```
 * offset                 bytes        what
 * 0                      32           header: magic (8) · format version u32 · dtype tag u32
 *                                     · width u32 · 12 zero bytes
 * 32                     rows·width·8 the rows, row-major float64
 * 32 + rows·width·8      metaBytes    meta: JSON text, UTF-8
 * end − 32               32           footer: rows u64 · meta offset u64 · meta bytes u64
 *                                     · magic (8)
 * ```
 * The row count is only known at the end, hence the footer. A file is read only when
 * both magics, the version, the dtype tag and the width match and its size is exactly
 * header + rows·width·8 + metaBytes + footer with the meta where the footer says: a
 * truncated, extended or foreign file is rejected, never half read.
 *
 * A cache at a given path is written to a temporary sibling and renamed over the path
 * only when complete, so an interrupted or failed write never leaves a partial cache
 * there; a temporary cache (no path) lives in the system's temporary directory. Every
 * file this module may leave behind (a sibling being written, a temporary cache) is
 * removed when the process exits, or is killed by SIGINT or SIGTERM, through one set of
 * process listeners installed while there is something to remove.
 *
 * I/O is synchronous and in large blocks, so a pass runs at page-cache speed (several
 * GB/s): the writer writes an append of 1 MiB or more straight from the caller's array and
 * gathers smaller ones in a buffer of {@link IO_BLOCK_BYTES}; the reader reads each block
 * straight into the caller's array (which may be a view on WebAssembly memory). Neither
 * allocates per row.
 * @module
 */
import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileErrorReason } from './file-errors.js';

/** The first 8 bytes of the file, and its last 8. */
const MAGIC = new Uint8Array([0x4c, 0x52, 0x57, 0x52, 0x4f, 0x57, 0x53, 0x00]); // 'LRWROWS\0'
/** The format version this module writes and the only one it reads. */
export const ROW_CACHE_VERSION = 1;
/** The dtype tag of little-endian float64 values, the only value type so far. */
export const DTYPE_FLOAT64 = 1;
/** Bytes of the header; a multiple of 8, so the rows are 8-byte aligned in the file. */
const HEADER_BYTES = 32;
/** Bytes of the footer. */
const FOOTER_BYTES = 32;
/** Bytes of one value (float64). */
const VALUE_BYTES = 8;
/** The widest row accepted: 2^24 values (128 MiB a row). */
export const MAX_ROW_CACHE_WIDTH = 2 ** 24;
/** The writer's buffer: small appends are gathered and written in blocks of this many bytes. */
export const IO_BLOCK_BYTES = 8 * 2 ** 20;
/** An append of this many bytes or more is written at once, not copied into the buffer. */
const DIRECT_WRITE_BYTES = 2 ** 20;
/** The most bytes one read or write call moves (Node refuses lengths beyond int32). */
const MAX_IO_CALL_BYTES = 2 ** 30;
/** The largest block `readBlocks` fills: a 32-bit WebAssembly memory's 4 GiB. */
const MAX_READ_BLOCK_BYTES = 2 ** 32;

/** Whether typed arrays on this host are little-endian, as the file is. */
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The file functions this module calls: `node:fs`'s, or a test's stand-in that fails on
 * purpose (a full disk after N bytes).
 * @internal
 */
export interface RowCacheFs {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  fstatSync(fd: number, options: { bigint: true }): { size: bigint; isFile(): boolean };
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

/**
 * Options of {@link createRowCache} and {@link openRowCache}.
 * @internal
 */
export interface RowCacheOptions {
  /**
   * What messages call the cache: "cannot write the <label>", "cannot write the temporary
   * <label>", and a file of another format is "not a <label>" with its last word "cache"
   * read as "row cache" (the CLI passes '--stream cache': "not a --stream row cache").
   * @default 'row cache'
   */
  label?: string;
  /**
   * Whether a finished cache at a path is also deleted when the process exits (as a
   * temporary one always is): for a cache that is of no use without the process that
   * wrote it. Only {@link createRowCache} reads it.
   * @default false
   */
  removeAtExit?: boolean;
  /** For tests: the file functions to call instead of `node:fs`'s. */
  fs?: RowCacheFs;
}

const DEFAULT_LABEL = 'row cache';

/** What a rejected file is not: the label with its last word "cache" read as "row cache". */
function formatName(label: string): string {
  return /row cache$/.test(label) ? label : label.replace(/cache$/, 'row cache');
}

/** One block of rows from {@link RowCache.readBlocks}. */
export interface RowBlock {
  /**
   * The block's values, `rows × width`, row-major: a view on the array being filled
   * (the `into` array, or one the reader allocated), overwritten by the next block, so
   * valid only until the iteration moves on.
   */
  values: Float64Array;
  /** Rows in this block: `rowsPerBlock`, fewer in the last one, never 0. */
  rows: number;
  /** Index of the block's first row in the cache. */
  first: number;
}

/** A complete cache file, open for reading. */
export interface RowCache {
  /** The file's path. */
  readonly path: string;
  /** Whether this is a temporary cache (created without a path), removed at exit. */
  readonly temporary: boolean;
  /** Rows in the cache. */
  readonly rows: number;
  /** Values per row. */
  readonly width: number;
  /** The caller's meta, as `JSON.parse` gives it back. */
  readonly meta: unknown;
  /** Bytes of the rows (`rows × width × 8`), not counting header, meta and footer. */
  readonly bytes: number;
  /**
   * Reads the rows in order, `rowsPerBlock` at a time, each block straight into one
   * array reused for every block: each yielded `values` is valid only until the next
   * step of the iteration. Several iterations may run at once (reads are positioned).
   * @param rowsPerBlock rows per block, a positive integer.
   * @param into the array to fill, at least `rowsPerBlock × width` long, or a function
   *   returning it, called before each block (for a view on WebAssembly memory, which
   *   growing the memory detaches: the function returns a fresh view). Defaults to one
   *   array allocated for the iteration. The reader keeps no reference to it between blocks.
   * @throws RangeError when `rowsPerBlock` is not a positive integer, a block would exceed
   *   4 GiB, or `into` is shorter than a block.
   * @throws Error when the file cannot be read or ends early (changed while open).
   * @throws Error when the cache is closed (also when closed during the iteration).
   */
  readBlocks(rowsPerBlock: number, into?: Float64Array | (() => Float64Array)): Generator<RowBlock, void, undefined>;
  /**
   * Reads the rows `first` to `first + rows − 1` (any run of rows, where
   * {@link readBlocks} reads blocks of one size in order) straight into `into`.
   * @param first the first row, an integer from 0 to {@link rows}.
   * @param rows how many rows, a non-negative integer with `first + rows` ≤ {@link rows}.
   * @param into the array to fill, at least `rows × width` long (a view on WebAssembly
   *   memory, say). Defaults to a new array.
   * @returns the filled values, `rows × width`: `into` itself when it has exactly that
   *   length, else a view on its start.
   * @throws RangeError when `first` or `rows` is out of range, the run exceeds 4 GiB, or
   *   `into` is too short.
   * @throws Error when the file cannot be read or ends early, or the cache is closed.
   */
  readRows(first: number, rows: number, into?: Float64Array): Float64Array;
  /** Closes the file (idempotent); a temporary cache (or one made with `removeAtExit`) is still removed at exit. */
  close(): void;
  /** Closes and deletes the file (idempotent), whether temporary or at a given path. */
  remove(): void;
}

/** A cache being written: {@link createRowCache}. */
export interface RowCacheWriter {
  /** The path the cache will have once finished (for a temporary cache, the file being written). */
  readonly path: string;
  /** Values per row. */
  readonly width: number;
  /** Rows appended so far. */
  readonly rows: number;
  /**
   * Appends rows: the first `rows × width` values of `values`, row-major. They are copied
   * (into the write buffer, or written at once when large), so `values` may be reused as
   * soon as this returns.
   * @param values at least `rows × width` values.
   * @param rows how many rows to append; 0 appends nothing.
   * @throws RangeError when `rows` is not a non-negative integer or `values` is too short.
   * @throws Error when the file cannot be written; the partial file is then removed and
   *   the writer is closed.
   */
  append(values: Float64Array, rows: number): void;
  /**
   * Completes the file: the buffered rows, the meta, the footer; then, for a cache with a
   * path, renames it into place (replacing any file there). No fsync: the cache is
   * rebuilt from its source whenever it is missing or damaged.
   * @param meta any JSON-serialisable value, returned as {@link RowCache.meta}.
   * @returns the cache, open for reading.
   * @throws TypeError when `meta` has no JSON form (undefined, a function, a BigInt, a cycle).
   * @throws Error when the file cannot be written or renamed. After any failure the
   *   partial file is removed and the writer is closed.
   */
  finish(meta: unknown): Promise<RowCache>;
  /** Closes and removes the partial file (idempotent; nothing after {@link finish}). */
  abort(): void;
}

/** Why {@link openRowCache} would not read a file. */
export interface RowCacheRejection {
  /** In words, for a message such as `rebuilding the cache (<rejected>)`. */
  rejected: string;
}

// ---------------------------------------------------------------------------------------
// Removal at exit

/** Files to delete when the process ends: path → a function that closes and deletes it. */
const atExit = new Map<string, () => void>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
let hooked = false;

function removeAllAtExit(): void {
  for (const remove of [...atExit.values()]) remove();
  atExit.clear();
}

/**
 * On SIGINT or SIGTERM: when this module's listener is the signal's only one (so the
 * process would have been killed without it), delete the files, then let the signal
 * kill the process as it would have. When the program has listeners of its own, they
 * decide whether the process ends, and a process that ends by `process.exit` deletes the
 * files through the exit listener.
 */
function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  removeAllAtExit();
  unhook();
  process.kill(process.pid, signal);
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', removeAllAtExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function unhook(): void {
  if (!hooked) return;
  hooked = false;
  process.off('exit', removeAllAtExit);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Deletes `path` at exit (through `remove`) until {@link forgetAtExit}. */
function removeAtExit(path: string, remove: () => void): void {
  atExit.set(path, remove);
  hook();
}

/** No longer deletes `path` at exit; the listeners go when nothing is left. */
function forgetAtExit(path: string): void {
  atExit.delete(path);
  if (atExit.size === 0) unhook();
}

/**
 * What the exit listener runs: closes and deletes every file this module would leave
 * behind (a cache being written, a temporary cache), and removes its process listeners.
 * @internal
 */
export function removeRowCachesNow(): void {
  removeAllAtExit();
  unhook();
}

// ---------------------------------------------------------------------------------------
// Errors

/**
 * This module's own failures (a plain `Error` to callers, whose `name` is 'Error'): told
 * apart from what a file call threw, which is put in words, so a message is never wrapped twice.
 */
class CacheError extends Error {}

/** A failure to write: says what failed and that nothing was left behind. */
function writeError(path: string, temporary: boolean, label: string, error: unknown): Error {
  if (error instanceof CacheError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const where = temporary && (code === 'ENOSPC' || code === 'EDQUOT') ? '; TMPDIR chooses its directory' : '';
  const what = temporary ? `the temporary ${label}` : `the ${label}`;
  return new CacheError(`${path}: cannot write ${what} (${fileErrorReason(error)}${where}); the partial file was removed`);
}

function readError(path: string, label: string, error: unknown): Error {
  return error instanceof CacheError ? error : new CacheError(`${path}: cannot read the ${label} (${fileErrorReason(error)})`);
}

function checkHost(path: string, label: string): void {
  if (!HOST_LITTLE_ENDIAN) throw new CacheError(`${path}: the ${label} needs a little-endian machine`);
}

function checkWidth(width: number): void {
  if (!Number.isInteger(width) || width < 1 || width > MAX_ROW_CACHE_WIDTH) {
    throw new RangeError(`a row cache's width must be an integer from 1 to ${MAX_ROW_CACHE_WIDTH}, got ${width}`);
  }
}

// ---------------------------------------------------------------------------------------
// Writing

function header(width: number): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint32(8, ROW_CACHE_VERSION, true);
  view.setUint32(12, DTYPE_FLOAT64, true);
  view.setUint32(16, width, true);
  return bytes;
}

function footer(rows: number, metaOffset: number, metaBytes: number): Uint8Array {
  const bytes = new Uint8Array(FOOTER_BYTES);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(rows), true);
  view.setBigUint64(8, BigInt(metaOffset), true);
  view.setBigUint64(16, BigInt(metaBytes), true);
  bytes.set(MAGIC, 24);
  return bytes;
}

/** Writes all of `bytes` at `position`, in calls of at most {@link MAX_IO_CALL_BYTES}. */
function writeAll(fs: RowCacheFs, fd: number, bytes: Uint8Array, position: number): void {
  let done = 0;
  while (done < bytes.length) {
    const n = fs.writeSync(fd, bytes, done, Math.min(bytes.length - done, MAX_IO_CALL_BYTES), position + done);
    if (n <= 0) throw Object.assign(new Error('write wrote nothing'), { code: 'EIO' });
    done += n;
  }
}

/**
 * Starts a row cache.
 * @param path where the finished cache goes (written to `<path>.<pid>.<random>.tmp` and
 *   renamed there by `finish`), or null for a temporary cache in `os.tmpdir()`, deleted by
 *   {@link RowCache.remove} or when the process exits.
 * @param width values per row, 1 to {@link MAX_ROW_CACHE_WIDTH}.
 * @param options the cache's name in messages ({@link RowCacheOptions.label}); for tests, the
 *   file functions to use.
 * @returns the writer.
 * @throws RangeError when `width` is out of range.
 * @throws Error when the file cannot be created (naming `path`, or the temporary file).
 */
export async function createRowCache(path: string | null, width: number, options: RowCacheOptions = {}): Promise<RowCacheWriter> {
  checkWidth(width);
  const fs = options.fs ?? nodeFs;
  const suffix = `${process.pid}.${randomBytes(6).toString('hex')}`;
  const file = path === null ? join(tmpdir(), `logreg-wasm-rows-${suffix}.cache`) : join(dirname(path), `${basename(path)}.${suffix}.tmp`);
  const shown = path ?? file;
  const label = options.label ?? DEFAULT_LABEL;
  checkHost(shown, label);
  let fd: number;
  try {
    // Exclusive: the name is fresh, so an existing file (or a link planted there) is an error.
    fd = fs.openSync(file, 'wx+', 0o600);
  } catch (error) {
    const what = path === null ? `the temporary ${label}` : `the ${label}`;
    throw new CacheError(`${shown}: cannot create ${what} (${fileErrorReason(error)})`);
  }
  return new Writer(fs, fd, file, path, width, label, options.removeAtExit === true);
}

class Writer implements RowCacheWriter {
  readonly path: string;
  rows = 0;
  private readonly buffer = new Uint8Array(IO_BLOCK_BYTES);
  /** Bytes in `buffer` not yet written; they go at `written`. */
  private pending = 0;
  /** Bytes written to the file. */
  private written = 0;
  private open = true;

  constructor(
    private readonly fs: RowCacheFs,
    private readonly fd: number,
    /** The file being written. */
    private readonly file: string,
    /** Where it goes, or null for a temporary cache. */
    private readonly target: string | null,
    readonly width: number,
    /** The cache's name in messages. */
    private readonly label: string,
    /** Whether a finished cache at a path is deleted at exit too. */
    private readonly removedAtExit: boolean,
  ) {
    this.path = target ?? file;
    removeAtExit(file, () => this.discard());
    this.buffer.set(header(width), 0);
    this.pending = HEADER_BYTES;
  }

  append(values: Float64Array, rows: number): void {
    this.checkOpen();
    if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`rows must be a non-negative integer, got ${rows}`);
    const count = rows * this.width;
    if (values.length < count) throw new RangeError(`${rows} rows of ${this.width} need ${count} values, got ${values.length}`);
    const n = count * VALUE_BYTES;
    if (HEADER_BYTES + (this.rows + rows) * this.width * VALUE_BYTES > Number.MAX_SAFE_INTEGER) {
      throw new RangeError('a row cache holds at most 2^53 bytes');
    }
    if (n === 0) return;
    const bytes = new Uint8Array(values.buffer, values.byteOffset, n);
    this.guard(() => {
      if (n >= DIRECT_WRITE_BYTES || this.pending + n > this.buffer.length) this.flush();
      if (n >= DIRECT_WRITE_BYTES) {
        // Large enough that a call per append costs nothing: written straight from the
        // caller's array, without the copy.
        writeAll(this.fs, this.fd, bytes, this.written);
        this.written += n;
      } else {
        this.buffer.set(bytes, this.pending);
        this.pending += n;
      }
    });
    this.rows += rows;
  }

  async finish(meta: unknown): Promise<RowCache> {
    this.checkOpen();
    let text: string | undefined;
    try {
      text = JSON.stringify(meta);
    } catch (error) {
      this.abort();
      throw new TypeError(`the row cache's meta has no JSON form (${(error as Error).message})`);
    }
    if (text === undefined) {
      this.abort();
      throw new TypeError(`the row cache's meta has no JSON form (${typeof meta})`);
    }
    const json = new TextEncoder().encode(text);
    const rows = this.rows;
    this.guard(() => {
      this.flush();
      const metaOffset = this.written;
      writeAll(this.fs, this.fd, json, metaOffset);
      writeAll(this.fs, this.fd, footer(rows, metaOffset, json.length), metaOffset + json.length);
      if (this.target !== null) this.fs.renameSync(this.file, this.target);
    });
    this.open = false;
    // The descriptor (opened read-write) passes to the reader: the renamed file is the same
    // file. A temporary cache's entry at exit passes to the reader too (same path, replaced
    // in place, so the process listeners stay); the sibling of a cache at a path is gone.
    const temporary = this.target === null;
    const cache = new Reader(this.fs, this.fd, this.path, temporary, rows, this.width, JSON.parse(text), this.label, temporary || this.removedAtExit);
    if (this.target !== null) forgetAtExit(this.file);
    return cache;
  }

  abort(): void {
    if (!this.open) return;
    this.discard();
    forgetAtExit(this.file);
  }

  /** Closes and deletes the partial file, ignoring errors (it may be gone). */
  private discard(): void {
    if (!this.open) return;
    this.open = false;
    try {
      this.fs.closeSync(this.fd);
    } catch {
      // Already closed or unusable: deleting the file is what matters.
    }
    try {
      this.fs.unlinkSync(this.file);
    } catch {
      // Already gone.
    }
  }

  private flush(): void {
    if (this.pending === 0) return;
    writeAll(this.fs, this.fd, this.buffer.subarray(0, this.pending), this.written);
    this.written += this.pending;
    this.pending = 0;
  }

  /** Runs a write; on failure removes the partial file and throws the Error saying so. */
  private guard(write: () => void): void {
    try {
      write();
    } catch (error) {
      this.abort();
      throw writeError(this.path, this.target === null, this.label, error);
    }
  }

  private checkOpen(): void {
    if (!this.open) throw new Error(`${this.path}: the row cache writer is closed (finished, aborted or failed)`);
  }
}

// ---------------------------------------------------------------------------------------
// Reading

/** Reads exactly `length` bytes at `position` into `bytes[offset…]`; false when the file ends first. */
function readAll(fs: RowCacheFs, fd: number, bytes: Uint8Array, offset: number, length: number, position: number): boolean {
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, bytes, offset + done, Math.min(length - done, MAX_IO_CALL_BYTES), position + done);
    if (n <= 0) return false;
    done += n;
  }
  return true;
}

function sameMagic(bytes: Uint8Array, offset: number): boolean {
  for (let i = 0; i < MAGIC.length; i++) if (bytes[offset + i] !== MAGIC[i]) return false;
  return true;
}

/**
 * Opens an existing row cache, checking that it is a complete cache of this format with
 * rows of `expect.width` values. The caller then compares {@link RowCache.meta} with what
 * it needs and rebuilds the cache when they differ.
 * @param path the cache file.
 * @param expect the width the caller's rows have.
 * @param options the cache's name in messages ({@link RowCacheOptions.label}); for tests, the
 *   file functions to use.
 * @returns the cache, open for reading, or why the file is not one to read: no such file,
 *   not a regular file, another format version, dtype or width, or a truncated or damaged
 *   file (magic, sizes, meta).
 * @throws RangeError when `expect.width` is out of range.
 * @throws Error for an I/O error other than a missing file (permission denied, …).
 */
export async function openRowCache(path: string, expect: { width: number }, options: RowCacheOptions = {}): Promise<RowCache | RowCacheRejection> {
  checkWidth(expect.width);
  const label = options.label ?? DEFAULT_LABEL;
  checkHost(path, label);
  const fs = options.fs ?? nodeFs;
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { rejected: 'no such file' };
    throw readError(path, label, error);
  }
  let keep = false;
  try {
    const found = readLayout(fs, fd, expect.width, label);
    if ('rejected' in found) return found;
    keep = true;
    return new Reader(fs, fd, path, false, found.rows, expect.width, found.meta, label, false);
  } catch (error) {
    throw readError(path, label, error);
  } finally {
    if (!keep) fs.closeSync(fd);
  }
}

/** Checks a cache's header, footer and sizes and reads its meta. */
function readLayout(fs: RowCacheFs, fd: number, width: number, label: string): { rows: number; meta: unknown } | RowCacheRejection {
  const info = fs.fstatSync(fd, { bigint: true });
  if (!info.isFile()) return { rejected: 'not a regular file' };
  const size = info.size;
  if (size === 0n) return { rejected: 'an empty file' };
  if (size < BigInt(HEADER_BYTES + FOOTER_BYTES)) return { rejected: `truncated or not a cache (${size} bytes, shorter than a header and a footer)` };
  if (size > BigInt(Number.MAX_SAFE_INTEGER)) return { rejected: `not a cache (${size} bytes, more than a cache holds)` };
  const head = new Uint8Array(HEADER_BYTES);
  const foot = new Uint8Array(FOOTER_BYTES);
  if (!readAll(fs, fd, head, 0, HEADER_BYTES, 0) || !readAll(fs, fd, foot, 0, FOOTER_BYTES, Number(size) - FOOTER_BYTES)) {
    return { rejected: 'truncated (the file ended while being read)' };
  }
  if (!sameMagic(head, 0)) return { rejected: `not a ${formatName(label)} (no magic number at its start)` };
  const h = new DataView(head.buffer);
  const version = h.getUint32(8, true);
  if (version !== ROW_CACHE_VERSION) return { rejected: `written in format version ${version}; this program reads version ${ROW_CACHE_VERSION}` };
  const dtype = h.getUint32(12, true);
  if (dtype !== DTYPE_FLOAT64) return { rejected: `values of dtype tag ${dtype}; this program reads float64 (tag ${DTYPE_FLOAT64})` };
  const found = h.getUint32(16, true);
  if (found !== width) return { rejected: `rows of ${found} values, not the ${width} expected` };
  for (let i = 20; i < HEADER_BYTES; i++) if (head[i] !== 0) return { rejected: 'damaged (reserved header bytes are not zero)' };
  if (!sameMagic(foot, 24)) return { rejected: 'truncated or damaged (no magic number at its end)' };
  const f = new DataView(foot.buffer);
  const rows = f.getBigUint64(0, true);
  const metaOffset = f.getBigUint64(8, true);
  const metaBytes = f.getBigUint64(16, true);
  const dataBytes = rows * BigInt(width * VALUE_BYTES);
  // Exact sizes in BigInt: a damaged footer's huge numbers cannot round into agreement.
  if (metaOffset !== BigInt(HEADER_BYTES) + dataBytes || metaOffset + metaBytes + BigInt(FOOTER_BYTES) !== size) {
    return { rejected: `truncated or damaged (${size} bytes, but its footer describes ${rows} rows and ${metaBytes} bytes of meta)` };
  }
  if (metaBytes > 2n ** 31n) return { rejected: `damaged (${metaBytes} bytes of meta, more than a cache holds)` };
  const metaText = new Uint8Array(Number(metaBytes));
  if (!readAll(fs, fd, metaText, 0, metaText.length, Number(metaOffset))) return { rejected: 'truncated (the file ended while being read)' };
  let meta: unknown;
  try {
    meta = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(metaText));
  } catch {
    return { rejected: 'damaged (its meta is not valid JSON)' };
  }
  return { rows: Number(rows), meta };
}

class Reader implements RowCache {
  readonly bytes: number;
  private open = true;
  private deleted = false;

  constructor(
    private readonly fs: RowCacheFs,
    private readonly fd: number,
    readonly path: string,
    readonly temporary: boolean,
    readonly rows: number,
    readonly width: number,
    readonly meta: unknown,
    /** The cache's name in messages. */
    private readonly label: string,
    /** Whether the file is deleted at exit. */
    private readonly removedAtExit: boolean,
  ) {
    this.bytes = rows * width * VALUE_BYTES;
    // A temporary cache is deleted at exit; one at a path is the user's, kept for next time
    // (unless its writer asked otherwise).
    if (removedAtExit) removeAtExit(path, () => this.delete());
  }

  readBlocks(rowsPerBlock: number, into?: Float64Array | (() => Float64Array)): Generator<RowBlock, void, undefined> {
    // Checked here, not in the generator, so a bad call throws at once rather than at the first step.
    if (!Number.isInteger(rowsPerBlock) || rowsPerBlock < 1) throw new RangeError(`rowsPerBlock must be a positive integer, got ${rowsPerBlock}`);
    if (rowsPerBlock * this.width * VALUE_BYTES > MAX_READ_BLOCK_BYTES) {
      throw new RangeError(`a block of ${rowsPerBlock} rows of ${this.width} values exceeds ${MAX_READ_BLOCK_BYTES} bytes`);
    }
    this.checkOpen();
    return this.blocks(rowsPerBlock, into);
  }

  private *blocks(rowsPerBlock: number, into: Float64Array | (() => Float64Array) | undefined): Generator<RowBlock, void, undefined> {
    const blockRows = Math.min(rowsPerBlock, this.rows);
    if (blockRows === 0) return;
    const own = into === undefined ? new Float64Array(blockRows * this.width) : null;
    for (let first = 0; first < this.rows; first += rowsPerBlock) {
      this.checkOpen();
      const rows = Math.min(rowsPerBlock, this.rows - first);
      const count = rows * this.width;
      const array = own ?? (typeof into === 'function' ? into() : (into as Float64Array));
      if (array.length < count) {
        throw new RangeError(`the array for a block of ${rows} rows of ${this.width} values holds ${array.length}, not ${count}${array.length === 0 ? ' (detached?)' : ''}`);
      }
      this.fill(array, first, count);
      yield { values: array.length === count ? array : array.subarray(0, count), rows, first };
    }
  }

  readRows(first: number, rows: number, into?: Float64Array): Float64Array {
    if (!Number.isInteger(first) || first < 0 || first > this.rows) throw new RangeError(`first must be an integer from 0 to ${this.rows}, got ${first}`);
    if (!Number.isInteger(rows) || rows < 0 || first + rows > this.rows) {
      throw new RangeError(`rows must be an integer from 0 to ${this.rows - first} (the cache's ${this.rows} rows from row ${first}), got ${rows}`);
    }
    if (rows * this.width * VALUE_BYTES > MAX_READ_BLOCK_BYTES) {
      throw new RangeError(`a run of ${rows} rows of ${this.width} values exceeds ${MAX_READ_BLOCK_BYTES} bytes`);
    }
    this.checkOpen();
    const count = rows * this.width;
    const array = into ?? new Float64Array(count);
    if (array.length < count) {
      throw new RangeError(`the array for ${rows} rows of ${this.width} values holds ${array.length}, not ${count}${array.length === 0 ? ' (detached?)' : ''}`);
    }
    this.fill(array, first, count);
    return array.length === count ? array : array.subarray(0, count);
  }

  /** Reads `count` values from row `first` into the start of `array`. */
  private fill(array: Float64Array, first: number, count: number): void {
    if (count === 0) return;
    const bytes = new Uint8Array(array.buffer, array.byteOffset, count * VALUE_BYTES);
    let complete: boolean;
    try {
      complete = readAll(this.fs, this.fd, bytes, 0, bytes.length, HEADER_BYTES + first * this.width * VALUE_BYTES);
    } catch (error) {
      throw readError(this.path, this.label, error);
    }
    if (!complete) throw new CacheError(`${this.path}: the ${this.label} ended early (changed while being read)`);
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    try {
      this.fs.closeSync(this.fd);
    } catch {
      // Nothing to do: the descriptor is released either way.
    }
  }

  remove(): void {
    this.delete();
    if (this.removedAtExit) forgetAtExit(this.path);
  }

  /** Closes and deletes the file once, ignoring a file already gone. */
  private delete(): void {
    this.close();
    if (this.deleted) return;
    this.deleted = true;
    try {
      this.fs.unlinkSync(this.path);
    } catch {
      // Already gone.
    }
  }

  private checkOpen(): void {
    if (!this.open) throw new Error(`${this.path}: the row cache is closed`);
  }
}
