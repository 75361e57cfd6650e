import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Dtype, type Label, LogisticRegression, type LogisticRegressionOptions, Matrix, makeClassification } from '../../src/index.js';
import { exported } from '../../src/core/problem.js';
import { core } from '../../src/core/runtime.js';

// What a fit costs is made of passes over the rows. The core counts them (gradient passes
// — loss and gradient fused in one — and Hessian-vector products), so a solver that
// slipped back to extra passes per iteration fails here, whatever the machine's speed.

const GRADIENT = exported(core, 'PASS_GRADIENT');
const HESSIAN = exported(core, 'PASS_HESSIAN');

const iris = JSON.parse(readFileSync(new URL('../fixtures/parity/datasets/iris.json', import.meta.url), 'utf8')) as {
  X: number[][];
  y: Label[];
};
const binary = makeClassification({ nSamples: 5000, nFeatures: 20, nInformative: 10, randomState: 3 });

interface Counted {
  nIter: number;
  gradient: number;
  hessian: number;
}

function countPasses(X: Matrix<Dtype>, y: ArrayLike<Label>, options: LogisticRegressionOptions): Counted {
  core.resetPassCounts();
  const model = new LogisticRegression({ threads: 1, maxIter: 1000, ...options }).fit(X, Array.from(y));
  return { nIter: model.nIter, gradient: core.passCount(GRADIENT), hessian: core.passCount(HESSIAN) };
}

const quasiNewton: [string, Matrix<Dtype>, ArrayLike<Label>, LogisticRegressionOptions][] = [
  ['lbfgs, binary', binary.X, binary.y, { solver: 'lbfgs', tol: 1e-8 }],
  ['lbfgs, binary, sample weights', binary.X, binary.y, { solver: 'lbfgs', tol: 1e-8, classWeight: 'balanced' }],
  ['lbfgs, multinomial (iris)', Matrix.fromRows(iris.X), iris.y, { solver: 'lbfgs', tol: 1e-8 }],
  ['owlqn, binary, l1', binary.X, binary.y, { solver: 'owlqn', penalty: 'l1', C: 0.05, tol: 1e-8 }],
  ['lbfgs, binary, float32 X', Matrix.from(Float32Array.from(binary.X.data), binary.X.rows, binary.X.cols), binary.y, { solver: 'lbfgs', tol: 1e-6 }],
];

describe('passes over the rows per iteration', () => {
  it.each(quasiNewton)('%s: one gradient pass per iteration, plus the start and a few rejected trials', (_, X, y, options) => {
    const { nIter, gradient, hessian } = countPasses(X, y, options);
    expect(nIter).toBeGreaterThan(5);
    expect(hessian).toBe(0);
    // The line search's first trial is accepted almost always: a rejected trial or a switch
    // to float64 arithmetic (float32 X) costs one more pass. Two passes per iteration (a
    // separate loss pass, or a second trial every time) would be 2·nIter + 1.
    expect(gradient).toBeGreaterThanOrEqual(nIter + 1);
    expect(gradient).toBeLessThanOrEqual(Math.ceil(1.25 * nIter) + 2);
  });

  it('gd: exactly one gradient pass per iteration', () => {
    const { nIter, gradient, hessian } = countPasses(binary.X, binary.y, { solver: 'gd', learningRate: 0.5, maxIter: 40, tol: 0 });
    expect(nIter).toBe(40);
    expect(gradient).toBe(40);
    expect(hessian).toBe(0);
  });

  it('newton: one gradient pass per iteration, and Hessian products from the curvature that pass kept', () => {
    const { nIter, gradient, hessian } = countPasses(binary.X, binary.y, { solver: 'newton', tol: 1e-10 });
    expect(nIter).toBeGreaterThan(3);
    expect(gradient).toBeGreaterThanOrEqual(nIter + 1);
    expect(gradient).toBeLessThanOrEqual(Math.ceil(1.25 * nIter) + 2);
    // Each iteration's conjugate-gradient steps are one Hessian product each; none
    // recomputes the row curvature (that would be a gradient pass per product).
    expect(hessian).toBeGreaterThanOrEqual(nIter);
  });

  it('counts passes on every thread count alike (the chunks, not the threads, are the work)', () => {
    const one = countPasses(binary.X, binary.y, { solver: 'lbfgs', tol: 1e-8 });
    const two = countPasses(binary.X, binary.y, { solver: 'lbfgs', tol: 1e-8, threads: 2 });
    expect(two).toEqual(one);
  });
});
