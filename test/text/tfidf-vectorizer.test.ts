import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountVectorizer, NotFittedError, TfidfTransformer, TfidfVectorizer, type TfidfVectorizerOptions } from '../../src/index.js';
import { expectError } from '../assertions.js';
import { arraysOf, expectUlps, IDF_ULPS, readTextFixture, VALUE_ULPS, type VocabularyCase } from './text-fixtures.js';

const fixture = readTextFixture<{
  docs: string[];
  unseenDocs: string[];
  cases: (VocabularyCase<TfidfVectorizerOptions> & { idf?: number[] })[];
}>('tfidf-vectorizer.json');

describe('TfidfVectorizer(options) equals scikit-learn 1.2.1 on varied Unicode text', () => {
  for (const c of fixture.cases.filter((k) => k.error === undefined)) {
    const exact = c.options.useIdf === false && !c.options.sublinearTf;
    const maxUlps = exact ? 0 : VALUE_ULPS;
    it(`learns the same feature names and idf and gives the same entries (values ${exact ? 'bit for bit' : `to ${VALUE_ULPS} ulps`}), fitted and on unseen documents, with ${JSON.stringify(c.options)}`, () => {
      const vectorizer = new TfidfVectorizer(c.options);
      const X = arraysOf(vectorizer.fitTransform(fixture.docs));
      expect(vectorizer.getFeatureNamesOut()).toEqual(c.featureNames);
      expect([...vectorizer.vocabulary]).toEqual(c.featureNames!.map((name, j) => [name, j]));
      if (c.idf === undefined) expect(vectorizer.idf).toBeNull();
      else expectUlps(vectorizer.idf!, c.idf, IDF_ULPS);
      expect({ indptr: X.indptr, indices: X.indices }).toEqual({ indptr: c.indptr, indices: c.indices });
      expectUlps(X.values, c.values!, maxUlps);
      const Y = arraysOf(vectorizer.transform(fixture.unseenDocs));
      expect({ indptr: Y.indptr, indices: Y.indices }).toEqual({ indptr: c.unseen!.indptr, indices: c.unseen!.indices });
      expectUlps(Y.values, c.unseen!.values, maxUlps);
    });
  }

  for (const c of fixture.cases.filter((k) => k.error !== undefined)) {
    it(`throws a RangeError where scikit-learn raises "${c.error}" with ${JSON.stringify(c.options)}`, () => {
      expect(() => new TfidfVectorizer(c.options).fit(fixture.docs)).toThrow(RangeError);
    });
  }
});

