/**
 * Reading CSV files for the CLI: the rules of csv-rules.ts (a header row, quoted fields,
 * comma, semicolon or tab delimiters detected from the header line by default), parsed by
 * csv-parse as a stream. Errors name the file and the row (as a spreadsheet numbers them:
 * the header is row 1) and, where one is involved, the column.
 * @module
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { DELIMITERS, csvParseOptions, detectDelimiter, firstLine, readHeader, type CsvRecord } from './csv-rules.js';
import { CliError } from './errors.js';
import { quoted } from './text.js';

/**
 * A cell: the text of a CSV field, or for a typed source (Parquet, Arrow, a query; see
 * tables.ts) a finite number, which reads as its text `String(x)` would (the same float64),
 * so a column of numbers skips writing and parsing its text. {@link cellString} is its text.
 */
export type Cell = string | number;

/** A cell's text: a number as `String` writes it (the shortest decimal that reads back to it). */
export function cellString(cell: Cell): string {
  return typeof cell === 'number' ? String(cell) : cell;
}

/** A whole table in memory (a CSV file, or another tabular source read by tables.ts): the header and the data rows as text. */
export interface CsvTable {
  /** The file's path as given (for messages). */
  file: string;
  /** Column names from the header row. */
  header: string[];
  /** The index of each column by its name (names are distinct): lookups cost O(1), not O(columns). */
  columns: ReadonlyMap<string, number>;
  /** Data rows; each has `header.length` cells. */
  rows: Cell[][];
  /** The row number messages give each data row: a CSV file's line (the header is 1); a Parquet or Arrow file's or a query's row, from 1. */
  lines: number[];
}

/** One chunk of data rows from {@link readCsvChunks}. */
export interface CsvChunk {
  header: string[];
  /** As {@link CsvTable.columns}; one Map shared by every chunk of a file. */
  columns: ReadonlyMap<string, number>;
  rows: Cell[][];
  lines: number[];
}

/** Options for reading a CSV file. */
export interface CsvReadOptions {
  /** The delimiter; null detects it from the header line (`,`, `;` or tab; `,` on a tie). */
  delimiter?: string | null;
  /**
   * Resume at a line boundary after the header, as csv-parse would have gone on from there
   * (csv-numbers.ts hands over the rest of a file its fast path does not read): the byte
   * offset of the line, the lines before it, the header already read, and the delimiter and
   * line ending found on the header line.
   */
  from?: { byte: number; line: number; header: string[]; columns: ReadonlyMap<string, number>; delimiter: string; recordDelimiter: string };
}

/** Quotes a column name for messages: `'mean radius' (column 3)`. */
export function describeColumn(header: readonly string[], index: number): string {
  return `column ${quoted(header[index] ?? '')} (${index + 1})`;
}

/** Whether `file` is a pipe or device (/dev/stdin, a FIFO), which gives its bytes once; false for a file, a directory or no such path. */
export async function isPipe(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => null);
  return info !== null && !info.isFile() && !info.isDirectory();
}

