import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/index.js';

describe('Matrix.takeRows(rows)', () => {
  it('copies the given rows in the given order, repeats included', () => {
    const X = Matrix.fromRows([[1, 2], [3, 4], [5, 6]]);
    expect(X.takeRows([2, 0, 2]).toArray()).toEqual([[5, 6], [1, 2], [5, 6]]);
  });

  it('keeps a JS matrix in JS memory and its dtype', () => {
    const X = Matrix.fromRows([[1.5, 2], [3, 4]], { dtype: 'float32' });
    const taken = X.takeRows(new Int32Array([1]));
    expect([taken.dtype, taken.inWasmMemory, taken.data instanceof Float32Array]).toEqual(['float32', false, true]);
  });

  it('makes a WebAssembly-memory matrix from one, which the caller disposes', () => {
    const X = Matrix.alloc(3, 2);
    X.data.set([1, 2, 3, 4, 5, 6]);
    const taken = X.takeRows([1]);
    expect([taken.inWasmMemory, taken.toArray()]).toEqual([true, [[3, 4]]]);
    taken.dispose();
    X.dispose();
  });

  it('gives an empty matrix for no rows', () => {
    const taken = Matrix.fromRows([[1, 2]]).takeRows([]);
    expect([taken.rows, taken.cols]).toEqual([0, 2]);
  });

  it('leaves the source unchanged when the copy is written', () => {
    const X = Matrix.fromRows([[1, 2]]);
    X.takeRows([0]).data[0] = 9;
    expect(X.toArray()).toEqual([[1, 2]]);
  });

  it('rejects a row number out of range, naming it', () => {
    expect(() => Matrix.fromRows([[1], [2]]).takeRows([0, 2])).toThrow(
      new RangeError('Matrix.takeRows: rows[1] must be an integer from 0 to 1, got 2'),
    );
  });

  it('rejects rows that are not an array', () => {
    expect(() => Matrix.fromRows([[1]]).takeRows(3 as never)).toThrow(TypeError);
  });

  it('rejects a disposed matrix', () => {
    const X = Matrix.alloc(1, 1);
    X.dispose();
    expect(() => X.takeRows([0])).toThrow(/disposed/);
  });
});
