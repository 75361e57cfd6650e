/**
 * The {@link LogisticRegression} class: the public methods, each a short composition of
 * the estimator's parts — options.ts (options, defaults, checks), train.ts (the fit
 * plan), scaling.ts (the objective the core minimises), fitted.ts (where the fitted
 * parameters live), probabilities.ts (predictions) and persistence.ts (JSON, scikit-learn
 * and ONNX forms) — and, for `summary`, src/inference/ (statistical inference).
 * @module
 */
import { type RandomState, checkRandomState } from '../datasets/random-state.js';
import { NotFittedError } from '../errors.js';
import { type FeatureMatrix, release, stageMatrix, stageMatrix32, type StagedMatrix } from '../core/stage.js';
import { type Label, encodeAgainst, encodeLabels, formatLabel } from '../validate/labels.js';
import type { Matrix } from '../matrix.js';
import { readFitInput } from './fit-input.js';
import { type ModelDocument, type ModelParameters, readParameters } from './model-json.js';
import { accuracy } from '../metrics/accuracy.js';
import { parametersToOnnx, type OnnxExportOptions } from '../onnx/export.js';
import { checkChoice, checkOptionNames } from '../validate/options.js';
import { FIT_WEIGHTS, readSampleWeight } from '../validate/weights.js';
import { type FittedState, coefOf, freeFitted, interceptOf, storeFitted, type TrainedParams, trainedFromParameters } from './fitted.js';
import {
  type EstimatorOptions,
  type FitOptions,
  type LogisticRegressionOptions,
  MULTI_CLASSES,
  type MultiClass,
  NAME,
  type PartialFitOptions,
  type ResolvedOptions,
  resolveOptions,
  warnIgnoredOptions,
} from './options.js';
import { checkStoredMode, modelDocument, onnxModel, parseModelDocument } from './persistence.js';
import { type FromSparkOptions, sparkReader } from './spark-registry.js';
import { logProbabilityMatrix, mostProbableLabels, probabilityMatrix, scores } from './probabilities.js';
import { classWeights } from './scaling.js';
import { modeFor, sameLabels, startingPoint, train, type TrainRequest } from './train.js';
import { parameterView } from '../core/predict.js';
import { mnlogitParameters } from '../inference/equations.js';
import { LogisticRegressionSummary, type SummaryOptions, type SummarySource, summarize } from '../inference/summary.js';

/**
 * @internal Gives `model` the parameters of a training run made outside `fit` (the SQL
 * pushdown of src/duckdb/pushdown.ts), as `fit` stores its own: the previous fit is freed.
 */
export let adoptTrained: (model: LogisticRegression, trained: TrainedParams, classes: Label[], mode: ModelParameters['mode'], nFeatures: number) => void;

/**
 * Every option, checked and with its default, is a property of the model, documented in
 * {@link LogisticRegressionOptions} (`model.C`, `model.solver`, …).
 */
