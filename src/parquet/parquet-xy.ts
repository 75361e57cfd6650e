/**
 * A Parquet file straight into one {@link Matrix} and its labels, row group by row group:
 * memory holds the matrix and one row group's columns, not the whole file's columns beside
 * the matrix (as `Matrix.fromArrow(await readParquet(file))` does).
 * @module
 */
import { type Dtype, type Label, allocUnfilled, labelsFromArrow, Matrix } from '../index.js';
import { describeKind } from '../validate/describe.js';
import { checkChoice, checkOptionNames } from '../validate/options.js';
import type { ParquetTable } from './parquet-table.js';
import { lendFrom, openParquet } from './read-parquet.js';
import type { ParquetSource } from './source.js';

/** Options of {@link readParquetXy}. */
export interface ReadParquetXyOptions<D extends Dtype = Dtype> {
  /**
   * The label column; `null` reads features only (`y` is then null).
   * @default null
   */
  target?: string | null;
  /**
   * The feature columns, in the matrix's column order.
   * @default every column but `target`, in the file's order
   */
  columns?: readonly string[] | null;
  /**
   * Storage of the matrix: `'float32'` rounds each value to the nearest float32.
   * @default 'float64'
   */
  dtype?: D;
  /**
   * The row groups to read (0-based indices), in this order.
   * @default every row group, in order
   */
  rowGroups?: readonly number[] | null;
}

/** What {@link readParquetXy} returns. */
export interface ParquetXy<D extends Dtype = 'float64'> {
  /** The features, in WebAssembly memory where `fit` reads them; release with `X.dispose()`. */
  X: Matrix<D>;
  /** The label of each row, or null without `target`. */
  y: Label[] | null;
}

const WHERE = 'readParquetXy';

/**
 * Reads the numeric `columns` of a Parquet file into one row-major {@link Matrix} in
 * WebAssembly memory, and `target` into labels, one row group at a time: each row group's
 * columns are read (as {@link readParquet} reads them), written into the matrix by
 * `Matrix.fromArrow` and dropped, so memory holds the matrix and one row group beside it.
 * The checks are `Matrix.fromArrow`'s and `labelsFromArrow`'s (nulls refused: impute them
 * with `Matrix.fromArrow(await readParquet(file), { impute: 'mean' })`, which needs the whole
 * column); their row numbers are the row group's, and the message names the row group.
 * @param source - as {@link readParquet} takes it.
 * @throws as {@link readParquet} and `Matrix.fromArrow`; RangeError for a selection of no rows.
 * @example
 * ```ts
 * const { X, y } = await readParquetXy('train.parquet', { target: 'y' });
 * const model = new LogisticRegression().fit(X, y!);
 * X.dispose();
 * ```
 */
export async function readParquetXy<D extends Dtype = 'float64'>(source: ParquetSource, options: ReadParquetXyOptions<D> = {}): Promise<ParquetXy<D>> {
  checkOptionNames(WHERE, options, ['target', 'columns', 'dtype', 'rowGroups']);
  const target = options.target ?? null;
  if (target !== null && typeof target !== 'string') throw new TypeError(`${WHERE}: target must be a column name or null, got ${describeKind(target)}`);
  const dtype = checkChoice(WHERE, 'dtype', options.dtype ?? 'float64', ['float64', 'float32'] as const) as D;
  const named = options.columns ?? null;
  const read = named === null ? null : target === null ? named : [...named.filter((name) => name !== target), target];
  const opened = await openParquet(WHERE, source, { columns: read, rowGroups: options.rowGroups ?? null });
  try {
    const features = named ?? opened.fields.map((field) => field.name).filter((name) => name !== target);
    if (features.length === 0) throw new RangeError(`${WHERE}: no feature columns (the file has only '${String(target)}')`);
    const rows = opened.groups.reduce((sum, group) => sum + opened.rows(group), 0);
    if (rows === 0) throw new RangeError(`${WHERE}: the row groups read hold 0 rows; at least one sample is required`);
    const X = allocUnfilled(WHERE, rows, features.length, dtype) as Matrix<D>;
    const y: Label[] | null = target === null ? null : new Array<Label>(rows);
    try {
      let row = 0;
      let previous: ParquetTable | null = null;
      for (const group of opened.groups) {
        // A row group's columns are done with once in the matrix: the next reuses their arrays.
        const table: ParquetTable = await opened.readGroup(group, lendFrom(previous));
        previous = table;
        if (table.numRows === 0) continue;
        let part: Matrix<D>;
        let labels: Label[] | null;
        try {
          part = Matrix.fromArrow(table, { columns: features, dtype });
          labels = target === null ? null : labelsFromArrow(table, target);
        } catch (error) {
          if (!(error instanceof RangeError || error instanceof TypeError)) throw error;
          const Kind = error instanceof RangeError ? RangeError : TypeError;
          throw new Kind(`${error.message} (in row group ${group} of ${opened.file.name}, whose first row is row ${row} of those read)`, { cause: error });
        }
        // The block is read after fromArrow's allocation, which may have moved memory.
        (X.data as Float64Array | Float32Array).set(part.data as Float64Array | Float32Array, row * features.length);
        part.dispose();
        if (y !== null && labels !== null) for (let k = 0; k < labels.length; k++) y[row + k] = labels[k] as Label;
        row += table.numRows;
      }
    } catch (error) {
      X.dispose();
      throw error;
    }
    return { X, y };
  } finally {
    await opened.file.close();
  }
}
