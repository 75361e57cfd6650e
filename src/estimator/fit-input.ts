/**
 * The inputs of one fit, read and checked as `fit` reads them: X staged in the core's
 * memory with the dtype the options ask for, y encoded, the sample weights, class weights
 * checked against the labels, and the model's mode. `LogisticRegression.fit` and the
 * regularisation path (src/model-selection/path.ts) both read their data here.
 * @module
 */
import { type FeatureMatrix, release, stageAs, type StagedMatrix } from '../core/stage.js';
import { type EncodedLabels, type Label, encodeLabels, formatLabel } from '../validate/labels.js';
import { FIT_WEIGHTS, readSampleWeight } from '../validate/weights.js';
import type { ModelMode } from './model-json.js';
import { type EstimatorOptions, NAME } from './options.js';
import { classWeights } from './scaling.js';
import { modeFor } from './train.js';

/** Checked inputs of a fit; the caller releases `X` (see {@link release}). */
export interface FitInput {
  readonly X: StagedMatrix;
  readonly labels: EncodedLabels;
  /** Checked sample weights, or null for ones. */
  readonly sampleWeight: Float64Array | null;
  readonly mode: ModelMode;
}

/**
 * Stages X and checks y, the sample weights and the class weights against the options.
 * Nothing stays allocated when it throws.
 * @throws as {@link LogisticRegression.fit}: TypeError for the wrong kind of X or y;
 * RangeError for an empty or non-finite X, a length mismatch, a single class, bad sample
 * weights, a class weight for an unknown label, or float32 X with a softmax model.
 */
export function readFitInput(options: EstimatorOptions, X: FeatureMatrix, y: unknown, sampleWeight: ArrayLike<number> | null): FitInput {
  const staged = stageAs(options.dtype, X, 'X');
  try {
    const labels = encodeLabels(y, staged.rows, 'y');
    const K = labels.classes.length;
    if (K < 2) {
      throw new RangeError(`y has a single class (${formatLabel(labels.classes[0] as Label)}); at least two classes are needed to fit`);
    }
    const weights = sampleWeight === null ? null : readSampleWeight(sampleWeight, staged.rows, 'sampleWeight', FIT_WEIGHTS);
    classWeights(options.classWeight, labels, labels.counts); // reject unknown labels before any work
    const mode = modeFor(options.multiClass, K);
    checkDtypeServesMode(NAME, staged.dtype, staged.sparse !== null, mode, K);
    return { X: staged, labels, sampleWeight: weights, mode };
  } catch (error) {
    release(staged);
    throw error;
  }
}

/**
 * Dense float32 X has binary kernels only (a CsrMatrix is read as it is, by kernels for
 * every mode): a softmax model over it is refused.
 * @throws RangeError naming `where` for dense float32 X with mode 'multinomial'.
 */
export function checkDtypeServesMode(where: string, dtype: 'float64' | 'float32', sparse: boolean, mode: ModelMode, K: number): void {
  if (mode !== 'multinomial' || dtype !== 'float32' || sparse) return;
  throw new RangeError(
    K === 2
      ? `${where}: dtype 'float32' serves binary and one-vs-rest models, not the two-class softmax of multiClass 'multinomial'; use multiClass 'auto' or dtype 'float64'`
      : `${where}: dtype 'float32' serves binary and one-vs-rest models; y has ${K} classes, so use multiClass 'ovr' or dtype 'float64'`,
  );
}
