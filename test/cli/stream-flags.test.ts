// train --stream and the flags of the in-memory path: each one it cannot honour is refused
// as a usage error (never silently ignored), and --class-weight balanced, which partialFit
// cannot compute from one chunk, is computed from the first pass's counts.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

// 3 rows of class 0 for every row of class 1.
const DATA = tmp.file('data.csv', `a,b,y\n${Array.from({ length: 80 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 4 === 0 ? 1 : 0}`).join('\n')}\n`);
const stream = (...args: string[]) => cli(['train', DATA, '--target', 'y', '--quiet', '--stream', ...args]);

describe('train --stream refuses flags it cannot honour', () => {
  for (const [flags, message] of [
    [['--stratify'], '--stratify does not apply to --stream: its test rows are drawn row by row as the file streams past'],
    [['--max-iter', '5'], '--max-iter does not apply to --stream: it makes --epochs passes over the file'],
    [['--tol', '0.1'], '--tol does not apply to --stream: it makes --epochs passes over the file'],
    [['--dtype', 'float32'], '--stream trains in float64 (--dtype float32 needs a full-batch solver, without --stream)'],
  ] as const) {
    it(`${flags.join(' ')}`, async () => {
      const r = await stream(...flags);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(`logreg-wasm: ${message}`);
      expect(r.stderr).toContain('Usage: logreg-wasm train');
    });
  }

  it('accepts --dtype float64, which is what it trains in', async () => {
    expect((await stream('--dtype', 'float64', '--epochs', '1')).code).toBe(0);
  });
});

describe('train --stream --class-weight balanced', () => {
  it("weighs each class by training rows / (classes × the class's training rows), as scikit-learn", async () => {
    const out = tmp.path('balanced.json');
    const r = await stream('--class-weight', 'balanced', '--test-size', '0', '--epochs', '1', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // 60 rows of class 0 and 20 of class 1: 80 / (2 · 60) and 80 / (2 · 20).
    expect(JSON.parse(readFileSync(out, 'utf8')).estimator.options.classWeight).toEqual([
      [0, 80 / 120],
      [1, 80 / 40],
    ]);
    expect((await cli(['predict', out, DATA])).code).toBe(0);
  });
});
