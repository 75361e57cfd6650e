/**
 * makeClassification's options: each checked with the message scikit-learn's port gives,
 * in the order scikit-learn checks them, with its defaults filled in.
 * @module
 */
import { isArrayLike } from '../validate/array-like.js';
import { describeLiteral } from '../validate/describe.js';
import { DATASET_WORDING, checkBoolean, checkOptionNames } from '../validate/options.js';
import type { MakeClassificationOptions } from './make-classification.js';
import { type RandomState, checkRandomState } from './random-state.js';

/** The options of makeClassification, checked, defaults filled in. */
export interface ClassificationSettings {
  readonly nSamples: number;
  readonly nFeatures: number;
  readonly nInformative: number;
  readonly nRedundant: number;
  readonly nRepeated: number;
  readonly nClasses: number;
  readonly nClustersPerClass: number;
  readonly hypercube: boolean;
  readonly shuffle: boolean;
  readonly flipY: number;
  readonly classSep: number;
  /** The share of each class, `nClasses` of them (the last inferred when given one fewer). */
  readonly weights: Float64Array;
  /** A number, one per feature, or null to draw them. */
  readonly shift: number | Float64Array | null;
  /** A number, one per feature, or null to draw them. */
  readonly scale: number | Float64Array | null;
  /** The generator every draw comes from. */
  readonly generator: RandomState;
}

const OPTION_NAMES = new Set([
  'nSamples',
  'nFeatures',
  'nInformative',
  'nRedundant',
  'nRepeated',
  'nClasses',
  'nClustersPerClass',
  'weights',
  'flipY',
  'classSep',
  'hypercube',
  'shift',
  'scale',
  'shuffle',
  'randomState',
]);

const FN = 'makeClassification';

