/**
 * `fitInWorker` in Node (worker_threads), on the bundled files in dist/ (`npm test` bundles
 * them first): the package's `logreg-wasm/worker` as Node resolves it.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as source from '../../src/index.js';
import type * as WorkerApi from '../../src/worker/node.js';

const distIndex = new URL('../../dist/index.js', import.meta.url);
const distWorker = new URL('../../dist/worker/node.js', import.meta.url);
if (!existsSync(distWorker)) throw new Error('dist/worker/node.js is missing: run `npm run build` (npm test bundles it in pretest)');
const lib = (await import(distIndex.href)) as typeof source;
const { fitInWorker } = (await import(distWorker.href)) as typeof WorkerApi;

const REFERENCE = { solver: 'gd', penalty: 'none', learningRate: 0.01, maxIter: 1000, tol: 0 } as const;

function referenceData() {
  const { X, y } = lib.makeClassification({ nSamples: 1000, nFeatures: 2, nRedundant: 0, nInformative: 2, nClustersPerClass: 1, randomState: 42 });
  return lib.trainTestSplit(X, y, { testSize: 0.2, randomState: 42 });
}

/** The float64 bit patterns of the parameters, as hex. */
function bits(model: source.LogisticRegression): string {
  const values = Float64Array.from([...model.coef.data, ...model.intercept]);
  return Buffer.from(values.buffer).toString('hex');
}

