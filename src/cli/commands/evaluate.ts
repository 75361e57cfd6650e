/**
 * `logreg-wasm evaluate`: the report of a saved model on the labelled rows of a CSV or
 * svmlight file.
 * @module
 */
import type { Label } from '../../index.js';
import { describeColumn } from '../csv.js';
import { dataFormat, tableSource } from '../data-format.js';
import { CliError, UsageError } from '../errors.js';
import { delimiterOf, str, type Values } from '../flags.js';
import { writeReport, type Io } from '../io.js';
import { loadModel } from '../load-model.js';
import { readModelData } from '../model-data.js';
import { isOnnxPath } from '../onnx-file.js';
import { columnIndices, readLabelsFor } from '../preprocess.js';
import { svmlightLabels, type SvmlightFile } from '../svmlight-data.js';
import { classCounts, countsLine, formatScores, score } from '../report.js';
import { display, jsonText, listShort, quoted, quotedCell } from '../text.js';

/**
 * Runs `evaluate <model> <data.csv> [options]`: the model's report on the file's labelled rows.
 * @throws UsageError without a target column, CliError for bad files or a label the model does not know.
 */
export async function evaluate(values: Values, positionals: string[], io: Io): Promise<void> {
  const [modelFile, file] = positionals as [string, string];
  // Flags are checked before any file is read.
  const svmlightData = dataFormat(values, file) === 'svmlight';
  if (!svmlightData) tableSource(values, file, 'evaluate');
  delimiterOf(values);
  if (svmlightData && values['target'] !== undefined) throw new UsageError('--target does not apply to svmlight data: its labels are the first token of each line', 'evaluate');
  const loaded = await loadModel(modelFile);
  const { model } = loaded;
  const target = svmlightData ? 'label' : (str(values, 'target')?.trim() ?? loaded.target);
  if (target === null) throw new UsageError(`${modelFile} does not name its target column; give --target COLUMN`, 'evaluate');
  const data = await readModelData(loaded, modelFile, file, target, values, 'evaluate');
  const { X, table } = data;
  let scores, y: Label[];
  try {
    const classes = model.classes;
    let where: (i: number) => string;
    if (table !== null) {
      const [targetIndex] = columnIndices(file, table, [target], 'target') as [number];
      y = readLabelsFor(file, table, targetIndex, classes);
      where = (i) => `row ${table.lines[i]}, ${describeColumn(table.header, targetIndex)}`;
    } else {
      y = svmlightLabels(data.svm as SvmlightFile);
      where = (i) => `row ${i + 1}`;
    }
    const known = new Set(classes);
    const unknown = y.findIndex((label) => !known.has(label));
    if (unknown >= 0) {
      const show = (label: Label) => (typeof label === 'string' ? quotedCell(label) : String(label));
      throw new CliError(
        `${file}: ${where(unknown)}: label ${show(y[unknown] as Label)} is not one of the model's classes (${listShort(classes.map(String), 20, (c) => display(c))})`,
      );
    }
    scores = score(model, X, y);
  } finally {
    X.dispose();
  }
  const classes = model.classes;
  if (values['json']) {
    io.stdout.write(`${jsonText({ model: modelFile, data: { file, rows: y.length, target }, classes, counts: classCounts(classes, y), scores })}\n`);
    return;
  }
  writeReport(
      io,
    [
      // An ONNX file holds coefficients, not how they were trained.
      `Model: ${modelFile} (${isOnnxPath(modelFile) ? 'ONNX' : `${model.solver}, penalty ${model.penalty}`}, ${model.nFeaturesIn} features)`,
      `Data: ${file}: ${y.length} rows; ${svmlightData ? 'labels from the first column' : `target ${quoted(target)}`}`,
      `Classes: ${countsLine(classes, classCounts(classes, y))}`,
      '',
      formatScores(classes, [['data', scores]]),
      '',
    ].join('\n'),
  );
}
