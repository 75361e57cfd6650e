import { describe, expect, it } from 'vitest';
import { principalComponents, projectRows } from '../../viz/pca.js';

/** n rows of (t, 0.5·s, noise) rotated: the first component is along u, the second along v. */
function planted(n: number): { X: Float64Array; u: number[]; v: number[] } {
  const u = [3 / 5, 4 / 5, 0];
  const v = [-4 / 5, 3 / 5, 0];
  const X = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const t = Math.sin(i * 1.7) * 3;
    const s = Math.cos(i * 2.3) * 1;
    const e = Math.sin(i * 0.37 + 1) * 0.1;
    X[i * 3] = t * u[0]! + s * v[0]!;
    X[i * 3 + 1] = t * u[1]! + s * v[1]!;
    X[i * 3 + 2] = e;
  }
  return { X, u, v };
}

/** The covariance of the standardized columns, its eigenvectors by Jacobi rotations (the reference). */
function jacobiTop(X: Float64Array, n: number, d: number): number[][] {
  const mean = Array.from({ length: d }, (_, j) => { let s = 0; for (let i = 0; i < n; i++) s += X[i * d + j]!; return s / n; });
  const sd = Array.from({ length: d }, (_, j) => { let s = 0; for (let i = 0; i < n; i++) s += (X[i * d + j]! - mean[j]!) ** 2; return Math.sqrt(s / (n - 1)); });
  const A = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += ((X[i * d + a]! - mean[a]!) / sd[a]!) * ((X[i * d + b]! - mean[b]!) / sd[b]!);
    return s / (n - 1);
  }));
  const V: number[][] = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => (a === b ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) {
      if (Math.abs(A[p]![q]!) < 1e-15) continue;
      const theta = (A[q]![q]! - A[p]![p]!) / (2 * A[p]![q]!);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      for (let k = 0; k < d; k++) {
        const akp = A[k]![p]!; const akq = A[k]![q]!;
        A[k]![p] = c * akp - s * akq; A[k]![q] = s * akp + c * akq;
      }
      for (let k = 0; k < d; k++) {
        const apk = A[p]![k]!; const aqk = A[q]![k]!;
        A[p]![k] = c * apk - s * aqk; A[q]![k] = s * apk + c * aqk;
      }
      for (let k = 0; k < d; k++) {
        const vkp = V[k]![p]!; const vkq = V[k]![q]!;
        V[k]![p] = c * vkp - s * vkq; V[k]![q] = s * vkp + c * vkq;
      }
    }
  }
  const order = Array.from({ length: d }, (_, k) => k).sort((a, b) => A[b]![b]! - A[a]![a]!);
  return order.slice(0, 2).map((k) => V.map((row) => row[k]!));
}

const aligned = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  return Math.abs(s);
};

describe('principalComponents(X, n, d)', () => {
  it('finds the two directions of largest standardized variance, as a dense eigensolver does', () => {
    const n = 300;
    const d = 6;
    const X = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) X[i * d + j] = Math.sin(i * (j + 1.3) + j) * (j + 1) + (j > 2 ? X[i * d + j - 3]! * 0.8 : 0);
    const p = principalComponents(X, n, d);
    const [r1, r2] = jacobiTop(X, n, d);
    expect(aligned(p.components[0], r1!)).toBeCloseTo(1, 8);
    expect(aligned(p.components[1], r2!)).toBeCloseTo(1, 8);
    expect(p.explained[0]).toBeGreaterThanOrEqual(p.explained[1]);
    expect(p.explained[0] + p.explained[1]).toBeLessThanOrEqual(1);
  });

  it('gives the same components, signs included, on every call', () => {
    const { X } = planted(200);
    const a = principalComponents(X, 200, 3);
    const b = principalComponents(X, 200, 3);
    expect(Array.from(a.components[0])).toEqual(Array.from(b.components[0]));
    expect(Array.from(a.components[1])).toEqual(Array.from(b.components[1]));
    for (const c of a.components) {
      const big = Array.from(c).reduce((m, v) => (Math.abs(v) > Math.abs(m) ? v : m), 0);
      expect(big).toBeGreaterThan(0);
    }
  });

  it('projects the fitted rows to centred coordinates whose variances are the eigenvalues', () => {
    const { X } = planted(200);
    const p = principalComponents(X, 200, 3);
    const [a, b] = projectRows(p, X, 200);
    const mean = (v: Float64Array): number => v.reduce((s, x) => s + x, 0) / v.length;
    expect(mean(a)).toBeCloseTo(0, 10);
    expect(mean(b)).toBeCloseTo(0, 10);
    const variance = (v: Float64Array): number => v.reduce((s, x) => s + x * x, 0) / (v.length - 1);
    expect(variance(a) / 3).toBeCloseTo(p.explained[0], 8);
    expect(variance(b) / 3).toBeCloseTo(p.explained[1], 8);
  });

  it('handles a constant column and a single feature', () => {
    const X = Float64Array.from([1, 5, 2, 5, 3, 5, 4, 5]);
    const p = principalComponents(X, 4, 2);
    expect(aligned(p.components[0], [1, 0])).toBeCloseTo(1, 12);
    expect(p.explained[0]).toBeCloseTo(1, 12);
    const one = principalComponents(Float64Array.from([1, 2, 3]), 3, 1);
    expect(Array.from(one.components[0])).toEqual([1]);
    expect(Array.from(one.components[1])).toEqual([0]);
  });

  it('refuses X whose length is not n × d', () => {
    expect(() => principalComponents(new Float64Array(5), 2, 3)).toThrow(/6/);
  });
});
