/**
 * Spark ML `LogisticRegressionModel` directories in: {@link fromSpark} reads what
 * `model.write().save(path)` writes and builds a fitted {@link LogisticRegression} through
 * the model's JSON form (`LogisticRegression.fromJSON`, one way to make a fitted model).
 *
 * The layout, from Spark's source (LogisticRegression.scala's writer and reader,
 * ReadWrite.scala's DefaultParamsWriter, ml/linalg's VectorUDT and MatrixUDT):
 * - `metadata/part-00000`: one line of JSON — `class`, `timestamp`, `sparkVersion`, `uid`,
 *   `paramMap` (params set explicitly), `defaultParamMap` (Spark ≥ 2.4) — beside `_SUCCESS`
 *   and Hadoop's `.crc` files, which are not read.
 * - `data/part-*.parquet`: one row. Spark ≥ 2.1: `numClasses` int, `numFeatures` int,
 *   `interceptVector` Vector, `coefficientMatrix` Matrix, `isMultinomial` boolean. Spark
 *   1.6 and 2.0 (binomial only): `numClasses`, `numFeatures`, `intercept` double,
 *   `coefficients` Vector.
 * - Vector: struct<type: tinyint (0 sparse, 1 dense), size: int, indices: array<int>,
 *   values: array<double>> (a dense vector leaves size and indices null).
 * - Matrix: struct<type: tinyint, numRows: int, numCols: int, colPtrs: array<int>,
 *   rowIndices: array<int>, values: array<double>, isTransposed: boolean>: dense values are
 *   column-major, or row-major when isTransposed; sparse is CSC, or CSR when isTransposed
 *   (colPtrs then point at rows and rowIndices hold columns).
 *
 * Spark stores coefficients on the original feature scale (it standardizes internally and
 * scales back before building the model), so `standardization` plays no part in reading.
 * @module
 */
import { type FromSparkOptions, LogisticRegression, registerSparkReader } from '../index.js';
import { describeKind, describeValue } from '../validate/describe.js';
import { loadParquetModules } from './read-parquet.js';

export type { FromSparkOptions };

const WHERE = 'fromSpark';
/** @internal The class name Spark's metadata gives a model this reader reads. */
export const SPARK_MODEL_CLASS = 'org.apache.spark.ml.classification.LogisticRegressionModel';
/** The RDD-based API's model: another layout (`weights`, `intercept`, `threshold`). */
const MLLIB_MODEL_CLASS = 'org.apache.spark.mllib.classification.LogisticRegressionModel';
/** The newest Spark major version whose layout this reader knows. */
const NEWEST_MAJOR = 4;
/**
 * Most coefficients a sparse matrix may declare (2 GiB of float64): its shape, unlike a
 * dense matrix's, is not bounded by the values present, and it is expanded to dense rows.
 */
const MAX_COEFFICIENTS = 2 ** 28;

/** @internal What a Spark model directory holds, checked: the parameters and the options they imply. */
export interface SparkModel {
  /** The `sparkVersion` of the metadata. */
  sparkVersion: string;
  /** Spark's `uid` of the model (e.g. `logreg_4f2c…`). */
  uid: string;
  /** Whether Spark fitted a softmax (family multinomial, or auto with more than two classes). */
  isMultinomial: boolean;
  /** Number of classes: the labels are 0 … numClasses − 1. */
  numClasses: number;
  /** Spark's coefficient matrix as rows: 1 × numFeatures (binomial) or numClasses × numFeatures. */
  coefficients: number[][];
  /** Spark's intercepts, one per row of `coefficients`. */
  intercepts: number[];
  /** Spark's `fitIntercept` param (set, else its default, true). */
  fitIntercept: boolean;
  /** The binomial decision threshold Spark's `prediction` uses (0.5 unless set); null for multinomial. */
  threshold: number | null;
  /** Spark's `thresholds` param when set, else null. */
  thresholds: number[] | null;
}

