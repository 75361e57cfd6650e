import { spawnSync } from 'node:child_process';

/**
 * The options a child Node needs for relaxed SIMD: Node 20 validates it only behind this V8
 * flag; a Node that has dropped the flag (relaxed SIMD on by default) gets none.
 */
export const RELAXED_SIMD_FLAGS: readonly string[] =
  spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '-e', '0'], { stdio: 'ignore' }).status === 0
    ? ['--experimental-wasm-relaxed-simd']
    : [];
