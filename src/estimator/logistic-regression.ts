import { RandomState, checkRandomState } from '../datasets/random-state.js';
import { describeKind } from '../validate/describe.js';
import { availableCores } from '../core/threads.js';
import { NotFittedError } from '../errors.js';
import { type Dtype, type MatrixLike, release, stageMatrix, stageMatrix32, type StagedMatrix } from '../core/stage.js';
import { type EncodedLabels, type Label, encodeAgainst, encodeLabels, formatLabel } from '../validate/labels.js';
import { Matrix } from '../matrix.js';
import { describeMode, MODEL_FORMAT, MODEL_VERSION, type ModelDocument, type ModelParameters, readModelDocument, readParameters } from './model-json.js';
import { accuracy } from '../metrics/accuracy.js';
import { parametersToOnnx, type OnnxExportOptions } from '../onnx/export.js';
import { readOnnx } from '../onnx/import.js';
import {
  checkBoolean,
  checkChoice,
  checkInteger,
  checkNonNegative,
  checkOptionNames,
  checkPositive,
} from '../validate/options.js';
import { type CoreProblem, type CoreResult, type CoreRun, type CoreSolver, STATUS, solve } from '../core/solve.js';
import { type Core, adoptBlock, allocF64, copyIn, core, defaultCore, free, relaxedCore, viewF64 } from '../core/runtime.js';

/**
 * Training algorithms:
 * - `'lbfgs'`: limited-memory BFGS (penalties `'l2'`, `'none'`);
 * - `'newton'`: Newton-CG, Newton steps solved by conjugate gradients with exact
 *   Hessian-vector products (`'l2'`, `'none'`);
 * - `'newton-cd'`: proximal Newton with coordinate descent (LIBLINEAR's newGLMNET):
 *   each Newton step minimises the quadratic model plus the exact l1 term one coordinate
 *   at a time, so weights land on exact zeros (every penalty; meant for `'l1'` and
 *   `'elasticnet'`, and the default for them);
 * - `'owlqn'`: orthant-wise limited-memory quasi-Newton, L-BFGS that handles the l1 term
 *   and lands on exact zeros (every penalty);
 * - `'gd'`: full-batch gradient descent with a fixed `learningRate` (every penalty; l1 by
 *   soft-thresholding), the reference experiment's algorithm;
 * - `'sgd'`: mini-batch stochastic gradient descent with a fixed `learningRate`,
 *   `batchSize` rows per step, rows reshuffled every epoch (every penalty; l1 by
 *   soft-thresholding); also what {@link LogisticRegression.partialFit} runs.
 */
export type Solver = 'lbfgs' | 'newton' | 'newton-cd' | 'owlqn' | 'gd' | 'sgd';
/** Regularisation r(w); the intercept is never penalised. */
export type Penalty = 'l2' | 'l1' | 'elasticnet' | 'none';
/** How more than two classes are handled. */
export type MultiClass = 'auto' | 'multinomial' | 'ovr';
/** Class weights: `'balanced'` (n / (K · count_k)) or a weight per label. */
export type ClassWeight = 'balanced' | Map<Label, number> | Record<string, number>;
/**
 * Which build of the WebAssembly core trains: `'standard'` (SIMD128; the same bits on
 * every host) or `'relaxed'` (relaxed SIMD: fused multiply-adds, faster where the CPU has
 * them, last bits host-dependent).
 */
export type Simd = 'standard' | 'relaxed';

/** What `onIteration` receives after each solver iteration. */
export interface IterationInfo {
  /** Iterations done so far in this (sub)problem, from 1. */
  iter: number;
  /**
   * The objective (divided by C·Σsᵢ) after this iteration; for solver 'gd', at the start
   * of the iteration (gradient descent evaluates it in the same pass as the gradient); for
   * 'sgd', the mean sample loss of the epoch.
   */
  loss: number;
  /**
   * Largest absolute entry of the gradient of F/C = Σ sᵢℓᵢ + r(w)/C (the pseudo-gradient
   * with an l1 term), after this iteration: the quantity `tol` bounds, so the fit stops
   * after the first iteration that reports gradNorm ≤ tol. For solver 'gd', at the start
   * of the iteration, like `loss` (gradient descent stops before the update whose gradient
   * meets tol, so every report shows more than tol); NaN for 'sgd'.
   */
  gradNorm: number;
  /** For one-vs-rest, the index in `classes` of the class being fitted; otherwise 0. */
  problem: number;
}

/** Options of {@link LogisticRegression}; every field is optional. Defaults follow scikit-learn 1.2. */
export interface LogisticRegressionOptions {
  /**
   * Regularisation term r(w).
   * @default 'l2'
   */
  penalty?: Penalty;
  /**
   * Inverse regularisation strength: the loss is multiplied by C. A number > 0;
   * `Infinity` means no penalty, for every `penalty` (the fit then minimises the weighted
   * log-loss alone, as `penalty: 'none'` does, and as scikit-learn does with `C=np.inf`).
   * Ignored, with a warning at `fit`, when set with `penalty: 'none'`.
   * @default 1
   */
  C?: number;
  /**
   * Elastic-net mixing in [0, 1]: r(w) = l1Ratio·‖w‖₁ + ½(1 − l1Ratio)‖w‖². Required for
   * (and only used by) `penalty: 'elasticnet'`; with another penalty it is ignored, with a
   * warning at `fit`.
   * @default null
   */
  l1Ratio?: number | null;
  /**
   * Fit intercepts (never penalised); when false they are 0.
   * @default true
   */
  fitIntercept?: boolean;
  /**
   * Stop once the largest absolute entry of the gradient of F/C = Σ sᵢℓᵢ + r(w)/C (the
   * pseudo-gradient with an l1 term) is ≤ tol, as scikit-learn's lbfgs and newton-cg do:
   * an absolute bound, on a gradient that grows with n and the sample weights.
   * `onIteration` reports this gradient as `gradNorm`. When the weights sᵢ or Σsᵢ leave
   * float64's range (e.g. sampleWeight 1e200 × classWeight 1e200), the weights are
   * divided by the largest one and C multiplied by it (the same model), and tol applies
   * to that problem. For 'sgd': the least improvement
   * of the epoch loss that counts (it stops after 5 epochs without one). Finite and ≥ 0.
   * @default 1e-4
   */
  tol?: number;
  /**
   * Most iterations per (sub)problem; an integer ≥ 1.
   * @default 100
   */
  maxIter?: number;
  /**
   * The training algorithm; see {@link Solver}. A penalty the solver does not support is
   * an error naming the solvers that do.
   * @default 'lbfgs'; 'newton-cd' for penalty 'l1' and 'elasticnet'
   */
  solver?: Solver;
  /**
   * Multiclass strategy. With more than two classes, `'auto'` and `'multinomial'` fit one
   * softmax model and `'ovr'` fits one binary model per class. With two classes, `'auto'`
   * and `'ovr'` fit the binary model σ(x·w + b), and `'multinomial'` the softmax over both
   * classes, as scikit-learn does: it minimises the two-class cross-entropy with the
   * penalty on both rows of coefficients (the same probabilities as the binary model with
   * C doubled and w halved), stores one row w (the softmax's rows are −w and w) and gives
   * probabilities softmax(−d, d) with d = x·w + b.
   * @default 'auto'
   */
  multiClass?: MultiClass;
  /**
   * Reuse the previous fit's coefficients as the starting point when the classes and
   * features match.
   * @default false
   */
  warmStart?: boolean;
  /**
   * Per-class weights multiplying the sample weights.
   * @default null
   */
  classWeight?: ClassWeight | null;
  /**
   * Step size of `'gd'`: θ ← θ − learningRate·∇f. Finite and > 0.
   * @default 0.01
   */
  learningRate?: number;
  /**
   * Keep the loss of every iteration in `lossCurve` (`'gd'`: the objective at the start of
   * each iteration; `'sgd'`: the mean sample loss of each epoch).
   * @default false
   */
  recordLoss?: boolean;
  /**
   * `'sgd'` only: rows per mini-batch; an integer ≥ 1 (a batch larger than the data is
   * the whole data).
   * @default 32
   */
  batchSize?: number;
  /**
   * `'sgd'` only: reshuffle the rows before every epoch (with numpy's legacy shuffle from
   * `randomState`, so a seed reproduces the run exactly).
   * @default true
   */
  shuffle?: boolean;
  /**
   * Seed (an integer in [0, 2³² − 1]) or generator for every random choice of a fit (the
   * `'sgd'` shuffles); null draws a fresh seed per fit.
   * @default null
   */
  randomState?: number | RandomState | null;
  /**
   * Threads for the passes over the data (every solver but 'sgd'): an integer from 1 to
   * 64, or `'auto'` — one thread below {@link THREADS_BREAK_EVEN} values of X (where
   * waking workers costs more than it saves), else every available core. A number above
   * the cores available is lowered to that count, with a warning (more threads than cores
   * only wait for one another); the `threads` property holds the value used. Results are
   * bit-identical for any value. Needs SharedArrayBuffer (Node; in browsers a
   * cross-origin-isolated page); without it training uses one thread and says so once.
   * @default 'auto'
   */
  threads?: number | 'auto';
  /**
   * How X is stored in WebAssembly memory while training: `'float64'`, or `'float32'` —
   * half the memory and bandwidth; dot products in f32x4, gradients summed in float64
   * every 32 rows (see README for the accuracy cost). `'float32'` serves binary and
   * one-vs-rest models with the full-batch solvers (not 'sgd', not multinomial). A
   * float32 `Matrix.alloc` matrix is read in place; any other X is converted into a float32
   * copy for the fit.
   * @default 'float64'
   */
  dtype?: Dtype;
  /**
   * The core that trains. `'relaxed'` runs the passes with relaxed SIMD's fused
   * multiply-add (one rounding instead of two): faster, and as accurate, but the last
   * bits of the coefficients then depend on the host's CPU, so it is never chosen
   * automatically. It needs `import 'logreg-wasm/relaxed-simd'` once (a separate entry,
   * so applications that do not use it do not load it) and an engine with relaxed SIMD
   * (tested: Chromium 156, and Node 20 started with `--experimental-wasm-relaxed-simd`;
   * check with `relaxedSimdAvailable()`); it trains on one thread, with X copied into
   * its own memory. Predictions always use the standard core.
   * @default 'standard'
   * @example
   * ```ts
   * import 'logreg-wasm/relaxed-simd';
   * const model = new LogisticRegression({ simd: 'relaxed' }).fit(X, y);
   * ```
   */
  simd?: Simd;
  /**
   * Called after every iteration; return `false` to stop early (the model is then
   * usable, with `converged` false). Must not call `fit` on any model.
   * @default null
   */
  onIteration?: ((info: IterationInfo) => boolean | void) | null;
  /**
   * Receives warnings (e.g. maxIter reached before convergence); `null` silences them.
   * @default console.warn
   */
  onWarning?: ((message: string) => void) | null;
}

