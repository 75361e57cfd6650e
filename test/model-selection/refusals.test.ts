import { describe, expect, it } from 'vitest';
import { KFold } from '../../src/model-selection/k-fold.js';
import { StratifiedKFold } from '../../src/model-selection/stratified-k-fold.js';

describe.each([
  ['KFold', (o: object) => new KFold(o)],
  ['StratifiedKFold', (o: object) => new StratifiedKFold(o)],
] as const)('the %s constructor refuses', (name, make) => {
  it('nSplits below 2', () => {
    expect(() => make({ nSplits: 1 })).toThrow(new RangeError(`${name}: nSplits must be an integer from 2 to 2147483647, got 1`));
  });

  it('a non-integer nSplits', () => {
    expect(() => make({ nSplits: 2.5 })).toThrow(new RangeError(`${name}: nSplits must be an integer from 2 to 2147483647, got 2.5`));
  });

  it('an nSplits that is not a number', () => {
    expect(() => make({ nSplits: '3' })).toThrow(new TypeError(`${name}: nSplits must be a number, got a string`));
  });

  it('a shuffle that is not a boolean', () => {
    expect(() => make({ shuffle: 1 })).toThrow(new TypeError(`${name}: shuffle must be a boolean, got a number`));
  });

  it('a randomState without shuffle, as scikit-learn 1.2 does', () => {
    expect(() => make({ randomState: 0 })).toThrow(
      new TypeError(
        `${name}: setting randomState has no effect since shuffle is false; leave randomState at its default (null), or set shuffle: true`,
      ),
    );
  });

  it('a seed outside [0, 2^32 − 1]', () => {
    expect(() => make({ shuffle: true, randomState: -1 })).toThrow(
      new RangeError(`${name}: randomState must be an integer in [0, 4294967295], a RandomState or null; got -1`),
    );
  });

  it('a randomState of another kind', () => {
    expect(() => make({ shuffle: true, randomState: '1' })).toThrow(
      new TypeError(`${name}: randomState must be an integer in [0, 4294967295], a RandomState or null; got string`),
    );
  });

  it("an unknown option, suggesting the camelCase spelling of scikit-learn's", () => {
    expect(() => make({ n_splits: 3 })).toThrow(TypeError);
    expect(() => make({ n_splits: 3 })).toThrow(`${name}: unknown option 'n_splits'; did you mean 'nSplits'?`);
  });
});

describe.each([
  ['KFold', new KFold({ nSplits: 3 })],
  ['StratifiedKFold', new StratifiedKFold({ nSplits: 3, onWarning: null })],
] as const)('%s.split refuses', (name, splitter) => {
  const y = [0, 1, 0, 1, 0, 1];

  it('more folds than samples', () => {
    expect(() => splitter.split(2, [0, 1])).toThrow(
      new RangeError(`${name}.split: cannot have nSplits = 3 greater than the number of samples: nSamples = 2`),
    );
  });

  it('labels of another length than X', () => {
    expect(() => splitter.split(6, [0, 1, 0, 1, 0])).toThrow(new RangeError(`${name}.split: y has 5 entries but X has 6 samples`));
  });

  it('groups of another length than X', () => {
    expect(() => splitter.split(6, y, [1, 2])).toThrow(new RangeError(`${name}.split: groups has 2 entries but X has 6 samples`));
  });

  it('labels that are not an array', () => {
    expect(() => splitter.split(6, 5 as unknown as number[])).toThrow(
      new TypeError(`${name}.split: y must be an array with one entry per sample, got a number`),
    );
  });

  it('an X that is neither samples nor a count', () => {
    expect(() => splitter.split({} as unknown as number, y)).toThrow(
      new TypeError(
        `${name}.split: X must be a Matrix, a CsrMatrix, an array with one entry per sample or the number of samples, got an object (Object)`,
      ),
    );
  });

  it('a negative number of samples', () => {
    expect(() => splitter.split(-1, y)).toThrow(
      new RangeError(`${name}.split: X as a number of samples must be an integer from 0 to 2147483647, got -1`),
    );
  });
});

describe('StratifiedKFold.split refuses', () => {
  const skf = new StratifiedKFold({ nSplits: 3, onWarning: null });

  it('missing labels', () => {
    expect(() => skf.split(6, undefined as unknown as number[])).toThrow(
      new TypeError('StratifiedKFold.split: y (the class labels to stratify on) is required'),
    );
  });

  it('every class having fewer members than nSplits', () => {
    expect(() => skf.split(4, ['a', 'b', 'a', 'b'])).toThrow(
      new RangeError(
        'StratifiedKFold.split: nSplits = 3 cannot be greater than the number of members in each class (the largest class has 2)',
      ),
    );
  });

  it('a continuous target, as scikit-learn does', () => {
    expect(() => skf.split(3, [0.5, 1, 2])).toThrow(RangeError);
    expect(() => skf.split(3, [0.5, 1, 2])).toThrow('StratifiedKFold.split: y has the non-integer label 0.5 at index 0');
  });

  it('labels of mixed kinds', () => {
    expect(() => skf.split(3, [0, 'a', 1])).toThrow(
      new TypeError('StratifiedKFold.split: y mixes label kinds: index 0 is a number, index 1 is a string'),
    );
  });

  it('an onWarning that is not a function', () => {
    expect(() => new StratifiedKFold({ onWarning: 'log' as unknown as null })).toThrow(
      new TypeError('StratifiedKFold: onWarning must be a function or null, got a string'),
    );
  });
});
