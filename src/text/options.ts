/**
 * The options of the text features, in one table: each option's default and its check,
 * shared by the functions (`hashingTransform`, `countFitTransform`, …) and the classes
 * (`HashingVectorizer`, `CountVectorizer`, …), which take the same names. A checked value
 * is plain data (strings, numbers, booleans, null, frozen arrays and `{ proportion }`), so
 * the classes' `toJSON` stores the checked options as they are and `fromJSON` passes them
 * back through the same checks.
 * @module
 */
import { DTYPES, type Dtype } from '../matrix.js';
import { describeKind, describeValue } from '../validate/describe.js';
import { checkBoolean, checkChoice, checkInteger, checkOptionNames } from '../validate/options.js';

/** The kinds of feature an analyzer makes. */
export type TextAnalyzer = 'word' | 'char' | 'char_wb';

/** How rows are scaled at the end: to unit Euclidean ('l2') or absolute-sum ('l1') norm, or not (null). */
export type TextNorm = 'l2' | 'l1' | null;

/**
 * A document-frequency bound (`minDf`, `maxDf`): an integer is a number of documents (a
 * Python int in scikit-learn); any other number, or `{ proportion }`, is a proportion of
 * the documents in [0, 1] (a Python float). JavaScript has one number type, so 1 and 1.0
 * are the same value, an integer: write scikit-learn's float `1.0` as `{ proportion: 1 }`
 * (a bare `1` means one document). A non-integer number is read, and stored, as
 * `{ proportion }`.
 * @example
 * ```ts
 * const minDf: DocumentFrequency = 2;                  // at least 2 documents
 * const maxDf: DocumentFrequency = { proportion: 1 };  // at most all of them (max_df=1.0)
 * const half: DocumentFrequency = 0.5;                 // read as { proportion: 0.5 }
 * ```
 */
export type DocumentFrequency = number | { readonly proportion: number };

/**
 * A fixed vocabulary: the terms in column order, or each term's column (a Map or an
 * object; the columns must be 0…size − 1, each once). Stored as the terms in column order.
 */
export type FixedVocabulary = readonly string[] | ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/**
 * scikit-learn's default `token_pattern`, the one every vectorizer uses unless told
 * otherwise: runs of two or more word characters.
 */
export const DEFAULT_TOKEN_PATTERN = '(?u)\\b\\w\\w+\\b';

/**
 * The token patterns the analyzer implements, each with the fewest word characters a
 * token has. Each is Python's `re.findall(pattern, text)` on any str: `\b\w+\b` with `\w`
 * greedy matches exactly the maximal runs of word characters, and `\b\w\w+\b` those of
 * two or more (`(?u)` changes nothing for a str pattern in Python 3). Other patterns would
 * need Python's regular-expression engine and its Unicode tables, which JavaScript's
 * `RegExp` does not reproduce, so they are refused rather than approximated.
 */
export const TOKEN_PATTERNS: ReadonlyMap<string, number> = new Map([
  [DEFAULT_TOKEN_PATTERN, 2],
  ['\\b\\w\\w+\\b', 2],
  ['(?u)\\b\\w+\\b', 1],
  ['\\b\\w+\\b', 1],
]);

/** Every option of the text features, checked, with its default filled in. */
export interface TextParams {
  readonly analyzer: TextAnalyzer;
  readonly lowercase: boolean;
  readonly ngramRange: readonly [number, number];
  readonly tokenPattern: string;
  readonly stopWords: 'english' | readonly string[] | null;
  readonly nFeatures: number;
  readonly alternateSign: boolean;
  readonly norm: TextNorm;
  readonly binary: boolean;
  readonly dtype: Dtype;
  readonly minDf: DocumentFrequency;
  readonly maxDf: DocumentFrequency;
  readonly maxFeatures: number | null;
  readonly vocabulary: readonly string[] | null;
  readonly useIdf: boolean;
  readonly smoothIdf: boolean;
  readonly sublinearTf: boolean;
}

/** The names of {@link TextParams}. */
export type TextOptionName = keyof TextParams;

