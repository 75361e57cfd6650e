// The binary row cache of `train --stream` and cacheChunks (src/node/row-cache.ts): rows come back bit for
// bit, a file that is not a complete cache of this format is rejected with a reason, a
// failed or interrupted write leaves nothing behind, and temporary files go at exit.
import { spawn } from 'node:child_process';
import * as nodeFs from 'node:fs';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  IO_BLOCK_BYTES,
  MAX_ROW_CACHE_WIDTH,
  createRowCache,
  openRowCache,
  removeRowCachesNow,
  type RowCache,
  type RowCacheFs,
  type RowCacheRejection,
} from '../../src/node/row-cache.js';
import { useOwnTmpdir } from './own-tmpdir.js';

/** The CLI's name for its cache: the messages below are train --stream's. */
const CLI = { label: '--stream cache' } as const;

const MODULE_URL = pathToFileURL(join(import.meta.dirname, '../../src/node/row-cache.ts')).href;
const REPO = join(import.meta.dirname, '../..');

// Each test writes in its own directory, which is also the temporary directory (so a
// temporary cache left behind is seen, and none litters the system's).
const ownDir = useOwnTmpdir('logreg-row-cache-');

/** `count` float64 values of arbitrary bits (NaN payloads included), from a fixed seed. */
function randomBits(count: number, seed = 1): Float64Array {
  const words = new Uint32Array(count * 2);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return new Float64Array(words.buffer);
}

/** Values that a numeric copy could change: NaNs with payloads and sign, −0, subnormals, ±∞. */
function specialValues(): Float64Array {
  const values = new Float64Array([NaN, -0, 0, 5e-324, -5e-324, 2.225073858507201e-308, Infinity, -Infinity, Number.MAX_VALUE, -Number.MIN_VALUE, 1, 0.1]);
  const bits = new DataView(values.buffer);
  bits.setBigUint64(0, 0x7ff0_0000_0000_0001n, true); // a signalling NaN
  const withNaNs = new Float64Array(values.length + 2);
  withNaNs.set(values);
  const more = new DataView(withNaNs.buffer);
  more.setBigUint64(values.length * 8, 0xfff8_dead_beef_0001n, true); // negative quiet NaN, payload
  more.setBigUint64((values.length + 1) * 8, 0x7ff8_0000_0000_0000n, true); // the canonical NaN
  return withNaNs;
}

/** The rows to write: the special values first, then arbitrary bits. */
function rowsOf(rows: number, width: number, seed = 7): Float64Array {
  const values = randomBits(rows * width, seed);
  const special = specialValues();
  values.set(special.subarray(0, Math.min(special.length, values.length)));
  return values;
}

