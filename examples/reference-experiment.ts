/**
 * `npm start`: runs the reference experiment (src/cli/reference-experiment.ts, the one
 * `logreg-wasm demo` runs too), prints its test accuracy (0.895), weights, bias and fit
 * time, and writes predictions.svg (or the path given as the first argument).
 */
import { writeFileSync } from 'node:fs';
import { REFERENCE_FIT, referenceReport, runReferenceExperiment } from '../src/cli/reference-experiment.js';
import { renderPredictionPlot } from '../viz/prediction-plot.js';

const outFile = process.argv[2] ?? 'predictions.svg';

const result = runReferenceExperiment();
for (const line of referenceReport(result)) console.log(line);

writeFileSync(
  outFile,
  renderPredictionPlot({
    points: result.XTest.toArray(),
    predicted: result.predicted,
    actual: result.yTest,
    weights: result.weights,
    bias: result.bias,
    title: 'Logistic regression on the test set',
    subtitle: `Accuracy ${result.accuracy} on ${result.XTest.rows} test points · gradient descent, ${REFERENCE_FIT.maxIter} iterations`,
  }),
);
console.log(`Wrote ${outFile}`);
