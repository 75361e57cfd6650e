/**
 * A Matrix that a call reads in place is pinned: disposing it during the call (from
 * onIteration or onWarning) makes it unusable at once, but its memory is released only when
 * the call returns, so the call finishes on the values it started with.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Dtype, type IterationInfo, LogisticRegression, Matrix, makeClassification } from '../../src/index.js';
import { defaultCore } from '../../src/core/runtime.js';
import { bits } from '../reliability/data.js';
import { coreCallsDuring } from '../wasm-memory.js';

const data = makeClassification({ nSamples: 6000, nFeatures: 12, randomState: 3 });
const exact = { tol: 1e-10, maxIter: 30, onWarning: null } as const;

function inWasm<D extends Dtype>(dtype: D): Matrix<D> {
  const X = Matrix.alloc(data.X.rows, data.X.cols, { dtype });
  X.data.set(data.X.data);
  return X;
}

/** Coefficient and intercept bits of `model`, then disposes it. */
function result(model: LogisticRegression): string {
  const out = `${bits(model.coef.data)} | ${bits(model.intercept)}`;
  model.dispose();
  return out;
}

/** The byte offsets the default core freed while `run` ran. */
const freedDuring = (run: () => void): number[] => coreCallsDuring('free', run);

afterEach(() => vi.restoreAllMocks());

describe('disposing X from onIteration during fit', () => {
  for (const [dtype, threads] of [
    ['float64', 1],
    ['float64', 2],
    ['float32', 1],
    ['float32', 2],
  ] as const) {
    it(`leaves the coefficients exactly as without the dispose (${dtype} X read in place, ${threads} thread(s))`, () => {
      const options = { ...exact, dtype, threads };
      const reference = result(new LogisticRegression(options).fit(inWasm(dtype), data.y));
      const X = inWasm(dtype);
      // What the dispose frees, reused at once and overwritten, as any later allocation could.
      const onIteration = ({ iter }: IterationInfo): void => {
        if (iter !== 2) return;
        X.dispose();
        Matrix.alloc(data.X.rows, data.X.cols, { dtype }).data.fill(-1e6);
      };
      expect(result(new LogisticRegression({ ...options, onIteration }).fit(X, data.y))).toBe(reference);
    });
  }

  it('makes the matrix unusable at once but frees its memory only when the fit returns', () => {
    const X = inWasm('float64');
    const block = X.byteOffset;
    const free = vi.spyOn(defaultCore, 'free');
    const timesFreed = (): number => free.mock.calls.filter(([ptr]) => ptr === block).length;
    let freedByDispose = -1;
    let dataError: unknown = null;
    const onIteration = ({ iter }: IterationInfo): void => {
      if (iter !== 2) return;
      X.dispose();
      freedByDispose = timesFreed();
      try {
        void X.data;
      } catch (error) {
        dataError = error;
      }
    };
    new LogisticRegression({ ...exact, onIteration }).fit(X, data.y).dispose();
    expect(freedByDispose).toBe(0);
    expect(dataError).toEqual(new Error('Matrix: this matrix has been disposed'));
    expect(X.inWasmMemory).toBe(false);
    expect(timesFreed()).toBe(1);
  });

  it('frees the memory once when the fit fails after the dispose', () => {
    const X = inWasm('float64');
    const block = X.byteOffset;
    const onIteration = ({ iter }: IterationInfo): void => {
      if (iter !== 2) return;
      X.dispose();
      X.dispose();
      throw new Error('stop here');
    };
    let caught: unknown = null;
    const freed = freedDuring(() => {
      try {
        new LogisticRegression({ ...exact, onIteration }).fit(X, data.y);
      } catch (error) {
        caught = error;
      }
    });
    expect(caught).toEqual(new Error('stop here'));
    expect(freed.filter((ptr) => ptr === block)).toEqual([block]);
  });

  it('keeps X pinned through a predict on it inside onIteration, then frees it once', () => {
    const X = inWasm('float64');
    const block = X.byteOffset;
    const other = new LogisticRegression(exact).fit(data.X, data.y);
    const expected = bits(other.predictProba(data.X).data);
    const seen: string[] = [];
    const onIteration = ({ iter }: IterationInfo): void => {
      if (iter === 2) seen.push(bits(other.predictProba(X).data));
      if (iter === 3) X.dispose();
      if (iter === 4) seen.push(bits(other.predictProba(data.X).data));
    };
    const reference = result(new LogisticRegression(exact).fit(data.X, data.y));
    const freed = freedDuring(() => expect(result(new LogisticRegression({ ...exact, onIteration }).fit(X, data.y))).toBe(reference));
    expect(seen).toEqual([expected, expected]);
    expect(freed.filter((ptr) => ptr === block)).toEqual([block]);
    other.dispose();
  });
});

