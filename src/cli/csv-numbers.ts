/**
 * Reading a CSV file's data rows as numbers at the speed of its bytes, for `train --stream`:
 * the file is read in large blocks whose whole lines the core's fast path
 * (src/core/csv-numbers.ts) turns into one float64 per cell, without a string or an object
 * per row. It reads what csv-parse would read the same way — lines of exactly the header's
 * width, no double quote, one line ending — and from the first line that is anything else,
 * the rest of the file goes through csv-parse as before (csv.ts, resumed at that line), so
 * values, row numbers and error messages are those of {@link readCsvChunks}. A cell the
 * fast path does not read as a number is NaN in the values; its text, exactly the field
 * csv-parse gives, is {@link NumberBlock.cell}.
 * @module
 */
import { open, stat } from 'node:fs/promises';
import { CsvNumbers, type CsvNumbersRead } from '../core/csv-numbers.js';
import { cellString, readCsvChunks, type Cell, type CsvChunk } from './csv.js';
import { detectDelimiter, firstLine } from './csv-rules.js';

/** Data rows read at once: a block of the file's lines. Valid until the next block is asked for. */
export interface NumberBlock {
  header: string[];
  columns: ReadonlyMap<string, number>;
  rows: number;
  /** rows × header.length values; NaN for a cell that is not plain decimal notation (read its {@link cell}). */
  values: Float64Array;
  /** The cell's text, as csv-parse gives it. */
  cell(row: number, column: number): string;
  /** The row's number in messages (the file's line; the header is 1). */
  line(row: number): number;
}

