import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { sampleWithoutReplacement } from '../../src/datasets/hypercube.js';
import { makeClassification, type MakeClassificationOptions } from '../../src/datasets/make-classification.js';
import { RandomState } from '../../src/datasets/random-state.js';

interface DatasetCase {
  name: string;
  makeClassification: MakeClassificationOptions;
  X: number[][];
  y: number[];
}

const read = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as T;

const datasets = read<{ cases: DatasetCase[] }>('datasets.json');
const reference = read<DatasetCase>('reference-experiment.json');

/** Every value equal under Object.is (so also -0 vs 0 and NaN). */
function expectSameNumbers(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  let mismatches = 0;
  for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) mismatches++;
  expect(mismatches).toBe(0);
  expect(Array.from(actual)).toEqual(expected);
}

describe('makeClassification against scikit-learn fixtures', () => {
  it.each(datasets.cases.map((c) => [c.name, c] as const))(
    'reproduces scikit-learn exactly for the %s case',
    (_name, c) => {
      const { X, y } = makeClassification(c.makeClassification);
      expect([X.rows, X.cols]).toEqual([c.X.length, c.X[0]!.length]);
      expectSameNumbers(X.data, c.X.flat());
      expectSameNumbers(y, c.y);
    },
  );

  it('reproduces scikit-learn exactly for the reference experiment', () => {
    const { X, y } = makeClassification(reference.makeClassification);
    expectSameNumbers(X.data, reference.X.flat());
    expectSameNumbers(y, reference.y);
  });
});

describe('makeClassification', () => {
  it('uses scikit-learn defaults', () => {
    const { X, y } = makeClassification({ randomState: 0 });
    expect([X.rows, X.cols]).toEqual([100, 20]);
    expect(y).toBeInstanceOf(Int32Array);
    // make_classification(random_state=0)
    expectSameNumbers(X.row(0), [
      -0.039267991037953184, 0.1319117557874122, -0.21120598363152, -1.21414739515473,
      1.0500446681804023, -0.4213275873246805, 0.768770644399475, 0.8756956787795067,
      2.451229719075076, -0.4802420417382233, -2.132641055314084, -0.5232509433848951,
      0.7086952731104266, -1.9805655910689397, -1.3651628772251687, -0.9489328108497634,
      1.9470986428203578, 1.9769890149980527, 1.021224743167163, -0.46931073627910674,
    ]);
    expectSameNumbers(y.subarray(0, 10), [0, 0, 1, 1, 1, 0, 0, 0, 1, 1]);
  });

  it('advances a shared RandomState like scikit-learn does', () => {
    const rs = new RandomState(3);
    const options = { nSamples: 5, nFeatures: 3, nRedundant: 0, randomState: rs };
    const first = makeClassification(options);
    const second = makeClassification(options);
    expectSameNumbers(first.X.row(0), [1.027586366022903, -0.76883635031923, -0.5651016675834006]);
    expectSameNumbers(first.y, [1, 0, 0, 1, 0]);
    expectSameNumbers(second.X.row(0), [-0.1974146791582499, -0.8675499606026746, -0.8156694485209341]);
    expectSameNumbers(second.y, [0, 1, 0, 0, 1]);
  });

  it('is deterministic for an integer seed', () => {
    const a = makeClassification({ nSamples: 30, randomState: 123 });
    const b = makeClassification({ nSamples: 30, randomState: 123 });
    expect(Array.from(a.X.data)).toEqual(Array.from(b.X.data));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
  });

  it('draws an unpredictable dataset of the right shape without a seed', () => {
    const { X, y } = makeClassification({ nSamples: 12, nFeatures: 5, randomState: null });
    expect([X.rows, X.cols, y.length]).toEqual([12, 5, 12]);
    for (const label of y) expect([0, 1]).toContain(label);
  });

  it('accepts per-feature shift and scale typed arrays like plain arrays', () => {
    const base = { nSamples: 20, nFeatures: 3, nRedundant: 0, randomState: 4 };
    const a = makeClassification({ ...base, shift: [1, 2, 3], scale: [0.5, 2, 4] });
    const b = makeClassification({
      ...base,
      shift: Float64Array.from([1, 2, 3]),
      scale: Float32Array.from([0.5, 2, 4]),
    });
    expect(Array.from(a.X.data)).toEqual(Array.from(b.X.data));
  });
});

