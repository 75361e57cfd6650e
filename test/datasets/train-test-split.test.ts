import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { makeClassification, type MakeClassificationOptions } from '../../src/datasets/make-classification.js';
import {
  trainTestSplit,
  trainTestSplitIndices,
  type TrainTestSplitOptions,
} from '../../src/datasets/train-test-split.js';
import { Matrix } from '../../src/matrix.js';
import { CsrMatrix } from '../../src/sparse/csr-matrix.js';

interface SplitFixture {
  testSize?: number;
  trainSize?: number;
  randomState?: number;
  shuffle?: boolean;
  stratify?: 'y';
}

interface DatasetCase {
  name: string;
  makeClassification: MakeClassificationOptions;
  X: number[][];
  y: number[];
  trainTestSplit: SplitFixture;
  trainIndices: number[];
  testIndices: number[];
}

const read = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as T;

const datasets = read<{ cases: DatasetCase[] }>('datasets.json');
const reference = read<DatasetCase>('reference-experiment.json');

/** The fixture's split options, with stratify: "y" replaced by the labels. */
function splitOptions(c: DatasetCase, y: ArrayLike<number>): TrainTestSplitOptions {
  const { stratify, ...rest } = c.trainTestSplit;
  return stratify === 'y' ? { ...rest, stratify: y } : rest;
}

describe('trainTestSplitIndices against scikit-learn fixtures', () => {
  it.each([...datasets.cases, { ...reference, name: 'reference experiment' }].map((c) => [c.name, c] as const))(
    'reproduces scikit-learn indices exactly for the %s case',
    (_name, c) => {
      const { train, test } = trainTestSplitIndices(c.y.length, splitOptions(c, c.y));
      expect(Array.from(train)).toEqual(c.trainIndices);
      expect(Array.from(test)).toEqual(c.testIndices);
    },
  );
});

describe('trainTestSplit', () => {
  it('splits the reference experiment rows and labels like scikit-learn', () => {
    const { X, y } = makeClassification(reference.makeClassification);
    const split = trainTestSplit(X, y, splitOptions(reference, y));
    expect([split.XTrain.rows, split.XTest.rows]).toEqual([800, 200]);
    const expectedTrainX = reference.trainIndices.flatMap((i) => reference.X[i]!);
    const expectedTestY = reference.testIndices.map((i) => reference.y[i]!);
    expect(Array.from(split.XTrain.data)).toEqual(expectedTrainX);
    expect(Array.from(split.yTest)).toEqual(expectedTestY);
  });

  it('returns labels of the same typed-array type as y', () => {
    const X = Matrix.fromRows([[0], [1], [2], [3]]);
    const { yTrain, yTest } = trainTestSplit(X, Float32Array.from([0.5, 1.5, 2.5, 3.5]), { randomState: 0 });
    expect(yTrain).toBeInstanceOf(Float32Array);
    expect(yTest).toBeInstanceOf(Float32Array);
    expect(yTrain.length + yTest.length).toBe(4);
  });

  it('accepts rows and plain label arrays and returns plain arrays', () => {
    const X = [[0, 0], [1, 10], [2, 20], [3, 30], [4, 40], [5, 50], [6, 60], [7, 70], [8, 80], [9, 90]];
    const y = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const split = trainTestSplit(X, y, { testSize: 0.2, randomState: 42 });
    // sklearn: train [5, 0, 7, 2, 9, 4, 3, 6], test [8, 1]
    expect(split.yTest).toEqual(['i', 'b']);
    expect(split.yTrain).toEqual(['f', 'a', 'h', 'c', 'j', 'e', 'd', 'g']);
    expect(split.XTest.toArray()).toEqual([[8, 80], [1, 10]]);
  });

  it('keeps the original order without shuffling', () => {
    const { train, test } = trainTestSplitIndices(10, { testSize: 3, shuffle: false });
    expect(Array.from(train)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(test)).toEqual([7, 8, 9]);
  });

  it('stratifies string labels in numpy sort order like scikit-learn', () => {
    const labels = ['cat', 'dog', 'cat', 'bird', 'dog', 'cat', 'bird', 'dog', 'cat', 'bird'];
    const { train, test } = trainTestSplitIndices(10, { testSize: 0.3, stratify: labels, randomState: 1 });
    expect(Array.from(train)).toEqual([5, 2, 8, 9, 7, 3, 1]);
    expect(Array.from(test)).toEqual([4, 6, 0]);
  });

  it('uses a test size of 0.25 when neither size is given', () => {
    const { train, test } = trainTestSplitIndices(10, { randomState: 0 });
    expect([train.length, test.length]).toEqual([7, 3]);
  });
});

