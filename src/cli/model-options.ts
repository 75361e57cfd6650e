/**
 * The estimator's options from `train`'s flags, and the estimator's messages put back in
 * the flags' terms.
 * @module
 */
import { LogisticRegression, LogisticRegressionCV, SCORING_NAMES, type LogisticRegressionCVOptions, type LogisticRegressionOptions, type ScoringName } from '../index.js';
import { PENALTIES, SOLVERS } from '../estimator/options.js';
import { cellNumber } from './csv-rules.js';
import { UsageError } from './errors.js';
import { choice, num, str, type Values } from './flags.js';
import { quoted } from './text.js';

/** One of train's flags that sets an estimator option. */
interface ModelFlag {
  /** The flag, without its dashes. */
  flag: string;
  /** The estimator option it sets. */
  option: keyof LogisticRegressionOptions;
  /** Its value, or undefined when it is not given. @throws UsageError for a value the CLI refuses itself. */
  read(values: Values, flag: string): LogisticRegressionOptions[keyof LogisticRegressionOptions] | undefined;
}

/**
 * train's flags that set estimator options, in the order their values are checked (the
 * first bad one is the one reported). A new estimator flag is a row here, an entry in
 * flags.ts's OPTIONS (and NUMBERS for a number) and a line of train's usage; a value read
 * with `str` is checked by the estimator itself, its message put in the flag's terms by
 * {@link inFlagTerms}.
 */
const MODEL_FLAGS: readonly ModelFlag[] = [
  { flag: 'solver', option: 'solver', read: (values, flag) => choice(values, flag, SOLVERS) },
  { flag: 'penalty', option: 'penalty', read: (values, flag) => choice(values, flag, PENALTIES) },
  { flag: 'C', option: 'C', read: num },
  { flag: 'l1-ratio', option: 'l1Ratio', read: num },
  { flag: 'max-iter', option: 'maxIter', read: num },
  { flag: 'tol', option: 'tol', read: num },
  { flag: 'learning-rate', option: 'learningRate', read: num },
  { flag: 'batch-size', option: 'batchSize', read: num },
  { flag: 'class-weight', option: 'classWeight', read: (values, flag) => choice(values, flag, ['balanced'] as const) },
  { flag: 'dtype', option: 'dtype', read: (values, flag) => choice(values, flag, ['float64', 'float32'] as const) },
  { flag: 'threads', option: 'threads', read: (values, flag) => (str(values, flag) === 'auto' ? 'auto' : num(values, flag)) },
  { flag: 'multi-class', option: 'multiClass', read: (values, flag) => str(values, flag) as LogisticRegressionOptions['multiClass'] },
  { flag: 'random-state', option: 'randomState', read: (values, flag) => num(values, flag) ?? 42 },
];

/** The estimator options from train's flags. @throws UsageError for a bad value or combination. */
export function modelOptions(values: Values, onWarning: (m: string) => void, onIteration: LogisticRegressionOptions['onIteration']) {
  const options: LogisticRegressionOptions = { onWarning, onIteration: onIteration ?? null };
  const set = options as Record<keyof LogisticRegressionOptions, unknown>;
  for (const { flag, option, read } of MODEL_FLAGS) {
    const value = read(values, flag);
    if (value !== undefined) set[option] = value;
  }
  return options;
}

/** The estimator for `options`. @throws UsageError with the estimator's refusal in the flags' terms. */
export function makeModel(options: LogisticRegressionOptions, command: string): LogisticRegression {
  try {
    return new LogisticRegression(options);
  } catch (error) {
    throw new UsageError(inFlagTerms((error as Error).message, false), command);
  }
}

/** The estimator's camelCase option names and the CLI's flags for them (`maxIter`, `--max-iter`). */
const RENAMED: ReadonlyArray<[string, string]> = MODEL_FLAGS.filter((f) => f.flag !== f.option).map((f) => [f.option, `--${f.flag}`]);

/** Options whose flag is their own name (`tol`, `--tol`): most are English words too, so rewritten only where a message uses them as names. */
const SAME = MODEL_FLAGS.filter((f) => f.flag === f.option).map((f) => f.option).join('|');

/**
 * The estimator's messages (errors and onWarning) in the CLI's terms: `maxIter = 100` →
 * `--max-iter 100`, `tol = 0.0001` → `--tol 0.0001`, advice to scale the features →
 * `pass --standardize`, or no such advice when `--standardize` is already on.
 */