/**
 * Reads a Spark ML `LogisticRegressionModel` directory (as `model.write().save(path)`
 * writes it, from Spark 1.6 to 4.x) into a fitted {@link LogisticRegression} whose
 * probabilities are Spark's.
 *
 * Coefficients and intercepts are read exactly, as float64 (ONNX would hold float32).
 * Classes are the numbers 0 … numClasses − 1, Spark's labels 0.0, 1.0, …. A binomial
 * model becomes a binary model (`coef` 1 × d, Spark's coefficients); a multinomial one a
 * softmax (`multiClass: 'multinomial'`, `coef` K × d, Spark's coefficientMatrix) — for two
 * classes stored as scikit-learn stores a two-class softmax: one row (w₁ − w₀)/2 and
 * intercept (b₁ − b₀)/2, whose softmax(−d, d) is Spark's softmax(m₀, m₁). The model's
 * `fitIntercept` is Spark's; nIter reads 0 (Spark does not store it).
 *
 * Node only (the directory is read with `node:fs`); the data file is read with hyparquet
 * (snappy built in; gzip, zstd, brotli and lz4 when hyparquet-compressors is installed).
 * @param dir the model directory (a local path; for a PipelineModel, its stage directory
 * `stages/<n>_logreg_…`).
 * @param options see {@link FromSparkOptions}.
 * @returns a Promise of the fitted model.
 * @throws (the Promise rejects with) TypeError for a `dir` that is not a string or a field
 * of the wrong kind; Error for a missing directory, metadata or data file; RangeError for
 * metadata of another class, a Spark version this reader does not know, a data file that
 * is not Parquet, not exactly one data row, inconsistent shapes, sparse indices out of
 * range or out of order, non-finite values (Spark stores an infinite intercept for a
 * model trained on one label), or a threshold that changes Spark's predictions (see
 * {@link FromSparkOptions.ignoreThresholds}).
 * @example
 * ```ts
 * import { fromSpark } from 'logreg-wasm/parquet';
 * const model = await fromSpark('models/churn-lr'); // saved by Spark's model.save(...)
 * model.classes;         // [0, 1]
 * model.predictProba(X); // Spark's `probability` column, row by row
 * ```
 */
export async function fromSpark(dir: string, options: FromSparkOptions = {}): Promise<LogisticRegression<number>> {
  if (typeof dir !== 'string') throw new TypeError(`${WHERE}: dir must be a path (a string), got ${describeKind(dir)}`);
  const ignoreThresholds = options.ignoreThresholds ?? false;
  if (typeof ignoreThresholds !== 'boolean') {
    throw new TypeError(`${WHERE}: options.ignoreThresholds must be a boolean, got ${describeKind(ignoreThresholds)}`);
  }
  const { readdir, readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');

  const metadataText = await readMetadataText(dir, readdir, readFile, join);
  const metadata = readMetadata(metadataText, dir);
  const rows = await readDataRows(dir, readdir, readFile, join);
  const model = readSparkModel(metadata, rows);
  return sparkModelToEstimator(model, ignoreThresholds);
}

registerSparkReader(fromSpark);

type ReadDir = (path: string) => Promise<string[]>;
type ReadFile = (path: string) => Promise<Uint8Array>;
type Join = (...parts: string[]) => string;

/** Hadoop's rule: files whose name starts with '_' or '.' (_SUCCESS, .crc) are not data. */
function partFiles(names: string[]): string[] {
  return names.filter((name) => !name.startsWith('_') && !name.startsWith('.')).sort();
}

async function listDirectory(path: string, readdir: ReadDir, what: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a directory' : `cannot be read (${(cause as Error).message})`;
    throw new Error(`${WHERE}: ${path} ${reason}; ${what}`, { cause });
  }
}

/** The first line of metadata/'s part file (Spark writes one: part-00000, or part-00000-<uuid>-c000.txt). */
async function readMetadataText(dir: string, readdir: ReadDir, readFile: ReadFile, join: Join): Promise<string> {
  await listDirectory(dir, readdir, `expected a directory written by Spark's LogisticRegressionModel.save`);
  const metadataDir = join(dir, 'metadata');
  const parts = partFiles(await listDirectory(metadataDir, readdir, `a Spark model directory holds metadata/part-00000`));
  for (const name of parts) {
    const text = new TextDecoder().decode(await readFile(join(metadataDir, name)));
    const line = text.split('\n').find((candidate) => candidate.trim() !== '');
    if (line !== undefined) return line;
  }
  throw new Error(`${WHERE}: ${metadataDir} has no metadata line (expected a part-00000 file with one line of JSON)`);
}

