import { describe, expect, it, vi } from 'vitest';
import { CsrMatrix, GroupKFold, LogisticRegression, Matrix, makeClassification, NotFittedError, StratifiedKFold, StratifiedShuffleSplit } from '../../src/index.js';
import { tunedThreshold } from '../../src/model-selection/tuned-threshold.js';
import { expectError } from '../assertions.js';
import { linearProblem } from '../helpers.js';

/** A noisy two-feature problem: the classes overlap, so the threshold matters. */
const { X, y } = linearProblem(150, 3, 7);
const yLabels = Array.from(y);

/** Balanced accuracy of 0/1 labels, counted here independently of the library. */
function balancedAccuracyByHand(yTrue: readonly number[], yPred: readonly number[]): number {
  const hits = [0, 0];
  const totals = [0, 0];
  yTrue.forEach((t, i) => {
    totals[t]! += 1;
    if (yPred[i] === t) hits[t]! += 1;
  });
  return (hits[0]! / totals[0]! + hits[1]! / totals[1]!) / 2;
}

/** n values evenly spaced from a to b. */
function evenlySpaced(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)));
}

/** The piecewise-linear curve through (xs, fs) at x, flat beyond the ends. */
function lineThrough(xs: readonly number[], fs: readonly number[], x: number): number {
  if (x <= xs[0]!) return fs[0]!;
  if (x >= xs[xs.length - 1]!) return fs[fs.length - 1]!;
  let j = 0;
  while (xs[j + 1]! <= x) j++;
  return fs[j]! + ((fs[j + 1]! - fs[j]!) * (x - xs[j]!)) / (xs[j + 1]! - xs[j]!);
}

/** A model with decision value x·1 + 0 on one feature: probabilities σ(x). */
function identityModel(): LogisticRegression<number> {
  return LogisticRegression.fromSklearn({ coef: [[1]], intercept: [0], classes: [0, 1] });
}
const handX = [[-2], [-1], [0], [1], [2]];
const handY = [0, 1, 0, 1, 1];

describe('tunedThreshold(model, X, y) with the defaults (balanced accuracy, 5 stratified folds, 100 thresholds)', () => {
  const model = new LogisticRegression({ C: 1 });
  const tuned = tunedThreshold(model, X, yLabels);

  it('scores the same grid and mean curve as the folds’ own predictions give, and picks its maximum', () => {
    const folds = new StratifiedKFold({ nSplits: 5 }).split(X, yLabels);
    const curves = folds.map(({ trainIndex, testIndex }) => {
      const Xtrain = X.takeRows(trainIndex);
      const fold = new LogisticRegression(model.getParams()).fit(Xtrain, Array.from(trainIndex, (i) => yLabels[i]!));
      const proba = fold.predictProba(X.takeRows(testIndex));
      const p = Array.from({ length: testIndex.length }, (_, i) => proba.get(i, 1));
      const yTest = Array.from(testIndex, (i) => yLabels[i]!);
      const xs = evenlySpaced(Math.min(...p), Math.max(...p), 100);
      const fs = xs.map((t) => balancedAccuracyByHand(yTest, p.map((v) => (v >= t ? 1 : 0))));
      fold.dispose();
      return { xs, fs };
    });
    const lo = Math.min(...curves.map((c) => c.xs[0]!));
    const hi = Math.max(...curves.map((c) => c.xs[99]!));
    const grid = evenlySpaced(lo, hi, 100);
    const mean = grid.map((t) => curves.reduce((s, c) => s + lineThrough(c.xs, c.fs, t), 0) / curves.length);

    expect(tuned.cvResults.thresholds.length).toBe(100);
    grid.forEach((t, k) => expect(tuned.cvResults.thresholds[k]).toBeCloseTo(t, 12));
    mean.forEach((s, k) => expect(tuned.cvResults.scores[k]).toBeCloseTo(s, 12));
    const best = mean.indexOf(Math.max(...mean));
    expect(tuned.bestThreshold).toBe(tuned.cvResults.thresholds[best]);
    expect(tuned.bestScore).toBe(tuned.cvResults.scores[best]);
    expect(tuned.bestScore).toBe(Math.max(...tuned.cvResults.scores));
  });

  it('predicts the positive class exactly where its probability is ≥ bestThreshold', () => {
    const proba = tuned.predictProba(X);
    const expected = yLabels.map((_, i) => (proba.get(i, 1) >= tuned.bestThreshold ? 1 : 0));
    expect(tuned.predict(X)).toEqual(expected);
    expect(tuned.posLabel).toBe(1);
    expect(tuned.responseMethod).toBe('predictProba');
    expect(tuned.classes).toEqual([0, 1]);
  });

  it('refits on all rows: the estimator equals a fit of the same options on X and y', () => {
    const direct = new LogisticRegression({ C: 1 }).fit(X, yLabels);
    expect(Array.from(tuned.estimator.coef.data)).toEqual(Array.from(direct.coef.data));
    expect(Array.from(tuned.estimator.intercept)).toEqual(Array.from(direct.intercept));
    expect(Array.from(tuned.decisionFunction(X))).toEqual(Array.from(direct.decisionFunction(X)));
  });

  it('leaves the given model unfitted', () => {
    expect(model.isFitted).toBe(false);
  });

  it('gives the same thresholds, scores and choice on a second call', () => {
    const again = tunedThreshold(new LogisticRegression({ C: 1 }), X, yLabels);
    expect(again.cvResults.thresholds).toEqual(tuned.cvResults.thresholds);
    expect(again.cvResults.scores).toEqual(tuned.cvResults.scores);
    expect(again.bestThreshold).toBe(tuned.bestThreshold);
  });

  it('scores its own predictions by accuracy', () => {
    const predicted = tuned.predict(X);
    expect(tuned.score(X, yLabels)).toBe(predicted.filter((p, i) => p === yLabels[i]).length / yLabels.length);
  });
});