describe('sampleWithoutReplacement', () => {
  it('uses the permutation branch for moderate ratios', () => {
    expect(Array.from(sampleWithoutReplacement(10, 5, new RandomState(42)))).toEqual([8, 1, 5, 0, 7]);
  });

  it('uses tracking selection for small ratios', () => {
    expect(Array.from(sampleWithoutReplacement(1000, 5, new RandomState(0)))).toEqual([
      684, 559, 629, 192, 835,
    ]);
    expect(Array.from(sampleWithoutReplacement(2 ** 30, 3, new RandomState(1)))).toEqual([
      717354021, 1061650667, 946286476,
    ]);
  });

  it('uses reservoir sampling for ratios of 0.99 and above', () => {
    expect(Array.from(sampleWithoutReplacement(100, 99, new RandomState(0)).subarray(-5))).toEqual([
      94, 95, 96, 97, 98,
    ]);
  });

  it('consumes no draws when the sample is the whole population', () => {
    const rs = new RandomState(0);
    expect(Array.from(sampleWithoutReplacement(4, 4, rs))).toEqual([0, 1, 2, 3]);
    expect(rs.randomSample()).toBe(new RandomState(0).randomSample());
  });

  it('rejects a sample larger than the population', () => {
    expect(() => sampleWithoutReplacement(3, 4, new RandomState(0))).toThrow(
      'sampleWithoutReplacement: nSamples must be an integer in [0, nPopulation = 3]; got 4',
    );
  });
});

describe('makeClassification validation', () => {
  const cases: Array<[string, MakeClassificationOptions, ErrorConstructor, string]> = [
    [
      'too many useful features',
      { nFeatures: 5, nInformative: 3, nRedundant: 2, nRepeated: 1 },
      RangeError,
      'makeClassification: nInformative + nRedundant + nRepeated = 6 must be ≤ nFeatures = 5',
    ],
    [
      'too many clusters for the hypercube',
      { nInformative: 2, nClasses: 3, nClustersPerClass: 2 },
      RangeError,
      'makeClassification: nClasses × nClustersPerClass = 6 must be ≤ 2^nInformative = 4',
    ],
    [
      'weights of the wrong length',
      { nClasses: 3, nInformative: 3, weights: [0.2, 0.3, 0.1, 0.4] },
      RangeError,
      'makeClassification: weights must have length nClasses = 3 or nClasses − 1 = 2; got 4',
    ],
    [
      'a negative weight',
      { weights: [-0.5, 1.5] },
      RangeError,
      'makeClassification: weights[0] must be a finite number ≥ 0; got -0.5',
    ],
    [
      'short weights summing above 1',
      { nClasses: 3, nInformative: 3, weights: [0.7, 0.5] },
      RangeError,
      'makeClassification: weights sum to 1.2 > 1, so the inferred last weight 1 − sum = -0.19999999999999996 is negative',
    ],
    [
      'flipY above 1',
      { flipY: 1.5 },
      RangeError,
      'makeClassification: flipY must be in [0, 1]; got 1.5',
    ],
    [
      'a fractional sample count',
      { nSamples: 10.5 },
      RangeError,
      'makeClassification: nSamples must be an integer ≥ 1; got 10.5',
    ],
    [
      'zero samples',
      { nSamples: 0 },
      RangeError,
      'makeClassification: nSamples must be an integer ≥ 1; got 0',
    ],
    [
      'a negative redundant count',
      { nRedundant: -1 },
      RangeError,
      'makeClassification: nRedundant must be an integer ≥ 0; got -1',
    ],
    [
      'a shift array of the wrong length',
      { nFeatures: 4, shift: [1, 2] },
      RangeError,
      'makeClassification: shift must have one value per feature (nFeatures = 4); got length 2',
    ],
    [
      'an infinite classSep',
      { classSep: Infinity },
      RangeError,
      'makeClassification: classSep must be a finite number; got Infinity',
    ],
    [
      'a seed out of range',
      { randomState: 2 ** 32 },
      RangeError,
      'randomState must be an integer in [0, 4294967295], a RandomState or null; got 4294967296',
    ],
    [
      'a non-boolean hypercube',
      { hypercube: 'yes' as unknown as boolean },
      TypeError,
      'makeClassification: hypercube must be a boolean; got the string "yes"',
    ],
    [
      'a non-numeric nFeatures',
      { nFeatures: '20' as unknown as number },
      TypeError,
      'makeClassification: nFeatures must be an integer ≥ 1; got the string "20"',
    ],
    [
      'an unknown option name',
      { nSample: 10 } as unknown as MakeClassificationOptions,
      TypeError,
      "makeClassification: unknown option 'nSample' (known options: nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses, nClustersPerClass, weights, flipY, classSep, hypercube, shift, scale, shuffle, randomState)",
    ],
  ];

  it.each(cases)('rejects %s', (_what, options, ErrorType, message) => {
    expect(() => makeClassification(options)).toThrow(ErrorType);
    expect(() => makeClassification(options)).toThrow(message);
  });
});
