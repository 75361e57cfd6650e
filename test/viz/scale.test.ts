import { describe, expect, it } from 'vitest';
import { linearScale, logScale } from '../../viz/scale.js';

describe('linearScale(domain, from, to)', () => {
  it('sends min to from, max to to, and the values between proportionally', () => {
    const s = linearScale({ min: -1, max: 3 }, 100, 500);
    expect([s(-1), s(0), s(3)]).toEqual([100, 200, 500]);
  });

  it('runs downwards when from > to, as a vertical axis does', () => {
    const s = linearScale({ min: 0, max: 10 }, 500, 100);
    expect([s(0), s(2.5), s(10)]).toEqual([500, 400, 100]);
  });
});

describe('logScale(domain, from, to)', () => {
  it('gives equal distances to equal ratios', () => {
    const s = logScale({ min: 1, max: 1000 }, 0, 300);
    expect(s(1)).toBe(0);
    expect(s(10)).toBeCloseTo(100, 12);
    expect(s(1000)).toBeCloseTo(300, 12);
    expect(s(20) - s(2)).toBeCloseTo(s(200) - s(20), 12);
  });
});
