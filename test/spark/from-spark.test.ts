// fromSpark on directories laid out as Spark ML's LogisticRegressionModel.save writes them
// (test/fixtures/spark/, from tools/make_spark_fixtures.ts): the numbers come back with every
// bit, and the probabilities are Spark's, computed here from the raw numbers as Spark's
// model computes them (σ(w·x + b); softmax with the largest margin subtracted).
import { cpSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LogisticRegression } from '../../src/index.js';
import { fromSpark, readMetadata, readSparkModel } from '../../src/parquet/from-spark.js';
import fixture from '../fixtures/spark/cases.json' with { type: 'json' };

interface Expected {
  coefficients: (number | string)[][];
  intercepts: (number | string)[];
  isMultinomial: boolean;
  numClasses: number;
}
interface Case {
  name: string;
  what: string;
  sparkVersion: string;
  paramMap: Record<string, unknown>;
  expect?: Expected;
  error?: string;
}

const ROOT = fileURLToPath(new URL('../fixtures/spark/', import.meta.url));
const dirOf = (name: string) => join(ROOT, name);
const cases = fixture.cases as Case[];
const byName = (name: string) => cases.find((c) => c.name === name) as Case & { expect: Expected };
/** cases.json writes −0 as the string '-0' (JSON has no −0). */
const num = (v: number | string): number => (v === '-0' ? -0 : (v as number));
const rowsOf = (e: Expected) => e.coefficients.map((row) => row.map(num));
const interceptsOf = (e: Expected) => e.intercepts.map(num);

const tmp = mkdtempSync(join(tmpdir(), 'logreg-spark-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** 24 rows in [−3, 3), from a fixed LCG: the same X for every case of d columns. */
function rowsX(d: number): number[][] {
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state / 2 ** 32) * 6 - 3;
  };
  return Array.from({ length: 24 }, () => Array.from({ length: d }, next));
}

/** Spark's probability column, from its coefficient rows and intercepts. */
function sparkProbabilities(X: number[][], w: number[][], b: number[], isMultinomial: boolean): number[][] {
  return X.map((x) => {
    const margins = w.map((row, k) => row.reduce((sum, v, j) => sum + v * (x[j] as number), 0) + (b[k] as number));
    if (!isMultinomial) {
      const p1 = 1 / (1 + Math.exp(-(margins[0] as number)));
      return [1 - p1, p1];
    }
    const top = Math.max(...margins);
    const e = margins.map((m) => Math.exp(m - top));
    const sum = e.reduce((s, v) => s + v, 0);
    return e.map((v) => v / sum);
  });
}

function expectProbabilities(model: LogisticRegression<number>, X: number[][], reference: number[][]): void {
  const got = model.predictProba(X).toArray();
  got.forEach((row, i) => row.forEach((p, k) => expect(Math.abs(p - (reference[i]?.[k] as number))).toBeLessThanOrEqual(1e-15)));
}

function expectBits(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  Array.from(actual).forEach((v, j) => expect(Object.is(v, expected[j]), `entry ${j}: ${v} vs ${expected[j]}`).toBe(true));
}

const GOOD = cases.filter((c) => c.expect !== undefined && c.name !== 'multinomial-two-classes' && c.name !== 'binomial-threshold');

