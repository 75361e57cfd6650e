import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashingVectorizer, type HashingVectorizerOptions } from '../../src/index.js';
import { expectError } from '../assertions.js';
import { arraysOf, type Csr, readTextFixture } from './text-fixtures.js';

type Case = Csr & { options: HashingVectorizerOptions };
const fixture = readTextFixture<{
  docs: string[];
  cases: Case[];
  vectorizerCases: Case[];
}>('hashing.json');

describe('HashingVectorizer(options).transform(docs) equals scikit-learn 1.2.1 entry for entry', () => {
  for (const c of fixture.cases) {
    it(`gives the same CSR entries, float64 values bit for bit, with ${JSON.stringify(c.options)}`, () => {
      const X = new HashingVectorizer(c.options).transform(fixture.docs);
      expect([X.rows, X.cols, X.dtype]).toEqual([fixture.docs.length, c.options.nFeatures ?? 2 ** 20, 'float64']);
      expect(arraysOf(X)).toEqual({ indptr: c.indptr, indices: c.indices, values: c.values });
    });
  }

  for (const c of fixture.vectorizerCases) {
    it(`gives the same entries with dtype ${JSON.stringify(c.options)}, values bit for bit in that dtype`, () => {
      const X = new HashingVectorizer(c.options).transform(fixture.docs);
      expect(X.dtype).toBe(c.options.dtype);
      expect(arraysOf(X)).toEqual({ indptr: c.indptr, indices: c.indices, values: c.values });
    });
  }
});

describe('HashingVectorizer learns nothing', () => {
  it('transforms without fit, as scikit-learn does', () => {
    expect(arraysOf(new HashingVectorizer().transform(['hello world'])).indices).toHaveLength(2);
  });

  it('returns itself from fit', () => {
    const vectorizer = new HashingVectorizer();
    expect(vectorizer.fit(['a text'])).toBe(vectorizer);
  });

  it('gives fitTransform(docs) equal to transform(docs) for any documents', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }), fc.constantFrom<HashingVectorizerOptions>({}, { analyzer: 'char_wb', ngramRange: [1, 3] }, { ngramRange: [1, 2], nFeatures: 32 }), (docs, options) => {
        const vectorizer = new HashingVectorizer(options);
        expect(arraysOf(vectorizer.fitTransform(docs))).toEqual(arraysOf(vectorizer.transform(docs)));
      }),
      { numRuns: 60 },
    );
  });

  it('hashes each document on its own: the rows of transform(docs) are those of transforming each document alone', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 2, maxLength: 5 }), (docs) => {
        const vectorizer = new HashingVectorizer({ nFeatures: 64, ngramRange: [1, 2] });
        const all = arraysOf(vectorizer.transform(docs));
        docs.forEach((doc, r) => {
          const one = arraysOf(vectorizer.transform([doc]));
          const [start, end] = [all.indptr[r]!, all.indptr[r + 1]!];
          expect({ indices: all.indices.slice(start, end), values: all.values.slice(start, end) }).toEqual({ indices: one.indices, values: one.values });
        });
      }),
      { numRuns: 40 },
    );
  });
});

describe('HashingVectorizer exposes its options as properties', () => {
  it('holds every option with its default filled in', () => {
    const vectorizer = new HashingVectorizer({ nFeatures: 1024, ngramRange: [1, 2] });
    expect([vectorizer.nFeatures, vectorizer.ngramRange, vectorizer.norm, vectorizer.alternateSign, vectorizer.tokenPattern, vectorizer.dtype]).toEqual([
      1024,
      [1, 2],
      'l2',
      true,
      '(?u)\\b\\w\\w+\\b',
      'float64',
    ]);
  });

  it('keeps its own copy of an array option, so changing the caller’s array changes nothing', () => {
    const stopWords = ['cat'];
    const vectorizer = new HashingVectorizer({ stopWords, norm: null });
    stopWords[0] = 'dog';
    expect(arraysOf(vectorizer.transform(['cat dog'])).indices).toHaveLength(1);
    expect(vectorizer.toJSON().options['stopWords']).toEqual(['cat']);
  });
});

describe('HashingVectorizer refuses bad arguments with messages naming them', () => {
  it('names the index of a document that is not a string, in fit and in transform', () => {
    const vectorizer = new HashingVectorizer();
    expectError(() => vectorizer.fit(['ok', 3 as unknown as string]), TypeError, 'HashingVectorizer.fit: docs[1] must be a string, got a number');
    expectError(() => vectorizer.transform([null as unknown as string]), TypeError, 'HashingVectorizer.transform: docs[0] must be a string, got null');
  });

  it('refuses a single string where an array of documents belongs', () => {
    expectError(() => new HashingVectorizer().transform('text' as unknown as string[]), TypeError, 'HashingVectorizer.transform: docs must be an array of strings, got a string');
  });

  it('refuses an unknown option, suggesting the camelCase form of a scikit-learn name', () => {
    expectError(
      () => new HashingVectorizer({ n_features: 8 } as HashingVectorizerOptions),
      TypeError,
      "HashingVectorizer: unknown option 'n_features'; did you mean 'nFeatures'? (known options: analyzer, lowercase, ngramRange, tokenPattern, stopWords, nFeatures, alternateSign, norm, binary, dtype)",
    );
  });

  it('refuses a token pattern whose Python semantics it does not implement', () => {
    expectError(
      () => new HashingVectorizer({ tokenPattern: '\\S+' }),
      RangeError,
      "HashingVectorizer: tokenPattern must be one of '(?u)\\b\\w\\w+\\b', '\\b\\w\\w+\\b', '(?u)\\b\\w+\\b', '\\b\\w+\\b' (patterns with Python's exact \\w semantics), got '\\S+'",
    );
  });

  it('refuses a stop-word list holding something other than strings, naming the entry', () => {
    expectError(() => new HashingVectorizer({ stopWords: ['a', 1 as unknown as string] }), TypeError, 'HashingVectorizer: stopWords[1] must be a string, got a number');
  });

  it('refuses an unknown dtype', () => {
    expectError(() => new HashingVectorizer({ dtype: 'int8' as 'float64' }), RangeError, "HashingVectorizer: dtype must be one of 'float64', 'float32', got 'int8'");
  });

  it('refuses nFeatures outside 1 to 2^31 − 1', () => {
    expectError(() => new HashingVectorizer({ nFeatures: 0 }), RangeError, 'HashingVectorizer: nFeatures must be an integer from 1 to 2147483647, got 0');
  });
});

