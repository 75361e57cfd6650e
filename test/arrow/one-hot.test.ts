import { readFileSync } from 'node:fs';
import * as arrow from 'apache-arrow';
import * as flechette from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { LogisticRegression, Matrix, arrowChunks, fitStream } from '../../src/index.js';
import { arrowFeatures } from '../../src/index.js';

/** scikit-learn 1.2.1's OneHotEncoder on a small table (tools/make_arrow_one_hot_fixtures.py). */
interface OneHotFixture {
  columns: string[];
  train: { color: string[]; weight: number[]; size: string[] };
  test: { color: string[]; weight: number[]; size: string[] };
  categories: Record<string, string[]>;
  featureNamesOut: string[];
  X: number[][];
  X_ignore: number[][];
}
const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/one-hot.json', import.meta.url), 'utf8')) as OneHotFixture;

/** The same table in both libraries: apache-arrow's (strings dictionary-encoded), and flechette's read from its IPC bytes. */
function bothLibraries(table: arrow.Table): [string, unknown][] {
  return [
    ['apache-arrow', table],
    ['@uwdata/flechette', flechette.tableFromIPC(arrow.tableToIPC(table))],
  ];
}

function fixtureTable(part: OneHotFixture['train']): arrow.Table {
  return arrow.tableFromArrays({ color: part.color, weight: Float64Array.from(part.weight), size: part.size });
}

/** A table whose string column is plain Utf8 (as pyarrow and DuckDB write strings), not dictionary-encoded. */
function utf8Table(values: (string | null)[], x: number[]): arrow.Table {
  return new arrow.Table({ s: arrow.vectorFromArray(values, new arrow.Utf8()), x: arrow.vectorFromArray(Float64Array.from(x)) });
}

const ONE_HOT = { columns: FIXTURE.columns, oneHot: ['color', 'size'] };

