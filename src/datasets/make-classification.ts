/**
 * A port of scikit-learn 1.2's `make_classification` that, for the same
 * `randomState`, returns exactly the same `X` and `y` as scikit-learn (every
 * float, every label), given numpy's legacy `RandomState` stream from
 * {@link RandomState}.
 *
 * @packageDocumentation
 */

import { Matrix } from '../matrix.js';
import { clusterCentroids } from './hypercube.js';
import { readClassificationOptions } from './make-classification-options.js';
import { numpyDot } from './numpy-dot.js';
import type { RandomState } from './random-state.js';

/** Options of {@link makeClassification}; names are scikit-learn's, camelCased. */
export interface MakeClassificationOptions {
  /** Number of samples (rows). @default 100 */
  nSamples?: number | undefined;
  /** Total number of features (columns). @default 20 */
  nFeatures?: number | undefined;
  /** Informative features: the clusters live in this subspace. @default 2 */
  nInformative?: number | undefined;
  /** Redundant features: random linear combinations of the informative ones. @default 2 */
  nRedundant?: number | undefined;
  /** Duplicated features, copied at random from the informative and redundant ones. @default 0 */
  nRepeated?: number | undefined;
  /** Number of classes. @default 2 */
  nClasses?: number | undefined;
  /** Gaussian clusters per class. @default 2 */
  nClustersPerClass?: number | undefined;
  /**
   * Share of the samples in each class, of length `nClasses`, or `nClasses − 1`
   * (the last share is then `1 − sum`). `null`: balanced classes.
   * @default null
   */
  weights?: ArrayLike<number> | null | undefined;
  /** Fraction of labels replaced by uniformly random labels. @default 0.01 */
  flipY?: number | undefined;
  /** Half the side of the hypercube the clusters sit on. @default 1.0 */
  classSep?: number | undefined;
  /** Clusters on hypercube vertices (`true`) or on a random polytope (`false`). @default true */
  hypercube?: boolean | undefined;
  /**
   * Added to every feature (one number, or one per feature). `null`: a random
   * shift per feature in [−classSep, classSep).
   * @default 0.0
   */
  shift?: number | ArrayLike<number> | null | undefined;
  /**
   * Multiplies every feature after shifting (one number, or one per feature).
   * `null`: a random scale per feature in [1, 101).
   * @default 1.0
   */
  scale?: number | ArrayLike<number> | null | undefined;
  /** Shuffle the samples and then the features. @default true */
  shuffle?: boolean | undefined;
  /**
   * Seed (integer in [0, 2^32 − 1]), a {@link RandomState} to draw from, or
   * `null` for an unpredictable seed.
   * @default null
   */
  randomState?: number | RandomState | null | undefined;
}

/** Result of {@link makeClassification}. */
export interface Classification {
  /** The samples, `nSamples × nFeatures`, row-major. */
  X: Matrix;
  /** The integer class label (0 … nClasses − 1) of each sample. */
  y: Int32Array;
}

