/**
 * {@link LogisticRegressionCV}: logistic regression whose C (and l1 ratio) is chosen by
 * cross-validation over warm-started regularisation paths, as scikit-learn 1.2.1's
 * `LogisticRegressionCV` chooses it. The search itself is in cv-search.ts; this file holds
 * the options, the fitted attributes, prediction (by a LogisticRegression made of the
 * final parameters) and the JSON form.
 * @module
 */
import type { FeatureMatrix } from '../core/stage.js';
import { NotFittedError } from '../errors.js';
import { checkDtypeServesMode } from '../estimator/fit-input.js';
import { LogisticRegression } from '../estimator/logistic-regression.js';
import { MODEL_FORMAT, MODEL_VERSION, type ModelMode, type ModelParameters, readParameters } from '../estimator/model-json.js';
import {
  type ClassWeight,
  type EstimatorOptions,
  type LogisticRegressionOptions,
  type MultiClass,
  OPTION_NAMES,
  optionsToJSON,
  resolveOptions,
} from '../estimator/options.js';
import { classWeights } from '../estimator/scaling.js';
import { modeFor } from '../estimator/train.js';
import type { Matrix } from '../matrix.js';
import { CsrMatrix } from '../sparse/csr-matrix.js';
import { isArrayLike } from '../validate/array-like.js';
import { describeKind, describeValue } from '../validate/describe.js';
import { type EncodedLabels, type Label, encodeLabels, formatLabel } from '../validate/labels.js';
import { checkBoolean, checkInteger, checkOptionNames } from '../validate/options.js';
import { FIT_WEIGHTS, readSampleWeight } from '../validate/weights.js';
import { readCs } from './cs.js';
import { type Cv, readFolds } from './cv.js';
import { checkPerSample } from './fold.js';
import { coreSource } from './fold-data.js';
import { type ProblemResult, runSearch } from './cv-search.js';
import { readScoring, type Scoring, type ScoringFunction, type ScoringName } from './scoring.js';

const NAME = 'LogisticRegressionCV';

/**
 * Options of {@link LogisticRegressionCV}: those of {@link LogisticRegressionOptions} but
 * `C`, `l1Ratio` and `warmStart` (which the search sets), and the search's own.
 */
export interface LogisticRegressionCVOptions extends Omit<LogisticRegressionOptions, 'C' | 'l1Ratio' | 'warmStart'> {
  /**
   * The grid of C: a count n gives n values log-spaced from 10⁻⁴ to 10⁴ (numpy's
   * `logspace(-4, 4, n)`), or an array of finite values > 0, searched in the order given.
   * @default 10
   */
  Cs?: number | ArrayLike<number>;
  /**
   * How to cut the data into folds: a number k of stratified folds (StratifiedKFold
   * without shuffling), a splitter, or the folds themselves.
   * @default 5
   */
  cv?: Cv;
  /**
   * The l1 ratios to search with penalty 'elasticnet' (required then, each in [0, 1]);
   * must be null for the other penalties.
   * @default null
   */
  l1Ratios?: ArrayLike<number> | null;
  /**
   * The score that chooses C, on the held-out rows of each fold: a scorer's name as
   * scikit-learn spells it or a function (greater is better); null: accuracy.
   * @default null
   */
  scoring?: Scoring | null;
  /**
   * Refit on all rows at the best grid point (best mean score over folds), starting from
   * the mean of the folds' solutions there; false: average the folds' best solutions (and
   * their C and l1 ratio) instead, as scikit-learn does.
   * @default true
   */
  refit?: boolean;
}

/** A grid of cross-validation results for one class: folds × Cs, or folds × Cs × l1Ratios with penalty 'elasticnet'. */
export type CvGrid = number[][] | number[][][];

/** Options of {@link LogisticRegressionCV.fit}. */
export interface LogisticRegressionCVFitOptions {
  /**
   * Weight per sample, finite and ≥ 0, not all zero: used by every fit (each fold's
   * rows of it) and not by the scorer, as in scikit-learn 1.2.
   * @default null
   */
  sampleWeight?: ArrayLike<number> | null;
  /**
   * Group of each sample, for a splitter `cv` that keeps groups apart (GroupKFold).
   * @default null
   */
  groups?: ArrayLike<unknown> | null;
}

