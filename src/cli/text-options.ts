/**
 * train's text flags: `--text COLUMN` and how its cells become features. `--hashing N`
 * hashes terms into N columns (HashingVectorizer), `--tfidf` weights the counts of a learnt
 * vocabulary (TfidfVectorizer); neither gives the counts of a learnt vocabulary
 * (CountVectorizer). The other flags are scikit-learn's parameters, each a row of
 * {@link TEXT_FLAGS}; a flag that its vectorizer has no use for is refused, never ignored.
 * @module
 */
import { cellNumber } from './csv-rules.js';
import { UsageError } from './errors.js';
import { choice, num, str, type Values } from './flags.js';
import { quoted } from './text.js';

/** The vectorizers `--text` can use. */
export const VECTORIZERS = ['hashing', 'count', 'tfidf'] as const;
/** A vectorizer's kind: `--hashing`, neither flag, or `--tfidf`. */
export type VectorizerKind = (typeof VECTORIZERS)[number];

/** What train's text flags ask for. */
export interface TextRequest {
  /** The CSV column of text (`--text`). */
  column: string;
  kind: VectorizerKind;
  /** The vectorizer's options (scikit-learn's parameters camelCased), only those given. */
  options: Record<string, unknown>;
}

/** One of train's flags that sets a vectorizer option. */
interface TextFlag {
  /** The flag, without its dashes. */
  flag: string;
  /** The vectorizer option it sets. */
  option: string;
  /** Its value, or undefined when it is not given. @throws UsageError for a value it does not accept. */
  read(values: Values, flag: string): unknown;
  /** The vectorizers that take it, when not all do. */
  kinds?: readonly VectorizerKind[];
}

const VOCABULARY: readonly VectorizerKind[] = ['count', 'tfidf'];
const ANALYZERS = ['word', 'char', 'char_wb'] as const;

/**
 * train's flags that set vectorizer options, in the order their values are checked.
 * `--hashing` and `--tfidf` choose the vectorizer and are read by {@link textRequest}.
 */
const TEXT_FLAGS: readonly TextFlag[] = [
  { flag: 'hashing', option: 'nFeatures', read: (values, flag) => hashingWidth(str(values, flag)), kinds: ['hashing'] },
  { flag: 'ngram', option: 'ngramRange', read: (values, flag) => ngramRange(str(values, flag)) },
  { flag: 'analyzer', option: 'analyzer', read: (values, flag) => choice(values, flag, ANALYZERS) },
  { flag: 'stop-words', option: 'stopWords', read: (values, flag) => choice(values, flag, ['english'] as const) },
  { flag: 'binary', option: 'binary', read: (values, flag) => values[flag] },
  { flag: 'min-df', option: 'minDf', read: (values, flag) => documentFrequency(values, flag), kinds: VOCABULARY },
  { flag: 'max-df', option: 'maxDf', read: (values, flag) => documentFrequency(values, flag), kinds: VOCABULARY },
  { flag: 'max-features', option: 'maxFeatures', read: num, kinds: VOCABULARY },
  { flag: 'sublinear-tf', option: 'sublinearTf', read: (values, flag) => values[flag], kinds: ['tfidf'] },
];

/** The flags that need `--text`: the table's and `--tfidf`. */
const TEXT_FLAG_NAMES: readonly string[] = ['tfidf', ...TEXT_FLAGS.map((f) => f.flag)];

/** What each kind is called in messages. */
const VECTORIZER_FLAGS: Record<VectorizerKind, string> = { hashing: '--hashing', count: 'counts (neither --hashing nor --tfidf)', tfidf: '--tfidf' };

/**
 * Reads `--text` and the vectorizer flags; null when `--text` is not given.
 * @throws UsageError for a vectorizer flag without `--text`, `--hashing` with `--tfidf`, a
 * flag its vectorizer does not take, a bad value, or `--stop-words` without the word analyzer.
 */
