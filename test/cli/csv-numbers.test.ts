import fc from 'fast-check';
import { truncateSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvChunks } from '../../src/cli/csv.js';
import { readCsvNumbers } from '../../src/cli/csv-numbers.js';
import { cellNumber } from '../../src/cli/csv-rules.js';
import { scratch } from './helpers.js';

const dir = scratch();
afterAll(() => dir.remove());

/** Every row as csv-parse reads it (readCsvChunks): [line, cells]; or the error's message. */
async function viaCsvParse(file: string, delimiter: string | null = null): Promise<Array<[number, string[]]> | string> {
  const out: Array<[number, string[]]> = [];
  try {
    for await (const chunk of readCsvChunks(file, 7, { delimiter })) {
      chunk.rows.forEach((row, i) => out.push([chunk.lines[i] as number, row.map(String)]));
    }
  } catch (error) {
    return (error as Error).message;
  }
  return out;
}

/**
 * Every row as readCsvNumbers reads it, with each value checked against its text: a number
 * read by the fast path is exactly what the CSV rules make of the cell's text.
 */
async function viaFastPath(file: string, blockBytes: number, delimiter: string | null = null): Promise<Array<[number, string[]]> | string> {
  const out: Array<[number, string[]]> = [];
  try {
    for await (const block of readCsvNumbers(file, { delimiter, textColumn: block0Target, chunkRows: 5, blockBytes })) {
      const width = block.header.length;
      for (let i = 0; i < block.rows; i++) {
        const cells: string[] = [];
        for (let j = 0; j < width; j++) {
          const text = block.cell(i, j);
          const value = block.values[i * width + j] as number;
          if (!Number.isNaN(value)) expect(value, `row ${block.line(i)}, column ${j + 1}: ${JSON.stringify(text)}`).toBe(cellNumber(text.trim()));
          cells.push(text);
        }
        out.push([block.line(i), cells]);
      }
    }
  } catch (error) {
    return (error as Error).message;
  }
  return out;
}
const block0Target = 'y';

async function expectSameAsCsvParse(name: string, text: string | Uint8Array, delimiter: string | null = null): Promise<void> {
  const file = dir.file(name, text);
  const expected = await viaCsvParse(file, delimiter);
  for (const blockBytes of [16, 61, 4096]) {
    expect(await viaFastPath(file, blockBytes, delimiter), `blocks of ${blockBytes} bytes`).toEqual(expected);
  }
}