/** What the search found; see the attributes of {@link LogisticRegressionCV}. */
interface SearchState {
  readonly C: Float64Array;
  readonly l1Ratio: Float64Array | null;
  readonly scores: Map<Label, CvGrid>;
  readonly coefsPaths: Map<Label, number[][][] | number[][][][]> | null;
  readonly nIter: number[][][] | number[][][][];
}

const OWN_OPTIONS = ['Cs', 'cv', 'l1Ratios', 'scoring', 'refit'] as const;
const SHARED_OPTIONS = OPTION_NAMES.filter((name) => name !== 'C' && name !== 'l1Ratio' && name !== 'warmStart');

/** The JSON form's format name. */
export const CV_MODEL_FORMAT = 'logreg-wasm/logistic-regression-cv';
const CV_MODEL_VERSION = 1;

/**
 * Logistic regression with C (and, for elastic-net, the l1 ratio) chosen by
 * cross-validation: scikit-learn 1.2.1's `LogisticRegressionCV`, camelCased. For each
 * fold and each problem (one per class for one-vs-rest, one otherwise) it fits a
 * warm-started path over the grid `Cs` (see {@link logisticRegressionPath}), scores each
 * point on the fold's held-out rows, picks the grid point with the best score summed over
 * folds (per class for one-vs-rest), and refits on all rows there. Given the same folds
 * and solved to tight tolerance, its scores, choices and coefficients equal
 * scikit-learn's.
 *
 * Class weights `'balanced'` are computed once from all of y (as scikit-learn does here,
 * unlike LogisticRegression's one-vs-rest, which balances each class-vs-rest problem).
 *
 * @example
 * ```ts
 * import { LogisticRegressionCV } from 'logreg-wasm';
 * const model = new LogisticRegressionCV({ Cs: 10, cv: 5, scoring: 'neg_log_loss' }).fit(X, y);
 * model.C;           // Float64Array [0.359…]: the chosen C (one per class for one-vs-rest)
 * model.scores.get(1); // 5 folds × 10 Cs of held-out scores
 * model.predict(XNew);
 * ```
 */
export class LogisticRegressionCV<L extends Label = Label> {
  readonly #options: EstimatorOptions;
  readonly #given: LogisticRegressionCVOptions;
  readonly #Cs: Float64Array;
  readonly #l1Ratios: Float64Array | null;
  readonly #cv: Cv;
  readonly #scoring: ScoringFunction;
  readonly #scoringName: ScoringName | null;
  readonly #refit: boolean;
  #model: LogisticRegression<L> | null = null;
  #search: SearchState | null = null;

