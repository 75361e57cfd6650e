/**
 * Sample weights: one number ≥ 0 per sample, read into a Float64Array of ordinary JS
 * memory. The one reader serves the estimator's `fit`/`partialFit` and the metrics; the
 * two differ, as their messages do, in what they say and in which of several faults they
 * report first, so each is a {@link WeightRules} ({@link FIT_WEIGHTS},
 * {@link METRIC_WEIGHTS}).
 * @module
 */
import { isArrayLike } from './array-like.js';
import { describeKind } from './describe.js';

/**
 * One caller's checks of a weight array beyond "array-like, of numbers". `name` is the
 * argument as messages name it (`'sampleWeight'`, `'logLoss: sampleWeight'`).
 */
export interface WeightRules {
  /** Check the count before reading the values (else after). */
  readonly countFirst: boolean;
  /** What the count must match, ending the count message: `'X has 4 rows'`. */
  against(rows: number): string;
  /** Checks each weight in the pass that reads it. */
  whileReading(name: string, value: number, index: number): RangeError | null;
  /** Checks each weight in a second pass, once the count is known good; null for none. */
  readonly afterCount: ((name: string, value: number, index: number) => RangeError | null) | null;
  /** The error for weights that are all 0, or null to accept them. */
  readonly allZero: ((name: string) => RangeError) | null;
}

/**
 * Reads `values` as `rows` sample weights under `rules`.
 * @throws TypeError when `values` is not array-like or holds a non-number; RangeError for
 * a count other than `rows` and for the weights `rules` refuses.
 * @example
 * ```ts
 * readSampleWeight([1, 0.5], 2, 'sampleWeight', FIT_WEIGHTS); // Float64Array [1, 0.5]
 * ```
 */
export function readSampleWeight(values: unknown, rows: number, name: string, rules: WeightRules): Float64Array {
  if (!isArrayLike(values)) {
    throw new TypeError(`${name} must be an array of numbers, got ${describeKind(values)}`);
  }
  const list = values as ArrayLike<unknown>;
  if (rules.countFirst) checkCount(list.length, rows, name, rules);
  const weights = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const value = list[i];
    if (typeof value !== 'number') throw new TypeError(`${name} has ${describeKind(value)} at index ${i}; expected a number`);
    throwIf(rules.whileReading(name, value, i));
    weights[i] = value;
  }
  if (!rules.countFirst) checkCount(list.length, rows, name, rules);
  const afterCount = rules.afterCount;
  if (afterCount !== null) for (let i = 0; i < weights.length; i++) throwIf(afterCount(name, weights[i] as number, i));
  if (rules.allZero !== null && weights.every((w) => w === 0)) throw rules.allZero(name);
  return weights;
}

function checkCount(length: number, rows: number, name: string, rules: WeightRules): void {
  if (length !== rows) throw new RangeError(`${name} has ${length} values; ${rules.against(rows)}`);
}

function throwIf(error: RangeError | null): void {
  if (error !== null) throw error;
}

/**
 * The estimator's `sampleWeight`: finite and ≥ 0, not all 0 (a fit with no weight has no
 * objective to minimise).
 */
export const FIT_WEIGHTS: WeightRules = {
  countFirst: true,
  against: (rows) => `X has ${rows} rows`,
  whileReading: (name, value, index) =>
    value >= 0 && value !== Infinity ? null : new RangeError(`${name} must be finite and ≥ 0; found ${String(value)} at index ${index}`),
  afterCount: null,
  allZero: (name) => new RangeError(`${name} is all zeros; at least one sample must have a positive weight`),
};

/**
 * The metrics' `sampleWeight`: finite, then ≥ 0. All zeros pass here: whether they are an
 * error depends on the metric (a weighted mean is undefined, a weighted sum is 0).
 */
export const METRIC_WEIGHTS: WeightRules = {
  countFirst: false,
  against: (rows) => `yTrue has ${rows} labels`,
  whileReading: (name, value, index) =>
    Number.isFinite(value) ? null : new RangeError(`${name} contains ${String(value)} at index ${index}; all values must be finite`),
  afterCount: (name, value, index) => (value >= 0 ? null : new RangeError(`${name} has ${String(value)} at index ${index}; weights must be ≥ 0`)),
  allZero: null,
};
