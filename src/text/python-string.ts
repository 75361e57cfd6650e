/**
 * The pieces of Python's string semantics scikit-learn's analyzers rest on: which code
 * points `re`'s `\w` and `\s` match, and `str.lower()` (with its final-sigma rule). Both read the
 * generated tables of `python-unicode.ts`, so they follow Python's Unicode version, not the
 * JavaScript engine's (whose `\p{L}` and `toLowerCase()` know newer characters).
 * @module
 */

import { CASED_RANGES, CASE_IGNORABLE_RANGES, LOWER_MULTI, LOWER_SINGLE, SPACE_RANGES, WORD_RANGES } from './python-unicode.js';

const CAPITAL_SIGMA = 0x3a3;

/** A membership test over flat [start, end, …] ranges: a bitmap for the BMP, binary search above it. */
function rangeSet(ranges: readonly number[]): (cp: number) => boolean {
  const bmp = new Uint8Array(0x10000 >> 3);
  for (let r = 0; r < ranges.length; r += 2) {
    const end = Math.min(ranges[r + 1]!, 0xffff);
    for (let c = ranges[r]!; c <= end; c++) bmp[c >> 3]! |= 1 << (c & 7);
  }
  return (cp) => {
    if (cp <= 0xffff) return (bmp[cp >> 3]! & (1 << (cp & 7))) !== 0;
    let lo = 0;
    let hi = ranges.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp < ranges[2 * mid]!) hi = mid - 1;
      else if (cp > ranges[2 * mid + 1]!) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

/**
 * True when Python's `re` matches code point `cp` with `\w` in a str pattern: a letter or
 * number by `str.isalnum()` (categories L*, and code points with a numeric value), or `_`.
 * Combining marks (M*) are not word characters in Python, unlike `\p{M}`-based classes.
 * @example
 * ```ts
 * isWordCodePoint(0xbd);  // true: '½' has a numeric value
 * isWordCodePoint(0x301); // false: a combining acute accent
 * ```
 */
export const isWordCodePoint: (cp: number) => boolean = rangeSet(WORD_RANGES);

/**
 * True when Python's `re` matches code point `cp` with `\s` in a str pattern, the same set
 * `str.isspace()` and `str.split()` use: unlike JavaScript's `\s` it includes U+001C–U+001F
 * and U+0085 and excludes U+FEFF.
 * @example
 * ```ts
 * isSpaceCodePoint(0x85);   // true (NEXT LINE)
 * isSpaceCodePoint(0xfeff); // false (BYTE ORDER MARK)
 * ```
 */
export const isSpaceCodePoint: (cp: number) => boolean = rangeSet(SPACE_RANGES);

const isCased = rangeSet(CASED_RANGES);
const isCaseIgnorable = rangeSet(CASE_IGNORABLE_RANGES);

const LOWER = new Map<number, string>();
for (let i = 0; i < LOWER_SINGLE.length; i += 2) LOWER.set(LOWER_SINGLE[i]!, String.fromCodePoint(LOWER_SINGLE[i + 1]!));
for (const [from, to] of LOWER_MULTI) LOWER.set(from, String.fromCodePoint(...to));

/**
 * Python's `str.lower()`: each code point by Python's table (İ becomes "i̇", two code
 * points), and capital sigma as final ς when a cased letter precedes it and none follows,
 * case-ignorable code points skipped on both sides (Unicode's Final_Sigma, as CPython
 * implements it).
 *
 * @example
 * ```ts
 * pythonLower('ΟΔΟΣ Σ'); // 'οδος σ'
 * ```
 */
export function pythonLower(text: string): string {
  let ascii = 0;
  while (ascii < text.length && text.charCodeAt(ascii) < 0x80) ascii++;
  // Python and JavaScript lowercase ASCII alike (A–Z only), and the engine's is native.
  if (ascii === text.length) return text.toLowerCase();
  let out = '';
  let copied = 0; // text[copied, i) is already unchanged in out
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x41 || (c > 0x5a && c < 0xc0)) continue; // ASCII without capitals: unchanged
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const lower = cp === CAPITAL_SIGMA ? sigmaAt(text, i) : LOWER.get(cp);
    if (lower !== undefined) {
      out += text.slice(copied, i) + lower;
      copied = i + width;
    }
    i += width - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** ς or σ for the capital sigma at UTF-16 index `i` of `text`. */
function sigmaAt(text: string, i: number): string {
  let j = i;
  let before = -1;
  while (j > 0) {
    const cp = codePointBefore(text, j);
    j -= cp > 0xffff ? 2 : 1;
    if (!isCaseIgnorable(cp)) {
      before = cp;
      break;
    }
  }
  if (before < 0 || !isCased(before)) return 'σ';
  for (let k = i + 1; k < text.length; ) {
    const cp = text.codePointAt(k)!;
    if (!isCaseIgnorable(cp)) return isCased(cp) ? 'σ' : 'ς';
    k += cp > 0xffff ? 2 : 1;
  }
  return 'ς';
}

/** The code point ending just before UTF-16 index `j` (a pair read as one). */
function codePointBefore(text: string, j: number): number {
  const low = text.charCodeAt(j - 1);
  if (low >= 0xdc00 && low <= 0xdfff && j >= 2) {
    const high = text.charCodeAt(j - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(j - 2)!;
  }
  return low;
}
