/**
 * Reading the svmlight / LIBSVM text format exactly as scikit-learn 1.2's
 * `load_svmlight_file` reads it: one parser of lines, used whole ({@link parseSvmlight}) or
 * fed chunk by chunk ({@link SvmlightParser}, {@link parseSvmlightStream}).
 *
 * The rules, each checked against scikit-learn 1.2.1 by `tools/make_svmlight_fixtures.py`:
 * lines end at `\n` only (a `\r` is whitespace, so CRLF files read the same); `#` starts a
 * comment to the end of its line; tokens are separated by ASCII whitespace (space, tab,
 * `\r`, `\v`, `\f`); a line without tokens is skipped; the first token is the label, read
 * by Python's `float()`; an optional second token starting with `qid` is the query id
 * (read by `int()` only when asked for); each other token is `index:value`, the index by
 * `int()`, the value by `float()` (so `inf` and `nan` are read as they are; fitting refuses
 * them later), an explicit `0` value kept as a stored entry. Indices must increase within a
 * line: scikit-learn refuses unsorted or repeated indices rather than sorting or summing.
 * @module
 */
import { quoted } from '../validate/quote.js';
import { checkBoolean, checkOptionNames } from '../validate/options.js';
import { describeKind, describeValue } from '../validate/describe.js';
import { pythonFloat, pythonInt } from './python-number.js';

/** Options of {@link parseSvmlight}, {@link SvmlightParser} and {@link parseSvmlightStream}: scikit-learn's, camelCased. */
export interface SvmlightOptions {
  /**
   * The number of columns; `null` for the largest index (after the one-based shift) + 1,
   * which is 1 when no line has a feature, as in scikit-learn. A number smaller than that
   * is a RangeError.
   * @default null
   */
  nFeatures?: number | null;
  /**
   * Whether indices in the text start at 0 (`true`) or 1 (`false`, each index is lowered
   * by 1 and an index 0 is an error). `'auto'`: one-based when the text has at least one
   * feature and no index 0, else zero-based — scikit-learn's rule, applied to the whole
   * text once it has been read.
   * @default 'auto'
   */
  zeroBased?: boolean | 'auto';
  /**
   * Whether to return the `qid:` values. When false they are skipped unread (as in
   * scikit-learn, `qid:abc` is then accepted). When true, `qid` holds one value per line
   * that has one — scikit-learn's array, which is shorter than the rows when some lines
   * have none.
   * @default false
   */
  queryId?: boolean;
}

/** How a {@link SvmlightParser} reports and what it accepts beyond scikit-learn's rules: the third argument of its constructor. */
export interface SvmlightReading {
  /**
   * Where the text comes from, such as a file name: messages about the text read
   * `where: source: line 3, column 5: …` (messages about options stay `where: …`).
   * @default undefined (messages read `where: line 3, …`)
   */
  source?: string;
  /**
   * Refuse NaN and ±Infinity feature values, with their line and column. scikit-learn reads
   * them; a `CsrMatrix` cannot hold them, so a loader that builds one asks for this.
   * @default false
   */
  finiteValues?: boolean;
}

/** A parsed svmlight text: X as compressed sparse rows, the labels and the query ids. */
export interface SvmlightData {
  /** Row starts into `indices`/`values`, length `rows + 1`, non-decreasing, ending at the number of stored entries. */
  indptr: Int32Array;
  /** Column of each stored entry, zero-based, strictly increasing within a row. */
  indices: Int32Array;
  /** Value of each stored entry (explicit zeros, `NaN` and `±Infinity` kept as written). */
  values: Float64Array;
  /** Number of rows (lines with a label). */
  rows: number;
  /** Number of columns (see {@link SvmlightOptions.nFeatures}). */
  cols: number;
  /** The label of each row. */
  y: Float64Array;
  /** The `qid:` values when `queryId` is true (one per line that has one), else null. */
  qid: Int32Array | null;
  /**
   * Whether the indices were read as zero-based: the `zeroBased` option, with `'auto'`
   * resolved (false when every index was lowered by 1). A model trained on this text reads
   * other texts with the same base.
   */
  zeroBased: boolean;
}

