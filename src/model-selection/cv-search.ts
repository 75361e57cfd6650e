/**
 * The search LogisticRegressionCV runs, as scikit-learn 1.2.1's `LogisticRegressionCV.fit`
 * defines it: for every fold, every problem (one binary problem per class for one-vs-rest
 * and for two classes, one softmax problem otherwise) and every l1 ratio, a warm-started
 * path over the grid of C, each point scored on the fold's held-out rows; then the best
 * grid point per problem and the final parameters (a refit on all rows, or the mean of the
 * folds' best parameters).
 *
 * Scoring follows scikit-learn exactly: a binary problem is scored as a model with classes
 * [−1, 1] on held-out labels ±1 (1 for the problem's class), a softmax problem as a model
 * with classes 0…K−1 on the held-out class indices; the scorer gets no sample weights.
 * @module
 */
import { type FeatureMatrix, release, stageAs, type StagedMatrix } from '../core/stage.js';
import type { FitInput } from '../estimator/fit-input.js';
import { LogisticRegression } from '../estimator/logistic-regression.js';
import type { ModelMode } from '../estimator/model-json.js';
import type { EstimatorOptions } from '../estimator/options.js';
import type { EncodedLabels, Label } from '../validate/labels.js';
import { formatLabel } from '../validate/labels.js';
import type { Fold } from './fold.js';
import { inFold, takeFeatureRows } from './fold-data.js';
import { fitPath, startFrom } from './path.js';
import type { ScoringFunction, WarningHandler } from './scoring.js';

/** One problem of the search: its labels (encoded for training) and how it is scored. */
export interface SearchProblem {
  /** Training labels: for a binary problem classes [−1, 1] with indices 0/1, else the classes 0…K−1. */
  readonly labels: EncodedLabels;
  /** 'binary' for a problem of one class against the rest, else the model's softmax mode. */
  readonly mode: ModelMode;
}

/** What the search found for one problem. */
export interface ProblemResult {
  /** scores[fold][l1 index][C index]. */
  readonly scores: Float64Array[][];
  /** params[fold][l1 index][C index]: blocks × (d + 1) values. */
  readonly params: Float64Array[][][];
  /** nIter[fold][l1 index][C index]. */
  readonly nIter: Int32Array[][];
  /** The chosen C (without refit, the mean over folds of each fold's best). */
  readonly C: number;
  /** The chosen l1 ratio, null without elastic-net (a mean over folds without refit). */
  readonly l1Ratio: number | null;
  /** The final parameters: blocks × (d + 1). */
  readonly final: Float64Array;
}

/** Everything the search needs. */
export interface SearchRequest {
  /** The checked X, all rows (folds are cut from it). */
  readonly X: FeatureMatrix;
  /** Class index of every row (into the model's classes). */
  readonly classIndex: Int32Array;
  /** The sorted labels of y. */
  readonly classes: readonly Label[];
  /** Per-row weights (sample × class weights), or null for ones. */
  readonly weights: Float64Array | null;
  /** The model's mode: 'binary', 'multinomial' or 'ovr'. */
  readonly mode: ModelMode;
  /** The checked folds. */
  readonly folds: readonly Fold[];
  /** The grid of C, in the order each path visits it. */
  readonly Cs: Float64Array;
  /** [null] without elastic-net. */
  readonly l1Ratios: readonly (number | null)[];
  /** Scores a point on held-out rows (greater is better). */
  readonly scorer: ScoringFunction;
  /** Refit on all rows at the best point, or average the folds' best points. */
  readonly refit: boolean;
  /** The estimator options every fit uses (C and l1Ratio are set per point). */
  readonly options: EstimatorOptions;
}

/** The problems of a model: one binary problem per class (the positive class of two), or one softmax. */
export function searchProblems(mode: ModelMode, classes: number): { positive: number | null }[] {
  if (mode === 'multinomial') return [{ positive: null }];
  if (mode === 'binary') return [{ positive: 1 }];
  return Array.from({ length: classes }, (_, k) => ({ positive: k }));
}

