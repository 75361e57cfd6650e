import { describe, expect, it } from 'vitest';
import { LogisticRegression, LogisticRegressionCV, Matrix, NotFittedError, logisticRegressionPath, makeClassification } from '../../src/index.js';

const binary = makeClassification({ nSamples: 150, nFeatures: 4, nRedundant: 0, randomState: 5 });
const three = makeClassification({ nSamples: 180, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, randomState: 6 });
const tight = { tol: 1e-10, maxIter: 1000 };

describe('new LogisticRegressionCV(options).fit(X, y): attributes', () => {
  it('returns the model, with one chosen C from the grid for a binary model', () => {
    const model = new LogisticRegressionCV({ Cs: 5 });
    expect(model.fit(binary.X, binary.y)).toBe(model);
    expect(model.C.length).toBe(1);
    expect(Array.from(model.Cs)).toContain(model.C[0]);
  });

  it('holds folds × Cs scores under the second class for a binary model', () => {
    const model = new LogisticRegressionCV({ Cs: 4, cv: 3 }).fit(binary.X, binary.y);
    const grid = model.scores.get(1) as number[][];
    expect([...model.scores.keys(), grid.length, grid[0]!.length]).toEqual([1, 3, 4]);
  });

  it('chooses a C per class for one-vs-rest', () => {
    const model = new LogisticRegressionCV({ Cs: 4, multiClass: 'ovr' }).fit(three.X, three.y);
    expect([model.C.length, [...model.scores.keys()], model.coef.rows, model.nIter.length]).toEqual([3, [0, 1, 2], 3, 3]);
  });

  it('repeats the one chosen C of a softmax model for every class', () => {
    const model = new LogisticRegressionCV({ Cs: 4 }).fit(three.X, three.y);
    expect(new Set(model.C).size).toBe(1);
    expect(model.C.length).toBe(3);
    expect(model.scores.get(0)).toEqual(model.scores.get(2));
  });

  it('adds an l1Ratios axis with elastic-net and chooses an l1 ratio from it', () => {
    const model = new LogisticRegressionCV({ Cs: 3, cv: 3, penalty: 'elasticnet', l1Ratios: [0.2, 0.8] }).fit(binary.X, binary.y);
    const grid = model.scores.get(1) as number[][][];
    expect([grid.length, grid[0]!.length, grid[0]![0]!.length]).toEqual([3, 3, 2]);
    expect([0.2, 0.8]).toContain(model.l1Ratio![0]);
  });

  it('keeps each fold’s path: folds × Cs × (d + 1)', () => {
    const model = new LogisticRegressionCV({ Cs: 3, cv: 4 }).fit(binary.X, binary.y);
    const paths = model.coefsPaths!.get(1) as number[][][];
    expect([paths.length, paths[0]!.length, paths[0]![0]!.length]).toEqual([4, 3, 5]);
  });
});