interface Rule<T> {
  /** The value when the option is absent (undefined), as each `@default` documents it. */
  readonly default: T;
  /** The checked (and, for arrays, frozen copied) value; throws TypeError/RangeError naming `where`. */
  check(where: string, value: unknown): T;
}

const INT32_MAX = 2 ** 31 - 1;

const RULES: { readonly [K in TextOptionName]: Rule<TextParams[K]> } = {
  analyzer: { default: 'word', check: (where, value) => checkChoice(where, 'analyzer', value, ['word', 'char', 'char_wb']) },
  lowercase: { default: true, check: (where, value) => checkBoolean(where, 'lowercase', value) },
  ngramRange: { default: Object.freeze([1, 1] as const), check: readNgramRange },
  tokenPattern: { default: DEFAULT_TOKEN_PATTERN, check: readTokenPattern },
  stopWords: { default: null, check: readStopWords },
  nFeatures: { default: 2 ** 20, check: (where, value) => checkInteger(where, 'nFeatures', value, 1, INT32_MAX) },
  alternateSign: { default: true, check: (where, value) => checkBoolean(where, 'alternateSign', value) },
  norm: { default: 'l2', check: readNorm },
  binary: { default: false, check: (where, value) => checkBoolean(where, 'binary', value) },
  dtype: { default: 'float64', check: (where, value) => checkChoice(where, 'dtype', value, DTYPES) },
  minDf: { default: 1, check: (where, value) => readDocumentFrequency(where, 'minDf', value) },
  maxDf: { default: Object.freeze({ proportion: 1 }), check: (where, value) => readDocumentFrequency(where, 'maxDf', value) },
  maxFeatures: { default: null, check: (where, value) => (value === null ? null : checkInteger(where, 'maxFeatures', value, 1, INT32_MAX)) },
  vocabulary: { default: null, check: (where, value) => (value === null ? null : readVocabulary(where, value)) },
  useIdf: { default: true, check: (where, value) => checkBoolean(where, 'useIdf', value) },
  smoothIdf: { default: true, check: (where, value) => checkBoolean(where, 'smoothIdf', value) },
  sublinearTf: { default: false, check: (where, value) => checkBoolean(where, 'sublinearTf', value) },
};

/**
 * Checks `options` against the option names a caller takes and returns every one of them,
 * checked, with the defaults filled in, in the order of `names` (the order of `toJSON`).
 * An option set to `undefined` is absent; null is a value (for `norm`, `stopWords`,
 * `maxFeatures` and `vocabulary` a meaningful one).
 * @param where - the caller's name, the prefix of messages.
 * @throws TypeError for options that are not an object, an unknown name (suggesting the
 *   camelCase form of scikit-learn's snake_case name) or a value of the wrong kind;
 *   RangeError for a value out of range.
 * @example
 * ```ts
 * resolveTextOptions('demo', { norm: null }, ['norm', 'binary']); // { norm: null, binary: false }
 * ```
 */
export function resolveTextOptions<K extends TextOptionName>(where: string, options: object, names: readonly K[]): Pick<TextParams, K> {
  checkOptionNames(where, options, names);
  const given = options as Record<string, unknown>;
  const out: Partial<Record<K, unknown>> = {};
  for (const name of names) {
    const rule = RULES[name] as Rule<unknown>;
    const value = given[name];
    out[name] = value === undefined ? rule.default : rule.check(where, value);
  }
  return out as Pick<TextParams, K>;
}

function readNgramRange(where: string, value: unknown): readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'number' || typeof value[1] !== 'number') {
    throw new TypeError(`${where}: ngramRange must be an array of two integers [minN, maxN], got ${describeKind(value)}`);
  }
  const [minN, maxN] = value as [number, number];
  if (!Number.isInteger(minN) || !Number.isInteger(maxN) || minN < 1 || minN > maxN) {
    throw new RangeError(`${where}: ngramRange must be integers with 1 ≤ minN ≤ maxN, got [${minN}, ${maxN}]`);
  }
  return Object.freeze([minN, maxN] as const);
}

