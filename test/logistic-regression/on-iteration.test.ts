// The onIteration callback: what it receives, stopping a fit early, errors it throws, and
// fits started from inside it.
import { describe, expect, it, vi } from 'vitest';
import { type IterationInfo, LogisticRegression } from '../../src/index.js';
import { binary, exact, snapshot, threeClass } from './helpers.js';

describe('LogisticRegression#fit(X, y) with onIteration', () => {
  it('receives iter, loss, gradNorm and problem, with iter counting 1, 2, 3, …', () => {
    const { X, y } = binary();
    const infos: IterationInfo[] = [];
    const model = new LogisticRegression({ ...exact, onIteration: (info) => void infos.push({ ...info }) }).fit(X, y);
    expect(infos.length).toBe(model.nIter);
    expect(Object.keys(infos[0] as object).sort()).toEqual(['gradNorm', 'iter', 'loss', 'problem']);
    expect(infos.map((info) => info.iter)).toEqual(Array.from({ length: infos.length }, (_, i) => i + 1));
    for (const info of infos) {
      expect(info.problem).toBe(0);
      expect(Number.isFinite(info.loss)).toBe(true);
      expect(info.gradNorm).toBeGreaterThanOrEqual(0);
    }
  });

  it('numbers one-vs-rest problems by class index and restarts iter at 1 for each', () => {
    const { X, y } = threeClass();
    const infos: IterationInfo[] = [];
    new LogisticRegression({ ...exact, multiClass: 'ovr', onIteration: (info) => void infos.push({ ...info }) }).fit(X, y);
    for (const k of [0, 1, 2]) {
      const iters = infos.filter((info) => info.problem === k).map((info) => info.iter);
      expect(iters).toEqual(Array.from({ length: iters.length }, (_, i) => i + 1));
    }
    expect(infos.map((info) => info.problem)).toEqual([...infos.map((info) => info.problem)].sort());
  });

  for (const solver of ['lbfgs', 'newton'] as const) {
    it(`reports a loss that never increases (beyond rounding noise) with solver '${solver}'`, () => {
      const { X, y } = binary();
      const losses: number[] = [];
      new LogisticRegression({ ...exact, solver, onIteration: ({ loss }) => void losses.push(loss) }).fit(X, y);
      expect(losses.length).toBeGreaterThan(2);
      // Near the optimum the line search accepts steps whose f is within 8 ulps of the
      // previous f (assembly/solvers/line-search.ts: NOISE_ULPS); lbfgs here ends 1 ulp up.
      for (let i = 1; i < losses.length; i++) {
        const previous = losses[i - 1] as number;
        expect(losses[i] as number).toBeLessThanOrEqual(previous + 8 * Number.EPSILON * Math.abs(previous));
      }
      expect(losses[losses.length - 1] as number).toBeLessThan(losses[0] as number);
    });
  }

  it('stops early when onIteration returns false, leaving a usable model with converged false', () => {
    const { X, y } = binary();
    const warn = vi.fn();
    const model = new LogisticRegression({ ...exact, onWarning: warn, onIteration: ({ iter }) => iter < 3 }).fit(X, y);
    expect(model.nIter).toBe(3);
    expect(model.converged).toBe(false);
    expect(model.predict(X)).toHaveLength(60);
    expect(Array.from(model.coef.data).every(Number.isFinite)).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });

  it('propagates an error thrown by onIteration and leaves the previous fit intact', () => {
    const { X, y } = binary();
    let fail = false;
    const model = new LogisticRegression({
      ...exact,
      onIteration: ({ iter }) => {
        if (fail && iter === 3) throw new Error('stop right there');
      },
    }).fit(X, y);
    const before = snapshot(model, X);
    fail = true;
    expect(() => model.fit(binary(7).X, binary(7).y)).toThrow('stop right there');
    expect(snapshot(model, X)).toEqual(before);
  });

  it('leaves a model unfitted when onIteration throws during its first fit', () => {
    const { X, y } = binary();
    const model = new LogisticRegression({
      ...exact,
      onIteration: () => {
        throw new Error('no');
      },
    });
    expect(() => model.fit(X, y)).toThrow('no');
    expect(model.isFitted).toBe(false);
  });

  it('rejects fit on another model from inside onIteration with an error that mentions onIteration', () => {
    const { X, y } = binary();
    const other = new LogisticRegression(exact);
    let inner: unknown = null;
    new LogisticRegression({
      ...exact,
      onIteration: ({ iter }) => {
        if (iter !== 2) return;
        try {
          other.fit(X, y);
        } catch (error) {
          inner = error;
        }
      },
    }).fit(X, y);
    expect(inner).toBeInstanceOf(Error);
    expect((inner as Error).message).toBe(
      'LogisticRegression.fit: a fit is already running (fit was called from an onIteration callback); fit another model after this one returns',
    );
    expect(other.isFitted).toBe(false);
  });

  it('leaves both models usable after a re-entrant fit was rejected', () => {
    const { X, y } = binary();
    const reference = new LogisticRegression(exact).fit(X, y);
    const other = new LogisticRegression(exact);
    const outer = new LogisticRegression({
      ...exact,
      onIteration: ({ iter }) => {
        if (iter === 2) expect(() => other.fit(X, y)).toThrow(/onIteration/);
      },
    }).fit(X, y);
    expect(outer.converged).toBe(true);
    expect(Array.from(outer.coef.data)).toEqual(Array.from(reference.coef.data));
    other.fit(X, y);
    expect(Array.from(other.coef.data)).toEqual(Array.from(reference.coef.data));
  });

  it('propagates an uncaught re-entrancy error out of the outer fit and leaves both models usable', () => {
    const { X, y } = binary();
    const other = new LogisticRegression(exact);
    const outer = new LogisticRegression({ ...exact, onIteration: () => void other.fit(X, y) });
    expect(() => outer.fit(X, y)).toThrow(/onIteration/);
    expect(outer.isFitted).toBe(false);
    expect(other.isFitted).toBe(false);
    expect(other.fit(X, y).converged).toBe(true);
    expect(new LogisticRegression(exact).fit(X, y).converged).toBe(true);
  });
});
