/**
 * `logreg-wasm`: train, apply and evaluate logistic regression models on CSV files.
 *
 * `run(argv, io)` is the whole program, without `process.exit`, so tests call it in
 * process; `bin.ts` is the executable's entry.
 * @module
 */
import { readFile, stat } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LogisticRegression, Matrix, trainTestSplit, type Label, type LogisticRegressionOptions } from '../index.js';
import { PENALTIES, SOLVERS } from '../estimator/logistic-regression.js';
import { describeColumn, readCsv, type CsvTable } from './csv.js';
import { DELIMITERS, cellNumber } from './csv-rules.js';
import { CliError, UsageError } from './errors.js';
import { checkNotInput, modelFileText, readModelFile, writeFileAtomic } from './model-file.js';
import { cliModelToOnnx, isOnnxPath, plainPreprocessing, readOnnxFile } from './onnx-file.js';
import {
  MAX_CLASSES,
  checkClasses,
  columnIndices,
  expandedFeatureNames,
  fitPreprocessing,
  selectFeatures,
  readLabels,
  readLabelsFor,
  transform,
  type ImputeStrategy,
} from './preprocess.js';
import { Progress, type Output } from './progress.js';
import { referenceReport, runReferenceExperiment } from './reference-experiment.js';
import { classCounts, formatScores, score, type Scores } from './report.js';
import { trainStream } from './stream-train.js';
import { display, escapeControl, jsonText, listShort, nearest, neutraliseCell, quoted, quotedCell, safeLine } from './text.js';

/** Where the program writes; defaults to the process's streams. */
export interface Io {
  stdout: Output;
  stderr: Output;
}

const USAGE: Record<string, string> = {
  general: `Usage: logreg-wasm <command> [options]      (logreg-wasm --version prints the version)

Commands:
  train <data.csv> --target COLUMN [options]   fit a model, print a report, save it with --out
  predict <model.json> <data.csv> [options]    predicted label (and probabilities) per row
  evaluate <model.json> <data.csv> [options]   the report of a saved model on labelled rows
  demo                                         the reference experiment: accuracy, weights, fit time
  export <model.json> --onnx model.onnx        write the model as ONNX (predict/evaluate read it)

Run 'logreg-wasm help <command>' (or '<command> --help') for a command's options.`,
  train: `Usage: logreg-wasm train <data.csv> --target COLUMN [options]

Data:
  --target COLUMN          the column to predict (required)
  --features a,b,c         feature columns (default: every other column); a name with a
                           comma in double quotes: --features '"Income, USD",age'
  --one-hot a,b            categorical columns to one-hot encode (repeatable)
  --impute mean|median     fill missing values from the training rows (default: error)
  --standardize            scale features to mean 0, standard deviation 1
  --delimiter , ; tab      the CSV delimiter (default: detected from the header)
  --test-size F            fraction of rows held out for testing, 0 to < 1 (default 0.2)
  --random-state N         seed of the split and of sgd (default 42)
  --stratify               keep the class proportions in the split
  --max-classes N          the most distinct target values taken as classes (default ${MAX_CLASSES});
                           more look like an ID or a measurement, not classes
Model:
  --solver lbfgs|newton|newton-cd|owlqn|gd|sgd
                           (default lbfgs; newton-cd for l1 and elasticnet)
  --penalty l2|l1|elasticnet|none        (default l2)
  --C X  --l1-ratio X  --max-iter N  --tol X  --learning-rate X  --batch-size N
  --class-weight balanced  --threads N|auto  --dtype float64|float32
  (a value that starts with '-' is written --flag=VALUE)
Streaming (data larger than memory):
  --stream                 read the file chunk by chunk; mini-batch SGD for --epochs
  --epochs N               passes over the file (default 5)
  --chunk-size N           rows per chunk (default 10000)
Output:
  --out model.json         write the model file (with the preprocessing); not the data file
  --json                   print the report as JSON
  --quiet                  no progress output`,
  predict: `Usage: logreg-wasm predict <model.json|model.onnx> <data.csv> [options]

  --proba                  add one probability column per class
  --out preds.csv          write to a file (default: stdout; never one of the input files)
  --delimiter , ; tab      the CSV delimiter (default: detected from the header)
  --raw-cells              write text cells as they are; by default a text cell that
                           starts with =, +, -, @, tab or carriage return (which a
                           spreadsheet would run as a formula) gets a leading ' —
                           numbers such as -1 are never changed`,
  export: `Usage: logreg-wasm export <model.json> --onnx model.onnx

Writes the model as an ONNX-ML LinearClassifier (input X: the feature vector after
imputation and one-hot encoding, float, N×d; outputs label and probabilities), with
standardisation folded into the coefficients and the preprocessing in metadata_props.

  --onnx model.onnx        the file to write (required; not the model file itself)`,
  evaluate: `Usage: logreg-wasm evaluate <model.json|model.onnx> <data.csv> [options]

  --target COLUMN          the column with the true labels (default: the model's target)
  --json                   print the report as JSON
  --delimiter , ; tab      the CSV delimiter (default: detected from the header)`,
  demo: `Usage: logreg-wasm demo

Runs the reference experiment: make_classification (seed 42), an 80/20 split, 1000
iterations of gradient descent at learning rate 0.01; prints "Accuracy: 0.895".`,
};