describe('HashingVectorizer.toJSON and fromJSON', () => {
  const options = fc.record(
    {
      analyzer: fc.constantFrom('word' as const, 'char' as const, 'char_wb' as const),
      lowercase: fc.boolean(),
      ngramRange: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 })).map(([a, b]) => [a, a + b] as [number, number]),
      tokenPattern: fc.constantFrom('(?u)\\b\\w\\w+\\b', '\\b\\w+\\b'),
      stopWords: fc.oneof(fc.constant(null), fc.constant('english' as const), fc.array(fc.string(), { maxLength: 4 })),
      nFeatures: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      alternateSign: fc.boolean(),
      norm: fc.constantFrom('l2' as const, 'l1' as const, null),
      binary: fc.boolean(),
      dtype: fc.constantFrom('float64' as const, 'float32' as const),
    },
    { requiredKeys: [] },
  );

  it('round-trips any options exactly through JSON text', () => {
    fc.assert(
      fc.property(options, (given) => {
        const json = new HashingVectorizer(given).toJSON();
        const back = HashingVectorizer.fromJSON(JSON.stringify(json));
        expect(back.toJSON()).toEqual(json);
      }),
      { numRuns: 200 },
    );
  });

  it('writes plain JSON with format, version, every option and a null model', () => {
    expect(new HashingVectorizer({ nFeatures: 16 }).toJSON()).toEqual({
      format: 'logreg-wasm/hashing-vectorizer',
      version: 1,
      options: {
        analyzer: 'word',
        lowercase: true,
        ngramRange: [1, 1],
        tokenPattern: '(?u)\\b\\w\\w+\\b',
        stopWords: null,
        nFeatures: 16,
        alternateSign: true,
        norm: 'l2',
        binary: false,
        dtype: 'float64',
      },
      model: null,
    });
  });

  it('transforms after a round trip exactly as before', () => {
    const vectorizer = new HashingVectorizer({ analyzer: 'char_wb', ngramRange: [2, 4], dtype: 'float32' });
    const back = HashingVectorizer.fromJSON(JSON.parse(JSON.stringify(vectorizer)));
    expect(arraysOf(back.transform(fixture.docs))).toEqual(arraysOf(vectorizer.transform(fixture.docs)));
  });

  it('refuses a document of another format', () => {
    const json = { ...new HashingVectorizer().toJSON(), format: 'logreg-wasm/count-vectorizer' };
    expectError(() => HashingVectorizer.fromJSON(json), RangeError, "HashingVectorizer.fromJSON: format must be 'logreg-wasm/hashing-vectorizer', got 'logreg-wasm/count-vectorizer'");
  });

  it('refuses a document from a newer version', () => {
    const json = { ...new HashingVectorizer().toJSON(), version: 2 };
    expectError(
      () => HashingVectorizer.fromJSON(json),
      RangeError,
      'HashingVectorizer.fromJSON: this document was written by a newer logreg-wasm (format version 2); this version reads up to 1',
    );
  });

  it('refuses text that is not JSON', () => {
    expect(() => HashingVectorizer.fromJSON('{"format":')).toThrow(/^HashingVectorizer\.fromJSON: the text is not JSON \(/);
  });

  it('refuses a stored option out of range, naming it', () => {
    const json = new HashingVectorizer().toJSON();
    json.options['nFeatures'] = -1;
    expectError(() => HashingVectorizer.fromJSON(json), RangeError, 'HashingVectorizer.fromJSON: options: nFeatures must be an integer from 1 to 2147483647, got -1');
  });

  it('refuses a document without options', () => {
    const { options: _, ...json } = new HashingVectorizer().toJSON();
    expectError(() => HashingVectorizer.fromJSON(json), TypeError, "HashingVectorizer.fromJSON: the document has no 'options' field");
  });

  it('refuses a model that is not null', () => {
    const json = { ...new HashingVectorizer().toJSON(), model: { idf: [] } };
    expectError(() => HashingVectorizer.fromJSON(json), TypeError, 'HashingVectorizer.fromJSON: model must be null (a HashingVectorizer learns nothing), got an object (Object)');
  });
});
