/**
 * `train --pushdown`: the model fitted by `fitPushdown` (src/duckdb/pushdown.ts) on a
 * `--sql` query's result or a Parquet file, every evaluation of the objective one SQL
 * aggregate in DuckDB, so the rows never come into this process: for data larger than
 * memory, with the exact optimum (not SGD's) and memory bounded by DuckDB's
 * `--memory-limit`. It fits every row of the query (hold rows out in the query itself) on
 * numeric columns as they are: the preprocessing flags and the flags of other paths are
 * refused, never ignored.
 * @module
 */
import { fitPushdown, type LogisticRegression, type LogisticRegressionOptions } from '../index.js';
import { CliError, UsageError } from './errors.js';
import { list, num, str, type Values } from './flags.js';
import { writeReport, type Io } from './io.js';
import { checkNotInput, modelFileText, writeFileAtomic } from './model-file.js';
import { makeModel } from './model-options.js';
import type { Preprocessing } from './preprocess.js';
import { openDuckdb } from './sql-table.js';
import { describeSource, oneLine, type TableSource } from './tables.js';
import { jsonText, quoted, safeLine } from './text.js';

/** Flags `--pushdown` cannot honour, and why. */
const REFUSED: Readonly<Record<string, string>> = {
  stream: 'pushdown already reads the data where it lies, one aggregate per evaluation',
  'one-hot': 'the query sees columns as they are; encode categories in the query (e.g. (color = \'red\')::INTEGER)',
  impute: 'the query sees columns as they are; fill nulls in the query (coalesce)',
  standardize: 'the query sees columns as they are; scale columns in the query',
  text: 'text features need every document in memory',
  stratify: 'pushdown fits every row of the query',
  cv: 'pushdown fits one model',
  Cs: 'pushdown fits one model at one C',
  'l1-ratios': 'pushdown fits one model at one l1 ratio',
  scoring: 'pushdown fits one model',
  summary: 'the summary needs every training row in memory',
  epochs: 'pushdown runs full-batch iterations (--max-iter), not epochs',
  'chunk-size': 'pushdown reads no chunks',
  dtype: 'DuckDB evaluates in float64',
  threads: 'DuckDB runs the scans on its own threads',
};

/** What {@link trainPushdown} needs from `train`. */
export interface PushdownRequest {
  readonly values: Values;
  readonly source: TableSource;
  readonly target: string;
  readonly options: LogisticRegressionOptions;
  readonly out: string | undefined;
  readonly warnings: string[];
}

/**
 * Checks `--pushdown`'s flags, fits, writes the model file and prints the report.
 * @throws UsageError for a flag pushdown cannot honour, a source other than --sql or a
 * Parquet file, `--test-size` above 0, another solver; CliError for what DuckDB or the fit
 * refuses (DuckDB's message with the query).
 */
