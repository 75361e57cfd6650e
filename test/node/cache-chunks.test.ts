// cacheChunks (src/node/cache-chunks.ts): a chunk source read once. Fits on the cached
// passes give the bits the source gives (fitStream's SGD depends on the chunk boundaries,
// which later passes keep), the source runs once for any number of passes, a first pass
// that stops early leaves no cache, and the files go on dispose() or at exit.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsrMatrix, LogisticRegression, Matrix, type StreamChunk, fitChunks, fitStream, makeClassification } from '../../src/index.js';
import { cacheChunks } from '../../src/node/index.js';
import { removeRowCachesNow } from '../../src/node/row-cache.js';
import { useOwnTmpdir } from './own-tmpdir.js';

// Each test's temporary directory is its own, so the cache's files are seen, and none is left.
const ownDir = useOwnTmpdir('logreg-cache-chunks-');

const { X, y } = makeClassification({ nSamples: 1300, nFeatures: 5, nInformative: 4, nRedundant: 0, nClasses: 3, randomState: 7 });
const rows = X.toArray();
const labels = Array.from(y as ArrayLike<number>);
const NAMES = ['setosa', 'versicolor', 'virginica'];
const names = labels.map((k) => NAMES[k] as string);
const binary = labels.map((k) => (k === 1 ? 1 : 0));
const weights = labels.map((_, i) => 0.25 + (i % 7) * 0.5);

type Form = 'rows' | 'float64' | 'float32';

/** A pass over the rows in chunks of the given sizes (cycled), X as arrays of rows or a Matrix; counts its calls. */
function source<L extends number | string>(
  ys: readonly L[],
  sizes: readonly number[],
  { form = 'rows' as Form, weighted = false as boolean | ((chunk: number) => boolean) } = {},
): { passes: () => Generator<StreamChunk<L>>; calls: () => number } {
  let calls = 0;
  function* pass(): Generator<StreamChunk<L>> {
    let first = 0;
    for (let c = 0; first < rows.length; c++) {
      const n = Math.min(sizes[c % sizes.length] as number, rows.length - first);
      const part = rows.slice(first, first + n);
      const flat = part.flat();
      const chunkX = form === 'rows' ? part : form === 'float64' ? Matrix.from(new Float64Array(flat), n, 5) : Matrix.from(new Float32Array(flat), n, 5);
      const withWeights = typeof weighted === 'function' ? weighted(c) : weighted;
      yield { X: chunkX, y: ys.slice(first, first + n), ...(withWeights ? { sampleWeight: weights.slice(first, first + n) } : {}) };
      first += n;
    }
  }
  return {
    passes: () => {
      calls++;
      return pass();
    },
    calls: () => calls,
  };
}

/** A model's numbers, as bits. */
function bits(model: LogisticRegression): string {
  const values = new Float64Array([...model.coef.toArray().flat(), ...model.intercept]);
  return Buffer.from(values.buffer).toString('hex');
}

/** The files in the temporary directory. */
const files = (): string[] => readdirSync(ownDir()).sort();

