/**
 * `logreg-wasm export`: writes a JSON model file as ONNX.
 * @module
 */
import { UsageError } from '../errors.js';
import { str, type Values } from '../flags.js';
import type { Io } from '../io.js';
import { checkNotInput, readModelFile, writeFileAtomic } from '../model-file.js';
import { cliModelToOnnx, isOnnxPath } from '../onnx-file.js';
import { quoted, safeLine } from '../text.js';

/**
 * Runs `export <model.json> --onnx model.onnx`.
 * @throws UsageError for a missing or misnamed --onnx, CliError for an unreadable model file.
 */
export async function exportModel(values: Values, positionals: string[], io: Io): Promise<void> {
  const [modelFile] = positionals as [string];
  const out = str(values, 'onnx');
  if (out === undefined) throw new UsageError('export needs --onnx FILE, the ONNX file to write', 'export');
  if (isOnnxPath(modelFile)) throw new UsageError(`export reads the JSON model file train writes; ${quoted(modelFile)} is already ONNX`, 'export');
  // Replacing the input is refused first (exit 1), whatever the name.
  await checkNotInput(out, '--onnx', [modelFile]);
  if (!isOnnxPath(out)) {
    throw new UsageError(`--onnx needs a file name ending in .onnx (predict and evaluate tell ONNX from JSON by the name); got ${quoted(out)}`, 'export');
  }
  const bytes = cliModelToOnnx(modelFile, await readModelFile(modelFile));
  await writeFileAtomic(out, bytes);
  io.stderr.write(`${safeLine(`Wrote ${out} (${bytes.length} bytes, ONNX LinearClassifier)`)}\n`);
}
