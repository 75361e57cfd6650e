import { describe, expect, it } from 'vitest';
import { type TfidfOptions, tfidfFitTransform, tfidfTransform } from '../../src/text/tfidf.js';
import { expectError } from '../assertions.js';
import { type Counts, type Csr, expectUlps, IDF_ULPS, readTextFixture, VALUE_ULPS } from './text-fixtures.js';

const fixture = readTextFixture<{
  counts: Counts;
  unseenCounts: Counts;
  cases: (Csr & { options: TfidfOptions; idf: number[] | null; unseen: Csr })[];
}>('count-tfidf.json');

describe('tfidfFitTransform(X, options) equals TfidfTransformer(**options).fit_transform(X) of scikit-learn 1.2.1', () => {
  for (const c of fixture.cases) {
    const exact = !c.options.useIdf && !c.options.sublinearTf;
    const maxUlps = exact ? 0 : VALUE_ULPS;
    const precision = exact ? 'bit for bit' : `to ${VALUE_ULPS} ulps`;
    it(`learns the same idf (to 1 ulp) and entries, values ${precision}, with ${JSON.stringify(c.options)}`, () => {
      const { idf, X } = tfidfFitTransform(fixture.counts, c.options);
      if (c.idf === null) expect(idf).toBeNull();
      else expectUlps(idf!, c.idf, IDF_ULPS);
      expect({ indptr: Array.from(X.indptr), indices: Array.from(X.indices) }).toEqual({ indptr: c.indptr, indices: c.indices });
      expectUlps(X.values, c.values, maxUlps);
    });
    it(`transforms unseen counts as the fitted transformer does, values ${precision}, with ${JSON.stringify(c.options)}`, () => {
      const { idf } = tfidfFitTransform(fixture.counts, c.options);
      const X = tfidfTransform(fixture.unseenCounts, idf, c.options);
      expect({ indptr: Array.from(X.indptr), indices: Array.from(X.indices) }).toEqual({ indptr: c.unseen.indptr, indices: c.unseen.indices });
      expectUlps(X.values, c.unseen.values, maxUlps);
    });
  }
});

describe('tfidfFitTransform and tfidfTransform reject bad arguments', () => {
  it('rejects an unknown norm', () => {
    expectError(
      () => tfidfFitTransform(fixture.counts, { norm: 'max' as 'l2' }),
      RangeError,
      "tfidfFitTransform: norm must be 'l2', 'l1' or null, got 'max'",
    );
  });

  it('rejects an indptr of the wrong length', () => {
    expect(() => tfidfFitTransform({ rows: 2, cols: 2, indptr: [0, 1], indices: [0], values: [1] })).toThrow(RangeError);
  });

  it('rejects an idf whose length is not X.cols', () => {
    expectError(
      () => tfidfTransform(fixture.unseenCounts, new Float64Array(2)),
      RangeError,
      `tfidfTransform: idf has length 2; expected X.cols = ${fixture.unseenCounts.cols}`,
    );
  });

  it('rejects a missing idf when useIdf is true', () => {
    expectError(() => tfidfTransform(fixture.unseenCounts, null), TypeError, 'tfidfTransform: idf must be a Float64Array when useIdf is true, got null');
  });
});