describe('fromSpark(dir)', () => {
  for (const c of GOOD) {
    it(`reads every coefficient and intercept with its bits (${c.name}: ${c.what})`, async () => {
      const e = c.expect as Expected;
      const model = await fromSpark(dirOf(c.name));
      const coef = model.coef.toArray();
      expect(coef.length).toBe(e.coefficients.length);
      rowsOf(e).forEach((row, k) => expectBits(coef[k] as number[], row));
      expectBits(model.intercept, interceptsOf(e));
    });

    it(`predicts Spark's probabilities to 1e-15 (${c.name})`, async () => {
      const e = c.expect as Expected;
      const model = await fromSpark(dirOf(c.name));
      const w = rowsOf(e);
      const X = rowsX(w[0]?.length ?? 0);
      expectProbabilities(model, X, sparkProbabilities(X, w, interceptsOf(e), e.isMultinomial));
    });
  }

  it('gives classes 0 … numClasses − 1, Spark’s labels', async () => {
    expect((await fromSpark(dirOf('binomial-dense'))).classes).toEqual([0, 1]);
    expect((await fromSpark(dirOf('multinomial-sparse-csc'))).classes).toEqual([0, 1, 2, 3]);
  });

  it('predicts the class of largest probability, as Spark with its default threshold', async () => {
    const e = byName('multinomial-dense').expect;
    const X = rowsX(5);
    const reference = sparkProbabilities(X, rowsOf(e), interceptsOf(e), true);
    const model = await fromSpark(dirOf('multinomial-dense'));
    expect(model.predict(X)).toEqual(reference.map((p) => p.indexOf(Math.max(...p))));
  });

  it('makes a binomial model binary and a multinomial model a softmax', async () => {
    const binary = await fromSpark(dirOf('binomial-dense'));
    const softmax = await fromSpark(dirOf('multinomial-dense'));
    expect(binary.toJSON().model.mode).toBe('binary');
    expect(softmax.toJSON().model.mode).toBe('multinomial');
    expect(softmax.multiClass).toBe('multinomial');
  });

  it('reads the same model from dense row-major, dense column-major and its values', async () => {
    const rowMajor = await fromSpark(dirOf('multinomial-dense'));
    const colMajor = await fromSpark(dirOf('multinomial-colmajor'));
    expect(colMajor.toJSON().model).toEqual(rowMajor.toJSON().model);
  });

  it("carries Spark's fitIntercept into the model's options", async () => {
    expect((await fromSpark(dirOf('binomial-no-intercept'))).fitIntercept).toBe(false);
    expect((await fromSpark(dirOf('multinomial-no-intercept'))).fitIntercept).toBe(false);
    expect((await fromSpark(dirOf('binomial-dense'))).fitIntercept).toBe(true);
  });

  it('stores a two-class softmax as one row (w₁ − w₀)/2 whose probabilities are Spark’s', async () => {
    const e = byName('multinomial-two-classes').expect;
    const [w0, w1] = rowsOf(e) as [number[], number[]];
    const [b0, b1] = interceptsOf(e) as [number, number];
    const model = await fromSpark(dirOf('multinomial-two-classes'));
    expect(model.classes).toEqual([0, 1]);
    expectBits(model.coef.toArray()[0] as number[], w1.map((v, j) => (v - (w0[j] as number)) / 2));
    expectBits(model.intercept, [(b1 - b0) / 2]);
    const X = rowsX(3);
    expectProbabilities(model, X, sparkProbabilities(X, [w0, w1], [b0, b1], true));
  });

  it('refuses a binomial model whose threshold is not 0.5, naming it', async () => {
    await expect(fromSpark(dirOf('binomial-threshold'))).rejects.toThrow(
      new RangeError(
        "fromSpark: the Spark model predicts with threshold 0.3, but this library predicts the most probable class; pass { ignoreThresholds: true } to load it anyway (predictProba is Spark's probability; compare its column 1 with the threshold for Spark's prediction)",
      ),
    );
  });

  it('loads a model with a threshold when told to ignore it, with Spark’s probabilities', async () => {
    const e = byName('binomial-threshold').expect;
    const model = await fromSpark(dirOf('binomial-threshold'), { ignoreThresholds: true });
    const X = rowsX(4);
    expectProbabilities(model, X, sparkProbabilities(X, rowsOf(e), interceptsOf(e), false));
  });

  it("reads metadata from Spark's text-writer file name (part-00000-<uuid>-c000.txt)", async () => {
    const dir = join(tmp, 'text-writer');
    cpSync(dirOf('binomial-dense'), dir, { recursive: true });
    renameSync(join(dir, 'metadata', 'part-00000'), join(dir, 'metadata', 'part-00000-3f1e2d4c-0a1b-4c2d-9e8f-001122334455-c000.txt'));
    expect((await fromSpark(dir)).toJSON().model).toEqual((await fromSpark(dirOf('binomial-dense'))).toJSON().model);
  });

  it("reads past _SUCCESS and Hadoop's .crc files, which are not data", async () => {
    const dir = join(tmp, 'crc-only');
    cpSync(dirOf('binomial-dense'), dir, { recursive: true });
    const data = readdirSync(join(dir, 'data'));
    expect(data.filter((name) => name.startsWith('_') || name.startsWith('.'))).toHaveLength(3);
    for (const name of data.filter((candidate) => candidate.startsWith('part-'))) rmSync(join(dir, 'data', name));
    await expect(fromSpark(dir)).rejects.toThrow(`fromSpark: ${join(dir, 'data')} has no .parquet file; a Spark model directory holds data/part-….parquet`);
  });

  it('refuses a dir that is not a string', async () => {
    await expect(fromSpark(42 as unknown as string)).rejects.toThrow(new TypeError('fromSpark: dir must be a path (a string), got a number'));
  });

  it('refuses a directory that does not exist, naming it', async () => {
    const missing = join(tmp, 'nowhere');
    await expect(fromSpark(missing)).rejects.toThrow(`fromSpark: ${missing} does not exist; expected a directory written by Spark's LogisticRegressionModel.save`);
  });

  for (const c of cases.filter((candidate) => candidate.error !== undefined)) {
    it(`refuses ${c.what} (${c.name}), naming the problem`, async () => {
      await expect(fromSpark(dirOf(c.name))).rejects.toThrow(c.error as string);
    });
  }

  it('refuses the bad cases with RangeError for values and Error for missing files', async () => {
    await expect(fromSpark(dirOf('bad-version'))).rejects.toBeInstanceOf(RangeError);
    await expect(fromSpark(dirOf('bad-class'))).rejects.toBeInstanceOf(RangeError);
    await expect(fromSpark(dirOf('bad-not-parquet'))).rejects.toBeInstanceOf(RangeError);
    const missing = await fromSpark(dirOf('bad-no-data')).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(Error);
    expect(missing).not.toBeInstanceOf(RangeError);
  });
});

