import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type HashingOptions, hashingTransform } from '../../src/text/hashing.js';
import { murmurhash3_32 } from '../../src/text/murmurhash3.js';
import { expectError } from '../assertions.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/text/hashing.json', import.meta.url), 'utf8')) as {
  docs: string[];
  cases: { options: HashingOptions; indptr: number[]; indices: number[]; values: number[] }[];
  surrogates: {
    docs: string[];
    word: { indptr: number[]; indices: number[]; values: number[] };
    charErrors: { analyzer: 'char' | 'char_wb'; pythonError: string }[];
  };
  minHash: { token: string; docs: string[]; cases: { options: HashingOptions; indptr: number[]; indices: number[]; values: number[] }[] };
};

describe('hashingTransform(docs, options) equals HashingVectorizer(**options).transform(docs) of scikit-learn 1.2.1', () => {
  for (const c of fixture.cases) {
    it(`gives the same CSR entries, values bit for bit, with ${JSON.stringify(c.options)}`, () => {
      const X = hashingTransform(fixture.docs, c.options);
      expect(X.rows).toBe(fixture.docs.length);
      expect(X.cols).toBe(c.options.nFeatures ?? 2 ** 20);
      expect(Array.from(X.indptr)).toEqual(c.indptr);
      expect(Array.from(X.indices)).toEqual(c.indices);
      expect(Array.from(X.values)).toEqual(c.values);
    });
  }

  it('keeps a stored 0 where features of opposite signs cancel, as scipy does', () => {
    const X = hashingTransform(fixture.docs, { nFeatures: 16 });
    expect(Array.from(X.values)).toContain(0);
  });

  it('sets a cancelled entry to 1 with binary, keeping every stored entry', () => {
    const counts = hashingTransform(fixture.docs, { nFeatures: 16, norm: null });
    const binary = hashingTransform(fixture.docs, { nFeatures: 16, norm: null, binary: true });
    expect(Array.from(binary.indices)).toEqual(Array.from(counts.indices));
    expect(Array.from(binary.values).every((v) => v === 1)).toBe(true);
  });
});

describe('hashingTransform of a token whose hash is −2^31', () => {
  const { token, docs, cases } = fixture.minHash;

  it('uses a token that murmurhash3_32 maps to −2^31', () => {
    expect(murmurhash3_32(token)).toBe(-(2 ** 31));
  });

  for (const c of cases) {
    it(`puts it in scikit-learn's column (2^31 − 1 − (nFeatures − 1)) mod nFeatures, which is 2^31 mod nFeatures, with ${JSON.stringify(c.options)}`, () => {
      const X = hashingTransform(docs, c.options);
      expect({ indptr: Array.from(X.indptr), indices: Array.from(X.indices), values: Array.from(X.values) }).toEqual({
        indptr: c.indptr,
        indices: c.indices,
        values: c.values,
      });
    });
  }
});

describe('hashingTransform on documents with lone surrogates', () => {
  const { docs, word, charErrors } = fixture.surrogates;

  it("hashes them with the 'word' analyzer as scikit-learn does, since no token holds a surrogate", () => {
    const X = hashingTransform(docs);
    expect({ indptr: Array.from(X.indptr), indices: Array.from(X.indices), values: Array.from(X.values) }).toEqual(word);
  });

  for (const { analyzer, pythonError } of charErrors) {
    it(`throws a RangeError naming the document and index with analyzer '${analyzer}', where scikit-learn raises UnicodeEncodeError`, () => {
      expect(pythonError).toContain('surrogates not allowed');
      expectError(
        () => hashingTransform(docs, { analyzer }),
        RangeError,
        `hashingTransform: docs[0] must be well-formed UTF-16 for analyzer '${analyzer}', got a lone surrogate U+D800 at index 5 (scikit-learn raises UnicodeEncodeError)`,
      );
    });
  }
});

describe('hashingTransform output shape', () => {
  it('returns sorted, distinct indices within each row', () => {
    const X = hashingTransform(fixture.docs, { nFeatures: 64 });
    for (let r = 0; r < X.rows; r++) {
      for (let k = X.indptr[r]! + 1; k < X.indptr[r + 1]!; k++) expect(X.indices[k]!).toBeGreaterThan(X.indices[k - 1]!);
    }
  });

  it('gives an empty row for a document without tokens', () => {
    expect(Array.from(hashingTransform(['', 'a b', 'hello']).indptr)).toEqual([0, 0, 0, 1]);
  });

  it('normalizes a row to unit l2 norm by default', () => {
    const X = hashingTransform(['one two three four']);
    expect(Array.from(X.values).reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 15);
  });
});

describe('hashingTransform refuses bad input', () => {
  it('throws a TypeError naming the index of a document that is not a string', () => {
    expectError(() => hashingTransform(['ok', 3 as unknown as string]), TypeError, 'hashingTransform: docs[1] must be a string, got a number');
    expectError(() => hashingTransform([null as unknown as string]), TypeError, 'hashingTransform: docs[0] must be a string, got null');
  });

  it('throws a TypeError for a single string instead of an array of documents', () => {
    expectError(() => hashingTransform('text' as unknown as string[]), TypeError, 'hashingTransform: docs must be an array of strings, got a string');
  });

  it('throws a RangeError for an empty array of documents, as scikit-learn refuses an empty sequence', () => {
    expectError(() => hashingTransform([]), RangeError, 'hashingTransform: docs must hold at least one document, got an array of length 0');
  });

  it('throws a RangeError for nFeatures outside 1 to 2^31 − 1', () => {
    expectError(() => hashingTransform(['a'], { nFeatures: 0 }), RangeError, 'hashingTransform: nFeatures must be an integer from 1 to 2147483647, got 0');
    expectError(() => hashingTransform(['a'], { nFeatures: 2 ** 31 }), RangeError, 'hashingTransform: nFeatures must be an integer from 1 to 2147483647, got 2147483648');
  });

  it("throws a RangeError for a norm other than 'l2', 'l1' or null", () => {
    expectError(() => hashingTransform(['a'], { norm: 'max' as 'l2' }), RangeError, "hashingTransform: norm must be 'l2', 'l1' or null, got 'max'");
  });

  it('throws a TypeError for alternateSign or binary that is not a boolean', () => {
    expectError(() => hashingTransform(['a'], { alternateSign: 0 as unknown as boolean }), TypeError, 'hashingTransform: alternateSign must be a boolean, got a number');
    expectError(() => hashingTransform(['a'], { binary: 'yes' as unknown as boolean }), TypeError, 'hashingTransform: binary must be a boolean, got a string');
  });

  it("throws a TypeError for an unknown option, suggesting the camelCase spelling of scikit-learn's name", () => {
    expectError(
      () => hashingTransform(['a'], { n_features: 8 } as HashingOptions),
      TypeError,
      "hashingTransform: unknown option 'n_features'; did you mean 'nFeatures'? (known options: analyzer, lowercase, ngramRange, tokenPattern, stopWords, nFeatures, alternateSign, norm, binary)",
    );
  });
});
