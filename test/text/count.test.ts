import { describe, expect, it } from 'vitest';
import { type CountOptions, countFitTransform, countTransform } from '../../src/text/count.js';
import { numpyArgsort } from '../../src/datasets/numpy-argsort.js';
import { expectError } from '../assertions.js';
import { type CountFixture, type Csr, readTextFixture, type VocabularyCase } from './text-fixtures.js';

type Case = VocabularyCase<CountOptions>;
const fixture = readTextFixture<CountFixture<CountOptions>>('count.json');

const arrays = (X: { indptr: Int32Array; indices: Int32Array; values: Float64Array }): Csr => ({
  indptr: Array.from(X.indptr),
  indices: Array.from(X.indices),
  values: Array.from(X.values),
});

function describeCases(docs: string[], cases: Case[]): void {
  for (const c of cases.filter((k) => k.error === undefined)) {
    it(`learns the same sorted feature names and counts with ${JSON.stringify(c.options)}`, () => {
      const { featureNames, vocabulary, X } = countFitTransform(docs, c.options);
      expect(featureNames).toEqual(c.featureNames);
      expect([...vocabulary]).toEqual(c.featureNames!.map((name, j) => [name, j]));
      expect({ rows: X.rows, cols: X.cols }).toEqual({ rows: docs.length, cols: c.featureNames!.length });
      expect(arrays(X)).toEqual({ indptr: c.indptr, indices: c.indices, values: c.values });
    });
    it(`transforms unseen documents as the fitted scikit-learn vectorizer does with ${JSON.stringify(c.options)}`, () => {
      const { vocabulary } = countFitTransform(docs, c.options);
      const { minDf, maxDf, maxFeatures, ...transformOptions } = c.options;
      const X = countTransform(fixture.unseenDocs, vocabulary, transformOptions);
      expect(arrays(X)).toEqual(c.unseen);
    });
  }
}

describe('countFitTransform(docs, options) equals CountVectorizer(**options).fit_transform(docs) of scikit-learn 1.2.1', () => {
  describeCases(fixture.docs, fixture.cases);
});

describe("countFitTransform breaks maxFeatures ties as scikit-learn's numpy argsort does", () => {
  it('uses a corpus where more terms share a count than numpy sorts by insertion', () => {
    const { X } = countFitTransform(fixture.tieDocs);
    const totals = new Map<number, number>();
    X.indices.forEach((j, k) => totals.set(j, (totals.get(j) ?? 0) + X.values[k]!));
    const perTotal = new Map<number, number>();
    for (const t of totals.values()) perTotal.set(t, (perTotal.get(t) ?? 0) + 1);
    expect(Math.max(...perTotal.values())).toBeGreaterThan(17);
  });
  describeCases(fixture.tieDocs, fixture.tieCases);
});

describe('countFitTransform sorts feature names by code point, as Python sorts str', () => {
  it('puts U+E000–U+FFFF letters before astral ones, unlike a UTF-16 sort', () => {
    const { featureNames } = countFitTransform(['𝐁𝐨𝐥𝐝 ｆｕｌｌ 豈更 zz']);
    expect(featureNames).toEqual(['zz', '豈更', 'ｆｕｌｌ', '𝐁𝐨𝐥𝐝']);
    expect(['zz', '豈更', 'ｆｕｌｌ', '𝐁𝐨𝐥𝐝'].sort()).not.toEqual(featureNames);
  });

  it('puts a lone surrogate, code point D800–DFFF to Python, before U+E000 and a pair after it', () => {
    const { docs, options, featureNames, indptr, indices, values } = fixture.surrogateOrder;
    const fit = countFitTransform(docs, options);
    expect(fit.featureNames).toEqual(featureNames);
    expect(arrays(fit.X)).toEqual({ indptr, indices, values });
  });
});

