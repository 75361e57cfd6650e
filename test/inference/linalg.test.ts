import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cholesky,
  choleskyInverse,
  choleskySolve,
  conditionEstimate,
  inverseSpd,
  multiply,
  pivotedCholesky,
  pivotedInverse,
  symmetricSolve,
} from '../../src/inference/linalg.js';

const EPS = Number.EPSILON;


function norm1(A: Float64Array, n: number): number {
  let best = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(A[i * n + j]!);
    best = Math.max(best, s);
  }
  return best;
}

function maxAbs(A: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < A.length; i++) m = Math.max(m, Math.abs(A[i]!));
  return m;
}

/** max |A·A⁻¹ − I|. */
function identityResidual(A: Float64Array, inv: Float64Array, n: number): number {
  const P = multiply(A, n, n, inv, n);
  for (let i = 0; i < n; i++) P[i * n + i]! -= 1;
  return maxAbs(P);
}

/** XᵀX for X with `rows` rows of `cols` columns (row-major). */
function gram(X: readonly number[][], cols: number): Float64Array {
  const G = new Float64Array(cols * cols);
  for (const row of X) {
    for (let i = 0; i < cols; i++) for (let j = 0; j < cols; j++) G[i * cols + j]! += row[i]! * row[j]!;
  }
  return G;
}

/** A small deterministic generator, so the collinear designs are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function hilbert(n: number): Float64Array {
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) H[i * n + j] = 1 / (i + j + 1);
  return H;
}

/** The exact inverse of the n×n Hilbert matrix (integers), from its closed form. */
function hilbertInverse(n: number): Float64Array {
  const binom = (a: number, b: number): bigint => {
    let r = 1n;
    for (let k = 1; k <= b; k++) r = (r * BigInt(a - b + k)) / BigInt(k);
    return r;
  };
  const inv = new Float64Array(n * n);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= n; j++) {
      const c = binom(i + j - 2, i - 1);
      const v = BigInt(i + j - 1) * binom(n + i - 1, n - j) * binom(n + j - 1, n - i) * c * c;
      inv[(i - 1) * n + (j - 1)] = Number((i + j) % 2 === 0 ? v : -v);
    }
  }
  return inv;
}

/** Random SPD matrices A = B·Bᵀ + δ·I with n ≤ 12 and δ from 1e-6 to 1. */
const spd = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      entries: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }),
      shift: fc.double({ min: 1e-6, max: 1, noNaN: true }),
    }),
  )
  .map(({ n, entries, shift }) => {
    const B = Float64Array.from(entries);
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = i === j ? shift : 0;
        for (let k = 0; k < n; k++) s += B[i * n + k]! * B[j * n + k]!;
        A[i * n + j] = s;
      }
    }
    return { n, A };
  });

describe('multiply(A, m, k, B, n, transposeB)', () => {
  it('multiplies a 2×3 by a 3×2 matrix, and by the transpose of a 2×3', () => {
    const A = new Float64Array([1, 2, 3, 4, 5, 6]);
    expect(Array.from(multiply(A, 2, 3, new Float64Array([7, 8, 9, 10, 11, 12]), 2))).toEqual([58, 64, 139, 154]);
    expect(Array.from(multiply(A, 2, 3, new Float64Array([7, 9, 11, 8, 10, 12]), 2, true))).toEqual([58, 64, 139, 154]);
  });

  it('refuses operands whose lengths are not their dimensions', () => {
    expect(() => multiply(new Float64Array(5), 2, 3, new Float64Array(6), 2)).toThrow(new RangeError('multiply: A must have m*k = 6 entries; got 5'));
    expect(() => multiply(new Float64Array(6), 2, 3, new Float64Array(5), 2)).toThrow(new RangeError('multiply: B must have k*n = 6 entries; got 5'));
  });
});

