/**
 * {@link cacheChunks}: a chunk source read once. The first pass runs the source and writes
 * what it gives to a binary cache on disk (row-cache.ts's format: X's rows as float64, and
 * beside them each row's label code and sample weight); every later pass reads the cache
 * instead, X straight into a Matrix in WebAssembly memory, in the first pass's chunks. For a
 * source that parses text or runs a query on every pass, the passes of fitStream's epochs or
 * of fitChunks' evaluations then cost a read of the file.
 * @module
 */
import { CsrMatrix, Matrix, allocUnfilled, type ChunkPasses, type Label, type StreamChunk } from '../index.js';
import { type RowCache, type RowCacheWriter, createRowCache } from './row-cache.js';

const WHERE = 'cacheChunks';
/** What the caches are called in messages: "cannot write the chunk cache (…)". */
const LABEL = 'chunk cache';

/** Options of {@link cacheChunks}. */
export interface CacheChunksOptions {
  /**
   * Where the cache of X's rows goes; the labels and sample weights go beside it at
   * `<path>.labels`. Each is written to a temporary sibling and renamed into place when the
   * first pass completes (replacing a file there). The files are deleted by
   * {@link CachedChunks.dispose}, or when the process exits, as temporary ones are: the
   * cache is of no use without the labels kept in memory. `null`: two temporary files in
   * `os.tmpdir()` (the `TMPDIR` environment variable chooses it).
   * @default null
   */
  path?: string | null;
}

/** What {@link cacheChunks} returns: the passes to fit on, and the cache behind them. */
export interface CachedChunks<L extends Label = Label> {
  /**
   * A fresh pass over the chunks each call (a `ChunkPasses`), for `fitStream`, `fitChunks` or
   * a `for await` loop of your own. Until a first pass has run to its end, a pass runs the source, yields its chunks as
   * they come (so a first epoch waits for nothing) and writes them to the cache; a pass that
   * stops early (the consumer breaks, or the source throws) leaves no cache, and the next
   * pass runs the source again. Once the cache is complete, every pass reads it: the same
   * chunks (same rows, labels, weights and chunk boundaries, so fits give the same bits),
   * `X` a float64 Matrix in WebAssembly memory that is valid only until the next chunk is
   * asked for (it is reused, then disposed at the end of the pass), `y` a Float64Array when
   * every label is a number (else an array), `sampleWeight` present on the chunks that had it.
   *
   * A chunk must be `{ X, y, sampleWeight? }` with X a Matrix (float64 or float32) or an
   * array of rows of numbers, the same number of columns in every chunk with rows, y one
   * label (number, string or boolean) per row, sampleWeight absent, null or one number per row.
   * @throws Error (at once) when the cache has been disposed, or a first pass is still
   *   running (passes are read one at a time until the cache is complete).
   * @throws TypeError or RangeError (from the pass, naming the chunk, from 0) for a chunk the
   *   cache cannot hold: not an object, X a CsrMatrix or of another kind, a number of columns
   *   other than the first chunk's, y or sampleWeight of another length than X's rows, a
   *   label or a value of another type. Errors the cache's files meet are Errors naming the file.
   */
  readonly passes: () => AsyncIterable<StreamChunk<L>>;
  /** Whether the cache is complete (a first pass ran to its end), so passes read it. */
  readonly complete: boolean;
  /** Rows in the cache; null until it is complete. */
  readonly rows: number | null;
  /** Columns of X; null until the cache is complete. */
  readonly cols: number | null;
  /** Chunks per pass (chunks of no rows included); null until the cache is complete. */
  readonly chunks: number | null;
  /** Whether any chunk had sample weights; null until the cache is complete. */
  readonly weighted: boolean | null;
  /** Times the source has been called (once, unless a first pass stopped early). */
  readonly sourcePasses: number;
  /**
   * The file of X's rows (the labels' is `<path>.labels`, or a temporary file of its own
   * when no `path` was given): `options.path`, or the temporary file; null before the first
   * pass meets a row, and after {@link dispose}.
   */
  readonly path: string | null;
  /**
   * Deletes the cache's files (a first pass still running goes on yielding the source's
   * chunks but stops writing). Idempotent; after it, `passes()` throws.
   */
  dispose(): void;
}

/** A complete cache: the two files and what the first pass saw. */
interface Complete<L extends Label> {
  x: RowCache;
  /** Two values a row: the label's code (an index into `labels`) and the sample weight (1 when absent). */
  y: RowCache;
  /** Rows of each chunk, in order. */
  sizes: number[];
  /** Whether each chunk had sample weights. */
  weighted: boolean[];
  /** The labels, in the order the first pass met them. */
  labels: L[];
  cols: number;
  /** Rows of the largest chunk. */
  largest: number;
  rows: number;
}

