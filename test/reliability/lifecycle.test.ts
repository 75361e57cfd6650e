/**
 * Memory and lifecycle: long fit/predict/dispose loops stay within fixed memory bounds,
 * models dropped without dispose() are reclaimed, many live models do not interfere, and
 * callbacks that call back into the library either work or fail cleanly.
 *
 * LIFECYCLE_CYCLES=10000 npx vitest run test/reliability/lifecycle.test.ts runs the long
 * version of the cycle test and prints its figures (recorded in test/README.md).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type Label, LogisticRegression, Matrix, makeClassification } from '../../src/index.js';
import { runtimeMemoryBytes } from '../wasm-memory.js';
import { bits, noise, snapshot } from './data.js';

const CYCLES = Number(process.env['LIFECYCLE_CYCLES'] ?? 500);
const MiB = 2 ** 20;
const SOLVERS = ['lbfgs', 'newton', 'owlqn', 'gd', 'sgd'] as const;

/** Cycle k: a fresh model on a k-dependent shape, solver and multiclass mode; predict every way; dispose. */
function cycle(k: number): void {
  const large = k % 50 === 25; // every 50th cycle a 2000×60 problem (~1 MiB of X) makes the memory grow and be reused
  const rows = large ? 2000 : 5 + ((k * 37) % 200);
  const cols = large ? 60 : 1 + ((k * 13) % 12);
  const K = 2 + (k % 3);
  const next = noise(k);
  const X = Matrix.from(Float64Array.from({ length: rows * cols }, next), rows, cols);
  const y = Array.from({ length: rows }, (_, i) => i % K);
  const model = new LogisticRegression({
    solver: SOLVERS[k % 5] as (typeof SOLVERS)[number],
    maxIter: 20,
    randomState: k,
    multiClass: k % 2 === 0 ? 'multinomial' : 'ovr',
    onWarning: null,
  }).fit(k % 4 === 0 ? X.toArray() : X, y);
  model.predict(X);
  model.predictProba(X);
  model.predictLogProba(X);
  model.decisionFunction(X);
  if (k % 7 === 0) {
    const inWasm = Matrix.alloc(rows, cols);
    inWasm.data.set(X.data);
    model.score(inWasm, y);
    inWasm.dispose();
  }
  if (k % 11 === 0) LogisticRegression.fromJSON(JSON.stringify(model)).dispose();
  model.dispose();
}

