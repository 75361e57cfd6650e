import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLabels } from '../src/validate/labels.js';

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

  it('keeps string and boolean labels on the general path', () => {
    expect(encoded(['b', 'a', 'b'] as unknown as number[])).toEqual({ classes: ['a', 'b'], indices: [1, 0, 1], counts: [1, 2] });
    expect(encoded([true, false] as unknown as number[])).toEqual({ classes: [false, true], indices: [1, 0], counts: [1, 1] });
  });
});