describe('tunedThreshold(model, X, y, { cv: "prefit" }) on a small case worked by hand', () => {
  // Decision values −2, −1, 0, 1, 2 for labels 0, 1, 0, 1, 1.
  it('scores every explicit threshold on X as it is and keeps the first of equal maxima', () => {
    const tuned = tunedThreshold(identityModel(), handX, handY, {
      cv: 'prefit',
      scoring: 'accuracy',
      responseMethod: 'decisionFunction',
      thresholds: [-1.5, -0.5, 0.5, 1.5],
    });
    // Predicted 1 from −1, from 0, from 1, from 2: right 4, 3, 4, 3 of 5 times.
    expect(Array.from(tuned.cvResults.scores)).toEqual([0.8, 0.6, 0.8, 0.6]);
    expect(tuned.bestThreshold).toBe(-1.5);
    expect(tuned.bestScore).toBe(0.8);
  });

  it('spaces a count of thresholds from the lowest to the highest response', () => {
    const tuned = tunedThreshold(identityModel(), handX, handY, {
      cv: 'prefit',
      responseMethod: 'decisionFunction',
      thresholds: 3,
    });
    expect(Array.from(tuned.cvResults.thresholds)).toEqual([-2, 0, 2]);
    // Balanced accuracy: all 1 → (0 + 1)/2; from 0 → (1/2 + 2/3)/2; only 2 → (1 + 1/3)/2.
    expect(Array.from(tuned.cvResults.scores)).toEqual([0.5, (1 / 2 + 2 / 3) / 2, (1 + 1 / 3) / 2]);
    expect(tuned.bestThreshold).toBe(2);
  });

  it('predicts the positive class at exactly the threshold (≥, as scikit-learn)', () => {
    // Probabilities σ(−2 … 2) = 0.12, 0.27, 0.5, 0.73, 0.88 for labels 0, 0, 1, 1, 1: cut at
    // 0.5, 0.5 itself predicts 1 and every label is right; cut at 0.6, class 1's recall is 2/3.
    const tuned = tunedThreshold(identityModel(), handX, [0, 0, 1, 1, 1], { cv: 'prefit', thresholds: [0.5, 0.6] });
    expect(Array.from(tuned.cvResults.scores)).toEqual([1, (1 + 2 / 3) / 2]);
    expect(tuned.bestThreshold).toBe(0.5);
    expect(tuned.predict([[0], [-1e-9]])).toEqual([1, 0]);
  });

  it('keeps the given model as the estimator and leaves it to the caller on dispose', () => {
    const model = identityModel();
    const tuned = tunedThreshold(model, handX, handY, { cv: 'prefit', thresholds: 3 });
    expect(tuned.estimator).toBe(model);
    tuned.dispose();
    expect(model.isFitted).toBe(true);
  });

  it('thresholds the probability of posLabel, predicting it at or above the threshold', () => {
    const tuned = tunedThreshold(identityModel(), handX, handY, { cv: 'prefit', posLabel: 0, thresholds: [0.5, 0.7] });
    // P(0) = σ(−x): 0.88, 0.73, 0.5, 0.27, 0.12. From 0.5: 0 for x ≤ 0 → recalls 1 and 2/3; from 0.7: x ≤ −1 → 1/2 and 2/3.
    expect(Array.from(tuned.cvResults.scores)).toEqual([(1 + 2 / 3) / 2, (1 / 2 + 2 / 3) / 2]);
    expect(tuned.predict([[0], [0.1]])).toEqual([0, 1]);
  });

  it('negates the decision value when posLabel is the first class', () => {
    const tuned = tunedThreshold(identityModel(), handX, handY, {
      cv: 'prefit',
      posLabel: 0,
      responseMethod: 'decisionFunction',
      thresholds: 3,
    });
    // Responses −x: 2, 1, 0, −1, −2. Class 0 from −2: (1 + 0)/2; from 0: (1 + 2/3)/2; only at 2: (1/2 + 1)/2.
    expect(Array.from(tuned.cvResults.thresholds)).toEqual([-2, 0, 2]);
    expect(Array.from(tuned.cvResults.scores)).toEqual([0.5, (1 + 2 / 3) / 2, (1 / 2 + 1) / 2]);
    expect(tuned.bestThreshold).toBe(0);
    expect(tuned.predict([[-2], [0], [0.5]])).toEqual([0, 0, 1]);
  });
});