/** Options of {@link LogisticRegression.partialFit}; `L` is the label type. */
export interface PartialFitOptions<L extends Label = Label> extends FitOptions {
  /**
   * Every label y can hold; required on the first call.
   * @default the fitted classes
   */
  classes?: ArrayLike<L> | null;
}

/** Options of {@link LogisticRegression.fit}. */
export interface FitOptions {
  /**
   * Weight per sample, finite and ≥ 0, not all zero; multiplies the class weight.
   * @default null (all ones)
   */
  sampleWeight?: ArrayLike<number> | null;
}

const OPTION_NAMES = [
  'penalty',
  'C',
  'l1Ratio',
  'fitIntercept',
  'tol',
  'maxIter',
  'solver',
  'multiClass',
  'warmStart',
  'classWeight',
  'learningRate',
  'recordLoss',
  'batchSize',
  'shuffle',
  'randomState',
  'threads',
  'dtype',
  'simd',
  'onIteration',
  'onWarning',
] as const;
/** @internal Every {@link Solver}, in the order messages list them (the CLI's `--solver` reads it too). */
export const SOLVERS: readonly Solver[] = ['lbfgs', 'newton', 'newton-cd', 'owlqn', 'gd', 'sgd'];
/** @internal Every {@link Penalty}, in the order messages list them. */
export const PENALTIES: readonly Penalty[] = ['l2', 'l1', 'elasticnet', 'none'];
const SUPPORTS: Record<Solver, readonly Penalty[]> = {
  lbfgs: ['l2', 'none'],
  newton: ['l2', 'none'],
  'newton-cd': PENALTIES,
  owlqn: PENALTIES,
  gd: PENALTIES,
  sgd: PENALTIES,
};
const NAME = 'LogisticRegression';

/**
 * Size of X (rows × columns) from which `threads: 'auto'` uses every core: below it, a
 * pass is too short for waking worker threads to pay off (measured; see BENCHMARKS.md).
 */
export const THREADS_BREAK_EVEN = 200_000;

/** How a fitted model turns decision values into classes. */
type Mode = ModelParameters['mode'];

interface FittedState {
  /** Byte offset of blocks × (nFeatures + 1) parameters in WebAssembly memory. */
  readonly paramsPtr: number;
  readonly blocks: number;
  readonly nFeatures: number;
  readonly classes: Label[];
  readonly mode: Mode;
  readonly nIter: number;
  /** One entry per class for one-vs-rest, one otherwise; nIter is the largest. */
  readonly nIterPerProblem: readonly number[];
  readonly converged: boolean;
  readonly lossCurve: Float64Array | null;
}

/**
 * Logistic regression, trained in WebAssembly.
 *
 * Binary: p(y = classes[1] | x) = σ(x·w + b). Multinomial: p(y = classes[k] | x) =
 * softmax_k(x·W_kᵀ + b_k). `fit` minimises C·Σᵢ sᵢ·logloss(yᵢ, xᵢ) + r(w) (see
 * {@link LogisticRegressionOptions}); every pass over the data runs inside the
 * WebAssembly core, over X copied once into its memory (or read in place when X is a
 * {@link Matrix.alloc} matrix).
 *
 * Shapes: X is n×d; y has n labels (numbers, strings or booleans, at least two distinct).
 *
 * The type parameter `L` is the label type (`number`, `string`, `boolean`, a union of
 * literals, or any {@link Label}): `fit` and `partialFit` return the model typed by the
 * labels they were given, so `predict` and `classes` give numbers for numeric y and
 * strings for string y. A model that was not fitted through such a call (e.g. one from
 * `fromJSON`) is typed `LogisticRegression<Label>`; give `L` explicitly to narrow it.
 *
 * @example
 * ```ts
 * import { LogisticRegression } from 'logreg-wasm';
 * const model = new LogisticRegression({ C: 10 }).fit([[0, 1], [1, 0], [2, 1], [3, 0]], ['no', 'no', 'yes', 'yes']);
 * model.predict([[2.5, 0.5]]);      // ['yes'], typed ('no' | 'yes')[]
 * model.predictProba([[2.5, 0.5]]); // Matrix 1×2, columns in classes order ['no', 'yes']
 *
 * const numeric = new LogisticRegression().fit(X, new Int32Array([0, 1, 1, 0]));
 * const first: number = numeric.predict(X)[0]; // numbers in, numbers out
 * ```
 */
