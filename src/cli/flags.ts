/**
 * The flags of each command, as parseArgs reads them, its positional arguments, and the
 * readers of flag values: numbers (with what each accepts), choices, the delimiter and
 * lists of column names. A new flag is an entry in {@link OPTIONS} (and in
 * {@link NUMBERS} when it takes a number) and a line of its command's usage (usage.ts).
 * @module
 */
import type { ParseArgsConfig } from 'node:util';
import { DELIMITERS, cellNumber } from './csv-rules.js';
import { UsageError } from './errors.js';
import { nearest, quoted } from './text.js';

/** parseArgs's description of one command's flags. */
export type Options = NonNullable<ParseArgsConfig['options']>;
/** The flags every command that reads a data file takes. */
const COMMON: Options = { help: { type: 'boolean', short: 'h' }, delimiter: { type: 'string' }, format: { type: 'string' } };
/** train's flags. */
const TRAIN: Options = {
  ...COMMON,
  target: { type: 'string' },
  sql: { type: 'string' },
  features: { type: 'string' },
  'one-hot': { type: 'string', multiple: true },
  impute: { type: 'string' },
  standardize: { type: 'boolean' },
  'test-size': { type: 'string' },
  'random-state': { type: 'string' },
  stratify: { type: 'boolean' },
  solver: { type: 'string' },
  penalty: { type: 'string' },
  C: { type: 'string' },
  'l1-ratio': { type: 'string' },
  'max-iter': { type: 'string' },
  tol: { type: 'string' },
  'learning-rate': { type: 'string' },
  'batch-size': { type: 'string' },
  'class-weight': { type: 'string' },
  threads: { type: 'string' },
  dtype: { type: 'string' },
  'multi-class': { type: 'string' },
  cv: { type: 'string' },
  Cs: { type: 'string' },
  'l1-ratios': { type: 'string' },
  scoring: { type: 'string' },
  stream: { type: 'boolean' },
  epochs: { type: 'string' },
  'chunk-size': { type: 'string' },
  cache: { type: 'string' },
  pushdown: { type: 'boolean' },
  'memory-limit': { type: 'string' },
  'max-classes': { type: 'string' },
  text: { type: 'string' },
  hashing: { type: 'string' },
  tfidf: { type: 'boolean' },
  ngram: { type: 'string' },
  analyzer: { type: 'string' },
  'stop-words': { type: 'string' },
  binary: { type: 'boolean' },
  'min-df': { type: 'string' },
  'max-df': { type: 'string' },
  'max-features': { type: 'string' },
  'sublinear-tf': { type: 'boolean' },
  summary: { type: 'boolean' },
  robust: { type: 'string' },
  cluster: { type: 'string' },
  alpha: { type: 'string' },
  out: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
};

/**
 * train's flags that `cv` does not take: the hold-out split (cv scores every row in turn),
 * streaming, the search over C (cv scores one configured model), the model file,
 * --quiet (cv shows no progress) and the statistical summary (of one fitted model).
 */
const NOT_CV = new Set(['test-size', 'stratify', 'stream', 'epochs', 'chunk-size', 'cache', 'pushdown', 'memory-limit', 'Cs', 'l1-ratios', 'out', 'quiet', 'summary', 'robust', 'cluster', 'alpha']);

/** Each command's flags (its own keys are the commands). */
export const OPTIONS: Record<string, Options> = {
  train: TRAIN,
  // train's other flags, in train's order (which the nearest-flag suggestions follow).
  cv: Object.fromEntries(Object.entries(TRAIN).filter(([name]) => !NOT_CV.has(name))),
  predict: { ...COMMON, proba: { type: 'boolean' }, out: { type: 'string', short: 'o' }, 'raw-cells': { type: 'boolean' } },
  evaluate: { ...COMMON, target: { type: 'string' }, json: { type: 'boolean' } },
  export: { help: { type: 'boolean', short: 'h' }, onnx: { type: 'string' } },
  demo: { help: { type: 'boolean', short: 'h' } },
};
/** Each command's positional arguments, as its messages name them. */
export const POSITIONALS: Record<string, string[]> = {
  train: ['data.csv'],
  predict: ['model.json', 'data.csv'],
  evaluate: ['model.json', 'data.csv'],
  export: ['model.json'],
  demo: [],
  cv: ['data.csv'],
};

