/**
 * The demo's CSV readers: numeric feature columns and one target column, or a label column
 * and a text column (labelled text), read by csv-parse's browser build under the CLI's rules (src/cli/csv-rules.ts: the delimiter detected from
 * the first line, a header row, the missing-value spellings, decimal numbers, how target
 * cells become labels), so a file means the same to the page as to `logreg-wasm train`.
 * The messages are the page's own, each naming the row (the file's line, as a spreadsheet
 * numbers it: the header is row 1) and, where one is involved, the column.
 * @module
 */
import { parse } from 'csv-parse/browser/esm/sync';
import {
  cellNumber,
  csvParseOptions,
  detectDelimiter,
  firstLine,
  isInfiniteCell,
  isMissing,
  readHeader,
  toLabels,
  type CsvRecord,
  type Header,
} from '../src/cli/csv-rules.js';
import { quotedCell } from '../src/cli/text.js';

/** A parsed data set: the features row-major, the target as labels. */
export interface CsvData {
  /** Names of the feature columns, from the header. */
  featureNames: string[];
  targetName: string;
  rows: number;
  cols: number;
  /** rows × cols, row-major. */
  X: Float64Array;
  /** One label per row: numbers when every target cell is a number, else the trimmed text. */
  y: (number | string)[];
}

export interface CsvOptions {
  /** The target column: a header name, a 1-based column number, or 'last'. @default 'last' */
  target?: string;
}

/**
 * A CSV problem, with where it is (1-based; 0 when not about one place) and the form field
 * the user fixes it in: the data, or the choice of target column.
 */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly row = 0,
    readonly column = 0,
    readonly field: 'data' | 'target' = 'data',
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/** A record and its row (the file's line where it ends, as a spreadsheet numbers it). */
interface Row {
  cells: string[];
  row: number;
}

/** The records of CSV text with their rows. @throws CsvError for text csv-parse cannot read. */
function records(text: string): Row[] {
  try {
    const parsed = parse(text, csvParseOptions(detectDelimiter(firstLine(text)))) as unknown as CsvRecord[];
    return parsed.map(({ record, info }) => ({ cells: record, row: info.lines }));
  } catch (error) {
    const e = error as Error & { code?: string; lines?: number };
    const row = e.lines ?? 0;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') throw new CsvError(`Row ${row}: a quoted cell is never closed`, row);
    if (e.code === 'CSV_INVALID_CLOSING_QUOTE') throw new CsvError(`Row ${row}: unexpected text after a closing quote`, row);
    if (e.code === 'INVALID_OPENING_QUOTE') {
      throw new CsvError(`Row ${row}: a cell holds a " but does not start with one; put the whole cell in quotes, with "" for each " inside it.`, row);
    }
    throw new CsvError(`Row ${row}: not valid CSV (${e.message})`, row);
  }
}

/** Whether text read from a file is binary data: a NUL near the start, or many undecodable bytes. */
function isBinary(text: string): boolean {
  return /\u0000/.test(text.slice(0, 65536)) || (text.match(/\uFFFD/g)?.length ?? 0) > 8;
}

/**
 * The records of CSV text split into its header (read under the rules) and the rows below it.
 * @throws CsvError with `emptyMessage` for text without a record, or naming the header's problem.
 */
function headedRecords(text: string, emptyMessage: string): { first: Row; read: Header; body: Row[] } {
  const all = records(text);
  const first = all[0];
  if (first === undefined) throw new CsvError(emptyMessage);
  const read = readHeader(first.cells);
  if (!read.ok) throw new CsvError(sentence(read.problem), first.row, read.column);
  return { first, read, body: all.slice(1) };
}

/** "Abc." from the rules' "abc": a problem from csv-rules.ts as a sentence of the page. */
function sentence(problem: string): string {
  return `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`;
}

