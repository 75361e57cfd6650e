import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountVectorizer, type CountVectorizerOptions, NotFittedError } from '../../src/index.js';
import { expectError } from '../assertions.js';
import { arraysOf, type CountFixture, readTextFixture, type VocabularyCase } from './text-fixtures.js';

type Case = VocabularyCase<CountVectorizerOptions>;
const fixture = readTextFixture<CountFixture<CountVectorizerOptions>>('count.json');

function describeCases(docs: string[], unseenDocs: string[], cases: Case[]): void {
  for (const c of cases.filter((k) => k.error === undefined)) {
    it(`learns the same feature names and counts, and transforms unseen documents the same, with ${JSON.stringify(c.options)}`, () => {
      const vectorizer = new CountVectorizer(c.options);
      const X = vectorizer.fitTransform(docs);
      expect([X.rows, X.cols]).toEqual([docs.length, c.featureNames!.length]);
      expect(arraysOf(X)).toEqual({ indptr: c.indptr, indices: c.indices, values: c.values });
      expect(vectorizer.getFeatureNamesOut()).toEqual(c.featureNames);
      expect([...vectorizer.vocabulary]).toEqual(c.featureNames!.map((name, j) => [name, j]));
      expect(arraysOf(vectorizer.transform(unseenDocs))).toEqual(c.unseen);
    });
  }
  for (const c of cases.filter((k) => k.error !== undefined)) {
    it(`throws a RangeError where scikit-learn raises "${c.error}" with ${JSON.stringify(c.options)}`, () => {
      expect(() => new CountVectorizer(c.options).fit(docs)).toThrow(RangeError);
    });
  }
}

describe('CountVectorizer(options) equals scikit-learn 1.2.1 on varied Unicode text', () => {
  describeCases(fixture.docs, fixture.unseenDocs, fixture.cases);
});

describe('CountVectorizer equals scikit-learn with token patterns, stop-word lists and fixed vocabularies, on words such as __proto__ and constructor', () => {
  describeCases(fixture.vectorizerDocs, fixture.vectorizerUnseenDocs, fixture.vectorizerCases);
});

describe("CountVectorizer breaks maxFeatures ties as scikit-learn's numpy argsort does", () => {
  describeCases(fixture.tieDocs, fixture.unseenDocs, fixture.tieCases);
});

describe('CountVectorizer with a fixed vocabulary', () => {
  it('transforms without fit, as scikit-learn does', () => {
    const vectorizer = new CountVectorizer({ vocabulary: ['cat', 'dog'] });
    expect(vectorizer.getFeatureNamesOut()).toEqual(['cat', 'dog']);
    expect(arraysOf(vectorizer.transform(['dog cat dog']))).toEqual({ indptr: [0, 2], indices: [0, 1], values: [1, 2] });
  });

  it('takes the columns of a Map or an object, whatever their key order', () => {
    const fromMap = new CountVectorizer({ vocabulary: new Map([['dog', 1], ['cat', 0]]) });
    const fromObject = new CountVectorizer({ vocabulary: { dog: 1, cat: 0 } });
    expect(fromMap.getFeatureNamesOut()).toEqual(['cat', 'dog']);
    expect(fromObject.getFeatureNamesOut()).toEqual(['cat', 'dog']);
  });

  it('reads __proto__ as a term of an object vocabulary (an own key, as JSON.parse makes it)', () => {
    const vectorizer = new CountVectorizer({ vocabulary: JSON.parse('{"__proto__": 1, "constructor": 0}') as Record<string, number> });
    expect(vectorizer.getFeatureNamesOut()).toEqual(['constructor', '__proto__']);
    expect(arraysOf(vectorizer.transform(['__proto__ __proto__ constructor']))).toEqual({ indptr: [0, 2], indices: [0, 1], values: [1, 2] });
  });

  it('refuses a repeated term, naming both positions', () => {
    expectError(() => new CountVectorizer({ vocabulary: ['a1', 'b1', 'a1'] }), RangeError, "CountVectorizer: vocabulary must hold distinct terms, got 'a1' at 0 and 2");
  });

  it('refuses columns that skip one, as scikit-learn refuses "Vocabulary of size 2 doesn\'t contain index 1"', () => {
    expectError(() => new CountVectorizer({ vocabulary: { a1: 0, b1: 2 } }), RangeError, "CountVectorizer: vocabulary must map its terms to the columns 0…1, each once, got 'b1' → 2");
  });

  it('refuses an empty vocabulary', () => {
    expectError(() => new CountVectorizer({ vocabulary: [] }), RangeError, 'CountVectorizer: vocabulary must hold at least one term, got an empty array');
  });

  it('refuses a term that is not a string, naming its index', () => {
    expectError(() => new CountVectorizer({ vocabulary: ['a1', 2 as unknown as string] }), TypeError, 'CountVectorizer: vocabulary[1] must be a string (a term), got a number');
  });
});

