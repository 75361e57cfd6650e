// The CLI end to end on the committed Wisconsin breast cancer data: train → model file →
// predict → evaluate, checked against scikit-learn's results for the same pipeline.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BREAST_CANCER, REFERENCE_FILE, cli, scratch } from './helpers.js';

const reference = JSON.parse(readFileSync(REFERENCE_FILE, 'utf8'));
const tmp = scratch();
const modelFile = tmp.path('model.json');
let trainReport: any;

beforeAll(async () => {
  const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--standardize', '--tol', '1e-10', '--max-iter', '10000', '--json', '--quiet', '--out', modelFile]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  trainReport = JSON.parse(r.stdout);
});
afterAll(() => tmp.remove());

describe('train on the breast cancer CSV', () => {
  it('reads 569 rows, 30 features and the two classes with their counts', () => {
    expect(trainReport.data.rows).toBe(569);
    expect(trainReport.data.features).toEqual(reference.features);
    expect(trainReport.classes).toEqual(reference.classes);
    expect(trainReport.counts).toEqual([357, 212]);
  });

  it("splits 455/114 as scikit-learn's train_test_split(test_size=0.2, random_state=42)", () => {
    expect(trainReport.split).toMatchObject({ train: 455, test: 114 });
  });

  it("reaches scikit-learn's train and test accuracy exactly, and its log-loss and ROC AUC to 1e-5", () => {
    for (const set of ['train', 'test'] as const) {
      expect(trainReport[set].accuracy).toBe(reference[set].accuracy);
      expect(trainReport[set].logLoss).toBeCloseTo(reference[set].logLoss, 5);
      expect(trainReport[set].rocAuc).toBeCloseTo(reference[set].rocAuc, 5);
    }
  });

  it('reports convergence, the confusion matrix and per-class precision, recall and F1', () => {
    expect(trainReport.fit.converged).toBe(true);
    const { confusionMatrix, support } = trainReport.test;
    expect(confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(114);
    expect(support).toEqual([confusionMatrix[0][0] + confusionMatrix[0][1], confusionMatrix[1][0] + confusionMatrix[1][1]]);
    expect(trainReport.test.precision).toHaveLength(2);
  });

  it('saves the standardisation with the coefficients in the model file', () => {
    const doc = JSON.parse(readFileSync(modelFile, 'utf8'));
    expect(doc.format).toBe('logreg-wasm/cli-model');
    expect(doc.target).toBe('diagnosis');
    expect(doc.preprocessing.standardize.mean).toHaveLength(30);
    expect(doc.estimator.model.coef[0]).toHaveLength(30);
  });

  it('prints a text report with classes, iterations, fit time, metrics and where the model went', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--standardize', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Classes: benign 357, malignant 212$/m);
    expect(r.stdout).toMatch(/^Fit: lbfgs, penalty l2, C 1: \d+ iterations, converged, [\d.]+ ms$/m);
    expect(r.stdout).toMatch(/^accuracy\s+0\.9868\s+0\.9737$/m);
    expect(r.stdout).toMatch(/^log-loss\s/m);
    expect(r.stdout).toMatch(/^ROC AUC\s/m);
    expect(r.stdout).toContain('Confusion matrix (test; rows true, columns predicted):');
    expect(r.stdout).toMatch(/^\s+precision\s+recall\s+f1\s+support$/m);
    expect(r.stdout).toContain('Model not saved');
  });
});

describe('predict and evaluate with the saved model', () => {
  it('predict writes one label per row, and with --proba one probability column per class', async () => {
    const out = tmp.path('preds.csv');
    const r = await cli(['predict', modelFile, BREAST_CANCER, '--proba', '--out', out]);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('diagnosis,P(benign),P(malignant)');
    expect(lines).toHaveLength(570);
    for (const line of lines.slice(1)) {
      const [label, p0, p1] = line.split(',');
      expect(['benign', 'malignant']).toContain(label);
      expect(Number(p0) + Number(p1)).toBeCloseTo(1, 12);
      expect(label).toBe(Number(p1) > Number(p0) ? 'malignant' : 'benign');
    }
  });

  it('predict without --out writes the labels to stdout', async () => {
    const r = await cli(['predict', modelFile, BREAST_CANCER]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('diagnosis');
    expect(lines).toHaveLength(570);
  });

  it("evaluate's accuracy on the whole file agrees with predict's labels", async () => {
    const predicted = (await cli(['predict', modelFile, BREAST_CANCER])).stdout.trimEnd().split('\n').slice(1);
    const truth = readFileSync(BREAST_CANCER, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.slice(l.lastIndexOf(',') + 1));
    const expected = predicted.filter((p, i) => p === truth[i]).length / truth.length;
    const r = await cli(['evaluate', modelFile, BREAST_CANCER, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scores.accuracy).toBe(expected);
  });

  it('evaluate prints the text report with the confusion matrix', async () => {
    const r = await cli(['evaluate', modelFile, BREAST_CANCER]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Classes: benign 357, malignant 212$/m);
    expect(r.stdout).toContain('Confusion matrix (data; rows true, columns predicted):');
  });
});
