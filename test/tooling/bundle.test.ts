/**
 * The bundles keep the names written in the source (esbuild's keepNames): without it
 * dist/index.js declares `var Matrix = class _Matrix`, and console.log of a model's `coef`
 * printed `_Matrix { … }`.
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
  it("prints a model's coefficients as a Matrix, by the class's own name", () => {
    const printed = inNode(`
      const { X, y } = lib.makeClassification({ nSamples: 50, nFeatures: 2, nRedundant: 0, randomState: 0 });
      console.log(new lib.LogisticRegression().fit(X, y).coef);
    `);
    expect(printed).toMatch(/^Matrix \{/);
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
