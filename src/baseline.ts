import { Matrix } from './matrix.js';
import { checkInteger, checkOptionNames, checkPositive } from './validate/options.js';

/** Options of {@link gradientDescentBaseline}. */
export interface BaselineOptions {
  /**
   * Step size.
   * @default 0.01
   */
  learningRate?: number;
  /**
   * Number of updates.
   * @default 1000
   */
  maxIter?: number;
}

/** Result of {@link gradientDescentBaseline}. */
export interface BaselineResult {
  /** The d weights. */
  weights: Float64Array;
  /** The bias. */
  bias: number;
}

/**
 * The reference experiment's batch gradient descent in plain JavaScript, with no
 * WebAssembly: the yardstick the WASM core is tested and benchmarked against.
 *
 * Written as a careful JS programmer would: one Float64Array, one fused pass per
 * iteration (z, residual and gradient accumulation while the row is hot), no allocation
 * inside the loop. Starting from w = 0, b = 0, each iteration does
 * w ← w − lr · Xᵀ(σ(Xw + b) − y) / n and b ← b − lr · mean(σ(Xw + b) − y).
 *
 * @param X n×d training data (finite values; not checked here).
 * @param y n labels, each 0 or 1.
 * @example
 * ```ts
 * const { weights, bias } = gradientDescentBaseline(Matrix.fromRows([[0], [1]]), [0, 1], { maxIter: 100 });
 * ```
 */
export function gradientDescentBaseline(X: Matrix, y: ArrayLike<number>, options: BaselineOptions = {}): BaselineResult {
  checkOptionNames('gradientDescentBaseline', options, ['learningRate', 'maxIter']);
  const learningRate = checkPositive('gradientDescentBaseline', 'learningRate', options.learningRate ?? 0.01);
  const maxIter = checkInteger('gradientDescentBaseline', 'maxIter', options.maxIter ?? 1000, 1, 2 ** 31 - 1);
  const { rows: n, cols: d } = X;
  if (y.length !== n) throw new RangeError(`gradientDescentBaseline: y has ${y.length} labels; X has ${n} rows`);
  const x = X.data;
  const labels = Float64Array.from(y);
  const w = new Float64Array(d);
  const grad = new Float64Array(d);
  let b = 0;

  for (let iter = 0; iter < maxIter; iter++) {
    grad.fill(0);
    let gradBias = 0;
    for (let i = 0, row = 0; i < n; i++, row += d) {
      let z = b;
      for (let j = 0; j < d; j++) z += x[row + j]! * w[j]!;
      const e = Math.exp(-Math.abs(z)); // never overflows
      const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      const r = p - labels[i]!;
      for (let j = 0; j < d; j++) grad[j]! += r * x[row + j]!;
      gradBias += r;
    }
    for (let j = 0; j < d; j++) w[j]! -= learningRate * (grad[j]! / n);
    b -= learningRate * (gradBias / n);
  }
  return { weights: w, bias: b };
}
