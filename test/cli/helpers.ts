import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { run } from '../../src/cli/main.js';

/** The committed real dataset (tools/make_cli_fixtures.py). */
export const BREAST_CANCER = join(import.meta.dirname, '../fixtures/cli/breast-cancer.csv');
export const REFERENCE_FILE = join(import.meta.dirname, '../fixtures/cli/breast-cancer.reference.json');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in process, capturing its output; `tty` makes stderr look like a terminal. */
export async function cli(args: string[], options: { tty?: boolean } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false },
  });
  return { code, stdout, stderr };
}

/** A fresh temporary directory; `file(name, text)` writes into it; `files()` lists it. */
export function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'logreg-cli-'));
  return {
    dir,
    path: (name: string) => join(dir, name),
    file(name: string, text: string | Uint8Array): string {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
    files: () => readdirSync(dir).sort(),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A failed run: `code` (1 bad input, 2 bad usage), nothing on stdout, `message` as stderr's first line. */
export function expectFailure(r: CliResult, message: string, code = 1): void {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n')[0]).toBe(`logreg-wasm: ${message}`);
}

/** Entry by entry, |actual − expected| ≤ 1e-6 · max(1, |expected|): the bound a fit to tol 1e-10 meets against scikit-learn's optimum. */
export function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - (expected[i] as number))).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected[i] as number))));
}
