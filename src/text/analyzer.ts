/**
 * scikit-learn's analyzers (`CountVectorizer`/`HashingVectorizer.build_analyzer()`):
 * 'word' lowercases, splits into tokens by the default `token_pattern` `(?u)\b\w\w+\b`,
 * drops stop words, then forms word n-grams; 'char' and 'char_wb' form character n-grams
 * of the lowercased text with whitespace runs collapsed. Each step follows Python's string
 * semantics (`python-string.ts`: code points, not UTF-16 units; Python's \w, \s and
 * lower()), so features equal scikit-learn's on any Unicode text.
 * @module
 */

import { ENGLISH_STOP_WORDS } from './english-stop-words.js';
import { resolveTextOptions, type TextAnalyzer, type TextParams, TOKEN_PATTERNS } from './options.js';
import { isSpaceCodePoint, isWordCodePoint, pythonLower } from './python-string.js';

export type { TextAnalyzer } from './options.js';

/** Options shared by the text vectorizers that say how a document becomes features. */
export interface TextAnalyzerOptions {
  /**
   * What a feature is: 'word' n-grams of tokens matched by `tokenPattern`; 'char'
   * n-grams of code points of the whole text, after each run of two or more whitespace
   * characters becomes one space (a single tab or newline stays as it is, as in
   * scikit-learn); 'char_wb' n-grams inside each whitespace-separated word padded with one
   * space on each side (a word shorter than n gives itself, padded, once).
   * @default 'word'
   */
  analyzer?: TextAnalyzer | undefined;
  /**
   * Lowercase the document before tokenizing, as Python's `str.lower()` (Unicode 14 tables;
   * İ becomes "i̇", a final capital sigma becomes ς).
   * @default true
   */
  lowercase?: boolean | undefined;
  /**
   * `[minN, maxN]`: every n-gram of consecutive tokens (or characters) with
   * minN ≤ n ≤ maxN, words joined by one space; integers with 1 ≤ minN ≤ maxN.
   * @default [1, 1]
   */
  ngramRange?: readonly [number, number] | undefined;
  /**
   * What a token is, for the 'word' analyzer, as a Python regular expression: the default
   * `(?u)\b\w\w+\b` (runs of two or more word characters) or `(?u)\b\w+\b` (runs of
   * one or more), with or without `(?u)`; `\w` is Python's (letters and numbers by
   * `str.isalnum()`, and `_`; not combining marks). Other patterns are refused with a
   * RangeError: they would need Python's regular-expression engine and Unicode tables,
   * which JavaScript's `RegExp` does not reproduce.
   * @default '(?u)\\b\\w\\w+\\b'
   */
  tokenPattern?: string | undefined;
  /**
   * Tokens to drop (after lowercasing, before n-grams): 'english' for scikit-learn's
   * English stop words, an array of words (compared exactly with the lowercased tokens,
   * as scikit-learn compares them), or null to keep every token. Only the 'word' analyzer
   * reads it (scikit-learn ignores it, with a warning, for the others).
   * @default null
   */
  stopWords?: 'english' | readonly string[] | null | undefined;
}

/** The option names {@link TextAnalyzerOptions} holds, for unknown-name checks. */
export const ANALYZER_OPTION_NAMES = ['analyzer', 'lowercase', 'ngramRange', 'tokenPattern', 'stopWords'] as const;

/** The analyzer options, checked, with defaults filled in. */
export type AnalyzerParams = Pick<TextParams, (typeof ANALYZER_OPTION_NAMES)[number]>;

/** A document to its features, in scikit-learn's order (unigrams, then bigrams, …). */
export type Analyze = (doc: string) => string[];

/**
 * Reads the analyzer options and returns the analyzer: equal to scikit-learn 1.2's
 * `build_analyzer()` with `preprocessor`, `tokenizer` and `strip_accents` at their
 * defaults.
 *
 * @param where - the caller's name, for error messages.
 * @param options - see {@link TextAnalyzerOptions}.
 * @throws TypeError when an option has the wrong kind or an unknown name; RangeError for
 *   an unknown analyzer, stop-word list or token pattern, or an ngramRange that is not
 *   1 ≤ minN ≤ maxN.
 * @example
 * ```ts
 * buildAnalyzer('demo', { ngramRange: [1, 2] })("Don't stop"); // ['don', 'stop', 'don stop']
 * ```
 */
export function buildAnalyzer(where: string, options: TextAnalyzerOptions): Analyze {
  return analyzerFor(resolveTextOptions(where, options, ANALYZER_OPTION_NAMES));
}

/**
 * The analyzer of already-checked options (see {@link buildAnalyzer}).
 * @example
 * ```ts
 * analyzerFor(resolveTextOptions('demo', {}, ANALYZER_OPTION_NAMES))('A cat'); // ['cat']
 * ```
 */