/** @internal Spark's metadata line, with the fields this reader uses. */
export interface SparkMetadata {
  className: string;
  sparkVersion: string;
  major: number;
  minor: number;
  uid: string;
  paramMap: Record<string, unknown>;
  defaultParamMap: Record<string, unknown>;
}

/**
 * @internal exported for the tests. Checks Spark's metadata line: the class, the version (Spark's own rule: major.minor,
 * then anything after a dot) and the param maps.
 * @param source what to name in messages (the directory).
 * @throws TypeError for text that is not a JSON object or fields of the wrong kind;
 * RangeError for another model class or an unknown version.
 */
export function readMetadata(text: string, source: string): SparkMetadata {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new TypeError(`${WHERE}: ${source}: metadata is not JSON (${(cause as Error).message})`, { cause });
  }
  const doc = object(parsed, `${source}: metadata`);
  const className = doc['class'];
  if (typeof className !== 'string') throw new TypeError(`${WHERE}: ${source}: metadata.class must be a string, got ${describeKind(className)}`);
  if (className !== SPARK_MODEL_CLASS) {
    const hint =
      className === MLLIB_MODEL_CLASS
        ? ' (the RDD-based spark.mllib model, another layout; save a spark.ml LogisticRegressionModel instead)'
        : className === 'org.apache.spark.ml.PipelineModel'
          ? ' (a pipeline: pass its stage directory, stages/<n>_logreg_…)'
          : '';
    throw new RangeError(`${WHERE}: ${source} holds a ${className}${hint}; expected ${SPARK_MODEL_CLASS}`);
  }
  const sparkVersion = doc['sparkVersion'];
  if (typeof sparkVersion !== 'string') throw new TypeError(`${WHERE}: ${source}: metadata.sparkVersion must be a string, got ${describeKind(sparkVersion)}`);
  const match = /^(\d+)\.(\d+)(\..*)?$/.exec(sparkVersion);
  if (match === null) throw new RangeError(`${WHERE}: ${source}: metadata.sparkVersion '${sparkVersion}' is not a Spark version (major.minor…)`);
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major > NEWEST_MAJOR || major < 1 || (major === 1 && minor < 6)) {
    throw new RangeError(`${WHERE}: ${source} was written by Spark ${sparkVersion}; this reader knows the layouts of Spark 1.6 to ${NEWEST_MAJOR}.x`);
  }
  const uid = doc['uid'] ?? '';
  if (typeof uid !== 'string') throw new TypeError(`${WHERE}: ${source}: metadata.uid must be a string, got ${describeKind(uid)}`);
  const paramMap = object(doc['paramMap'] ?? {}, `${source}: metadata.paramMap`);
  const defaultParamMap = object(doc['defaultParamMap'] ?? {}, `${source}: metadata.defaultParamMap`);
  return { className, sparkVersion, major, minor, uid, paramMap, defaultParamMap };
}

/** Every row of data/'s Parquet files (Spark writes one file of one row). */
async function readDataRows(dir: string, readdir: ReadDir, readFile: ReadFile, join: Join): Promise<Record<string, unknown>[]> {
  const dataDir = join(dir, 'data');
  const parts = partFiles(await listDirectory(dataDir, readdir, `a Spark model directory holds data/part-….parquet`)).filter((name) => name.endsWith('.parquet'));
  if (parts.length === 0) throw new Error(`${WHERE}: ${dataDir} has no .parquet file; a Spark model directory holds data/part-….parquet`);
  const { hyparquet, compressors } = await loadParquetModules(WHERE);
  // The nested structs of Spark's Vector and Matrix, assembled: what parquetReadObjects returns.
  const { parquetReadObjects } = hyparquet as unknown as {
    parquetReadObjects(options: { file: ArrayBuffer; compressors?: Record<string, unknown> }): Promise<Record<string, unknown>[]>;
  };
  const rows: Record<string, unknown>[] = [];
  for (const name of parts) {
    const path = join(dataDir, name);
    const bytes = await readFile(path);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    try {
      rows.push(...(await parquetReadObjects({ file, ...(compressors === null ? {} : { compressors }) })));
    } catch (cause) {
      const message = (cause as Error).message;
      const hint = /compression|codec/i.test(message) && compressors === null ? '; for codecs other than snappy: npm install hyparquet-compressors' : '';
      throw new RangeError(`${WHERE}: ${path} is not a Parquet file hyparquet can read (${message})${hint}`, { cause });
    }
  }
  return rows;
}

