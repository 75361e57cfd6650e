import { describe, expect, it } from 'vitest';
import { paddedDomain } from '../../viz/domain.js';

describe('paddedDomain(values)', () => {
  it('pads the range of the values by 5 % of its span on each side', () => {
    expect(paddedDomain([0, 10, 4])).toEqual({ min: -0.5, max: 10.5 });
    expect(paddedDomain(Float64Array.from([-2, 2]))).toEqual({ min: -2.2, max: 2.2 });
  });

  it('pads a single distinct value by a tenth of its magnitude, and 0 by 1', () => {
    expect(paddedDomain([5, 5])).toEqual({ min: 4.5, max: 5.5 });
    expect(paddedDomain([-20])).toEqual({ min: -22, max: -18 });
    expect(paddedDomain([0])).toEqual({ min: -1, max: 1 });
  });

  it('ignores NaN and ±Infinity', () => {
    expect(paddedDomain([Number.NaN, 0, Infinity, 10, -Infinity])).toEqual({ min: -0.5, max: 10.5 });
  });

  it('returns [-1, 1] when there is no finite value', () => {
    expect(paddedDomain([])).toEqual({ min: -1, max: 1 });
    expect(paddedDomain([Number.NaN])).toEqual({ min: -1, max: 1 });
  });

  it('pads a span that overflows by 1 on each side instead of by Infinity', () => {
    expect(paddedDomain([-Number.MAX_VALUE, Number.MAX_VALUE])).toEqual({ min: -Number.MAX_VALUE - 1, max: Number.MAX_VALUE + 1 });
  });
});
