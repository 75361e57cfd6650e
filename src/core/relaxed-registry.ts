/**
 * Where the opt-in relaxed-SIMD build registers: `logreg-wasm/relaxed-simd` hands its bytes
 * here and runtime.ts instantiates them on first use. A module of its own, so that the
 * public declarations of these two functions need no WebAssembly types.
 * @module
 */

let relaxedBytes: (() => Uint8Array) | null = null;
/** Whether this engine validates the relaxed build; null until asked. */
let relaxedValid: boolean | null = null;

/**
 * Makes the relaxed-SIMD build available to `simd: 'relaxed'`. Called by the
 * `logreg-wasm/relaxed-simd` entry; applications import that entry rather than call this.
 * @param bytes returns the build's bytes (called at most twice).
 */
export function registerRelaxedSimd(bytes: () => Uint8Array): void {
  relaxedBytes ??= bytes;
}

/**
 * True when `logreg-wasm/relaxed-simd` was imported and this engine accepts relaxed SIMD
 * (checked once with `WebAssembly.validate`), so `simd: 'relaxed'` can train.
 * @example
 * ```ts
 * import 'logreg-wasm/relaxed-simd';
 * const simd = relaxedSimdAvailable() ? 'relaxed' : 'standard';
 * ```
 */
export function relaxedSimdAvailable(): boolean {
  if (relaxedBytes === null) return false;
  relaxedValid ??= WebAssembly.validate(relaxedBytes() as BufferSource);
  return relaxedValid;
}

/** The registered build's bytes, or null when the entry was not imported. */
export function registeredRelaxedBytes(): (() => Uint8Array) | null {
  return relaxedBytes;
}