export function inFlagTerms(message: string, standardized: boolean): string {
  let text = message.replace(/^LogisticRegression(\.\w+)?: /, '');
  for (const [name, flag] of RENAMED) {
    text = text.replace(new RegExp(`\\b${name}( = |\\b)`, 'g'), (_, eq: string) => (eq === ' = ' ? `${flag} ` : flag));
  }
  // Names that are also English words are rewritten only as `name = value`.
  text = text.replace(new RegExp(`\\b(${SAME}) = `, 'g'), '--$1 ');
  // …and as the subject that opens a message: `threads must be …` → `--threads must be …`.
  text = text.replace(new RegExp(`^(${SAME})(?= must | is )`), '--$1');
  if (standardized) {
    text = text.replace(/(,? or |, |; | and )?scale the features( \(StandardScaler\))?/g, '').replace(/ \(StandardScaler helps\)/g, '');
  } else {
    text = text.replace(/scale the features( \(StandardScaler\))?/g, 'pass --standardize').replace(/\(StandardScaler helps\)/g, '(--standardize helps)');
  }
  return text;
}

/**
 * `--scoring`: a scorer's name as scikit-learn spells it, or undefined when not given.
 * @throws UsageError naming the scorers and the nearest one.
 * @example
 * ```ts
 * scoringFlag({ scoring: 'roc-auc' }); // UsageError: --scoring: expected accuracy, …; got 'roc-auc' (did you mean roc_auc?)
 * ```
 */
export function scoringFlag(values: Values): ScoringName | undefined {
  return choice(values, 'scoring', SCORING_NAMES);
}

/** The values of a comma-separated flag, each read by `cellNumber` (null for an item that is not a number). */
function numberItems(text: string): (number | null)[] {
  return text.split(',').map((item) => cellNumber(item.trim()));
}

const CS_EXPECTED = 'a count N ≥ 1 (N values log-spaced from 1e-4 to 1e4) or values > 0 separated by commas (a single value with a decimal point: 1.0)';

/**
 * `--Cs`: a count (`10`) or the grid itself (`0.01,0.1,1`); one value given as a grid is
 * written with a decimal point or an exponent (`1.0`, `1e-2`), so `--Cs 1` stays a count.
 * @throws UsageError for anything else.
 */
function csFlag(values: Values, flag: string): number | number[] | undefined {
  const text = str(values, flag);
  if (text === undefined) return undefined;
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const count = Number(t);
    // readCs's limit, checked here to say it in the flag's words.
    if (count >= 1 && count <= 100_000) return count;
  } else {
    const items = numberItems(t);
    if (items.every((x) => x !== null && x > 0)) return items as number[];
  }
  throw new UsageError(`--${flag}: expected ${CS_EXPECTED}; got ${quoted(text)}`);
}

/** `--l1-ratios`: numbers from 0 to 1 separated by commas. @throws UsageError for anything else. */
function l1RatiosFlag(values: Values, flag: string): number[] | undefined {
  const text = str(values, flag);
  if (text === undefined) return undefined;
  const items = numberItems(text.trim());
  if (items.every((x) => x !== null && x >= 0 && x <= 1)) return items as number[];
  throw new UsageError(`--${flag}: expected numbers from 0 to 1 separated by commas; got ${quoted(text)}`);
}

/** One of train's flags that sets an option of the search (LogisticRegressionCV), read only with `--cv`. */
interface SearchFlag {
  flag: string;
  option: 'cv' | 'Cs' | 'l1Ratios' | 'scoring';
  read(values: Values, flag: string): LogisticRegressionCVOptions['cv' | 'Cs' | 'l1Ratios' | 'scoring'] | undefined;
}

/** train's flags of the search over C, in the order their values are checked. */
const SEARCH_FLAGS: readonly SearchFlag[] = [
  { flag: 'cv', option: 'cv', read: num },
  { flag: 'Cs', option: 'Cs', read: csFlag },
  { flag: 'l1-ratios', option: 'l1Ratios', read: l1RatiosFlag },
  { flag: 'scoring', option: 'scoring', read: (values) => scoringFlag(values) },
];

/** What the search reports and saves besides the estimator's options: its folds and scorer, as given. */
export interface SearchRequest {
  /** The options of LogisticRegressionCV (`scoring` always named: accuracy by default). */
  options: LogisticRegressionCVOptions;
  folds: number;
  scoring: ScoringName;
}