/**
 * Caches what the first pass over a chunk source gives, so that every later pass reads a
 * binary file instead of running the source again (parsing a CSV file, running a query):
 * for `fitStream` over several epochs, or `fitChunks`, whose exact solvers take one pass per
 * evaluation of the objective. The first pass is not delayed: it yields the source's chunks
 * as they come, writing each to the cache before yielding it. Later passes give the same
 * chunks (boundaries included), so `fitStream(cached.passes, options)` and
 * `fitChunks(model, cached.passes, options)` give the bits they give on the source itself.
 *
 * What is cached: X's rows as float64 (a float32 Matrix's values exactly), each label as a
 * code into a dictionary kept in memory (numbers, strings, booleans), each sample weight (1
 * where a chunk has none, and which chunks had them). Disk use: 8 bytes per value of X and
 * 16 per row. A CsrMatrix is not cached (TypeError).
 *
 * @param chunks a function returning a fresh pass over the chunks (an iterable or async
 *   iterable of `{ X, y, sampleWeight? }`): called for the first pass, and again only when a
 *   first pass stopped early.
 * @param options `path`, where the cache goes (@default null: temporary files).
 * @returns the passes and the cache ({@link CachedChunks}); call `dispose()` when done.
 * @throws TypeError when `chunks` is not a function, `options` not an object or with an
 *   unknown option, or `path` neither null nor a non-empty string. Errors of the chunks
 *   come from the passes (see {@link CachedChunks.passes}).
 * @example
 * ```ts
 * import { fitStream } from 'logreg-wasm';
 * import { cacheChunks } from 'logreg-wasm/node';
 * const cached = cacheChunks(() => readChunks('big.csv')); // parsed once
 * try {
 *   const model = await fitStream(cached.passes, { classes: [0, 1], epochs: 5 });
 * } finally {
 *   cached.dispose();
 * }
 * ```
 */
export function cacheChunks<L extends Label = Label>(chunks: ChunkPasses<L>, options: CacheChunksOptions = {}): CachedChunks<L> {
  if (typeof chunks !== 'function') throw new TypeError(`${WHERE}: chunks must be a function returning a fresh pass over the chunks, got ${kind(chunks)}`);
  if (options === null || typeof options !== 'object') throw new TypeError(`${WHERE}: options must be an object, got ${kind(options)}`);
  for (const name of Object.keys(options)) {
    if (name !== 'path') throw new TypeError(`${WHERE}: unknown option '${name}'; the options are: path`);
  }
  const path = options.path ?? null;
  if (path !== null && (typeof path !== 'string' || path === '')) throw new TypeError(`${WHERE}: path must be a non-empty string or null, got ${kind(path)}`);
  return new ChunkCache<L>(chunks, path);
}

class ChunkCache<L extends Label> implements CachedChunks<L> {
  sourcePasses = 0;
  private cache: Complete<L> | null = null;
  /** The writers of a first pass under way. */
  private writing: { x: RowCacheWriter; y: RowCacheWriter } | null = null;
  private recording = false;
  private disposed = false;

  constructor(
    private readonly source: ChunkPasses<L>,
    private readonly target: string | null,
  ) {}

  readonly passes = (): AsyncIterable<StreamChunk<L>> => {
    this.checkUsable();
    return this.cache !== null ? this.replay(this.cache) : this.record();
  };

  get complete(): boolean {
    return this.cache !== null;
  }
  get rows(): number | null {
    return this.cache?.rows ?? null;
  }
  get cols(): number | null {
    return this.cache?.cols ?? null;
  }
  get chunks(): number | null {
    return this.cache?.sizes.length ?? null;
  }
  get weighted(): boolean | null {
    return this.cache === null ? null : this.cache.weighted.includes(true);
  }
  get path(): string | null {
    return this.cache?.x.path ?? this.writing?.x.path ?? null;
  }

  dispose(): void {
    this.disposed = true;
    this.abortWriting();
    if (this.cache !== null) {
      this.cache.x.remove();
      this.cache.y.remove();
      this.cache = null;
    }
  }

  private checkUsable(): void {
    if (this.disposed) throw new Error(`${WHERE}: the cache has been disposed; make another with cacheChunks()`);
    if (this.recording) {
      throw new Error(`${WHERE}: a pass was asked for while the first pass is still reading the source; until the cache is complete, one pass at a time`);
    }
  }

  private abortWriting(): void {
    this.writing?.x.abort();
    this.writing?.y.abort();
    this.writing = null;
  }