/**
 * @internal exported for the tests. Checks one model's data row against its metadata and returns the model: shapes
 * consistent (numFeatures, numClasses, matrix rows and columns, intercept size,
 * isMultinomial against numClasses), sparse indices in range and ascending, values finite.
 * @param rows the data rows read from data/ (exactly one is expected).
 * @throws as {@link fromSpark}.
 */
export function readSparkModel(metadata: SparkMetadata, rows: readonly Record<string, unknown>[]): SparkModel {
  if (rows.length !== 1) throw new RangeError(`${WHERE}: the data of a Spark LogisticRegressionModel is one row; got ${rows.length}`);
  const row = rows[0] as Record<string, unknown>;
  const legacy = metadata.major < 2 || (metadata.major === 2 && metadata.minor === 0);
  const numClasses = int(field(row, 'numClasses', 'data'), 'data.numClasses');
  const numFeatures = int(field(row, 'numFeatures', 'data'), 'data.numFeatures');
  let isMultinomial: boolean;
  let coefficients: number[][];
  let intercepts: number[];
  if (legacy) {
    // Spark 1.6 and 2.0 fitted binomial models only: one intercept and a coefficient vector.
    isMultinomial = false;
    const intercept = field(row, 'intercept', 'data (Spark < 2.1)');
    if (typeof intercept !== 'number') throw new TypeError(`${WHERE}: data.intercept must be a double, got ${describeKind(intercept)}`);
    intercepts = [intercept];
    coefficients = [readVector(field(row, 'coefficients', 'data (Spark < 2.1)'), 'data.coefficients')];
  } else {
    const multinomial = field(row, 'isMultinomial', 'data');
    if (typeof multinomial !== 'boolean') throw new TypeError(`${WHERE}: data.isMultinomial must be a boolean, got ${describeKind(multinomial)}`);
    isMultinomial = multinomial;
    intercepts = readVector(field(row, 'interceptVector', 'data'), 'data.interceptVector', false);
    coefficients = readMatrix(field(row, 'coefficientMatrix', 'data'), 'data.coefficientMatrix');
  }
  if (numClasses < 2) throw new RangeError(`${WHERE}: data.numClasses is ${numClasses}; a model of this library has at least 2 classes (Spark saw one label)`);
  if (!isMultinomial && numClasses !== 2) throw new RangeError(`${WHERE}: data.numClasses is ${numClasses}, but isMultinomial is false; a binomial model has 2 classes`);
  const expectedRows = isMultinomial ? numClasses : 1;
  const what = isMultinomial ? `a multinomial model of ${numClasses} classes` : 'a binomial model';
  const field0 = legacy ? 'data.coefficients' : 'data.coefficientMatrix';
  if (coefficients.length !== expectedRows) throw new RangeError(`${WHERE}: ${field0} has ${coefficients.length} rows; ${what} has ${expectedRows}`);
  const columns = coefficients[0]?.length ?? 0;
  if (columns !== numFeatures) throw new RangeError(`${WHERE}: ${field0} has ${columns} columns, but data.numFeatures is ${numFeatures}`);
  if (numFeatures < 1) throw new RangeError(`${WHERE}: data.numFeatures is 0; a model needs at least one feature`);
  if (intercepts.length !== expectedRows) {
    throw new RangeError(`${WHERE}: ${legacy ? 'data.intercept' : 'data.interceptVector'} has ${intercepts.length} values; ${what} has ${expectedRows}`);
  }
  intercepts.forEach((value, k) => {
    if (Number.isNaN(value)) throw new RangeError(`${WHERE}: intercept ${k} is NaN; values must be finite`);
    if (!Number.isFinite(value)) {
      throw new RangeError(
        `${WHERE}: intercept ${k} is ${value}; Spark stores an infinite intercept for a model trained on one label, which has no finite form here (it predicts that label for every row)`,
      );
    }
  });
  const { threshold, thresholds } = readThresholds(metadata, isMultinomial, numClasses);
  const fitIntercept = param(metadata, 'fitIntercept') ?? true;
  if (typeof fitIntercept !== 'boolean') throw new TypeError(`${WHERE}: metadata param fitIntercept must be a boolean, got ${describeKind(fitIntercept)}`);
  return { sparkVersion: metadata.sparkVersion, uid: metadata.uid, isMultinomial, numClasses, coefficients, intercepts, fitIntercept, threshold, thresholds };
}

