import { core } from '../src/core/runtime.js';

/** Size of the core's linear memory in bytes (grows, never shrinks). */
export function runtimeMemoryBytes(): number {
  return core.memory.buffer.byteLength;
}
