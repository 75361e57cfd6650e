/**
 * The estimator's options from `train`'s flags, and the estimator's messages put back in
 * the flags' terms.
 * @module
 */
import { LogisticRegression, type LogisticRegressionOptions } from '../index.js';
import { PENALTIES, SOLVERS } from '../estimator/options.js';
import { UsageError } from './errors.js';
import { choice, num, str, type Values } from './flags.js';

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
