/**
 * The CLI's reports of cross-validation: the path of `train --cv` (the score of each C
 * over the folds and the chosen C) and the fold scores of `cv`, as objects (for `--json`
 * and the model file) and as aligned text. Spread over folds is the standard deviation
 * with ddof 1 (the sample standard deviation), and the standard error of a mean of k fold
 * scores is that over √k, as glmnet's `cvsd` is.
 * @module
 */
import type { Label, LogisticRegressionCV, ScoringName } from '../index.js';
import { display } from './text.js';
import { table } from './report.js';

/** The delta degrees of freedom of every standard deviation over folds reported here. */
export const DDOF = 1;

/** Mean, standard deviation (ddof {@link DDOF}) and standard error of the mean of fold scores. */
export interface FoldStats {
  mean: number;
  std: number;
  standardError: number;
}

/**
 * The mean of k ≥ 2 fold scores, their standard deviation with ddof 1 and the standard
 * error of the mean, std / √k.
 * @example
 * ```ts
 * foldStats([0.9, 1, 0.95]); // { mean: 0.95, std: 0.05, standardError: 0.0289 }
 * ```
 */
export function foldStats(scores: readonly number[]): FoldStats {
  const k = scores.length;
  let sum = 0;
  for (const s of scores) sum += s;
  const mean = sum / k;
  let squares = 0;
  for (const s of scores) squares += (s - mean) ** 2;
  const std = Math.sqrt(squares / (k - DDOF));
  return { mean, std, standardError: std / Math.sqrt(k) };
}

/** One problem's path: the held-out scores of each grid point, and the chosen point. */
export interface PathProblem {
  /** The class of a one-vs-rest problem, the positive class of a binary model, null for a softmax model (one problem for every class). */
  class: Label | null;
  /** The chosen C (and l1 ratio, null without elastic-net). */
  C: number;
  l1Ratio: number | null;
  /** Per grid point (C, or C then l1 ratio with elastic-net, in grid order): the fold scores and their statistics. */
  points: Array<{ C: number; l1Ratio: number | null; scores: number[] } & FoldStats>;
}

/** The path of `train --cv`, as the JSON report and the model file hold it. */
export interface PathReport {
  /** Folds (stratified, unshuffled) and the rows they were cut from. */
  folds: number;
  rows: number;
  scoring: ScoringName;
  /** ddof of `std`; `standardError` is std / √folds. */
  ddof: number;
  Cs: number[];
  l1Ratios: number[] | null;
  problems: PathProblem[];
}

/**
 * The path of a fitted search: one problem for a binary or softmax model, one per class
 * for one-vs-rest (`mode`, as its model's parameters say).
 * @param rows the rows the folds were cut from; `folds` and `scoring` as the search was given them.
 * @example
 * ```ts
 * const search = new LogisticRegressionCV({ Cs: 5, cv: 5 }).fit(X, y);
 * pathReport(search, 'binary', X.length, 5, 'accuracy').problems[0].points[2];
 * // { C: 1, l1Ratio: null, scores: [5 fold scores], mean, std, standardError }
 * ```
 */
export function pathReport(search: LogisticRegressionCV, mode: 'binary' | 'multinomial' | 'ovr', rows: number, folds: number, scoring: ScoringName): PathReport {
  const Cs = Array.from(search.Cs);
  const l1Ratios = search.l1Ratios === null ? null : Array.from(search.l1Ratios);
  const chosenC = search.C;
  const chosenRatio = search.l1Ratio;
  const entries = [...search.scores.entries()];
  // A softmax model's grid is the same under every class: reported once.
  const kept = mode === 'multinomial' ? entries.slice(0, 1) : entries;
  const problems = kept.map(([label, grid], p): PathProblem => {
    const points: PathProblem['points'] = [];
    Cs.forEach((C, c) => {
      for (let r = 0; r < (l1Ratios?.length ?? 1); r++) {
        const scores = grid.map((fold) => (l1Ratios === null ? (fold[c] as number) : ((fold[c] as number[])[r] as number)));
        points.push({ C, l1Ratio: l1Ratios === null ? null : (l1Ratios[r] as number), scores, ...foldStats(scores) });
      }
    });
    return { class: mode === 'multinomial' ? null : label, C: chosenC[p] as number, l1Ratio: chosenRatio === null ? null : (chosenRatio[p] as number), points };
  });
  return { folds, rows, scoring, ddof: DDOF, Cs, l1Ratios, problems };
}

