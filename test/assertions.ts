import { expect } from 'vitest';

/** |actual − expected| ≤ 1e-12 · |expected| (exact equality when expected is 0). */
export function expectClose(actual: number, expected: number): void {
  if (actual === expected) return;
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
}

/** `run` throws an error of class `kind` with exactly `message`. */
export function expectError(run: () => unknown, kind: ErrorConstructor, message: string): void {
  expect(run).toThrow(kind);
  expect(run).toThrow(new kind(message));
}
