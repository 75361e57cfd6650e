/**
 * From a fitted model and X to decision values, probabilities, log-probabilities and
 * labels. The passes over X (x·w + b, the sigmoid, the softmax) run in the core over the
 * fitted parameters where they live (src/core/predict.ts); the per-row work that must stay finite where the
 * probabilities underflow (one-vs-rest normalisation, log-probabilities) runs here, in
 * log space.
 * @module
 */
import { type Link, linearScores } from '../core/predict.js';
import { type FeatureMatrix, release, stageMatrix, type StagedMatrix } from '../core/stage.js';
import { Matrix } from '../matrix.js';
import type { Label } from '../validate/labels.js';
import type { FittedState } from './fitted.js';

/** Decision values or probabilities of every row of X. */
export interface Scores {
  /**
   * Row-major: one value per row for a model with one block (binary, or a two-class
   * softmax's decision values), else one per row and class. Probabilities of a binary
   * model are P(classes[1]); those of a two-class softmax, both columns.
   */
  readonly values: Float64Array;
  readonly rows: number;
}

/**
 * Decision values (`probability` false) or probabilities of every row of X under `fitted`.
 * @param what the public method, for messages.
 * @throws RangeError when X has the wrong number of columns, is empty or non-finite, or
 * a row's decision value overflows; TypeError for the wrong kind of X.
 */
export function scores(fitted: FittedState, X: FeatureMatrix, what: string, probability: boolean): Scores {
  const { nFeatures, blocks, mode } = fitted;
  let staged: StagedMatrix | undefined;
  try {
    staged = stageMatrix(X, 'X');
    if (staged.cols !== nFeatures) {
      throw new RangeError(`${what}: X has ${staged.cols} columns; the model was fit with ${nFeatures}`);
    }
    const rows = staged.rows;
    // A two-class softmax model has one row θ; its probabilities are softmax(−x·θ, x·θ).
    const link: Link = !probability || mode === 'ovr' ? 'none' : mode === 'binary' ? 'sigmoid' : blocks === 1 ? 'softmaxOfPairs' : 'softmax';
    const values = linearScores(staged, fitted.params, blocks, link);
    const bad = values.findIndex((v) => Number.isNaN(v));
    if (bad >= 0) {
      const width = link === 'softmaxOfPairs' ? 2 : blocks;
      throw new RangeError(
        `${what}: X row ${Math.floor(bad / width)} gives a decision value that overflows float64 (x·w is ±Infinity or undefined); scale the features`,
      );
    }
    if (probability && mode === 'ovr') oneVsRestProba(values, rows, blocks);
    return { values, rows };
  } finally {
    release(staged);
  }
}

/** Probabilities (from {@link scores}) as an n×K matrix in `classes` order. */
export function probabilityMatrix(fitted: FittedState, { values, rows }: Scores): Matrix {
  if (fitted.mode !== 'binary') return Matrix.from(values, rows, fitted.classes.length);
  const out = new Float64Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    const p = values[i] as number;
    out[2 * i] = 1 - p;
    out[2 * i + 1] = p;
  }
  return Matrix.from(out, rows, 2);
}

/**
 * Log-probabilities, n×K, from decision values (not from probabilities: log σ(z) stays
 * finite where σ(z) underflows).
 */
export function logProbabilityMatrix(fitted: FittedState, { values, rows }: Scores): Matrix {
  const K = fitted.classes.length;
  const out = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) {
    if (fitted.mode === 'binary') {
      const z = values[i] as number;
      out[2 * i] = logSigmoid(-z);
      out[2 * i + 1] = logSigmoid(z);
      continue;
    }
    // A two-class multinomial model has one decision value d per row: terms (−d, d).
    const row = fitted.blocks === 1 ? Float64Array.of(-(values[i] as number), values[i] as number) : values.subarray(i * K, (i + 1) * K);
    const terms = fitted.mode === 'multinomial' ? row : row.map(logSigmoid);
    const total = logSumExp(terms);
    for (let k = 0; k < K; k++) out[i * K + k] = (terms[k] as number) - total;
  }
  return Matrix.from(out, rows, K);
}

/**
 * The label of largest probability per row (from {@link scores}' probabilities), so that
 * predict is exactly argmax predictProba: for a binary model classes[1] where
 * P(classes[1]) > 0.5; the first class on exact ties. (One-vs-rest probabilities are
 * computed in log space and never all underflow.)
 */
export function mostProbableLabels(fitted: FittedState, { values, rows }: Scores): Label[] {
  const { classes } = fitted;
  if (fitted.mode === 'binary') {
    return Array.from(values, (p) => (p > 0.5 ? classes[1] : classes[0]) as Label);
  }
  const K = classes.length;
  const out: Label[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if ((values[i * K + k] as number) > (values[i * K + best] as number)) best = k;
    out[i] = classes[best] as Label;
  }
  return out;
}

/**
 * One-vs-rest probabilities from decision values, in place: each row's sigmoids divided
 * by their sum, as scikit-learn defines them, computed as exp(log σ(z_k) − log Σ σ(z_j))
 * so that rows whose sigmoids all underflow still get finite probabilities.
 */
function oneVsRestProba(values: Float64Array, rows: number, blocks: number): void {
  for (let i = 0; i < rows; i++) {
    const row = values.subarray(i * blocks, (i + 1) * blocks);
    const logs = row.map(logSigmoid);
    const total = logSumExp(logs);
    for (let k = 0; k < blocks; k++) row[k] = Math.exp((logs[k] as number) - total);
  }
}

/** log σ(z) = −log(1 + e^(−z)), finite for every finite z. */
function logSigmoid(z: number): number {
  return -(Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z))));
}

/** log Σ e^(tₖ), without overflow. */
function logSumExp(terms: ArrayLike<number>): number {
  let largest = -Infinity;
  for (let k = 0; k < terms.length; k++) largest = Math.max(largest, terms[k] as number);
  if (!Number.isFinite(largest)) return largest;
  let total = 0;
  for (let k = 0; k < terms.length; k++) total += Math.exp((terms[k] as number) - largest);
  return largest + Math.log(total);
}
