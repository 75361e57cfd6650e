// train --cv K: a search over C (LogisticRegressionCV) on the training rows in place of one
// fit. The report gives each C's mean held-out score ± its standard error and marks the
// chosen C; the model file holds the refitted model, which predict and evaluate read as
// any other, and the path. The scores are the library's (whose equality to scikit-learn
// is tested in test/model-selection/); these tests check that the CLI reports and saves
// exactly what the library computes, and every refusal of the search's flags.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LogisticRegressionCV, trainTestSplitIndices, type Label } from '../../src/index.js';
import { cvData } from './cv-data.js';
import { cli, expectFailure, scratch, type CliResult } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

const { X, Y, Y3, DATA, DATA3 } = cvData(tmp);

const train = (file: string, ...args: string[]) => cli(['train', file, '--target', 'y', '--quiet', ...args]);
/** Tight enough that every fit is at its optimum to the report's 4 decimals, whichever solver gets there. */
const TIGHT = ['--tol', '1e-10', '--max-iter', '10000'];
/** The report with the one figure that varies between runs, the time, masked. */
const masked = (r: CliResult) => r.stdout.replace(/search and refit [\d.]+ ms/, 'search and refit T ms');

function usageError(r: CliResult, message: string): void {
  expectFailure(r, message, 2);
  expect(r.stderr).toContain('Usage: logreg-wasm train');
}

/** The library's search on the rows train holds for training (test size 0.2, random state 42). */
function librarySearch(y: string[], options: ConstructorParameters<typeof LogisticRegressionCV>[0], testSize = 0.2) {
  const rows = testSize === 0 ? Array.from({ length: 60 }, (_, i) => i) : Array.from(trainTestSplitIndices(60, { testSize, randomState: 42 }).train);
  return new LogisticRegressionCV(options).fit(
    rows.map((i) => X[i]!),
    rows.map((i) => y[i]!),
  );
}

describe('train --cv K (binary)', () => {
  it('prints the score of each C as mean ± standard error over the folds, marks the chosen C, then the refitted model’s report', async () => {
    const r = await train(DATA, '--cv', '5', '--Cs', '5', ...TIGHT);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(masked(r)).toBe(`Data: ${DATA}: 60 rows, 2 features; target 'y'
Classes: no 25, yes 35
Split: 48 train, 12 test (test size 0.2, random state 42)
Search: 5 values of C over 5 stratified folds of the 48 training rows; lbfgs, penalty l2; scoring accuracy
C       accuracy
0.0001  0.6267 ± 0.0163
0.01    0.6933 ± 0.0598
1       0.9156 ± 0.0411 *
100     0.9156 ± 0.0411
10000   0.9156 ± 0.0411
(mean accuracy over the 5 folds ± its standard error: the standard deviation over folds, ddof 1, / √5;
 * the chosen C: the best mean, the first on a tie)
Fit: refitted on the 48 training rows at C 1; search and refit T ms

          train (48)  test (12)
accuracy      0.9583     0.7500
log-loss      0.1842     0.2779
ROC AUC       0.9852     0.9429

Confusion matrix (test; rows true, columns predicted):
     no  yes
no    5    2
yes   1    4

Per class (test):
     precision  recall      f1  support
no      0.8333  0.7143  0.7692        7
yes     0.6667  0.8000  0.7273        5

Model not saved (pass --out model.json to save it).
`);
  });

  it("reports in JSON the library's fold scores per C, their mean, std (ddof 1) and standard error, and the chosen C", async () => {
    const r = await train(DATA, '--cv', '5', '--Cs', '5', '--json');
    const { fit, crossValidation: path } = JSON.parse(r.stdout);
    const search = librarySearch(Y, { Cs: 5, cv: 5 });
    const grid = search.scores.get('yes') as number[][];
    expect(path).toMatchObject({ folds: 5, rows: 48, scoring: 'accuracy', ddof: 1, Cs: Array.from(search.Cs), l1Ratios: null });
    expect(path.problems).toHaveLength(1);
    const [problem] = path.problems;
    expect(problem.class).toBe('yes');
    expect(problem.C).toBe(search.C[0]);
    expect(fit).toMatchObject({ solver: 'lbfgs', penalty: 'l2', C: search.C[0], l1Ratio: null });
    problem.points.forEach((point: { C: number; scores: number[]; mean: number; std: number; standardError: number }, c: number) => {
      const scores = grid.map((fold) => fold[c]!);
      expect(point.C).toBe(search.Cs[c]);
      expect(point.scores).toEqual(scores);
      const mean = scores.reduce((s, x) => s + x, 0) / 5;
      const std = Math.sqrt(scores.reduce((s, x) => s + (x - mean) ** 2, 0) / 4);
      expect(point.mean).toBeCloseTo(mean, 15);
      expect(point.std).toBeCloseTo(std, 15);
      expect(point.standardError).toBeCloseTo(std / Math.sqrt(5), 15);
    });
  });

  it('takes the grid itself with --Cs C1,C2,… and a single value written with a decimal point', async () => {
    const grid = JSON.parse((await train(DATA, '--cv', '3', '--Cs', '0.5,2,8', '--json')).stdout).crossValidation;
    expect(grid.Cs).toEqual([0.5, 2, 8]);
    const one = JSON.parse((await train(DATA, '--cv', '3', '--Cs', '1.0', '--json')).stdout).crossValidation;
    expect(one.Cs).toEqual([1]);
  });

  it('scores with --scoring and searches l1 with newton-cd, the default solver of l1', async () => {
    const r = await train(DATA, '--cv', '4', '--Cs', '0.1,1,10', '--penalty', 'l1', '--scoring', 'roc_auc', '--json');
    const report = JSON.parse(r.stdout);
    const search = librarySearch(Y, { Cs: [0.1, 1, 10], cv: 4, penalty: 'l1', scoring: 'roc_auc' });
    expect(report.fit).toMatchObject({ solver: 'newton-cd', penalty: 'l1', C: search.C[0] });
    expect(report.crossValidation.scoring).toBe('roc_auc');
    expect(report.crossValidation.problems[0].points.map((p: { scores: number[] }) => p.scores)).toEqual(
      [0, 1, 2].map((c) => (search.scores.get('yes') as number[][]).map((fold) => fold[c]!)),
    );
  });
});

