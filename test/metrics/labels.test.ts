import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareLabels, formatLabel, readLabels, uniqueSorted } from '../../src/metrics/labels.js';

describe('label ordering follows scikit-learn (numpy) sorting', () => {
  it('sorts numbers numerically, not as strings', () => {
    expect(uniqueSorted([10, 9, -1, 100, 9])).toEqual([-1, 9, 10, 100]);
  });

  it('sorts strings by code point, so U+FFFF comes before an emoji', () => {
    expect(uniqueSorted(['😀', '\uffff', 'b', 'B', 'a'])).toEqual(['B', 'a', 'b', '\uffff', '😀']);
  });

  it('sorts a string before its extensions', () => {
    expect(uniqueSorted(['ab', 'a', 'abc'])).toEqual(['a', 'ab', 'abc']);
  });

  it('sorts false before true', () => {
    expect(uniqueSorted([true, false, true])).toEqual([false, true]);
  });

  it('treats 0 and -0 as one label', () => {
    expect(uniqueSorted([0, -0, 1])).toHaveLength(2);
  });

  it('agrees with code-point order on strings mixing BMP and astral characters', () => {
    const unit = fc.oneof(fc.constantFrom('a', '\u00e9', '\ud7ff', '\ue000', '\uffff', '😀', '\u{10000}'), fc.string({ unit: 'binary', maxLength: 1 }));
    const tricky = fc.array(unit, { maxLength: 4 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(tricky, tricky, (a, b) => {
        const pa = Array.from(a, (ch) => ch.codePointAt(0) as number);
        const pb = Array.from(b, (ch) => ch.codePointAt(0) as number);
        let expected = 0;
        for (let i = 0; i < Math.min(pa.length, pb.length) && expected === 0; i++) expected = (pa[i] as number) - (pb[i] as number);
        if (expected === 0) expected = pa.length - pb.length;
        expect(Math.sign(compareLabels(a, b))).toBe(Math.sign(expected));
      }),
    );
  });
});

describe('readLabels', () => {
  it('returns the labels and their kind', () => {
    expect(readLabels('f', 'y', ['a', 'b'])).toEqual({ values: ['a', 'b'], kind: 'string' });
  });

  it('accepts a typed array of integers', () => {
    expect(readLabels('f', 'y', Int8Array.of(1, -1)).kind).toBe('number');
  });

  it('rejects Infinity with its index', () => {
    expect(() => readLabels('f', 'y', [1, -Infinity])).toThrow(
      new RangeError('f: y has -Infinity at index 1; numeric labels must be finite integers'),
    );
  });

  it('rejects booleans mixed with numbers', () => {
    expect(() => readLabels('f', 'y', [true, 1] as never)).toThrow(
      new TypeError('f: y mixes label kinds: a boolean at index 0 and a number at index 1'),
    );
  });

  it('rejects a bigint as a label', () => {
    expect(() => readLabels('f', 'y', [1n] as never)).toThrow(
      new TypeError('f: y has a bigint at index 0; labels must be numbers, strings or booleans'),
    );
  });
});

describe('formatLabel', () => {
  it('quotes strings and writes numbers and booleans as they are', () => {
    expect([formatLabel('spam'), formatLabel(-3), formatLabel(false)]).toEqual(["'spam'", '-3', 'false']);
  });
});