describe('CountVectorizer learnt vocabularies', () => {
  it('keeps __proto__, constructor and toString as terms like any other', () => {
    const vectorizer = new CountVectorizer().fit(['__proto__ constructor toString hasOwnProperty __proto__']);
    expect(vectorizer.vocabulary.get('__proto__')).toBe(0);
    expect(vectorizer.vocabulary.get('tostring')).toBe(3);
    expect(arraysOf(vectorizer.transform(['__proto__ __proto__']))).toEqual({ indptr: [0, 1], indices: [0], values: [2] });
  });

  it('gives a new Map and array on every call, so changing them changes nothing', () => {
    const vectorizer = new CountVectorizer().fit(['one two']);
    vectorizer.vocabulary.set('three', 2);
    vectorizer.getFeatureNamesOut().push('three');
    expect(vectorizer.getFeatureNamesOut()).toEqual(['one', 'two']);
    expect(vectorizer.vocabulary.size).toBe(2);
  });

  it('gives fitTransform(docs) equal to fit(docs).transform(docs) for any documents', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-c ]{0,12}$/), { minLength: 1, maxLength: 6 }), fc.boolean(), (docs, binary) => {
        fc.pre(docs.some((doc) => /[a-c]{2}/.test(doc)));
        const options = { tokenPattern: '\\b\\w+\\b', binary, ngramRange: [1, 2] as [number, number] };
        expect(arraysOf(new CountVectorizer(options).fitTransform(docs))).toEqual(arraysOf(new CountVectorizer(options).fit(docs).transform(docs)));
      }),
      { numRuns: 100 },
    );
  });

  it('transforms an empty array of documents into 0 rows, as scikit-learn does', () => {
    const X = new CountVectorizer().fit(['one two']).transform([]);
    expect([X.rows, X.cols, X.nnz]).toEqual([0, 2, 0]);
    X.dispose();
  });

  it('stores float32 counts with dtype float32', () => {
    const X = new CountVectorizer({ dtype: 'float32' }).fitTransform(['aa bb aa']);
    expect(X.dtype).toBe('float32');
    expect(arraysOf(X).values).toEqual([2, 1]);
  });

  it('leaves an earlier fit in place when a fit fails', () => {
    const vectorizer = new CountVectorizer({ stopWords: 'english' }).fit(['cats and dogs']);
    expect(() => vectorizer.fit(['the and of'])).toThrow(RangeError);
    expect(vectorizer.getFeatureNamesOut()).toEqual(['cats', 'dogs']);
  });
});

describe('CountVectorizer before fit', () => {
  const message = (what: string) => `CountVectorizer.${what}: this CountVectorizer is not fitted yet; call fit(docs) first`;
  for (const [what, call] of [
    ['transform', (v: CountVectorizer) => v.transform(['a'])],
    ['vocabulary', (v: CountVectorizer) => v.vocabulary],
    ['getFeatureNamesOut', (v: CountVectorizer) => v.getFeatureNamesOut()],
    ['toJSON', (v: CountVectorizer) => v.toJSON()],
  ] as const) {
    it(`throws a NotFittedError from ${what}`, () => {
      const vectorizer = new CountVectorizer();
      expect(() => call(vectorizer)).toThrow(NotFittedError);
      expect(() => call(vectorizer)).toThrow(message(what));
    });
  }
});

describe('CountVectorizer refuses bad arguments with messages naming them', () => {
  it('names the index of a document that is not a string, in fit, fitTransform and transform', () => {
    const vectorizer = new CountVectorizer();
    expectError(() => vectorizer.fit(['ok', 3 as unknown as string]), TypeError, 'CountVectorizer.fit: docs[1] must be a string, got a number');
    expectError(() => vectorizer.fitTransform([{} as string]), TypeError, 'CountVectorizer.fitTransform: docs[0] must be a string, got an object (Object)');
    vectorizer.fit(['ok words']);
    expectError(() => vectorizer.transform(['fine', undefined as unknown as string]), TypeError, 'CountVectorizer.transform: docs[1] must be a string, got undefined');
  });

  it('says when the documents hold only stop words, as scikit-learn does', () => {
    expectError(
      () => new CountVectorizer({ stopWords: 'english' }).fit(['the and of']),
      RangeError,
      'CountVectorizer.fit: docs must hold at least one term, got none (scikit-learn: "empty vocabulary; perhaps the documents only contain stop words")',
    );
  });

  it('refuses a proportion above 1', () => {
    expectError(() => new CountVectorizer({ maxDf: 1.5 }), RangeError, 'CountVectorizer: maxDf must be an integer count ≥ 0 or a proportion in [0, 1], got 1.5');
  });

  it('refuses an unknown option, suggesting the camelCase form of a scikit-learn name', () => {
    expect(() => new CountVectorizer({ max_df: 1 } as CountVectorizerOptions)).toThrow("CountVectorizer: unknown option 'max_df'; did you mean 'maxDf'?");
  });
});

