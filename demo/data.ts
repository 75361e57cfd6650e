/**
 * The demo's data step, run in its own worker (data-worker.ts) so that generating or
 * parsing a large data set never freezes the page: make or parse the data, then split it;
 * labelled text is also turned into features there, by a vectorizer fitted on the training
 * texts, which travels back as its JSON for the page to classify what the user types.
 * @module
 */
import {
  type CsrData,
  HashingVectorizer,
  type MakeClassificationOptions,
  Matrix,
  TfidfVectorizer,
  makeClassification,
  trainTestSplit,
  trainTestSplitIndices,
} from 'logreg-wasm';
import { CsvError, parseCsv, parseLabelledText } from './csv.js';

export interface SplitSettings {
  testSize: number;
  randomState: number;
}

/** How labelled text becomes features: the vectorizer and the longest word n-gram. */
export interface TextFeatureSettings {
  vectorizer: 'tfidf' | 'hashing';
  maxN: 1 | 2;
}

export type DataRequest =
  | { kind: 'generate'; options: MakeClassificationOptions; split: SplitSettings }
  | { kind: 'csv'; text: string; target: string; split: SplitSettings }
  | { kind: 'text'; text: string; features: TextFeatureSettings; split: SplitSettings };

/**
 * Columns of the hashed features, as examples/text-classification.ts hashes: few collisions
 * for a pasted corpus, and L-BFGS's 20 vectors of K × 2^16 coefficients stay within a tab's
 * memory for tens of classes.
 */
export const HASHING_FEATURES = 2 ** 16;

/** Numeric data, dense and row-major. */
export interface PreparedData {
  kind: 'dense';
  featureNames: string[];
  targetName: string;
  cols: number;
  XTrain: Float64Array;
  XTest: Float64Array;
  nTrain: number;
  nTest: number;
  yTrain: (number | string)[];
  yTest: (number | string)[];
  source: string;
}

/** CSR arrays, as `CsrMatrix#toData()` returns them (they cross to the page by transfer). */
export type CsrArrays = CsrData<Float64Array> & { indptr: Int32Array; indices: Int32Array };

/** Labelled text as features: the training and test rows as CSR arrays, and the fitted vectorizer. */
export interface PreparedText {
  kind: 'text';
  targetName: string;
  /** Feature columns: the vocabulary's size, or {@link HASHING_FEATURES}. */
  cols: number;
  XTrain: CsrArrays;
  XTest: CsrArrays;
  nTrain: number;
  nTest: number;
  yTrain: (number | string)[];
  yTest: (number | string)[];
  /** The fitted vectorizer's `toJSON()`; its class's `fromJSON` rebuilds it. */
  vectorizer: { kind: TextFeatureSettings['vectorizer']; json: unknown };
  source: string;
}

export type Prepared = PreparedData | PreparedText;

/** The data, or why it cannot be used; `field` is where the user fixes it (the data itself, or the target column's choice). */
export type DataReply = { ok: true; data: Prepared } | { ok: false; message: string; row: number; column: number; field: 'data' | 'target' };

/** The buffers of prepared data, to transfer rather than copy. */
export function buffersOf(data: Prepared): ArrayBuffer[] {
  if (data.kind === 'dense') return [data.XTrain.buffer as ArrayBuffer, data.XTest.buffer as ArrayBuffer];
  return [data.XTrain, data.XTest].flatMap((X) => [X.indptr.buffer, X.indices.buffer, X.values.buffer] as ArrayBuffer[]);
}