/**
 * Generates a random n-class classification problem, exactly as
 * scikit-learn 1.2's `sklearn.datasets.make_classification` does: for the same
 * integer `randomState` the result equals scikit-learn's bit for bit.
 *
 * Gaussian clusters (std 1) are put on the vertices of an
 * `nInformative`-dimensional hypercube with sides `2·classSep` (or of a random
 * polytope), each cluster gets a random covariance, and the clusters are
 * assigned to classes in turn. Columns are, before shuffling: informative,
 * redundant (random linear combinations of the informative ones), repeated
 * (copies), then pure noise. Then a fraction `flipY` of labels is redrawn,
 * features are shifted and scaled, and samples and features are shuffled.
 *
 * Bit-exactness relies on {@link RandomState} (numpy's legacy stream, with
 * glibc's `log`) and on reproducing the floating-point operation order of the
 * matrix products numpy delegates to BLAS (datasets/numpy-dot.ts states what
 * was matched, and its limits).
 *
 * @param options - see {@link MakeClassificationOptions}; every option is optional.
 * @returns `X` (`nSamples × nFeatures` {@link Matrix}) and `y` (Int32Array of
 *   length `nSamples`, labels 0 … nClasses − 1).
 * @throws TypeError for an unknown option name or an option of the wrong type.
 * @throws RangeError for out-of-range values: counts below their minimum
 *   (nSamples, nFeatures, nInformative, nClasses, nClustersPerClass ≥ 1;
 *   nRedundant, nRepeated ≥ 0), `nInformative + nRedundant + nRepeated >
 *   nFeatures`, `nClasses × nClustersPerClass > 2^nInformative`, `weights` of
 *   the wrong length or with negative/non-finite entries (or summing above 1
 *   when the last one is inferred), `flipY` outside [0, 1], a non-finite
 *   `classSep`, `shift`/`scale` arrays not of length `nFeatures`, or a bad seed.
 * @example
 * ```ts
 * const { X, y } = makeClassification({
 *   nSamples: 1000, nFeatures: 2, nRedundant: 0, nInformative: 2,
 *   nClustersPerClass: 1, randomState: 42,
 * });
 * X.rows; // 1000
 * X.cols; // 2
 * y[0];   // 1, as scikit-learn's y[0]
 * ```
 */