  /** The first pass: the source's chunks, each written to the cache before it is yielded. */
  private async *record(): AsyncGenerator<StreamChunk<L>, void, undefined> {
    this.checkUsable();
    // Another pass may have completed the cache since this one was asked for.
    if (this.cache !== null) {
      yield* this.replay(this.cache);
      return;
    }
    this.recording = true;
    let finished = false;
    try {
      this.sourcePasses++;
      const source = this.source();
      if (source === null || typeof source !== 'object' || (!(Symbol.asyncIterator in source) && !(Symbol.iterator in source))) {
        throw new TypeError(`${WHERE}: chunks() must return an iterable or async iterable of chunks, got ${kind(source)}`);
      }
      const sizes: number[] = [];
      const weighted: boolean[] = [];
      const codes = new Map<Label, number>();
      const labels: L[] = [];
      let cols = -1;
      let rows = 0;
      let largest = 0;
      let values = new Float64Array(0);
      let pairs = new Float64Array(0);
      let index = 0;
      for await (const chunk of source as AsyncIterable<StreamChunk<L>>) {
        const where = `${WHERE}: chunk ${index}`;
        const { n, d, Xrows } = shapeOf(chunk, where);
        const w = chunk.sampleWeight ?? null;
        if (n > 0 && !this.disposed) {
          if (cols === -1) {
            if (d < 1) throw new RangeError(`${where}: X has no columns`);
            cols = d;
            await this.startWriting(d);
          } else if (d !== cols) {
            throw new RangeError(`${where} has ${d} columns; the first had ${cols}`);
          }
          const writing = this.writing as { x: RowCacheWriter; y: RowCacheWriter };
          // X, row-major float64: a float64 Matrix's own array, anything else converted.
          const X = chunk.X;
          if (X instanceof Matrix && X.dtype === 'float64') {
            writing.x.append(X.data as Float64Array, n);
          } else {
            if (values.length < n * d) values = new Float64Array(n * d);
            if (X instanceof Matrix) values.set(X.data.subarray(0, n * d));
            else copyRows(Xrows as ArrayLike<ArrayLike<unknown>>, d, values, where);
            writing.x.append(values, n);
          }
          // Each row's label code and weight.
          if (pairs.length < 2 * n) pairs = new Float64Array(2 * n);
          const y = chunk.y;
          for (let i = 0; i < n; i++) {
            const label = y[i] as unknown;
            if (typeof label !== 'number' && typeof label !== 'string' && typeof label !== 'boolean') {
              throw new TypeError(`${where}: y[${i}] is ${kind(label)}; a label is a number, a string or a boolean`);
            }
            let code = codes.get(label);
            if (code === undefined) {
              code = labels.length;
              codes.set(label, code);
              labels.push(label as L);
            }
            pairs[2 * i] = code;
            if (w === null) pairs[2 * i + 1] = 1;
            else {
              const weight = w[i] as unknown;
              if (typeof weight !== 'number') throw new TypeError(`${where}: sampleWeight[${i}] is ${kind(weight)}; expected a number`);
              pairs[2 * i + 1] = weight;
            }
          }
          writing.y.append(pairs, n);
        }
        sizes.push(n);
        weighted.push(w !== null);
        rows += n;
        largest = Math.max(largest, n);
        index++;
        yield chunk;
      }
      // A cache of no rows is not kept: the source gave nothing to read again.
      if (this.writing !== null && !this.disposed) {
        const { x, y } = this.writing;
        const xCache = await x.finish(null);
        let yCache: RowCache;
        try {
          yCache = await y.finish(null);
        } catch (error) {
          xCache.remove();
          throw error;
        }
        this.writing = null;
        if (this.disposed) {
          xCache.remove();
          yCache.remove();
        } else {
          this.cache = { x: xCache, y: yCache, sizes, weighted, labels, cols, largest, rows };
        }
      }
      finished = true;
    } finally {
      this.recording = false;
      if (!finished) this.abortWriting();
    }
  }

  /** Creates the two writers (at the first chunk with rows: X's width is known then). */
  private async startWriting(cols: number): Promise<void> {
    const x = await createRowCache(this.target, cols, { label: LABEL, removeAtExit: true });
    let y: RowCacheWriter;
    try {
      y = await createRowCache(this.target === null ? null : `${this.target}.labels`, 2, { label: LABEL, removeAtExit: true });
    } catch (error) {
      x.abort();
      throw error;
    }
    this.writing = { x, y };
  }

