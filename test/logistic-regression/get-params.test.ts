import { describe, expect, it } from 'vitest';
import { LogisticRegression } from '../../src/index.js';

describe('LogisticRegression#getParams()', () => {
  it('returns every option with its default filled in', () => {
    const params = new LogisticRegression({ C: 2, penalty: 'l1' }).getParams();
    expect(params).toMatchObject({ C: 2, penalty: 'l1', solver: 'newton-cd', tol: 1e-4, maxIter: 100, fitIntercept: true });
  });

  it('leaves C out when it was not given, so a clone of penalty none does not warn', () => {
    const warnings: string[] = [];
    const params = new LogisticRegression({ penalty: 'none', onWarning: (m) => warnings.push(m) }).getParams();
    expect('C' in params).toBe(false);
    new LogisticRegression(params).fit([[0], [1]], [0, 1]);
    expect(warnings).toEqual([]);
  });

  it('builds an unfitted clone that trains to the same coefficients', () => {
    const X = [[0, 1], [1, 0], [2, 1], [3, 0]];
    const y = [0, 0, 1, 1];
    const model = new LogisticRegression({ C: 3, tol: 1e-8 }).fit(X, y);
    const clone = new LogisticRegression(model.getParams());
    expect(clone.isFitted).toBe(false);
    expect(clone.fit(X, y).coef.data).toEqual(model.coef.data);
  });

  it('keeps the callbacks', () => {
    const onWarning = (): void => {};
    expect(new LogisticRegression({ onWarning }).getParams().onWarning).toBe(onWarning);
  });
});
