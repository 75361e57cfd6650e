/**
 * Parquet files read into {@link ParquetTable}s, the Arrow-shaped tables `Matrix.fromArrow`
 * and `labelsFromArrow` read. hyparquet (and hyparquet-compressors, for codecs other than
 * snappy) are optional peer dependencies, imported when a file is first read, so that the
 * `logreg-wasm/parquet` entry loads without them and a missing one is named with the command
 * that installs it. hyparquet reads the footer and every column; flat numeric columns
 * (DOUBLE, FLOAT, INT32, INT64) are decoded here, page by page into one typed array per row
 * group (see `flat-column.ts`).
 * @module
 */
import { describeKind } from '../validate/describe.js';
import { checkColumnNames, checkOptionNames } from '../validate/options.js';
import { type Decompress, type FlatConstructor, type FlatValues, NotFlat, readFlatColumn } from './flat-column.js';
import { ArrowTypeId, ParquetChunk, ParquetColumn, type ParquetColumnType, type ParquetField, ParquetTable, type ParquetValues } from './parquet-table.js';
import { snappyInto } from './snappy.js';
import { type AsyncBufferLike, type ByteSource, openSource, type ParquetSource } from './source.js';

/** Options of {@link readParquet}. */
export interface ReadParquetOptions {
  /**
   * The columns to read (top-level names), in the table's order.
   * @default every column, in the file's order
   */
  columns?: readonly string[] | null;
  /**
   * The row groups to read (0-based indices), in this order.
   * @default every row group, in order
   */
  rowGroups?: readonly number[] | null;
}

/** Options of {@link parquetRowGroups}: those of {@link readParquet}. */
export type ParquetRowGroupsOptions = ReadParquetOptions;

// What the reader uses of hyparquet's metadata (its FileMetaData, SchemaTree), written here so
// that the entry's types do not need hyparquet installed.
interface SchemaElement {
  readonly name: string;
  readonly type?: string;
  readonly type_length?: number;
  readonly repetition_type?: string;
  readonly converted_type?: string;
  readonly logical_type?: { readonly type: string; readonly bitWidth?: number; readonly isSigned?: boolean };
}
interface SchemaTree {
  readonly children: readonly SchemaTree[];
  readonly element: SchemaElement;
}
interface ColumnMetaData {
  readonly type: string;
  readonly path_in_schema: readonly string[];
  readonly codec: string;
  readonly total_compressed_size: bigint;
  readonly data_page_offset: bigint;
  readonly dictionary_page_offset?: bigint;
}
interface FileMetaData {
  readonly num_rows: bigint;
  readonly row_groups: readonly { readonly num_rows: bigint; readonly columns: readonly { readonly file_path?: string; readonly meta_data?: ColumnMetaData }[] }[];
  readonly schema: readonly SchemaElement[];
}
type Codec = (input: Uint8Array, outputLength: number) => Uint8Array;
interface Hyparquet {
  parquetMetadataAsync(file: AsyncBufferLike): Promise<FileMetaData>;
  parquetSchema(metadata: FileMetaData): SchemaTree;
  parquetRead(options: {
    file: AsyncBufferLike;
    metadata: FileMetaData;
    columns: string[];
    rowStart: number;
    rowEnd: number;
    compressors?: Record<string, Codec>;
    onChunk(chunk: { columnName: string; columnData: ArrayLike<unknown>; rowStart: number; rowEnd: number }): void;
  }): Promise<void>;
  asyncBufferFromUrl(options: { url: string }): Promise<AsyncBufferLike>;
}
interface Modules {
  hyparquet: Hyparquet;
  /** hyparquet-compressors' codecs, or null when it is not installed. */
  compressors: Record<string, Codec> | null;
}

const INSTALL = 'npm install hyparquet hyparquet-compressors';

/** Whether `error` is the import of a package that is not installed. */
function isMissingModule(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find (module|package)|Failed to resolve module|Failed to fetch dynamically imported module/i.test(message);
}

/**
 * Imports hyparquet (required) and hyparquet-compressors (optional), turning a missing
 * hyparquet into an Error that says what to install.
 * @internal exported for the tests, which pass loaders that fail.
 */
