/**
 * The bundles keep the names written in the source (esbuild's keepNames): without it
 * dist/index.js declares `var Matrix = class _Matrix`, and console.log printed a model as
 * `_LogisticRegression { … }` (and a matrix as `_Matrix { … }` before it had a printed form
 * of its own).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const BUNDLE = join(ROOT, 'dist/index.js');

/** Runs `script` in a fresh Node with `lib` bound to dist/index.js; returns what it prints. */
function inNode(script: string): string {
  const source = `const lib = await import(${JSON.stringify(pathToFileURL(BUNDLE).href)});\n${script}`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8' });
}

beforeAll(() => {
  if (!existsSync(BUNDLE)) execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ROOT });
});

describe('dist/index.js', () => {
  it('prints a fitted model and a scaler under their own class names', () => {
    const printed = inNode(`
      const { X, y } = lib.makeClassification({ nSamples: 50, nFeatures: 2, nRedundant: 0, randomState: 0 });
      console.log(new lib.LogisticRegression().fit(X, y));
      console.log(new lib.StandardScaler());
    `);
    expect(printed).toMatch(/^LogisticRegression \{/);
    expect(printed).toMatch(/^StandardScaler \{/m);
    expect(printed).not.toMatch(/\b_[A-Z]\w+ \{/);
  });

  it('gives every exported class and function the name it is exported as', () => {
    const mismatched = JSON.parse(
      inNode(`
        const wrong = Object.entries(lib).filter(([key, value]) => typeof value === 'function' && value.name !== key);
        console.log(JSON.stringify(wrong.map(([key, value]) => key + ' is named ' + value.name)));
      `),
    ) as string[];
    expect(mismatched).toEqual([]);
  });
});
