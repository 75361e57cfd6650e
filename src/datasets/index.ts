/**
 * Bit-exact ports of numpy's legacy `RandomState` and of scikit-learn 1.2's
 * `make_classification` and `train_test_split`: for the same `randomState`
 * they return the same numbers and indices as Python.
 *
 * @example
 * ```ts
 * import { makeClassification, trainTestSplit } from 'logreg-wasm';
 * const { X, y } = makeClassification({ nSamples: 1000, nFeatures: 2, nRedundant: 0,
 *   nInformative: 2, nClustersPerClass: 1, randomState: 42 });
 * const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.2, randomState: 42 });
 * ```
 *
 * @packageDocumentation
 */

export { RandomState, checkRandomState } from './random-state.js';
export {
  makeClassification,
  type MakeClassificationOptions,
  type Classification,
} from './make-classification.js';
export {
  trainTestSplit,
  trainTestSplitIndices,
  type TrainTestSplitOptions,
  type TrainTestSplit,
  type SplitIndices,
  type SplitLabels,
} from './train-test-split.js';