describe('disposing X during other calls', () => {
  it('leaves a one-vs-rest fit exactly as without the dispose when onWarning disposes X after the first class', () => {
    const three = makeClassification({ nSamples: 3000, nFeatures: 6, nInformative: 4, nClasses: 3, randomState: 5 });
    const options = { multiClass: 'ovr', maxIter: 3, tol: 1e-12 } as const;
    const place = (): Matrix => {
      const X = Matrix.alloc(three.X.rows, three.X.cols);
      X.data.set(three.X.data);
      return X;
    };
    const reference = result(new LogisticRegression({ ...options, onWarning: null }).fit(place(), three.y));
    const X = place();
    let warnings = 0;
    const onWarning = (): void => {
      warnings++;
      X.dispose();
      Matrix.alloc(three.X.rows, three.X.cols).data.fill(-1e6);
    };
    expect(result(new LogisticRegression({ ...options, onWarning }).fit(X, three.y))).toBe(reference);
    expect(warnings).toBe(3);
  });

  it('leaves a multi-epoch sgd fit exactly as without the dispose (from onIteration after epoch 1)', () => {
    const options = { solver: 'sgd', maxIter: 4, tol: 0, randomState: 0, onWarning: null } as const;
    const reference = result(new LogisticRegression(options).fit(inWasm('float64'), data.y));
    const X = inWasm('float64');
    const onIteration = ({ iter }: IterationInfo): void => {
      if (iter !== 1) return;
      X.dispose();
      Matrix.alloc(data.X.rows, data.X.cols).data.fill(-1e6);
    };
    expect(result(new LogisticRegression({ ...options, onIteration }).fit(X, data.y))).toBe(reference);
  });

  it('leaves a partialFit exactly as without the dispose, and frees X when it returns', () => {
    const options = { solver: 'sgd', randomState: 0, onWarning: null } as const;
    const reference = result(new LogisticRegression(options).partialFit(inWasm('float64'), data.y, { classes: [0, 1] }));
    const X = inWasm('float64');
    const block = X.byteOffset;
    const freed = freedDuring(() => {
      const model = new LogisticRegression({ ...options, onIteration: () => X.dispose() });
      expect(result(model.partialFit(X, data.y, { classes: [0, 1] }))).toBe(reference);
    });
    expect(freed.filter((ptr) => ptr === block)).toEqual([block]);
  });

  it('rejects a disposed X in fit, partialFit and predict with an Error naming X, float64 and float32, leaving the model as it was', () => {
    const disposed = new Error('X is a Matrix that has been disposed (dispose() released its memory); pass one that is still allocated');
    for (const dtype of ['float64', 'float32'] as const) {
      const X = inWasm(dtype);
      const model = new LogisticRegression({ ...exact, dtype }).fit(X, data.y);
      const before = bits(model.coef.data);
      X.dispose();
      expect(() => model.predict(X)).toThrow(disposed);
      expect(() => model.fit(X, data.y)).toThrow(disposed);
      expect(bits(model.coef.data)).toBe(before);
      model.dispose();
    }
    const X = inWasm('float64');
    X.dispose();
    expect(() => new LogisticRegression({ solver: 'sgd', onWarning: null }).partialFit(X, data.y, { classes: [0, 1] })).toThrow(disposed);
  });
});