describe('cholesky(A, n)', () => {
  it('returns the lower factor with L·Lᵀ = A to a few ulps of A', () => {
    fc.assert(
      fc.property(spd, ({ n, A }) => {
        const L = cholesky(A, n)!;
        expect(L).not.toBeNull();
        const Lt = new Float64Array(n * n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            Lt[j * n + i] = L[i * n + j]!;
            if (j > i) expect(L[i * n + j]).toBe(0);
          }
        }
        const R = multiply(L, n, n, Lt, n);
        for (let i = 0; i < n * n; i++) R[i]! -= A[i]!;
        expect(maxAbs(R)).toBeLessThanOrEqual(4 * n * EPS * maxAbs(A));
      }),
    );
  });

  it('factors the 2×2 example exactly', () => {
    expect(Array.from(cholesky(new Float64Array([4, 2, 2, 3]), 2)!)).toEqual([2, 0, 1, Math.SQRT2]);
  });

  it('returns null for singular, indefinite and non-finite matrices', () => {
    expect(cholesky(new Float64Array([1, 1, 1, 1]), 2)).toBeNull();
    expect(cholesky(new Float64Array([1, 2, 2, 1]), 2)).toBeNull();
    expect(cholesky(new Float64Array([NaN]), 1)).toBeNull();
    expect(cholesky(new Float64Array([Infinity]), 1)).toBeNull();
  });

  it('factors the empty matrix', () => {
    expect(cholesky(new Float64Array(0), 0)).toEqual(new Float64Array(0));
  });

  it('throws on a length that is not n*n, a bad n, or a non-Float64Array', () => {
    expect(() => cholesky(new Float64Array(8), 3)).toThrow(
      new RangeError('cholesky: A must have n*n = 9 entries for n = 3; got 8'),
    );
    expect(() => cholesky(new Float64Array(4), 2.5)).toThrow(
      new RangeError('cholesky: n must be a non-negative integer; got 2.5'),
    );
    expect(() => cholesky(new Float64Array(4), -2)).toThrow(
      new RangeError('cholesky: n must be a non-negative integer; got -2'),
    );
    expect(() => cholesky([4, 2, 2, 3] as unknown as Float64Array, 2)).toThrow(
      new TypeError('cholesky: A must be a Float64Array; got Array'),
    );
  });
});

describe('inverseSpd(A, n) and choleskyInverse(L, n)', () => {
  it('gives A·A⁻¹ ≈ I within 20·n·κ₁(A)·ε on random SPD matrices, exactly symmetric', () => {
    fc.assert(
      fc.property(spd, ({ n, A }) => {
        const inv = inverseSpd(A, n)!;
        const kappa = norm1(A, n) * norm1(inv, n);
        expect(identityResidual(A, inv, n)).toBeLessThanOrEqual(20 * n * kappa * EPS);
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(inv[i * n + j]).toBe(inv[j * n + i]);
      }),
    );
  });

  for (const n of [2, 4, 6, 8, 10]) {
    it(`inverts the ${n}×${n} Hilbert matrix to within 10·κ₁·ε of the exact integer inverse`, () => {
      const H = hilbert(n);
      const exact = hilbertInverse(n);
      const inv = inverseSpd(H, n)!;
      expect(inv).not.toBeNull();
      const kappa = norm1(H, n) * norm1(exact, n); // 3.3e13 at n = 10
      const diff = inv.map((v, i) => v - exact[i]!);
      expect(maxAbs(diff) / maxAbs(exact)).toBeLessThanOrEqual(10 * kappa * EPS);
    });
  }

  it('inverts the 2×2 example', () => {
    const inv = inverseSpd(new Float64Array([4, 2, 2, 3]), 2)!;
    expect(maxAbs(inv.map((v, i) => v - [0.375, -0.25, -0.25, 0.5][i]!))).toBeLessThan(4 * EPS);
  });

  it('returns null for a singular matrix', () => {
    expect(inverseSpd(new Float64Array([1, 1, 1, 1]), 2)).toBeNull();
  });

  it('choleskyInverse(cholesky(A)) is inverseSpd(A)', () => {
    const A = new Float64Array([4, 2, 1, 2, 5, 3, 1, 3, 6]);
    expect(choleskyInverse(cholesky(A, 3)!, 3)).toEqual(inverseSpd(A, 3));
  });

  it('throws on mismatched lengths with the function and argument named', () => {
    expect(() => inverseSpd(new Float64Array(5), 2)).toThrow(
      new RangeError('inverseSpd: A must have n*n = 4 entries for n = 2; got 5'),
    );
    expect(() => choleskyInverse(new Float64Array(3), 2)).toThrow(
      new RangeError('choleskyInverse: L must have n*n = 4 entries for n = 2; got 3'),
    );
  });
});

