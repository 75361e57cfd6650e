// The CLI's handling of user text, function by function: escaping, quoting and cutting
// for messages, nearest-name suggestions, and formula-safe CSV cells.
import { describe, expect, it } from 'vitest';
import { escapeControl, nearest, neutraliseCell, quoted, safeLine } from '../../src/cli/text.js';

describe('escapeControl', () => {
  it('escapes C0 and C1 controls, DEL, line separators and bidirectional controls', () => {
    expect(escapeControl('a\u001b[31mb\n\t\r\u0000\u007f\u009b\u2028\u202e\u2066')).toBe('a\\x1b[31mb\\n\\t\\r\\x00\\x7f\\x9b\\u2028\\u202e\\u2066');
  });

  it('leaves printable text, including non-Latin letters and emoji, as it is', () => {
    expect(escapeControl('mean radius é 半径 🙂')).toBe('mean radius é 半径 🙂');
  });
});

describe('quoted', () => {
  it('cuts text longer than the limit and says how long it was', () => {
    expect(quoted('abcdefgh', 3)).toBe("'abc…' (8 characters)");
  });

  it('never cuts a surrogate pair in half', () => {
    expect(quoted('ab🙂cd', 3)).toBe("'ab…' (6 characters)");
  });

  it('escapes what it shows', () => {
    expect(quoted('\u001b[2J')).toBe("'\\x1b[2J'");
  });
});

describe('safeLine', () => {
  it('bounds a whole line, whatever was quoted in it', () => {
    const line = safeLine('x'.repeat(10_000));
    expect(line.length).toBeLessThan(2100);
    expect(line).toMatch(/… \(message cut at 2000 characters\)$/);
  });
});

describe('nearest', () => {
  const flags = ['standardize', 'stratify', 'max-iter', 'C', 'tol', 'target'];

  it('finds a name one edit away, a transposition included', () => {
    expect(nearest('standardise', flags)).toBe('standardize');
    expect(nearest('max_iter', flags)).toBe('max-iter');
    expect(nearest('targte', flags)).toBe('target');
  });

  it('ignores case', () => {
    expect(nearest('c', flags)).toBe('C');
  });

  it('takes the only name that starts with a prefix of three or more characters', () => {
    expect(nearest('stand', flags)).toBe('standardize');
    expect(nearest('st', flags)).toBe(null);
  });

  it('suggests nothing far away, nor a one-character name for another one', () => {
    expect(nearest('zzzzzz', flags)).toBe(null);
    expect(nearest('b', ['a', 'y'])).toBe(null);
  });
});

describe('neutraliseCell', () => {
  it("puts a ' before text that starts with =, +, -, @, tab or carriage return", () => {
    for (const cell of ['=1+1', '+cmd', '-x', '@SUM(A1)', '\tx', '\rx', '-', '+']) expect(neutraliseCell(cell)).toBe(`'${cell}`);
  });

  it('leaves numbers as they are, signed or in exponent form', () => {
    for (const cell of ['-1', '+1', '-2.5', '+2.5e3', '-.5', '1E-7']) expect(neutraliseCell(cell)).toBe(cell);
  });

  it('leaves other text as it is', () => {
    for (const cell of ['benign', 'a=b', 'x-1', '']) expect(neutraliseCell(cell)).toBe(cell);
  });
});
