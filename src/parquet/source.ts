/**
 * Where a Parquet file's bytes come from: a path or URL (read through node:fs, imported only
 * when a path is given, so this module loads in browsers), an http(s) URL (range requests),
 * bytes in memory, a Blob, or an AsyncBuffer (hyparquet's `{ byteLength, slice }`). Each is
 * read by byte ranges, so a file is never held whole unless it already is.
 * @module
 */
import { describeKind } from '../validate/describe.js';

/** hyparquet's AsyncBuffer: a file of `byteLength` bytes read by ranges. */
export interface AsyncBufferLike {
  readonly byteLength: number;
  slice(start: number, end?: number): ArrayBuffer | Promise<ArrayBuffer>;
}

/** What the Parquet readers take as a file. */
export type ParquetSource = string | URL | ArrayBuffer | Uint8Array | Blob | AsyncBufferLike;

/** A source opened for reading by ranges. */
export interface ByteSource {
  /** How errors name the file: its path or URL, or the kind of object. */
  readonly name: string;
  readonly byteLength: number;
  /**
   * Bytes [start, end): a view of memory the source already holds when it can be, else of a
   * buffer the next call may reuse (copy what must outlive it).
   */
  read(start: number, end: number): Promise<Uint8Array>;
  /** hyparquet's view of the same bytes. */
  readonly asyncBuffer: AsyncBufferLike;
  close(): Promise<void>;
}

/** A copy of `bytes` as an ArrayBuffer of its own (the whole buffer when the view is). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return bytes.slice().buffer as ArrayBuffer;
}

/** A source over bytes in memory. */
function memorySource(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    byteLength: bytes.byteLength,
    read: (start, end) => Promise.resolve(bytes.subarray(start, end)),
    asyncBuffer: { byteLength: bytes.byteLength, slice: (start, end) => ownBuffer(bytes.subarray(start, end ?? bytes.byteLength)) },
    close: () => Promise.resolve(),
  };
}

/** A source over an AsyncBuffer (anything that reads ranges as ArrayBuffers). */
function asyncSource(name: string, buffer: AsyncBufferLike, close: () => Promise<void> = () => Promise.resolve()): ByteSource {
  return {
    name,
    byteLength: buffer.byteLength,
    read: async (start, end) => {
      const bytes = await buffer.slice(start, end);
      if (!(bytes instanceof ArrayBuffer)) throw new TypeError(`${name}: slice(${start}, ${end}) returned ${describeKind(bytes)}, not an ArrayBuffer`);
      return new Uint8Array(bytes);
    },
    asyncBuffer: buffer,
    close,
  };
}

/** A source over a local file, read with positional reads of an open file handle. */
async function fileSource(where: string, path: string | URL): Promise<ByteSource> {
  const name = path instanceof URL ? path.href : path;
  let fs: typeof import('node:fs/promises');
  try {
    fs = await import('node:fs/promises');
  } catch (error) {
    throw new TypeError(`${where}: cannot read the file ${name}: file paths are read with node:fs, which this runtime does not have (in a browser, pass an http(s) URL, a Blob, a File or the bytes)`, { cause: error });
  }
  let handle: Awaited<ReturnType<typeof fs.open>>;
  try {
    handle = await fs.open(path, 'r');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : error instanceof Error ? error.message : String(error);
    throw new RangeError(`${where}: cannot open ${name}: ${why}`, { cause: error });
  }
  const { size } = await handle.stat();
  // One buffer for every read of a column chunk, grown as needed: a buffer per read would
  // allocate the file's size again on each pass, and collecting them costs more than reading.
  let scratch = new Uint8Array(0);
  const readInto = async (bytes: Uint8Array, start: number, end: number): Promise<Uint8Array> => {
    let done = 0;
    while (done < bytes.length) {
      const { bytesRead } = await handle.read(bytes, done, bytes.length - done, start + done);
      if (bytesRead === 0) throw new RangeError(`${where}: ${name} ended at byte ${start + done} while ${end} bytes were expected (was it truncated while being read?)`);
      done += bytesRead;
    }
    return bytes;
  };
  const read = (start: number, end: number): Promise<Uint8Array> => {
    if (scratch.length < end - start) scratch = new Uint8Array(Math.max(end - start, Math.min(2 * scratch.length, size)));
    return readInto(scratch.subarray(0, end - start), start, end);
  };
  return {
    name,
    byteLength: size,
    read,
    asyncBuffer: { byteLength: size, slice: async (start, end) => (await readInto(new Uint8Array((end ?? size) - start), start, end ?? size)).buffer as ArrayBuffer },
    close: () => handle.close(),
  };
}

/**
 * Opens `source` for reading by ranges.
 * @param loadHttp - hyparquet's `asyncBufferFromUrl`, for http(s) URLs.
 * @throws TypeError for a source of the wrong kind; RangeError for a file that cannot be opened.
 */
export async function openSource(
  where: string,
  source: unknown,
  loadHttp: () => Promise<(options: { url: string }) => Promise<AsyncBufferLike>>,
): Promise<ByteSource> {
  if (typeof source === 'string' || source instanceof URL) {
    const href = source instanceof URL ? source.href : source;
    if (/^https?:\/\//i.test(href)) return asyncSource(href, await (await loadHttp())({ url: href }));
    return fileSource(where, source instanceof URL || href.startsWith('file:') ? new URL(href) : source);
  }
  if (source instanceof ArrayBuffer) return memorySource('the ArrayBuffer', new Uint8Array(source));
  if (source instanceof Uint8Array) return memorySource('the Uint8Array', source);
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    const blob = source;
    const name = typeof (blob as { name?: unknown }).name === 'string' ? (blob as unknown as { name: string }).name : 'the Blob';
    return asyncSource(name, { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() });
  }
  const buffer = source as Partial<AsyncBufferLike> | null;
  if (buffer !== null && typeof buffer === 'object' && typeof buffer.byteLength === 'number' && typeof buffer.slice === 'function') {
    return asyncSource('the AsyncBuffer', buffer as AsyncBufferLike);
  }
  throw new TypeError(
    `${where}: source must be a file path or URL, an ArrayBuffer, a Uint8Array, a Blob or an AsyncBuffer ({ byteLength, slice }), got ${describeKind(source)}`,
  );
}