/**
 * Parses CSV text into features and target.
 * @throws CsvError naming the row and column of the first problem: not text, empty, a
 * header with an empty or repeated name, fewer than 2 columns, ragged rows, missing or
 * non-numeric feature cells, a missing target, an unknown target column.
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvData {
  if (isBinary(text)) throw new CsvError('This file is not CSV text: it contains binary data. Choose a .csv file of numbers.');
  const { first, read, body } = headedRecords(text, 'The CSV is empty.');
  const names = read.header;
  const width = names.length;
  if (width < 2) {
    throw new CsvError(
      `Row ${first.row} has ${width} column; a CSV for this demo needs at least two (features, then a target), separated by commas.`,
      first.row,
    );
  }
  if (body.length === 0) throw new CsvError('The CSV has a header but no data rows.', first.row);

  const target = resolveTarget(options.target ?? 'last', names, read.columns);
  const featureIdx = names.map((_, j) => j).filter((j) => j !== target);
  const cols = featureIdx.length;
  const X = new Float64Array(body.length * cols);
  const labels: string[] = [];
  body.forEach(({ cells, row }, i) => {
    if (cells.length !== width) {
      throw new CsvError(
        `Row ${row} has ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'}; row ${first.row} has ${width}. Every row needs the same number of columns.`,
        row,
      );
    }
    featureIdx.forEach((j, k) => {
      const cell = cells[j] as string;
      if (isMissing(cell)) {
        throw new CsvError(`Missing value at row ${row}, column ${j + 1} (${names[j]}). Fill it in or remove the row.`, row, j + 1);
      }
      const value = cellNumber(cell.trim());
      if (value === null) {
        if (i === 0 && isTextColumn(body, j)) {
          // A column of words from its first row on is a label column, not a bad cell:
          // most likely the target, with another column chosen in its place.
          throw new CsvError(
            `Column ${j + 1} (${names[j]}) holds text (${quotedCell(cell)} in row ${row}), not numbers: only the target column may be text. Choose it as the target column, or remove it.`,
            row,
            j + 1,
            'target',
          );
        }
        const kind = isInfiniteCell(cell.trim()) ? 'a finite number' : 'a number';
        throw new CsvError(`Row ${row}, column ${j + 1} (${names[j]}): ${quotedCell(cell)} is not ${kind}.`, row, j + 1);
      }
      X[i * cols + k] = value;
    });
    const label = cells[target] as string;
    if (isMissing(label)) throw new CsvError(`Missing target at row ${row}, column ${target + 1} (${names[target]}).`, row, target + 1);
    labels.push(label);
  });
  return {
    featureNames: featureIdx.map((j) => names[j] as string),
    targetName: names[target] as string,
    rows: body.length,
    cols,
    X,
    y: toLabels(labels) as (number | string)[],
  };
}

/** Whether column `j` holds text in each of the first (up to 5) data rows. */
function isTextColumn(body: readonly Row[], j: number): boolean {
  const head = body.slice(0, 5);
  return head.every(({ cells }) => {
    const cell = (cells[j] ?? '').trim();
    return !isMissing(cell) && cellNumber(cell) === null && !isInfiniteCell(cell);
  });
}

/**
 * The 0-based index of the target column: `target` is 'last' (or empty), a header name
 * (`columns` maps names to indices), or a 1-based column number.
 * @throws CsvError listing the columns when `target` names none of them.
 */
export function resolveTarget(target: string, names: readonly string[], columns: ReadonlyMap<string, number>): number {
  const t = target.trim();
  if (t === '' || t.toLowerCase() === 'last') return names.length - 1;
  const byName = columns.get(t);
  if (byName !== undefined) return byName;
  if (/^\d+$/.test(t)) {
    const j = Number(t);
    if (j >= 1 && j <= names.length) return j - 1;
  }
  throw new CsvError(`Target column ${quotedCell(t)} is not in the data; its columns are ${names.map((n, j) => `${j + 1}: ${n}`).join(', ')}.`);
}

/** The header's names (trimmed), for the target picker; [] when the first line does not read as a record. */
export function previewColumns(text: string): string[] {
  const line = firstLine(text);
  if (line.trim() === '' || line.includes('\u0000')) return [];
  try {
    return (records(line)[0]?.cells ?? []).map((name) => name.trim());
  } catch {
    return [];
  }
}

/** Labelled text: one document and its label per data row. */
export interface LabelledText {
  /** The header's names of the two columns. */
  labelName: string;
  textName: string;
  /** The documents, each cell as it is (text has no missing values: `NA` is the word "na"). */
  texts: string[];
  /** One label per document: numbers when every label cell is a number, else the trimmed text. */
  labels: (number | string)[];
}

/**
 * Parses labelled text: a header row naming two columns, then one row per document, its
 * label first and its text second (`label<TAB>text` or `label,text`; the delimiter is
 * detected from the header line, and a text holding the delimiter or a `"` is put in
 * double quotes, as in any CSV).
 * @throws CsvError naming the row (and column) of the first problem: not text, empty, a
 *   header that is not two distinct names, no data rows, a row that is not two cells, a
 *   missing label.
 */
export function parseLabelledText(text: string): LabelledText {
  if (isBinary(text)) throw new CsvError('This is not text: it contains binary data.');
  const { first, read, body } = headedRecords(text, 'The text is empty.');
  if (read.header.length !== 2) {
    throw new CsvError(
      `Row ${first.row} has ${read.header.length} ${read.header.length === 1 ? 'column' : 'columns'}; labelled text needs two, a label and a text (a header such as label<TAB>text, then one example per row).`,
      first.row,
    );
  }
  if (body.length === 0) throw new CsvError('The text has a header but no examples.', first.row);
  const texts: string[] = [];
  const labels: string[] = [];
  for (const { cells, row } of body) {
    if (cells.length !== 2) {
      throw new CsvError(
        `Row ${row} has ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'}; every row needs a label and a text. A text holding the delimiter goes in double quotes.`,
        row,
      );
    }
    const [label, doc] = cells as [string, string];
    if (isMissing(label)) throw new CsvError(`Missing label at row ${row}, column 1 (${read.header[0]}).`, row, 1);
    labels.push(label);
    texts.push(doc);
  }
  return { labelName: read.header[0] as string, textName: read.header[1] as string, texts, labels: toLabels(labels) as (number | string)[] };
}