describe('memory', () => {
  it(`keeps WebAssembly memory and process RSS bounded over ${CYCLES} fit/predict/dispose cycles on mixed shapes`, () => {
    for (let k = 0; k < 50; k++) cycle(k); // warm-up: the allocator reaches its working size
    const wasmBefore = runtimeMemoryBytes();
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    for (let k = 50; k < 50 + CYCLES; k++) cycle(k);
    const wasmAfter = runtimeMemoryBytes();
    const rssAfter = process.memoryUsage().rss;
    if (process.env['LIFECYCLE_CYCLES'] !== undefined) {
      console.log(
        `${CYCLES} cycles in ${((performance.now() - started) / 1000).toFixed(1)} s: WebAssembly memory ${wasmBefore / MiB} → ${wasmAfter / MiB} MiB, RSS ${(rssBefore / MiB).toFixed(1)} → ${(rssAfter / MiB).toFixed(1)} MiB`,
      );
    }
    // One large cycle needs ~2 MiB at its peak; leaking one large X per 50 cycles would add
    // ~10 MiB per 500 cycles. (Exact no-growth for a fixed shape: test/logistic-regression/lifecycle.test.ts.)
    expect(wasmAfter - wasmBefore).toBeLessThanOrEqual(4 * MiB);
    expect(rssAfter - rssBefore).toBeLessThan(64 * MiB);
  });

  it('reclaims models and matrices dropped without dispose() once they are garbage-collected (node --expose-gc)', async () => {
    const child = fileURLToPath(new URL('./children/reclaim.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', child], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      timeout: 30_000,
    });
    const { models, matrices, heldGrowth, droppedMiB } = JSON.parse(stdout) as {
      models: number[];
      matrices: number[];
      heldGrowth: number;
      droppedMiB: number;
    };
    // 600 models and 600 matrices of ~391 KiB each were dropped (229 MiB each time); the
    // memory stops growing after the first rounds instead of growing with them …
    expect(droppedMiB).toBeGreaterThan(200);
    for (const sizes of [models, matrices]) {
      expect(sizes.at(-1)).toBe(sizes[4]);
      expect(Math.max(...sizes)).toBeLessThan(32);
    }
    // … while 100 such models kept alive do take their ~38 MiB (so a leak would show).
    expect(heldGrowth).toBeGreaterThanOrEqual(32);
  });

  it('lets many live models coexist: each predicts exactly as it did alone, through refits and disposals of the others', () => {
    const problems = Array.from({ length: 40 }, (_, k) => {
      const { X, y } = makeClassification({ nSamples: 30 + k, nFeatures: 2 + (k % 4), nInformative: 2, nRedundant: 0, nClasses: 2 + (k % 3), nClustersPerClass: 1, randomState: k });
      return { X, y: Array.from(y, (c) => (['a', 'b', 'c', 'd'] as Label[])[c] as Label), options: { solver: SOLVERS[k % 5] as (typeof SOLVERS)[number], randomState: k, onWarning: null } as const };
    });
    const alone = problems.map(({ X, y, options }) => {
      const model = new LogisticRegression(options).fit(X, y);
      const expected = bits(model.predictProba(X).data);
      model.dispose();
      return expected;
    });
    const models = problems.map(({ X, y, options }) => new LogisticRegression(options).fit(X, y));
    const check = (): void => models.forEach((model, k) => model.isFitted && expect(bits(model.predictProba(problems[k]!.X).data), `model ${k}`).toBe(alone[k]));
    check();
    models.forEach((model, k) => k % 2 === 0 && model.dispose());
    check();
    models.forEach((model, k) => k % 2 === 0 && model.fit(problems[k]!.X, problems[k]!.y));
    models.forEach((model, k) => k % 3 === 0 && model.fit(problems[(k + 1) % 40]!.X, problems[(k + 1) % 40]!.y).fit(problems[k]!.X, problems[k]!.y));
    check();
    models.forEach((model) => model.dispose());
  });
});

