// train --stream and the flags of the in-memory path: each one it cannot honour is refused
// as a usage error (never silently ignored), and --class-weight balanced, which partialFit
// cannot compute from one chunk, is computed from the first pass's counts. A file that
// changes between its passes is refused.
import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../src/cli/progress.js';
import { trainStream } from '../../src/cli/stream-train.js';
import { fileSource } from '../../src/cli/tables.js';
import { cli, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

// 3 rows of class 0 for every row of class 1.
const DATA = tmp.file('data.csv', `a,b,y\n${Array.from({ length: 80 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 4 === 0 ? 1 : 0}`).join('\n')}\n`);
const stream = (...args: string[]) => cli(['train', DATA, '--target', 'y', '--quiet', '--stream', ...args]);

describe('train --stream refuses flags it cannot honour', () => {
  for (const [flags, message] of [
    [['--stratify'], '--stratify does not apply to --stream: its held-out rows are drawn as train draws them without --stratify'],
    [['--max-iter', '5'], '--max-iter does not apply to --stream: sgd makes --epochs passes over the file (--solver lbfgs takes --max-iter)'],
    [['--tol', '0.1'], '--tol does not apply to --stream: sgd makes --epochs passes over the file (--solver lbfgs takes --tol)'],
    [['--solver', 'gd'], "--stream trains with --solver sgd (approximate, --epochs passes) or lbfgs, owlqn or newton (exact, one pass per evaluation); got 'gd'"],
    [['--solver', 'lbfgs', '--epochs', '3'], '--epochs applies to --solver sgd; --solver lbfgs makes a pass per evaluation until it converges (--max-iter, --tol)'],
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

describe('train --stream --solver lbfgs|owlqn|newton: the exact fit, a pass over the file per evaluation', () => {
  const model = (file: string) => JSON.parse(readFileSync(file, 'utf8')).estimator.model as { coef: number[][]; intercept: number[] };
  const gap = (a: { coef: number[][]; intercept: number[] }, b: { coef: number[][]; intercept: number[] }) => {
    const x = [...a.coef.flat(), ...a.intercept];
    const z = [...b.coef.flat(), ...b.intercept];
    return Math.max(...x.map((v, j) => Math.abs(v - (z[j] as number)))) / Math.max(...z.map(Math.abs));
  };

  for (const solver of ['lbfgs', 'newton', 'owlqn']) {
    it(`--solver ${solver} lands on the model train gives in memory on every row (chunks of 7 rows)`, async () => {
      const flags = ['--solver', solver, '--tol', '1e-10', '--max-iter', '1000', '--one-hot', 'b', '--class-weight', 'balanced', '--test-size', '0'];
      const inMemory = tmp.path(`memory-${solver}.json`);
      const streamed = tmp.path(`stream-${solver}.json`);
      expect((await cli(['train', DATA, '--target', 'y', '--quiet', ...flags, '--out', inMemory])).code).toBe(0);
      const r = await stream(...flags, '--chunk-size', '7', '--out', streamed);
      expect(r.stderr).toBe('');
      expect(gap(model(streamed), model(inMemory))).toBeLessThan(1e-6);
    });
  }

  it('reports the solver, its iterations and that each evaluation is a pass', async () => {
    const r = await cli(['train', DATA, '--target', 'y', '--stream', '--solver', 'lbfgs', '--quiet']);
    expect(r.stdout).toMatch(/^Fit: lbfgs, \d+ iterations, converged \(a pass over the cached rows per evaluation\), /m);
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

describe('train --stream and a file that changes while it is read', () => {
  const request = (file: string, progress: Progress) => ({
    source: fileSource(file, 'csv', null),
    target: 'y',
    features: [],
    request: { oneHot: [], impute: null, standardize: false },
    epochs: 3,
    chunkRows: 100,
    testSize: 0.2,
    maxClasses: 100,
    options: { solver: 'sgd' as const, randomState: 1 },
    progress,
  });

  it('is refused in one message saying so when the file grows during the parse pass (never a mix)', async () => {
    const file = tmp.file('growing.csv', `a,y\n${Array.from({ length: 20 }, (_, i) => `${i},${i % 2}`).join('\n')}\n`);
    const r = await cli(['train', file, '--target', 'y', '--stream', '--quiet']); // unchanged: trains
    expect(r.code).toBe(0);
    // The parse pass's byte progress appends rows, as a log file being written would.
    const progress = { phase: () => {}, bytes: () => appendFileSync(file, '5,1\n6,0\n7,2\n'), update: () => {}, done: () => {} } as unknown as Progress;
    await expect(trainStream(request(file, progress))).rejects.toThrow(/growing\.csv: changed while --stream was reading it; train on a copy that stays put$/);
  });

  it('trains on the rows it parsed when the file changes after the parse pass (the epochs read the cache)', async () => {
    const file = tmp.file('later.csv', `a,y\n${Array.from({ length: 20 }, (_, i) => `${i},${i % 2}`).join('\n')}\n`);
    const progress = { phase: () => {}, bytes: () => {}, update: () => appendFileSync(file, '5,1\n6,0\n7,2\n'), done: () => {} } as unknown as Progress;
    const result = await trainStream(request(file, progress));
    expect(result.rows).toBe(20);
    expect(result.model.classes).toEqual([0, 1]);
  });
});
