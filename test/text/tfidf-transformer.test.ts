import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsrMatrix, NotFittedError, TfidfTransformer, type TfidfTransformerOptions } from '../../src/index.js';
import { expectError } from '../assertions.js';
import { arraysOf, type Counts, type Csr, expectUlps, IDF_ULPS, readTextFixture, VALUE_ULPS } from './text-fixtures.js';

const fixture = readTextFixture<{
  counts: Counts;
  unseenCounts: Counts;
  cases: (Csr & { options: TfidfTransformerOptions; idf: number[] | null; unseen: Csr })[];
}>('count-tfidf.json');

const matrix = (counts: Counts, dtype: 'float64' | 'float32' = 'float64') => CsrMatrix.from(counts, { dtype });

describe('TfidfTransformer(options) equals scikit-learn 1.2.1 on CsrMatrix counts', () => {
  for (const c of fixture.cases) {
    const exact = !c.options.useIdf && !c.options.sublinearTf;
    const maxUlps = exact ? 0 : VALUE_ULPS;
    it(`learns the same idf and gives the same entries (values ${exact ? 'bit for bit' : `to ${VALUE_ULPS} ulps`}), fitted and on unseen counts, with ${JSON.stringify(c.options)}`, () => {
      const transformer = new TfidfTransformer(c.options);
      const counts = matrix(fixture.counts);
      const X = arraysOf(transformer.fitTransform(counts));
      counts.dispose();
      if (c.idf === null) expect(transformer.idf).toBeNull();
      else expectUlps(transformer.idf!, c.idf, IDF_ULPS);
      expect({ indptr: X.indptr, indices: X.indices }).toEqual({ indptr: c.indptr, indices: c.indices });
      expectUlps(X.values, c.values, maxUlps);
      const unseen = matrix(fixture.unseenCounts);
      const Y = arraysOf(transformer.transform(unseen));
      unseen.dispose();
      expect({ indptr: Y.indptr, indices: Y.indices }).toEqual({ indptr: c.unseen.indptr, indices: c.unseen.indices });
      expectUlps(Y.values, c.unseen.values, maxUlps);
    });
  }
});

