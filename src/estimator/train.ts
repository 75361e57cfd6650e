/**
 * The fit plan: from checked data and options to trained parameters. It chooses the core,
 * turns the model's mode into core problems (one softmax or binary problem, or one binary
 * problem per class for one-vs-rest), runs the solver on each, and brings the results to
 * the form the model stores.
 * @module
 */
import type { RandomState } from '../datasets/random-state.js';
import { defaultCore, relaxedCore, type Core } from '../core/runtime.js';
import { type CoreResult, type CoreRun, STATUS, copyStaged, releaseCopy, solve } from '../core/solve.js';
import type { StagedMatrix } from '../core/stage.js';
import { availableCpus } from '../core/threads.js';
import { type EncodedLabels, type Label, formatLabel } from '../validate/labels.js';
import { parameterView } from '../core/predict.js';
import type { FittedState, TrainedParams } from './fitted.js';
import type { ModelMode } from './model-json.js';
import { type EstimatorOptions, type MultiClass, NAME, type Solver, THREADS_BREAK_EVEN } from './options.js';
import { classWeights, combineWeights, coreTolerance, penaltyStrengths, scaledProblem } from './scaling.js';
import { type DataTerm, type HessianTerm, solveHosted } from '../core/host-solve.js';

/**
 * The model `multiClass` asks for with `classes` labels: two classes make a binary model
 * unless 'multinomial' asks for the softmax over both (as scikit-learn does); more make
 * one softmax model, or one binary model per class for 'ovr'.
 */
export function modeFor(multiClass: MultiClass, classes: number): ModelMode {
  if (classes === 2) return multiClass === 'multinomial' ? 'multinomial' : 'binary';
  return multiClass === 'ovr' ? 'ovr' : 'multinomial';
}

/** Whether two label lists are the same, in the same order. */
export function sameLabels(a: readonly Label[], b: readonly Label[]): boolean {
  return a.length === b.length && a.every((label, i) => label === b[i]);
}

/**
 * Where a fit starts: the parameters of `previous` when `reuse` is asked and they fit
 * this problem's mode, features and classes, else zeros (blocks × (cols + 1) values).
 */
export function startingPoint(previous: FittedState | null, mode: ModelMode, classes: Label[], cols: number, reuse: boolean): Float64Array {
  const blocks = mode === 'binary' ? 1 : classes.length;
  const start = new Float64Array(blocks * (cols + 1));
  if (!(reuse && previous !== null && previous.mode === mode && previous.nFeatures === cols && sameLabels(previous.classes, classes))) {
    return start;
  }
  const stored = parameterView(previous.params);
  if (previous.blocks === blocks) return stored.slice();
  // A two-class softmax is stored as one row θ; it trains as the two rows (−θ, θ).
  start.set(stored.map((v) => -v));
  start.set(stored, cols + 1);
  return start;
}

/** Values a pass over X reads: rows × cols dense, the stored entries sparse. */
export function storedValues(X: StagedMatrix): number {
  return X.sparse === null ? X.rows * X.cols : X.sparse.nnz;
}

/**
 * The threads of the passes over X for the `threads` option: the number given, or for
 * 'auto' every CPU from {@link THREADS_BREAK_EVEN} values of X up and one below it (waking
 * workers costs more than a short pass gains).
 */
export function threadsFor(threads: number | 'auto', X: StagedMatrix): number {
  return threadsForValues(threads, storedValues(X));
}

/** {@link threadsFor} for passes over `values` stored values (fitChunks: its largest chunk's). */
export function threadsForValues(threads: number | 'auto', values: number): number {
  return threads === 'auto' ? (values >= THREADS_BREAK_EVEN ? availableCpus() : 1) : threads;
}

/** Everything one training run needs. */
export interface TrainRequest {
  /** The estimator's options (penalty, solver, tolerances, callbacks…). */
  readonly options: EstimatorOptions;
  /** X in the default core's memory. */
  readonly X: StagedMatrix;
  readonly labels: EncodedLabels;
  /** Checked sample weights, or null for ones. */
  readonly sampleWeight: Float64Array | null;
  readonly mode: ModelMode;
  /** blocks × (cols + 1) parameters to start from (see {@link startingPoint}). */
  readonly start: Float64Array;
  /** Iterations (epochs for 'sgd') per problem: `options.maxIter` for fit, 1 for partialFit. */
  readonly maxIter: number;
  /** Whether to warn when a problem stops before meeting tol. */
  readonly warnUnconverged: boolean;
  /** The generator of the 'sgd' shuffles, asked for only when they happen. */
  readonly random: () => RandomState;
}

/**
 * Runs the solver(s) in the core `options.simd` names and returns blocks × (d + 1)
 * parameters, with what the run reported.
 * @throws RangeError when a problem has no positive weight, C is too small for the
 * weights, or the solver produced non-finite parameters; Error when the relaxed core is
 * not available.
 */
