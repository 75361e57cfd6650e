/**
 * A disposed Matrix passed to any function that reads a matrix argument is refused with a
 * message naming that argument, whichever part of the library reads it.
 */
import { describe, expect, it } from 'vitest';
import { LogisticRegression, Matrix, StandardScaler, logLoss, trainTestSplit } from '../../src/index.js';

function disposed(rows: number, cols: number): Matrix {
  const X = Matrix.alloc(rows, cols);
  X.dispose();
  return X;
}

const DISPOSED = /is a Matrix that has been disposed \(dispose\(\) released its memory\); pass one that is still allocated$/;

describe('a disposed Matrix as an argument', () => {
  it('is named as X by LogisticRegression.fit', () => {
    expect(() => new LogisticRegression().fit(disposed(4, 2), [0, 1, 0, 1])).toThrow(/^X is a Matrix that has been disposed/);
  });

  it('is named as X by StandardScaler.fit', () => {
    expect(() => new StandardScaler().fit(disposed(4, 2))).toThrow(DISPOSED);
    expect(() => new StandardScaler().fit(disposed(4, 2))).toThrow(/\bX is a Matrix/);
  });

  it('is named as X by StandardScaler.transform', () => {
    const scaler = new StandardScaler().fit([[0, 1], [1, 0]]);
    expect(() => scaler.transform(disposed(2, 2))).toThrow(/\bX is a Matrix that has been disposed/);
  });

  it('is named as X by trainTestSplit', () => {
    expect(() => trainTestSplit(disposed(4, 2), [0, 1, 0, 1])).toThrow(/^trainTestSplit: X is a Matrix that has been disposed/);
  });

  it('is named by the metric that reads it as probabilities', () => {
    expect(() => logLoss([0, 1], disposed(2, 2))).toThrow(/^logLoss: .* is a Matrix that has been disposed/);
  });
});