export async function loadParquetModules(
  where: string,
  importHyparquet: () => Promise<unknown> = () => import('hyparquet'),
  importCompressors: () => Promise<unknown> = () => import('hyparquet-compressors'),
): Promise<Modules> {
  let hyparquet: Hyparquet;
  try {
    hyparquet = (await importHyparquet()) as Hyparquet;
  } catch (error) {
    if (!isMissingModule(error)) throw error;
    throw new Error(`${where}: reading Parquet needs the package hyparquet, which is not installed: ${INSTALL}`, { cause: error });
  }
  let compressors: Record<string, Codec> | null = null;
  try {
    compressors = ((await importCompressors()) as { compressors: Record<string, Codec> }).compressors;
  } catch (error) {
    if (!isMissingModule(error)) throw error;
  }
  return { hyparquet, compressors };
}

let modules: Promise<Modules> | null = null;

/** The modules, imported once. */
function parquetModules(where: string): Promise<Modules> {
  modules ??= loadParquetModules(where).catch((error: unknown) => {
    modules = null;
    throw error;
  });
  return modules;
}

/** A Parquet file opened: its metadata and the columns and row groups asked for. */
export interface OpenedParquet {
  readonly file: ByteSource;
  readonly fields: readonly ParquetField[];
  readonly groups: readonly number[];
  /** Rows of a row group. */
  rows(group: number): number;
  /**
   * The columns of a row group. With `into`, a numeric column is decoded into the array it
   * gives for field `j` (when of the column's type and the group's length): the arrays of a
   * table read before that is no longer used, or places in a whole column's array.
   */
  readGroup(group: number, into?: ((j: number, type: FlatConstructor, rows: number) => FlatValues | null) | null): Promise<ParquetTable>;
}

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

/** Whether `bytes` are PAR1. */
function isMagic(bytes: Uint8Array): boolean {
  return bytes.length === 4 && MAGIC.every((b, i) => bytes[i] === b);
}

/** The Arrow type of a top-level column. */
function columnType(node: SchemaTree): ParquetColumnType {
  const e = node.element;
  const make = (typeId: number, parquet: string, extra: { precision?: number; bitWidth?: number; isSigned?: boolean } = {}): ParquetColumnType => ({
    typeId,
    ...extra,
    parquet,
    toString: () => parquet,
  });
  if (node.children.length > 0 || e.repetition_type === 'REPEATED') {
    const kind = e.converted_type === 'LIST' || e.logical_type?.type === 'LIST' || e.repetition_type === 'REPEATED' ? 'list' : e.converted_type === 'MAP' || e.converted_type === 'MAP_KEY_VALUE' || e.logical_type?.type === 'MAP' ? 'map' : 'group';
    return make(kind === 'list' ? ArrowTypeId.List : kind === 'map' ? ArrowTypeId.Map : ArrowTypeId.Struct, `${kind} (nested)`);
  }
  const physical = e.type ?? 'unknown';
  const logical = e.logical_type?.type;
  const converted = e.converted_type;
  const parquet = converted !== undefined ? `${physical} (${converted})` : logical !== undefined ? `${physical} (${logical})` : physical;
  if (converted === 'DECIMAL' || logical === 'DECIMAL') return make(ArrowTypeId.Decimal, parquet);
  if (converted === 'DATE' || logical === 'DATE') return make(ArrowTypeId.Date, parquet);
  if (converted?.startsWith('TIME_') === true || logical === 'TIME') return make(ArrowTypeId.Time, parquet);
  if (converted?.startsWith('TIMESTAMP') === true || logical === 'TIMESTAMP' || physical === 'INT96') return make(ArrowTypeId.Timestamp, parquet);
  if (physical === 'DOUBLE') return make(ArrowTypeId.Float, parquet, { precision: 2 });
  // A half float is widened to float32, which holds every half exactly.
  if (physical === 'FLOAT' || logical === 'FLOAT16') return make(ArrowTypeId.Float, parquet, { precision: 1 });
  if (physical === 'INT32' || physical === 'INT64') {
    const unsigned = converted?.startsWith('UINT') === true || (logical === 'INTEGER' && e.logical_type?.isSigned === false);
    const bits = e.logical_type?.bitWidth ?? (converted !== undefined && /\d+$/.test(converted) ? Number(/\d+$/.exec(converted)?.[0]) : physical === 'INT32' ? 32 : 64);
    if (converted === undefined || /^U?INT_/.test(converted)) return make(ArrowTypeId.Int, parquet, { bitWidth: bits, isSigned: !unsigned });
  }
  if (physical === 'BOOLEAN') return make(ArrowTypeId.Bool, parquet);
  if (physical === 'BYTE_ARRAY' && (logical === undefined || logical === 'STRING' || logical === 'ENUM' || logical === 'JSON' || converted === 'UTF8' || converted === 'ENUM' || converted === 'JSON')) return make(ArrowTypeId.Utf8, parquet);
  if (physical === 'FIXED_LEN_BYTE_ARRAY') return make(ArrowTypeId.FixedSizeBinary, parquet);
  return make(ArrowTypeId.Binary, parquet);
}

