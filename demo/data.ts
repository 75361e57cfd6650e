/**
 * The demo's data step, run in its own worker (data-worker.ts) so that generating or
 * parsing a large data set never freezes the page: make, fetch, parse or read the data,
 * then split it, and standardize the features when asked (a StandardScaler fitted on the
 * training rows only); labelled text is also turned into features there, by a vectorizer
 * fitted on the training texts, which travels back as its JSON for the page to classify
 * what the user types.
 * @module
 */
import {
  type CsrData,
  HashingVectorizer,
  type MakeClassificationOptions,
  Matrix,
  StandardScaler,
  TfidfVectorizer,
  labelsFromArrow,
  makeClassification,
  trainTestSplit,
  trainTestSplitIndices,
} from 'logreg-wasm';
import { CsvError, parseCsv, parseLabelledText, resolveTarget } from './csv.js';

export interface SplitSettings {
  testSize: number;
  randomState: number;
}

/** The built-in datasets: demo/datasets/<name>.csv (see its README.md for their provenance). */
export const DATASETS = {
  'breast-cancer': 'breast cancer (Wisconsin diagnostic)',
  iris: 'iris',
  wine: 'wine',
} as const;

export type DatasetName = keyof typeof DATASETS;

/** Whether `name` is one of {@link DATASETS}. */
export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(DATASETS, name);
}

/** The built-in dataset's file: beside the script asking (the page or the data worker), in the built site's datasets/. */
export function datasetUrl(name: DatasetName, base: string | URL): URL {
  return new URL(`./datasets/${name}.csv`, base);
}

/**
 * The file readers, as demo/build.ts lays them out in the site (beside main.js and
 * data-worker.js), imported at a file's first use so that neither script carries them:
 * lib/parquet/browser.js is the package's `logreg-wasm/parquet` entry with hyparquet bundled
 * in, importing the library from ../index.js — the copy the page and the worker already
 * loaded (lib/index.js), not a second one; vendor/flechette.js is @uwdata/flechette.
 * Held in variables so that esbuild leaves the imports to the browser.
 */
const PARQUET_MODULE = './lib/parquet/browser.js';
const FLECHETTE_MODULE = './vendor/flechette.js';

/** Columnar files the page reads: Parquet (through `logreg-wasm/parquet`) and Arrow IPC (file or stream; Feather v2). */
export type TableFormat = 'parquet' | 'arrow';

/** How labelled text becomes features: the vectorizer and the longest word n-gram. */
export interface TextFeatureSettings {
  vectorizer: 'tfidf' | 'hashing';
  maxN: 1 | 2;
}

/**
 * What the data worker is asked to prepare. `standardize`: scale each feature to mean 0 and
 * variance 1 with the training rows' means and deviations (applied to training and test
 * rows alike). A `table` carries the user's file itself (a Blob is cloned to the worker by
 * reference), with its name, size and date so that two files never share the page's cache key.
 */
export type DataRequest =
  | { kind: 'generate'; options: MakeClassificationOptions; split: SplitSettings; standardize: boolean }
  | { kind: 'csv'; text: string; target: string; split: SplitSettings; standardize: boolean }
  | { kind: 'dataset'; name: DatasetName; split: SplitSettings; standardize: boolean }
  | {
      kind: 'table';
      format: TableFormat;
      file: Blob;
      name: string;
      size: number;
      lastModified: number;
      target: string;
      split: SplitSettings;
      standardize: boolean;
    }
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
  /**
   * With Standardize: the training rows' mean and scale (standard deviation, 1 for a
   * constant column) of each feature, by which XTrain and XTest were standardized (the
   * data's own units: x = z × scale + mean).
   */
  standardized?: { mean: number[]; scale: number[] };
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

/**
 * Prepares the data a request describes, in the worker that runs it.
 * @throws CsvError for data the page refuses (with the row, column and field to blame);
 *   the library's errors for what it refuses (a Parquet file that is not one, say).
 */