describe('CountVectorizer reads document frequencies as scikit-learn reads int and float', () => {
  it('takes maxDf 1 as one document and { proportion: 1 } as all of them', () => {
    const docs = ['a1 b1', 'a1 c1'];
    expect(new CountVectorizer({ maxDf: 1 }).fit(docs).getFeatureNamesOut()).toEqual(['b1', 'c1']);
    expect(new CountVectorizer({ maxDf: { proportion: 1 } }).fit(docs).getFeatureNamesOut()).toEqual(['a1', 'b1', 'c1']);
  });

  it('reads a non-integer number as a proportion, and stores it as { proportion }', () => {
    const vectorizer = new CountVectorizer({ minDf: 0.75 });
    expect(vectorizer.minDf).toEqual({ proportion: 0.75 });
    expect(vectorizer.fit(['a1 b1', 'a1 c1']).getFeatureNamesOut()).toEqual(['a1']);
  });
});

describe('CountVectorizer.toJSON and fromJSON', () => {
  it('round-trips a fitted vectorizer exactly through JSON text, terms such as __proto__ included', () => {
    const vectorizer = new CountVectorizer({ ngramRange: [1, 2], minDf: { proportion: 0.01 }, stopWords: ['the'] }).fit(fixture.vectorizerDocs);
    const json = vectorizer.toJSON();
    const back = CountVectorizer.fromJSON(JSON.stringify(json));
    expect(back.toJSON()).toEqual(json);
    expect(back.getFeatureNamesOut()).toContain('__proto__');
    expect(arraysOf(back.transform(fixture.vectorizerUnseenDocs))).toEqual(arraysOf(vectorizer.transform(fixture.vectorizerUnseenDocs)));
  });

  it('round-trips any learnt vocabulary of random words exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 1 }), { minLength: 1, maxLength: 8 }), (words) => {
        const vectorizer = new CountVectorizer({ vocabulary: [...new Set(words)] });
        const json = JSON.parse(JSON.stringify(vectorizer)) as unknown;
        expect(CountVectorizer.fromJSON(json).toJSON()).toEqual(vectorizer.toJSON());
      }),
      { numRuns: 100 },
    );
  });

  it('writes the options, with a fixed vocabulary as its terms in column order, and the feature names', () => {
    expect(new CountVectorizer({ vocabulary: { b: 1, a: 0 } }).toJSON()).toEqual({
      format: 'logreg-wasm/count-vectorizer',
      version: 1,
      options: {
        analyzer: 'word',
        lowercase: true,
        ngramRange: [1, 1],
        tokenPattern: '(?u)\\b\\w\\w+\\b',
        stopWords: null,
        binary: false,
        minDf: 1,
        maxDf: { proportion: 1 },
        maxFeatures: null,
        vocabulary: ['a', 'b'],
        dtype: 'float64',
      },
      model: { featureNames: ['a', 'b'] },
    });
  });

  it('refuses repeated feature names', () => {
    const json = new CountVectorizer().fit(['aa bb']).toJSON();
    json.model.featureNames = ['aa', 'aa'];
    expectError(() => CountVectorizer.fromJSON(json), RangeError, "CountVectorizer.fromJSON: model.featureNames must hold distinct terms, got 'aa' again at 1");
  });

  it('refuses a feature name that is not a string', () => {
    const json = JSON.parse(JSON.stringify(new CountVectorizer().fit(['aa bb']))) as { model: { featureNames: unknown[] } };
    json.model.featureNames[1] = 7;
    expectError(() => CountVectorizer.fromJSON(json), TypeError, 'CountVectorizer.fromJSON: model.featureNames[1] is a number; expected a string');
  });

  it('refuses feature names that differ from the fixed vocabulary', () => {
    const json = new CountVectorizer({ vocabulary: ['aa', 'bb'] }).toJSON();
    json.model.featureNames = ['bb', 'aa'];
    expectError(() => CountVectorizer.fromJSON(json), RangeError, 'CountVectorizer.fromJSON: model.featureNames must equal options.vocabulary, the fixed vocabulary, in column order');
  });

  it('refuses a document without a model', () => {
    const { model: _, ...json } = new CountVectorizer().fit(['aa bb']).toJSON();
    expectError(() => CountVectorizer.fromJSON(json), TypeError, "CountVectorizer.fromJSON: the document has no 'model' field");
  });

  it('refuses a model without feature names, even one inherited through the prototype', () => {
    const json = { ...new CountVectorizer().fit(['aa bb']).toJSON(), model: Object.create({ featureNames: ['aa'] }) as object };
    expectError(() => CountVectorizer.fromJSON(json), TypeError, "CountVectorizer.fromJSON: model has no 'featureNames' field");
  });
});
