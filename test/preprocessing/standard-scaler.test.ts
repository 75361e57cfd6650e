import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix, NotFittedError } from '../../src/index.js';
import { StandardScaler, type StandardScalerOptions } from '../../src/preprocessing/standard-scaler.js';
import { expectError } from '../assertions.js';

interface ScalerCase {
  name: string;
  X: number[][];
  options: StandardScalerOptions;
  mean: number[] | null;
  var: number[] | null;
  scale: number[] | null;
  nSamplesSeen: number;
  transformed: number[][];
  other: number[][];
  otherTransformed: number[][];
  otherInverse: number[][];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/metrics.json', import.meta.url), 'utf8')) as {
  standardScaler: ScalerCase[];
};

/** Element-wise |a − e| ≤ 1e-12 · |e| (exact where e is 0). */
function expectClose(actual: ArrayLike<number> | null, expected: ArrayLike<number> | null): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  const a = actual as ArrayLike<number>;
  expect(a.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    const v = a[i] as number;
    if (v !== e) expect(Math.abs(v - e), `index ${i}: ${v} vs ${e}`).toBeLessThanOrEqual(1e-12 * Math.abs(e));
  }
}

describe('StandardScaler matches scikit-learn 1.2.1', () => {
  for (const c of fixture.standardScaler) {
    it(`learns the same mean, variance and scale, bit for bit, on ${c.name}`, () => {
      const scaler = new StandardScaler(c.options).fit(c.X);
      const bits = (a: ArrayLike<number> | null) => (a === null ? null : Array.from(a));
      expect(bits(scaler.mean)).toEqual(c.mean);
      expect(bits(scaler.var)).toEqual(c.var);
      expect(bits(scaler.scale)).toEqual(c.scale);
      expect(scaler.nSamplesSeen).toBe(c.nSamplesSeen);
      expect(scaler.nFeaturesIn).toBe((c.X[0] as number[]).length);
    });

    it(`transforms the training data the same on ${c.name}`, () => {
      expectClose(new StandardScaler(c.options).fitTransform(c.X).data, c.transformed.flat());
    });

    it(`transforms and inverse-transforms new data the same on ${c.name}`, () => {
      const scaler = new StandardScaler(c.options).fit(c.X);
      expectClose(scaler.transform(c.other).data, c.otherTransformed.flat());
      expectClose(scaler.inverseTransform(c.other).data, c.otherInverse.flat());
    });
  }
});

