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

describe('multiclass', () => {
  it('gives multinomial l2 coefficient rows that sum to 0 in every column', () => {
    const { X, y } = threeClass();
    const coef = new LogisticRegression({ ...exact, penalty: 'l2' }).fit(X, y).coef;
    expect([coef.rows, coef.cols]).toEqual([3, 4]);
    for (let j = 0; j < coef.cols; j++) {
      expect(Math.abs(coef.get(0, j) + coef.get(1, j) + coef.get(2, j))).toBeLessThan(1e-8);
    }
  });

  it('gives multinomial intercepts with mean 0', () => {
    const { X, y } = threeClass();
    const intercept = new LogisticRegression(exact).fit(X, y).intercept;
    expect(intercept.length).toBe(3);
    expect(Math.abs(intercept.reduce((sum, b) => sum + b, 0) / 3)).toBeLessThan(1e-12);
  });

  it('gives one-vs-rest models K coefficient rows and K intercepts', () => {
    const { X, y } = threeClass();
    const model = new LogisticRegression({ ...exact, multiClass: 'ovr' }).fit(X, y);
    expect([model.coef.rows, model.coef.cols]).toEqual([3, 4]);
    expect(model.intercept.length).toBe(3);
    expect(model.decisionFunction(X).length).toBe(90 * 3);
  });
});

describe('onIteration', () => {
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

describe('warnings', () => {
  it('sends one maxIter warning mentioning maxIter to onWarning', () => {
    const { X, y } = binary();
    const messages: string[] = [];
    new LogisticRegression({ tol: 1e-12, maxIter: 2, onWarning: (m) => void messages.push(m) }).fit(X, y);
    expect(messages).toEqual([
      "LogisticRegression: solver 'lbfgs' reached maxIter = 2 before the gradient fell to tol = 1e-12; increase maxIter or scale the features (StandardScaler)",
    ]);
  });

  it('prints nothing when onWarning is null', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { X, y } = binary();
    new LogisticRegression({ tol: 1e-12, maxIter: 2, onWarning: null }).fit(X, y);
    expect(warn).not.toHaveBeenCalled();
  });

  it('sends the maxIter warning to console.warn by default', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { X, y } = binary();
    new LogisticRegression({ tol: 1e-12, maxIter: 2 }).fit(X, y);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('maxIter = 2');
  });

  it('does not warn when the fit converges', () => {
    const warn = vi.fn();
    const { X, y } = binary();
    new LogisticRegression({ ...exact, onWarning: warn }).fit(X, y);
    expect(warn).not.toHaveBeenCalled();
  });
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
