/**
 * The reference experiment, the one definition run by `npm start`
 * (examples/reference-experiment.ts) and by `logreg-wasm demo`: scikit-learn's
 * make_classification(n_samples=1000, n_features=2, n_redundant=0, n_informative=2,
 * n_clusters_per_class=1, random_state=42), an 80/20 split with random_state=42, and
 * 1000 iterations of batch gradient descent at learning rate 0.01 from zero weights. Its
 * test accuracy is 0.895 (test/reference-experiment.test.ts holds it to numpy's run).
 * @module
 */
import { LogisticRegression, accuracy, makeClassification, trainTestSplit, type Matrix } from '../index.js';

/** The experiment's figures, and what `npm start` plots. */
export interface ReferenceResult {
  /** The fitted model. */
  model: LogisticRegression;
  /** The 800 training rows (800×2). */
  XTrain: Matrix;
  /** The 200 held-out rows (200×2). */
  XTest: Matrix;
  /** Their true labels, 0 or 1. */
  yTest: number[];
  /** The model's label for each test row. */
  predicted: number[];
  /** The fraction of test rows labelled right: 0.895. */
  accuracy: number;
  /** The two weights. */
  weights: number[];
  /** The intercept. */
  bias: number;
  /** Wall time of `fit`, in milliseconds. */
  fitMs: number;
}

/** The settings of the experiment's gradient descent. */
export const REFERENCE_FIT = { solver: 'gd', penalty: 'none', learningRate: 0.01, maxIter: 1000, tol: 0 } as const;

/**
 * Runs the experiment.
 * @example
 * const { accuracy } = runReferenceExperiment(); // 0.895
 */
export function runReferenceExperiment(): ReferenceResult {
  const { X, y } = makeClassification({ nSamples: 1000, nFeatures: 2, nRedundant: 0, nInformative: 2, nClustersPerClass: 1, randomState: 42 });
  const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.2, randomState: 42 });
  const model = new LogisticRegression({ ...REFERENCE_FIT });
  const start = performance.now();
  model.fit(XTrain, yTrain);
  const fitMs = performance.now() - start;
  const predicted = model.predict(XTest).map(Number);
  const actual = Array.from(yTest, Number);
  return {
    model,
    XTrain,
    XTest,
    yTest: actual,
    predicted,
    accuracy: accuracy(actual, predicted),
    weights: Array.from(model.coef.data),
    bias: model.intercept[0] ?? 0,
    fitMs,
  };
}

/** The lines both runners print: accuracy, weights, bias and fit time. */
export function referenceReport(result: ReferenceResult): string[] {
  const { model, XTrain } = result;
  return [
    `Accuracy: ${result.accuracy}`,
    `Weights: [${result.weights.join(', ')}]`,
    `Bias: ${result.bias}`,
    `Fit time: ${result.fitMs.toFixed(2)} ms (${model.nIter} iterations on ${XTrain.rows}×${XTrain.cols}, WebAssembly)`,
  ];
}
