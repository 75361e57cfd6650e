/**
 * A port of scikit-learn 1.2's `make_classification` that, for the same
 * `randomState`, returns exactly the same `X` and `y` as scikit-learn (every
 * float, every label), given numpy's legacy `RandomState` stream from
 * {@link RandomState}.
 *
 * @packageDocumentation
 */

import { Matrix } from '../matrix.js';
import { describeLiteral } from '../validate/describe.js';
import { DATASET_WORDING, checkBoolean, checkOptionNames } from '../validate/options.js';
import { fma } from './fma.js';
import { RandomState, checkRandomState } from './random-state.js';

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

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { length?: unknown }).length === 'number'
  );
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
 * matrix products numpy delegates to BLAS (see `numpyDot` in the source for
 * what was matched, and its limits).
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

  const d = nInformative;
  const nUseless = nFeatures - nUsed;

  // Distribute samples among clusters by weight.
  const perCluster = new Array<number>(nClusters);
  let assigned = 0;
  for (let k = 0; k < nClusters; k++) {
    perCluster[k] = Math.trunc((nSamples * weights[k % nClasses]!) / nClustersPerClass);
    assigned += perCluster[k]!;
  }
  for (let i = 0; i < nSamples - assigned; i++) perCluster[i % nClusters]! += 1;

  const X = new Float64Array(nSamples * nFeatures);
  const y = new Int32Array(nSamples);

  // Cluster centroids on hypercube vertices: bit * (2 classSep) - classSep.
  const centroids = generateHypercube(nClusters, d, generator);
  const twoSep = 2 * classSep;
  for (let i = 0; i < centroids.length; i++) centroids[i] = centroids[i]! * twoSep - classSep;
  if (!hypercube) {
    const rowFactor = new Float64Array(nClusters);
    for (let k = 0; k < nClusters; k++) rowFactor[k] = generator.uniform();
    for (let k = 0; k < nClusters; k++) {
      for (let j = 0; j < d; j++) centroids[k * d + j] = centroids[k * d + j]! * rowFactor[k]!;
    }
    const colFactor = new Float64Array(d);
    for (let j = 0; j < d; j++) colFactor[j] = generator.uniform();
    for (let k = 0; k < nClusters; k++) {
      for (let j = 0; j < d; j++) centroids[k * d + j] = centroids[k * d + j]! * colFactor[j]!;
    }
  }

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
    if (generator.uniform() < flipY) {
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
  let shift = shiftOpt;
  if (shift === null) {
    const drawn = new Float64Array(nFeatures);
    for (let j = 0; j < nFeatures; j++) drawn[j] = (2 * generator.uniform() - 1) * classSep;
    shift = drawn;
  }
  addOrMultiply(X, nFeatures, shift, false);
  let scale = scaleOpt;
  if (scale === null) {
    const drawn = new Float64Array(nFeatures);
    for (let j = 0; j < nFeatures; j++) drawn[j] = 1 + 100 * generator.uniform();
    scale = drawn;
  }
  addOrMultiply(X, nFeatures, scale, true);

  if (!shuffle) return { X: Matrix.from(X, nSamples, nFeatures), y };

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

/**
 * scikit-learn's `_generate_hypercube`: `samples` distinct vertices of the
 * `dimensions`-cube as 0/1 rows (row-major `samples × dimensions`). Above 30
 * dimensions the leading `dimensions − 30` columns are independent
 * `randint(2)` draws (drawn first, row by row) and the last 30 come from the
 * 30-dimensional case. Vertex `v` is written most significant bit first.
 */
function generateHypercube(samples: number, dimensions: number, rng: RandomState): Float64Array {
  const out = new Float64Array(samples * dimensions);
  let cube = dimensions;
  if (dimensions > 30) {
    const extra = dimensions - 30;
    for (let i = 0; i < samples; i++) {
      for (let j = 0; j < extra; j++) out[i * dimensions + j] = rng.randint(2);
    }
    cube = 30;
  }
  const vertices = sampleWithoutReplacement(2 ** cube, samples, rng);
  const offset = dimensions - cube;
  for (let i = 0; i < samples; i++) {
    const v = vertices[i]!;
    for (let j = 0; j < cube; j++) {
      out[i * dimensions + offset + j] = (v >>> (cube - 1 - j)) & 1;
    }
  }
  return out;
}

/**
 * scikit-learn's `sample_without_replacement(nPopulation, nSamples)` with
 * `method="auto"`: `nSamples` distinct integers from [0, nPopulation).
 * With `ratio = nSamples / nPopulation`: `0.01 < ratio < 0.99` →
 * `permutation(nPopulation)` prefix; `ratio ≤ 0.01` → tracking selection
 * (scalar `randint(nPopulation)`, redrawn while already chosen);
 * `ratio ≥ 0.99` → reservoir sampling (`randint(0, i + 1)` for
 * i = nSamples … nPopulation − 1; none when nSamples = nPopulation).
 *
 * @param nPopulation - population size, an integer ≥ 0 (≤ 2^31 − 1 for the permutation branch)
 * @param nSamples - sample size, an integer in [0, nPopulation]
 * @param rng - generator to draw from
 * @returns the sample, in scikit-learn's order
 * @throws RangeError when `nSamples > nPopulation` or either is negative.
 * @example
 * ```ts
 * sampleWithoutReplacement(10, 5, new RandomState(42)); // Int32Array [8, 1, 5, 0, 7]
 * ```
 */
export function sampleWithoutReplacement(
  nPopulation: number,
  nSamples: number,
  rng: RandomState,
): Int32Array {
  if (!Number.isSafeInteger(nPopulation) || nPopulation < 0) {
    throw new RangeError(
      `sampleWithoutReplacement: nPopulation must be an integer ≥ 0; got ${nPopulation}`,
    );
  }
  if (!Number.isSafeInteger(nSamples) || nSamples < 0 || nSamples > nPopulation) {
    throw new RangeError(
      `sampleWithoutReplacement: nSamples must be an integer in [0, nPopulation = ${nPopulation}]; got ${nSamples}`,
    );
  }
  const ratio = nPopulation !== 0 ? nSamples / nPopulation : 1.0;
  if (ratio > 0.01 && ratio < 0.99) return rng.permutation(nPopulation).slice(0, nSamples);
  const out = new Int32Array(nSamples);
  if (ratio < 0.2) {
    const selected = new Set<number>();
    for (let i = 0; i < nSamples; i++) {
      let j = rng.randint(nPopulation);
      while (selected.has(j)) j = rng.randint(nPopulation);
      selected.add(j);
      out[i] = j;
    }
    return out;
  }
  for (let i = 0; i < nSamples; i++) out[i] = i;
  for (let i = nSamples; i < nPopulation; i++) {
    const j = rng.randint(0, i + 1);
    if (j < nSamples) out[j] = i;
  }
  return out;
}

// ---------------------------------------------------------------------------
// np.dot as numpy 1.24 + OpenBLAS 0.3.21 compute it
// ---------------------------------------------------------------------------
//
// make_classification multiplies with np.dot, which numpy hands to BLAS
// (cblas_matrixproduct). The reference fixtures were generated with numpy
// 1.24.2 linked to Debian's OpenBLAS 0.3.21 (pthreads, DYNAMIC_ARCH) on a CPU
// for which OpenBLAS picks its "Cooperlake" (AVX-512) kernels; glibc's libm
// picks its FMA variants there too. These kernels use fused multiply-adds
// and their own summation orders, so a plain `s += a*b` loop differs from
// numpy in the last bit for roughly a third of the entries. What is matched
// (established from the OpenBLAS sources and the disassembly of the
// installed kernels, and checked against numpy on random inputs):
//
// - numpy's dispatch on shapes (scalar / row / column / matrix operands):
//   a 1×1 operand makes every entry a single product (daxpy); a matrix times
//   a column vector is dgemv "T"; a row vector times a matrix is dgemv "N";
//   everything else is dgemm (operands copied to contiguous first).
// - dgemm, M·N·K ≤ 10^6 (OpenBLAS's "small matrix" kernel for beta = 0): each
//   entry is a chain of FMAs in k order, acc = fma(x_k, a_k, acc) from 0 —
//   except, when K ≥ 16, for the last N mod 8 ∈ {1…4} output columns, which the
//   kernel computes "dot-like": 8 FMA lanes (k mod 8) then a tree reduction
//   whose shape depends on the position of the entry (see dotLikeEntry).
// - dgemv "T" (matrix · column): the 4-row blocks use 4 FMA lanes (k mod 4)
//   or, for the last rows, 2 or 4 plain lanes, and the K mod 4 leftover terms
//   are added with the compiled tail's FMA pattern (see gemvT). When
//   K·rows ≥ 9216 OpenBLAS splits the rows between its threads, which changes
//   which rows are "last"; this is reproduced for 2 threads (OPENBLAS_THREADS).
// - dgemv "N" (row · matrix) with N ≥ 4 outputs (see gemvN), and with N ≤ 3
//   outputs when K < 4 (an FMA chain in k order).
//
// Not reproduced (fallback: the FMA chain, which may differ in the last bit):
// dgemm with M·N·K > 10^6 and K > 2 (OpenBLAS's blocked, threaded kernel:
// columns in its 8-wide tiles are FMA chains, the 4/2/1-wide edge tiles use
// another order that was not identified); dgemv "N" with 2 or 3 outputs and
// K ≥ 4, and ddot (1×K times K×1) with K ≥ 16. In make_classification these
// need a cluster (or, for the redundant features, the whole dataset) with
// rows·nInformative² (resp. nSamples·nInformative·nRedundant) above 10^6 and
// nInformative > 2, or nSamples = 1 with nRedundant ∈ {2, 3} and
// nInformative ≥ 4 (or nRedundant = 1 and nInformative ≥ 16).

/**
 * Number of threads OpenBLAS uses for a large dgemv: the number of cores of
 * the machine that generated the reference fixtures (2). On machines with
 * more cores numpy's results for such products (nRedundant = 1 with
 * nSamples · nInformative ≥ 9216) change, and so would this constant.
 */
const OPENBLAS_THREADS = 2;

/**
 * `left (rows×K) @ right (K×N)`, both row-major and contiguous, computed with
 * the operation order numpy + OpenBLAS use (see the comment above).
 *
 * @internal Exported for tests only; not part of the public API.
 * @param left - row-major `rows × K` values
 * @param rows - rows of `left`
 * @param K - columns of `left` = rows of `right`
 * @param right - row-major `K × N` values
 * @param N - columns of `right`
 * @returns the row-major `rows × N` product
 * @example
 * ```ts
 * numpyDot(Float64Array.of(1, 2), 1, 2, Float64Array.of(3, 4), 1); // Float64Array [11]
 * ```
 */
export function numpyDot(
  left: Float64Array,
  rows: number,
  K: number,
  right: Float64Array,
  N: number,
): Float64Array {
  const out = new Float64Array(rows * N);
  if (rows === 0 || N === 0 || K === 0) return out;
  if (K === 1) {
    // A 1×1 operand (daxpy) or an outer product (dgemm with K = 1): single products.
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < N; j++) out[i * N + j] = left[i]! * right[j]!;
    }
    return out;
  }
  if (rows > 1 && N === 1) {
    // OpenBLAS threads dgemv when K·rows ≥ 2304 · 4, splitting the rows into
    // contiguous chunks (ceil(remaining / threads left), at least 4), each
    // computed by the kernel on its own.
    const threads = rows * K < 9216 ? 1 : OPENBLAS_THREADS;
    let from = 0;
    for (let t = 0; from < rows; t++) {
      let width = Math.ceil((rows - from) / (threads - t));
      if (width < 4) width = 4;
      width = Math.min(width, rows - from);
      out.set(gemvT(left.subarray(from * K, (from + width) * K), width, K, right), from);
      from += width;
    }
    return out;
  }
  if (rows === 1) {
    if (N >= 4) return gemvN(left, K, right, N);
    return fmaChain(left, rows, K, right, N, out); // dgemv "N" tail (exact for K < 4) or ddot
  }
  if (rows * N * K <= 1e6 && K >= 16) {
    const m8 = N & ~7;
    const mm = N - m8;
    if (mm >= 1 && mm <= 4) {
      fmaChain(left, rows, K, right, N, out, m8);
      for (let c = m8; c < N; c++) {
        for (let r = 0; r < rows; r++) out[r * N + c] = dotLikeEntry(left, r, K, right, N, c, m8, mm, rows);
      }
      return out;
    }
  }
  return fmaChain(left, rows, K, right, N, out);
}

