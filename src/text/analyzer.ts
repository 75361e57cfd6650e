/**
 * scikit-learn's analyzers (`CountVectorizer`/`HashingVectorizer.build_analyzer()`):
 * 'word' lowercases, splits into tokens by the default `token_pattern` `(?u)\b\w\w+\b`,
 * drops stop words, then forms word n-grams; 'char' and 'char_wb' form character n-grams
 * of the lowercased text with whitespace runs collapsed. Each step follows Python's string
 * semantics (`python-string.ts`: code points, not UTF-16 units; Python's \w, \s and
 * lower()), so features equal scikit-learn's on any Unicode text.
 * @module
 */

import { describeKind } from '../validate/describe.js';
import { checkBoolean, checkChoice } from '../validate/options.js';
import { ENGLISH_STOP_WORDS } from './english-stop-words.js';
import { isSpaceCodePoint, isWordCodePoint, pythonLower } from './python-string.js';

/** The kinds of feature an analyzer makes. */
export type TextAnalyzer = 'word' | 'char' | 'char_wb';

/** Options shared by the text vectorizers that say how a document becomes features. */
export interface TextAnalyzerOptions {
  /**
   * What a feature is: 'word' n-grams of tokens matched by `(?u)\b\w\w+\b`; 'char'
   * n-grams of code points of the whole text, after each run of two or more whitespace
   * characters becomes one space (a single tab or newline stays as it is, as in
   * scikit-learn); 'char_wb' n-grams inside each whitespace-separated word padded with one
   * space on each side (a word shorter than n gives itself, padded, once).
   * @default 'word'
   */
  analyzer?: TextAnalyzer;
  /**
   * Lowercase the document before tokenizing, as Python's `str.lower()` (Unicode 14 tables;
   * İ becomes "i̇", a final capital sigma becomes ς).
   * @default true
   */
  lowercase?: boolean;
  /**
   * `[minN, maxN]`: every n-gram of consecutive tokens with minN ≤ n ≤ maxN, words joined
   * by one space; integers with 1 ≤ minN ≤ maxN.
   * @default [1, 1]
   */
  ngramRange?: readonly [number, number];
  /**
   * 'english' drops scikit-learn's English stop words (after lowercasing, before n-grams);
   * null keeps every token. Only the 'word' analyzer reads it (scikit-learn ignores it, with
   * a warning, for the others).
   * @default null
   */
  stopWords?: 'english' | null;
}

/** The option names {@link TextAnalyzerOptions} holds, for unknown-name checks. */
export const ANALYZER_OPTION_NAMES = ['analyzer', 'lowercase', 'ngramRange', 'stopWords'] as const;

/** A document to its features, in scikit-learn's order (unigrams, then bigrams, …). */
export type Analyze = (doc: string) => string[];

/**
 * Reads the analyzer options and returns the analyzer: equal to scikit-learn 1.2's
 * `build_analyzer()` with `token_pattern`, `preprocessor` and `strip_accents` at their
 * defaults.
 *
 * @param where - the caller's name, for error messages.
 * @param options - see {@link TextAnalyzerOptions}.
 * @throws TypeError when an option has the wrong kind; RangeError for an unknown analyzer,
 *   stop-word list or an ngramRange that is not 1 ≤ minN ≤ maxN.
 * @example
 * ```ts
 * buildAnalyzer('demo', { ngramRange: [1, 2] })("Don't stop"); // ['don', 'stop', 'don stop']
 * ```
 */
export function buildAnalyzer(where: string, options: TextAnalyzerOptions): Analyze {
  const analyzer = checkChoice(where, 'analyzer', options.analyzer ?? 'word', ['word', 'char', 'char_wb']);
  const lowercase = checkBoolean(where, 'lowercase', options.lowercase ?? true);
  const [minN, maxN] = readNgramRange(where, options.ngramRange ?? [1, 1]);
  const stopWords = options.stopWords ?? null;
  if (stopWords !== null) checkChoice(where, 'stopWords', stopWords, ['english']);
  if (analyzer === 'char') return (doc) => charNgrams(collapseSpaces(lowercase ? pythonLower(doc) : doc), minN, maxN);
  if (analyzer === 'char_wb') return (doc) => charWbNgrams(lowercase ? pythonLower(doc) : doc, minN, maxN);
  return (doc) => {
    let tokens = wordTokens(lowercase ? pythonLower(doc) : doc);
    if (stopWords !== null) tokens = tokens.filter((t) => !ENGLISH_STOP_WORDS.has(t));
    return wordNgrams(tokens, minN, maxN);
  };
}

