import { afterEach, describe, expect, it, vi } from 'vitest';
import { LogisticRegression, type LogisticRegressionOptions, Matrix, makeClassification } from '../src/index.js';

type Label = number | string | boolean;
type IterationInfo = Parameters<NonNullable<LogisticRegressionOptions['onIteration']>>[0];

/** Tight settings for tests that compare numbers; warnings silenced. */
const exact = { tol: 1e-10, maxIter: 5000, onWarning: null } as const;

/** 60×4 binary problem, labels 0/1. */
function binary(randomState = 0): { X: Matrix; y: Int32Array } {
  return makeClassification({ nSamples: 60, nFeatures: 4, nInformative: 2, nRedundant: 0, randomState });
}

/** 90×4 three-class problem, labels 0/1/2. */
function threeClass(randomState = 1): { X: Matrix; y: Int32Array } {
  return makeClassification({ nSamples: 90, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, randomState });
}

/** One-hot rows (class k ↦ e_k scaled by 3, plus a little deterministic jitter): separable for any labelling. */
function oneHot(labels: readonly Label[], distinct: readonly Label[]): number[][] {
  return labels.map((label, i) => distinct.map((d, j) => (d === label ? 3 : 0) + 0.01 * (((i * 7 + j * 3) % 5) - 2)));
}

/** Everything observable about a fitted model, for "left as it was" checks. */
function snapshot(model: LogisticRegression, X: Matrix): unknown {
  return {
    coef: Array.from(model.coef.data),
    intercept: Array.from(model.intercept),
    classes: model.classes,
    nIter: model.nIter,
    converged: model.converged,
    proba: Array.from(model.predictProba(X).data),
  };
}

/** Asserts that `fn` throws an instance of `kind` whose message is exactly `message`. */
function expectError(fn: () => unknown, kind: ErrorConstructor, message: string): void {
  let thrown: unknown = undefined;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(kind);
  expect((thrown as Error).message).toBe(message);
}

function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < row.length; k++) if ((row[k] as number) > (row[best] as number)) best = k;
  return best;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('probabilities and decisions', () => {
});

describe('warmStart', () => {
  it('needs fewer iterations to refit on reweighted data than a cold start', () => {
    const { X, y } = binary();
    const weights = Array.from({ length: 60 }, (_, i) => 1 + 0.2 * (i % 3));
    const warm = new LogisticRegression({ ...exact, warmStart: true }).fit(X, y);
    warm.fit(X, y, { sampleWeight: weights });
    const cold = new LogisticRegression(exact).fit(X, y, { sampleWeight: weights });
    expect(warm.nIter).toBeLessThan(cold.nIter);
    expect(warm.converged).toBe(true);
    const scale = Math.max(...Array.from(cold.coef.data, Math.abs));
    for (let j = 0; j < 4; j++) expect(Math.abs((warm.coef.data[j] as number) - (cold.coef.data[j] as number))).toBeLessThan(1e-8 * scale);
  });

  it('starts cold when warmStart is false, even on a model fitted before', () => {
    const { X, y } = binary();
    const model = new LogisticRegression(exact).fit(X, y);
    const first = model.nIter;
    model.fit(X, y);
    expect(model.nIter).toBe(first);
  });
});

describe('bad fit input', () => {
  const { X, y } = binary();
  const XS = [[0], [1], [2], [3]];
  interface Case {
    model: () => LogisticRegression;
    X: number[][];
    y: Label[];
    options: { sampleWeight?: unknown[] };
    kind: ErrorConstructor;
    message: string;
    /** Good data the same model can be fitted on first, or null when there is none. */
    before: { X: Matrix; y: Label[] } | null;
  }
  const numeric = { X, y: Array.from(y) };
  const cases: [string, Case][] = [
    [
      'a single class in y',
      {
        model: () => new LogisticRegression(exact),
        X: XS,
        y: [1, 1, 1, 1],
        options: {},
        kind: RangeError,
        message: 'y has a single class (1); at least two classes are needed to fit',
        before: numeric,
      },
    ],
  ];

  for (const [what, c] of cases) {
    it(`rejects ${what} with a ${c.kind.name} naming the argument`, () => {
      expectError(() => c.model().fit(c.X, c.y, c.options as never), c.kind, c.message);
    });

    if (c.before === null) continue;
    const good = c.before;
    it(`leaves a previously fitted model as it was after rejecting ${what}`, () => {
      const model = c.model().fit(good.X, good.y);
      const before = snapshot(model, good.X);
      expect(() => model.fit(c.X, c.y, c.options as never)).toThrow(c.kind);
      expect(snapshot(model, good.X)).toEqual(before);
    });
  }
});
