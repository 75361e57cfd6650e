/**
 * scripts/build-wasm.mjs: `--if-changed` (the pre-step of npm start, test, bench, demo and
 * build) compiles the wasm cores only when an input changed; without it (npm run
 * build:wasm) it always compiles. Each test runs the real script and embedder in a scratch
 * copy of the repository's build inputs whose `asc` is a stand-in that writes a small file
 * per target and logs the call, so no test compiles AssemblyScript.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** Stands in for asc: writes the target's outFile from the source text; fails on 'compile error'. */
const FAKE_ASC = `
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
const args = process.argv.slice(2);
const target = args[args.indexOf('--target') + 1];
const config = JSON.parse(readFileSync(args[args.indexOf('--config') + 1], 'utf8'));
const source = readFileSync(args[0], 'utf8');
appendFileSync('asc-calls.log', target + '\\n');
if (source.includes('compile error')) { console.error('ERROR: compile error'); process.exit(1); }
mkdirSync('build', { recursive: true });
writeFileSync(config.targets[target].outFile, target + ':' + source);
`;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logreg-wasm-build-'));
  for (const sub of ['scripts', 'tools', 'assembly/kernels', 'assembly/text', 'src/core', 'node_modules/assemblyscript/bin']) {
    mkdirSync(join(dir, sub), { recursive: true });
  }
  for (const file of ['scripts/build-wasm.mjs', 'scripts/embed-wasm.mjs', 'asconfig.json']) copyFileSync(join(ROOT, file), join(dir, file));
  writeFileSync(join(dir, 'assembly/index.ts'), 'export function f(): f64 { return 1; }\n');
  writeFileSync(join(dir, 'assembly/kernels/k.ts'), 'export const k: i32 = 1;\n');
  writeFileSync(join(dir, 'assembly/text/index.ts'), 'export function g(): f64 { return 2; }\n');
  writeFileSync(join(dir, 'node_modules/assemblyscript/package.json'), JSON.stringify({ version: '0.28.20', type: 'module' }));
  writeFileSync(join(dir, 'node_modules/assemblyscript/bin/asc.js'), FAKE_ASC);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the script; returns its exit status, output and the asc targets it compiled. */
function build(...args: string[]): { status: number | null; output: string; compiled: string[] } {
  const log = join(dir, 'asc-calls.log');
  rmSync(log, { force: true });
  const r = spawnSync(process.execPath, ['scripts/build-wasm.mjs', ...args], { cwd: dir, encoding: 'utf8' });
  const compiled = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  return { status: r.status, output: r.stdout + r.stderr, compiled };
}

/** The three library cores, then the CLI's CSV core (assembly/text/index.ts). */
const ALL = ['release', 'threads', 'relaxed', 'csv'];

describe('build-wasm --if-changed', () => {
  it('builds the four cores and embeds them when nothing was built before (a fresh clone)', () => {
    const r = build('--if-changed');
    expect(r.status).toBe(0);
    expect(r.compiled).toEqual(ALL);
    expect(readFileSync(join(dir, 'src/core/bytes.generated.ts'), 'utf8')).toContain(Buffer.from('release:').toString('base64').slice(0, 8));
    expect(existsSync(join(dir, 'src/core/relaxed-bytes.generated.ts'))).toBe(true);
    expect(readFileSync(join(dir, 'src/core/csv-bytes.generated.ts'), 'utf8')).toContain(Buffer.from('csv:export').toString('base64').slice(0, 12));
  });

  it('compiles nothing and says the cores are up to date when no input changed', () => {
    build('--if-changed');
    const r = build('--if-changed');
    expect(r.status).toBe(0);
    expect(r.compiled).toEqual([]);
    expect(r.output).toContain('up to date');
  });

  it('rebuilds when a file under assembly/ changed', () => {
    build('--if-changed');
    writeFileSync(join(dir, 'assembly/kernels/k.ts'), 'export const k: i32 = 2;\n');
    expect(build('--if-changed').compiled).toEqual(ALL);
    expect(build('--if-changed').compiled).toEqual([]);
  });

  it('rebuilds when a file is added under assembly/', () => {
    build('--if-changed');
    writeFileSync(join(dir, 'assembly/kernels/new.ts'), 'export const n: i32 = 0;\n');
    expect(build('--if-changed').compiled).toEqual(ALL);
  });

  it('rebuilds when asconfig.json changed', () => {
    build('--if-changed');
    const config = JSON.parse(readFileSync(join(dir, 'asconfig.json'), 'utf8'));
    config.targets.release.shrinkLevel = 1;
    writeFileSync(join(dir, 'asconfig.json'), JSON.stringify(config));
    expect(build('--if-changed').compiled).toEqual(ALL);
  });

  it('rebuilds when the installed assemblyscript version changed', () => {
    build('--if-changed');
    writeFileSync(join(dir, 'node_modules/assemblyscript/package.json'), JSON.stringify({ version: '0.29.0', type: 'module' }));
    expect(build('--if-changed').compiled).toEqual(ALL);
  });

  it('rebuilds when a generated file was deleted', () => {
    build('--if-changed');
    rmSync(join(dir, 'src/core/bytes.generated.ts'));
    expect(build('--if-changed').compiled).toEqual(ALL);
    expect(existsSync(join(dir, 'src/core/bytes.generated.ts'))).toBe(true);
  });

  it('rebuilds when a core was rebuilt by hand since, so the embedded bytes match build/ again', () => {
    build('--if-changed');
    writeFileSync(join(dir, 'build/logreg-threads.wasm'), 'compiled by hand');
    expect(build('--if-changed').compiled).toEqual(ALL);
  });

  it('does not take a failed build as up to date', () => {
    build('--if-changed');
    writeFileSync(join(dir, 'assembly/index.ts'), '// compile error\n');
    const failed = build('--if-changed');
    expect(failed.status).not.toBe(0);
    expect(failed.output).toContain('failed');
    // The source is fixed back to what the last successful build compiled.
    writeFileSync(join(dir, 'assembly/index.ts'), 'export function f(): f64 { return 1; }\n');
    expect(build('--if-changed').compiled).toEqual(ALL);
  });
});

describe('build-wasm without --if-changed (npm run build:wasm)', () => {
  it('rebuilds every core even when nothing changed', () => {
    build('--if-changed');
    expect(build().compiled).toEqual(ALL);
  });

  it('records its build, so a following --if-changed compiles nothing', () => {
    build();
    expect(build('--if-changed').compiled).toEqual([]);
  });

  it('refuses an unknown argument with exit status 2', () => {
    const r = build('--force');
    expect(r.status).toBe(2);
    expect(r.output).toContain('unknown argument --force');
    expect(r.compiled).toEqual([]);
  });
});
