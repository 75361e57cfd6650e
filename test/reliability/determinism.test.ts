/**
 * Determinism: the same inputs and options give the same bits — run after run, whatever
 * else the process has done, in a fresh process, whatever the input representation — and
 * `randomState` makes every random choice (data generation, splits, SGD shuffles)
 * reproducible. Across thread counts and between Node and Chromium: not here (issue 4's
 * threads; the browser suite).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LogisticRegression, type LogisticRegressionOptions, Matrix, RandomState, makeClassification, trainTestSplit } from '../../src/index.js';
import { fingerprints } from './children/fingerprint.js';
import { bits } from './data.js';

const quiet = { onWarning: null } as const;
const { X, y } = makeClassification({ nSamples: 200, nFeatures: 5, nInformative: 3, nRedundant: 1, nClasses: 3, randomState: 2 });
const labels = Array.from(y);
const binaryLabels = labels.map((k) => k % 2);

const CONFIGS: [string, LogisticRegressionOptions, number[]][] = [
  ['lbfgs multinomial', { solver: 'lbfgs', tol: 1e-10, maxIter: 1000 }, labels],
  ['newton binary', { solver: 'newton', tol: 1e-10, maxIter: 1000 }, binaryLabels],
  ['owlqn l1 ovr', { solver: 'owlqn', penalty: 'l1', multiClass: 'ovr', tol: 1e-8, maxIter: 1000 }, labels],
  ['gd elasticnet', { solver: 'gd', penalty: 'elasticnet', l1Ratio: 0.5, learningRate: 0.1, maxIter: 200, tol: 0 }, binaryLabels],
  ['sgd seeded', { solver: 'sgd', batchSize: 8, maxIter: 20, tol: 0, randomState: 3 }, labels],
];

function fit(options: LogisticRegressionOptions, Xs: Matrix | number[][], ys: number[]): string {
  const model = new LogisticRegression({ ...options, ...quiet }).fit(Xs, ys);
  const out = bits(model.coef.data) + '|' + bits(model.intercept);
  model.dispose();
  return out;
}

describe('the same inputs and options', () => {
  it('give bit-identical coefficients on every run, for every solver, penalty and multiclass mode', () => {
    for (const [name, options, ys] of CONFIGS) {
      const first = fit(options, X, ys);
      for (let run = 0; run < 3; run++) expect(fit(options, X, ys), name).toBe(first);
    }
  });

  it('give the same bits whatever the process did before: other fits, live models, grown memory', () => {
    const before = CONFIGS.map(([, options, ys]) => fit(options, X, ys));
    const live = CONFIGS.map(([, options, ys]) => new LogisticRegression({ ...options, ...quiet }).fit(X.toArray().reverse(), [...ys].reverse()));
    const big = Matrix.alloc(4096, 1024); // 32 MiB: the memory grows and every block moves up
    const after = CONFIGS.map(([, options, ys]) => fit(options, X, ys));
    big.dispose();
    live.forEach((model) => model.dispose());
    expect(after).toEqual(before);
  });

  it('give the same bits for number[][], a Matrix in JS memory and one in WebAssembly memory', () => {
    const inWasm = Matrix.alloc(X.rows, X.cols);
    inWasm.data.set(X.data);
    for (const [name, options, ys] of CONFIGS) {
      const reference = fit(options, X, ys);
      expect(fit(options, X.toArray(), ys), name).toBe(reference);
      expect(fit(options, inWasm, ys), name).toBe(reference);
    }
    inWasm.dispose();
  });

  it('give the same bits in a fresh Node process, for data generation, splits, every solver and partialFit streams', async () => {
    const child = fileURLToPath(new URL('./children/fingerprint.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      timeout: 30_000,
      maxBuffer: 16 * 2 ** 20,
    });
    const theirs = JSON.parse(stdout) as Record<string, string>;
    const ours = fingerprints();
    expect(Object.keys(theirs).length).toBeGreaterThan(10);
    expect(theirs).toEqual(ours);
  });
});

describe('randomState', () => {
  it('makes makeClassification, trainTestSplit and an sgd fit reproducible end to end, and another seed changes each', () => {
    const pipeline = (seed: number): string[] => {
      const data = makeClassification({ nSamples: 120, nFeatures: 4, nInformative: 2, nRedundant: 0, randomState: seed });
      const split = trainTestSplit(data.X, data.y, { testSize: 0.3, randomState: seed });
      const model = new LogisticRegression({ solver: 'sgd', maxIter: 5, tol: 0, randomState: seed, ...quiet }).fit(split.XTrain, split.yTrain);
      return [bits(data.X.data), bits(split.XTest.data), bits(model.coef.data)];
    };
    const first = pipeline(21);
    expect(pipeline(21)).toEqual(first);
    const other = pipeline(22);
    other.forEach((part, i) => expect(part).not.toBe(first[i]));
  });

  it('accepts a RandomState instance: a fresh RandomState(s) fits like seed s, and reusing one instance continues its stream', () => {
    const options = { solver: 'sgd', maxIter: 4, tol: 0, ...quiet } as const;
    const bySeed = fit({ ...options, randomState: 8 }, X, labels);
    expect(fit({ ...options, randomState: new RandomState(8) }, X, labels)).toBe(bySeed);
    const shared = new RandomState(8);
    const model = new LogisticRegression({ ...options, randomState: shared });
    const first = bits(model.fit(X, labels).coef.data);
    const second = bits(model.fit(X, labels).coef.data);
    expect(first).toBe(bySeed.split('|')[0]);
    expect(second).not.toBe(first);
  });

  it('reproduces a seeded fit even after the same model ran other fits (each fit restarts its stream from the seed)', () => {
    const model = new LogisticRegression({ solver: 'sgd', maxIter: 4, tol: 0, randomState: 13, ...quiet });
    const first = bits(model.fit(X, labels).coef.data);
    model.fit(X.toArray().slice(0, 100), labels.slice(0, 100));
    expect(bits(model.fit(X, labels).coef.data)).toBe(first);
  });

  it('draws fresh shuffles for every sgd fit when randomState is null', () => {
    const options = { solver: 'sgd', maxIter: 3, tol: 0, randomState: null, ...quiet } as const;
    const runs = new Set(Array.from({ length: 4 }, () => fit(options, X, labels)));
    expect(runs.size).toBe(4);
  });

  it('does not affect the deterministic solvers at all', () => {
    for (const solver of ['lbfgs', 'newton', 'owlqn', 'gd'] as const) {
      expect(fit({ solver, randomState: 1 }, X, labels), solver).toBe(fit({ solver, randomState: 2 }, X, labels));
      expect(fit({ solver, randomState: null }, X, labels), solver).toBe(fit({ solver, randomState: 2 }, X, labels));
    }
  });
});