export function makeClassification(options: MakeClassificationOptions = {}): Classification {
  const settings = readClassificationOptions(options);
  const { nSamples, nFeatures, nRedundant, nRepeated, nClasses, generator } = settings;
  const nUsed = settings.nInformative + nRedundant + nRepeated;
  const nClusters = nClasses * settings.nClustersPerClass;

  const d = settings.nInformative;
  const nUseless = nFeatures - nUsed;

  // Distribute samples among clusters by weight.
  const perCluster = new Array<number>(nClusters);
  let assigned = 0;
  for (let k = 0; k < nClusters; k++) {
    perCluster[k] = Math.trunc((nSamples * settings.weights[k % nClasses]!) / settings.nClustersPerClass);
    assigned += perCluster[k]!;
  }
  for (let i = 0; i < nSamples - assigned; i++) perCluster[i % nClusters]! += 1;

  const X = new Float64Array(nSamples * nFeatures);
  const y = new Int32Array(nSamples);

  const centroids = clusterCentroids(nClusters, d, settings.classSep, settings.hypercube, generator);

  // Informative features: standard normal, filled row by row.
  for (let i = 0; i < nSamples; i++) {
    for (let j = 0; j < d; j++) X[i * nFeatures + j] = generator.standardNormal();
  }

  // Each cluster: random covariance (X_k @ A) and shift to its centroid.
  let stop = 0;
  const A = new Float64Array(d * d);
  for (let k = 0; k < nClusters; k++) {
    const start = stop;
    stop = stop + perCluster[k]!;
    // Python slicing clamps to [0, nSamples] (sizes may exceed nSamples when weights sum above 1).
    const lo = Math.min(start, nSamples);
    const hi = Math.min(stop, nSamples);
    const label = k % nClasses;
    for (let i = lo; i < hi; i++) y[i] = label;
    for (let i = 0; i < d * d; i++) A[i] = 2 * generator.uniform() - 1;
    const rows = hi - lo;
    if (rows === 0) continue;
    const Xk = new Float64Array(rows * d);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < d; j++) Xk[i * d + j] = X[(lo + i) * nFeatures + j]!;
    }
    const prod = numpyDot(Xk, rows, d, A, d);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < d; j++) {
        X[(lo + i) * nFeatures + j] = prod[i * d + j]! + centroids[k * d + j]!;
      }
    }
  }

  // Redundant features: X[:, :d] @ B.
  if (nRedundant > 0) {
    const B = new Float64Array(d * nRedundant);
    for (let i = 0; i < B.length; i++) B[i] = 2 * generator.uniform() - 1;
    const Xi = new Float64Array(nSamples * d);
    for (let i = 0; i < nSamples; i++) {
      for (let j = 0; j < d; j++) Xi[i * d + j] = X[i * nFeatures + j]!;
    }
    const prod = numpyDot(Xi, nSamples, d, B, nRedundant);
    for (let i = 0; i < nSamples; i++) {
      for (let j = 0; j < nRedundant; j++) X[i * nFeatures + d + j] = prod[i * nRedundant + j]!;
    }
  }

  // Repeated features: copies of randomly chosen informative/redundant columns.
  if (nRepeated > 0) {
    const n = d + nRedundant;
    const indices = new Int32Array(nRepeated);
    for (let r = 0; r < nRepeated; r++) indices[r] = Math.trunc((n - 1) * generator.uniform() + 0.5);
    for (let i = 0; i < nSamples; i++) {
      const row = i * nFeatures;
      for (let r = 0; r < nRepeated; r++) X[row + n + r] = X[row + indices[r]!]!;
    }
  }

  // Useless features: pure noise, row by row.
  if (nUseless > 0) {
    const first = nFeatures - nUseless;
    for (let i = 0; i < nSamples; i++) {
      for (let j = first; j < nFeatures; j++) X[i * nFeatures + j] = generator.standardNormal();
    }
  }

  // Randomly replace labels (scikit-learn draws the mask even when flipY is 0).
  const flipMask = new Uint8Array(nSamples);
  let nFlips = 0;
  for (let i = 0; i < nSamples; i++) {
    if (generator.uniform() < settings.flipY) {
      flipMask[i] = 1;
      nFlips++;
    }
  }
  if (nFlips > 0) {
    const newLabels = new Int32Array(nFlips);
    for (let f = 0; f < nFlips; f++) newLabels[f] = generator.randint(nClasses);
    for (let i = 0, f = 0; i < nSamples; i++) if (flipMask[i] === 1) y[i] = newLabels[f++]!;
  }

  // Shift, then scale.
  let shift = settings.shift;
  if (shift === null) {
    const drawn = new Float64Array(nFeatures);
    for (let j = 0; j < nFeatures; j++) drawn[j] = (2 * generator.uniform() - 1) * settings.classSep;
    shift = drawn;
  }
  addOrMultiply(X, nFeatures, shift, false);
  let scale = settings.scale;
  if (scale === null) {
    const drawn = new Float64Array(nFeatures);
    for (let j = 0; j < nFeatures; j++) drawn[j] = 1 + 100 * generator.uniform();
    scale = drawn;
  }
  addOrMultiply(X, nFeatures, scale, true);

  if (!settings.shuffle) return { X: Matrix.from(X, nSamples, nFeatures), y };

  // Shuffle samples (sklearn.utils.shuffle: arange + legacy shuffle), then features.
  const order = new Int32Array(nSamples);
  for (let i = 0; i < nSamples; i++) order[i] = i;
  generator.shuffle(order);
  const Xs = new Float64Array(nSamples * nFeatures);
  const ys = new Int32Array(nSamples);
  for (let i = 0; i < nSamples; i++) {
    const src = order[i]!;
    ys[i] = y[src]!;
    Xs.set(X.subarray(src * nFeatures, (src + 1) * nFeatures), i * nFeatures);
  }
  const features = new Int32Array(nFeatures);
  for (let j = 0; j < nFeatures; j++) features[j] = j;
  generator.shuffle(features);
  const out = new Float64Array(nSamples * nFeatures);
  for (let i = 0; i < nSamples; i++) {
    const row = i * nFeatures;
    for (let j = 0; j < nFeatures; j++) out[row + j] = Xs[row + features[j]!]!;
  }
  return { X: Matrix.from(out, nSamples, nFeatures), y: ys };
}

/** X[:, j] += v[j] (or *=), with a scalar broadcast to every column. */
function addOrMultiply(X: Float64Array, nFeatures: number, v: number | Float64Array, mul: boolean): void {
  if (typeof v === 'number') {
    if (mul) for (let i = 0; i < X.length; i++) X[i] = X[i]! * v;
    else for (let i = 0; i < X.length; i++) X[i] = X[i]! + v;
    return;
  }
  for (let i = 0; i < X.length; i += nFeatures) {
    for (let j = 0; j < nFeatures; j++) {
      X[i + j] = mul ? X[i + j]! * v[j]! : X[i + j]! + v[j]!;
    }
  }
}
