/**
 * A small, strict CSV reader for the demo: numeric feature columns and one target column.
 *
 * Why hand-written rather than a library: the demo only needs RFC 4180 basics (commas,
 * or semicolons/tabs when the first line uses them; double-quoted fields with "" escapes;
 * LF or CRLF line ends; an optional header row) plus *validation* with row and column in
 * every message, which is most of the code either way. Rows are numbered as a spreadsheet
 * shows them: the first line of the file is row 1, header or not.
 * @module
 */

/** A parsed data set: the features row-major, the target as labels. */
export interface CsvData {
  /** Names of the feature columns (from the header, or "column 1", …). */
  featureNames: string[];
  targetName: string;
  rows: number;
  cols: number;
  /** rows × cols, row-major. */
  X: Float64Array;
  /** One label per row: numbers when every target cell is numeric, else strings. */
  y: (number | string)[];
}

export interface CsvOptions {
  /** The target column: a header name, a 1-based column number, or 'last'. @default 'last' */
  target?: string;
  /** 'auto' treats the first row as a header when any of its cells is not a number. @default 'auto' */
  header?: 'auto' | 'yes' | 'no';
}

/** A CSV problem, with where it is (1-based; 0 when not about one place). */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly row = 0,
    readonly column = 0,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '-']);
const MAX_CELL_PREVIEW = 24;

/** Quotes a cell for a message, shortened. */
function show(cell: string): string {
  const text = cell.length > MAX_CELL_PREVIEW ? `${cell.slice(0, MAX_CELL_PREVIEW)}…` : cell;
  return `"${text}"`;
}

/** Splits CSV text into rows of cells. */
export function splitCsv(text: string): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      wasQuoted = true;
      quoteLine = line;
      cell = '';
    } else if (ch === delimiter) {
      row.push(wasQuoted ? cell : cell.trim());
      cell = '';
      wasQuoted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(wasQuoted ? cell : cell.trim());
      rows.push(row);
      row = [];
      cell = '';
      wasQuoted = false;
      line++;
    } else if (wasQuoted) {
      if (ch.trim() !== '') throw new CsvError(`Row ${line}: unexpected text after a closing quote`, line, row.length + 1);
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new CsvError(`Row ${quoteLine}: a quoted cell is never closed`, quoteLine, row.length + 1);
  if (cell !== '' || wasQuoted || row.length > 0) {
    row.push(wasQuoted ? cell : cell.trim());
    rows.push(row);
  }
  return rows;
}

function isNumber(cell: string): boolean {
  return cell !== '' && Number.isFinite(Number(cell));
}

/**
 * Parses CSV text into features and target.
 * @throws CsvError naming the row and column of the first problem: not text, empty,
 * ragged rows, missing or non-numeric feature cells, a missing target, an unknown target
 * column, fewer than 2 columns.
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvData {
  if (/\u0000/.test(text.slice(0, 65536)) || (text.match(/\uFFFD/g)?.length ?? 0) > 8) {
    throw new CsvError('This file is not CSV text: it contains binary data. Choose a .csv file of numbers.');
  }
  // Blank lines (e.g. a trailing newline) are skipped, keeping the file's row numbers.
  const all = splitCsv(text);
  const numbered = all.map((cells, i) => ({ cells, row: i + 1 })).filter((r) => !(r.cells.length === 1 && r.cells[0] === ''));
  if (numbered.length === 0) throw new CsvError('The CSV is empty.');
  const first = numbered[0] as { cells: string[]; row: number };
  const width = first.cells.length;
  if (width < 2) {
    throw new CsvError(
      `Row ${first.row} has ${width} column; a CSV for this demo needs at least two (features, then a target), separated by commas.`,
      first.row,
    );
  }
  const header = options.header ?? 'auto';
  const hasHeader = header === 'yes' || (header === 'auto' && first.cells.some((c) => !isNumber(c) && !MISSING.has(c.toLowerCase())));
  const names = hasHeader ? first.cells.map((c, j) => c || `column ${j + 1}`) : first.cells.map((_, j) => `column ${j + 1}`);
  const body = hasHeader ? numbered.slice(1) : numbered;
  if (body.length === 0) throw new CsvError('The CSV has a header but no data rows.', first.row);

  const target = resolveTarget(options.target ?? 'last', names);
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
      if (MISSING.has(cell.toLowerCase())) {
        throw new CsvError(`Missing value at row ${row}, column ${j + 1} (${names[j]}). Fill it in or remove the row.`, row, j + 1);
      }
      const value = Number(cell);
      if (!isNumber(cell)) {
        throw new CsvError(`Row ${row}, column ${j + 1} (${names[j]}): ${show(cell)} is not a number.`, row, j + 1);
      }
      X[i * cols + k] = value;
    });
    const label = cells[target] as string;
    if (MISSING.has(label.toLowerCase()) && label !== '-') {
      throw new CsvError(`Missing target at row ${row}, column ${target + 1} (${names[target]}).`, row, target + 1);
    }
    labels.push(label);
  });
  const numeric = labels.every(isNumber);
  return {
    featureNames: featureIdx.map((j) => names[j] as string),
    targetName: names[target] as string,
    rows: body.length,
    cols,
    X,
    y: numeric ? labels.map(Number) : labels,
  };
}

function resolveTarget(target: string, names: string[]): number {
  const t = target.trim();
  if (t === '' || t.toLowerCase() === 'last') return names.length - 1;
  const byName = names.indexOf(t);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(t)) {
    const j = Number(t);
    if (j >= 1 && j <= names.length) return j - 1;
  }
  throw new CsvError(`Target column ${show(t)} is not in the CSV; its columns are ${names.map((n, j) => `${j + 1}: ${n}`).join(', ')}.`);
}

/** The header row's names (or "column N"), for the target picker; [] when there is nothing to read. */
export function previewColumns(text: string): string[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '' || /\u0000/.test(firstLine)) return [];
  let cells: string[];
  try {
    cells = splitCsv(firstLine)[0] ?? [];
  } catch {
    return [];
  }
  const header = cells.some((c) => !isNumber(c) && !MISSING.has(c.toLowerCase()));
  return cells.map((c, j) => (header && c ? c : `column ${j + 1}`));
}