export class LogisticRegression<L extends Label = Label> {
  /** See {@link LogisticRegressionOptions.penalty}. */
  readonly penalty: Penalty;
  /** See {@link LogisticRegressionOptions.C}. */
  readonly C: number;
  /** See {@link LogisticRegressionOptions.l1Ratio}. */
  readonly l1Ratio: number | null;
  /** See {@link LogisticRegressionOptions.fitIntercept}. */
  readonly fitIntercept: boolean;
  /** See {@link LogisticRegressionOptions.tol}. */
  readonly tol: number;
  /** See {@link LogisticRegressionOptions.maxIter}. */
  readonly maxIter: number;
  /** See {@link LogisticRegressionOptions.solver}. */
  readonly solver: Solver;
  /** See {@link LogisticRegressionOptions.multiClass}. */
  readonly multiClass: MultiClass;
  /** See {@link LogisticRegressionOptions.warmStart}. */
  readonly warmStart: boolean;
  /** See {@link LogisticRegressionOptions.classWeight}. */
  readonly classWeight: ClassWeight | null;
  /** See {@link LogisticRegressionOptions.learningRate}. */
  readonly learningRate: number;
  /** See {@link LogisticRegressionOptions.recordLoss}. */
  readonly recordLoss: boolean;
  /** See {@link LogisticRegressionOptions.batchSize}. */
  readonly batchSize: number;
  /** See {@link LogisticRegressionOptions.shuffle}. */
  readonly shuffle: boolean;
  /** See {@link LogisticRegressionOptions.randomState}. */
  readonly randomState: number | RandomState | null;
  /** See {@link LogisticRegressionOptions.threads}. */
  readonly threads: number | 'auto';
  /** See {@link LogisticRegressionOptions.dtype}. */
  readonly dtype: Dtype;
  /** See {@link LogisticRegressionOptions.simd}. */
  readonly simd: Simd;
  /** See {@link LogisticRegressionOptions.onIteration}. */
  readonly onIteration: ((info: IterationInfo) => boolean | void) | null;
  /** See {@link LogisticRegressionOptions.onWarning}. */
  readonly onWarning: ((message: string) => void) | null;

  #fitted: FittedState | null = null;
  /** Whether the options named C (scikit-learn warns when penalty 'none' ignores a C). */
  readonly #cGiven: boolean;
  /** The generator of the current run of fit/partialFit calls (created from `randomState`). */
  #random: RandomState | null = null;

  /**
   * @param options see {@link LogisticRegressionOptions}.
   * @throws TypeError for an unknown option name or a value of the wrong kind; RangeError
   * for a value out of range or a penalty the solver does not support.
   */
  constructor(options: LogisticRegressionOptions = {}) {
    checkOptionNames(NAME, options, OPTION_NAMES);
    this.onIteration = checkCallback('onIteration', options.onIteration ?? null);
    this.onWarning = options.onWarning === undefined ? defaultWarning : checkCallback('onWarning', options.onWarning);
    this.penalty = checkChoice(NAME, 'penalty', options.penalty ?? 'l2', PENALTIES);
    this.C = checkPositive(NAME, 'C', options.C ?? 1, 'for no penalty');
    this.#cGiven = (options.C ?? null) !== null;
    this.fitIntercept = checkBoolean(NAME, 'fitIntercept', options.fitIntercept ?? true);
    this.tol = checkNonNegative(NAME, 'tol', options.tol ?? 1e-4);
    this.maxIter = checkInteger(NAME, 'maxIter', options.maxIter ?? 100, 1, 2 ** 31 - 1);
    const l1Term = this.penalty === 'l1' || this.penalty === 'elasticnet';
    this.solver = checkChoice(NAME, 'solver', options.solver ?? (l1Term ? 'newton-cd' : 'lbfgs'), SOLVERS);
    this.multiClass = checkChoice(NAME, 'multiClass', options.multiClass ?? 'auto', ['auto', 'multinomial', 'ovr'] as const);
    this.warmStart = checkBoolean(NAME, 'warmStart', options.warmStart ?? false);
    this.learningRate = checkPositive(NAME, 'learningRate', options.learningRate ?? 0.01);
    this.recordLoss = checkBoolean(NAME, 'recordLoss', options.recordLoss ?? false);
    this.batchSize = checkInteger(NAME, 'batchSize', options.batchSize ?? 32, 1, 2 ** 31 - 1);
    this.shuffle = checkBoolean(NAME, 'shuffle', options.shuffle ?? true);
    const randomState = options.randomState ?? null;
    if (randomState !== null && !(randomState instanceof RandomState)) checkInteger(NAME, 'randomState', randomState, 0, 2 ** 32 - 1);
    this.randomState = randomState;
    const threads = options.threads ?? 'auto';
    this.threads = checkThreads(threads);
    this.dtype = checkChoice(NAME, 'dtype', options.dtype ?? 'float64', ['float64', 'float32'] as const);
    this.simd = checkChoice(NAME, 'simd', options.simd ?? 'standard', ['standard', 'relaxed'] as const);
    if (this.simd === 'relaxed' && typeof threads === 'number' && threads > 1) {
      throw new RangeError(`${NAME}: simd 'relaxed' trains on one thread; got threads ${threads} (use threads 1 or 'auto', or simd 'standard')`);
    }
    if (this.dtype === 'float32' && this.solver === 'sgd') {
      throw new RangeError(`${NAME}: dtype 'float32' is not available with solver 'sgd'; use a full-batch solver or dtype 'float64'`);
    }

    const l1Ratio = options.l1Ratio ?? null;
    if (this.penalty === 'elasticnet') {
      if (l1Ratio === null) throw new RangeError(`${NAME}: penalty 'elasticnet' needs l1Ratio, a number in [0, 1]`);
    }
    if (l1Ratio !== null) {
      if (typeof l1Ratio !== 'number') throw new TypeError(`${NAME}: l1Ratio must be a number, got ${describeKind(l1Ratio)}`);
      if (!(l1Ratio >= 0 && l1Ratio <= 1)) throw new RangeError(`${NAME}: l1Ratio must be in [0, 1], got ${String(l1Ratio)}`);
    }
    this.l1Ratio = l1Ratio;
    this.classWeight = checkClassWeight(options.classWeight ?? null);

    if (!SUPPORTS[this.solver].includes(this.penalty)) {
      const able = SOLVERS.filter((s) => SUPPORTS[s].includes(this.penalty));
      throw new RangeError(
        `${NAME}: solver '${this.solver}' does not support penalty '${this.penalty}'; use one of ${able.map((s) => `'${s}'`).join(', ')}`,
      );
    }
    if (this.recordLoss && this.solver !== 'gd' && this.solver !== 'sgd') {
      throw new RangeError(`${NAME}: recordLoss is only available with solvers 'gd' and 'sgd'; use onIteration to follow other solvers`);
    }
    // Said once, by the constructor that accepted the options (fromJSON included).
    if (this.threads !== threads) {
      this.onWarning?.(
        `${NAME}: threads = ${String(threads)} is more than the ${this.threads} cores available; using ${this.threads} (threads beyond the cores wait for one another and slow every pass down)`,
      );
    }
  }

  /**
   * Trains on X (n×d) and y (n labels). A failed call throws and leaves the model as it
   * was (including a previous fit).
   * @returns this model, typed by the labels of y (`LogisticRegression<number>` for
   * numeric y).
   * @throws TypeError for the wrong kind of X, y or option; RangeError for an empty X,
   * ragged rows, NaN/±Infinity (with row and column), a length mismatch, a single class,
   * bad sample weights or a class weight for an unknown label.
   */
  fit<T extends L>(X: MatrixLike, y: ArrayLike<T>, options: FitOptions = {}): LogisticRegression<T> {
    checkOptionNames(`${NAME}.fit`, options, ['sampleWeight']);
    this.#warnIgnoredOptions();
    let staged: StagedMatrix | undefined;
    try {
      staged = this.dtype === 'float32' ? stageMatrix32(X, 'X') : stageMatrix(X, 'X');
      const labels = encodeLabels(y, staged.rows, 'y');
      const K = labels.classes.length;
      if (K < 2) {
        throw new RangeError(
          `y has a single class (${formatLabel(labels.classes[0] as Label)}); at least two classes are needed to fit`,
        );
      }
      const weights = this.#sampleWeights(options.sampleWeight ?? null, staged.rows);
      classWeights(this.classWeight, labels, labels.counts); // reject unknown labels before any work
      const mode = this.#mode(K);
      if (mode === 'multinomial' && this.dtype === 'float32') {
        throw new RangeError(
          K === 2
            ? `${NAME}: dtype 'float32' serves binary and one-vs-rest models, not the two-class softmax of multiClass 'multinomial'; use multiClass 'auto' or dtype 'float64'`
            : `${NAME}: dtype 'float32' serves binary and one-vs-rest models; y has ${K} classes, so use multiClass 'ovr' or dtype 'float64'`,
        );
      }
      const start = this.#startingPoint(mode, labels.classes, staged.cols, this.warmStart);
      this.#random = null;
      this.#commit(this.#train(staged, labels, weights, mode, start, this.maxIter, true), labels.classes, mode, staged.cols);
      return this as unknown as LogisticRegression<T>;
    } finally {
      release(staged);
    }
  }