/**
 * A C for a table: 4 significant digits, no trailing zeros.
 * @example
 * ```ts
 * shortNumber(0.000774263682681127); // '0.0007743'
 * shortNumber(10000);                // '10000'
 * ```
 */
export function shortNumber(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** A mean ± standard error, to 4 decimals. */
function meanCell({ mean, standardError }: FoldStats): string {
  return `${mean.toFixed(4)} ± ${standardError.toFixed(4)}`;
}

/**
 * The path as text: one row per grid point, one column per problem holding the mean
 * score ± its standard error, `*` after the chosen point; then what the columns mean.
 * @example
 * ```ts
 * formatPath(pathReport(search, 'binary', 48, 5, 'accuracy'));
 * // C       accuracy
 * // 0.0001  0.6267 ± 0.0163
 * // 1       0.9156 ± 0.0411 *
 * // …
 * ```
 */
export function formatPath(report: PathReport): string {
  const elastic = report.l1Ratios !== null;
  const head = ['C', ...(elastic ? ['l1 ratio'] : []), ...report.problems.map((p) => columnName(report, p))];
  const rows = (report.problems[0] as PathProblem).points.map((point, i) => [
    shortNumber(point.C),
    ...(elastic ? [shortNumber(point.l1Ratio as number)] : []),
    ...report.problems.map((p) => {
      const q = p.points[i] as PathProblem['points'][number];
      const chosen = q.C === p.C && q.l1Ratio === p.l1Ratio;
      return `${meanCell(q)}${chosen ? ' *' : '  '}`;
    }),
  ]);
  const k = report.folds;
  return [
    table([head, ...rows], head.length),
    `(mean ${report.scoring} over the ${k} folds ± its standard error: the standard deviation over folds, ddof ${report.ddof}, / √${k};`,
    ` * the chosen ${elastic ? 'C and l1 ratio' : 'C'}: the best mean, the first on a tie)`,
  ].join('\n');
}

/** A problem's column: the scoring for one problem, the class for one-vs-rest. */
function columnName(report: PathReport, problem: PathProblem): string {
  return report.problems.length === 1 ? report.scoring : `class ${display(String(problem.class))}`;
}

/**
 * The chosen C (and l1 ratio) in full precision, for the report's fit line.
 * @example
 * ```ts
 * chosenWords(binaryPath); // 'C 0.3593813663804626'
 * chosenWords(ovrPath);    // 'a: C 21.54434690031882; b: C 0.0001; c: C 21.54434690031882'
 * ```
 */
export function chosenWords(report: PathReport): string {
  const one = (p: PathProblem) => `C ${p.C}${p.l1Ratio === null ? '' : `, l1 ratio ${p.l1Ratio}`}`;
  if (report.problems.length === 1) return one(report.problems[0] as PathProblem);
  return report.problems.map((p) => `${display(String(p.class))}: ${one(p)}`).join('; ');
}

/** The fold scores of `cv`, as its JSON report holds them. */
export interface CvScoresReport {
  /** Folds (stratified, unshuffled). */
  folds: Array<{ fold: number; train: number; test: number; features: number; score: number; fitSeconds: number }>;
  scoring: ScoringName;
  /** ddof of `std`; `standardError` is std / √folds. */
  ddof: number;
  mean: number;
  std: number;
  standardError: number;
}

/**
 * The fold scores as text: one row per fold (counted from 1), then their mean, std and standard error.
 * @example
 * ```ts
 * formatCvScores(report);
 * // fold  train  test  features  accuracy
 * // 1        48    12         2    0.9167
 * // …
 * //
 * // accuracy: mean 0.8833, std 0.0456 (over folds, ddof 1), standard error 0.0204 (std / √5)
 * ```
 */
export function formatCvScores(report: CvScoresReport): string {
  const k = report.folds.length;
  return [
    table([
      ['fold', 'train', 'test', 'features', report.scoring],
      ...report.folds.map((f) => [String(f.fold), String(f.train), String(f.test), String(f.features), f.score.toFixed(4)]),
    ]),
    '',
    `${report.scoring}: mean ${report.mean.toFixed(4)}, std ${report.std.toFixed(4)} (over folds, ddof ${report.ddof}), standard error ${report.standardError.toFixed(4)} (std / √${k})`,
  ].join('\n');
}

/**
 * Messages with repeats counted, in order of first appearance: a search or the folds of
 * `cv` warn alike for many fits.
 * @example
 * ```ts
 * counted(['a', 'b', 'a']); // ['a (2 times)', 'b']
 * ```
 */
export function counted(messages: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts].map(([m, n]) => (n === 1 ? m : `${m} (${n} times)`));
}
