/**
 * User data in the CLI's messages: quoted with control characters escaped and long text
 * cut short (so a cell of a hostile or broken file can neither drive the terminal nor
 * flood it), suggestions of the nearest name for a misspelt flag or column, and cells of
 * the CSV files the CLI writes made safe to open in a spreadsheet.
 * @module
 */
import { QUOTE_MAX, escapeControl, head, quoted } from '../validate/quote.js';

export { QUOTE_MAX, escapeControl, quoted };
// The nearest-name suggestions live with the argument readers (library code may not import cli/).
export { editDistance, nearest } from '../validate/nearest.js';

/** The most characters of a whole message line (a last guard; quotes are cut first). */
export const MESSAGE_MAX = 2000;

/**
 * JSON text for the terminal: `JSON.stringify` escapes C0 controls but writes DEL, C1
 * controls, the line separators and bidirectional overrides as they are; they are
 * escaped here too (`\u009b`), which leaves the JSON value the same.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** User text as a report prints it, unquoted: control characters escaped, cut at `max` characters with `…`. */
export function display(text: string, max = 40): string {
  return text.length > max ? `${escapeControl(head(text, max))}…` : escapeControl(text);
}

/** A cell's text in double quotes for messages: `"abc"`, as {@link quoted}. */
export function quotedCell(text: string, max: number = QUOTE_MAX): string {
  return quoted(text, max, '"');
}

/** The first `max` items, then how many more: `'a', 'b', … (30 in all)`. */
export function listShort(items: readonly string[], max: number, show: (s: string) => string = quoted): string {
  const shown = items.slice(0, max).map((item) => show(item)).join(', ');
  return items.length > max ? `${shown}, … (${items.length} in all)` : shown;
}

/** Makes one line of a message safe to print: control characters escaped, length bounded. */
export function safeLine(message: string): string {
  const line = escapeControl(message.length > MESSAGE_MAX * 2 ? message.slice(0, MESSAGE_MAX * 2) : message);
  return line.length > MESSAGE_MAX ? `${line.slice(0, MESSAGE_MAX)}… (message cut at ${MESSAGE_MAX} characters)` : line;
}

/** Whether a cell of a CSV file the CLI writes is read as a number (then it is left as it is). */
function isNumberText(cell: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cell);
}

/**
 * A text cell made safe for spreadsheets (OWASP's CSV injection advice): a cell that
 * starts with `=`, `+`, `-`, `@`, tab or carriage return would be read as a formula, so it
 * gets a leading `'`. Numbers (`-1`, `+2.5e3`) are left as they are.
 */
export function neutraliseCell(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !isNumberText(cell) ? `'${cell}` : cell;
}
