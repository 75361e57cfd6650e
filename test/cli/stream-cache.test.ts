// train --stream parses the data once into a cache of its rows and runs every pass from it
// (issue 18): the exact solvers out of core give the in-memory model, a kept cache (--cache)
// is reused only while the data and the parse are the same, a bad row anywhere in a large
// file is reported as train reports it before any training, and the fit is reproducible.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, truncateSync, utimesSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RandomState } from '../../src/datasets/random-state.js';
import { cli, expectClose, scratch, type CliResult } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

/** A seeded generator of uniform numbers in [0, 1) (numpy's legacy stream, the library's own). */
function random(seed: number): () => number {
  const state = new RandomState(seed);
  return () => state.randomSample();
}

/** A standard normal draw (Box–Muller). */
const normal = (u: () => number) => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());

/**
 * `rows` rows of `cols` numeric features x1…x{cols} (full-precision doubles, as String(x)
 * writes them) and a label y in 0…classes−1 drawn from a softmax of a linear score, so
 * the classes overlap and the optimum is finite.
 */
function numericRows(rows: number, cols: number, classes: number, seed: number): string[] {
  const u = random(seed);
  const w = Array.from({ length: classes }, () => Array.from({ length: cols }, () => normal(u)));
  const out: string[] = [];
  for (let i = 0; i < rows; i++) {
    const x = Array.from({ length: cols }, () => normal(u) * 2 + 0.5);
    const s = w.map((wk) => Math.exp(wk.reduce((a, v, j) => a + v * (x[j] as number), 0) * 0.6));
    let r = u() * s.reduce((a, b) => a + b, 0);
    let y = 0;
    while (y < classes - 1 && (r -= s[y] as number) > 0) y++;
    out.push(`${x.join(',')},${y}`);
  }
  return out;
}
const header = (cols: number) => `${Array.from({ length: cols }, (_, j) => `x${j + 1}`).join(',')},y`;
const csv = (cols: number, rows: string[]) => `${header(cols)}\n${rows.join('\n')}\n`;

const BINARY = tmp.file('binary.csv', csv(5, numericRows(2000, 5, 2, 1)));
const MULTI = tmp.file('multi.csv', csv(4, numericRows(2000, 4, 3, 2)));
// About 1 row of class 1 for 4 of class 0.
const SKEWED = tmp.file(
  'skewed.csv',
  csv(
    5,
    numericRows(2000, 5, 2, 3).map((row, i) => (i % 5 === 0 ? row : row.replace(/,\d+$/, ',0'))),
  ),
);
// Numeric columns with missing cells, a text column to one-hot encode.
const MIXED = (() => {
  const u = random(4);
  const colours = ['red', 'green', 'blue', 'amber'];
  const rows = Array.from({ length: 2000 }, (_, i) => {
    const a = normal(u) * 10 + 100;
    const b = normal(u) * 0.01;
    const c = normal(u);
    const colour = colours[Math.floor(u() * colours.length)] as string;
    const score = (a - 100) / 10 + b * 100 - c + (colour === 'red' ? 1 : colour === 'blue' ? -1 : 0) + normal(u);
    const cell = (v: number, k: number) => (i % 37 === k ? '' : String(v));
    return `${cell(a, 3)},${cell(b, 11)},${cell(c, 20)},${colour},${score > 0 ? 'yes' : 'no'}`;
  });
  return tmp.file('mixed.csv', `a,b,c,colour,y\n${rows.join('\n')}\n`);
})();

/** The model file's coefficients and intercepts, in one list. */
function parameters(file: string): number[] {
  const { coef, intercept } = JSON.parse(readFileSync(file, 'utf8')).estimator.model as { coef: number[][]; intercept: number[] };
  return [...coef.flat(), ...intercept];
}

