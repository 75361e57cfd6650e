// The CSV reader's fast path: lines of plain delimited fields read straight from bytes
// into float64 values. It reads only what it is sure csv-parse would read the same way —
// lines ending in "\n" (or all in "\r\n"), no double quote, exactly `columns` fields — and
// stops before the first line that is anything else; the caller (src/core/csv-numbers.ts)
// hands the rest of the file to csv-parse. A field in plain decimal notation (spaces or
// tabs around it allowed) becomes its float64; any other field (text, a missing-value
// spelling, more than 19 significant digits, a number decimalToFloat cannot decide) is
// left as NaN for the caller to read from its bytes with the CSV rules.

import { decimalToFloat } from './decimal';

/** Why csvNumbers stopped: the whole block was read. */
export const CSV_STOP_END: i32 = 0;
/** It stopped at a line it does not read (quotes, another width, a stray carriage return): the rest goes to csv-parse. */
export const CSV_STOP_LINE: i32 = 1;
/** It stopped because the output holds `maxRows` rows: call again from csvStopOffset(). */
export const CSV_STOP_FULL: i32 = 2;

let stopOffset: i32 = 0;
let stopReason: i32 = CSV_STOP_END;
let linesRead: i32 = 0;

/** Where the last csvNumbers call stopped: the byte offset in its block of the first line not read. */
export function csvStopOffset(): i32 {
  return stopOffset;
}

/** Why it stopped: a CSV_STOP_* constant. */
export function csvStopReason(): i32 {
  return stopReason;
}

/** The line feeds it went past: the lines it read, empty ones included (so the caller can number rows). */
export function csvLinesRead(): i32 {
  return linesRead;
}

const QUOTE: u32 = 0x22;
const LF: u32 = 0x0a;
const CR: u32 = 0x0d;
const SPACE: u32 = 0x20;
const TAB: u32 = 0x09;

// @ts-ignore: decorator
@inline
function isBlank(c: u32, delimiter: u32): bool {
  return c == SPACE || (c == TAB && delimiter != TAB);
}

/**
 * Reads the lines of the `length` bytes at `src` (whole lines: the block ends after a line
 * feed or at the end of the file) into at most `maxRows` rows of `columns` float64 values at
 * `values`. For each row it writes the byte offset of its line at `lineStarts` (u32), and
 * when `textColumn` ≥ 0 the offsets of that field's first byte and of the byte after it at
 * `textBounds` (2 × u32), so the caller can read that column's text. Empty lines are
 * skipped, as csv-parse skips them. `crlf`: lines end in "\r\n" (else in "\n", and a
 * carriage return anywhere stops the read).
 * @returns the rows read; csvStopOffset() and csvStopReason() say where and why it stopped.
 */