describe('new LogisticRegressionCV(options).fit(X, y): the model', () => {
  it('refits at the chosen C: the coefficients of LogisticRegression at that C', () => {
    const model = new LogisticRegressionCV({ Cs: 5, ...tight }).fit(binary.X, binary.y);
    const direct = new LogisticRegression({ C: model.C[0]!, ...tight }).fit(binary.X, binary.y);
    model.coef.data.forEach((v, j) => expect(v).toBeCloseTo(direct.coef.data[j]!, 7));
    expect(model.intercept[0]).toBeCloseTo(direct.intercept[0]!, 7);
  });

  it('picks the grid point with the highest score summed over folds', () => {
    const model = new LogisticRegressionCV({ Cs: 6, scoring: 'neg_log_loss' }).fit(binary.X, binary.y);
    const grid = model.scores.get(1) as number[][];
    const sums = model.Cs.map((_, c) => grid.reduce((sum, fold) => sum + fold[c]!, 0));
    expect(model.C[0]).toBe(model.Cs[sums.indexOf(Math.max(...sums))]);
  });

  it('without refit, averages each fold’s best path point', () => {
    const model = new LogisticRegressionCV({ Cs: 4, cv: 3, refit: false, scoring: 'neg_log_loss' }).fit(binary.X, binary.y);
    const grid = model.scores.get(1) as number[][];
    const paths = model.coefsPaths!.get(1) as number[][][];
    const bests = grid.map((fold) => fold.indexOf(Math.max(...fold)));
    const mean = paths[0]![0]!.map((_, j) => bests.reduce((sum, best, f) => sum + paths[f]![best]![j]!, 0) / bests.length);
    expect([...model.coef.data, model.intercept[0]]).toEqual(mean);
    expect(model.C[0]).toBe(bests.reduce((sum, best) => sum + model.Cs[best]!, 0) / bests.length);
  });

  it('scores each path point as the path function fits it on the fold', () => {
    const folds = [{ trainIndex: Int32Array.from({ length: 100 }, (_, i) => i), testIndex: Int32Array.from({ length: 50 }, (_, i) => 100 + i) }];
    const model = new LogisticRegressionCV({ Cs: 3, cv: folds, ...tight }).fit(binary.X, binary.y);
    const path = logisticRegressionPath(binary.X.takeRows(folds[0]!.trainIndex), Array.from(folds[0]!.trainIndex, (i) => binary.y[i]!), { Cs: 3, ...tight });
    const paths = model.coefsPaths!.get(1) as number[][][];
    path.coefs.forEach((coef, c) => coef.row(0).forEach((v, j) => expect(paths[0]![c]![j]).toBeCloseTo(v, 9)));
  });

  it('predicts with the final coefficients', () => {
    const model = new LogisticRegressionCV({ Cs: 3 }).fit(three.X, three.y);
    const same = LogisticRegression.fromSklearn({ coef: model.coef.toArray(), intercept: Array.from(model.intercept), classes: [0, 1, 2], multiClass: 'multinomial' });
    expect(model.predictProba(three.X).data).toEqual(same.predictProba(three.X).data);
    expect(model.predict(three.X)).toEqual(same.predict(three.X));
  });

  it('scores with its own scoring', () => {
    const model = new LogisticRegressionCV({ Cs: 3, scoring: 'neg_log_loss' }).fit(binary.X, binary.y);
    expect(model.score(binary.X, binary.y)).toBeLessThan(0);
  });

  it('gives results independent of the number of threads', () => {
    const one = new LogisticRegressionCV({ Cs: 3, threads: 1 }).fit(binary.X, binary.y);
    const two = new LogisticRegressionCV({ Cs: 3, threads: 2, onWarning: null }).fit(binary.X, binary.y);
    expect(two.coef.data).toEqual(one.coef.data);
    expect(two.scores).toEqual(one.scores);
  });

  it('balances class weights over all of y, as scikit-learn’s LogisticRegressionCV does', () => {
    const model = new LogisticRegressionCV({ Cs: [1], classWeight: 'balanced', multiClass: 'ovr', ...tight }).fit(three.X, three.y);
    const counts = [0, 1, 2].map((k) => three.y.filter((v) => v === k).length);
    const weights = new Map(counts.map((count, k) => [k, three.y.length / (3 * count)]));
    const direct = new LogisticRegression({ C: 1, classWeight: weights, multiClass: 'ovr', ...tight }).fit(three.X, three.y);
    model.coef.data.forEach((v, j) => expect(v).toBeCloseTo(direct.coef.data[j]!, 7));
  });
});

describe('LogisticRegressionCV: persistence and copies', () => {
  it('round-trips through JSON text and predicts identically', () => {
    const model = new LogisticRegressionCV({ Cs: 3, scoring: 'roc_auc' }).fit(binary.X, binary.y);
    const back = LogisticRegressionCV.fromJSON(JSON.stringify(model));
    expect(back.predictProba(binary.X).data).toEqual(model.predictProba(binary.X).data);
    expect([back.C, back.scores, back.getParams().scoring, back.coefsPaths]).toEqual([model.C, model.scores, 'roc_auc', null]);
  });

  it('rejects a document of another format', () => {
    expect(() => LogisticRegressionCV.fromJSON({ format: 'x', version: 1 })).toThrow(RangeError);
  });

  it('makes an unfitted copy from getParams', () => {
    const model = new LogisticRegressionCV({ Cs: [0.5, 2], cv: 3 });
    const copy = new LogisticRegressionCV(model.getParams());
    expect([copy.isFitted, Array.from(copy.Cs)]).toEqual([false, [0.5, 2]]);
  });

  it('is not fitted before fit nor after dispose', () => {
    const model = new LogisticRegressionCV({ Cs: 2 });
    expect(() => model.C).toThrow(NotFittedError);
    model.fit(binary.X, binary.y).dispose();
    expect(() => model.predict(binary.X)).toThrow(NotFittedError);
  });
});