  /**
   * One epoch of solver 'sgd' over X (n×d) and y, continuing from the current model: for
   * streaming data that arrives in chunks. The first call (on an unfitted model) needs
   * `classes`, every label that will ever appear; later calls may repeat them.
   * Regularisation is relative to each chunk (its Σsᵢ), as if the chunk were the data.
   * A failed call throws and leaves the model as it was.
   * @returns this model, typed by the labels of y and `classes`.
   * @throws RangeError when the solver is not 'sgd', `classes` is missing on the first
   * call or differs from the fitted classes, a label is not in `classes`, or for the bad
   * inputs `fit` rejects.
   * @example
   * ```ts
   * const model = new LogisticRegression({ solver: 'sgd', learningRate: 0.1, randomState: 0 });
   * for await (const { X, y } of chunks) model.partialFit(X, y, { classes: [0, 1] });
   * ```
   */
  partialFit<T extends L>(X: MatrixLike, y: ArrayLike<T>, options: PartialFitOptions<T> = {}): LogisticRegression<T> {
    checkOptionNames(`${NAME}.partialFit`, options, ['classes', 'sampleWeight']);
    if (this.solver !== 'sgd') {
      throw new RangeError(`${NAME}.partialFit: needs solver 'sgd'; this model uses '${this.solver}'`);
    }
    const fitted = this.#fitted;
    if (fitted === null) this.#warnIgnoredOptions();
    const given = options.classes ?? null;
    let classes: Label[];
    if (given !== null) {
      classes = encodeLabels(given, given.length, 'classes').classes;
      if (classes.length !== given.length) throw new RangeError(`${NAME}.partialFit: classes must not repeat a label`);
      if (fitted !== null && !sameLabels(fitted.classes, classes)) {
        throw new RangeError(
          `${NAME}.partialFit: classes (${classes.map(formatLabel).join(', ')}) differ from the fitted classes (${fitted.classes.map(formatLabel).join(', ')})`,
        );
      }
    } else if (fitted !== null) {
      classes = fitted.classes;
    } else {
      throw new RangeError(`${NAME}.partialFit: the first call needs classes, the list of every label y can hold`);
    }
    if (classes.length < 2) throw new RangeError(`${NAME}.partialFit: classes has ${classes.length} label; at least two are needed`);
    if (this.classWeight === 'balanced') {
      throw new RangeError(`${NAME}.partialFit: classWeight 'balanced' needs every label's count, which a chunk does not give; pass explicit class weights`);
    }
    let staged: StagedMatrix | undefined;
    try {
      staged = stageMatrix(X, 'X');
      if (fitted !== null && staged.cols !== fitted.nFeatures) {
        throw new RangeError(`partialFit: X has ${staged.cols} columns; the model was fit with ${fitted.nFeatures}`);
      }
      const labels = encodeAgainst(y, staged.rows, classes, 'y');
      const weights = this.#sampleWeights(options.sampleWeight ?? null, staged.rows);
      classWeights(this.classWeight, labels, labels.counts);
      const K = classes.length;
      const mode = this.#mode(K);
      const start = this.#startingPoint(mode, classes, staged.cols, true);
      this.#commit(this.#train(staged, labels, weights, mode, start, 1, false), classes, mode, staged.cols);
      return this as unknown as LogisticRegression<T>;
    } finally {
      release(staged);
    }
  }