function readTokenPattern(where: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`${where}: tokenPattern must be a string, got ${describeKind(value)}`);
  if (!TOKEN_PATTERNS.has(value)) {
    const known = [...TOKEN_PATTERNS.keys()].map((p) => `'${p}'`).join(', ');
    throw new RangeError(
      `${where}: tokenPattern must be one of ${known} (patterns with Python's exact \\w semantics), got ${describeValue(value)}`,
    );
  }
  return value;
}

/** 'english', null, or an array of strings (a frozen copy). */
function readStopWords(where: string, value: unknown): 'english' | readonly string[] | null {
  if (value === null) return null;
  if (!Array.isArray(value)) return checkChoice(where, 'stopWords', value, ['english'] as const);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') throw new TypeError(`${where}: stopWords[${i}] must be a string, got ${describeKind(value[i])}`);
  }
  return Object.freeze([...(value as string[])]);
}

function readNorm(where: string, value: unknown): TextNorm {
  if (value !== null && value !== 'l1' && value !== 'l2') {
    throw new RangeError(`${where}: norm must be 'l2', 'l1' or null, got ${describeValue(value)}`);
  }
  return value;
}

/** An integer count, or `{ proportion }` in [0, 1] (a non-integer number is read as one); see {@link DocumentFrequency}. */
function readDocumentFrequency(where: string, name: string, value: unknown): DocumentFrequency {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER) return value;
  const proportion = typeof value === 'number' ? value : typeof value === 'object' && value !== null ? (value as { proportion?: unknown }).proportion : undefined;
  if (typeof proportion !== 'number') {
    throw new TypeError(`${where}: ${name} must be a number of documents or { proportion }, got ${describeKind(value)}`);
  }
  if (!(proportion >= 0 && proportion <= 1)) {
    throw new RangeError(`${where}: ${name} must be an integer count ≥ 0 or a proportion in [0, 1], got ${describeValue(proportion)}`);
  }
  return Object.freeze({ proportion });
}

/**
 * A fixed vocabulary as its terms in column order (a frozen copy), checked as
 * scikit-learn's `_validate_vocabulary` checks it: an array's terms distinct; a Map's or
 * an object's columns exactly 0…size − 1; at least one term. An object's own keys are
 * its terms, so `__proto__` or `constructor` are terms like any other.
 */
function readVocabulary(where: string, value: unknown): readonly string[] {
  let terms: string[];
  if (Array.isArray(value)) {
    const seen = new Map<string, number>();
    for (let i = 0; i < value.length; i++) {
      const term: unknown = value[i];
      if (typeof term !== 'string') throw new TypeError(`${where}: vocabulary[${i}] must be a string (a term), got ${describeKind(term)}`);
      const before = seen.get(term);
      if (before !== undefined) throw new RangeError(`${where}: vocabulary must hold distinct terms, got ${describeValue(term)} at ${before} and ${i}`);
      seen.set(term, i);
    }
    terms = [...(value as string[])];
  } else {
    let entries: [unknown, unknown][];
    if (value instanceof Map) entries = [...(value as Map<unknown, unknown>)];
    else if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) entries = Object.entries(value);
    else throw new TypeError(`${where}: vocabulary must be an array of terms, a Map or an object from term to column, got ${describeKind(value)}`);
    terms = new Array<string>(entries.length);
    const taken = new Uint8Array(entries.length);
    for (const [term, column] of entries) {
      if (typeof term !== 'string') throw new TypeError(`${where}: vocabulary must map strings (terms) to columns, got the key ${describeKind(term)}`);
      if (typeof column !== 'number' || !Number.isInteger(column) || column < 0 || column >= entries.length || taken[column] === 1) {
        throw new RangeError(
          `${where}: vocabulary must map its terms to the columns 0…${entries.length - 1}, each once, got ${describeValue(term)} → ${describeValue(column)}`,
        );
      }
      taken[column] = 1;
      terms[column] = term;
    }
  }
  if (terms.length === 0) throw new RangeError(`${where}: vocabulary must hold at least one term, got an empty ${Array.isArray(value) ? 'array' : 'vocabulary'}`);
  return Object.freeze(terms);
}
