/**
 * Child process of reclaim.test.ts: `reclaim.ts <matrices | models> <count> <headroom MiB |
 * full> [no-gc]` fills the WebAssembly memory up to `headroom` MiB below its 4 GiB limit
 * with one live block whose pages are never written (cheap), unless `full`; then, in one
 * synchronous loop, drops `count` objects of 8 MB of WebAssembly memory each without
 * dispose(): Matrix.alloc(1000, 1000) matrices (one value written into each), or models
 * with 100 classes × 9999 features rebuilt with fromSklearn. With `no-gc` it first hides
 * `process.getBuiltinModule`, as a browser offers no garbage collector to start. Prints how
 * many allocations succeeded, the first error, the memory size, the time and whether
 * matrices allocated afterwards survive later collections intact, as JSON.
 */
import { LogisticRegression, Matrix } from '../../../src/index.js';
import { core } from '../../../src/core/runtime.js';

const [kind, countText, headroom, mode] = process.argv.slice(2) as [string, string, string, string | undefined];
const count = Number(countText);
if (mode === 'no-gc') Object.defineProperty(process, 'getBuiltinModule', { value: undefined });

const coef = Array.from({ length: 100 }, (_, k) => Array.from({ length: 9999 }, (_, j) => ((k + j) % 7) - 3));
const sklearn = { coef, intercept: new Array<number>(100).fill(0), classes: Array.from({ length: 100 }, (_, k) => k) };
const drop =
  kind === 'models'
    ? (): void => void LogisticRegression.fromSklearn(sklearn)
    : (i: number): void => void (Matrix.alloc(1000, 1000).data[999_999] = i);

if (headroom !== 'full') {
  const filler = 2 ** 32 - core.memory.buffer.byteLength - Number(headroom) * 2 ** 20;
  if (core.alloc(filler) === 0) throw new Error(`could not allocate a filler of ${filler} bytes`);
}

const started = performance.now();
let allocated = 0;
let error: { name: string; message: string } | null = null;
try {
  for (; allocated < count; allocated++) drop(allocated);
} catch (caught) {
  error = { name: (caught as Error).name, message: (caught as Error).message };
}
const seconds = (performance.now() - started) / 1000;

// Matrices allocated after the drops keep their values through later collections, when the
// FinalizationRegistry callbacks of the dropped matrices run (a block freed twice would be
// handed out twice).
let keptIntact: boolean | null = null;
if (error === null) {
  const kept = Array.from({ length: 5 }, (_, k) => {
    const matrix = Matrix.alloc(1000, 1000);
    matrix.data.fill(k + 1);
    return matrix;
  });
  const v8 = await import('node:v8');
  const vm = await import('node:vm');
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  for (let round = 0; round < 3; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const later = Array.from({ length: 5 }, () => Matrix.alloc(1000, 1000));
  for (const matrix of later) matrix.data.fill(-1);
  keptIntact = kept.every((matrix, k) => matrix.data.every((v) => v === k + 1));
}

console.log(JSON.stringify({ allocated, error, memoryBytes: core.memory.buffer.byteLength, seconds, keptIntact }));
