import { describe, expect, it } from 'vitest';
import { logDomain, logLabel, logTicks, niceLogDomain } from '../../viz/log-ticks.js';

const labels = (domain: { min: number; max: number }, count: number): string[] => logTicks(domain, count).map((t) => t.label);

describe('logTicks(domain, count)', () => {
  it('puts ticks at the powers of ten when the range spans enough of them', () => {
    expect(labels({ min: 0.0009, max: 1.2 }, 4)).toEqual(['0.001', '0.01', '0.1', '1']);
  });

  it('keeps every k-th power of ten over many decades, about count of them', () => {
    const ticks = logTicks({ min: 1e-12, max: 1e3 }, 4);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(6);
    const exponents = ticks.map((t) => Math.round(Math.log10(t.value)));
    const steps = new Set(exponents.slice(1).map((e, i) => e - (exponents[i] as number)));
    expect(steps.size).toBe(1);
    expect(ticks[0]?.label).toMatch(/^1e-\d+$/);
  });

  it('uses 1, 2 and 5 × 10^k when too few powers of ten fall inside', () => {
    expect(labels({ min: 0.008, max: 0.6 }, 4)).toEqual(['0.01', '0.02', '0.05', '0.1', '0.2', '0.5']);
  });

  it('uses every 1…9 × 10^k for a range inside one decade, as a loss curve often is', () => {
    expect(labels({ min: 0.15, max: 0.75 }, 4)).toEqual(['0.2', '0.3', '0.4', '0.5', '0.6', '0.7']);
  });

  it('falls back to linear ticks inside the range when even 1…9 × 10^k give fewer than two', () => {
    const ticks = logTicks({ min: 0.31, max: 0.39 }, 4);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (const t of ticks) {
      expect(t.value).toBeGreaterThanOrEqual(0.31);
      expect(t.value).toBeLessThanOrEqual(0.39);
    }
  });

  it('gives values with no floating-point noise (0.3 is 0.3, not 3 × 0.1)', () => {
    const values = logTicks({ min: 0.15, max: 0.75 }, 4).map((t) => t.value);
    expect(values).toContain(0.3);
    expect(values).toContain(0.7);
  });

  it('returns no ticks for a domain a log axis cannot have', () => {
    expect(logTicks({ min: 0, max: 1 }, 4)).toEqual([]);
    expect(logTicks({ min: -1, max: 1 }, 4)).toEqual([]);
    expect(logTicks({ min: 1, max: Infinity }, 4)).toEqual([]);
    expect(logTicks({ min: 2, max: 1 }, 4)).toEqual([]);
  });
});

describe('logDomain(values)', () => {
  it('spans the positive finite values, padded by 5 % of the decades on each side', () => {
    const d = logDomain([0.1, 10]) as { min: number; max: number };
    expect(Math.log10(d.min)).toBeCloseTo(-1.1, 12);
    expect(Math.log10(d.max)).toBeCloseTo(1.1, 12);
  });

  it('ignores zero, negative and non-finite values', () => {
    expect(logDomain([0, -3, NaN, Infinity, 1, 100])).toEqual(logDomain([1, 100]));
  });

  it('gives a single value a twentieth of a decade on each side', () => {
    const d = logDomain([2]) as { min: number; max: number };
    expect(Math.log10(d.max / 2)).toBeCloseTo(0.05, 12);
    expect(Math.log10(2 / d.min)).toBeCloseTo(0.05, 12);
  });

  it('is null when no value can be placed on a log axis', () => {
    expect(logDomain([0, NaN, -1])).toBeNull();
    expect(logDomain([])).toBeNull();
  });
});

describe('logLabel(value)', () => {
  it('writes plain decimals from 0.001 to below 100,000 and exponent form outside', () => {
    expect([0.001, 0.02, 1, 300, 99999].map(logLabel)).toEqual(['0.001', '0.02', '1', '300', '99999']);
    expect([0.0002, 1e-12, 1e5, 2e6].map(logLabel)).toEqual(['2e-4', '1e-12', '1e+5', '2e+6']);
  });
});

describe('niceLogDomain(domain)', () => {
  it('widens each end to the nearest one-digit tick value when that costs at most a quarter of the span', () => {
    expect(niceLogDomain({ min: 0.2324, max: 0.6931 })).toEqual({ min: 0.2, max: 0.7 });
    expect(niceLogDomain({ min: 0.0009, max: 1.2 })).toEqual({ min: 0.0009, max: 2 });
  });

  it('keeps an end whose widening would cost more than a quarter of a narrow span', () => {
    expect(niceLogDomain({ min: 0.35, max: 0.38 })).toEqual({ min: 0.35, max: 0.38 });
  });
});
