/**
 * The random geometry of makeClassification's clusters: centroids on distinct vertices of
 * a hypercube (or of a random polytope), drawn as scikit-learn draws them
 * (`_generate_hypercube` over `sample_without_replacement`), so the same generator state
 * gives the same centroids.
 * @module
 */
import type { RandomState } from './random-state.js';

/**
 * The centroids of makeClassification's `nClusters` clusters (row-major `nClusters × d`):
 * distinct vertices of the `d`-cube with sides `2·classSep` centred on 0 (bit ·
 * 2·classSep − classSep), or, when not `hypercube`, those vertices scaled by a random
 * factor per cluster and then per dimension (a random polytope), drawn in that order.
 */
export function clusterCentroids(nClusters: number, d: number, classSep: number, hypercube: boolean, generator: RandomState): Float64Array {
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
  return centroids;
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
