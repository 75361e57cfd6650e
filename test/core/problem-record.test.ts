import { describe, expect, it } from 'vitest';
import { LogisticRegression, makeClassification } from '../../src/index.js';
import { exported, problemRecord } from '../../src/core/problem.js';
import { core, defaultCore } from '../../src/core/runtime.js';
import { STATUS } from '../../src/core/solve.js';

const INPUTS = ['X', 'LAYOUT', 'Y', 'WEIGHTS', 'ROWS', 'COLS', 'BLOCKS', 'FIT_INTERCEPT', 'WORK', 'WEIGHT_SUM', 'L2', 'L1'] as const;

describe('the problem record (assembly/objective/record.ts, src/core/problem.ts)', () => {
  it('exports one offset per input field, inside the inputs, not overlapping, aligned to its type (u32 below PROBLEM_REALS, f64 from it)', () => {
    const reals = exported(core, 'PROBLEM_REALS');
    const end = exported(core, 'PROBLEM_INPUTS_END');
    const ranges = INPUTS.map((name) => exported(core, `PROBLEM_${name}`))
      .map((offset) => [offset, offset + (offset >= reals ? 8 : 4)] as const)
      .sort((a, b) => a[0] - b[0]);
    for (const [start, stop] of ranges) {
      expect(start % (stop - start)).toBe(0);
      expect(stop).toBeLessThanOrEqual(end);
    }
    for (let k = 1; k < ranges.length; k++) expect(ranges[k]![0]).toBeGreaterThanOrEqual(ranges[k - 1]![1]);
    expect(ranges.filter(([start]) => start >= reals)).toHaveLength(3);
  });

  it('is one record per core, at an address the core reports', () => {
    expect(problemRecord(defaultCore)).toBe(problemRecord(defaultCore));
    expect(core.problemAddress()).toBeGreaterThan(0);
  });

  it('takes its status codes from the core', () => {
    expect(STATUS).toEqual({
      maxIter: exported(core, 'STATUS_MAX_ITER'),
      converged: exported(core, 'STATUS_CONVERGED'),
      stopped: exported(core, 'STATUS_STOPPED'),
      lineSearchFailed: exported(core, 'STATUS_LINE_SEARCH_FAILED'),
    });
    expect(new Set(Object.values(STATUS)).size).toBe(4);
  });
});

describe('workLength(solver)', () => {
  const lengthFor = (solver: string, rows: number, cols: number, blocks: number, dtype: 'float64' | 'float32' = 'float64'): number => {
    problemRecord(defaultCore).write({ x: 0, dtype, sparse: null, y: 0, weights: 0, rows, cols, blocks, fitIntercept: true, weightSum: rows, l2: 0, l1: 0 });
    return core.workLength(exported(core, solver));
  };

  it("grows with the rows for newton-cd (its per-row u and m) by more than for lbfgs (only the chunk slots)", () => {
    const cd = lengthFor('SOLVER_NEWTON_CD', 100_000, 5, 1) - lengthFor('SOLVER_NEWTON_CD', 50_000, 5, 1);
    const lbfgs = lengthFor('SOLVER_LBFGS', 100_000, 5, 1) - lengthFor('SOLVER_LBFGS', 50_000, 5, 1);
    expect(cd).toBeGreaterThanOrEqual(50_000 * 3);
    expect(lbfgs).toBeLessThan(50_000);
  });

  it('adds room for the float32 weights when X is float32', () => {
    expect(lengthFor('SOLVER_LBFGS', 1000, 40, 1, 'float32')).toBeGreaterThan(lengthFor('SOLVER_LBFGS', 1000, 40, 1, 'float64'));
  });

  it('is an allocation size beyond int32 when the problem is that large (the host refuses it, nothing wraps around)', () => {
    expect(lengthFor('SOLVER_NEWTON_CD', 2 ** 30, 1, 3)).toBeGreaterThan(2 ** 32);
  });

  it('leaves fits through the record unchanged after a direct write (each solve writes every input)', () => {
    const { X, y } = makeClassification({ nSamples: 300, nFeatures: 4, randomState: 2 });
    const before = new LogisticRegression().fit(X, y).coef.data.slice();
    lengthFor('SOLVER_SGD', 7, 3, 5, 'float32');
    expect(new LogisticRegression().fit(X, y).coef.data).toEqual(before);
  });
});
