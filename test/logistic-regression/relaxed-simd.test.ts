import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LogisticRegression, makeClassification, relaxedSimdAvailable } from '../../src/index.js';
import { inRelaxedChild } from '../relaxed-child.js';

// This file never imports the relaxed-simd entry (vitest gives each file its own modules),
// so it sees the library as an application that did not opt in. The opted-in behaviour is
// checked in child processes: Node 20 validates relaxed SIMD only behind a V8 flag.

const data = makeClassification({ nSamples: 3000, nFeatures: 12, nInformative: 6, randomState: 11 });

describe("LogisticRegression with simd 'relaxed'", () => {

  it('tells an application that did not import logreg-wasm/relaxed-simd what to import, and the model stays usable', () => {
    expect(relaxedSimdAvailable()).toBe(false);
    const model = new LogisticRegression({ simd: 'relaxed' });
    expect(() => model.fit(data.X, data.y)).toThrow(/import 'logreg-wasm\/relaxed-simd' once before fitting/);
    expect(() => model.predict(data.X)).toThrow(/not fitted/i);
  });

  it('says that the engine lacks relaxed SIMD when Node runs without the flag', () => {
    const result = inRelaxedChild(
      `
      let message = null;
      try { new LogisticRegression({ simd: 'relaxed' }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]); } catch (e) { message = e.message; }
      console.log(JSON.stringify({ available: relaxedSimdAvailable(), message }));
      `,
      [],
    ) as { available: boolean; message: string | null };
    // Engines that ship relaxed SIMD without a flag (Node 22+) train instead.
    if (WebAssembly.validate(new Uint8Array(readFileSync(new URL('../../build/logreg-relaxed.wasm', import.meta.url))))) {
      expect(result).toEqual({ available: true, message: null });
    } else {
      expect(result.available).toBe(false);
      expect(result.message).toMatch(/does not support relaxed SIMD .*--experimental-wasm-relaxed-simd/);
    }
  });

  it('trains to the same optimum as the standard core, reproducibly on one host, and predicts alike', () => {
    const result = inRelaxedChild(
      `
      const { X, y } = makeClassification({ nSamples: 3000, nFeatures: 12, nInformative: 6, randomState: 11 });
      const out = { available: relaxedSimdAvailable() };
      for (const solver of ['lbfgs', 'newton', 'gd', 'owlqn']) {
        const options = { solver, tol: 1e-10, maxIter: solver === 'gd' ? 300 : 500, penalty: solver === 'owlqn' ? 'l1' : 'l2', learningRate: 0.5, onWarning: null };
        const fit = (simd, dtype = 'float64') => new LogisticRegression({ ...options, simd, dtype }).fit(X, y);
        const standard = fit('standard'), relaxed = fit('relaxed'), again = fit('relaxed');
        const expected = standard.predict(X);
        out[solver] = {
          standard: [...standard.coef.data, ...standard.intercept],
          relaxed: [...relaxed.coef.data, ...relaxed.intercept],
          again: [...again.coef.data, ...again.intercept],
          samePredictions: relaxed.predict(X).every((label, i) => label === expected[i]),
        };
      }
      const f32 = (simd) => new LogisticRegression({ tol: 1e-10, maxIter: 500, simd, dtype: 'float32', onWarning: null }).fit(X, y);
      out.float32 = { standard: [...f32('standard').coef.data], relaxed: [...f32('relaxed').coef.data] };
      console.log(JSON.stringify(out));
      `,
    ) as Record<string, { standard: number[]; relaxed: number[]; again?: number[]; samePredictions?: boolean }> & { available: boolean };
    expect(result.available).toBe(true);
    const relative = (a: number[], b: number[]): number =>
      Math.max(...a.map((v, j) => Math.abs(v - b[j]!))) / Math.max(...b.map(Math.abs));
    for (const solver of ['lbfgs', 'newton', 'gd', 'owlqn']) {
      const { standard, relaxed, again, samePredictions } = result[solver]!;
      expect(relative(relaxed, standard), solver).toBeLessThan(1e-7);
      expect(again, solver).toEqual(relaxed);
      expect(samePredictions, solver).toBe(true);
    }
    expect(relative(result['float32']!.relaxed, result['float32']!.standard)).toBeLessThan(1e-4);
    // Where the CPU fuses multiply-adds, the relaxed core rounds differently: proof it ran.
    if (/\bfma\b/.test(cpuFlags())) expect(result['lbfgs']!.relaxed).not.toEqual(result['lbfgs']!.standard);
  });
});

/** The CPU feature flags on Linux, else ''. */
function cpuFlags(): string {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1] ?? '';
  } catch {
    return '';
  }
}
