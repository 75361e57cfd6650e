/**
 * The options of {@link LogisticRegression}: their types and documentation, and
 * {@link OPTION_RULES}, the one table that gives each option's default, its check and how
 * `toJSON` stores it. The constructor and `toJSON` iterate the table, so a new option is
 * one entry in {@link LogisticRegressionOptions} and one in the table.
 * @module
 */
import { RandomState } from '../datasets/random-state.js';
import type { Dtype } from '../core/stage.js';
import { availableCpus } from '../core/threads.js';
import { describeKind } from '../validate/describe.js';
import type { Label } from '../validate/labels.js';
import { checkBoolean, checkChoice, checkFunction, checkInteger, checkNonNegative, checkOptionNames, checkPositive } from '../validate/options.js';

/** The estimator's name, the prefix of its messages. */
export const NAME = 'LogisticRegression';

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
   * 64, or `'auto'` — one thread below {@link THREADS_BREAK_EVEN} values of X (stored
   * entries of a CsrMatrix; where waking workers costs more than it saves), else every
   * available CPU. A number above
   * the CPUs available is lowered to that count, with a warning (more threads than CPUs
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
   * float32 `Matrix.alloc` matrix is read in place; any other dense X is converted into a
   * float32 copy for the fit. A CsrMatrix is always read in place with its own dtype,
   * whatever this option says.
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

/** Every option, checked, with its default filled in: what a {@link LogisticRegression} holds. */
export type EstimatorOptions = Readonly<Required<LogisticRegressionOptions>>;

/** @internal Every {@link Solver}, in the order messages list them (the CLI's `--solver` reads it too). */
export const SOLVERS: readonly Solver[] = ['lbfgs', 'newton', 'newton-cd', 'owlqn', 'gd', 'sgd'];
/** @internal Every {@link Penalty}, in the order messages list them. */
export const PENALTIES: readonly Penalty[] = ['l2', 'l1', 'elasticnet', 'none'];
/** The penalties each solver minimises. */
const SUPPORTS: Record<Solver, readonly Penalty[]> = {
  lbfgs: ['l2', 'none'],
  newton: ['l2', 'none'],
  'newton-cd': PENALTIES,
  owlqn: PENALTIES,
  gd: PENALTIES,
  sgd: PENALTIES,
};
/** @internal Every {@link MultiClass}, in the order messages list them. */
export const MULTI_CLASSES: readonly MultiClass[] = ['auto', 'multinomial', 'ovr'];

/**
 * Size of X (rows × columns) from which `threads: 'auto'` uses every CPU: below it, a
 * pass is too short for waking worker threads to pay off (measured; see BENCHMARKS.md).
 */
export const THREADS_BREAK_EVEN = 200_000;

/** The rule of one option: its default, its check, and its JSON form. */
interface OptionRule<T> {
  /** The value when the option is absent: undefined, or null for an option that does not take null. */
  readonly default: T;
  /** A default that depends on options checked before this one; overrides `default`. */
  defaultFor?(checked: Partial<EstimatorOptions>): T;
  /** Whether null is a value of the option (passed to `check`) rather than "absent". */
  readonly nullable?: true;
  /**
   * Returns the value the estimator holds, or throws a TypeError (wrong kind) or a
   * RangeError (bad value) naming the option. `checked` holds the options checked before
   * this one.
   */
  check(value: unknown, checked: Partial<EstimatorOptions>): T;
  /** The value `toJSON` stores; absent: the value itself. */
  stored?(value: T): unknown;
  /** Not stored by `toJSON` (functions have no JSON form). */
  readonly unstored?: true;
  /**
   * When the check runs: options are checked in table order, except that 'first' ones
   * come before and 'last' ones after the rest and after the rules joining threads, simd,
   * dtype and solver (see {@link resolveOptions}); the order decides which of several
   * errors is reported.
   */
  readonly phase?: 'first' | 'last';
}

/**
 * Every option of {@link LogisticRegressionOptions}, in the order of messages and of
 * `toJSON`'s `options` (stored documents and fixtures depend on it): its default (as
 * documented by `@default`), its check and its JSON form.
 */
const OPTION_RULES: { readonly [K in keyof EstimatorOptions]: OptionRule<EstimatorOptions[K]> } = {
  penalty: { default: 'l2', check: (value) => checkChoice(NAME, 'penalty', value, PENALTIES) },
  C: {
    default: 1,
    check: (value) => checkPositive(NAME, 'C', value, 'for no penalty'),
    // JSON has no Infinity; readModelDocument reads the string back.
    stored: (C) => (C === Infinity ? 'Infinity' : C),
  },
  l1Ratio: { default: null, nullable: true, check: checkL1Ratio, phase: 'last' },
  fitIntercept: { default: true, check: (value) => checkBoolean(NAME, 'fitIntercept', value) },
  tol: { default: 1e-4, check: (value) => checkNonNegative(NAME, 'tol', value) },
  maxIter: { default: 100, check: (value) => checkInteger(NAME, 'maxIter', value, 1, 2 ** 31 - 1) },
  solver: {
    default: 'lbfgs',
    defaultFor: ({ penalty }) => (penalty === 'l1' || penalty === 'elasticnet' ? 'newton-cd' : 'lbfgs'),
    check: (value) => checkChoice(NAME, 'solver', value, SOLVERS),
  },
  multiClass: { default: 'auto', check: (value) => checkChoice(NAME, 'multiClass', value, MULTI_CLASSES) },
  warmStart: { default: false, check: (value) => checkBoolean(NAME, 'warmStart', value) },
  classWeight: {
    default: null,
    nullable: true,
    check: checkClassWeight,
    stored: (weights) => (weights === null || weights === 'balanced' ? weights : weights instanceof Map ? [...weights.entries()] : Object.entries(weights)),
    phase: 'last',
  },
  learningRate: { default: 0.01, check: (value) => checkPositive(NAME, 'learningRate', value) },
  recordLoss: { default: false, check: (value) => checkBoolean(NAME, 'recordLoss', value) },
  batchSize: { default: 32, check: (value) => checkInteger(NAME, 'batchSize', value, 1, 2 ** 31 - 1) },
  shuffle: { default: true, check: (value) => checkBoolean(NAME, 'shuffle', value) },
  randomState: {
    default: null,
    nullable: true,
    check: checkSeed,
    // A generator has no JSON form: a model stored with one refits with a fresh seed.
    stored: (randomState) => (typeof randomState === 'number' ? randomState : null),
  },
  threads: { default: 'auto', check: checkThreads },
  dtype: { default: 'float64', check: (value) => checkChoice(NAME, 'dtype', value, ['float64', 'float32'] as const) },
  simd: { default: 'standard', check: (value) => checkChoice(NAME, 'simd', value, ['standard', 'relaxed'] as const) },
  onIteration: { default: null, nullable: true, check: (value) => checkFunction(NAME, 'onIteration', value, true), unstored: true, phase: 'first' },
  onWarning: { default: defaultWarning, nullable: true, check: (value) => checkFunction(NAME, 'onWarning', value, true), unstored: true, phase: 'first' },
};

/** @internal Every option name, in table order. */
export const OPTION_NAMES = Object.keys(OPTION_RULES) as (keyof EstimatorOptions)[];

/** The options a constructor call accepted. */
export interface ResolvedOptions {
  readonly values: EstimatorOptions;
  /** Whether the call named C (scikit-learn warns when penalty 'none' ignores a C). */
  readonly cGiven: boolean;
}

/**
 * Checks the options given to the constructor and fills in the defaults; warns (once,
 * here) when `threads` is lowered to the CPUs available.
 * @throws TypeError for an unknown option name or a value of the wrong kind; RangeError
 * for a value out of range or a combination the estimator cannot fit.
 */
export function resolveOptions(options: LogisticRegressionOptions): ResolvedOptions {
  checkOptionNames(NAME, options, OPTION_NAMES);
  const given = options as Record<string, unknown>;
  const checked: Partial<Record<keyof EstimatorOptions, unknown>> = {};
  const checkPhase = (phase: OptionRule<unknown>['phase']): void => {
    for (const name of OPTION_NAMES) {
      const rule = OPTION_RULES[name] as OptionRule<unknown>;
      if (rule.phase !== phase) continue;
      const value = given[name];
      const absent = value === undefined || (value === null && rule.nullable !== true);
      const view = checked as Partial<EstimatorOptions>;
      checked[name] = rule.check(absent ? (rule.defaultFor?.(view) ?? rule.default) : value, view);
    }
  };
  checkPhase('first');
  checkPhase(undefined);
  const { solver, penalty, dtype, simd, threads, recordLoss, onWarning } = checked as EstimatorOptions;
  const threadsGiven = given['threads'] ?? 'auto';
  if (simd === 'relaxed' && typeof threadsGiven === 'number' && threadsGiven > 1) {
    throw new RangeError(`${NAME}: simd 'relaxed' trains on one thread; got threads ${threadsGiven} (use threads 1 or 'auto', or simd 'standard')`);
  }
  if (dtype === 'float32' && solver === 'sgd') {
    throw new RangeError(`${NAME}: dtype 'float32' is not available with solver 'sgd'; use a full-batch solver or dtype 'float64'`);
  }
  checkPhase('last');
  if (!SUPPORTS[solver].includes(penalty)) {
    const able = SOLVERS.filter((s) => SUPPORTS[s].includes(penalty));
    throw new RangeError(`${NAME}: solver '${solver}' does not support penalty '${penalty}'; use one of ${able.map((s) => `'${s}'`).join(', ')}`);
  }
  if (recordLoss && solver !== 'gd' && solver !== 'sgd') {
    throw new RangeError(`${NAME}: recordLoss is only available with solvers 'gd' and 'sgd'; use onIteration to follow other solvers`);
  }
  if (threads !== threadsGiven) {
    onWarning?.(
      `${NAME}: threads = ${String(threadsGiven)} is more than the ${threads} cores available; using ${threads} (threads beyond the cores wait for one another and slow every pass down)`,
    );
  }
  // In table order: the model's properties are assigned from this object, in its order.
  const values: Partial<Record<keyof EstimatorOptions, unknown>> = {};
  for (const name of OPTION_NAMES) values[name] = checked[name];
  return { values: values as EstimatorOptions, cGiven: (options.C ?? null) !== null };
}

/** The options as `toJSON` stores them: every option but the callbacks, in table order. */
export function optionsToJSON(values: EstimatorOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of OPTION_NAMES) {
    const rule = OPTION_RULES[name] as OptionRule<unknown>;
    if (rule.unstored === true) continue;
    out[name] = rule.stored === undefined ? values[name] : rule.stored(values[name]);
  }
  return out;
}