/** out[i][j] = fma chain over k of left[i][k] * right[k][j], for columns j < cols. */
function fmaChain(
  left: Float64Array,
  rows: number,
  K: number,
  right: Float64Array,
  N: number,
  out: Float64Array,
  cols = N,
): Float64Array {
  for (let i = 0; i < rows; i++) {
    const li = i * K;
    for (let j = 0; j < cols; j++) {
      let acc = 0;
      for (let k = 0; k < K; k++) acc = fma(left[li + k]!, right[k * N + j]!, acc);
      out[i * N + j] = acc;
    }
  }
  return out;
}

/**
 * An entry of OpenBLAS's small dgemm kernel in its "dot-like" tail (our
 * output column c ≥ m8, N − m8 = mm ∈ 1…4, K ≥ 16): lanes l = k mod 8 are FMA
 * chains; columns in a full group of 4, and rows in full groups of 4, are
 * reduced as ((l0+l1)+(l2+l3)) + ((l4+l5)+(l6+l7)); the rest with
 * `_mm512_reduce_add_pd`'s ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)).
 */
function dotLikeEntry(
  left: Float64Array,
  r: number,
  K: number,
  right: Float64Array,
  N: number,
  c: number,
  m8: number,
  mm: number,
  rows: number,
): number {
  const l = [0, 0, 0, 0, 0, 0, 0, 0];
  const li = r * K;
  for (let k = 0; k < K; k++) l[k & 7] = fma(right[k * N + c]!, left[li + k]!, l[k & 7]!);
  const ci = c - m8;
  const pairwise = ci < (mm & ~3) || r < (rows & ~3);
  if (pairwise) return l[0]! + l[1]! + (l[2]! + l[3]!) + (l[4]! + l[5]! + (l[6]! + l[7]!));
  return l[0]! + l[4]! + (l[2]! + l[6]!) + (l[1]! + l[5]! + (l[3]! + l[7]!));
}

