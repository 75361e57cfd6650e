/**
 * The text features, as scikit-learn 1.2 computes them: {@link HashingVectorizer},
 * {@link CountVectorizer}, {@link TfidfTransformer} and {@link TfidfVectorizer}, each
 * returning a `CsrMatrix`, and {@link murmurhash3_32}, the hash they use.
 * @module
 */
export { HashingVectorizer, type HashingVectorizerJSON, type HashingVectorizerOptions } from './hashing-vectorizer.js';
export { CountVectorizer, type CountVectorizerJSON, type CountVectorizerOptions } from './count-vectorizer.js';
export { TfidfTransformer, type TfidfTransformerJSON, type TfidfTransformerOptions } from './tfidf-transformer.js';
export { TfidfVectorizer, type TfidfVectorizerJSON, type TfidfVectorizerOptions } from './tfidf-vectorizer.js';
export { murmurhash3_32 } from './murmurhash3.js';
export type { DocumentFrequency, FixedVocabulary, TextAnalyzer, TextNorm } from './options.js';
export type { TextModelDocument } from './text-json.js';
export type { TextAnalyzerOptions } from './analyzer.js';
export type { HashingOptions } from './hashing.js';
export type { CountOptions, CountTransformOptions } from './count.js';
export type { VocabularyOptions } from './count-vectorizer.js';
export type { TfidfOptions } from './tfidf.js';