describe('train --cv K (three classes)', () => {
  it('one-vs-rest: one column per class, each with its own chosen C', async () => {
    const r = await train(DATA3, '--cv', '3', '--Cs', '4', '--multi-class', 'ovr', '--test-size', '0', ...TIGHT);
    expect(masked(r).split('\n').slice(3, 12).join('\n')).toBe(`Search: 4 values of C over 3 stratified folds of the 60 training rows; lbfgs, penalty l2; scoring accuracy
C        class a            class b            class c
0.0001   0.6167 ± 0.0167    0.8167 ± 0.0167 *  0.5667 ± 0.0167
0.04642  0.8667 ± 0.0441    0.8167 ± 0.0167    0.9000 ± 0.0289
21.54    0.9000 ± 0.0289 *  0.8167 ± 0.0167    0.9167 ± 0.0167 *
10000    0.8833 ± 0.0441    0.8167 ± 0.0167    0.9167 ± 0.0167
(mean accuracy over the 3 folds ± its standard error: the standard deviation over folds, ddof 1, / √3;
 * the chosen C: the best mean, the first on a tie)
Fit: refitted on the 60 training rows at a: C 21.54434690031882; b: C 0.0001; c: C 21.54434690031882; search and refit T ms`);
  });

  it('one-vs-rest in JSON: the chosen C per class, in classes order', async () => {
    const report = JSON.parse((await train(DATA3, '--cv', '3', '--Cs', '4', '--multi-class', 'ovr', '--test-size', '0', '--json')).stdout);
    const search = librarySearch(Y3, { Cs: 4, cv: 3, multiClass: 'ovr' }, 0);
    expect(report.fit.C).toEqual(Array.from(search.C));
    expect(report.crossValidation.problems.map((p: { class: Label }) => p.class)).toEqual(['a', 'b', 'c']);
  });

  it('softmax: one column, since one problem is scored for every class', async () => {
    const r = await train(DATA3, '--cv', '3', '--Cs', '4', ...TIGHT);
    expect(masked(r).split('\n').slice(4, 9).join('\n')).toBe(`C        accuracy
0.0001   0.4583 ± 0.0208
0.04642  0.7708 ± 0.0417
21.54    0.8542 ± 0.0551 *
10000    0.8542 ± 0.0551`);
  });

  it('elastic-net: one row per C and l1 ratio, the chosen pair marked', async () => {
    const r = await train(DATA3, '--cv', '3', '--Cs', '0.1,1.0', '--penalty', 'elasticnet', '--l1-ratios', '0,0.5,1', '--scoring', 'neg_log_loss', ...TIGHT);
    expect(masked(r).split('\n').slice(3, 14).join('\n')).toBe(`Search: 2 values of C × 3 l1 ratios over 3 stratified folds of the 48 training rows; newton-cd, penalty elasticnet; scoring neg_log_loss
C    l1 ratio  neg_log_loss
0.1  0         -0.6167 ± 0.0747
0.1  0.5       -0.6620 ± 0.0624
0.1  1         -0.7503 ± 0.0403
1    0         -0.4558 ± 0.1021
1    0.5       -0.4488 ± 0.1016
1    1         -0.4393 ± 0.1038 *
(mean neg_log_loss over the 3 folds ± its standard error: the standard deviation over folds, ddof 1, / √3;
 * the chosen C and l1 ratio: the best mean, the first on a tie)
Fit: refitted on the 48 training rows at C 1, l1 ratio 1; search and refit T ms`);
  });
});