/** The typed array of a flat numeric leaf column that {@link readFlatColumn} decodes, or null. */
function flatArray(node: SchemaTree, type: ParquetColumnType): FlatConstructor | null {
  if (node.children.length > 0 || node.element.repetition_type === 'REPEATED') return null;
  const physical = node.element.type;
  if (type.typeId === ArrowTypeId.Float) return physical === 'DOUBLE' ? Float64Array : physical === 'FLOAT' ? Float32Array : null;
  if (type.typeId !== ArrowTypeId.Int) return null;
  if (physical === 'INT32') return type.isSigned === false && type.bitWidth === 32 ? Uint32Array : Int32Array;
  if (physical === 'INT64') return type.isSigned === false ? BigUint64Array : BigInt64Array;
  return null;
}

/** Values hyparquet decoded (an array with nulls), as the chunk's values and validity. */
function fromDecoded(decoded: unknown[], type: ParquetColumnType, physical: string | undefined): { values: ParquetValues; validity: Uint8Array | null; nullCount: number } {
  const rows = decoded.length;
  let nullCount = 0;
  for (let i = 0; i < rows; i++) if (decoded[i] === null || decoded[i] === undefined) nullCount++;
  let validity: Uint8Array | null = null;
  if (nullCount > 0) {
    validity = new Uint8Array((rows + 7) >> 3);
    for (let i = 0; i < rows; i++) if (decoded[i] !== null && decoded[i] !== undefined) validity[i >> 3] = (validity[i >> 3] as number) | (1 << (i & 7));
  }
  let values: ParquetValues = decoded;
  if (type.typeId === ArrowTypeId.Float) {
    const out = type.precision === 2 ? new Float64Array(rows) : new Float32Array(rows);
    for (let i = 0; i < rows; i++) out[i] = (decoded[i] as number | null) ?? 0;
    values = out;
  } else if (type.typeId === ArrowTypeId.Int) {
    if (physical === 'INT64') {
      const out = type.isSigned === false ? new BigUint64Array(rows) : new BigInt64Array(rows);
      for (let i = 0; i < rows; i++) out[i] = BigInt((decoded[i] as bigint | number | null) ?? 0);
      values = out;
    } else {
      const out = type.isSigned === false && type.bitWidth === 32 ? new Uint32Array(rows) : new Int32Array(rows);
      for (let i = 0; i < rows; i++) out[i] = (decoded[i] as number | null) ?? 0;
      values = out;
    }
  } else if (nullCount > 0) {
    values = decoded.map((v) => v ?? null);
  }
  return { values, validity, nullCount };
}

/** The codecs hyparquet reads without hyparquet-compressors. */
const BUILT_IN = new Set(['UNCOMPRESSED', 'SNAPPY']);

/**
 * Opens `source` as a Parquet file: checks its magic bytes, reads its footer with hyparquet,
 * and resolves the columns and row groups asked for.
 */
