// `train --summary`: the statistical summary after the report (statsmodels' Logit table),
// its JSON under `summary`, robust (--robust HCk) and cluster-robust (--cluster COLUMN)
// standard errors, --alpha, the fit it describes (the training rows, at the MLE) and the
// refusals. References: test/fixtures/inference/ (statsmodels 0.13.5, R 4.2 sandwich).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LogisticRegression, trainTestSplitIndices, type SummaryJSON } from '../../src/index.js';
import { USAGE } from '../../src/cli/usage.js';
import { ONE_HOT_SINGULAR } from '../../src/cli/summary-report.js';
import { type CovBlock, type Fixture, loadInferenceFixture as load } from '../inference/fixtures.js';
import { cli, expectFailure, scratch } from './helpers.js';

const DATA = join(import.meta.dirname, '../../examples/data/breast-cancer.csv');

const BC = load('breast-cancer');
const CLUSTERED = load('clustered');
const MULTINOMIAL = load('multinomial');

const tmp = scratch();
afterAll(() => tmp.remove());

/** A fixture as a CSV file: its features, then `extra` columns (name → one cell per row), then the label column `y`. */
function csvOf(f: Fixture, name: string, extra: Record<string, readonly (number | string)[]> = {}): string {
  const header = [...f.featureNames, ...Object.keys(extra), 'y'];
  // String(x) is the shortest text that reads back as the same double.
  const rows = f.X.map((row, i) => [...row.map(String), ...Object.values(extra).map((col) => String(col[i])), String(f.y[i])].join(','));
  return tmp.file(name, `${[header.join(','), ...rows].join('\n')}\n`);
}

const CLUSTERED_CSV = csvOf(CLUSTERED, 'clustered.csv', { g: CLUSTERED.groupNames as string[] });

/** The summary table of a text report: from its title line to the end. */
function tableOf(stdout: string): string {
  const at = stdout.indexOf('Regression Results');
  expect(at).toBeGreaterThan(0);
  return stdout.slice(stdout.lastIndexOf('\n', at) + 1);
}

/**
 * Whether a printed number is `value` to the digits printed: within half a unit of its
 * last digit (`-10.4745` ± 5e-5, `5.190e-88` ± 5e-92).
 */
function expectPrinted(text: string, value: number): void {
  const [mantissa, exponent] = text.split(/e/i) as [string, string | undefined];
  const decimals = mantissa.includes('.') ? (mantissa.split('.')[1] as string).length : 0;
  const half = 0.5 * 10 ** ((exponent === undefined ? 0 : Number(exponent)) - decimals);
  expect(Math.abs(Number(text) - value), `${text} vs ${value}`).toBeLessThanOrEqual(half * (1 + 1e-9));
}

/** The value printed after `label` in the table's top block. */
function field(table: string, label: string): string {
  const match = new RegExp(`${label.replace(/[.()-]/g, '\\$&')}\\s+(\\S+)`).exec(table);
  expect(match, label).not.toBeNull();
  return (match as RegExpExecArray)[1] as string;
}

/** The numbers printed on a coefficient block's row for `name` (the first block that has it, or the odds-ratio block). */
function rowOf(block: string, name: string): string[] {
  const line = block.split('\n').find((l) => l.startsWith(`${name} `));
  expect(line, name).toBeDefined();
  return (line as string).slice(name.length).trim().split(/\s+/);
}

async function summaryJson(args: string[]): Promise<{ report: Record<string, unknown>; summary: SummaryJSON }> {
  const r = await cli(['train', ...args, '--summary', '--json', '--quiet']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout) as Record<string, unknown>;
  return { report, summary: report['summary'] as SummaryJSON };
}

