/**
 * What a fit allocates for a float32 Matrix, seen through the default core's allocator:
 * every `allocF64` call on it (staging, training, prediction) is recorded.
 */
import { describe, expect, it, vi } from 'vitest';
import { LogisticRegression, Matrix, makeClassification } from '../src/index.js';
import { defaultCore } from '../src/core/runtime.js';

/** The float64 lengths the default core's `allocF64` was asked for while `run` ran. */
function allocations(run: () => void): number[] {
  const spy = vi.spyOn(defaultCore, 'allocF64');
  try {
    run();
    return spy.mock.calls.map(([length]) => length);
  } finally {
    spy.mockRestore();
  }
}

const rows = 20_000;
const cols = 16;
const data = makeClassification({ nSamples: rows, nFeatures: cols, randomState: 4 });
const quiet = { onWarning: null, threads: 1, maxIter: 5 } as const;

describe('A float32 Matrix in WebAssembly memory', () => {
  it("is read in place by a dtype 'float32' fit: no block of its size or larger is allocated", () => {
    const X = Matrix.alloc(rows, cols, { dtype: 'float32' });
    X.data.set(data.X.data);
    try {
      const model = new LogisticRegression({ ...quiet, dtype: 'float32' });
      const lengths = allocations(() => model.fit(X, data.y));
      model.dispose();
      expect(lengths.length).toBeGreaterThan(0); // the recording works
      // Only O(n + d) blocks: the largest is far below the n·d/2 float64 slots of a float32 copy.
      expect(Math.max(...lengths)).toBeLessThan((rows * cols) / 8);
    } finally {
      X.dispose();
    }
  });

  it("is copied by a dtype 'float32' fit when it is float64 (the path the float32 Matrix avoids)", () => {
    const X = Matrix.alloc(rows, cols);
    X.data.set(data.X.data);
    try {
      const model = new LogisticRegression({ ...quiet, dtype: 'float32' });
      const lengths = allocations(() => model.fit(X, data.y));
      model.dispose();
      expect(lengths).toContain((rows * cols) / 2);
    } finally {
      X.dispose();
    }
  });

  it('is widened into exactly one float64 block of n·d values by a float64 fit and by predict', () => {
    const X = Matrix.alloc(rows, cols, { dtype: 'float32' });
    X.data.set(data.X.data);
    try {
      const model = new LogisticRegression(quiet);
      const fitLengths = allocations(() => model.fit(X, data.y));
      const predictLengths = allocations(() => model.predictProba(X));
      model.dispose();
      for (const lengths of [fitLengths, predictLengths]) {
        expect(lengths.filter((n) => n >= (rows * cols) / 8)).toEqual([rows * cols]);
      }
    } finally {
      X.dispose();
    }
  });
});
