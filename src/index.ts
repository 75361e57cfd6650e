/**
 * logreg-wasm: logistic regression for JavaScript and TypeScript, trained in WebAssembly.
 * @module
 */
export { LogisticRegression } from './estimator/logistic-regression.js';
export type {
  ClassWeight,
  FitOptions,
  IterationInfo,
  LogisticRegressionOptions,
  MultiClass,
  PartialFitOptions,
  Penalty,
  Simd,
  Solver,
} from './estimator/options.js';
export { registerRelaxedSimd, relaxedSimdAvailable } from './core/relaxed-registry.js';
export { Matrix, type MatrixOptions } from './matrix.js';
export { CsrMatrix, type CsrData, type SparseRow, type SparseRowsOptions } from './sparse/csr-matrix.js';
export { parseSvmlight, parseSvmlightStream, SvmlightParser, type SvmlightData, type SvmlightOptions } from './sparse/svmlight.js';
export { formatSvmlight, type FormatSvmlightArgs, type SvmlightMatrix } from './sparse/svmlight-format.js';
/** @internal The argument checks of logreg-wasm/node's svmlight file functions (that entry imports only this one). */
export { svmlightFileArgs } from './sparse/svmlight-file-args.js';
export * from './text/index.js';
export type { Dtype, FeatureMatrix, MatrixLike } from './core/stage.js';
export { NotFittedError } from './errors.js';
export type { Label } from './validate/labels.js';
export { accuracy, type AccuracyOptions } from './metrics/accuracy.js';
export { startWorkers, takePassThreads, terminateWorkers } from './core/threads.js';
export * from './metrics/index.js';
export { StandardScaler, type StandardScalerOptions } from './preprocessing/standard-scaler.js';
export { gradientDescentBaseline, type BaselineOptions, type BaselineResult } from './baseline.js';
export {
  RandomState,
  makeClassification,
  trainTestSplit,
  trainTestSplitIndices,
  type MakeClassificationOptions,
  type SplitIndices,
  type TrainTestSplitOptions,
} from './datasets/index.js';
export {
  GroupKFold,
  KFold,
  ShuffleSplit,
  StratifiedKFold,
  StratifiedShuffleSplit,
  type Fold,
  type GroupKFoldOptions,
  type KFoldOptions,
  type ShuffleSplitOptions,
  type SplitSamples,
  type StratifiedKFoldOptions,
} from './model-selection/index.js';
export { crossValidate, crossValScore, type CrossValidatable, type CrossValidateOptions, type CrossValidateResult, type CrossValScoreOptions } from './model-selection/cross-validate.js';
export { type CrossValidator, type Cv } from './model-selection/cv.js';
export { logisticRegressionPath, type LogisticRegressionPath, type LogisticRegressionPathOptions } from './model-selection/path.js';
export {
  LogisticRegressionCV,
  type CvGrid,
  type CvModelDocument,
  type LogisticRegressionCVFitOptions,
  type LogisticRegressionCVOptions,
} from './model-selection/logistic-regression-cv.js';
export { SCORING_NAMES, type ScoredClassifier, type Scoring, type ScoringFunction, type ScoringName, type WarningHandler } from './model-selection/scoring.js';
export {
  tunedThreshold,
  TunedThresholdClassifier,
  type ResponseMethod,
  type ThresholdCvResults,
  type ThresholdMetric,
  type ThresholdScoringName,
  type TunedThresholdOptions,
} from './model-selection/tuned-threshold.js';
export { fitStream, type ChunkSource, type EpochInfo, type FitStreamOptions, type StreamChunk } from './stream/fit-stream.js';
export { fitChunks, type ChunkPasses, type FitChunksOptions } from './stream/fit-chunks.js';
export {
  likelihoodRatioTest,
  LogisticRegressionSummary,
  type Fingerprint,
  type SummaryOptions,
  type TestResult,
} from './inference/summary.js';
export { COV_TYPES, type CoefficientRow, type CovType, type SummaryEquation, type SummaryJSON } from './inference/summary-json.js';
export { formatSummary, type FormatSummaryOptions } from './inference/summary-table.js';
export { type MarginalEffect, type MarginalEffects } from './inference/marginal-effects.js';
export { arrowFeatures, labelsFromArrow, type ArrowFeatures, type ArrowTableLike, type FromArrowOptions, type HandleUnknown, type OneHotColumns } from './arrow/from-arrow.js';
export { arrowChunks, type ArrowChunksOptions } from './arrow/arrow-chunks.js';
export { duckdbChunks, type DuckdbChunksOptions } from './duckdb/duckdb-chunks.js';
export { fitPushdown, type PushdownOptions } from './duckdb/pushdown.js';
/** @internal A matrix whose every element the caller writes (logreg-wasm/parquet's readParquetXy): no zero fill. */
export { allocUnfilled } from './matrix.js';
/** @internal The registration hook of logreg-wasm/parquet's Spark reader (that entry calls it on import). */
export { registerSparkReader } from './estimator/spark-registry.js';
export type { FromSparkOptions } from './estimator/spark-registry.js';