describe('trainTestSplit(CsrMatrix, y)', () => {
  const rows = [{ 0: 1 }, {}, { 2: -3, 4: 5 }, { 1: 2 }, { 3: 0.5 }, { 0: 7, 4: 1 }, {}, { 2: 9 }];
  const y = Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]);

  it('takes the rows the dense split takes, as CsrMatrix objects', () => {
    const X = CsrMatrix.fromRows(rows, { cols: 5 });
    const sparse = trainTestSplit(X, y, { testSize: 0.25, randomState: 3 });
    const dense = trainTestSplit(X.toDense(), y, { testSize: 0.25, randomState: 3 });
    expect(sparse.XTrain).toBeInstanceOf(CsrMatrix);
    expect(sparse.XTrain.toDense().toArray()).toEqual(dense.XTrain.toArray());
    expect(sparse.XTest.toDense().toArray()).toEqual(dense.XTest.toArray());
    expect(sparse.yTest).toEqual(dense.yTest);
  });

  it('keeps the dtype of the CsrMatrix', () => {
    const X = CsrMatrix.fromRows(rows, { cols: 5, dtype: 'float32' });
    const { XTrain, XTest } = trainTestSplit(X, y, { testSize: 2, randomState: 0 });
    expect([XTrain.dtype, XTest.dtype, XTrain.rows, XTest.rows]).toEqual(['float32', 'float32', 6, 2]);
  });

  it('rejects a disposed CsrMatrix', () => {
    const X = CsrMatrix.fromRows(rows, { cols: 5 });
    X.dispose();
    expect(() => trainTestSplit(X, y)).toThrow('CsrMatrix: this matrix has been disposed');
  });
});

describe('trainTestSplit validation', () => {
  const errorCases: Array<[string, number, TrainTestSplitOptions, ErrorConstructor, string]> = [
    [
      'a fractional testSize of 1.5',
      10,
      { testSize: 1.5 },
      RangeError,
      'trainTestSplitIndices: testSize = 1.5 must be a fraction in (0, 1) or a count in [1, nSamples − 1] = [1, 9]',
    ],
    [
      'a testSize count equal to nSamples',
      10,
      { testSize: 10 },
      RangeError,
      'trainTestSplitIndices: testSize = 10 must be a count in [1, nSamples − 1] = [1, 9] or a fraction in (0, 1)',
    ],
    [
      'a zero trainSize',
      10,
      { trainSize: 0 },
      RangeError,
      'trainTestSplitIndices: trainSize = 0 must be a count in [1, nSamples − 1] = [1, 9] or a fraction in (0, 1)',
    ],
    [
      'fractions summing above 1',
      10,
      { testSize: 0.6, trainSize: 0.5 },
      RangeError,
      'trainTestSplitIndices: testSize + trainSize = 1.1 must be ≤ 1 (testSize = 0.6, trainSize = 0.5)',
    ],
    [
      'counts adding up to more than nSamples',
      10,
      { testSize: 4, trainSize: 7 },
      RangeError,
      'trainTestSplitIndices: trainSize + testSize = 7 + 4 = 11 samples must be ≤ nSamples = 10',
    ],
    [
      'an empty train set',
      3,
      { testSize: 0.9 },
      RangeError,
      'trainTestSplitIndices: with nSamples = 3, testSize = 0.9 and trainSize = null the train set would be empty',
    ],
    [
      'a class with a single member',
      6,
      { stratify: [0, 0, 0, 1, 1, 2], randomState: 0, testSize: 3 },
      RangeError,
      'trainTestSplitIndices: the least populated class in stratify (2) has only 1 member; every class needs at least 2',
    ],
    [
      'a test set smaller than the number of classes',
      8,
      { stratify: [0, 0, 1, 1, 2, 2, 3, 3], testSize: 2 },
      RangeError,
      'trainTestSplitIndices: the test set has 2 samples, fewer than the 4 classes in stratify',
    ],
    [
      'stratify of the wrong length',
      4,
      { stratify: [0, 1, 0], testSize: 2 },
      RangeError,
      'trainTestSplitIndices: stratify has 3 labels but there are 4 samples',
    ],
    [
      'stratify without shuffling',
      4,
      { stratify: [0, 1, 0, 1], shuffle: false },
      TypeError,
      'trainTestSplitIndices: stratify requires shuffle: true (scikit-learn has no unshuffled stratified split)',
    ],
    [
      'a non-numeric testSize',
      10,
      { testSize: '0.2' as unknown as number },
      TypeError,
      'trainTestSplitIndices: testSize must be a fraction in (0, 1) or an integer count; got the string "0.2"',
    ],
    [
      'an unknown option name',
      10,
      { test_size: 0.2 } as unknown as TrainTestSplitOptions,
      TypeError,
      "trainTestSplitIndices: unknown option 'test_size'; did you mean 'testSize'? (known options: testSize, trainSize, randomState, shuffle, stratify)",
    ],
  ];

  it.each(errorCases)('rejects %s', (_what, n, options, ErrorType, message) => {
    expect(() => trainTestSplitIndices(n, options)).toThrow(ErrorType);
    expect(() => trainTestSplitIndices(n, options)).toThrow(message);
  });

  it('rejects X and y of different lengths', () => {
    expect(() => trainTestSplit([[1], [2], [3]], [0, 1])).toThrow(
      'trainTestSplit: X has 3 rows but y has 2 labels',
    );
  });

  it('names trainTestSplit in its own errors', () => {
    expect(() => trainTestSplit([[1], [2], [3], [4]], [0, 1, 0, 1], { testSize: 4 })).toThrow(
      'trainTestSplit: testSize = 4 must be a count in [1, nSamples − 1] = [1, 3] or a fraction in (0, 1)',
    );
  });
});