/**
 * OpenBLAS dgemv "N" kernel (x86-64 dgemv_n_4.c as built for Cooperlake) for
 * a row vector times a K×N matrix with N ≥ 4: out[j] = Σ_k x[k] · A[k][j].
 * The first N − N mod 4 outputs accumulate groups of 4 terms, each group
 * summed as fma(a3, x3, fma(a2, x2, fma(a0, x0, a1·x1))) and then added; a
 * leftover pair as fma(a0, x0, a1·x1), a leftover single term as a plain
 * product. The last N mod 4 outputs are FMA chains in k order.
 */
function gemvN(x: Float64Array, K: number, A: Float64Array, N: number): Float64Array {
  const out = new Float64Array(N);
  const m1 = N & -4;
  const k4 = K & -4;
  for (let j = 0; j < m1; j++) {
    let y = 0;
    let k = 0;
    for (; k < k4; k += 4) {
      let t = A[(k + 1) * N + j]! * x[k + 1]!;
      t = fma(A[k * N + j]!, x[k]!, t);
      t = fma(A[(k + 2) * N + j]!, x[k + 2]!, t);
      t = fma(A[(k + 3) * N + j]!, x[k + 3]!, t);
      y = t + y;
    }
    if (K & 2) {
      let t = A[(k + 1) * N + j]! * x[k + 1]!;
      t = fma(A[k * N + j]!, x[k]!, t);
      y = t + y;
      k += 2;
    }
    if (K & 1) y = y + A[k * N + j]! * x[k]!;
    out[j] = y;
  }
  for (let j = m1; j < N; j++) {
    let acc = 0;
    for (let k = 0; k < K; k++) acc = fma(A[k * N + j]!, x[k]!, acc);
    out[j] = acc;
  }
  return out;
}