describe('readSparkModel(metadata, rows)', () => {
  const metadata = readMetadata(
    JSON.stringify({ class: 'org.apache.spark.ml.classification.LogisticRegressionModel', sparkVersion: '3.5.1', uid: 'logreg_x', paramMap: {}, defaultParamMap: {} }),
    'test',
  );
  const vector = (values: number[]) => ({ type: 1, size: null, values });
  const dense = (rows: number[][]) => ({ type: 1, numRows: rows.length, numCols: rows[0]?.length ?? 0, values: rows.flat(), isTransposed: true });

  it('reads a sparse intercept vector into its dense values', () => {
    const model = readSparkModel(metadata, [
      { numClasses: 3, numFeatures: 1, interceptVector: { type: 0, size: 3, indices: [2], values: [0.5] }, coefficientMatrix: dense([[1], [2], [3]]), isMultinomial: true },
    ]);
    expect(model.intercepts).toEqual([0, 0, 0.5]);
  });

  it('refuses a non-finite coefficient, naming its index', () => {
    expect(() =>
      readSparkModel(metadata, [{ numClasses: 2, numFeatures: 2, interceptVector: vector([0]), coefficientMatrix: dense([[1, Number.NaN]]), isMultinomial: false }]),
    ).toThrow(new RangeError('fromSpark: data.coefficientMatrix.values[1] is NaN; values must be finite'));
  });

  it('refuses a vector type other than 0 and 1', () => {
    expect(() =>
      readSparkModel(metadata, [{ numClasses: 2, numFeatures: 1, interceptVector: { type: 2, values: [0] }, coefficientMatrix: dense([[1]]), isMultinomial: false }]),
    ).toThrow(new RangeError('fromSpark: data.interceptVector.type must be 0 (sparse) or 1 (dense), got 2'));
  });

  it('refuses a sparse matrix whose declared shape is beyond what is read', () => {
    expect(() =>
      readSparkModel(metadata, [
        {
          numClasses: 2,
          numFeatures: 2 ** 29,
          interceptVector: vector([0]),
          coefficientMatrix: { type: 0, numRows: 1, numCols: 2 ** 29, colPtrs: [0, 0], rowIndices: [], values: [], isTransposed: true },
          isMultinomial: false,
        },
      ]),
    ).toThrow(new RangeError('fromSpark: data.coefficientMatrix is 1×536870912; at most 268435456 coefficients are read'));
  });

  it('refuses a data column of the wrong kind', () => {
    expect(() =>
      readSparkModel(metadata, [{ numClasses: '2', numFeatures: 1, interceptVector: vector([0]), coefficientMatrix: dense([[1]]), isMultinomial: false }]),
    ).toThrow(new TypeError('fromSpark: data.numClasses must be an integer ≥ 0, got a string'));
  });
});

describe('readMetadata(text, source)', () => {
  it('refuses text that is not JSON', () => {
    expect(() => readMetadata('{"class":', 'dir')).toThrow(TypeError);
  });

  it('refuses a version before 1.6, which had no ML persistence', () => {
    expect(() => readMetadata(JSON.stringify({ class: 'org.apache.spark.ml.classification.LogisticRegressionModel', sparkVersion: '1.5.2' }), 'dir')).toThrow(
      new RangeError('fromSpark: dir was written by Spark 1.5.2; this reader knows the layouts of Spark 1.6 to 4.x'),
    );
  });

  it('points a PipelineModel to its stage directory', () => {
    expect(() => readMetadata(JSON.stringify({ class: 'org.apache.spark.ml.PipelineModel', sparkVersion: '3.5.1' }), 'dir')).toThrow('pass its stage directory, stages/<n>_logreg_…');
  });

  it('accepts a vendor suffix after major.minor, as Spark does', () => {
    const metadata = readMetadata(JSON.stringify({ class: 'org.apache.spark.ml.classification.LogisticRegressionModel', sparkVersion: '3.3.0-amzn-1' }), 'dir');
    expect([metadata.major, metadata.minor]).toEqual([3, 3]);
  });
});

describe('LogisticRegression.fromSpark(dir)', () => {
  it('builds the model fromSpark builds, once logreg-wasm/parquet is loaded', async () => {
    const viaClass = await LogisticRegression.fromSpark(dirOf('multinomial-sparse-csr'));
    const viaFunction = await fromSpark(dirOf('multinomial-sparse-csr'));
    expect(viaClass.toJSON()).toEqual(viaFunction.toJSON());
  });

  it('passes the options on', async () => {
    await expect(LogisticRegression.fromSpark(dirOf('binomial-threshold'))).rejects.toThrow('threshold 0.3');
    expect((await LogisticRegression.fromSpark(dirOf('binomial-threshold'), { ignoreThresholds: true })).isFitted).toBe(true);
  });
});
