import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chiSquareSf,
  normalCdf,
  normalQuantile,
  normalSf,
  normalTwoSidedP,
} from '../../src/inference/distributions.js';

// References: mpmath at 50 digits rounded to float64, and scipy 1.10.1 (what statsmodels
// 0.13.5 prints), from tools/make_distribution_fixtures.py.
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/inference-distributions.json', import.meta.url), 'utf8'),
) as {
  normal: { z: number; sf: number; scipySf: number }[];
  quantile: { p: number; quantile: number; scipyQuantile: number }[];
  chiSquare: { df: number; x: number; sf: number; scipySf: number }[];
};

/** Relative error of `got` against `want` (0 when equal, including both 0). */
function relativeError(got: number, want: number): number {
  return got === want ? 0 : Math.abs(got - want) / Math.abs(want);
}

/** The largest relative error over the cases, and where it happens. */
function worst<T>(cases: readonly T[], error: (c: T) => number): { error: number; at: T | undefined } {
  let max = 0;
  let at: T | undefined;
  for (const c of cases) {
    const e = error(c);
    if (!(e <= max)) {
      max = e;
      at = c;
    }
  }
  return { error: max, at };
}

// The accuracy target holds wherever the true value is a normal double ≥ 1e-300.
const normalCases = fixture.normal.filter((c) => c.sf >= 1e-300);
const chiCases = fixture.chiSquare.filter((c) => c.sf >= 1e-300);

describe('normalSf(z)', () => {
  it('has relative error ≤ 1e-14 against mpmath for z from −12 to 37 (where P(Z > z) ≥ 1e-300)', () => {
    expect(normalCases.length).toBeGreaterThan(1500);
    expect(Math.max(...normalCases.map((c) => c.z))).toBeGreaterThan(37);
    const { error, at } = worst(normalCases, (c) => relativeError(normalSf(c.z), c.sf));
    expect(error, JSON.stringify(at)).toBeLessThanOrEqual(1e-14); // measured 2.3e-15
  });

  it('is closer to the truth than scipy.stats.norm.sf, and agrees with it to 2e-13 (scipy rounds z/√2)', () => {
    const ours = worst(normalCases, (c) => relativeError(normalSf(c.z), c.sf)).error;
    const scipy = worst(normalCases, (c) => relativeError(c.scipySf, c.sf)).error;
    expect(ours).toBeLessThan(scipy); // scipy: 2.0e-13 at the far tail
    const agreement = worst(normalCases, (c) => relativeError(normalSf(c.z), c.scipySf)).error;
    expect(agreement).toBeLessThanOrEqual(2.5e-13);
  });

  it('underflows gradually past z ≈ 37.5 and reaches exactly 0 for large z', () => {
    expect(normalSf(38)).toBeGreaterThan(0);
    expect(normalSf(38)).toBeLessThan(1e-300);
    expect(normalSf(40)).toBe(0);
    expect(normalSf(1e300)).toBe(0);
  });

  it('gives ½ at 0, 0 and 1 at ±Infinity and NaN for NaN', () => {
    expect(normalSf(0)).toBe(0.5);
    expect(normalSf(-0)).toBe(0.5);
    expect(normalSf(Infinity)).toBe(0);
    expect(normalSf(-Infinity)).toBe(1);
    expect(normalSf(-1e300)).toBe(1);
    expect(normalSf(NaN)).toBeNaN();
  });

  it('is non-increasing in z and normalSf(z) + normalSf(−z) = 1 to rounding', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (z, h) => {
        expect(normalSf(z + h)).toBeLessThanOrEqual(normalSf(z));
        expect(Math.abs(normalSf(z) + normalSf(-z) - 1)).toBeLessThanOrEqual(2 * Number.EPSILON);
      }),
    );
  });

  it('throws a TypeError naming z for a non-number', () => {
    expect(() => normalSf('1' as unknown as number)).toThrow(new TypeError('normalSf: z must be a number; got string'));
  });
});

describe('normalCdf(z)', () => {
  it('is normalSf(−z), so accurate deep in the lower tail', () => {
    for (const c of normalCases) expect(normalCdf(-c.z)).toBe(normalSf(c.z));
    expect(relativeError(normalCdf(-37), 5.725571222524577e-300)).toBeLessThan(1e-14);
  });

  it('throws a TypeError naming z for a non-number', () => {
    expect(() => normalCdf(null as unknown as number)).toThrow(new TypeError('normalCdf: z must be a number; got null'));
  });
});

describe('normalTwoSidedP(z)', () => {
  it('is 2·normalSf(|z|) exactly, for either sign', () => {
    for (const c of normalCases) {
      expect(normalTwoSidedP(c.z)).toBe(2 * normalSf(Math.abs(c.z)));
      expect(normalTwoSidedP(-c.z)).toBe(normalTwoSidedP(c.z));
    }
    expect(normalTwoSidedP(0)).toBe(1);
    expect(normalTwoSidedP(NaN)).toBeNaN();
  });

  it('gives the textbook 0.05 at z = 1.959963984540054 to a few ulps', () => {
    expect(relativeError(normalTwoSidedP(1.959963984540054), 0.05)).toBeLessThan(1e-15);
  });
});

