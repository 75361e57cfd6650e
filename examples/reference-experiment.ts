/**
 * The reference experiment, run by `npm start`: scikit-learn's
 * make_classification(n_samples=1000, n_features=2, n_redundant=0, n_informative=2,
 * n_clusters_per_class=1, random_state=42), an 80/20 split with random_state=42, and
 * 1000 iterations of batch gradient descent at learning rate 0.01 from zero weights.
 * Prints the test accuracy (0.895), the weights, the bias and the fit time, and writes
 * predictions.svg (or the path given as the first argument).
 */
import { writeFileSync } from 'node:fs';
import { LogisticRegression, accuracy, makeClassification, trainTestSplit } from '../src/index.js';
import { renderPredictionPlot } from './plot-svg.js';

const outFile = process.argv[2] ?? 'predictions.svg';

const { X, y } = makeClassification({
  nSamples: 1000,
  nFeatures: 2,
  nRedundant: 0,
  nInformative: 2,
  nClustersPerClass: 1,
  randomState: 42,
});
const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.2, randomState: 42 });

const model = new LogisticRegression({ solver: 'gd', penalty: 'none', learningRate: 0.01, maxIter: 1000, tol: 0 });
const start = performance.now();
model.fit(XTrain, yTrain);
const fitMs = performance.now() - start;

const predicted = model.predict(XTest).map(Number);
const testAccuracy = accuracy(Array.from(yTest), predicted);
const weights = Array.from(model.coef.data);
const bias = model.intercept[0] ?? 0;

console.log(`Accuracy: ${testAccuracy}`);
console.log(`Weights: [${weights.join(', ')}]`);
console.log(`Bias: ${bias}`);
console.log(
  `Fit time: ${fitMs.toFixed(2)} ms (${model.nIter} iterations on ${XTrain.rows}×${XTrain.cols}, WebAssembly)`,
);

writeFileSync(
  outFile,
  renderPredictionPlot({
    points: XTest.toArray(),
    predicted,
    actual: yTest,
    weights,
    bias,
    title: 'Logistic regression on the test set',
    subtitle: `Accuracy ${testAccuracy} on ${XTest.rows} test points · gradient descent, 1000 iterations`,
  }),
);
console.log(`Wrote ${outFile}`);