export interface LogisticRegression<L extends Label = Label> extends EstimatorOptions {}

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
 */export class LogisticRegression<L extends Label = Label> {
  /** The options as the constructor accepted them. */
  readonly #options: ResolvedOptions;
  #fitted: FittedState | null = null;
  /** The generator of the current run of fit/partialFit calls (created from `randomState`). */
  #random: RandomState | null = null;
  /**
   * The data of the last fit, for `summary`: kept (by reference, not copied) only after an
   * unpenalised fit, the only kind a summary describes; null otherwise.
   */
  #training: SummarySource | null = null;

  /**
   * @param options see {@link LogisticRegressionOptions}.
   * @throws TypeError for an unknown option name or a value of the wrong kind; RangeError
   * for a value out of range or a penalty the solver does not support.
   */
  constructor(options: LogisticRegressionOptions = {}) {
    this.#options = resolveOptions(options);
    Object.assign(this, this.#options.values);
  }

  /**
   * The options this model was built with, checked and with defaults filled in (callbacks
   * included; `C` only when it was given, so that a model of penalty 'none' does not
   * warn about it): `new LogisticRegression(model.getParams())` is an unfitted copy, as
   * scikit-learn's `clone` makes.
   * @example
   * ```ts
   * const copy = new LogisticRegression({ ...model.getParams(), C: 10 });
   * ```
   */
  getParams(): LogisticRegressionOptions {
    const { C, ...rest } = this.#options.values;
    return this.#options.cGiven ? { C, ...rest } : rest;
  }

  /**
   * Trains on X (n×d) and y (n labels). X is dense (a Matrix or rows of numbers) or a
   * {@link CsrMatrix}, read in place with its own dtype whatever the `dtype` option (its
   * float32 values widen exactly; every mode and solver takes it). A failed call throws
   * and leaves the model as it was (including a previous fit).
   * @returns this model, typed by the labels of y (`LogisticRegression<number>` for
   * numeric y).
   * @throws TypeError for the wrong kind of X, y or option; RangeError for an empty X,
   * ragged rows, NaN/±Infinity (with row and column), a length mismatch, a single class,
   * bad sample weights or a class weight for an unknown label.
   */
  fit<T extends L>(X: FeatureMatrix, y: ArrayLike<T>, options: FitOptions = {}): LogisticRegression<T> {
    checkOptionNames(`${NAME}.fit`, options, ['sampleWeight']);
    warnIgnoredOptions(this.#options);
    const input = readFitInput(this.#options.values, X, y, options.sampleWeight ?? null);
    try {
      const { labels, mode } = input;
      const start = startingPoint(this.#fitted, mode, labels.classes, input.X.cols, this.warmStart);
      this.#random = null;
      this.#train({ ...input, start, maxIter: this.maxIter, warnUnconverged: true }, labels.classes);
      this.#training = this.#unpenalised()
        ? {
            X,
            dtype: input.X.dtype,
            rows: input.X.rows,
            target: labels.indices,
            weights: frequencyWeights(input.sampleWeight, classWeights(this.#options.values.classWeight, labels, labels.counts), labels.indices),
            fitIntercept: this.#options.values.fitIntercept,
          }
        : null;
      return this as unknown as LogisticRegression<T>;
    } finally {
      release(input.X);
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
  partialFit<T extends L>(X: FeatureMatrix, y: ArrayLike<T>, options: PartialFitOptions<T> = {}): LogisticRegression<T> {
    checkOptionNames(`${NAME}.partialFit`, options, ['classes', 'sampleWeight']);
    if (this.solver !== 'sgd') {
      throw new RangeError(`${NAME}.partialFit: needs solver 'sgd'; this model uses '${this.solver}'`);
    }
    const fitted = this.#fitted;
    if (fitted === null) warnIgnoredOptions(this.#options);
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
      const sampleWeight = sampleWeights(options.sampleWeight ?? null, staged.rows);
      classWeights(this.classWeight, labels, labels.counts);
      const mode = modeFor(this.multiClass, classes.length);
      const start = startingPoint(fitted, mode, classes, staged.cols, true);
      this.#train({ X: staged, labels, sampleWeight, mode, start, maxIter: 1, warnUnconverged: false }, classes);
      return this as unknown as LogisticRegression<T>;
    } finally {
      release(staged);
    }
  }

  /** Trains with this model's options and makes the result the fitted state. */
  #train(request: Omit<TrainRequest, 'options' | 'random'>, classes: Label[]): void {
    const trained = train({ ...request, options: this.#options.values, random: () => this.#randomState() });
    this.#commit(trained, classes, request.mode, request.X.cols);
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
  decisionFunction(X: FeatureMatrix): Float64Array {
    return scores(this.#state('decisionFunction'), X, 'decisionFunction', false).values;
  }

  /**
   * Class probabilities, n×K with columns in `classes` order (K = 2 for a binary model).
   * One-vs-rest models normalise the K sigmoids to sum to 1, as scikit-learn does; a
   * two-class multinomial model gives softmax(−d, d) of its decision value d, as
   * scikit-learn does.
   * @throws as {@link LogisticRegression.decisionFunction}.
   */
  predictProba(X: FeatureMatrix): Matrix {
    const fitted = this.#state('predictProba');
    return probabilityMatrix(fitted, scores(fitted, X, 'predictProba', true));
  }

  /**
   * Natural log of {@link LogisticRegression.predictProba}, n×K.
   * @throws as {@link LogisticRegression.decisionFunction}.
   */
  predictLogProba(X: FeatureMatrix): Matrix {
    const fitted = this.#state('predictLogProba');
    return logProbabilityMatrix(fitted, scores(fitted, X, 'predictLogProba', false));
  }

  /**
   * Predicted labels: the class with the highest probability (for a binary model,
   * classes[1] where P(classes[1]) > 0.5; the first class on exact ties).
   * @returns an array of n labels from `classes`.
   * @throws as {@link LogisticRegression.decisionFunction}.
   */
  predict(X: FeatureMatrix): L[] {
    return this.#predict(X, 'predict') as L[];
  }

  #predict(X: FeatureMatrix, what: string): Label[] {
    const fitted = this.#state(what);
    return mostProbableLabels(fitted, scores(fitted, X, what, true));
  }

  /**
   * Mean accuracy of `predict(X)` against y.
   * @throws as {@link LogisticRegression.predict}, and RangeError when y's length differs from X's rows.
   */
  score(X: FeatureMatrix, y: ArrayLike<Label>): number {
    return accuracy(y, this.#predict(X, 'score'));
  }

  /**
   * Weights: 1×d for a binary model and for a two-class multinomial one (as scikit-learn
   * stores it: the softmax's two rows are −w and w), K×d otherwise.
   * @throws NotFittedError before `fit`.
   */
  get coef(): Matrix {
    return coefOf(this.#state('coef'));
  }

  /**
   * Intercepts, one per row of {@link LogisticRegression.coef} (zeros when `fitIntercept`
   * is false). @throws NotFittedError before `fit`.
   */
  get intercept(): Float64Array {
    return interceptOf(this.#state('intercept'));
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
    return modelDocument(this.#options.values, this.#state('toJSON'));
  }

  /**
   * Rebuilds a fitted model from {@link LogisticRegression.toJSON}'s output (an object, or
   * its JSON text). The input is treated as untrusted and checked completely.
   * @throws TypeError or RangeError naming the first field that is missing, of the wrong
   * kind, inconsistent in shape, non-finite, from a newer format version, or not ours.
   */
  static fromJSON(input: unknown): LogisticRegression<Label> {
    const { options, model } = parseModelDocument(input);
    const estimator = new LogisticRegression(options);
    checkStoredMode(model, estimator.multiClass, modeFor(estimator.multiClass, model.classes.length));
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
    const multiClass = checkChoice(`${NAME}.fromSklearn`, 'multiClass', attributes.multiClass ?? 'auto', MULTI_CLASSES);
    const estimator = new LogisticRegression<C[number]>({ multiClass });
    const mode = modeFor(estimator.multiClass, Array.isArray(attributes.classes) ? attributes.classes.length : 0);
    estimator.#load(readParameters({ ...attributes, mode }, 'attributes'));
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
    const { model, multiClass } = onnxModel(bytes);
    const estimator = new LogisticRegression({ multiClass });
    estimator.#load(model);
    return estimator;
  }

  /**
   * Reads a Spark ML `LogisticRegressionModel` directory, as `model.write().save(path)`
   * writes it (`metadata/part-00000` and `data/part-….parquet`), into a fitted model whose
   * probabilities are Spark's: the coefficients and intercepts are read exactly as stored,
   * in float64. Classes are the numbers 0 … numClasses − 1 (Spark's labels 0.0, 1.0, …). A
   * binomial model is binary; a multinomial one is a softmax over its classes (for two
   * classes stored as one row, (w₁ − w₀)/2, as scikit-learn stores it).
   *
   * Needs the optional entry `logreg-wasm/parquet` and the package hyparquet (Node: the
   * directory is read with `node:fs`). When that entry was not imported, this imports it.
   * @param dir the model's directory (a local path).
   * @param options `ignoreThresholds`; see {@link FromSparkOptions}.
   * @returns a Promise of the fitted model.
   * @throws (the Promise rejects with) Error naming what to install when the entry or
   * hyparquet is missing; as `fromSpark` of `logreg-wasm/parquet` for a directory of
   * another model class, an unknown Spark version, missing or malformed files and
   * inconsistent shapes.
   * @example
   * ```ts
   * import { LogisticRegression } from 'logreg-wasm';
   * import 'logreg-wasm/parquet';
   * const model = await LogisticRegression.fromSpark('models/churn-lr'); // saved by Spark
   * model.predictProba(X); // Spark's `probability` column
   * ```
   */
  static async fromSpark(dir: string, options?: FromSparkOptions): Promise<LogisticRegression<number>> {
    const read = await sparkReader();
    return read(dir, options);
  }

  /**
   * The statistical summary of a model fitted by maximum likelihood (`penalty: 'none'`, or
   * `C: Infinity`): for every coefficient its estimate, standard error, z, two-sided
   * p-value, confidence interval and odds ratio; for the model the log-likelihoods, the
   * likelihood-ratio test against the intercept alone, pseudo R², AIC, BIC and deviances —
   * the numbers of statsmodels' `Logit(y, X).fit().summary()` (`MNLogit` for more than two
   * classes, each class against `classes[0]`) and R's `summary(glm(…, binomial))`.
   * `String(summary)` prints statsmodels' table; `summary.toJSON()` is the plain object.
   *
   * Computed on the data of the last `fit`, which the model keeps by reference (not a
   * copy) after an unpenalised fit; sample weights count as frequency weights (row i as sᵢ
   * observations), and class weights multiply them as in the fit. The estimates are the
   * fitted coefficients: fit with a tight `tol` (e.g. solver 'newton', tol 1e-10) so they
   * are the maximum-likelihood estimate to the printed digits; the summary warns when they
   * are not, and when the classes are (quasi-)separated.
   * @param options - `alpha`, `covType`, `groups`, `featureNames`; see {@link SummaryOptions}.
   * @throws NotFittedError before `fit`; RangeError for a penalised model, a model not
   * fitted by `fit` (loaded, or trained by `partialFit`), a one-vs-rest model of more than
   * two classes, alpha outside (0, 1), featureNames or groups of the wrong length, one
   * group, HC2/HC3 with more than two classes, completely separated classes or a singular
   * information matrix (naming the collinear columns), more than 2,048 parameters (the
   * inverse is O(p³) in JavaScript), or a training X whose shape changed since fit;
   * TypeError for options of the wrong kind; Error when the training X was disposed.
   * @example
   * ```ts
   * const model = new LogisticRegression({ penalty: 'none', solver: 'newton', tol: 1e-10 }).fit(X, y);
   * const summary = model.summary({ featureNames: ['age', 'dose'] });
   * console.log(String(summary));                        // statsmodels' table
   * summary.equations[0].coefficients[1].oddsRatio;      // exp(β_age)
   * model.summary({ covType: 'HC1' });                   // heteroskedasticity-robust errors
   * ```
   */
  summary(options: SummaryOptions = {}): LogisticRegressionSummary {
    const where = `${NAME}.summary`;
    const fitted = this.#state('summary');
    const { penalty, C, solver, fitIntercept, onWarning } = this.#options.values;
    if (!this.#unpenalised()) {
      throw new RangeError(
        `${where}: the model was fitted with penalty '${penalty}' at C = ${C}: a penalised estimate is biased towards 0 and has no maximum-likelihood standard errors; for inference fit with penalty 'none' (or C: Infinity), e.g. new LogisticRegression({ ...model.getParams(), penalty: 'none' }).fit(X, y)`,
      );
    }
    const training = this.#training;
    if (training === null) {
      throw new RangeError(`${where}: the summary needs the data of a fit, and this model was ${solver === 'sgd' ? 'trained by partialFit or ' : ''}loaded rather than fitted; call fit(X, y) first`);
    }
    const K = fitted.classes.length;
    const beta = mnlogitParameters(parameterView(fitted.params).slice(), fitted.blocks, K, fitted.mode);
    if (beta === null) {
      throw new RangeError(`${where}: a one-vs-rest model of ${K} classes is ${K} separate binary fits, not one likelihood; fit with multiClass 'multinomial' for statsmodels' MNLogit summary`);
    }
    const { threads } = this.#options.values;
    const warn = onWarning ?? ((): void => {});
    return summarize(where, { beta: stripIntercept(beta, fitted.nFeatures, fitIntercept), classes: fitted.classes, nFeatures: fitted.nFeatures, converged: fitted.converged, nIter: fitted.nIter, threads, warn }, training, options);
  }

  /** Whether the objective is the likelihood alone: penalty 'none', or any penalty at C = Infinity. */
  #unpenalised(): boolean {
    const { penalty, C } = this.#options.values;
    return penalty === 'none' || C === Infinity;
  }

  #load(model: ModelParameters): void {
    this.#commit(trainedFromParameters(model), [...model.classes], model.mode, (model.coef[0] as number[]).length);
  }

  #commit(trained: TrainedParams, classes: Label[], mode: ModelParameters['mode'], nFeatures: number): void {
    this.#replaceFitted(storeFitted(trained, classes, mode, nFeatures));
  }

  static {
    adoptTrained = (model, trained, classes, mode, nFeatures) => model.#commit(trained, classes, mode, nFeatures);
  }

  #replaceFitted(next: FittedState | null): void {
    this.#training = null;
    const previous = this.#fitted;
    if (previous !== null) freeFitted(previous);
    this.#fitted = next;
  }

  #state(what: string): FittedState {
    if (this.#fitted === null) throw new NotFittedError(what);
    return this.#fitted;
  }
}

/** Per-row frequency weights: sample weights times class weights (as the fit weighs rows), or null for ones. */
function frequencyWeights(sampleWeight: Float64Array | null, perClass: Float64Array | null, target: Int32Array): Float64Array | null {
  if (sampleWeight === null && perClass === null) return null;
  return Float64Array.from(target, (k, i) => (sampleWeight === null ? 1 : (sampleWeight[i] as number)) * (perClass === null ? 1 : (perClass[k] as number)));
}

/** β without its intercept entries when the model fits none (the core stores a zero intercept per block). */
function stripIntercept(beta: Float64Array, nFeatures: number, fitIntercept: boolean): Float64Array {
  if (fitIntercept) return beta;
  const blocks = beta.length / (nFeatures + 1);
  const out = new Float64Array(blocks * nFeatures);
  for (let k = 0; k < blocks; k++) out.set(beta.subarray(k * (nFeatures + 1), k * (nFeatures + 1) + nFeatures), k * nFeatures);
  return out;
}

/** The validated `sampleWeight`, or null when absent. */
function sampleWeights(sampleWeight: ArrayLike<number> | null, rows: number): Float64Array | null {
  return sampleWeight === null ? null : readSampleWeight(sampleWeight, rows, 'sampleWeight', FIT_WEIGHTS);
}
