/**
 * The confusion matrix, as scikit-learn 1.2's `sklearn.metrics.confusion_matrix`.
 * @module
 */
import { checkOptionNames } from '../validate/options.js';
import { type Label, formatLabels, uniqueSorted } from '../validate/labels.js';
import { indexOfLabels, readLabelPair, readLabelsOption } from './labels.js';

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions<L extends Label = Label> {
  /**
   * The labels that index the matrix, in the order wanted (any order; no repeats). Use
   * it to reorder classes, to keep a class that does not occur, or to select a subset:
   * samples whose true or predicted label is not listed are left out. At least one of
   * them must occur in yTrue.
   * @default the sorted distinct labels of yTrue and yPred together
   */
  labels?: ArrayLike<L> | undefined;
  /**
   * One weight ≥ 0 per sample: each entry is then the sum of the weights of its samples
   * (added in sample order, as scikit-learn does) instead of their count.
   * @default every weight 1
   */
  sampleWeight?: ArrayLike<number> | undefined;
}

/** The result of {@link confusionMatrix}. */
export interface ConfusionMatrix<L extends Label = Label> {
  /** The labels indexing rows and columns, in order: `labels[k]` is row k and column k. */
  labels: L[];
  /**
   * K×K counts: `matrix[i][j]` is the number of samples whose true label is `labels[i]`
   * and whose predicted label is `labels[j]` (rows true, columns predicted).
   */
  matrix: number[][];
}

const WHERE = 'confusionMatrix';
const OPTION_NAMES = ['labels', 'sampleWeight'] as const;

/**
 * Counts of (true label, predicted label) pairs: rows are true labels, columns predicted
 * ones, both in the order of the returned `labels`. For two classes sorted as
 * `[negative, positive]`, `matrix` is `[[tn, fp], [fn, tp]]`.
 *
 * @param yTrue true labels, n ≥ 1 of them: integers, strings or booleans, one kind.
 * @param yPred predicted labels, n of them, of the same kind.
 * @param options see {@link ConfusionMatrixOptions}.
 * @returns `{ labels, matrix }`: the K labels used and the K×K matrix of counts (sums of
 * weights, with `sampleWeight`), whose entries sum to n (less any samples left out by
 * `options.labels`).
 * @throws TypeError for the wrong kind of argument or label, or mixed label kinds;
 * RangeError for an empty yTrue, different lengths, a non-integer numeric label, a
 * repeated label in `labels`, `labels` none of which occurs in yTrue, or a sample weight
 * that is negative, non-finite or of the wrong count.
 * @example
 * ```ts
 * confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]);
 * // { labels: [0, 1, 2], matrix: [[2, 0, 0], [0, 0, 1], [1, 0, 2]] }
 * const { matrix: [[tn, fp], [fn, tp]] } = confusionMatrix([0, 1, 0, 1], [1, 1, 1, 0]);
 * // tn 0, fp 2, fn 1, tp 1
 * confusionMatrix(['cat', 'ant', 'cat'], ['ant', 'ant', 'cat'], { labels: ['cat', 'ant', 'bird'] });
 * // { labels: ['cat', 'ant', 'bird'], matrix: [[1, 1, 0], [0, 1, 0], [0, 0, 0]] }
 * ```
 */
export function confusionMatrix<L extends Label>(
  yTrue: ArrayLike<L>,
  yPred: ArrayLike<L>,
  options: ConfusionMatrixOptions<L> = {},
): ConfusionMatrix<L> {
  checkOptionNames(WHERE, options, OPTION_NAMES);
  const { t, p, weights } = readLabelPair(WHERE, yTrue, yPred, options.sampleWeight);
  let labels: L[];
  if (options.labels !== undefined) {
    labels = readLabelsOption(WHERE, options.labels, t.kind, 'yTrue');
    const inTrue = new Set<Label>(t.values);
    if (!labels.some((label) => inTrue.has(label))) {
      throw new RangeError(`${WHERE}: none of labels (${formatLabels(labels)}) occurs in yTrue`);
    }
  } else {
    labels = uniqueSorted(t.values, p.values);
  }
  const index = indexOfLabels(labels);
  const K = labels.length;
  const matrix: number[][] = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let i = 0; i < t.values.length; i++) {
    const row = index.get(t.values[i] as L);
    const col = index.get(p.values[i] as L);
    if (row === undefined || col === undefined) continue;
    const counts = matrix[row] as number[];
    counts[col] = (counts[col] as number) + (weights === undefined ? 1 : (weights[i] as number));
  }
  return { labels, matrix };
}
