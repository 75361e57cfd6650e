/**
 * What the Arrow readers see of a table: the parts apache-arrow and @uwdata/flechette have in
 * common (a table's `numRows`, `schema.fields` and `getChild(name)`; a column's `data`, its
 * chunks; a chunk's `values`, `length`, `nullCount` and validity bitmap, apache-arrow's
 * `nullBitmap` read from bit `offset`, flechette's `validity` from bit 0; a dictionary
 * chunk's `dictionary`), so neither library is a dependency.
 * @module
 */
import { describeKind } from '../validate/describe.js';

/** Arrow's type ids (the `Type` enum both libraries share). */
export const TYPE_INT = 2;
export const TYPE_FLOAT = 3;
export const TYPE_UTF8 = 5;
export const TYPE_LARGE_UTF8 = 20;
export const TYPE_DICTIONARY = -1;

/** An Arrow type as both libraries describe it. */
export interface ArrowType {
  readonly typeId?: number;
  readonly precision?: number;
}

/** A vector of values read one at a time: apache-arrow's `get(i)`, flechette's `at(i)`. */
export interface ArrowVector {
  readonly length: number;
  get?(index: number): unknown;
  at?(index: number): unknown;
}

/** One chunk of a column, as both libraries expose it. */
export interface ArrowChunk {
  readonly length: number;
  readonly nullCount: number;
  readonly values: ArrayLike<number | bigint> | null | undefined;
  /** apache-arrow: the validity bitmap, read from bit `offset`. */
  readonly nullBitmap?: Uint8Array | null;
  readonly offset?: number;
  /** flechette: the validity bitmap, from bit 0. */
  readonly validity?: Uint8Array | null;
  readonly type?: ArrowType;
  /** A dictionary-encoded chunk's dictionary (`values` then holds indices into it). */
  readonly dictionary?: ArrowVector | null;
}

/** A column: its chunks in order. */
export interface ArrowColumn extends ArrowVector {
  readonly data: readonly ArrowChunk[];
  readonly type?: ArrowType;
}

/** A table, as both libraries expose it. */
export interface ArrowTableLike {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly { readonly name: string; readonly type?: { readonly typeId?: number } }[] };
  getChild(name: string): unknown;
}

/** Checks the duck type of a table. */
export function readTable(where: string, table: unknown): ArrowTableLike {
  const t = table as Partial<ArrowTableLike> | null;
  if (t === null || typeof t !== 'object' || typeof t.numRows !== 'number' || typeof t.getChild !== 'function' || !Array.isArray(t.schema?.fields)) {
    throw new TypeError(`${where}: table must be an Arrow table (apache-arrow or @uwdata/flechette: numRows, schema.fields, getChild), got ${describeKind(table)}`);
  }
  return t as ArrowTableLike;
}

/** The column `name` of `table`, checked: present, with chunks that add up to the table's rows. */
export function readColumn(where: string, table: ArrowTableLike, name: string): ArrowColumn {
  if (!table.schema.fields.some((field) => field.name === name)) {
    throw new RangeError(`${where}: the table has no column '${name}' (columns: ${table.schema.fields.map((f) => f.name).join(', ')})`);
  }
  const column = table.getChild(name) as Partial<ArrowColumn> | null;
  if (column === null || typeof column !== 'object' || !Array.isArray(column.data)) {
    throw new TypeError(`${where}: column '${name}' is not an Arrow column (no data chunks)`);
  }
  const length = column.data.reduce((sum, chunk) => sum + (chunk as ArrowChunk).length, 0);
  if (length !== table.numRows) throw new RangeError(`${where}: column '${name}' has ${length} values in its chunks; the table has ${table.numRows} rows`);
  return column as ArrowColumn;
}

/** The type of a column (apache-arrow's vectors and flechette's columns carry it; a chunk does too). */
export function columnType(column: ArrowColumn): ArrowType | undefined {
  return column.type ?? column.data[0]?.type;
}

/** A reader of value i of a vector (both libraries decode dictionaries and give null for a null). */
export function valueReader(vector: ArrowVector): ((index: number) => unknown) | null {
  return typeof vector.get === 'function' ? vector.get.bind(vector) : typeof vector.at === 'function' ? vector.at.bind(vector) : null;
}

/** Whether value k of a chunk is valid (not null). */
export function isValid(chunk: ArrowChunk, k: number): boolean {
  if (chunk.nullCount === 0) return true;
  const bitmap = chunk.validity ?? chunk.nullBitmap ?? null;
  if (bitmap === null || bitmap.length === 0) return true;
  const bit = (chunk.validity !== undefined && chunk.validity !== null ? 0 : (chunk.offset ?? 0)) + k;
  return ((bitmap[bit >> 3] as number) & (1 << (bit & 7))) !== 0;
}