/** Entry by entry, within `tol` relative (absolute below 1). */
function expectNear(actual: readonly number[], expected: readonly number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - (expected[i] as number)), `entry ${i}: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i] as number))));
}

describe('train --penalty none --summary (text report)', () => {
  it('prints statsmodels\' table of the breast-cancer fit after the report, every number as statsmodels gives it to the printed digits', async () => {
    const r = await cli(['train', DATA, '--target', 'diagnosis', '--penalty', 'none', '--summary', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // The report first (every row trained on: --summary's default test size is 0), then the table.
    expect(r.stdout).toMatch(/^Data: .*breast-cancer\.csv: 569 rows, 5 features; target 'diagnosis'\n/);
    expect(r.stdout).toContain('Split: 569 train, 0 test (test size 0, random state 42)\n');
    expect(r.stdout).toContain('Fit: newton, penalty none');
    expect(r.stdout).toContain('Model not saved (pass --out model.json to save it).\n\n                           Logit Regression Results');
    const table = tableOf(r.stdout);
    expect(r.stdout.endsWith(`${table.trimEnd()}\n`)).toBe(true);

    const { fit } = BC;
    expect(field(table, 'Dep. Variable:')).toBe('diagnosis');
    expect(field(table, 'Model:')).toBe('Logit');
    expect(field(table, 'Method:')).toBe('MLE');
    expect(field(table, 'converged:')).toBe('True');
    expect(field(table, 'Covariance Type:')).toBe('nonrobust');
    expect(Number(field(table, 'No. Observations:'))).toBe(fit.nObs);
    expect(Number(field(table, 'Df Residuals:'))).toBe(fit.dfResid);
    expect(Number(field(table, 'Df Model:'))).toBe(fit.dfModel);
    expectPrinted(field(table, 'AIC:'), fit.aic);
    expectPrinted(field(table, 'BIC:'), fit.bic);
    expectPrinted(field(table, 'Pseudo R-squ.:'), fit.pseudoRSquared);
    expectPrinted(field(table, 'Log-Likelihood:'), fit.logLikelihood);
    expectPrinted(field(table, 'LL-Null:'), fit.nullLogLikelihood);
    expectPrinted(field(table, 'LLR p-value:'), fit.llrPValue);

    const [coefficients, odds] = table.split(/\n\s+Odds Ratio\s/) as [string, string];
    const se = BC.cov['nonrobust'] as CovBlock;
    ['const', ...BC.featureNames].forEach((name, k) => {
      const printed = rowOf(coefficients, name);
      const expected = [fit.params[k], se.stdErr[k], se.z[k], se.pValue[k], se.ciLower[k], se.ciUpper[k]] as number[];
      expect(printed.length).toBe(6);
      printed.forEach((text, c) => expectPrinted(text, expected[c] as number));
      const ratios = rowOf(odds, name);
      expect(ratios.length).toBe(3);
      [fit.params[k], se.ciLower[k], se.ciUpper[k]].forEach((x, c) => expectPrinted(ratios[c] as string, Math.exp(x as number)));
    });
  });

  it('prints the intervals at --alpha 0.1 with their [0.05 0.95] heading', async () => {
    const r = await cli(['train', DATA, '--target', 'diagnosis', '--penalty', 'none', '--summary', '--alpha', '0.1', '--quiet']);
    expect(r.code).toBe(0);
    const table = tableOf(r.stdout);
    expect(table).toMatch(/coef\s+std err\s+z\s+P>\|z\|\s+\[0\.05\s+0\.95\]/);
    ['const', ...BC.featureNames].forEach((name, k) => {
      const printed = rowOf(table, name);
      expectPrinted(printed[4] as string, BC.alpha10.ciLower[k] as number);
      expectPrinted(printed[5] as string, BC.alpha10.ciUpper[k] as number);
    });
  });

  it('names the covariance in the table with --robust HC1', async () => {
    const r = await cli(['train', DATA, '--target', 'diagnosis', '--penalty', 'none', '--summary', '--robust', 'HC1', '--quiet']);
    expect(r.code).toBe(0);
    const table = tableOf(r.stdout);
    expect(field(table, 'Covariance Type:')).toBe('HC1');
    const hc1 = BC.cov['HC1'] as CovBlock;
    ['const', ...BC.featureNames].forEach((name, k) => expectPrinted(rowOf(table, name)[1] as string, hc1.stdErr[k] as number));
  });

  it('prints MNLogit\'s table, one block per class against the first, for three classes', async () => {
    const file = csvOf(MULTINOMIAL, 'multinomial.csv');
    const r = await cli(['train', file, '--target', 'y', '--penalty', 'none', '--summary', '--quiet']);
    expect(r.code).toBe(0);
    const table = tableOf(r.stdout);
    expect(table).toMatch(/^\s+MNLogit Regression Results/);
    expect(table).toMatch(/\n\s*y=1\s+coef/);
    expect(table).toMatch(/\n\s*y=2\s+coef/);
  });
});

describe('train --penalty none --summary --json', () => {
  it('puts the summary\'s JSON under summary: statsmodels\' estimates, standard errors and fit statistics', async () => {
    const { report, summary } = await summaryJson([DATA, '--target', 'diagnosis', '--penalty', 'none']);
    expect(Object.keys(report)).toEqual(['data', 'classes', 'counts', 'split', 'fit', 'train', 'test', 'summary', 'out']);
    expect(report['fit']).toMatchObject({ solver: 'newton', penalty: 'none', converged: true });
    expect(summary).toMatchObject({ model: 'Logit', method: 'MLE', classes: ['benign', 'malignant'], referenceClass: 'benign', nObs: 569, dfModel: 5, dfResid: 563, covType: 'nonrobust', alpha: 0.05, nGroups: null, warnings: [] });
    expect(summary.equations.length).toBe(1);
    const [equation] = summary.equations as [SummaryJSON['equations'][number]];
    expect(equation.label).toBe('malignant');
    expect(equation.coefficients.map((c) => c.name)).toEqual(['const', ...BC.featureNames]);
    // The fit is at the MLE (newton, tol 1e-10 by default): statsmodels' numbers far below the printed digits.
    expectNear(equation.coefficients.map((c) => c.estimate), BC.fit.params, 1e-9);
    expectNear(equation.coefficients.map((c) => c.stdErr), (BC.cov['nonrobust'] as CovBlock).stdErr, 1e-9);
    expectNear([summary.logLikelihood, summary.nullLogLikelihood, summary.aic, summary.bic, summary.pseudoRSquared], [BC.fit.logLikelihood, BC.fit.nullLogLikelihood, BC.fit.aic, BC.fit.bic, BC.fit.pseudoRSquared], 1e-12);
    expect(summary.covariance.length).toBe(6);
  });

  it('gives R sandwich\'s HC1 standard errors with --robust HC1', async () => {
    const { summary } = await summaryJson([DATA, '--target', 'diagnosis', '--penalty', 'none', '--robust', 'HC1']);
    expect(summary.covType).toBe('HC1');
    expectNear((summary.equations[0] as SummaryJSON['equations'][number]).coefficients.map((c) => c.stdErr), (BC.cov['HC1'] as CovBlock).stdErr, 1e-9);
  });

  it('uses the solver given, and notes (in flag terms) estimates short of the MLE', async () => {
    const r = await cli(['train', DATA, '--target', 'diagnosis', '--penalty', 'none', '--solver', 'lbfgs', '--max-iter', '5', '--summary', '--json', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: solver 'lbfgs' reached --max-iter 5 before the gradient fell to --tol 1e-10/);
    const report = JSON.parse(r.stdout) as { fit: { solver: string }; summary: SummaryJSON };
    expect(report.fit.solver).toBe('lbfgs');
    expect(report.summary.converged).toBe(false);
    expect(report.summary.warnings).toEqual([expect.stringMatching(/^The estimates are not at the maximum of the likelihood: .* Fit with a tighter --tol \(e\.g\. --solver newton --tol 1e-10\) before reading the table\.$/)]);
  });
});

describe('train --summary --cluster COLUMN', () => {
  it('gives statsmodels\' cluster-robust standard errors, the column not a feature', async () => {
    const { report, summary } = await summaryJson([CLUSTERED_CSV, '--target', 'y', '--penalty', 'none', '--cluster', 'g']);
    expect((report['data'] as { features: string[] }).features).toEqual(['x1', 'x2', 'x3']);
    expect(summary.covType).toBe('cluster');
    expect(summary.nGroups).toBe(30);
    const coefficients = (summary.equations[0] as SummaryJSON['equations'][number]).coefficients;
    expect(coefficients.map((c) => c.name)).toEqual(['const', 'x1', 'x2', 'x3']);
    expectNear(coefficients.map((c) => c.estimate), CLUSTERED.fit.params, 1e-9);
    expectNear(coefficients.map((c) => c.stdErr), (CLUSTERED.cov['cluster'] as CovBlock).stdErr, 1e-9);
  });

  it('prints Covariance Type cluster in the table', async () => {
    const r = await cli(['train', CLUSTERED_CSV, '--target', 'y', '--penalty', 'none', '--summary', '--cluster', 'g', '--quiet']);
    expect(r.code).toBe(0);
    expect(field(tableOf(r.stdout), 'Covariance Type:')).toBe('cluster');
  });

  it('describes the training rows of a split, each with its own cluster label', async () => {
    const { report, summary } = await summaryJson([CLUSTERED_CSV, '--target', 'y', '--penalty', 'none', '--cluster', 'g', '--test-size', '0.25', '--random-state', '7']);
    const { train } = trainTestSplitIndices(600, { testSize: 0.25, randomState: 7 });
    expect(report['split']).toMatchObject({ train: train.length, test: 600 - train.length });
    const rows = Array.from(train);
    const model = new LogisticRegression({ penalty: 'none', solver: 'newton', tol: 1e-10 }).fit(
      rows.map((i) => CLUSTERED.X[i] as number[]),
      rows.map((i) => CLUSTERED.y[i] as number),
    );
    const expected = model.summary({ covType: 'cluster', groups: rows.map((i) => (CLUSTERED.groupNames as string[])[i] as string), featureNames: ['x1', 'x2', 'x3'] }).toJSON();
    expect(summary.nObs).toBe(train.length);
    expect(summary.nGroups).toBe(expected.nGroups);
    const got = (summary.equations[0] as SummaryJSON['equations'][number]).coefficients;
    const want = (expected.equations[0] as SummaryJSON['equations'][number]).coefficients;
    expectNear(got.map((c) => c.stdErr), want.map((c) => c.stdErr), 1e-9);
  });

  it('reads numeric cluster labels as numbers: 1 and 1.0 are one cluster', async () => {
    const labels = (CLUSTERED.groups as number[]).map((g, i) => (i % 2 === 0 ? String(g) : `${g}.0`));
    const file = csvOf(CLUSTERED, 'numeric-groups.csv', { g: labels });
    const { summary } = await summaryJson([file, '--target', 'y', '--penalty', 'none', '--cluster', 'g']);
    expect(summary.nGroups).toBe(30);
    expectNear((summary.equations[0] as SummaryJSON['equations'][number]).coefficients.map((c) => c.stdErr), (CLUSTERED.cov['cluster'] as CovBlock).stdErr, 1e-9);
  });
});

describe('train --summary refusals', () => {
  const base = [DATA, '--target', 'diagnosis', '--quiet'];

  it('a penalised model gets the library\'s refusal in flag terms (exit 1)', async () => {
    expectFailure(
      await cli(['train', ...base, '--summary']),
      "--summary: the model was fitted with penalty 'l2' at --C 1: a penalised estimate is biased towards 0 and has no maximum-likelihood standard errors; for the summary pass --penalty none (or --C inf)",
    );
  });

  it('--C inf is unpenalised, so it gets the summary', async () => {
    const r = await cli(['train', ...base, '--C', 'inf', '--summary']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Logit Regression Results');
  });

  it('--robust, --cluster and --alpha need --summary (exit 2)', async () => {
    expectFailure(await cli(['train', ...base, '--penalty', 'none', '--robust', 'HC1']), '--robust needs --summary: it sets the standard errors or intervals of the summary table', 2);
    expectFailure(await cli(['train', ...base, '--penalty', 'none', '--cluster', 'mean_symmetry']), '--cluster needs --summary: it sets the standard errors or intervals of the summary table', 2);
    expectFailure(await cli(['train', ...base, '--penalty', 'none', '--alpha', '0.1']), '--alpha needs --summary: it sets the standard errors or intervals of the summary table', 2);
  });

  it('--robust and --cluster together are refused', async () => {
    expectFailure(
      await cli(['train', ...base, '--penalty', 'none', '--summary', '--robust', 'HC1', '--cluster', 'mean_symmetry']),
      '--robust and --cluster both choose the standard errors; give one (--cluster is robust to heteroskedasticity too)',
      2,
    );
  });

  it('a misspelt --robust gets the nearest covariance type', async () => {
    expectFailure(await cli(['train', ...base, '--penalty', 'none', '--summary', '--robust', 'hc1']), "--robust: expected HC0, HC1, HC2, HC3; got 'hc1' (did you mean HC1?)", 2);
  });

  it('--alpha outside (0, 1) says what it expects', async () => {
    expectFailure(await cli(['train', ...base, '--penalty', 'none', '--summary', '--alpha', '1']), "--alpha: expected a number > 0 and < 1 (0.05 for 95% intervals), got '1'", 2);
  });

  it('--cluster with an unknown column names it and lists the header (exit 1)', async () => {
    expectFailure(
      await cli(['train', ...base, '--penalty', 'none', '--summary', '--cluster', 'patient']),
      `${DATA}: no cluster column 'patient'; the columns are 'mean_texture', 'mean_smoothness', 'mean_compactness', 'mean_concavity', 'mean_symmetry', 'diagnosis'`,
    );
  });

  it('--cluster may not be the target, a --features column or a --one-hot column', async () => {
    expectFailure(await cli(['train', ...base, '--penalty', 'none', '--summary', '--cluster', 'diagnosis']), "--cluster column 'diagnosis' is the target; the clusters must be another column", 2);
    expectFailure(
      await cli(['train', ...base, '--penalty', 'none', '--summary', '--cluster', 'mean_symmetry', '--features', 'mean_texture,mean_symmetry']),
      "--cluster column 'mean_symmetry' is among --features; the cluster labels are not a feature",
      2,
    );
    expectFailure(
      await cli(['train', ...base, '--penalty', 'none', '--summary', '--cluster', 'mean_symmetry', '--one-hot', 'mean_symmetry']),
      "--cluster column 'mean_symmetry' is a --one-hot column; the cluster labels are not a feature",
      2,
    );
  });

  it('a row without a cluster label is named', async () => {
    const labels = (CLUSTERED.groupNames as string[]).map((g, i) => (i === 4 ? '' : g));
    const file = csvOf(CLUSTERED, 'missing-group.csv', { g: labels });
    expectFailure(await cli(['train', file, '--target', 'y', '--penalty', 'none', '--summary', '--cluster', 'g', '--quiet']), `${file}: row 6, column 'g' (4): "" is a missing cluster label; every row needs one with --cluster`);
  });

  it('one-hot indicators, which add up to the intercept, get the singular information matrix and why', async () => {
    const file = tmp.file('colors.csv', `x,color,y\n${Array.from({ length: 60 }, (_, i) => `${(i % 7) - 3},${['red', 'green', 'blue'][i % 3]},${(i * 7) % 5 < 2 ? 1 : 0}`).join('\n')}\n`);
    expectFailure(
      await cli(['train', file, '--target', 'y', '--one-hot', 'color', '--penalty', 'none', '--summary', '--quiet']),
      `--summary: the information matrix is singular: const is a linear combination of the others (const ≈ 1·color=blue + 1·color=green + 1·color=red); drop it or one of those columns${ONE_HOT_SINGULAR}`,
    );
  });

  it('HC2 and HC3 with three classes get the library\'s refusal in flag terms', async () => {
    const file = csvOf(MULTINOMIAL, 'multinomial-hc3.csv');
    expectFailure(
      await cli(['train', file, '--target', 'y', '--penalty', 'none', '--summary', '--robust', 'HC3', '--quiet']),
      '--summary: --robust HC3 needs one leverage per row, which a model of 3 classes does not have; use --robust HC0, --robust HC1 or --cluster COLUMN',
    );
  });

  it('--summary does not combine with --cv or --stream, and cv does not take it', async () => {
    expectFailure(
      await cli(['train', ...base, '--summary', '--cv', '3']),
      '--summary does not combine with --cv: the search fits penalised models, which have no maximum-likelihood standard errors; for the summary fit one model with --penalty none',
      2,
    );
    expectFailure(
      await cli(['train', ...base, '--penalty', 'none', '--summary', '--stream']),
      '--summary does not apply to --stream: the summary needs every training row in memory, and sgd does not reach the maximum-likelihood estimate',
      2,
    );
    expectFailure(await cli(['cv', DATA, '--target', 'diagnosis', '--summary']), "unknown option '--summary'", 2);
  });

  it('--cluster does not apply to svmlight data', async () => {
    const file = tmp.file('data.svm', '0 1:0.5\n1 1:1.5\n0 1:0.2\n1 1:2.0\n');
    expectFailure(await cli(['train', file, '--penalty', 'none', '--summary', '--cluster', 'g', '--quiet']), '--cluster does not apply to svmlight data: it has no named columns', 2);
  });
});

describe('train --summary on other inputs', () => {
  it('names svmlight features by their index in the file\'s base', async () => {
    const file = tmp.file('names.svm', '1 1:0.5 3:1\n0 1:0.1 2:0.3\n1 1:0.9 2:0.1 3:0.5\n0 1:0.2 3:0.1\n1 1:0.7 2:0.2\n0 2:0.9 3:0.2\n1 1:0.6 2:0.8 3:0.9\n0 1:0.4 2:0.7\n1 1:0.3 3:0.3\n0 1:0.8 2:0.5 3:0.6\n');
    const { summary } = await summaryJson([file, '--penalty', 'none']);
    expect((summary.equations[0] as SummaryJSON['equations'][number]).coefficients.map((c) => c.name)).toEqual(['const', 'x1', 'x2', 'x3']);
  });
});

describe('train --help', () => {
  it('documents --summary, its defaults and its flags', () => {
    const usage = USAGE['train'] as string;
    expect(usage).toContain('--summary ');
    expect(usage).toContain('--solver newton --tol 1e-10 unless given');
    expect(usage).toContain('--robust HC0|HC1|HC2|HC3');
    expect(usage).toContain('--cluster COLUMN');
    expect(usage).toContain('--alpha A');
  });
});
