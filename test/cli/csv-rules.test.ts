import { afterAll, describe, expect, it } from 'vitest';
import { CsvError, parseCsv, previewColumns } from '../../demo/csv.js';
import { cellNumber, detectDelimiter, firstLine, isMissing, readHeader, toLabels } from '../../src/cli/csv-rules.js';
import { cli, scratch } from './helpers.js';

describe('csv-rules: detectDelimiter(firstLine)', () => {
  it.each([
    ['a,b,c', ','],
    ['a;b;c', ';'],
    ['a\tb\tc', '\t'],
    ['a;b,c;d', ';'],
    ['"a;b;c",d', ','],
    ['abc', ','],
    ['a;b,c', ','],
  ])('%j → %j (the most frequent outside quotes; "," on a tie)', (line, expected) => {
    expect(detectDelimiter(line)).toBe(expected);
  });

  it('reads the first line without its byte-order mark', () => {
    expect(firstLine('\uFEFFa;b\r\n1;2')).toBe('a;b');
  });
});

describe('csv-rules: isMissing(cell)', () => {
  it.each(['', '  ', 'NA', 'na', 'NaN', 'null', 'None', '?', ' NA '])('%j is a missing value', (cell) => {
    expect(isMissing(cell)).toBe(true);
  });

  it.each(['n/a', '-', '0', 'none?', 'NAN0'])('%j is not a missing value', (cell) => {
    expect(isMissing(cell)).toBe(false);
  });
});

describe('csv-rules: cellNumber(text)', () => {
  it.each([
    ['1', 1],
    ['-2.5', -2.5],
    ['1e3', 1000],
    ['.5', 0.5],
  ])('reads %j as %d', (text, expected) => {
    expect(cellNumber(text)).toBe(expected);
  });

  it.each(['', '0x10', '0b1', '0o7', 'inf', '1e400', 'abc'])('refuses %j (decimal and finite only)', (text) => {
    expect(cellNumber(text)).toBeNull();
  });
});

describe('csv-rules: readHeader(record)', () => {
  it('trims the names and indexes them', () => {
    const read = readHeader([' a ', 'b']);
    expect(read).toEqual({ ok: true, header: ['a', 'b'], columns: new Map([['a', 0], ['b', 1]]) });
  });

  it('refuses an empty name, naming its column', () => {
    expect(readHeader(['a', ' ', 'b'])).toEqual({ ok: false, column: 2, problem: 'row 1, column 2: the header has an empty column name' });
  });

  it('refuses a repeated name, naming both columns', () => {
    expect(readHeader(['a', 'b', 'a'])).toEqual({ ok: false, column: 3, problem: "row 1: the header repeats the column name 'a' (columns 1 and 3)" });
  });
});

describe('csv-rules: toLabels(cells)', () => {
  it('reads a column of numbers as numbers: 1, 1.0 and 1e0 are one label, -0 is 0', () => {
    expect(toLabels(['1', '1.0', '1e0', '-0', ' 2 '])).toEqual([1, 1, 1, 0, 2]);
  });

  it('reads a column with any text as trimmed text', () => {
    expect(toLabels(['1', ' spam ', '0x1'])).toEqual(['1', 'spam', '0x1']);
  });
});

describe('the demo reads a file as the CLI does', () => {
  const dir = scratch();
  afterAll(() => dir.remove());

  /** The CLI's verdict on a file: 0 when train reads it, else its message. */
  async function cliReads(text: string): Promise<string | 0> {
    const file = dir.file('data.csv', text);
    const result = await cli(['train', file, '--target', 'y', '--test-size', '0', '--quiet', '--max-iter', '1']);
    return result.code === 0 ? 0 : result.stderr;
  }

  it.each([
    ['semicolons, detected from the header', 'a;b;y\n1;2;0\n3;4;1\n'],
    ['tabs, detected from the header', 'a\tb\ty\n1\t2\t0\n3\t4\t1\n'],
    ['quoted cells and a byte-order mark', '\uFEFF"a","b",y\n"1",2,0\n3,"4",1\n'],
    ['blank lines, skipped', 'a,b,y\n\n1,2,0\n\n3,4,1\n'],
  ])('%s: both read it', async (_what, text) => {
    expect(await cliReads(text)).toBe(0);
    expect(parseCsv(text).rows).toBe(2);
  });

  it.each([
    ['NA, a missing value', 'a,b,y\n1,2,0\nNA,4,1\n', /missing value/, /^Missing value at row 3, column 1/],
    ['n/a, not a number', 'a,b,y\n1,2,0\nn/a,4,1\n', /"n\/a" is not a number/, /"n\/a" is not a number/],
    ['-, not a number', 'a,b,y\n1,2,0\n-,4,1\n', /"-" is not a number/, /"-" is not a number/],
    ['hexadecimal, not a number', 'a,b,y\n1,2,0\n0x10,4,1\n', /"0x10" is not a number/, /"0x10" is not a number/],
    ['inf, not a finite number', 'a,b,y\n1,2,0\ninf,4,1\n', /"inf" is not a finite number/, /"inf" is not a finite number/],
    ['an empty header name', 'a,,y\n1,2,0\n3,4,1\n', /row 1, column 2: the header has an empty column name/, /^Row 1, column 2: the header has an empty column name/],
    ['a repeated header name', 'a,a,y\n1,2,0\n3,4,1\n', /repeats the column name 'a'/, /repeats the column name 'a'/],
    ['a stray quote', 'a,b,y\n1,x"y,0\n3,4,1\n', /row 2: not valid CSV \(Invalid Opening Quote/, /^Row 2: a cell holds a " but does not start with one/],
  ])('%s: both refuse it', async (_what, text, cliMessage, demoMessage) => {
    expect(await cliReads(text)).toMatch(cliMessage);
    expect(() => parseCsv(text)).toThrow(demoMessage);
  });

  it('takes the first row as the header, even when it holds numbers', () => {
    const data = parseCsv('1,2,0\n3,4,1\n5,6,0\n');
    expect(data.featureNames).toEqual(['1', '2']);
    expect(data.targetName).toBe('0');
    expect(data.rows).toBe(2);
  });

  it('numbers rows by the file line a record ends on, as the CLI does', async () => {
    const text = 'a,b,y\n"1\n",2,0\n3,,1\n';
    expect(await cliReads(text)).toMatch(/: row 4, column 'b' \(2\): missing value/);
    expect(() => parseCsv(text)).toThrow(new CsvError('Missing value at row 4, column 2 (b). Fill it in or remove the row.', 4, 2));
  });

  it('lists the trimmed header names for the target picker', () => {
    expect(previewColumns(' a ;b;y\n1;2;3\n')).toEqual(['a', 'b', 'y']);
  });
});
