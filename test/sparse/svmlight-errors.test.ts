import { describe, expect, it } from 'vitest';
import { formatSvmlight, type FormatSvmlightArgs } from '../../src/sparse/svmlight-format.js';
import { parseSvmlight, SvmlightParser, type SvmlightOptions } from '../../src/sparse/svmlight.js';
import { expectError } from '../assertions.js';

const long = `1:${'9'.repeat(100)}x`;

// [text, options, error class, exact message]
const PARSE_ERRORS: [string, SvmlightOptions, ErrorConstructor, string][] = [
  ['1 1:1\nx 1:1\n', {}, RangeError, "parseSvmlight: line 2, column 1: the label must be a number, got 'x'"],
  ['1 1:1 7\n', {}, RangeError, "parseSvmlight: line 1, column 7: expected index:value, got '7'"],
  ['1 a:1\n', {}, RangeError, "parseSvmlight: line 1, column 3: the feature index must be an integer, got 'a:1'"],
  ['1 1.0:1\n', {}, RangeError, "parseSvmlight: line 1, column 3: the feature index must be an integer, got '1.0:1'"],
  ['1 2147483648:1\n', {}, RangeError, "parseSvmlight: line 1, column 3: the feature index 2147483648 is larger than 2147483647, in '2147483648:1'"],
  ['1 -1:1\n', {}, RangeError, "parseSvmlight: line 1, column 3: the feature index -1 is negative, in '-1:1'"],
  ['1 0:1\n', { zeroBased: false }, RangeError, "parseSvmlight: line 1, column 3: the feature index is 0, but indices start at 1 (zeroBased: false), in '0:1'"],
  ['1 3:1 1:2\n', {}, RangeError, 'parseSvmlight: line 1, column 7: feature indices must increase within a line (as in scikit-learn, unsorted or repeated indices are refused), got 1 after 3'],
  ['1 1:1 1:2\n', {}, RangeError, 'parseSvmlight: line 1, column 7: feature indices must increase within a line (as in scikit-learn, unsorted or repeated indices are refused), got 1 after 1'],
  ['1 1:x\n', {}, RangeError, "parseSvmlight: line 1, column 3: the feature value must be a number, got '1:x'"],
  ['1 1:1\u00a02:3\n', {}, RangeError, "parseSvmlight: line 1, column 3: the feature value must be a number, got '1:1\u00a02:3'"],
  ['1\t1:\x1b\n', {}, RangeError, "parseSvmlight: line 1, column 3: the feature value must be a number, got '1:\\x1b'"],
  [`1 ${long}\n`, {}, RangeError, `parseSvmlight: line 1, column 3: the feature value must be a number, got '1:${'9'.repeat(58)}…' (103 characters)`],
  ['1 qid 1:1\n', {}, RangeError, "parseSvmlight: line 1, column 3: expected qid:value, got 'qid'"],
  ['1 qid:abc 1:1\n', { queryId: true }, RangeError, "parseSvmlight: line 1, column 3: the qid must be an integer, got 'qid:abc'"],
  ['1 qid:2147483648\n', { queryId: true }, RangeError, "parseSvmlight: line 1, column 3: the qid 2147483648 is outside the 32-bit integers, in 'qid:2147483648'"],
  ['1 1:1 qid:2\n', {}, RangeError, "parseSvmlight: line 1, column 7: the feature index must be an integer, got 'qid:2'"],
  ['1 5:1\n', { nFeatures: 3 }, RangeError, 'parseSvmlight: nFeatures is 3, but line 1 has index 5 (one-based), which needs 5 features'],
  ['1 0:1\n2 5:1\n', { nFeatures: 3 }, RangeError, 'parseSvmlight: nFeatures is 3, but line 2 has index 5 (zero-based), which needs 6 features'],
  ['', { nFeatures: 0 }, RangeError, 'parseSvmlight: nFeatures is 0, but a text without features has 1 column, as in scikit-learn'],
  ['', { nFeatures: '3' as unknown as number }, TypeError, 'parseSvmlight: nFeatures must be a number or null, got a string'],
  ['', { nFeatures: 1.5 }, RangeError, 'parseSvmlight: nFeatures must be an integer from 0 to 2147483648 or null, got 1.5'],
  ['', { zeroBased: 'yes' as 'auto' }, RangeError, "parseSvmlight: zeroBased must be true, false or 'auto', got 'yes'"],
  ['', { zeroBased: 1 as unknown as boolean }, TypeError, "parseSvmlight: zeroBased must be true, false or 'auto', got 1"],
  ['', { queryId: 1 as unknown as boolean }, TypeError, 'parseSvmlight: queryId must be a boolean, got a number'],
  ['', { query_id: true } as SvmlightOptions, TypeError, "parseSvmlight: unknown option 'query_id'; did you mean 'queryId'? (known options: nFeatures, zeroBased, queryId)"],
];