export async function openParquet(where: string, source: unknown, options: ReadParquetOptions): Promise<OpenedParquet> {
  checkOptionNames(where, options, ['columns', 'rowGroups']);
  const columnsOption = checkColumnNames(where, options.columns);
  const groupsOption = options.rowGroups ?? null;
  if (groupsOption !== null && (!Array.isArray(groupsOption) || groupsOption.some((g) => typeof g !== 'number'))) {
    throw new TypeError(`${where}: rowGroups must be an array of row group indices, got ${describeKind(groupsOption)}`);
  }
  const { hyparquet, compressors } = await parquetModules(where);
  const file = await openSource(where, source, () => Promise.resolve(hyparquet.asyncBufferFromUrl));
  try {
    const name = file.name;
    const size = file.byteLength;
    if (size < 12) throw new RangeError(`${where}: ${name} is not a Parquet file: it has ${size} bytes, fewer than a Parquet file's 12 (the magic bytes PAR1 at both ends and the footer's length)`);
    // Each checked before the next read, which may reuse its buffer.
    if (!isMagic(await file.read(0, 4))) throw new RangeError(`${where}: ${name} is not a Parquet file: it does not start with the magic bytes PAR1`);
    if (!isMagic(await file.read(size - 4, size))) throw new RangeError(`${where}: ${name} is truncated or not a Parquet file: it starts with the magic bytes PAR1 but does not end with them (a Parquet file ends with its footer and PAR1)`);
    let metadata: FileMetaData;
    try {
      metadata = await hyparquet.parquetMetadataAsync(file.asyncBuffer);
    } catch (error) {
      throw new RangeError(`${where}: ${name} is truncated or corrupt: its footer cannot be read (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    const tree = hyparquet.parquetSchema(metadata);
    const available = tree.children.map((child) => child.element.name);
    const names = columnsOption ?? available;
    for (const column of names) {
      if (!available.includes(column)) throw new RangeError(`${where}: ${name} has no column '${column}' (columns: ${available.join(', ')})`);
    }
    const duplicate = names.find((column, j) => names.indexOf(column) !== j);
    if (duplicate !== undefined) throw new RangeError(`${where}: columns names '${duplicate}' twice`);
    const groupCount = metadata.row_groups.length;
    const groups = groupsOption ?? metadata.row_groups.map((_, g) => g);
    groups.forEach((g, k) => {
      if (!Number.isInteger(g) || g < 0 || g >= groupCount) {
        throw new RangeError(`${where}: rowGroups[${k}] is ${String(g)}, but ${name} has ${groupCount} row group${groupCount === 1 ? '' : 's'}${groupCount > 0 ? ` (0 to ${groupCount - 1})` : ''}`);
      }
    });
    const nodes = names.map((column) => tree.children.find((child) => child.element.name === column) as SchemaTree);
    const fields: ParquetField[] = nodes.map((node) => ({ name: node.element.name, type: columnType(node), nullable: node.element.repetition_type !== 'REQUIRED' }));
    const starts: number[] = [];
    metadata.row_groups.reduce((rows, group) => (starts.push(rows), rows + Number(group.num_rows)), 0);

    let scratch = new Uint8Array(0);
    const decompress: Decompress = (codec, input, outputLength) => {
      if (codec === 'SNAPPY') {
        if (scratch.length < outputLength) scratch = new Uint8Array(Math.max(outputLength, 2 * scratch.length));
        const out = scratch.subarray(0, outputLength);
        snappyInto(input, out);
        return out;
      }
      const decode = compressors?.[codec] ?? null;
      if (decode === null) throw new RangeError(`the codec ${codec} is not supported`);
      const out = decode(input, outputLength);
      if (out.length !== outputLength) throw new RangeError(`a ${codec} page decompressed to ${out.length} bytes, not the ${outputLength} its header says`);
      return out;
    };

    const readColumn = async (node: SchemaTree, field: ParquetField, group: number, into: ((type: FlatConstructor) => FlatValues | null) | null): Promise<ParquetChunk> => {
      const rowGroup = metadata.row_groups[group] as FileMetaData['row_groups'][number];
      const rows = Number(rowGroup.num_rows);
      const leaves = rowGroup.columns.filter((chunk) => chunk.meta_data?.path_in_schema[0] === field.name);
      for (const leaf of leaves) {
        const meta = leaf.meta_data as ColumnMetaData;
        if (leaf.file_path !== undefined) throw new RangeError(`${where}: ${name}: column '${field.name}' lives in another file (${leaf.file_path}), which is not read`);
        if (!BUILT_IN.has(meta.codec) && compressors === null) {
          throw new Error(`${where}: ${name}: column '${field.name}' is compressed with ${meta.codec}, which needs the package hyparquet-compressors: ${INSTALL}`);
        }
        const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
        const end = start + Number(meta.total_compressed_size);
        if (end > size) throw new RangeError(`${where}: ${name} is truncated: column '${field.name}' of row group ${group} ends at byte ${end}, beyond the file's ${size} bytes`);
      }
      const flat = flatArray(node, field.type);
      const leaf = leaves[0]?.meta_data;
      if (flat !== null && leaves.length === 1 && leaf !== undefined) {
        const start = Number(leaf.dictionary_page_offset || leaf.data_page_offset);
        const bytes = await file.read(start, start + Number(leaf.total_compressed_size));
        try {
          const chunk = readFlatColumn(bytes, rows, flat, node.element.repetition_type !== 'REQUIRED', leaf.codec, decompress, into?.(flat) ?? null);
          return new ParquetChunk(rows, chunk.nullCount, chunk.values, chunk.validity, field.type);
        } catch (error) {
          if (!(error instanceof NotFlat)) throw new RangeError(`${where}: ${name} is corrupt: column '${field.name}' of row group ${group}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
      const decoded = new Array<unknown>(rows);
      const first = starts[group] as number;
      try {
        await hyparquet.parquetRead({
          file: file.asyncBuffer,
          metadata,
          columns: [field.name],
          rowStart: first,
          rowEnd: first + rows,
          ...(compressors === null ? {} : { compressors }),
          onChunk: (chunk) => {
            for (let i = Math.max(chunk.rowStart, first); i < Math.min(chunk.rowEnd, first + rows); i++) decoded[i - first] = chunk.columnData[i - chunk.rowStart];
          },
        });
      } catch (error) {
        throw new RangeError(`${where}: ${name}: cannot read column '${field.name}' of row group ${group}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      const { values, validity, nullCount } = fromDecoded(decoded, field.type, node.element.type);
      return new ParquetChunk(rows, nullCount, values, validity, field.type);
    };

    return {
      file,
      fields,
      groups,
      rows: (group) => Number((metadata.row_groups[group] as FileMetaData['row_groups'][number]).num_rows),
      readGroup: async (group, into = null) => {
        const rows = Number((metadata.row_groups[group] as FileMetaData['row_groups'][number]).num_rows);
        const columns: ParquetColumn[] = [];
        for (let j = 0; j < fields.length; j++) {
          const field = fields[j] as ParquetField;
          const target = into === null ? null : (type: FlatConstructor) => into(j, type, rows);
          columns.push(new ParquetColumn(field.type, [await readColumn(nodes[j] as SchemaTree, field, group, target)]));
        }
        return new ParquetTable(rows, fields, columns);
      },
    };
  } catch (error) {
    await file.close();
    throw error;
  }
}

/**
 * Reads a Parquet file into a {@link ParquetTable}: the columns asked for, one chunk per row
 * group read. The table is shaped as an Arrow table, so `Matrix.fromArrow(table, { columns })`
 * writes its numeric columns into WebAssembly memory (one pass per column chunk) and
 * `labelsFromArrow(table, column)` reads labels from it. DOUBLE and FLOAT columns arrive as
 * Float64Array/Float32Array, INT32 as Int32Array (UINT_32 as Uint32Array), INT64 as
 * BigInt64Array (UINT_64 as BigUint64Array; `Matrix.fromArrow` refuses values beyond ±2⁵³),
 * nulls as a validity bitmap; strings, booleans, dates and nested columns as arrays of
 * JavaScript values (hyparquet's). Any codec is read: uncompressed and snappy with hyparquet
 * alone, the others (gzip, zstd, brotli, lz4) with hyparquet-compressors installed.
 *
 * @param source - a file path or `file:` URL (Node), an http(s) URL (range requests), an
 *   ArrayBuffer, a Uint8Array, a Blob, or an AsyncBuffer (`{ byteLength, slice(start, end) }`).
 * @throws TypeError for a source or option of the wrong kind; RangeError for a file that
 *   cannot be opened, is not Parquet, is truncated or corrupt, a column it does not have
 *   (listing those it has), a row group index out of range; Error naming the command to run
 *   when hyparquet, or hyparquet-compressors for a codec that needs it, is not installed.
 * @example
 * ```ts
 * import { LogisticRegression, Matrix, labelsFromArrow } from 'logreg-wasm';
 * import { readParquet } from 'logreg-wasm/parquet';
 * const table = await readParquet('train.parquet', { columns: ['age', 'dose', 'outcome'] });
 * const X = Matrix.fromArrow(table, { columns: ['age', 'dose'] });
 * const model = new LogisticRegression().fit(X, labelsFromArrow(table, 'outcome'));
 * ```
 */
export async function readParquet(source: ParquetSource, options: ReadParquetOptions = {}): Promise<ParquetTable> {
  const opened = await openParquet('readParquet', source, options);
  try {
    const chunks: ParquetChunk[][] = opened.fields.map(() => []);
    // Each numeric column is one array for every row group read, its chunks views of it: one
    // allocation per column rather than one per column and row group.
    const total = opened.groups.reduce((sum, group) => sum + opened.rows(group), 0);
    const whole = new Map<number, FlatValues>();
    let rows = 0;
    for (const group of opened.groups) {
      const table = await opened.readGroup(group, (j, type, length) => {
        let column = whole.get(j);
        if (column === undefined) whole.set(j, (column = new type(total)));
        return column.constructor === type ? column.subarray(rows, rows + length) : null;
      });
      rows += table.numRows;
      opened.fields.forEach((field, j) => (chunks[j] as ParquetChunk[]).push(...(table.getChild(field.name) as ParquetColumn).data));
    }
    return new ParquetTable(rows, opened.fields, opened.fields.map((field, j) => new ParquetColumn(field.type, chunks[j] as ParquetChunk[])));
  } finally {
    await opened.file.close();
  }
}

/**
 * Reads a Parquet file one row group at a time: each iteration reads the next row group's
 * columns into a {@link ParquetTable} (as {@link readParquet} reads a file), so memory holds
 * one row group. The file is closed when the loop ends (or breaks).
 * @throws (while iterating) as {@link readParquet}.
 * @example
 * ```ts
 * for await (const table of parquetRowGroups('big.parquet', { columns: ['x1', 'x2', 'y'] })) {
 *   console.log(table.numRows);
 * }
 * ```
 */
export function parquetRowGroups(source: ParquetSource, options: ParquetRowGroupsOptions = {}): AsyncGenerator<ParquetTable, void, undefined> {
  return rowGroupTables('parquetRowGroups', source, options);
}

/** The numeric arrays of a table done with, lent to the next row group's columns. */
export function lendFrom(table: ParquetTable | null): ((j: number) => FlatValues | null) | null {
  if (table === null) return null;
  return (j) => {
    const field = table.schema.fields[j];
    const values = field === undefined ? null : (table.getChild(field.name)?.data[0]?.values ?? null);
    return values === null || Array.isArray(values) ? null : (values as FlatValues);
  };
}

/**
 * {@link parquetRowGroups}, its errors naming `where`. With `reuse`, each table's numeric
 * arrays are reused by the next, for a caller done with a table when it asks for the next.
 */
export async function* rowGroupTables(where: string, source: unknown, options: ParquetRowGroupsOptions, reuse = false): AsyncGenerator<ParquetTable, void, undefined> {
  const opened = await openParquet(where, source, options);
  try {
    let previous: ParquetTable | null = null;
    for (const group of opened.groups) {
      const table: ParquetTable = await opened.readGroup(group, reuse ? lendFrom(previous) : null);
      previous = table;
      yield table;
    }
  } finally {
    await opened.file.close();
  }
}
