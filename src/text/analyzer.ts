/**
 * scikit-learn's 'word' analyzer (`CountVectorizer`/`HashingVectorizer.build_analyzer()`):
 * lowercase, split into tokens by the default `token_pattern` `(?u)\b\w\w+\b`, drop stop
 * words, then form word n-grams. Each step follows Python's string semantics
 * (`python-string.ts`), so tokens equal scikit-learn's on any Unicode text.
 * @module
 */

import { describeKind } from '../validate/describe.js';
import { checkBoolean, checkChoice } from '../validate/options.js';
import { ENGLISH_STOP_WORDS } from './english-stop-words.js';
import { isWordCodePoint, pythonLower } from './python-string.js';

/** Options shared by the text vectorizers that say how a document becomes features. */
export interface TextAnalyzerOptions {
  /**
   * What a feature is: 'word' n-grams of tokens matched by `(?u)\b\w\w+\b`.
   * @default 'word'
   */
  analyzer?: 'word';
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
   * null keeps every token.
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
 * `build_analyzer()` with `analyzer='word'`, `token_pattern` and `preprocessor` at their
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
  checkChoice(where, 'analyzer', options.analyzer ?? 'word', ['word']);
  const lowercase = checkBoolean(where, 'lowercase', options.lowercase ?? true);
  const [minN, maxN] = readNgramRange(where, options.ngramRange ?? [1, 1]);
  const stopWords = options.stopWords ?? null;
  if (stopWords !== null) checkChoice(where, 'stopWords', stopWords, ['english']);
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
 */
export function wordTokens(text: string): string[] {
  const tokens: string[] = [];
  let start = -1; // UTF-16 index where the current run began
  let length = 0; // code points in the current run
  for (let i = 0; i <= text.length; ) {
    const cp = i < text.length ? text.codePointAt(i)! : -1;
    if (cp >= 0 && isWordCodePoint(cp)) {
      if (start < 0) start = i;
      length++;
    } else {
      if (length >= 2) tokens.push(text.slice(start, i));
      start = -1;
      length = 0;
    }
    i += cp > 0xffff ? 2 : 1;
  }
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