  /**
   * The model `multiClass` asks for with K classes: two classes make a binary model unless
   * 'multinomial' asks for the softmax over both (as scikit-learn does); more make one
   * softmax model, or one binary model per class for 'ovr'.
   */
  #mode(K: number): Mode {
    if (K === 2) return this.multiClass === 'multinomial' ? 'multinomial' : 'binary';
    return this.multiClass === 'ovr' ? 'ovr' : 'multinomial';
  }

  /** Warns, as scikit-learn's fit does, about options this penalty ignores. */
  #warnIgnoredOptions(): void {
    if (this.onWarning === null) return;
    if (this.l1Ratio !== null && this.penalty !== 'elasticnet') {
      this.onWarning(`${NAME}: l1Ratio = ${this.l1Ratio} is ignored: only penalty 'elasticnet' uses it, and penalty is '${this.penalty}'`);
    }
    if (this.penalty === 'none' && this.#cGiven) {
      this.onWarning(`${NAME}: C = ${this.C} is ignored: penalty 'none' has no regularisation term for C to weigh against the loss`);
    }
  }

  #randomState(): RandomState {
    this.#random ??= checkRandomState(this.randomState);
    return this.#random;
  }

  /**
   * Decision values: for a model with one coefficient row (binary, or a two-class
   * multinomial model) x·w + b per row (length n); otherwise one value per row and class
   * (n×K, row-major, in `classes` order).
   * @throws NotFittedError before `fit`; RangeError when X has the wrong number of columns
   * (or is empty or non-finite); TypeError for the wrong kind of X.
   */
  decisionFunction(X: MatrixLike): Float64Array {
    return this.#scores(X, 'decisionFunction', false).values;
  }

  /**
   * Class probabilities, n×K with columns in `classes` order (K = 2 for a binary model).
   * One-vs-rest models normalise the K sigmoids to sum to 1, as scikit-learn does; a
   * two-class multinomial model gives softmax(−d, d) of its decision value d, as
   * scikit-learn does.
   * @throws as {@link LogisticRegression.decisionFunction}.
   */
  predictProba(X: MatrixLike): Matrix {
    const { values, rows, fitted } = this.#scores(X, 'predictProba', true);
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
   * Natural log of {@link LogisticRegression.predictProba}, n×K.
   * @throws as {@link LogisticRegression.decisionFunction}.
   */
  predictLogProba(X: MatrixLike): Matrix {
    // From the decision values, in log space: log σ(z) stays finite where σ(z) underflows.
    const { values, rows, fitted } = this.#scores(X, 'predictLogProba', false);
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
   * Predicted labels: the class with the highest probability (for a binary model,
   * classes[1] where P(classes[1]) > 0.5; the first class on exact ties).
   * @returns an array of n labels from `classes`.
   * @throws as {@link LogisticRegression.decisionFunction}.
   */
  predict(X: MatrixLike): L[] {
    return this.#predict(X, 'predict') as L[];
  }

  #predict(X: MatrixLike, what: string): Label[] {
    // The class of largest probability, so that predict is exactly argmax predictProba
    // (one-vs-rest probabilities are computed in log space and never all underflow).
    const { values, rows, fitted } = this.#scores(X, what, true);
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
   * Mean accuracy of `predict(X)` against y.
   * @throws as {@link LogisticRegression.predict}, and RangeError when y's length differs from X's rows.
   */
  score(X: MatrixLike, y: ArrayLike<Label>): number {
    return accuracy(y, this.#predict(X, 'score'));
  }

  /**
   * Weights: 1×d for a binary model and for a two-class multinomial one (as scikit-learn
   * stores it: the softmax's two rows are −w and w), K×d otherwise.
   * @throws NotFittedError before `fit`.
   */
  get coef(): Matrix {
    const { paramsPtr, blocks, nFeatures } = this.#state('coef');
    const params = viewF64(paramsPtr, blocks * (nFeatures + 1));
    const out = new Float64Array(blocks * nFeatures);
    for (let k = 0; k < blocks; k++) out.set(params.subarray(k * (nFeatures + 1), k * (nFeatures + 1) + nFeatures), k * nFeatures);
    return Matrix.from(out, blocks, nFeatures);
  }

  /**
   * Intercepts, one per row of {@link LogisticRegression.coef} (zeros when `fitIntercept`
   * is false). @throws NotFittedError before `fit`.
   */
  get intercept(): Float64Array {
    const { paramsPtr, blocks, nFeatures } = this.#state('intercept');
    const params = viewF64(paramsPtr, blocks * (nFeatures + 1));
    return Float64Array.from({ length: blocks }, (_, k) => params[k * (nFeatures + 1) + nFeatures] as number);
  }

  /** The labels seen by `fit`, sorted; the order of `predictProba`'s columns. @throws NotFittedError before `fit`. */
  get classes(): L[] {
    return [...this.#state('classes').classes] as L[];
  }

  /** Number of features seen by `fit`. @throws NotFittedError before `fit`. */
  get nFeaturesIn(): number {
    return this.#state('nFeaturesIn').nFeatures;
  }

  /**
   * Iterations of the last fit (epochs for 'sgd'); for one-vs-rest, the most any class
   * took. {@link LogisticRegression.nIterPerProblem} has the count of each class.
   * @throws NotFittedError before `fit`.
   */
  get nIter(): number {
    return this.#state('nIter').nIter;
  }

  /**
   * Iterations of each optimisation problem of the last fit, as scikit-learn's `n_iter_`:
   * for one-vs-rest one entry per class, in `classes` order; for binary and multinomial
   * models (one problem) one entry, equal to {@link LogisticRegression.nIter}.
   * @throws NotFittedError before `fit`.
   * @example
   * ```ts
   * const model = new LogisticRegression({ multiClass: 'ovr' }).fit(X, y); // y has 3 classes
   * model.nIterPerProblem; // e.g. [9, 14, 11]: class 0 against the rest took 9 iterations
   * model.nIter;           // 14, the largest
   * ```
   */
  get nIterPerProblem(): number[] {
    return [...this.#state('nIterPerProblem').nIterPerProblem];
  }

  /** Whether the last fit met `tol` (for one-vs-rest, every class did). @throws NotFittedError before `fit`. */
  get converged(): boolean {
    return this.#state('converged').converged;
  }

  /**
   * With `recordLoss` (solver 'gd'), the objective at the start of each iteration
   * (`lossCurve[k]` before update k); otherwise null. @throws NotFittedError before `fit`.
   */
  get lossCurve(): Float64Array | null {
    const curve = this.#state('lossCurve').lossCurve;
    return curve === null ? null : curve.slice();
  }

  /** True once `fit` has succeeded (and `dispose` has not been called since). */
  get isFitted(): boolean {
    return this.#fitted !== null;
  }

  /**
   * Frees the WebAssembly memory holding the fitted parameters. The model returns to the
   * unfitted state and can be fitted again. Safe to call more than once.
   */
  dispose(): void {
    this.#replaceFitted(null);
  }

  /**
   * The fitted model as a plain JSON-ready object: a format name and version, the options
   * (callbacks are not stored) and the parameters. `JSON.stringify(model)` uses it.
   * @throws NotFittedError before `fit`.
   * @example
   * ```ts
   * const text = JSON.stringify(model);
   * const again = LogisticRegression.fromJSON(JSON.parse(text)); // predicts identically
   * ```
   */
  toJSON(): ModelDocument {
    const fitted = this.#state('toJSON');
    const coef = this.coef;
    const classWeight =
      this.classWeight === null || this.classWeight === 'balanced'
        ? this.classWeight
        : this.classWeight instanceof Map
          ? [...this.classWeight.entries()]
          : Object.entries(this.classWeight);
    return {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      options: {
        penalty: this.penalty,
        C: this.C === Infinity ? 'Infinity' : this.C,
        l1Ratio: this.l1Ratio,
        fitIntercept: this.fitIntercept,
        tol: this.tol,
        maxIter: this.maxIter,
        solver: this.solver,
        multiClass: this.multiClass,
        warmStart: this.warmStart,
        classWeight,
        learningRate: this.learningRate,
        recordLoss: this.recordLoss,
        batchSize: this.batchSize,
        shuffle: this.shuffle,
        randomState: typeof this.randomState === 'number' ? this.randomState : null,
        threads: this.threads,
        dtype: this.dtype,
        simd: this.simd,
      },
      model: {
        mode: fitted.mode,
        classes: [...fitted.classes],
        coef: coef.toArray(),
        intercept: Array.from(this.intercept),
        nIter: fitted.nIter,
        nIterPerProblem: [...fitted.nIterPerProblem],
        converged: fitted.converged,
      },
    };
  }

  /**
   * Rebuilds a fitted model from {@link LogisticRegression.toJSON}'s output (an object, or
   * its JSON text). The input is treated as untrusted and checked completely.
   * @throws TypeError or RangeError naming the first field that is missing, of the wrong
   * kind, inconsistent in shape, non-finite, from a newer format version, or not ours.
   */
  static fromJSON(input: unknown): LogisticRegression<Label> {
    let parsed = input;
    if (typeof input === 'string') {
      try {
        parsed = JSON.parse(input);
      } catch (cause) {
        throw new TypeError(`LogisticRegression.fromJSON: the text is not JSON (${(cause as Error).message})`, { cause });
      }
    }
    const { options, model } = readModelDocument(parsed);
    // toJSON always stores C; with penalty 'none' the default 1 says nothing, and keeping
    // it would make a refit warn that C is ignored.
    if (options['penalty'] === 'none' && options['C'] === 1) delete options['C'];
    const estimator = new LogisticRegression(options as LogisticRegressionOptions);
    // The stored model must be the one its options fit: a mode the options would not give
    // predicts one way now and fits another way on the next call.
    const fits = estimator.#mode(model.classes.length);
    if (model.mode !== fits) {
      throw new RangeError(
        `LogisticRegression.fromJSON: model.mode is '${model.mode}', but options.multiClass '${estimator.multiClass}' with ${model.classes.length} classes fits ${describeMode(fits)}`,
      );
    }
    estimator.#load(model);
    return estimator;
  }

  /**
   * Builds a fitted model from scikit-learn's attributes: `coef_` (1×d for two classes,
   * K×d otherwise), `intercept_` and `classes_`. `multiClass` is the estimator's
   * `multi_class` as it was resolved: for more than two classes 'multinomial' (what
   * 'auto' means for solver lbfgs) or 'ovr'; for two classes 'auto' and 'ovr' mean the
   * binary model and 'multinomial' the two-class softmax, softmax(−d, d).
   * @throws TypeError or RangeError for inconsistent shapes, non-finite values or bad labels.
   * @example
   * ```ts
   * const model = LogisticRegression.fromSklearn({ coef: [[0.5, -1.2]], intercept: [0.1], classes: [0, 1] });
   * ```
   */
  static fromSklearn<C extends readonly Label[]>(attributes: {
    coef: number[][];
    intercept: number[];
    classes: C;
    /** @default 'auto' */
    multiClass?: MultiClass;
  }): LogisticRegression<C[number]> {
    const multiClass = checkChoice(`${NAME}.fromSklearn`, 'multiClass', attributes.multiClass ?? 'auto', ['auto', 'multinomial', 'ovr'] as const);
    const estimator = new LogisticRegression<C[number]>({ multiClass });
    const mode = estimator.#mode(Array.isArray(attributes.classes) ? attributes.classes.length : 0);
    const model = readParameters({ ...attributes, mode }, 'attributes');
    estimator.#load(model);
    return estimator;
  }

  /**
   * The fitted model as ONNX bytes: an ai.onnx.ml LinearClassifier laid out as skl2onnx
   * exports scikit-learn's LogisticRegression (input `X`, float N×d; outputs `label` and
   * `probabilities`). Coefficients are stored as float32.
   * @throws NotFittedError before `fit`.
   */
  toOnnx(options?: OnnxExportOptions): Uint8Array {
    return parametersToOnnx(this.toJSON().model, options);
  }

  /**
   * Rebuilds a fitted model from ONNX bytes holding a LinearClassifier (binary,
   * multinomial or one-vs-rest). The bytes are treated as untrusted.
   * @throws RangeError naming an unsupported operator, or for malformed bytes,
   * inconsistent shapes or non-finite numbers.
   */
  static fromOnnx(bytes: Uint8Array): LogisticRegression<Label> {
    const { mode, classes, coef, intercept } = readOnnx(bytes);
    // For three or more classes 'multinomial' and 'auto' mean the same; for two,
    // 'multinomial' is the two-class softmax that toOnnx writes as SOFTMAX.
    const estimator = new LogisticRegression({ multiClass: mode === 'binary' ? 'auto' : mode });
    estimator.#load({ mode, classes, coef, intercept, nIter: 0, nIterPerProblem: new Array<number>(mode === 'ovr' ? classes.length : 1).fill(0), converged: true });
    return estimator;
  }

  #load(model: ModelParameters): void {
    const nFeatures = (model.coef[0] as number[]).length;
    const stride = nFeatures + 1;
    const params = new Float64Array(model.coef.length * stride);
    model.coef.forEach((row, k) => {
      params.set(row, k * stride);
      params[k * stride + nFeatures] = model.intercept[k] as number;
    });
    this.#commit(
      { params, blocks: model.coef.length, nIter: model.nIter, nIterPerProblem: model.nIterPerProblem, converged: model.converged, lossCurve: null },
      [...model.classes],
      model.mode,
      nFeatures,
    );
  }

  /** The validated `sampleWeight`, or null when absent. */
  #sampleWeights(sampleWeight: ArrayLike<number> | null, rows: number): Float64Array | null {
    if (sampleWeight === null) return null;
    if (typeof sampleWeight !== 'object' || typeof sampleWeight.length !== 'number') {
      throw new TypeError(`sampleWeight must be an array of numbers, got ${describeKind(sampleWeight)}`);
    }
    if (sampleWeight.length !== rows) {
      throw new RangeError(`sampleWeight has ${sampleWeight.length} values; X has ${rows} rows`);
    }
    const weights = new Float64Array(rows);
    let total = 0;
    for (let i = 0; i < rows; i++) {
      const w = sampleWeight[i];
      if (typeof w !== 'number') throw new TypeError(`sampleWeight has ${describeKind(w)} at index ${i}; expected a number`);
      if (!(w >= 0) || !Number.isFinite(w)) {
        throw new RangeError(`sampleWeight must be finite and ≥ 0; found ${String(w)} at index ${i}`);
      }
      weights[i] = w;
      total += w;
    }
    if (total === 0) throw new RangeError('sampleWeight is all zeros; at least one sample must have a positive weight');
    return weights;
  }

  /** The current parameters when they fit this problem's shape and classes, else zeros. */
  #startingPoint(mode: Mode, classes: Label[], cols: number, reuse: boolean): Float64Array {
    const blocks = mode === 'binary' ? 1 : classes.length;
    const previous = this.#fitted;
    const start = new Float64Array(blocks * (cols + 1));
    if (!(reuse && previous !== null && previous.mode === mode && previous.nFeatures === cols && sameLabels(previous.classes, classes))) {
      return start;
    }
    const stored = viewF64(previous.paramsPtr, previous.blocks * (cols + 1));
    if (previous.blocks === blocks) return stored.slice();
    // A two-class softmax is stored as one row θ; it trains as the two rows (−θ, θ).
    start.set(stored.map((v) => -v));
    start.set(stored, cols + 1);
    return start;
  }

  /** Runs the solver(s) from `warm` in the core `simd` names and returns blocks × (d + 1) parameters. */
  #train(
    staged: StagedMatrix,
    labels: EncodedLabels,
    sampleWeight: Float64Array | null,
    mode: Mode,
    warm: Float64Array,
    maxIter: number,
    warn: boolean,
  ): TrainedParams {
    if (this.simd === 'standard') return this.#trainIn(defaultCore, staged, labels, sampleWeight, mode, warm, maxIter, warn);
    const core = relaxedCore();
    const bytes = staged.rows * staged.cols * (staged.dtype === 'float32' ? 4 : 8);
    const X: StagedMatrix = { ...staged, ptr: core.copyFrom(defaultCore, staged.ptr, bytes), owned: true };
    try {
      return this.#trainIn(core, X, labels, sampleWeight, mode, warm, maxIter, warn);
    } finally {
      core.free(X.ptr);
    }
  }

  /** {@link LogisticRegression.#train} with X already in `core`'s memory. */
  #trainIn(
    core: Core,
    X: StagedMatrix,
    labels: EncodedLabels,
    sampleWeight: Float64Array | null,
    mode: Mode,
    warm: Float64Array,
    maxIter: number,
    warn: boolean,
  ): TrainedParams {
    const K = labels.classes.length;
    const blocks = mode === 'binary' ? 1 : K;

    const l1Share = this.penalty === 'l1' ? 1 : this.penalty === 'elasticnet' ? (this.l1Ratio as number) : 0;
    const l2Share = this.penalty === 'l2' ? 1 : this.penalty === 'elasticnet' ? 1 - (this.l1Ratio as number) : 0;
    const solver: CoreSolver = this.solver;
    /**
     * The core's problem, and `gradientScale`: the factor from the gradient of what the core
     * minimises, F/(C·Σsᵢ), to the gradient `tol` is judged on, F/C's (scikit-learn's
     * scale): Σsᵢ, or — when the weights had to be shifted into float64's range — the sum
     * of the weights divided by the largest (F/C of the rescaled problem, see combineWeights).
     */
    const problemFor = (
      target: Float64Array | Int32Array,
      problemBlocks: number,
      combined: CombinedWeights | null,
    ): { problem: CoreProblem; gradientScale: number } => {
      const weights = combined === null ? null : combined.weights;
      const exponent = combined === null ? 0 : combined.exponent;
      const sum = weights === null ? X.rows : weights.reduce((total, w) => total + w, 0);
      if (!(sum > 0)) {
        throw new RangeError('sampleWeight × classWeight is zero for every sample; at least one sample must have a positive weight');
      }
      // C·Σsᵢ = C·sum·2^exponent, computed in the order that stays in range.
      const product = Number.isFinite(this.C * sum) ? timesPowerOfTwo(this.C * sum, exponent) : timesPowerOfTwo(this.C, exponent) * sum;
      const strength = 1 / product;
      if ((l1Share > 0 || l2Share > 0) && !Number.isFinite(strength)) {
        throw new RangeError(
          `${NAME}: C = ${this.C} is too small: C × Σ sample weights is ${product === 0 ? "below float64's range" : String(product)}, which leaves no room for the loss; use a larger C`,
        );
      }
      // The core minimises (1/S)·Σ sᵢℓᵢ, which does not change when every weight is scaled
      // by one factor; scaling the largest to 1 keeps float32 sums of sᵢ·xᵢ from overflowing.
      let scaled = weights;
      if (weights !== null) {
        const largest = weights.reduce((m, w) => Math.max(m, w), 0);
        if (largest !== 1) scaled = weights.map((w) => w / largest);
      }
      const scaledSum = scaled === null ? X.rows : scaled.reduce((total, w) => total + w, 0);
      const problem: CoreProblem = {
        X,
        target,
        weights: scaled,
        blocks: problemBlocks,
        l2: l2Share === 0 ? 0 : l2Share * strength,
        l1: l1Share === 0 ? 0 : l1Share * strength,
        fitIntercept: this.fitIntercept,
        weightSum: scaledSum,
      };
      return { problem, gradientScale: exponent === 0 ? sum : scaledSum };
    };
    const random = solver === 'sgd' && this.shuffle ? this.#randomState() : null;
    // tol bounds the gradient of F/C, as scikit-learn's lbfgs and newton-cg do; the core's
    // gradient is `gradientScale` times smaller, so the core gets the tolerance t for which
    // its test gradMax ≤ t holds exactly when the reported gradNorm = gradMax·gradientScale
    // is ≤ tol. For 'sgd', tol applies to the mean sample loss of an epoch as it is.
    const runFor = (problem: number, gradientScale: number): CoreRun => ({
      solver,
      maxIter,
      tol: solver === 'sgd' ? this.tol : coreTolerance(this.tol, gradientScale),
      learningRate: this.learningRate,
      recordLoss: this.recordLoss,
      batchSize: this.batchSize,
      shuffle: random,
      threads: this.threads === 'auto' ? (X.rows * X.cols >= THREADS_BREAK_EVEN ? availableCores() : 1) : this.threads,
      core,
      warn: (message) => this.onWarning?.(message),
      onProgress:
        this.onIteration === null
          ? null
          : (iter: number, loss: number, gradientMax: number) =>
              this.onIteration?.({ iter, loss, gradNorm: gradientMax * gradientScale, problem }) !== false,
    });

    const stride = X.cols + 1;
    if (mode !== 'ovr') {
      // Binary targets are 0/1 with classes[1] positive; multinomial targets are class indices.
      // The class indices themselves: copied (converted) straight into the core.
      const target = labels.indices;
      const perClass = classWeights(this.classWeight, labels, labels.counts);
      const { problem, gradientScale } = problemFor(target, blocks, combineWeights(sampleWeight, perClass, labels.indices));
      const result = checkFinite(solve(problem, runFor(0, gradientScale), warm), this.solver);
      let params = result.params;
      if (mode === 'multinomial' && K === 2) params = halfDifference(params, stride);
      else if (mode === 'multinomial' && this.fitIntercept) centreIntercepts(params, blocks, stride);
      if (warn) this.#warnIfNotConverged(result.status, '');
      return {
        params,
        blocks: params.length / stride,
        nIter: result.nIter,
        nIterPerProblem: [result.nIter],
        converged: result.status === STATUS.converged,
        lossCurve: result.lossCurve,
      };
    }
    const params = new Float64Array(blocks * stride);
    const nIterPerProblem: number[] = [];
    let converged = true;
    for (let k = 0; k < K; k++) {
      const target = Float64Array.from(labels.indices, (c) => (c === k ? 1 : 0));
      // As in scikit-learn, 'balanced' is recomputed for each class-vs-rest problem.
      const positives = labels.counts[k] as number;
      const perClass =
        this.classWeight === 'balanced'
          ? classWeights('balanced', labels, Int32Array.from([X.rows - positives, positives]))
          : classWeights(this.classWeight, labels, labels.counts);
      const indices = this.classWeight === 'balanced' ? Int32Array.from(target) : labels.indices;
      const { problem, gradientScale } = problemFor(target, 1, combineWeights(sampleWeight, perClass, indices));
      const result = checkFinite(solve(problem, runFor(k, gradientScale), warm.subarray(k * stride, (k + 1) * stride)), this.solver);
      params.set(result.params, k * stride);
      nIterPerProblem.push(result.nIter);
      converged &&= result.status === STATUS.converged;
      if (warn) this.#warnIfNotConverged(result.status, ` (one-vs-rest, class ${formatLabel(labels.classes[k] as Label)})`);
    }
    return { params, blocks, nIter: nIterPerProblem.reduce((most, count) => Math.max(most, count), 0), nIterPerProblem, converged, lossCurve: null };
  }

  #warnIfNotConverged(status: number, where: string): void {
    if (this.onWarning === null) return;
    // tol = 0 asks for exactly maxIter iterations, so reaching it is no surprise.
    if (status === STATUS.maxIter && this.tol > 0 && this.solver === 'sgd') {
      this.onWarning(
        `${NAME}: solver 'sgd' ran maxIter = ${this.maxIter} epochs and the epoch loss was still improving by more than tol = ${this.tol}${where}; increase maxIter, or learningRate if the loss falls slowly`,
      );
    } else if (status === STATUS.maxIter && this.tol > 0) {
      this.onWarning(
        `${NAME}: solver '${this.solver}' reached maxIter = ${this.maxIter} before the gradient fell to tol = ${this.tol}${where}; increase maxIter or scale the features (StandardScaler)`,
      );
    } else if (status === STATUS.lineSearchFailed) {
      this.onWarning(
        `${NAME}: solver '${this.solver}' stopped because no step decreased the objective${where}; the result is as close to the optimum as float64 allows from here`,
      );
    }
  }

  #commit(trained: TrainedParams, classes: Label[], mode: Mode, nFeatures: number): void {
    const paramsPtr = copyIn(trained.params);
    this.#replaceFitted({
      paramsPtr,
      blocks: trained.blocks,
      nFeatures,
      classes,
      mode,
      nIter: trained.nIter,
      nIterPerProblem: trained.nIterPerProblem,
      converged: trained.converged,
      lossCurve: trained.lossCurve,
    });
  }

  #replaceFitted(next: FittedState | null): void {
    const previous = this.#fitted;
    if (previous !== null) free(previous.paramsPtr);
    this.#fitted = next;
    // The fitted state owns the parameters (freed once it is unreachable, or reclaimed by
    // an allocation that finds memory full): every reader of paramsPtr holds the state,
    // not necessarily the model.
    if (next !== null) adoptBlock(next, next.paramsPtr, next.blocks * (next.nFeatures + 1) * 8);
  }

  #state(what: string): FittedState {
    if (this.#fitted === null) throw new NotFittedError(what);
    return this.#fitted;
  }

  /** Decision values (probability = false) or probabilities for every row of X. */
  #scores(X: MatrixLike, what: string, probability: boolean): { values: Float64Array; rows: number; fitted: FittedState } {
    const fitted = this.#state(what);
    const { paramsPtr, nFeatures, blocks, mode } = fitted;
    let staged: StagedMatrix | undefined;
    let outPtr = 0;
    try {
      staged = stageMatrix(X, 'X');
      if (staged.cols !== nFeatures) {
        throw new RangeError(`${what}: X has ${staged.cols} columns; the model was fit with ${nFeatures}`);
      }
      const rows = staged.rows;
      // A two-class softmax model has one row θ; its probabilities are softmax(−x·θ, x·θ).
      const pairs = probability && mode === 'multinomial' && blocks === 1;
      const width = pairs ? 2 : blocks;
      const length = rows * width;
      outPtr = allocF64(length);
      core.decisionFunction(staged.ptr, rows, staged.cols, blocks, paramsPtr, outPtr);
      if (pairs) {
        // Spread d into (−d, d) in place, from the last row, so each d is read before its
        // slot is overwritten.
        const out = viewF64(outPtr, length);
        for (let i = rows - 1; i >= 0; i--) {
          const d = out[i] as number;
          out[2 * i + 1] = d;
          out[2 * i] = -d;
        }
      }
      if (probability && mode === 'multinomial') core.softmaxRows(outPtr, rows, width);
      else if (probability && mode === 'binary') core.sigmoidInPlace(outPtr, length);
      const values = viewF64(outPtr, length).slice();
      const bad = values.findIndex((v) => Number.isNaN(v));
      if (bad >= 0) {
        throw new RangeError(
          `${what}: X row ${Math.floor(bad / width)} gives a decision value that overflows float64 (x·w is ±Infinity or undefined); scale the features`,
        );
      }
      if (probability && mode === 'ovr') oneVsRestProba(values, rows, blocks);
      return { values, rows, fitted };
    } finally {
      release(staged);
      if (outPtr !== 0) free(outPtr);
    }
  }
}