export function csvNumbers(
  src: usize,
  length: i32,
  delimiter: u32,
  columns: i32,
  crlf: bool,
  textColumn: i32,
  maxRows: i32,
  values: usize,
  lineStarts: usize,
  lineNumbers: usize,
  textBounds: usize,
): i32 {
  const end = src + <usize>length;
  let p = src;
  let rows = 0;
  let lines = 0;
  stopReason = CSV_STOP_END;
  while (p < end) {
    const lineStart = p;
    let c = <u32>load<u8>(p);
    // An empty line ("\n", or "\r\n" in a CRLF file).
    if (c == LF) {
      if (crlf) {
        stopReason = CSV_STOP_LINE;
        break;
      }
      p++;
      lines++;
      continue;
    }
    if (crlf && c == CR && p + 1 < end && <u32>load<u8>(p, 1) == LF) {
      p += 2;
      lines++;
      continue;
    }
    if (rows == maxRows) {
      stopReason = CSV_STOP_FULL;
      break;
    }
    const linesBefore = lines;
    const out = values + ((<usize>rows * <usize>columns) << 3);
    let ok = true;
    for (let j = 0; j < columns; j++) {
      const fieldStart = p;
      // Leading blanks.
      while (p < end && isBlank(<u32>load<u8>(p), delimiter)) p++;
      c = p < end ? <u32>load<u8>(p) : LF;
      let negative = false;
      if (c == 0x2b || c == 0x2d) {
        negative = c == 0x2d;
        p++;
        c = p < end ? <u32>load<u8>(p) : LF;
      }
      let w: u64 = 0;
      let digits = 0; // significant digits in w
      let q: i32 = 0;
      let any = false;
      let exact = true; // false past 19 significant digits
      while (c - 0x30 < 10) {
        any = true;
        const d = <u64>(c - 0x30);
        if (digits < 19) {
          w = w * 10 + d;
          if (w != 0) digits++;
        } else exact = false;
        p++;
        c = p < end ? <u32>load<u8>(p) : LF;
      }
      if (c == 0x2e) {
        p++;
        c = p < end ? <u32>load<u8>(p) : LF;
        while (c - 0x30 < 10) {
          any = true;
          const d = <u64>(c - 0x30);
          if (w == 0 && d == 0) q--;
          else if (digits < 19) {
            w = w * 10 + d;
            digits++;
            q--;
          } else exact = false;
          p++;
          c = p < end ? <u32>load<u8>(p) : LF;
        }
      }
      if (any && (c == 0x65 || c == 0x45)) {
        p++;
        c = p < end ? <u32>load<u8>(p) : LF;
        let expNegative = false;
        if (c == 0x2b || c == 0x2d) {
          expNegative = c == 0x2d;
          p++;
          c = p < end ? <u32>load<u8>(p) : LF;
        }
        if (c - 0x30 >= 10) any = false; // "1e" or "1e+": not a number
        let e: i32 = 0;
        while (c - 0x30 < 10) {
          if (e < 100000) e = e * 10 + <i32>(c - 0x30);
          p++;
          c = p < end ? <u32>load<u8>(p) : LF;
        }
        q += expNegative ? -e : e;
      }
      // Trailing blanks.
      while (isBlank(c, delimiter)) {
        p++;
        c = p < end ? <u32>load<u8>(p) : LF;
      }
      let value: f64 = NaN;
      if (c == delimiter || c == LF || c == CR) {
        if (any && exact) value = decimalToFloat(w, q, negative);
      } else {
        // Not a plain number: find the field's end.
        while (c != delimiter && c != LF && c != CR && c != QUOTE) {
          p++;
          c = p < end ? <u32>load<u8>(p) : LF;
        }
        if (c == QUOTE) {
          ok = false;
          break;
        }
      }
      store<f64>(out + (<usize>j << 3), value);
      if (j == textColumn) {
        store<u32>(textBounds + (<usize>rows << 3), <u32>(fieldStart - src));
        store<u32>(textBounds + (<usize>rows << 3), <u32>(p - src), 4);
      }
      // A delimiter must follow every field but the last, a line end the last.
      if (j < columns - 1) {
        if (c != delimiter) {
          ok = false;
          break;
        }
        p++;
      } else if (c == delimiter) {
        ok = false;
        break;
      }
    }
    if (!ok) {
      p = lineStart;
      stopReason = CSV_STOP_LINE;
      break;
    }
    // The line's end: "\n", "\r\n" in a CRLF file, or the end of the block.
    if (p < end) {
      c = <u32>load<u8>(p);
      if (crlf) {
        if (c != CR || p + 1 >= end || <u32>load<u8>(p, 1) != LF) {
          p = lineStart;
          stopReason = CSV_STOP_LINE;
          break;
        }
        p += 2;
      } else {
        if (c != LF) {
          p = lineStart;
          stopReason = CSV_STOP_LINE;
          break;
        }
        p++;
      }
      lines++;
    }
    store<u32>(lineStarts + (<usize>rows << 2), <u32>(lineStart - src));
    store<u32>(lineNumbers + (<usize>rows << 2), <u32>linesBefore);
    rows++;
  }
  stopOffset = <i32>(p - src);
  linesRead = lines;
  return rows;
}