describe('fits on the cached passes give the bits of fits on the source', () => {
  const SGD = { epochs: 5, learningRate: 0.05, batchSize: 32, randomState: 0 } as const;

  it('fitStream, binary, chunks of several sizes', async () => {
    const s = source(binary, [300, 128, 77]);
    const cached = cacheChunks(s.passes);
    const epochs: number[][] = [];
    const model = await fitStream(cached.passes, { classes: [0, 1], ...SGD, onEpoch: (info) => void epochs.push([info.rows, info.chunks, info.loss]) });
    expect(s.calls()).toBe(1);
    const direct: number[][] = [];
    const want = await fitStream(source(binary, [300, 128, 77]).passes, { classes: [0, 1], ...SGD, onEpoch: (info) => void direct.push([info.rows, info.chunks, info.loss]) });
    expect(bits(model)).toBe(bits(want));
    expect(epochs).toEqual(direct);
    expect([cached.complete, cached.rows, cached.cols, cached.chunks, cached.weighted, cached.sourcePasses]).toEqual([true, 1300, 5, 7, false, 1]);
    cached.dispose();
  });

  it('fitStream, multinomial with string labels and sample weights on some chunks', async () => {
    const options = { weighted: (c: number) => c % 2 === 0 };
    const s = source(names, [200, 90], options);
    const cached = cacheChunks(s.passes);
    const model = await fitStream(cached.passes, { classes: NAMES, ...SGD });
    const want = await fitStream(source(names, [200, 90], options).passes, { classes: NAMES, ...SGD });
    expect(bits(model)).toBe(bits(want));
    expect(model.classes).toEqual(NAMES);
    expect([s.calls(), cached.weighted]).toEqual([1, true]);
    cached.dispose();
  });

  it('fitStream on float32 and float64 Matrix chunks', async () => {
    for (const form of ['float32', 'float64'] as const) {
      const s = source(labels, [256], { form, weighted: true });
      const cached = cacheChunks(s.passes);
      const model = await fitStream(cached.passes, { classes: [0, 1, 2], ...SGD });
      const want = await fitStream(source(labels, [256], { form, weighted: true }).passes, { classes: [0, 1, 2], ...SGD });
      expect(bits(model), `${form} chunks`).toBe(bits(want));
      expect(s.calls()).toBe(1);
      cached.dispose();
    }
  });

  it('fitChunks: lbfgs multinomial with string labels, newton binary with weights, owlqn on float32 chunks', async () => {
    const cases = [
      { options: { C: 0.5 }, ys: names, classes: NAMES, sizes: [400, 333], weighted: false, form: 'rows' as Form },
      { options: { solver: 'newton' as const }, ys: binary, classes: [0, 1], sizes: [500], weighted: true, form: 'float64' as Form },
      { options: { solver: 'owlqn' as const, penalty: 'l1' as const, C: 0.05 }, ys: labels, classes: [0, 1, 2], sizes: [128, 640], weighted: true, form: 'float32' as Form },
    ];
    for (const { options, ys, classes, sizes, weighted, form } of cases) {
      const s = source<number | string>(ys, sizes, { weighted, form });
      const cached = cacheChunks(s.passes);
      const model = await fitChunks(new LogisticRegression(options), cached.passes, { classes });
      const want = await fitChunks(new LogisticRegression(options), source<number | string>(ys, sizes, { weighted, form }).passes, { classes });
      expect(bits(model), JSON.stringify(options)).toBe(bits(want));
      expect(model.nIter).toBeGreaterThan(3);
      expect(s.calls()).toBe(1);
      cached.dispose();
    }
  });

  it('gives back the chunks: their sizes, rows, labels and weights', async () => {
    const s = source(names, [100, 0, 250], { weighted: (c) => c === 2 });
    const cached = cacheChunks(s.passes);
    const seen = async () => {
      const out: { n: number; x: number[]; y: string[]; w: number[] | null }[] = [];
      for await (const chunk of cached.passes()) {
        const x = chunk.X instanceof Matrix ? Array.from(chunk.X.data) : (chunk.X as number[][]).flat();
        out.push({ n: chunk.y.length, x, y: Array.from(chunk.y), w: chunk.sampleWeight == null ? null : Array.from(chunk.sampleWeight) });
      }
      return out;
    };
    const first = await seen();
    const second = await seen();
    expect(second).toEqual(first);
    expect(second.map((c) => c.n)).toEqual([100, 0, 250, 100, 0, 250, 100, 0, 250, 100, 0, 150]);
    expect(s.calls()).toBe(1);
    cached.dispose();
  });
});

