/**
 * A Parquet file as the chunks of `fitStream`: one chunk per row group, read by
 * {@link rowGroupTables} and made a chunk by `arrowChunks` (the one path from an Arrow-shaped
 * table to a training chunk), so memory holds one row group and its matrix at a time.
 * @module
 */
import { type ArrowChunksOptions, arrowChunks, type Label, type StreamChunk } from '../index.js';
import { describeKind } from '../validate/describe.js';
import { checkOptionNames } from '../validate/options.js';
import { rowGroupTables } from './read-parquet.js';
import type { ParquetSource } from './source.js';

/** Options of {@link parquetChunks}: those of `arrowChunks`, and the row groups to read. */
export interface ParquetChunksOptions extends ArrowChunksOptions {
  /**
   * The row groups to read (0-based indices), in this order.
   * @default every row group, in order
   */
  rowGroups?: readonly number[] | null;
}

/**
 * The chunks `fitStream` takes from a Parquet file, one per row group: features from the
 * numeric `columns` and the one-hot encoded string columns of `oneHot` (as `arrowChunks`
 * reads them), labels from `target`. Each chunk's
 * matrix lives in WebAssembly memory until the next chunk is asked for. Pass a function to
 * `fitStream` for more than one epoch (each call reads the file again).
 * @param source - as {@link readParquet} takes it.
 * @throws (while iterating) as {@link readParquet} and `arrowChunks`: a missing column, a null
 *   or non-numeric feature (naming column and row), a file that is not Parquet or is
 *   truncated; TypeError for options of the wrong kind.
 * @example
 * ```ts
 * import { fitStream } from 'logreg-wasm';
 * import { parquetChunks } from 'logreg-wasm/parquet';
 * const model = await fitStream(() => parquetChunks('big.parquet', { target: 'y' }), { classes: [0, 1], epochs: 3 });
 * ```
 */
export async function* parquetChunks(source: ParquetSource, options: ParquetChunksOptions): AsyncGenerator<StreamChunk<Label>, void, undefined> {
  const where = 'parquetChunks';
  checkOptionNames(where, options, ['target', 'columns', 'dtype', 'oneHot', 'handleUnknown', 'rowGroups']);
  if (typeof options.target !== 'string') throw new TypeError(`${where}: target must be a column name, got ${describeKind(options.target)}`);
  const features = options.columns ?? null;
  // Only the columns training reads are read from the file.
  const read = features === null ? null : [...features.filter((name) => name !== options.target), options.target];
  const { rowGroups = null, ...arrow } = options;
  // arrowChunks is done with a table (its matrix made) when it asks for the next one.
  const tables = rowGroupTables(where, source, { columns: read, rowGroups }, true);
  yield* arrowChunks(tables, arrow);
}
