/**
 * Child process of big-fits.test.ts: `big-fit.ts <dtype> <rows> <cols>` fills a
 * Matrix.alloc X of that shape from a known linear rule (plus noise), fits it with every
 * core, and prints the figures as JSON: sizes, time, peak RSS, and what the test checks.
 */
import { LogisticRegression, Matrix } from '../../../src/index.js';
import type { Dtype } from '../../../src/matrix.js';
import { core } from '../../../src/core/runtime.js';

const [dtype, rowsText, colsText] = process.argv.slice(2) as [Dtype, string, string];
const rows = Number(rowsText);
const cols = Number(colsText);

/** The rule the labels follow: y = 1 when x·w + noise > 0, w = (1, −0.5, 1, −0.5, …). */
const weight = (j: number): number => (j % 2 === 0 ? 1 : -0.5);

let state = 0x9e3779b9;
/** xorshift32, uniform in [−1, 1). */
function next(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 31 - 1;
}

/** Fills `data` (rows × cols) and `y` by the rule. */
function fill(data: Float64Array | Float32Array, y: Uint8Array): void {
  const n = y.length;
  for (let i = 0; i < n; i++) {
    let t = next();
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = 2 * next();
      data[base + j] = v;
      t += v * weight(j);
    }
    y[i] = t > 0 ? 1 : 0;
  }
}

/** A sum of every 997th value of X: changes if anything writes to X. */
function checksum(data: Float64Array | Float32Array): number {
  let sum = 0;
  for (let k = 0; k < data.length; k += 997) sum += data[k] as number;
  return sum;
}

const X = Matrix.alloc(rows, cols, { dtype });
const y = new Uint8Array(rows);
fill(X.data, y);
const before = checksum(X.data);

const started = performance.now();
const model = new LogisticRegression({ dtype, maxIter: 20, onWarning: null }).fit(X, y);
const seconds = (performance.now() - started) / 1000;

const test = Matrix.zeros(10_000, cols);
const yTest = new Uint8Array(10_000);
fill(test.data, yTest);
const coef = Array.from(model.coef.data);

console.log(
  JSON.stringify({
    dtype,
    rows,
    cols,
    xBytes: rows * cols * (dtype === 'float32' ? 4 : 8),
    xEnd: X.byteOffset + rows * cols * (dtype === 'float32' ? 4 : 8),
    memoryBytes: core.memory.buffer.byteLength,
    seconds,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    nIter: model.nIter,
    coef,
    intercept: model.intercept[0],
    signs: coef.map((w, j) => Math.sign(w) === Math.sign(weight(j))),
    accuracy: model.score(test, yTest),
    checksumBefore: before,
    checksumAfter: checksum(X.data),
  }),
);
