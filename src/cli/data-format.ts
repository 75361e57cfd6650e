/**
 * Which reader a data file gets: CSV (a header row and columns) or svmlight / LIBSVM
 * (`label index:value …` per line). `--format` decides when given; otherwise the name does:
 * `.svm`, `.svmlight` and `.libsvm` (also followed by `.gz`, read gzip-compressed) are
 * svmlight, every other name is CSV (`.txt` included: tab-separated text is as common under
 * that name as svmlight).
 * @module
 */
import { CliError } from './errors.js';
import { choice, type Values } from './flags.js';

/** The formats a data file may be in. */
const DATA_FORMATS = ['csv', 'svmlight'] as const;
/** A data file's format. */
export type DataFormat = (typeof DATA_FORMATS)[number];

/** File name endings read as svmlight without `--format` (any case). */
const SVMLIGHT_EXTENSIONS = ['.svm', '.svmlight', '.libsvm'] as const;

/** The svmlight extension a file's name ends in (before a `.gz`), or undefined. */
function svmlightExtension(file: string): string | undefined {
  const lower = file.toLowerCase().replace(/\.gz$/, '');
  return SVMLIGHT_EXTENSIONS.find((ext) => lower.endsWith(ext));
}

/**
 * The format of `file`: `--format` when given, else by its name.
 * @throws UsageError for a `--format` other than csv or svmlight.
 */
export function dataFormat(values: Values, file: string): DataFormat {
  return choice(values, 'format', DATA_FORMATS) ?? (svmlightExtension(file) === undefined ? 'csv' : 'svmlight');
}

/**
 * Checks that a data file is in the format of the data a model was trained on (the model's
 * features are either CSV columns or svmlight indices, never both).
 * @throws CliError naming the model, the file and how to read it the other way.
 */
export function checkDataFormat(modelFile: string, modelFormat: DataFormat, file: string, format: DataFormat, values: Values): void {
  if (format === modelFormat) return;
  const why = values['format'] !== undefined ? `--format ${format}` : format === 'svmlight' ? `its name ends in ${svmlightExtension(file)}` : `its name does not end in ${SVMLIGHT_EXTENSIONS.join(', ')}`;
  const fix = modelFormat === 'svmlight' ? 'pass --format svmlight to read it as svmlight' : 'pass --format csv to read it as CSV';
  throw new CliError(`${modelFile} was trained on ${modelFormat === 'csv' ? 'CSV' : 'svmlight'} data; ${file} is read as ${format === 'csv' ? 'CSV' : 'svmlight'} (${why}); ${fix}`);
}