describe('symmetricSolve(A, n, B, m) and choleskySolve(L, n, B, m)', () => {
  it('solves A·X = B with a residual within 20·n·κ₁·ε of ‖B‖ for random SPD A and 3 right-hand sides', () => {
    fc.assert(
      fc.property(spd, fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 36, maxLength: 36 }), ({ n, A }, b) => {
        const B = Float64Array.from(b.slice(0, n * 3));
        const X = symmetricSolve(A, n, B, 3)!;
        const kappa = norm1(A, n) * norm1(inverseSpd(A, n)!, n);
        const R = multiply(A, n, n, X, 3).map((v, i) => v - B[i]!);
        expect(maxAbs(R)).toBeLessThanOrEqual(20 * n * kappa * EPS * Math.max(maxAbs(B), 1e-300));
      }),
    );
  });

  it('defaults to one right-hand side and leaves B unchanged', () => {
    const B = new Float64Array([2, 1]);
    expect(Array.from(symmetricSolve(new Float64Array([4, 2, 2, 3]), 2, B)!)).toEqual([0.5, 0]);
    expect(Array.from(B)).toEqual([2, 1]);
  });

  it('choleskySolve with the factor gives the same answer', () => {
    const A = new Float64Array([4, 2, 1, 2, 5, 3, 1, 3, 6]);
    const B = new Float64Array([1, 2, 3, 4, 5, 6]);
    expect(choleskySolve(cholesky(A, 3)!, 3, B, 2)).toEqual(symmetricSolve(A, 3, B, 2));
  });

  it('returns null when A is not positive definite', () => {
    expect(symmetricSolve(new Float64Array([1, 1, 1, 1]), 2, new Float64Array(2))).toBeNull();
  });

  it('throws on mismatched lengths of A or B and on a bad m', () => {
    expect(() => symmetricSolve(new Float64Array(4), 2, new Float64Array(3), 1)).toThrow(
      new RangeError('symmetricSolve: B must have n*m = 2 entries for n = 2, m = 1; got 3'),
    );
    expect(() => symmetricSolve(new Float64Array(3), 2, new Float64Array(2), 1)).toThrow(
      new RangeError('symmetricSolve: A must have n*n = 4 entries for n = 2; got 3'),
    );
    expect(() => symmetricSolve(new Float64Array(4), 2, new Float64Array(2), -1)).toThrow(
      new RangeError('symmetricSolve: m must be a non-negative integer; got -1'),
    );
    expect(() => choleskySolve(new Float64Array(4), 2, [1, 2] as unknown as Float64Array, 1)).toThrow(
      new TypeError('choleskySolve: B must be a Float64Array; got Array'),
    );
  });
});

describe('conditionEstimate(A, n)', () => {
  it('is a lower bound on κ₁(A) within a factor of 10 on random SPD matrices', () => {
    fc.assert(
      fc.property(spd, ({ n, A }) => {
        const kappa = norm1(A, n) * norm1(inverseSpd(A, n)!, n);
        const est = conditionEstimate(A, n);
        expect(est).toBeLessThanOrEqual(kappa * (1 + 1e-6));
        expect(est).toBeGreaterThanOrEqual(kappa / 10);
      }),
    );
  });

  it('finds the Hilbert matrices’ condition numbers (κ₁ = 3.5e13 at n = 10)', () => {
    for (const n of [4, 8, 10]) {
      const kappa = norm1(hilbert(n), n) * norm1(hilbertInverse(n), n);
      expect(conditionEstimate(hilbert(n), n) / kappa).toBeGreaterThan(0.3);
    }
  });

  it('is Infinity for a matrix that is not positive definite, and 1 for n = 0', () => {
    expect(conditionEstimate(new Float64Array([1, 1, 1, 1]), 2)).toBe(Infinity);
    expect(conditionEstimate(new Float64Array(0), 0)).toBe(1);
    expect(conditionEstimate(new Float64Array([1, 0, 0, 1e-8]), 2)).toBe(1e8);
  });

  it('throws on a mismatched length', () => {
    expect(() => conditionEstimate(new Float64Array(2), 2)).toThrow(
      new RangeError('conditionEstimate: A must have n*n = 4 entries for n = 2; got 2'),
    );
  });
});

