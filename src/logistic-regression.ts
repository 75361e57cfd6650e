import { NotFittedError } from './errors.js';
import { type MatrixLike, release, stageBinaryLabels, stageMatrix, type StagedMatrix } from './input.js';
import { Matrix } from './matrix.js';
import { accuracy } from './metrics.js';
import { checkBoolean, checkChoice, checkInteger, checkNonNegative, checkOptionNames, checkPositive } from './options.js';
import { allocF64, core, free, viewF64 } from './wasm/runtime.js';

/** Training algorithms. `'gd'`: full-batch gradient descent with a fixed learning rate. */
export type Solver = 'gd';
/** Regularisation terms. `'none'`: the plain mean log-loss. */
export type Penalty = 'none';

/** Options of {@link LogisticRegression}; every field is optional. */
export interface LogisticRegressionOptions {
  /**
   * The training algorithm.
   * @default 'gd'
   */
  solver?: Solver;
  /**
   * The penalty added to the loss.
   * @default 'none'
   */
  penalty?: Penalty;
  /**
   * Step size of gradient descent: each iteration subtracts `learningRate` × gradient of
   * the mean log-loss. Finite and > 0.
   * @default 0.01
   */
  learningRate?: number;
  /**
   * Most iterations (updates) to run. An integer ≥ 1.
   * @default 1000
   */
  maxIter?: number;
  /**
   * Stop early once every entry of the gradient of the mean log-loss is at most `tol` in
   * absolute value. 0 runs all `maxIter` iterations.
   * @default 0
   */
  tol?: number;
  /**
   * Fit a bias term b; when false, b stays 0.
   * @default true
   */
  fitIntercept?: boolean;
  /**
   * Record the mean training log-loss of every iteration in {@link LogisticRegression.lossCurve}
   * (costs one `log` per row and iteration).
   * @default false
   */
  recordLoss?: boolean;
}

const OPTION_NAMES = ['solver', 'penalty', 'learningRate', 'maxIter', 'tol', 'fitIntercept', 'recordLoss'] as const;
const MAX_ITER_LIMIT = 2 ** 31 - 1;
const NAME = 'LogisticRegression';

interface FittedState {
  /** Byte offset of cols weights followed by the bias, in WebAssembly memory. */
  readonly paramsPtr: number;
  readonly nFeatures: number;
  readonly nIter: number;
  readonly lossCurve: Float64Array | null;
}

/** Frees the parameters of a model that was dropped without `dispose()`. */
const heldParams = new FinalizationRegistry<number>((ptr) => free(ptr));

/**
 * Binary logistic regression, trained in WebAssembly.
 *
 * The model is p(y = 1 | x) = σ(x · w + b) with σ(z) = 1 / (1 + e^(−z)). `fit` minimises
 * the mean log-loss (1/n) Σᵢ [log(1 + e^(zᵢ)) − yᵢ zᵢ] over w and b; the whole training
 * loop runs inside the WebAssembly core over X and y copied once into its memory (or read
 * in place when X is a {@link Matrix.alloc} matrix).
 *
 * Shapes: X is n×d (n samples, d features); y has n labels, each 0 or 1.
 *
 * @example
 * ```ts
 * import { LogisticRegression } from 'logreg-wasm';
 * const model = new LogisticRegression({ solver: 'gd', learningRate: 0.1, maxIter: 500 });
 * model.fit([[0, 1], [1, 0], [2, 1], [3, 0]], [0, 0, 1, 1]);
 * model.predict([[2.5, 0.5]]); // [1]
 * model.dispose();             // optional: frees the parameters now rather than at GC
 * ```
 */
export class LogisticRegression {
  /** The training algorithm. */
  readonly solver: Solver;
  /** The penalty. */
  readonly penalty: Penalty;
  /** Gradient-descent step size. */
  readonly learningRate: number;
  /** Most iterations per fit. */
  readonly maxIter: number;
  /** Gradient tolerance for stopping early. */
  readonly tol: number;
  /** Whether a bias is fitted. */
  readonly fitIntercept: boolean;
  /** Whether the per-iteration loss is recorded. */
  readonly recordLoss: boolean;

  #fitted: FittedState | null = null;

  /**
   * @param options see {@link LogisticRegressionOptions}.
   * @throws TypeError for an unknown option name or a value of the wrong kind; RangeError
   * for a value out of range (e.g. `learningRate` ≤ 0, `maxIter` not an integer ≥ 1).
   */
  constructor(options: LogisticRegressionOptions = {}) {
    checkOptionNames(NAME, options, OPTION_NAMES);
    this.solver = checkChoice(NAME, 'solver', options.solver ?? 'gd', ['gd'] as const);
    this.penalty = checkChoice(NAME, 'penalty', options.penalty ?? 'none', ['none'] as const);
    this.learningRate = checkPositive(NAME, 'learningRate', options.learningRate ?? 0.01);
    this.maxIter = checkInteger(NAME, 'maxIter', options.maxIter ?? 1000, 1, MAX_ITER_LIMIT);
    this.tol = checkNonNegative(NAME, 'tol', options.tol ?? 0);
    this.fitIntercept = checkBoolean(NAME, 'fitIntercept', options.fitIntercept ?? true);
    this.recordLoss = checkBoolean(NAME, 'recordLoss', options.recordLoss ?? false);
  }

