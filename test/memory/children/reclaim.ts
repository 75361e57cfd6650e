/**
 * Child process of reclaim.test.ts: `reclaim.ts <count> <headroom MiB | full> [no-gc]`
 * fills the WebAssembly memory up to `headroom` MiB below its 4 GiB limit with one live
 * block whose pages are never written (cheap), unless `full`; then allocates `count`
 * Matrix.alloc(1000, 1000) matrices (8 MB each) in one synchronous loop, writes one value
 * into each and drops it without dispose(). With `no-gc` it first hides
 * `process.getBuiltinModule`, as a browser offers no garbage collector to start. Prints how
 * many allocations succeeded, the first error, the memory size, the time and whether
 * matrices allocated afterwards survive later collections intact, as JSON.
 */
import { Matrix } from '../../../src/index.js';
import { core } from '../../../src/wasm/runtime.js';

const [countText, headroom, mode] = process.argv.slice(2) as [string, string, string | undefined];
const count = Number(countText);
if (mode === 'no-gc') Object.defineProperty(process, 'getBuiltinModule', { value: undefined });

if (headroom !== 'full') {
  const filler = 2 ** 32 - core.memory.buffer.byteLength - Number(headroom) * 2 ** 20;
  if (core.alloc(filler) === 0) throw new Error(`could not allocate a filler of ${filler} bytes`);
}

const started = performance.now();
let allocated = 0;
let error: { name: string; message: string } | null = null;
try {
  for (; allocated < count; allocated++) Matrix.alloc(1000, 1000).data[999_999] = allocated;
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
