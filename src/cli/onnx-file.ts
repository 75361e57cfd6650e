/**
 * The CLI's ONNX model files. `export model.json --onnx model.onnx` writes the estimator
 * as an ONNX LinearClassifier with the standardisation folded into its coefficients (so
 * the graph reads the raw, one-hot-expanded feature vector) and the rest of the
 * preprocessing and the target's name in metadata_props; `predict` and `evaluate` read it
 * back. An ONNX file from elsewhere (skl2onnx, say) has no such metadata: its features
 * are then every CSV column but the target, in file order.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { LogisticRegression } from '../index.js';
import { readOnnx } from '../onnx/import.js';
import { CliError } from './errors.js';
import type { CliModel } from './model-file.js';
import { expandedFeatureNames, type Preprocessing } from './preprocess.js';
import type { SvmlightInput } from './svmlight-data.js';

const META_TARGET = 'logreg-wasm:target';
const META_PREPROCESSING = 'logreg-wasm:preprocessing';
const META_FEATURES = 'logreg-wasm:features';
const META_SVMLIGHT = 'logreg-wasm:svmlight';

/** A model file's name says ONNX. */
export function isOnnxPath(file: string): boolean {
  return /\.onnx$/i.test(file);
}

/**
 * The ONNX bytes of a CLI model: standardisation (x − mean) / scale folded into
 * w' = w / scale, b' = b − Σ w·mean / scale; a model of svmlight data keeps its width and
 * index base in metadata.
 * @throws CliError for a model of text, whose vectorizer an ONNX LinearClassifier cannot hold.
 */
export function cliModelToOnnx(file: string, { target, preprocessing, svmlight, model }: CliModel): Uint8Array {
  if (svmlight !== null) {
    return model.toOnnx({ metadata: { [META_TARGET]: target, [META_SVMLIGHT]: JSON.stringify(svmlight) } });
  }
  if (preprocessing === null) {
    throw new CliError(`${file}: the model turns a text column into features with its vectorizer, which an ONNX LinearClassifier cannot hold; predict and evaluate read ${file} itself`);
  }
  const doc = model.toJSON();
  const p = doc.model;
  const std = preprocessing.standardize;
  const coef = std === null ? p.coef : p.coef.map((row) => row.map((w, j) => w / (std.scale[j] as number)));
  const intercept =
    std === null
      ? p.intercept
      : p.intercept.map((b, k) => b - (p.coef[k] as number[]).reduce((s, w, j) => s + (w * (std.mean[j] as number)) / (std.scale[j] as number), 0));
  const folded = LogisticRegression.fromSklearn({
    coef,
    intercept,
    classes: p.classes,
    ...(p.mode === 'binary' ? {} : { multiClass: p.mode }),
  });
  return folded.toOnnx({
    metadata: {
      [META_TARGET]: target,
      [META_PREPROCESSING]: JSON.stringify({ ...preprocessing, standardize: null }),
      [META_FEATURES]: JSON.stringify(expandedFeatureNames(preprocessing)),
    },
  });
}

/**
 * A loaded ONNX model: its input from logreg-wasm's metadata, CSV columns (`preprocessing`)
 * or svmlight; both null for a file without it (from skl2onnx, say), which reads either.
 */
export interface OnnxCliModel {
  target: string | null;
  preprocessing: Preprocessing | null;
  svmlight: SvmlightInput | null;
  text: null;
  model: LogisticRegression;
}

/**
 * Loads an ONNX model file.
 * @throws CliError for a missing file or bytes that are not a supported ONNX linear classifier.
 */
export async function readOnnxFile(file: string): Promise<OnnxCliModel> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${(error as Error).message})`);
  }
  let model: LogisticRegression;
  let metadata: Record<string, string>;
  try {
    // One decode gives both the parameters and the metadata; the model is built from the
    // parameters as fromOnnx builds it.
    const parameters = readOnnx(bytes);
    metadata = parameters.metadata;
    model = LogisticRegression.fromSklearn({
      coef: parameters.coef,
      intercept: parameters.intercept,
      classes: parameters.classes,
      ...(parameters.mode === 'binary' ? {} : { multiClass: parameters.mode }),
    });
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message.replace(/^LogisticRegression\.fromOnnx: /, '')}`);
  }
  let preprocessing = metadataJson(file, metadata, META_PREPROCESSING) as Preprocessing | undefined | null;
  if (preprocessing !== undefined) {
    const ok =
      preprocessing !== null &&
      typeof preprocessing === 'object' &&
      Array.isArray(preprocessing.features) &&
      preprocessing.features.every((f) => typeof f === 'string') &&
      typeof preprocessing.oneHot === 'object' &&
      preprocessing.oneHot !== null &&
      Object.values(preprocessing.oneHot).every((c) => Array.isArray(c) && c.every((x) => typeof x === 'string'));
    if (!ok) throw new CliError(`${file}: metadata '${META_PREPROCESSING}' is damaged`);
    preprocessing.standardize = null;
    preprocessing.impute ??= null;
    const width = expandedFeatureNames(preprocessing).length;
    if (width !== model.nFeaturesIn) {
      throw new CliError(`${file}: the model has ${model.nFeaturesIn} features; its preprocessing metadata gives ${width}`);
    }
  }
  const svm = metadataJson(file, metadata, META_SVMLIGHT) as Partial<SvmlightInput> | undefined | null;
  let svmlight: SvmlightInput | null = null;
  if (svm !== undefined) {
    if (!(typeof svm === 'object' && svm !== null && svm.nFeatures === model.nFeaturesIn && typeof svm.zeroBased === 'boolean')) {
      throw new CliError(`${file}: metadata '${META_SVMLIGHT}' is damaged`);
    }
    svmlight = { nFeatures: svm.nFeatures, zeroBased: svm.zeroBased };
  }
  return { target: metadata[META_TARGET] ?? null, preprocessing: preprocessing ?? null, svmlight, text: null, model };
}

/** A metadata entry's JSON value, undefined when the entry is absent. @throws CliError for text that is not JSON. */
function metadataJson(file: string, metadata: Record<string, string>, key: string): unknown {
  const text = metadata[key];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliError(`${file}: metadata '${key}' is not JSON`);
  }

}

/** Preprocessing for an ONNX file without metadata: every column but the target, as numbers. */
export function plainPreprocessing(file: string, header: readonly string[], target: string | null, nFeatures: number): Preprocessing {
  const features = header.filter((h) => h !== target);
  if (features.length !== nFeatures) {
    throw new CliError(
      `${file}: the ONNX model takes ${nFeatures} features and has no logreg-wasm metadata naming them; the file has ${features.length} columns${target === null ? '' : ` besides '${target}'`}`,
    );
  }
  return { features, oneHot: {}, impute: null, standardize: null };
}
