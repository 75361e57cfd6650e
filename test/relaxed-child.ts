import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';

/**
 * The options a child Node needs for relaxed SIMD: Node 20 validates it only behind this V8
 * flag; a Node that has dropped the flag (relaxed SIMD on by default) gets none.
 */
export const RELAXED_SIMD_FLAGS: readonly string[] =
  spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '-e', '0'], { stdio: 'ignore' }).status === 0
    ? ['--experimental-wasm-relaxed-simd']
    : [];

/**
 * Runs `body` (ES module code with LogisticRegression, Matrix, makeClassification and
 * relaxedSimdAvailable in scope, after `import 'logreg-wasm/relaxed-simd'`) in a child Node
 * started with `flags`; expects it to exit cleanly and returns its stdout parsed as JSON.
 * A child process, because a test file that imports the relaxed entry would opt every test
 * in it in, and Node 20 needs a flag for relaxed SIMD.
 */
export function inRelaxedChild(body: string, flags: readonly string[] = RELAXED_SIMD_FLAGS): unknown {
  const script = `
    import { LogisticRegression, Matrix, makeClassification, relaxedSimdAvailable } from './src/index.ts';
    import './src/relaxed-simd/index.ts';
    ${body}
  `;
  const child = spawnSync(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('..', import.meta.url),
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout);
}
