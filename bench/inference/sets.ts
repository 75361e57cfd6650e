/**
 * The inference bench's data: dense float64 X drawn from a logistic model with known
 * coefficients, made deterministically in the core's memory (a `Matrix.alloc`, which the
 * fits read in place) and written as raw little-endian files for python_inference.py, which
 * checks it read the same bytes (SHA-256).
 * @module
 */
import { createHash } from 'node:crypto';
import { Matrix } from '../../src/matrix.js';
import { type DataFiles, mulberry32, writeDataFiles } from '../data.js';
import { normalStream } from '../normal.js';

export type InferenceMode = 'quick' | 'default' | 'full';

/** The shapes per mode (rows, feature columns). */
export const SHAPES: Record<InferenceMode, readonly (readonly [number, number])[]> = {
  quick: [
    [2_000, 10],
    [1_000, 20],
  ],
  default: [
    [1_000_000, 50],
    [100_000, 200],
  ],
  full: [
    [1_000_000, 50],
    [100_000, 200],
  ],
};

/** The model's intercept. */
export const TRUE_INTERCEPT = 0.25;
/** ‖β‖: the linear predictor x·β has this standard deviation (X standard normal), so the classes overlap and no coefficient is near separation. */
export const TRUE_NORM = 1.5;

/** A set in the core's memory and on disk. */
export interface InferenceSet {
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  readonly X: Matrix<'float64'>;
  /** Labels 0/1. */
  readonly y: Float64Array;
  /** The true coefficients (const first, then β), for the tables. */
  readonly truth: Float64Array;
  /** What python_inference.py's `load` request needs. */
  readonly files: DataFiles;
  /** SHA-256 of X's bytes then y's, as python_inference.py hashes them. */
  readonly sha256: string;
  readonly description: string;
}

const mib = (bytes: number): string => (bytes >= 10 * 2 ** 20 ? `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB` : `${(bytes / 2 ** 20).toFixed(2)} MiB`);
const label = (rows: number, cols: number): string => `${rows.toLocaleString('en-US')} × ${cols.toLocaleString('en-US')}`;

/**
 * X with standard-normal entries (Box–Muller on mulberry32, row-major), and
 * yᵢ ~ Bernoulli(σ(b + xᵢ·β)) from the same stream, with b = {@link TRUE_INTERCEPT} and β
 * fixed uniform draws in [−1, 1] scaled to ‖β‖ = {@link TRUE_NORM}. Seeded by the shape, so
 * every run makes the same bytes. Dispose `X` when done.
 */
export function inferenceSet(rows: number, cols: number): InferenceSet {
  const uniform = mulberry32(15_000_000 + rows * 1_000 + cols);
  const gauss = normalStream(uniform);
  const beta = Float64Array.from({ length: cols }, () => 2 * uniform() - 1);
  const scale = TRUE_NORM / Math.hypot(...beta);
  for (let j = 0; j < cols; j++) beta[j]! *= scale;
  const X = Matrix.alloc(rows, cols);
  const y = new Float64Array(rows);
  try {
    const x = X.data;
    for (let i = 0, at = 0; i < rows; i++) {
      let eta = TRUE_INTERCEPT;
      for (let j = 0; j < cols; j++, at++) {
        const v = gauss();
        x[at] = v;
        eta += v * beta[j]!;
      }
      y[i] = uniform() * (1 + Math.exp(-eta)) < 1 ? 1 : 0; // u < σ(η), without a division
    }
  } catch (error) {
    X.dispose();
    throw error;
  }
  const files = writeDataFiles(`inference-${rows}x${cols}`, X.data, y, rows, cols);
  const h = createHash('sha256');
  h.update(new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength));
  h.update(new Uint8Array(y.buffer, y.byteOffset, y.byteLength));
  let positive = 0;
  for (const v of y) positive += v;
  return {
    name: `dense ${label(rows, cols)}`,
    rows,
    cols,
    X,
    y,
    truth: Float64Array.of(TRUE_INTERCEPT, ...beta),
    files,
    sha256: h.digest('hex'),
    description:
      `X standard normal, y ~ Bernoulli(σ(${TRUE_INTERCEPT} + x·β)) with β uniform in [−1, 1] scaled to ‖β‖ = ${TRUE_NORM} ` +
      `(X ${mib(rows * cols * 8)} as float64; ${((100 * positive) / rows).toFixed(1)} % positive)`,
  };
}
