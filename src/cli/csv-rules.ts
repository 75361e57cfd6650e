/**
 * The one rule set for reading a CSV file's cells, shared by the CLI (csv.ts, csv-parse
 * streaming a file) and the browser demo (demo/csv.ts, csv-parse's browser build on
 * pasted text): the grammar handed to csv-parse, how the delimiter is detected, what a
 * header must be, which cells are missing values, how a cell reads as a number and how
 * a target column becomes labels. Each caller words its own messages; the rules are here.
 *
 * Pure functions of text with no Node API, so the demo's esbuild bundle can take this
 * module as it is.
 * @module
 */
import type { Label } from '../index.js';
import { quoted } from './text.js';

/** The delimiters a file may use (`--delimiter` accepts them; detection chooses among them). */
export const DELIMITERS = [',', ';', '\t'] as const;

/**
 * csv-parse's options, the same for every reader: RFC 4180 quoting, a UTF-8 byte-order
 * mark dropped, empty lines skipped, and rows of any width let through, so a ragged row is
 * reported by the reader with its row number rather than as csv-parse's own error. `info`
 * gives each record's line number (the last line of a record that spans lines), which
 * messages call its row.
 */
export function csvParseOptions(delimiter: string) {
  return { delimiter, bom: true, info: true, relax_column_count: true, skip_empty_lines: true } as const;
}

/** A record as csv-parse returns it with `info: true`. */
export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** The first line of a file's text, without a byte-order mark: the line delimiter detection reads. */
export function firstLine(text: string): string {
  const body = text.replace(/^\uFEFF/, '');
  const end = body.search(/\r?\n/);
  return end < 0 ? body : body.slice(0, end);
}

/**
 * Guesses the delimiter from the first line: the candidate that occurs most often outside
 * double quotes (`,` when none occurs or on a tie).
 */
export function detectDelimiter(line: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, (counts.get(ch) as number) + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if ((counts.get(d) as number) > (counts.get(best) as number)) best = d;
  return best;
}

/** A header that follows the rules: the trimmed names, and each one's index. */
export interface Header {
  ok: true;
  header: string[];
  /** The index of each column by its name (names are distinct), so a lookup costs O(1). */
  columns: Map<string, number>;
}

/** A header that breaks them: the 1-based column at fault and what is wrong, as a message without the file's name. */
export interface HeaderProblem {
  ok: false;
  column: number;
  problem: string;
}

/**
 * Reads the first record as the header: it always is one (a file's first row names its
 * columns); each name is trimmed, and no name may be empty or repeated.
 */
export function readHeader(record: readonly string[]): Header | HeaderProblem {
  const header = record.map((name) => name.trim());
  const columns = new Map<string, number>();
  for (let j = 0; j < header.length; j++) {
    const name = header[j] as string;
    if (name === '') {
      const trailing = j === header.length - 1 && j > 0 ? ' (the header line ends with a delimiter)' : '';
      return { ok: false, column: j + 1, problem: `row 1, column ${j + 1}: the header has an empty column name${trailing}` };
    }
    const before = columns.get(name);
    if (before !== undefined) {
      return { ok: false, column: j + 1, problem: `row 1: the header repeats the column name ${quoted(name)} (columns ${before + 1} and ${j + 1})` };
    }
    columns.set(name, j);
  }
  return { ok: true, header, columns };
}

/** Cells read as missing values, lower-cased. */
const MISSING = new Set(['', 'na', 'nan', 'null', 'none', '?']);

/** Whether a cell is a missing value (empty, NA, NaN, null, None or ?; any case, spaces around ignored). */
export function isMissing(cell: string): boolean {
  return MISSING.has(cell.trim().toLowerCase());
}

/**
 * A cell as a number, or null when it is not one: decimal notation only (JavaScript's
 * `Number` also reads `0x1f`, `0b1` and `0o7`, which a CSV file does not mean), finite.
 * The one reading of numbers for feature cells and target labels alike.
 */
export function cellNumber(text: string): number | null {
  if (text === '' || /^[+-]?0[xob]/i.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** Whether a cell (trimmed) spells an infinite number: `inf`, `-Infinity`, or decimal digits beyond float64's range (`1e400`). */
export function isInfiniteCell(text: string): boolean {
  return /^[+-]?inf$/i.test(text) || (!/^[+-]?0[xob]/i.test(text) && Math.abs(Number(text)) === Infinity);
}

/** Whether a cell (trimmed) is a number as {@link cellNumber} reads it. */
export function isNumberCell(cell: string): boolean {
  return cellNumber(cell.trim()) !== null;
}

/**
 * How a target cell becomes a label: when every cell of the column is a number
 * ({@link isNumberCell}), labels are those numbers, so `1`, `1.0` and `1e0` are one class
 * and `-0` is `0`; otherwise they are the trimmed text.
 */
export function toLabel(cell: string, numeric: boolean): Label {
  const text = cell.trim();
  if (!numeric) return text;
  const value = cellNumber(text) as number;
  return value === 0 ? 0 : value; // −0 and 0 are one label, printed '0'
}

/** A whole target column's cells as labels ({@link toLabel}); the cells must not be missing values. */
export function toLabels(cells: readonly string[]): Label[] {
  const numeric = cells.every(isNumberCell);
  return cells.map((c) => toLabel(c, numeric));
}
