/**
 * The fitted state of a {@link LogisticRegression}: its parameters and what the fit
 * reported.
 *
 * The parameters live where they are used most, in the default core's memory, as one
 * block of blocks × (nFeatures + 1) float64 values (per block the weights, then the
 * intercept): every predict call hands the core their address, and the parameters do not
 * cross the boundary. (Measured: a JS Float64Array copied in on every call makes a
 * one-row predict about twice as slow for models of 1,000 parameters and more, and is no
 * faster for large batches.) The block belongs to the state (through its `params`), not to the model, so
 * that any reader holding the state keeps it alive; it is freed by {@link freeFitted}, or
 * once the state is unreachable (see src/core/predict.ts).
 * @module
 */
import { parameterView, releaseParameters, storeParameters, type StoredParameters } from '../core/predict.js';
import { Matrix } from '../matrix.js';
import type { Label } from '../validate/labels.js';
import type { ModelMode, ModelParameters } from './model-json.js';

/** What a training run (or a loaded model) produced, in JS memory. */
export interface TrainedParams {
  /** blocks × (nFeatures + 1): per block the weights, then the intercept. */
  readonly params: Float64Array;
  readonly blocks: number;
  readonly nIter: number;
  /** One entry per class for one-vs-rest, one otherwise; nIter is the largest. */
  readonly nIterPerProblem: readonly number[];
  readonly converged: boolean;
  readonly lossCurve: Float64Array | null;
}

/** A fitted model. */
export interface FittedState {
  /** blocks × (nFeatures + 1) parameters in the default core's memory. */
  readonly params: StoredParameters;
  /** 1 for a binary model and a two-class softmax (stored as one row), else one per class. */
  readonly blocks: number;
  readonly nFeatures: number;
  /** The sorted labels: the order of probability columns. */
  readonly classes: Label[];
  readonly mode: ModelMode;
  readonly nIter: number;
  /** One entry per class for one-vs-rest, one otherwise; nIter is the largest. */
  readonly nIterPerProblem: readonly number[];
  readonly converged: boolean;
  readonly lossCurve: Float64Array | null;
}

/** Copies trained parameters into the core's memory, owned by the returned state. */
export function storeFitted(trained: TrainedParams, classes: Label[], mode: ModelMode, nFeatures: number): FittedState {
  return {
    params: storeParameters(trained.params),
    blocks: trained.blocks,
    nFeatures,
    classes,
    mode,
    nIter: trained.nIter,
    nIterPerProblem: trained.nIterPerProblem,
    converged: trained.converged,
    lossCurve: trained.lossCurve,
  };
}

/** Frees the parameters of a state that is being replaced or disposed; it must not be read again. */
export function freeFitted(state: FittedState): void {
  releaseParameters(state.params);
}

/** The weights, blocks × nFeatures. */
export function coefOf(state: FittedState): Matrix {
  const { blocks, nFeatures } = state;
  const params = parameterView(state.params);
  const out = new Float64Array(blocks * nFeatures);
  for (let k = 0; k < blocks; k++) out.set(params.subarray(k * (nFeatures + 1), k * (nFeatures + 1) + nFeatures), k * nFeatures);
  return Matrix.from(out, blocks, nFeatures);
}

/** The intercepts, one per block. */
export function interceptOf(state: FittedState): Float64Array {
  const { blocks, nFeatures } = state;
  const params = parameterView(state.params);
  return Float64Array.from({ length: blocks }, (_, k) => params[k * (nFeatures + 1) + nFeatures] as number);
}

/** The state as stored in a model document. */
export function parametersOf(state: FittedState): ModelParameters {
  return {
    mode: state.mode,
    classes: [...state.classes],
    coef: coefOf(state).toArray(),
    intercept: Array.from(interceptOf(state)),
    nIter: state.nIter,
    nIterPerProblem: [...state.nIterPerProblem],
    converged: state.converged,
  };
}

/** Stored parameters (checked by model-json.ts) in the layout a fit produces. */
export function trainedFromParameters(model: ModelParameters): TrainedParams {
  const nFeatures = (model.coef[0] as number[]).length;
  const stride = nFeatures + 1;
  const params = new Float64Array(model.coef.length * stride);
  model.coef.forEach((row, k) => {
    params.set(row, k * stride);
    params[k * stride + nFeatures] = model.intercept[k] as number;
  });
  return { params, blocks: model.coef.length, nIter: model.nIter, nIterPerProblem: model.nIterPerProblem, converged: model.converged, lossCurve: null };
}