describe('Matrix.fromArrow(table, { oneHot })', () => {
  it.each(bothLibraries(fixtureTable(FIXTURE.train)))("writes scikit-learn OneHotEncoder's indicators in each string column's place (%s)", (_, table) => {
    expect(Matrix.fromArrow(table, ONE_HOT).toArray()).toEqual(FIXTURE.X);
  });

  it.each(bothLibraries(fixtureTable(FIXTURE.test)))("encodes new data with the training categories, an unknown category as 0s with handleUnknown: 'ignore' (%s)", (_, table) => {
    const X = Matrix.fromArrow(table, { columns: FIXTURE.columns, oneHot: FIXTURE.categories, handleUnknown: 'ignore', dtype: 'float32' });
    expect(X.toArray()).toEqual(FIXTURE.X_ignore);
  });

  it.each(bothLibraries(utf8Table(['b', 'a', 'b', 'c'], [1, 2, 3, 4])))('reads plain (not dictionary-encoded) string columns (%s)', (_, table) => {
    expect(Matrix.fromArrow(table, { oneHot: ['s'] }).toArray()).toEqual([
      [0, 1, 0, 1],
      [1, 0, 0, 2],
      [0, 1, 0, 3],
      [0, 0, 1, 4],
    ]);
  });

  it.each(bothLibraries(arrow.tableFromArrays({ s: ['x', 'y'] }).concat(arrow.tableFromArrays({ s: ['z', 'x', 'w'] }))))(
    "reads every record batch through its own dictionary (%s)",
    (_, table) => {
      const X = Matrix.fromArrow(table, { oneHot: ['s'] });
      expect(X.toArray()).toEqual([
        [0, 1, 0, 0],
        [0, 0, 1, 0],
        [0, 0, 0, 1],
        [0, 1, 0, 0],
        [1, 0, 0, 0],
      ]);
    },
  );

  it('takes as categories the values the rows hold, not every entry of the dictionary', () => {
    const sliced = arrow.tableFromArrays({ s: ['b', 'a', 'c', 'd'] }).slice(1, 3);
    expect(arrowFeatures(sliced, { oneHot: ['s'] }).categories).toEqual({ s: ['a', 'c'] });
    expect(Matrix.fromArrow(sliced, { oneHot: ['s'] }).toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it.each(bothLibraries(arrow.tableFromArrays({ s: ['b', null, 'a', 'b', 'a'] })))("writes a null as the most frequent category with impute: 'mean', ties to the first in order (%s)", (_, table) => {
    expect(Matrix.fromArrow(table, { oneHot: ['s'], impute: 'mean' }).toArray()).toEqual([
      [0, 1],
      [1, 0],
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
  });

  it('trains the model as on the same indicators given as rows', () => {
    const table = fixtureTable(FIXTURE.train);
    const y = FIXTURE.train.weight.map((w) => (w > 1 ? 1 : 0));
    const fromArrow = new LogisticRegression({ C: 0.5 }).fit(Matrix.fromArrow(table, ONE_HOT), y);
    const fromRows = new LogisticRegression({ C: 0.5 }).fit(FIXTURE.X, y);
    expect(fromArrow.coef.toArray()).toEqual(fromRows.coef.toArray());
  });
});

describe('Matrix.fromArrow(table, { oneHot }) refuses', () => {
  it.each(bothLibraries(fixtureTable(FIXTURE.test)))('a category the given ones lack, naming column, row and categories (%s)', (_, table) => {
    expect(() => Matrix.fromArrow(table, { columns: FIXTURE.columns, oneHot: FIXTURE.categories })).toThrow(
      new RangeError(
        "Matrix.fromArrow: column 'color' holds 'green' at row 1, not among its 7 categories ('Red', 'Zebra', 'blue', 'red', 'élan', 'ｚ', '😀'); pass handleUnknown: 'ignore' to write all its indicators 0",
      ),
    );
  });

  it.each(bothLibraries(arrow.tableFromArrays({ s: ['a', null] })))('a null without impute, naming column and row (%s)', (_, table) => {
    expect(() => Matrix.fromArrow(table, { oneHot: ['s'] })).toThrow(
      new RangeError("Matrix.fromArrow: column 's' is null at row 1; a one-hot column needs a category in every row (fill or drop the nulls first, or pass impute: 'mean', which writes the column's most frequent category)"),
    );
  });

  it.each(bothLibraries(arrow.tableFromArrays({ s: ['a', 'b'], x: Float64Array.of(1, 2) })))('a string column not named in oneHot, saying how to read it (%s)', (_, table) => {
    expect(() => Matrix.fromArrow(table)).toThrow(/column 's' is not numeric .*one-hot encoded when named in oneHot/);
  });

  it('a oneHot column that does not hold strings, or is not among the columns', () => {
    const table = arrow.tableFromArrays({ s: ['a', 'b'], x: Float64Array.of(1, 2) });
    expect(() => Matrix.fromArrow(table, { columns: ['x'], oneHot: ['x'] })).toThrow(
      new TypeError("Matrix.fromArrow: oneHot column 'x' does not hold strings (Arrow type id 3); one-hot columns must be dictionary-encoded or Utf8 strings"),
    );
    expect(() => Matrix.fromArrow(table, { columns: ['x'], oneHot: ['s'] })).toThrow(new RangeError("Matrix.fromArrow: oneHot names 's', which is not among columns (x)"));
  });

  it('given categories that are empty, repeated or not strings', () => {
    const table = arrow.tableFromArrays({ s: ['a', 'b'] });
    expect(() => Matrix.fromArrow(table, { oneHot: { s: [] } })).toThrow(new RangeError("Matrix.fromArrow: oneHot['s'] is empty; a one-hot column needs at least one category"));
    expect(() => Matrix.fromArrow(table, { oneHot: { s: ['a', 'b', 'a'] } })).toThrow(new RangeError("Matrix.fromArrow: oneHot['s'] lists the category 'a' twice"));
    expect(() => Matrix.fromArrow(table, { oneHot: { s: [1, 2] } as never })).toThrow(TypeError);
    expect(() => Matrix.fromArrow(table, { oneHot: 's' as never })).toThrow(TypeError);
  });
});

describe('arrowFeatures(table, options)', () => {
  it.each(bothLibraries(fixtureTable(FIXTURE.train)))("names each matrix column (scikit-learn's get_feature_names_out with '=') and gives the categories (%s)", (_, table) => {
    const features = arrowFeatures(table, ONE_HOT);
    expect(features.categories).toEqual(FIXTURE.categories);
    expect(features.featureNames).toEqual(['color', 'weight', 'size'].flatMap((c) => (c === 'weight' ? [c] : FIXTURE.featureNamesOut.filter((n) => n.startsWith(`${c}_`)).map((n) => n.replace('_', '=')))));
  });

  it('keeps a column named __proto__ as an own key of the categories', () => {
    // A table whose one column is named __proto__ (which an object literal cannot name).
    const inner = arrow.tableFromArrays({ s: ['b', 'a'] });
    const table = { numRows: 2, schema: { fields: [{ name: '__proto__', type: inner.schema.fields[0]!.type }] }, getChild: () => inner.getChild('s') };
    const { categories } = arrowFeatures(table, { oneHot: ['__proto__'] });
    expect(Object.keys(categories)).toEqual(['__proto__']);
    expect(Matrix.fromArrow(table, { oneHot: categories }).toArray()).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });
});

describe('arrowChunks(batches, { oneHot })', () => {
  it('one-hot encodes each batch with the categories given', async () => {
    const table = arrow.tableFromArrays({ s: ['b', 'a'], y: Int32Array.of(1, 0) }).concat(arrow.tableFromArrays({ s: ['c', 'a'], y: Int32Array.of(1, 0) }));
    const chunks = arrowChunks(table.batches, { target: 'y', oneHot: { s: ['a', 'b', 'c'] } });
    const seen: number[][][] = [];
    for await (const chunk of chunks) seen.push((chunk.X as Matrix).toArray());
    expect(seen).toEqual([
      [
        [0, 1, 0],
        [1, 0, 0],
      ],
      [
        [0, 0, 1],
        [1, 0, 0],
      ],
    ]);
    const model = await fitStream(() => arrowChunks(table.batches, { target: 'y', oneHot: { s: ['a', 'b', 'c'] } }), { classes: [0, 1], epochs: 1, randomState: 0 });
    expect(model.coef.cols).toBe(3);
  });

  it('refuses one-hot columns without their categories: a stream cannot sort what it has not seen', async () => {
    const table = arrow.tableFromArrays({ s: ['b', 'a'], y: Int32Array.of(1, 0) });
    await expect(arrowChunks(table.batches, { target: 'y', oneHot: ['s'] as never }).next()).rejects.toThrow(
      new TypeError(
        "arrowChunks: oneHot must give each column's categories (e.g. { s: ['a', 'b'] }): a stream cannot sort categories it has not seen; learn them with arrowFeatures(table, { oneHot: [...] }).categories on the whole data or a sample",
      ),
    );
  });
});
