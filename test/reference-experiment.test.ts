import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LogisticRegression, Matrix, accuracy, gradientDescentBaseline } from '../src/index.js';
import { referenceReport, runReferenceExperiment } from '../src/cli/reference-experiment.js';
import { relativeError } from './helpers.js';

interface Checkpoint {
  iter: number;
  weights: number[];
  bias: number;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/reference-experiment.json', import.meta.url), 'utf8')) as {
  X: number[][];
  y: number[];
  trainIndices: number[];
  testIndices: number[];
  learningRate: number;
  checkpoints: Checkpoint[];
  trainLoss: { iter: number; loss: number }[];
  testProbabilities: number[];
  testPredictions: number[];
  accuracy: number;
};

const XTrain = Matrix.fromRows(fixture.trainIndices.map((i) => fixture.X[i]!));
const yTrain = fixture.trainIndices.map((i) => fixture.y[i]!);
const XTest = Matrix.fromRows(fixture.testIndices.map((i) => fixture.X[i]!));
const yTest = fixture.testIndices.map((i) => fixture.y[i]!);

function fitGd(maxIter: number, recordLoss = false): LogisticRegression {
  return new LogisticRegression({
    solver: 'gd',
    penalty: 'none',
    learningRate: fixture.learningRate,
    maxIter,
    tol: 0,
    recordLoss,
  }).fit(XTrain, yTrain);
}

/** Weights and bias as one vector, so the relative error is taken over all parameters. */
function parameters(weights: ArrayLike<number>, bias: number): number[] {
  return [...Array.from(weights), bias];
}

describe('the reference experiment (numpy gradient descent on make_classification, seed 42)', () => {
  for (const checkpoint of fixture.checkpoints) {
    it(`matches numpy's weights and bias to 1e-12 relative after ${checkpoint.iter} iterations`, () => {
      const model = fitGd(checkpoint.iter);
      const got = parameters(model.coef.data, model.intercept[0]!);
      expect(relativeError(got, parameters(checkpoint.weights, checkpoint.bias))).toBeLessThan(1e-12);
    });
  }

  it('matches the plain-JS baseline to 1e-12 relative after 1000 iterations', () => {
    const model = fitGd(1000);
    const base = gradientDescentBaseline(XTrain, yTrain, { learningRate: fixture.learningRate, maxIter: 1000 });
    expect(relativeError(parameters(model.coef.data, model.intercept[0]!), parameters(base.weights, base.bias))).toBeLessThan(
      1e-12,
    );
  });

  it("matches numpy's training loss at each checkpoint to 1e-12 relative", () => {
    const curve = fitGd(1001, true).lossCurve!;
    for (const { iter, loss } of fixture.trainLoss) {
      // lossCurve[k] is the loss before update k, i.e. after k updates.
      expect(Math.abs(curve[iter]! - loss) / loss).toBeLessThan(1e-12);
    }
  });

  it("gives numpy's test probabilities to 1e-12 and its exact predictions", () => {
    const model = fitGd(1000);
    const proba = model.predictProba(XTest);
    for (let i = 0; i < yTest.length; i++) {
      expect(Math.abs(proba.get(i, 1) - fixture.testProbabilities[i]!)).toBeLessThan(1e-12);
    }
    expect(model.predict(XTest)).toEqual(fixture.testPredictions);
  });

  it('scores test accuracy 0.895', () => {
    const model = fitGd(1000);
    expect(accuracy(yTest, model.predict(XTest))).toBe(0.895);
    expect(model.score(XTest, yTest)).toBe(fixture.accuracy);
  });

  it('runReferenceExperiment (what npm start and logreg-wasm demo run) splits as numpy did and fits to the same bits as the fixture\'s fit', () => {
    const result = runReferenceExperiment();
    expect(result.XTest.toArray()).toEqual(XTest.toArray());
    expect(result.yTest).toEqual(yTest);
    const model = fitGd(1000);
    expect(result.weights).toEqual(Array.from(model.coef.data));
    expect(result.bias).toBe(model.intercept[0]);
    expect(referenceReport(result).slice(0, 3)).toEqual([
      'Accuracy: 0.895',
      `Weights: [${Array.from(model.coef.data).join(', ')}]`,
      `Bias: ${model.intercept[0]}`,
    ]);
  });
});
