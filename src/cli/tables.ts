/**
 * Every tabular input of the CLI as the CSV reader's text cells: a CSV file, a Parquet
 * file, an Arrow IPC file (or stream) and the result of a DuckDB query (`--sql`) are read
 * into the same {@link CsvTable} / {@link CsvChunk} (a header and rows of strings), so
 * every flag (target, features, one-hot, impute, standardize, a text column, clusters)
 * and every message applies to all of them by one rule set (csv-rules.ts).
 *
 * A typed value becomes the cell a CSV file would hold for it: a number its shortest
 * round-tripping decimal (`String(x)`, read back to the same float64), a 64-bit integer
 * its digits, a null an empty cell (a missing value), a date its ISO 8601 text. A finite
 * number (and an integer within ±2⁵³) is kept as the number that text reads as (csv.ts's
 * {@link Cell}), so numeric columns skip writing and parsing text. Row numbers
 * of these sources are data rows from 1 (a CSV file's are its lines, the header line 1);
 * messages call both `row N`.
 * @module
 */
import { readArrowBatches } from './arrow-table.js';
import { readCsvChunks, type Cell, type CsvChunk, type CsvTable } from './csv.js';
import { readHeader } from './csv-rules.js';
import { CliError } from './errors.js';
import { readParquetBatches } from './parquet-table.js';
import { readSqlBatches } from './sql-table.js';

/** Where a command's rows come from: a data file in one of the tabular formats, or a query. */
export interface TableSource {
  /** What messages and reports call the data: the file's path, or `--sql` for a query. */
  file: string;
  format: 'csv' | 'parquet' | 'arrow' | 'sql';
  /** The CSV delimiter, null to detect it (CSV only). */
  delimiter: string | null;
  /** The SQL query (`--sql`); null for a file. */
  query: string | null;
}

/** What the reports call a `--sql` query's result (in place of a file's path). */
export const SQL_NAME = '--sql';

/** A CSV file, or a file in the format {@link TableSource.format} names. */
export function fileSource(file: string, format: 'csv' | 'parquet' | 'arrow', delimiter: string | null): TableSource {
  return { file, format, delimiter, query: null };
}

/** The result of a DuckDB query (`--sql`). */
export function sqlSource(query: string): TableSource {
  return { file: SQL_NAME, format: 'sql', delimiter: null, query };
}

/** One batch of typed rows from a columnar source: its row count and the value at row i, column j. */
export interface Batch {
  readonly length: number;
  cell(i: number, j: number): unknown;
}

/** A columnar source opened: its column names and its batches in row order. */
export interface Batches {
  names: string[];
  batches: AsyncIterable<Batch>;
}

/**
 * A typed value as a CSV cell: null and undefined empty (a missing value); a number by
 * `String` (exact: the shortest decimal that reads back to it; NaN is `NaN`, missing as in
 * a CSV file); a bigint its digits; a Date its ISO 8601 text; bytes as UTF-8 text;
 * anything else its own `toString` (DuckDB's decimals, dates and intervals) or its JSON.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      break;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  const text = String(value);
  return text === '[object Object]' ? JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) : text;
}

/**
 * A typed value as a {@link Cell}: a finite number as itself (−0 as 0, as its text `0`
 * reads), a bigint within ±2⁵³ as its number; anything else (NaN and ±Infinity too, whose
 * text the CSV rules read as missing and refuse) as {@link cellText}.
 */
export function typedCell(value: unknown): Cell {
  if (typeof value === 'number') return value - value === 0 ? (value === 0 ? 0 : value) : String(value);
  if (typeof value === 'bigint' && value >= -9007199254740992n && value <= 9007199254740992n) return Number(value);
  return cellText(value);
}

/**
 * The batches of a columnar source as chunks of at most `chunkRows` rows, rows
 * numbered from 1. The last chunk may be empty (as {@link readCsvChunks}'s).
 * @throws CliError naming the source for an empty or repeated column name.
 */