describe('pivotedCholesky(A, n, options)', () => {
  // x1, x2 random with different scales, x3 = x1 + x2: XᵀX has rank 2.
  const next = lcg(15);
  const X = Array.from({ length: 40 }, () => {
    const x1 = next();
    const x2 = 1000 * next();
    return [x1, x2, x1 + x2];
  });
  const singular = gram(X, 3);

  it('reports rank 2 and "column 2 = 1·column 0 + 1·column 1" when x3 = x1 + x2', () => {
    const r = pivotedCholesky(singular, 3);
    expect(r.rank).toBe(2);
    expect(r.kept).toEqual([0, 1]);
    expect(r.dropped).toEqual([2]);
    expect(Array.from(r.pivots)).toEqual([0, 1, 2]);
    expect(r.dependencies).toHaveLength(1);
    const [dep] = r.dependencies;
    expect(dep!.column).toBe(2);
    expect(dep!.columns).toEqual([0, 1]);
    expect(dep!.coefficients[0]).toBeCloseTo(1, 8);
    expect(dep!.coefficients[1]).toBeCloseTo(1, 8);
    expect(dep!.residual).toBeLessThan(1e-14);
  });

  it('names the later column of a collinear set, and only the columns it depends on', () => {
    // const, x1, x2, x3 = 2·x1 − 3·const, x4: x3 depends on const and x1 only.
    const rows = Array.from({ length: 50 }, () => {
      const x1 = next();
      return [1, x1, next(), 2 * x1 - 3, next()];
    });
    const r = pivotedCholesky(gram(rows, 5), 5);
    expect(r.rank).toBe(4);
    expect(r.dropped).toEqual([3]);
    expect(r.dependencies[0]!.columns).toEqual([0, 1]);
    expect(r.dependencies[0]!.coefficients[0]).toBeCloseTo(-3, 8);
    expect(r.dependencies[0]!.coefficients[1]).toBeCloseTo(2, 8);
  });

  it('drops an all-zero column with an empty combination', () => {
    const r = pivotedCholesky(new Float64Array([2, 0, 1, 0, 0, 0, 1, 0, 2]), 3);
    expect(r.rank).toBe(2);
    expect(r.dependencies).toEqual([{ column: 1, columns: [], coefficients: [], residual: 0 }]);
  });

  it('keeps every column of a well-conditioned matrix, with the factor of the unit-diagonal scaling', () => {
    const A = new Float64Array([4, 2, 1, 2, 9, 3, 1, 3, 16]);
    const r = pivotedCholesky(A, 3);
    expect(r.rank).toBe(3);
    expect(r.dropped).toEqual([]);
    expect(Array.from(r.scale)).toEqual([2, 3, 4]);
    // L·Lᵀ = D^{-½}·A·D^{-½}
    const L = r.factor;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = 0; k <= j; k++) s += L[i * 3 + k]! * L[j * 3 + k]!;
        expect(s).toBeCloseTo(A[i * 3 + j]! / (r.scale[i]! * r.scale[j]!), 14);
      }
    }
  });

  it('drops a near-dependent column: x3 = x1 + x2 + noise a ten-millionth of x3', () => {
    const rows = X.map(([x1, x2]) => [x1!, x2!, x1! + x2! + 1e-4 * next()]);
    const A = gram(rows, 3);
    const r = pivotedCholesky(A, 3);
    expect(r.rank).toBe(2); // 1 − R² ≈ 1e-14: below the default 1e-12
    expect(r.dependencies[0]!.residual).toBeGreaterThan(1e-16);
    expect(r.dependencies[0]!.columns).toEqual([0, 1]);
    // The plain inverse exists but is ill-conditioned (κ₁ ≈ 7e14).
    expect(conditionEstimate(A, 3)).toBeGreaterThan(1e14);
  });

  it('keeps a nearly dependent column when the tolerance is below its 1 − R²', () => {
    const rows = X.map(([x1, x2]) => [x1!, x2!, x1! + x2! + 10 * next()]);
    const A = gram(rows, 3);
    const oneMinusR2 = pivotedCholesky(A, 3, { tolerance: 0.5 }).dependencies[0]!.residual;
    expect(oneMinusR2).toBeGreaterThan(1e-8);
    expect(pivotedCholesky(A, 3, { tolerance: oneMinusR2 / 2 }).rank).toBe(3);
    expect(pivotedCholesky(A, 3, { tolerance: oneMinusR2 * 2 }).rank).toBe(2);
  });

  it('is invariant to the units of the columns', () => {
    const scaled = X.map(([x1, x2, x3]) => [1e6 * x1!, 1e-6 * x2!, x3!]);
    const r = pivotedCholesky(gram(scaled, 3), 3);
    expect(r.rank).toBe(2);
    expect(r.dependencies[0]!.coefficients[0]).toBeCloseTo(1e-6, 14);
    expect(r.dependencies[0]!.coefficients[1]! / 1e6).toBeCloseTo(1, 8);
  });

  it('throws on a bad tolerance, a negative diagonal and a mismatched length', () => {
    expect(() => pivotedCholesky(new Float64Array([1]), 1, { tolerance: 1 })).toThrow(
      new RangeError('pivotedCholesky: options.tolerance must be a number in [0, 1); got 1'),
    );
    expect(() => pivotedCholesky(new Float64Array([1, 0, 0, -1]), 2)).toThrow(
      new RangeError('pivotedCholesky: A must be positive semidefinite with finite diagonal; got A[1][1] = -1'),
    );
    expect(() => pivotedCholesky(new Float64Array(3), 2)).toThrow(
      new RangeError('pivotedCholesky: A must have n*n = 4 entries for n = 2; got 3'),
    );
  });
});

