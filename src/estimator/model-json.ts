/**
 * The JSON form of a fitted {@link LogisticRegression}, and its validation on load.
 *
 * Loading treats its input as untrusted: every field is checked for kind, shape and
 * finiteness before anything is allocated, and sizes are taken from the arrays actually
 * present, never from a declared count, so a small document cannot request a large
 * allocation.
 * @module
 */
import { describeKind, describeValue } from '../validate/describe.js';
import { type Label, compareLabels, formatLabel } from '../validate/labels.js';

/** The `format` field of every model document. */
export const MODEL_FORMAT = 'logreg-wasm/logistic-regression';
/** The newest `version` this library writes and reads. */
export const MODEL_VERSION = 1;

/** How a model turns decision values into class probabilities. */
export type ModelMode = 'binary' | 'multinomial' | 'ovr';

/** A fitted model's parameters, as stored. */
export interface ModelParameters {
  /**
   * `'binary'` (one row of coefficients), `'multinomial'` (one row per class; one row θ for
   * two classes, the softmax's rows being −θ and θ) or `'ovr'` (one row per class).
   */
  mode: ModelMode;
  /** The sorted class labels. */
  classes: Label[];
  /** Coefficient rows, each of length nFeatures. */
  coef: number[][];
  /** One intercept per coefficient row. */
  intercept: number[];
  /** Iterations of the fit: the largest entry of `nIterPerProblem`. */
  nIter: number;
  /**
   * Iterations of each optimisation problem, as scikit-learn's `n_iter_`: one per class
   * for one-vs-rest (in `classes` order), one otherwise. A document without the field
   * (version 1 allows that) is read as `[nIter]`, or one `nIter` per class for one-vs-rest.
   */
  nIterPerProblem: number[];
  converged: boolean;
}

/** The whole document written by `toJSON`. */
export interface ModelDocument {
  format: typeof MODEL_FORMAT;
  version: number;
  /** The estimator's options (callbacks are not stored; class weights as [label, weight] pairs). */
  options: Record<string, unknown>;
  model: ModelParameters;
}

const WHERE = 'LogisticRegression.fromJSON';

/**
 * Checks a parsed model document and returns its parts.
 * @throws TypeError for a wrong kind anywhere; RangeError for a wrong format, an
 * unsupported version, inconsistent shapes, non-finite numbers or bad labels.
 */
export function readModelDocument(input: unknown): { options: Record<string, unknown>; model: ModelParameters } {
  const doc = record(input, 'the document');
  const format = field(doc, 'format', 'the document');
  if (format !== MODEL_FORMAT) {
    throw new RangeError(`${WHERE}: format must be '${MODEL_FORMAT}', got ${describeValue(format)}`);
  }
  const version = field(doc, 'version', 'the document');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new RangeError(`${WHERE}: version must be a positive integer, got ${describeValue(version)}`);
  }
  if (version > MODEL_VERSION) {
    throw new RangeError(`${WHERE}: this model was written by a newer logreg-wasm (format version ${version}); this version reads up to ${MODEL_VERSION}`);
  }
  const options = { ...record(field(doc, 'options', 'the document'), 'options') };
  if (Object.hasOwn(options, 'classWeight')) options['classWeight'] = readClassWeight(options['classWeight']);
  // JSON has no Infinity: C = Infinity (no penalty) is stored as the string 'Infinity'.
  if (options['C'] === 'Infinity') options['C'] = Infinity;
  const model = record(field(doc, 'model', 'the document'), 'model');
  return { options, model: readParameters(model, 'model') };
}

/**
 * The stored `options.classWeight`: null, 'balanced', or [label, weight] pairs (as toJSON
 * writes them), returned as a Map; an object of label → weight, as the constructor takes
 * it, passes as it is. The weights themselves are checked by the constructor.
 */
