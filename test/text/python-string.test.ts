import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pythonLower } from '../../src/text/python-string.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/text/lower.json', import.meta.url), 'utf8')) as {
  cases: { text: string; lower: string }[];
};

describe("pythonLower(text) equals Python 3.11's str.lower()", () => {
  it('lowercases every fixture string as Python does', () => {
    expect(fixture.cases.map((c) => pythonLower(c.text))).toEqual(fixture.cases.map((c) => c.lower));
  });

  it('turns İ into i followed by a combining dot above', () => {
    expect(pythonLower('İ')).toBe('i\u0307');
  });

  it('writes a capital sigma at the end of a word as final ς and elsewhere as σ', () => {
    expect(pythonLower('ΟΔΟΣ ΣΟΦΟΣ Σ')).toBe('οδος σοφος σ');
  });

  it("skips case-ignorable characters (apostrophe, combining accent) when deciding final sigma", () => {
    expect(pythonLower("ΑΣ'Β ΑΣ\u0301")).toBe("ασ'β ας\u0301");
  });

  it('leaves letters newer than Unicode 14 unchanged where JavaScript lowercases them', () => {
    expect('\ua7cb'.toLowerCase()).not.toBe('\ua7cb');
    expect(pythonLower('\ua7cb')).toBe('\ua7cb');
  });

  it('returns the same string when nothing changes', () => {
    expect(pythonLower('already lower 123')).toBe('already lower 123');
  });
});