const INT32_MAX = 2147483647n;
const INT32_MIN = -2147483648n;
const OPTION_NAMES = ['nFeatures', 'zeroBased', 'queryId'] as const;
// bytes.split()'s whitespace: the six ASCII characters, nothing else (not U+00A0).
const TOKEN = /[^ \t\n\r\v\f]+/g;
// The common forms, read by Number() exactly as Python's int() and float() read them (most
// tokens); every other form goes through pythonInt / pythonFloat. At most 9 digits: below 2³¹.
const PLAIN_INDEX = /^\d{1,9}$/;
const PLAIN_FLOAT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A typed array that doubles when full; `view()` is the filled part. */
class Growable<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(private data: T) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new (this.data.constructor as new (n: number) => T)(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

/**
 * A push parser: `write(chunk)` any number of times with consecutive pieces of the text
 * (split anywhere, even inside a token), then `end()` for the result. Memory is the
 * parsed arrays plus one unfinished line.
 *
 * @throws TypeError for options of the wrong kind or a chunk that is not a string;
 * RangeError for a bad option value, for a line that does not parse (its 1-based line
 * and column and the token, quoted), and at `end()` for `nFeatures` smaller than an index
 * needs.
 * @example
 * ```ts
 * const parser = new SvmlightParser({ zeroBased: false });
 * parser.write('1 1:0.5 3:2\n-1 2:');
 * parser.write('1.5\n');
 * const { indptr, indices, values, y } = parser.end(); // indices [0, 2, 1]
 * ```
 */
export class SvmlightParser {
  private readonly nFeatures: number | null;
  private readonly zeroBased: boolean | 'auto';
  private readonly queryId: boolean;
  private readonly indptr = new Growable(new Int32Array(16));
  private readonly indices = new Growable(new Int32Array(16));
  private readonly values = new Growable(new Float64Array(16));
  private readonly y = new Growable(new Float64Array(16));
  private readonly qid = new Growable(new Int32Array(16));
  private pending = '';
  private line = 0;
  private minIndex = Infinity;
  private maxIndex = -1;
  private maxIndexLine = 0;
  private ended = false;
  private failed = false;
  /** The prefix of messages about the text: `where`, or `where: source`. */
  private readonly at: string;
  private readonly finiteValues: boolean;

  /**
   * @param options See {@link SvmlightOptions}.
   * @param where The prefix of messages: a file loader passes the file's name, so an error
   * reads `data.svm: line 3, column 5: …` (default `'SvmlightParser'`).
   * @param reading See {@link SvmlightReading}.
   */
  constructor(options: SvmlightOptions = {}, private readonly where = 'SvmlightParser', reading: SvmlightReading = {}) {
    checkOptionNames(where, options, OPTION_NAMES);
    this.at = reading.source === undefined ? where : `${where}: ${reading.source}`;
    this.finiteValues = reading.finiteValues === true;
    const { nFeatures = null, zeroBased = 'auto', queryId = false } = options;
    if (nFeatures !== null) {
      if (typeof nFeatures !== 'number') throw new TypeError(`${where}: nFeatures must be a number or null, got ${describeKind(nFeatures)}`);
      if (!Number.isInteger(nFeatures) || nFeatures < 0 || nFeatures > 2 ** 31) {
        throw new RangeError(`${where}: nFeatures must be an integer from 0 to 2147483648 or null, got ${String(nFeatures)}`);
      }
    }
    if (zeroBased !== 'auto' && typeof zeroBased !== 'boolean') {
      const Kind = typeof zeroBased === 'string' ? RangeError : TypeError;
      throw new Kind(`${where}: zeroBased must be true, false or 'auto', got ${describeValue(zeroBased)}`);
    }
    this.nFeatures = nFeatures;
    this.zeroBased = zeroBased;
    this.queryId = checkBoolean(where, 'queryId', queryId);
    this.indptr.push(0);
  }

  /** Parses every complete line in `pending + chunk`, keeping the unfinished tail. */
  write(chunk: string): void {
    if (typeof chunk !== 'string') throw new TypeError(`${this.where}: a chunk must be a string, got ${describeKind(chunk)}`);
    this.checkOpen('write()');
    const text = this.pending + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.parseLine(text.slice(start, nl));
      start = nl + 1;
    }
    this.pending = text.slice(start);
  }

  /** Parses the last line (one without `\n` is read as scikit-learn reads it) and returns the data. */
  end(): SvmlightData {
    this.checkOpen('end()');
    if (this.pending !== '') this.parseLine(this.pending);
    this.pending = '';
    this.ended = true;
    const indices = this.indices.view();
    // scikit-learn's 'auto': shift only when there is a feature and none has index 0.
    const shift = this.zeroBased === false || (this.zeroBased === 'auto' && indices.length > 0 && this.minIndex > 0);
    if (shift) for (let k = 0; k < indices.length; k++) (indices[k] as number) -= 1;
    const needed = (indices.length > 0 ? this.maxIndex - (shift ? 1 : 0) : 0) + 1;
    if (this.nFeatures !== null && this.nFeatures < needed && indices.length === 0) {
      // scikit-learn's shape for a text without features has 1 column.
      throw new RangeError(`${this.at}: nFeatures is ${this.nFeatures}, but a text without features has 1 column, as in scikit-learn`);
    }
    if (this.nFeatures !== null && this.nFeatures < needed) {
      throw new RangeError(
        `${this.at}: nFeatures is ${this.nFeatures}, but line ${this.maxIndexLine} has index ${this.maxIndex} (${shift ? 'one' : 'zero'}-based), which needs ${needed} features`,
      );
    }
    return {
      indptr: this.indptr.view(),
      indices,
      values: this.values.view(),
      rows: this.y.length,
      cols: this.nFeatures ?? needed,
      y: this.y.view(),
      qid: this.queryId ? this.qid.view() : null,
      zeroBased: !shift,
    };
  }

  /** A parser that returned or threw holds a result or half a line: it takes no more text. */
  private checkOpen(call: string): void {
    if (this.failed) throw new RangeError(`${this.at}: ${call} after an error; start a new parser`);
    if (this.ended) throw new RangeError(`${this.at}: ${call} after end()`);
  }

  private fail(column: number, problem: string): never {
    this.failed = true;
    throw new RangeError(`${this.at}: line ${this.line}, column ${column}: ${problem}`);
  }

  private parseLine(raw: string): void {
    this.line++;
    const hash = raw.indexOf('#');
    const text = hash < 0 ? raw : raw.slice(0, hash);
    TOKEN.lastIndex = 0;
    let match = TOKEN.exec(text);
    if (match === null) return;
    const label = pythonFloat(match[0]);
    if (label === null) this.fail(match.index + 1, `the label must be a number, got ${quoted(match[0])}`);
    this.y.push(label);
    match = TOKEN.exec(text);
    if (match !== null && match[0].startsWith('qid')) {
      this.readQid(match[0], match.index + 1);
      match = TOKEN.exec(text);
    }
    let previous = -1;
    for (; match !== null; match = TOKEN.exec(text)) {
      const token = match[0];
      const column = match.index + 1;
      const colon = token.indexOf(':');
      if (colon < 0) this.fail(column, `expected index:value, got ${quoted(token)}`);
      const indexText = token.slice(0, colon);
      const index = PLAIN_INDEX.test(indexText) ? Number(indexText) : this.readIndex(indexText, token, column);
      if (index < 0) this.fail(column, `the feature index ${index} is negative, in ${quoted(token)}`);
      if (index === 0 && this.zeroBased === false) {
        this.fail(column, `the feature index is 0, but indices start at 1 (zeroBased: false), in ${quoted(token)}`);
      }
      if (index <= previous) {
        this.fail(column, `feature indices must increase within a line (as in scikit-learn, unsorted or repeated indices are refused), got ${index} after ${previous}`);
      }
      const valueText = token.slice(colon + 1);
      const value = PLAIN_FLOAT.test(valueText) ? Number(valueText) : pythonFloat(valueText);
      if (value === null) this.fail(column, `the feature value must be a number, got ${quoted(token)}`);
      if (this.finiteValues && !Number.isFinite(value)) {
        this.fail(column, `the feature value is ${String(value)}, in ${quoted(token)}; a CsrMatrix holds finite values only`);
      }
      this.indices.push(index);
      this.values.push(value);
      if (index < this.minIndex) this.minIndex = index;
      if (index > this.maxIndex) {
        this.maxIndex = index;
        this.maxIndexLine = this.line;
      }
      previous = index;
    }
    this.indptr.push(this.indices.length);
  }

  /** An index in any of Python's `int()` forms (signs, underscores, leading zeros, large). */
  private readIndex(text: string, token: string, column: number): number {
    const big = pythonInt(text);
    if (big === null) this.fail(column, `the feature index must be an integer, got ${quoted(token)}`);
    if (big > INT32_MAX) this.fail(column, `the feature index ${big} is larger than 2147483647, in ${quoted(token)}`);
    return Number(big);
  }

  private readQid(token: string, column: number): void {
    const colon = token.indexOf(':');
    if (colon < 0) this.fail(column, `expected qid:value, got ${quoted(token)}`);
    if (!this.queryId) return;
    const big = pythonInt(token.slice(colon + 1));
    if (big === null) this.fail(column, `the qid must be an integer, got ${quoted(token)}`);
    if (big > INT32_MAX || big < INT32_MIN) this.fail(column, `the qid ${big} is outside the 32-bit integers, in ${quoted(token)}`);
    this.qid.push(Number(big));
  }
}

