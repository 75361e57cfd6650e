/**
 * `train --summary`: the statistical summary of the fitted model (the library's
 * `LogisticRegression#summary`, statsmodels' Logit/MNLogit table) after the report, with
 * `--robust HC0…HC3` or `--cluster COLUMN` for robust standard errors and `--alpha A` for
 * the intervals. The summary describes the rows the model was fitted on (the training
 * rows of the split), so the cluster labels follow the same split.
 * @module
 */
import { formatSummary, type CovType, type LogisticRegression, type LogisticRegressionOptions, type SummaryJSON } from '../index.js';
import { cellNumber, isMissing } from './csv-rules.js';
import { cellString, describeColumn, type Cell } from './csv.js';
import type { DataFormat } from './data-format.js';
import { CliError, UsageError } from './errors.js';
import { choice, num, str, type Values } from './flags.js';
import { inFlagTerms } from './model-options.js';
import { columnIndices } from './preprocess.js';
import { readTable, type TableSource } from './tables.js';
import { quoted, quotedCell } from './text.js';
import type { TextRequest } from './text-options.js';

/** The robust covariances `--robust` chooses among (cluster is `--cluster`'s). */
export const ROBUST_TYPES = ['HC0', 'HC1', 'HC2', 'HC3'] as const;

/**
 * The solver and tolerance a `--summary` fit uses when neither flag is given: Newton steps
 * to a gradient of 1e-10, so the estimates are the maximum-likelihood estimate to every
 * printed digit (the library's advice for `summary`).
 */
export const SUMMARY_SOLVER = 'newton';
export const SUMMARY_TOL = 1e-10;

/** What `--summary` and its flags ask for. */
export interface SummaryRequest {
  covType: CovType;
  alpha: number;
  /** The `--cluster` column's name, or null. */
  cluster: string | null;
}

/** The flags that only mean something with `--summary`. */
const NEEDS_SUMMARY = ['robust', 'cluster', 'alpha'] as const;

/**
 * The summary `train`'s flags ask for, or null without `--summary`; reads only the flags,
 * so it runs before the data is read.
 * @param format the data file's format: `--cluster` names a CSV column, which svmlight data has not.
 * @throws UsageError for `--robust`, `--cluster` or `--alpha` without `--summary`, both
 * `--robust` and `--cluster`, `--summary` with `--cv` (the search fits penalised models),
 * `--cluster` on svmlight data, or a bad value.
 * @example
 * ```ts
 * summaryRequest({ summary: true, robust: 'HC1' }, 'csv'); // { covType: 'HC1', alpha: 0.05, cluster: null }
 * summaryRequest({ robust: 'HC1' }, 'csv');                // UsageError: --robust needs --summary …
 * ```
 */
export function summaryRequest(values: Values, format: DataFormat): SummaryRequest | null {
  if (values['summary'] !== true) {
    const given = NEEDS_SUMMARY.find((flag) => values[flag] !== undefined);
    if (given !== undefined) throw new UsageError(`--${given} needs --summary: it sets the standard errors or intervals of the summary table`, 'train');
    return null;
  }
  const robust = choice(values, 'robust', ROBUST_TYPES);
  const alpha = num(values, 'alpha') ?? 0.05;
  const cluster = str(values, 'cluster')?.trim() ?? null;
  if (robust !== undefined && cluster !== null) {
    throw new UsageError('--robust and --cluster both choose the standard errors; give one (--cluster is robust to heteroskedasticity too)', 'train');
  }
  if (values['cv'] !== undefined) {
    throw new UsageError('--summary does not combine with --cv: the search fits penalised models, which have no maximum-likelihood standard errors; for the summary fit one model with --penalty none', 'train');
  }
  if (cluster !== null && format === 'svmlight') throw new UsageError('--cluster does not apply to svmlight data: it has no named columns', 'train');
  return { covType: robust ?? (cluster !== null ? 'cluster' : 'nonrobust'), alpha, cluster };
}

/**
 * The estimator options for a `--summary` fit: {@link SUMMARY_SOLVER} when `--solver` is
 * not given and the penalty is one Newton minimises (l2 or none), {@link SUMMARY_TOL} when
 * `--tol` is not given. Other options are left as given.
 */
export function summaryModelOptions(options: LogisticRegressionOptions, values: Values): LogisticRegressionOptions {
  const penalty = options.penalty ?? 'l2';
  return {
    ...options,
    ...(values['solver'] === undefined && (penalty === 'l2' || penalty === 'none') ? { solver: SUMMARY_SOLVER } : {}),
    ...(values['tol'] === undefined ? { tol: SUMMARY_TOL } : {}),
  };
}

/** The cluster labels of every row of the file, and the feature columns left once the cluster column is not one. */
export interface ClusterColumn {
  /** One label per data row, in file order: a number when the cell reads as one (so `1` and `1.0` are one cluster), else its trimmed text. */
  labels: (number | string)[];
  /** The features to read: those given, or every column but the target and the cluster column (empty with `--text`). */
  featureList: string[];
}

/**
 * Reads the `--cluster` column of a table (read whole, before the features are; tables.ts
 * keeps it, so the features read the same table: a query runs once, a pipe is read once),
 * and the feature columns without it.
 * @param target the target column; `featureList` and `oneHot` the `--features` and
 * `--one-hot` columns as given; `text` the `--text` request or null.
 * @throws UsageError when the cluster
 * column is the target, the text column, or among `--features` or `--one-hot`; CliError
 * naming the column and listing the header when there is no such column, and naming the
 * row for a missing label.
 */
