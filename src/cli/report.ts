/**
 * The CLI's report: metrics of a fitted model on labelled rows, as an object (for
 * `--json`) and as aligned text.
 * @module
 */
import {
  confusionMatrix,
  logLoss,
  precisionRecallF1,
  rocAuc,
  type Label,
  type LogisticRegression,
  type CsrMatrix,
  type Dtype,
  type Matrix,
} from '../index.js';
import { display } from './text.js';

/** Metrics of a model on one set of labelled rows. */
export interface Scores {
  rows: number;
  accuracy: number;
  logLoss: number;
  /** ROC AUC (one-vs-rest macro average for more than two classes); null when a class is absent. */
  rocAuc: number | null;
  /** Rows true labels, columns predicted, in `classes` order. */
  confusionMatrix: number[][];
  /** Per class, in `classes` order. */
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
}

/** Scores a fitted model on X (dense or sparse rows) and its true labels y. */
export function score(model: LogisticRegression, X: Matrix | CsrMatrix<Dtype>, y: readonly Label[]): Scores {
  return scoreProba(model.classes, y, model.predictProba(X));
}

/**
 * Scores predicted probabilities (n×K, columns in `classes` order) against true labels;
 * the predicted label is the most probable class (the first on a tie).
 */
export function scoreProba(classes: readonly Label[], y: readonly Label[], proba: Matrix): Scores {
  const K = classes.length;
  const predicted = y.map((_, i) => {
    let best = 0;
    for (let k = 1; k < K; k++) if ((proba.data[i * K + k] as number) > (proba.data[i * K + best] as number)) best = k;
    return classes[best] as Label;
  });
  let correct = 0;
  for (let i = 0; i < y.length; i++) if (predicted[i] === y[i]) correct++;
  let auc: number | null = null;
  try {
    if (classes.length === 2) {
      const positive = new Float64Array(proba.rows);
      for (let i = 0; i < proba.rows; i++) positive[i] = proba.data[i * 2 + 1] as number;
      auc = rocAuc(y, positive, { labels: classes });
    } else {
      auc = rocAuc(y, proba, { multiClass: 'ovr', labels: classes });
    }
  } catch {
    auc = null; // a class absent from y: the AUC is undefined
  }
  const prf = precisionRecallF1(y, predicted, { average: null, labels: classes, zeroDivision: 0 });
  return {
    rows: y.length,
    accuracy: correct / y.length,
    logLoss: logLoss(y, proba, { labels: classes }),
    rocAuc: auc,
    confusionMatrix: confusionMatrix(y, predicted, { labels: classes }).matrix,
    precision: prf.precision,
    recall: prf.recall,
    f1: prf.f1,
    support: prf.support,
  };
}

/** Counts of each class among labels, in `classes` order. */
export function classCounts(classes: readonly Label[], y: readonly Label[]): number[] {
  const position = new Map<Label, number>(classes.map((c, k) => [c, k]));
  const counts = classes.map(() => 0);
  for (const label of y) {
    const k = position.get(label);
    if (k !== undefined) counts[k] = (counts[k] as number) + 1;
  }
  return counts;
}

const fmt = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(4));

/**
 * Rows of cells as aligned text: the first `alignLeft` columns padded right, the others left.
 * @example
 * ```ts
 * table([['C', 'score'], ['0.01', '0.5']]); // 'C     score\n0.01    0.5'
 * ```
 */
export function table(rows: readonly string[][], alignLeft = 1): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, j) => (widths[j] = Math.max(widths[j] ?? 0, cell.length)));
  return rows
    .map((row) => row.map((cell, j) => (j < alignLeft ? cell.padEnd(widths[j] as number) : cell.padStart(widths[j] as number))).join('  ').trimEnd())
    .join('\n');
}

/** Formats the metrics of one or more sets (e.g. train and test) side by side, then the details of the last one. */
export function formatScores(classes: readonly Label[], sets: ReadonlyArray<[string, Scores]>): string {
  const names = classes.map((c) => display(String(c)));
  const head = ['', ...sets.map(([name, s]) => `${name} (${s.rows})`)];
  const out = [
    table([
      head,
      ['accuracy', ...sets.map(([, s]) => fmt(s.accuracy))],
      ['log-loss', ...sets.map(([, s]) => fmt(s.logLoss))],
      [classes.length === 2 ? 'ROC AUC' : 'ROC AUC (ovr)', ...sets.map(([, s]) => fmt(s.rocAuc))],
    ]),
  ];
  const last = sets[sets.length - 1];
  if (last !== undefined) {
    const [name, s] = last;
    out.push('', `Confusion matrix (${name}; rows true, columns predicted):`);
    out.push(table([['', ...names], ...names.map((c, k) => [c, ...(s.confusionMatrix[k] as number[]).map(String)])]));
    out.push('', `Per class (${name}):`);
    out.push(
      table([
        ['', 'precision', 'recall', 'f1', 'support'],
        ...names.map((c, k) => [c, fmt(s.precision[k] as number), fmt(s.recall[k] as number), fmt(s.f1[k] as number), String(s.support[k])]),
      ]),
    );
  }
  return out.join('\n');
}

/** The classes with their counts, for a report's line: `benign 357, malignant 212`. */
export function countsLine(classes: readonly Label[], counts: readonly number[]): string {
  return classes.map((c, k) => `${display(String(c))} ${counts[k]}`).join(', ');
}
