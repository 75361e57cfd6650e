/**
 * The sparse bench's deterministic synthetic data: CSR matrices shaped like text features.
 *
 * - Row lengths: log-normal around the target mean (σ = 0.5 in log space), at least 1.
 * - Columns: drawn without replacement within a row from a Zipf–Mandelbrot law,
 *   P(rank r) ∝ (r + offset)^−s, through a Walker alias table; ranks are scattered over
 *   the columns by a seeded permutation (a vocabulary's ids, or a hash, do not sort words
 *   by frequency), so popular columns are spread over the weight vector.
 * - Values: positive tf-idf-like ((1 + ln tf)·idf, tf = 1 + a geometric count, idf from the
 *   column's expected document frequency), or for a hashed set (1 + ln tf) with a fixed
 *   ±1 sign per column (as HashingVectorizer's alternate sign); every row scaled to unit
 *   l2 norm, then each value rounded to 7 decimals, m/10⁷ with m an integer: that double is
 *   what parsing the svmlight text of it gives back (formatSvmlight writes `%.16g`, which
 *   reproduces a 7-decimal value exactly), so LIBLINEAR, scikit-learn and our side read
 *   the same numbers to the last bit.
 * - Labels: a sparse hyperplane w* (1 % of the columns, drawn from the same law, standard
 *   normal weights), z = x·w* plus normal noise of `noise`·sd(z), y = [z > t] with t the
 *   quantile that makes `positive` of the rows 1.
 *
 * Everything comes from one mulberry32 stream (bench/data.ts) per set, so a set is the
 * same on every run and host.
 * @module
 */
import { mulberry32 } from '../data.js';
import { normalStream } from '../normal.js';

/** What to generate. */
export interface SparseSpec {
  /** File-name stem and label, e.g. 'rcv1-like'. */
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  /** Mean stored entries per row. */
  readonly nnzPerRow: number;
  /** Zipf exponent s of the column law. */
  readonly zipfExponent: number;
  /** Mandelbrot offset of the column law (keeps the top columns out of most rows). */
  readonly zipfOffset: number;
  /** false: positive tf-idf-like values; true: (1 + ln tf) with a ±1 sign per column. */
  readonly signed: boolean;
  /** Noise sd as a share of sd(x·w*). */
  readonly noise: number;
  /** Share of rows labelled 1. */
  readonly positive: number;
  readonly seed: number;
}

/** A generated set: canonical CSR arrays (rows sorted by column, no duplicates) and 0/1 labels. */
export interface SparseData {
  readonly spec: SparseSpec;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  readonly y: Float64Array;
}

/** Decimals every value is rounded to (see the module comment). */
export const VALUE_SCALE = 1e7;

/** Walker/Vose alias table for sampling 0…k−1 with probabilities ∝ `weights`. */
export function aliasTable(weights: Float64Array): { prob: Float64Array; alias: Int32Array } {
  const k = weights.length;
  let total = 0;
  for (const w of weights) total += w;
  const prob = new Float64Array(k);
  const alias = new Int32Array(k);
  const scaled = new Float64Array(k);
  const small = new Int32Array(k);
  const large = new Int32Array(k);
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < k; i++) {
    scaled[i] = (weights[i]! * k) / total;
    if (scaled[i]! < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns]!;
    const l = large[nl - 1]!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    if (scaled[l]! < 1) {
      nl--;
      small[ns++] = l;
    }
  }
  // What is left has probability 1 up to rounding.
  while (nl > 0) prob[large[--nl]!] = 1;
  while (ns > 0) prob[small[--ns]!] = 1;
  return { prob, alias };
}

/** The column law: P(rank r) ∝ (r + offset)^−s for r = 1…cols. */
export function zipfWeights(cols: number, exponent: number, offset: number): Float64Array {
  return Float64Array.from({ length: cols }, (_, r) => (r + 1 + offset) ** -exponent);
}

