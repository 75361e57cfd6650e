/**
 * The model-selection bench's data, per mode: a dense set from makeClassification (the
 * port of scikit-learn's make_classification, src/datasets) for LogisticRegressionCV and the
 * dense l1 path, and a CSR set from the sparse section's generator (bench/sparse/generate.ts)
 * for the sparse l1 path. Each lives in the core's memory (our fits read it in place) and as
 * raw little-endian files for python_cv.py, which checks it read the same bytes (SHA-256).
 * @module
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeClassification } from '../../src/datasets/make-classification.js';
import { Matrix } from '../../src/matrix.js';
import { CsrMatrix } from '../../src/sparse/csr-matrix.js';
import { scratchDir } from '../data.js';
import { type SparseSpec, generateSparse } from '../sparse/generate.js';

export type ModelSelectionMode = 'quick' | 'default' | 'full';

/** A set in the core's memory and on disk. */
export interface BenchSet {
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  /** Stored entries (rows × cols when dense). */
  readonly nnz: number;
  readonly X: Matrix<'float64'> | CsrMatrix<'float64'>;
  /** Labels 0/1. */
  readonly y: Float64Array;
  /** What python_cv.py's `load` request needs. */
  readonly files: Record<string, string | number>;
  /** SHA-256 of the arrays (X's, then y), as python_cv.py hashes them. */
  readonly sha256: string;
  /** How the set was made, for the tables. */
  readonly description: string;
  /** x·w of every row, from a JS copy of X (the objective evaluator's, l1-objective.ts). */
  readonly margins: (w: Float64Array) => Float64Array;
}

/**
 * makeClassification's settings for the dense set: 2 of 5 columns informative (20 of 50),
 * no redundant ones (exact collinearity would leave the weakly penalised fits
 * ill-conditioned), one correlated Gaussian cluster per class, 5 % of labels flipped, and
 * every column scaled by 0.02, which puts the grid's Cs where the penalty changes the
 * direction of w: held-out accuracy climbs from 0.76 at C = 1e-4 to 0.88 near C = 20 (a
 * scikit-learn check on an 80/20 split), so C matters.
 */
export const DENSE_OPTIONS = { nRedundant: 0, nRepeated: 0, nClustersPerClass: 1, flipY: 0.05, classSep: 0.5, scale: 0.02, randomState: 14 } as const;

/** The sparse generator's settings (the RCV1-like character of the sparse section: positive tf-idf values, unit rows, a 1 % support hyperplane). */
const SPARSE: Omit<SparseSpec, 'rows' | 'cols' | 'nnzPerRow'> = { name: 'sparse', zipfExponent: 1, zipfOffset: 10, signed: false, noise: 0.3, positive: 0.5, seed: 14_002 };

export const SHAPES: Record<ModelSelectionMode, { dense: [number, number]; sparse: [number, number, number] }> = {
  quick: { dense: [2_000, 10], sparse: [1_000, 200, 10] },
  default: { dense: [100_000, 50], sparse: [20_000, 2_000, 100] },
  full: { dense: [100_000, 50], sparse: [20_000, 2_000, 100] },
};

function writeRaw(stem: string, array: Float64Array | Int32Array): string {
  const path = join(scratchDir(), `ms-${stem}`);
  writeFileSync(path, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return path;
}

function sha256(arrays: readonly (Float64Array | Int32Array)[]): string {
  const h = createHash('sha256');
  for (const a of arrays) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return h.digest('hex');
}

const label = (rows: number, cols: number): string => `${rows.toLocaleString('en-US')} × ${cols.toLocaleString('en-US')}`;

/** The dense set: makeClassification's rows copied into a Matrix in the core's memory. */
export function denseSet(rows: number, cols: number): BenchSet {
  const nInformative = Math.max(1, Math.floor((2 * cols) / 5));
  const made = makeClassification({ nSamples: rows, nFeatures: cols, nInformative, ...DENSE_OPTIONS });
  const X = Matrix.alloc(rows, cols);
  X.data.set(made.X.data);
  made.X.dispose();
  const y = Float64Array.from(made.y);
  const copy = X.data.slice();
  const stem = `dense-${rows}x${cols}`;
  return {
    name: `dense ${label(rows, cols)}`,
    rows,
    cols,
    nnz: rows * cols,
    X,
    y,
    files: { kind: 'dense', x: writeRaw(`${stem}.X.f64`, X.data), y: writeRaw(`${stem}.y.f64`, y), rows, cols },
    sha256: sha256([X.data, y]),
    description:
      `makeClassification(nSamples ${rows}, nFeatures ${cols}, nInformative ${nInformative}, nRedundant 0, ` +
      `nClustersPerClass 1, flipY ${DENSE_OPTIONS.flipY}, classSep ${DENSE_OPTIONS.classSep}, scale ${DENSE_OPTIONS.scale}, randomState ${DENSE_OPTIONS.randomState}); ${(100 * mean(y)).toFixed(1)} % positive`,
    margins: (w) => {
      const out = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        let z = 0;
        for (let j = 0, at = i * cols; j < cols; j++) z += copy[at + j]! * w[j]!;
        out[i] = z;
      }
      return out;
    },
  };
}

/** The sparse set: the sparse section's generator at `rows` × `cols`, `perRow` entries per row on average. */
export function sparseSet(rows: number, cols: number, perRow: number): BenchSet {
  const data = generateSparse({ ...SPARSE, rows, cols, nnzPerRow: perRow });
  const X = CsrMatrix.from({ rows, cols, indptr: data.indptr, indices: data.indices, values: data.values });
  const stem = `sparse-${rows}x${cols}`;
  const nnz = data.indices.length;
  return {
    name: `CSR ${label(rows, cols)}`,
    rows,
    cols,
    nnz,
    X,
    y: data.y,
    files: {
      kind: 'csr',
      indptr: writeRaw(`${stem}.indptr.i32`, data.indptr),
      indices: writeRaw(`${stem}.indices.i32`, data.indices),
      values: writeRaw(`${stem}.values.f64`, data.values),
      y: writeRaw(`${stem}.y.f64`, data.y),
      rows,
      cols,
    },
    sha256: sha256([data.indptr, data.indices, data.values, data.y]),
    description:
      `bench/sparse/generate.ts (positive tf-idf-like values, unit-norm rows, Zipf columns, labels from a ${Math.max(1, Math.round(cols / 100))}-column hyperplane): ` +
      `${nnz.toLocaleString('en-US')} entries, ${(nnz / rows).toFixed(1)} per row, density ${((100 * nnz) / (rows * cols)).toFixed(1)} %; ${(100 * mean(data.y)).toFixed(1)} % positive`,
    margins: (w) => {
      const out = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        let z = 0;
        for (let k = data.indptr[i]!; k < data.indptr[i + 1]!; k++) z += data.values[k]! * w[data.indices[k]!]!;
        out[i] = z;
      }
      return out;
    },
  };
}

function mean(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}
