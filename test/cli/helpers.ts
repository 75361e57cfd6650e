import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