/** Runs the search; results per problem, in {@link searchProblems} order. */
export function runSearch(request: SearchRequest): ProblemResult[] {
  const { folds, Cs, l1Ratios, options, classes } = request;
  const problems = searchProblems(request.mode, classes.length);
  const K = classes.length;
  const scores = problems.map(() => folds.map(() => l1Ratios.map(() => new Float64Array(Cs.length))));
  const params = problems.map(() => folds.map(() => l1Ratios.map(() => [] as Float64Array[])));
  const nIter = problems.map(() => folds.map(() => l1Ratios.map(() => new Int32Array(Cs.length))));
  folds.forEach((fold, f) => inFold('LogisticRegressionCV.fit', f, folds.length, () => {
    const trainIndex = fold.trainIndex;
    const trainClasses = Int32Array.from(trainIndex, (i) => request.classIndex[i] as number);
    checkFoldClasses(trainClasses, classes);
    const trainRows = takeFeatureRows(request.X, trainIndex);
    const testRows = takeFeatureRows(request.X, fold.testIndex);
    let staged: StagedMatrix | undefined;
    try {
      staged = stageAs(options.dtype, trainRows.X, 'X');
      const trainWeights = request.weights === null ? null : Float64Array.from(trainIndex, (i) => request.weights![i] as number);
      const testClasses = Int32Array.from(fold.testIndex, (i) => request.classIndex[i] as number);
      problems.forEach(({ positive }, p) => {
        const input: FitInput = { X: staged!, labels: problemLabels(trainClasses, positive, K), sampleWeight: trainWeights, mode: problemMode(request.mode, positive) };
        const yTest = positive === null ? testClasses : Int32Array.from(testClasses, (c) => (c === positive ? 1 : -1));
        l1Ratios.forEach((l1Ratio, l) => {
          const blocks = input.mode === 'multinomial' ? K : 1;
          const points = fitPath(input, { ...options, l1Ratio, classWeight: null }, Cs, new Float64Array(blocks * (staged!.cols + 1)));
          points.forEach((point, c) => {
            params[p]![f]![l]!.push(point.params);
            nIter[p]![f]![l]![c] = point.nIterPerProblem[0] as number;
            scores[p]![f]![l]![c] = scoreOrExplain(classes, positive, () =>
              scorePoint(request.scorer, point.params, positive === null ? K : null, staged!.cols, testRows.X, yTest, options.onWarning),
            );
          });
        });
      });
    } finally {
      release(staged);
      trainRows.dispose();
      testRows.dispose();
    }
  }));
  // All rows are staged once for every problem's refit.
  const all = request.refit ? stageAs(options.dtype, request.X, 'X') : undefined;
  try {
    return problems.map(({ positive }, p) => choose(request, positive, scores[p]!, params[p]!, nIter[p]!, all));
  } finally {
    release(all);
  }
}

/** The labels of one problem: 0/1 for "is the positive class" (classes [−1, 1]), or the class indices. */
function problemLabels(classIndex: Int32Array, positive: number | null, K: number): EncodedLabels {
  if (positive === null) {
    const counts = new Int32Array(K);
    for (const c of classIndex) counts[c]! += 1;
    return { classes: Array.from({ length: K }, (_, k) => k), indices: classIndex, counts };
  }
  const indices = Int32Array.from(classIndex, (c) => (c === positive ? 1 : 0));
  const positives = indices.reduce((sum, v) => sum + v, 0);
  return { classes: [-1, 1], indices, counts: Int32Array.from([indices.length - positives, positives]) };
}

function problemMode(mode: ModelMode, positive: number | null): ModelMode {
  return positive === null ? mode : 'binary';
}

/** Every class must be among a fold's training rows: scikit-learn's search assumes it, and a path without a class has no row for it. */
function checkFoldClasses(trainClasses: Int32Array, classes: readonly Label[]): void {
  const seen = new Uint8Array(classes.length);
  for (const c of trainClasses) seen[c] = 1;
  const missing = classes.filter((_, k) => seen[k] === 0);
  if (missing.length > 0) {
    throw new RangeError(
      `the training rows have no sample of class ${missing.map(formatLabel).join(', ')}; every class must be in every training fold (use stratified folds, or fewer folds)`,
    );
  }
}

/**
 * The score of one point of a path on the held-out rows, as scikit-learn scores it (see
 * the module comment): `softmaxClasses` K for a softmax problem, null for a binary one.
 */