export async function prepare(request: DataRequest): Promise<Prepared> {
  if (request.kind === 'text') return prepareText(request.text, request.features, request.split);
  const read = await readDense(request);
  const { X, y, featureNames, targetName } = read;
  try {
    checkTwoClasses(y, request.kind === 'generate' ? 'The generated target' : `The target column "${targetName}"`);
    const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, request.split);
    let train: Matrix = XTrain;
    let test: Matrix = XTest;
    let standardized: PreparedData['standardized'];
    let source = read.source;
    if (request.standardize) {
      const scaler = new StandardScaler().fit(XTrain);
      train = scaler.transform(XTrain) as Matrix;
      test = scaler.transform(XTest) as Matrix;
      XTrain.dispose();
      XTest.dispose();
      standardized = { mean: Array.from(scaler.mean ?? []), scale: Array.from(scaler.scale ?? []) };
      source += '; standardized (training means and deviations)';
    }
    const prepared: PreparedData = {
      kind: 'dense',
      featureNames,
      targetName,
      cols: X.cols,
      XTrain: train.data.slice(),
      XTest: test.data.slice(),
      nTrain: train.rows,
      nTest: test.rows,
      yTrain: Array.from(yTrain as ArrayLike<number | string>),
      yTest: Array.from(yTest as ArrayLike<number | string>),
      source,
    };
    if (standardized !== undefined) prepared.standardized = standardized;
    train.dispose();
    test.dispose();
    return prepared;
  } finally {
    X.dispose();
  }
}

/** Numeric data before the split: the features in WebAssembly memory, one label per row. */
interface DenseData {
  X: Matrix;
  y: (number | string)[];
  featureNames: string[];
  targetName: string;
  /** Where the data came from, as the page says it. */
  source: string;
}

async function readDense(request: Exclude<DataRequest, { kind: 'text' }>): Promise<DenseData> {
  switch (request.kind) {
    case 'generate': {
      const made = makeClassification(request.options);
      return {
        X: made.X,
        y: Array.from(made.y),
        featureNames: Array.from({ length: made.X.cols }, (_, j) => `Feature ${j + 1}`),
        targetName: 'class',
        source: `makeClassification (${made.X.rows} × ${made.X.cols}, seed ${String(request.options.randomState)})`,
      };
    }
    case 'csv':
      return fromCsv(request.text, request.target, 'CSV');
    case 'dataset':
      return fromCsv(await fetchDataset(request.name), 'last', `the ${DATASETS[request.name]} dataset`);
    case 'table':
      return request.format === 'parquet' ? fromParquet(request) : fromArrowFile(request);
  }
}

/** CSV text read by demo/csv.ts's rules (a built-in dataset is read as if it were pasted). */
function fromCsv(text: string, target: string, what: string): DenseData {
  const csv = parseCsv(text, { target });
  return {
    X: Matrix.from(csv.X, csv.rows, csv.cols),
    y: csv.y,
    featureNames: csv.featureNames,
    targetName: csv.targetName,
    source: `${what} (${csv.rows} rows × ${csv.cols} features, target "${csv.targetName}")`,
  };
}

/** The text of a built-in dataset, fetched from the site this worker was loaded from. */
async function fetchDataset(name: DatasetName): Promise<string> {
  if (!isDatasetName(name)) throw new CsvError(`There is no built-in dataset "${String(name)}"; choose ${Object.keys(DATASETS).join(', ')}.`);
  const url = datasetUrl(name, import.meta.url);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new CsvError(`The ${DATASETS[name]} dataset could not be fetched from ${url.pathname} (${(error as Error).message}).`);
  }
  if (!response.ok) throw new CsvError(`The ${DATASETS[name]} dataset could not be fetched from ${url.pathname} (HTTP ${response.status}).`);
  return response.text();
}

/** The column names of an Arrow-shaped table (a flechette Table or logreg-wasm/parquet's ParquetTable). */
interface NamedColumns {
  numRows: number;
  schema: { fields: readonly { name: string }[] };
}

/**
 * X and y of an Arrow-shaped table: the target chosen as for a CSV ('last', a 1-based
 * column number or a name), every other column a feature read by `Matrix.fromArrow`
 * (which refuses nulls and non-numeric columns, naming them).
 */