export function analyzerFor(params: AnalyzerParams): Analyze {
  const { analyzer, lowercase } = params;
  const [minN, maxN] = params.ngramRange;
  if (analyzer !== 'word') {
    return (doc) => {
      const out: string[] = [];
      visitCharNgrams(params, doc, (text, start, end) => out.push(text.slice(start, end)));
      return out;
    };
  }
  const minLength = tokenMinLength(params);
  const stop = stopWordSet(params);
  return (doc) => {
    let tokens = wordTokens(lowercase ? pythonLower(doc) : doc, minLength);
    if (stop !== null) tokens = tokens.filter((t) => !stop.has(t));
    return wordNgrams(tokens, minN, maxN);
  };
}

/**
 * The fewest word characters in a token of `params.tokenPattern`.
 * @example
 * ```ts
 * tokenMinLength({ tokenPattern: '(?u)\\b\\w+\\b' }); // 1
 * ```
 */
export function tokenMinLength(params: Pick<AnalyzerParams, 'tokenPattern'>): number {
  return TOKEN_PATTERNS.get(params.tokenPattern)!;
}

/**
 * The stop words the 'word' analyzer drops, or null for none.
 * @example
 * ```ts
 * stopWordSet({ stopWords: ['the', 'a'] })?.has('the'); // true
 * ```
 */
export function stopWordSet(params: Pick<AnalyzerParams, 'stopWords'>): ReadonlySet<string> | null {
  const { stopWords } = params;
  if (stopWords === null) return null;
  return stopWords === 'english' ? ENGLISH_STOP_WORDS : new Set(stopWords);
}

/**
 * The tokens `re.findall(r"(?u)\b\w\w+\b", text)` returns (with `minLength` 1,
 * those of `\b\w+\b`): since `\w+` is greedy and `\b` sits at both ends, a match is
 * exactly a maximal run of word code points, of at least `minLength` code points.
 * @example
 * ```ts
 * wordTokens("I'm café-bound, 2 x_1");    // ['café', 'bound', 'x_1']
 * wordTokens("I'm café-bound, 2 x_1", 1); // ['I', 'm', 'café', 'bound', '2', 'x_1']
 * ```
 */
export function wordTokens(text: string, minLength = 2): string[] {
  const spans = scanWordTokens(text, minLength, SPANS);
  const tokens = new Array<string>(spans.count);
  for (let t = 0; t < spans.count; t++) tokens[t] = text.slice(spans.data[2 * t]!, spans.data[2 * t + 1]!);
  return tokens;
}

/**
 * Token positions: token t is `text.slice(data[2t], data[2t + 1])`, for t < count. One
 * buffer is reused across documents (it grows as needed), so a caller reads it before the
 * next scan.
 */
export interface TokenSpans {
  data: Int32Array;
  count: number;
}

/** The buffer {@link wordTokens} scans into. */
const SPANS: TokenSpans = { data: new Int32Array(512), count: 0 };

/** Whether each ASCII code point is a word character: the scan's common case without a call. */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, cp) => (isWordCodePoint(cp) ? 1 : 0));

/**
 * The UTF-16 positions of the tokens {@link wordTokens} returns, written into `spans`
 * (grown as needed) and returned; no string is built.
 * @example
 * ```ts
 * const spans = scanWordTokens('a bb ccc', 2, { data: new Int32Array(8), count: 0 });
 * [spans.count, ...spans.data.subarray(0, 4)]; // [2, 2, 4, 5, 8]
 * ```
 */
export function scanWordTokens(text: string, minLength: number, spans: TokenSpans): TokenSpans {
  let data = spans.data;
  let count = 0;
  let start = -1; // UTF-16 index where the current run began
  let length = 0; // code points in the current run
  const n = text.length;
  for (let i = 0; i <= n; ) {
    let word = false;
    let width = 1;
    if (i < n) {
      let cp = text.charCodeAt(i);
      if (cp < 128) {
        word = ASCII_WORD[cp] === 1;
      } else {
        if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
          const low = text.charCodeAt(i + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            width = 2;
          }
        }
        word = isWordCodePoint(cp);
      }
    }
    if (word) {
      if (start < 0) start = i;
      length++;
    } else {
      if (length >= minLength) {
        if (2 * count + 2 > data.length) {
          const grown = new Int32Array(2 * data.length);
          grown.set(data);
          data = grown;
        }
        data[2 * count] = start;
        data[2 * count + 1] = i;
        count++;
      }
      start = -1;
      length = 0;
    }
    i += width;
  }
  spans.data = data;
  spans.count = count;
  return spans;
}