describe('TfidfTransformer inputs and outputs', () => {
  it('takes CSR arrays as well as a CsrMatrix, with the same result', () => {
    const counts = matrix(fixture.counts);
    const fromMatrix = arraysOf(new TfidfTransformer().fitTransform(counts));
    counts.dispose();
    expect(arraysOf(new TfidfTransformer().fitTransform(fixture.counts))).toEqual(fromMatrix);
  });

  it('gives a float32 matrix for float32 counts, each value the float64 result rounded once', () => {
    const counts = matrix(fixture.counts, 'float32');
    const X = new TfidfTransformer().fitTransform(counts);
    counts.dispose();
    expect(X.dtype).toBe('float32');
    const expected = arraysOf(new TfidfTransformer().fitTransform(fixture.counts)).values.map(Math.fround);
    expect(arraysOf(X).values).toEqual(expected);
  });

  it('gives fitTransform(X) equal to fit(X).transform(X) for any counts', () => {
    const counts = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })).chain(([rows, cols]) =>
      fc.array(fc.array(fc.nat(4), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
    );
    fc.assert(
      fc.property(counts, fc.boolean(), fc.constantFrom('l1' as const, 'l2' as const, null), (dense, sublinearTf, norm) => {
        const X = CsrMatrix.fromRows(dense.map((row) => row.flatMap((v, j) => (v === 0 ? [] : [[j, v] as [number, number]]))), { cols: dense[0]!.length });
        const options = { sublinearTf, norm };
        try {
          expect(arraysOf(new TfidfTransformer(options).fitTransform(X))).toEqual(arraysOf(new TfidfTransformer(options).fit(X).transform(X)));
        } finally {
          X.dispose();
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('TfidfTransformer refuses what it cannot weigh', () => {
  it('refuses counts with another number of columns than fit saw', () => {
    const transformer = new TfidfTransformer().fit(fixture.counts);
    expectError(
      () => transformer.transform({ rows: 1, cols: 2, indptr: [0, 1], indices: [0], values: [1] }),
      RangeError,
      `TfidfTransformer.transform: X has 2 columns; the transformer was fitted with ${fixture.counts.cols}`,
    );
  });

  it('refuses, without smoothIdf, a column in no row: its idf would be infinite', () => {
    expectError(
      () => new TfidfTransformer({ smoothIdf: false }).fit({ rows: 2, cols: 3, indptr: [0, 1, 2], indices: [0, 2], values: [1, 1] }),
      RangeError,
      'TfidfTransformer.fit: column 1 is in none of the 2 rows, so its idf ln(n / 0) + 1 is infinite without smoothing; use smoothIdf: true, or drop the column',
    );
  });

  it('refuses something that is neither a CsrMatrix nor CSR arrays', () => {
    expectError(() => new TfidfTransformer().fit('counts' as never), TypeError, 'TfidfTransformer.fit: X must be CSR arrays { rows, cols, indptr, indices, values }, got a string');
  });

  it('refuses a disposed CsrMatrix', () => {
    const X = matrix(fixture.counts);
    X.dispose();
    expect(() => new TfidfTransformer().fit(X)).toThrow('CsrMatrix: this matrix has been disposed');
  });

  it('refuses an unknown norm', () => {
    expectError(() => new TfidfTransformer({ norm: 'max' as 'l2' }), RangeError, "TfidfTransformer: norm must be 'l2', 'l1' or null, got 'max'");
  });

  for (const what of ['transform', 'idf', 'nFeaturesIn', 'toJSON'] as const) {
    it(`throws a NotFittedError from ${what} before fit`, () => {
      const transformer = new TfidfTransformer();
      const call = () => (what === 'transform' ? transformer.transform(fixture.counts) : what === 'toJSON' ? transformer.toJSON() : transformer[what]);
      expect(call).toThrow(NotFittedError);
      expect(call).toThrow(`TfidfTransformer.${what}: this TfidfTransformer is not fitted yet; call fit(X) first`);
    });
  }
});

describe('TfidfTransformer.toJSON and fromJSON', () => {
  for (const options of [{}, { useIdf: false, norm: 'l1' as const }, { smoothIdf: false, sublinearTf: true }]) {
    it(`round-trips exactly through JSON text, idf bit for bit, with ${JSON.stringify(options)}`, () => {
      const transformer = new TfidfTransformer(options).fit(fixture.counts);
      const json = transformer.toJSON();
      const back = TfidfTransformer.fromJSON(JSON.stringify(json));
      expect(back.toJSON()).toEqual(json);
      expect(back.idf).toEqual(transformer.idf);
      expect(arraysOf(back.transform(fixture.unseenCounts))).toEqual(arraysOf(transformer.transform(fixture.unseenCounts)));
    });
  }

  it('writes the options, the number of columns and the idf', () => {
    const json = new TfidfTransformer().fit({ rows: 2, cols: 2, indptr: [0, 2, 3], indices: [0, 1, 0], values: [1, 1, 2] }).toJSON();
    expect(json).toEqual({
      format: 'logreg-wasm/tfidf-transformer',
      version: 1,
      options: { norm: 'l2', useIdf: true, smoothIdf: true, sublinearTf: false },
      model: { nFeatures: 2, idf: [1, 1.4054651081081644] },
    });
  });

  it('refuses an idf whose length is not nFeatures', () => {
    const json = new TfidfTransformer().fit(fixture.counts).toJSON();
    json.model.idf = [1, 2];
    expectError(() => TfidfTransformer.fromJSON(json), RangeError, `TfidfTransformer.fromJSON: model.idf has 2 values; expected ${fixture.counts.cols}, one per feature`);
  });

  it('refuses an idf below 1, which no count matrix gives', () => {
    const json = new TfidfTransformer().fit({ rows: 1, cols: 1, indptr: [0, 1], indices: [0], values: [1] }).toJSON();
    json.model.idf = [0.5];
    expectError(() => TfidfTransformer.fromJSON(json), RangeError, 'TfidfTransformer.fromJSON: model.idf[0] is 0.5; an idf is a finite number ≥ 1');
  });

  it('refuses an idf stored with useIdf false', () => {
    const json = new TfidfTransformer({ useIdf: false }).fit(fixture.counts).toJSON();
    json.model.idf = [1];
    expectError(() => TfidfTransformer.fromJSON(json), RangeError, 'TfidfTransformer.fromJSON: model.idf must be null when options.useIdf is false, got an array of length 1');
  });

  it('refuses a missing idf with useIdf true', () => {
    const json = new TfidfTransformer().fit(fixture.counts).toJSON();
    json.model.idf = null;
    expectError(() => TfidfTransformer.fromJSON(json), RangeError, `TfidfTransformer.fromJSON: model.idf must be an array of ${fixture.counts.cols} numbers when options.useIdf is true, got null`);
  });

  it('refuses an nFeatures that is not a positive integer', () => {
    const json = new TfidfTransformer({ useIdf: false }).fit(fixture.counts).toJSON();
    json.model.nFeatures = 1.5;
    expectError(() => TfidfTransformer.fromJSON(json), RangeError, 'TfidfTransformer.fromJSON: model.nFeatures must be an integer from 1 to 2147483647, got 1.5');
  });
});
