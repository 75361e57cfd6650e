/**
 * Reading the model file `predict` and `evaluate` are given.
 * @module
 */
import { stat } from 'node:fs/promises';
import { CliError } from './errors.js';
import { readModelFile } from './model-file.js';
import { isOnnxPath, readOnnxFile } from './onnx-file.js';

/** A model file: the JSON `train` writes, or an ONNX file (by its .onnx name). */
export async function loadModel(file: string) {
  if ((await stat(file).catch(() => null))?.isDirectory()) throw new CliError(`${file}: is a directory, not a model file`);
  return isOnnxPath(file) ? readOnnxFile(file) : readModelFile(file);
}
