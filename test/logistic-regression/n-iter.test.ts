import { describe, expect, it } from 'vitest';
import { type IterationInfo, LogisticRegression, makeClassification } from '../../src/index.js';

const threeClasses = makeClassification({ nSamples: 300, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, flipY: 0.1, randomState: 6 });
const binary = makeClassification({ nSamples: 100, nFeatures: 3, nInformative: 2, nRedundant: 0, randomState: 1 });

describe('nIterPerProblem', () => {
  it('has one entry per class for one-vs-rest, each the iterations that class took, and nIter is the largest', () => {
    const seen: IterationInfo[] = [];
    const model = new LogisticRegression({ multiClass: 'ovr', onWarning: null, onIteration: (info) => void seen.push(info) }).fit(threeClasses.X, threeClasses.y);
    const perClass = [0, 1, 2].map((k) => seen.filter((info) => info.problem === k).length);
    expect(model.nIterPerProblem).toEqual(perClass);
    expect(new Set(perClass).size).toBeGreaterThan(1);
    expect(model.nIter).toBe(Math.max(...perClass));
  });

  it('has the one entry nIter for a multinomial model', () => {
    const model = new LogisticRegression({ onWarning: null }).fit(threeClasses.X, threeClasses.y);
    expect(model.nIterPerProblem).toEqual([model.nIter]);
  });

  it('has the one entry nIter for a binary model', () => {
    const model = new LogisticRegression({ onWarning: null }).fit(binary.X, binary.y);
    expect(model.nIterPerProblem).toEqual([model.nIter]);
  });

  it('is a copy the caller cannot use to change the model', () => {
    const model = new LogisticRegression({ multiClass: 'ovr', onWarning: null }).fit(threeClasses.X, threeClasses.y);
    const before = model.nIterPerProblem;
    model.nIterPerProblem[0] = 999;
    expect(model.nIterPerProblem).toEqual(before);
  });
});
