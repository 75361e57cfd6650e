/**
 * Child process of lifecycle.test.ts, run as `node --expose-gc --import tsx reclaim.ts`:
 * drops hundreds of models and WebAssembly matrices without dispose(), collecting garbage
 * between rounds, and prints the WebAssembly memory size (MiB) after each round as JSON.
 */
import { LogisticRegression, Matrix } from '../../../src/index.js';
import { core } from '../../../src/core/runtime.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

const MiB = 2 ** 20;
const mib = (): number => core.memory.buffer.byteLength / MiB;
/** Lets the FinalizationRegistry callbacks run after a collection. */
const settle = async (): Promise<void> => {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  await new Promise((resolve) => setTimeout(resolve, 0));
};

// 50 classes × 1000 features: 50 × 1001 float64 parameters, about 391 KiB per model.
const coef = Array.from({ length: 50 }, (_, k) => Array.from({ length: 1000 }, (_, j) => ((k + j) % 7) - 3));
const intercept = new Array<number>(50).fill(0);
const classes = Array.from({ length: 50 }, (_, k) => k);
const row = [new Array<number>(1000).fill(0.5)];

const rounds = 30;
const perRound = 20;
const models: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < perRound; i++) LogisticRegression.fromSklearn({ coef, intercept, classes }).predict(row);
  await settle();
  models.push(mib());
}

const matrices: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < perRound; i++) Matrix.alloc(1000, 50).data.fill(1); // 391 KiB each
  await settle();
  matrices.push(mib());
}

// Control: the same models kept alive do occupy their memory, so the test can see a leak.
const before = mib();
const held = Array.from({ length: 100 }, () => LogisticRegression.fromSklearn({ coef, intercept, classes }));
await settle();
const heldGrowth = mib() - before;
held.length = 0;

const droppedMiB = (rounds * perRound * 50 * 1001 * 8) / MiB;
console.log(JSON.stringify({ models, matrices, heldGrowth, droppedMiB }));
