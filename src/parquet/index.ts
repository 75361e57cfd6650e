/**
 * `logreg-wasm/parquet`: Parquet files in. {@link readParquet} reads a file into an
 * Arrow-shaped table that `Matrix.fromArrow` and `labelsFromArrow` read;
 * {@link parquetRowGroups} reads it one row group at a time; {@link readParquetXy} reads
 * features and labels into one Matrix row group by row group (memory: the matrix and one
 * row group); {@link parquetChunks} feeds `fitStream` row group by row group. Built on hyparquet (and hyparquet-compressors for
 * gzip, zstd, brotli and lz4), optional peer dependencies imported when a file is first
 * read — `npm install hyparquet hyparquet-compressors` — so the main entry keeps no runtime
 * dependency. It imports the library from the main entry, so its matrices live in the
 * application's core.
 *
 * @example
 * ```ts
 * import { LogisticRegression, Matrix, labelsFromArrow } from 'logreg-wasm';
 * import { readParquet } from 'logreg-wasm/parquet';
 * const table = await readParquet('train.parquet');
 * const model = new LogisticRegression().fit(Matrix.fromArrow(table, { columns: ['x1', 'x2'] }), labelsFromArrow(table, 'y'));
 * ```
 * @module
 */
export { parquetChunks, type ParquetChunksOptions } from './parquet-chunks.js';
export { readParquetXy, type ParquetXy, type ReadParquetXyOptions } from './parquet-xy.js';
export { ArrowTypeId, ParquetChunk, ParquetColumn, ParquetTable, type ParquetColumnType, type ParquetField, type ParquetValues } from './parquet-table.js';
export { parquetRowGroups, readParquet, type ParquetRowGroupsOptions, type ReadParquetOptions } from './read-parquet.js';
export type { AsyncBufferLike, ParquetSource } from './source.js';
export { fromSpark, type FromSparkOptions } from './from-spark.js';
