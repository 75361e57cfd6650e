import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LogisticRegression } from '../../src/estimator/logistic-regression.js';
import type { Label } from '../../src/validate/labels.js';
import {
  LABEL_SCORING_NAMES,
  SCORING_NAMES,
  type ScoredClassifier,
  type ScoringFunction,
  type ScoringName,
  labelMetric,
  readScoring,
} from '../../src/model-selection/scoring.js';
import { expectClose, expectError } from '../assertions.js';

/** One outcome of a scikit-learn call: a value, or the refusal it raised. */
interface Outcome {
  value?: number | 'nan' | 'inf' | '-inf';
  error?: { type: string; message: string };
  warnings?: string[];
}

interface ScorerCase {
  name: string;
  coef: number[][];
  intercept: number[];
  classes: Label[];
  multiClass: 'auto' | 'ovr' | 'multinomial';
  X: number[][];
  y: Label[];
  sampleWeight: number[] | null;
  scores: Record<ScoringName, Outcome>;
  negLogLossModelLabels: Outcome;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/scorers.json', import.meta.url), 'utf8')) as {
  scorers: ScorerCase[];
};

function modelOf(c: ScorerCase): ScoredClassifier {
  return LogisticRegression.fromSklearn({ coef: c.coef, intercept: c.intercept, classes: c.classes, multiClass: c.multiClass });
}

function weightsOf(c: ScorerCase): Float64Array | null {
  return c.sampleWeight === null ? null : Float64Array.from(c.sampleWeight);
}

function caseNamed(name: string): ScorerCase {
  const c = fixture.scorers.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no fixture case '${name}'`);
  return c;
}

/** The scorer's value; its warnings (an ill-defined score, as scikit-learn warns) are collected, not printed. */
function score(name: ScoringName, c: ScorerCase, warnings: string[] = []): number {
  return readScoring('test', 'scoring', name)(modelOf(c), c.X, c.y, weightsOf(c), (message) => warnings.push(message));
}

describe('readScoring(where, name, value): a named scorer', () => {
  for (const c of fixture.scorers) {
    describe(`on ${c.name}`, () => {
      for (const name of SCORING_NAMES) {
        const expected = c.scores[name];
        if (expected.value !== undefined) {
          it(`'${name}' gives scikit-learn's value`, () => {
            expectClose(score(name, c), expected.value as number);
          });
        } else if (name === 'neg_log_loss' && c.negLogLossModelLabels.value !== undefined && c.y.every((l) => c.classes.includes(l))) {
          it(`'neg_log_loss' scores a y without some of the model's classes, naming the columns after model.classes (scikit-learn refuses)`, () => {
            expectClose(score(name, c), c.negLogLossModelLabels.value as number);
          });
        } else {
          it(`'${name}' refuses, as scikit-learn does (${expected.error?.message ?? ''})`, () => {
            expect(() => score(name, c)).toThrow(RangeError);
          });
        }
      }
    });
  }
});

describe('readScoring(where, name, value): the refusals of the named scorers', () => {
  it("'roc_auc' refuses a y of three classes and points to 'roc_auc_ovr'", () => {
    expectError(
      () => score('roc_auc', caseNamed('3 classes, multinomial')),
      RangeError,
      "scoring 'roc_auc': y holds 3 classes (0, 1, 2); 'roc_auc' scores binary problems only, use 'roc_auc_ovr' for one class against the rest",
    );
  });

  it("'roc_auc' refuses a binary y scored by a model of three classes", () => {
    expectError(
      () => score('roc_auc', caseNamed('3 classes, multinomial, test set without class 1')),
      RangeError,
      "scoring 'roc_auc': the model has 3 classes (0, 1, 2); 'roc_auc' needs a binary model's decision values, use 'roc_auc_ovr'",
    );
  });

  it("'f1' refuses string labels, which have no class 1", () => {
    expectError(
      () => score('f1', caseNamed('binary strings')),
      RangeError,
      "scoring 'f1': the positive label 1 is not among the labels of y and the predictions ('ham', 'spam'); 'f1' scores it against the rest (scikit-learn's pos_label=1), use 'f1_macro' or a scoring function",
    );
  });

  it("'precision' refuses the labels 0 and 2", () => {
    expectError(
      () => score('precision', caseNamed('binary {0, 2}')),
      RangeError,
      "scoring 'precision': the positive label 1 is not among the labels of y and the predictions (0, 2); 'precision' scores it against the rest (scikit-learn's pos_label=1), use 'f1_macro' or a scoring function",
    );
  });

  it("'recall' refuses three classes", () => {
    expectError(
      () => score('recall', caseNamed('3 string classes, one-vs-rest')),
      RangeError,
      "scoring 'recall': y and the predictions hold 3 classes ('a', 'b', 'c'); 'recall' scores the positive label 1 against one other class, use 'f1_macro' or a scoring function for more classes",
    );
  });

  it("'f1' is 0 when neither y nor the predictions hold class 1", () => {
    expect(score('f1', caseNamed('binary {0, 1}, y and predictions all 0'))).toBe(0);
  });

  it("'neg_log_loss' refuses a label of y that the model does not know", () => {
    expectError(
      () => score('neg_log_loss', caseNamed('binary model, y with a label it does not know')),
      RangeError,
      'logLoss: yTrue has 2 at index 0, which is not in labels',
    );
  });

  it('names the scorer when y is empty', () => {
    const c = caseNamed('binary {0, 1}');
    expectError(
      () => readScoring('test', 'scoring', 'accuracy')(modelOf(c), [], [], null),
      RangeError,
      "scoring 'accuracy': y is empty; at least one label is required",
    );
  });
});

