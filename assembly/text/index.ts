// Entry point of the CSV core: the CLI's fast path for reading numeric CSV
// (src/core/csv-numbers.ts), a module of its own so the library's cores, which every
// browser page loads, do not carry its table of powers of ten.

export { CSV_STOP_END, CSV_STOP_FULL, CSV_STOP_LINE, csvLinesRead, csvNumbers, csvStopOffset, csvStopReason } from './csv-numbers';

/** Allocates `bytes` bytes, 16-byte aligned; 0 when memory cannot grow. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** Frees a block from {@link alloc}. */
export function free(ptr: usize): void {
  heap.free(ptr);
}