  /**
   * Trains on X (n×d) and y (n labels in {0, 1}), starting from w = 0, b = 0.
   * A failed call throws and leaves the model exactly as it was.
   * @returns this model.
   * @throws TypeError for the wrong kind of X or y; RangeError for an empty X, ragged
   * rows, NaN/±Infinity (with row and column), a length mismatch, or a label not 0/1.
   */
  fit(X: MatrixLike, y: ArrayLike<number>): this {
    let staged: StagedMatrix | undefined;
    let labelsPtr = 0;
    let gradPtr = 0;
    let lossPtr = 0;
    let paramsPtr = 0;
    try {
      staged = stageMatrix(X, 'X');
      const { rows, cols } = staged;
      labelsPtr = stageBinaryLabels(y, rows, 'y');
      paramsPtr = allocF64(cols + 1);
      gradPtr = allocF64(cols + 1);
      if (this.recordLoss) lossPtr = allocF64(this.maxIter);
      viewF64(paramsPtr, cols + 1).fill(0);
      const nIter = core.gradientDescent(
        staged.ptr,
        labelsPtr,
        rows,
        cols,
        paramsPtr,
        gradPtr,
        this.learningRate,
        this.maxIter,
        this.tol,
        this.fitIntercept,
        lossPtr,
      );
      const lossCurve = lossPtr === 0 ? null : viewF64(lossPtr, Math.min(nIter + 1, this.maxIter)).slice();
      this.#replaceFitted({ paramsPtr, nFeatures: cols, nIter, lossCurve });
      paramsPtr = 0;
      return this;
    } finally {
      release(staged);
      for (const ptr of [labelsPtr, gradPtr, lossPtr, paramsPtr]) if (ptr !== 0) free(ptr);
    }
  }

  /**
   * Decision values z = X · w + b, one per row of X (n×d).
   * @returns a Float64Array of length n.
   * @throws NotFittedError before `fit`; RangeError when X has the wrong number of columns
   * (or is empty or non-finite); TypeError for the wrong kind of X.
   */
  decisionFunction(X: MatrixLike): Float64Array {
    return this.#linear(X, 'decisionFunction', false);
  }

  /**
   * Class probabilities, n×2: column 0 is P(y = 0), column 1 is P(y = 1), in the order
   * of {@link LogisticRegression.classes}.
   * @throws as {@link LogisticRegression.decisionFunction}.
   */
  predictProba(X: MatrixLike): Matrix {
    const positive = this.#linear(X, 'predictProba', true);
    const out = new Float64Array(positive.length * 2);
    for (let i = 0; i < positive.length; i++) {
      const p = positive[i] as number;
      out[2 * i] = 1 - p;
      out[2 * i + 1] = p;
    }
    return Matrix.from(out, positive.length, 2);
  }

  /**
   * Predicted labels: 1 where P(y = 1) > 0.5, else 0.
   * @returns an array of length n.
   * @throws as {@link LogisticRegression.decisionFunction}.
   */
  predict(X: MatrixLike): number[] {
    const positive = this.#linear(X, 'predict', true);
    return Array.from(positive, (p) => (p > 0.5 ? 1 : 0));
  }

  /**
   * Mean accuracy of `predict(X)` against y.
   * @throws as {@link LogisticRegression.predict}, and RangeError when y's length differs from X's rows.
   */
  score(X: MatrixLike, y: ArrayLike<number>): number {
    return accuracy(y, this.predict(X));
  }

  /** Weights, 1×d. @throws NotFittedError before `fit`. */
  get coef(): Matrix {
    const { paramsPtr, nFeatures } = this.#state('coef');
    return Matrix.from(viewF64(paramsPtr, nFeatures).slice(), 1, nFeatures);
  }

  /** The bias b, as an array of length 1 (0 when `fitIntercept` is false). @throws NotFittedError before `fit`. */
  get intercept(): Float64Array {
    const { paramsPtr, nFeatures } = this.#state('intercept');
    return viewF64(paramsPtr + nFeatures * 8, 1).slice();
  }

  /** The labels in the order of `predictProba`'s columns: `[0, 1]`. @throws NotFittedError before `fit`. */
  get classes(): number[] {
    this.#state('classes');
    return [0, 1];
  }

  /** Number of features seen by `fit`. @throws NotFittedError before `fit`. */
  get nFeaturesIn(): number {
    return this.#state('nFeaturesIn').nFeatures;
  }

  /** Updates made by the last `fit` (< `maxIter` when it stopped on `tol`). @throws NotFittedError before `fit`. */
  get nIter(): number {
    return this.#state('nIter').nIter;
  }

  /**
   * With `recordLoss`, the mean training log-loss at the start of each iteration
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

  #replaceFitted(next: FittedState | null): void {
    const previous = this.#fitted;
    if (previous !== null) {
      heldParams.unregister(this);
      free(previous.paramsPtr);
    }
    this.#fitted = next;
    if (next !== null) heldParams.register(this, next.paramsPtr, this);
  }

  #state(what: string): FittedState {
    if (this.#fitted === null) throw new NotFittedError(what);
    return this.#fitted;
  }

  /** z = Xw + b for every row, or σ(z) with `probability`. */
  #linear(X: MatrixLike, what: string, probability: boolean): Float64Array {
    const { paramsPtr, nFeatures } = this.#state(what);
    let staged: StagedMatrix | undefined;
    let outPtr = 0;
    try {
      staged = stageMatrix(X, 'X');
      if (staged.cols !== nFeatures) {
        throw new RangeError(`${what}: X has ${staged.cols} columns; the model was fit with ${nFeatures}`);
      }
      outPtr = allocF64(staged.rows);
      core.decisionFunction(staged.ptr, staged.rows, staged.cols, paramsPtr, outPtr);
      if (probability) core.sigmoidInPlace(outPtr, staged.rows);
      return viewF64(outPtr, staged.rows).slice();
    } finally {
      release(staged);
      if (outPtr !== 0) free(outPtr);
    }
  }
}