function fromTable(table: NamedColumns, request: Extract<DataRequest, { kind: 'table' }>, what: string): DenseData {
  const names = table.schema.fields.map((f) => f.name);
  if (names.length < 2) {
    throw new CsvError(`${request.name} has ${names.length} ${names.length === 1 ? 'column' : 'columns'}; this page needs at least two (features, then a target).`);
  }
  if (table.numRows === 0) throw new CsvError(`${request.name} has no rows.`);
  const t = resolveTarget(request.target, names, new Map(names.map((name, j) => [name, j])));
  const targetName = names[t] as string;
  const columns = names.filter((_, j) => j !== t);
  let X: Matrix;
  try {
    X = Matrix.fromArrow(table, { columns });
  } catch (error) {
    // A column that is not numbers is most likely the labels, with another column chosen as the target.
    const text = libraryMessage(error);
    const notNumeric = /is not numeric/.test(text);
    throw new CsvError(`${request.name}: ${text}${notNumeric ? '. Only the target column may hold text: choose it as the target column.' : ''}`, 0, 0, notNumeric ? 'target' : 'data');
  }
  let y: (number | string)[];
  try {
    y = labelsFromArrow(table, targetName).map((label) => (typeof label === 'boolean' ? String(label) : label));
  } catch (error) {
    X.dispose();
    throw new CsvError(`${request.name}: ${libraryMessage(error)}`, 0, 0, 'target');
  }
  return { X, y, featureNames: columns, targetName, source: `${what} ${request.name} (${X.rows} rows × ${X.cols} features, target "${targetName}")` };
}

/** An error's message as the page shows it: the library's own words. */
function libraryMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function fromParquet(request: Extract<DataRequest, { kind: 'table' }>): Promise<DenseData> {
  const table = await readParquetTable(request.file);
  return fromTable(table, request, 'Parquet file');
}

async function fromArrowFile(request: Extract<DataRequest, { kind: 'table' }>): Promise<DenseData> {
  const table = await readArrowTable(request.file, request.name);
  return fromTable(table, request, 'Arrow file');
}

/**
 * A Parquet file read whole by `logreg-wasm/parquet`'s readParquet (its schema only with
 * `schemaOnly`: no row group is read). The module is imported at first use: the site's
 * copy bundles hyparquet, and imports the library the script already has.
 * @throws CsvError with the library's message for a file it cannot read.
 */
export async function readParquetTable(file: Blob, schemaOnly = false) {
  const { readParquet } = (await import(PARQUET_MODULE)) as typeof import('logreg-wasm/parquet');
  try {
    return await readParquet(file, schemaOnly ? { rowGroups: [] } : {});
  } catch (error) {
    // The library's own words; they name the file (a File's name).
    throw new CsvError(libraryMessage(error));
  }
}

/** The Arrow IPC magic: a file starts with ARROW1; a stream with a message (0xFFFFFFFF, then its length). */
function arrowKind(bytes: Uint8Array): 'file' | 'stream' | 'feather1' | null {
  const ascii = String.fromCharCode(...bytes.subarray(0, 6));
  if (ascii === 'ARROW1') return 'file';
  if (ascii.startsWith('FEA1')) return 'feather1';
  if (bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff) return 'stream';
  return null;
}

/**
 * An Arrow IPC file or stream (Feather v2 is an Arrow IPC file) read by @uwdata/flechette's
 * tableFromIPC, imported at first use.
 * @throws CsvError for bytes that are not Arrow IPC, or that flechette cannot decode.
 */
export async function readArrowTable(file: Blob, name: string) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = arrowKind(bytes);
  if (kind === 'feather1') throw new CsvError(`${name} is a Feather version 1 file, which this page does not read: save it as Feather version 2 (Arrow IPC), the default of pyarrow and pandas since 2020.`);
  if (kind === null) throw new CsvError(`${name} is not an Arrow IPC file: it does not start with the magic bytes ARROW1 (an Arrow file, Feather v2) or an Arrow stream's first message.`);
  const { tableFromIPC } = (await import(FLECHETTE_MODULE)) as typeof import('@uwdata/flechette');
  try {
    return tableFromIPC(bytes);
  } catch (error) {
    throw new CsvError(`${name} is not a readable Arrow IPC ${kind}: ${libraryMessage(error)}`);
  }
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

/** {@link prepare}'s data, or why it cannot be used (said as the page says it). */
export async function prepareReply(request: DataRequest): Promise<DataReply> {
  try {
    return { ok: true, data: await prepare(request) };
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
