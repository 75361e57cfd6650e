/**
 * How a Matrix prints: `toString()`, and what Node's `util.inspect` / `console.log` show.
 * Like numpy's repr: shape, dtype and the values, summarised beyond 1000 values.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LogisticRegression, Matrix } from '../../src/index.js';

describe('Matrix.toString', () => {
  it('shows the shape, the dtype and every value of a small matrix, right-aligned by column', () => {
    expect(String(Matrix.fromRows([[1, 2.5], [-3, 4]]))).toBe('Matrix 2×2 float64 [\n  [ 1, 2.5],\n  [-3,   4],\n]');
  });

  it('prints float64 values to 8 significant digits, with an exponent when very large or small, and keeps the sign of -0', () => {
    const text = String(Matrix.fromRows([[Math.PI, 1 / 3, 2e20, 3e-9, -0, NaN, -Infinity]]));
    expect(text).toBe('Matrix 1×7 float64 [\n  [3.1415927, 0.33333333, 2e+20, 3e-9, -0, NaN, -Infinity],\n]');
  });

  it('prints float32 values in the fewest digits that give back the same float32', () => {
    const X = Matrix.fromRows([[0.1, 1 / 3, 16777217]], { dtype: 'float32' });
    expect(String(X)).toBe('Matrix 1×3 float32 [\n  [0.1, 0.33333334, 16777216],\n]');
  });

  it('summarises a matrix of more than 1000 values to its first and last 3 rows and columns', () => {
    const X = Matrix.from(Float64Array.from({ length: 100 * 20 }, (_, k) => k), 100, 20);
    const lines = String(X).split('\n');
    expect(lines[0]).toBe('Matrix 100×20 float64 [');
    expect(lines.slice(1, -1)).toEqual([
      '  [   0,    1,    2, ...,   17,   18,   19],',
      '  [  20,   21,   22, ...,   37,   38,   39],',
      '  [  40,   41,   42, ...,   57,   58,   59],',
      '  ...,',
      '  [1940, 1941, 1942, ..., 1957, 1958, 1959],',
      '  [1960, 1961, 1962, ..., 1977, 1978, 1979],',
      '  [1980, 1981, 1982, ..., 1997, 1998, 1999],',
    ]);
  });

  it('summarises only the long side: 1001 rows of one column keep their single column', () => {
    const lines = String(Matrix.zeros(1001, 1)).split('\n');
    expect(lines).toEqual(['Matrix 1001×1 float64 [', '  [0],', '  [0],', '  [0],', '  ...,', '  [0],', '  [0],', '  [0],', ']']);
  });

  it('shows every value of a matrix of exactly 1000 values', () => {
    expect(String(Matrix.zeros(1000, 1)).split('\n')).toHaveLength(1002);
  });

  it('prints an empty matrix as its shape and dtype with no rows', () => {
    expect(String(Matrix.zeros(0, 3))).toBe('Matrix 0×3 float64 []');
    expect(String(Matrix.zeros(2, 0, { dtype: 'float32' }))).toBe('Matrix 2×0 float32 []');
  });

  it('prints a matrix in WebAssembly memory like any other, and one disposed as disposed', () => {
    const X = Matrix.alloc(1, 2, { dtype: 'float32' });
    X.data.set([0.5, -2]);
    expect(String(X)).toBe('Matrix 1×2 float32 [\n  [0.5, -2],\n]');
    X.dispose();
    expect(String(X)).toBe('Matrix 1×2 float32 (disposed)');
  });
});

describe("Node's util.inspect of a Matrix", () => {
  it('is the same text as toString, also inside other objects', () => {
    const X = Matrix.fromRows([[1, 2]]);
    expect(inspect(X)).toBe(String(X));
    expect(inspect({ coef: X })).toBe('{\n  coef: Matrix 1×2 float64 [\n    [1, 2],\n  ]\n}');
  });

  it('colours the numbers when colours are on, leaving the alignment as without', () => {
    const X = Matrix.fromRows([[1], [-10]]);
    const coloured = inspect(X, { colors: true });
    const number = (text: string): string => inspect(0, { colors: true }).replace('0', text);
    expect(coloured).not.toBe(inspect(X));
    expect(coloured).toBe(`Matrix 2×1 float64 [\n  [  ${number('1')}],\n  [${number('-10')}],\n]`);
  });

  it("shows a fitted model's coefficients with their values rather than an empty object", () => {
    const model = LogisticRegression.fromSklearn({ coef: [[0.5, -1.25]], intercept: [0], classes: [0, 1] });
    expect(inspect(model.coef)).toBe('Matrix 1×2 float64 [\n  [0.5, -1.25],\n]');
    model.dispose();
  });
});
