import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StandardScaler, type StandardScalerOptions } from '../../src/index.js';
import { expectError } from '../assertions.js';

interface Stats {
  mean: number[] | null;
  var: number[] | null;
  scale: number[] | null;
  nSamplesSeen: number;
}

/** The dense cases of test/fixtures/sparse-scaler/expected.json (tools/make_sparse_scaler_fixtures.py, scikit-learn 1.2.1). */
const { dense } = JSON.parse(readFileSync(new URL('../fixtures/sparse-scaler/expected.json', import.meta.url), 'utf8')) as {
  dense: { name: string; options: StandardScalerOptions; X: number[][]; batches: number[]; partial: Stats[]; transformed: number[][] }[];
};

function stats(scaler: StandardScaler): Stats {
  const list = (a: Float64Array | null) => (a === null ? null : Array.from(a));
  return { mean: list(scaler.mean), var: list(scaler.var), scale: list(scaler.scale), nSamplesSeen: scaler.nSamplesSeen };
}

describe('StandardScaler.partialFit(X) matches scikit-learn 1.2.1 partial_fit, bit for bit', () => {
  for (const c of dense) {
    const label = `${c.name} with ${JSON.stringify(c.options)}`;

    it(`has scikit-learn's statistics after each of ${c.batches.join(' + ')} rows on ${label}`, () => {
      const scaler = new StandardScaler(c.options);
      let start = 0;
      const seen = c.batches.map((size) => {
        scaler.partialFit(c.X.slice(start, (start += size)));
        return stats(scaler);
      });
      expect(seen).toEqual(c.partial);
    });

    it(`transforms as scikit-learn does after the batches on ${label}`, () => {
      const scaler = new StandardScaler(c.options);
      let start = 0;
      for (const size of c.batches) scaler.partialFit(c.X.slice(start, (start += size)));
      expect(scaler.transform(c.X).toArray()).toEqual(c.transformed);
    });
  }
});

describe('StandardScaler.partialFit(X) behaviour', () => {
  it('is fit on a scaler that was never fitted', () => {
    const X = [[1, 10], [4, -2], [0.5, 3]];
    expect(stats(new StandardScaler().partialFit(X))).toEqual(stats(new StandardScaler().fit(X)));
  });

  it('continues from an earlier fit, while fit starts over', () => {
    const scaler = new StandardScaler().fit([[1], [2]]).partialFit([[3], [4]]);
    expect([Array.from(scaler.mean as Float64Array), scaler.nSamplesSeen]).toEqual([[2.5], 4]);
    expect(new StandardScaler().fit([[1], [2]]).fit([[3], [4]]).nSamplesSeen).toBe(2);
  });

  it('counts the rows when both withMean and withStd are off', () => {
    const scaler = new StandardScaler({ withMean: false, withStd: false }).partialFit([[1], [2]]).partialFit([[3]]);
    expect([scaler.mean, scaler.nSamplesSeen]).toEqual([null, 3]);
  });

  it('rejects a batch with another column count, keeping its statistics', () => {
    const scaler = new StandardScaler().fit([[1, 2], [3, 4]]);
    expectError(() => scaler.partialFit([[1, 2, 3]]), RangeError, 'StandardScaler.partialFit: X has 3 columns; the scaler was fit with 2');
    expect(scaler.nSamplesSeen).toBe(2);
  });

  it('rejects NaN in a batch with its row and column', () => {
    expectError(() => new StandardScaler().fit([[1]]).partialFit([[2], [NaN]]), RangeError, 'StandardScaler.partialFit: X contains NaN at row 1, column 0; all values must be finite');
  });
});