/**
 * OpenBLAS dgemv "T" kernel (x86-64 dgemv_t_4.c with the Haswell micro-kernel,
 * as built for Cooperlake), single-threaded: out[r] = Σ_k left[r][k] · b[k].
 */
function gemvT(left: Float64Array, rows: number, K: number, b: Float64Array): Float64Array {
  const out = new Float64Array(rows);
  const m3 = K & 3;
  const full4 = rows & ~3; // rows handled by the 4-row kernel
  const pair2 = rows & 2 ? full4 + 2 : full4; // then the 2-row kernel, then a 1-row kernel
  // Blocks of the K − m3 leading terms: 2048 at a time, then the remainder.
  let m1 = K & -4;
  const m2 = (K & 2047) - m3;
  let NB = 2048;
  let k0 = 0;
  while (NB === 2048) {
    m1 -= NB;
    if (m1 < 0) {
      if (m2 === 0) break;
      NB = m2;
    }
    for (let r = 0; r < rows; r++) {
      const base = r * K + k0;
      let t: number;
      if (r < full4) {
        // 4 FMA lanes (k mod 4), then (l0 + l2) + (l1 + l3).
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (let k = 0; k < NB; k += 4) {
          a0 = fma(left[base + k]!, b[k0 + k]!, a0);
          a1 = fma(left[base + k + 1]!, b[k0 + k + 1]!, a1);
          a2 = fma(left[base + k + 2]!, b[k0 + k + 2]!, a2);
          a3 = fma(left[base + k + 3]!, b[k0 + k + 3]!, a3);
        }
        t = a0 + a2 + (a1 + a3);
      } else if (r < pair2) {
        // 2 plain lanes (even / odd k), then even + odd.
        let e = 0, o = 0;
        for (let k = 0; k < NB; k += 2) {
          e += left[base + k]! * b[k0 + k]!;
          o += left[base + k + 1]! * b[k0 + k + 1]!;
        }
        t = e + o;
      } else {
        // Plain lanes (k mod 4), then (s0 + s2) + (s1 + s3).
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let k = 0; k < NB; k += 4) {
          s0 += left[base + k]! * b[k0 + k]!;
          s1 += left[base + k + 1]! * b[k0 + k + 1]!;
          s2 += left[base + k + 2]! * b[k0 + k + 2]!;
          s3 += left[base + k + 3]! * b[k0 + k + 3]!;
        }
        t = s0 + s2 + (s1 + s3);
      }
      out[r] = out[r]! + t;
    }
    k0 += NB;
  }
  if (m3 === 0) return out;
  for (let r = 0; r < rows; r++) {
    const base = r * K + k0;
    if (m3 === 1) {
      out[r] = fma(left[base]!, b[k0]!, out[r]!);
    } else {
      let t = left[base + 1]! * b[k0 + 1]!;
      t = fma(left[base]!, b[k0]!, t);
      if (m3 === 3) t = fma(left[base + 2]!, b[k0 + 2]!, t);
      out[r] = t + out[r]!;
    }
  }
  return out;
}
