/**
 * svmlight / LIBSVM files for the CLI, read by the library's `loadSvmlightFile` with
 * scikit-learn's `load_svmlight_file` rules (a `.gz` name is decompressed): labels from the
 * first token of each line, features as compressed sparse rows. A model remembers the width
 * and index base of the file it was trained on, and files it is applied to are read with
 * both (a larger index is refused, naming the file and line; fewer columns are padded, as
 * scikit-learn's `n_features` does). Rows in messages are the file's labelled lines, counted
 * from 1 (comment and blank lines are not rows).
 * @module
 */
import { stat } from 'node:fs/promises';
import type { CsrMatrix, Dtype, Label } from '../index.js';
import { loadSvmlightFile } from '../node/index.js';
import { CliError } from './errors.js';

/** How a model reads svmlight files: the training file's width and index base. */
export interface SvmlightInput {
  /** Columns of X: the training file's largest index + 1 (after the base is applied). */
  nFeatures: number;
  /** Whether indices start at 0; false when they start at 1 (the training file had no index 0). */
  zeroBased: boolean;
}

/** An svmlight file as read: X in the core's memory (the caller disposes it), the labels, and the input a model trained on it reads. */
export interface SvmlightFile extends SvmlightInput {
  file: string;
  X: CsrMatrix<Dtype>;
  y: Float64Array;
}

/**
 * Reads an svmlight file, its values stored as `dtype`. `reading` is a model's input, or its width with the base `'auto'`
 * for a model that has none (an ONNX file from elsewhere). Without it (training), the width
 * is the file's and the base is scikit-learn's 'auto': one-based when the file has a
 * feature and no index 0.
 * @throws CliError for a missing file, a line that does not parse or a value that is not
 * finite (file, line, column), an index beyond `reading.nFeatures` (file and line), an
 * index 0 in a one-based model's file, or a file without rows.
 */
export async function readSvmlightFile(file: string, reading?: { nFeatures: number; zeroBased: boolean | 'auto' }, dtype: Dtype = 'float64'): Promise<SvmlightFile> {
  if ((await stat(file).catch(() => null))?.isDirectory()) throw new CliError(`${file}: is a directory, not an svmlight file`);
  let loaded;
  try {
    loaded = await loadSvmlightFile(file, { ...reading, dtype });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (error instanceof RangeError) throw new CliError(inCliTerms(message.replace(/^loadSvmlightFile: /, '')));
    throw new CliError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? message})`);
  }
  const { X, y, zeroBased } = loaded;
  if (X.rows === 0) {
    X.dispose();
    throw new CliError(`${file}: has no rows (every line is blank or a comment)`);
  }
  return { file, X, y, nFeatures: X.cols, zeroBased };
}

/** The loader's messages in the CLI's words (the model's width, not the option's name). */
function inCliTerms(message: string): string {
  return message
    .replace(/: nFeatures is (\d+), but /, ': the model has $1 features, but ')
    .replace(/ \(zeroBased: false\)/, " (the model's training file was one-based)");
}

/** The labels of an svmlight file as classes (−0 is 0). @throws CliError for a label that is not finite, naming its row. */
export function svmlightLabels(svm: Pick<SvmlightFile, 'file' | 'y'>): Label[] {
  const { y } = svm;
  const labels: Label[] = new Array<Label>(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i] as number;
    if (!Number.isFinite(v)) throw new CliError(`${svm.file}: row ${i + 1}: the label ${String(v)} is not a class; labels must be finite numbers`);
    labels[i] = v === 0 ? 0 : v;
  }
  return labels;
}
