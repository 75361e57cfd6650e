// logreg-wasm cv: the cross-validated scores of the model train's flags configure. Each
// fold fits the features and the model on its training rows and scores its test rows
// (stratified, unshuffled folds, as scikit-learn's cross_val_score with cv=K); the report
// gives each fold's score, their mean, std (ddof 1) and standard error. The scores are the
// library's crossValScore (tested against scikit-learn in test/model-selection/); these
// tests check that the CLI gives exactly those, and every refusal.
import { afterAll, describe, expect, it } from 'vitest';
import { LogisticRegression, StandardScaler, StratifiedKFold, crossValScore } from '../../src/index.js';
import { USAGE } from '../../src/cli/usage.js';
import { cvData } from './cv-data.js';
import { cli, expectFailure, scratch, type CliResult } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

const { X, Y, Y3, DATA, DATA3 } = cvData(tmp);

const cv = (file: string, ...args: string[]) => cli(['cv', file, ...args]);
const json = async (file: string, ...args: string[]) => {
  const r = await cv(file, '--target', 'y', '--json', ...args);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
};
const foldScores = (report: { crossValidation: { folds: { score: number }[] } }) => report.crossValidation.folds.map((f) => f.score);

function usageError(r: CliResult, message: string): void {
  expectFailure(r, message, 2);
  expect(r.stderr).toContain('Usage: logreg-wasm cv');
}

describe('cv <data.csv> --target COLUMN', () => {
  it("prints each fold's rows, features and score, then the mean, std and standard error", async () => {
    const r = await cv(DATA, '--target', 'y');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Data: ${DATA}: 60 rows; target 'y'
Classes: no 25, yes 35
Model: lbfgs, penalty l2, C 1
Cross-validation: 5 stratified folds; the features and the model fitted on each fold's training rows, scored on its test rows

fold  train  test  features  accuracy
1        48    12         2    0.9167
2        48    12         2    0.9167
3        48    12         2    0.8333
4        48    12         2    0.8333
5        48    12         2    0.9167

accuracy: mean 0.8833, std 0.0456 (over folds, ddof 1), standard error 0.0204 (std / √5)
`);
  });

  it("gives in JSON crossValScore's fold scores, their mean, std (ddof 1) and standard error", async () => {
    const report = await json(DATA);
    const expected = Array.from(crossValScore(new LogisticRegression(), X, Y, { cv: 5 }));
    expect(foldScores(report)).toEqual(expected);
    const mean = expected.reduce((s, x) => s + x, 0) / 5;
    const std = Math.sqrt(expected.reduce((s, x) => s + (x - mean) ** 2, 0) / 4);
    expect(report.crossValidation).toMatchObject({ scoring: 'accuracy', ddof: 1 });
    expect(report.crossValidation.mean).toBeCloseTo(mean, 15);
    expect(report.crossValidation.std).toBeCloseTo(std, 15);
    expect(report.crossValidation.standardError).toBeCloseTo(std / Math.sqrt(5), 15);
    expect(report.model).toEqual({ solver: 'lbfgs', penalty: 'l2', C: 1, l1Ratio: null });
    expect(report.classes).toEqual(['no', 'yes']);
    expect(report.counts).toEqual([25, 35]);
  });

  it('scores the model the flags configure, with --cv folds and --scoring', async () => {
    for (const scoring of ['neg_log_loss', 'roc_auc', 'balanced_accuracy'] as const) {
      const report = await json(DATA, '--cv', '4', '--scoring', scoring, '--C', '0.1', '--max-iter', '500');
      expect(foldScores(report)).toEqual(Array.from(crossValScore(new LogisticRegression({ C: 0.1, maxIter: 500 }), X, Y, { cv: 4, scoring })));
    }
  });

  it('scores three classes with a softmax model', async () => {
    const report = await json(DATA3, '--scoring', 'f1_macro');
    expect(foldScores(report)).toEqual(Array.from(crossValScore(new LogisticRegression(), X, Y3, { cv: 5, scoring: 'f1_macro' })));
  });

  it('one-hot encodes with the categories of the whole file, as train does', async () => {
    const rows = X.map((row, i) => `${row.join(',')},${i === 7 ? 'rare' : i % 2 === 0 ? 'p' : 'q'},${Y[i]}`);
    const file = tmp.file('cat.csv', `x1,x2,c,y\n${rows.join('\n')}\n`);
    const report = await json(file, '--one-hot', 'c');
    expect(report.crossValidation.folds.map((f: { features: number }) => f.features)).toEqual([5, 5, 5, 5, 5]);
  });

  it("standardises with each fold's training rows only", async () => {
    const report = await json(DATA, '--standardize');
    const expected = new StratifiedKFold({ nSplits: 5 }).split(60, Y).map(({ trainIndex, testIndex }) => {
      const rows = (index: Int32Array) => Array.from(index, (i) => X[i]!);
      const scaler = new StandardScaler().fit(rows(trainIndex));
      const model = new LogisticRegression().fit(scaler.transform(rows(trainIndex)), Array.from(trainIndex, (i) => Y[i]!));
      const predicted = model.predict(scaler.transform(rows(testIndex)));
      return predicted.filter((label, k) => label === Y[testIndex[k]!]).length / testIndex.length;
    });
    expect(foldScores(report)).toEqual(expected);
  });

  it("learns the text vocabulary on each fold's training rows (its width differs by fold)", async () => {
    const words = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'sigma'];
    const docs = Array.from({ length: 20 }, (_, i) => `${words[i % 6]} ${i % 2 === 0 ? 'good' : 'bad'} word${i}`);
    const labels = docs.map((_, i) => (i % 2 === 0 ? 'pos' : 'neg'));
    const file = tmp.file('text.csv', `text,y\n${docs.map((d, i) => `${d},${labels[i]}`).join('\n')}\n`);
    const report = await json(file, '--text', 'text', '--cv', '4');
    const widths = new StratifiedKFold({ nSplits: 4 }).split(20, labels).map(({ trainIndex }) => new Set(Array.from(trainIndex, (i) => docs[i]!.split(' ')).flat()).size);
    expect(report.crossValidation.folds.map((f: { features: number }) => f.features)).toEqual(widths);
  });

  it('reads svmlight files, labels from the first column', async () => {
    const file = tmp.file('d.svm', `${X.map((row, i) => `${Y[i] === 'yes' ? 1 : 0} 1:${row[0]} 2:${row[1]}`).join('\n')}\n`);
    const r = await cv(file);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`Data: ${file}: 60 rows; labels from the first column`);
    const report = JSON.parse((await cv(file, '--json')).stdout);
    expect(report.data).toEqual({ file, rows: 60, format: 'svmlight' });
    expect(foldScores(report)).toEqual(Array.from(crossValScore(new LogisticRegression(), X, Y, { cv: 5 })));
  });

  it("warns in the flags' terms when a class has fewer rows than folds", async () => {
    const r = await cv(DATA, '--target', 'y', '--cv', '30');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: the least populated class in y has only 25 members, which is less than --cv 30\n');
  });

  it("gives the fits' warnings once each, with how often", async () => {
    const r = await cv(DATA, '--target', 'y', '--max-iter', '2');
    expect(r.stderr).toBe(
      "warning: solver 'lbfgs' reached --max-iter 2 before the gradient fell to --tol 0.0001; increase --max-iter or pass --standardize (5 times)\n",
    );
  });
});

describe('help', () => {
  it('help cv prints the usage of cv, and the general usage lists cv', async () => {
    const r = await cli(['help', 'cv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${USAGE['cv']}\n`);
    expect(USAGE['general']).toContain('cv <data.csv> --target COLUMN [options]      cross-validated scores of the configured model');
  });
});