describe('countFitTransform reads minDf and maxDf as scikit-learn reads int and float', () => {
  it('takes maxDf 1 as one document and { proportion: 1 } as all of them', () => {
    const docs = ['a1 b1', 'a1 c1'];
    expect(countFitTransform(docs, { maxDf: 1 }).featureNames).toEqual(['b1', 'c1']);
    expect(countFitTransform(docs, { maxDf: { proportion: 1 } }).featureNames).toEqual(['a1', 'b1', 'c1']);
  });

  it('takes a non-integer number as a proportion', () => {
    expect(countFitTransform(['a1 b1', 'a1 c1'], { minDf: 0.75 }).featureNames).toEqual(['a1']);
  });
});

describe('countFitTransform refuses what scikit-learn refuses', () => {
  for (const c of fixture.cases.filter((k) => k.error !== undefined)) {
    it(`throws a RangeError where scikit-learn raises "${c.error}" with ${JSON.stringify(c.options)}`, () => {
      expect(() => countFitTransform(fixture.docs, c.options)).toThrow(RangeError);
    });
  }

  it('says minDf is above maxDf in documents', () => {
    expectError(
      () => countFitTransform(fixture.docs, { minDf: 3, maxDf: 2 }),
      RangeError,
      'countFitTransform: maxDf must allow at least as many documents as minDf, got maxDf 2 < minDf 3 documents',
    );
  });

  it('says when pruning leaves no term', () => {
    expectError(
      () => countFitTransform(['a1 b1', 'c1'], { minDf: 2 }),
      RangeError,
      'countFitTransform: minDf and maxDf must keep at least one term, got none left of 3 after pruning',
    );
  });

  it('says when the documents hold only stop words, as scikit-learn does', () => {
    expect(fixture.stopWordsOnly.error).toContain('empty vocabulary');
    expectError(
      () => countFitTransform(['the and of', 'a to'], { stopWords: 'english' }),
      RangeError,
      'countFitTransform: docs must hold at least one term, got none (scikit-learn: "empty vocabulary; perhaps the documents only contain stop words")',
    );
  });
});

describe('countFitTransform and countTransform reject bad arguments', () => {
  it('rejects a document that is not a string, naming its index', () => {
    expectError(() => countFitTransform(['ok', 3 as unknown as string]), TypeError, 'countFitTransform: docs[1] must be a string, got a number');
  });

  it('rejects an empty docs array', () => {
    expectError(() => countFitTransform([]), RangeError, 'countFitTransform: docs must hold at least one document, got an array of length 0');
  });

  it('rejects a proportion above 1', () => {
    expectError(
      () => countFitTransform(['a1'], { maxDf: 1.5 }),
      RangeError,
      'countFitTransform: maxDf must be an integer count ≥ 0 or a proportion in [0, 1], got 1.5',
    );
  });

  it('rejects maxFeatures below 1', () => {
    expect(() => countFitTransform(['a1'], { maxFeatures: 0 })).toThrow(RangeError);
  });

  it('rejects an unknown option name', () => {
    expect(() => countFitTransform(['a1'], { maxDF: 1 } as CountOptions)).toThrow(/maxDF/);
  });

  it('rejects a vocabulary whose columns are not 0…size − 1', () => {
    expectError(
      () => countTransform(['a1'], new Map([['a1', 1]])),
      RangeError,
      "countTransform: vocabulary must map its terms to the columns 0…0, each once, got 'a1' → 1",
    );
  });

  it('rejects a vocabulary that is neither an array, a Map nor an object', () => {
    expectError(
      () => countTransform(['a1'], 3 as unknown as string[]),
      TypeError,
      'countTransform: vocabulary must be an array of terms, a Map or an object from term to column, got a number',
    );
  });

  it('rejects an empty vocabulary', () => {
    expectError(() => countTransform(['a1'], {}), RangeError, 'countTransform: vocabulary must hold at least one term, got an empty vocabulary');
  });
});

describe("numpyArgsort(keys) equals numpy 1.24's np.argsort(keys) with the default kind", () => {
  for (const { keys, order } of fixture.argsort) {
    it(`orders ${keys.length} keys (${keys.slice(0, 6).join(', ')}, …) as numpy does`, () => {
      expect(Array.from(numpyArgsort(Float64Array.from(keys)))).toEqual(order);
    });
  }
});
