/**
 * `logreg-wasm predict`: the predicted label (and with `--proba` the probabilities) of
 * each row of a data file (CSV, Parquet, Arrow or svmlight), as CSV, or as Parquet when
 * `--out` names a `.parquet` file.
 * @module
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Label } from '../../index.js';
import { dataFormat, tableSource } from '../data-format.js';
import { delimiterOf, str, type Values } from '../flags.js';
import type { Io } from '../io.js';
import { loadModel } from '../load-model.js';
import { readModelData } from '../model-data.js';
import { checkNotInput, writeFileAtomic } from '../model-file.js';
import { neutraliseCell, safeLine } from '../text.js';

/**
 * Runs `predict <model> <data.csv> [options]`: writes one line per row to stdout or `--out`.
 * @throws UsageError for bad flags, CliError for an unreadable model or data file.
 */
export async function predict(values: Values, positionals: string[], io: Io): Promise<void> {
  const [modelFile, file] = positionals as [string, string];
  const out = str(values, 'out');
  // Flags are checked before any file is read.
  if (dataFormat(values, file) !== 'svmlight') tableSource(values, file, 'predict');
  delimiterOf(values);
  if (out !== undefined) await checkNotInput(out, '--out', [modelFile, file]);
  const loaded = await loadModel(modelFile);
  const { model } = loaded;
  const target = loaded.target ?? 'prediction';
  const { X } = await readModelData(loaded, modelFile, file, loaded.target, values, 'predict');
  let labels, proba;
  try {
    labels = model.predict(X);
    proba = values['proba'] ? model.predictProba(X) : null;
  } finally {
    X.dispose();
  }
  const classes = model.classes;
  if (out !== undefined && isParquetPath(out)) {
    // Built whole, then written atomically: a failure leaves no file.
    await writeFileAtomic(out, predictionsParquet(target, classes, labels, proba?.data ?? null));
    io.stderr.write(`${safeLine(`Wrote ${labels.length} predictions to ${out}`)}\n`);
    return;
  }
  // Text cells are data for spreadsheets too: neutralised unless --raw-cells (see the usage).
  const safe = values['raw-cells'] ? (s: string) => s : neutraliseCell;
  const quote = (s: string) => {
    const cell = safe(s);
    return /[",;\t\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  };
  const header = [target, ...(values['proba'] ? classes.map((c) => `P(${String(c)})`) : [])];
  const lines = [header.map(quote).join(',')];
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

/** Whether predictions go to `path` as Parquet: its name ends in `.parquet` or `.pq` (any case). */
export function isParquetPath(path: string): boolean {
  return /\.(parquet|pq)$/i.test(path);
}

/**
 * The predictions as a Parquet file's bytes, the columns of the CSV output: the target's
 * name holding the labels (DOUBLE for numeric classes, UTF8 strings otherwise) and with
 * probabilities one DOUBLE column `P(class)` per class.
 */
export function predictionsParquet(target: string, classes: readonly Label[], labels: readonly Label[], proba: Float64Array | null): Uint8Array {
  const numeric = classes.every((c) => typeof c === 'number');
  const columnData = [
    numeric
      ? { name: target, data: Float64Array.from(labels as number[]), type: 'DOUBLE' as const, nullable: false }
      : { name: target, data: labels.map(String), type: 'STRING' as const, nullable: false },
  ];
  const K = classes.length;
  if (proba !== null) {
    for (let k = 0; k < K; k++) {
      const column = new Float64Array(labels.length);
      for (let i = 0; i < labels.length; i++) column[i] = proba[i * K + k] as number;
      columnData.push({ name: `P(${String(classes[k])})`, data: column, type: 'DOUBLE', nullable: false } as never);
    }
  }
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}