describe('pivotedInverse(A, n, options)', () => {
  it('equals inverseSpd on full-rank random SPD matrices within 20·n·κ₁·ε', () => {
    fc.assert(
      fc.property(spd, ({ n, A }) => {
        const plain = inverseSpd(A, n)!;
        const kappa = norm1(A, n) * norm1(plain, n);
        const r = pivotedInverse(A, n, { tolerance: 0 });
        expect(r.rank).toBe(n);
        expect(identityResidual(A, r.inverse, n)).toBeLessThanOrEqual(20 * n * kappa * EPS);
      }),
    );
  });

  it('inverts the kept block and puts NaN in the dropped rows and columns', () => {
    const r = pivotedInverse(new Float64Array([6, 3, 9, 3, 3, 6, 9, 6, 15]), 3);
    expect(r.rank).toBe(2);
    const expected = [1 / 3, -1 / 3, NaN, -1 / 3, 2 / 3, NaN, NaN, NaN, NaN];
    r.inverse.forEach((v, i) => {
      if (Number.isNaN(expected[i]!)) expect(v).toBeNaN();
      else expect(v).toBeCloseTo(expected[i]!, 14);
    });
    expect(r.dependencies[0]).toMatchObject({ column: 2, columns: [0, 1] });
  });

  it('throws with its own name on a mismatched length', () => {
    expect(() => pivotedInverse(new Float64Array(3), 2)).toThrow(
      new RangeError('pivotedInverse: A must have n*n = 4 entries for n = 2; got 3'),
    );
  });
});