describe('StandardScaler behaviour', () => {
  it('uses the population standard deviation (ddof 0)', () => {
    const scaler = new StandardScaler().fit([[1], [3]]);
    expect(Array.from(scaler.scale as Float64Array)).toEqual([1]);
  });

  it('leaves a constant column unscaled (scale 1) and only centres it', () => {
    const scaler = new StandardScaler().fit([[5, 0], [5, 2]]);
    expect(Array.from(scaler.scale as Float64Array)).toEqual([1, 1]);
    expect(scaler.transform([[6, 1]]).toArray()).toEqual([[1, 0]]);
  });

  it('treats 20 rows of 1e9 ± 1e-6 as constant, as scikit-learn does (the variance is below its rounding bound)', () => {
    const X = Array.from({ length: 20 }, (_, i) => [1e9 + (i % 2 === 1 ? 1e-6 : -1e-6)]);
    const scaler = new StandardScaler().fit(X);
    expect((scaler.var as Float64Array)[0]).toBeGreaterThan(0);
    expect(Array.from(scaler.scale as Float64Array)).toEqual([1]);
  });

  it('scales the same noise when there are too few rows for it to look like rounding error', () => {
    const X = [[1e9 + 1e-6], [1e9 - 1e-6], [1e9 + 2e-6], [1e9]];
    expect((new StandardScaler().fit(X).scale as Float64Array)[0]).not.toBe(1);
  });

  it('reads a Matrix, including one in WebAssembly memory', () => {
    const rows = [[1, 2], [3, 5], [4, 9]];
    const wasm = Matrix.alloc(3, 2);
    wasm.data.set(rows.flat());
    try {
      const expected = new StandardScaler().fitTransform(rows).toArray();
      expect(new StandardScaler().fitTransform(Matrix.fromRows(rows)).toArray()).toEqual(expected);
      expect(new StandardScaler().fitTransform(wasm).toArray()).toEqual(expected);
    } finally {
      wasm.dispose();
    }
  });

  it('does not modify its input', () => {
    const X = Matrix.fromRows([[1, 2], [3, 4]]);
    new StandardScaler().fitTransform(X);
    expect(X.toArray()).toEqual([[1, 2], [3, 4]]);
  });

  it('returns copies of its attributes', () => {
    const scaler = new StandardScaler().fit([[1], [3]]);
    (scaler.mean as Float64Array)[0] = 100;
    expect((scaler.mean as Float64Array)[0]).toBe(2);
  });

  it('reports null mean, var and scale when both options are off', () => {
    const scaler = new StandardScaler({ withMean: false, withStd: false }).fit([[1], [3]]);
    expect([scaler.mean, scaler.var, scaler.scale]).toEqual([null, null, null]);
    expect(scaler.transform([[7]]).toArray()).toEqual([[7]]);
  });

  it('replaces an earlier fit when fit again', () => {
    const scaler = new StandardScaler().fit([[1, 1], [3, 3]]).fit([[10], [20], [30]]);
    expect(scaler.nFeaturesIn).toBe(1);
    expect(scaler.nSamplesSeen).toBe(3);
  });

  it('keeps its previous fit when a fit fails', () => {
    const scaler = new StandardScaler().fit([[1], [3]]);
    expect(() => scaler.fit([[1], [NaN]])).toThrow(RangeError);
    expect(Array.from(scaler.mean as Float64Array)).toEqual([2]);
  });
});

describe('StandardScaler rejects bad input with a message that says what and where', () => {
  const fitted = (): StandardScaler => new StandardScaler().fit([[1, 2, 3, 4], [5, 6, 7, 9]]);
  const cases: [string, () => unknown, ErrorConstructor, string][] = [
    ['X with the wrong number of columns in transform', () => fitted().transform([[1, 2, 3]]), RangeError, 'StandardScaler.transform: X has 3 columns; the scaler was fit with 4'],
    ['X with the wrong number of columns in inverseTransform', () => fitted().inverseTransform([[1, 2, 3, 4, 5]]), RangeError, 'StandardScaler.inverseTransform: X has 5 columns; the scaler was fit with 4'],
    ['NaN in fit', () => new StandardScaler().fit([[1, 2], [3, NaN]]), RangeError, 'StandardScaler.fit: X contains NaN at row 1, column 1; all values must be finite'],
    ['Infinity in a Matrix passed to transform', () => fitted().transform(Matrix.fromRows([[1, 2, Infinity, 4]])), RangeError, 'StandardScaler.transform: X contains Infinity at row 0, column 2; all values must be finite'],
    ['an empty X', () => new StandardScaler().fit([]), RangeError, 'StandardScaler.fit: X has 0 rows; at least one sample is required'],
    ['X without columns', () => new StandardScaler().fit([[], []]), RangeError, 'StandardScaler.fit: X has 0 columns; at least one feature is required'],
    ['ragged rows', () => new StandardScaler().fit([[1, 2], [3]]), RangeError, 'StandardScaler.fit: X row 1 has 1 columns; row 0 has 2'],
    ['a string in X', () => new StandardScaler().fit([[1, '2']] as never), TypeError, 'StandardScaler.fit: X has a string at row 0, column 1; expected a number'],
    ['X that is not a matrix', () => new StandardScaler().fit('X' as never), TypeError, 'StandardScaler.fit: X must be a Matrix, a CsrMatrix or an array of rows, got a string'],
    ['an option that is not a boolean', () => new StandardScaler({ withMean: 0 as never }), TypeError, 'StandardScaler: withMean must be a boolean, got a number'],
    ['a snake_case option', () => new StandardScaler({ with_std: false } as never), TypeError, "StandardScaler: unknown option 'with_std'; did you mean 'withStd'? (known options: withMean, withStd)"],
  ];
  for (const [what, run, kind, message] of cases) {
    it(`rejects ${what}`, () => expectError(run, kind, message));
  }

  it('throws NotFittedError from transform before fit', () => {
    const scaler = new StandardScaler();
    expect(() => scaler.transform([[1]])).toThrow(NotFittedError);
    expect(() => scaler.transform([[1]])).toThrow('transform: this StandardScaler is not fitted yet; call fit(X) first');
  });

  it('throws NotFittedError from the attributes before fit', () => {
    const scaler = new StandardScaler();
    expect(() => scaler.mean).toThrow(NotFittedError);
    expect(() => scaler.scale).toThrow('scale: this StandardScaler is not fitted yet; call fit(X) first');
    expect(() => scaler.inverseTransform([[1]])).toThrow('inverseTransform: this StandardScaler is not fitted yet; call fit(X) first');
  });
});