/** A param as the model has it: set (paramMap), else its default (defaultParamMap), else undefined. */
function param(metadata: SparkMetadata, name: string): unknown {
  if (Object.hasOwn(metadata.paramMap, name)) return metadata.paramMap[name];
  if (Object.hasOwn(metadata.defaultParamMap, name)) return metadata.defaultParamMap[name];
  return undefined;
}

/**
 * Spark's decision rule: binomial, predict 1 when P(1) > threshold (`thresholds` [t₀, t₁],
 * when set, means threshold 1/(1 + t₀/t₁)); multinomial, the class of largest pₖ/tₖ.
 */
function readThresholds(metadata: SparkMetadata, isMultinomial: boolean, numClasses: number): { threshold: number | null; thresholds: number[] | null } {
  const set = Object.hasOwn(metadata.paramMap, 'thresholds') ? metadata.paramMap['thresholds'] : undefined;
  let thresholds: number[] | null = null;
  if (set !== undefined && set !== null) {
    if (!Array.isArray(set) || !set.every((t) => typeof t === 'number' && t >= 0)) {
      throw new TypeError(`${WHERE}: metadata param thresholds must be an array of numbers ≥ 0, got ${describeKind(set)}`);
    }
    if (set.length !== numClasses) throw new RangeError(`${WHERE}: metadata param thresholds has ${set.length} values; the model has ${numClasses} classes`);
    thresholds = set as number[];
  }
  if (isMultinomial) return { threshold: null, thresholds };
  if (thresholds !== null) return { threshold: 1 / (1 + (thresholds[0] as number) / (thresholds[1] as number)), thresholds };
  const threshold = param(metadata, 'threshold') ?? 0.5;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(`${WHERE}: metadata param threshold must be a number in [0, 1], got ${describeValue(threshold)}`);
  }
  return { threshold, thresholds };
}

/** Whether Spark's prediction is the most probable class (first on ties), as this library's. */
function predictsMostProbable(model: SparkModel): boolean {
  if (!model.isMultinomial) return model.threshold === 0.5;
  return model.thresholds === null || model.thresholds.every((t) => t === model.thresholds?.[0] && t > 0);
}

/**
 * @internal exported for the tests. The fitted estimator of a checked Spark model, built through the model's JSON form.
 * @throws RangeError for thresholds that change Spark's predictions, unless ignored.
 */
