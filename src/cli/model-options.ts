/**
 * The estimator's options from `train`'s flags, and the estimator's messages put back in
 * the flags' terms.
 * @module
 */
import { LogisticRegression, type LogisticRegressionOptions } from '../index.js';
import { PENALTIES, SOLVERS } from '../estimator/logistic-regression.js';
import { UsageError } from './errors.js';
import { choice, num, str, type Values } from './flags.js';

/** The estimator options from train's flags. @throws UsageError for a bad value or combination. */
export function modelOptions(values: Values, onWarning: (m: string) => void, onIteration: LogisticRegressionOptions['onIteration']) {
  const options: LogisticRegressionOptions = { onWarning, onIteration: onIteration ?? null };
  const set = <K extends keyof LogisticRegressionOptions>(key: K, value: LogisticRegressionOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set('solver', choice(values, 'solver', SOLVERS));
  set('penalty', choice(values, 'penalty', PENALTIES));
  set('C', num(values, 'C'));
  set('l1Ratio', num(values, 'l1-ratio'));
  set('maxIter', num(values, 'max-iter'));
  set('tol', num(values, 'tol'));
  set('learningRate', num(values, 'learning-rate'));
  set('batchSize', num(values, 'batch-size'));
  set('classWeight', choice(values, 'class-weight', ['balanced'] as const));
  set('dtype', choice(values, 'dtype', ['float64', 'float32'] as const));
  const threads = str(values, 'threads');
  if (threads !== undefined) options.threads = threads === 'auto' ? 'auto' : (num(values, 'threads') as number);
  set('randomState', num(values, 'random-state') ?? 42);
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

/** The estimator's camelCase option names and the CLI's flags for them. */
const FLAGS: ReadonlyArray<[string, string]> = [
  ['maxIter', '--max-iter'],
  ['learningRate', '--learning-rate'],
  ['l1Ratio', '--l1-ratio'],
  ['classWeight', '--class-weight'],
  ['batchSize', '--batch-size'],
  ['randomState', '--random-state'],
];

/**
 * The estimator's messages (errors and onWarning) in the CLI's terms: `maxIter = 100` →
 * `--max-iter 100`, `tol = 0.0001` → `--tol 0.0001`, advice to scale the features →
 * `pass --standardize`, or no such advice when `--standardize` is already on.
 */
export function inFlagTerms(message: string, standardized: boolean): string {
  let text = message.replace(/^LogisticRegression(\.\w+)?: /, '');
  for (const [name, flag] of FLAGS) {
    text = text.replace(new RegExp(`\\b${name}( = |\\b)`, 'g'), (_, eq: string) => (eq === ' = ' ? `${flag} ` : flag));
  }
  // Names that are also English words are rewritten only as `name = value`.
  text = text.replace(/\b(C|tol|solver|penalty|threads|dtype) = /g, '--$1 ');
  // …and as the subject that opens a message: `threads must be …` → `--threads must be …`.
  text = text.replace(/^(C|tol|solver|penalty|threads|dtype)(?= must | is )/, '--$1');
  if (standardized) {
    text = text.replace(/(,? or |, |; | and )?scale the features( \(StandardScaler\))?/g, '').replace(/ \(StandardScaler helps\)/g, '');
  } else {
    text = text.replace(/scale the features( \(StandardScaler\))?/g, 'pass --standardize').replace(/\(StandardScaler helps\)/g, '(--standardize helps)');
  }
  return text;
}
