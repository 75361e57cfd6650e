import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  CsrMatrix,
  type FeatureMatrix,
  LogisticRegression,
  type LogisticRegressionOptions,
  Matrix,
  makeClassification,
  startWorkers,
  terminateWorkers,
} from '../../src/index.js';
import { workerCount } from '../../src/core/threads.js';
import type { WorkerData, WorkerHandle } from '../../src/core/worker-thread.js';

// The estimator caps threads at the CPUs the host reports; these tests run 3 and 4
// threads on any host, so the pool reports 4 CPUs here.
vi.mock('../../src/core/threads.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/core/threads.js')>()),
  availableCpus: () => 4,
}));

/**
 * The pool's workers, started as the library starts them but with a prelude that lets a
 * test make the next pass fail in a worker (`failNextPass`), and with a deadline for a
 * silent worker the test can shorten.
 */
const faults = vi.hoisted(() => ({
  workers: [] as WorkerHandle[],
  failNext: new Int32Array(new SharedArrayBuffer(4)),
  deadlineMs: 10_000,
}));

vi.mock('../../src/core/worker-thread.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/worker-thread.js')>();
  // Wraps the core's runChunks so that it throws once after the test sets the flag.
  const prelude = `
    const { workerData: faultData } = require('node:worker_threads');
    const failNext = new Int32Array(faultData.failNext);
    const RealInstance = WebAssembly.Instance;
    WebAssembly.Instance = function (module, imports) {
      const instance = new RealInstance(module, imports);
      const runChunks = instance.exports.runChunks;
      return {
        exports: {
          ...instance.exports,
          runChunks: (...args) => {
            if (Atomics.exchange(failNext, 0, 0) !== 0) throw new Error('a failing pass');
            return runChunks(...args);
          },
        },
      };
    };
  `;
  return {
    ...real,
    pickUpDeadlineMs: () => faults.deadlineMs,
    spawnWorker: (data: WorkerData): WorkerHandle => {
      const worker = real.spawnWorker({ ...data, failNext: faults.failNext.buffer } as WorkerData, prelude + real.WORKER_SOURCE);
      faults.workers.push(worker);
      return worker;
    },
  };
});

/** The workers of the running pool (the last ones started). */
function poolWorkers(): WorkerHandle[] {
  return faults.workers.slice(faults.workers.length - workerCount());
}

// 9,000 rows: five chunks of 2,048 rows, so up to five threads get work.
const binary = makeClassification({ nSamples: 9000, nFeatures: 12, nInformative: 6, randomState: 3 });
const multiclass = makeClassification({ nSamples: 9000, nFeatures: 8, nInformative: 5, nClasses: 4, randomState: 5 });

/** X with its entries of magnitude below 0.6 left out, as compressed sparse rows (about half the entries). */
function sparsified(X: Matrix): CsrMatrix {
  return CsrMatrix.fromRows(X.toArray().map((row) => row.flatMap((v, j) => (Math.abs(v) < 0.6 ? [] : [[j, v] as [number, number]]))), { cols: X.cols });
}

// Sparse X is cut into chunks of equal row counts (see assembly/objective/chunks.ts): five here.
const sparseBinary = { X: sparsified(binary.X), y: binary.y };
const sparseMulticlass = { X: sparsified(multiclass.X), y: multiclass.y };

