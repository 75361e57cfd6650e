/**
 * The labelled rows `train` fits on, one reader per input: the columns of a table — CSV,
 * Parquet, Arrow or a query's result, read by tables.ts — (preprocess.ts), a column of
 * text (text-features.ts) or an svmlight file (svmlight-data.ts). Each gives
 * the labels, then, fitted on the training rows, the features of any rows, the model's
 * input to save and the report's words for the data; the split, the fit and the report are
 * one path for all three (commands/train.ts).
 * @module
 */
import type { CsrMatrix, Dtype, Label, Matrix } from '../index.js';
import { describeColumn, type CsvTable } from './csv.js';
import { UsageError } from './errors.js';
import type { ModelInput } from './model-file.js';
import { columnIndices, expandedFeatureNames, fitPreprocessing, readLabels, selectFeatures, transform, type PreprocessingRequest } from './preprocess.js';
import { readSvmlightFile, svmlightLabels } from './svmlight-data.js';
import { readTable, type TableSource } from './tables.js';
import { documents, fitText, transformText, type Vectorizer } from './text-features.js';
import type { TextRequest } from './text-options.js';
import { display, quoted } from './text.js';

/** Features fitted on the training rows. */
export interface Features {
  XTrain: Matrix | CsrMatrix<Dtype>;
  /** The features of other rows (the test rows), with what was fitted. */
  transform(rows: readonly number[]): Matrix | CsrMatrix<Dtype>;
  input: ModelInput;
  /** The report's words after `N rows, `: the features and where they come from. */
  summary: string;
  /** The JSON report's `data` fields after `file` and `rows`. */
  json: Record<string, unknown>;
}

/** A file's labelled rows, before the split. */
export interface Dataset {
  rows: number;
  labels: Label[];
  /** The labels' column in messages: `column 'y' (3)`. */
  labelColumn: string;
  /** The target's name saved in the model file (predict's header). */
  target: string;
  /** Fits the features on the training rows (the row indices, 0-based). */
  fit(trainRows: readonly number[]): Features;
  /** Releases what the rows hold in the core's memory (the loaded svmlight matrix). */
  release(): void;
}

/** A CSV file's rows labelled by its target column: the fields of a {@link Dataset} but `fit`. */
function labelledRows(file: string, table: CsvTable, target: string, targetIndex: number): Omit<Dataset, 'fit'> {
  // A CSV file's rows are JS memory.
  const release = () => {};
  return { rows: table.rows.length, labels: readLabels(file, table, targetIndex), labelColumn: describeColumn(table.header, targetIndex), target, release };
}

/** The columns of a table (CSV, Parquet, Arrow, a query's result), each a feature (imputed, one-hot encoded, standardised as asked). */
export async function columnsDataset(source: TableSource, target: string, featureList: readonly string[], request: Omit<PreprocessingRequest, 'features'>): Promise<Dataset> {
  const { file } = source;
  const table = await readTable(source);
  const [targetIndex] = columnIndices(file, table, [target], 'target') as [number];
  const features = selectFeatures(file, table, target, featureList, request.oneHot);
  return {
    ...labelledRows(file, table, target, targetIndex),
    fit(trainRows) {
      const preprocessing = fitPreprocessing(file, table, trainRows, { ...request, features });
      const names = expandedFeatureNames(preprocessing);
      const steps = [
        preprocessing.impute ? `impute ${preprocessing.impute.strategy}` : null,
        Object.keys(preprocessing.oneHot).length > 0 ? `one-hot ${Object.keys(preprocessing.oneHot).map((name) => display(name)).join(', ')}` : null,
        preprocessing.standardize ? 'standardize' : null,
      ].filter((s) => s !== null);
      return {
        XTrain: transform(file, table, preprocessing, trainRows),
        transform: (rows) => transform(file, table, preprocessing, rows),
        input: { preprocessing, text: null, svmlight: null },
        summary: `${names.length} features; target ${quoted(target)}${steps.length > 0 ? `; ${steps.join(', ')}` : ''}`,
        json: { target, features: names },
      };
    },
  };
}

/** What the report calls each vectorizer. */
const VECTORIZER_WORDS = { hashing: 'hashed', count: 'counts', tfidf: 'tf-idf' } as const;

/** A column of text, vectorized; the table's other columns but the target are not read. */
export async function textDataset(source: TableSource, target: string, request: TextRequest, vectorizer: Vectorizer): Promise<Dataset> {
  const { file } = source;
  const table = await readTable(source);
  const [targetIndex, textIndex] = columnIndices(file, table, [target], 'target').concat(columnIndices(file, table, [request.column], 'text')) as [number, number];
  if (textIndex === targetIndex) throw new UsageError(`--text column ${quoted(request.column)} is the target; the text must be another column`, 'train');
  return {
    ...labelledRows(file, table, target, targetIndex),
    fit(trainRows) {
      const XTrain = fitText(file, table, textIndex, vectorizer, documents(file, table, request.column, trainRows));
      const words = VECTORIZER_WORDS[request.kind];
      return {
        XTrain,
        transform: (rows) => transformText(file, vectorizer, documents(file, table, request.column, rows)),
        input: { preprocessing: null, text: { column: request.column, kind: request.kind, vectorizer }, svmlight: null },
        summary: `${XTrain.cols} features (${words}) from text ${describeColumn(table.header, textIndex)}; target ${quoted(target)}`,
        json: { target, text: request.column, vectorizer: request.kind, nFeatures: XTrain.cols },
      };
    },
  };
}

/** An svmlight file: labels from each line's first token, the features as written, stored as `dtype` (`--dtype`). */
export async function svmlightDataset(file: string, dtype: Dtype): Promise<Dataset> {
  const svm = await readSvmlightFile(file, undefined, dtype);
  const { X, nFeatures, zeroBased } = svm;
  let labels: Label[];
  try {
    labels = svmlightLabels(svm);
  } catch (error) {
    X.dispose();
    throw error;
  }
  return {
    rows: X.rows,
    labels,
    labelColumn: 'the label column',
    target: 'label',
    fit(trainRows) {
      return {
        XTrain: X.takeRows(trainRows),
        transform: (rows) => X.takeRows(rows),
        input: { preprocessing: null, text: null, svmlight: { nFeatures, zeroBased } },
        summary: `${nFeatures} features (svmlight, indices from ${zeroBased ? 0 : 1}); labels from the first column`,
        json: { format: 'svmlight', nFeatures, zeroBased },
      };
    },
    release: () => X.dispose(),
  };
}
