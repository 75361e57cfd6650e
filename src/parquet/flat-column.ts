/**
 * The fast path of the Parquet reader: a column chunk of a flat numeric column (DOUBLE,
 * FLOAT, INT32, INT64 directly under the root, required or optional) decoded page by page
 * straight into one typed array for the row group, with its nulls as a validity bitmap.
 * hyparquet decodes such a column too, but an optional column (DuckDB writes every column
 * optional) comes out of it as a JavaScript array filled value by value, ten times slower
 * than these byte copies. Pages in an encoding this file does not decode (DELTA_*, the
 * deprecated BIT_PACKED levels) raise {@link NotFlat} and the caller reads the chunk with
 * hyparquet instead.
 * @module
 */

/** Thrown when a chunk needs hyparquet's general decoder. */
export class NotFlat extends Error {}

/** Decompresses a page of `codec` into `outputLength` bytes (in a buffer the next call may reuse). */
export type Decompress = (codec: string, input: Uint8Array, outputLength: number) => Uint8Array;

/** The typed arrays of the physical types. */
export type FlatValues = Float64Array | Float32Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;
export type FlatConstructor = { new (length: number): FlatValues; new (buffer: ArrayBuffer): FlatValues; readonly BYTES_PER_ELEMENT: number };

/** A decoded column chunk: one value per row (0 where null) and which rows are valid. */
export interface FlatChunk {
  values: FlatValues;
  /** Bit i (from bit 0, least significant first) set when row i is valid; null without nulls. */
  validity: Uint8Array | null;
  nullCount: number;
}

// Parquet's enums (parquet.thrift).
const DATA_PAGE = 0;
const DICTIONARY_PAGE = 2;
const DATA_PAGE_V2 = 3;
const PLAIN = 0;
const PLAIN_DICTIONARY = 2;
const RLE = 3;
const RLE_DICTIONARY = 8;
const BYTE_STREAM_SPLIT = 9;

/** A reader of thrift's compact protocol over bytes. */
class Thrift {
  offset: number;
  constructor(
    readonly bytes: Uint8Array,
    offset: number,
  ) {
    this.offset = offset;
  }

  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.bytes[this.offset++];
      if (byte === undefined) throw new RangeError('the page header runs past the end of the column chunk');
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  }

  zigzag(): number {
    const n = this.varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  /** A struct as field id → value (numbers, booleans, nested structs; others skipped as null). */
  struct(): Map<number, unknown> {
    const fields = new Map<number, unknown>();
    let id = 0;
    for (;;) {
      const header = this.bytes[this.offset++];
      if (header === undefined) throw new RangeError('the page header runs past the end of the column chunk');
      const type = header & 0x0f;
      if (type === 0) return fields;
      const delta = header >> 4;
      id = delta === 0 ? this.zigzag() : id + delta;
      fields.set(id, this.value(type));
    }
  }

  value(type: number): unknown {
    switch (type) {
      case 1:
        return true;
      case 2:
        return false;
      case 3:
        return this.bytes[this.offset++];
      case 4:
      case 5:
      case 6:
        return this.zigzag();
      case 7:
        this.offset += 8;
        return null;
      case 8:
        this.offset += this.varint();
        return null;
      case 9:
      case 10: {
        const header = this.bytes[this.offset++] as number;
        const size = header >> 4 === 15 ? this.varint() : header >> 4;
        const element = header & 0x0f;
        // Booleans in a list take a byte each.
        for (let i = 0; i < size; i++) if (element === 1 || element === 2) this.offset++;
        else this.value(element);
        return null;
      }
      case 11: {
        const size = this.varint();
        if (size === 0) return null;
        const types = this.bytes[this.offset++] as number;
        for (let i = 0; i < size; i++) {
          this.value(types >> 4);
          this.value(types & 0x0f);
        }
        return null;
      }
      case 12:
        return this.struct();
      default:
        throw new RangeError(`the page header holds an unknown thrift type ${type}`);
    }
  }
}

/**
 * The definition levels of a flat optional column (RLE/bit-packed hybrid of width 1): how
 * many values are present, and one byte per value (0/1) unless all are (the common case, a
 * single run of ones, is read without writing a byte per value).
 */
function readLevels(bytes: Uint8Array, start: number, end: number, count: number): { present: number; levels: Uint8Array | null } {
  const reader = new Thrift(bytes, start);
  if (count === 0) return { present: 0, levels: null };
  // One run of ones covering the page: no nulls.
  const first = reader.varint();
  if ((first & 1) === 0 && first >>> 1 >= count && ((bytes[reader.offset] as number) & 1) === 1) return { present: count, levels: null };
  reader.offset = start;
  const levels = new Uint8Array(count);
  let present = 0;
  let seen = 0;
  while (seen < count && reader.offset < end) {
    const header = reader.varint();
    if ((header & 1) === 0) {
      const run = Math.min(header >>> 1, count - seen);
      const value = (bytes[reader.offset++] as number) & 1;
      if (value !== 0) {
        levels.fill(1, seen, seen + run);
        present += run;
      }
      seen += run;
    } else {
      const groups = Math.floor(header / 2);
      for (let g = 0; g < groups && seen < count; g++) {
        const byte = bytes[reader.offset + g] as number;
        for (let b = 0; b < 8 && seen < count; b++) {
          const bit = (byte >> b) & 1;
          levels[seen++] = bit;
          present += bit;
        }
      }
      reader.offset += groups;
    }
  }
  if (seen < count) throw new RangeError(`the definition levels end after ${seen} of ${count} values`);
  return { present, levels: present === count ? null : levels };
}