export function sparkModelToEstimator(model: SparkModel, ignoreThresholds = false): LogisticRegression<number> {
  if (!ignoreThresholds && !predictsMostProbable(model)) {
    const rule = model.isMultinomial ? `thresholds [${(model.thresholds ?? []).join(', ')}]` : `threshold ${model.threshold}`;
    throw new RangeError(
      `${WHERE}: the Spark model predicts with ${rule}, but this library predicts the most probable class; pass { ignoreThresholds: true } to load it anyway (predictProba is Spark's probability; compare its column 1 with the threshold for Spark's prediction)`,
    );
  }
  const classes = Array.from({ length: model.numClasses }, (_, k) => k);
  let mode: 'binary' | 'multinomial';
  let coef = model.coefficients;
  let intercept = model.intercepts;
  if (!model.isMultinomial) {
    mode = 'binary';
  } else {
    mode = 'multinomial';
    if (model.numClasses === 2) {
      // softmax(m₀, m₁) = softmax(−d, d) for d = (m₁ − m₀)/2: the one row a two-class
      // softmax is stored as here.
      const [w0, w1] = coef as [number[], number[]];
      coef = [w1.map((v, j) => (v - (w0[j] as number)) / 2)];
      intercept = [((intercept[1] as number) - (intercept[0] as number)) / 2];
    }
  }
  const nIterPerProblem = [0];
  return LogisticRegression.fromJSON({
    format: 'logreg-wasm/logistic-regression',
    version: 1,
    options: { multiClass: mode === 'binary' ? 'auto' : 'multinomial', fitIntercept: model.fitIntercept },
    model: { mode, classes, coef, intercept, nIter: 0, nIterPerProblem, converged: true },
  }) as LogisticRegression<number>;
}

/**
 * A VectorUDT struct as its dense values.
 * @param checkFinite false for intercepts, whose infinities the caller explains.
 */
function readVector(value: unknown, where: string, checkFinite = true): number[] {
  const checked = (values: number[]) => (checkFinite ? finite(values, `${where}.values`) : values);
  const vector = object(value, where);
  const type = vector['type'];
  const values = numberArray(vector['values'], `${where}.values`);
  if (type === 1) {
    const size = vector['size'];
    if (size !== null && size !== undefined && int(size, `${where}.size`) !== values.length) {
      throw new RangeError(`${WHERE}: ${where} is dense with ${values.length} values, but its size is ${String(size)}`);
    }
    return checked(values);
  }
  if (type !== 0) throw new RangeError(`${WHERE}: ${where}.type must be 0 (sparse) or 1 (dense), got ${describeValue(type)}`);
  const size = int(vector['size'], `${where}.size`);
  if (size > MAX_COEFFICIENTS) throw new RangeError(`${WHERE}: ${where}.size is ${size}; at most ${MAX_COEFFICIENTS} are read`);
  const indices = intArray(vector['indices'], `${where}.indices`);
  if (indices.length !== values.length) throw new RangeError(`${WHERE}: ${where} has ${indices.length} indices and ${values.length} values`);
  checkIndices(indices, 0, indices.length, size, `${where}.indices`);
  const out = new Array<number>(size).fill(0);
  checked(values).forEach((v, i) => {
    out[indices[i] as number] = v;
  });
  return out;
}

