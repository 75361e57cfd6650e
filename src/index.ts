/**
 * logreg-wasm: logistic regression for JavaScript and TypeScript, trained in WebAssembly.
 * @module
 */
export {
  LogisticRegression,
  type ClassWeight,
  type FitOptions,
  type IterationInfo,
  type LogisticRegressionOptions,
  type MultiClass,
  type PartialFitOptions,
  type Penalty,
  type Simd,
  type Solver,
} from './estimator/logistic-regression.js';
export { registerRelaxedSimd, relaxedSimdAvailable } from './core/relaxed-registry.js';
export { Matrix, type MatrixOptions } from './matrix.js';
export type { Dtype, MatrixLike } from './core/stage.js';
export { NotFittedError } from './errors.js';
export type { Label } from './validate/labels.js';
export { accuracy } from './metrics/accuracy.js';
export { startWorkers, terminateWorkers } from './core/threads.js';
export * from './metrics/index.js';
export { StandardScaler, type StandardScalerOptions } from './preprocessing/standard-scaler.js';
export { gradientDescentBaseline, type BaselineOptions, type BaselineResult } from './baseline.js';
export {
  RandomState,
  makeClassification,
  trainTestSplit,
  type MakeClassificationOptions,
  type TrainTestSplitOptions,
} from './datasets/index.js';
export { fitStream, type ChunkSource, type EpochInfo, type FitStreamOptions, type StreamChunk } from './stream/fit-stream.js';
