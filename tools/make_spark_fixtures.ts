/**
 * Writes test/fixtures/spark/: directories laid out as Spark ML's
 * `LogisticRegressionModel.write().save(path)` writes them, for `fromSpark`'s tests. No Spark
 * runs here: the layout is taken from Spark's source —
 * - LogisticRegression.scala (LogisticRegressionModelWriter/Reader): metadata through
 *   DefaultParamsWriter, and one data row (numClasses int, numFeatures int, interceptVector
 *   Vector, coefficientMatrix Matrix, isMultinomial boolean) written by
 *   `createDataFrame(Seq(data)).repartition(1).write.parquet(path/data)`; Spark 1.6/2.0's
 *   row (numClasses, numFeatures, intercept double, coefficients Vector);
 * - ReadWrite.scala (DefaultParamsWriter.getMetadataToSave): one compact JSON line, class,
 *   timestamp, sparkVersion, uid, paramMap, defaultParamMap, saved with saveAsTextFile
 *   (metadata/part-00000 and _SUCCESS, with Hadoop's .crc files beside them);
 * - ml/linalg/VectorUDT.scala and MatrixUDT.scala: the structs and their null fields
 *   (a dense vector has null size and indices; a dense matrix null colPtrs and rowIndices);
 * - LogisticRegression.train: the coefficient matrix is `.compressed` (dense row-major, or
 *   sparse CSR or CSC, whichever is smallest) and a multinomial model without intercept has
 *   an empty sparse intercept vector; a model of one label an infinite intercept.
 *
 * The Parquet files are written by DuckDB with Spark's column names and types (tinyint,
 * int, double, boolean, lists), snappy, and Spark's key-value metadata
 * (org.apache.spark.version, org.apache.spark.sql.parquet.row.metadata); DuckDB marks every
 * field optional and annotates ints INT_32. Two cases are written by hyparquet-writer with
 * the schema Spark's writer derives from the row's StructType (sparkSchema below): root
 * spark_schema, required fields where Spark's are not nullable, tinyint as INT32 with
 * INTEGER(8, signed), int as bare INT32, lists in three levels (list/element) with required
 * elements (containsNull false). Their created_by is hyparquet-writer's, not parquet-mr's. Every double is
 * written from its shortest round-trip text through a VARCHAR → DOUBLE cast (a bare SQL
 * literal would be a DECIMAL) and read back with hyparquet: the script stops if any value
 * differs in its bits. Each case's numbers go to cases.json, which the tests compare with.
 *
 * The trained cases are fitted by this library (so their coefficients look like a fit's),
 * on makeClassification data; the tests compute Spark's probabilities from the raw
 * numbers on their own.
 *
 *   npx tsx tools/make_spark_fixtures.ts
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetReadObjects, type SchemaElement } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { LogisticRegression, makeClassification } from '../src/index.js';

const OUT = 'test/fixtures/spark';
const MODEL_CLASS = 'org.apache.spark.ml.classification.LogisticRegressionModel';

type Vector = { type: 1; values: number[] } | { type: 0; size: number; indices: number[]; values: number[] };
type Matrix =
  | { type: 1; numRows: number; numCols: number; values: number[]; isTransposed: boolean }
  | { type: 0; numRows: number; numCols: number; colPtrs: number[]; rowIndices: number[]; values: number[]; isTransposed: boolean };

interface Case {
  name: string;
  what: string;
  sparkVersion?: string;
  className?: string;
  paramMap?: Record<string, unknown>;
  /** Spark < 2.4 wrote no defaultParamMap. */
  noDefaults?: boolean;
  /** The data row; undefined: no data directory. */
  data?: Record<string, unknown> & { numClasses: number; numFeatures: number };
  /** Write this text instead of a Parquet file. */
  dataText?: string;
  codec?: 'snappy' | 'zstd';
  /**
   * 'duckdb' (default): DuckDB's COPY, Spark's names and types; 'spark-schema': hyparquet-writer
   * with the exact schema Spark's Parquet writer derives (see sparkSchema).
   */
  writer?: 'duckdb' | 'spark-schema';
  /** More than one row. */
  rows?: number;
  /** For good cases, what the model is (the tests check against it). */
  expect?: { coefficients: number[][]; intercepts: number[]; isMultinomial: boolean; numClasses: number };
  /** For bad cases, a fragment of the message. */
  error?: string;
}

