import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsrMatrix, type Dtype, StandardScaler, type StandardScalerOptions } from '../../src/index.js';
import { expectError } from '../assertions.js';

interface Csr {
  rows: number;
  cols: number;
  indptr: number[];
  indices: number[];
  values: number[];
}

interface Stats {
  mean: number[] | null;
  var: number[] | null;
  scale: number[] | null;
  nSamplesSeen: number;
}

interface SparseCase {
  name: string;
  dtype: Dtype;
  options: StandardScalerOptions;
  X: Csr;
  other: Csr;
  fit: Stats;
  transformed: Csr;
  otherTransformed: Csr;
  otherInverse: Csr;
  batches: number[];
  partial: Stats[];
}

/** test/fixtures/sparse-scaler/expected.json, written by tools/make_sparse_scaler_fixtures.py from scikit-learn 1.2.1. */
const fixture = JSON.parse(readFileSync(new URL('../fixtures/sparse-scaler/expected.json', import.meta.url), 'utf8')) as {
  sparse: SparseCase[];
  mixed: { name: string; X: Csr; steps: (Stats & { rows: [number, number]; kind: 'csr' | 'dense' })[] }[];
};

const csr = (data: Csr, dtype: Dtype = 'float64') => CsrMatrix.from(data, { dtype });

/** Rows start…stop-1 of `data`. */
function rowsOf(data: Csr, start: number, stop: number): Csr {
  const from = data.indptr[start] as number;
  const to = data.indptr[stop] as number;
  return {
    rows: stop - start,
    cols: data.cols,
    indptr: data.indptr.slice(start, stop + 1).map((k) => k - from),
    indices: data.indices.slice(from, to),
    values: data.values.slice(from, to),
  };
}

/** The arrays of a CsrMatrix, disposed after reading. */
function arrays(X: CsrMatrix<Dtype>): Csr & { dtype: Dtype } {
  const { rows, cols, indptr, indices, values } = X.toData();
  X.dispose();
  return { rows, cols, indptr: Array.from(indptr), indices: Array.from(indices), values: Array.from(values), dtype: X.dtype };
}

function stats(scaler: StandardScaler): Stats {
  const list = (a: Float64Array | null) => (a === null ? null : Array.from(a));
  return { mean: list(scaler.mean), var: list(scaler.var), scale: list(scaler.scale), nSamplesSeen: scaler.nSamplesSeen };
}

describe('StandardScaler on a CsrMatrix matches scikit-learn 1.2.1, bit for bit', () => {
  for (const c of fixture.sparse) {
    const label = `${c.name} (${c.dtype}, withStd ${String(c.options.withStd)})`;

    it(`learns mean, var, scale and nSamplesSeen over all rows, implicit zeros included, on ${label}`, () => {
      const X = csr(c.X, c.dtype);
      expect(stats(new StandardScaler(c.options).fit(X))).toEqual(c.fit);
      X.dispose();
    });

    it(`transforms into a new CsrMatrix of the same pattern and dtype on ${label}`, () => {
      const X = csr(c.X, c.dtype);
      const Z = new StandardScaler(c.options).fitTransform(X);
      X.dispose();
      expect(arrays(Z)).toEqual({ ...c.transformed, dtype: c.dtype });
    });

    it(`transforms and inverse-transforms another CsrMatrix on ${label}`, () => {
      const [X, other] = [csr(c.X, c.dtype), csr(c.other, c.dtype)];
      const scaler = new StandardScaler(c.options).fit(X);
      expect(arrays(scaler.transform(other))).toEqual({ ...c.otherTransformed, dtype: c.dtype });
      expect(arrays(scaler.inverseTransform(other))).toEqual({ ...c.otherInverse, dtype: c.dtype });
      X.dispose();
      other.dispose();
    });

    it(`updates the statistics batch by batch with partialFit (${c.batches.join(' + ')} rows) on ${label}`, () => {
      const scaler = new StandardScaler(c.options);
      let start = 0;
      const seen: Stats[] = [];
      for (const size of c.batches) {
        const batch = csr(rowsOf(c.X, start, start + size), c.dtype);
        seen.push(stats(scaler.partialFit(batch)));
        batch.dispose();
        start += size;
      }
      expect(seen).toEqual(c.partial);
    });
  }

  for (const m of fixture.mixed) {
    it(`mixes CsrMatrix and dense batches in partialFit: ${m.name}`, () => {
      const scaler = new StandardScaler({ withMean: false });
      const seen: Stats[] = [];
      for (const step of m.steps) {
        const batch = csr(rowsOf(m.X, step.rows[0], step.rows[1]));
        seen.push(stats(scaler.partialFit(step.kind === 'csr' ? batch : batch.toDense())));
        batch.dispose();
      }
      expect(seen).toEqual(m.steps.map(({ mean, var: variance, scale, nSamplesSeen }) => ({ mean, var: variance, scale, nSamplesSeen })));
    });
  }
});

