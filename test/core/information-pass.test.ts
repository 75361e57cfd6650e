import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupSums, informationPass, rowQuadraticForms } from '../../src/core/information.js';
import { release, stageAs, stageMatrix, type StagedMatrix } from '../../src/core/stage.js';
import { CsrMatrix } from '../../src/index.js';

const RUN = { where: 'test', threads: 1, warn: () => {} };

/** x̃ of row i: the row, then 1 when fitting an intercept. */
function tilde(rows: number[][], i: number, intercept: boolean): number[] {
  return intercept ? [...(rows[i] as number[]), 1] : [...(rows[i] as number[])];
}

/** Σ wᵢ x̃ᵢx̃ᵢᵀ, the plain way. */
function naiveGram(rows: number[][], w: ArrayLike<number>, intercept: boolean): Float64Array {
  const p = (rows[0] as number[]).length + (intercept ? 1 : 0);
  const out = new Float64Array(p * p);
  rows.forEach((_, i) => {
    const x = tilde(rows, i, intercept);
    for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) out[j * p + k] = (out[j * p + k] as number) + (w[i] as number) * (x[j] as number) * (x[k] as number);
  });
  return out;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i] as number));
  for (let i = 0; i < expected.length; i++) expect(Math.abs((actual[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(tol * scale);
}

function randomRows(seed: number, n: number, d: number): number[][] {
  let s = seed;
  const next = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  };
  return Array.from({ length: n }, () => Array.from({ length: d }, () => next() * 4));
}

/** Dense rows as a CsrMatrix of their nonzeros. */
function csrOf(rows: number[][]): CsrMatrix {
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    row.forEach((v, j) => {
      if (v === 0) return;
      indices.push(j);
      values.push(v);
    });
    indptr.push(indices.length);
  }
  return CsrMatrix.from({ rows: rows.length, cols: (rows[0] as number[]).length, indptr, indices, values });
}

function withStaged<T>(X: StagedMatrix, body: (X: StagedMatrix) => T): T {
  try {
    return body(X);
  } finally {
    release(X);
  }
}

describe('informationPass(X, fitIntercept, a, b, c)', () => {
  it('equals Σaᵢx̃ᵢx̃ᵢᵀ, Σbᵢx̃ᵢx̃ᵢᵀ and Σcᵢx̃ᵢ over dense float64 X of any shape', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 13 }), fc.boolean(), fc.integer(), (n, d, intercept, seed) => {
        const rows = randomRows(seed >>> 0, n, d);
        const a = Float64Array.from(rows, (_, i) => 0.1 + (i % 7));
        const b = Float64Array.from(rows, (_, i) => 2 - (i % 3));
        const c = Float64Array.from(rows, (_, i) => (i % 5) - 2);
        const out = withStaged(stageMatrix(rows, 'X'), (X) => informationPass(X, intercept, a, b, c, RUN));
        expectClose(out.first, naiveGram(rows, a, intercept));
        expectClose(out.second as Float64Array, naiveGram(rows, b, intercept));
        const p = d + (intercept ? 1 : 0);
        const sums = new Float64Array(p);
        rows.forEach((_, i) => tilde(rows, i, intercept).forEach((v, j) => (sums[j] = (sums[j] as number) + (c[i] as number) * v)));
        expectClose(out.sums as Float64Array, sums);
      }),
      { numRuns: 40 },
    );
  });

  it('reads float32 X widened and CSR X by its stored entries', () => {
    const rows = randomRows(7, 500, 9).map((r) => r.map((v, j) => (j % 3 === 0 ? 0 : Math.fround(v))));
    const a = Float64Array.from(rows, (_, i) => 1 + (i % 4));
    const expected = naiveGram(rows, a, true);
    const dense32 = withStaged(stageAs('float32', rows, 'X'), (X) => informationPass(X, true, a, null, null, RUN));
    expectClose(dense32.first, expected);
    const csr = csrOf(rows);
    const sparse = withStaged(stageMatrix(csr, 'X'), (X) => informationPass(X, true, a, null, null, RUN));
    expectClose(sparse.first, expected);
    expect(dense32.second).toBeNull();
    expect(dense32.sums).toBeNull();
  });

  it('gives the same bits on one thread and on two', () => {
    const rows = randomRows(3, 20_000, 11);
    const a = Float64Array.from(rows, (_, i) => 0.5 + (i % 9) / 7);
    const [one, two] = withStaged(stageMatrix(rows, 'X'), (X) => [
      informationPass(X, true, a, a, a, RUN),
      informationPass(X, true, a, a, a, { ...RUN, threads: 2 }),
    ]);
    expect(Array.from(two.first)).toEqual(Array.from(one.first));
    expect(Array.from(two.second as Float64Array)).toEqual(Array.from(one.second as Float64Array));
  });

  it('refuses a weight vector whose length is not the rows of X', () => {
    const rows = randomRows(1, 5, 2);
    expect(() => withStaged(stageMatrix(rows, 'X'), (X) => informationPass(X, true, new Float64Array(4), null, null, RUN))).toThrow(
      new RangeError('informationPass: a: expected 5 values (one per row of X), got 4'),
    );
  });
});

describe('rowQuadraticForms(X, fitIntercept, V)', () => {
  it('equals x̃ᵢᵀVx̃ᵢ for dense and sparse X', () => {
    const rows = randomRows(11, 50, 5).map((r) => r.map((v, j) => (j === 2 ? 0 : v)));
    const p = 6;
    const V = Float64Array.from({ length: p * p }, (_, t) => 1 / (1 + Math.floor(t / p) + (t % p)));
    const expected = rows.map((_, i) => {
      const x = tilde(rows, i, true);
      let h = 0;
      for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) h += (x[j] as number) * (V[j * p + k] as number) * (x[k] as number);
      return h;
    });
    expectClose(withStaged(stageMatrix(rows, 'X'), (X) => rowQuadraticForms(X, true, V, RUN)), expected);
    expectClose(withStaged(stageMatrix(csrOf(rows), 'X'), (X) => rowQuadraticForms(X, true, V, RUN)), expected);
  });
});

describe('groupSums(X, fitIntercept, group, groups, r)', () => {
  it('adds rᵢx̃ᵢ into the row of each group', () => {
    const rows = [[1, 2], [3, 4], [5, 6]];
    const out = withStaged(stageMatrix(rows, 'X'), (X) => groupSums(X, true, Int32Array.of(1, 0, 1), 2, Float64Array.of(1, 2, -1), RUN));
    expect(Array.from(out)).toEqual([6, 8, 2, 1 - 5, 2 - 6, 0]);
  });
});
