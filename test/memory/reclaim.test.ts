/**
 * Matrices and models dropped without dispose(): their JS objects are tiny, so the engine
 * sees no reason to collect them while their WebAssembly blocks fill the 4 GiB memory. An
 * allocation that finds the memory full frees the blocks of unreachable owners and tries
 * again (Node); where no collection can be started (browsers) it fails with an error that
 * says large blocks need dispose(). Each case runs in a child Node (children/reclaim.ts),
 * which first fills the memory to 100 MiB below 4 GiB with a block whose pages are never
 * written, so the drops reach the limit in a second. With LOGREG_BIG_MEMORY=1 the first
 * case drops 600 matrices into an empty memory instead (4.8 GB; about a minute).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const BIG = process.env['LOGREG_BIG_MEMORY'] === '1';

interface Report {
  allocated: number;
  error: { name: string; message: string } | null;
  memoryBytes: number;
  seconds: number;
  keptIntact: boolean | null;
}

async function drop(kind: 'matrices' | 'models', count: number, headroom: number | 'full', mode?: 'no-gc'): Promise<Report> {
  const child = fileURLToPath(new URL('./children/reclaim.ts', import.meta.url));
  const args = ['--import', 'tsx', child, kind, String(count), String(headroom), ...(mode === undefined ? [] : [mode])];
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    timeout: 600_000,
  });
  return JSON.parse(stdout) as Report;
}

describe('Matrix.alloc blocks dropped without dispose()', () => {
  const { count, headroom } = BIG ? { count: 600, headroom: 'full' as const } : { count: 40, headroom: 100 };
  const dropped = `${count} × 8 MB${headroom === 'full' ? '' : ` into the last ${headroom} MiB`}`;

  it(`are reclaimed when the memory is full, so every allocation succeeds (${dropped}, Node)`, { timeout: 600_000 }, async () => {
    const report = await drop('matrices', count, headroom);
    if (BIG) console.log(`${count} dropped Matrix.alloc(1000, 1000): ${report.seconds.toFixed(1)} s, WebAssembly memory ${(report.memoryBytes / 2 ** 30).toFixed(2)} GiB`);
    expect(report.error).toBeNull();
    expect(report.allocated).toBe(count);
    expect(count * 8e6).toBeGreaterThan(headroom === 'full' ? 2 ** 32 : headroom * 2 ** 20); // the drops did exceed the room
    // The finalizers of reclaimed matrices, run by later collections, free nothing twice:
    // matrices allocated after the drops keep their values.
    expect(report.keptIntact).toBe(true);
  });

  it('make a full memory fail with a RangeError that says large blocks need dispose() where no garbage collection can be started', async () => {
    const report = await drop('matrices', 40, 100, 'no-gc');
    expect(report.allocated).toBeGreaterThan(0);
    expect(report.allocated).toBeLessThan(40);
    expect(report.error?.name).toBe('RangeError');
    expect(report.error?.message).toMatch(
      new RegExp(
        `^WebAssembly memory could not grow to hold 1000000 float64 values \\(8000000 bytes; 4\\.00 GiB in use of 4 GiB\\): ${report.allocated} Matrix\\.alloc matrices and fitted models not yet disposed hold 0\\.\\d\\d GiB of it, and in this engine large blocks need dispose\\(\\)`,
      ),
    );
  });
});

describe('models dropped without dispose()', () => {
  it('have their parameters reclaimed when the memory is full, so every model can be built (20 × 8 MB into the last 100 MiB, Node)', async () => {
    const report = await drop('models', 20, 100);
    expect(report.error).toBeNull();
    expect(report.allocated).toBe(20);
  });
});
