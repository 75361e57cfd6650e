import { describe, expect, it } from 'vitest';
import { CsrMatrix, LogisticRegression, logisticRegressionPath, makeClassification } from '../../src/index.js';

const { X, y } = makeClassification({ nSamples: 200, nFeatures: 4, nRedundant: 0, randomState: 3 });
const three = makeClassification({ nSamples: 240, nFeatures: 4, nInformative: 3, nRedundant: 0, nClasses: 3, randomState: 4 });

/** Largest |a − b| / max(1, |b|) over the entries. */
function worst(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let most = 0;
  for (let i = 0; i < b.length; i++) most = Math.max(most, Math.abs((a[i] as number) - (b[i] as number)) / Math.max(1, Math.abs(b[i] as number)));
  return most;
}

describe('logisticRegressionPath(X, y, { Cs })', () => {
  it('visits numpy’s logspace(-4, 4, 10) by default, smallest C first', () => {
    const path = logisticRegressionPath(X, y);
    expect(worst(path.Cs, Array.from({ length: 10 }, (_, i) => 10 ** (-4 + (i * 8) / 9)))).toBeLessThan(1e-14);
    expect([path.coefs.length, path.nIter.length]).toEqual([10, 10]);
  });

  it('fits an explicit grid in the order given', () => {
    expect(Array.from(logisticRegressionPath(X, y, { Cs: [10, 0.1] }).Cs)).toEqual([10, 0.1]);
  });

  it.each(['l2', 'l1', 'elasticnet'] as const)('lands, C by C, on the cold fits’ optimum with penalty %s', (penalty) => {
    const l1Ratio = penalty === 'elasticnet' ? { l1Ratio: 0.5 } : {};
    const path = logisticRegressionPath(X, y, { Cs: 5, penalty, tol: 1e-10, ...l1Ratio });
    path.Cs.forEach((C, i) => {
      const cold = new LogisticRegression({ C, penalty, tol: 1e-10, ...l1Ratio }).fit(X, y);
      expect(worst(path.coefs[i]!.row(0), [...cold.coef.row(0), cold.intercept[0]!])).toBeLessThan(1e-7);
    });
  });

  it('gives one row per class for a softmax model, as coef and intercept', () => {
    const path = logisticRegressionPath(three.X, three.y, { Cs: [1], tol: 1e-10 });
    const cold = new LogisticRegression({ C: 1, tol: 1e-10 }).fit(three.X, three.y);
    expect([path.coefs[0]!.rows, path.coefs[0]!.cols, path.classes]).toEqual([3, 5, [0, 1, 2]]);
    for (let k = 0; k < 3; k++) expect(worst(path.coefs[0]!.row(k), [...cold.coef.row(k), cold.intercept[k]!])).toBeLessThan(1e-7);
  });

  it('warm starts: the path takes fewer iterations than the same fits started cold', () => {
    const path = logisticRegressionPath(X, y, { Cs: 10, tol: 1e-8 });
    const cold = Array.from(path.Cs, (C) => new LogisticRegression({ C, tol: 1e-8 }).fit(X, y).nIter);
    expect(path.nIter.reduce((a, b) => a + b, 0)).toBeLessThan(cold.reduce((a, b) => a + b, 0));
  });

  it('reads a CsrMatrix as the dense rows it holds', () => {
    const dense = logisticRegressionPath(X, y, { Cs: 3, tol: 1e-10 });
    const rows = X.toArray().map((row) => Object.fromEntries(row.map((v, j) => [j, v])));
    const sparse = logisticRegressionPath(CsrMatrix.fromRows(rows, { cols: 4 }), y, { Cs: 3, tol: 1e-10 });
    dense.coefs.forEach((coef, i) => expect(worst(sparse.coefs[i]!.data, coef.data)).toBeLessThan(1e-8));
  });

  it('puts a 0 intercept in the last column without fitIntercept', () => {
    const path = logisticRegressionPath(X, y, { Cs: 2, fitIntercept: false });
    expect(path.coefs.map((c) => c.get(0, 4))).toEqual([0, 0]);
  });
});

describe('logisticRegressionPath(X, y, options): bad input', () => {
  it('rejects an empty grid', () => {
    expect(() => logisticRegressionPath(X, y, { Cs: [] })).toThrow(new RangeError('logisticRegressionPath: Cs must hold at least one value, got an empty array'));
  });

  it('rejects a C that is not positive, naming it', () => {
    expect(() => logisticRegressionPath(X, y, { Cs: [1, 0] })).toThrow(new RangeError('logisticRegressionPath: Cs[1] must be a finite number > 0, got 0'));
  });

  it('rejects a count of 0', () => {
    expect(() => logisticRegressionPath(X, y, { Cs: 0 })).toThrow(new RangeError('logisticRegressionPath: Cs must be an integer from 1 to 100000, got 0'));
  });

  it('rejects C and warmStart, which the path sets itself', () => {
    expect(() => logisticRegressionPath(X, y, { C: 1 } as never)).toThrow(/unknown option 'C'/);
    expect(() => logisticRegressionPath(X, y, { warmStart: true } as never)).toThrow(/unknown option 'warmStart'/);
  });

  it('rejects what fit rejects', () => {
    expect(() => logisticRegressionPath(X, [0, 1])).toThrow(RangeError);
  });
});

describe('the grid of a Cs count', () => {
  it('is logspace(-4, 4, n) as glibc pow gives it, bit for bit, for n = 1..200', async () => {
    const { readFileSync } = await import('node:fs');
    const { logspace } = await import('../../src/model-selection/cs.js');
    const { decodeBits } = await import('../../src/datasets/libm-log-table.js');
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/libm-pow.json', import.meta.url), 'utf8')) as { logspace: { n: number; glibc: string[] }[] };
    for (const { n, glibc } of fixture.logspace) expect(Array.from(logspace(-4, 4, n))).toEqual(glibc.map(decodeBits));
  });
});