describe('new LogisticRegressionCV(options): bad input, before any fit', () => {
  it.each([
    [{ Cs: [] }, RangeError, 'LogisticRegressionCV: Cs must hold at least one value, got an empty array'],
    [{ Cs: [1, -2] }, RangeError, 'LogisticRegressionCV: Cs[1] must be a finite number > 0, got -2'],
    [{ Cs: 0 }, RangeError, 'LogisticRegressionCV: Cs must be an integer from 1 to 100000, got 0'],
    [{ penalty: 'elasticnet' }, RangeError, "LogisticRegressionCV: penalty 'elasticnet' needs l1Ratios, an array of numbers in [0, 1]"],
    [{ penalty: 'elasticnet', l1Ratios: [0.5, 1.5] }, RangeError, 'LogisticRegressionCV: l1Ratios[1] must be in [0, 1], got 1.5'],
    [{ l1Ratios: [0.5] }, RangeError, "LogisticRegressionCV: l1Ratios is only used with penalty 'elasticnet'; penalty is 'l2'"],
    [{ penalty: 'none' }, RangeError, "LogisticRegressionCV: penalty 'none' has no C to choose; use LogisticRegression, or penalty 'l2', 'l1' or 'elasticnet'"],
    [{ cv: 1 }, RangeError, 'LogisticRegressionCV: cv must be an integer from 2 to 2147483647, got 1'],
    [{ C: 1 }, TypeError, /^LogisticRegressionCV: unknown option 'C'/],
    [{ tol: -1 }, RangeError, /^LogisticRegressionCV: tol/],
  ] as const)('rejects %j', (options, Kind, message) => {
    expect(() => new LogisticRegressionCV(options as never)).toThrow(Kind);
    expect(() => new LogisticRegressionCV(options as never)).toThrow(message);
  });

  it('rejects an unknown scoring name, suggesting the nearest', () => {
    expect(() => new LogisticRegressionCV({ scoring: 'neg_logloss' as never })).toThrow(/did you mean 'neg_log_loss'\?/);
  });

  it('rejects a fold whose training rows lack a class', () => {
    const folds = [{ trainIndex: Int32Array.from(Array.from(binary.y).flatMap((v, i) => (v === 0 ? [i] : []))), testIndex: Int32Array.of(0) }];
    expect(() => new LogisticRegressionCV({ cv: folds }).fit(binary.X, binary.y)).toThrow(
      'LogisticRegressionCV.fit: fold 0 of 1: the training rows have no sample of class 1; every class must be in every training fold (use stratified folds, or fewer folds)',
    );
  });

  it('warns, as StratifiedKFold does, when a class has fewer members than folds, and goes on', () => {
    const warnings: string[] = [];
    const y = Array.from(binary.y, (v, i) => (i < 3 ? 2 : v));
    new LogisticRegressionCV({ Cs: 2, cv: 5, onWarning: (m) => warnings.push(m) }).fit(binary.X, y);
    expect(warnings.some((m) => m.includes('least populated class'))).toBe(true);
  });
});

describe('LogisticRegressionCV.fit and crossValidate: bad input is refused before any fit runs', () => {
  it.each([
    ['more folds than samples', { cv: 151 }, {}],
    ['groups of the wrong length', { cv: { split: () => [] } as never }, { groups: [1, 2] }],
    ['a fold index out of range', { cv: [{ trainIndex: Int32Array.of(0, 1), testIndex: Int32Array.of(999) }] }, {}],
    ['a bad sample weight', {}, { sampleWeight: Array.from({ length: 150 }, (_, i) => (i === 3 ? -1 : 1)) }],
  ] as const)('%s', (_, options, fitOptions) => {
    let iterations = 0;
    const model = new LogisticRegressionCV({ Cs: 2, ...options, onIteration: () => void (iterations += 1) } as never);
    expect(() => model.fit(binary.X, binary.y, fitOptions as never)).toThrow(RangeError);
    expect(iterations).toBe(0);
  });
});

