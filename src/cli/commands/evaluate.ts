/**
 * `logreg-wasm evaluate`: the report of a saved model on the labelled rows of a CSV file.
 * @module
 */
import type { Label } from '../../index.js';
import { describeColumn, readCsv } from '../csv.js';
import { CliError, UsageError } from '../errors.js';
import { delimiterOf, str, type Values } from '../flags.js';
import { writeReport, type Io } from '../io.js';
import { loadModel } from '../load-model.js';
import { isOnnxPath, plainPreprocessing } from '../onnx-file.js';
import { columnIndices, readLabelsFor, transform } from '../preprocess.js';
import { classCounts, countsLine, formatScores, score } from '../report.js';
import { display, jsonText, listShort, quoted, quotedCell } from '../text.js';

/**
 * Runs `evaluate <model> <data.csv> [options]`: the model's report on the file's labelled rows.
 * @throws UsageError without a target column, CliError for bad files or a label the model does not know.
 */
export async function evaluate(values: Values, positionals: string[], io: Io): Promise<void> {
  const [modelFile, file] = positionals as [string, string];
  const delimiter = delimiterOf(values);
  const loaded = await loadModel(modelFile);
  const { model } = loaded;
  const target = str(values, 'target')?.trim() ?? loaded.target;
  if (target === null) throw new UsageError(`${modelFile} does not name its target column; give --target COLUMN`, 'evaluate');
  const table = await readCsv(file, { delimiter });
  const [targetIndex] = columnIndices(file, table, [target], 'target') as [number];
  const preprocessing = loaded.preprocessing ?? plainPreprocessing(file, table.header, target, model.nFeaturesIn);
  const X = transform(file, table, preprocessing);
  const classes = model.classes;
  const y = readLabelsFor(file, table, targetIndex, classes);
  const known = new Set(classes);
  const unknown = y.findIndex((label) => !known.has(label));
  if (unknown >= 0) {
    const show = (label: Label) => (typeof label === 'string' ? quotedCell(label) : String(label));
    throw new CliError(
      `${file}: row ${table.lines[unknown]}, ${describeColumn(table.header, targetIndex)}: label ${show(y[unknown] as Label)} is not one of the model's classes (${listShort(classes.map(String), 20, (c) => display(c))})`,
    );
  }
  const scores = score(model, X, y);
  if (values['json']) {
    io.stdout.write(`${jsonText({ model: modelFile, data: { file, rows: y.length, target }, classes, counts: classCounts(classes, y), scores })}\n`);
    return;
  }
  writeReport(
      io,
    [
      // An ONNX file holds coefficients, not how they were trained.
      `Model: ${modelFile} (${isOnnxPath(modelFile) ? 'ONNX' : `${model.solver}, penalty ${model.penalty}`}, ${model.nFeaturesIn} features)`,
      `Data: ${file}: ${y.length} rows; target ${quoted(target)}`,
      `Classes: ${countsLine(classes, classCounts(classes, y))}`,
      '',
      formatScores(classes, [['data', scores]]),
      '',
    ].join('\n'),
  );
}
