/**
 * `logreg-wasm predict`: the predicted label (and with `--proba` the probabilities) of
 * each row of a CSV file, as CSV.
 * @module
 */
import { readCsv } from '../csv.js';
import { delimiterOf, str, type Values } from '../flags.js';
import type { Io } from '../io.js';
import { loadModel } from '../load-model.js';
import { checkNotInput, writeFileAtomic } from '../model-file.js';
import { plainPreprocessing } from '../onnx-file.js';
import { transform } from '../preprocess.js';
import { neutraliseCell, safeLine } from '../text.js';

/**
 * Runs `predict <model> <data.csv> [options]`: writes one line per row to stdout or `--out`.
 * @throws UsageError for bad flags, CliError for an unreadable model or data file.
 */
export async function predict(values: Values, positionals: string[], io: Io): Promise<void> {
  const [modelFile, file] = positionals as [string, string];
  const out = str(values, 'out');
  const delimiter = delimiterOf(values);
  if (out !== undefined) await checkNotInput(out, '--out', [modelFile, file]);
  const loaded = await loadModel(modelFile);
  const { model } = loaded;
  const target = loaded.target ?? 'prediction';
  const table = await readCsv(file, { delimiter });
  const preprocessing = loaded.preprocessing ?? plainPreprocessing(file, table.header, loaded.target, model.nFeaturesIn);
  const X = transform(file, table, preprocessing);
  const labels = model.predict(X);
  const classes = model.classes;
  // Text cells are data for spreadsheets too: neutralised unless --raw-cells (see the usage).
  const safe = values['raw-cells'] ? (s: string) => s : neutraliseCell;
  const quote = (s: string) => {
    const cell = safe(s);
    return /[",;\t\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  };
  const header = [target, ...(values['proba'] ? classes.map((c) => `P(${String(c)})`) : [])];
  const lines = [header.map(quote).join(',')];
  const proba = values['proba'] ? model.predictProba(X) : null;
  const K = classes.length;
  for (let i = 0; i < labels.length; i++) {
    const row = [quote(String(labels[i]))];
    if (proba !== null) for (let k = 0; k < K; k++) row.push(String(proba.data[i * K + k]));
    lines.push(row.join(','));
  }
  const text = `${lines.join('\n')}\n`;
  if (out === undefined) io.stdout.write(text);
  else {
    await writeFileAtomic(out, text);
    io.stderr.write(`${safeLine(`Wrote ${labels.length} predictions to ${out}`)}\n`);
  }
}