describe('LogisticRegressionCV: found by attacking it', () => {
  it('refuses dense float32 X with a softmax model, as LogisticRegression does', () => {
    expect(() => new LogisticRegressionCV({ Cs: 2, dtype: 'float32' }).fit(three.X, three.y)).toThrow(
      "LogisticRegressionCV: dtype 'float32' serves binary and one-vs-rest models; y has 3 classes, so use multiClass 'ovr' or dtype 'float64'",
    );
  });

  it('has one key and one C for two classes with multiClass multinomial, as scikit-learn', () => {
    const model = new LogisticRegressionCV({ Cs: 3, cv: 3, multiClass: 'multinomial' }).fit(binary.X, binary.y);
    expect([model.C.length, [...model.scores.keys()], [...model.coefsPaths!.keys()], model.coef.rows]).toEqual([1, [1], [1], 1]);
    expect(LogisticRegressionCV.fromJSON(JSON.stringify(model)).C).toEqual(model.C);
  });

  it('refuses a scoring function that returns no number', () => {
    const fit = (): unknown => new LogisticRegressionCV({ Cs: 2, scoring: (() => 'high') as never }).fit(binary.X, binary.y);
    expect(fit).toThrow(TypeError);
    expect(fit).toThrow(/^LogisticRegressionCV\.fit: fold 0 of 5: .*LogisticRegressionCV: scoring returned a string; it must return a number$/);
  });

  it('refuses a splitter whose split() returns no folds', () => {
    expect(() => new LogisticRegressionCV({ cv: { split: () => 3 } as never }).fit(binary.X, binary.y)).toThrow(
      new TypeError('LogisticRegressionCV.fit: cv.split() must return an array (or iterable) of folds, got a number'),
    );
  });

  it('refuses an array-like Cs with a negative length', () => {
    expect(() => new LogisticRegressionCV({ Cs: { length: -1 } as never })).toThrow(TypeError);
  });

  it('keeps its own copy of the grid given', () => {
    const Cs = [0.5, 2];
    const model = new LogisticRegressionCV({ Cs });
    Cs[0] = 100;
    expect([Array.from(model.Cs), model.getParams().Cs]).toEqual([[0.5, 2], [0.5, 2]]);
  });
});

describe('LogisticRegressionCV.fromJSON(document): untrusted input', () => {
  const doc = (): ReturnType<LogisticRegressionCV['toJSON']> =>
    JSON.parse(JSON.stringify(new LogisticRegressionCV({ Cs: 3, cv: 3, scoring: 'neg_log_loss' }).fit(binary.X, binary.y)));

  it('refuses a chosen C that is not > 0', () => {
    const bad = doc();
    bad.search.C = [-1];
    expect(() => LogisticRegressionCV.fromJSON(bad)).toThrow('LogisticRegressionCV.fromJSON: search.C[0] is out of range, got -1');
  });

  it('refuses a score grid of the wrong shape, naming the entry', () => {
    const bad = doc();
    (bad.search.scores[0]![1] as number[][])[1] = [1, 2];
    expect(() => LogisticRegressionCV.fromJSON(bad)).toThrow(/search\.scores\[0\]\[1\]\[1\] must be an array of 3 entries/);
  });

  it('refuses deep nesting where a score belongs without overflowing the stack', () => {
    const bad = doc();
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    (bad.search.scores[0]![1] as unknown[][])[0]![0] = deep;
    expect(() => LogisticRegressionCV.fromJSON(bad)).toThrow(RangeError);
  });

  it('refuses iteration counts that are not integers ≥ 0', () => {
    const bad = doc();
    (bad.search.nIter as number[][][])[0]![0]![0] = -3;
    expect(() => LogisticRegressionCV.fromJSON(bad)).toThrow(/search\.nIter\[0\]\[0\]\[0\] must be an iteration count, got -3/);
  });

  it('reads a NaN score (written as null) back as NaN', () => {
    const good = doc();
    (good.search.scores[0]![1] as (number | null)[][])[0]![0] = null;
    expect((LogisticRegressionCV.fromJSON(good).scores.get(1) as number[][])[0]![0]).toBeNaN();
  });
});

describe('LogisticRegressionCV.fit(X, y): where X lives', () => {
  it('gives the same model for rows, a JS Matrix and a Matrix in WebAssembly memory, and leaves X as it was', () => {
    const rows = binary.X.toArray();
    const inWasm = Matrix.alloc(binary.X.rows, binary.X.cols);
    inWasm.data.set(binary.X.data);
    const fits = [rows, binary.X, inWasm].map((X) => new LogisticRegressionCV({ Cs: 3, cv: 3 }).fit(X, binary.y));
    for (const fit of fits.slice(1)) {
      expect(fit.coef.data).toEqual(fits[0]!.coef.data);
      expect(fit.scores).toEqual(fits[0]!.scores);
    }
    expect(inWasm.data).toEqual(binary.X.data);
    inWasm.dispose();
  });
});