/**
 * Parses svmlight / LIBSVM text into CSR arrays, labels and query ids, equal to scikit-learn
 * 1.2's `load_svmlight_file` (float64; `multilabel` is not supported).
 *
 * @param text The whole text (lines end at `\n`).
 * @param options See {@link SvmlightOptions}.
 * @returns See {@link SvmlightData}.
 * @throws TypeError when `text` is not a string or an option has the wrong kind;
 * RangeError for a bad option value, a line that does not parse (line, column and token
 * in the message), or `nFeatures` smaller than an index needs.
 * @example
 * ```ts
 * const data = parseSvmlight('1 1:0.5 3:2\n0 2:1.5 # a comment\n');
 * // one-based ('auto': no index 0): data.indices [0, 2, 1], data.cols 3, data.y [1, 0]
 * ```
 */
export function parseSvmlight(text: string, options: SvmlightOptions = {}): SvmlightData {
  if (typeof text !== 'string') throw new TypeError(`parseSvmlight: text must be a string, got ${describeKind(text)}`);
  const parser = new SvmlightParser(options, 'parseSvmlight');
  parser.write(text);
  return parser.end();
}

/**
 * Parses svmlight text arriving in chunks (a Node readable stream with
 * `setEncoding('utf8')`, a `TextDecoderStream`, an array of strings), with the same rules
 * and errors as {@link parseSvmlight}.
 *
 * @example
 * ```ts
 * const stream = fs.createReadStream('data.svm', { encoding: 'utf8' });
 * const { indptr, indices, values, y, cols } = await parseSvmlightStream(stream);
 * ```
 */
export async function parseSvmlightStream(chunks: AsyncIterable<string> | Iterable<string>, options: SvmlightOptions = {}): Promise<SvmlightData> {
  const parser = new SvmlightParser(options, 'parseSvmlightStream');
  for await (const chunk of chunks) parser.write(chunk);
  return parser.end();
}
