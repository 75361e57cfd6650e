import { describe, expect, it } from 'vitest';
import { decadeDomain, decades, linearTicks } from '../../viz/ticks.js';

const labels = (min: number, max: number, count: number): string[] => linearTicks({ min, max }, count).map((t) => t.label);

describe('linearTicks(domain, count, options)', () => {
  it.each([
    // [min, max, count, labels]
    [-0.05, 1.05, 5, ['0', '0.2', '0.4', '0.6', '0.8', '1.0']],
    [0.27, 0.71, 3, ['0.3', '0.4', '0.5', '0.6', '0.7']],
    [-2.5, 3.9, 7, ['-2', '-1', '0', '1', '2', '3']],
    [0, 1000, 4, ['0', '200', '400', '600', '800', '1000']],
    [-3e-5, 8e-5, 5, ['-0.00002', '0', '0.00002', '0.00004', '0.00006', '0.00008']],
  ])('picks a 1, 2 or 5 × 10^k step for [%d, %d] and %d ticks', (min, max, count, expected) => {
    expect(labels(min, max, count)).toEqual(expected);
  });

  it('rounds the step towards more ticks: a raw step with mantissa 1.47 becomes 1, not 2', () => {
    // (0.71 − 0.27) / 3 = 0.147: the demo's loss axis keeps five labels.
    expect(linearTicks({ min: 0.27, max: 0.71 }, 3)).toHaveLength(5);
  });

  it('returns values that are exact multiples of the step, without floating-point drift', () => {
    const values = linearTicks({ min: 0, max: 1 }, 10).map((t) => t.value);
    expect(values).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it('labels every value so that Number(label) gives it back', () => {
    for (const t of linearTicks({ min: -7.3, max: 12.9 }, 9)) expect(Number(t.label)).toBe(t.value);
  });

  it('writes zero as 0 and never -0', () => {
    expect(labels(-0.5, 0.5, 2)).toEqual(['-0.5', '0', '0.5']);
    expect(labels(-1e-9, 1, 5)).not.toContain('-0.0');
  });

  it('writes labels at or above options.exponentFrom in exponent form with one decimal', () => {
    expect(linearTicks({ min: 0, max: 3e5 }, 3, { exponentFrom: 1e5 }).map((t) => t.label)).toEqual(['0', '1.0e+5', '2.0e+5', '3.0e+5']);
    expect(labels(0, 3e5, 3)).toEqual(['0', '100000', '200000', '300000']);
  });

  it.each([
    ['an empty domain', 1, 1],
    ['a reversed domain', 2, 1],
    ['an infinite domain', 0, Infinity],
    ['a NaN bound', Number.NaN, 1],
  ])('returns no ticks for %s', (_what, min, max) => {
    expect(linearTicks({ min, max }, 5)).toEqual([]);
  });
});

describe('decadeDomain(values)', () => {
  it('spans the whole decades around the positive values', () => {
    expect(decadeDomain([3, 250])).toEqual({ min: 1, max: 1000 });
    expect(decadeDomain([0.0042, 0.09])).toEqual({ min: 0.001, max: 0.1 });
  });

  it('spans at least one decade, also for a single power of ten', () => {
    expect(decadeDomain([100])).toEqual({ min: 100, max: 1000 });
    expect(decadeDomain([100, 100])).toEqual({ min: 100, max: 1000 });
  });

  it('ignores zero, negative and non-finite values, and falls back to [1, 10] without any other', () => {
    expect(decadeDomain([0, -5, Number.NaN, Infinity, 42])).toEqual({ min: 10, max: 100 });
    expect(decadeDomain([0, -1])).toEqual({ min: 1, max: 10 });
  });
});

describe('decades(domain)', () => {
  it('lists each power of ten in the domain with its exponent, as the exact double of 1eN', () => {
    expect(decades({ min: 1e-6, max: 1e-3 })).toEqual([
      { exponent: -6, value: 1e-6 },
      { exponent: -5, value: 1e-5 },
      { exponent: -4, value: 1e-4 },
      { exponent: -3, value: 1e-3 },
    ]);
  });
});
