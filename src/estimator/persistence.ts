/**
 * A fitted {@link LogisticRegression} to and from its stored forms: the JSON document
 * (whose format and checks are in model-json.ts), scikit-learn's attributes and ONNX
 * bytes (whose encoding is in src/onnx/). Every reader returns checked parameters; the
 * class builds the model from them.
 * @module
 */
import { readOnnx } from '../onnx/import.js';
import { type FittedState, parametersOf } from './fitted.js';
import { describeMode, MODEL_FORMAT, MODEL_VERSION, type ModelDocument, type ModelMode, type ModelParameters, readModelDocument } from './model-json.js';
import { type EstimatorOptions, type LogisticRegressionOptions, type MultiClass, optionsToJSON } from './options.js';

/** The document `toJSON` writes: format, version, options (no callbacks) and parameters. */
export function modelDocument(options: EstimatorOptions, fitted: FittedState): ModelDocument {
  return { format: MODEL_FORMAT, version: MODEL_VERSION, options: optionsToJSON(options), model: parametersOf(fitted) };
}

/**
 * A model document (an object, or its JSON text), checked, with its options in the form
 * the constructor takes.
 * @throws TypeError for text that is not JSON, and as {@link readModelDocument}.
 */
export function parseModelDocument(input: unknown): { options: LogisticRegressionOptions; model: ModelParameters } {
  let parsed = input;
  if (typeof input === 'string') {
    try {
      parsed = JSON.parse(input);
    } catch (cause) {
      throw new TypeError(`LogisticRegression.fromJSON: the text is not JSON (${(cause as Error).message})`, { cause });
    }
  }
  const { options, model } = readModelDocument(parsed);
  // toJSON always stores C; with penalty 'none' the default 1 says nothing, and keeping
  // it would make a refit warn that C is ignored.
  if (options['penalty'] === 'none' && options['C'] === 1) delete options['C'];
  return { options: options as LogisticRegressionOptions, model };
}

/**
 * Refuses a stored model whose mode its options would not fit (`fits`): it would predict
 * one way now and fit another way on the next call.
 */
export function checkStoredMode(model: ModelParameters, multiClass: MultiClass, fits: ModelMode): void {
  if (model.mode !== fits) {
    throw new RangeError(
      `LogisticRegression.fromJSON: model.mode is '${model.mode}', but options.multiClass '${multiClass}' with ${model.classes.length} classes fits ${describeMode(fits)}`,
    );
  }
}

/**
 * The parameters of an ONNX LinearClassifier, and the `multiClass` that fits its mode:
 * for three or more classes 'multinomial' and 'auto' mean the same; for two,
 * 'multinomial' is the two-class softmax that toOnnx writes as SOFTMAX. ONNX stores no
 * iteration counts: they read as 0, and the model as converged.
 * @throws as `readOnnx`.
 */
export function onnxModel(bytes: Uint8Array): { model: ModelParameters; multiClass: MultiClass } {
  const { mode, classes, coef, intercept } = readOnnx(bytes);
  const nIterPerProblem = new Array<number>(mode === 'ovr' ? classes.length : 1).fill(0);
  const model: ModelParameters = { mode, classes, coef, intercept, nIter: 0, nIterPerProblem, converged: true };
  return { model, multiClass: mode === 'binary' ? 'auto' : mode };
}