describe('TfidfVectorizer is CountVectorizer followed by TfidfTransformer', () => {
  it('gives exactly their result, and fitTransform equals fit then transform, for any documents and options', () => {
    const options = fc.record({
      ngramRange: fc.constantFrom<[number, number]>([1, 1], [1, 2]),
      binary: fc.boolean(),
      norm: fc.constantFrom('l1' as const, 'l2' as const, null),
      sublinearTf: fc.boolean(),
      smoothIdf: fc.boolean(),
      useIdf: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-d ]{0,14}$/), { minLength: 1, maxLength: 6 }), options, (docs, o) => {
        fc.pre(docs.some((doc) => /[a-d]{2}/.test(doc)));
        const { norm, sublinearTf, smoothIdf, useIdf, ...countOptions } = o;
        const counts = new CountVectorizer(countOptions).fitTransform(docs);
        const expected = arraysOf(new TfidfTransformer({ norm, sublinearTf, smoothIdf, useIdf }).fitTransform(counts));
        counts.dispose();
        expect(arraysOf(new TfidfVectorizer(o).fitTransform(docs))).toEqual(expected);
        expect(arraysOf(new TfidfVectorizer(o).fit(docs).transform(docs))).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});

describe('TfidfVectorizer refuses what it cannot weigh', () => {
  it('needs fit even with a fixed vocabulary, as scikit-learn does (the idf is learnt)', () => {
    const vectorizer = new TfidfVectorizer({ vocabulary: ['aa'] });
    expect(() => vectorizer.transform(['aa'])).toThrow(NotFittedError);
    expect(() => vectorizer.transform(['aa'])).toThrow('TfidfVectorizer.transform: this TfidfVectorizer is not fitted yet; call fit(docs) first');
  });

  for (const what of ['vocabulary', 'idf', 'getFeatureNamesOut', 'toJSON'] as const) {
    it(`throws a NotFittedError from ${what} before fit`, () => {
      const vectorizer = new TfidfVectorizer();
      const call = () => (what === 'getFeatureNamesOut' ? vectorizer.getFeatureNamesOut() : what === 'toJSON' ? vectorizer.toJSON() : vectorizer[what]);
      expect(call).toThrow(`TfidfVectorizer.${what}: this TfidfVectorizer is not fitted yet; call fit(docs) first`);
    });
  }

  it('refuses, without smoothIdf, a fixed-vocabulary term in no document', () => {
    expectError(
      () => new TfidfVectorizer({ vocabulary: ['aa', 'zz'], smoothIdf: false }).fit(['aa bb']),
      RangeError,
      'TfidfVectorizer.fit: column 1 is in none of the 1 rows, so its idf ln(n / 0) + 1 is infinite without smoothing; use smoothIdf: true, or drop the column',
    );
  });

  it('names the index of a document that is not a string', () => {
    expectError(() => new TfidfVectorizer().fit(['ok', 3 as unknown as string]), TypeError, 'TfidfVectorizer.fit: docs[1] must be a string, got a number');
  });

  it('refuses an unknown option, listing both the counting and the weighting options', () => {
    expectError(
      () => new TfidfVectorizer({ smooth_idf: false } as TfidfVectorizerOptions),
      TypeError,
      "TfidfVectorizer: unknown option 'smooth_idf'; did you mean 'smoothIdf'? (known options: analyzer, lowercase, ngramRange, tokenPattern, stopWords, binary, minDf, maxDf, maxFeatures, vocabulary, dtype, norm, useIdf, smoothIdf, sublinearTf)",
    );
  });
});

describe('TfidfVectorizer.toJSON and fromJSON', () => {
  for (const options of [{}, { useIdf: false }, { analyzer: 'char_wb' as const, ngramRange: [2, 3] as [number, number], dtype: 'float32' as const }]) {
    it(`round-trips exactly through JSON text, transforming as before, with ${JSON.stringify(options)}`, () => {
      const vectorizer = new TfidfVectorizer(options).fit(fixture.docs);
      const json = vectorizer.toJSON();
      const back = TfidfVectorizer.fromJSON(JSON.stringify(json));
      expect(back.toJSON()).toEqual(json);
      expect(arraysOf(back.transform(fixture.unseenDocs))).toEqual(arraysOf(vectorizer.transform(fixture.unseenDocs)));
    });
  }

  it('writes the options, the feature names and the idf', () => {
    const json = new TfidfVectorizer({ norm: null }).fit(['aa bb', 'aa']).toJSON();
    expect(json.format).toBe('logreg-wasm/tfidf-vectorizer');
    expect(json.version).toBe(1);
    expect(json.options['norm']).toBeNull();
    expect(json.model).toEqual({ featureNames: ['aa', 'bb'], idf: [1, 1.4054651081081644] });
  });

  it('refuses an idf that does not match the feature names', () => {
    const json = new TfidfVectorizer().fit(['aa bb', 'aa']).toJSON();
    json.model.idf = [1];
    expectError(() => TfidfVectorizer.fromJSON(json), RangeError, 'TfidfVectorizer.fromJSON: model.idf has 1 values; expected 2, one per feature');
  });

  it('refuses a document of another format', () => {
    const json = { ...new TfidfVectorizer().fit(['aa bb']).toJSON(), format: 'logreg-wasm/count-vectorizer' };
    expectError(() => TfidfVectorizer.fromJSON(json), RangeError, "TfidfVectorizer.fromJSON: format must be 'logreg-wasm/tfidf-vectorizer', got 'logreg-wasm/count-vectorizer'");
  });
});