function readClassWeight(value: unknown): unknown {
  if (value === null || value === 'balanced') return value;
  if (typeof value === 'object' && !Array.isArray(value)) return value;
  if (!Array.isArray(value)) {
    throw new TypeError(`${WHERE}: options.classWeight must be null, 'balanced' or an array of [label, weight] pairs, got ${describeValue(value)}`);
  }
  const pairs = new Map<Label, unknown>();
  for (let i = 0; i < value.length; i++) {
    const pair: unknown = value[i];
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new TypeError(
        `${WHERE}: options.classWeight[${i}] must be a [label, weight] pair, got ${Array.isArray(pair) ? describeKind(pair) : describeValue(pair)}`,
      );
    }
    const label: unknown = pair[0];
    if (typeof label !== 'number' && typeof label !== 'string' && typeof label !== 'boolean') {
      throw new TypeError(`${WHERE}: options.classWeight[${i}][0] is ${describeKind(label)}; labels are numbers, strings or booleans`);
    }
    if (pairs.has(label)) throw new RangeError(`${WHERE}: options.classWeight names the label ${formatLabel(label)} twice`);
    pairs.set(label, pair[1]);
  }
  return pairs;
}

/**
 * Checks model parameters (from a document, or from scikit-learn's attributes).
 * @throws as {@link readModelDocument}.
 */
export function readParameters(model: Record<string, unknown>, where: string): ModelParameters {
  const mode = field(model, 'mode', where);
  if (mode !== 'binary' && mode !== 'multinomial' && mode !== 'ovr') {
    throw new RangeError(`${WHERE}: ${where}.mode must be 'binary', 'multinomial' or 'ovr', got ${describeValue(mode)}`);
  }
  const classes = readClasses(field(model, 'classes', where), `${where}.classes`);
  // A two-class multinomial model is stored as scikit-learn stores it: one row θ, whose
  // softmax rows are −θ and θ.
  const rows = mode === 'binary' || (mode === 'multinomial' && classes.length === 2) ? 1 : classes.length;
  if (mode === 'binary' && classes.length !== 2) {
    throw new RangeError(`${WHERE}: a binary model has 2 classes; ${where}.classes has ${classes.length}`);
  }
  if (mode === 'multinomial' && classes.length < 2) {
    throw new RangeError(`${WHERE}: a multinomial model has at least 2 classes; ${where}.classes has ${classes.length}`);
  }
  if (mode === 'ovr' && classes.length < 3) {
    throw new RangeError(`${WHERE}: a one-vs-rest model has at least 3 classes; ${where}.classes has ${classes.length}`);
  }
  const coef = numberRows(field(model, 'coef', where), `${where}.coef`);
  if (coef.length !== rows) {
    throw new RangeError(`${WHERE}: ${where}.coef has ${coef.length} rows; ${describeMode(mode)} with ${classes.length} classes has ${rows}`);
  }
  const nFeatures = coef[0]?.length ?? 0;
  if (nFeatures === 0) throw new RangeError(`${WHERE}: ${where}.coef has no columns; at least one feature is required`);
  coef.forEach((row, k) => {
    if (row.length !== nFeatures) {
      throw new RangeError(`${WHERE}: ${where}.coef row ${k} has ${row.length} values; row 0 has ${nFeatures}`);
    }
  });
  const intercept = numbers(field(model, 'intercept', where), `${where}.intercept`);
  if (intercept.length !== rows) {
    throw new RangeError(`${WHERE}: ${where}.intercept has ${intercept.length} values; expected ${rows}`);
  }
  const nIter = model['nIter'] ?? 0;
  if (typeof nIter !== 'number' || !Number.isInteger(nIter) || nIter < 0) {
    throw new RangeError(`${WHERE}: ${where}.nIter must be an integer ≥ 0, got ${describeValue(nIter)}`);
  }
  const problems = mode === 'ovr' ? classes.length : 1;
  const perProblem = model['nIterPerProblem'] ?? new Array<number>(problems).fill(nIter);
  const nIterPerProblem = numbers(perProblem, `${where}.nIterPerProblem`);
  if (nIterPerProblem.length !== problems) {
    throw new RangeError(`${WHERE}: ${where}.nIterPerProblem has ${nIterPerProblem.length} values; ${describeMode(mode)} with ${classes.length} classes has ${problems}`);
  }
  nIterPerProblem.forEach((count, k) => {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`${WHERE}: ${where}.nIterPerProblem[${k}] must be an integer ≥ 0, got ${count}`);
  });
  const largest = nIterPerProblem.reduce((most, count) => Math.max(most, count), 0); // no spread: K can pass the argument limit
  if (model['nIter'] !== undefined && largest !== nIter) throw new RangeError(`${WHERE}: ${where}.nIter is ${nIter}, but the largest of nIterPerProblem is ${largest}`);
  const converged = model['converged'] ?? true;
  if (typeof converged !== 'boolean') throw new TypeError(`${WHERE}: ${where}.converged must be a boolean, got ${describeKind(converged)}`);
  return { mode, classes, coef, intercept, nIter: largest, nIterPerProblem: [...nIterPerProblem], converged };
}