describe('StandardScaler properties', () => {
  const matrix = fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }))
    .chain(([n, d]) =>
      // Magnitudes below 1e-100 would square to subnormals, where a column's variance underflows
      // to 0 and the column is (correctly, as in scikit-learn) treated as constant.
      fc.array(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((v) => v === 0 || Math.abs(v) > 1e-100), { minLength: d, maxLength: d }),
        { minLength: n, maxLength: n },
      ),
    );

  it('recovers X from inverseTransform(transform(X))', () => {
    fc.assert(
      fc.property(matrix, (X) => {
        const scaler = new StandardScaler().fit(X);
        const back = scaler.inverseTransform(scaler.transform(X)).toArray();
        const d = (X[0] as number[]).length;
        for (let j = 0; j < d; j++) {
          const column = X.map((row) => row[j] as number);
          const size = Math.max(...column.map(Math.abs), 1e-300);
          X.forEach((row, i) => {
            expect(Math.abs(((back[i] as number[])[j] as number) - (row[j] as number))).toBeLessThanOrEqual(1e-12 * size);
          });
        }
      }),
    );
  });

  it('gives each non-constant column mean 0 and population variance 1', () => {
    fc.assert(
      fc.property(matrix, (X) => {
        const scaler = new StandardScaler().fit(X);
        const Z = scaler.transform(X).toArray();
        const scale = scaler.scale as Float64Array;
        scale.forEach((s, j) => {
          const column = Z.map((row) => row[j] as number);
          const mean = column.reduce((a, b) => a + b, 0) / column.length;
          expect(Math.abs(mean)).toBeLessThanOrEqual(1e-9);
          if (s !== 1 || (scaler.var as Float64Array)[j] === 1) {
            const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / column.length;
            expect(Math.abs(variance - 1)).toBeLessThanOrEqual(1e-9);
          }
        });
      }),
    );
  });
});

/**
 * Exact rational arithmetic on doubles, for references that do not share the code's
 * rounding: a double is an integer multiple of 2^−1074, so sums and squares are exact
 * BigInts and a mean or variance is a fraction rounded once, to nearest even.
 */
const UNIT = 1074n;

function units(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const exponent = (hi >>> 20) & 0x7ff;
  const mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  const magnitude = exponent === 0 ? mantissa : (mantissa | (1n << 52n)) << BigInt(exponent - 1);
  return x < 0 ? -magnitude : magnitude;
}

const bitLength = (a: bigint): number => a.toString(2).length;

/** num / den (den > 0) rounded to the nearest double, ties to even. */
function toDouble(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const a = num < 0n ? -num : num;
  let e = bitLength(a) - bitLength(den);
  if ((e >= 0 ? a : a << BigInt(-e)) < (e >= 0 ? den << BigInt(e) : den)) e--;
  if (e > 1023) return num < 0n ? -Infinity : Infinity;
  const shift = 52 - Math.max(e, -1022);
  const n2 = shift >= 0 ? a << BigInt(shift) : a;
  const d2 = shift >= 0 ? den : den << BigInt(-shift);
  let q = n2 / d2;
  const r2 = (n2 % d2) * 2n;
  if (r2 > d2 || (r2 === d2 && q % 2n === 1n)) q++;
  const value = Number(q) * 2 ** -shift;
  return num < 0n ? -value : value;
}

