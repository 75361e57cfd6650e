import { describe, expect, it } from 'vitest';
import { LogisticRegression, type LogisticRegressionOptions, type Penalty, type Solver, makeClassification } from '../../src/index.js';

// Overlapping classes (flipY), so the unpenalised optimum is finite.
const { X, y } = makeClassification({ nSamples: 200, nFeatures: 4, nInformative: 3, nRedundant: 0, flipY: 0.2, randomState: 7 });

function parameters(options: LogisticRegressionOptions): number[] {
  const model = new LogisticRegression({ onWarning: null, randomState: 0, ...options }).fit(X, y);
  return [...model.coef.data, ...model.intercept];
}

const cases: [Penalty, Solver, LogisticRegressionOptions][] = [
  ['l2', 'lbfgs', {}],
  ['l2', 'newton', {}],
  ['l2', 'owlqn', {}],
  ['l2', 'gd', { learningRate: 0.1, maxIter: 30 }],
  ['l2', 'sgd', { learningRate: 0.05, maxIter: 5 }],
  ['l2', 'newton-cd', {}],
  ['l1', 'newton-cd', {}],
  ['l1', 'owlqn', {}],
  ['l1', 'gd', { learningRate: 0.1, maxIter: 30 }],
  ['l1', 'sgd', { learningRate: 0.05, maxIter: 5 }],
  ['elasticnet', 'newton-cd', { l1Ratio: 0.5 }],
  ['elasticnet', 'owlqn', { l1Ratio: 0.5 }],
  ['elasticnet', 'gd', { l1Ratio: 0.5, learningRate: 0.1, maxIter: 30 }],
];

describe('C = Infinity', () => {
  for (const [penalty, solver, extra] of cases) {
    it(`fits exactly the unpenalised model with penalty '${penalty}' and solver '${solver}'`, () => {
      const none = parameters({ penalty: 'none', solver, ...extra, l1Ratio: null });
      expect(parameters({ penalty, solver, C: Infinity, ...extra })).toEqual(none);
    });
  }

  it('gives a model different from a finite C (the penalty is really gone)', () => {
    expect(parameters({ C: Infinity })).not.toEqual(parameters({ C: 1 }));
  });
});
