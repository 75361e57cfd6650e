/**
 * Parquet data for the CLI: read by the library's Parquet reader (src/parquet, on hyparquet
 * and hyparquet-compressors, bundled into the CLI) row group by row group, each row group's
 * Arrow-shaped table one of tables.ts's {@link Batch}es, so memory holds one row group at a
 * time. The file is read by ranges (its footer, then each row group's column chunks).
 * @module
 */
import { stat } from 'node:fs/promises';
import { parquetRowGroups } from '../parquet/read-parquet.js';
import type { ParquetColumn, ParquetTable } from '../parquet/parquet-table.js';
import { CliError } from './errors.js';
import type { Batch, Batches } from './tables.js';

/** The reader's error as the CLI's: the file named once, at the start. */
function parquetError(file: string, error: unknown): CliError {
  const message = (error instanceof Error ? error.message : String(error)).replace(/^parquetRowGroups: /, '');
  return new CliError(message.startsWith(file) ? message : `${file}: ${message}`);
}

/**
 * Opens a Parquet file: its top-level column names and its row groups in order.
 * @throws CliError naming the file when it is missing, a pipe, not Parquet, truncated or damaged
 * (then while reading the batches too, naming the column and row group).
 */
export async function readParquetBatches(file: string): Promise<Batches> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new CliError(`${file}: is a directory, not a Parquet file`);
    if (!info.isFile()) throw new CliError(`${file}: is a pipe or device; Parquet is read by ranges (its footer first), which needs a file: save the data to a file first`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${(error as Error).message})`);
  }
  const groups = parquetRowGroups(file);
  // The first row group is read here, so a file that is not Parquet fails before any row is used.
  let first: IteratorResult<ParquetTable, void>;
  try {
    first = await groups.next();
  } catch (error) {
    throw parquetError(file, error);
  }
  if (first.done) throw new CliError(`${file}: has no rows`);
  const names = first.value.schema.fields.map((f) => f.name);
  if (names.length === 0) throw new CliError(`${file}: has no columns`);
  const batch = (table: ParquetTable): Batch => {
    const columns = names.map((name) => (table.getChild(name) as ParquetColumn).data[0]);
    return { length: table.numRows, cell: (i, j) => columns[j]?.at(i) ?? null };
  };
  async function* batches(): AsyncGenerator<Batch> {
    yield batch(first.value as ParquetTable);
    try {
      for await (const table of groups) yield batch(table);
    } catch (error) {
      throw parquetError(file, error);
    }
  }
  return { names, batches: batches() };
}
