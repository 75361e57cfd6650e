import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { arrowChunks, fitStream } from '../../src/index.js';

/** 3 record batches of 40 rows: features a, b and a 0/1 label y. */
function batches(): arrow.Table {
  const parts = [0, 1, 2].map((p) => {
    const rows = Array.from({ length: 40 }, (_, i) => p * 40 + i);
    const a = Float64Array.from(rows, (i) => Math.sin(i));
    const b = Float64Array.from(rows, (i) => Math.cos(2 * i));
    const y = Int32Array.from(rows, (_, k) => ((a[k] as number) - (b[k] as number) > 0 ? 1 : 0));
    return arrow.tableFromArrays({ a, y, b });
  });
  return (parts[0] as arrow.Table).concat(...parts.slice(1));
}

const OPTIONS = { classes: [0, 1], learningRate: 0.1, batchSize: 10, randomState: 0, epochs: 2 };

describe('arrowChunks(batches, { target, columns, dtype })', () => {
  it("trains fitStream on a table's record batches as on the same rows given as chunks", async () => {
    const table = batches();
    expect(table.batches.length).toBe(3);
    const fromArrow = await fitStream(() => arrowChunks(table.batches, { target: 'y' }), OPTIONS);
    const plain = table.batches.map((batch) => ({
      X: Array.from({ length: batch.numRows }, (_, i) => [batch.getChild('a')!.get(i) as number, batch.getChild('b')!.get(i) as number]),
      y: Array.from({ length: batch.numRows }, (_, i) => batch.getChild('y')!.get(i) as number),
    }));
    const fromRows = await fitStream(() => plain, OPTIONS);
    expect(fromArrow.coef.toArray()).toEqual(fromRows.coef.toArray());
    expect(fromArrow.intercept).toEqual(fromRows.intercept);
  });

  it('takes every column but the target as features unless columns are named', async () => {
    const firstChunk = async (columns: string[] | null): Promise<number[][]> => {
      const chunks = arrowChunks(batches().batches, { target: 'y', columns });
      const first = await chunks.next();
      const rows = (first.value as { X: { toArray(): number[][] } }).X.toArray().slice(0, 1);
      await chunks.return(undefined);
      return rows;
    };
    expect(await firstChunk(null)).toEqual([[Math.sin(0), Math.cos(0)]]);
    expect(await firstChunk(['b'])).toEqual([[Math.cos(0)]]);
  });

  it('refuses batches that are not iterable and a target that is not a name', async () => {
    await expect(arrowChunks(42 as never, { target: 'y' }).next()).rejects.toThrow(new TypeError('arrowChunks: batches must be an iterable or async iterable of Arrow record batches, got a number'));
    await expect(arrowChunks([], { target: 3 } as never).next()).rejects.toThrow(new TypeError('arrowChunks: target must be a column name, got a number'));
  });

  it('names the row of a null label within its batch', async () => {
    const table = arrow.tableFromArrays({ a: Float64Array.of(1, 2), y: [1, null] });
    await expect(arrowChunks(table.batches, { target: 'y' }).next()).rejects.toThrow(new RangeError("labelsFromArrow: column 'y' is null at row 1; every row needs a label"));
  });
});
