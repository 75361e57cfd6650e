// `train --standardize` on columns of values near the float64 limit: the statistics come
// from StandardScaler, which must not overflow into a NaN the CLI then blames on the file.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

// Column a is 1.5e308, 1.5e308, −1.5e308, −1.5e308, … (its running sum overflows float64);
// b is ±1e300 (its squares do); y follows b's sign.
const HUGE = 'a,b,y\n' +
  Array.from({ length: 12 }, (_, i) => `${i % 4 < 2 ? '' : '-'}1.5e308,${i % 2 === 0 ? '' : '-'}1e300,${i % 2}\n`).join('');

describe('train --standardize on values near the float64 limit', () => {
  it('trains, saving finite means and scales, instead of reporting NaN in the file', async () => {
    const model = tmp.path('huge.json');
    const r = await cli(['train', tmp.file('huge.csv', HUGE), '--target', 'y', '--standardize', '--test-size', '0', '--quiet', '--out', model]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { mean, scale } = JSON.parse(readFileSync(model, 'utf8')).preprocessing.standardize as { mean: number[]; scale: number[] };
    // Both columns have mean 0 and every deviation as large as the value itself, so the
    // standard deviations are 1.5e308 and 1e300 (to the rounding of twelve summed squares).
    expect(mean).toEqual([0, 0]);
    [1.5e308, 1e300].forEach((s, j) => expect(Math.abs((scale[j] as number) - s)).toBeLessThanOrEqual(4 * Number.EPSILON * s));
  });

  it('predicts the training labels back from the saved model', async () => {
    const model = tmp.path('huge2.json');
    await cli(['train', tmp.file('huge2.csv', HUGE), '--target', 'y', '--standardize', '--test-size', '0', '--quiet', '--out', model]);
    const p = await cli(['predict', model, tmp.file('new.csv', 'a,b\n1.5e308,1e300\n-1.5e308,-1e300\n')]);
    expect(p.code).toBe(0);
    expect(p.stdout).toBe('y\n0\n1\n');
  });
});

// Column a is 1.5e308 once in three rows, −1.5e308 otherwise: mean −5e307, so 1.5e308 − mean
// overflows although (1.5e308 − mean) / scale is about 1.4. y follows a's sign.
const SKEWED = 'a,b,y\n' +
  Array.from({ length: 12 }, (_, i) => `${i % 3 === 0 ? '' : '-'}1.5e308,${i % 5},${i % 3 === 0 ? 1 : 0}\n`).join('');

describe('train --standardize when a value minus its column mean overflows', () => {
  it('standardises in range and predicts the training labels back', async () => {
    const model = tmp.path('skewed.json');
    const data = tmp.file('skewed.csv', SKEWED);
    const r = await cli(['train', data, '--target', 'y', '--standardize', '--test-size', '0', '--quiet', '--out', model]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const p = await cli(['predict', model, data]);
    expect(p.code).toBe(0);
    expect(p.stdout.trim().split('\n').slice(1)).toEqual(Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? '1' : '0')));
  });

  it('trains with --stream on the same file', async () => {
    const model = tmp.path('skewed-stream.json');
    const r = await cli(['train', tmp.file('skewed2.csv', SKEWED), '--target', 'y', '--standardize', '--stream', '--test-size', '0', '--quiet', '--out', model]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { mean, scale } = JSON.parse(readFileSync(model, 'utf8')).preprocessing.standardize as { mean: number[]; scale: number[] };
    expect(Math.abs((mean[0] as number) + 5e307)).toBeLessThanOrEqual(4 * Number.EPSILON * 5e307);
    expect(Number.isFinite(scale[0]) && (scale[0] as number) > 1e308).toBe(true);
  });
});