async function* textChunks(file: string, opened: Batches, chunkRows: number): AsyncGenerator<CsvChunk> {
  const read = readHeader(opened.names);
  // The rules name a CSV header's line (row 1); these sources' names are not a row.
  if (!read.ok) throw new CliError(`${file}: ${read.problem.replace(/^row 1(?:, |: )/, '').replace('the header', 'the column names')}`);
  const { header, columns } = read;
  const d = header.length;
  let rows: Cell[][] = [];
  let lines: number[] = [];
  let row = 0;
  for await (const batch of opened.batches) {
    for (let i = 0; i < batch.length; i++) {
      const cells = new Array<Cell>(d);
      for (let j = 0; j < d; j++) cells[j] = typedCell(batch.cell(i, j));
      rows.push(cells);
      lines.push(++row);
      if (rows.length >= chunkRows) {
        yield { header, columns, rows, lines };
        rows = [];
        lines = [];
      }
    }
  }
  yield { header, columns, rows, lines };
}

/**
 * Reads the rows of `source` in chunks of at most `chunkRows` rows, streaming where the
 * format allows: a CSV file as it is parsed, a Parquet file row group by row group, a
 * query's result chunk by chunk (DuckDB's own), an Arrow file batch by batch (its bytes
 * are read whole: Arrow IPC is read from memory).
 * @throws CliError for a missing or unreadable file, a file not in its format, a query
 * DuckDB refuses (its message, with the query), and as {@link readCsvChunks}.
 */
export async function* readTableChunks(source: TableSource, chunkRows: number): AsyncGenerator<CsvChunk> {
  const { file } = source;
  switch (source.format) {
    case 'csv':
      yield* readCsvChunks(file, chunkRows, { delimiter: source.delimiter });
      return;
    case 'parquet':
      yield* textChunks(file, await readParquetBatches(file), chunkRows);
      return;
    case 'arrow':
      yield* textChunks(file, await readArrowBatches(file), chunkRows);
      return;
    case 'sql': {
      const opened = await readSqlBatches(source.query as string);
      try {
        yield* textChunks(file, opened, chunkRows);
      } finally {
        opened.close();
      }
    }
  }
}

/** Tables already read, by source: a command that needs a source's rows twice (`--cluster`) reads them once. */
const read = new WeakMap<TableSource, Promise<CsvTable>>();

/**
 * Reads all the rows of `source` into memory (once per source object: a second call
 * returns the same table, so a query runs once).
 * @throws CliError as {@link readTableChunks}, and for a source without data rows.
 */
export function readTable(source: TableSource): Promise<CsvTable> {
  let table = read.get(source);
  if (table === undefined) {
    table = readWhole(source);
    read.set(source, table);
  }
  return table;
}

async function readWhole(source: TableSource): Promise<CsvTable> {
  const { file } = source;
  let header: string[] = [];
  let columns: ReadonlyMap<string, number> = new Map();
  const rows: Cell[][] = [];
  const lines: number[] = [];
  for await (const chunk of readTableChunks(source, 65_536)) {
    ({ header, columns } = chunk);
    for (const r of chunk.rows) rows.push(r);
    for (const l of chunk.lines) lines.push(l);
  }
  if (rows.length === 0) {
    throw new CliError(source.format === 'csv' ? `${file}: has a header row but no data rows` : source.format === 'sql' ? `${file}: the query returned no rows (query: ${oneLine(source.query as string)})` : `${file}: has no rows`);
  }
  return { file, header, columns, rows, lines };
}

/** What a report's `Data:` line calls the data: the file's path, or `--sql "QUERY"`. */
export function describeSource(source: TableSource | null, file: string): string {
  return source?.query == null ? file : `${SQL_NAME} ${JSON.stringify(oneLine(source.query))}`;
}

/** A query on one line, for messages (the CLI prints one line per error). */
export function oneLine(query: string): string {
  return query.replace(/\s+/g, ' ').trim();
}
