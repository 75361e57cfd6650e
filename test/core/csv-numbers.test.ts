import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvNumbers } from '../../src/core/csv-numbers.js';

const COMMA = 0x2c;

/** The values the fast path reads from one line of `cells`, each NaN or a number. */
function readLine(cells: string[]): Float64Array {
  const kernel = new CsvNumbers({ delimiter: COMMA, columns: cells.length, crlf: false, textColumn: -1 }, 1 << 16);
  try {
    const read = kernel.read(Buffer.from(`${cells.join(',')}\n`));
    expect(read.rows).toBe(1);
    return read.values;
  } finally {
    kernel.dispose();
  }
}

/** A decimal string of up to 19 significant digits with an exponent, as fast-check draws it. */
const decimal = fc
  .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{1,19}$/), fc.nat({ max: 19 }), fc.integer({ min: -360, max: 330 }))
  .map(([sign, digits, point, exp]) => `${sign}${digits.slice(0, point)}.${digits.slice(point)}e${exp}`);

describe('CsvNumbers#read(bytes): decimal text to float64', () => {
  it('reads every decimal it decides to the float64 JavaScript reads (ties to even)', () => {
    fc.assert(
      fc.property(fc.array(decimal, { minLength: 1, maxLength: 40 }), (cells) => {
        const values = readLine(cells);
        cells.forEach((cell, j) => {
          const v = values[j] as number;
          if (!Number.isNaN(v)) expect(v, cell).toBe(Number(cell));
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the shortest decimal of any finite float64 back to that float64', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 40 }), (xs) => {
        const values = readLine(xs.map(String));
        xs.forEach((x, j) => {
          const v = values[j] as number;
          if (!Number.isNaN(v)) expect(v).toBe(x === 0 ? 0 : x); // String(-0) is "0"
        });
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['9007199254740993', 9007199254740992], // 2^53 + 1: halfway, ties to even
    ['9007199254740995', 9007199254740996],
    ['1.7976931348623157e308', Number.MAX_VALUE],
    ['2.2250738585072014e-308', 2.2250738585072014e-308],
    ['0.1', 0.1],
    ['-0', -0],
    ['0e999', 0],
  ])('reads %s as %d or leaves it to JavaScript', (cell, expected) => {
    const v = readLine([cell])[0] as number;
    expect(Number.isNaN(v) || Object.is(v, expected)).toBe(true);
  });

  it('leaves what overflows or underflows float64 to JavaScript (NaN)', () => {
    expect([...readLine(['1e309', '-2e400', '1e-400', '4.9e-324'])]).toEqual([NaN, NaN, NaN, NaN]);
  });
});