type Options = NonNullable<ParseArgsConfig['options']>;
const COMMON: Options = { help: { type: 'boolean', short: 'h' }, delimiter: { type: 'string' } };
const OPTIONS: Record<string, Options> = {
  train: {
    ...COMMON,
    target: { type: 'string' },
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
    stream: { type: 'boolean' },
    epochs: { type: 'string' },
    'chunk-size': { type: 'string' },
    'max-classes': { type: 'string' },
    out: { type: 'string', short: 'o' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
  },
  predict: { ...COMMON, proba: { type: 'boolean' }, out: { type: 'string', short: 'o' }, 'raw-cells': { type: 'boolean' } },
  evaluate: { ...COMMON, target: { type: 'string' }, json: { type: 'boolean' } },
  export: { help: { type: 'boolean', short: 'h' }, onnx: { type: 'string' } },
  demo: { help: { type: 'boolean', short: 'h' } },
};
const POSITIONALS: Record<string, string[]> = {
  train: ['data.csv'],
  predict: ['model.json', 'data.csv'],
  evaluate: ['model.json', 'data.csv'],
  export: ['model.json'],
  demo: [],
};

type Values = Record<string, string | boolean | string[] | undefined>;

/** Whether `name` is a command (an own key: `constructor` and `__proto__` are not commands). */
function isCommand(name: string): boolean {
  return Object.hasOwn(OPTIONS, name);
}

/** The option a flag names (`--max-iter`, `--C=1`, `-o`), or undefined. */
function optionOf(options: Options, token: string): { name: string; inline: boolean } | undefined {
  if (token.startsWith('--')) {
    const eq = token.indexOf('=');
    const name = token.slice(2, eq < 0 ? undefined : eq);
    return Object.hasOwn(options, name) ? { name, inline: eq >= 0 } : undefined;
  }
  if (token.length !== 2) return undefined;
  for (const [name, o] of Object.entries(options)) if (o.short === token[1]) return { name, inline: false };
  return undefined;
}

/**
 * Checks the flags before parseArgs does, to say more than it can: the nearest flag to an
 * unknown one, and for a value that starts with '-' (`--C -1`, which parseArgs calls
 * "ambiguous"), what the flag expects and how to write such a value.
 * @throws UsageError
 */
function checkFlags(command: string, args: readonly string[]): void {
  const options = OPTIONS[command] as Options;
  for (let i = 0; i < args.length; i++) {
    const token = args[i] as string;
    if (token === '--') return;
    if (!token.startsWith('-') || token === '-') continue;
    const option = optionOf(options, token);
    if (option === undefined) {
      // Combined short flags (-qh) and -oFILE are parseArgs's to read.
      if (!token.startsWith('--') && token.length > 2 && optionOf(options, token.slice(0, 2)) !== undefined) continue;
      const written = token.split('=')[0] as string;
      const bare = written.replace(/^--?/, '');
      // `-standardize` is --standardize with one dash too few.
      const near = Object.hasOwn(options, bare) ? bare : nearest(bare, Object.keys(options));
      throw new UsageError(`unknown option ${quoted(written)}${near === null ? '' : ` (did you mean --${near}?)`}`, command);
    }
    const { name, inline } = option;
    if ((options[name] as Options[string]).type !== 'string' || inline) continue;
    const value = args[i + 1];
    if (value !== undefined && value.length > 1 && value.startsWith('-')) {
      const hint = `write --${name}=${value} for a value that starts with '-'`;
      if (Object.hasOwn(NUMBERS, name) && optionOf(options, value) === undefined) {
        try {
          num({ [name]: value }, name);
        } catch (error) {
          throw new UsageError(`${(error as Error).message} (${hint})`, command);
        }
      }
      throw new UsageError(`--${name} needs a value; got the option-like ${quoted(value)} (${hint})`, command);
    }
    i++;
  }
}

/** parseArgs's own messages in the CLI's words (its unknown-option case is mostly met by {@link checkFlags} first). */
function parseArgsMessage(error: Error): string {
  const message = error.message.split('\n')[0] as string;
  const option = /^Option '(?:-\w, )?(--[\w-]+)(?: <value>)?' (does not take an argument|argument missing)/.exec(message);
  if (option !== null) return option[2] === 'argument missing' ? `${option[1]} needs a value` : `${option[1]} is a switch; it takes no value`;
  const unknown = /^Unknown option '(.*?)'\./.exec(message);
  if (unknown !== null) return `unknown option ${quoted(unknown[1] as string)}`;
  return message.replace(/\. To specify a positional argument.*$/, '');
}

/**
 * Checks what parseArgs lets through: a text flag given an empty value, or given twice
 * with different values (parseArgs keeps the last one, so `--target y --target a`
 * would train on 'a' without a word). A repeatable flag (`--one-hot`) may repeat.
 * @throws UsageError
 */
function checkRepeats(command: string, options: Options, tokens: NonNullable<ReturnType<typeof parseArgs>['tokens']>): void {
  const given = new Map<string, string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    const { name, value } = token;
    if (value.trim() === '') throw new UsageError(`--${name} needs a value; got ''`, command);
    if ((options[name] as Options[string]).multiple) continue;
    const before = given.get(name);
    if (before !== undefined && before !== value) {
      throw new UsageError(`--${name} is given twice (${quoted(before)} and ${quoted(value)}); give it once`, command);
    }
    given.set(name, value);
  }
}