function isqrt(t: bigint): bigint {
  if (t < 2n) return t;
  let x = 1n << BigInt(Math.ceil(bitLength(t) / 2));
  for (;;) {
    const y = (x + t / x) / 2n;
    if (y >= x) return x;
    x = y;
  }
}

/** √(num / den) rounded to the nearest double. */
function sqrtToDouble(num: bigint, den: bigint): number {
  // Scale so the integer root has over 60 bits; a nonzero remainder only needs to move the
  // root off an integer (2r + 1 over 2^(s+1)), which rounds the same way as the true root.
  const s = BigInt(Math.max(0, Math.ceil((130 - bitLength(num) + bitLength(den)) / 2)));
  const scaled = num << (2n * s);
  const t = scaled / den;
  const r = isqrt(t);
  const sticky = scaled % den !== 0n || r * r !== t ? 1n : 0n;
  return toDouble(2n * r + sticky, 1n << (s + 1n));
}

/** A column's exact mean, population variance and standard deviation, each rounded once. */
function exactMoments(column: number[]): { mean: number; variance: number; std: number } {
  const n = BigInt(column.length);
  const xs = column.map(units);
  const sum = xs.reduce((a, b) => a + b, 0n);
  const squares = xs.reduce((a, b) => a + b * b, 0n);
  // var = (n·Σx² − (Σx)²) / (n² · 2^(2·1074)).
  const num = n * squares - sum * sum;
  const den = n * n << (2n * UNIT);
  return { mean: toDouble(sum, n << UNIT), variance: toDouble(num, den), std: sqrtToDouble(num, den) };
}