/** scikit-learn's `_word_ngrams` after stop-word removal: unigrams first, then each n in order. */
function wordNgrams(tokens: string[], minN: number, maxN: number): string[] {
  if (maxN === 1) return tokens;
  const out = minN === 1 ? tokens.slice() : [];
  for (let n = Math.max(minN, 2); n <= Math.min(maxN, tokens.length); n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      let gram = tokens[i]!;
      for (let k = 1; k < n; k++) gram += ' ' + tokens[i + k]!;
      out.push(gram);
    }
  }
  return out;
}

/**
 * `text` with each run of two or more whitespace code points replaced by one space
 * (`re.sub(r"\s\s+", " ", text)`); a single whitespace code point is kept. Whitespace is
 * all in the BMP, so the scan needs no surrogate pairs.
 */
function collapseSpaces(text: string): string {
  let out = '';
  let copied = 0; // text[copied, …) is not in out yet
  let run = 0;
  let runStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && isSpaceCodePoint(text.charCodeAt(i))) {
      if (run++ === 0) runStart = i;
      continue;
    }
    if (run >= 2) {
      out += text.slice(copied, runStart) + ' ';
      copied = i;
    }
    run = 0;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** UTF-16 offsets of code points: code point i of the text is `text.slice(at[i], at[i + 1])`, for i < count. */
interface CodePointOffsets {
  at: Int32Array;
  count: number;
}

/** The buffer {@link codePointOffsets} writes into (grown as needed; read before the next call). */
const OFFSETS: CodePointOffsets = { at: new Int32Array(256), count: 0 };

/** Where each code point of `text` starts, and its length last (a lone surrogate is one code point, as in Python). */
function codePointOffsets(text: string): CodePointOffsets {
  if (OFFSETS.at.length < text.length + 1) OFFSETS.at = new Int32Array(2 * text.length + 1);
  const at = OFFSETS.at;
  let count = 0;
  for (let i = 0; i < text.length; count++) {
    at[count] = i;
    const c = text.charCodeAt(i);
    const low = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    i += low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
  }
  at[count] = text.length;
  OFFSETS.count = count;
  return OFFSETS;
}

/**
 * Where a feature is: `text.slice(start, end)`. The character analyzers report their
 * n-grams this way, so hashing reads them in place and only a caller that keeps a feature
 * makes its string.
 */
export type VisitFeature = (text: string, start: number, end: number) => void;

/**
 * The character n-grams of `params.analyzer` ('char' or 'char_wb') for `doc`, in
 * scikit-learn's order, each reported to `visit` as a range of a string (see
 * {@link VisitFeature}); the same features {@link analyzerFor} lists.
 * @example
 * ```ts
 * const grams: string[] = [];
 * visitCharNgrams({ analyzer: 'char_wb', lowercase: true, ngramRange: [2, 2] }, 'Ab', (t, s, e) => grams.push(t.slice(s, e)));
 * grams; // [' a', 'ab', 'b ']
 * ```
 */
export function visitCharNgrams(params: Pick<AnalyzerParams, 'analyzer' | 'lowercase' | 'ngramRange'>, doc: string, visit: VisitFeature): void {
  const text = params.lowercase ? pythonLower(doc) : doc;
  const [minN, maxN] = params.ngramRange;
  if (params.analyzer === 'char') charNgrams(collapseSpaces(text), minN, maxN, visit);
  else charWbNgrams(text, minN, maxN, visit);
}

/** scikit-learn's `_char_ngrams` on code points: single characters first, then each n in order. */
function charNgrams(text: string, minN: number, maxN: number, visit: VisitFeature): void {
  const { at, count } = codePointOffsets(text);
  for (let n = minN; n <= Math.min(maxN, count); n++) {
    for (let i = 0; i + n <= count; i++) visit(text, at[i]!, at[i + n]!);
  }
}

/**
 * scikit-learn's `_char_wb_ngrams`: for each word of `text.split()`, padded with a space on
 * each side, its n-grams for each n; a padded word no longer than n is taken whole, once,
 * and ends that word's loop (so it is not repeated for larger n).
 */
function charWbNgrams(text: string, minN: number, maxN: number, visit: VisitFeature): void {
  for (let start = 0; start < text.length; ) {
    // A maximal run of non-whitespace (all whitespace is in the BMP, one UTF-16 unit).
    while (start < text.length && isSpaceCodePoint(text.charCodeAt(start))) start++;
    let end = start;
    while (end < text.length && !isSpaceCodePoint(text.charCodeAt(end))) end++;
    if (end === start) break;
    const padded = ' ' + text.slice(start, end) + ' ';
    const { at, count } = codePointOffsets(padded);
    for (let n = minN; n <= maxN; n++) {
      let offset = 0;
      visit(padded, at[0]!, at[Math.min(n, count)]!);
      while (offset + n < count) {
        offset++;
        visit(padded, at[offset]!, at[Math.min(offset + n, count)]!);
      }
      if (offset === 0) break;
    }
    start = end;
  }
}
