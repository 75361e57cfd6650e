/**
 * The demo's data step, run in its own worker (data-worker.ts) so that generating or
 * parsing a large data set never freezes the page: make or parse the data, then split it.
 * @module
 */
import { type MakeClassificationOptions, Matrix, makeClassification, trainTestSplit } from 'logreg-wasm';
import { CsvError, parseCsv } from './csv.js';

export interface SplitSettings {
  testSize: number;
  randomState: number;
}

export type DataRequest =
  | { kind: 'generate'; options: MakeClassificationOptions; split: SplitSettings }
  | { kind: 'csv'; text: string; target: string; split: SplitSettings };

export interface PreparedData {
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

export type DataReply = { ok: true; data: PreparedData } | { ok: false; message: string; row: number; column: number };

export function prepare(request: DataRequest): PreparedData {
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
  const classes = new Set(Array.from(y));
  if (classes.size < 2) {
    const where = request.kind === 'csv' ? `The target column "${targetName}"` : 'The generated target';
    throw new CsvError(`${where} has a single class (${String([...classes][0])}); logistic regression needs at least two classes.`);
  }
  const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, request.split);
  return {
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
    };
  }
}
