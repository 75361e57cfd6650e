// `train --stream --standardize` and `--impute mean` on values near the float64 limit: the
// streamed statistics must neither overflow nor differ from the in-memory ones.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

// a: one 1.5e308 to two −1.5e308 (mean −5e307; x − mean overflows); b: ±1e300 (squares
// overflow); y follows b's sign; c is missing in one row of four.
const HUGE =
  'a,b,c,y\n' +
  Array.from({ length: 12 }, (_, i) => `${i % 3 < 1 ? '' : '-'}1.5e308,${i % 2 === 0 ? '' : '-'}1e300,${i % 4 === 3 ? 'NA' : `${i % 2 === 0 ? '' : '-'}1.7e308`},${i % 2}\n`).join('');

async function statistics(stream: boolean): Promise<{ mean: number[]; scale: number[]; fill: number }> {
  const model = tmp.path(`huge-${stream}.json`);
  const r = await cli(['train', tmp.file(`huge-${stream}.csv`, HUGE), '--target', 'y', '--standardize', '--impute', 'mean', '--test-size', '0', '--quiet', '--out', model, ...(stream ? ['--stream'] : [])]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const p = JSON.parse(readFileSync(model, 'utf8')).preprocessing;
  return { ...p.standardize, fill: p.impute.values.c };
}

describe('train --stream on values near the float64 limit', () => {
  it('gives finite means and scales equal to the in-memory ones to rounding', async () => {
    const streamed = await statistics(true);
    const inMemory = await statistics(false);
    for (const key of ['mean', 'scale'] as const) {
      streamed[key].forEach((x, j) => {
        const y = inMemory[key][j] as number;
        expect(Number.isFinite(x)).toBe(true);
        expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(y), 1e300));
      });
    }
    expect(inMemory.mean[0]).toBeCloseTo(-5e307, -295);
  });

  it('fills missing values with the mean, though the sum of the values overflows', async () => {
    // c's nine values are six 1.7e308 and three −1.7e308: the mean is 1.7e308 / 3.
    for (const stream of [true, false]) {
      const { fill } = await statistics(stream);
      expect(Math.abs(fill - 1.7e308 / 3)).toBeLessThanOrEqual(1e-12 * 1.7e308);
    }
  });
});