/** The size of a regular file, or null for a pipe or device (whose size says nothing). */
async function checkReadable(file: string): Promise<number | null> {
  let size: number | null;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new CliError(`${file}: is a directory, not a CSV file`);
    size = info.isFile() ? info.size : null;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${(error as Error).message})`);
  }
  return size;
}

/**
 * Reads the data rows of a CSV file in chunks of at most `chunkRows` rows, streaming, so
 * memory holds one chunk at a time. The first chunk may be empty only when the file has a
 * header and no data (then tables.ts's `readTable` reports it).
 * @throws CliError for a missing or empty file, malformed CSV, a ragged row, or a header
 * with an empty or repeated column name.
 */
export async function* readCsvChunks(
  file: string,
  chunkRows: number,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvChunk> {
  if (options.from !== undefined) {
    yield* resumeCsvChunks(file, chunkRows, options.from);
    return;
  }
  const size = await checkReadable(file);
  const empty = () => new CliError(`${file}: the file is empty; expected a header row and data rows`);
  if (size === 0) throw empty();
  // One read of the file, its first line looked at before the parser sees it: a pipe
  // (/dev/stdin) can be read only once.
  const input = createReadStream(file);
  const source = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const parts: Buffer[] = [];
  let length = 0;
  try {
    while (length < 65_536 && !(parts.at(-1)?.includes(0x0a) ?? false)) {
      const next = await source.next();
      if (next.done) break;
      parts.push(next.value);
      length += next.value.length;
    }
  } catch (error) {
    input.destroy();
    throw new CliError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const head = Buffer.concat(parts);
  if (head.length === 0) throw empty();
  const line = firstLine(head.toString('utf8'));
  if (line.includes('\u0000')) {
    input.destroy();
    // UTF-16 (Excel's "Unicode text") has a NUL in every ASCII character; its BOM names it.
    const utf16 = head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
    throw new CliError(utf16 ? `${file}: is UTF-16 text; save it as UTF-8 (CSV UTF-8)` : `${file}: is not a text file`);
  }
  const delimiter = options.delimiter ?? detectDelimiter(line);
  async function* bytes(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      yield next.value;
    }
  }
  yield* parseChunks(file, chunkRows, Readable.from(bytes(), { objectMode: false }), input, parse(csvParseOptions(delimiter)), delimiter, null, 0);
}

/** readCsvChunks from a line after the header (see {@link CsvReadOptions.from}). */
async function* resumeCsvChunks(file: string, chunkRows: number, from: NonNullable<CsvReadOptions['from']>): AsyncGenerator<CsvChunk> {
  const input = createReadStream(file, { start: from.byte });
  // The line ending found on the header line, as csv-parse reading from the start would have kept it.
  const parser = parse({ ...csvParseOptions(from.delimiter), record_delimiter: from.recordDelimiter });
  yield* parseChunks(file, chunkRows, input, input, parser, from.delimiter, from, from.line);
}

/** The records csv-parse reads from `body` as chunks: the header first (unless `known`), each row's width checked, its line offset by `lineBase`. */
async function* parseChunks(
  file: string,
  chunkRows: number,
  body: Readable,
  input: Readable,
  parser: ReturnType<typeof parse>,
  delimiter: string,
  known: { header: string[]; columns: ReadonlyMap<string, number> } | null,
  lineBase: number,
): AsyncGenerator<CsvChunk> {
  body.pipe(parser);
  body.on('error', (error) => parser.destroy(error));
  let header: string[] | null = known?.header ?? null;
  let columns: ReadonlyMap<string, number> = known?.columns ?? new Map();
  let rows: Cell[][] = [];
  let lines: number[] = [];
  try {
    for await (const item of parser as AsyncIterable<CsvRecord>) {
      const { record } = item;
      const info = { lines: item.info.lines + lineBase };
      if (header === null) {
        ({ header, columns } = checkHeader(file, record, delimiter));
        continue;
      }
      if (record.length !== header.length) {
        throw new CliError(
          `${file}: row ${info.lines} has ${record.length} ${record.length === 1 ? 'field' : 'fields'}; the header has ${header.length}`,
        );
      }
      rows.push(record);
      lines.push(info.lines);
      if (rows.length >= chunkRows) {
        yield { header, columns, rows, lines };
        rows = [];
        lines = [];
      }
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    const e = error as Error & { lines?: number; code?: string };
    const where = typeof e.lines === 'number' ? `row ${e.lines + lineBase}: ` : '';
    throw new CliError(`${file}: ${where}not valid CSV (${e.message.replace(/^Invalid Record Length: |\s+$/g, '')})`);
  } finally {
    body.destroy();
    input.destroy();
  }
  if (header === null) throw new CliError(`${file}: the file is empty; expected a header row and data rows`);
  yield { header, columns, rows, lines };
}

function checkHeader(file: string, record: string[], delimiter: string): { header: string[]; columns: Map<string, number> } {
  const read = readHeader(record);
  if (!read.ok) throw new CliError(`${file}: ${read.problem}`);
  const { header, columns } = read;
  if (header.length === 1 && DELIMITERS.some((d) => d !== delimiter && header[0]?.includes(d))) {
    // Only reached with an explicit --delimiter that does not occur in the file.
    throw new CliError(`${file}: row 1: the header has one column with the delimiter ${JSON.stringify(delimiter)}; check --delimiter`);
  }
  return { header, columns };
}