describe('normalQuantile(p)', () => {
  it('has relative error ≤ 2e-15 against mpmath for p from 5e-324 to 1 − 1e-16', () => {
    expect(fixture.quantile.length).toBeGreaterThan(1500);
    const { error, at } = worst(fixture.quantile, (c) => relativeError(normalQuantile(c.p), c.quantile));
    expect(error, JSON.stringify(at)).toBeLessThanOrEqual(2e-15); // measured 1.2e-15
  });

  it('agrees with scipy.stats.norm.ppf to 2e-15 relative', () => {
    const { error } = worst(fixture.quantile, (c) => relativeError(normalQuantile(c.p), c.scipyQuantile));
    expect(error).toBeLessThanOrEqual(2e-15);
  });

  it('gives the correctly rounded z_{0.975} = 1.9599639845400538 (scipy is one ulp above)', () => {
    expect(normalQuantile(0.975)).toBe(1.9599639845400538);
    // The double 0.025 is not 1 − 0.975; its quantile is −1.9599639845400543 (mpmath), ±1 ulp.
    expect(relativeError(normalQuantile(0.025), -1.9599639845400543)).toBeLessThanOrEqual(Number.EPSILON);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('inverts normalCdf: normalCdf(normalQuantile(p)) = p up to the rounding of z (≈ z²·ε/2 relative)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1, noNaN: true, maxExcluded: true }), (p) => {
        const z = normalQuantile(p);
        expect(relativeError(normalCdf(z), p)).toBeLessThanOrEqual((2 + z * z) * Number.EPSILON);
      }),
    );
  });

  it('throws a RangeError for p outside (0, 1) and a TypeError for a non-number', () => {
    for (const p of [0, 1, -0.5, 1.5, NaN, Infinity]) {
      expect(() => normalQuantile(p)).toThrow(new RangeError(`normalQuantile: p must be in (0, 1); got ${p}`));
    }
    expect(() => normalQuantile(undefined as unknown as number)).toThrow(
      new TypeError('normalQuantile: p must be a number; got undefined'),
    );
  });
});

describe('chiSquareSf(x, df)', () => {
  const dfs = [1, 2, 3, 5, 10, 50, 200];

  for (const df of dfs) {
    it(`has relative error ≤ 1e-14 against mpmath for df = ${df}, from x = 1e-300 to P ≈ 1e-300`, () => {
      const cases = chiCases.filter((c) => c.df === df);
      expect(cases.length).toBeGreaterThan(300);
      expect(Math.min(...cases.map((c) => c.sf))).toBeLessThan(1e-295);
      const { error, at } = worst(cases, (c) => relativeError(chiSquareSf(c.x, c.df), c.sf));
      expect(error, JSON.stringify(at)).toBeLessThanOrEqual(1e-14); // measured ≤ 2.8e-15 (df 1), 2.3e-15 (df 200)
    });
  }

  it('is closer to the truth than scipy.stats.chi2.sf, and agrees with it to 1.5e-13', () => {
    const ours = worst(chiCases, (c) => relativeError(chiSquareSf(c.x, c.df), c.sf)).error;
    const scipy = worst(chiCases, (c) => relativeError(c.scipySf, c.sf)).error;
    expect(ours).toBeLessThan(scipy); // scipy: 1.0e-13 (df 1 far tail)
    const agreement = worst(chiCases, (c) => relativeError(chiSquareSf(c.x, c.df), c.scipySf)).error;
    expect(agreement).toBeLessThanOrEqual(1.5e-13);
  });

  it('is 2·normalSf(√x) for df = 1 and e^{−x/2} for df = 2', () => {
    expect(relativeError(chiSquareSf(4, 1), 2 * normalSf(2))).toBeLessThan(1e-15);
    expect(relativeError(chiSquareSf(3, 2), Math.exp(-1.5))).toBeLessThan(1e-15);
  });

  it('gives 1 for x ≤ 0, 0 for x = Infinity or far past the smallest double, NaN for NaN', () => {
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(chiSquareSf(-2, 3)).toBe(1);
    expect(chiSquareSf(Infinity, 3)).toBe(0);
    expect(chiSquareSf(5e6, 1000)).toBe(0);
    expect(chiSquareSf(NaN, 3)).toBeNaN();
  });

  it('is non-increasing in x and non-decreasing in df, up to an ulp of rounding', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 300 }),
        (x, h, df) => {
          const p = chiSquareSf(x, df);
          expect(chiSquareSf(x + h, df)).toBeLessThanOrEqual(p * (1 + 2 * Number.EPSILON));
          expect(chiSquareSf(x, df + 1)).toBeGreaterThanOrEqual(p * (1 - 2 * Number.EPSILON));
        },
      ),
    );
  });

  it('stays accurate for large df (df = 5000 at its mean and in its tail, vs mpmath)', () => {
    // mpmath.gammainc(2500, 2500, inf, regularized=True) and (2500, 3500, …)
    expect(relativeError(chiSquareSf(5000, 5000), 0.4973403788923451)).toBeLessThan(1e-13);
    expect(relativeError(chiSquareSf(7000, 5000), 2.10845558184217e-71)).toBeLessThan(1e-13);
  });

  it('throws a RangeError for df that is not an integer in [1, 1e6] and a TypeError for non-numbers', () => {
    for (const df of [0, -1, 1.5, NaN, Infinity, 2e6]) {
      expect(() => chiSquareSf(1, df)).toThrow(new RangeError(`chiSquareSf: df must be an integer in [1, 1e6]; got ${df}`));
    }
    expect(() => chiSquareSf('1' as unknown as number, 1)).toThrow(
      new TypeError('chiSquareSf: x must be a number; got string'),
    );
    expect(() => chiSquareSf(1, [1] as unknown as number)).toThrow(
      new TypeError('chiSquareSf: df must be a number; got object'),
    );
  });
});