function readNgramRange(where: string, value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'number' || typeof value[1] !== 'number') {
    throw new TypeError(`${where}: ngramRange must be an array of two integers [minN, maxN], got ${describeKind(value)}`);
  }
  const [minN, maxN] = value as [number, number];
  if (!Number.isInteger(minN) || !Number.isInteger(maxN) || minN < 1 || minN > maxN) {
    throw new RangeError(`${where}: ngramRange must be integers with 1 ≤ minN ≤ maxN, got [${minN}, ${maxN}]`);
  }
  return [minN, maxN];
}

/**
 * The tokens `re.findall(r"(?u)\b\w\w+\b", text)` returns: since `\w+` is greedy and `\b`
 * sits at both ends, a match is exactly a maximal run of word code points, of at least two
 * code points (a run of one is not a token).
 * @example
 * ```ts
 * wordTokens("I'm café-bound, 2 x_1"); // ['café', 'bound', 'x_1']
 * ```
 */
export function wordTokens(text: string): string[] {
  const tokens: string[] = [];
  let start = -1; // UTF-16 index where the current run began
  let length = 0; // code points in the current run
  for (let i = 0; i < text.length; ) {
    let cp = text.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        width = 2;
      }
    }
    if (isWordCodePoint(cp)) {
      if (start < 0) start = i;
      length++;
    } else {
      if (length >= 2) tokens.push(text.slice(start, i));
      start = -1;
      length = 0;
    }
    i += width;
  }
  if (length >= 2) tokens.push(text.slice(start));
  return tokens;
}

/** scikit-learn's `_word_ngrams` after stop-word removal: unigrams first, then each n in order. */
function wordNgrams(tokens: string[], minN: number, maxN: number): string[] {
  if (maxN === 1) return tokens;
  const out = minN === 1 ? tokens.slice() : [];
  for (let n = Math.max(minN, 2); n <= Math.min(maxN, tokens.length); n++) {
    for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  }
  return out;
}

/**
 * The code points of `text` with each run of two or more whitespace code points replaced
 * by one space (`re.sub(r"\s\s+", " ", text)`); a single whitespace code point is kept.
 */
function collapseSpaces(text: string): string[] {
  const out: string[] = [];
  let run = 0;
  for (const ch of text) {
    if (isSpaceCodePoint(ch.codePointAt(0)!)) {
      run++;
      if (run === 1) out.push(ch);
      else if (run === 2) out[out.length - 1] = ' ';
    } else {
      run = 0;
      out.push(ch);
    }
  }
  return out;
}

/** scikit-learn's `_char_ngrams` on code points: single characters first, then each n in order. */
function charNgrams(chars: string[], minN: number, maxN: number): string[] {
  const out = minN === 1 ? chars.slice() : [];
  for (let n = Math.max(minN, 2); n <= Math.min(maxN, chars.length); n++) {
    for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
  }
  return out;
}

/**
 * scikit-learn's `_char_wb_ngrams`: for each word of `text.split()`, padded with a space on
 * each side, its n-grams for each n; a padded word no longer than n is taken whole, once,
 * and ends that word's loop (so it is not repeated for larger n).
 */
function charWbNgrams(text: string, minN: number, maxN: number): string[] {
  const out: string[] = [];
  for (const word of splitOnSpaces(text)) {
    const w = [' ', ...word, ' '];
    for (let n = minN; n <= maxN; n++) {
      let offset = 0;
      out.push(w.slice(offset, offset + n).join(''));
      while (offset + n < w.length) {
        offset++;
        out.push(w.slice(offset, offset + n).join(''));
      }
      if (offset === 0) break;
    }
  }
  return out;
}

/** `text.split()`: the code points of each maximal run of non-whitespace. */
function splitOnSpaces(text: string): string[][] {
  const words: string[][] = [];
  let word: string[] = [];
  for (const ch of text) {
    if (isSpaceCodePoint(ch.codePointAt(0)!)) {
      if (word.length > 0) words.push(word);
      word = [];
    } else {
      word.push(ch);
    }
  }
  if (word.length > 0) words.push(word);
  return words;
}