/** The indices of the page being decoded (one buffer for every page: this code is synchronous). */
let indexBuffer = new Int32Array(0);

/**
 * The dictionary indices of a page (bit width, then the RLE/bit-packed hybrid up to `end`),
 * in the first `count` places of a buffer the next call reuses.
 */
function readIndices(bytes: Uint8Array, start: number, end: number, count: number): Int32Array {
  if (indexBuffer.length < count) indexBuffer = new Int32Array(Math.max(count, 2 * indexBuffer.length));
  const indices = indexBuffer;
  const width = bytes[start] as number;
  // A dictionary page holds at most 2³¹ values; wider indices would be a damaged page.
  if (width > 31) throw new RangeError(`a dictionary index width of ${width} bits`);
  const mask = width === 31 ? 0x7fffffff : (1 << width) - 1;
  const reader = new Thrift(bytes, start + 1);
  const byteWidth = (width + 7) >> 3;
  let seen = 0;
  while (seen < count && reader.offset < end) {
    const header = reader.varint();
    if ((header & 1) === 0) {
      const run = Math.min(header >>> 1, count - seen);
      let value = 0;
      for (let i = 0; i < byteWidth; i++) value += (bytes[reader.offset++] as number) * 2 ** (8 * i);
      indices.fill(value, seen, seen + run);
      seen += run;
    } else {
      // Groups of 8 values, `width` bits each, least significant bit first: for widths up to
      // 24, a bit buffer refilled a byte at a time (it holds at most 31 bits, so it stays in
      // 32-bit integer arithmetic); wider ones, never written in practice, bit by bit.
      const groups = Math.floor(header / 2);
      const last = Math.min(count, seen + groups * 8);
      let p = reader.offset;
      if (width <= 24) {
        let buffer = 0;
        let bits = 0;
        for (; seen < last; seen++) {
          while (bits < width) {
            buffer |= (bytes[p++] as number) << bits;
            bits += 8;
          }
          indices[seen] = buffer & mask;
          buffer >>>= width;
          bits -= width;
        }
      } else {
        let bitPos = p * 8;
        for (; seen < last; seen++, bitPos += width) {
          let value = 0;
          for (let b = 0; b < width; b++) {
            const at = bitPos + b;
            value |= (((bytes[at >> 3] as number) >> (at & 7)) & 1) << b;
          }
          indices[seen] = value & mask;
        }
      }
      reader.offset += groups * width;
    }
  }
  if (seen < count) throw new RangeError(`the dictionary indices end after ${seen} of ${count} values`);
  return indices;
}

/** `count` values of `width` bytes from `source` into `target` at value `at`, undoing BYTE_STREAM_SPLIT if asked. */
function copyValues(source: Uint8Array, count: number, width: number, target: Uint8Array, at: number, split: boolean): void {
  if (source.length < count * width) throw new RangeError(`a page holds ${source.length} bytes of values for ${count} values of ${width} bytes`);
  if (!split) {
    target.set(source.subarray(0, count * width), at * width);
    return;
  }
  for (let b = 0; b < width; b++) {
    const stream = b * count;
    for (let k = 0, t = at * width + b; k < count; k++, t += width) target[t] = source[stream + k] as number;
  }
}

/** out[at + k] = dictionary[indices[k]] for k < count, each index checked. */
function gather(out: FlatValues, dictionary: FlatValues, indices: Int32Array, at: number, count: number): void {
  const o = out as unknown as { [k: number]: number | bigint };
  const d = dictionary as unknown as { [k: number]: number | bigint };
  const size = dictionary.length;
  for (let k = 0; k < count; k++) {
    const index = indices[k] as number;
    if (index >= size) throw new RangeError(`a dictionary index ${index} beyond the dictionary's ${size} values`);
    o[at + k] = d[index] as number | bigint;
  }
}

/**
 * Decodes the column chunk in `bytes` (its pages, dictionary first if any) into `rows` values
 * (into `reuse` when it is an array of that type and length).
 * @param type - the physical type's array (its element size is the value size).
 * @param optional - whether the column has definition levels (maxDefinitionLevel 1).
 * @throws NotFlat for an encoding left to hyparquet; RangeError for pages that do not add up.
 */
