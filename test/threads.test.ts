import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LogisticRegression, type LogisticRegressionOptions, Matrix, makeClassification, startWorkers, terminateWorkers } from '../src/index.js';
import { injectFaultsForTesting, workerCount, workersForTesting } from '../src/core/threads.js';

// The estimator caps threads at the cores the host reports; these tests run 3 and 4
// threads on any host, so the pool reports 4 cores here.
vi.mock('../src/core/threads.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/core/threads.js')>()),
  availableCores: () => 4,
}));

// 9,000 rows: five chunks of 2,048 rows, so up to five threads get work.
const binary = makeClassification({ nSamples: 9000, nFeatures: 12, nInformative: 6, randomState: 3 });
const multiclass = makeClassification({ nSamples: 9000, nFeatures: 8, nInformative: 5, nClasses: 4, randomState: 5 });

function coefficients(data: { X: Matrix; y: Int32Array }, options: LogisticRegressionOptions): string {
  const model = new LogisticRegression({ tol: 1e-8, maxIter: 200, onWarning: null, ...options }).fit(data.X, data.y);
  return JSON.stringify([Array.from(model.coef.data), Array.from(model.intercept)]);
}

afterAll(() => terminateWorkers());

describe('threads', () => {
  for (const solver of ['lbfgs', 'newton', 'gd', 'owlqn'] as const) {
    it(`gives bit-identical coefficients for 1, 2, 3 and 4 threads (${solver}, binary and multinomial)`, () => {
      const penalty = solver === 'owlqn' ? 'l1' : 'l2';
      const extra = solver === 'gd' ? { learningRate: 0.5, maxIter: 50, tol: 0 } : {};
      for (const data of [binary, multiclass]) {
        const results = [1, 2, 3, 4].map((threads) => coefficients(data, { solver, penalty, threads, ...extra }));
        expect(new Set(results).size).toBe(1);
      }
    });
  }

  it('reuses its workers across fits', () => {
    coefficients(binary, { threads: 3 });
    const workers = workersForTesting();
    coefficients(binary, { threads: 2 });
    coefficients(multiclass, { threads: 3 });
    expect(workersForTesting()).toBe(workers);
    expect(workerCount()).toBeGreaterThanOrEqual(2);
  });

  it('surfaces a failure inside a worker as an Error and recovers on the next fit', () => {
    const model = new LogisticRegression({ threads: 2, onWarning: null }).fit(binary.X, binary.y);
    const before = Array.from(model.coef.data);
    injectFaultsForTesting({ failNextPass: true });
    expect(() => model.fit(binary.X, binary.y)).toThrow('logreg-wasm: worker thread 1 failed during a pass; the worker pool was shut down');
    expect(workerCount()).toBe(0);
    expect(Array.from(model.coef.data)).toEqual(before);
    expect(coefficients(binary, { threads: 2 })).toBe(coefficients(binary, { threads: 1 }));
  });

  it('surfaces a worker that died during a fit as an Error instead of hanging', async () => {
    injectFaultsForTesting({ pickUpDeadlineMs: 300 });
    try {
      const model = new LogisticRegression({ threads: 2, onWarning: null });
      let killed: Promise<unknown> | null = null;
      const fit = () =>
        model.fit(binary.X, binary.y, {});
      // Kill the worker from an onIteration callback, between two passes.
      const killer = new LogisticRegression({
        threads: 2,
        maxIter: 50,
        tol: 0,
        solver: 'gd',
        onWarning: null,
        onIteration: ({ iter }) => {
          if (iter === 2) killed = Promise.resolve(workersForTesting()[0]?.terminate());
        },
      });
      expect(() => killer.fit(binary.X, binary.y)).toThrow(/worker thread 1 stopped responding/);
      await killed;
      expect(workerCount()).toBe(0);
      expect(() => fit()).not.toThrow();
    } finally {
      injectFaultsForTesting({ pickUpDeadlineMs: 10_000 });
    }
  });

  it('terminateWorkers stops every worker', () => {
    coefficients(binary, { threads: 2 });
    expect(workerCount()).toBe(1);
    terminateWorkers();
    expect(workerCount()).toBe(0);
  });

  it('does not keep a Node process alive after a threaded fit', () => {
    const script = `
      import { LogisticRegression, makeClassification } from './src/index.ts';
      const { X, y } = makeClassification({ nSamples: 9000, nFeatures: 10, randomState: 1 });
      new LogisticRegression({ threads: 2 }).fit(X, y);
      console.log('fitted');
    `;
    const started = Date.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('..', import.meta.url),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.stdout.trim()).toBe('fitted');
    expect(child.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('startWorkers', () => {
  it('resolves with the thread count once the workers are ready, and fits use them', async () => {
    terminateWorkers();
    await expect(startWorkers(3)).resolves.toBe(3);
    expect(workerCount()).toBe(2);
    expect(coefficients(binary, { threads: 3 })).toBe(coefficients(binary, { threads: 1 }));
  });
});
