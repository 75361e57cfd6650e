/**
 * The CLI's model file: the estimator's own JSON document (`LogisticRegression.toJSON`)
 * wrapped with what the CLI needs to apply it to a data file: the target column's name and
 * how the file's rows become features, one of three (the model's input):
 * - `preprocessing`: CSV columns (features, imputation, one-hot categories, standardisation);
 * - `text` (version 2): a CSV column of text and the fitted vectorizer;
 * - `svmlight` (version 2): the width and index base of svmlight files.
 * A file is written with the lowest version that holds it (a model of CSV columns is a
 * version 1 file, as before), and every version up to {@link CLI_MODEL_VERSION} is read.
 * @module
 */
import { chmod, lstat, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { LogisticRegression } from '../index.js';
import { CliError, fileErrorReason } from './errors.js';
import { own, record, type Preprocessing } from './preprocess.js';
import type { SvmlightInput } from './svmlight-data.js';
import { quoted } from './text.js';
import { readTextInput, textInputJson, textInputWidth, type TextInput } from './text-features.js';

/** The `format` field of a CLI model file. */
export const CLI_MODEL_FORMAT = 'logreg-wasm/cli-model';
/** The newest CLI model file version this CLI writes and reads. */
export const CLI_MODEL_VERSION = 2;

/** How a model's data file becomes its features: exactly one of the three is set. */
export type ModelInput =
  | { preprocessing: Preprocessing; text: null; svmlight: null }
  | { preprocessing: null; text: TextInput; svmlight: null }
  | { preprocessing: null; text: null; svmlight: SvmlightInput };

/** A model file, as loaded. */
export type CliModel = ModelInput & {
  /** The label column's name (`label` for a model of svmlight data, whose labels have no name). */
  target: string;
  model: LogisticRegression;
};

/** Serialises a model file's text: version 1 for CSV columns, 2 for text and svmlight. */
export function modelFileText(target: string, input: ModelInput, model: LogisticRegression): string {
  const body =
    input.preprocessing !== null
      ? { version: 1, target, preprocessing: input.preprocessing }
      : input.text !== null
        ? { version: 2, target, text: textInputJson(input.text) }
        : { version: 2, target, svmlight: input.svmlight };
  return `${JSON.stringify({ format: CLI_MODEL_FORMAT, ...body, estimator: model.toJSON() }, null, 1)}\n`;
}

/**
 * Writes a file atomically: to a temporary file next to it, then renamed over it, so a
 * failure never leaves a partial file at `path`. What `path` is decides how:
 * - a symbolic link: the file it points to is replaced (the link stays a link);
 * - a device, FIFO or socket (`/dev/stdout`, `/dev/null`, a named pipe): written in
 *   place, as a shell redirection would; renaming over it would replace the device node
 *   itself with a regular file;
 * - a directory, or a path ending in `/`: refused.
 * An existing file keeps its permission bits.
 * @throws CliError when the path is a directory or cannot be written.
 */
export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  let target = path;
  let mode: number | undefined;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(`${path}: cannot write (is a directory)`);
    if (!info.isFile()) {
      await writeFile(path, text);
      return;
    }
    target = await realpath(path);
    mode = info.mode & 0o7777;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new CliError(`${path}: cannot write (${fileErrorReason(error as NodeJS.ErrnoException)})`);
    if (path.endsWith('/')) throw new CliError(`${path}: cannot write (names a directory; give a file name)`);
    // A dangling symbolic link: written through, creating the file it names.
    if ((await lstat(path).catch(() => null))?.isSymbolicLink()) {
      await writeFile(path, text).catch((e: NodeJS.ErrnoException) => {
        throw new CliError(`${path}: cannot write (${fileErrorReason(e)})`);
      });
      return;
    }
  }
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, text, mode === undefined ? {} : { mode });
    if (mode !== undefined) await chmod(temporary, mode);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    // Node's message names the temporary file, which the user never asked for.
    throw new CliError(`${path}: cannot write (${fileErrorReason(error as NodeJS.ErrnoException)})`);
  }
}


