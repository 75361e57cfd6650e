import { describe, expect, it } from 'vitest';
import { FIT_WEIGHTS, METRIC_WEIGHTS, readSampleWeight } from '../../src/validate/weights.js';

describe('readSampleWeight(values, rows, name, FIT_WEIGHTS)', () => {
  it('reads typed arrays and array-likes into a Float64Array', () => {
    expect(readSampleWeight(Float32Array.of(1, 0.5), 2, 'sampleWeight', FIT_WEIGHTS)).toEqual(Float64Array.of(1, 0.5));
    expect(readSampleWeight({ length: 1, 0: 2 }, 1, 'sampleWeight', FIT_WEIGHTS)).toEqual(Float64Array.of(2));
  });

  it('reports a wrong count before a bad value', () => {
    expect(() => readSampleWeight([NaN], 2, 'sampleWeight', FIT_WEIGHTS)).toThrow(new RangeError('sampleWeight has 1 values; X has 2 rows'));
  });

  it('refuses Infinity and negative weights with one message', () => {
    expect(() => readSampleWeight([1, Infinity], 2, 'sampleWeight', FIT_WEIGHTS)).toThrow(
      new RangeError('sampleWeight must be finite and ≥ 0; found Infinity at index 1'),
    );
  });

  it('refuses weights that are all zero, -0 included', () => {
    expect(() => readSampleWeight([0, -0], 2, 'sampleWeight', FIT_WEIGHTS)).toThrow(
      new RangeError('sampleWeight is all zeros; at least one sample must have a positive weight'),
    );
  });
});

describe('readSampleWeight(values, rows, name, METRIC_WEIGHTS)', () => {
  it('reports a non-finite weight before a wrong count or a negative weight', () => {
    expect(() => readSampleWeight([-1, NaN], 3, 'f: sampleWeight', METRIC_WEIGHTS)).toThrow(
      new RangeError('f: sampleWeight contains NaN at index 1; all values must be finite'),
    );
  });

  it('reports a wrong count before a negative weight', () => {
    expect(() => readSampleWeight([-1], 2, 'f: sampleWeight', METRIC_WEIGHTS)).toThrow(new RangeError('f: sampleWeight has 1 values; yTrue has 2 labels'));
  });

  it('accepts weights that are all zero, leaving that rule to the metric', () => {
    expect(readSampleWeight([0, 0], 2, 'f: sampleWeight', METRIC_WEIGHTS)).toEqual(new Float64Array(2));
  });

  it('names a non-number by its kind', () => {
    expect(() => readSampleWeight([1, '2'], 2, 'f: sampleWeight', METRIC_WEIGHTS)).toThrow(new TypeError('f: sampleWeight has a string at index 1; expected a number'));
  });
});
