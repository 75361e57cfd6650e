/**
 * Standard-normal deviates from a uniform stream, for the bench's generators.
 * @module
 */

/**
 * Box–Muller on `uniform` (values in [0, 1)), both deviates of each pair used: the first
 * call draws two uniforms and returns r·cos θ, the next returns the r·sin θ kept from it.
 */
export function normalStream(uniform: () => number): () => number {
  let spare = Number.NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = Number.NaN;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(1 - uniform())); // 1 − u ∈ (0, 1]: the log is finite
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}
