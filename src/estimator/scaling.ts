/**
 * The objective the core minimises, and how it relates to the one the options describe.
 *
 * The options describe F = C·Σ sᵢℓᵢ + r(w), with sᵢ = sampleWeightᵢ × classWeight(yᵢ). The
 * core minimises F/(C·Σsᵢ) = (1/S)·Σ sᵢℓᵢ + r(w)/(C·Σsᵢ): the same optimum, at a scale that
 * does not grow with n or the weights. This module forms the weights sᵢ (shifted into
 * float64's range when their products are not), the penalty strengths of the scaled
 * objective, and the tolerance that makes the core's stopping test the one `tol` states
 * on F/C's gradient.
 * @module
 */
import type { StagedMatrix } from '../core/stage.js';
import type { CoreProblem } from '../core/solve.js';
import { type EncodedLabels, formatLabel } from '../validate/labels.js';
import { type ClassWeight, type EstimatorOptions, NAME } from './options.js';

/**
 * Per-class weight factors, or null without class weighting. 'balanced' gives
 * n / (number of classes · count) for each entry of `counts`.
 * @throws RangeError for a weight given for a label that is not in `labels`.
 */
export function classWeights(classWeight: ClassWeight | null, labels: EncodedLabels, counts: Int32Array): Float64Array | null {
  if (classWeight === null) return null;
  if (classWeight === 'balanced') {
    const total = counts.reduce((sum, c) => sum + c, 0);
    return Float64Array.from(counts, (count) => total / (counts.length * count));
  }
  const entries: [unknown, unknown][] = classWeight instanceof Map ? [...classWeight.entries()] : Object.entries(classWeight);
  const out = new Float64Array(labels.classes.length).fill(1);
  for (const [key, weight] of entries) {
    const k = labels.classes.findIndex((label) => label === key || String(label) === key);
    if (k < 0) {
      throw new RangeError(
        `classWeight has a weight for ${typeof key === 'string' ? `'${key}'` : String(key)}, which is not a label in y (labels: ${labels.classes.map(formatLabel).join(', ')})`,
      );
    }
    out[k] = weight as number; // checked by the constructor
  }
  return out;
}

/** The smallest normal float64, 2⁻¹⁰²². */
const MIN_NORMAL = 2.2250738585072014e-308;

/** Combined sample weights sᵢ = weights[i]·2^exponent. */
export interface CombinedWeights {
  readonly weights: Float64Array;
  readonly exponent: number;
}

/**
 * sᵢ = sampleWeightᵢ × perClass[indexᵢ]; null when both are absent (all ones).
 *
 * The products are formed as they are (exponent 0) unless one of them, or their sum,
 * leaves float64's range: a product that overflows, one that underflows while both its
 * factors are positive, or a sum that overflows. Then each factor is first multiplied by a
 * power of two that brings its largest value near 1 (exact), so `weights` hold the same
 * products, shifted into range, and `exponent` records the shift. The model depends only
 * on C·sᵢ (F = C·Σ sᵢℓᵢ + r(w)), so dividing every sᵢ by the largest and multiplying C by it
 * leaves the optimum where it is; {@link scaledProblem} does exactly that.
 */
export function combineWeights(sampleWeight: Float64Array | null, perClass: Float64Array | null, indices: Int32Array): CombinedWeights | null {
  if (perClass === null && sampleWeight === null) return null;
  const product = (sample: Float64Array | null, classes: Float64Array | null): Float64Array =>
    classes === null
      ? (sample as Float64Array)
      : Float64Array.from(indices, (k, i) => (sample === null ? 1 : (sample[i] as number)) * (classes[k] as number));
  const plain = product(sampleWeight, perClass);
  let total = 0;
  let inRange = true;
  for (let i = 0; i < plain.length; i++) {
    const w = plain[i] as number;
    total += w;
    if (w === Infinity) inRange = false;
    // A product below the smallest normal float64 lost digits, or all of them, to underflow.
    else if (w < MIN_NORMAL && perClass !== null && (sampleWeight?.[i] ?? 1) !== 0 && perClass[indices[i] as number] !== 0) inRange = false;
  }
  if (inRange && total !== Infinity && (total >= MIN_NORMAL || total === 0)) return { weights: plain, exponent: 0 };
  const shift = (values: Float64Array | null): { values: Float64Array | null; exponent: number } => {
    if (values === null) return { values, exponent: 0 };
    const largest = values.reduce((m, w) => Math.max(m, w), 0);
    const exponent = largest > 0 ? Math.floor(Math.log2(largest)) : 0;
    return { values: values.map((w) => timesPowerOfTwo(w, -exponent)), exponent };
  };
  const sample = shift(sampleWeight);
  const classes = shift(perClass);
  return { weights: product(sample.values, classes.values), exponent: sample.exponent + classes.exponent };
}

/** A problem for the core, and the factor between its gradient and the one `tol` bounds. */
export interface ScaledProblem {
  readonly problem: CoreProblem;
  /**
   * The factor from the gradient of what the core minimises, F/(C·Σsᵢ), to the gradient
   * `tol` is judged on, F/C's (scikit-learn's scale): Σsᵢ, or — when the weights had to be
   * shifted into float64's range — the sum of the weights divided by the largest (F/C of
   * the rescaled problem, see {@link combineWeights}).
   */
  readonly gradientScale: number;
}

