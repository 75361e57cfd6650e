/**
 * User data in the CLI's messages: quoted with control characters escaped and long text
 * cut short (so a cell of a hostile or broken file can neither drive the terminal nor
 * flood it), suggestions of the nearest name for a misspelt flag or column, and cells of
 * the CSV files the CLI writes made safe to open in a spreadsheet.
 * @module
 */
import { QUOTE_MAX, escapeControl, head, quoted } from '../validate/quote.js';

export { QUOTE_MAX, escapeControl, quoted };

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

/**
 * The optimal-string-alignment distance (Levenshtein with adjacent transpositions), or
 * `limit + 1` as soon as it must exceed `limit` (so comparing a long name costs little).
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (before[j - 2] as number) + 1);
      current[j] = d;
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] as number;
}

/**
 * The candidate nearest to a misspelt `word`, or null when none is close: within an edit
 * distance of a third of the word's length (at least 1, and less than the whole word;
 * case is ignored), or else the only candidate that starts with the word (of 3
 * characters or more).
 */
export function nearest(word: string, candidates: Iterable<string>): string | null {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.floor(w.length / 3));
  let best: string | null = null;
  let bestDistance = limit + 1;
  const prefixed: string[] = [];
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (w.length >= 3 && lc.startsWith(w) && lc !== w) prefixed.push(c);
    const d = lc === w ? (c === word ? 0 : 0.5) : editDistance(w, lc, limit);
    // A change of every character (`b` for `a`) is no resemblance.
    if (d < bestDistance && d < w.length) [best, bestDistance] = [c, d];
  }
  if (best !== null && bestDistance > 0) return best;
  return prefixed.length === 1 ? (prefixed[0] as string) : null;
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
