/**
 * The `logreg-wasm` command from a clone of the repository: the package's bin is the committed
 * launcher bin/logreg-wasm.js, which runs the bundled dist/cli.js. `npx` links a project's
 * own bin into its cache the first time it is asked for and never again, so the bin must
 * exist before the first build for `npx logreg-wasm` to work after it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
};

let dir: string;

/** A clone as it is before any build: package.json and the committed launcher, no dist/. */
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logreg-wasm-command-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  copyFileSync(join(ROOT, 'bin/logreg-wasm.js'), join(dir, 'bin/logreg-wasm.js'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `npx logreg-wasm <args>` in the scratch clone, with an npm cache of its own. */
function npx(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, npm_config_cache: join(dir, '.npm-cache'), npm_config_update_notifier: 'false' };
  return spawnSync('npx', ['--yes', 'logreg-wasm', ...args], { cwd: dir, env, encoding: 'utf8' });
}

/** Stands in for the bundled CLI: prints its arguments. */
function fakeBuild(): void {
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist/cli.js'), "console.log('cli ran with', process.argv.slice(2).join(' '));\n");
}

describe('the logreg-wasm command in a clone', () => {
  it('is a committed file that the published package includes', () => {
    const bin = pkg.bin['logreg-wasm'] as string;
    expect(existsSync(join(ROOT, bin))).toBe(true);
    expect(pkg.files).toContain(bin.replace(/^\.\//, ''));
  });

  it('says to build first and exits 1 under npx before the first build', () => {
    const r = npx('--help');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("dist/cli.js is missing; run 'npm run build' first");
  });

  it('runs the built CLI under npx after a first npx call that came before the build', () => {
    npx('--help');
    fakeBuild();
    const r = npx('train', 'data.csv');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('cli ran with train data.csv\n');
    expect(r.status).toBe(0);
  });

  it('runs the repository CLI bundle and passes on its exit status', () => {
    const cli = join(ROOT, 'dist/cli.js');
    if (!existsSync(cli)) execFileSync(process.execPath, ['scripts/bundle-cli.mjs'], { cwd: ROOT });
    const help = spawnSync(process.execPath, [join(ROOT, 'bin/logreg-wasm.js'), '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: logreg-wasm <command>');
    const missing = spawnSync(process.execPath, [join(ROOT, 'bin/logreg-wasm.js'), 'train', join(dir, 'no-such.csv'), '--target', 'y'], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
  });
});

describe('npm run cli (scripts/cli.mjs)', () => {
  /** scripts/cli.mjs in the scratch clone, with build steps that log to stdout and a CLI that prints its arguments. */
  function setUp(failingStep?: string): void {
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(join(ROOT, 'scripts/cli.mjs'), join(dir, 'scripts/cli.mjs'));
    for (const step of ['build-wasm.mjs', 'bundle.mjs', 'bundle-cli.mjs']) {
      const body =
        step === failingStep
          ? `console.log('${step} failed'); process.exit(1);`
          : step === 'bundle-cli.mjs'
            ? `import { mkdirSync, writeFileSync } from 'node:fs';
               mkdirSync('dist', { recursive: true });
               writeFileSync('dist/cli.js', "console.log('cli ran with', process.argv.slice(2).join(' ')); process.exitCode = process.argv.includes('bad') ? 3 : 0;");
               console.log('bundled dist/cli.js');`
            : `console.log('ran ${step}', process.argv.slice(2).join(' '));`;
      writeFileSync(join(dir, 'scripts', step), body);
    }
  }
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(dir, 'scripts/cli.mjs'), ...args], { cwd: dir, encoding: 'utf8' });

  it('builds the wasm only if changed, bundles, and runs the CLI with the arguments, its stdout the CLI\'s alone', () => {
    setUp();
    const r = cli('predict', 'model.json', 'data.csv');
    expect(r.stdout).toBe('cli ran with predict model.json data.csv\n');
    expect(r.stderr).toContain('ran build-wasm.mjs --if-changed');
    expect(r.stderr).toContain('bundled dist/cli.js');
    expect(r.status).toBe(0);
  });

  it("passes on the CLI's exit status", () => {
    setUp();
    expect(cli('bad').status).toBe(3);
  });

  it('stops with the failing build step\'s status and does not run the CLI', () => {
    setUp('bundle.mjs');
    const r = cli('--help');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'dist/cli.js'))).toBe(false);
  });
});