  /** A later pass: the first pass's chunks, read from the cache. */
  private async *replay(cache: Complete<L>): AsyncGenerator<StreamChunk<L>, void, undefined> {
    const { x, y, sizes, weighted, labels, cols } = cache;
    const numeric = labels.every((label) => typeof label === 'number');
    const pairs = new Float64Array(2 * cache.largest);
    let X = null as Matrix | null;
    let first = 0;
    try {
      for (let c = 0; c < sizes.length; c++) {
        if (this.disposed) throw new Error(`${WHERE}: the cache was disposed during a pass`);
        const n = sizes[c] as number;
        // One Matrix for a run of chunks of one size (typically all but the last).
        if (n > 0 && X?.rows !== n) {
          X?.dispose();
          X = null;
          X = allocUnfilled(WHERE, n, cols, 'float64');
        }
        const chunkX = n === 0 ? Matrix.from(new Float64Array(0), 0, cols) : (X as Matrix);
        if (n > 0) x.readRows(first, n, chunkX.data);
        const codes = y.readRows(first, n, pairs);
        const yOut: L[] | Float64Array = numeric ? new Float64Array(n) : new Array<L>(n);
        for (let i = 0; i < n; i++) yOut[i] = labels[codes[2 * i] as number] as L & number;
        const chunk: StreamChunk<L> = { X: chunkX, y: yOut as ArrayLike<L> };
        if (weighted[c] === true) {
          const sampleWeight = new Float64Array(n);
          for (let i = 0; i < n; i++) sampleWeight[i] = codes[2 * i + 1] as number;
          chunk.sampleWeight = sampleWeight;
        }
        first += n;
        yield chunk;
      }
    } finally {
      X?.dispose();
    }
  }
}

/** A chunk's rows and columns (d is 0 for an array of no rows), checking its parts' kinds and lengths. */
function shapeOf(chunk: unknown, where: string): { n: number; d: number; Xrows: ArrayLike<unknown> | null } {
  if (chunk === null || typeof chunk !== 'object') throw new TypeError(`${where} must be { X, y, sampleWeight? }, got ${kind(chunk)}`);
  const { X, y, sampleWeight } = chunk as { X?: unknown; y?: unknown; sampleWeight?: unknown };
  let n: number;
  let d: number;
  let Xrows: ArrayLike<unknown> | null = null;
  if (X instanceof Matrix) {
    n = X.rows;
    d = X.cols;
  } else if (X instanceof CsrMatrix) {
    throw new TypeError(`${where}: X is a CsrMatrix; the cache holds dense rows (a Matrix or an array of rows)`);
  } else if (isArrayLike(X)) {
    Xrows = X;
    n = X.length;
    const row0 = X[0];
    if (n > 0 && !isArrayLike(row0)) throw new TypeError(`${where}: X row 0 is ${kind(row0)}; expected an array of numbers`);
    d = n > 0 ? (row0 as ArrayLike<unknown>).length : 0;
  } else {
    throw new TypeError(`${where}: X must be a Matrix or an array of rows, got ${kind(X)}`);
  }
  if (!isArrayLike(y)) throw new TypeError(`${where}: y must be an array of labels, got ${kind(y)}`);
  if (y.length !== n) throw new RangeError(`${where} has ${n} rows in X and ${y.length} labels in y`);
  if (sampleWeight !== undefined && sampleWeight !== null) {
    if (!isArrayLike(sampleWeight)) throw new TypeError(`${where}: sampleWeight must be an array of numbers or null, got ${kind(sampleWeight)}`);
    if (sampleWeight.length !== n) throw new RangeError(`${where} has ${n} rows in X and ${sampleWeight.length} sample weights`);
  }
  return { n, d, Xrows };
}

/** Writes an array of rows into `values`, row-major, checking each row's length and each value's type. */
function copyRows(rows: ArrayLike<ArrayLike<unknown>>, d: number, values: Float64Array, where: string): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!isArrayLike(row)) throw new TypeError(`${where}: X row ${i} is ${kind(row)}; expected an array of numbers`);
    if (row.length !== d) throw new RangeError(`${where}: X row ${i} has ${row.length} columns; row 0 has ${d}`);
    const base = i * d;
    for (let j = 0; j < d; j++) {
      const value = row[j];
      if (typeof value !== 'number') throw new TypeError(`${where}: X has ${kind(value)} at row ${i}, column ${j}; expected a number`);
      values[base + j] = value;
    }
  }
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  if (typeof value === 'string' || value === null || typeof value !== 'object') return false;
  const length = (value as { length?: unknown }).length;
  return typeof length === 'number' && Number.isInteger(length) && length >= 0;
}

/** A value's kind, as messages name it. */
function kind(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${(value as object).constructor?.name ?? 'no prototype'})`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