describe('train --cv K on other inputs', () => {
  it('searches C on the features of a text column and of an svmlight file', async () => {
    const docs = Array.from({ length: 40 }, (_, i) => `${i % 2 === 0 ? 'good fine' : 'bad poor'} word${i % 7}`);
    const text = tmp.file('text.csv', `text,y\n${docs.map((d, i) => `${d},${i % 2 === 0 ? 'pos' : 'neg'}`).join('\n')}\n`);
    const fromText = JSON.parse((await train(text, '--text', 'text', '--tfidf', '--cv', '3', '--Cs', '3', '--json')).stdout);
    expect(fromText.crossValidation).toMatchObject({ folds: 3, rows: 32, scoring: 'accuracy' });
    expect(fromText.crossValidation.problems[0].points).toHaveLength(3);
    const svm = tmp.file('d.svm', `${X.map((row, i) => `${Y[i] === 'yes' ? 1 : 0} 1:${row[0]} 2:${row[1]}`).join('\n')}\n`);
    const fromSvm = JSON.parse((await cli(['train', svm, '--cv', '5', '--Cs', '5', '--quiet', '--json'])).stdout);
    const dense = JSON.parse((await train(DATA, '--cv', '5', '--Cs', '5', '--json')).stdout);
    expect(fromSvm.crossValidation.problems[0].points.map((p: { scores: number[] }) => p.scores)).toEqual(
      dense.crossValidation.problems[0].points.map((p: { scores: number[] }) => p.scores),
    );
  });
});