describe('StandardScaler on values near the float64 limit', () => {
  const columnOf = (X: number[][], j: number) => X.map((row) => row[j] as number);

  it('checks its exact reference against plain arithmetic on small values', () => {
    const column = [1, 2, 3, 4.5, -0.25];
    const mean = column.reduce((a, b) => a + b, 0) / column.length;
    const exact = exactMoments(column);
    expect(exact.mean).toBe(mean);
    expect(exact.variance).toBe(column.reduce((a, b) => a + (b - mean) ** 2, 0) / column.length);
    expect(exactMoments([1, 3]).std).toBe(1);
    expect(exactMoments([0, 2, 0, 2, 0, 2, 0, 2]).std).toBe(1);
    expect(exactMoments([0, 1, 2]).std).toBe(Math.sqrt(2 / 3));
  });

  const cases: [string, number[][]][] = [
    ['±1.5e308 in one column (pairwise sums)', [[1.5e308], [1.5e308], [-1.5e308]]],
    ['±1.5e308 next to an ordinary column (row-by-row sums)', [[1.5e308, 1], [1.5e308, 2], [-1.5e308, 3], [-1.5e308, 5], [1.5e308, 8]]],
    ['±1e300, whose variance 1e600 is beyond float64', [[1e300], [-1e300]]],
    ['1e300 and 3e300', [[1e300, -7], [3e300, 7]]],
    ['the largest double', [[Number.MAX_VALUE], [Number.MAX_VALUE], [-Number.MAX_VALUE], [Number.MAX_VALUE]]],
  ];
  for (const [what, X] of cases) {
    it(`learns the exact mean and a finite scale equal to the exact standard deviation for ${what}`, () => {
      const scaler = new StandardScaler().fit(X);
      const d = (X[0] as number[]).length;
      for (let j = 0; j < d; j++) {
        const exact = exactMoments(columnOf(X, j));
        expect((scaler.mean as Float64Array)[j], `mean of column ${j}`).toBe(exact.mean);
        expect((scaler.scale as Float64Array)[j], `scale of column ${j}`).toBe(exact.std);
        expect((scaler.var as Float64Array)[j], `var of column ${j}`).toBe(exact.variance);
        expect(Number.isFinite((scaler.scale as Float64Array)[j])).toBe(true);
      }
    });
  }

  it('learns the same finite statistics with withMean or withStd off', () => {
    const X = [[1.5e308], [1.5e308], [-1.5e308]];
    const exact = exactMoments([1.5e308, 1.5e308, -1.5e308]);
    expect(Array.from(new StandardScaler({ withStd: false }).fit(X).mean as Float64Array)).toEqual([exact.mean]);
    const scaleOnly = new StandardScaler({ withMean: false }).fit(X);
    expect(Array.from(scaleOnly.scale as Float64Array)).toEqual([exact.std]);
    expect(scaleOnly.transform([[1.5e308]]).data[0]).toBe(1.5e308 / exact.std);
  });

  it('reports a variance beyond float64 as +Infinity while the scale stays finite', () => {
    const scaler = new StandardScaler().fit([[1e300], [-1e300]]);
    expect(Array.from(scaler.var as Float64Array)).toEqual([Infinity]);
    expect(Array.from(scaler.scale as Float64Array)).toEqual([1e300]);
  });

  it('does not take a column of large, distinct values (1e200, 2e200) for a constant one', () => {
    // (n·mean·ε)² in the near-constant bound overflows to Infinity on the plain path.
    const scaler = new StandardScaler().fit([[1e200], [2e200]]);
    expect((scaler.scale as Float64Array)[0]).toBe(exactMoments([1e200, 2e200]).std);
  });

  it('standardises huge values to mean 0 and variance 1', () => {
    const X = [[1.5e308], [1.5e308], [-1.5e308], [-1.5e308]];
    expect(new StandardScaler().fitTransform(X).toArray()).toEqual([[1], [1], [-1], [-1]]);
  });

  it('transforms to the exact quotient when x − mean alone would overflow', () => {
    const big = 1.5 * 2 ** 1023;
    const scaler = new StandardScaler().fit([[big], [-big], [-big], [-big]]);
    const m = (scaler.mean as Float64Array)[0] as number;
    const s = (scaler.scale as Float64Array)[0] as number;
    expect(Number.isFinite(big - m)).toBe(false);
    const z = scaler.transform([[big]]).data[0] as number;
    // (x − m) / s as one exactly rounded quotient of doubles.
    expect(z).toBe(toDouble(units(big) - units(m), units(s)));
  });

  it('inverse-transforms back into range when x · scale alone would overflow', () => {
    const big = 1.5 * 2 ** 1023;
    const scaler = new StandardScaler().fit([[big], [-big], [-big], [-big]]);
    const m = (scaler.mean as Float64Array)[0] as number;
    const s = (scaler.scale as Float64Array)[0] as number;
    const z = scaler.transform([[big]]).data[0] as number;
    expect(Number.isFinite(z * s)).toBe(false);
    const x = scaler.inverseTransform([[z]]).data[0] as number;
    // x · s + m is a finite exact value; one rounding of x · s leaves at most 2 ulps.
    const exact = toDouble(units(z) * units(s) + (units(m) << UNIT), 1n << (2n * UNIT));
    expect(Number.isFinite(x)).toBe(true);
    expect(Math.abs(x - exact)).toBeLessThanOrEqual(2 * 2 ** (Math.floor(Math.log2(Math.abs(exact))) - 52));
    expect(Math.abs(x - big)).toBeLessThanOrEqual(4 * 2 ** (1023 - 52));
  });
});

describe('StandardScaler properties over the whole float64 range', () => {
  const huge = fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 3 }))
    .chain(([n, d]) =>
      fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
    );

  it('learns a finite mean within rounding of the exact one and a finite scale for any finite values', () => {
    fc.assert(
      fc.property(huge, (X) => {
        const scaler = new StandardScaler().fit(X);
        const d = (X[0] as number[]).length;
        for (let j = 0; j < d; j++) {
          const column = X.map((row) => row[j] as number);
          const size = Math.max(...column.map(Math.abs));
          const mean = (scaler.mean as Float64Array)[j] as number;
          const scale = (scaler.scale as Float64Array)[j] as number;
          expect(Number.isFinite(mean) && Number.isFinite(scale) && scale > 0).toBe(true);
          expect(Math.abs(mean - exactMoments(column).mean)).toBeLessThanOrEqual(1e-14 * size);
        }
      }),
    );
  });
});
