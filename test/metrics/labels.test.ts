import { describe, expect, it } from 'vitest';
import { readLabels } from '../../src/metrics/labels.js';

describe('readLabels', () => {
  it('returns the labels and their kind', () => {
    expect(readLabels('f', 'y', ['a', 'b'])).toEqual({ values: ['a', 'b'], kind: 'string' });
  });

  it('accepts a typed array of integers', () => {
    expect(readLabels('f', 'y', Int8Array.of(1, -1)).kind).toBe('number');
  });

  it('rejects Infinity with its index', () => {
    expect(() => readLabels('f', 'y', [1, -Infinity])).toThrow(
      new RangeError('f: y has -Infinity at index 1; numeric labels must be finite integers'),
    );
  });

  it('rejects booleans mixed with numbers', () => {
    expect(() => readLabels('f', 'y', [true, 1] as never)).toThrow(
      new TypeError('f: y mixes label kinds: a boolean at index 0 and a number at index 1'),
    );
  });

  it('rejects a bigint as a label', () => {
    expect(() => readLabels('f', 'y', [1n] as never)).toThrow(
      new TypeError('f: y has a bigint at index 0; labels must be numbers, strings or booleans'),
    );
  });

  it('reports a non-integer number before a kind mix at the same index', () => {
    expect(() => readLabels('f', 'y', ['a', 0.5] as never)).toThrow(
      new RangeError('f: y has 0.5 at index 1; numeric labels must be integers (probabilities or scores are not labels)'),
    );
  });
});
