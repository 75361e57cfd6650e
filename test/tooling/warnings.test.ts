/**
 * Commands a developer runs all day print no warnings of their own: npm finds no unknown
 * setting in the project's configuration, and asc compiles the cores without binaryen's
 * "Last converge was suboptimal." (asconfig.json's converge option, whose last round grew the
 * module and emitted the larger one).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

describe('warnings printed on every command', () => {
  it('npm reads the project configuration without a warning', () => {
    const r = spawnSync('npm', ['pkg', 'get', 'name'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/npm warn/i);
  });

  it('asc compiles a core without "Last converge was suboptimal."', () => {
    const asc = join(ROOT, 'node_modules/assemblyscript/bin/asc.js');
    const r = spawnSync(process.execPath, [asc, 'assembly/index.ts', '--config', 'asconfig.json', '--target', 'release', '--noEmit'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toContain('converge');
  }, 120_000);
});