describe('readCsvNumbers(file, options): the same rows, cells, row numbers and errors as csv-parse', () => {
  it.each([
    ['plain decimals', 'a,b,y\n1,2.5,0\n-3,4e2,1\n.5,-0,1\n'],
    ['no line feed at the end', 'a,b,y\n1,2,0\n3,4,1'],
    ['CRLF line endings', 'a,b,y\r\n1,2,0\r\n3,4,1\r\n'],
    ['a byte-order mark', '\uFEFFa,b,y\n1,2,0\n'],
    ['exponents and signs', 'a,b,y\n+1e+3,-2E-3,0\n1e308,2.2250738585072014e-308,1\n5e-324,1e-400,0\n1e400,-1e400,1\n'],
    ['spaces and tabs around numbers', 'a,b,y\n 1 ,\t2\t,0\n  -3.5,4  ,1\n'],
    ['NaN spellings and empty cells', 'a,b,y\nNaN,nan,0\nNA,,1\nnull,None,0\n?, ,1\n'],
    ['text cells', 'a,b,y\nred,2,yes\nblue,x1,no\n0x1f,Infinity,yes\n1_000,1e,no\n'],
    ['non-ASCII text', 'a,b,y\nrød,2,ja\n日本,3,nej\n'],
    ['empty lines', 'a,b,y\n\n1,2,0\n\n\n3,4,1\n\n'],
    ['empty CRLF lines', 'a,b,y\r\n\r\n1,2,0\r\n\r\n3,4,1\r\n'],
    ['a quoted field', 'a,b,y\n1,2,0\n"3",4,1\n5,6,0\n'],
    ['a quoted field holding a line feed', 'a,b,y\n1,2,0\n"3\n3",4,1\n5,6,0\n'],
    ['a quote inside a field', 'a,b,y\n1,2,0\n3x"y,4,1\n5,6,0\n'],
    ['a ragged row', 'a,b,y\n1,2,0\n3,4\n5,6,0\n'],
    ['a row too wide', 'a,b,y\n1,2,0\n3,4,1,9\n5,6,0\n'],
    ['a stray carriage return', 'a,b,y\n1,2,0\n3\r,4,1\n5,6,0\n'],
    ['a CRLF line in an LF file', 'a,b,y\n1,2,0\r\n3,4,1\n'],
    ['an LF line in a CRLF file', 'a,b,y\r\n1,2,0\n3,4,1\r\n'],
    ['a quoted header', '"a",b,y\n1,2,0\n3,4,1\n'],
    ['a header and no rows', 'a,b,y\n'],
    ['20 significant digits', 'a,b,y\n12345678901234567890,0.12345678901234567890123,0\n'],
    ['a line longer than a block', `a,b,y\n${'1'.repeat(300)},2,0\n3,4,1\n`],
  ])('%s', async (name, text) => {
    await expectSameAsCsvParse(`${name.replace(/\W+/g, '-')}.csv`, text);
  });

  it.each([
    [';', 'a;b;y\n1,5;2;0\n3;4;1\n'],
    ['\t', 'a\tb\ty\n1\t2\t0\n 3 \t4\t1\n'],
  ])('reads the delimiter %j', async (delimiter, text) => {
    await expectSameAsCsvParse(`delimiter-${delimiter.charCodeAt(0)}.csv`, text);
    await expectSameAsCsvParse(`delimiter-given-${delimiter.charCodeAt(0)}.csv`, text, delimiter);
  });

  it('reads generated files of random decimals (as Python and JavaScript print them) the same', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.oneof(fc.double({ noNaN: true }), fc.integer().map((i) => i / 1000), fc.constantFrom('', 'NA', ' 1 ', '-0', '1e5')), { minLength: 3, maxLength: 3 }), { maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        async (rows, eol) => {
          const text = ['a,b,y', ...rows.map((r) => r.map((v) => (typeof v === 'number' ? String(v) : v)).join(','))].join(eol) + eol;
          await expectSameAsCsvParse('generated.csv', text);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('readCsvNumbers(file, options): numbers read by the fast path', () => {
  it('reads 17-digit decimals to the float64 JavaScript reads, leaving under 1 % (values it cannot decide) to the text rules', async () => {
    const values = Array.from({ length: 3000 }, (_, i) => Math.sin(i + 1) * 10 ** ((i % 40) - 20));
    const file = dir.file('digits.csv', `a,y\n${values.map((v) => `${v},0`).join('\n')}\n`);
    const got: number[] = [];
    for await (const block of readCsvNumbers(file, { delimiter: null, textColumn: 'y', chunkRows: 100 })) {
      for (let i = 0; i < block.rows; i++) got.push(block.values[i * 2] as number);
    }
    const undecided = got.filter((v) => Number.isNaN(v)).length;
    expect(got.map((v, i) => (Number.isNaN(v) ? values[i] : v))).toEqual(values);
    expect(undecided).toBeLessThan(values.length / 100);
  });

  it('reports the bytes read after each block, ending at the file size', async () => {
    const text = `a,y\n${Array.from({ length: 500 }, (_, i) => `${i},1`).join('\n')}\n`;
    const file = dir.file('bytes.csv', text);
    const seen: Array<[number, number]> = [];
    for await (const _ of readCsvNumbers(file, { delimiter: null, textColumn: 'y', chunkRows: 100, blockBytes: 256, onBytes: (read, total) => seen.push([read, total]) })) void _;
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.at(-1)).toEqual([text.length, text.length]);
    expect(seen.every(([read], k) => k === 0 || read >= (seen[k - 1] as [number, number])[0])).toBe(true);
  });

  it('ends, rather than waiting for bytes, when the file is cut short while it is read', async () => {
    const text = `a,y\n${Array.from({ length: 2000 }, (_, i) => `${i},1`).join('\n')}\n`;
    const file = dir.file('shrinking.csv', text);
    let rows = 0;
    const onBytes = () => truncateSync(file, 1000);
    // It ends either way: at the cut, or with the cut line's own error (a row of one field).
    await expect(
      (async () => {
        for await (const block of readCsvNumbers(file, { delimiter: null, textColumn: 'y', chunkRows: 100, blockBytes: 256, onBytes })) rows += block.rows;
      })(),
    ).rejects.toThrow(/shrinking\.csv: row \d+ has 1 field; the header has 2$/);
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(2000);
  });
});