  /**
   * @param options see {@link LogisticRegressionCVOptions}.
   * @throws TypeError for an unknown option or a value of the wrong kind; RangeError for
   * an empty or non-positive `Cs`, `l1Ratios` outside [0, 1], missing with 'elasticnet'
   * or given with another penalty, penalty 'none' (no C to choose), a `cv` below 2, an
   * unknown scoring name, and every option LogisticRegression rejects.
   */
  constructor(options: LogisticRegressionCVOptions = {}) {
    checkOptionNames(NAME, options, [...OWN_OPTIONS, ...SHARED_OPTIONS]);
    const { Cs = 10, cv: cvGiven, l1Ratios = null, scoring = null, refit = true, ...shared } = options;
    const cv = cvGiven ?? 5;
    this.#Cs = readCs(NAME, Cs);
    const penalty = shared.penalty ?? 'l2';
    if (penalty === 'none') throw new RangeError(`${NAME}: penalty 'none' has no C to choose; use LogisticRegression, or penalty 'l2', 'l1' or 'elasticnet'`);
    this.#l1Ratios = readL1Ratios(l1Ratios, penalty);
    this.#options = renamed(() => resolveOptions({ ...shared, l1Ratio: this.#l1Ratios?.[0] ?? null }).values);
    this.#cv = checkCv(cv);
    this.#scoringName = typeof scoring === 'string' ? (scoring as ScoringName) : null;
    this.#scoring = readScoring(NAME, 'scoring', scoring ?? 'accuracy');
    this.#refit = checkBoolean(NAME, 'refit', refit);
    // A copy, so that later changes to the caller's arrays reach neither this model nor its copies.
    this.#given = {
      ...options,
      ...(typeof Cs === 'number' ? {} : { Cs: Array.from(this.#Cs) }),
      ...(this.#l1Ratios === null || options.l1Ratios == null ? {} : { l1Ratios: Array.from(this.#l1Ratios) }),
    };
  }

  /** The options as given to the constructor: `new LogisticRegressionCV(model.getParams())` is an unfitted copy. */
  getParams(): LogisticRegressionCVOptions {
    return { ...this.#given };
  }

  /**
   * Runs the search on X (n×d, dense or a CsrMatrix) and y (n labels), then refits.
   * A failed call throws and leaves the model as it was.
   * @returns this model, typed by the labels of y.
   * @throws TypeError for the wrong kind of X, y or option; RangeError for the inputs
   * `LogisticRegression.fit` rejects, a bad fold, a training fold without some class,
   * or a scorer's refusal.
   */
  fit<T extends L>(X: FeatureMatrix, y: ArrayLike<T>, options: LogisticRegressionCVFitOptions = {}): LogisticRegressionCV<T> {
    checkOptionNames(`${NAME}.fit`, options, ['sampleWeight', 'groups']);
    // X checked and held in the core's memory once, for every fold and the refit.
    const source = coreSource(X, this.#options.dtype);
    const { rows: n, cols: d } = source;
    let results: ProblemResult[];
    let labels: EncodedLabels;
    let mode: ModelMode;
    try {
      labels = encodeLabels(y, n, 'y');
      const K = labels.classes.length;
      if (K < 2) throw new RangeError(`y has a single class (${formatLabel(labels.classes[0] as Label)}); at least two classes are needed to fit`);
      const sampleWeight = options.sampleWeight == null ? null : readSampleWeight(options.sampleWeight, n, 'sampleWeight', FIT_WEIGHTS);
      const groups = options.groups ?? null;
      checkPerSample(`${NAME}.fit`, 'groups', groups, n);
      const perClass = classWeights(this.#options.classWeight, labels, labels.counts);
      const weights = rowWeights(sampleWeight, perClass, labels.indices);
      mode = modeFor(this.#options.multiClass, K);
      checkDtypeServesMode(NAME, this.#options.dtype, X instanceof CsrMatrix, mode, K);
      const folds = readFolds(`${NAME}.fit`, this.#cv, n, y, groups, this.#options.onWarning);
      const l1Ratios = this.#l1Ratios === null ? [null] : Array.from(this.#l1Ratios);
      results = runSearch({
        X: source.X,
        classIndex: labels.indices,
        classes: labels.classes,
        weights,
        mode,
        folds,
        Cs: this.#Cs,
        l1Ratios,
        scorer: this.#scoring,
        refit: this.#refit,
        options: this.#options,
      });
    } finally {
      source.dispose();
    }
    const model = finalModel<T>(results, labels.classes as T[], mode, d, this.#options.fitIntercept);
    this.#model?.dispose();
    this.#model = model as unknown as LogisticRegression<L>;
    this.#search = searchState(results, labels.classes, mode, this.#l1Ratios !== null, this.#options.fitIntercept);
    return this as unknown as LogisticRegressionCV<T>;
  }

  /** The grid of C searched (from the `Cs` option). */
  get Cs(): Float64Array {
    return this.#Cs.slice();
  }

  /** The l1 ratios searched (from the `l1Ratios` option), or null without elastic-net. */
  get l1Ratios(): Float64Array | null {
    return this.#l1Ratios?.slice() ?? null;
  }

  /**
   * The chosen C, one per class for one-vs-rest (per class chosen apart) and for a
   * softmax model (the same value repeated), one for a binary model; without `refit`, the
   * mean over folds of each fold's best C.
   * @throws NotFittedError before `fit`.
   */
  get C(): Float64Array {
    return this.#searched('C').C.slice();
  }

  /** The chosen l1 ratio, shaped as {@link LogisticRegressionCV.C}; null without elastic-net. */
  get l1Ratio(): Float64Array | null {
    return this.#searched('l1Ratio').l1Ratio?.slice() ?? null;
  }

  /**
   * Held-out scores per class label (for a binary model, the second class; for a softmax
   * model the same grid under every class): folds × Cs, or folds × Cs × l1Ratios.
   * @throws NotFittedError before `fit`.
   */
  get scores(): Map<Label, CvGrid> {
    return new Map(this.#searched('scores').scores);
  }

  /**
   * The path of every fold per class label: folds × Cs × (d + 1) values (the weights,
   * then the intercept; d values without `fitIntercept`), with an l1Ratios axis before
   * the last for elastic-net; for a softmax model, each class's row. Null for a model read by `fromJSON` (not stored).
   * @throws NotFittedError before `fit`.
   */
  get coefsPaths(): Map<Label, number[][][] | number[][][][]> | null {
    const paths = this.#searched('coefsPaths').coefsPaths;
    return paths === null ? null : new Map(paths);
  }

  /**
   * The solver's iterations: problems × folds × Cs (× l1Ratios), where problems is one
   * per class for one-vs-rest and 1 otherwise.
   * @throws NotFittedError before `fit`.
   */
  get nIter(): number[][][] | number[][][][] {
    return structuredClone(this.#searched('nIter').nIter);
  }

  /** The final weights: 1×d for a binary model, K×d otherwise. @throws NotFittedError before `fit`. */
  get coef(): Matrix {
    return this.#fitted('coef').coef;
  }

  /** The final intercepts, one per coefficient row. @throws NotFittedError before `fit`. */
  get intercept(): Float64Array {
    return this.#fitted('intercept').intercept;
  }

  /** The sorted labels of y. @throws NotFittedError before `fit`. */
  get classes(): L[] {
    return this.#fitted('classes').classes;
  }

  /** Columns of the X given to fit. @throws NotFittedError before `fit`. */
  get nFeaturesIn(): number {
    return this.#fitted('nFeaturesIn').nFeaturesIn;
  }

  /** Whether `fit` (or `fromJSON`) has made this model usable. */
  get isFitted(): boolean {
    return this.#model !== null;
  }

  /** As {@link LogisticRegression.decisionFunction}. */
  decisionFunction(X: FeatureMatrix): Float64Array {
    return this.#fitted('decisionFunction').decisionFunction(X);
  }

  /** As {@link LogisticRegression.predictProba}. */
  predictProba(X: FeatureMatrix): Matrix {
    return this.#fitted('predictProba').predictProba(X);
  }

  /** As {@link LogisticRegression.predictLogProba}. */
  predictLogProba(X: FeatureMatrix): Matrix {
    return this.#fitted('predictLogProba').predictLogProba(X);
  }

  /** As {@link LogisticRegression.predict}. */
  predict(X: FeatureMatrix): L[] {
    return this.#fitted('predict').predict(X);
  }

  /**
   * The `scoring` of this model on X and y (accuracy when it is null), as scikit-learn's
   * `LogisticRegressionCV.score`; `sampleWeight` weighs the rows.
   * @throws as {@link LogisticRegression.predict}, and what the scorer throws.
   */
  score(X: FeatureMatrix, y: ArrayLike<Label>, sampleWeight: ArrayLike<number> | null = null): number {
    const model = this.#fitted('score');
    const weights = sampleWeight === null ? null : readSampleWeight(sampleWeight, y.length, 'sampleWeight', FIT_WEIGHTS);
    return this.#scoring(model, X, y, weights, this.#options.onWarning);
  }

  /** Frees the final model's parameters; the model is then unfitted. Safe to call more than once. */
  dispose(): void {
    this.#model?.dispose();
    this.#model = null;
    this.#search = null;
  }

  /**
   * The fitted model as a JSON-ready object: the options (callbacks, a splitter `cv` and a
   * scoring function are not stored), the search's results but `coefsPaths`, and the
   * final parameters.
   * @throws NotFittedError before `fit`.
   */
  toJSON(): CvModelDocument {
    const model = this.#fitted('toJSON');
    const search = this.#searched('toJSON');
    const options: Record<string, unknown> = optionsToJSON(this.#options);
    delete options['C'];
    delete options['l1Ratio'];
    delete options['warmStart'];
    Object.assign(options, {
      Cs: Array.from(this.#Cs),
      cv: typeof this.#cv === 'number' ? this.#cv : null,
      l1Ratios: this.#l1Ratios === null ? null : Array.from(this.#l1Ratios),
      scoring: this.#scoringName,
      refit: this.#refit,
    });
    return {
      format: CV_MODEL_FORMAT,
      version: CV_MODEL_VERSION,
      options,
      search: {
        C: Array.from(search.C),
        l1Ratio: search.l1Ratio === null ? null : Array.from(search.l1Ratio),
        scores: [...search.scores.entries()],
        nIter: search.nIter,
      },
      model: model.toJSON().model,
    };
  }

  /**
   * Rebuilds a fitted model from {@link LogisticRegressionCV.toJSON}'s output (an object
   * or its JSON text), checked as untrusted input. `coefsPaths` is null on the result.
   * @throws TypeError or RangeError naming the first field that is missing, of the wrong
   * kind or inconsistent.
   */
  static fromJSON(input: unknown): LogisticRegressionCV<Label> {
    const where = `${NAME}.fromJSON`;
    let doc = input;
    if (typeof input === 'string') {
      try {
        doc = JSON.parse(input);
      } catch (cause) {
        throw new TypeError(`${where}: the text is not JSON (${(cause as Error).message})`, { cause });
      }
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new TypeError(`${where}: expected an object, got ${describeKind(doc)}`);
    const record = doc as Record<string, unknown>;
    if (record['format'] !== CV_MODEL_FORMAT) throw new RangeError(`${where}: format must be '${CV_MODEL_FORMAT}', got ${describeValue(record['format'])}`);
    if (record['version'] !== CV_MODEL_VERSION) throw new RangeError(`${where}: version must be ${CV_MODEL_VERSION}, got ${describeValue(record['version'])}`);
    const options = objectField(record, 'options', where);
    const search = objectField(record, 'search', where);
    const { cv, scoring, classWeight, ...rest } = options;
    const estimator = new LogisticRegressionCV({
      ...(rest as LogisticRegressionCVOptions),
      ...(classWeight === undefined ? {} : { classWeight: storedClassWeight(classWeight, where) }),
      ...(cv === null || cv === undefined ? {} : { cv: cv as number }),
      ...(scoring === null || scoring === undefined ? {} : { scoring: scoring as Scoring }),
    });
    const model = LogisticRegression.fromJSON({
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      options: { multiClass: estimator.#options.multiClass },
      model: objectField(record, 'model', where),
    });
    const parameters: ModelParameters = readParameters(objectField(record, 'model', where), 'model');
    const problems = parameters.mode === 'ovr' ? parameters.classes.length : 1;
    const C = numberList(search['C'], `${where}: search.C`, parameters.classes.length === 2 ? 1 : parameters.classes.length, (v) => v > 0);
    const l1Ratio = search['l1Ratio'] === null ? null : numberList(search['l1Ratio'], `${where}: search.l1Ratio`, C.length, (v) => v >= 0 && v <= 1);
    if ((l1Ratio === null) !== (estimator.#l1Ratios === null)) throw new RangeError(`${where}: search.l1Ratio must be ${estimator.#l1Ratios === null ? 'null' : 'an array'} for penalty '${estimator.#options.penalty}'`);
    const shape = { Cs: estimator.#Cs.length, l1Ratios: estimator.#l1Ratios?.length ?? null };
    const scores = scoreEntries(search['scores'], `${where}: search.scores`, parameters.classes, shape);
    const folds = (scores.values().next().value as unknown[]).length;
    const nIterValue = search['nIter'];
    if (!Array.isArray(nIterValue) || nIterValue.length !== problems) throw new RangeError(`${where}: search.nIter must be an array of ${problems} grids`);
    const nIter = nIterValue.map((grid, k) => readGrid(grid, `${where}: search.nIter[${k}]`, { ...shape, folds }, 'count')) as number[][][] | number[][][][];
    estimator.#model = model;
    estimator.#search = { C, l1Ratio, scores, coefsPaths: null, nIter };
    return estimator;
  }

  #fitted(what: string): LogisticRegression<L> {
    if (this.#model === null) throw new NotFittedError(what, NAME);
    return this.#model;
  }

  #searched(what: string): SearchState {
    if (this.#search === null) throw new NotFittedError(what, NAME);
    return this.#search;
  }
}

/** {@link LogisticRegressionCV.toJSON}'s document. */
export interface CvModelDocument {
  /** Always {@link CV_MODEL_FORMAT}. */
  format: typeof CV_MODEL_FORMAT;
  /** The version of this layout (1). */
  version: number;
  /** The options that have a JSON form (not callbacks, a splitter `cv` or a scoring function). */
  options: Record<string, unknown>;
  /** The search's results: chosen C and l1 ratio, the score grids per class label (NaN as null), the iteration counts. */
  search: { C: number[]; l1Ratio: number[] | null; scores: [Label, CvGrid][]; nIter: number[][][] | number[][][][] };
  /** The final model's parameters, as LogisticRegression's document holds them. */
  model: ModelParameters;
}

/** Runs `make`, reporting LogisticRegression's option errors under this class's name. */
function renamed<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('LogisticRegression:')) throw error;
    const Kind = error.constructor as new (message: string) => Error;
    throw new Kind(`${NAME}:${error.message.slice('LogisticRegression:'.length)}`);
  }
}

/** A `cv` option's kind and count, checked when the model is built; the folds themselves are read by `readFolds` in fit. */
function checkCv(cv: unknown): Cv {
  if (typeof cv === 'number') return checkInteger(NAME, 'cv', cv, 2, 0x7fffffff);
  if (cv !== null && typeof cv === 'object' && (typeof (cv as { split?: unknown }).split === 'function' || isArrayLike(cv))) return cv as Cv;
  throw new TypeError(`${NAME}: cv must be a number of folds, a splitter (an object with split()) or an array of folds, got ${describeKind(cv)}`);
}

/** l1Ratios: with 'elasticnet' a non-empty array of numbers in [0, 1]; otherwise null. */
function readL1Ratios(value: unknown, penalty: unknown): Float64Array | null {
  if (penalty !== 'elasticnet') {
    if (value !== null) throw new RangeError(`${NAME}: l1Ratios is only used with penalty 'elasticnet'; penalty is ${describeValue(penalty)}`);
    return null;
  }
  if (value === null) throw new RangeError(`${NAME}: penalty 'elasticnet' needs l1Ratios, an array of numbers in [0, 1]`);
  if (!isArrayLike(value)) throw new TypeError(`${NAME}: l1Ratios must be an array of numbers, got ${describeKind(value)}`);
  if (value.length === 0) throw new RangeError(`${NAME}: l1Ratios must hold at least one value, got an empty array`);
  return Float64Array.from({ length: value.length }, (_, i) => {
    const v = value[i];
    if (typeof v !== 'number') throw new TypeError(`${NAME}: l1Ratios[${i}] must be a number, got ${describeKind(v)}`);
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${NAME}: l1Ratios[${i}] must be in [0, 1], got ${String(v)}`);
    return v;
  });
}

/** sᵢ × classWeight(yᵢ), or null when both are absent. */
function rowWeights(sampleWeight: Float64Array | null, perClass: Float64Array | null, classIndex: Int32Array): Float64Array | null {
  if (sampleWeight === null && perClass === null) return null;
  return Float64Array.from(classIndex, (c, i) => (sampleWeight === null ? 1 : (sampleWeight[i] as number)) * (perClass === null ? 1 : (perClass[c] as number)));
}

/** The predicting model of the search's final parameters. */
function finalModel<T extends Label>(results: ProblemResult[], classes: T[], mode: 'binary' | 'multinomial' | 'ovr', d: number, fitIntercept: boolean): LogisticRegression<T> {
  const stride = d + 1;
  const coef: number[][] = [];
  const intercept: number[] = [];
  for (const { final } of results) {
    for (let k = 0; k < final.length / stride; k++) {
      coef.push(Array.from(final.subarray(k * stride, k * stride + d)));
      intercept.push(fitIntercept ? (final[k * stride + d] as number) : 0);
    }
  }
  const multiClass: MultiClass = mode === 'ovr' ? 'ovr' : mode === 'multinomial' ? 'multinomial' : 'auto';
  return LogisticRegression.fromSklearn({ coef, intercept, classes, multiClass }) as unknown as LogisticRegression<T>;
}

/** The attributes of the search, shaped as scikit-learn shapes them. */
function searchState(results: ProblemResult[], classes: readonly Label[], mode: 'binary' | 'multinomial' | 'ovr', elasticnet: boolean, fitIntercept: boolean): SearchState {
  // Two classes are one problem for scikit-learn (its n_classes = 1), softmax or not: one key, the second class.
  const keys = classes.length === 2 ? [classes[1] as Label] : [...classes];
  const grid = (perFold: ArrayLike<number>[][]): CvGrid =>
    perFold.map((byRatio) =>
      Array.from({ length: (byRatio[0] as ArrayLike<number>).length }, (_, c) =>
        elasticnet ? byRatio.map((values) => values[c] as number) : (byRatio[0]![c] as number),
      ),
    ) as CvGrid;
  const scores = new Map<Label, CvGrid>();
  const coefsPaths = new Map<Label, number[][][] | number[][][][]>();
  keys.forEach((key, k) => {
    const result = (mode === 'ovr' ? results[k] : results[0]) as ProblemResult;
    scores.set(key, grid(result.scores));
    // A softmax problem's paths hold every class's row; each class gets its own, with
    // its intercept last when there is one (scikit-learn's layout).
    const rowOf = (params: Float64Array): number[] => {
      const stride = params.length / (mode === 'multinomial' && classes.length > 2 ? classes.length : 1);
      const row = mode === 'multinomial' && classes.length > 2 ? k : 0;
      return Array.from(params.subarray(row * stride, (row + 1) * stride - (fitIntercept ? 0 : 1)));
    };
    coefsPaths.set(
      key,
      result.params.map((byRatio) =>
        Array.from({ length: (byRatio[0] as Float64Array[]).length }, (_, c) => (elasticnet ? byRatio.map((points) => rowOf(points[c]!)) : rowOf(byRatio[0]![c]!))),
      ) as number[][][] | number[][][][],
    );
  });
  const perProblem = mode === 'ovr' ? results : [results[0] as ProblemResult];
  const nIter = perProblem.map((result) => grid(result.nIter)) as number[][][] | number[][][][];
  const C = Float64Array.from(keys, (_, k) => (mode === 'ovr' ? results[k] : results[0])!.C);
  const l1Ratio = elasticnet ? Float64Array.from(keys, (_, k) => (mode === 'ovr' ? results[k] : results[0])!.l1Ratio as number) : null;
  return { C, l1Ratio, scores, coefsPaths, nIter };
}

function objectField(record: Record<string, unknown>, name: string, where: string): Record<string, unknown> {
  const value = record[name];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${where}: ${name} must be an object, got ${describeKind(value)}`);
  return value as Record<string, unknown>;
}

function numberList(value: unknown, name: string, length: number, valid: (v: number) => boolean): Float64Array {
  if (!Array.isArray(value) || value.length !== length) throw new RangeError(`${name} must be an array of ${length} numbers, got ${describeValue(value)}`);
  const bad = value.findIndex((v) => !(typeof v === 'number' && Number.isFinite(v) && valid(v)));
  if (bad >= 0) throw new RangeError(`${name}[${bad}] is out of range, got ${describeValue(value[bad])}`);
  return Float64Array.from(value as number[]);
}

/** The stored class weights: null, 'balanced' or [label, weight] pairs (as LogisticRegression stores them). */
function storedClassWeight(value: unknown, where: string): ClassWeight | null {
  if (value === null || value === 'balanced') return value;
  if (!Array.isArray(value) || !value.every((pair) => Array.isArray(pair) && pair.length === 2)) {
    throw new TypeError(`${where}: options.classWeight must be null, 'balanced' or [label, weight] pairs, got ${describeValue(value)}`);
  }
  return new Map(value as [Label, number][]);
}

/** The shape of a stored grid: folds (unknown for the first grid read) × Cs [× l1Ratios]. */
interface GridShape {
  readonly folds?: number;
  readonly Cs: number;
  readonly l1Ratios: number | null;
}

/** The stored scores: one [label, grid] entry per key, each grid folds × Cs [× l1Ratios], all of one shape. */
function scoreEntries(value: unknown, name: string, classes: readonly Label[], shape: GridShape): Map<Label, CvGrid> {
  const keys = classes.length === 2 ? [classes[1] as Label] : [...classes];
  if (!Array.isArray(value) || value.length !== keys.length) throw new RangeError(`${name} must hold ${keys.length} [label, grid] entries`);
  const out = new Map<Label, CvGrid>();
  let folds = shape.folds;
  value.forEach((entry, i) => {
    if (!Array.isArray(entry) || entry.length !== 2 || entry[0] !== keys[i]) {
      throw new RangeError(`${name}[${i}] must be [${formatLabel(keys[i] as Label)}, grid], got ${describeValue(entry)}`);
    }
    const grid = readGrid(entry[1], `${name}[${i}][1]`, folds === undefined ? shape : { ...shape, folds }, 'score');
    folds = grid.length;
    out.set(keys[i] as Label, grid);
  });
  return out;
}

/**
 * A stored grid of the given shape: scores (numbers; null, as JSON writes NaN, is read
 * as NaN) or iteration counts (integers ≥ 0). Its depth is fixed by the shape, so no
 * nesting can run deeper than that.
 * @throws RangeError naming the first entry that is not of the shape or kind.
 */
function readGrid(value: unknown, name: string, shape: GridShape, kind: 'score' | 'count'): CvGrid {
  const cell = (v: unknown, at: string): number => {
    if (kind === 'score' && v === null) return NaN;
    if (typeof v === 'number' && (kind === 'score' ? !Number.isNaN(v) : Number.isInteger(v) && v >= 0)) return v;
    throw new RangeError(`${at} must be ${kind === 'score' ? 'a score (a number, or null for NaN)' : 'an iteration count'}, got ${describeValue(v)}`);
  };
  const row = (v: unknown, at: string, length: number): unknown[] => {
    if (!Array.isArray(v) || v.length !== length) throw new RangeError(`${at} must be an array of ${length} entries, got ${describeValue(v)}`);
    return v;
  };
  if (!Array.isArray(value) || value.length === 0 || (shape.folds !== undefined && value.length !== shape.folds)) {
    throw new RangeError(`${name} must be an array of ${shape.folds ?? 'one or more'} folds, got ${describeValue(value)}`);
  }
  return value.map((fold, f) =>
    row(fold, `${name}[${f}]`, shape.Cs).map((point, c) =>
      shape.l1Ratios === null
        ? cell(point, `${name}[${f}][${c}]`)
        : row(point, `${name}[${f}][${c}]`, shape.l1Ratios).map((v, l) => cell(v, `${name}[${f}][${c}][${l}]`)),
    ),
  ) as CvGrid;
}