describe('the files', () => {
  it('exist while the cache is in use and go on dispose()', async () => {
    const cached = cacheChunks(source(binary, [500]).passes);
    expect(cached.path).toBeNull();
    let during: string[] = [];
    await fitStream(cached.passes, { classes: [0, 1], epochs: 3, onEpoch: () => void (during = files()) });
    expect(during).toHaveLength(2);
    expect(cached.path).not.toBeNull();
    expect(existsSync(cached.path as string)).toBe(true);
    cached.dispose();
    cached.dispose();
    expect(files()).toEqual([]);
    expect(cached.path).toBeNull();
    expect(() => cached.passes()).toThrow(/cacheChunks: the cache has been disposed/);
  });

  it('at a path: written beside it while the first pass runs, kept there until dispose()', async () => {
    const path = join(ownDir(), 'rows.cache');
    const cached = cacheChunks(source(binary, [500]).passes, { path });
    const pass = cached.passes()[Symbol.asyncIterator]();
    await pass.next();
    expect(files()).toHaveLength(2);
    expect(files().every((f) => f.endsWith('.tmp'))).toBe(true);
    while (!(await pass.next()).done);
    expect(files()).toEqual(['rows.cache', 'rows.cache.labels']);
    expect(cached.path).toBe(path);
    await fitStream(cached.passes, { classes: [0, 1], epochs: 2 });
    expect(files()).toEqual(['rows.cache', 'rows.cache.labels']);
    cached.dispose();
    expect(files()).toEqual([]);
  });

  it('go when dispose() is called during the first pass, which still gives the source’s chunks', async () => {
    const cached = cacheChunks(source(binary, [300]).passes);
    let seen = 0;
    for await (const chunk of cached.passes()) {
      seen += chunk.y.length;
      if (seen === 300) {
        expect(files()).toHaveLength(2);
        cached.dispose();
        expect(files()).toEqual([]);
      }
    }
    expect([seen, cached.complete]).toEqual([1300, false]);
    expect(files()).toEqual([]);
    expect(() => cached.passes()).toThrow(/disposed/);
  });

  it('go at exit (what the exit listener runs), temporary or at a path', async () => {
    for (const path of [null, join(ownDir(), 'at-exit.cache')]) {
      const cached = cacheChunks(source(binary, [500]).passes, { path });
      await fitStream(cached.passes, { classes: [0, 1], epochs: 2 });
      expect(files()).toHaveLength(2);
      removeRowCachesNow();
      expect(files()).toEqual([]);
    }
  });
});

describe('a first pass that stops early leaves no cache', () => {
  it('when the consumer stops: the next pass runs the source again', async () => {
    const s = source(binary, [200]);
    const cached = cacheChunks(s.passes);
    for await (const chunk of cached.passes()) {
      expect(chunk.y).toHaveLength(200);
      expect(files()).toHaveLength(2);
      break;
    }
    expect(files()).toEqual([]);
    expect(cached.complete).toBe(false);
    const model = await fitStream(cached.passes, { classes: [0, 1], epochs: 3, randomState: 1 });
    expect(s.calls()).toBe(2);
    expect(bits(model)).toBe(bits(await fitStream(source(binary, [200]).passes, { classes: [0, 1], epochs: 3, randomState: 1 })));
    cached.dispose();
  });

  it('when the source throws, and when the consumer throws', async () => {
    let calls = 0;
    const flaky = cacheChunks(function* () {
      calls++;
      yield { X: rows.slice(0, 10), y: binary.slice(0, 10) };
      if (calls === 1) throw new Error('the source broke');
      yield { X: rows.slice(10, 20), y: binary.slice(10, 20) };
    });
    await expect(fitStream(flaky.passes, { classes: [0, 1], epochs: 2 })).rejects.toThrow('the source broke');
    expect(files()).toEqual([]);
    await fitStream(flaky.passes, { classes: [0, 1], epochs: 3 });
    expect([calls, flaky.rows]).toEqual([2, 20]);
    flaky.dispose();

    const s = source(binary, [200]);
    const cached = cacheChunks(s.passes);
    await expect(fitStream(cached.passes, { classes: [0, 2], epochs: 2 })).rejects.toThrow(/fitStream: epoch 1, chunk 1/);
    expect(files()).toEqual([]);
    await fitStream(cached.passes, { classes: [0, 1], epochs: 2 });
    expect(s.calls()).toBe(2);
    cached.dispose();
  });

  it('refuses a second pass while the first is running', async () => {
    const cached = cacheChunks(source(binary, [200]).passes);
    const first = cached.passes()[Symbol.asyncIterator]();
    await first.next();
    expect(() => cached.passes()).toThrow('cacheChunks: a pass was asked for while the first pass is still reading the source; until the cache is complete, one pass at a time');
    while (!(await first.next()).done);
    expect(cached.complete).toBe(true);
    const a = cached.passes()[Symbol.asyncIterator]();
    const b = cached.passes()[Symbol.asyncIterator]();
    expect((await a.next()).done).toBe(false);
    expect((await b.next()).done).toBe(false);
    await a.return?.();
    await b.return?.();
    cached.dispose();
  });
});