/** Spark's defaults of a LogisticRegressionModel's params, as the metadata of 3.x lists them. */
const DEFAULT_PARAMS = {
  aggregationDepth: 2,
  elasticNetParam: 0.0,
  family: 'auto',
  featuresCol: 'features',
  fitIntercept: true,
  labelCol: 'label',
  maxBlockSizeInMB: 0.0,
  maxIter: 100,
  predictionCol: 'prediction',
  probabilityCol: 'probability',
  rawPredictionCol: 'rawPrediction',
  regParam: 0.0,
  standardization: true,
  threshold: 0.5,
  tol: 1e-6,
};

/** Deterministic hex from a name: the uid's and file names' random parts, stable across runs. */
function hex(name: string, length: number): string {
  return createHash('sha256').update(name).digest('hex').slice(0, length);
}
function uuid(name: string): string {
  const h = hex(`uuid:${name}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Hadoop's checksum file: "crc\0", bytesPerChecksum (512), then the CRC32 of each 512-byte chunk, big-endian. */
function crcFile(bytes: Uint8Array): Uint8Array {
  const chunks = Math.ceil(bytes.length / 512);
  const out = Buffer.alloc(8 + 4 * chunks);
  out.write('crc\0', 0, 'latin1');
  out.writeInt32BE(512, 4);
  for (let k = 0; k < chunks; k++) out.writeUInt32BE(crc32(bytes.subarray(k * 512, (k + 1) * 512)), 8 + 4 * k);
  return out;
}

function writeWithCrc(dir: string, name: string, bytes: Uint8Array): void {
  writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, `.${name}.crc`), crcFile(bytes));
}

// --- SQL for Spark's structs -------------------------------------------------------------

const VECTOR_TYPE = 'STRUCT("type" TINYINT, "size" INTEGER, "indices" INTEGER[], "values" DOUBLE[])';
const MATRIX_TYPE =
  'STRUCT("type" TINYINT, "numRows" INTEGER, "numCols" INTEGER, "colPtrs" INTEGER[], "rowIndices" INTEGER[], "values" DOUBLE[], "isTransposed" BOOLEAN)';

/** A list of doubles, each parsed from its shortest round-trip text (a bare literal is a DECIMAL). */
function doubles(values: number[]): string {
  const text = values.map((v) => `'${Object.is(v, -0) ? '-0.0' : String(v)}'`);
  return `[${text.join(', ')}]::VARCHAR[]::DOUBLE[]`;
}
function ints(values: number[] | null): string {
  return values === null ? 'NULL::INTEGER[]' : `[${values.join(', ')}]::INTEGER[]`;
}
function vectorSql(v: Vector): string {
  return v.type === 1
    ? `{'type': 1, 'size': NULL, 'indices': NULL, 'values': ${doubles(v.values)}}::${VECTOR_TYPE}`
    : `{'type': 0, 'size': ${v.size}, 'indices': ${ints(v.indices)}, 'values': ${doubles(v.values)}}::${VECTOR_TYPE}`;
}
function matrixSql(m: Matrix): string {
  const sparse = m.type === 0;
  return `{'type': ${m.type}, 'numRows': ${m.numRows}, 'numCols': ${m.numCols}, 'colPtrs': ${ints(sparse ? m.colPtrs : null)}, 'rowIndices': ${ints(sparse ? m.rowIndices : null)}, 'values': ${doubles(m.values)}, 'isTransposed': ${m.isTransposed}}::${MATRIX_TYPE}`;
}
function valueSql(name: string, value: unknown): string {
  if (name === 'intercept') return `'${String(value)}'::DOUBLE`;
  if (typeof value === 'object' && value !== null && 'numRows' in value) return matrixSql(value as Matrix);
  if (typeof value === 'object' && value !== null && 'type' in value) return vectorSql(value as Vector);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isInteger(value)) return `${value}::INTEGER`;
  if (typeof value === 'number') return `'${String(value)}'::DOUBLE`;
  throw new Error(`no SQL for ${String(value)}`);
}

/** Spark's schema JSON for the row metadata key (the UDTs with their sqlType). */
function sparkRowMetadata(data: Record<string, unknown>): string {
  const list = (element: string) => ({ type: 'array', elementType: element, containsNull: false });
  const vectorUdt = {
    type: 'udt',
    class: 'org.apache.spark.ml.linalg.VectorUDT',
    pyClass: 'pyspark.ml.linalg.VectorUDT',
    sqlType: {
      type: 'struct',
      fields: [
        { name: 'type', type: 'byte', nullable: false, metadata: {} },
        { name: 'size', type: 'integer', nullable: true, metadata: {} },
        { name: 'indices', type: list('integer'), nullable: true, metadata: {} },
        { name: 'values', type: list('double'), nullable: true, metadata: {} },
      ],
    },
  };
  const matrixUdt = {
    type: 'udt',
    class: 'org.apache.spark.ml.linalg.MatrixUDT',
    pyClass: 'pyspark.ml.linalg.MatrixUDT',
    sqlType: {
      type: 'struct',
      fields: [
        { name: 'type', type: 'byte', nullable: false, metadata: {} },
        { name: 'numRows', type: 'integer', nullable: false, metadata: {} },
        { name: 'numCols', type: 'integer', nullable: false, metadata: {} },
        { name: 'colPtrs', type: list('integer'), nullable: true, metadata: {} },
        { name: 'rowIndices', type: list('integer'), nullable: true, metadata: {} },
        { name: 'values', type: list('double'), nullable: true, metadata: {} },
        { name: 'isTransposed', type: 'boolean', nullable: false, metadata: {} },
      ],
    },
  };
  const fields = Object.entries(data).map(([name, value]) => {
    const type =
      typeof value === 'object' && value !== null && 'numRows' in value
        ? matrixUdt
        : typeof value === 'object' && value !== null
          ? vectorUdt
          : typeof value === 'boolean'
            ? 'boolean'
            : name === 'intercept'
              ? 'double'
              : 'integer';
    // The case class's Int, Double and Boolean fields are not nullable; the UDT fields are.
    return { name, type, nullable: typeof type !== 'string', metadata: {} };
  });
  return JSON.stringify({ type: 'struct', fields });
}

// --- dense and sparse forms, as Spark's Matrix and Vector classes hold them ---------------

function denseRowMajor(rows: number[][]): Matrix {
  return { type: 1, numRows: rows.length, numCols: rows[0]!.length, values: rows.flat(), isTransposed: true };
}
function denseColMajor(rows: number[][]): Matrix {
  const values: number[] = [];
  for (let j = 0; j < rows[0]!.length; j++) for (const row of rows) values.push(row[j]!);
  return { type: 1, numRows: rows.length, numCols: rows[0]!.length, values, isTransposed: false };
}
/** CSR (isTransposed) of the nonzeros: colPtrs are row pointers, rowIndices column indices. */
function sparseCsr(rows: number[][]): Matrix {
  const colPtrs = [0];
  const rowIndices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    row.forEach((v, j) => {
      if (v !== 0) {
        rowIndices.push(j);
        values.push(v);
      }
    });
    colPtrs.push(values.length);
  }
  return { type: 0, numRows: rows.length, numCols: rows[0]!.length, colPtrs, rowIndices, values, isTransposed: true };
}
function sparseCsc(rows: number[][]): Matrix {
  const colPtrs = [0];
  const rowIndices: number[] = [];
  const values: number[] = [];
  for (let j = 0; j < rows[0]!.length; j++) {
    rows.forEach((row, i) => {
      if (row[j] !== 0) {
        rowIndices.push(i);
        values.push(row[j]!);
      }
    });
    colPtrs.push(values.length);
  }
  return { type: 0, numRows: rows.length, numCols: rows[0]!.length, colPtrs, rowIndices, values, isTransposed: false };
}
const dense = (values: number[]): Vector => ({ type: 1, values });

// --- models --------------------------------------------------------------------------------

/** A binary and a 3-class softmax fitted by this library on makeClassification data. */
function trainedModels(): { binary: { w: number[][]; b: number[] }; softmax: { w: number[][]; b: number[] } } {
  const two = makeClassification({ nSamples: 200, nFeatures: 4, nInformative: 3, nRedundant: 1, randomState: 16 });
  const binary = new LogisticRegression({ C: 1 }).fit(two.X, two.y);
  const three = makeClassification({ nSamples: 300, nFeatures: 5, nInformative: 3, nRedundant: 1, nClasses: 3, randomState: 17 });
  const softmax = new LogisticRegression({ C: 1, multiClass: 'multinomial' }).fit(three.X, three.y);
  return {
    binary: { w: binary.coef.toArray(), b: Array.from(binary.intercept) },
    softmax: { w: softmax.coef.toArray(), b: Array.from(softmax.intercept) },
  };
}

function cases(): Case[] {
  const { binary, softmax } = trainedModels();
  // As an L1 fit leaves them: whole coefficients at exactly zero.
  const l1 = [
    [0, 1.25, 0, 0, -0.75, 0],
    [0.5, 0, 0, 0, 0, 0],
    [0, 0, 0, -2.5, 0, 0.125],
  ];
  const l1Intercepts = [0.3, -0.1, -0.2];
  // Four classes of two features: CSC is the smaller sparse form (K > d).
  const tall = [
    [0, 1.5],
    [-0.5, 0],
    [0, 0],
    [2.25, -1],
  ];
  // Values whose bits a lossy path would change.
  const exact = [0.1 + 0.2, 1 / 3, -Math.E * 1e-300, 5e-324, -0, 123456789.12345679, -1e-7];
  const bin = (w: number[][], b: number[]) => ({ coefficients: w, intercepts: b, isMultinomial: false, numClasses: 2 });
  const soft = (w: number[][], b: number[]) => ({ coefficients: w, intercepts: b, isMultinomial: true, numClasses: w.length });
  const row = (numClasses: number, numFeatures: number, interceptVector: Vector, coefficientMatrix: Matrix, isMultinomial: boolean) => ({
    numClasses,
    numFeatures,
    interceptVector,
    coefficientMatrix,
    isMultinomial,
  });
  const twoClassSoftmax = [
    [-0.625, 0.25, 1.5],
    [0.625, -0.25, -1.5],
  ];
  return [
    {
      name: 'binomial-dense',
      what: 'binomial, dense row-major 1×4 (a fit), Spark 3.5.1',
      paramMap: { regParam: 0.01 },
      data: row(2, 4, dense(binary.b), denseRowMajor(binary.w), false),
      expect: bin(binary.w, binary.b),
    },
    {
      name: 'multinomial-dense',
      what: 'multinomial 3 classes, dense row-major 3×5 (a fit)',
      paramMap: { family: 'multinomial' },
      data: row(3, 5, dense(softmax.b), denseRowMajor(softmax.w), true),
      expect: soft(softmax.w, softmax.b),
    },
    {
      name: 'multinomial-colmajor',
      what: 'the same multinomial model, dense column-major (isTransposed false)',
      data: row(3, 5, dense(softmax.b), denseColMajor(softmax.w), true),
      expect: soft(softmax.w, softmax.b),
    },
    {
      name: 'multinomial-sparse-csr',
      what: 'multinomial 3×6 with zeros (l1), sparse CSR (isTransposed true)',
      paramMap: { elasticNetParam: 1.0, regParam: 0.05 },
      data: row(3, 6, dense(l1Intercepts), sparseCsr(l1), true),
      expect: soft(l1, l1Intercepts),
    },
    {
      name: 'multinomial-sparse-csc',
      what: 'multinomial 4×2, sparse CSC (isTransposed false)',
      data: row(4, 2, dense([0.1, 0.2, -0.4, 0.1]), sparseCsc(tall), true),
      expect: soft(tall, [0.1, 0.2, -0.4, 0.1]),
    },
    {
      name: 'binomial-sparse',
      what: 'binomial 1×8 with three nonzeros, sparse CSR',
      data: row(2, 8, dense([-0.75]), sparseCsr([[0, 0, 2.5, 0, 0, -1.25, 0, 0.5]]), false),
      expect: bin([[0, 0, 2.5, 0, 0, -1.25, 0, 0.5]], [-0.75]),
    },
    {
      name: 'binomial-exact-bits',
      what: 'binomial whose values need every bit (0.1 + 0.2, 1/3, a subnormal, −0), Spark 3.3.2',
      sparkVersion: '3.3.2',
      data: row(2, exact.length, dense([-1 / 7]), denseRowMajor([exact]), false),
      expect: bin([exact], [-1 / 7]),
    },
    {
      name: 'binomial-no-intercept',
      what: 'binomial with fitIntercept false: interceptVector dense [0.0]',
      paramMap: { fitIntercept: false },
      data: row(2, 3, dense([0]), denseRowMajor([[0.5, -1, 2]]), false),
      expect: bin([[0.5, -1, 2]], [0]),
    },
    {
      name: 'multinomial-no-intercept',
      what: 'multinomial with fitIntercept false: interceptVector sparse, size 3, no entries',
      paramMap: { fitIntercept: false, family: 'multinomial' },
      data: row(3, 2, { type: 0, size: 3, indices: [], values: [] }, denseRowMajor([[1, -1], [0.5, 0.5], [-1.5, 0.5]]), true),
      expect: soft([[1, -1], [0.5, 0.5], [-1.5, 0.5]], [0, 0, 0]),
    },
    {
      name: 'multinomial-two-classes',
      what: 'family multinomial on two classes: 2×3 softmax',
      paramMap: { family: 'multinomial' },
      data: row(2, 3, dense([-0.25, 0.25]), denseRowMajor(twoClassSoftmax), true),
      expect: soft(twoClassSoftmax, [-0.25, 0.25]),
    },
    {
      name: 'binomial-spark-schema',
      what: "binomial, dense, in the exact Parquet schema Spark's writer derives (hyparquet-writer)",
      writer: 'spark-schema',
      data: row(2, 4, dense(binary.b), denseRowMajor(binary.w), false),
      expect: bin(binary.w, binary.b),
    },
    {
      name: 'multinomial-spark-schema',
      what: "multinomial, sparse CSR, no intercept (empty sparse vector), in Spark's exact Parquet schema",
      writer: 'spark-schema',
      paramMap: { fitIntercept: false, elasticNetParam: 1.0, regParam: 0.05 },
      data: row(3, 6, { type: 0, size: 3, indices: [], values: [] }, sparseCsr(l1), true),
      expect: soft(l1, [0, 0, 0]),
    },
    {
      name: 'binomial-zstd',
      what: 'binomial written with spark.sql.parquet.compression.codec zstd',
      codec: 'zstd',
      data: row(2, 4, dense(binary.b), denseRowMajor(binary.w), false),
      expect: bin(binary.w, binary.b),
    },
    {
      name: 'spark-2.0-legacy',
      what: 'Spark 2.0.2 layout: intercept double and coefficients Vector, no defaultParamMap',
      sparkVersion: '2.0.2',
      noDefaults: true,
      // Before 2.4 paramMap held every param, defaults included (extractParamMap); 2.0 had
      // neither family, aggregationDepth nor maxBlockSizeInMB.
      paramMap: Object.fromEntries(Object.entries(DEFAULT_PARAMS).filter(([key]) => !['family', 'aggregationDepth', 'maxBlockSizeInMB'].includes(key))),
      data: { numClasses: 2, numFeatures: 3, intercept: 0.375, coefficients: dense([1.5, -0.5, 0.25]) },
      expect: bin([[1.5, -0.5, 0.25]], [0.375]),
    },
    {
      name: 'spark-4.0',
      what: 'Spark 4.0.1 metadata (same data layout)',
      sparkVersion: '4.0.1',
      data: row(2, 4, dense(binary.b), denseRowMajor(binary.w), false),
      expect: bin(binary.w, binary.b),
    },
    {
      name: 'binomial-threshold',
      what: 'binomial with threshold 0.3 set: Spark predicts 1 when P(1) > 0.3',
      paramMap: { threshold: 0.3 },
      data: row(2, 4, dense(binary.b), denseRowMajor(binary.w), false),
      expect: bin(binary.w, binary.b),
    },
    // --- bad ---
    {
      name: 'bad-class',
      what: 'metadata of another model class (LinearSVCModel)',
      className: 'org.apache.spark.ml.classification.LinearSVCModel',
      data: row(2, 4, dense(binary.b), denseRowMajor(binary.w), false),
      error: 'holds a org.apache.spark.ml.classification.LinearSVCModel; expected org.apache.spark.ml.classification.LogisticRegressionModel',
    },
    {
      name: 'bad-mllib-class',
      what: 'the RDD-based spark.mllib model',
      className: 'org.apache.spark.mllib.classification.LogisticRegressionModel',
      data: row(2, 4, dense(binary.b), denseRowMajor(binary.w), false),
      error: 'the RDD-based spark.mllib model',
    },
    {
      name: 'bad-version',
      what: 'sparkVersion 5.0.0, a layout this reader does not know',
      sparkVersion: '5.0.0',
      data: row(2, 4, dense(binary.b), denseRowMajor(binary.w), false),
      error: 'was written by Spark 5.0.0; this reader knows the layouts of Spark 1.6 to 4.x',
    },
    {
      name: 'bad-num-features',
      what: 'numFeatures 4, coefficient matrix 1×3',
      data: row(2, 4, dense([0.5]), denseRowMajor([[1, 2, 3]]), false),
      error: 'data.coefficientMatrix has 3 columns, but data.numFeatures is 4',
    },
    {
      name: 'bad-intercept-size',
      what: 'multinomial of 3 classes with 2 intercepts',
      data: row(3, 2, dense([0.1, 0.2]), denseRowMajor([[1, 2], [3, 4], [5, 6]]), true),
      error: 'data.interceptVector has 2 values; a multinomial model of 3 classes has 3',
    },
    {
      name: 'bad-multinomial-flag',
      what: 'isMultinomial false with numClasses 3',
      data: row(3, 2, dense([0.1]), denseRowMajor([[1, 2]]), false),
      error: 'data.numClasses is 3, but isMultinomial is false; a binomial model has 2 classes',
    },
    {
      name: 'bad-dense-size',
      what: 'dense 3×2 matrix with 5 values',
      data: row(3, 2, dense([0.1, 0.2, 0.3]), { type: 1, numRows: 3, numCols: 2, values: [1, 2, 3, 4, 5], isTransposed: true }, true),
      error: 'is a dense 3×2 matrix; it has 5 values, expected 6',
    },
    {
      name: 'bad-sparse-order',
      what: 'CSR row whose column indices descend',
      data: row(2, 4, dense([0]), { type: 0, numRows: 1, numCols: 4, colPtrs: [0, 2], rowIndices: [3, 1], values: [1, 2], isTransposed: true }, false),
      error: 'data.coefficientMatrix.rowIndices must be strictly ascending within each run; data.coefficientMatrix.rowIndices[1] = 1 follows 3',
    },
    {
      name: 'bad-sparse-range',
      what: 'CSC row index beyond numRows',
      data: row(3, 2, dense([0, 0, 0]), { type: 0, numRows: 3, numCols: 2, colPtrs: [0, 1, 2], rowIndices: [0, 3], values: [1, 2], isTransposed: false }, true),
      error: 'data.coefficientMatrix.rowIndices[1] is 3; indices must lie in [0, 3)',
    },
    {
      name: 'bad-one-label',
      what: "Spark's model of one label: empty sparse 1×3 CSR and intercept +Infinity",
      data: row(2, 3, dense([Infinity]), { type: 0, numRows: 1, numCols: 3, colPtrs: [0, 0], rowIndices: [], values: [], isTransposed: true }, false),
      error: 'intercept 0 is Infinity; Spark stores an infinite intercept for a model trained on one label',
    },
    {
      name: 'bad-two-rows',
      what: 'a data file of two rows',
      rows: 2,
      data: row(2, 4, dense(binary.b), denseRowMajor(binary.w), false),
      error: 'the data of a Spark LogisticRegressionModel is one row; got 2',
    },
    {
      name: 'bad-no-data',
      what: 'metadata only, no data directory',
      error: 'data does not exist; a Spark model directory holds data/part-….parquet',
    },
    {
      name: 'bad-not-parquet',
      what: 'a data file that is not Parquet',
      dataText: 'numClasses,numFeatures\n2,4\n',
      error: 'is not a Parquet file hyparquet can read',
    },
  ];
}

/** Spark's UDT serializers leave the unused fields null (VectorUDT.serialize, MatrixUDT.serialize). */
function nullFields(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const v = value as Record<string, unknown>;
  if ('numRows' in v) return { colPtrs: null, rowIndices: null, ...v };
  return { size: null, indices: null, ...v };
}

/**
 * The Parquet schema Spark's writer (SparkToParquetSchemaConverter, non-legacy format)
 * derives from the row's StructType: a field is required when not nullable; ByteType is
 * INT32 annotated INTEGER(8, signed); IntegerType bare INT32; an array of containsNull
 * false a LIST of three levels whose element is required.
 */
function sparkSchema(data: Record<string, unknown>): SchemaElement[] {
  const int8 = { converted_type: 'INT_8', logical_type: { type: 'INTEGER', bitWidth: 8, isSigned: true } };
  const list = (name: string, type: string) => [
    { name, repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST', logical_type: { type: 'LIST' } },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', repetition_type: 'REQUIRED', type },
  ];
  const vector = (name: string) => [
    { name, repetition_type: 'OPTIONAL', num_children: 4 },
    { name: 'type', type: 'INT32', repetition_type: 'REQUIRED', ...int8 },
    { name: 'size', type: 'INT32', repetition_type: 'OPTIONAL' },
    ...list('indices', 'INT32'),
    ...list('values', 'DOUBLE'),
  ];
  const matrix = (name: string) => [
    { name, repetition_type: 'OPTIONAL', num_children: 7 },
    { name: 'type', type: 'INT32', repetition_type: 'REQUIRED', ...int8 },
    { name: 'numRows', type: 'INT32', repetition_type: 'REQUIRED' },
    { name: 'numCols', type: 'INT32', repetition_type: 'REQUIRED' },
    ...list('colPtrs', 'INT32'),
    ...list('rowIndices', 'INT32'),
    ...list('values', 'DOUBLE'),
    { name: 'isTransposed', type: 'BOOLEAN', repetition_type: 'REQUIRED' },
  ];
  const fields = Object.entries(data).flatMap(([name, value]) => {
    if (typeof value === 'object' && value !== null) return 'numRows' in value ? matrix(name) : vector(name);
    if (typeof value === 'boolean') return [{ name, type: 'BOOLEAN', repetition_type: 'REQUIRED' }];
    return [{ name, type: name === 'intercept' ? 'DOUBLE' : 'INT32', repetition_type: 'REQUIRED' }];
  });
  return [{ name: 'spark_schema', num_children: Object.keys(data).length }, ...fields] as SchemaElement[];
}

function metadataLine(c: Case): string {
  const version = c.sparkVersion ?? '3.5.1';
  const doc: Record<string, unknown> = {
    class: c.className ?? MODEL_CLASS,
    timestamp: 1764633600000 + Number.parseInt(hex(c.name, 6), 16),
    sparkVersion: version,
    uid: `logreg_${hex(c.name, 12)}`,
    paramMap: c.paramMap ?? {},
  };
  if (!c.noDefaults) doc['defaultParamMap'] = DEFAULT_PARAMS;
  // json4s renders a DoubleParam as Java's Double.toString (0.0, 0.5, 1.0E-6); JSON.stringify
  // would write 0, 0.5, 0.000001.
  const marked = JSON.stringify(doc, (key, value) => (DOUBLE_PARAMS.has(key) && typeof value === 'number' ? `__double__${javaDouble(value)}` : value));
  return marked.replace(/"__double__([^"]*)"/g, '$1');
}

const DOUBLE_PARAMS = new Set(['elasticNetParam', 'maxBlockSizeInMB', 'regParam', 'threshold', 'tol']);

/** Java's Double.toString for the values used here: a '.0' on whole numbers, 'E' notation below 10⁻³. */
function javaDouble(value: number): string {
  if (value !== 0 && Math.abs(value) < 1e-3) {
    const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
    return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
  }
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

async function writeData(connection: Awaited<ReturnType<DuckDBInstance['connect']>>, c: Case, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const file = `part-00000-${uuid(c.name)}-c000.${c.codec ?? 'snappy'}.parquet`;
  if (c.dataText !== undefined) {
    writeWithCrc(dir, file, Buffer.from(c.dataText));
  } else {
    const data = c.data!;
    const select = Object.entries(data)
      .map(([name, value]) => `${valueSql(name, value)} AS "${name}"`)
      .join(', ');
    const repeat = c.rows ?? 1;
    const path = join(dir, file);
    if (c.writer === 'spark-schema') {
      const columnData = Object.entries(data).map(([name, value]) => ({ name, data: [nullFields(value)] }));
      const bytes = parquetWriteBuffer({
        columnData,
        schema: sparkSchema(data),
        kvMetadata: [
          { key: 'org.apache.spark.version', value: c.sparkVersion ?? '3.5.1' },
          { key: 'org.apache.spark.sql.parquet.row.metadata', value: sparkRowMetadata(data) },
        ],
      });
      writeWithCrc(dir, file, new Uint8Array(bytes));
      // Read back by hyparquet only: DuckDB 1.5 refuses these files (TProtocolException),
      // because hyparquet-writer 0.17 encodes IntType.bitWidth as an i32 where Parquet's
      // thrift has an i8.
      await checkRoundTrip(path, data, c);
      writeWithCrc(dir, '_SUCCESS', new Uint8Array());
      return;
    }
    const kv = `KV_METADATA {'org.apache.spark.version': '${c.sparkVersion ?? '3.5.1'}', 'org.apache.spark.sql.parquet.row.metadata': '${sparkRowMetadata(data).replaceAll("'", "''")}'}`;
    await connection.run(`COPY (SELECT ${select} FROM range(${repeat})) TO '${path}' (FORMAT parquet, COMPRESSION ${c.codec ?? 'snappy'}, ${kv})`);
    writeWithCrc(dir, file, readFileSync(path));
    await checkRoundTrip(path, data, c);
  }
  writeWithCrc(dir, '_SUCCESS', new Uint8Array());
}

/** Reads the file back and stops unless every value has the bits it was meant to have. */
async function checkRoundTrip(path: string, data: Record<string, unknown>, c: Case): Promise<void> {
  const bytes = readFileSync(path);
  const { compressors } = await import('hyparquet-compressors');
  const rows = (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, compressors })) as Record<string, unknown>[];
  const got = rows[0]!;
  const same = (a: unknown, b: unknown): boolean => {
    if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
    if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      return [...keys].every((k) => same((a as Record<string, unknown>)[k] ?? null, (b as Record<string, unknown>)[k] ?? null));
    }
    return a === b;
  };
  for (const [name, value] of Object.entries(data)) {
    if (!same(got[name], value)) throw new Error(`${c.name}: ${name} reads back as ${JSON.stringify(got[name])}, wrote ${JSON.stringify(value)}`);
  }
}

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
rmSync(OUT, { recursive: true, force: true });
const index: Record<string, unknown>[] = [];
for (const c of cases()) {
  const dir = join(OUT, c.name);
  const metadataDir = join(dir, 'metadata');
  mkdirSync(metadataDir, { recursive: true });
  writeWithCrc(metadataDir, 'part-00000', Buffer.from(`${metadataLine(c)}\n`));
  writeWithCrc(metadataDir, '_SUCCESS', new Uint8Array());
  if (c.data !== undefined || c.dataText !== undefined) await writeData(connection, c, join(dir, 'data'));
  const { expect, error, what, name, paramMap } = c;
  // -0 has no JSON form: the tests read exact values from the data file's numbers here.
  index.push({ name, what, sparkVersion: c.sparkVersion ?? '3.5.1', paramMap: paramMap ?? {}, ...(expect ? { expect: JSON.parse(JSON.stringify(expect, (_k, v) => (Object.is(v, -0) ? '-0' : v))) } : {}), ...(error ? { error } : {}) });
}
writeFileSync(join(OUT, 'cases.json'), `${JSON.stringify({ generator: 'tools/make_spark_fixtures.ts', cases: index }, null, 1)}\n`);
connection.closeSync();
console.log(`wrote ${index.length} Spark model directories to ${OUT}`);