export function train(request: TrainRequest): TrainedParams {
  if (request.options.simd === 'standard') return trainIn(defaultCore, request.X, request);
  const core = relaxedCore();
  const X = copyStaged(request.X, core);
  try {
    return trainIn(core, X, request);
  } finally {
    releaseCopy(X, core);
  }
}

/** {@link train} with X in `core`'s memory. */
function trainIn(core: Core, X: StagedMatrix, request: TrainRequest): TrainedParams {
  const { options, labels, sampleWeight, mode, start, maxIter } = request;
  const { solver, classWeight } = options;
  const K = labels.classes.length;
  const blocks = mode === 'binary' ? 1 : K;
  const random = solver === 'sgd' && options.shuffle ? request.random() : null;
  // tol bounds the gradient of F/C, as scikit-learn's lbfgs and newton-cg do; the core's
  // gradient is `gradientScale` times smaller, so the core gets the tolerance t for which
  // its own test (its gradNorm ≤ t) holds exactly when the reported gradNorm, the core's
  // times gradientScale, is ≤ tol. For 'sgd', tol applies to the mean sample loss of an
  // epoch as it is.
  const runFor = (problem: number, gradientScale: number): CoreRun => ({
    solver,
    maxIter,
    tol: solver === 'sgd' ? options.tol : coreTolerance(options.tol, gradientScale),
    learningRate: options.learningRate,
    recordLoss: options.recordLoss,
    batchSize: options.batchSize,
    shuffle: random,
    threads: threadsFor(options.threads, X),
    core,
    warn: (message) => options.onWarning?.(message),
    onProgress:
      options.onIteration === null
        ? null
        : (iter: number, loss: number, gradNorm: number) => options.onIteration?.({ iter, loss, gradNorm: gradNorm * gradientScale, problem }) !== false,
  });
  const warnIfNotConverged = (status: number, where: string): void => {
    if (request.warnUnconverged) warnUnconverged(options, status, where);
  };

  const stride = X.cols + 1;
  if (mode !== 'ovr') {
    // Binary targets are 0/1 with classes[1] positive, multinomial targets class indices:
    // both are the label indices, copied (converted) straight into the core.
    const perClass = classWeights(classWeight, labels, labels.counts);
    const { problem, gradientScale } = scaledProblem(X, labels.indices, blocks, combineWeights(sampleWeight, perClass, labels.indices), options);
    const result = checkFinite(solve(problem, runFor(0, gradientScale), start), solver);
    warnIfNotConverged(result.status, '');
    return singleProblem(result, mode, K, stride, options.fitIntercept);
  }
  const params = new Float64Array(blocks * stride);
  const nIterPerProblem: number[] = [];
  let converged = true;
  for (let k = 0; k < K; k++) {
    const target = Float64Array.from(labels.indices, (c) => (c === k ? 1 : 0));
    // As in scikit-learn, 'balanced' is recomputed for each class-vs-rest problem.
    const positives = labels.counts[k] as number;
    const perClass =
      classWeight === 'balanced'
        ? classWeights('balanced', labels, Int32Array.from([X.rows - positives, positives]))
        : classWeights(classWeight, labels, labels.counts);
    const indices = classWeight === 'balanced' ? Int32Array.from(target) : labels.indices;
    const { problem, gradientScale } = scaledProblem(X, target, 1, combineWeights(sampleWeight, perClass, indices), options);
    const result = checkFinite(solve(problem, runFor(k, gradientScale), start.subarray(k * stride, (k + 1) * stride)), solver);
    params.set(result.params, k * stride);
    nIterPerProblem.push(result.nIter);
    converged &&= result.status === STATUS.converged;
    warnIfNotConverged(result.status, ` (one-vs-rest, class ${formatLabel(labels.classes[k] as Label)})`);
  }
  return { params, blocks, nIter: nIterPerProblem.reduce((most, count) => Math.max(most, count), 0), nIterPerProblem, converged, lossCurve: null };
}

/** The model's parameters from the one (binary or softmax) problem's result. */
function singleProblem(result: CoreResult, mode: ModelMode, K: number, stride: number, fitIntercept: boolean): TrainedParams {
  let params = result.params;
  if (mode === 'multinomial' && K === 2) params = halfDifference(params, stride);
  else if (mode === 'multinomial' && fitIntercept) centreIntercepts(params, params.length / stride, stride);
  return {
    params,
    blocks: params.length / stride,
    nIter: result.nIter,
    nIterPerProblem: [result.nIter],
    converged: result.status === STATUS.converged,
    lossCurve: result.lossCurve,
  };
}

