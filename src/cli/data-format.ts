/**
 * Which reader a data file gets: CSV (a header row and columns), Parquet, Arrow IPC (the
 * three are tables, read into the same text cells by tables.ts) or svmlight / LIBSVM
 * (`label index:value …` per line). `--format` decides when given; otherwise the name does:
 * `.parquet` and `.pq` are Parquet; `.arrow`, `.feather` (Feather version 2 is the Arrow
 * IPC file format) and `.arrows` (the IPC stream format) are Arrow; `.svm`, `.svmlight` and
 * `.libsvm` (also followed by `.gz`, read gzip-compressed) are svmlight; every other name
 * is CSV (`.txt` included: tab-separated text is as common under that name as svmlight).
 * @module
 */
import { CliError, UsageError } from './errors.js';
import { choice, delimiterOf, str, type Values } from './flags.js';
import { fileSource, sqlSource, type TableSource } from './tables.js';

/** The formats a data file may be in. */
const DATA_FORMATS = ['csv', 'parquet', 'arrow', 'svmlight'] as const;
/** A data file's format. */
export type DataFormat = (typeof DATA_FORMATS)[number];

/** File name endings read in a format other than CSV without `--format` (any case). */
const EXTENSIONS: Record<Exclude<DataFormat, 'csv'>, readonly string[]> = {
  parquet: ['.parquet', '.pq'],
  arrow: ['.arrow', '.feather', '.arrows'],
  svmlight: ['.svm', '.svmlight', '.libsvm'],
};

/** The format a file's name says and the ending that says it (before a `.gz` for svmlight), or undefined for CSV. */
function byName(file: string): { format: Exclude<DataFormat, 'csv'>; ext: string } | undefined {
  const lower = file.toLowerCase();
  for (const format of ['parquet', 'arrow', 'svmlight'] as const) {
    const name = format === 'svmlight' ? lower.replace(/\.gz$/, '') : lower;
    const ext = EXTENSIONS[format].find((e) => name.endsWith(e));
    if (ext !== undefined) return { format, ext };
  }
  return undefined;
}

/**
 * The format of `file`: `--format` when given, else by its name.
 * @throws UsageError for a `--format` other than csv, parquet, arrow or svmlight.
 */
export function dataFormat(values: Values, file: string): DataFormat {
  return choice(values, 'format', DATA_FORMATS) ?? byName(file)?.format ?? 'csv';
}

/** What the messages call a format. */
const FORMAT_NAMES: Record<DataFormat, string> = { csv: 'CSV', parquet: 'Parquet', arrow: 'Arrow IPC', svmlight: 'svmlight' };

/**
 * The table a command reads: `--sql`'s query, or the data file in its format (`--delimiter`
 * applies to CSV only).
 * @param file the data file argument, or undefined when the command line has none.
 * @throws UsageError for both a file and `--sql`, neither, `--sql` or `--delimiter` with a
 * format they do not apply to, or a bad `--format` or `--delimiter`.
 */
export function tableSource(values: Values, file: string | undefined, command: string): TableSource {
  const query = str(values, 'sql');
  const delimiter = delimiterOf(values);
  if (query !== undefined) {
    if (file !== undefined) throw new UsageError(`--sql reads the rows of its query; give a data file or --sql, not both (got ${JSON.stringify(file)} too)`, command);
    for (const flag of ['format', 'delimiter']) if (values[flag] !== undefined) throw new UsageError(`--${flag} does not apply to --sql: DuckDB reads the files the query names`, command);
    return sqlSource(query);
  }
  if (file === undefined) throw new UsageError(`${command} needs a data file (or --sql QUERY)`, command);
  const format = dataFormat(values, file);
  if (format === 'svmlight') throw new Error('tableSource: svmlight data is not a table');
  if (format !== 'csv' && delimiter !== null) throw new UsageError(`--delimiter does not apply to ${FORMAT_NAMES[format]} data: it is not CSV`, command);
  return fileSource(file, format, delimiter);
}

/**
 * Checks that a data file is in the kind of data a model was trained on: tables (CSV,
 * Parquet, Arrow — a model of columns reads any of them) or svmlight (indices), never both.
 * @throws CliError naming the model, the file and how to read it the other way.
 */
export function checkDataFormat(modelFile: string, modelFormat: DataFormat, file: string, format: DataFormat, values: Values): void {
  if ((format === 'svmlight') === (modelFormat === 'svmlight')) return;
  const named = byName(file);
  const why = values['format'] !== undefined ? `--format ${format}` : named !== undefined ? `its name ends in ${named.ext}` : `its name does not end in ${EXTENSIONS.svmlight.join(', ')}`;
  const fix = modelFormat === 'svmlight' ? 'pass --format svmlight to read it as svmlight' : 'pass --format csv to read it as CSV';
  throw new CliError(`${modelFile} was trained on ${modelFormat === 'svmlight' ? 'svmlight' : 'CSV'} data; ${file} is read as ${FORMAT_NAMES[format]} (${why}); ${fix}`);
}
