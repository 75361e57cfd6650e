/**
 * `npm pack` (and so `npm publish`) from a fresh clone, where nothing is built yet: the
 * prepack script builds first, so the package holds the bundles, the types and the command
 * rather than only package.json and the README. The clone is a scratch copy of the sources
 * the build reads, with no build/, no dist/ and no generated wasm modules.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What a clone has that the build reads. */
const SOURCES = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'asconfig.json', 'README.md', 'bin', 'scripts', 'tools', 'src', 'assembly'];
const GENERATED = ['src/core/bytes.generated.ts', 'src/core/relaxed-bytes.generated.ts'];

let clone: string;
let files: string[];

beforeAll(async () => {
  clone = mkdtempSync(join(tmpdir(), 'logreg-wasm-prepack-'));
  for (const entry of SOURCES) cpSync(join(ROOT, entry), join(clone, entry), { recursive: true });
  for (const file of GENERATED) rmSync(join(clone, file), { force: true });
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
  // `npm run --ignore-scripts test:consumers` (as CI runs it) passes npm_config_ignore_scripts
  // to this process; the pack here must run its prepack script.
  const env = { ...process.env, npm_config_ignore_scripts: 'false', npm_config_update_notifier: 'false' };
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json'], { cwd: clone, env, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
  files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
}, 600_000);
afterAll(() => {
  if (clone !== undefined) rmSync(clone, { recursive: true, force: true });
});

describe('npm pack in a clone with nothing built', () => {
  it('builds first: the package holds the library, worker and relaxed-SIMD bundles with their types', () => {
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/worker/index.js', 'dist/worker/node.js', 'dist/relaxed-simd/index.js']) {
      expect(files).toContain(file);
    }
  });

  it('holds the command: the launcher and the bundled CLI it runs', () => {
    expect(files).toContain('bin/logreg-wasm.js');
    expect(files).toContain('dist/cli.js');
  });

  it('holds no sources, tests or wasm build files', () => {
    expect(files.filter((f) => /^(src|assembly|test|build|scripts|tools)\//.test(f) || f.endsWith('.wasm'))).toEqual([]);
  });

  it('leaves the built wasm cores in the clone, so a later build there compiles nothing', () => {
    expect(existsSync(join(clone, 'build/wasm-inputs.json'))).toBe(true);
  });
});