/**
 * Warns, as scikit-learn's fit does, about options the penalty ignores. (Options that
 * only some solvers read — `learningRate`, `batchSize`, `shuffle` — are ignored by the
 * others without a warning.)
 */
export function warnIgnoredOptions({ values, cGiven }: ResolvedOptions): void {
  const { onWarning, l1Ratio, penalty, C } = values;
  if (onWarning === null) return;
  if (l1Ratio !== null && penalty !== 'elasticnet') {
    onWarning(`${NAME}: l1Ratio = ${l1Ratio} is ignored: only penalty 'elasticnet' uses it, and penalty is '${penalty}'`);
  }
  if (penalty === 'none' && cGiven) {
    onWarning(`${NAME}: C = ${C} is ignored: penalty 'none' has no regularisation term for C to weigh against the loss`);
  }
}

function defaultWarning(message: string): void {
  console.warn(message);
}

/** l1Ratio: required by penalty 'elasticnet', and otherwise null or a number in [0, 1]. */
function checkL1Ratio(value: unknown, { penalty }: Partial<EstimatorOptions>): number | null {
  if (penalty === 'elasticnet' && value === null) throw new RangeError(`${NAME}: penalty 'elasticnet' needs l1Ratio, a number in [0, 1]`);
  if (value === null) return null;
  if (typeof value !== 'number') throw new TypeError(`${NAME}: l1Ratio must be a number, got ${describeKind(value)}`);
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${NAME}: l1Ratio must be in [0, 1], got ${String(value)}`);
  return value;
}

/** randomState: null, a RandomState, or a seed in [0, 2³² − 1]. */
function checkSeed(value: unknown): number | RandomState | null {
  if (value === null || value instanceof RandomState) return value;
  return checkInteger(NAME, 'randomState', value, 0, 2 ** 32 - 1);
}

/**
 * The `threads` option: 'auto', or an integer from 1 to 64 capped at the CPUs available
 * (threads beyond the CPUs only wait for one another: a pass ends when its slowest
 * thread does, and a descheduled thread holds up the whole pass).
 */
function checkThreads(value: unknown): number | 'auto' {
  if (value === 'auto') return value;
  return Math.min(checkInteger(NAME, 'threads', value, 1, 64), availableCpus());
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