function bytesOf(values: Float64Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** Writes a cache at `path` (or a temporary one), appending `appendRows` rows at a time. */
async function write(path: string | null, values: Float64Array, width: number, meta: unknown = { m: 1 }, appendRows = 37): Promise<RowCache> {
  const writer = await createRowCache(path, width, CLI);
  const rows = values.length / width;
  for (let first = 0; first < rows; first += appendRows) {
    writer.append(values.subarray(first * width), Math.min(appendRows, rows - first));
  }
  return writer.finish(meta);
}

/** Every row of the cache, read `rowsPerBlock` at a time, checking the blocks' order and sizes. */
function readAll(cache: RowCache, rowsPerBlock: number, into?: Float64Array): Float64Array {
  const all = new Float64Array(cache.rows * cache.width);
  let next = 0;
  for (const block of cache.readBlocks(rowsPerBlock, into)) {
    expect(block.first).toBe(next);
    expect(block.rows).toBe(Math.min(rowsPerBlock, cache.rows - next));
    expect(block.values.length).toBe(block.rows * cache.width);
    all.set(block.values, next * cache.width);
    next += block.rows;
  }
  expect(next).toBe(cache.rows);
  return all;
}

async function opened(path: string, width: number): Promise<RowCache> {
  const cache = await openRowCache(path, { width }, CLI);
  if ('rejected' in cache) throw new Error(`rejected: ${cache.rejected}`);
  return cache;
}

async function rejection(path: string, width: number): Promise<string> {
  const result = await openRowCache(path, { width }, CLI);
  if (!('rejected' in result)) {
    result.close();
    throw new Error(`${path} was read as a cache`);
  }
  return (result as RowCacheRejection).rejected;
}

/** node:fs, but a write that would take the file past `limit` bytes fails with `code`. */
function fullAfter(limit: number, code = 'ENOSPC'): RowCacheFs {
  let written = 0;
  const real: RowCacheFs = nodeFs;
  return {
    ...real,
    writeSync(fd, buffer, offset, length, position) {
      if (written + length > limit) throw Object.assign(new Error(`${code}: failed, write`), { code });
      written += length;
      return real.writeSync(fd, buffer, offset, length, position);
    },
  };
}

function listeners(): number[] {
  return [process.listenerCount('exit'), process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
}

describe('a cache gives back what was written', () => {
  it('returns every value bit for bit, for several widths, row counts and block sizes', async () => {
    for (const width of [1, 3, 7]) {
      for (const rows of [0, 1, 5, 64, 1000]) {
        const values = rowsOf(rows, width, width * 1000 + rows);
        const path = join(ownDir(), `w${width}-r${rows}.cache`);
        const cache = await write(path, values, width);
        expect([cache.rows, cache.width, cache.bytes]).toEqual([rows, width, rows * width * 8]);
        for (const rowsPerBlock of [1, 4, 63, 64, 65, 999, 1000, 1001]) {
          expect(bytesOf(readAll(cache, rowsPerBlock)).equals(bytesOf(values))).toBe(true);
        }
        cache.close();
        const again = await opened(path, width);
        expect(bytesOf(readAll(again, 64)).equals(bytesOf(values))).toBe(true);
        again.close();
      }
    }
  });

  it('keeps NaN payloads, −0, subnormals and infinities', async () => {
    const values = specialValues();
    const cache = await write(join(ownDir(), 'special.cache'), values, 2);
    const back = readAll(cache, 3);
    values.forEach((v, i) => expect(Object.is(back[i], v)).toBe(true));
    expect(bytesOf(back).equals(bytesOf(values))).toBe(true);
    cache.close();
  });

  it('yields no block for a cache of no rows', async () => {
    const cache = await write(join(ownDir(), 'empty.cache'), new Float64Array(0), 4);
    expect([...cache.readBlocks(10)]).toEqual([]);
    cache.close();
    const again = await opened(join(ownDir(), 'empty.cache'), 4);
    expect(again.rows).toBe(0);
    expect([...again.readBlocks(10)]).toEqual([]);
    again.close();
  });

  it('returns rows written across the write buffer’s boundary and in appends written straight through', async () => {
    // Width 1: the 32-byte header and 12 appends of 87381 rows (under 1 MiB each, so
    // buffered) fill the buffer exactly; then one row more, then appends of 1 MiB and more
    // (written at once) between small ones.
    const fill = (IO_BLOCK_BYTES - 32) / 8;
    expect(fill).toBe(12 * 87381);
    const sizes = [...Array<number>(12).fill(87381), 1, 2 ** 17, 3, 2 ** 17 - 1, 3 * fill, 5, 100_000, 100_000];
    const values = rowsOf(sizes.reduce((a, b) => a + b), 1, 99);
    const writer = await createRowCache(join(ownDir(), 'big.cache'), 1);
    let first = 0;
    for (const rows of sizes) {
      writer.append(values.subarray(first), rows);
      first += rows;
    }
    expect(writer.rows).toBe(values.length);
    const cache = await writer.finish(null);
    expect(bytesOf(readAll(cache, 2 ** 20)).equals(bytesOf(values))).toBe(true);
    expect(bytesOf(readAll(cache, fill)).equals(bytesOf(values))).toBe(true);
    cache.close();
  });

  it('takes only the first rows × width values of a longer array', async () => {
    const values = rowsOf(10, 2);
    const writer = await createRowCache(join(ownDir(), 'prefix.cache'), 2);
    writer.append(values, 3);
    writer.append(values.subarray(6), 0);
    const cache = await writer.finish({});
    expect(bytesOf(readAll(cache, 2)).equals(bytesOf(values.subarray(0, 6)))).toBe(true);
    cache.close();
  });

  it('returns the meta as JSON gives it back, from finish and from the file', async () => {
    const meta = { labels: ['b', 'a', 'ü ☃ \u0000'], categories: { c: ['x', 'y'] }, source: { size: 123456789012, mtimeMs: 1.5 }, options: { na: ['', 'NA'], sep: null } };
    const path = join(ownDir(), 'meta.cache');
    const cache = await write(path, rowsOf(3, 2), 2, meta);
    expect(cache.meta).toEqual(meta);
    cache.close();
    expect((await opened(path, 2)).meta).toEqual(meta);
  });

  it('stores meta of any JSON type, and drops what JSON drops', async () => {
    for (const meta of [null, 0, 'text', [1, 'two'], true]) {
      const cache = await write(join(ownDir(), 'any.cache'), rowsOf(1, 1), 1, meta);
      expect(cache.meta).toEqual(meta);
      cache.close();
      expect((await opened(join(ownDir(), 'any.cache'), 1)).meta).toEqual(meta);
    }
    const cache = await write(join(ownDir(), 'dropped.cache'), rowsOf(1, 1), 1, { a: undefined, b: 1 });
    expect(cache.meta).toStrictEqual({ b: 1 });
    cache.close();
  });
});

describe('reading into the caller’s array', () => {
  it('yields views on the given array, reused for every block', async () => {
    const values = rowsOf(10, 3);
    const cache = await write(join(ownDir(), 'into.cache'), values, 3);
    const into = new Float64Array(4 * 3);
    for (const block of cache.readBlocks(4, into)) {
      expect(block.values.buffer).toBe(into.buffer);
      expect(block.values.byteOffset).toBe(into.byteOffset);
      expect(bytesOf(block.values).equals(bytesOf(values.subarray(block.first * 3, (block.first + block.rows) * 3)))).toBe(true);
    }
    cache.close();
  });

  it('fills a view at an offset in a larger buffer and nothing around it', async () => {
    const values = rowsOf(5, 2);
    const cache = await write(join(ownDir(), 'view.cache'), values, 2);
    const memory = new ArrayBuffer(1024);
    new Uint8Array(memory).fill(0xab);
    const into = new Float64Array(memory, 64, 10);
    [...cache.readBlocks(5, into)];
    expect(bytesOf(into).equals(bytesOf(values))).toBe(true);
    expect(new Uint8Array(memory, 0, 64).every((b) => b === 0xab)).toBe(true);
    expect(new Uint8Array(memory, 64 + 80).every((b) => b === 0xab)).toBe(true);
    cache.close();
  });

  it('asks a function for the array before each block', async () => {
    const values = rowsOf(7, 2);
    const cache = await write(join(ownDir(), 'fn.cache'), values, 2);
    const arrays: Float64Array[] = [];
    const got = new Float64Array(14);
    for (const block of cache.readBlocks(3, () => arrays[arrays.push(new Float64Array(6)) - 1] as Float64Array)) {
      expect(block.values.buffer).toBe(arrays[arrays.length - 1]?.buffer);
      got.set(block.values, block.first * 2);
    }
    expect(arrays).toHaveLength(3);
    expect(bytesOf(got).equals(bytesOf(values))).toBe(true);
    cache.close();
  });

  it('refuses an array shorter than a block with a RangeError', async () => {
    const cache = await write(join(ownDir(), 'short.cache'), rowsOf(7, 2), 2);
    expect(() => [...cache.readBlocks(3, new Float64Array(5))]).toThrow(RangeError);
    cache.close();
  });

  it('refuses a block size that is not a positive integer, or beyond 4 GiB, with a RangeError', async () => {
    const cache = await write(join(ownDir(), 'bad-block.cache'), rowsOf(7, 2), 2);
    for (const rowsPerBlock of [0, -1, 1.5, NaN, 2 ** 28 + 1]) expect(() => cache.readBlocks(rowsPerBlock)).toThrow(RangeError);
    cache.close();
  });

  it('refuses to read a closed cache', async () => {
    const cache = await write(join(ownDir(), 'closed.cache'), rowsOf(7, 2), 2);
    cache.close();
    cache.close();
    expect(() => cache.readBlocks(3)).toThrow(/closed/);
  });

  it('stops an iteration when the cache is closed during it', async () => {
    const cache = await write(join(ownDir(), 'closing.cache'), rowsOf(7, 2), 2);
    const blocks = cache.readBlocks(3);
    expect(blocks.next().done).toBe(false);
    cache.close();
    expect(() => blocks.next()).toThrow(/closed/);
  });

  it('throws an Error naming the file when it ends early', async () => {
    const path = join(ownDir(), 'shrunk.cache');
    const cache = await write(path, rowsOf(7, 2), 2);
    nodeFs.truncateSync(path, 40);
    expect(() => [...cache.readBlocks(3)]).toThrow(new Error(`${path}: the --stream cache ended early (changed while being read)`));
    cache.close();
  });
});

describe('reading any run of rows', () => {
  it('returns rows first … first + rows − 1 bit for bit, into a given array or a new one', async () => {
    const values = rowsOf(50, 3);
    const cache = await write(join(ownDir(), 'runs.cache'), values, 3);
    const into = new Float64Array(20 * 3);
    for (const [first, rows] of [[0, 50], [0, 1], [49, 1], [7, 13], [20, 20], [50, 0], [3, 0]] as const) {
      const want = bytesOf(values.subarray(first * 3, (first + rows) * 3));
      expect(bytesOf(cache.readRows(first, rows)).equals(want)).toBe(true);
      if (rows <= 20) {
        const got = cache.readRows(first, rows, into);
        expect(got.buffer).toBe(into.buffer);
        expect(bytesOf(got).equals(want)).toBe(true);
      }
    }
    expect(cache.readRows(0, 20, into)).toBe(into);
    cache.close();
  });

  it('refuses a run outside the cache or an array too short with a RangeError, and a closed cache', async () => {
    const cache = await write(join(ownDir(), 'bad-runs.cache'), rowsOf(10, 2), 2);
    for (const [first, rows] of [[-1, 1], [11, 0], [0, 11], [5, 6], [1.5, 1], [0, -1], [0, NaN]] as const) {
      expect(() => cache.readRows(first, rows)).toThrow(RangeError);
    }
    expect(() => cache.readRows(0, 3, new Float64Array(5))).toThrow(RangeError);
    cache.close();
    expect(() => cache.readRows(0, 1)).toThrow(/closed/);
  });
});

describe('the name of the cache in messages', () => {
  it('is "row cache" by default', async () => {
    const path = join(ownDir(), 'default.cache');
    await expect(createRowCache(join(ownDir(), 'no', 'dir.cache'), 1)).rejects.toThrow(new Error(`${join(ownDir(), 'no', 'dir.cache')}: cannot create the row cache (no such directory)`));
    const writer = await createRowCache(path, 1, { fs: fullAfter(0) });
    await expect(writer.finish(null)).rejects.toThrow(new Error(`${path}: cannot write the row cache (no space left on the device); the partial file was removed`));
    const temporary = await createRowCache(null, 1, { fs: fullAfter(0) });
    await expect(temporary.finish(null)).rejects.toThrow(
      new Error(`${temporary.path}: cannot write the temporary row cache (no space left on the device; TMPDIR chooses its directory); the partial file was removed`),
    );
    writeFileSync(path, new Uint8Array(randomBits(500, 3).buffer));
    expect(await openRowCache(path, { width: 1 })).toEqual({ rejected: 'not a row cache (no magic number at its start)' });
  });

  it('is the label given', async () => {
    const path = join(ownDir(), 'labelled.cache');
    const writer = await createRowCache(path, 1, { label: 'chunk cache', fs: fullAfter(0) });
    await expect(writer.finish(null)).rejects.toThrow(new Error(`${path}: cannot write the chunk cache (no space left on the device); the partial file was removed`));
    writeFileSync(path, 'not a cache at all, but long enough to have a header and a footer');
    expect(await openRowCache(path, { width: 1 }, { label: 'chunk cache' })).toEqual({ rejected: 'not a chunk row cache (no magic number at its start)' });
  });
});

describe('a file that is not a complete cache of this format is rejected with a reason', () => {
  const WIDTH = 3;
  let path: string;
  let good: Buffer;

  beforeEach(async () => {
    path = join(ownDir(), 'good.cache');
    (await write(path, rowsOf(20, WIDTH), WIDTH, { labels: ['a', 'b'] })).close();
    good = readFileSync(path);
  });

  /** Writes `bytes` as another file and returns why it is rejected. */
  async function rejected(bytes: Uint8Array, width = WIDTH): Promise<string> {
    const other = join(ownDir(), 'other.cache');
    writeFileSync(other, bytes);
    return rejection(other, width);
  }

  function patched(offset: number, u32: number): Buffer {
    const copy = Buffer.from(good);
    copy.writeUInt32LE(u32, offset);
    return copy;
  }

  it('reads the file the tests damage', async () => {
    (await opened(path, WIDTH)).close();
  });

  it('rejects another format version', async () => {
    expect(await rejected(patched(8, 2))).toBe('written in format version 2; this program reads version 1');
  });

  it('rejects another dtype tag', async () => {
    expect(await rejected(patched(12, 2))).toBe('values of dtype tag 2; this program reads float64 (tag 1)');
  });

  it('rejects another width', async () => {
    expect(await rejection(path, 4)).toBe('rows of 3 values, not the 4 expected');
  });

  it('rejects a file cut anywhere', async () => {
    const cuts = [1, 7, 8, 31, 32, 33, 63, 64, 100, good.length - 33, good.length - 32, good.length - 31, good.length - 8, good.length - 1];
    for (const cut of cuts) expect(await rejected(good.subarray(0, cut))).toMatch(/^(truncated|not a --stream row cache)/);
  });

  it('rejects a file with bytes appended', async () => {
    expect(await rejected(Buffer.concat([good, Buffer.from([0])]))).toMatch(/^truncated or damaged/);
  });

  it('rejects a footer whose row count does not match the size', async () => {
    const copy = Buffer.from(good);
    copy.writeBigUInt64LE(21n, good.length - 32);
    expect(await rejected(copy)).toMatch(/^truncated or damaged \(\d+ bytes, but its footer describes 21 rows/);
  });

  it('rejects a footer with huge sizes', async () => {
    const copy = Buffer.from(good);
    copy.writeBigUInt64LE(2n ** 64n - 1n, good.length - 32);
    copy.writeBigUInt64LE(2n ** 64n - 1n, good.length - 24);
    expect(await rejected(copy)).toMatch(/^truncated or damaged/);
  });

  it('rejects meta that is not valid JSON', async () => {
    const copy = Buffer.from(good);
    copy[32 + 20 * WIDTH * 8] = 'x'.charCodeAt(0);
    expect(await rejected(copy)).toBe('damaged (its meta is not valid JSON)');
    copy[32 + 20 * WIDTH * 8] = 0xff;
    expect(await rejected(copy)).toBe('damaged (its meta is not valid JSON)');
  });

  it('rejects damaged reserved header bytes', async () => {
    expect(await rejected(patched(24, 1))).toBe('damaged (reserved header bytes are not zero)');
  });

  it('rejects random bytes', async () => {
    const random = new Uint8Array(randomBits(500, 3).buffer);
    expect(await rejected(random)).toBe('not a --stream row cache (no magic number at its start)');
  });

  it('rejects a file whose end is not a footer', async () => {
    const copy = Buffer.from(good);
    copy[good.length - 1] = 0x21;
    expect(await rejected(copy)).toBe('truncated or damaged (no magic number at its end)');
  });

  it('rejects an empty file', async () => {
    expect(await rejected(new Uint8Array(0))).toBe('an empty file');
  });

  it('rejects a missing file', async () => {
    expect(await rejection(join(ownDir(), 'missing.cache'), WIDTH)).toBe('no such file');
  });

  it('rejects a directory', async () => {
    mkdirSync(join(ownDir(), 'sub'));
    expect(await rejection(join(ownDir(), 'sub'), WIDTH)).toBe('not a regular file');
  });

  it('throws an Error naming the file for other I/O errors', async () => {
    const denied: RowCacheFs = {
      ...nodeFs,
      openSync: () => {
        throw Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
      },
    };
    await expect(openRowCache(path, { width: WIDTH }, { ...CLI, fs: denied })).rejects.toThrow(new Error(`${path}: cannot read the --stream cache (permission denied)`));
  });
});

describe('a failed write leaves nothing behind', () => {
  it('throws an Error naming the path when the disk fills during append, and removes the partial file', async () => {
    const path = join(ownDir(), 'full.cache');
    const writer = await createRowCache(path, 1, { ...CLI, fs: fullAfter(3 * 2 ** 20) });
    const block = rowsOf(2 ** 17, 1); // 1 MiB
    const failure = (() => {
      try {
        for (let i = 0; i < 20; i++) writer.append(block, 2 ** 17);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(`${path}: cannot write the --stream cache (no space left on the device); the partial file was removed`);
    expect(readdirSync(ownDir())).toEqual([]);
  });

  it('throws the Error when the disk fills while finishing, and removes the partial file', async () => {
    const path = join(ownDir(), 'full-at-end.cache');
    const writer = await createRowCache(path, 2, { ...CLI, fs: fullAfter(32 + 100 * 16 + 5) });
    writer.append(rowsOf(100, 2), 100);
    await expect(writer.finish({ labels: ['a', 'b'] })).rejects.toThrow(new Error(`${path}: cannot write the --stream cache (no space left on the device); the partial file was removed`));
    expect(readdirSync(ownDir())).toEqual([]);
  });

  it('names the cause of other write errors', async () => {
    for (const [code, words] of [
      ['EFBIG', 'the file is too large for the file system'],
      ['EIO', 'input/output error'],
      ['EDQUOT', 'disk quota exceeded'],
    ] as const) {
      const path = join(ownDir(), `${code}.cache`);
      const writer = await createRowCache(path, 1, { ...CLI, fs: fullAfter(0, code) });
      await expect(writer.finish(null)).rejects.toThrow(new Error(`${path}: cannot write the --stream cache (${words}); the partial file was removed`));
    }
    expect(readdirSync(ownDir())).toEqual([]);
  });

  it('leaves a file already at the path as it was', async () => {
    const path = join(ownDir(), 'old.cache');
    writeFileSync(path, 'the old cache');
    const writer = await createRowCache(path, 1, { ...CLI, fs: fullAfter(10) });
    await expect(writer.finish(null)).rejects.toThrow(Error);
    expect(readdirSync(ownDir())).toEqual(['old.cache']);
    expect(readFileSync(path, 'utf8')).toBe('the old cache');
  });

  it('says a temporary cache filled its directory, and TMPDIR chooses it', async () => {
    const writer = await createRowCache(null, 1, { ...CLI, fs: fullAfter(100) });
    expect(writer.path.startsWith(join(ownDir(), 'logreg-wasm-rows-'))).toBe(true);
    expect(() => writer.append(rowsOf(2 ** 20, 1), 2 ** 20)).toThrow(
      new Error(`${writer.path}: cannot write the temporary --stream cache (no space left on the device; TMPDIR chooses its directory); the partial file was removed`),
    );
    expect(readdirSync(ownDir())).toEqual([]);
  });

  it('closes the writer after a failure', async () => {
    const writer = await createRowCache(join(ownDir(), 'failed.cache'), 1, { ...CLI, fs: fullAfter(0) });
    await expect(writer.finish(null)).rejects.toThrow(Error);
    expect(() => writer.append(new Float64Array(1), 1)).toThrow(/closed/);
    writer.abort();
  });

  it('throws an Error and removes the partial file when the path cannot be replaced', async () => {
    const path = join(ownDir(), 'a-directory');
    mkdirSync(path);
    const writer = await createRowCache(path, 1, CLI);
    writer.append(new Float64Array([1, 2]), 2);
    await expect(writer.finish(null)).rejects.toThrow(new Error(`${path}: cannot write the --stream cache (is a directory); the partial file was removed`));
    expect(readdirSync(ownDir())).toEqual(['a-directory']);
  });

  it('throws an Error naming the path when the file cannot be created', async () => {
    const path = join(ownDir(), 'no', 'such', 'dir.cache');
    await expect(createRowCache(path, 1, CLI)).rejects.toThrow(new Error(`${path}: cannot create the --stream cache (no such directory)`));
  });

  it('throws a TypeError for meta without a JSON form, and removes the partial file', async () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    for (const meta of [undefined, () => 1, 1n, cyclic]) {
      const writer = await createRowCache(join(ownDir(), 'meta.cache'), 1);
      await expect(writer.finish(meta)).rejects.toThrow(TypeError);
    }
    expect(readdirSync(ownDir())).toEqual([]);
  });
});

describe('arguments', () => {
  it('refuses a width that is not an integer from 1 to 2^24 with a RangeError', async () => {
    for (const width of [0, -1, 1.5, NaN, MAX_ROW_CACHE_WIDTH + 1]) {
      await expect(createRowCache(null, width)).rejects.toThrow(RangeError);
      await expect(openRowCache(join(ownDir(), 'x'), { width })).rejects.toThrow(RangeError);
    }
    expect(readdirSync(ownDir())).toEqual([]);
  });

  it('refuses a row count that is not a non-negative integer, or more rows than the values hold', async () => {
    const writer = await createRowCache(null, 2);
    for (const rows of [-1, 1.5, NaN, 3]) expect(() => writer.append(new Float64Array(5), rows)).toThrow(RangeError);
    writer.abort();
  });
});

describe('where the files are, and when they go', () => {
  it('creates the cache at its path only when finished', async () => {
    const path = join(ownDir(), 'late.cache');
    const writer = await createRowCache(path, 2);
    writer.append(rowsOf(10, 2), 10);
    expect(existsSync(path)).toBe(false);
    const files = readdirSync(ownDir());
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^late\\.cache\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`));
    const cache = await writer.finish({});
    expect(readdirSync(ownDir())).toEqual(['late.cache']);
    expect(cache.path).toBe(path);
    expect(cache.temporary).toBe(false);
    cache.close();
  });

  it('replaces a file already at the path', async () => {
    const path = join(ownDir(), 'replaced.cache');
    writeFileSync(path, 'old');
    (await write(path, rowsOf(4, 1), 1)).close();
    expect((await opened(path, 1)).rows).toBe(4);
  });

  it('removes the partial file on abort, any number of times', async () => {
    const writer = await createRowCache(join(ownDir(), 'aborted.cache'), 1);
    writer.append(new Float64Array(3), 3);
    writer.abort();
    writer.abort();
    expect(readdirSync(ownDir())).toEqual([]);
    expect(() => writer.append(new Float64Array(1), 1)).toThrow(/closed/);
    await expect(writer.finish(null)).rejects.toThrow(/closed/);
  });

  it('puts a temporary cache in the temporary directory and deletes it on remove()', async () => {
    const cache = await write(null, rowsOf(3, 2), 2);
    expect(cache.temporary).toBe(true);
    expect(basename(cache.path)).toMatch(new RegExp(`^logreg-wasm-rows-${process.pid}\\.[0-9a-f]{12}\\.cache$`));
    expect(readdirSync(ownDir())).toEqual([basename(cache.path)]);
    cache.remove();
    cache.remove();
    expect(readdirSync(ownDir())).toEqual([]);
    expect(() => [...cache.readBlocks(1)]).toThrow(/closed/);
  });

  it('deletes a closed temporary cache on remove()', async () => {
    const cache = await write(null, rowsOf(3, 2), 2);
    cache.close();
    cache.remove();
    expect(readdirSync(ownDir())).toEqual([]);
  });

  it('holds one set of process listeners, and none once nothing is left to remove', async () => {
    const before = listeners();
    const a = await createRowCache(null, 1);
    const b = await createRowCache(join(ownDir(), 'b.cache'), 1);
    expect(listeners()).toEqual(before.map((n) => n + 1));
    const named = await b.finish(null);
    expect(listeners()).toEqual(before.map((n) => n + 1));
    const temporary = await a.finish(null);
    expect(listeners()).toEqual(before.map((n) => n + 1));
    temporary.remove();
    expect(listeners()).toEqual(before);
    named.close();
    const c = await createRowCache(null, 1);
    c.abort();
    expect(listeners()).toEqual(before);
  });

  it('deletes partial files and temporary caches, but no finished cache at a path, in what the exit listener runs', async () => {
    const before = listeners();
    const writing = await createRowCache(join(ownDir(), 'writing.cache'), 1);
    writing.append(new Float64Array(2), 2);
    const temporary = await write(null, rowsOf(2, 1), 1);
    const kept = await write(join(ownDir(), 'kept.cache'), rowsOf(2, 1), 1);
    expect(readdirSync(ownDir())).toHaveLength(3);
    removeRowCachesNow();
    expect(readdirSync(ownDir())).toEqual(['kept.cache']);
    expect(listeners()).toEqual(before);
    expect(() => [...temporary.readBlocks(1)]).toThrow(/closed/);
    kept.close();
  });
});

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Runs `script` (ES module text, `cache` bound to this module) in a child Node whose
 * temporary directory is the test's own; it prints `ready` when its files exist, and then gets
 * `signal`, if any.
 */
function child(script: string, signal: NodeJS.Signals | null = null): Promise<ChildResult> {
  const source = `import * as cache from ${JSON.stringify(MODULE_URL)};\n${script}`;
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', source], {
      cwd: REPO,
      env: { ...process.env, TMPDIR: ownDir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (signal !== null && stdout.includes('ready')) proc.kill(signal);
    });
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code, sig) => resolve({ code, signal: sig, stderr }));
  });
}

/** A child's files: a partial cache at a path and a finished temporary cache. */
const MAKE_FILES = `
const writing = await cache.createRowCache(${JSON.stringify('PARTIAL')}, 2);
writing.append(new Float64Array(8), 4);
const temporary = await (await cache.createRowCache(null, 2)).finish({ a: 1 });
console.log('ready');
`;

describe('removeAtExit', () => {
  it('deletes a finished cache at a path in what the exit listener runs too, and on remove() forgets it', async () => {
    const before = listeners();
    const gone = await (await createRowCache(join(ownDir(), 'gone.cache'), 1, { removeAtExit: true })).finish(null);
    expect(gone.temporary).toBe(false);
    expect(readdirSync(ownDir())).toEqual(['gone.cache']);
    removeRowCachesNow();
    expect(readdirSync(ownDir())).toEqual([]);
    const removed = await (await createRowCache(join(ownDir(), 'removed.cache'), 1, { removeAtExit: true })).finish(null);
    expect(listeners()).toEqual(before.map((n) => n + 1));
    removed.remove();
    expect(listeners()).toEqual(before);
    expect(readdirSync(ownDir())).toEqual([]);
  });
});

describe('a process that ends leaves no temporary file', () => {
  const script = (rest: string) => MAKE_FILES.replace('"PARTIAL"', JSON.stringify(join(ownDir(), 'partial.cache'))) + rest;

  it('when it exits', async () => {
    const r = await child(script('process.exitCode = 3;'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    expect(readdirSync(ownDir()).filter((f) => !f.startsWith('tsx'))).toEqual([]);
  });

  it('when killed by SIGTERM, which still kills it', async () => {
    const r = await child(script('setInterval(() => {}, 1000);'), 'SIGTERM');
    expect(r.signal).toBe('SIGTERM');
    expect(readdirSync(ownDir()).filter((f) => !f.startsWith('tsx'))).toEqual([]);
  });

  it('when interrupted by SIGINT, which still kills it', async () => {
    const r = await child(script('setInterval(() => {}, 1000);'), 'SIGINT');
    expect(r.signal).toBe('SIGINT');
    expect(readdirSync(ownDir()).filter((f) => !f.startsWith('tsx'))).toEqual([]);
  });

  it('when its own SIGINT listener decides to exit', async () => {
    const r = await child(script("process.on('SIGINT', () => process.exit(130)); setInterval(() => {}, 1000);"), 'SIGINT');
    expect(r.code).toBe(130);
    expect(readdirSync(ownDir()).filter((f) => !f.startsWith('tsx'))).toEqual([]);
  });

  it('but keeps a finished cache at a path', async () => {
    const path = join(ownDir(), 'kept.cache');
    const r = await child(`(await (await cache.createRowCache(${JSON.stringify(path)}, 1)).finish(null)).close();`);
    expect(r.code).toBe(0);
    expect(readdirSync(ownDir()).filter((f) => !f.startsWith('tsx'))).toEqual(['kept.cache']);
  });
});
