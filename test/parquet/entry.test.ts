/**
 * The bundled entry, dist/parquet/index.js: it imports the library from '../index.js' (one
 * Matrix class, one core) and hyparquet only when a file is read, so it loads where hyparquet
 * and node:fs are not installed or not available.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Files, writeFiles } from './files.js';

const ROOT = join(import.meta.dirname, '../..');
const ENTRY = join(ROOT, 'dist/parquet/index.js');

let files: Files;
beforeAll(async () => {
  if (!existsSync(ENTRY)) execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ROOT });
  files = await writeFiles();
});
afterAll(() => files.remove());

describe('dist/parquet/index.js', () => {
  it("imports nothing at load but the main entry: hyparquet, hyparquet-compressors and node:fs only when a file is read", () => {
    const source = readFileSync(ENTRY, 'utf8');
    const staticImports = [...new Set([...source.matchAll(/^import\s[^;]*?from\s*"([^"]+)"/gm)].map((match) => match[1]))];
    expect(staticImports).toEqual(['../index.js']);
    const dynamicImports = [...new Set([...source.matchAll(/\bimport\("([^"]+)"\)/g)].map((match) => match[1]))].sort();
    expect(dynamicImports).toEqual(['hyparquet', 'hyparquet-compressors', 'node:fs/promises', 'node:path']);
  });

  it("gives matrices of the main entry's Matrix class, in its core", () => {
    const script = `
      const lib = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/index.js')).href)});
      const parquet = await import(${JSON.stringify(pathToFileURL(ENTRY).href)});
      const { X, y } = await parquet.readParquetXy(${JSON.stringify(files.complete)}, { target: 'y' });
      const model = new lib.LogisticRegression().fit(X, y);
      console.log(JSON.stringify({ isMatrix: X instanceof lib.Matrix, rows: X.rows, classes: model.classes }));
    `;
    const printed = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT });
    expect(JSON.parse(printed)).toEqual({ isMatrix: true, rows: 5000, classes: ['no', 'yes'] });
  });
});