export function prepare(request: DataRequest): Prepared {
  if (request.kind === 'text') return prepareText(request.text, request.features, request.split);
  let X: Matrix;
  let y: ArrayLike<number | string>;
  let featureNames: string[];
  let targetName = 'class';
  let source: string;
  if (request.kind === 'generate') {
    const made = makeClassification(request.options);
    X = made.X;
    y = Array.from(made.y);
    featureNames = Array.from({ length: X.cols }, (_, j) => `Feature ${j + 1}`);
    source = `makeClassification (${X.rows} × ${X.cols}, seed ${String(request.options.randomState)})`;
  } else {
    const csv = parseCsv(request.text, { target: request.target });
    X = Matrix.from(csv.X, csv.rows, csv.cols);
    y = csv.y;
    featureNames = csv.featureNames;
    targetName = csv.targetName;
    source = `CSV (${csv.rows} rows × ${csv.cols} features, target "${csv.targetName}")`;
  }
  checkTwoClasses(y, request.kind === 'csv' ? `The target column "${targetName}"` : 'The generated target');
  const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, request.split);
  return {
    kind: 'dense',
    featureNames,
    targetName,
    cols: X.cols,
    XTrain: XTrain.data.slice(),
    XTest: XTest.data.slice(),
    nTrain: XTrain.rows,
    nTest: XTest.rows,
    yTrain: Array.from(yTrain as ArrayLike<number | string>),
    yTest: Array.from(yTest as ArrayLike<number | string>),
    source,
  };
}

function checkTwoClasses(y: ArrayLike<number | string>, where: string): void {
  const classes = new Set(Array.from(y));
  if (classes.size < 2) {
    throw new CsvError(`${where} has a single class (${String([...classes][0])}); logistic regression needs at least two classes.`);
  }
}

/**
 * Parses labelled text, splits the rows (scikit-learn's `train_test_split`, on the row
 * numbers) and turns them into features with a vectorizer fitted on the training texts.
 */
function prepareText(text: string, settings: TextFeatureSettings, split: SplitSettings): PreparedText {
  const parsed = parseLabelledText(text);
  const n = parsed.texts.length;
  checkTwoClasses(parsed.labels, `The label column "${parsed.labelName}"`);
  if (n < 4) throw new CsvError(`The text has ${n} examples; training and testing need at least 4.`);
  const { train: trainRows, test: testRows } = trainTestSplitIndices(n, split);
  const ngramRange: [number, number] = [1, settings.maxN];
  const vectorizer =
    settings.vectorizer === 'tfidf' ? new TfidfVectorizer({ ngramRange }) : new HashingVectorizer({ nFeatures: HASHING_FEATURES, ngramRange });
  const trainTexts = Array.from(trainRows, (i) => parsed.texts[i] as string);
  const testTexts = Array.from(testRows, (i) => parsed.texts[i] as string);
  let train;
  try {
    train = vectorizer instanceof TfidfVectorizer ? vectorizer.fitTransform(trainTexts) : vectorizer.transform(trainTexts);
  } catch (error) {
    // With the page's options, the one refusal: no token at all (scikit-learn's "empty vocabulary").
    if (!(error instanceof RangeError)) throw error;
    throw new CsvError('The training texts hold no word of two or more letters or digits: there is nothing to learn from.');
  }
  const test = vectorizer.transform(testTexts);
  const XTrain = train.toData() as CsrArrays;
  const XTest = test.toData() as CsrArrays;
  train.dispose();
  test.dispose();
  const described = settings.vectorizer === 'tfidf' ? `tf-idf, ${XTrain.cols.toLocaleString('en')} terms` : `hashed into ${XTrain.cols.toLocaleString('en')} columns`;
  return {
    kind: 'text',
    targetName: parsed.labelName,
    cols: XTrain.cols,
    XTrain,
    XTest,
    nTrain: trainRows.length,
    nTest: testRows.length,
    yTrain: Array.from(trainRows, (i) => parsed.labels[i] as number | string),
    yTest: Array.from(testRows, (i) => parsed.labels[i] as number | string),
    vectorizer: { kind: settings.vectorizer, json: vectorizer.toJSON() },
    source: `labelled text (${n.toLocaleString('en')} examples of "${parsed.textName}" labelled by "${parsed.labelName}"; ${described}${settings.maxN === 2 ? ', words and word pairs' : ''})`,
  };
}

export function prepareReply(request: DataRequest): DataReply {
  try {
    return { ok: true, data: prepare(request) };
  } catch (error) {
    const e = error as Error;
    return {
      ok: false,
      message: e instanceof CsvError ? e.message : `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}`,
      row: e instanceof CsvError ? e.row : 0,
      column: e instanceof CsvError ? e.column : 0,
      field: e instanceof CsvError ? e.field : 'data',
    };
  }
}
