/**
 * Pointers from 2 GiB up: WebAssembly returns addresses as i32, which JS reads as signed,
 * so every address the library receives must be read as unsigned. A child Node grows its
 * memory past 2 GiB with untouched pages (see children/above-2gib.ts), so this runs in a
 * few seconds and the memory does not stay grown in the test process. The fits that fill
 * most of the 4 GiB are in big-fits.test.ts (opt-in: LOGREG_BIG_MEMORY=1).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { Matrix } from '../../src/index.js';
import { runtimeMemoryBytes } from '../wasm-memory.js';

interface Report {
  workers: number;
  memoryBytes: number;
  high: { byteOffset: number; viewOffset: number }[];
  lowIntact: boolean;
  lowFits: Record<string, string>;
  highFits: Record<string, string>;
}

let report: Report;

beforeAll(async () => {
  const child = fileURLToPath(new URL('./children/above-2gib.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    timeout: 60_000,
  });
  report = JSON.parse(stdout) as Report;
});

describe('matrices above 2 GiB of WebAssembly memory', () => {
  it('have their unsigned address as byteOffset, and their data view starts there', () => {
    expect(report.memoryBytes).toBeGreaterThan(2 ** 31);
    expect(report.high).toHaveLength(2);
    for (const { byteOffset, viewOffset } of report.high) {
      expect(byteOffset).toBeGreaterThanOrEqual(2 ** 31);
      expect(byteOffset).toBeLessThan(report.memoryBytes);
      expect(viewOffset).toBe(byteOffset);
    }
  });

  it('are written without changing the matrices below 2 GiB', () => {
    expect(report.lowIntact).toBe(true);
  });
});

describe('fits on data above 2 GiB', () => {
  it('give the same coefficients, to the bit, as on the same data below 2 GiB: float64 and float32, one and two threads', () => {
    expect(Object.keys(report.highFits)).toEqual(['float64, 1 thread(s)', 'float32, 1 thread(s)', 'float64, 2 thread(s)', 'float32, 2 thread(s)']);
    expect(report.highFits).toEqual(report.lowFits);
    expect(report.workers).toBe(1); // the two-thread fits did run a worker thread
  });
});

describe('blocks within 64 KiB of 4 GiB', () => {
  // The first 64 KiB page holds the module's static data, so no block can be that large;
  // the allocator's page count for such a size would wrap around 2³² to a block of 0 pages.
  it('are refused with the 4 GiB RangeError, float64 and float32, before the memory grows', () => {
    const before = runtimeMemoryBytes();
    expect(() => Matrix.alloc((2 ** 32 - 2 ** 16) / 8 + 2, 1)).toThrow(
      new RangeError(
        "cannot allocate 536862722 float64 values (4294901776 bytes) in WebAssembly memory: wasm32 addresses 4 GiB at most; use dtype 'float32' or train in chunks with partialFit",
      ),
    );
    expect(() => Matrix.alloc(2 ** 30 - 1, 1, { dtype: 'float32' })).toThrow(
      new RangeError('Matrix.alloc: a 1073741823×1 float32 matrix needs 4294967292 bytes; wasm32 addresses 4 GiB at most; train in chunks with partialFit'),
    );
    expect(runtimeMemoryBytes()).toBe(before);
  });
});