/**
 * The core's problem over X for `target` (0/1 with blocks = 1, class indices otherwise),
 * weighted by `combined` (null: all ones), with the penalty of `options` at the scale the
 * core minimises.
 * @throws RangeError when every weight is zero, or when C is so small that C·Σsᵢ leaves
 * no room for the loss.
 */
export function scaledProblem(
  X: StagedMatrix,
  target: Float64Array | Int32Array,
  blocks: number,
  combined: CombinedWeights | null,
  options: Pick<EstimatorOptions, 'C' | 'penalty' | 'l1Ratio' | 'fitIntercept'>,
): ScaledProblem {
  const weights = combined === null ? null : combined.weights;
  const exponent = combined === null ? 0 : combined.exponent;
  const sum = weights === null ? X.rows : weights.reduce((total, w) => total + w, 0);
  const { l1, l2 } = penaltyStrengths(sum, exponent, options);
  // The core minimises (1/S)·Σ sᵢℓᵢ, which does not change when every weight is scaled
  // by one factor; scaling the largest to 1 keeps float32 sums of sᵢ·xᵢ from overflowing.
  let scaled = weights;
  if (weights !== null) {
    const largest = weights.reduce((m, w) => Math.max(m, w), 0);
    if (largest !== 1) scaled = weights.map((w) => w / largest);
  }
  const scaledSum = scaled === null ? X.rows : scaled.reduce((total, w) => total + w, 0);
  const problem: CoreProblem = {
    X,
    target,
    weights: scaled,
    blocks,
    l2,
    l1,
    fitIntercept: options.fitIntercept,
    weightSum: scaledSum,
  };
  return { problem, gradientScale: exponent === 0 ? sum : scaledSum };
}

/**
 * The penalty strengths of the scaled objective for weights summing to sum·2^exponent:
 * l2 = (1 − l1Ratio)/(C·Σsᵢ) and l1 = l1Ratio/(C·Σsᵢ) (shares by penalty).
 * @throws RangeError when the sum is not positive, or C is so small that C·Σsᵢ leaves no
 * room for the loss.
 */
export function penaltyStrengths(sum: number, exponent: number, options: Pick<EstimatorOptions, 'C' | 'penalty' | 'l1Ratio'>): { l1: number; l2: number } {
  const { C, penalty, l1Ratio } = options;
  const l1Share = penalty === 'l1' ? 1 : penalty === 'elasticnet' ? (l1Ratio as number) : 0;
  const l2Share = penalty === 'l2' ? 1 : penalty === 'elasticnet' ? 1 - (l1Ratio as number) : 0;
  if (!(sum > 0)) {
    throw new RangeError('sampleWeight × classWeight is zero for every sample; at least one sample must have a positive weight');
  }
  // C·Σsᵢ = C·sum·2^exponent, computed in the order that stays in range.
  const product = Number.isFinite(C * sum) ? timesPowerOfTwo(C * sum, exponent) : timesPowerOfTwo(C, exponent) * sum;
  const strength = 1 / product;
  if ((l1Share > 0 || l2Share > 0) && !Number.isFinite(strength)) {
    throw new RangeError(
      `${NAME}: C = ${C} is too small: C × Σ sample weights is ${product === 0 ? "below float64's range" : String(product)}, which leaves no room for the loss; use a larger C`,
    );
  }
  return { l1: l1Share === 0 ? 0 : l1Share * strength, l2: l2Share === 0 ? 0 : l2Share * strength };
}

/** x·2^k, exact unless the result leaves float64's range, with no spurious overflow or underflow on the way. */
function timesPowerOfTwo(x: number, k: number): number {
  let out = x;
  let rest = k;
  while (rest > 1000) {
    out *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    out *= 2 ** -1000;
    rest += 1000;
  }
  return out * 2 ** rest;
}

/**
 * The largest t ≥ 0 with fl(t·scale) ≤ tol: the core stops once its gradient is ≤ t,
 * which then holds exactly when the reported gradient, fl(gradient·scale), is ≤ tol.
 * (Exported for its test; not part of the package's API.)
 */
export function coreTolerance(tol: number, scale: number): number {
  // fl(t·scale) is non-decreasing in t, and so is t in its bit pattern for t ≥ 0: search
  // the largest pattern whose value passes (at most 64 halvings, whatever tol and scale;
  // stepping one ulp at a time from tol/scale would not end for tol 0 and scale < 1).
  const bits = new BigInt64Array(1);
  const value = new Float64Array(bits.buffer);
  const passes = (pattern: bigint): boolean => {
    bits[0] = pattern;
    return (value[0] as number) * scale <= tol;
  };
  value[0] = Number.MAX_VALUE;
  let high = bits[0] as bigint; // the largest pattern of a finite t
  if (passes(high)) return Number.MAX_VALUE;
  let low = 0n; // t = 0 always passes (tol ≥ 0)
  while (high - low > 1n) {
    const middle = (low + high) / 2n;
    if (passes(middle)) low = middle;
    else high = middle;
  }
  bits[0] = low;
  return value[0] as number;
}