interface TrainedParams {
  params: Float64Array;
  blocks: number;
  nIter: number;
  nIterPerProblem: readonly number[];
  converged: boolean;
  lossCurve: Float64Array | null;
}

function defaultWarning(message: string): void {
  console.warn(message);
}

/**
 * The `threads` option: 'auto', or an integer from 1 to 64 capped at the cores available
 * (threads beyond the cores only wait for one another: a pass ends when its slowest
 * thread does, and a descheduled thread holds up the whole pass).
 */
function checkThreads(value: unknown): number | 'auto' {
  if (value === 'auto') return value;
  return Math.min(checkInteger(NAME, 'threads', value, 1, 64), availableCores());
}

function checkCallback<T>(name: string, value: T): T {
  if (value !== null && typeof value !== 'function') {
    throw new TypeError(`${NAME}: ${name} must be a function or null, got ${describeKind(value)}`);
  }
  return value;
}

function checkClassWeight(value: unknown): ClassWeight | null {
  if (value === null || value === 'balanced') return value;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${NAME}: classWeight must be 'balanced', a Map or an object of label → weight, got ${describeKind(value)}`);
  }
  const entries: [unknown, unknown][] = value instanceof Map ? [...value.entries()] : Object.entries(value);
  for (const [key, weight] of entries) {
    const label = typeof key === 'string' ? `'${key}'` : String(key);
    if (typeof weight !== 'number') throw new TypeError(`${NAME}: classWeight for ${label} must be a number, got ${describeKind(weight)}`);
    if (!(weight >= 0) || !Number.isFinite(weight)) {
      throw new RangeError(`${NAME}: classWeight for ${label} must be a finite number ≥ 0, got ${String(weight)}`);
    }
  }
  return value as ClassWeight;
}

/**
 * Per-class weight factors, or null without class weighting. 'balanced' gives
 * n / (number of classes · count) for each entry of `counts`.
 * @throws RangeError for a weight given for an unknown label, or a bad weight.
 */
function classWeights(classWeight: ClassWeight | null, labels: EncodedLabels, counts: Int32Array): Float64Array | null {
  if (classWeight === null) return null;
  if (classWeight === 'balanced') {
    const total = counts.reduce((sum, c) => sum + c, 0);
    return Float64Array.from(counts, (count) => total / (counts.length * count));
  }
  const entries: [unknown, unknown][] = classWeight instanceof Map ? [...classWeight.entries()] : Object.entries(classWeight);
  const out = new Float64Array(labels.classes.length).fill(1);
  for (const [key, weight] of entries) {
    const k = labels.classes.findIndex((label) => label === key || String(label) === key);
    if (k < 0) {
      throw new RangeError(
        `classWeight has a weight for ${typeof key === 'string' ? `'${key}'` : String(key)}, which is not a label in y (labels: ${labels.classes.map(formatLabel).join(', ')})`,
      );
    }
    out[k] = weight as number; // checked by the constructor
  }
  return out;
}

/** The smallest normal float64, 2⁻¹⁰²². */
const MIN_NORMAL = 2.2250738585072014e-308;

/** Combined sample weights sᵢ = weights[i]·2^exponent. */
interface CombinedWeights {
  readonly weights: Float64Array;
  readonly exponent: number;
}

/**
 * sᵢ = sampleWeightᵢ × perClass[indexᵢ]; null when both are absent (all ones).
 *
 * The products are formed as they are (exponent 0) unless one of them, or their sum,
 * leaves float64's range: a product that overflows, one that underflows while both its
 * factors are positive, or a sum that overflows. Then each factor is first multiplied by a
 * power of two that brings its largest value near 1 (exact), so `weights` hold the same
 * products, shifted into range, and `exponent` records the shift. The model depends only
 * on C·sᵢ (F = C·Σ sᵢℓᵢ + r(w)), so dividing every sᵢ by the largest and multiplying C by it
 * leaves the optimum where it is; the caller does exactly that.
 */
function combineWeights(sampleWeight: Float64Array | null, perClass: Float64Array | null, indices: Int32Array): CombinedWeights | null {
  if (perClass === null && sampleWeight === null) return null;
  const product = (sample: Float64Array | null, classes: Float64Array | null): Float64Array =>
    classes === null
      ? (sample as Float64Array)
      : Float64Array.from(indices, (k, i) => (sample === null ? 1 : (sample[i] as number)) * (classes[k] as number));
  const plain = product(sampleWeight, perClass);
  let total = 0;
  let inRange = true;
  for (let i = 0; i < plain.length; i++) {
    const w = plain[i] as number;
    total += w;
    if (w === Infinity) inRange = false;
    // A product below the smallest normal float64 lost digits, or all of them, to underflow.
    else if (w < MIN_NORMAL && perClass !== null && (sampleWeight?.[i] ?? 1) !== 0 && perClass[indices[i] as number] !== 0) inRange = false;
  }
  if (inRange && total !== Infinity && (total >= MIN_NORMAL || total === 0)) return { weights: plain, exponent: 0 };
  const shift = (values: Float64Array | null): { values: Float64Array | null; exponent: number } => {
    if (values === null) return { values, exponent: 0 };
    const largest = values.reduce((m, w) => Math.max(m, w), 0);
    const exponent = largest > 0 ? Math.floor(Math.log2(largest)) : 0;
    return { values: values.map((w) => timesPowerOfTwo(w, -exponent)), exponent };
  };
  const sample = shift(sampleWeight);
  const classes = shift(perClass);
  return { weights: product(sample.values, classes.values), exponent: sample.exponent + classes.exponent };
}

/** x·2^k, exact unless the result leaves float64's range, with no spurious overflow or underflow on the way. */
function timesPowerOfTwo(x: number, k: number): number {
  let out = x;
  let rest = k;
  while (rest > 1000) {
    out *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    out *= 2 ** -1000;
    rest += 1000;
  }
  return out * 2 ** rest;
}

/**
 * The largest t ≥ 0 with fl(t·scale) ≤ tol: the core stops once its gradient is ≤ t,
 * which then holds exactly when the reported gradient, fl(gradient·scale), is ≤ tol.
 * (Exported for its test; not part of the package's API.)
 */
export function coreTolerance(tol: number, scale: number): number {
  // fl(t·scale) is non-decreasing in t, and so is t in its bit pattern for t ≥ 0: search
  // the largest pattern whose value passes (at most 64 halvings, whatever tol and scale;
  // stepping one ulp at a time from tol/scale would not end for tol 0 and scale < 1).
  const bits = new BigInt64Array(1);
  const value = new Float64Array(bits.buffer);
  const passes = (pattern: bigint): boolean => {
    bits[0] = pattern;
    return (value[0] as number) * scale <= tol;
  };
  value[0] = Number.MAX_VALUE;
  let high = bits[0] as bigint; // the largest pattern of a finite t
  if (passes(high)) return Number.MAX_VALUE;
  let low = 0n; // t = 0 always passes (tol ≥ 0)
  while (high - low > 1n) {
    const middle = (low + high) / 2n;
    if (passes(middle)) low = middle;
    else high = middle;
  }
  bits[0] = low;
  return value[0] as number;
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

/**
 * One-vs-rest probabilities from decision values, in place: each row's sigmoids divided
 * by their sum, as scikit-learn defines them, computed as exp(log σ(z_k) − log Σ σ(z_j))
 * so that rows whose sigmoids all underflow still get finite probabilities.
 */
function oneVsRestProba(values: Float64Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const row = values.subarray(i * cols, (i + 1) * cols);
    const logs = row.map(logSigmoid);
    const total = logSumExp(logs);
    for (let k = 0; k < cols; k++) row[k] = Math.exp((logs[k] as number) - total);
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

function sameLabels(a: readonly Label[], b: readonly Label[]): boolean {
  return a.length === b.length && a.every((label, i) => label === b[i]);
}
