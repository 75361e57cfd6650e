/**
 * Arrow record batches as the chunks of `fitStream`: each batch (an apache-arrow
 * `RecordBatch` or any Arrow table, of either library) becomes one chunk, its features
 * through {@link matrixFromArrow} and its labels through {@link labelsFromArrow}.
 * @module
 */
import type { Dtype, Matrix } from '../matrix.js';
import type { StreamChunk } from '../stream/fit-stream.js';
import { describeKind } from '../validate/describe.js';
import type { Label } from '../validate/labels.js';
import { checkOptionNames } from '../validate/options.js';
import { labelsFromArrow, matrixFromArrow } from './from-arrow.js';
import type { HandleUnknown } from './one-hot.js';

/** Options of {@link arrowChunks}. */
export interface ArrowChunksOptions {
  /** The label column. */
  target: string;
  /**
   * The feature columns, in order.
   * @default every column but `target`, in the batch's order
   */
  columns?: readonly string[] | null;
  /**
   * Storage of each chunk's matrix.
   * @default 'float64'
   */
  dtype?: Dtype;
  /**
   * String columns to one-hot encode, each with its categories in order (as `Matrix.fromArrow`'s
   * `oneHot`, but the categories must be given: a stream cannot sort categories it has not
   * seen; learn them with `arrowFeatures` on the whole data or a sample).
   * @default null
   */
  oneHot?: Readonly<Record<string, readonly string[]>> | null;
  /**
   * What a value outside a one-hot column's categories becomes (see `Matrix.fromArrow`).
   * @default 'error'
   */
  handleUnknown?: HandleUnknown;
}

/**
 * The chunks `fitStream` takes, one per Arrow record batch of `batches` (sync or async,
 * e.g. apache-arrow's `RecordBatchReader` or `table.batches`). Each chunk's matrix lives in
 * WebAssembly memory until the next chunk is asked for (fitStream has then trained on it),
 * so memory holds one batch at a time.
 * @throws (while iterating) as `Matrix.fromArrow` and {@link labelsFromArrow}, naming the
 * batch's columns and rows; TypeError for options of the wrong kind, and for `oneHot` given
 * as column names without their categories (at the first chunk).
 * @example
 * ```ts
 * const reader = await RecordBatchReader.from(fs.createReadStream('big.arrows'));
 * const model = await fitStream(arrowChunks(reader, { target: 'y' }), { classes: [0, 1] });
 * ```
 */
export async function* arrowChunks(batches: AsyncIterable<unknown> | Iterable<unknown>, options: ArrowChunksOptions): AsyncGenerator<StreamChunk<Label>, void, undefined> {
  const where = 'arrowChunks';
  checkOptionNames(where, options, ['target', 'columns', 'dtype', 'oneHot', 'handleUnknown']);
  if (typeof options.target !== 'string') throw new TypeError(`${where}: target must be a column name, got ${describeKind(options.target)}`);
  if (Array.isArray(options.oneHot)) {
    const first = typeof options.oneHot[0] === 'string' ? options.oneHot[0] : 'color';
    throw new TypeError(
      `${where}: oneHot must give each column's categories (e.g. { ${first}: ['a', 'b'] }): a stream cannot sort categories it has not seen; learn them with arrowFeatures(table, { oneHot: [...] }).categories on the whole data or a sample`,
    );
  }
  const iterable = batches as Partial<AsyncIterable<unknown> & Iterable<unknown>> | null;
  if (iterable === null || typeof iterable !== 'object' || (typeof iterable[Symbol.asyncIterator] !== 'function' && typeof iterable[Symbol.iterator] !== 'function')) {
    throw new TypeError(`${where}: batches must be an iterable or async iterable of Arrow record batches, got ${describeKind(batches)}`);
  }
  let previous: Matrix<Dtype> | null = null;
  try {
    for await (const batch of batches as AsyncIterable<unknown>) {
      previous?.dispose();
      previous = null;
      const columns = options.columns ?? (batch as { schema?: { fields?: { name: string }[] } }).schema?.fields?.map((field) => field.name).filter((name) => name !== options.target);
      const y = labelsFromArrow(batch, options.target);
      const X = matrixFromArrow(batch, { columns: columns ?? null, dtype: options.dtype ?? 'float64', oneHot: options.oneHot ?? null, handleUnknown: options.handleUnknown ?? 'error' });
      previous = X;
      yield { X, y };
    }
  } finally {
    previous?.dispose();
  }
}