/** A MatrixUDT struct as dense rows. */
function readMatrix(value: unknown, where: string): number[][] {
  const matrix = object(value, where);
  const type = matrix['type'];
  const numRows = int(matrix['numRows'], `${where}.numRows`);
  const numCols = int(matrix['numCols'], `${where}.numCols`);
  const transposed = matrix['isTransposed'];
  if (typeof transposed !== 'boolean') throw new TypeError(`${WHERE}: ${where}.isTransposed must be a boolean, got ${describeKind(transposed)}`);
  const values = finite(numberArray(matrix['values'], `${where}.values`), `${where}.values`);
  // Allocated only once the shape is checked against the values (dense) or the cap (sparse).
  const zeros = () => Array.from({ length: numRows }, () => new Array<number>(numCols).fill(0));
  if (type === 1) {
    if (values.length !== numRows * numCols) {
      throw new RangeError(`${WHERE}: ${where} is a dense ${numRows}×${numCols} matrix; it has ${values.length} values, expected ${numRows * numCols}`);
    }
    const rows = zeros();
    for (let i = 0; i < numRows; i++) {
      const row = rows[i] as number[];
      for (let j = 0; j < numCols; j++) row[j] = values[transposed ? i * numCols + j : j * numRows + i] as number;
    }
    return rows;
  }
  if (type !== 0) throw new RangeError(`${WHERE}: ${where}.type must be 0 (sparse) or 1 (dense), got ${describeValue(type)}`);
  if (numRows * numCols > MAX_COEFFICIENTS) throw new RangeError(`${WHERE}: ${where} is ${numRows}×${numCols}; at most ${MAX_COEFFICIENTS} coefficients are read`);
  // CSC, or CSR when transposed: colPtrs point at the outer dimension's runs.
  const outer = transposed ? numRows : numCols;
  const inner = transposed ? numCols : numRows;
  const pointers = intArray(matrix['colPtrs'], `${where}.colPtrs`);
  const indices = intArray(matrix['rowIndices'], `${where}.rowIndices`);
  const layout = transposed ? 'a transposed (CSR) sparse matrix' : 'a sparse (CSC) matrix';
  if (pointers.length !== outer + 1) {
    throw new RangeError(`${WHERE}: ${where}.colPtrs has ${pointers.length} values; ${layout} of ${numRows}×${numCols} has ${outer + 1}`);
  }
  if (indices.length !== values.length) throw new RangeError(`${WHERE}: ${where} has ${indices.length} rowIndices and ${values.length} values`);
  if (pointers[0] !== 0 || pointers[outer] !== values.length) {
    throw new RangeError(`${WHERE}: ${where}.colPtrs must run from 0 to the number of values (${values.length}); got ${pointers[0]} … ${pointers[outer]}`);
  }
  const rows = zeros();
  for (let k = 0; k < outer; k++) {
    const start = pointers[k] as number;
    const end = pointers[k + 1] as number;
    if (end < start) throw new RangeError(`${WHERE}: ${where}.colPtrs must not decrease; colPtrs[${k + 1}] = ${end} < colPtrs[${k}] = ${start}`);
    checkIndices(indices, start, end, inner, `${where}.rowIndices`);
    for (let p = start; p < end; p++) {
      const i = transposed ? k : (indices[p] as number);
      const j = transposed ? (indices[p] as number) : k;
      (rows[i] as number[])[j] = values[p] as number;
    }
  }
  return rows;
}

/** Indices [start, end) strictly ascending and in [0, bound). */
function checkIndices(indices: number[], start: number, end: number, bound: number, where: string): void {
  for (let p = start; p < end; p++) {
    const index = indices[p] as number;
    if (index < 0 || index >= bound) throw new RangeError(`${WHERE}: ${where}[${p}] is ${index}; indices must lie in [0, ${bound})`);
    if (p > start && index <= (indices[p - 1] as number)) {
      throw new RangeError(`${WHERE}: ${where} must be strictly ascending within each run; ${where}[${p}] = ${index} follows ${indices[p - 1]}`);
    }
  }
}

function numberArray(value: unknown, where: string): number[] {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new TypeError(`${WHERE}: ${where} must be an array of doubles, got ${describeKind(value)}`);
  }
  const out = Array.from(value as ArrayLike<unknown>);
  out.forEach((v, i) => {
    if (typeof v !== 'number') throw new TypeError(`${WHERE}: ${where}[${i}] is ${describeKind(v)}; expected a double`);
  });
  return out as number[];
}

function intArray(value: unknown, where: string): number[] {
  const out = numberArray(value, where);
  out.forEach((v, i) => {
    if (!Number.isInteger(v)) throw new TypeError(`${WHERE}: ${where}[${i}] is ${v}; expected an integer`);
  });
  return out;
}

function finite(values: number[], where: string): number[] {
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`${WHERE}: ${where}[${i}] is ${v}; values must be finite`);
  });
  return values;
}

function int(value: unknown, where: string): number {
  const number = typeof value === 'bigint' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
    throw new TypeError(`${WHERE}: ${where} must be an integer ≥ 0, got ${typeof value === 'number' ? value : describeKind(value)}`);
  }
  return number;
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${WHERE}: ${where} must be an object, got ${describeKind(value)}`);
  return value as Record<string, unknown>;
}

function field(row: Record<string, unknown>, key: string, where: string): unknown {
  if (!Object.hasOwn(row, key)) throw new TypeError(`${WHERE}: ${where} has no '${key}' column`);
  return row[key];
}
