import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RELAXED_SIMD_FLAGS } from './relaxed-flags.js';

// The relaxed-SIMD core is opted into in a child process (Node 20 validates relaxed SIMD
// only behind a V8 flag), as in relaxed-simd.test.ts.

/** Runs `body` (ES module code with LogisticRegression, Matrix and makeClassification in scope) in a child Node process; returns its stdout parsed as JSON. */
function inChild(body: string): unknown {
  const script = `
    import { LogisticRegression, Matrix, makeClassification } from './src/index.ts';
    import './src/relaxed-simd/index.ts';
    ${body}
  `;
  const child = spawnSync(process.execPath, [...RELAXED_SIMD_FLAGS, '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('..', import.meta.url),
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout);
}

describe("A float32 Matrix with simd 'relaxed'", () => {
  it("trains to the same bits as a relaxed float32 fit of the same numbers given as rows", () => {
    const result = inChild(`
      const { X: X64, y } = makeClassification({ nSamples: 2000, nFeatures: 9, randomState: 6 });
      const X = Matrix.alloc(2000, 9, { dtype: 'float32' });
      X.data.set(X64.data);
      const fit = (data) => {
        const model = new LogisticRegression({ simd: 'relaxed', dtype: 'float32', tol: 1e-8, onWarning: null }).fit(data, y);
        return [...model.coef.data, ...model.intercept];
      };
      console.log(JSON.stringify({ inPlace: fit(X), rows: fit(X.toArray()) }));
    `) as { inPlace: number[]; rows: number[] };
    expect(result.inPlace).toEqual(result.rows);
  });
});
