import { afterEach, describe, expect, it, vi } from 'vitest';
import { LogisticRegression, type LogisticRegressionOptions, makeClassification } from '../../src/index.js';
import { binary, exact } from './helpers.js';

// A host of 3 CPUs, whatever this one has (availableCpus caps at 64 itself).
vi.mock('../../src/core/threads.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/core/threads.js')>()),
  availableCpus: () => 3,
}));

afterEach(() => {
  vi.restoreAllMocks();
});

const { X, y } = makeClassification({ nSamples: 60, nFeatures: 3, nInformative: 2, nRedundant: 0, randomState: 2 });

/** The warnings one construction and fit with these options give. */
function warningsOf(options: LogisticRegressionOptions): string[] {
  const said: string[] = [];
  new LogisticRegression({ ...options, onWarning: (m) => said.push(m) }).fit(X, y);
  return said;
}

describe('LogisticRegression#fit(X, y) warns through onWarning when it stops at maxIter', () => {
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

describe('LogisticRegression#fit(X, y) warns, as scikit-learn does, about options the penalty ignores', () => {
  for (const penalty of ['l2', 'l1', 'none'] as const) {
    it(`says l1Ratio is ignored when it is set with penalty '${penalty}'`, () => {
      const solver = penalty === 'l1' ? 'owlqn' : 'lbfgs';
      expect(warningsOf({ penalty, solver, l1Ratio: 0.5 })).toContain(
        `LogisticRegression: l1Ratio = 0.5 is ignored: only penalty 'elasticnet' uses it, and penalty is '${penalty}'`,
      );
    });
  }

  it('says nothing about l1Ratio with penalty elasticnet', () => {
    expect(warningsOf({ penalty: 'elasticnet', solver: 'owlqn', l1Ratio: 0.5 })).toEqual([]);
  });

  it("says C is ignored when it is set with penalty 'none'", () => {
    expect(warningsOf({ penalty: 'none', C: 10 })).toEqual([
      "LogisticRegression: C = 10 is ignored: penalty 'none' has no regularisation term for C to weigh against the loss",
    ]);
  });

  it("says nothing about C with penalty 'none' when C is left at its default", () => {
    expect(warningsOf({ penalty: 'none' })).toEqual([]);
  });

  it('warns at fit, not at construction, and again at every fit', () => {
    const said: string[] = [];
    const model = new LogisticRegression({ penalty: 'none', C: 10, onWarning: (m) => said.push(m) });
    expect(said).toEqual([]);
    model.fit(X, y);
    model.fit(X, y);
    expect(said).toHaveLength(2);
  });

  it('warns at the first partialFit only', () => {
    const said: string[] = [];
    const model = new LogisticRegression({ solver: 'sgd', l1Ratio: 0.2, randomState: 0, onWarning: (m) => said.push(m) });
    model.partialFit(X, y, { classes: [0, 1] });
    model.partialFit(X, y);
    expect(said).toEqual(["LogisticRegression: l1Ratio = 0.2 is ignored: only penalty 'elasticnet' uses it, and penalty is 'l2'"]);
  });

  it("does not warn when a penalty 'none' model saved with the default C is loaded and fitted again", () => {
    const saved = JSON.stringify(new LogisticRegression({ penalty: 'none', onWarning: null }).fit(X, y));
    const loaded = LogisticRegression.fromJSON(saved);
    expect(loaded.C).toBe(1);
    // A loaded model warns through console.warn (callbacks are not stored).
    const spy: string[] = [];
    const original = console.warn;
    console.warn = (m: string) => spy.push(m);
    try {
      loaded.fit(X, y);
    } finally {
      console.warn = original;
    }
    expect(spy).toEqual([]);
  });
});

describe('new LogisticRegression({ threads }) above the CPUs available', () => {
  it('is lowered to the number of cores, with one warning naming both counts', () => {
    const said: string[] = [];
    const model = new LogisticRegression({ threads: 4, onWarning: (m) => said.push(m) });
    expect(model.threads).toBe(3);
    expect(said).toEqual([
      'LogisticRegression: threads = 4 is more than the 3 cores available; using 3 (threads beyond the cores wait for one another and slow every pass down)',
    ]);
    model.fit(X, y);
    expect(said).toHaveLength(1);
  });

  it('is kept, without a warning, up to the number of cores', () => {
    const said: string[] = [];
    expect(new LogisticRegression({ threads: 3, onWarning: (m) => said.push(m) }).threads).toBe(3);
    expect(said).toEqual([]);
  });

  it('is lowered by fromJSON too, with the same warning through console.warn', () => {
    const doc = new LogisticRegression({ onWarning: null }).fit(X, y).toJSON();
    doc.options['threads'] = 64;
    const spy: string[] = [];
    const original = console.warn;
    console.warn = (m: string) => spy.push(m);
    let loaded: LogisticRegression;
    try {
      loaded = LogisticRegression.fromJSON(doc);
    } finally {
      console.warn = original;
    }
    expect(loaded.threads).toBe(3);
    expect(spy).toEqual(['LogisticRegression: threads = 64 is more than the 3 cores available; using 3 (threads beyond the cores wait for one another and slow every pass down)']);
  });
});
