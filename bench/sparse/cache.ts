/**
 * The sparse sets on disk, made once per machine: generating the RCV1-shaped set takes
 * about half a minute and writing its 980 MB of svmlight text ten minutes or more on this
 * shared 2-core machine (formatSvmlight's exact `%.16g`), so both are kept in
 * `node_modules/.cache/logreg-wasm-bench/sparse/` (node_modules is ignored by git and
 * `npm ci` starts it afresh). Each set has a directory named by its spec and a hash of it,
 * holding the svmlight text that LIBLINEAR and scikit-learn read (`X.svm`, one-based
 * column indices, as LIBLINEAR requires) and the same CSR arrays raw (little-endian
 * int32/float64), which the bench and its memory probes read back in a second. A directory
 * is written under a temporary name and renamed when complete, so an interrupted run leaves
 * no half set behind.
 * @module
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSvmlight } from '../../src/sparse/svmlight-format.js';
import { type SparseData, type SparseSpec, type SparseStats, generateSparse, sparseStats } from './generate.js';

/** Bumped when the generator's output changes, so older caches are not reused. */
const GENERATOR_VERSION = 1;

export const CACHE_ROOT = fileURLToPath(new URL('../../node_modules/.cache/logreg-wasm-bench/sparse/', import.meta.url));

/** A set's files. */
export interface SparseFiles {
  readonly dir: string;
  /** svmlight text, one-based indices. */
  readonly svmlight: string;
  readonly rows: number;
  readonly cols: number;
  readonly nnz: number;
}

/** Rows per formatSvmlight call (its text is one string; the whole set's would exceed V8's string limit). */
const ROWS_PER_CHUNK = 10_000;

function setDir(spec: SparseSpec): string {
  const hash = createHash('sha256')
    .update(JSON.stringify({ GENERATOR_VERSION, spec }))
    .digest('hex')
    .slice(0, 12);
  return join(CACHE_ROOT, `${spec.name}-${spec.rows}x${spec.cols}-${hash}`);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, Math.min(1 << 24, bytes.length - at));
}

function writeRaw(path: string, array: Int32Array | Float64Array): void {
  const fd = openSync(path, 'w');
  try {
    writeAll(fd, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  } finally {
    closeSync(fd);
  }
}

/** Reads a raw file of exactly `target`'s bytes into it. */
function readInto(path: string, target: Int32Array | Float64Array): void {
  const bytes = readFileSync(path);
  if (bytes.byteLength !== target.byteLength) throw new Error(`${path}: ${bytes.byteLength} bytes, expected ${target.byteLength} (delete the directory to rebuild it)`);
  new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(bytes);
}

/** Writes the set as svmlight text with formatSvmlight, chunk by chunk. */
export function writeSvmlight(path: string, data: SparseData): void {
  const { indptr, indices, values, y, spec } = data;
  const rows = indptr.length - 1;
  const fd = openSync(path, 'w');
  try {
    for (let first = 0; first < rows; first += ROWS_PER_CHUNK) {
      const last = Math.min(rows, first + ROWS_PER_CHUNK);
      const base = indptr[first]!;
      const chunkIndptr = indptr.slice(first, last + 1);
      for (let i = 0; i < chunkIndptr.length; i++) chunkIndptr[i] = chunkIndptr[i]! - base;
      const text = formatSvmlight({
        X: { rows: last - first, cols: spec.cols, indptr: chunkIndptr, indices: indices.subarray(base, indptr[last]!), values: values.subarray(base, indptr[last]!) },
        y: y.subarray(first, last),
        zeroBased: false,
      });
      writeAll(fd, Buffer.from(text, 'latin1'));
    }
  } finally {
    closeSync(fd);
  }
}

/** A cached set: its files, and its arrays read back (or just generated). */
export interface CachedSet {
  readonly files: SparseFiles;
  readonly data: SparseData;
  readonly stats: SparseStats;
  /** Seconds spent generating and writing, 0 when read from the cache. */
  readonly madeIn: number;
}

function filesOf(dir: string, spec: SparseSpec, nnz: number): SparseFiles {
  return { dir, svmlight: join(dir, 'X.svm'), rows: spec.rows, cols: spec.cols, nnz };
}

/** Reads the set `spec` describes from the cache, generating and writing it first if absent. */
export function cachedSet(spec: SparseSpec): CachedSet {
  const dir = setDir(spec);
  if (existsSync(join(dir, 'stats.json'))) {
    const stats = JSON.parse(readFileSync(join(dir, 'stats.json'), 'utf8')) as SparseStats;
    const indptr = new Int32Array(spec.rows + 1);
    const indices = new Int32Array(stats.nnz);
    const values = new Float64Array(stats.nnz);
    const y = new Float64Array(spec.rows);
    for (const [file, array] of [['indptr.i32', indptr], ['indices.i32', indices], ['values.f64', values], ['y.f64', y]] as const) readInto(join(dir, file), array);
    return { files: filesOf(dir, spec, stats.nnz), data: { spec, indptr, indices, values, y }, stats, madeIn: 0 };
  }
  const started = performance.now();
  const data = generateSparse(spec);
  const stats = sparseStats(data);
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    writeRaw(join(partial, 'indptr.i32'), data.indptr);
    writeRaw(join(partial, 'indices.i32'), data.indices);
    writeRaw(join(partial, 'values.f64'), data.values);
    writeRaw(join(partial, 'y.f64'), data.y);
    writeSvmlight(join(partial, 'X.svm'), data);
    const fd = openSync(join(partial, 'stats.json'), 'w');
    writeSync(fd, `${JSON.stringify({ ...stats, spec }, null, 1)}\n`);
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  return { files: filesOf(dir, spec, stats.nnz), data, stats, madeIn: (performance.now() - started) / 1000 };
}
