import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrownDocument,
  type ReferenceCase,
  type TextClassificationResult,
  SUBSET,
  caseName,
  coefficientGap,
  extractFeatures,
  readBrownCorpus,
  readReference,
  runTextClassification,
  splitPassages,
  textClassificationReport,
} from '../../examples/text-classification.js';

// The subset `npm test` affords (the first two passages of each document, 800 / 200
// passages, the README's split); tools/text_classification_reference.py writes its
// scikit-learn 1.2.1 figures beside those of the full run.
const reference = readReference();
let corpus: BrownDocument[];

beforeAll(() => {
  corpus = readBrownCorpus();
});

function valueSum(values: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k]!;
  return sum;
}

describe('readBrownCorpus()', () => {
  it('reads the 500 documents of cats.txt with their genres and untagged words', () => {
    expect(corpus).toHaveLength(500);
    expect(new Set(corpus.map((d) => d.genre)).size).toBe(15);
    expect(corpus[0]!.id).toBe('ca01');
    expect(corpus[0]!.genre).toBe('news');
    expect(corpus[0]!.words.slice(0, 4)).toEqual(['The', 'Fulton', 'County', 'Grand']);
  });
});

describe('the text-classification example on the first two passages of each document, tf-idf features', () => {
  const ref = (): ReferenceCase => reference.cases[caseName(SUBSET, 'tfidf')]!;
  let result: TextClassificationResult;
  beforeAll(() => {
    result = runTextClassification(corpus, SUBSET, 'tfidf');
  }, 120_000); // about 4 s of CPU; more on a shared machine
  afterAll(() => result.model.dispose());

  it("holds out the same documents as scikit-learn's train_test_split, so the same passages", () => {
    expect(result.test.documents).toEqual(ref().testDocuments);
    expect([result.train.texts.length, result.test.texts.length]).toEqual([ref().nTrain, ref().nTest]);
  });

  it("learns TfidfVectorizer's vocabulary and weighs its entries to 1e-12", () => {
    expect([result.nFeatures, result.nnzTrain]).toEqual([ref().nFeatures, ref().nnzTrain]);
    // idf = ln(…) + 1 agrees with numpy's log to a few ulps, not bit for bit.
    expect(Math.abs(result.valueSumTrain - ref().valueSumTrain)).toBeLessThan(1e-12 * ref().valueSumTrain);
  });

  it("converges to scikit-learn's optimum: coefficients and intercepts within 1e-8 of its largest |coef|", () => {
    expect(result.model.converged).toBe(true);
    expect(result.model.classes).toEqual(ref().classes);
    expect(coefficientGap(result.model, ref())).toBeLessThan(1e-8);
  });

  it('predicts the genre scikit-learn predicts for every test passage, so its accuracy exactly', () => {
    expect(result.predicted).toEqual(ref().predicted.map((k) => ref().classes[k]));
    expect(result.accuracy).toBe(ref().accuracy);
  });

  it("reports our accuracy, scikit-learn's and their difference", () => {
    const report = textClassificationReport(result, 'tfidf', ref()).join('\n');
    expect(report).toContain(`Test accuracy: ${ref().accuracy.toFixed(4)}`);
    expect(report).toContain(`scikit-learn 1.2.1:  ${ref().accuracy.toFixed(4)} (difference 0; the same genre for 200 of 200 test passages)`);
  });
});

describe('the text-classification example with hashed features', () => {
  it('hashes the passages as HashingVectorizer(n_features=2**16): the same entries and value sum', () => {
    const ref = reference.cases[caseName(SUBSET, 'hashing')]!;
    const { train, test } = splitPassages(corpus, SUBSET);
    const { XTrain, XTest } = extractFeatures(train, test, 'hashing');
    try {
      expect([XTrain.rows, XTrain.cols, XTrain.nnz, XTest.rows]).toEqual([ref.nTrain, ref.nFeatures, ref.nnzTrain, ref.nTest]);
      // Counts of ±1 normalised by the same sums: the same bits, summed in the same order.
      expect(valueSum(XTrain.toData().values)).toBe(ref.valueSumTrain);
    } finally {
      XTrain.dispose();
      XTest.dispose();
    }
  });
});
