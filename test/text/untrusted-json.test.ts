import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountVectorizer, HashingVectorizer, TfidfTransformer, TfidfVectorizer } from '../../src/index.js';

describe('fromJSON of the text classes treats its input as untrusted', () => {
  const documents = () => ({
    hashing: new HashingVectorizer().toJSON(),
    count: new CountVectorizer().fit(['aa bb', 'cc']).toJSON(),
    transformer: new TfidfTransformer().fit({ rows: 2, cols: 2, indptr: [0, 1, 2], indices: [0, 1], values: [1, 2] }).toJSON(),
    vectorizer: new TfidfVectorizer().fit(['aa bb', 'cc']).toJSON(),
  });
  const readers = {
    hashing: (d: unknown) => HashingVectorizer.fromJSON(d),
    count: (d: unknown) => CountVectorizer.fromJSON(d),
    transformer: (d: unknown) => TfidfTransformer.fromJSON(d),
    vectorizer: (d: unknown) => TfidfVectorizer.fromJSON(d),
  };

  it('throws only TypeError or RangeError, naming the class, when any field is replaced by any value', () => {
    const which = fc.constantFrom('hashing' as const, 'count' as const, 'transformer' as const, 'vectorizer' as const);
    const path = fc.constantFrom(['format'], ['version'], ['options'], ['model'], ['options', 'ngramRange'], ['options', 'minDf'], ['options', 'vocabulary'], ['options', 'norm'], ['model', 'featureNames'], ['model', 'idf'], ['model', 'nFeatures'], ['options', '__proto__']);
    fc.assert(
      fc.property(which, path, fc.anything(), (kind, keys, value) => {
        const doc = documents()[kind] as unknown as Record<string, unknown>;
        const parent = keys.length === 1 ? doc : (doc[keys[0]!] as Record<string, unknown> | null);
        if (parent === null || typeof parent !== 'object') return;
        Object.defineProperty(parent, keys.at(-1)!, { value, enumerable: true, configurable: true, writable: true });
        try {
          readers[kind](JSON.parse(JSON.stringify(doc)) as unknown);
        } catch (error) {
          expect(error instanceof TypeError || error instanceof RangeError, String(error)).toBe(true);
          expect((error as Error).message).toMatch(/^(HashingVectorizer|CountVectorizer|TfidfTransformer|TfidfVectorizer)\.fromJSON: /);
        }
      }),
      { numRuns: 400 },
    );
  });
});
