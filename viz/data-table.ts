/**
 * A chart's text alternative: a one-sentence summary and the numbers it is drawn from, as
 * a table inside a `<details>` the reader opens on demand. Every chart of the demo has one,
 * for screen readers and for anyone who wants the figures.
 * @module
 */

/** Input of {@link renderDataTable}. */
export interface DataTableInput {
  /** What the chart shows, in one or two sentences (also the `<details>`'s summary line's tail). */
  summary: string;
  /** The table's caption. */
  caption: string;
  /** Column headings. */
  columns: readonly string[];
  /** Rows of cells; numbers are shown with up to 4 significant digits. */
  rows: readonly (readonly (string | number)[])[];
  /**
   * Rows shown at most; the rest are counted in a last line.
   * @default 200
   */
  maxRows?: number;
}

const cellText = (value: string | number): string =>
  typeof value === 'number' ? (Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value)) : value;

/**
 * Replaces the children of `box` with the chart's summary (a paragraph) and its data
 * table in a closed `<details>`. Text goes in through `textContent` only.
 *
 * @param box - The element that holds the text alternative, usually right after the chart.
 * @param input - See {@link DataTableInput}.
 * @example
 * renderDataTable(box, { summary: 'Loss fell from 0.69 to 0.31.', caption: 'Loss per iteration', columns: ['Iteration', 'Loss'], rows: [[1, 0.69], [2, 0.5]] });
 */
export function renderDataTable(box: HTMLElement, input: DataTableInput): void {
  const summary = document.createElement('p');
  summary.className = 'chart-summary';
  summary.textContent = input.summary;
  const details = document.createElement('details');
  details.className = 'chart-data';
  const opener = document.createElement('summary');
  opener.textContent = 'Data table';
  const table = document.createElement('table');
  const caption = table.createCaption();
  caption.textContent = input.caption;
  const head = table.createTHead().insertRow();
  for (const column of input.columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = column;
    head.append(th);
  }
  const body = table.createTBody();
  const limit = input.maxRows ?? 200;
  for (const row of input.rows.slice(0, limit)) {
    const tr = body.insertRow();
    for (const value of row) tr.insertCell().textContent = cellText(value);
  }
  details.append(opener, table);
  if (input.rows.length > limit) {
    const more = document.createElement('p');
    more.textContent = `… and ${(input.rows.length - limit).toLocaleString('en')} more rows.`;
    details.append(more);
  }
  box.replaceChildren(summary, details);
}