describe('readScoring(where, name, value): reading the argument', () => {
  it('returns what a scoring function returns, NaN included', () => {
    const model = LogisticRegression.fromSklearn({ coef: [[1]], intercept: [0], classes: [0, 1] });
    expect(readScoring('crossValScore', 'scoring', (() => 0.5) as ScoringFunction)(model, [[1]], [1], null)).toBe(0.5);
    expect(readScoring('crossValScore', 'scoring', (() => NaN) as ScoringFunction)(model, [[1]], [1], null)).toBeNaN();
  });

  it('refuses what a scoring function returns when it is no number', () => {
    const model = LogisticRegression.fromSklearn({ coef: [[1]], intercept: [0], classes: [0, 1] });
    expect(() => readScoring('crossValScore', 'scoring', (() => '0.5') as never)(model, [[1]], [1], null)).toThrow(
      new TypeError('crossValScore: scoring returned a string; it must return a number'),
    );
  });

  it('returns one function per name, the same at every call', () => {
    for (const name of SCORING_NAMES) expect(readScoring('a', 'b', name)).toBe(readScoring('c', 'd', name));
  });

  it('lists the nine names scikit-learn spells', () => {
    expect(SCORING_NAMES).toEqual(['accuracy', 'balanced_accuracy', 'neg_log_loss', 'roc_auc', 'roc_auc_ovr', 'f1', 'f1_macro', 'precision', 'recall']);
  });

  it('refuses an unknown name, listing the known ones and suggesting the nearest', () => {
    expectError(
      () => readScoring('crossValScore', 'scoring', 'roc-auc'),
      RangeError,
      "crossValScore: scoring must be one of 'accuracy', 'balanced_accuracy', 'neg_log_loss', 'roc_auc', 'roc_auc_ovr', 'f1', 'f1_macro', 'precision', 'recall' or a function, got 'roc-auc'; did you mean 'roc_auc'?",
    );
  });

  it('suggests the name whatever its case', () => {
    expect(() => readScoring('crossValScore', 'scoring', 'Accuracy')).toThrow(/got 'Accuracy'; did you mean 'accuracy'\?$/);
  });

  it('suggests nothing when no name is near', () => {
    expectError(
      () => readScoring('LogisticRegressionCV', 'scoring', 'brier'),
      RangeError,
      "LogisticRegressionCV: scoring must be one of 'accuracy', 'balanced_accuracy', 'neg_log_loss', 'roc_auc', 'roc_auc_ovr', 'f1', 'f1_macro', 'precision', 'recall' or a function, got 'brier'",
    );
  });

  it('does not take names from the prototype of an object', () => {
    expect(() => readScoring('crossValScore', 'scoring', 'toString')).toThrow(RangeError);
  });

  it('refuses a value that is neither a name nor a function', () => {
    expectError(() => readScoring('crossValScore', 'scoring', 3), TypeError, "crossValScore: scoring must be a scorer's name or a function, got a number");
    expectError(() => readScoring('crossValScore', 'scoring', null), TypeError, "crossValScore: scoring must be a scorer's name or a function, got null");
    expectError(
      () => readScoring('crossValScore', 'scoring', ['accuracy']),
      TypeError,
      "crossValScore: scoring must be a scorer's name or a function, got an array of length 1",
    );
  });
});

describe('labelMetric(name, posLabel)', () => {
  it('is the metric of each label scorer on predict(X)', () => {
    const c = caseNamed('binary {1, 2}');
    const model = modelOf(c);
    for (const name of LABEL_SCORING_NAMES) {
      expect(labelMetric(name, 1)(c.y, model.predict(c.X), null)).toBe(score(name, c));
    }
  });

  it('scores the class posLabel names', () => {
    expect(labelMetric('recall', 'spam')(['spam', 'ham', 'spam'], ['spam', 'spam', 'ham'], null)).toBe(0.5);
    expect(labelMetric('precision', 'ham')(['spam', 'ham', 'ham'], ['ham', 'ham', 'spam'], null)).toBe(0.5);
  });

  it('matches posLabel 1 with the boolean true, as numpy compares them', () => {
    expect(labelMetric('recall', 1)([true, true, false, true], [true, false, false, false], null)).toBe(1 / 3);
  });

  it('refuses an unknown name', () => {
    expect(() => labelMetric('roc_auc' as never, 1)).toThrow(RangeError);
  });
});

describe('readScoring(where, name, value): a named scorer’s warnings', () => {
  it('go to the onWarning it is given, as balanced accuracy’s on a held-out set without a predicted class', () => {
    const c = fixture.scorers.find((k) => k.name === 'binary {0, 1}, test set of class 1 only');
    expect(c).toBeDefined();
    const warnings: string[] = [];
    score('balanced_accuracy', c!, warnings);
    expect(warnings).toEqual([expect.stringMatching(/^balancedAccuracy: yPred contains classes that yTrue does not/)]);
  });
});