describe('tunedThreshold(model, X, y, options) choices', () => {
  it('keeps the one split’s model with refit false and a fractional cv', () => {
    const tuned = tunedThreshold(new LogisticRegression(), X, yLabels, { cv: 0.25, randomState: 0, refit: false });
    const [split] = new StratifiedShuffleSplit({ nSplits: 1, testSize: 0.25, randomState: 0 }).split(X, yLabels);
    const direct = new LogisticRegression().fit(X.takeRows(split!.trainIndex), Array.from(split!.trainIndex, (i) => yLabels[i]!));
    expect(Array.from(tuned.estimator.coef.data)).toEqual(Array.from(direct.coef.data));
  });

  it('gives the same result for a Matrix, an array of rows and a CsrMatrix of the same values', () => {
    const rows = X.toArray();
    const csr = CsrMatrix.from({
      rows: X.rows,
      cols: X.cols,
      indptr: Array.from({ length: X.rows + 1 }, (_, i) => i * X.cols),
      indices: Array.from({ length: X.rows * X.cols }, (_, k) => k % X.cols),
      values: Array.from(X.data),
    });
    const fromMatrix = tunedThreshold(new LogisticRegression(), X, yLabels, { cv: 3, thresholds: 20 });
    const fromRows = tunedThreshold(new LogisticRegression(), rows, yLabels, { cv: 3, thresholds: 20 });
    const fromCsr = tunedThreshold(new LogisticRegression(), csr, yLabels, { cv: 3, thresholds: 20 });
    expect(fromRows.cvResults.scores).toEqual(fromMatrix.cvResults.scores);
    for (let k = 0; k < 20; k++) expect(fromCsr.cvResults.scores[k]).toBeCloseTo(fromMatrix.cvResults.scores[k]!, 6);
    csr.dispose();
  });

  it('tunes a float32 model and a two-class softmax model, whose decision value is one per row', () => {
    const f32 = tunedThreshold(new LogisticRegression({ dtype: 'float32' }), X, yLabels, { cv: 3, thresholds: 10 });
    expect(f32.estimator.dtype).toBe('float32');
    const softmax = tunedThreshold(new LogisticRegression({ multiClass: 'multinomial' }), X, yLabels, {
      cv: 3,
      thresholds: 10,
      responseMethod: 'decisionFunction',
    });
    const d = softmax.decisionFunction(X);
    expect(d.length).toBe(X.rows);
    expect(softmax.predict(X)).toEqual(Array.from(d, (v) => (v >= softmax.bestThreshold ? 1 : 0)));
  });

  it('takes the folds themselves', () => {
    const folds = new StratifiedKFold({ nSplits: 3 }).split(X, yLabels);
    const given = tunedThreshold(new LogisticRegression(), X, yLabels, { cv: folds, thresholds: 10 });
    const made = tunedThreshold(new LogisticRegression(), X, yLabels, { cv: 3, thresholds: 10 });
    expect(given.cvResults.scores).toEqual(made.cvResults.scores);
  });

  it('passes the stratified splitter’s warning to onWarning', () => {
    const warnings: string[] = [];
    const few = yLabels.map((_, i) => (i < 4 ? 1 : 0));
    tunedThreshold(new LogisticRegression(), X, few, { scoring: 'accuracy', thresholds: 5, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual(['StratifiedKFold.split: the least populated class in y has only 4 members, which is less than nSplits = 5']);
  });

  it('says a named metric’s warning once per call through onWarning, with its splits and threshold count', () => {
    const folds = new StratifiedKFold({ nSplits: 3 }).split(X, yLabels);
    const held = new Set(folds[0]!.testIndex);
    // Class 1 weighs 0 among split 0's held-out rows, so balanced accuracy has no recall for it there.
    const sampleWeight = yLabels.map((label, i) => (held.has(i) && label === 1 ? 0 : 1));
    const warnings: string[] = [];
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      tunedThreshold(new LogisticRegression(), X, yLabels, { cv: folds, thresholds: 10, sampleWeight, onWarning: (m) => warnings.push(m) });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    expect(warnings).toEqual([
      'tunedThreshold: on the held-out rows of split 0, at 10 thresholds: balancedAccuracy: yPred contains classes that yTrue does not (or only with weight 0): 1; they have no recall and are left out of the mean',
    ]);
  });

  it('says a named metric’s warning once for a prefit model, on the given rows', () => {
    const warnings: string[] = [];
    tunedThreshold(identityModel(), handX, [0, 0, 1, 1, 1], { cv: 'prefit', thresholds: 3, sampleWeight: [1, 1, 0, 0, 0], onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([
      'tunedThreshold: on the given rows, at 3 thresholds: balancedAccuracy: yPred contains classes that yTrue does not (or only with weight 0): 1; they have no recall and are left out of the mean',
    ]);
  });

  it('silences a named metric’s warnings with onWarning null', () => {
    const folds = new StratifiedKFold({ nSplits: 3 }).split(X, yLabels);
    const held = new Set(folds[0]!.testIndex);
    const sampleWeight = yLabels.map((label, i) => (held.has(i) && label === 1 ? 0 : 1));
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      tunedThreshold(new LogisticRegression(), X, yLabels, { cv: folds, thresholds: 10, sampleWeight, onWarning: null });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('says a named metric’s warning once on console.warn when no onWarning is given', () => {
    const folds = new StratifiedKFold({ nSplits: 3 }).split(X, yLabels);
    const held = new Set(folds[0]!.testIndex);
    const sampleWeight = yLabels.map((label, i) => (held.has(i) && label === 1 ? 0 : 1));
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      tunedThreshold(new LogisticRegression(), X, yLabels, { cv: folds, thresholds: 10, sampleWeight });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('takes a splitter with groups', () => {
    const groups = yLabels.map((_, i) => i % 6);
    const tuned = tunedThreshold(new LogisticRegression(), X, yLabels, { cv: new GroupKFold({ nSplits: 3 }), groups, thresholds: 10 });
    expect(tuned.cvResults.thresholds.length).toBe(10);
  });

  it('scores with a metric function of (yTrue, yPred, sampleWeight), given the held-out rows’ weights', () => {
    const weights = yLabels.map((_, i) => 1 + (i % 3));
    const seen: number[] = [];
    const weightedAccuracy = (yTrue: number[], yPred: number[], w: Float64Array | null): number => {
      seen.push(w!.length);
      let hit = 0;
      let total = 0;
      yTrue.forEach((t, i) => {
        total += w![i]!;
        if (yPred[i] === t) hit += w![i]!;
      });
      return hit / total;
    };
    const tuned = tunedThreshold(new LogisticRegression(), X, yLabels, {
      cv: 3,
      thresholds: 5,
      scoring: weightedAccuracy,
      sampleWeight: weights,
    });
    expect(seen).toEqual([50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50]);
    const direct = new LogisticRegression().fit(X, yLabels, { sampleWeight: weights });
    expect(Array.from(tuned.estimator.coef.data)).toEqual(Array.from(direct.coef.data));
  });

  it('scores f1 of class 1 by default, which for labels 1 and 2 is the first class', () => {
    const y12 = yLabels.map((v) => (v === 1 ? 1 : 2));
    const tuned = tunedThreshold(new LogisticRegression(), X, y12, { scoring: 'f1', cv: 3, thresholds: 10 });
    expect(tuned.posLabel).toBe(1);
    const proba = tuned.predictProba(X);
    expect(tuned.predict(X)).toEqual(y12.map((_, i) => (proba.get(i, 0) >= tuned.bestThreshold ? 1 : 2)));
  });

  it('takes string labels with posLabel for f1', () => {
    const ys = yLabels.map((v) => (v === 1 ? 'spam' : 'ham'));
    const tuned = tunedThreshold(new LogisticRegression(), X, ys, { scoring: 'f1', posLabel: 'spam', cv: 3, thresholds: 10 });
    expect(tuned.classes).toEqual(['ham', 'spam']);
    expect(new Set(tuned.predict(X))).toEqual(new Set(['ham', 'spam']));
  });
});

describe('tunedThreshold refuses, with a message that says what and where', () => {
  const model = new LogisticRegression();
  const CV_SHAPE = "an integer ≥ 2 (stratified folds), a fraction in (0, 1) (one shuffle split), a splitter, an array of folds or 'prefit'";
  const cases: [string, () => unknown, ErrorConstructor, string][] = [
    ['a model that is not a LogisticRegression', () => tunedThreshold({} as never, X, yLabels), TypeError, 'tunedThreshold: model must be a LogisticRegression, got an object (Object)'],
    ['y of three classes', () => tunedThreshold(model, X, yLabels.map((v, i) => (i % 5 === 0 ? 2 : v))), RangeError, 'tunedThreshold: y has 3 classes (0, 1, 2); threshold tuning is for binary problems only'],
    ['y of one class', () => tunedThreshold(model, X, yLabels.map(() => 1)), RangeError, 'tunedThreshold: y has a single class (1); threshold tuning needs two classes'],
    ['an unknown scoring name, suggesting the nearest', () => tunedThreshold(model, X, yLabels, { scoring: 'f2' as never }), RangeError, "tunedThreshold: scoring must be one of 'accuracy', 'balanced_accuracy', 'f1', 'f1_macro', 'precision', 'recall' or a function of (yTrue, yPred, sampleWeight), got 'f2'; did you mean 'f1'?"],
    ['a probability scoring name', () => tunedThreshold(model, X, yLabels, { scoring: 'roc_auc' as never }), RangeError, "tunedThreshold: scoring 'roc_auc' scores probabilities, which a threshold does not change; use a metric of predicted labels: 'accuracy', 'balanced_accuracy', 'f1', 'f1_macro', 'precision', 'recall' or a function of (yTrue, yPred, sampleWeight)"],
    ['a scoring of another kind', () => tunedThreshold(model, X, yLabels, { scoring: 3 as never }), TypeError, "tunedThreshold: scoring must be a scorer's name or a function, got a number"],
    ['empty thresholds', () => tunedThreshold(model, X, yLabels, { thresholds: [] }), RangeError, 'tunedThreshold: thresholds must hold at least one value, got an empty array'],
    ['thresholds that are not increasing', () => tunedThreshold(model, X, yLabels, { thresholds: [0.2, 0.5, 0.5] }), RangeError, 'tunedThreshold: thresholds must be strictly increasing; thresholds[2] = 0.5 follows thresholds[1] = 0.5'],
    ['a threshold that is not finite', () => tunedThreshold(model, X, yLabels, { thresholds: [0.2, NaN] }), RangeError, 'tunedThreshold: thresholds[1] must be finite, got NaN'],
    ['a count of thresholds below 2', () => tunedThreshold(model, X, yLabels, { thresholds: 1 }), RangeError, 'tunedThreshold: thresholds must be an integer from 2 to 100000, got 1'],
    ['a count of thresholds above 100,000', () => tunedThreshold(model, X, yLabels, { thresholds: 1e9 }), RangeError, 'tunedThreshold: thresholds must be an integer from 2 to 100000, got 1000000000'],
    ['thresholds of another kind', () => tunedThreshold(model, X, yLabels, { thresholds: '10' as never }), TypeError, 'tunedThreshold: thresholds must be a count or an array of numbers, got a string'],
    ['cv below 2', () => tunedThreshold(model, X, yLabels, { cv: 1 }), RangeError, `tunedThreshold: cv must be ${CV_SHAPE}, got 1`],
    ['a cv number that is neither a count nor a fraction', () => tunedThreshold(model, X, yLabels, { cv: 1.5 }), RangeError, `tunedThreshold: cv must be ${CV_SHAPE}, got 1.5`],
    ['an unknown cv name', () => tunedThreshold(model, X, yLabels, { cv: 'pre-fit' as never }), RangeError, `tunedThreshold: cv must be ${CV_SHAPE}, got 'pre-fit'`],
    ['a cv object without split', () => tunedThreshold(model, X, yLabels, { cv: {} as never }), TypeError, `tunedThreshold: cv must be ${CV_SHAPE}, got an object (Object)`],
    ['refit false with several folds', () => tunedThreshold(model, X, yLabels, { refit: false }), RangeError, "tunedThreshold: refit false keeps the model of the one split's train rows, but cv gives 5 splits; use refit true or a single split (a fraction in (0, 1))"],
    ['refit true with prefit', () => tunedThreshold(identityModel(), handX, handY, { cv: 'prefit', refit: true }), RangeError, "tunedThreshold: refit must be false with cv 'prefit': the given fitted model is the one kept"],
    ['a posLabel that is not a class', () => tunedThreshold(model, X, yLabels, { posLabel: 2 }), RangeError, 'tunedThreshold: posLabel 2 is not a class of y (0, 1)'],
    ['f1 of string labels without posLabel', () => tunedThreshold(model, X, yLabels.map((v) => (v ? 'b' : 'a')), { scoring: 'f1' }), RangeError, "tunedThreshold: scoring 'f1' scores class 1 unless posLabel says otherwise (scikit-learn's pos_label=1), and y's classes are 'a', 'b'; give posLabel"],
    ['an unknown option', () => tunedThreshold(model, X, yLabels, { n_thresholds: 10 } as never), TypeError, 'tunedThreshold: unknown option \'n_thresholds\' (known options: scoring, cv, thresholds, responseMethod, posLabel, refit, sampleWeight, groups, randomState, onWarning)'],
    ['an unknown responseMethod', () => tunedThreshold(model, X, yLabels, { responseMethod: 'predict_proba' as never }), RangeError, "tunedThreshold: responseMethod must be one of 'auto', 'predictProba', 'decisionFunction', got 'predict_proba'"],
    ['a split with no held-out rows', () => tunedThreshold(model, X, yLabels, { cv: [{ trainIndex: Int32Array.of(0, 1), testIndex: new Int32Array(0) }], refit: false }), RangeError, 'tunedThreshold: cv fold 0: testIndex is empty; every fold needs at least one sample on each side'],
    ['a split row number out of range', () => tunedThreshold(model, X, yLabels, { cv: { split: () => [{ trainIndex: Int32Array.of(0, 1), testIndex: Int32Array.of(150) }] }, refit: false }), RangeError, 'tunedThreshold: cv fold 0: testIndex[0] must be an integer from 0 to 149, got 150'],
    ['a model that predicts a constant', () => tunedThreshold(LogisticRegression.fromSklearn({ coef: [[0]], intercept: [0.3], classes: [0, 1] }), handX, handY, { cv: 'prefit' }), RangeError, "tunedThreshold: the model's responses on the held-out rows of split 0 are all equal (0.574442516811659 to 0.574442516811659): it predicts a constant, so no threshold can be tuned"],
    ['a metric function that returns NaN', () => tunedThreshold(identityModel(), handX, handY, { cv: 'prefit', thresholds: 3, responseMethod: 'decisionFunction', scoring: () => NaN }), RangeError, 'tunedThreshold: scoring returned NaN at threshold -2 of split 0; it must return a number'],
    ['a metric function that returns no number', () => tunedThreshold(identityModel(), handX, handY, { cv: 'prefit', thresholds: 3, responseMethod: 'decisionFunction', scoring: (() => '1') as never }), TypeError, 'tunedThreshold: scoring returned a string at threshold -2 of split 0; it must return a number'],
  ];
  for (const [what, run, kind, message] of cases) {
    it(what, () => expectError(run, kind, message));
  }

  it('prefit with an unfitted model', () => {
    const run = (): unknown => tunedThreshold(model, X, yLabels, { cv: 'prefit' });
    expect(run).toThrow(NotFittedError);
    expect(run).toThrow(/^tunedThreshold with cv 'prefit': this LogisticRegression is not fitted yet; call fit\(X, y\) first$/);
  });

  it('checks every argument before any fit runs', () => {
    let iterations = 0;
    const counted = new LogisticRegression({ onIteration: () => void (iterations += 1) });
    expect(() => tunedThreshold(counted, X, yLabels, { refit: false })).toThrow(RangeError);
    expect(() => tunedThreshold(counted, X, yLabels, { thresholds: [] })).toThrow(RangeError);
    expect(() => tunedThreshold(counted, X, yLabels, { cv: 200 })).toThrow(RangeError);
    expect(iterations).toBe(0);
    tunedThreshold(counted, X, yLabels, { cv: 2, thresholds: 2 });
    expect(iterations).toBeGreaterThan(0);
  });

  it('reports a non-finite X value with its row in X', () => {
    const bad = X.toArray();
    bad[140]![1] = NaN;
    expectError(() => tunedThreshold(model, bad, yLabels), RangeError, 'X contains NaN at row 140, column 1; all values must be finite');
  });
});

describe('a Matrix.alloc X', () => {
  it('is tuned like the same values in JS memory, and its row subsets are freed', () => {
    const wasm = Matrix.alloc(X.rows, X.cols);
    wasm.data.set(X.data);
    const a = tunedThreshold(new LogisticRegression(), wasm, yLabels, { cv: 3, thresholds: 10 });
    const b = tunedThreshold(new LogisticRegression(), X, yLabels, { cv: 3, thresholds: 10 });
    expect(a.cvResults.scores).toEqual(b.cvResults.scores);
    a.dispose();
    expect(a.estimator.isFitted).toBe(false);
    wasm.dispose();
  });
});

describe('tunedThreshold(model, X, y, { sampleWeight })', () => {
  it('weighs the rows of a named metric: unit weights give the unweighted choice', () => {
    const { X, y } = makeClassification({ nSamples: 150, nFeatures: 4, nRedundant: 0, randomState: 11 });
    const plain = tunedThreshold(new LogisticRegression(), X, y, { scoring: 'f1', cv: 3, thresholds: 20 });
    const weighted = tunedThreshold(new LogisticRegression(), X, y, { scoring: 'f1', cv: 3, thresholds: 20, sampleWeight: Array.from(y, () => 1) });
    expect([weighted.bestThreshold, weighted.bestScore]).toEqual([plain.bestThreshold, plain.bestScore]);
  });
});
