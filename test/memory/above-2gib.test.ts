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

interface Report {
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
  });
});
