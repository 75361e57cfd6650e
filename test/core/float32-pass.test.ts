import { describe, expect, it } from 'vitest';
import { LogisticRegression, Matrix } from '../../src/index.js';
import { linearProblem, relativeError } from '../helpers.js';

// The float32 pass takes rows four at a time up to 40 columns and two at a time (pipelined
// up to 120) beyond, with the columns past the last multiple of four gathered across rows:
// each layout is checked against the float64 pass on the same float32-valued X.
const COLUMNS = [1, 2, 3, 4, 5, 6, 7, 19, 20, 21, 39, 40, 41, 42, 43, 44, 50, 51, 63, 80, 81, 101, 102, 103, 119, 120, 121, 130];
const ROWS = [37, 70];

/** Three gd steps (σ(z) away from ½ after the first) of an unpenalised fit, with X stored as `dtype`. */
function threeSteps(X: Matrix, y: Float64Array, dtype: 'float64' | 'float32'): Float64Array {
  const options = { solver: 'gd', penalty: 'none', learningRate: 0.5, maxIter: 3, tol: 0, dtype, onWarning: null } as const;
  const model = new LogisticRegression(options).fit(X, y);
  const theta = Float64Array.from([...model.coef.data, ...model.intercept]);
  model.dispose();
  return theta;
}

describe('the float32 gradient pass, for every row layout', () => {
  for (const rows of ROWS) {
    it.each(COLUMNS)(`gives the float64 pass's steps to float32 accuracy on ${rows} rows of %i columns`, (cols) => {
      const { X, y } = linearProblem(rows, cols, cols);
      // float32-valued, so both dtypes see the same numbers.
      X.data.set(Float32Array.from(X.data));
      const float32 = threeSteps(X, y, 'float32');
      expect(relativeError(float32, threeSteps(X, y, 'float64'))).toBeLessThan(1e-6);
      X.dispose();
    });
  }
});
