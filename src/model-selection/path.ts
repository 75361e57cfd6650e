/**
 * The regularisation path: one model per C of a grid, each fit starting from the
 * previous one's solution (a warm start), which makes the whole path cost a few cold fits.
 * {@link logisticRegressionPath} is the public function; {@link fitPath} is the loop that
 * LogisticRegressionCV runs on every fold.
 * @module
 */
import { checkRandomState, type RandomState } from '../datasets/random-state.js';
import type { FeatureMatrix } from '../core/stage.js';
import { release } from '../core/stage.js';
import { type FitInput, readFitInput } from '../estimator/fit-input.js';
import type { ModelMode } from '../estimator/model-json.js';
import { type EstimatorOptions, type LogisticRegressionOptions, OPTION_NAMES, resolveOptions } from '../estimator/options.js';
import { train } from '../estimator/train.js';
import { Matrix } from '../matrix.js';
import type { Label } from '../validate/labels.js';
import { checkOptionNames } from '../validate/options.js';
import { readCs } from './cs.js';

/** Options of {@link logisticRegressionPath}: the estimator's, with a grid `Cs` in place of `C`. */
export interface LogisticRegressionPathOptions extends Omit<LogisticRegressionOptions, 'C' | 'warmStart'> {
  /**
   * The grid of C: a count n gives n values log-spaced from 10⁻⁴ to 10⁴ (numpy's
   * `logspace(-4, 4, n)`, as scikit-learn's `Cs`), smallest first; an array of finite
   * values > 0 is fitted in the order given (warm starts help most from the smallest C,
   * the strongest penalty, upwards).
   * @default 10
   */
  Cs?: number | ArrayLike<number>;
  /**
   * Weight per sample, finite and ≥ 0, not all zero; multiplies the class weight.
   * @default null (all ones)
   */
  sampleWeight?: ArrayLike<number> | null;
}

/** What {@link logisticRegressionPath} returns; `L` is the label type. */
export interface LogisticRegressionPath<L extends Label = Label> {
  /** The grid, in the order fitted. */
  readonly Cs: Float64Array;
  /** The sorted labels of y. */
  readonly classes: L[];
  /**
   * Per C, the parameters as a blocks × (d + 1) Matrix: each row holds the weights and
   * then the intercept (0 without `fitIntercept`), with the rows `LogisticRegression`'s
   * `coef` and `intercept` have (one row for a binary model, one per class otherwise).
   */
  readonly coefs: Matrix[];
  /** Per C, the solver's iterations (for one-vs-rest, the most over the classes). */
  readonly nIter: Int32Array;
}

/** One fitted point of a path: blocks × (d + 1) parameters and iterations per problem. */
export interface PathPoint {
  /** blocks × (d + 1) parameters: per block the weights, then the intercept. */
  readonly params: Float64Array;
  /** The solver's iterations for each problem (one per class for one-vs-rest). */
  readonly nIterPerProblem: readonly number[];
  /** Whether every problem met tol. */
  readonly converged: boolean;
}

/**
 * Fits `input` at each C of `Cs` in turn (with `l1Ratio` for elastic-net), each fit
 * starting where the previous one ended; the first starts from `start` (blocks × (d + 1)
 * values, zeros for a cold start).
 */
export function fitPath(input: FitInput, options: EstimatorOptions, Cs: Float64Array, start: Float64Array): PathPoint[] {
  let random: RandomState | null = null;
  const points: PathPoint[] = [];
  let from = start;
  for (const C of Cs) {
    const trained = train({
      ...input,
      options: { ...options, C },
      start: from,
      maxIter: options.maxIter,
      warnUnconverged: true,
      random: () => (random ??= checkRandomState(options.randomState)),
    });
    points.push({ params: trained.params, nIterPerProblem: trained.nIterPerProblem, converged: trained.converged });
    from = startFrom(trained.params, input.mode, input.labels.classes.length, input.X.cols);
  }
  return points;
}

/**
 * The start of a fit from stored parameters: as they are, except that a two-class
 * softmax, stored as one row θ, trains as its two rows (−θ, θ).
 */
export function startFrom(params: Float64Array, mode: ModelMode, classes: number, cols: number): Float64Array {
  if (!(mode === 'multinomial' && classes === 2 && params.length === cols + 1)) return params;
  const start = new Float64Array(2 * (cols + 1));
  start.set(params.map((v) => -v));
  start.set(params, cols + 1);
  return start;
}

/** The option names {@link logisticRegressionPath} accepts. */
const PATH_OPTION_NAMES: readonly string[] = ['Cs', 'sampleWeight', ...OPTION_NAMES.filter((name) => name !== 'C' && name !== 'warmStart')];

/**
 * Fits logistic regression at every C of a grid, warm-starting each fit from the previous
 * solution: scikit-learn's `_logistic_regression_path` (what LogisticRegressionCV runs on
 * each fold), with every option of {@link LogisticRegression} but `C` and `warmStart`.
 *
 * Shapes: X is n×d (dense or a CsrMatrix); y has n labels.
 * @returns the grid, the classes, and per C the parameters (blocks × (d + 1)) and the
 * solver's iterations. Equal, C by C, to `new LogisticRegression({ ...options, C })` fits
 * solved to the same tolerance (they differ only in where each solver starts).
 * @throws TypeError for an unknown option or the wrong kind of argument; RangeError for
 * an empty or zero grid, and for every input `LogisticRegression.fit` rejects.
 * @example
 * ```ts
 * import { logisticRegressionPath } from 'logreg-wasm';
 * const path = logisticRegressionPath(X, y, { Cs: 10, penalty: 'l1' });
 * path.Cs[3];          // 0.0215…
 * path.coefs[3].row(0) // the weights and intercept at that C
 * ```
 */
export function logisticRegressionPath<L extends Label>(
  X: FeatureMatrix,
  y: ArrayLike<L>,
  options: LogisticRegressionPathOptions = {},
): LogisticRegressionPath<L> {
  const where = 'logisticRegressionPath';
  checkOptionNames(where, options, PATH_OPTION_NAMES);
  const { Cs: CsGiven = 10, sampleWeight = null, ...estimatorOptions } = options;
  const Cs = readCs(where, CsGiven);
  const resolved = resolveOptions(estimatorOptions).values;
  const input = readFitInput(resolved, X, y, sampleWeight);
  try {
    const blocks = input.mode === 'binary' ? 1 : input.labels.classes.length;
    const stride = input.X.cols + 1;
    const points = fitPath(input, resolved, Cs, new Float64Array(blocks * stride));
    return {
      Cs,
      classes: input.labels.classes as L[],
      coefs: points.map((point) => Matrix.from(point.params, point.params.length / stride, stride)),
      nIter: Int32Array.from(points, (point) => Math.max(...point.nIterPerProblem)),
    };
  } finally {
    release(input.X);
  }
}