function coefficients(data: { X: FeatureMatrix; y: Int32Array }, options: LogisticRegressionOptions): string {
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

  for (const solver of ['lbfgs', 'newton', 'newton-cd'] as const) {
    it(`gives bit-identical coefficients for 1, 2, 3 and 4 threads over a CsrMatrix (${solver}, binary and multinomial)`, () => {
      const penalty = solver === 'newton-cd' ? 'l1' : 'l2';
      for (const data of [sparseBinary, sparseMulticlass]) {
        const results = [1, 2, 3, 4].map((threads) => coefficients(data, { solver, penalty, threads }));
        expect(new Set(results).size).toBe(1);
      }
    });
  }

  it('gives bit-identical summaries for 1, 2, 3 and 4 threads when the information pass has other chunks than the gradient pass', () => {
    // 100,000 rows with one entry in every 25th: the gradient pass over these 4,000 entries
    // has nine chunks, the information pass 24 (chunks of at least 4,096 rows), and every
    // thread count must cover all 24.
    const rows = 100_000;
    const cols = 50;
    let state = 7;
    const next = (): number => (state = (state * 16807) % 2147483647) / 2147483647;
    const indptr = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < rows; i++) {
      if (i % 25 === 0) {
        const value = 2 * next() - 1;
        indices.push(Math.floor(i / 25) % cols);
        values.push(value);
        y.push(value + next() > 0.5 ? 1 : 0);
      } else {
        y.push(next() < 0.5 ? 1 : 0);
      }
      indptr.push(indices.length);
    }
    const X = CsrMatrix.from({ rows, cols, indptr, indices, values });
    const summaries = [1, 2, 3, 4].map((threads) =>
      JSON.stringify(new LogisticRegression({ penalty: 'none', solver: 'newton', threads, onWarning: null }).fit(X, y).summary().toJSON()),
    );
    expect(new Set(summaries).size).toBe(1);
  });

  it('reuses its workers across fits', () => {
    coefficients(binary, { threads: 3 });
    const started = faults.workers.length;
    coefficients(binary, { threads: 2 });
    coefficients(multiclass, { threads: 3 });
    expect(faults.workers.length).toBe(started);
    expect(workerCount()).toBeGreaterThanOrEqual(2);
  });

  it('surfaces a failure inside a worker as an Error and recovers on the next fit', () => {
    const model = new LogisticRegression({ threads: 2, onWarning: null }).fit(binary.X, binary.y);
    const before = Array.from(model.coef.data);
    Atomics.store(faults.failNext, 0, 1);
    expect(() => model.fit(binary.X, binary.y)).toThrow('logreg-wasm: worker thread 1 failed during a pass; the worker pool was shut down');
    expect(workerCount()).toBe(0);
    expect(Array.from(model.coef.data)).toEqual(before);
    expect(coefficients(binary, { threads: 2 })).toBe(coefficients(binary, { threads: 1 }));
  });

  it('surfaces a worker that died during a fit as an Error instead of hanging', async () => {
    // The worker starts under the usual deadline (a loaded host may take longer than the
    // short one to start it); the short one then bounds how long the pool waits for it.
    await startWorkers(2);
    faults.deadlineMs = 300;
    try {
      let killed: Promise<unknown> | null = null;
      // Kill the worker from an onIteration callback, between two passes.
      const killer = new LogisticRegression({
        threads: 2,
        maxIter: 50,
        tol: 0,
        solver: 'gd',
        onWarning: null,
        onIteration: ({ iter }) => {
          if (iter === 2) killed = Promise.resolve(poolWorkers()[0]?.terminate());
        },
      });
      expect(() => killer.fit(binary.X, binary.y)).toThrow(/worker thread 1 stopped responding/);
      await killed;
      expect(workerCount()).toBe(0);
      faults.deadlineMs = 10_000;
      expect(() => new LogisticRegression({ threads: 2, onWarning: null }).fit(binary.X, binary.y)).not.toThrow();
    } finally {
      faults.deadlineMs = 10_000;
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
      cwd: new URL('../..', import.meta.url),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.stdout.trim()).toBe('fitted');
    expect(child.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('startWorkers', () => {
  it.each([
    [0, 'RangeError', 'startWorkers: threads must be an integer from 1 to 64; got 0'],
    [2.5, 'RangeError', 'startWorkers: threads must be an integer from 1 to 64; got 2.5'],
    [1e9, 'RangeError', 'startWorkers: threads must be an integer from 1 to 64; got 1000000000'],
    [Number.NaN, 'RangeError', 'startWorkers: threads must be an integer from 1 to 64; got NaN'],
    ['2', 'TypeError', 'startWorkers: threads must be a number; got string'],
  ])('refuses threads = %s with a %s and starts no worker', async (threads, kind, message) => {
    terminateWorkers();
    const error = await startWorkers(threads as number).catch((e: unknown) => e);
    expect((error as Error).constructor.name).toBe(kind);
    expect((error as Error).message).toBe(message);
    expect(workerCount()).toBe(0);
  });

  it('resolves with the thread count once the workers are ready, and fits use them', async () => {
    terminateWorkers();
    await expect(startWorkers(3)).resolves.toBe(3);
    expect(workerCount()).toBe(2);
    expect(coefficients(binary, { threads: 3 })).toBe(coefficients(binary, { threads: 1 }));
  });
});
