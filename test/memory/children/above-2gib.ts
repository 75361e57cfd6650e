/**
 * Child process of above-2gib.test.ts: fits a problem from matrices in the low part of
 * WebAssembly memory, grows the memory past 2 GiB with one untouched block (cheap: its
 * pages are never written) and uses up the free space below, then allocates the same matrices again (now above 2 GiB),
 * writes them, checks the low ones, and fits again. Prints what it saw as JSON.
 */
import { LogisticRegression, Matrix, makeClassification } from '../../../src/index.js';
import { workerCount } from '../../../src/core/threads.js';
import type { Dtype } from '../../../src/matrix.js';
import { core } from '../../../src/core/runtime.js';

const { X, y } = makeClassification({ nSamples: 5000, nFeatures: 8, randomState: 0 });

function place<D extends Dtype>(dtype: D): Matrix<D> {
  const matrix = Matrix.alloc(X.rows, X.cols, { dtype });
  matrix.data.set(X.data);
  return matrix;
}

/** Coefficient bits of float64 and float32 fits on one and two threads. */
function fits(X64: Matrix<'float64'>, X32: Matrix<'float32'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const threads of [1, 2]) {
    for (const [dtype, data] of [['float64', X64], ['float32', X32]] as const) {
      const model = new LogisticRegression({ dtype, threads, maxIter: 20, onWarning: null }).fit(data, y);
      out[`${dtype}, ${threads} thread(s)`] = Array.from(model.coef.data, (v) => v.toString(16)).join(' ') + ` | ${model.intercept[0]!.toString(16)}`;
      model.dispose();
    }
  }
  return out;
}

const low64 = place('float64');
const low32 = place('float32');
const lowFits = fits(low64, low32);

// 2 GiB from the large-block path: memory.grow, pages never written. Then small blocks
// until the allocator's free space below is used up (to within 16 KiB fragments), so the
// matrices allocated next lie above 2 GiB.
if (core.alloc(2 ** 31) === 0) throw new Error('could not grow the memory past 2 GiB');
for (let taken = 0; (core.alloc(2 ** 14) >>> 0) < 2 ** 31; taken++) {
  if (taken > 10_000) throw new Error('the allocator did not move above 2 GiB');
}

const high64 = place('float64');
const high32 = place('float32');
high64.data.fill(-1);
high32.data.fill(-1);
const lowIntact = low64.data.every((v, k) => v === X.data[k]) && low32.data.every((v, k) => v === Math.fround(X.data[k]!));
high64.data.set(X.data);
high32.data.set(X.data);
const highFits = fits(high64, high32);

console.log(
  JSON.stringify({
    workers: workerCount(),
    memoryBytes: core.memory.buffer.byteLength,
    high: [high64, high32].map((m) => ({ byteOffset: m.byteOffset, viewOffset: m.data.byteOffset })),
    lowIntact,
    lowFits,
    highFits,
  }),
);