function parseCommand(command: string, args: string[]): { values: Values; positionals: string[] } | null {
  checkFlags(command, args);
  const options = OPTIONS[command] as Options;
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error as Error), command);
  }
  checkRepeats(command, options, parsed.tokens);
  const values = parsed.values as Values;
  if (values['help']) return null;
  const expected = POSITIONALS[command] as string[];
  if (parsed.positionals.length !== expected.length) {
    const got = parsed.positionals.length;
    throw new UsageError(
      expected.length === 0
        ? `${command} takes no arguments; got ${got}`
        : `${command} needs ${expected.join(' and ')}; got ${got} ${got === 1 ? 'argument' : 'arguments'}`,
      command,
    );
  }
  return { values, positionals: parsed.positionals };
}

function str(values: Values, name: string): string | undefined {
  return values[name] as string | undefined;
}

/** The numeric flags: what each accepts (`infinite`: also `inf`/`Infinity`). */
const NUMBERS: Record<string, { check: (x: number) => boolean; expected: string; infinite?: boolean }> = {
  C: { check: (x) => x > 0, expected: 'a number > 0, or inf for no penalty', infinite: true },
  'l1-ratio': { check: (x) => x >= 0 && x <= 1, expected: 'a number from 0 to 1' },
  tol: { check: (x) => x >= 0, expected: 'a number ≥ 0' },
  'learning-rate': { check: (x) => x > 0, expected: 'a number > 0' },
  'test-size': { check: (x) => x >= 0 && x < 1, expected: 'a fraction from 0 to < 1' },
  'max-iter': integer(1),
  'batch-size': integer(1),
  'random-state': integer(0),
  epochs: integer(1),
  'chunk-size': integer(1),
  threads: { check: (x) => Number.isInteger(x) && x >= 1, expected: "an integer ≥ 1 or 'auto'" },
  'max-classes': integer(2),
};