/** Generates the set `spec` describes (see the module comment). */
export function generateSparse(spec: SparseSpec): SparseData {
  const { rows, cols, nnzPerRow, signed } = spec;
  const uniform = mulberry32(spec.seed);
  const gauss = normalStream(uniform);

  // rank → column: a seeded permutation (Fisher–Yates).
  const columnOf = Int32Array.from({ length: cols }, (_, i) => i);
  for (let i = cols - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const t = columnOf[i]!;
    columnOf[i] = columnOf[j]!;
    columnOf[j] = t;
  }
  const weights = zipfWeights(cols, spec.zipfExponent, spec.zipfOffset);
  let totalWeight = 0;
  for (const w of weights) totalWeight += w;
  const { prob, alias } = aliasTable(weights);
  const drawRank = (): number => {
    const i = Math.floor(uniform() * cols);
    return uniform() < prob[i]! ? i : alias[i]!;
  };

  // Per column: idf from the expected share of rows holding it, 1 − e^(−mean·p), or a sign.
  const factor = new Float64Array(cols);
  for (let r = 0; r < cols; r++) {
    const column = columnOf[r]!;
    if (signed) factor[column] = uniform() < 0.5 ? -1 : 1;
    else {
      const share = -Math.expm1(-nnzPerRow * (weights[r]! / totalWeight));
      factor[column] = Math.log((1 + rows) / (1 + rows * share)) + 1;
    }
  }

  // Row lengths: log-normal with mean nnzPerRow, capped so a row can always be filled.
  const sigma = 0.5;
  const mu = Math.log(nnzPerRow) - (sigma * sigma) / 2;
  const cap = Math.min(cols, Math.ceil(8 * nnzPerRow));
  const indptr = new Int32Array(rows + 1);
  for (let i = 0; i < rows; i++) {
    const length = Math.min(cap, Math.max(1, Math.round(Math.exp(mu + sigma * gauss()))));
    indptr[i + 1] = indptr[i]! + length;
  }
  const nnz = indptr[rows]!;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const stamp = new Int32Array(cols).fill(-1);
  for (let i = 0; i < rows; i++) {
    const start = indptr[i]!;
    const length = indptr[i + 1]! - start;
    for (let k = start; k < start + length; ) {
      const column = columnOf[drawRank()]!;
      if (stamp[column] === i) continue;
      stamp[column] = i;
      indices[k++] = column;
    }
    indices.subarray(start, start + length).sort();
    let norm = 0;
    for (let k = start; k < start + length; k++) {
      let tf = 1;
      while (uniform() < 0.3) tf++;
      const v = (tf === 1 ? 1 : 1 + Math.log(tf)) * factor[indices[k]!]!;
      values[k] = v;
      norm += v * v;
    }
    const scale = VALUE_SCALE / Math.sqrt(norm);
    for (let k = start; k < start + length; k++) {
      const m = Math.round(values[k]! * scale);
      // Never 0: a stored zero would be written and read back as an explicit zero, harmless, but pointless.
      values[k] = (m === 0 ? Math.sign(values[k]!) : m) / VALUE_SCALE;
    }
  }

  // Labels from a sparse hyperplane.
  const support = Math.max(1, Math.round(cols / 100));
  const wStar = new Float64Array(cols);
  for (let chosen = 0; chosen < support; ) {
    const column = columnOf[drawRank()]!;
    if (wStar[column] !== 0) continue;
    wStar[column] = gauss();
    chosen++;
  }
  const z = new Float64Array(rows);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) s += values[k]! * wStar[indices[k]!]!;
    z[i] = s;
    sum += s;
    sumSq += s * s;
  }
  const sd = Math.sqrt(Math.max(0, sumSq / rows - (sum / rows) ** 2));
  for (let i = 0; i < rows; i++) z[i] = z[i]! + spec.noise * sd * gauss();
  const sorted = Float64Array.from(z).sort();
  const threshold = sorted[Math.min(rows - 1, Math.floor((1 - spec.positive) * rows))]!;
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) y[i] = z[i]! >= threshold ? 1 : 0;
  return { spec, indptr, indices, values, y };
}

/** Statistics that say whether a set has the intended shape. */
export interface SparseStats {
  readonly nnz: number;
  readonly nnzPerRow: number;
  /** Shortest and longest row. */
  readonly rowLength: readonly [number, number];
  /** Share of rows labelled 1. */
  readonly positive: number;
  /** Columns holding at least one entry. */
  readonly usedColumns: number;
  /** Share of rows holding the most frequent column. */
  readonly topColumnShare: number;
  /**
   * Least-squares slope of log(document frequency) against log(rank) over ranks
   * 10…1,000 (where frequencies are neither saturated nor a handful of counts): about −s
   * for a Zipf law of exponent s.
   */
  readonly zipfSlope: number;
}

/** Computes {@link SparseStats} of a set. */
export function sparseStats(data: SparseData): SparseStats {
  const { indptr, indices, y } = data;
  const rows = indptr.length - 1;
  const nnz = indptr[rows]!;
  let shortest = Number.POSITIVE_INFINITY;
  let longest = 0;
  for (let i = 0; i < rows; i++) {
    const length = indptr[i + 1]! - indptr[i]!;
    shortest = Math.min(shortest, length);
    longest = Math.max(longest, length);
  }
  const df = new Float64Array(data.spec.cols);
  for (let k = 0; k < nnz; k++) df[indices[k]!]!++;
  let used = 0;
  for (const d of df) if (d > 0) used++;
  const ranked = df.sort().reverse();
  const lo = 10;
  const hi = Math.min(1000, used);
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let r = lo; r <= hi; r++) {
    const lx = Math.log(r);
    const ly = Math.log(ranked[r - 1]!);
    n++;
    sx += lx;
    sy += ly;
    sxx += lx * lx;
    sxy += lx * ly;
  }
  let positives = 0;
  for (const label of y) positives += label;
  return {
    nnz,
    nnzPerRow: nnz / rows,
    rowLength: [shortest, longest],
    positive: positives / rows,
    usedColumns: used,
    topColumnShare: ranked[0]! / rows,
    zipfSlope: (n * sxy - sx * sy) / (n * sxx - sx * sx),
  };
}

/** Bytes of the set as a float64 CsrMatrix holds it: indptr and indices int32, values float64. */
export function csrBytes(data: SparseData): number {
  return data.indptr.byteLength + data.indices.byteLength + data.values.byteLength;
}