export function readFlatColumn(
  bytes: Uint8Array,
  rows: number,
  type: FlatConstructor,
  optional: boolean,
  codec: string,
  decompress: Decompress,
  reuse: FlatValues | null = null,
): FlatChunk {
  const width = type.BYTES_PER_ELEMENT;
  // A caller done with the previous row group's values lends them back: allocating (and
  // collecting) an array per column and row group costs more than decoding into it.
  const values = reuse !== null && reuse.constructor === type && reuse.length === rows ? reuse : new type(rows);
  const zero = values instanceof BigInt64Array || values instanceof BigUint64Array ? 0n : 0;
  const target = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let valid: Uint8Array | null = null;
  let nullCount = 0;
  let dictionary: FlatValues | null = null;
  let row = 0;
  let offset = 0;
  while (row < rows && offset < bytes.length) {
    const thrift = new Thrift(bytes, offset);
    const header = thrift.struct();
    const pageType = header.get(1) as number;
    const uncompressedSize = header.get(2) as number;
    const compressedSize = header.get(3) as number;
    const start = thrift.offset;
    const end = start + compressedSize;
    if (end > bytes.length) throw new RangeError(`a page of ${compressedSize} bytes runs past the end of the column chunk`);
    offset = end;
    const raw = bytes.subarray(start, end);
    if (pageType === DICTIONARY_PAGE) {
      const page = header.get(7) as Map<number, unknown>;
      const count = page.get(1) as number;
      const encoding = page.get(2) as number;
      if (encoding !== PLAIN && encoding !== PLAIN_DICTIONARY) throw new NotFlat(`dictionary encoding ${encoding}`);
      const data = codec === 'UNCOMPRESSED' ? raw : decompress(codec, raw, uncompressedSize);
      dictionary = new type(count);
      copyValues(data, count, width, new Uint8Array(dictionary.buffer), 0, false);
      continue;
    }
    let count: number;
    let encoding: number;
    let levels: Uint8Array | null = null;
    let present = -1;
    let data: Uint8Array;
    if (pageType === DATA_PAGE) {
      const page = header.get(5) as Map<number, unknown>;
      count = page.get(1) as number;
      encoding = page.get(2) as number;
      const full = codec === 'UNCOMPRESSED' ? raw : decompress(codec, raw, uncompressedSize);
      let at = 0;
      if (optional) {
        if ((page.get(3) as number) !== RLE) throw new NotFlat('definition levels not RLE');
        const length = (full[0] as number) | ((full[1] as number) << 8) | ((full[2] as number) << 16) | ((full[3] as number) << 24);
        ({ present, levels } = readLevels(full, 4, 4 + length, count));
        at = 4 + length;
      }
      data = full.subarray(at);
    } else if (pageType === DATA_PAGE_V2) {
      const page = header.get(8) as Map<number, unknown>;
      count = page.get(1) as number;
      encoding = page.get(4) as number;
      const defLength = (page.get(5) as number | undefined) ?? 0;
      const repLength = (page.get(6) as number | undefined) ?? 0;
      if (optional) ({ present, levels } = readLevels(raw, repLength, repLength + defLength, count));
      const body = raw.subarray(repLength + defLength);
      data = page.get(7) === false || codec === 'UNCOMPRESSED' ? body : decompress(codec, body, uncompressedSize - defLength - repLength);
    } else {
      // Index pages (never written in practice) carry no rows.
      continue;
    }
    if (count > rows - row) throw new RangeError(`a page of ${count} values beyond the row group's ${rows} rows`);
    if (present < 0) present = count;
    // The present values, dense, written at `row` when the page has no nulls, else staged.
    const dense = present === count;
    const stage = dense ? target : new Uint8Array(present * width);
    const at = dense ? row : 0;
    if (encoding === PLAIN || encoding === BYTE_STREAM_SPLIT) {
      copyValues(data, present, width, stage, at, encoding === BYTE_STREAM_SPLIT);
    } else if (encoding === RLE_DICTIONARY || encoding === PLAIN_DICTIONARY) {
      if (dictionary === null) throw new RangeError('a dictionary-encoded page without a dictionary page');
      const indices = readIndices(data, 0, data.length, present);
      gather(dense ? values : new type(stage.buffer as ArrayBuffer), dictionary, indices, at, present);
    } else {
      throw new NotFlat(`encoding ${encoding}`);
    }
    if (!dense) {
      valid ??= new Uint8Array(rows).fill(1);
      const staged = new type(stage.buffer as ArrayBuffer) as unknown as ArrayLike<number | bigint>;
      const out = values as unknown as { [k: number]: number | bigint };
      for (let k = 0, v = 0; k < count; k++) {
        if ((levels as Uint8Array)[k] === 1) out[row + k] = staged[v++] as number | bigint;
        else {
          valid[row + k] = 0;
          out[row + k] = zero;
        }
      }
      nullCount += count - present;
    }
    row += count;
  }
  if (row !== rows) throw new RangeError(`the column chunk's pages hold ${row} values for the row group's ${rows} rows`);
  let validity: Uint8Array | null = null;
  if (valid !== null) {
    validity = new Uint8Array((rows + 7) >> 3);
    for (let i = 0; i < rows; i++) if (valid[i] === 1) validity[i >> 3] = (validity[i >> 3] as number) | (1 << (i & 7));
  }
  return { values, validity, nullCount };
}