/** The identity of an existing file (through symbolic links), or null when there is none. */
async function identity(path: string): Promise<{ real: string; dev: number; ino: number } | null> {
  try {
    const [real, info] = await Promise.all([realpath(path), stat(path)]);
    return { real, dev: info.dev, ino: info.ino };
  } catch {
    return null;
  }
}

/**
 * Refuses an output file that is one of the command's input files, however spelt (`./x`,
 * a symbolic link, a hard link): writing it would replace the input.
 * @param flag the option naming the output (`--out`), for the message.
 * @throws CliError naming both.
 */
export async function checkNotInput(out: string, flag: string, inputs: readonly string[]): Promise<void> {
  const target = await identity(out);
  if (target === null) return;
  for (const input of inputs) {
    const source = await identity(input);
    if (source !== null && (source.real === target.real || (source.dev === target.dev && source.ino === target.ino))) {
      throw new CliError(`${flag} ${out} is the input file ${input}; writing it would replace the input (choose another file)`);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkPreprocessing(file: string, value: unknown): Preprocessing {
  const bad = (what: string) => new CliError(`${file}: the model file is damaged (${what})`);
  if (!isRecord(value)) throw bad('preprocessing is missing');
  const { features, oneHot, impute, standardize } = value;
  if (!Array.isArray(features) || features.length === 0 || !features.every((f) => typeof f === 'string')) {
    throw bad('preprocessing.features must be a non-empty list of column names');
  }
  if (!isRecord(oneHot) || !Object.values(oneHot).every((c) => Array.isArray(c) && c.length > 0 && c.every((x) => typeof x === 'string'))) {
    throw bad('preprocessing.oneHot must map columns to lists of categories');
  }
  if (new Set(features).size !== features.length) throw bad('preprocessing.features repeats a column');
  const categoriesOf = (f: string) => own(oneHot as Record<string, string[]>, f);
  for (const [column, cats] of Object.entries(oneHot as Record<string, string[]>)) {
    if (!features.includes(column)) throw bad(`preprocessing.oneHot names ${quoted(column)}, which is not a feature`);
    if (new Set(cats).size !== cats.length) throw bad(`preprocessing.oneHot repeats a category of ${quoted(column)}`);
  }
  if (impute !== null) {
    if (!(isRecord(impute) && (impute['strategy'] === 'mean' || impute['strategy'] === 'median') && isRecord(impute['values']) && isRecord(impute['categories']))) {
      throw bad("preprocessing.impute must be null or hold a strategy ('mean' or 'median'), values and categories");
    }
    // Every feature has its fill: a finite number, or one of its column's categories.
    for (const f of features as string[]) {
      const cats = categoriesOf(f);
      const fill = own(cats === undefined ? impute['values'] : impute['categories'], f);
      const ok = cats === undefined ? typeof fill === 'number' && Number.isFinite(fill) : typeof fill === 'string' && cats.includes(fill);
      if (!ok) throw bad(`preprocessing.impute has no valid fill value for ${quoted(f)}`);
    }
  }
  const width = (features as string[]).reduce((n, f) => n + (own(oneHot as Record<string, string[]>, f)?.length ?? 1), 0);
  if (standardize !== null) {
    const ok =
      isRecord(standardize) &&
      [standardize['mean'], standardize['scale']].every(
        (a) => Array.isArray(a) && a.length === width && a.every((x) => typeof x === 'number' && Number.isFinite(x)),
      ) &&
      (standardize['scale'] as number[]).every((x) => x > 0);
    if (!ok) throw bad(`preprocessing.standardize must hold ${width} means and ${width} positive scales`);
  }
  const p = value as unknown as Preprocessing;
  // Keyed by column names: copied into records without a prototype (see `record`).
  return {
    ...p,
    oneHot: withoutPrototype(p.oneHot),
    impute: p.impute === null ? null : { ...p.impute, values: withoutPrototype(p.impute.values), categories: withoutPrototype(p.impute.categories) },
  };
}

function withoutPrototype<T>(r: Record<string, T>): Record<string, T> {
  return Object.assign(record<T>(), r);
}

/**
 * Loads a model file written by `train`.
 * @throws CliError for a missing file, text that is not JSON, a JSON document that is not
 * a logreg-wasm CLI model, a newer format version, or damaged contents.
 */
export async function readModelFile(file: string): Promise<CliModel> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new CliError(`${file}: is a directory, not a model file`);
    throw new CliError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${fileErrorReason(error as NodeJS.ErrnoException)})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: the model file is not JSON (${(error as Error).message})`);
  }
  if (!isRecord(doc) || doc['format'] !== CLI_MODEL_FORMAT) {
    const hint =
      isRecord(doc) && doc['format'] === 'logreg-wasm/logistic-regression'
        ? ' (it is a bare LogisticRegression.toJSON document; the CLI needs the file `logreg-wasm train` writes)'
        : '';
    throw new CliError(`${file}: not a logreg-wasm model file; expected format '${CLI_MODEL_FORMAT}'${hint}`);
  }
  const version = doc['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new CliError(`${file}: the model file is damaged (version must be a positive integer)`);
  }
  if (version > CLI_MODEL_VERSION) {
    throw new CliError(
      `${file}: written by a newer logreg-wasm (model file version ${version}); this version reads up to ${CLI_MODEL_VERSION}`,
    );
  }
  if (typeof doc['target'] !== 'string') throw new CliError(`${file}: the model file is damaged (target must be a column name)`);
  const input = checkInput(file, doc, version);
  let model: LogisticRegression;
  try {
    model = LogisticRegression.fromJSON(doc['estimator']);
  } catch (error) {
    const message = (error as Error).message.replace(/^LogisticRegression\.fromJSON: /, '');
    // A newer estimator document is not damage: say which version, as for the file's own version.
    const newer = /written by a newer logreg-wasm \(format version (\d+)\); this version reads up to (\d+)/.exec(message);
    if (newer !== null) {
      throw new CliError(`${file}: written by a newer logreg-wasm (estimator format version ${newer[1]}); this version reads up to ${newer[2]}`);
    }
    throw new CliError(`${file}: the model file is damaged (${message})`);
  }
  const [width, source] =
    input.preprocessing !== null
      ? [input.preprocessing.features.reduce((n, f) => n + (own(input.preprocessing.oneHot, f)?.length ?? 1), 0), 'the preprocessing gives']
      : input.text !== null
        ? [textInputWidth(input.text), 'the vectorizer gives']
        : [input.svmlight.nFeatures, 'svmlight.nFeatures is'];
  if (model.nFeaturesIn !== width) {
    throw new CliError(`${file}: the model file is damaged (the model has ${model.nFeaturesIn} features; ${source} ${width})`);
  }
  return { ...input, target: doc['target'], model };
}

/** The model's input: `preprocessing` in version 1; exactly one of `preprocessing`, `text` and `svmlight` from version 2. */
function checkInput(file: string, doc: Record<string, unknown>, version: number): ModelInput {
  const keys = version === 1 ? ['preprocessing'] : ['preprocessing', 'text', 'svmlight'];
  const present = keys.filter((k) => Object.hasOwn(doc, k));
  if (present.length !== 1) {
    const what = version === 1 ? 'preprocessing is missing' : `it must hold one of preprocessing, text and svmlight; it holds ${present.length === 0 ? 'none' : present.join(' and ')}`;
    throw new CliError(`${file}: the model file is damaged (${what})`);
  }
  if (present[0] === 'preprocessing') return { preprocessing: checkPreprocessing(file, doc['preprocessing']), text: null, svmlight: null };
  if (present[0] === 'text') return { preprocessing: null, text: readTextInput(file, doc['text']), svmlight: null };
  return { preprocessing: null, text: null, svmlight: checkSvmlight(file, doc['svmlight']) };
}

function checkSvmlight(file: string, value: unknown): SvmlightInput {
  const ok =
    isRecord(value) &&
    Number.isInteger(value['nFeatures']) &&
    (value['nFeatures'] as number) >= 1 &&
    (value['nFeatures'] as number) <= 2 ** 31 &&
    typeof value['zeroBased'] === 'boolean';
  if (!ok) throw new CliError(`${file}: the model file is damaged (svmlight must hold nFeatures, an integer from 1 to 2147483648, and zeroBased, true or false)`);
  return { nFeatures: value['nFeatures'] as number, zeroBased: value['zeroBased'] as boolean };
}