export async function readClusterColumn(
  source: TableSource,
  cluster: string,
  target: string,
  featureList: readonly string[],
  oneHot: readonly string[],
  text: TextRequest | null,
): Promise<ClusterColumn> {
  const { file } = source;
  const table = await readTable(source);
  const [index] = columnIndices(file, table, [cluster], 'cluster') as [number];
  if (cluster === target) throw new UsageError(`--cluster column ${quoted(cluster)} is the target; the clusters must be another column`, 'train');
  if (text !== null && cluster === text.column) throw new UsageError(`--cluster column ${quoted(cluster)} is the --text column; the clusters must be another column`, 'train');
  if (featureList.includes(cluster)) throw new UsageError(`--cluster column ${quoted(cluster)} is among --features; the cluster labels are not a feature`, 'train');
  if (oneHot.includes(cluster)) throw new UsageError(`--cluster column ${quoted(cluster)} is a --one-hot column; the cluster labels are not a feature`, 'train');
  const labels = table.rows.map((row, i) => {
    const cell = cellString(row[index] as Cell);
    if (isMissing(cell)) {
      throw new CliError(`${file}: row ${table.lines[i]}, ${describeColumn(table.header, index)}: ${quotedCell(cell)} is a missing cluster label; every row needs one with --cluster`);
    }
    const t = cell.trim();
    return cellNumber(t) ?? t;
  });
  const features = text !== null || featureList.length > 0 ? [...featureList] : table.header.filter((h) => h !== target && h !== cluster);
  return { labels, featureList: features };
}

/** A summary as the CLI prints it: the table and the JSON, its advice in the flags' terms. */
export interface SummaryOutput {
  text: string;
  json: SummaryJSON;
}

/** Why --one-hot columns make the information matrix singular, and what to do. */
export const ONE_HOT_SINGULAR =
  ' (--one-hot writes one indicator per category, and the indicators of a column add up to the intercept; for --summary, replace the column in the CSV by indicators of all its categories but one)';

/** The library's advice in a summary's notes, in the flags' terms. */
function summaryInFlagTerms(message: string): string {
  return message.replace(/a tighter tol \(e\.g\. solver 'newton', tol ([\d.e-]+)\)/, 'a tighter --tol (e.g. --solver newton --tol $1)');
}

/**
 * The summary of `model`, fitted on the training rows: the statsmodels table (`Dep.
 * Variable` the target's name) and its JSON.
 * @param featureNames the features' names in column order, or null for x1 … xd.
 * @param groups the cluster label of each training row (with `--cluster`), else null.
 * @param oneHot whether `--one-hot` columns are among the features (their indicators sum
 * to the intercept, which a singular information matrix then names: the refusal says why).
 * @throws CliError with the library's refusal in the flags' terms (a penalised model,
 * separated classes, collinear columns, HC2/HC3 with more than two classes, one cluster).
 */
export function summaryOutput(
  model: LogisticRegression,
  request: SummaryRequest,
  featureNames: readonly string[] | null,
  groups: (number | string)[] | null,
  dependent: string,
  oneHot = false,
): SummaryOutput {
  let json: SummaryJSON;
  try {
    json = model.summary({ alpha: request.alpha, covType: request.covType, groups, featureNames }).toJSON();
  } catch (error) {
    const message = inFlagTerms((error as Error).message, false)
      // The library's advice is code; the CLI's is flags.
      .replace(/for inference fit with penalty 'none' \(or C: Infinity\), e\.g\. .*$/, 'for the summary pass --penalty none (or --C inf)')
      .replace(/\bcovType '(HC\d)'/g, '--robust $1')
      .replace(/\buse 'HC0', 'HC1' or 'cluster'$/, 'use --robust HC0, --robust HC1 or --cluster COLUMN');
    // --one-hot writes an indicator for every category (scikit-learn's default), so they add up to the intercept's column.
    const why = oneHot && /information matrix is singular/.test(message) ? ONE_HOT_SINGULAR : '';
    throw new CliError(`--summary: ${message}${why}`);
  }
  json.warnings = json.warnings.map(summaryInFlagTerms);
  return { text: formatSummary(json, { dependent }), json };
}

/**
 * The names the summary gives the features: the CSV columns as the report names them
 * (one-hot columns expanded), a learnt vocabulary's terms (`--text` without `--hashing`),
 * svmlight indices as `x<index>` in the file's own base; null (x1 … xd) for hashed text.
 * @param json the report's `data` fields of the features (train-data.ts).
 * @param vectorizer the fitted `--text` vectorizer, or null.
 */
export function summaryFeatureNames(json: Record<string, unknown>, vectorizer: object | null, nFeatures: number): string[] | null {
  const features = json['features'];
  if (Array.isArray(features) && features.length === nFeatures) return features as string[];
  if (vectorizer !== null && 'getFeatureNamesOut' in vectorizer && typeof vectorizer.getFeatureNamesOut === 'function') {
    const names = (vectorizer.getFeatureNamesOut as () => string[])();
    return names.length === nFeatures ? names : null;
  }
  if (typeof json['zeroBased'] === 'boolean') {
    const base = json['zeroBased'] ? 0 : 1;
    return Array.from({ length: nFeatures }, (_, j) => `x${j + base}`);
  }
  return null;
}