export function textRequest(values: Values): TextRequest | null {
  const column = str(values, 'text')?.trim();
  if (column === undefined) {
    const given = TEXT_FLAG_NAMES.find((f) => values[f] !== undefined);
    if (given !== undefined) throw new UsageError(`--${given} needs --text COLUMN, the column of text to learn from`, 'train');
    return null;
  }
  if (values['hashing'] !== undefined && values['tfidf'] !== undefined) {
    throw new UsageError('--hashing and --tfidf do not combine: --hashing hashes terms into N columns, --tfidf weights a learnt vocabulary; choose one', 'train');
  }
  const kind: VectorizerKind = values['hashing'] !== undefined ? 'hashing' : values['tfidf'] !== undefined ? 'tfidf' : 'count';
  const options: Record<string, unknown> = {};
  for (const { flag, option, read, kinds } of TEXT_FLAGS) {
    if (values[flag] === undefined) continue;
    if (kinds !== undefined && !kinds.includes(kind)) {
      const needs = kinds.length === 1 ? `--${kinds[0]}` : 'a learnt vocabulary (counts or --tfidf)';
      throw new UsageError(`--${flag} needs ${needs}; the vectorizer is ${VECTORIZER_FLAGS[kind]}`, 'train');
    }
    options[option] = read(values, flag);
  }
  if (options['stopWords'] !== undefined && (options['analyzer'] ?? 'word') !== 'word') {
    throw new UsageError(`--stop-words applies to --analyzer word only; got --analyzer ${String(options['analyzer'])}`, 'train');
  }
  return { column, kind, options };
}

const HASHING_EXPECTED = 'an integer from 1 to 2147483647, or 2^K with K from 0 to 30';

/** `--hashing`: a plain integer or `2^K`. @throws UsageError for anything else or a width out of range. */
function hashingWidth(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  const power = /^2\^(\d+)$/.exec(t);
  const n = power !== null ? 2 ** Number(power[1]) : /^\d+$/.test(t) ? Number(t) : Number.NaN;
  if (!(Number.isInteger(n) && n >= 1 && n <= 2 ** 31 - 1)) throw new UsageError(`--hashing: expected ${HASHING_EXPECTED}, got ${quoted(text)}`);
  return n;
}

/** `--ngram MIN,MAX` (or `N` for N,N). @throws UsageError unless 1 ≤ MIN ≤ MAX are integers. */
function ngramRange(text: string | undefined): [number, number] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((p) => p.trim());
  const [min, max] = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN)) as [number, number | undefined];
  const range: [number, number] = [min, max ?? min];
  if (parts.length > 2 || !range.every((n) => Number.isSafeInteger(n) && n >= 1) || range[0] > range[1]) {
    throw new UsageError(`--ngram: expected MIN,MAX with integers 1 ≤ MIN ≤ MAX (or N for N,N), got ${quoted(text)}`);
  }
  return range;
}

/**
 * `--min-df` / `--max-df` as scikit-learn reads the number: written as an integer, a count of
 * documents; with a decimal point or an exponent (`0.5`, `1.0`, `1e-2`), a proportion of them.
 * @throws UsageError for a negative count or a proportion outside [0, 1].
 */
function documentFrequency(values: Values, flag: string): number | { proportion: number } | undefined {
  const text = str(values, flag);
  if (text === undefined) return undefined;
  const t = text.trim();
  const x = cellNumber(t);
  if (x !== null && /^\+?\d+$/.test(t)) return x;
  if (x !== null && x >= 0 && x <= 1) return { proportion: x };
  throw new UsageError(`--${flag}: expected a number of documents (an integer ≥ 0) or a proportion from 0.0 to 1.0 (written with a decimal point), got ${quoted(text)}`);
}

/** The vectorizer option names and their flags (`minDf`, `--min-df`), for messages. */
export const TEXT_RENAMED: ReadonlyArray<[string, string]> = TEXT_FLAGS.map((f) => [f.option, `--${f.flag}`]);