/** A binary or softmax problem whose data term the host evaluates (see src/core/host-solve.ts). */
export interface HostedTrainRequest {
  /** The estimator's options; the solver is 'lbfgs', 'owlqn' or 'newton'. */
  readonly options: EstimatorOptions;
  /** 'binary' (one block, target 1 for classes[1]) or 'multinomial' (one block per class). */
  readonly mode: 'binary' | 'multinomial';
  readonly classes: number;
  readonly cols: number;
  /** S = Σᵢ sᵢ, the rows' weights (sample × class weights) that `dataTerm` applies. */
  readonly weightSum: number;
  readonly dataTerm: DataTerm;
  /** The Hessian-vector products, for solver 'newton'. */
  readonly hessianTerm: HessianTerm | null;
}

/**
 * Trains like {@link train} on one problem, with the data term's sums from the host:
 * the same scaled objective, tolerance, solver iteration, warnings and stored form.
 * @throws RangeError when S is not positive, C is too small for S, or the coefficients are
 * not finite; whatever `dataTerm` throws.
 */
export async function trainHosted(request: HostedTrainRequest): Promise<TrainedParams> {
  const { options, mode, classes, cols, weightSum, dataTerm, hessianTerm } = request;
  const blocks = mode === 'binary' ? 1 : classes;
  const { l1, l2 } = penaltyStrengths(weightSum, 0, options);
  const run = {
    solver: options.solver === 'newton' ? ('newton' as const) : ('lbfgs' as const),
    maxIter: options.maxIter,
    tol: coreTolerance(options.tol, weightSum),
    onProgress:
      options.onIteration === null
        ? null
        : (iter: number, loss: number, gradNorm: number) => options.onIteration?.({ iter, loss, gradNorm: gradNorm * weightSum, problem: 0 }) !== false,
  };
  const problem = { cols, blocks, fitIntercept: options.fitIntercept, weightSum, l1, l2 };
  const result = checkFinite(await solveHosted(problem, run, new Float64Array(blocks * (cols + 1)), { dataTerm, hessianTerm }), options.solver);
  warnUnconverged(options, result.status, '');
  return singleProblem(result, mode, classes, cols + 1, options.fitIntercept);
}

/** Warns when a problem stopped at maxIter (unless tol = 0 asked for exactly that) or in a failed line search. */
function warnUnconverged(options: EstimatorOptions, status: number, where: string): void {
  const { onWarning, solver, maxIter, tol } = options;
  if (onWarning === null) return;
  // tol = 0 asks for exactly maxIter iterations, so reaching it is no surprise.
  if (status === STATUS.maxIter && tol > 0 && solver === 'sgd') {
    onWarning(
      `${NAME}: solver 'sgd' ran maxIter = ${maxIter} epochs and the epoch loss was still improving by more than tol = ${tol}${where}; increase maxIter, or learningRate if the loss falls slowly`,
    );
  } else if (status === STATUS.maxIter && tol > 0) {
    onWarning(
      `${NAME}: solver '${solver}' reached maxIter = ${maxIter} before the gradient fell to tol = ${tol}${where}; increase maxIter or scale the features (StandardScaler)`,
    );
  } else if (status === STATUS.lineSearchFailed) {
    onWarning(
      `${NAME}: solver '${solver}' stopped because no step decreased the objective${where}; the result is as close to the optimum as float64 allows from here`,
    );
  }
}

/**
 * The solver's result, or a RangeError when its parameters are not finite (a fixed step
 * too large for the problem's curvature diverges), so such a fit never replaces a model.
 */
function checkFinite(result: CoreResult, solver: Solver): CoreResult {
  if (result.params.every(Number.isFinite)) return result;
  throw new RangeError(
    solver === 'gd' || solver === 'sgd'
      ? `${NAME}: solver '${solver}' diverged (the coefficients overflowed): learningRate is too large for this data and C; lower learningRate, raise C, or scale the features`
      : `${NAME}: solver '${solver}' produced non-finite coefficients; the data are too badly scaled (StandardScaler helps)`,
  );
}

/**
 * A two-class softmax model (rows θ₀, θ₁) as the one row θ = (θ₁ − θ₀)/2, scikit-learn's
 * `coef_` for it: softmax(x·θ₀, x·θ₁) = softmax(−x·θ, x·θ), since a softmax is unchanged
 * by subtracting (θ₀ + θ₁)/2 from both rows. (With a penalty the optimum has θ₀ = −θ₁,
 * so θ = θ₁ there, up to rounding.)
 */
function halfDifference(params: Float64Array, stride: number): Float64Array {
  return Float64Array.from({ length: stride }, (_, j) => ((params[stride + j] as number) - (params[j] as number)) / 2);
}

/** Softmax is unchanged by adding a constant to every intercept; report them with mean 0. */
function centreIntercepts(params: Float64Array, blocks: number, stride: number): void {
  let mean = 0;
  for (let k = 0; k < blocks; k++) mean += params[k * stride + stride - 1] as number;
  mean /= blocks;
  for (let k = 0; k < blocks; k++) params[k * stride + stride - 1]! -= mean;
}
