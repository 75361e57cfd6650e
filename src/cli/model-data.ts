/**
 * Reading a data file as a loaded model reads it, for `predict` and `evaluate`: the columns
 * of a table (CSV, Parquet or Arrow, read by tables.ts) through the saved preprocessing, a
 * column of text through the saved vectorizer, or an svmlight file with the model's width and index base. The file's format
 * (`--format`, else its name) must be the one the model was trained on.
 * @module
 */
import type { CsrMatrix, Dtype, Matrix } from '../index.js';
import type { CsvTable } from './csv.js';
import { checkDataFormat, dataFormat, tableSource } from './data-format.js';
import { UsageError } from './errors.js';
import { delimiterOf, type Values } from './flags.js';
import type { CliModel } from './model-file.js';
import { plainPreprocessing, type OnnxCliModel } from './onnx-file.js';
import { transform } from './preprocess.js';
import { readSvmlightFile, type SvmlightFile } from './svmlight-data.js';
import { readTable } from './tables.js';
import { documents, transformText } from './text-features.js';

/** A data file's rows as a model's features, with what they were read from. */
export interface ModelData {
  X: Matrix | CsrMatrix<Dtype>;
  /** The table (CSV, Parquet or Arrow), for a model of columns or text; null for svmlight. */
  table: CsvTable | null;
  /** The svmlight file, for a model of svmlight data; null for CSV. */
  svm: SvmlightFile | null;
}

/**
 * Reads `file` as `loaded` reads data. `target` is the label column (evaluate's `--target`,
 * else the model's), left out of the features of an ONNX file without logreg-wasm metadata.
 * @throws UsageError for `--delimiter` with svmlight data; CliError for a file in the other
 * format, and as the readers do (a missing column, a bad cell, an index beyond the model's width).
 */
export async function readModelData(loaded: CliModel | OnnxCliModel, modelFile: string, file: string, target: string | null, values: Values, command: string): Promise<ModelData> {
  const format = dataFormat(values, file);
  const delimiter = delimiterOf(values);
  // An ONNX file without logreg-wasm metadata reads either format.
  const modelFormat = loaded.svmlight !== null ? 'svmlight' : loaded.preprocessing !== null || loaded.text !== null ? 'csv' : format;
  checkDataFormat(modelFile, modelFormat, file, format, values);
  if (format === 'svmlight') {
    if (delimiter !== null) throw new UsageError('--delimiter does not apply to svmlight data: it is not CSV', command);
    const svm = await readSvmlightFile(file, loaded.svmlight ?? { nFeatures: loaded.model.nFeaturesIn, zeroBased: 'auto' });
    return { X: svm.X, table: null, svm };
  }
  const table = await readTable(tableSource(values, file, command));
  if (loaded.text !== null) {
    const X = transformText(file, loaded.text.vectorizer, documents(file, table, loaded.text.column));
    return { X, table, svm: null };
  }
  const preprocessing = loaded.preprocessing ?? plainPreprocessing(file, table.header, target, loaded.model.nFeaturesIn);
  return { X: transform(file, table, preprocessing), table, svm: null };
}
