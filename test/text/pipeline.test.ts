import { describe, expect, it } from 'vitest';
import { HashingVectorizer, LogisticRegression, TfidfVectorizer } from '../../src/index.js';

const docs = [
  'a wonderful, moving film with a superb cast',
  'superb acting and a wonderful score',
  'moving and wonderful from start to finish',
  'the cast is superb and the story moving',
  'a dull, tedious film with a weak plot',
  'tedious pacing and weak acting throughout',
  'dull story, weak script, tedious ending',
  'the plot is weak and the cast is dull',
];
const labels = ['pos', 'pos', 'pos', 'pos', 'neg', 'neg', 'neg', 'neg'];

describe('the text classes feed LogisticRegression', () => {
  for (const [name, make] of [
    ['TfidfVectorizer', () => new TfidfVectorizer({ ngramRange: [1, 2] })],
    ['HashingVectorizer', () => new HashingVectorizer({ nFeatures: 2 ** 12 })],
  ] as const) {
    // The CSR and dense row kernels sum the same products in another order: 1e-12 relative.
    it(`fits on ${name}'s CsrMatrix the model it fits on the same matrix made dense, to 1e-12 relative`, () => {
      const X = make().fitTransform(docs);
      const dense = X.toDense();
      try {
        const sparse = new LogisticRegression({ C: 10 }).fit(X, labels);
        const reference = new LogisticRegression({ C: 10 }).fit(dense, labels);
        const [a, b] = [Array.from(sparse.coef.data), Array.from(reference.coef.data)];
        const scale = Math.max(...b.map(Math.abs));
        expect(Math.max(...a.map((v, j) => Math.abs(v - b[j]!)))).toBeLessThanOrEqual(1e-12 * scale);
        expect(sparse.predict(X)).toEqual(labels);
      } finally {
        X.dispose();
      }
    });
  }

  it('classifies unseen documents through the fitted vectorizer', () => {
    const vectorizer = new TfidfVectorizer();
    const X = vectorizer.fitTransform(docs);
    const model = new LogisticRegression({ C: 100 }).fit(X, labels);
    const unseen = vectorizer.transform(['a superb, moving story', 'weak and tedious']);
    try {
      expect(model.predict(unseen)).toEqual(['pos', 'neg']);
    } finally {
      X.dispose();
      unseen.dispose();
    }
  });
});