describe('the model file of train --cv', () => {
  const MODEL = tmp.path('cv-model.json');

  it('stores the refitted model as a LogisticRegression with the chosen C, and the path as crossValidation', async () => {
    const r = await train(DATA, '--cv', '5', '--Cs', '5', '--json', '--out', MODEL);
    const report = JSON.parse(r.stdout);
    const doc = JSON.parse(readFileSync(MODEL, 'utf8'));
    expect(doc).toMatchObject({ format: 'logreg-wasm/cli-model', version: 1, target: 'y' });
    expect(doc.estimator.format).toBe('logreg-wasm/logistic-regression');
    expect(doc.estimator.options).toMatchObject({ C: 1, penalty: 'l2', solver: 'lbfgs' });
    const search = librarySearch(Y, { Cs: 5, cv: 5 });
    expect(doc.estimator.model.coef).toEqual([Array.from(search.coef.data)]);
    expect(doc.estimator.model.intercept).toEqual(Array.from(search.intercept));
    expect(doc.crossValidation).toEqual(report.crossValidation);
  });

  it('is read by evaluate, which finds the test accuracy train reported', async () => {
    const trained = JSON.parse((await train(DATA, '--cv', '5', '--Cs', '5', '--json', '--test-size', '0.2')).stdout);
    const test = trainTestSplitIndices(60, { testSize: 0.2, randomState: 42 }).test;
    const rows = Array.from(test, (i) => `${X[i]!.join(',')},${Y[i]}`);
    const held = tmp.file('held.csv', `x1,x2,y\n${rows.join('\n')}\n`);
    const r = await cli(['evaluate', MODEL, held, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scores.accuracy).toBe(trained.test.accuracy);
  });

  it("is read by predict, whose labels are the library's refitted model's", async () => {
    const r = await cli(['predict', MODEL, DATA]);
    expect(r.code).toBe(0);
    const predicted = r.stdout.trimEnd().split('\n').slice(1);
    expect(predicted).toEqual(librarySearch(Y, { Cs: 5, cv: 5 }).predict(X));
  });
});

describe('warnings of the search', () => {
  it("are given once each, with how often, in the flags' terms", async () => {
    const r = await train(DATA, '--cv', '30', '--Cs', '2');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: the least populated class in y has only 18 members, which is less than --cv 30\n');
    const slow = await train(DATA, '--cv', '5', '--Cs', '2', '--max-iter', '1');
    expect(slow.stderr).toMatch(/^warning: solver 'lbfgs' reached --max-iter 1 before the gradient fell to --tol 0\.0001; increase --max-iter or pass --standardize \(\d+ times\)\n$/);
  });
});

describe('refusals of the search flags', () => {
  it('a search flag without --cv', async () => {
    usageError(await train(DATA, '--Cs', '10'), '--Cs needs --cv K, the number of folds of the search over C');
    usageError(await train(DATA, '--scoring', 'f1'), '--scoring needs --cv K, the number of folds of the search over C');
    usageError(await train(DATA, '--l1-ratios', '0.5'), '--l1-ratios needs --cv K, the number of folds of the search over C');
  });

  it('--cv below 2', async () => {
    usageError(await train(DATA, '--cv', '1'), "--cv: expected an integer ≥ 2, got '1'");
  });

  it('--C and --l1-ratio, which the search chooses', async () => {
    usageError(await train(DATA, '--cv', '5', '--C', '2'), '--C does not combine with --cv: the search chooses C among --Cs');
    usageError(
      await train(DATA, '--cv', '5', '--penalty', 'elasticnet', '--l1-ratio', '0.5'),
      '--l1-ratio does not combine with --cv: the search chooses the l1 ratio among --l1-ratios',
    );
  });

  it('--penalty none, which has no C to choose', async () => {
    usageError(await train(DATA, '--cv', '5', '--penalty', 'none'), '--penalty none has no C to choose; --cv searches C for --penalty l2, l1 or elasticnet');
  });

  it('--l1-ratios without elastic-net, and elastic-net without them', async () => {
    usageError(await train(DATA, '--cv', '5', '--l1-ratios', '0.5'), '--l1-ratios needs --penalty elasticnet; the penalty is l2');
    usageError(
      await train(DATA, '--cv', '5', '--penalty', 'elasticnet'),
      '--penalty elasticnet with --cv needs --l1-ratios, the l1 ratios to search (e.g. --l1-ratios 0.2,0.5,0.8)',
    );
  });

  it('an unknown scoring name, with the nearest one', async () => {
    const expected = 'expected accuracy, balanced_accuracy, neg_log_loss, roc_auc, roc_auc_ovr, f1, f1_macro, precision, recall';
    usageError(await train(DATA, '--cv', '5', '--scoring', 'roc-auc'), `--scoring: ${expected}; got 'roc-auc' (did you mean roc_auc?)`);
    usageError(await train(DATA, '--cv', '5', '--scoring', 'zzz'), `--scoring: ${expected}; got 'zzz'`);
  });

  it('a --Cs that is neither a count nor values > 0', async () => {
    const expected = 'expected a count N ≥ 1 (N values log-spaced from 1e-4 to 1e4) or values > 0 separated by commas (a single value with a decimal point: 1.0)';
    for (const bad of ['0', '1,-2', '1,,2', 'ten', '100001']) usageError(await train(DATA, '--cv', '5', '--Cs', bad), `--Cs: ${expected}; got '${bad}'`);
  });

  it('--l1-ratios outside [0, 1]', async () => {
    usageError(
      await train(DATA, '--cv', '5', '--penalty', 'elasticnet', '--l1-ratios', '0.5,2'),
      "--l1-ratios: expected numbers from 0 to 1 separated by commas; got '0.5,2'",
    );
  });

  it('--cv with --stream', async () => {
    usageError(await train(DATA, '--cv', '5', '--stream'), '--cv does not apply to --stream: it fits one model in one pass per epoch; run cv or train --cv without --stream');
  });

  it("the model flags' refusals, in the same words as without --cv", async () => {
    for (const flags of [['--solver', 'lbfgs', '--penalty', 'l1'], ['--multi-class', 'bogus'], ['--threads', '0']]) {
      const single = await train(DATA, ...flags);
      expect(single.code).toBe(2);
      expect(await train(DATA, '--cv', '3', ...flags)).toEqual(single);
    }
  });

  it('more folds than training rows, as bad input (exit 1)', async () => {
    expectFailure(await train(DATA, '--cv', '70', '--test-size', '0'), `${DATA}: training failed: --cv 70 is more folds than the 60 samples`);
  });
});
