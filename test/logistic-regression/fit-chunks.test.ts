import { describe, expect, it } from 'vitest';
import { LogisticRegression, type LogisticRegressionOptions, type StreamChunk, fitChunks, makeClassification, startWorkers, terminateWorkers } from '../../src/index.js';

const { X, y } = makeClassification({ nSamples: 2500, nFeatures: 6, nInformative: 4, nRedundant: 0, nClasses: 3, randomState: 3 });
const rows = X.toArray();
const labels = Array.from(y as ArrayLike<number>);
const weights = labels.map((_, i) => 0.25 + (i % 5));

/** The rows in chunks of `size` (the last shorter), as a fresh pass per call. */
function chunked<L extends number | boolean>(ys: readonly L[], size: number, withWeights = false): () => StreamChunk<L>[] {
  return () =>
    Array.from({ length: Math.ceil(rows.length / size) }, (_, c) => ({
      X: rows.slice(c * size, (c + 1) * size),
      y: ys.slice(c * size, (c + 1) * size),
      ...(withWeights ? { sampleWeight: weights.slice(c * size, (c + 1) * size) } : {}),
    }));
}

function gap(a: LogisticRegression, b: LogisticRegression): number {
  const x = [...a.coef.toArray().flat(), ...a.intercept];
  const z = [...b.coef.toArray().flat(), ...b.intercept];
  return Math.max(...x.map((v, j) => Math.abs(v - (z[j] as number)))) / Math.max(...z.map(Math.abs));
}

const TIGHT: LogisticRegressionOptions = { tol: 1e-10, maxIter: 1000 };

describe('fitChunks(model, chunks, { classes }): the optimum of fit on all the rows', () => {
  it('lbfgs, binary, with sample weights', async () => {
    const binary = labels.map((k) => k === 1);
    const chunkedFit = await fitChunks(new LogisticRegression({ ...TIGHT, C: 0.3 }), chunked(binary, 700, true), { classes: [false, true] });
    const whole = new LogisticRegression({ ...TIGHT, C: 0.3 }).fit(rows, binary, { sampleWeight: weights });
    expect(gap(chunkedFit, whole)).toBeLessThan(1e-6);
  });

  it('lbfgs, multinomial, with balanced class weights', async () => {
    const options: LogisticRegressionOptions = { ...TIGHT, classWeight: 'balanced' };
    const chunkedFit = await fitChunks(new LogisticRegression(options), chunked(labels, 999), { classes: [0, 1, 2] });
    expect(gap(chunkedFit, new LogisticRegression(options).fit(rows, labels))).toBeLessThan(1e-6);
  });

  it("newton, multinomial (Hessian-vector products as passes over the chunks)", async () => {
    const options: LogisticRegressionOptions = { ...TIGHT, solver: 'newton' };
    const chunkedFit = await fitChunks(new LogisticRegression(options), chunked(labels, 512), { classes: [0, 1, 2] });
    expect(gap(chunkedFit, new LogisticRegression(options).fit(rows, labels))).toBeLessThan(1e-6);
  });

  it("owlqn with l1, the same exact zeros", async () => {
    const options: LogisticRegressionOptions = { ...TIGHT, solver: 'owlqn', penalty: 'l1', C: 0.005 };
    const chunkedFit = await fitChunks(new LogisticRegression(options), chunked(labels, 800), { classes: [0, 1, 2] });
    const whole = new LogisticRegression(options).fit(rows, labels);
    const zeros = (m: LogisticRegression) => m.coef.toArray().flat().map((v) => v === 0);
    expect(zeros(chunkedFit)).toEqual(zeros(whole));
    expect(gap(chunkedFit, whole)).toBeLessThan(1e-6);
  });

  it('gives the same bits on one thread and on two, and run after run', async () => {
    await startWorkers(2);
    try {
      const fits = await Promise.all([1, 2, 2].map((threads) => fitChunks(new LogisticRegression({ threads }), chunked(labels, 2100), { classes: [0, 1, 2] })));
      const bits = fits.map((m) => [...m.coef.toArray().flat(), ...m.intercept]);
      expect(bits[1]).toEqual(bits[0]);
      expect(bits[2]).toEqual(bits[0]);
    } finally {
      await terminateWorkers();
    }
  });
});

describe('fitChunks: bad input', () => {
  it("refuses solver 'sgd' (fitStream's) and a one-shot iterable", async () => {
    await expect(fitChunks(new LogisticRegression({ solver: 'sgd' }), chunked(labels, 600), { classes: [0, 1, 2] })).rejects.toThrow(
      new RangeError("fitChunks: the exact fit over chunks runs solver 'lbfgs', 'owlqn' or 'newton' (fitStream runs 'sgd'); this model's solver is 'sgd'"),
    );
    await expect(fitChunks(new LogisticRegression(), chunked(labels, 600)() as never, { classes: [0, 1, 2] })).rejects.toThrow(TypeError);
  });

  it('names the chunk whose columns differ, and a label not in classes', async () => {
    const mixed = () => [{ X: [[1, 2]], y: [0] }, { X: [[1, 2, 3]], y: [1] }];
    await expect(fitChunks(new LogisticRegression(), mixed, { classes: [0, 1] })).rejects.toThrow('fitChunks: chunk 1 has 3 columns; the first chunk has 2');
    const unknown = () => [{ X: [[1, 2]], y: [7] }];
    await expect(fitChunks(new LogisticRegression(), unknown, { classes: [0, 1] })).rejects.toThrow(/chunk 0: y/);
  });

  it('refuses a source whose later passes give other rows than the first', async () => {
    let calls = 0;
    const shrinking = () => (calls++ === 0 ? chunked(labels, 600)() : chunked(labels, 600)().slice(1));
    await expect(fitChunks(new LogisticRegression(), shrinking, { classes: [0, 1, 2] })).rejects.toThrow(
      'fitChunks: a pass over the chunks gave 1900 rows; the first gave 2500 (chunks() must give the same rows on every call)',
    );
  });

  it('leaves a fitted model as it was when a later call fails', async () => {
    const model = await fitChunks(new LogisticRegression(), chunked(labels, 600), { classes: [0, 1, 2] });
    const before = model.coef.toArray();
    await expect(fitChunks(model, () => [{ X: [[Number.NaN, 1, 2, 3, 4, 5]], y: [0] }], { classes: [0, 1, 2] })).rejects.toThrow(RangeError);
    expect(model.coef.toArray()).toEqual(before);
  });
});
