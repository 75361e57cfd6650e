/**
 * `npm run bench -- --quick` is a smoke run (800×2, 50 steps, no warm-up): it must run every
 * row end to end, but its numbers mean nothing, so it must not judge the performance
 * targets on them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

let scratch: string;
let run: { status: number | null; stdout: string; stderr: string };
let json: { mode: string; targets: unknown[]; shapes: { rows: number; cols: number }[] };

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'logreg-wasm-bench-'));
  const file = join(scratch, 'quick.json');
  run = spawnSync(process.execPath, ['bench/launch.mjs', '--quick', '--json', file], { cwd: ROOT, encoding: 'utf8' });
  json = JSON.parse(readFileSync(file, 'utf8'));
}, 300_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('bench --quick', () => {
  it('runs to the end and exits 0', () => {
    expect(run.stderr).not.toMatch(/^bench:/m);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Total bench time');
  });

  it('prints no targets table and no verdicts, and says the targets are not judged', () => {
    expect(run.stdout).not.toContain('## Targets');
    expect(run.stdout).not.toMatch(/\|\s*(yes|NO|not run)\s*\|/);
    expect(run.stdout).toContain('Targets: not judged in a smoke run');
  });

  it('writes no targets to its JSON results', () => {
    expect(json.mode).toBe('quick');
    expect(json.shapes.map((s) => `${s.rows}×${s.cols}`)).toEqual(['800×2']);
    expect(json.targets).toEqual([]);
  });

  it('names no issue numbers in its output', () => {
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/issue\s*#?\d/i);
  });
});
