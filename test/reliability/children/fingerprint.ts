/**
 * Bit fingerprints of a fixed set of seeded pipelines (data generation, split, fit with
 * every solver and multiclass mode, SGD with shuffling, partialFit streams). Imported by
 * determinism.test.ts, and run as a child process (`node --import tsx fingerprint.ts`) to
 * compare a fresh process's bits with the test's own.
 */
import { pathToFileURL } from 'node:url';
import { LogisticRegression, type LogisticRegressionOptions, makeClassification, trainTestSplit } from '../../../src/index.js';

function hex(values: ArrayLike<number>): string {
  const f = Float64Array.from(values);
  return Array.from(new BigUint64Array(f.buffer), (b) => b.toString(16).padStart(16, '0')).join('');
}

/** name → hex of every coefficient, intercept and test-set probability. */
export function fingerprints(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const nClasses of [2, 3]) {
    const { X, y } = makeClassification({ nSamples: 300, nFeatures: 6, nInformative: 4, nRedundant: 1, nClasses, flipY: 0.05, randomState: 7 });
    const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.25, randomState: 11, stratify: y });
    out[`data/${nClasses}`] = hex(XTrain.data) + hex(XTest.data) + hex(yTrain) + hex(yTest);
    const configs: [string, LogisticRegressionOptions][] = [
      ['lbfgs', { solver: 'lbfgs', tol: 1e-10, maxIter: 1000 }],
      ['newton', { solver: 'newton', tol: 1e-10, maxIter: 1000 }],
      ['owlqn-l1', { solver: 'owlqn', penalty: 'l1', C: 0.5, tol: 1e-8, maxIter: 1000 }],
      ['owlqn-elasticnet-ovr', { solver: 'owlqn', penalty: 'elasticnet', l1Ratio: 0.3, multiClass: 'ovr', maxIter: 500 }],
      ['gd', { solver: 'gd', learningRate: 0.1, maxIter: 300, tol: 0 }],
      ['sgd', { solver: 'sgd', learningRate: 0.05, batchSize: 16, maxIter: 30, tol: 0, randomState: 5 }],
      ['balanced-ovr', { classWeight: 'balanced', multiClass: 'ovr', tol: 1e-8 }],
    ];
    for (const [name, options] of configs) {
      const model = new LogisticRegression({ ...options, onWarning: null }).fit(XTrain, yTrain);
      out[`${name}/${nClasses}`] = hex(model.coef.data) + hex(model.intercept) + hex(model.predictProba(XTest).data);
    }
    const stream = new LogisticRegression({ solver: 'sgd', randomState: 9, onWarning: null });
    const classes = Array.from({ length: nClasses }, (_, k) => k);
    for (let epoch = 0; epoch < 3; epoch++) {
      for (let start = 0; start < XTrain.rows; start += 50) {
        const end = Math.min(start + 50, XTrain.rows);
        stream.partialFit(XTrain.toArray().slice(start, end), Array.from(yTrain).slice(start, end), { classes });
      }
    }
    out[`partialFit/${nClasses}`] = hex(stream.coef.data) + hex(stream.intercept);
  }
  return out;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(fingerprints()));
}
