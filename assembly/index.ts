// Entry point of the WebAssembly core. Kernels take byte offsets and lengths; all input
// checking happens in TypeScript before they are called.

export { decisionFunction, sigmoidInPlace } from './kernels/linear';
export { gradientDescent } from './solvers/gradient-descent';
export { firstNonFinite } from './kernels/finite';

/** Allocates `bytes` bytes, 16-byte aligned, from the runtime's allocator (above the static data). */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** Returns a block from {@link alloc}. */
export function free(ptr: usize): void {
  heap.free(ptr);
}