describe('fitInWorker (worker_threads)', () => {
  it('resolves to a model typed by the labels of y, as fit types it', async () => {
    const { XTrain, yTrain } = referenceData();
    const names = Array.from(yTrain, (k) => (k === 1 ? 'yes' : 'no'));
    const { model } = await fitInWorker(XTrain, names, { params: { onWarning: null } });
    expectTypeOf(model.predict(XTrain)).toEqualTypeOf<('no' | 'yes')[]>();
    expect(model.classes).toEqual(['no', 'yes']);
  });

  it('fits the reference experiment to the same bits as a fit on this thread, and returns a usable model', async () => {
    const { XTrain, XTest, yTrain, yTest } = referenceData();
    const here = new lib.LogisticRegression(REFERENCE).fit(XTrain, yTrain);
    const progress: number[] = [];
    const { model, fitTime, lossHistory } = await fitInWorker(XTrain, yTrain, {
      params: REFERENCE,
      onProgress: (info) => progress.push(info.iter),
    });
    expect(model).toBeInstanceOf(lib.LogisticRegression);
    expect(model.score(XTest, yTest)).toBe(0.895);
    expect(bits(model)).toBe(bits(here));
    expect(model.nIter).toBe(1000);
    expect(fitTime).toBeGreaterThan(0);
    expect(lossHistory.length).toBe(1000);
    expect(progress.at(-1)).toBe(1000); // the last iteration is always reported
    expect(lossHistory[999]).toBeLessThan(lossHistory[0] as number);
  });

  it('accepts rows, string labels and sample weights, and carries multiclass models', async () => {
    const { X, y } = lib.makeClassification({ nSamples: 300, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, randomState: 0 });
    const names = Array.from(y, (k) => ['setosa', 'versicolor', 'virginica'][k] as string);
    const rows = X.toArray();
    const weights = Array.from({ length: 300 }, (_, i) => 1 + (i % 3));
    const params = { C: 10, tol: 1e-8, maxIter: 1000 };
    const here = new lib.LogisticRegression(params).fit(rows, names, { sampleWeight: weights });
    const { model } = await fitInWorker(rows, names, { params, sampleWeight: weights });
    expect(model.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(bits(model)).toBe(bits(here));
    expect(model.predict(rows)).toEqual(here.predict(rows));
  });

  it('trains on X as it was at the call: disposing a Matrix.alloc X right after, and reusing its memory, changes nothing', async () => {
    const { X, y } = lib.makeClassification({ nSamples: 2000, nFeatures: 6, randomState: 7 });
    const params = { tol: 1e-8, maxIter: 500 };
    const here = new lib.LogisticRegression(params).fit(X, y);
    const inWasm = lib.Matrix.alloc(X.rows, X.cols);
    inWasm.data.set(X.data);
    const pending = fitInWorker(inWasm, y, { params });
    inWasm.dispose();
    lib.Matrix.alloc(X.rows, X.cols).data.fill(-1e6);
    const { model } = await pending;
    expect(bits(model)).toBe(bits(here));
  });

  it('reports the threads its passes ran on, counted by the pool: 2 for threads 2 on 10,000 rows, with the bits of threads 1', async () => {
    const { X, y } = lib.makeClassification({ nSamples: 10_000, nFeatures: 5, nInformative: 3, nRedundant: 0, randomState: 3 });
    const params = { solver: 'gd', penalty: 'none', learningRate: 0.1, maxIter: 20, tol: 0 } as const;
    const one = await fitInWorker(X, y, { params: { ...params, threads: 1 } });
    const two = await fitInWorker(X, y, { params: { ...params, threads: 2 } });
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(Math.min(2, availableParallelism()));
    expect(bits(two.model)).toBe(bits(one.model));
  });

  it('reports 1 thread for threads 2 on 800 rows: one chunk of rows, so every pass runs on one thread', async () => {
    const { XTrain, yTrain } = referenceData();
    const { threads } = await fitInWorker(XTrain, yTrain, { params: { ...REFERENCE, maxIter: 5, threads: 2, onWarning: null } });
    expect(threads).toBe(1);
  });

  it('without onProgress, skips per-iteration reports: lossHistory is recordLoss\'s curve or empty', async () => {
    const { XTrain, yTrain } = referenceData();
    const quiet = await fitInWorker(XTrain, yTrain, { params: REFERENCE });
    expect(quiet.lossHistory).toHaveLength(0);
    const recorded = await fitInWorker(XTrain, yTrain, { params: { ...REFERENCE, recordLoss: true } });
    expect(recorded.lossHistory).toHaveLength(1000);
    expect(bits(quiet.model)).toBe(bits(recorded.model));
  });

  it('reports progress at most every progressInterval ms', async () => {
    const { XTrain, yTrain } = referenceData();
    const calls: number[] = [];
    await fitInWorker(XTrain, yTrain, { params: { ...REFERENCE, maxIter: 200 }, progressInterval: 0, onProgress: (i) => calls.push(i.iter) });
    expect(calls).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('rejects with the error fit would throw, same class and message', async () => {
    await expect(fitInWorker([[1, Number.NaN], [2, 3]], [0, 1])).rejects.toThrow(
      new RangeError('X contains NaN at row 0, column 1; all values must be finite'),
    );
    await expect(fitInWorker([[1, 2], [2, 3]], [0, 0])).rejects.toBeInstanceOf(RangeError);
    await expect(fitInWorker([[1, 2], [2, 3]], [0, 1], { params: { maxIter: 0 } })).rejects.toThrow(/maxIter/);
    await expect(fitInWorker([[1, 2], [2, 3]], [0, 1], { params: { max_iter: 5 } as never })).rejects.toThrow(/did you mean 'maxIter'/);
    await expect(fitInWorker([[1, 2], [2, 3]], [0, 1], { params: { onIteration: () => {} } })).rejects.toThrow(/onProgress/);
    await expect(fitInWorker([[1, 2], [2, 3]], [0, 1], { maxIter: 5 } as never)).rejects.toThrow(/unknown option 'maxIter'/);
  });

  it('forwards warnings to params.onWarning on the calling side', async () => {
    const { XTrain, yTrain } = referenceData();
    const warnings: string[] = [];
    await fitInWorker(XTrain, yTrain, { params: { solver: 'gd', maxIter: 5, tol: 1e-12, onWarning: (m) => warnings.push(m) } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/reached maxIter = 5/);
  });

  it('cancels: aborting the signal terminates the worker and rejects with the reason', async () => {
    const { X, y } = lib.makeClassification({ nSamples: 20_000, nFeatures: 20, randomState: 1 });
    const controller = new AbortController();
    let lastIter = 0;
    const started = performance.now();
    const fit = fitInWorker(X, y, {
      params: { solver: 'gd', maxIter: 1_000_000, tol: 0 },
      progressInterval: 10,
      onProgress: ({ iter }) => {
        lastIter = iter;
        if (iter > 10) controller.abort();
      },
      signal: controller.signal,
    });
    await expect(fit).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(lastIter).toBeLessThan(1_000_000);
    // An already aborted signal never starts a worker.
    await expect(fitInWorker(X, y, { signal: AbortSignal.abort(new Error('stop')) })).rejects.toThrow('stop');
  });
});