/** The flag values parseArgs returns, by flag name. */
export type Values = Record<string, string | boolean | string[] | undefined>;

/** A text flag's value, or undefined when it is not given. */
export function str(values: Values, name: string): string | undefined {
  return values[name] as string | undefined;
}

/** The numeric flags: what each accepts (`infinite`: also `inf`/`Infinity`). */
export const NUMBERS: Record<string, { check: (x: number) => boolean; expected: string; infinite?: boolean }> = {
  C: { check: (x) => x > 0, expected: 'a number > 0, or inf for no penalty', infinite: true },
  'l1-ratio': { check: (x) => x >= 0 && x <= 1, expected: 'a number from 0 to 1' },
  tol: { check: (x) => x >= 0, expected: 'a number ≥ 0' },
  'learning-rate': { check: (x) => x > 0, expected: 'a number > 0' },
  'test-size': { check: (x) => x >= 0 && x < 1, expected: 'a fraction from 0 to < 1' },
  alpha: { check: (x) => x > 0 && x < 1, expected: 'a number > 0 and < 1 (0.05 for 95% intervals)' },
  'max-iter': integer(1),
  'batch-size': integer(1),
  'random-state': integer(0),
  epochs: integer(1),
  'chunk-size': integer(1),
  threads: { check: (x) => Number.isInteger(x) && x >= 1, expected: "an integer ≥ 1 or 'auto'" },
  'max-classes': integer(2),
  'max-features': integer(1),
  cv: integer(2),
};

function integer(min: number) {
  return { check: (x: number) => Number.isInteger(x) && x >= min, expected: `an integer ≥ ${min}` };
}

/**
 * A numeric flag's value, or undefined when it is not given. Decimal notation only, as
 * for cells of the data (`--C 0x10` is refused, not read as 16).
 * @throws UsageError for a value it does not accept.
 */
export function num(values: Values, name: string): number | undefined {
  const text = str(values, name);
  if (text === undefined) return undefined;
  const { check, expected, infinite } = NUMBERS[name] as (typeof NUMBERS)[string];
  const t = text.trim();
  const x = infinite && /^\+?(inf|infinity)$/i.test(t) ? Infinity : cellNumber(t);
  if (x === null || !check(x)) throw new UsageError(`--${name}: expected ${expected}, got ${quoted(text)}`);
  return x;
}

/**
 * A flag whose value is one of `choices`, or undefined when it is not given.
 * @throws UsageError naming the choices, and the nearest one to a misspelt value.
 */
export function choice<T extends string>(values: Values, name: string, choices: readonly T[]): T | undefined {
  const text = str(values, name);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    const near = nearest(text, choices);
    throw new UsageError(`--${name}: expected ${choices.join(', ')}; got ${quoted(text)}${near === null ? '' : ` (did you mean ${near}?)`}`);
  }
  return text as T;
}

/**
 * `--delimiter` (`tab` or `\t` for a tab), or null to detect it from the header line.
 * @throws UsageError for a delimiter other than `,`, `;` or tab.
 */
export function delimiterOf(values: Values): string | null {
  const text = str(values, 'delimiter');
  if (text === undefined) return null;
  const d = text === 'tab' || text === '\\t' ? '\t' : text;
  if (!(DELIMITERS as readonly string[]).includes(d)) throw new UsageError(`--delimiter: expected ',', ';' or tab; got ${quoted(text)}`);
  return d;
}

/**
 * A comma-separated list of column names, read as one CSV record: a name that holds a comma
 * is written in double quotes (`--features '"Income, USD",age'`), `""` inside for a quote.
 * @throws UsageError for an unclosed quote.
 */
export function list(text: string | undefined, flag = 'features'): string[] {
  if (text === undefined) return [];
  const names: string[] = [];
  let name = '';
  let quotedName = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quotedName) {
      if (ch !== '"') name += ch;
      else if (text[i + 1] === '"') (name += '"'), i++;
      else quotedName = false;
    } else if (ch === '"' && name.trim() === '') {
      name = '';
      quotedName = true;
    } else if (ch === ',') {
      names.push(name);
      name = '';
    } else name += ch;
  }
  if (quotedName) throw new UsageError(`--${flag}: the quote opened in ${quoted(text)} is not closed`);
  names.push(name);
  return names.map((s) => s.trim()).filter((s) => s !== '');
}
