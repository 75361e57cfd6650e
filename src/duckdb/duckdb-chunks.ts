/**
 * A DuckDB query as the chunks of `fitStream`: the query's result is streamed from DuckDB
 * (its own data chunks, 2,048 rows each), gathered into chunks of `rowsPerChunk` rows, and
 * each becomes one training chunk, so a query over files larger than memory trains with
 * memory bounded by one chunk. The connection is a @duckdb/node-api `DuckDBConnection` (or
 * anything with its `stream(sql)`), read through what it has, so DuckDB is not a dependency.
 * @module
 */
import { type Dtype, Matrix } from '../matrix.js';
import type { StreamChunk } from '../stream/fit-stream.js';
import { describeKind } from '../validate/describe.js';
import type { Label } from '../validate/labels.js';
import { checkChoice, checkColumnNames, checkInteger, checkOptionNames } from '../validate/options.js';

/** What the helper uses of a @duckdb/node-api streaming result. */
interface StreamingResult {
  columnNames(): string[];
  fetchChunk(): Promise<{ readonly rowCount: number; getColumnValues(index: number): readonly unknown[] } | null>;
}

/** Options of {@link duckdbChunks}. */
export interface DuckdbChunksOptions {
  /** The label column of the query's result. */
  target: string;
  /**
   * The feature columns, in order.
   * @default every column of the result but `target`
   */
  columns?: readonly string[] | null;
  /**
   * Rows per training chunk (DuckDB's chunks of 2,048 rows are gathered up to it).
   * @default 65536
   */
  rowsPerChunk?: number;
  /**
   * Storage of each chunk's matrix.
   * @default 'float64'
   */
  dtype?: Dtype;
}

const WHERE = 'duckdbChunks';

/**
 * The chunks `fitStream` takes from the result of `sql` on a DuckDB `connection`: features
 * from the numeric `columns` (DOUBLE, FLOAT, integer types; BIGINT within ±2⁵³), labels
 * from `target`. Pass a function to `fitStream` for more than one epoch (each call runs the
 * query again).
 * @throws (while iterating) Error with DuckDB's message and the query when the query fails;
 * RangeError for a missing column (listing the result's), a null, a non-numeric or
 * non-finite feature (naming column and row); TypeError for arguments of the wrong kind.
 * @example
 * ```ts
 * import { DuckDBInstance } from '@duckdb/node-api';
 * const connection = await (await DuckDBInstance.create()).connect();
 * const sql = "SELECT x1, x2, y FROM 'big/*.parquet'";
 * const model = await fitStream(() => duckdbChunks(connection, sql, { target: 'y' }), { classes: [0, 1], epochs: 3 });
 * ```
 */
export async function* duckdbChunks(connection: unknown, sql: string, options: DuckdbChunksOptions): AsyncGenerator<StreamChunk<Label>, void, undefined> {
  checkOptionNames(WHERE, options, ['target', 'columns', 'rowsPerChunk', 'dtype']);
  const stream = (connection as { stream?: unknown } | null)?.stream;
  if (connection === null || typeof connection !== 'object' || typeof stream !== 'function') {
    throw new TypeError(`${WHERE}: connection must be a DuckDB connection (@duckdb/node-api's DuckDBConnection), got ${describeKind(connection)}`);
  }
  if (typeof sql !== 'string') throw new TypeError(`${WHERE}: sql must be a string, got ${describeKind(sql)}`);
  if (typeof options.target !== 'string') throw new TypeError(`${WHERE}: target must be a column name, got ${describeKind(options.target)}`);
  const rowsPerChunk = checkInteger(WHERE, 'rowsPerChunk', options.rowsPerChunk ?? 65536, 1, 2 ** 24);
  const dtype = checkChoice(WHERE, 'dtype', options.dtype ?? 'float64', ['float64', 'float32'] as const);
  let result: StreamingResult;
  try {
    result = (await (stream as (query: string) => Promise<StreamingResult>).call(connection, sql)) as StreamingResult;
  } catch (error) {
    throw new Error(`${WHERE}: the query failed: ${error instanceof Error ? error.message : String(error)} (query: ${sql})`, { cause: error });
  }
  const names = result.columnNames();
  const index = (name: string): number => {
    const at = names.indexOf(name);
    if (at < 0) throw new RangeError(`${WHERE}: the query's result has no column '${name}' (columns: ${names.join(', ')})`);
    return at;
  };
  const targetIndex = index(options.target);
  const featureNames = checkColumnNames(WHERE, options.columns) ?? names.filter((name) => name !== options.target);
  const features = featureNames.map(index);
  const d = features.length;
  if (d === 0) throw new RangeError(`${WHERE}: no feature columns (the result has only '${options.target}')`);
  let values = new Float64Array(rowsPerChunk * d);
  let labels: Label[] = [];
  let filled = 0;
  let row = 0;
  const flush = (): StreamChunk<Label> => {
    const X = Matrix.from(dtype === 'float32' ? Float32Array.from(values.subarray(0, filled * d)) : values.subarray(0, filled * d).slice(), filled, d);
    const chunk = { X, y: labels };
    values = new Float64Array(rowsPerChunk * d);
    labels = [];
    filled = 0;
    return chunk;
  };
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    const columns = features.map((f) => chunk.getColumnValues(f));
    const target = chunk.getColumnValues(targetIndex);
    for (let k = 0; k < chunk.rowCount; k++, row++) {
      const label = target[k];
      if (label === null || label === undefined) throw new RangeError(`${WHERE}: column '${options.target}' is null at row ${row}; every row needs a label`);
      labels.push((typeof label === 'bigint' ? Number(label) : label) as Label);
      for (let j = 0; j < d; j++) values[filled * d + j] = featureValue((columns[j] as readonly unknown[])[k], featureNames[j] as string, row);
      filled++;
      if (filled === rowsPerChunk) yield flush();
    }
  }
  if (filled > 0) yield flush();
}

/** A feature value as a number: finite numbers, and bigints within ±2⁵³. */
function featureValue(value: unknown, column: string, row: number): number {
  if (typeof value === 'number') {
    if (value - value === 0) return value;
    throw new RangeError(`${WHERE}: column '${column}' holds ${value} at row ${row}; features must be finite`);
  }
  if (typeof value === 'bigint') {
    if (value <= 9007199254740992n && value >= -9007199254740992n) return Number(value);
    throw new RangeError(`${WHERE}: column '${column}' holds ${value} at row ${row}, beyond ±2⁵³, which float64 cannot hold exactly`);
  }
  if (value === null) throw new RangeError(`${WHERE}: column '${column}' is null at row ${row}; features must be numbers (fill or drop the nulls in the query)`);
  throw new RangeError(`${WHERE}: column '${column}' holds ${describeKind(value)} at row ${row}; features must be numeric (cast them in the query, e.g. CAST(x AS DOUBLE))`);
}
