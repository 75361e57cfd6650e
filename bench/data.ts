/**
 * The bench's deterministic data, and the raw files that hand the same bytes to the
 * Python peers and to the memory probes.
 * @module
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalStream } from './normal.js';

/** mulberry32: a small, fast 32-bit seeded PRNG returning uniforms in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * X with standard-normal entries (row-major, Box–Muller from mulberry32) and
 * y = [x · w* + b* + noise > 0] for fixed random true weights w* of unit length,
 * b* = 0.25 and standard-normal noise. The columns are already close to standardised and
 * the classes overlap (the optimum's weights stay small), so every solver, gradient
 * descent included, sees a well-conditioned problem.
 * @param into where to write X (length rows·cols), e.g. a `Matrix.alloc` view; a new array by default.
 */
export function makeData(rows: number, cols: number, seed: number, into?: Float64Array): { x: Float64Array; y: Float64Array } {
  const uniform = mulberry32(seed);
  const gauss = normalStream(uniform);
  const trueWeights = Float64Array.from({ length: cols }, () => 2 * uniform() - 1);
  const norm = Math.hypot(...trueWeights);
  for (let j = 0; j < cols; j++) trueWeights[j]! /= norm;
  const x = into ?? new Float64Array(rows * cols);
  if (x.length !== rows * cols) throw new RangeError(`makeData: 'into' has ${x.length} values, expected ${rows * cols}`);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let z = 0.25 + gauss();
    for (let j = 0; j < cols; j++) {
      const value = gauss();
      x[i * cols + j] = value;
      z += value * trueWeights[j]!;
    }
    y[i] = z > 0 ? 1 : 0;
  }
  return { x, y };
}

/** A scratch directory for the run's raw data files; removed by {@link removeScratch}. */
let scratch: string | null = null;

export function scratchDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'logreg-bench-'));
  return scratch;
}

export function removeScratch(): void {
  if (scratch !== null) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
}

/** Where a shape's X and y are stored as raw little-endian float64 (row-major X). */
export interface DataFiles {
  readonly x: string;
  readonly y: string;
  readonly rows: number;
  readonly cols: number;
}

const CHUNK_BYTES = 1 << 24;

/** Writes X and y as raw float64 files in the scratch directory. */
export function writeDataFiles(name: string, x: Float64Array, y: Float64Array, rows: number, cols: number): DataFiles {
  const dir = scratchDir();
  const files = { x: join(dir, `${name}.X.f64`), y: join(dir, `${name}.y.f64`), rows, cols };
  writeRaw(files.x, x);
  writeRaw(files.y, y);
  return files;
}

function writeRaw(path: string, values: Float64Array): void {
  const fd = openSync(path, 'w');
  try {
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, Math.min(CHUNK_BYTES, bytes.length - at));
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a raw float64 file chunk by chunk and hands each chunk's values to `sink`
 * with the index of its first value, so a caller can convert as it goes (e.g. into
 * float32 or into per-row arrays) without ever holding a float64 copy of the whole file.
 * `chunkBytes` (a multiple of 8) is the buffer it reads through.
 */
export function streamRaw(path: string, sink: (values: Float64Array, first: number) => void, chunkBytes = CHUNK_BYTES): void {
  const fd = openSync(path, 'r');
  try {
    const buffer = new Float64Array(chunkBytes / 8);
    const bytes = new Uint8Array(buffer.buffer);
    let first = 0;
    for (;;) {
      let got = 0;
      while (got < bytes.length) {
        const n = readSync(fd, bytes, got, bytes.length - got, null);
        if (n === 0) break;
        got += n;
      }
      if (got % 8 !== 0) throw new Error(`${path}: length is not a multiple of 8 bytes`);
      if (got === 0) return;
      sink(buffer.subarray(0, got / 8), first);
      first += got / 8;
      if (got < bytes.length) return;
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads a raw float64 file straight into `target` (e.g. a view of WebAssembly memory). */
export function readRawInto(path: string, target: Float64Array): void {
  const fd = openSync(path, 'r');
  try {
    const bytes = new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, Math.min(CHUNK_BYTES, bytes.length - at), null);
      if (n === 0) throw new Error(`${path}: ${at} bytes, expected ${bytes.length}`);
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}