export async function trainPushdown(request: PushdownRequest, io: Io): Promise<void> {
  const { values, source, target, options, out, warnings } = request;
  for (const [flag, why] of Object.entries(REFUSED)) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} does not apply to --pushdown: ${why}`, 'train');
  }
  if (source.format !== 'sql' && source.format !== 'parquet') {
    throw new UsageError(`--pushdown runs in DuckDB on a --sql query or a Parquet file; ${source.file} is ${source.format === 'csv' ? 'CSV' : 'Arrow IPC'} (query it with --sql "SELECT * FROM read_csv('…')")`, 'train');
  }
  if ((num(values, 'test-size') ?? 0) !== 0) {
    throw new UsageError('--pushdown fits every row of the query; hold rows out in the query itself (e.g. WHERE hash(id) % 5 <> 0) and pass --test-size 0', 'train');
  }
  if (options.solver !== undefined && options.solver !== 'lbfgs' && options.solver !== 'owlqn' && options.solver !== 'newton') {
    throw new UsageError(`--pushdown runs --solver lbfgs, owlqn or newton (one aggregate per evaluation or Hessian-vector product); got '${options.solver}'`, 'train');
  }
  if (options.solver === undefined && options.penalty !== undefined && options.penalty !== 'l2' && options.penalty !== 'none') options.solver = 'owlqn';
  const memoryLimit = str(values, 'memory-limit');
  const model = makeModel(options, 'train');
  if (out !== undefined) await checkNotInput(out, '--out', source.query === null ? [source.file] : []);
  const sql = source.query ?? `SELECT * FROM read_parquet('${source.file.replace(/'/g, "''")}')`;
  const { connection, close } = await openDuckdb();
  const started = performance.now();
  let names = list(str(values, 'features'));
  try {
    if (memoryLimit !== undefined) {
      await run(connection, `SET memory_limit = '${memoryLimit.replace(/'/g, "''")}'`, '--memory-limit');
    }
    // The model file names its input columns: every column of the result but the target.
    if (names.length === 0) names = (await columnNames(connection, sql)).filter((name) => name !== target);
    await fit(model, connection, sql, target, names);
  } finally {
    close();
  }
  const fitMs = performance.now() - started;
  for (const w of warnings) io.stderr.write(`warning: ${safeLine(w)}\n`);
  const preprocessing: Preprocessing = { features: names, oneHot: {}, impute: null, standardize: null };
  if (out !== undefined) await writeFileAtomic(out, modelFileText(target, { preprocessing, text: null, svmlight: null }, model));
  const report = {
    data: { file: source.file, ...(source.query === null ? {} : { sql: source.query }), target, features: names },
    classes: model.classes,
    fit: { solver: model.solver, pushdown: true, nIter: model.nIter, converged: model.converged, fitMs, memoryLimit: memoryLimit ?? null },
    out: out ?? null,
  };
  if (values['json']) {
    io.stdout.write(`${jsonText(report)}\n`);
    return;
  }
  writeReport(
    io,
    [
      `Data: ${describeSource(source, source.file)}: ${names.length} features; target ${quoted(target)} (pushed down to DuckDB${memoryLimit === undefined ? '' : `, memory limit ${memoryLimit}`})`,
      `Classes: ${model.classes.map(String).join(', ')}`,
      `Fit: ${model.solver}, ${model.nIter} iterations${model.converged ? '' : ' (not converged)'}, ${(fitMs / 1000).toFixed(2)} s`,
      '',
      'No test rows: --pushdown fits every row of the query.',
      '',
      out === undefined ? 'Model not saved (pass --out model.json to save it).' : `Model written to ${out}`,
      '',
    ].join('\n'),
  );
}

/** Runs one statement, DuckDB's error passed on naming the flag. */
async function run(connection: unknown, sql: string, flag: string): Promise<void> {
  try {
    await (connection as { run(sql: string): Promise<unknown> }).run(sql);
  } catch (error) {
    throw new CliError(`${flag}: ${oneLine((error as Error).message)}`);
  }
}

/** The column names of a query's result. */
async function columnNames(connection: unknown, sql: string): Promise<string[]> {
  try {
    const reader = await (connection as { runAndReadAll(sql: string): Promise<{ getRowsJS(): unknown[][] }> }).runAndReadAll(`DESCRIBE SELECT * FROM (${sql.replace(/[\s;]+$/, '')})`);
    return reader.getRowsJS().map((row) => String(row[0]));
  } catch (error) {
    throw new CliError(`--pushdown: DuckDB failed: ${oneLine((error as Error).message)} (query: ${oneLine(sql)})`);
  }
}

/** fitPushdown, its refusals as CliErrors. */
async function fit(model: LogisticRegression, connection: unknown, sql: string, target: string, features: string[]): Promise<void> {
  try {
    await fitPushdown(model, connection, sql, { target, columns: features });
  } catch (error) {
    if (error instanceof RangeError || (error instanceof Error && error.message.startsWith('fitPushdown: DuckDB failed'))) {
      throw new CliError(oneLine(error.message.replace(/^fitPushdown: /, '--pushdown: ')));
    }
    throw error;
  }
}