describe('parseSvmlight(text, options) error messages', () => {
  for (const [text, options, kind, message] of PARSE_ERRORS) {
    it(`throws ${kind.name} "${message}"`, () => {
      expectError(() => parseSvmlight(text, options), kind, message);
    });
  }

  it('throws TypeError when text is not a string', () => {
    expectError(() => parseSvmlight(5 as unknown as string), TypeError, 'parseSvmlight: text must be a string, got a number');
  });

  it('throws TypeError when a chunk is not a string', () => {
    expectError(() => new SvmlightParser().write(new Uint8Array(2) as unknown as string), TypeError, 'SvmlightParser: a chunk must be a string, got a Uint8Array');
  });
});

const X = { rows: 2, cols: 3, indptr: [0, 2, 2], indices: [2, 0], values: [0.5, 1] };

// [arguments, error class, exact message]
const FORMAT_ERRORS: [FormatSvmlightArgs, ErrorConstructor, string][] = [
  [{ X, y: [1] }, RangeError, 'formatSvmlight: y has length 1; expected one label per row, X.rows = 2'],
  [{ X, y: [1, NaN] }, RangeError, 'formatSvmlight: y contains NaN at index 1; all values must be finite'],
  [{ X, y: [1, '0' as unknown as number] }, TypeError, 'formatSvmlight: y has a string at index 1; expected a number'],
  [{ X: { ...X, values: [Infinity, 1] }, y: [1, 0] }, RangeError, 'formatSvmlight: X: values contains Infinity at row 0, column 2; all values must be finite'],
  [{ X: { ...X, indices: [3, 0] }, y: [1, 0] }, RangeError, 'formatSvmlight: X: indices has 3 at index 0 (row 0); expected a column index in [0, 3)'],
  [{ X: { ...X, indptr: [0, 2] }, y: [1, 0] }, RangeError, 'formatSvmlight: X: indptr has length 2; expected rows + 1 = 3'],
  [{ X: { ...X, indptr: [0, 2, 1] }, y: [1, 0] }, RangeError, 'formatSvmlight: X: indptr has 1 at index 2; expected a non-decreasing integer from indptr[1] = 2 to the number of entries, 2'],
  [{ X: { ...X, indptr: [0, 3, 2] }, y: [1, 0] }, RangeError, 'formatSvmlight: X: indptr has 3 at index 1; expected a non-decreasing integer from indptr[0] = 0 to the number of entries, 2'],
  [{ X: { ...X, values: [1] }, y: [1, 0] }, RangeError, 'formatSvmlight: X: values has length 1; expected indices.length = 2 (one value per entry)'],
  [{ X: { rows: 0, cols: 3, indptr: [0], indices: [], values: [] }, y: [] }, RangeError, 'formatSvmlight: X: rows must be an integer from 1 to 2147483647, got 0'],
  [{ X: { ...X, cols: 0 }, y: [1, 0] }, RangeError, 'formatSvmlight: X: cols must be an integer from 1 to 2147483647, got 0'],
  [{ X: { ...X, rows: '2' as unknown as number }, y: [1, 0] }, TypeError, 'formatSvmlight: X: rows must be a number, got a string'],
  [{ X: { ...X, values: null as unknown as number[] }, y: [1, 0] }, TypeError, 'formatSvmlight: X: values must be a Float64Array, a Float32Array or an array of numbers, got null'],
  [{ X, y: [1, 0], queryId: [1, 1.5] }, RangeError, 'formatSvmlight: queryId has 1.5 at index 1; expected an integer'],
  [{ X, y: [1, 0], queryId: [1] }, RangeError, 'formatSvmlight: queryId has length 1; expected one value per row, X.rows = 2'],
  [{ X, y: [1, 0], comment: 'a\0b' }, RangeError, 'formatSvmlight: comment contains a NUL character'],
  [{ X, y: [1, 0], comment: 5 as unknown as string }, TypeError, 'formatSvmlight: comment must be a string or null, got a number'],
  [{ X, y: [1, 0], zeroBased: 'no' as unknown as boolean }, TypeError, 'formatSvmlight: zeroBased must be a boolean, got a string'],
];

describe('formatSvmlight(args) error messages', () => {
  for (const [args, kind, message] of FORMAT_ERRORS) {
    it(`throws ${kind.name} "${message}"`, () => {
      expectError(() => formatSvmlight(args), kind, message);
    });
  }
});
