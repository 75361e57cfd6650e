/**
 * The table the Parquet reader returns: the shape of an Apache Arrow table as
 * `Matrix.fromArrow` and `labelsFromArrow` read it (flechette's: a column's chunks, each with
 * its `values` and a validity bitmap from bit 0), so Parquet data goes through the same
 * checks and the same one-pass transposition as Arrow data.
 * @module
 */

/** Arrow's type ids (the `Type` enum of apache-arrow and flechette) of the columns a Parquet file can hold. */
export const ArrowTypeId = {
  Binary: 4,
  Int: 2,
  Float: 3,
  Utf8: 5,
  Bool: 6,
  Decimal: 7,
  Date: 8,
  Time: 9,
  Timestamp: 10,
  List: 12,
  Struct: 13,
  FixedSizeBinary: 15,
  Map: 17,
} as const;

/**
 * A column's type, as Arrow names it: `typeId` (see {@link ArrowTypeId}); `precision` for
 * floats (1: 32-bit, 2: 64-bit), `bitWidth` and `isSigned` for integers; `parquet` the
 * Parquet type it was read from (e.g. `'DOUBLE'`, `'INT64 (UINT_64)'`, `'group'`).
 */
export interface ParquetColumnType {
  readonly typeId: number;
  readonly precision?: number;
  readonly bitWidth?: number;
  readonly isSigned?: boolean;
  readonly parquet: string;
  toString(): string;
}

/** The values of a chunk: a typed array for numeric columns, else an array of JavaScript values. */
export type ParquetValues = Float64Array | Float32Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array | unknown[];

/** One row group's slice of a column. */
export class ParquetChunk {
  /** Always 0: `validity` starts at the chunk's first row. */
  readonly offset = 0;
  constructor(
    /** Rows in the chunk. */
    readonly length: number,
    /** Nulls in the chunk. */
    readonly nullCount: number,
    /** One value per row (a null's slot holds 0 in a typed array, null in an array). */
    readonly values: ParquetValues,
    /** Bit i set when row i holds a value (least significant bit first); null when no row is null. */
    readonly validity: Uint8Array | null,
    readonly type: ParquetColumnType,
  ) {}

  /** Row `index` of the chunk, null for a null. */
  at(index: number): unknown {
    if (this.validity !== null && (((this.validity[index >> 3] as number) >> (index & 7)) & 1) === 0) return null;
    return this.values[index];
  }
}

/** A column of a {@link ParquetTable}: one chunk per row group read. */
export class ParquetColumn {
  /** Rows in the column. */
  readonly length: number;
  /** Nulls in the column. */
  readonly nullCount: number;
  readonly #starts: number[];
  #last = 0;

  constructor(
    readonly type: ParquetColumnType,
    /** The chunks, in row order. */
    readonly data: readonly ParquetChunk[],
  ) {
    this.#starts = [];
    let rows = 0;
    let nulls = 0;
    for (const chunk of data) {
      this.#starts.push(rows);
      rows += chunk.length;
      nulls += chunk.nullCount;
    }
    this.length = rows;
    this.nullCount = nulls;
  }

  /** Row `index` of the column (null for a null or beyond the rows; a negative index counts from the end). */
  at(index: number): unknown {
    const i = index < 0 ? index + this.length : index;
    if (!(i >= 0 && i < this.length)) return null;
    // Rows are read in order, so the chunk of the last call is tried first.
    let c = this.#last;
    const starts = this.#starts;
    if (i < (starts[c] as number) || i >= (starts[c] as number) + (this.data[c] as ParquetChunk).length) {
      c = 0;
      let hi = starts.length - 1;
      while (c < hi) {
        const mid = (c + hi + 1) >> 1;
        if ((starts[mid] as number) <= i) c = mid;
        else hi = mid - 1;
      }
      this.#last = c;
    }
    return (this.data[c] as ParquetChunk).at(i - (starts[c] as number));
  }

  /** The column's values as an array, nulls as null. */
  toArray(): unknown[] {
    const out = new Array<unknown>(this.length);
    let row = 0;
    for (const chunk of this.data) for (let k = 0; k < chunk.length; k++) out[row++] = chunk.at(k);
    return out;
  }
}

/** A column's name and type, as in an Arrow schema. */
export interface ParquetField {
  readonly name: string;
  readonly type: ParquetColumnType;
  readonly nullable: boolean;
}

/**
 * Columns of a Parquet file in memory, shaped as an Arrow table (`numRows`, `schema.fields`,
 * `getChild(name)`), so `Matrix.fromArrow(table, { columns })` and
 * `labelsFromArrow(table, column)` read it as they read apache-arrow and flechette tables.
 */
export class ParquetTable {
  /** Rows in the table. */
  readonly numRows: number;
  /** The columns' names and types, in the order read. */
  readonly schema: { readonly fields: readonly ParquetField[] };
  readonly #columns: Map<string, ParquetColumn>;

  constructor(numRows: number, fields: readonly ParquetField[], columns: readonly ParquetColumn[]) {
    this.numRows = numRows;
    this.schema = { fields };
    this.#columns = new Map(fields.map((field, j) => [field.name, columns[j] as ParquetColumn]));
  }

  /** Columns in the table. */
  get numCols(): number {
    return this.schema.fields.length;
  }

  /** The column `name`, or null when the table has none of that name. */
  getChild(name: string): ParquetColumn | null {
    return this.#columns.get(name) ?? null;
  }
}
