/**
 * The sparse memory probe: in a process of its own, reads a cached set, copies it into a
 * float64 CsrMatrix in WebAssembly memory and fits it, counting every block the core's
 * allocator hands out and takes back (its `alloc`/`free` exports, through which every
 * allocation of the library passes), so the peak of the bytes held at once is exact.
 * Prints, as JSON: the bytes held before X, after X, at the peak, the core's memory size
 * before and after (WebAssembly memory only grows, and the allocator grows it by at least
 * its current size when a block does not fit, so the size says less than the count), and
 * the CSR bytes.
 *
 *   node --import tsx bench/sparse/memory-probe.ts SPEC_JSON SOLVER TOL THREADS
 * @module
 */
import { defaultCore } from '../../src/core/runtime.js';
import { cachedSet } from './cache.js';
import { csrBytes } from './generate.js';
import { fitOurs, oursOptions, toCsrMatrix } from './ours.js';

const [specArg, solver, tolArg, threadsArg] = process.argv.slice(2);
if (specArg === undefined || (solver !== 'lbfgs' && solver !== 'newton') || tolArg === undefined || threadsArg === undefined) {
  console.error('usage: memory-probe.ts SPEC_JSON lbfgs|newton TOL THREADS');
  process.exit(2);
}

// Count the allocator's blocks: bytes held now and at the peak.
const exports = defaultCore.exports as unknown as { alloc(bytes: number): number; free(ptr: number): void };
const { alloc, free } = exports;
const sizes = new Map<number, number>();
let held = 0;
let peak = 0;
exports.alloc = (bytes: number): number => {
  const ptr = alloc(bytes);
  if (ptr !== 0) {
    sizes.set(ptr, bytes);
    held += bytes;
    peak = Math.max(peak, held);
  }
  return ptr;
};
exports.free = (ptr: number): void => {
  held -= sizes.get(ptr) ?? 0;
  sizes.delete(ptr);
  free(ptr);
};

const memoryBytes = (): number => defaultCore.exports.memory.buffer.byteLength;
const { data } = cachedSet(JSON.parse(specArg));
const before = held;
const memoryBefore = memoryBytes();
peak = held;
const X = toCsrMatrix(data);
const withX = held;
fitOurs(X, data.y, oursOptions(1, { solver, tol: Number(tolArg), threads: Number(threadsArg), maxIter: 10_000 }));
const memoryAfter = memoryBytes();
X.dispose();
console.log(JSON.stringify({ before, withX, peak, memoryBefore, memoryAfter, csrBytes: csrBytes(data) }));
process.exit(0);