function intOption(value: number | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') {
    throw new TypeError(`${FN}: ${name} must be an integer ≥ ${min}; got ${describeLiteral(value)}`);
  }
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${FN}: ${name} must be an integer ≥ ${min}; got ${value}`);
  }
  return value;
}

function boolOption(value: boolean | undefined, name: string, fallback: boolean): boolean {
  return value === undefined ? fallback : checkBoolean(FN, name, value, DATASET_WORDING);
}

/** A number, a per-feature Float64Array, or null (random). */
function perFeatureOption(
  value: number | ArrayLike<number> | null | undefined,
  name: string,
  fallback: number,
  nFeatures: number,
): number | Float64Array | null {
  if (value === undefined) return fallback;
  if (value === null) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new RangeError(`${FN}: ${name} must be a finite number; got ${value}`);
    }
    return value;
  }
  if (!isArrayLike(value)) {
    throw new TypeError(
      `${FN}: ${name} must be a number, an array of nFeatures numbers or null; got ${describeLiteral(value)}`,
    );
  }
  if (value.length !== nFeatures) {
    throw new RangeError(
      `${FN}: ${name} must have one value per feature (nFeatures = ${nFeatures}); got length ${value.length}`,
    );
  }
  const out = new Float64Array(nFeatures);
  for (let j = 0; j < nFeatures; j++) {
    const v = value[j];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new TypeError(`${FN}: ${name}[${j}] must be a finite number; got ${describeLiteral(v)}`);
    }
    out[j] = v;
  }
  return out;
}

/**
 * Checks makeClassification's options and fills in the defaults.
 * @throws as {@link makeClassification}.
 */
export function readClassificationOptions(options: MakeClassificationOptions): ClassificationSettings {
  checkOptionNames(FN, options, [...OPTION_NAMES]);
  const nSamples = intOption(options.nSamples, 'nSamples', 100, 1);
  const nFeatures = intOption(options.nFeatures, 'nFeatures', 20, 1);
  const nInformative = intOption(options.nInformative, 'nInformative', 2, 1);
  const nRedundant = intOption(options.nRedundant, 'nRedundant', 2, 0);
  const nRepeated = intOption(options.nRepeated, 'nRepeated', 0, 0);
  const nClasses = intOption(options.nClasses, 'nClasses', 2, 1);
  const nClustersPerClass = intOption(options.nClustersPerClass, 'nClustersPerClass', 2, 1);
  const hypercube = boolOption(options.hypercube, 'hypercube', true);
  const shuffle = boolOption(options.shuffle, 'shuffle', true);

  let flipY = 0.01;
  if (options.flipY !== undefined) {
    if (typeof options.flipY !== 'number') {
      throw new TypeError(`${FN}: flipY must be a number in [0, 1]; got ${describeLiteral(options.flipY)}`);
    }
    if (!(options.flipY >= 0 && options.flipY <= 1)) {
      throw new RangeError(`${FN}: flipY must be in [0, 1]; got ${options.flipY}`);
    }
    flipY = options.flipY;
  }
  let classSep = 1.0;
  if (options.classSep !== undefined) {
    if (typeof options.classSep !== 'number') {
      throw new TypeError(`${FN}: classSep must be a finite number; got ${describeLiteral(options.classSep)}`);
    }
    if (!Number.isFinite(options.classSep)) {
      throw new RangeError(`${FN}: classSep must be a finite number; got ${options.classSep}`);
    }
    classSep = options.classSep;
  }

  const nUsed = nInformative + nRedundant + nRepeated;
  if (nUsed > nFeatures) {
    throw new RangeError(
      `${FN}: nInformative + nRedundant + nRepeated = ${nUsed} must be ≤ nFeatures = ${nFeatures}`,
    );
  }
  const nClusters = nClasses * nClustersPerClass;
  // scikit-learn: n_informative < log2(n_classes * n_clusters_per_class) is an error.
  if (nClusters > 2 ** nInformative) {
    throw new RangeError(
      `${FN}: nClasses × nClustersPerClass = ${nClusters} must be ≤ 2^nInformative = ${2 ** nInformative}`,
    );
  }

  // Class weights (scikit-learn: sequential Python sum for the inferred last one).
  const weights = new Float64Array(nClasses);
  if (options.weights === undefined || options.weights === null) {
    weights.fill(1.0 / nClasses);
  } else {
    const w = options.weights;
    if (!isArrayLike(w) || typeof w === 'string') {
      throw new TypeError(`${FN}: weights must be an array of numbers or null; got ${describeLiteral(w)}`);
    }
    if (w.length !== nClasses && w.length !== nClasses - 1) {
      throw new RangeError(
        `${FN}: weights must have length nClasses = ${nClasses} or nClasses − 1 = ${nClasses - 1}; got ${w.length}`,
      );
    }
    let sum = 0;
    for (let i = 0; i < w.length; i++) {
      const v = w[i];
      if (typeof v !== 'number') {
        throw new TypeError(`${FN}: weights[${i}] must be a number; got ${describeLiteral(v)}`);
      }
      if (!(Number.isFinite(v) && v >= 0)) {
        throw new RangeError(`${FN}: weights[${i}] must be a finite number ≥ 0; got ${v}`);
      }
      weights[i] = v;
      sum += v;
    }
    if (w.length === nClasses - 1) {
      const last = 1.0 - sum;
      if (!(last >= 0)) {
        throw new RangeError(
          `${FN}: weights sum to ${sum} > 1, so the inferred last weight 1 − sum = ${last} is negative`,
        );
      }
      weights[nClasses - 1] = last;
    }
  }
  const shiftOpt = perFeatureOption(options.shift, 'shift', 0.0, nFeatures);
  const scaleOpt = perFeatureOption(options.scale, 'scale', 1.0, nFeatures);
  const generator = checkRandomState(options.randomState);
  return {
    nSamples,
    nFeatures,
    nInformative,
    nRedundant,
    nRepeated,
    nClasses,
    nClustersPerClass,
    hypercube,
    shuffle,
    flipY,
    classSep,
    weights,
    shift: shiftOpt,
    scale: scaleOpt,
    generator,
  };
}