describe('chunks the cache cannot hold are refused, naming the chunk', () => {
  async function refusal(chunks: unknown[]): Promise<unknown> {
    const cached = cacheChunks(() => chunks as StreamChunk[]);
    try {
      for await (const _ of cached.passes());
    } catch (error) {
      expect(files()).toEqual([]);
      return error;
    } finally {
      cached.dispose();
    }
    throw new Error('no error');
  }
  const ok = { X: [[1, 2, 3, 4]], y: [0] };

  it.each([
    ['a CsrMatrix', [ok, { X: CsrMatrix.from({ rows: 1, cols: 4, indptr: [0, 2], indices: [0, 3], values: [1, 2] }), y: [1] }], new TypeError('cacheChunks: chunk 1: X is a CsrMatrix; the cache holds dense rows (a Matrix or an array of rows)')],
    ['another width', [ok, ok, ok, { X: [[1, 2, 3, 4, 5]], y: [1] }], new RangeError('cacheChunks: chunk 3 has 5 columns; the first had 4')],
    ['a ragged row', [{ X: [[1, 2], [3]], y: [0, 1] }], new RangeError('cacheChunks: chunk 0: X row 1 has 1 columns; row 0 has 2')],
    ['a value that is not a number', [{ X: [[1, '2']], y: [0] }], new TypeError('cacheChunks: chunk 0: X has the string "2" at row 0, column 1; expected a number')],
    ['labels of another length', [ok, { X: [[1, 2, 3, 4]], y: [0, 1] }], new RangeError('cacheChunks: chunk 1 has 1 rows in X and 2 labels in y')],
    ['weights of another length', [{ ...ok, sampleWeight: [] }], new RangeError('cacheChunks: chunk 0 has 1 rows in X and 0 sample weights')],
    ['a label of another type', [{ X: [[1, 2, 3, 4]], y: [null] }], new TypeError('cacheChunks: chunk 0: y[0] is null; a label is a number, a string or a boolean')],
    ['a chunk that is not an object', [ok, 3], new TypeError('cacheChunks: chunk 1 must be { X, y, sampleWeight? }, got number 3')],
    ['X of another kind', [{ X: 'x', y: [] }], new TypeError('cacheChunks: chunk 0: X must be a Matrix or an array of rows, got the string "x"')],
    ['X with no columns', [{ X: [[]], y: [0] }], new RangeError('cacheChunks: chunk 0: X has no columns')],
  ])('%s', async (_, chunks, error) => {
    const got = await refusal(chunks);
    expect(got).toBeInstanceOf(error.constructor);
    expect((got as Error).message).toBe(error.message);
  });

  it('refuses bad arguments with a TypeError', () => {
    expect(() => cacheChunks([] as never)).toThrow(new TypeError('cacheChunks: chunks must be a function returning a fresh pass over the chunks, got an array'));
    expect(() => cacheChunks(() => [], { path: '' })).toThrow(TypeError);
    expect(() => cacheChunks(() => [], { dir: 'x' } as never)).toThrow("cacheChunks: unknown option 'dir'; the options are: path");
  });
});
