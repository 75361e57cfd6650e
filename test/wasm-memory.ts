import { vi } from 'vitest';
import { core, defaultCore } from '../src/core/runtime.js';

/** Size of the core's linear memory in bytes (grows, never shrinks). */
export function runtimeMemoryBytes(): number {
  return core.memory.buffer.byteLength;
}

/**
 * The first argument of every call to the default core's `allocF64` (lengths) or `free`
 * (byte offsets) while `run` ran.
 */
export function coreCallsDuring(method: 'allocF64' | 'free', run: () => void): number[] {
  const spy = vi.spyOn(defaultCore, method);
  try {
    run();
    return spy.mock.calls.map(([first]) => first);
  } finally {
    spy.mockRestore();
  }
}