let outputs = 0;
/** Runs train on `data` with `flags` (plus --stream when `streamed`), writing the model; the run and the model's parameters. */
async function fit(data: string, streamed: boolean, flags: string[]): Promise<{ r: CliResult; model: number[]; out: string }> {
  const out = tmp.path(`model-${++outputs}.json`);
  const r = await cli(['train', data, '--target', 'y', '--quiet', ...(streamed ? ['--stream', '--chunk-size', '300'] : []), ...flags, '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return { r, model: parameters(out), out };
}

/** The in-memory fit and the streamed one with the same flags; expects them equal to 1e-6 relative. */
async function expectSameFit(data: string, flags: string[]) {
  const memory = await fit(data, false, flags);
  const stream = await fit(data, true, flags);
  expectClose(stream.model, memory.model);
  return { memory, stream };
}

const EXACT = ['--test-size', '0', '--tol', '1e-10', '--max-iter', '1000'];

describe('train --stream with an exact solver lands on the in-memory model (chunks of 300 rows)', () => {
  it('a binary file, lbfgs with its default tolerance', async () => {
    await expectSameFit(BINARY, ['--solver', 'lbfgs', '--test-size', '0']);
  });

  it('a binary file, lbfgs to a tight tolerance', async () => {
    await expectSameFit(BINARY, ['--solver', 'lbfgs', ...EXACT]);
  });

  it('a 3-class file: one multinomial model', async () => {
    const { stream } = await expectSameFit(MULTI, ['--solver', 'lbfgs', ...EXACT]);
    expect(stream.model).toHaveLength(3 * 4 + 3);
  });

  it('--class-weight balanced: the weights counted on the first pass are the in-memory ones', async () => {
    await expectSameFit(SKEWED, ['--solver', 'lbfgs', '--class-weight', 'balanced', ...EXACT]);
  });

  it('--standardize, --one-hot of a text column and --impute mean of missing cells', async () => {
    const { memory, stream } = await expectSameFit(MIXED, ['--solver', 'lbfgs', '--standardize', '--one-hot', 'colour', '--impute', 'mean', ...EXACT]);
    // The preprocessing learnt from the cache is the in-memory one too.
    const pre = (file: string) => JSON.parse(readFileSync(file, 'utf8')).preprocessing;
    const a = pre(stream.out);
    const b = pre(memory.out);
    expect(a.features).toEqual(b.features);
    expect(a.oneHot).toEqual(b.oneHot);
    expect(a.impute.categories).toEqual(b.impute.categories);
    expectClose(Object.values(a.impute.values), Object.values(b.impute.values));
    expectClose(a.standardize.mean, b.standardize.mean);
    expectClose(a.standardize.scale, b.standardize.scale);
  });

  it('--standardize of a constant and of a nearly constant column: the scale train gives (1 where the variance is rounding error of the mean)', async () => {
    // c: 10^6 plus noise of standard deviation 10^-8, within n·ε·|mean| (4.4e-7 for 2000 rows), which
    // scikit-learn's StandardScaler (and train) takes as constant; k: constant.
    const u = random(12);
    const rows = numericRows(2000, 3, 2, 13).map((row) => {
      const [a, b, c, y] = row.split(',');
      return `${a},${b},${c},${1e6 + normal(u) * 1e-8},7.5,${y}`;
    });
    const data = tmp.file('near-constant.csv', `x1,x2,x3,c,k,y\n${rows.join('\n')}\n`);
    const { memory, stream } = await expectSameFit(data, ['--solver', 'lbfgs', '--standardize', ...EXACT]);
    const scale = (file: string) => JSON.parse(readFileSync(file, 'utf8')).preprocessing.standardize.scale as number[];
    expect(scale(memory.out).slice(3)).toEqual([1, 1]);
    expectClose(scale(stream.out), scale(memory.out));
  });

  it('--solver newton', async () => {
    await expectSameFit(BINARY, ['--solver', 'newton', ...EXACT]);
  });

  it('--solver owlqn --penalty l1: the same coefficients, the same ones exactly zero', async () => {
    const { memory, stream } = await expectSameFit(BINARY, ['--solver', 'owlqn', '--penalty', 'l1', '--C', '0.003', ...EXACT]);
    const zeros = (m: number[]) => m.slice(0, 5).map((v) => v === 0);
    // The penalty zeroes some coefficients, not all.
    expect(zeros(memory.model)).toContain(true);
    expect(zeros(memory.model)).toContain(false);
    expect(zeros(stream.model)).toEqual(zeros(memory.model));
  });

  it('--solver owlqn --penalty l1 on 3 classes', async () => {
    await expectSameFit(MULTI, ['--solver', 'owlqn', '--penalty', 'l1', '--C', '0.05', ...EXACT]);
  });

  it('the default split (--test-size 0.2): the same held-out rows, so the same test count and accuracy', async () => {
    const flags = ['--solver', 'lbfgs', '--tol', '1e-10', '--max-iter', '1000', '--json'];
    const { memory, stream } = await expectSameFit(MULTI, flags);
    const a = JSON.parse(stream.r.stdout);
    const b = JSON.parse(memory.r.stdout);
    expect(a.split.train).toBe(b.split.train);
    expect(a.split.test).toBe(b.split.test);
    expect(a.split.test).toBe(400);
    expect(a.test.rows).toBe(400);
    expect(a.test.accuracy).toBe(b.test.accuracy);
    expect(a.test.confusionMatrix).toEqual(b.test.confusionMatrix);
    expect(Math.abs(a.test.logLoss - b.test.logLoss)).toBeLessThan(1e-8);
  });

  it('another --random-state draws the in-memory split for that seed', async () => {
    const flags = ['--solver', 'lbfgs', '--tol', '1e-10', '--max-iter', '1000', '--random-state', '7', '--test-size', '0.3', '--json'];
    const { memory, stream } = await expectSameFit(BINARY, flags);
    const a = JSON.parse(stream.r.stdout);
    const b = JSON.parse(memory.r.stdout);
    expect(a.split.test).toBe(b.split.test);
    expect(a.test.confusionMatrix).toEqual(b.test.confusionMatrix);
  });
});

describe('train --stream --cache FILE', () => {
  const json = (r: CliResult) => JSON.parse(r.stdout) as { data: { rows: number; features: string[] }; fit: { parseMs: number; cache: { path: string; reused: boolean } | null } };
  const streamed = (data: string, cache: string, ...flags: string[]) =>
    cli(['train', data, '--target', 'y', '--quiet', '--stream', '--solver', 'lbfgs', '--test-size', '0', '--chunk-size', '300', '--cache', cache, '--json', ...flags]);
  const notes = (r: CliResult) => r.stderr.split('\n').filter((l) => l !== '');

  it('keeps the cache in FILE on the first run, and reports it not reused', async () => {
    const cache = tmp.path('first.cache');
    const r = await streamed(BINARY, cache);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(cache)).toBe(true);
    expect(json(r).fit.cache).toEqual({ path: cache, reused: false });
    expect(json(r).fit.parseMs).toBeGreaterThan(0);
    // Nothing else is left beside it (its temporary sibling was renamed into place).
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('first.cache'))).toEqual(['first.cache']);
  });

  it('reuses it on a second identical run, for the same model file byte for byte', async () => {
    const data = tmp.file('reuse.csv', readFileSync(BINARY));
    const cache = tmp.path('reuse.cache');
    const a = await streamed(data, cache, '--out', tmp.path('reuse-a.json'));
    const before = statSync(cache).mtimeMs;
    const b = await streamed(data, cache, '--out', tmp.path('reuse-b.json'));
    expect(b.code).toBe(0);
    expect(b.stderr).toBe('');
    expect(json(a).fit.cache?.reused).toBe(false);
    expect(json(b).fit.cache).toEqual({ path: cache, reused: true });
    expect(statSync(cache).mtimeMs).toBe(before);
    expect(readFileSync(tmp.path('reuse-b.json'), 'utf8')).toBe(readFileSync(tmp.path('reuse-a.json'), 'utf8'));
  });

  it('is the in-memory model when reused too', async () => {
    const cache = tmp.path('reused-exact.cache');
    await streamed(BINARY, cache);
    const out = tmp.path('reused-exact.json');
    const r = await streamed(BINARY, cache, '--tol', '1e-10', '--max-iter', '1000', '--out', out);
    expect(json(r).fit.cache?.reused).toBe(true);
    const memory = await fit(BINARY, false, ['--solver', 'lbfgs', ...EXACT]);
    expectClose(parameters(out), memory.model);
  });

  it('rebuilds it, with a note, when the data file has a new modification time', async () => {
    const data = tmp.file('touched.csv', readFileSync(BINARY));
    const cache = tmp.path('touched.cache');
    const a = await streamed(data, cache, '--out', tmp.path('touched-a.json'));
    const later = new Date(statSync(data).mtimeMs + 60_000);
    utimesSync(data, later, later);
    const b = await streamed(data, cache, '--out', tmp.path('touched-b.json'));
    expect(b.code).toBe(0);
    expect(notes(b)).toHaveLength(1);
    expect(notes(b)[0]).toMatch(new RegExp(`^note: rebuilding the cache ${cache.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\S`));
    expect(json(b).fit.cache).toEqual({ path: cache, reused: false });
    // The same rows: the same model.
    expect(parameters(tmp.path('touched-b.json'))).toEqual(parameters(tmp.path('touched-a.json')));
    expect(json(a).fit.cache?.reused).toBe(false);
    // And the rebuilt cache is reused by the next run.
    const c = await streamed(data, cache);
    expect(c.stderr).toBe('');
    expect(json(c).fit.cache?.reused).toBe(true);
  });

  it('rebuilds it when rows are appended, and the fit reflects the new rows', async () => {
    const data = tmp.file('grown.csv', readFileSync(BINARY));
    const cache = tmp.path('grown.cache');
    const a = await streamed(data, cache, '--out', tmp.path('grown-a.json'));
    expect(json(a).data.rows).toBe(2000);
    appendFileSync(data, `${numericRows(500, 5, 2, 99).join('\n')}\n`);
    const out = tmp.path('grown-b.json');
    const b = await streamed(data, cache, '--tol', '1e-10', '--max-iter', '1000', '--out', out);
    expect(b.code).toBe(0);
    expect(b.stderr).toMatch(/^note: rebuilding the cache .*grown\.cache: /);
    expect(json(b).fit.cache?.reused).toBe(false);
    expect(json(b).data.rows).toBe(2500);
    expectClose(parameters(out), (await fit(data, false, ['--solver', 'lbfgs', ...EXACT])).model);
  });

  it('rebuilds it when the data is replaced by a file of the same size (its modification time differs)', async () => {
    const data = tmp.file('replaced.csv', readFileSync(BINARY));
    const cache = tmp.path('replaced.cache');
    await streamed(data, cache);
    // The same bytes with two labels swapped: same size, other data.
    const text = readFileSync(data, 'utf8').replace(/,0\n/, ',2\n').replace(/,1\n/, ',0\n').replace(/,2\n/, ',1\n');
    writeFileSync(data, text);
    const later = new Date(statSync(data).mtimeMs + 120_000);
    utimesSync(data, later, later);
    const out = tmp.path('replaced.json');
    const r = await streamed(data, cache, '--tol', '1e-10', '--max-iter', '1000', '--out', out);
    expect(r.stderr).toMatch(/^note: rebuilding the cache /);
    expect(json(r).fit.cache?.reused).toBe(false);
    expectClose(parameters(out), (await fit(data, false, ['--solver', 'lbfgs', ...EXACT])).model);
  });

  it('rebuilds it for another --features list', async () => {
    const cache = tmp.path('features.cache');
    await streamed(BINARY, cache);
    const r = await streamed(BINARY, cache, '--features', 'x1,x3');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^note: rebuilding the cache .*features\.cache: \S/);
    expect(json(r).fit.cache?.reused).toBe(false);
    expect(json(r).data.features).toEqual(['x1', 'x3']);
  });

  it('rebuilds it for the same features in another order', async () => {
    const cache = tmp.path('order.cache');
    await streamed(BINARY, cache, '--features', 'x1,x2');
    const r = await streamed(BINARY, cache, '--features', 'x2,x1');
    expect(r.stderr).toMatch(/^note: rebuilding the cache /);
    expect(json(r).fit.cache?.reused).toBe(false);
    expect(json(r).data.features).toEqual(['x2', 'x1']);
  });

  it('rebuilds it for another --one-hot (the cached rows as wide as before)', async () => {
    const u = random(8);
    const data = tmp.file('levels.csv', `x,k,y\n${Array.from({ length: 1000 }, () => `${normal(u)},${Math.floor(u() * 4)},${u() < 0.5 ? 1 : 0}`).join('\n')}\n`);
    const cache = tmp.path('one-hot.cache');
    const a = await streamed(data, cache);
    expect(json(a).data.features).toEqual(['x', 'k']);
    const b = await streamed(data, cache, '--one-hot', 'k');
    expect(b.code).toBe(0);
    expect(b.stderr).toMatch(/^note: rebuilding the cache .*one-hot\.cache: \S/);
    expect(json(b).fit.cache?.reused).toBe(false);
    expect(json(b).data.features).toHaveLength(5);
    // And back: rebuilt again, not read as one-hot codes.
    const c = await streamed(data, cache);
    expect(c.stderr).toMatch(/^note: rebuilding the cache /);
    expect(json(c).data.features).toEqual(['x', 'k']);
  });

  it('rebuilds it when --impute mean is added', async () => {
    const cache = tmp.path('impute.cache');
    const data = tmp.file('complete.csv', readFileSync(BINARY));
    await streamed(data, cache);
    const r = await streamed(data, cache, '--impute', 'mean');
    expect(r.stderr).toMatch(/^note: rebuilding the cache /);
    expect(json(r).fit.cache?.reused).toBe(false);
  });

  it('rebuilds it for another --target (the cached rows as wide as before), and fits the new target', async () => {
    const data = tmp.file('targets.csv', `x1,x2,y,z\n${numericRows(800, 2, 2, 10).map((r, i) => `${r},${i % 3 === 0 ? 1 : 0}`).join('\n')}\n`);
    const cache = tmp.path('targets.cache');
    const a = await cli(['train', data, '--target', 'y', '--features', 'x1,x2', '--quiet', '--stream', '--solver', 'lbfgs', '--test-size', '0', '--cache', cache, '--json']);
    expect(json(a).fit.cache?.reused).toBe(false);
    const b = await cli(['train', data, '--target', 'z', '--features', 'x1,x2', '--quiet', '--stream', '--solver', 'lbfgs', '--test-size', '0', '--cache', cache, '--json']);
    expect(b.stderr).toMatch(/^note: rebuilding the cache /);
    expect(json(b).fit.cache?.reused).toBe(false);
    expect((JSON.parse(b.stdout) as { counts: number[] }).counts).toEqual([533, 267]);
  });

  it('rebuilds it when FILE was made from another data file, and fits the other file', async () => {
    const cache = tmp.path('shared.cache');
    const other = tmp.file('other.csv', csv(5, numericRows(1200, 5, 2, 11)));
    await streamed(BINARY, cache);
    const r = await streamed(other, cache);
    expect(r.stderr).toMatch(/^note: rebuilding the cache /);
    expect(json(r).data.rows).toBe(1200);
    const back = await streamed(BINARY, cache);
    expect(back.stderr).toMatch(/^note: rebuilding the cache /);
    expect(json(back).data.rows).toBe(2000);
  });

  it('reuses it for options that do not change the parse (--test-size, --standardize, --class-weight, --C), giving the in-memory model', async () => {
    const data = tmp.file('options.csv', readFileSync(MIXED));
    const cache = tmp.path('options.cache');
    const parse = ['--one-hot', 'colour', '--impute', 'mean'];
    expect(json(await streamed(data, cache, ...parse)).fit.cache?.reused).toBe(false);
    const fitFlags = ['--standardize', '--class-weight', 'balanced', '--C', '0.5', '--tol', '1e-10', '--max-iter', '1000'];
    const out = tmp.path('options.json');
    const r = await cli(['train', data, '--target', 'y', '--quiet', '--stream', '--solver', 'lbfgs', '--test-size', '0.25', '--chunk-size', '300', '--cache', cache, '--json', '--out', out, ...parse, ...fitFlags]);
    expect(r.stderr).toBe('');
    expect(json(r).fit.cache?.reused).toBe(true);
    const memory = await fit(data, false, ['--solver', 'lbfgs', '--test-size', '0.25', ...parse, ...fitFlags, '--json']);
    expectClose(parameters(out), memory.model);
    const a = JSON.parse(r.stdout);
    const b = JSON.parse(memory.r.stdout);
    expect(a.classes).toEqual(b.classes);
    expect(a.split.test).toBe(b.split.test);
    expect(a.test.confusionMatrix).toEqual(b.test.confusionMatrix);
    expect(JSON.parse(readFileSync(out, 'utf8')).preprocessing.oneHot).toEqual(JSON.parse(readFileSync(memory.out, 'utf8')).preprocessing.oneHot);
  });

  it('reuses it with sgd after lbfgs built it', async () => {
    const data = tmp.file('solvers.csv', readFileSync(BINARY));
    const cache = tmp.path('solvers.cache');
    await streamed(data, cache);
    const r = await cli(['train', data, '--target', 'y', '--quiet', '--stream', '--epochs', '2', '--cache', cache, '--json']);
    expect(r.stderr).toBe('');
    expect(json(r).fit.cache).toEqual({ path: cache, reused: true });
  });

  it('rebuilds, never crashes on, a FILE that is not a cache (random bytes), naming why', async () => {
    const u = random(5);
    const cache = tmp.file('random.cache', Uint8Array.from({ length: 5000 }, () => Math.floor(u() * 256)));
    const r = await streamed(BINARY, cache);
    expect(r.code).toBe(0);
    expect(notes(r)).toEqual([`note: rebuilding the cache ${cache}: not a --stream row cache (no magic number at its start)`]);
    expect(json(r).fit.cache).toEqual({ path: cache, reused: false });
    expect((await streamed(BINARY, cache)).stderr).toBe('');
  });

  it('rebuilds a truncated cache, naming why', async () => {
    const cache = tmp.path('truncated.cache');
    await streamed(BINARY, cache);
    truncateSync(cache, statSync(cache).size - 100);
    const r = await streamed(BINARY, cache);
    expect(r.code).toBe(0);
    expect(notes(r)).toHaveLength(1);
    expect(notes(r)[0]).toMatch(new RegExp(`^note: rebuilding the cache .*truncated\\.cache: truncated`));
    expect(json(r).fit.cache?.reused).toBe(false);
    expect((await streamed(BINARY, cache)).stderr).toBe('');
  });

  it('rebuilds an empty FILE, naming why', async () => {
    const cache = tmp.file('empty.cache', '');
    const r = await streamed(BINARY, cache);
    expect(r.code).toBe(0);
    expect(notes(r)).toEqual([`note: rebuilding the cache ${cache}: an empty file`]);
  });

  it('leaves no FILE and no temporary file beside it when the parse fails on a bad row', async () => {
    const dir = tmp.path('failed-parse');
    mkdirSync(dir);
    const bad = tmp.file('failed-parse.csv', csv(5, numericRows(3000, 5, 2, 14).map((row, i) => (i === 2900 ? row.replace(/^[^,]*/, 'abc') : row))));
    const r = await streamed(bad, join(dir, 'rows.cache'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^logreg-wasm: .*failed-parse\.csv: row 2902, column 'x1' \(1\): "abc" is not a number/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails in one line naming FILE when its directory does not exist', async () => {
    const cache = tmp.path('no-such-dir/rows.cache');
    const r = await streamed(BINARY, cache);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`logreg-wasm: ${cache}: cannot create the --stream cache (no such directory)\n`);
  });

  it('fails, leaving it as it was, when FILE is a directory', async () => {
    const dir = tmp.path('a-directory.cache');
    mkdirSync(dir);
    const r = await streamed(BINARY, dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^logreg-wasm: .*a-directory\\.cache: cannot write the --stream cache`));
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('a-directory.cache'))).toEqual(['a-directory.cache']);
  });

  // As --out naming the data file is refused (output-files.test.ts): exit 1, one line naming both.
  it('refuses FILE when it is the data file, leaving the data as it was', async () => {
    const data = tmp.file('self.csv', readFileSync(BINARY));
    const r = await cli(['train', data, '--target', 'y', '--quiet', '--stream', '--cache', data]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`logreg-wasm: --cache ${data} is the input file ${data}; writing it would replace the input (choose another file)\n`);
    expect(readFileSync(data)).toEqual(readFileSync(BINARY));
  });

  it('refuses FILE when it is the data file spelt another way (a symbolic link)', async () => {
    const data = tmp.file('linked.csv', readFileSync(BINARY));
    const link = tmp.path('link.cache');
    symlinkSync(data, link);
    const r = await cli(['train', data, '--target', 'y', '--quiet', '--stream', '--cache', link]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^logreg-wasm: --cache .*link\.cache is the input file .*linked\.csv; writing it would replace the input/);
    expect(readFileSync(data)).toEqual(readFileSync(BINARY));
  });

  it('refuses FILE when it is the --out file', async () => {
    const same = tmp.path('both.json');
    const r = await cli(['train', BINARY, '--target', 'y', '--quiet', '--stream', '--cache', same, '--out', same]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('logreg-wasm: --cache and --out name the same file');
    expect(existsSync(same)).toBe(false);
  });

  it('refuses --cache without --stream', async () => {
    const cache = tmp.path('unstreamed.cache');
    const r = await cli(['train', BINARY, '--target', 'y', '--quiet', '--cache', cache]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('logreg-wasm: --cache needs --stream');
    expect(existsSync(cache)).toBe(false);
  });
});

describe('a failed train --stream run leaves no file open', () => {
  /** The descriptors of this process open on `file` (a leaked FileHandle stays open until it is garbage collected). */
  const openOn = (file: string) =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === file;
      } catch {
        return false; // closed meanwhile (the listing's own descriptor)
      }
    });
  const copy = (name: string, rows = readFileSync(BINARY, 'utf8')) => tmp.file(name, rows);

  for (const [what, make] of [
    ['an unknown --target column', (f: string) => ['train', f, '--target', 'nosuch', '--quiet', '--stream']],
    ['an unknown --features column', (f: string) => ['train', f, '--target', 'y', '--features', 'x1,nosuch', '--quiet', '--stream']],
    ['a --cache FILE in a directory that does not exist', (f: string) => ['train', f, '--target', 'y', '--quiet', '--stream', '--cache', tmp.path('missing-dir/rows.cache')]],
    ['too many classes for --max-classes', (f: string) => ['train', f, '--target', 'x1', '--quiet', '--stream']],
  ] as const) {
    it(`on ${what}`, async () => {
      const data = copy(`open-${what.replace(/\W+/g, '-')}.csv`);
      const r = await cli(make(data));
      expect(r.code).not.toBe(0);
      expect(openOn(data)).toEqual([]);
    });
  }

  it('on a bad row', async () => {
    const data = copy('open-bad-row.csv', csv(5, numericRows(3000, 5, 2, 15).map((row, i) => (i === 2000 ? row.replace(/^[^,]*/, 'abc') : row))));
    expect((await cli(['train', data, '--target', 'y', '--quiet', '--stream'])).code).toBe(1);
    expect(openOn(data)).toEqual([]);
  });

  it('nor does a run that succeeds, or reuses a kept cache', async () => {
    const data = copy('open-ok.csv');
    const cache = tmp.path('open-ok.cache');
    for (let k = 0; k < 2; k++) expect((await cli(['train', data, '--target', 'y', '--quiet', '--stream', '--cache', cache])).code).toBe(0);
    expect(openOn(data)).toEqual([]);
    expect(openOn(cache)).toEqual([]);
  });
});

describe('train --stream without --cache', () => {
  const TEMPORARY = /^logreg-wasm-rows-/;

  /** Runs `args` in process with os.tmpdir() a fresh directory; what was created there during the run, and what is left. */
  async function inPrivateTmp(args: string[]) {
    const dir = tmp.path(`tmpdir-${++outputs}`);
    mkdirSync(dir);
    const seen = new Set<string>();
    const watcher = watch(dir, (_event, name) => name !== null && seen.add(String(name)));
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = dir;
    let r: CliResult;
    try {
      expect(tmpdir()).toBe(dir);
      r = await cli(args);
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    watcher.close();
    return { r, created: [...seen].filter((f) => TEMPORARY.test(f)), left: readdirSync(dir) };
  }

  it('leaves no logreg-wasm-rows-* file in the temporary directory after a run (it made one there)', async () => {
    const { r, created, left } = await inPrivateTmp(['train', BINARY, '--target', 'y', '--quiet', '--stream', '--solver', 'lbfgs', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).fit.cache).toBeNull();
    expect(created.length).toBeGreaterThan(0);
    expect(left).toEqual([]);
  });

  it('leaves none after a run that fails on a bad row', async () => {
    const bad = tmp.file('bad-row.csv', csv(5, numericRows(3000, 5, 2, 6).map((row, i) => (i === 2500 ? row.replace(/^[^,]*/, 'abc') : row))));
    const { r, left } = await inPrivateTmp(['train', bad, '--target', 'y', '--quiet', '--stream']);
    expect(r.code).toBe(1);
    expect(left).toEqual([]);
  });

  for (const [what, make] of [
    ['too many classes for --max-classes', () => ['train', BINARY, '--target', 'x1', '--quiet', '--stream']],
    ['a --test-size that holds out every row', () => ['train', tmp.file('one-row.csv', csv(5, numericRows(1, 5, 2, 16))), '--target', 'y', '--quiet', '--stream']],
    ['a header and no rows', () => ['train', tmp.file('no-rows.csv', `${header(5)}\n`), '--target', 'y', '--quiet', '--stream']],
  ] as const) {
    it(`leaves none after a run refused once the rows are parsed: ${what}`, async () => {
      const { r, left } = await inPrivateTmp([...make()]);
      expect(r.code).toBe(1);
      expect(left.filter((f) => TEMPORARY.test(f))).toEqual([]);
    });
  }

  it('leaves none from the CLI run as a process (TMPDIR a fresh directory)', async () => {
    const root = join(import.meta.dirname, '../..');
    const bundle = join(root, 'dist/cli.js');
    // The bundle, or (while it is being rebuilt) the sources through tsx.
    const command = existsSync(bundle) ? [bundle] : ['--import', join(root, 'node_modules/tsx/dist/esm/index.mjs'), join(root, 'src/cli/bin.ts')];
    const dir = tmp.path('tmpdir-child');
    mkdirSync(dir);
    const child = spawnSync(process.execPath, [...command, 'train', BINARY, '--target', 'y', '--quiet', '--stream', '--epochs', '2'], {
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: dir },
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(readdirSync(dir).filter((f) => TEMPORARY.test(f))).toEqual([]);
  });
});

describe('train --stream and a bad row near the end of a file past the fast path’s first 4 MiB block', () => {
  // About 5.6 MB: 60,000 rows of 5 full-precision values.
  const ROWS = numericRows(60_000, 5, 2, 7);
  const AT = 59_990; // data row index; line AT + 2 of the file
  const bigFile = (name: string, rows: string[]) => tmp.file(name, csv(5, rows));

  async function expectSameError(data: string, expected: string) {
    expect(statSync(data).size).toBeGreaterThan(5 * 1024 * 1024);
    const memory = await cli(['train', data, '--target', 'y', '--quiet']);
    const stream = await cli(['train', data, '--target', 'y', '--stream']);
    expect(memory.code).toBe(1);
    expect(stream.code).toBe(1);
    expect(stream.stdout).toBe('');
    const first = (r: CliResult) => r.stderr.split('\n').find((l) => l.startsWith('logreg-wasm: '));
    expect(first(stream)).toBe(first(memory));
    expect(first(stream)).toContain(expected);
    // Reported on the parse pass, before any training.
    expect(stream.stderr).not.toMatch(/^(epoch|iteration) /m);
  }

  it('a text cell in a numeric column: its row and column, as train reports them', async () => {
    const data = bigFile('big-text.csv', ROWS.map((row, i) => (i === AT ? row.replace(/^([^,]*),[^,]*/, '$1,abc') : row)));
    await expectSameError(data, `row ${AT + 2}, column 'x2' (2): "abc" is not a number`);
  });

  it('a ragged row: its row and field count, as train reports them', async () => {
    const data = bigFile('big-ragged.csv', ROWS.map((row, i) => (i === AT ? `${row},1.5` : row)));
    await expectSameError(data, `row ${AT + 2} has 7 fields; the header has 6`);
  });

  it('a short row: as train reports it', async () => {
    const data = bigFile('big-short.csv', ROWS.map((row, i) => (i === AT ? row.replace(/^[^,]*,/, '') : row)));
    await expectSameError(data, `row ${AT + 2} has 5 fields; the header has 6`);
  });

  /** The index of the data row whose line holds byte `at` of the file `csv(5, rows)`. */
  function rowAt(rows: string[], at: number): number {
    let offset = header(5).length + 1;
    for (const [i, row] of rows.entries()) {
      offset += row.length + 1;
      if (offset > at) return i;
    }
    throw new Error('past the end');
  }
  const BOUNDARY = 4 * 1024 * 1024;

  it('a text cell in the row that straddles the first block’s end: as train reports it', async () => {
    const at = rowAt(ROWS, BOUNDARY);
    const data = bigFile('big-straddle.csv', ROWS.map((row, i) => (i === at ? row.replace(/^([^,]*,[^,]*,[^,]*),[^,]*/, '$1,abc') : row)));
    await expectSameError(data, `row ${at + 2}, column 'x4' (4): "abc" is not a number`);
  });

  it('a text cell after a quoted row (csv-parse reads on from there): the same row number as train', async () => {
    const data = bigFile(
      'big-quoted-then-bad.csv',
      ROWS.map((row, i) => (i === 1000 ? row.split(',').map((c) => `"${c}"`).join(',') : i === AT ? row.replace(/^([^,]*),[^,]*/, '$1,abc') : row)),
    );
    await expectSameError(data, `row ${AT + 2}, column 'x2' (2): "abc" is not a number`);
  });

  it('a text cell in a CRLF file: the same row number as train', async () => {
    const rows = ROWS.map((row, i) => (i === AT ? row.replace(/^([^,]*),[^,]*/, '$1,abc') : row));
    const data = tmp.file('big-crlf.csv', `${header(5)}\r\n${rows.join('\r\n')}\r\n`);
    await expectSameError(data, `row ${AT + 2}, column 'x2' (2): "abc" is not a number`);
  });

  it('quoted numbers (read by csv-parse) in either block give the model of the same file unquoted', async () => {
    // Rows of quoted cells in the first block, straddling its end, and in the second block.
    const quotedRows = new Set([7_000, rowAt(ROWS, BOUNDARY) - 1, rowAt(ROWS, BOUNDARY), rowAt(ROWS, BOUNDARY) + 1, 59_999]);
    const quoted = bigFile('big-quoted.csv', ROWS.map((row, i) => (quotedRows.has(i) ? row.split(',').map((c) => `"${c}"`).join(',') : row)));
    const plain = bigFile('big-plain.csv', ROWS);
    const flags = ['--solver', 'lbfgs', '--test-size', '0', '--tol', '1e-10', '--max-iter', '1000'];
    const a = await fit(plain, true, flags);
    const b = await fit(quoted, true, flags);
    // The same values parsed by either reader: the same cache, the same model bit for bit.
    expect(b.model).toEqual(a.model);
    const memory = await fit(quoted, false, flags);
    expectClose(b.model, memory.model);
    // In memory, a quoted number is that number too.
    expect((await fit(plain, false, flags)).model).toEqual(memory.model);
  });
});

describe('train --stream reads an unusual but valid CSV file as train does', () => {
  const flags = ['--solver', 'lbfgs', '--test-size', '0', '--tol', '1e-10', '--max-iter', '1000', '--impute', 'mean'];

  /** Either both fit the same model, or both fail with the same first line. */
  async function expectSameReading(data: string) {
    const memory = await cli(['train', data, '--target', 'y', '--quiet', ...flags, '--out', `${data}.memory.json`]);
    const stream = await cli(['train', data, '--target', 'y', '--quiet', '--stream', '--chunk-size', '300', ...flags, '--out', `${data}.stream.json`]);
    expect(stream.stderr.split('\n')[0]).toBe(memory.stderr.split('\n')[0]);
    expect(stream.code).toBe(memory.code);
    if (memory.code === 0) expectClose(parameters(`${data}.stream.json`), parameters(`${data}.memory.json`));
    return memory.code;
  }

  const spellings = (i: number, v: number) =>
    [String(v), v < 0 ? String(v) : `+${v}`, v.toExponential(), v.toExponential().toUpperCase(), ` ${v} `, `${v}\t`, String(v).replace(/^(-?)0\./, '$1.'), 'NaN', 'nan', 'NA', '', '?', 'null'][i % 13] as string;
  const rows = numericRows(1500, 3, 2, 9).map((row, i) => {
    const cells = row.split(',');
    return [spellings(i, Number(cells[0])), spellings(i + 5, Number(cells[1])), cells[2], cells[3]].join(',');
  });

  it('signs, exponents, spaces, leading dots and the missing-value spellings, with --impute mean', async () => {
    expect(await expectSameReading(tmp.file('spellings.csv', `${header(3)}\n${rows.join('\n')}\n`))).toBe(0);
  });

  it('a byte-order mark, CRLF line ends and no line end after the last row', async () => {
    expect(await expectSameReading(tmp.file('bom-crlf.csv', `\ufeff${header(3)}\r\n${rows.join('\r\n')}`))).toBe(0);
  });

  it('a blank line midway', async () => {
    await expectSameReading(tmp.file('blank.csv', `${header(3)}\n${rows.slice(0, 700).join('\n')}\n\n${rows.slice(700).join('\n')}\n`));
  });

  it('semicolons as the delimiter', async () => {
    expect(await expectSameReading(tmp.file('semicolons.csv', `${header(3).replaceAll(',', ';')}\n${rows.map((r) => r.replaceAll(',', ';')).join('\n')}\n`))).toBe(0);
  });

  it('a quoted cell with a line feed in a one-hot column, then a bad row: the same row number as train', async () => {
    const cells = rows.map((r, i) => `${r},${i === 100 ? '"two\nlines"' : i % 2 === 0 ? 'a' : 'b'}`);
    cells[1200] = (cells[1200] as string).replace(/,[^,]*,/, ',abc,');
    const data = tmp.file('multiline.csv', `x1,x2,x3,y,k\n${cells.join('\n')}\n`);
    const memory = await cli(['train', data, '--target', 'y', '--quiet', '--one-hot', 'k', ...flags]);
    const stream = await cli(['train', data, '--target', 'y', '--quiet', '--stream', '--one-hot', 'k', ...flags]);
    expect(memory.code).toBe(1);
    expect(stream.code).toBe(1);
    expect(stream.stderr.split('\n')[0]).toBe(memory.stderr.split('\n')[0]);
  });
});

describe('train --stream is reproducible', () => {
  const flags = ['--solver', 'lbfgs', '--test-size', '0'];

  it('two runs give the same coefficients bit for bit', async () => {
    const a = await fit(MULTI, true, flags);
    const b = await fit(MULTI, true, flags);
    expect(b.model).toEqual(a.model);
    expect(readFileSync(b.out, 'utf8')).toBe(readFileSync(a.out, 'utf8'));
  });

  it('--threads 1 and --threads 2 give the same coefficients bit for bit', async () => {
    const a = await fit(MULTI, true, [...flags, '--threads', '1']);
    const b = await fit(MULTI, true, [...flags, '--threads', '2']);
    expect(b.model).toEqual(a.model);
  });

  it('--threads 1 and --threads 2 give the same newton model bit for bit', async () => {
    const a = await fit(BINARY, true, ['--solver', 'newton', '--test-size', '0', '--threads', '1']);
    const b = await fit(BINARY, true, ['--solver', 'newton', '--test-size', '0', '--threads', '2']);
    expect(b.model).toEqual(a.model);
  });

  it('sgd: two runs give the same coefficients bit for bit', async () => {
    const a = await fit(BINARY, true, ['--epochs', '3']);
    const b = await fit(BINARY, true, ['--epochs', '3']);
    expect(b.model).toEqual(a.model);
  });
});