describe('callbacks that call back into the library', () => {
  const { X, y } = makeClassification({ nSamples: 60, nFeatures: 4, nInformative: 2, nRedundant: 0, randomState: 0 });
  const three = makeClassification({ nSamples: 90, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, randomState: 1 });
  const exact = { tol: 1e-10, maxIter: 5000, onWarning: null } as const;
  const reference = new LogisticRegression(exact).fit(X, y);
  const referenceBits = bits(reference.coef.data);

  it('predicts with another model from inside onIteration exactly as outside, without disturbing the running fit', () => {
    const other = new LogisticRegression(exact).fit(three.X, three.y);
    const outside = bits(other.predictProba(three.X).data);
    const inside: string[] = [];
    const model = new LogisticRegression({ ...exact, onIteration: () => void inside.push(bits(other.predictProba(three.X).data)) }).fit(X, y);
    expect(inside.length).toBe(model.nIter);
    expect(new Set(inside)).toEqual(new Set([outside]));
    expect(bits(model.coef.data)).toBe(referenceBits);
  });

  it("predicts with the same model's previous fit from inside its own onIteration", () => {
    const seen: string[] = [];
    const model: LogisticRegression = new LogisticRegression({
      ...exact,
      warmStart: false,
      onIteration: () => void (model.isFitted && seen.push(bits(model.predictProba(three.X).data))),
    });
    model.fit(three.X, three.y);
    const previous = bits(model.predictProba(three.X).data);
    expect(seen).toEqual([]); // unfitted during the first fit
    model.fit(X, y);
    expect(new Set(seen)).toEqual(new Set([previous]));
    expect(bits(model.coef.data)).toBe(referenceBits);
  });

  it('lets onIteration dispose the model being fitted: the fit still completes and commits its result', () => {
    const model: LogisticRegression = new LogisticRegression({ ...exact, onIteration: ({ iter }) => void (iter === 2 && model.dispose()) });
    model.fit(X, y).fit(X, y);
    expect(model.isFitted).toBe(true);
    expect(bits(model.coef.data)).toBe(referenceBits);
  });

  it('rejects a fit of the same model from inside its own onIteration with the re-entrancy error, leaving it usable', () => {
    let inner: unknown = null;
    const model: LogisticRegression = new LogisticRegression({
      ...exact,
      onIteration: ({ iter }) => {
        if (iter !== 2) return;
        try {
          model.fit(three.X, three.y);
        } catch (error) {
          inner = error;
        }
      },
    });
    model.fit(X, y);
    expect(inner).toEqual(
      new Error('LogisticRegression.fit: a fit is already running (fit was called from an onIteration callback); fit another model after this one returns'),
    );
    expect(model.classes).toEqual([0, 1]);
    expect(bits(model.coef.data)).toBe(referenceBits);
  });

  it('rejects a partialFit from inside onIteration with the re-entrancy error, leaving the streaming model unfitted', () => {
    const streaming = new LogisticRegression({ solver: 'sgd', randomState: 0, onWarning: null });
    let inner: unknown = null;
    new LogisticRegression({
      ...exact,
      onIteration: ({ iter }) => {
        if (iter !== 2) return;
        try {
          streaming.partialFit(X, y, { classes: [0, 1] });
        } catch (error) {
          inner = error;
        }
      },
    }).fit(X, y);
    expect((inner as Error).message).toMatch(/a fit is already running/);
    expect(streaming.isFitted).toBe(false);
    expect(streaming.partialFit(X, y, { classes: [0, 1] }).isFitted).toBe(true);
  });

  it('keeps a running fit intact when onIteration grows WebAssembly memory, serialises and restores models', () => {
    const other = new LogisticRegression(exact).fit(three.X, three.y);
    const model = new LogisticRegression({
      ...exact,
      onIteration: ({ iter }) => {
        if (iter !== 2) return;
        const big = Matrix.alloc(4096, 1024); // 32 MiB: forces memory.grow mid-fit
        big.dispose();
        LogisticRegression.fromJSON(JSON.stringify(other)).predict(three.X);
      },
    }).fit(X, y);
    expect(bits(model.coef.data)).toBe(referenceBits);
  });

  it('lets onWarning refit the same model mid one-vs-rest: the outer fit finishes and its result is what stays', () => {
    let calls = 0;
    const options = { multiClass: 'ovr', maxIter: 2, tol: 1e-12 } as const;
    const model: LogisticRegression = new LogisticRegression({
      ...options,
      onWarning: () => {
        if (calls++ === 0) model.fit(X, y);
      },
    });
    model.fit(three.X, three.y);
    const alone = new LogisticRegression({ ...options, onWarning: null }).fit(three.X, three.y);
    expect(snapshot(model, three.X.toArray())).toBe(snapshot(alone, three.X.toArray()));
  });

  it('lets onWarning fit another model mid one-vs-rest without disturbing either', () => {
    const options = { multiClass: 'ovr', maxIter: 2, tol: 1e-12 } as const;
    const other = new LogisticRegression(exact);
    const model = new LogisticRegression({ ...options, onWarning: () => void other.fit(X, y) }).fit(three.X, three.y);
    const alone = new LogisticRegression({ ...options, onWarning: null }).fit(three.X, three.y);
    expect(snapshot(model, three.X.toArray())).toBe(snapshot(alone, three.X.toArray()));
    expect(bits(other.coef.data)).toBe(referenceBits);
  });
});