/**
 * The search over C that `train --cv K` runs in place of one fit, or null without `--cv`:
 * LogisticRegressionCV with the model flags (`options`, from {@link modelOptions}) and
 * the search flags. Folds are stratified, unshuffled (scikit-learn's `cv=K`); scoring
 * defaults to accuracy.
 * @throws UsageError for a search flag without `--cv`, `--C` or `--l1-ratio` with it (the
 * search chooses them), `--penalty none` (no C to choose), `--l1-ratios` without
 * `--penalty elasticnet` or elasticnet without them, or a bad value.
 * @example
 * ```ts
 * searchRequest({ cv: '5', Cs: '0.1,1,10' }, { penalty: 'l2' });
 * // { options: { penalty: 'l2', cv: 5, Cs: [0.1, 1, 10], l1Ratios: null, scoring: 'accuracy' }, folds: 5, scoring: 'accuracy' }
 * ```
 */
export function searchRequest(values: Values, options: LogisticRegressionOptions): SearchRequest | null {
  const read = new Map(SEARCH_FLAGS.map(({ flag, option, read: reader }) => [option, reader(values, flag)] as const));
  const folds = read.get('cv') as number | undefined;
  if (folds === undefined) {
    const given = SEARCH_FLAGS.find(({ flag }) => values[flag] !== undefined);
    if (given !== undefined) throw new UsageError(`--${given.flag} needs --cv K, the number of folds of the search over C`, 'train');
    return null;
  }
  if (values['C'] !== undefined) throw new UsageError('--C does not combine with --cv: the search chooses C among --Cs', 'train');
  if (values['l1-ratio'] !== undefined) throw new UsageError('--l1-ratio does not combine with --cv: the search chooses the l1 ratio among --l1-ratios', 'train');
  const penalty = options.penalty ?? 'l2';
  if (penalty === 'none') throw new UsageError('--penalty none has no C to choose; --cv searches C for --penalty l2, l1 or elasticnet', 'train');
  const l1Ratios = (read.get('l1Ratios') as number[] | undefined) ?? null;
  if (l1Ratios !== null && penalty !== 'elasticnet') throw new UsageError(`--l1-ratios needs --penalty elasticnet; the penalty is ${penalty}`, 'train');
  if (l1Ratios === null && penalty === 'elasticnet') {
    throw new UsageError('--penalty elasticnet with --cv needs --l1-ratios, the l1 ratios to search (e.g. --l1-ratios 0.2,0.5,0.8)', 'train');
  }
  const scoring = (read.get('scoring') as ScoringName | undefined) ?? 'accuracy';
  // The search sets C and the l1 ratio, and warm-starts its paths itself; no progress across its many fits.
  const { C: _C, l1Ratio: _l1Ratio, warmStart: _warmStart, onIteration: _onIteration, ...shared } = options;
  return { options: { ...shared, cv: folds, Cs: (read.get('Cs') as number | number[] | undefined) ?? 10, l1Ratios, scoring }, folds, scoring };
}

/** The search for `request`. @throws UsageError with the estimator's refusal in the flags' terms. */
export function makeSearch(request: SearchRequest, command: string): LogisticRegressionCV {
  try {
    return new LogisticRegressionCV(request.options);
  } catch (error) {
    throw new UsageError(searchInFlagTerms((error as Error).message, false), command);
  }
}

/**
 * Messages of cross-validation (LogisticRegressionCV, crossValidate, the stratified
 * splitter, the scorers) in the CLI's terms: {@link inFlagTerms}, with the callers' names
 * dropped, `nSplits = 5` and `cv = 5` as `--cv 5`, `l1Ratios` as `--l1-ratios`, folds counted from 1
 * as the CLI's reports count them (the library counts from 0), and no advice to pass a
 * scoring function (the CLI takes names).
 * @example
 * ```ts
 * searchInFlagTerms('StratifiedKFold.split: the least populated class in y has only 3 members, which is less than nSplits = 5', false);
 * // 'the least populated class in y has only 3 members, which is less than --cv 5'
 * ```
 */
export function searchInFlagTerms(message: string, standardized: boolean): string {
  let text = message;
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(/^(LogisticRegressionCV|StratifiedKFold|crossValidate)(\.\w+)?: /, '');
  }
  text = text
    .replace(/\b(?:nSplits|cv) = (\d+)/g, '--cv $1')
    .replace(/\bl1Ratios\b/g, '--l1-ratios')
    .replace(/\bfold (\d+)\b/g, (_, k: string) => `fold ${Number(k) + 1}`)
    // The CLI takes scorers by name only.
    .replace(/ or a scoring function\b/g, '');
  return inFlagTerms(text, standardized);
}
