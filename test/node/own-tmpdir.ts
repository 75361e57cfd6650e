import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { removeRowCachesNow } from '../../src/node/row-cache.js';

/**
 * Gives each test of the file a directory of its own that is also the temporary directory
 * (TMPDIR), so a temporary cache is seen there and none is left in the system's; after the
 * test, every row cache still open is removed and the directory deleted.
 * @returns the current test's directory.
 */
export function useOwnTmpdir(prefix: string): () => string {
  let dir = '';
  let saved: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = dir;
  });
  afterEach(() => {
    removeRowCachesNow();
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}
