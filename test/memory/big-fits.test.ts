/**
 * Fits whose data fill most of wasm32's 4 GiB: a float64 X of 2.5 GiB and a float32 X of
 * 3 GiB, each in a child Node (children/big-fit.ts) so the memory is returned when it
 * exits. They need ~4 GiB of RAM and a minute, so they run at full size only with
 *
 *   LOGREG_BIG_MEMORY=1 npx vitest run test/memory/big-fits.test.ts
 *
 * which also prints the figures (time, peak RSS). Otherwise the same checks run on a small
 * X, which keeps the child script working.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const BIG = process.env['LOGREG_BIG_MEMORY'] === '1';
const GiB = 2 ** 30;
const COLS = 20;
const CASES = [
  { dtype: 'float64', rows: BIG ? (2.5 * GiB) / (8 * COLS) : 20_000 },
  { dtype: 'float32', rows: BIG ? 40_000_000 : 20_000 },
] as const;

/** Bytes in GiB or MiB. */
function size(bytes: number): string {
  return bytes >= GiB ? `${(bytes / GiB).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

interface Report {
  xBytes: number;
  memoryBytes: number;
  seconds: number;
  maxRssBytes: number;
  nIter: number;
  coef: number[];
  intercept: number;
  signs: boolean[];
  accuracy: number;
  checksumBefore: number;
  checksumAfter: number;
}

async function bigFit(dtype: string, rows: number): Promise<Report> {
  const child = fileURLToPath(new URL('./children/big-fit.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, dtype, String(rows), String(COLS)], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    timeout: 600_000,
  });
  const report = JSON.parse(stdout) as Report;
  if (BIG) {
    console.log(
      `${dtype} X ${rows}×${COLS} (${size(report.xBytes)}): WebAssembly memory ${size(report.memoryBytes)}, fit ${report.seconds.toFixed(1)} s (${report.nIter} iterations), peak RSS ${size(report.maxRssBytes)}, accuracy ${report.accuracy}`,
    );
  }
  return report;
}

describe(`fits on a ${BIG ? 'multi-GiB' : 'small'} X in WebAssembly memory`, () => {
  for (const { dtype, rows } of CASES) {
    it(`trains a ${dtype} X of ${rows}×${COLS} (${size(rows * COLS * (dtype === 'float32' ? 4 : 8))}): finite coefficients that recover the rule, X untouched`, { timeout: BIG ? 900_000 : 60_000 }, async () => {
      const report = await bigFit(dtype, rows);
      // The full-size runs use memory past 2 GiB, where addresses are no longer valid as signed i32.
      expect(report.memoryBytes > 2 * GiB).toBe(BIG);
      expect(report.coef.every(Number.isFinite) && Number.isFinite(report.intercept)).toBe(true);
      expect(report.signs).toEqual(new Array<boolean>(COLS).fill(true));
      expect(report.accuracy).toBeGreaterThan(0.9);
      expect(report.checksumAfter).toBe(report.checksumBefore);
    });
  }
});