/** Options of {@link readCsvNumbers}. */
export interface ReadCsvNumbersOptions {
  /** The delimiter; null detects it from the header line, as readCsvChunks does. */
  delimiter: string | null;
  /** A column whose text is read for every row (the target), so {@link NumberBlock.cell} on it costs no rescan; null for none. */
  textColumn: string | null;
  /** Rows per block where csv-parse reads (after a line the fast path does not read). */
  chunkRows: number;
  /**
   * Bytes per block of the fast path.
   * @default 4 MiB
   */
  blockBytes?: number;
  /** Called after each block with the bytes read so far and the file's size. */
  onBytes?: (read: number, total: number) => void;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/**
 * Reads the data rows of `file` (a regular file) in blocks. The first block is yielded even
 * when the file has no data rows (rows 0), so the header's columns can be checked.
 * @throws CliError as {@link readCsvChunks}.
 */
export async function* readCsvNumbers(file: string, options: ReadCsvNumbersOptions): AsyncGenerator<NumberBlock> {
  const blockBytes = options.blockBytes ?? 4 * 1024 * 1024;
  // The header, checked by readCsvChunks itself (every message about it is that reader's).
  const first = readCsvChunks(file, 1, { delimiter: options.delimiter });
  const head = (await first.next()).value as CsvChunk;
  await first.return(undefined);
  const { header, columns } = head;
  const size = (await stat(file)).size;
  const handle = await open(file, 'r');
  try {
    let buffer = Buffer.allocUnsafe(Math.min(blockBytes, Math.max(size, 1)));
    let filled = (await handle.read(buffer, 0, buffer.length, 0)).bytesRead;
    const headerEnd = buffer.subarray(0, filled).indexOf(LF);
    const headerLine = buffer.subarray(0, headerEnd < 0 ? filled : headerEnd);
    const delimiter = options.delimiter ?? detectDelimiter(firstLine(headerLine.toString('utf8')));
    const crlf = headerEnd > 0 && buffer[headerEnd - 1] === CR;
    const textColumn = options.textColumn === null ? -1 : (columns.get(options.textColumn) ?? -1);
    const resume = (byte: number, line: number) =>
      readCsvChunks(file, options.chunkRows, { from: { byte, line, header, columns, delimiter, recordDelimiter: crlf ? '\r\n' : '\n' } });
    // A header that csv-parse may read differently from a plain line (quotes, no line feed,
    // a delimiter that is not one byte): the whole file through csv-parse.
    if (headerEnd < 0 || headerLine.includes(QUOTE) || Buffer.byteLength(delimiter) !== 1) {
      let any = false;
      for await (const chunk of readCsvChunks(file, options.chunkRows, { delimiter: options.delimiter })) {
        any = true;
        yield chunkBlock(chunk);
      }
      if (!any) yield chunkBlock(head);
      return;
    }
    let kernel = new CsvNumbers({ delimiter: delimiter.charCodeAt(0), columns: header.length, crlf, textColumn }, buffer.length);
    try {
      // buffer[0, filled) holds the file from byte `position`; `line` lines lie before it.
      buffer.copy(buffer, 0, headerEnd + 1, filled);
      filled -= headerEnd + 1;
      let position = headerEnd + 1;
      let line = 1;
      for (;;) {
        const wanted = buffer.length - filled;
        const got = (await handle.read(buffer, filled, wanted, position + filled)).bytesRead;
        filled += got;
        // The end: the size the file had when reading began, or sooner when it was cut short
        // meanwhile (the caller finds the change; here the read must only end).
        const atEnd = position + filled >= size || (wanted > 0 && got === 0);
        // Whole lines only: up to the last line feed, or to the end of the file.
        const cut = atEnd ? filled : buffer.lastIndexOf(LF, filled - 1) + 1;
        if (cut === 0 && !atEnd) {
          // A line longer than the buffer: double both.
          const grown = Buffer.allocUnsafe(buffer.length * 2);
          buffer.copy(grown, 0, 0, filled);
          buffer = grown;
          kernel.dispose();
          kernel = new CsvNumbers({ delimiter: delimiter.charCodeAt(0), columns: header.length, crlf, textColumn }, buffer.length);
          continue;
        }
        for (let offset = 0; ; ) {
          const bytes = buffer.subarray(offset, cut);
          const read = kernel.read(bytes);
          yield fastBlock(header, columns, read, bytes, textColumn, delimiter.charCodeAt(0), line);
          line += read.lines;
          offset += read.consumed;
          if (read.stop === 'line') {
            // From this line on, csv-parse reads the rest of the file.
            for await (const chunk of resume(position + offset, line)) yield chunkBlock(chunk);
            options.onBytes?.(size, size);
            return;
          }
          if (read.stop === 'end') break;
        }
        options.onBytes?.(position + cut, size);
        if (atEnd) return;
        buffer.copy(buffer, 0, cut, filled);
        position += cut;
        filled -= cut;
      }
    } finally {
      kernel.dispose();
    }
  } finally {
    await handle.close();
  }
}

/**
 * Rows read by csv-parse (or another table's reader, tables.ts) as a block: a typed
 * source's number is its value, every text cell NaN, read from its text.
 */
export function chunkBlock(chunk: CsvChunk): NumberBlock {
  const width = chunk.header.length;
  const values = new Float64Array(chunk.rows.length * width);
  chunk.rows.forEach((row, i) => row.forEach((cell, j) => (values[i * width + j] = typeof cell === 'number' ? cell : Number.NaN)));
  return {
    header: chunk.header,
    columns: chunk.columns,
    rows: chunk.rows.length,
    values,
    cell: (i, j) => cellString((chunk.rows[i] as Cell[])[j] as Cell),
    line: (i) => chunk.lines[i] as number,
  };
}

/** A block of rows the fast path read from `bytes`. */
function fastBlock(
  header: string[],
  columns: ReadonlyMap<string, number>,
  read: CsvNumbersRead,
  bytes: Buffer,
  textColumn: number,
  delimiter: number,
  linesBefore: number,
): NumberBlock {
  const { lineStarts, lineNumbers, textBounds } = read;
  return {
    header,
    columns,
    rows: read.rows,
    values: read.values,
    cell(i, j) {
      if (j === textColumn) return bytes.toString('utf8', textBounds[2 * i] as number, textBounds[2 * i + 1] as number);
      // Field j of the row's line: its j-th delimiter on (no quotes on lines the fast path read).
      let from = lineStarts[i] as number;
      for (let k = 0; k < j; k++) from = bytes.indexOf(delimiter, from) + 1;
      let to = from;
      while (to < bytes.length && bytes[to] !== delimiter && bytes[to] !== LF && bytes[to] !== CR) to++;
      return bytes.toString('utf8', from, to);
    },
    line: (i) => linesBefore + 1 + (lineNumbers[i] as number),
  };
}
