import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STRATIFY_LABELS, compareLabels, encodeLabels, formatLabel, uniqueSorted } from '../../src/validate/labels.js';

/** What encodeLabels must return for numeric labels, written the slow, obvious way. */
function expected(values: readonly number[]): { classes: number[]; indices: number[]; counts: number[] } {
  const classes = [...new Set(values.map((v) => (Object.is(v, -0) ? 0 : v)))].sort((a, b) => a - b);
  const indices = values.map((v) => classes.indexOf(v));
  return { classes, indices, counts: classes.map((c) => indices.filter((k) => classes[k] === c).length) };
}

function encoded(values: ArrayLike<number>): { classes: unknown[]; indices: number[]; counts: number[] } {
  const { classes, indices, counts } = encodeLabels(values, values.length, 'y');
  return { classes, indices: Array.from(indices), counts: Array.from(counts) };
}

describe('encodeLabels', () => {
  it('encodes integer labels, small or large, negative or −0, from arrays and typed arrays alike', () => {
    const label = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(-0), fc.integer({ min: -600, max: 600 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }));
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 60 }), (values) => {
        const want = expected(values);
        expect(encoded(values)).toEqual(want);
        expect(encoded(Float64Array.from(values))).toEqual(want);
      }),
    );
  });

  it('reports the first bad label at its index even after many good ones', () => {
    const values: unknown[] = Array.from({ length: 1000 }, (_, i) => i % 2);
    values[700] = 0.5;
    values[800] = 'a';
    expect(() => encodeLabels(values, 1000, 'y')).toThrow(
      new RangeError(
        'y has the non-integer label 0.5 at index 700; class labels must be integers, strings or booleans (a continuous target is a regression problem)',
      ),
    );
    values[700] = true;
    expect(() => encodeLabels(values, 1000, 'y')).toThrow(new TypeError('y mixes label kinds: index 0 is a number, index 700 is a boolean'));
  });

  it('reports a kind mix before a non-integer number at the same index', () => {
    expect(() => encodeLabels(['a', 0.5], 2, 'y')).toThrow(new TypeError('y mixes label kinds: index 0 is a string, index 1 is a number'));
  });

  it('names a bigint or a symbol that follows integer labels', () => {
    expect(() => encodeLabels([0, 1n], 2, 'y')).toThrow(new TypeError('y has a bigint at index 1; labels must be numbers, strings or booleans'));
    expect(() => encodeLabels([0, Symbol('s')], 2, 'y')).toThrow(new TypeError('y has a symbol at index 1; labels must be numbers, strings or booleans'));
  });

  it('keeps string and boolean labels on the general path', () => {
    expect(encoded(['b', 'a', 'b'] as unknown as number[])).toEqual({ classes: ['a', 'b'], indices: [1, 0, 1], counts: [1, 2] });
    expect(encoded([true, false] as unknown as number[])).toEqual({ classes: [false, true], indices: [1, 0], counts: [1, 1] });
  });
});

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

describe('formatLabel', () => {
  it('quotes strings and writes numbers and booleans as they are', () => {
    expect([formatLabel('spam'), formatLabel(-3), formatLabel(false)]).toEqual(["'spam'", '-3', 'false']);
  });
});

describe('encodeLabels under STRATIFY_LABELS', () => {
  const encode = (values: unknown[]) => {
    const { classes, indices, counts } = encodeLabels(values, values.length, 'f: stratify', STRATIFY_LABELS);
    return { classes, indices: Array.from(indices), counts: Array.from(counts) };
  };

  it('sorts NaN after every number, as one class', () => {
    expect(encode([NaN, 2.5, -Infinity, NaN])).toEqual({ classes: [-Infinity, 2.5, NaN], indices: [2, 1, 0, 2], counts: [1, 1, 2] });
  });

  it('reads booleans as 0 and 1, so true and 1 are one class', () => {
    expect(encode([true, 1, false, 0])).toEqual({ classes: [0, 1], indices: [1, 1, 0, 0], counts: [2, 2] });
  });

  it('sorts bigints numerically, beyond the range of exact doubles', () => {
    expect(encode([2n ** 60n + 1n, 2n ** 60n, 3n])).toEqual({ classes: [3n, 2n ** 60n, 2n ** 60n + 1n], indices: [2, 1, 0], counts: [1, 1, 1] });
  });

  it('rejects a value that is not a label, showing it as the dataset functions do', () => {
    expect(() => encode([1, null])).toThrow(new TypeError('f: stratify[1] must be a number, string, boolean or bigint label; got null'));
  });

  it('rejects a bigint among numbers, naming both kinds', () => {
    expect(() => encode([1, 2n])).toThrow(new TypeError('f: stratify mixes label types (number and bigint at index 1)'));
  });
});