describe('StandardScaler on a CsrMatrix behaviour', () => {
  it('leaves the input matrix unchanged', () => {
    const X = CsrMatrix.fromRows([{ 0: 2 }, { 1: 4 }]);
    new StandardScaler({ withMean: false }).fitTransform(X).dispose();
    expect(X.toDense().toArray()).toEqual([[2, 0], [0, 4]]);
    X.dispose();
  });

  it('gives the same statistics as the dense twin to rounding', () => {
    const X = CsrMatrix.fromRows([{ 0: 2, 2: 1 }, {}, { 1: 4, 2: 3 }, { 0: -1 }]);
    const sparse = new StandardScaler({ withMean: false }).fit(X);
    const dense = new StandardScaler({ withMean: false }).fit(X.toDense());
    X.dispose();
    for (const [a, b] of [
      [sparse.mean, dense.mean],
      [sparse.var, dense.var],
    ] as const) {
      Array.from(a as Float64Array).forEach((v, j) => expect(Math.abs(v - (b as Float64Array)[j]!)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(v)));
    }
  });

  it('returns an unscaled copy when withStd is false', () => {
    const X = CsrMatrix.fromRows([{ 0: 2 }, { 1: 4 }]);
    const Z = new StandardScaler({ withMean: false, withStd: false }).fitTransform(X);
    expect([Z === X, Z.toDense().toArray()]).toEqual([false, [[2, 0], [0, 4]]]);
    X.dispose();
    Z.dispose();
  });
});

describe('StandardScaler refuses to centre a CsrMatrix, as scikit-learn does', () => {
  const X = () => CsrMatrix.fromRows([{ 0: 1 }, { 1: 2 }]);
  const why = (call: string, verb: string) =>
    `StandardScaler.${call}: X is a CsrMatrix, and ${verb} it would make it dense (every implicit zero would become a stored value); ` +
    'create the scaler with withMean: false to scale sparse data without centring it, as scikit-learn requires';

  it('refuses fit with withMean true (the default), saying why and what to pass instead', () => {
    expectError(() => new StandardScaler().fit(X()), TypeError, why('fit', 'centring'));
  });

  it('refuses partialFit with withMean true', () => {
    expectError(() => new StandardScaler().partialFit(X()), TypeError, why('partialFit', 'centring'));
  });

  it('refuses transform by a scaler fitted on dense data with withMean true', () => {
    const scaler = new StandardScaler().fit([[1, 2], [3, 4]]);
    expectError(() => scaler.transform(X()), TypeError, why('transform', 'centring'));
  });

  it('refuses inverseTransform by a scaler with withMean true', () => {
    const scaler = new StandardScaler().fit([[1, 2], [3, 4]]);
    expectError(() => scaler.inverseTransform(X()), TypeError, why('inverseTransform', 'un-centring'));
  });
});

describe('StandardScaler with a CsrMatrix rejects bad input', () => {
  const scaler = () => new StandardScaler({ withMean: false }).fit(CsrMatrix.fromRows([{ 0: 1 }, { 1: 2 }]));

  it('rejects a CsrMatrix with another column count at transform', () => {
    expectError(() => scaler().transform(CsrMatrix.fromRows([{ 2: 1 }])), RangeError, 'StandardScaler.transform: X has 3 columns; the scaler was fit with 2');
  });

  it('rejects a batch with another column count at partialFit', () => {
    expectError(() => scaler().partialFit(CsrMatrix.fromRows([{ 2: 1 }])), RangeError, 'StandardScaler.partialFit: X has 3 columns; the scaler was fit with 2');
  });

  it('rejects a CsrMatrix without rows', () => {
    expectError(() => new StandardScaler({ withMean: false }).fit(CsrMatrix.fromRows([], { cols: 2 })), RangeError, 'StandardScaler.fit: X has 0 rows; at least one sample is required');
  });

  it('rejects a disposed CsrMatrix', () => {
    const X = CsrMatrix.fromRows([{ 0: 1 }]);
    X.dispose();
    expectError(() => new StandardScaler({ withMean: false }).fit(X), Error, 'CsrMatrix: this matrix has been disposed');
  });

  it('rejects a result beyond float64, which a CsrMatrix cannot hold, naming the entry', () => {
    const s = new StandardScaler({ withMean: false }).fit(CsrMatrix.fromRows([{ 0: 1e-5 }, { 0: -1e-5 }]));
    expectError(
      () => s.transform(CsrMatrix.fromRows([{}, { 0: 1e305 }])),
      RangeError,
      'StandardScaler.transform: X at row 1, column 0 is 1e+305, which with scale 0.00001 gives Infinity, beyond the range of float64; a CsrMatrix holds finite values only',
    );
  });

  it('rejects a float32 result beyond float32\'s range', () => {
    const s = new StandardScaler({ withMean: false }).fit(CsrMatrix.fromRows([{ 0: 1e-5 }, { 0: -1e-5 }]));
    expect(() => s.transform(CsrMatrix.fromRows([{ 0: 1e35 }], { dtype: 'float32' }))).toThrow(/gives 1\.0\d*e\+40, beyond the range of float32/);
  });

  it('keeps its statistics when a partialFit fails', () => {
    const s = scaler();
    const before = stats(s);
    expect(() => s.partialFit(CsrMatrix.fromRows([{ 5: 1 }]))).toThrow(RangeError);
    expect(stats(s)).toEqual(before);
  });
});