function integer(min: number) {
  return { check: (x: number) => Number.isInteger(x) && x >= min, expected: `an integer ≥ ${min}` };
}

/**
 * A numeric flag's value, or undefined when it is not given. Decimal notation only, as
 * for cells of the data (`--C 0x10` is refused, not read as 16).
 * @throws UsageError for a value it does not accept.
 */
function num(values: Values, name: string): number | undefined {
  const text = str(values, name);
  if (text === undefined) return undefined;
  const { check, expected, infinite } = NUMBERS[name] as (typeof NUMBERS)[string];
  const t = text.trim();
  const x = infinite && /^\+?(inf|infinity)$/i.test(t) ? Infinity : cellNumber(t);
  if (x === null || !check(x)) throw new UsageError(`--${name}: expected ${expected}, got ${quoted(text)}`);
  return x;
}

function choice<T extends string>(values: Values, name: string, choices: readonly T[]): T | undefined {
  const text = str(values, name);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    const near = nearest(text, choices);
    throw new UsageError(`--${name}: expected ${choices.join(', ')}; got ${quoted(text)}${near === null ? '' : ` (did you mean ${near}?)`}`);
  }
  return text as T;
}

function delimiterOf(values: Values): string | null {
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
function list(text: string | undefined, flag = 'features'): string[] {
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

/** The estimator options from train's flags. @throws UsageError for a bad value or combination. */
function modelOptions(values: Values, onWarning: (m: string) => void, onIteration: LogisticRegressionOptions['onIteration']) {
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

function makeModel(options: LogisticRegressionOptions, command: string): LogisticRegression {
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
function inFlagTerms(message: string, standardized: boolean): string {
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

function countsLine(classes: readonly Label[], counts: readonly number[]): string {
  return classes.map((c, k) => `${display(String(c))} ${counts[k]}`).join(', ');
}

/** Writes a text report: every line with its control characters escaped (paths and names are user data). */
function writeReport(io: Io, text: string): void {
  io.stdout.write(text.split('\n').map(escapeControl).join('\n'));
}

async function train(values: Values, positionals: string[], io: Io): Promise<void> {
  const file = positionals[0] as string;
  // Header names are trimmed when read, so the name given is too.
  const target = str(values, 'target')?.trim();
  if (target === undefined) throw new UsageError('train needs --target COLUMN, the column to predict', 'train');
  const testSize = num(values, 'test-size') ?? 0.2;
  const maxClasses = num(values, 'max-classes') ?? MAX_CLASSES;
  const impute = choice(values, 'impute', ['mean', 'median'] as const) ?? null;
  const out = str(values, 'out');
  // predict and evaluate read a .onnx file as ONNX, so a JSON model under that name would be unreadable.
  if (out !== undefined && isOnnxPath(out)) {
    throw new UsageError(`--out writes the JSON model file; for ONNX, write ${quoted(out.replace(/\.onnx$/i, '.json'))} and run export on it with --onnx ${quoted(out)}`, 'train');
  }
  const standardize = values['standardize'] === true;
  const warnings: string[] = [];
  const onWarning = (m: string) => warnings.push(inFlagTerms(m, standardize));
  const delimiter = delimiterOf(values);
  const featureList = list(str(values, 'features'));
  const request = { oneHot: (values['one-hot'] as string[] | undefined ?? []).flatMap((s) => list(s, 'one-hot')), impute: impute as ImputeStrategy | null, standardize };
  if (values['stream']) {
    if (impute === 'median') throw new UsageError('--stream supports --impute mean only (a median needs every value in memory)', 'train');
    const epochs = num(values, 'epochs') ?? 5;
    const chunkRows = num(values, 'chunk-size') ?? 10_000;
    const options = modelOptions(values, onWarning, null);
    if (options.solver !== undefined && options.solver !== 'sgd') throw new UsageError(`--stream trains with --solver sgd; got '${options.solver}'`, 'train');
    // Flags of the in-memory path that --stream cannot honour: refused, never ignored.
    const unused: Record<string, string> = {
      stratify: 'its test rows are drawn row by row as the file streams past',
      'max-iter': 'it makes --epochs passes over the file',
      tol: 'it makes --epochs passes over the file',
    };
    for (const [flag, why] of Object.entries(unused)) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} does not apply to --stream: ${why}`, 'train');
    }
    if (options.dtype === 'float32') throw new UsageError('--stream trains in float64 (--dtype float32 needs a full-batch solver, without --stream)', 'train');
    options.solver = 'sgd';
    makeModel(options, 'train');
    if (out !== undefined) await checkNotInput(out, '--out', [file]);
    const progress = values['quiet'] ? null : new Progress(io.stderr, epochs, 'epoch');
    const result = await trainStream({ file, target, features: featureList, request, delimiter, epochs, chunkRows, testSize, maxClasses, options, progress });
    for (const w of warnings) io.stderr.write(`warning: ${safeLine(w)}\n`);
    if (out !== undefined) await writeFileAtomic(out, modelFileText(target, result.preprocessing, result.model));
    const report = {
      data: { file, rows: result.rows, target, features: expandedFeatureNames(result.preprocessing) },
      classes: result.model.classes,
      counts: result.counts,
      split: { train: result.rows - result.testRows, test: result.testRows, testSize },
      fit: { solver: 'sgd', epochs, chunkRows, fitMs: result.fitMs, peakRssMb: result.peakRssMb },
      test: result.test,
      out: out ?? null,
    };
    if (values['json']) io.stdout.write(`${jsonText(report)}\n`);
    else {
      writeReport(
      io,
        [
          `Data: ${file}: ${result.rows} rows, ${report.data.features.length} features; target ${quoted(target)} (streamed in chunks of ${chunkRows} rows)`,
          `Classes: ${countsLine(result.model.classes, result.counts)}`,
          `Split: ${report.split.train} train, ${report.split.test} test (test size ${testSize})`,
          `Fit: sgd, ${epochs} epochs, ${(result.fitMs / 1000).toFixed(2)} s, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
          '',
          result.test === null
            ? testSize === 0
              ? 'No test rows (--test-size 0).'
              : `No test rows: the per-row draw with --test-size ${testSize} held none of the ${result.rows} rows out.`
            : formatScores(result.model.classes, [['test', result.test]]),
          '',
          out === undefined ? 'Model not saved (pass --out model.json to save it).' : `Model written to ${out}`,
          '',
        ].join('\n'),
      );
    }
    return;
  }
  for (const flag of ['epochs', 'chunk-size']) if (values[flag] !== undefined) throw new UsageError(`--${flag} needs --stream`, 'train');
  // Check every option before reading the data, so usage errors come first.
  const progress = values['quiet'] ? null : new Progress(io.stderr, num(values, 'max-iter') ?? 100);
  const options = modelOptions(values, onWarning, progress === null ? null : (info) => progress.update(info));
  const model = makeModel(options, 'train');
  if (out !== undefined) await checkNotInput(out, '--out', [file]);

  const table = await readCsv(file, { delimiter });
  const [targetIndex] = columnIndices(file, table, [target], 'target') as [number];
  const features = selectFeatures(file, table, target, featureList, request.oneHot);
  const labels = readLabels(file, table, targetIndex);
  checkClasses(file, describeColumn(table.header, targetIndex), [...new Set(labels)], labels.length, maxClasses);
  const { trainRows, testRows } = split(file, table, labels, testSize, values);
  const preprocessing = fitPreprocessing(file, table, trainRows, { ...request, features });
  const XTrain = transform(file, table, preprocessing, trainRows);
  const yTrain = trainRows.map((i) => labels[i] as Label);
  // After the cells are checked (a bad cell is the first thing to fix).
  const trainClasses = new Set(trainRows.map((i) => labels[i] as Label));
  if (trainClasses.size < 2) {
    const [only] = trainClasses as Set<Label>;
    throw new CliError(
      `${file}: the ${trainRows.length} training ${trainRows.length === 1 ? 'row holds' : 'rows hold'} one class (${typeof only === 'string' ? quotedCell(only) : String(only)}) after --test-size ${testSize} held out ${testRows.length}; lower --test-size or pass --stratify`,
    );
  }
  const start = performance.now();
  try {
    model.fit(XTrain, yTrain);
  } catch (error) {
    throw new CliError(`${file}: training failed: ${inFlagTerms((error as Error).message, standardize)}`);
  } finally {
    progress?.done();
  }
  const fitMs = performance.now() - start;
  for (const w of warnings) io.stderr.write(`warning: ${safeLine(w)}\n`);
  const trainScores = score(model, XTrain, yTrain);
  let testScores: Scores | null = null;
  if (testRows.length > 0) {
    const XTest = transform(file, table, preprocessing, testRows);
    testScores = score(model, XTest, testRows.map((i) => labels[i] as Label));
  }
  if (out !== undefined) await writeFileAtomic(out, modelFileText(target, preprocessing, model));
  const classes = model.classes;
  const counts = classCounts(classes, labels);
  const names = expandedFeatureNames(preprocessing);
  if (values['json']) {
    const report = {
      data: { file, rows: table.rows.length, target, features: names },
      classes,
      counts,
      split: { train: trainRows.length, test: testRows.length, testSize, randomState: options.randomState },
      // JSON has no Infinity: --C inf is reported as the string 'Infinity'.
      fit: { solver: model.solver, penalty: model.penalty, C: Number.isFinite(model.C) ? model.C : String(model.C), nIter: model.nIter, converged: model.converged, fitMs },
      train: trainScores,
      test: testScores,
      out: out ?? null,
    };
    io.stdout.write(`${jsonText(report)}\n`);
    return;
  }
  const steps = [
    preprocessing.impute ? `impute ${preprocessing.impute.strategy}` : null,
    Object.keys(preprocessing.oneHot).length > 0 ? `one-hot ${Object.keys(preprocessing.oneHot).map((name) => display(name)).join(', ')}` : null,
    preprocessing.standardize ? 'standardize' : null,
  ].filter((s) => s !== null);
  const sets: [string, Scores][] = [['train', trainScores]];
  if (testScores !== null) sets.push(['test', testScores]);
  writeReport(
      io,
    [
      `Data: ${file}: ${table.rows.length} rows, ${names.length} features; target ${quoted(target)}${steps.length > 0 ? `; ${steps.join(', ')}` : ''}`,
      `Classes: ${countsLine(classes, counts)}`,
      `Split: ${trainRows.length} train, ${testRows.length} test (test size ${testSize}, random state ${options.randomState})`,
      `Fit: ${model.solver}, penalty ${model.penalty}, C ${model.C}: ${model.nIter} iterations, ${model.converged ? 'converged' : 'not converged'}, ${fitMs.toFixed(1)} ms`,
      '',
      formatScores(classes, sets),
      '',
      out === undefined ? 'Model not saved (pass --out model.json to save it).' : `Model written to ${out}`,
      '',
    ].join('\n'),
  );
}

function split(file: string, table: CsvTable, labels: Label[], testSize: number, values: Values) {
  const n = table.rows.length;
  const all = Array.from({ length: n }, (_, i) => i);
  if (testSize === 0) return { trainRows: all, testRows: [] as number[] };
  // trainTestSplit holds out ceil(testSize · n) rows, as scikit-learn does.
  if (Math.ceil(testSize * n) >= n) {
    throw new CliError(`${file}: --test-size ${testSize} holds out all ${n} rows, leaving none to train on; lower --test-size`);
  }
  try {
    const index = Matrix.from(Float64Array.from(all), n, 1);
    const s = trainTestSplit(index, labels, {
      testSize,
      randomState: num(values, 'random-state') ?? 42,
      stratify: values['stratify'] ? labels : null,
    });
    return { trainRows: Array.from(s.XTrain.data), testRows: Array.from(s.XTest.data) };
  } catch (error) {
    throw new CliError(`${file}: cannot split ${n} rows with --test-size ${testSize}: ${(error as Error).message.replace(/^trainTestSplit: /, '')}`);
  }
}

/** A model file: the JSON `train` writes, or an ONNX file (by its .onnx name). */
async function loadModel(file: string) {
  if ((await stat(file).catch(() => null))?.isDirectory()) throw new CliError(`${file}: is a directory, not a model file`);
  return isOnnxPath(file) ? readOnnxFile(file) : readModelFile(file);
}

async function exportModel(values: Values, positionals: string[], io: Io): Promise<void> {
  const [modelFile] = positionals as [string];
  const out = str(values, 'onnx');
  if (out === undefined) throw new UsageError('export needs --onnx FILE, the ONNX file to write', 'export');
  if (isOnnxPath(modelFile)) throw new UsageError(`export reads the JSON model file train writes; ${quoted(modelFile)} is already ONNX`, 'export');
  // Replacing the input is refused first (exit 1), whatever the name.
  await checkNotInput(out, '--onnx', [modelFile]);
  if (!isOnnxPath(out)) {
    throw new UsageError(`--onnx needs a file name ending in .onnx (predict and evaluate tell ONNX from JSON by the name); got ${quoted(out)}`, 'export');
  }
  const bytes = cliModelToOnnx(await readModelFile(modelFile));
  await writeFileAtomic(out, bytes);
  io.stderr.write(`${safeLine(`Wrote ${out} (${bytes.length} bytes, ONNX LinearClassifier)`)}\n`);
}

async function predict(values: Values, positionals: string[], io: Io): Promise<void> {
  const [modelFile, file] = positionals as [string, string];
  const out = str(values, 'out');
  const delimiter = delimiterOf(values);
  if (out !== undefined) await checkNotInput(out, '--out', [modelFile, file]);
  const loaded = await loadModel(modelFile);
  const { model } = loaded;
  const target = loaded.target ?? 'prediction';
  const table = await readCsv(file, { delimiter });
  const preprocessing = loaded.preprocessing ?? plainPreprocessing(file, table.header, loaded.target, model.nFeaturesIn);
  const X = transform(file, table, preprocessing);
  const labels = model.predict(X);
  const classes = model.classes;
  // Text cells are data for spreadsheets too: neutralised unless --raw-cells (see the usage).
  const safe = values['raw-cells'] ? (s: string) => s : neutraliseCell;
  const quote = (s: string) => {
    const cell = safe(s);
    return /[",;\t\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  };
  const header = [target, ...(values['proba'] ? classes.map((c) => `P(${String(c)})`) : [])];
  const lines = [header.map(quote).join(',')];
  const proba = values['proba'] ? model.predictProba(X) : null;
  const K = classes.length;
  for (let i = 0; i < labels.length; i++) {
    const row = [quote(String(labels[i]))];
    if (proba !== null) for (let k = 0; k < K; k++) row.push(String(proba.data[i * K + k]));
    lines.push(row.join(','));
  }
  const text = `${lines.join('\n')}\n`;
  if (out === undefined) io.stdout.write(text);
  else {
    await writeFileAtomic(out, text);
    io.stderr.write(`${safeLine(`Wrote ${labels.length} predictions to ${out}`)}\n`);
  }
}

async function evaluate(values: Values, positionals: string[], io: Io): Promise<void> {
  const [modelFile, file] = positionals as [string, string];
  const delimiter = delimiterOf(values);
  const loaded = await loadModel(modelFile);
  const { model } = loaded;
  const target = str(values, 'target')?.trim() ?? loaded.target;
  if (target === null) throw new UsageError(`${modelFile} does not name its target column; give --target COLUMN`, 'evaluate');
  const table = await readCsv(file, { delimiter });
  const [targetIndex] = columnIndices(file, table, [target], 'target') as [number];
  const preprocessing = loaded.preprocessing ?? plainPreprocessing(file, table.header, target, model.nFeaturesIn);
  const X = transform(file, table, preprocessing);
  const classes = model.classes;
  const y = readLabelsFor(file, table, targetIndex, classes);
  const known = new Set(classes);
  const unknown = y.findIndex((label) => !known.has(label));
  if (unknown >= 0) {
    const show = (label: Label) => (typeof label === 'string' ? quotedCell(label) : String(label));
    throw new CliError(
      `${file}: row ${table.lines[unknown]}, ${describeColumn(table.header, targetIndex)}: label ${show(y[unknown] as Label)} is not one of the model's classes (${listShort(classes.map(String), 20, (c) => display(c))})`,
    );
  }
  const scores = score(model, X, y);
  if (values['json']) {
    io.stdout.write(`${jsonText({ model: modelFile, data: { file, rows: y.length, target }, classes, counts: classCounts(classes, y), scores })}\n`);
    return;
  }
  writeReport(
      io,
    [
      // An ONNX file holds coefficients, not how they were trained.
      `Model: ${modelFile} (${isOnnxPath(modelFile) ? 'ONNX' : `${model.solver}, penalty ${model.penalty}`}, ${model.nFeaturesIn} features)`,
      `Data: ${file}: ${y.length} rows; target ${quoted(target)}`,
      `Classes: ${countsLine(classes, classCounts(classes, y))}`,
      '',
      formatScores(classes, [['data', scores]]),
      '',
    ].join('\n'),
  );
}

function demo(io: Io): void {
  io.stdout.write(`${referenceReport(runReferenceExperiment()).join('\n')}\n`);
}

/**
 * The version in the package's package.json, found by walking up from this module (it is
 * src/cli/main.ts in a clone and dist/cli.js in the package).
 */
async function packageVersion(): Promise<string> {
  let dir = new URL('.', import.meta.url);
  for (let depth = 0; depth < 4; depth++) {
    try {
      const pkg = JSON.parse(await readFile(new URL('package.json', dir), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'logreg-wasm' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No package.json at this level: look one up.
    }
    dir = new URL('..', dir);
  }
  return '(version unknown)';
}

/**
 * Runs the CLI.
 * @param argv the arguments after the program name, e.g. `['train', 'data.csv', '--target', 'y']`.
 * @param io where to write (default: the process's stdout and stderr).
 * @returns the exit code: 0 on success, 1 for bad input (a missing or malformed file,
 * bad data), 2 for bad usage (unknown command or flag, a wrong value).
 */
export async function run(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === '--version') {
      io.stdout.write(`logreg-wasm ${await packageVersion()}\n`);
      return 0;
    }
    if (command === 'help' && args.length > 0) {
      // `help train` is `train --help`.
      const [topic] = args as [string];
      if (!isCommand(topic)) {
        const near = nearest(topic, Object.keys(OPTIONS));
        throw new UsageError(`no help for ${quoted(topic)}: not a command${near === null ? '' : ` (did you mean ${near}?)`}`);
      }
      io.stdout.write(`${USAGE[topic]}\n`);
      return 0;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      (command === undefined ? io.stderr : io.stdout).write(`${USAGE['general']}\n`);
      return command === undefined ? 2 : 0;
    }
    if (!isCommand(command)) {
      const near = nearest(command, Object.keys(OPTIONS));
      throw new UsageError(`unknown command ${quoted(command)}${near === null ? '' : ` (did you mean ${near}?)`}`);
    }
    const parsed = parseCommand(command, args);
    if (parsed === null) {
      io.stdout.write(`${USAGE[command]}\n`);
      return 0;
    }
    if (command === 'train') await train(parsed.values, parsed.positionals, io);
    else if (command === 'predict') await predict(parsed.values, parsed.positionals, io);
    else if (command === 'evaluate') await evaluate(parsed.values, parsed.positionals, io);
    else if (command === 'export') await exportModel(parsed.values, parsed.positionals, io);
    else demo(io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      // A usage error of a command shows that command's usage, wherever it was raised.
      const usage = error.command ?? (command !== undefined && isCommand(command) ? command : 'general');
      io.stderr.write(`logreg-wasm: ${safeLine(error.message)}\n\n${USAGE[usage]}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`logreg-wasm: ${safeLine(message.split('\n')[0] as string)}\n`);
    return 1;
  }
}
