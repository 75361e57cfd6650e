import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemRecord } from '../../src/core/problem.js';
import { allocF64, copyIn, core, defaultCore, free, viewF64 } from '../../src/core/runtime.js';

const NEWTON_CG = (core.SOLVER_NEWTON_CG as WebAssembly.Global).value as number;

/**
 * The core's gradient and Hessian-vector product against central finite differences of
 * its own objective, on random small problems (binary and softmax, weighted, with l2).
 */
function checkProblem(seed: number, rows: number, cols: number, blocks: number): void {
  let state = (seed % 2147483646) + 1;
  const next = (): number => (state = (state * 16807) % 2147483647) / 2147483647 - 0.5;
  const P = blocks * (cols + 1);
  const x = copyIn(Float64Array.from({ length: rows * cols }, () => 4 * next()));
  const classes = blocks === 1 ? 2 : blocks;
  const y = copyIn(Float64Array.from({ length: rows }, (_, i) => i % classes));
  const weights = copyIn(Float64Array.from({ length: rows }, () => 1 + next()));
  const params = allocF64(P);
  const grad = allocF64(P);
  const v = allocF64(P);
  const hv = allocF64(P);
  const record = problemRecord(defaultCore);
  record.write({ x, dtype: 'float64', sparse: null, y, weights, rows, cols, blocks, fitIntercept: true, weightSum: rows, l2: 0.3, l1: 0 });
  // The Newton-CG solver's scratch includes the per-row curvature the Hessian product reads.
  const work = allocF64(core.workLength(NEWTON_CG));
  record.setWork(work);
  core.prepareProblem(NEWTON_CG);
  try {
    const theta = Float64Array.from({ length: P }, () => next());
    const direction = Float64Array.from({ length: P }, () => next());
    const f = (t: Float64Array): number => {
      viewF64(params, P).set(t);
      return core.smoothObjective(params, grad, true, false);
    };
    const h = 1e-6;
    viewF64(params, P).set(theta);
    core.smoothObjective(params, grad, true, true);
    const g = viewF64(grad, P).slice();
    viewF64(v, P).set(direction);
    core.hessianProduct(v, hv);
    const Hv = viewF64(hv, P).slice();
    for (let j = 0; j < P; j++) {
      const plus = theta.slice();
      const minus = theta.slice();
      plus[j]! += h;
      minus[j]! -= h;
      const numeric = (f(plus) - f(minus)) / (2 * h);
      expect(Math.abs(numeric - g[j]!)).toBeLessThan(1e-7 * Math.max(1, Math.abs(g[j]!)));
    }
    // Hv ≈ (∇f(θ + h·v) − ∇f(θ − h·v)) / 2h
    const gradAt = (t: Float64Array): Float64Array => {
      viewF64(params, P).set(t);
      core.smoothObjective(params, grad, true, false);
      return viewF64(grad, P).slice();
    };
    const gPlus = gradAt(theta.map((t, j) => t + h * direction[j]!));
    const gMinus = gradAt(theta.map((t, j) => t - h * direction[j]!));
    for (let j = 0; j < P; j++) {
      const numeric = (gPlus[j]! - gMinus[j]!) / (2 * h);
      expect(Math.abs(numeric - Hv[j]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(Hv[j]!)));
    }
  } finally {
    for (const ptr of [x, y, weights, params, grad, v, hv, work]) free(ptr);
  }
}

describe('the core objective', () => {
  it('has a gradient and Hessian-vector product equal to finite differences (binary, weighted, l2)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 2, max: 9 }), fc.integer({ min: 1, max: 5 }), (seed, rows, cols) =>
        checkProblem(seed, rows, cols, 1),
      ),
      { numRuns: 30 },
    );
  });

  it('has a gradient and Hessian-vector product equal to finite differences (softmax, 3–4 classes)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 4, max: 9 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 3, max: 4 }), (seed, rows, cols, blocks) =>
        checkProblem(seed, rows, cols, blocks),
      ),
      { numRuns: 30 },
    );
  });
});