function scorePoint(
  scorer: ScoringFunction,
  params: Float64Array,
  softmaxClasses: number | null,
  cols: number,
  X: FeatureMatrix,
  y: Int32Array,
  onWarning: WarningHandler,
): number {
  const stride = cols + 1;
  const blocks = params.length / stride;
  const coef = Array.from({ length: blocks }, (_, k) => Array.from(params.subarray(k * stride, k * stride + cols)));
  const intercept = Array.from({ length: blocks }, (_, k) => params[k * stride + cols] as number);
  const model =
    softmaxClasses === null
      ? LogisticRegression.fromSklearn({ coef, intercept, classes: [-1, 1] })
      : LogisticRegression.fromSklearn({ coef, intercept, classes: Array.from({ length: softmaxClasses }, (_, k) => k), multiClass: 'multinomial' });
  try {
    return scorer(model, X, y, null, onWarning);
  } finally {
    model.dispose();
  }
}

/**
 * Runs a scorer on a path point; its error, which can only name the encoded labels it
 * saw, says what they stand for (keeping its class).
 */
function scoreOrExplain(classes: readonly Label[], positive: number | null, score: () => number): number {
  try {
    return score();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const legend =
      positive === null
        ? classes.map((label, k) => `${k} = ${formatLabel(label)}`).join(', ')
        : `1 = ${formatLabel(classes[positive] as Label)}, −1 = the other classes`;
    const Kind = error.constructor as new (message: string, options?: { cause?: unknown }) => Error;
    throw new Kind(`scoring the held-out rows, whose labels are encoded as scikit-learn encodes them (${legend}): ${error.message}`, { cause: error });
  }
}

/** The best grid point of a problem and its final parameters. */
function choose(
  request: SearchRequest,
  positive: number | null,
  scores: Float64Array[][],
  params: Float64Array[][][],
  nIter: Int32Array[][],
  all: StagedMatrix | undefined,
): ProblemResult {
  const { Cs, l1Ratios, folds } = request;
  const nC = Cs.length;
  const flat = (f: number, index: number): number => scores[f]![Math.floor(index / nC)]![index % nC] as number;
  const points = nC * l1Ratios.length;
  if (request.refit) {
    // The first grid point (l1-ratio-major, C-minor, as scikit-learn flattens) with the highest score summed over folds.
    let best = 0;
    let bestSum = -Infinity;
    for (let index = 0; index < points; index++) {
      let sum = 0;
      for (let f = 0; f < folds.length; f++) sum += flat(f, index);
      if (index === 0 || sum > bestSum) {
        best = index;
        bestSum = sum;
      }
    }
    const C = Cs[best % nC] as number;
    const l1Ratio = l1Ratios[Math.floor(best / nC)] ?? null;
    const start = meanOf(folds.map((_, f) => params[f]![Math.floor(best / nC)]![best % nC]!));
    const final = refit(request, all!, positive, C, l1Ratio, start);
    return { scores, params, nIter, C, l1Ratio, final };
  }
  // Without refit: each fold's best point, and the means of their parameters, C and l1 ratio.
  const bests = folds.map((_, f) => {
    let best = 0;
    for (let index = 1; index < points; index++) if (flat(f, index) > flat(f, best)) best = index;
    return best;
  });
  const final = meanOf(bests.map((best, f) => params[f]![Math.floor(best / nC)]![best % nC]!));
  const C = bests.reduce((sum, best) => sum + (Cs[best % nC] as number), 0) / folds.length;
  const l1Ratio = l1Ratios[0] === null ? null : bests.reduce((sum, best) => sum + (l1Ratios[Math.floor(best / nC)] as number), 0) / folds.length;
  return { scores, params, nIter, C, l1Ratio, final };
}

/** The elementwise mean of equal-length vectors, summed in order (numpy's mean over a short axis). */
function meanOf(vectors: Float64Array[]): Float64Array {
  const out = new Float64Array((vectors[0] as Float64Array).length);
  for (const v of vectors) for (let j = 0; j < out.length; j++) out[j]! += v[j] as number;
  for (let j = 0; j < out.length; j++) out[j]! /= vectors.length;
  return out;
}

/** The fit on all rows (`all`, staged) at the chosen point, starting from the folds' mean parameters. */
function refit(request: SearchRequest, all: StagedMatrix, positive: number | null, C: number, l1Ratio: number | null, start: Float64Array): Float64Array {
  const K = request.classes.length;
  const input: FitInput = { X: all, labels: problemLabels(request.classIndex, positive, K), sampleWeight: request.weights, mode: problemMode(request.mode, positive) };
  const from = startFrom(start, input.mode, input.labels.classes.length, all.cols);
  const [point] = fitPath(input, { ...request.options, l1Ratio, classWeight: null }, Float64Array.of(C), from);
  return (point as { params: Float64Array }).params;
}