describe('refusals', () => {
  it('no --target for a CSV file', async () => {
    usageError(await cv(DATA), 'cv needs --target COLUMN, the column to predict');
  });

  it('--cv below 2', async () => {
    usageError(await cv(DATA, '--target', 'y', '--cv', '1'), "--cv: expected an integer ≥ 2, got '1'");
  });

  it("train's flags that cv does not take: the split and the search", async () => {
    usageError(await cv(DATA, '--target', 'y', '--test-size', '0.2'), "unknown option '--test-size'");
    usageError(await cv(DATA, '--target', 'y', '--Cs', '3'), "unknown option '--Cs' (did you mean --C?)");
  });

  it("an unknown scoring name, with the nearest one", async () => {
    usageError(
      await cv(DATA, '--target', 'y', '--scoring', 'acuracy'),
      "--scoring: expected accuracy, balanced_accuracy, neg_log_loss, roc_auc, roc_auc_ovr, f1, f1_macro, precision, recall; got 'acuracy' (did you mean accuracy?)",
    );
  });

  it('a text flag without --text, with the usage of cv', async () => {
    usageError(await cv(DATA, '--target', 'y', '--ngram', '1,2'), '--ngram needs --text COLUMN, the column of text to learn from');
  });

  it('more folds than rows, as bad input (exit 1)', async () => {
    expectFailure(await cv(DATA, '--target', 'y', '--cv', '61'), `${DATA}: --cv 61 is more folds than the 60 samples`);
  });

  it("a scorer's refusal, naming the fold (counted from 1) and the file once", async () => {
    expectFailure(
      await cv(DATA3, '--target', 'y', '--scoring', 'roc_auc'),
      `${DATA3}: fold 1 of 5: scoring 'roc_auc': y holds 3 classes ('a', 'b', 'c'); 'roc_auc' scores binary problems only, use 'roc_auc_ovr' for one class against the rest`,
    );
    expectFailure(
      await cv(DATA, '--target', 'y', '--scoring', 'f1'),
      `${DATA}: fold 1 of 5: scoring 'f1': the positive label 1 is not among the labels of y and the predictions ('no', 'yes'); 'f1' scores it against the rest (scikit-learn's pos_label=1), use 'f1_macro'`,
    );
  });

  it('an unreadable cell, naming the file once and the row and column', async () => {
    const rows = X.map((row, i) => `${i === 7 ? 'n/a?' : row[0]},${row[1]},${Y[i]}`);
    const file = tmp.file('bad-cell.csv', `x1,x2,y\n${rows.join('\n')}\n`);
    const r = await cv(file, '--target', 'y');
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`logreg-wasm: ${file}: fold 1 of 5: row 9, column 'x1' (1): `)).toBe(true);
  });
});