function readClasses(value: unknown, where: string): Label[] {
  if (!Array.isArray(value)) throw new TypeError(`${WHERE}: ${where} must be an array of labels, got ${describeKind(value)}`);
  const kind = typeof value[0];
  // Index loops, not forEach/map: those skip the holes of a sparse array.
  for (let i = 0; i < value.length; i++) {
    const label: unknown = value[i];
    if (typeof label !== kind || (kind !== 'number' && kind !== 'string' && kind !== 'boolean')) {
      throw new TypeError(`${WHERE}: ${where}[${i}] is ${describeKind(label)}; labels are numbers, strings or booleans, all of one kind`);
    }
    if (kind === 'number' && !Number.isFinite(label)) throw new RangeError(`${WHERE}: ${where}[${i}] is ${String(label)}; labels must be finite`);
    if (i > 0 && compareLabels(value[i - 1] as Label, label as Label) >= 0) {
      throw new RangeError(`${WHERE}: ${where} must be sorted and distinct; ${formatLabel(label as Label)} at index ${i} comes after ${formatLabel(value[i - 1] as Label)}`);
    }
  }
  return value as Label[];
}

function numberRows(value: unknown, where: string): number[][] {
  if (!Array.isArray(value)) throw new TypeError(`${WHERE}: ${where} must be an array of rows, got ${describeKind(value)}`);
  const rows: number[][] = [];
  for (let k = 0; k < value.length; k++) rows.push(numbers(value[k], `${where}[${k}]`));
  return rows;
}

function numbers(value: unknown, where: string): number[] {
  if (!Array.isArray(value)) throw new TypeError(`${WHERE}: ${where} must be an array of numbers, got ${describeKind(value)}`);
  for (let j = 0; j < value.length; j++) {
    const v: unknown = value[j];
    if (typeof v !== 'number') throw new TypeError(`${WHERE}: ${where}[${j}] is ${describeKind(v)}; expected a number`);
    if (!Number.isFinite(v)) throw new RangeError(`${WHERE}: ${where}[${j}] is ${String(v)}; values must be finite`);
  }
  return value as number[];
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${WHERE}: ${where} must be an object, got ${describeKind(value)}`);
  }
  return value as Record<string, unknown>;
}

/** An own property (never one inherited through `__proto__` or `constructor`). */
function field(object: Record<string, unknown>, key: string, where: string): unknown {
  if (!Object.hasOwn(object, key)) throw new TypeError(`${WHERE}: ${where} has no '${key}' field`);
  return object[key];
}

/** @internal 'a binary model', 'a multinomial model' or 'a one-vs-rest model', for messages. */
export function describeMode(mode: ModelMode): string {
  return mode === 'ovr' ? 'a one-vs-rest model' : `a ${mode} model`;
}
