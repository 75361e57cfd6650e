/**
 * The protocol buffers wire format, as far as ONNX needs it: varints (int32, int64,
 * enums), 32-bit floats and length-delimited fields (strings, bytes, sub-messages,
 * packed repeated numbers). A writer that builds a message, and a reader that steps
 * through a message's fields with every length checked against the bytes present,
 * decoding a value only when asked: a repeated field can be counted, and so capped,
 * before any of it is materialised.
 * @module
 */

/** Wire types. */
export const VARINT = 0;
export const FIXED64 = 1;
export const LEN = 2;
export const FIXED32 = 5;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Builds one message; fields are written in call order. */
export class ProtoWriter {
  readonly #chunks: Uint8Array[] = [];
  #length = 0;

  #push(bytes: Uint8Array): void {
    this.#chunks.push(bytes);
    this.#length += bytes.length;
  }

  #tag(field: number, wire: number): void {
    this.#varint(field * 8 + wire);
  }

  #varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    const out: number[] = [];
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    this.#push(Uint8Array.from(out));
  }

  /** An int32/int64/enum field (negative values take ten bytes, as protobuf does). */
  int(field: number, value: number): this {
    if (!Number.isSafeInteger(value)) throw new RangeError(`protobuf: field ${field} is not a safe integer (${value})`);
    this.#tag(field, VARINT);
    this.#varint(value);
    return this;
  }

  /** A float (32-bit) field. */
  float(field: number, value: number): this {
    this.#tag(field, FIXED32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.#push(b);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.#tag(field, LEN);
    this.#varint(value.length);
    this.#push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, encoder.encode(value));
  }

  message(field: number, value: ProtoWriter): this {
    return this.bytes(field, value.finish());
  }

  /** A packed repeated float field. */
  packedFloats(field: number, values: ArrayLike<number>): this {
    const b = new Uint8Array(values.length * 4);
    const view = new DataView(b.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
    return this.bytes(field, b);
  }

  /** A packed repeated int64 field. */
  packedInts(field: number, values: ArrayLike<number>): this {
    const inner = new ProtoWriter();
    for (let i = 0; i < values.length; i++) {
      if (!Number.isSafeInteger(values[i])) throw new RangeError(`protobuf: field ${field} holds a value that is not a safe integer`);
      inner.#varint(values[i] as number);
    }
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let at = 0;
    for (const c of this.#chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** Thrown for bytes that are not a well-formed protobuf message. */
export class ProtoError extends RangeError {}

/** Varints of up to 7 bytes (49 bits) are read as numbers exactly; longer ones as bigints. */
const FAST_VARINT_BYTES = 7;

/**
 * A cursor over the fields of one message. `next()` moves to the following field and
 * checks its extent against the bytes present; nothing is decoded or allocated until a
 * value is asked for, so skipping a field — however large — costs only reading its tag
 * and length, and a repeated field can be counted before any of it is materialised.
 */
export class ProtoReader {
  readonly #bytes: Uint8Array;
  readonly #where: string;
  readonly #maxFields: number;
  #at = 0;
  #fields = 0;
  #start = 0;
  #end = 0;
  /** The current field's number (after a `next()` that returned true). */
  field = 0;
  /** The current field's wire type. */
  wire = 0;

  /**
   * @param where the message's name, the prefix of error messages.
   * @param maxFields at most this many fields are read; more is an error. Reading allocates
   * nothing per field, so Infinity (bounded by the bytes) suits a message whose fields are
   * one repeated value each, as proto2 writers emit ONNX's repeated attributes.
   */
  constructor(bytes: Uint8Array, where: string, maxFields = 1 << 20) {
    this.#bytes = bytes;
    this.#where = where;
    this.#maxFields = maxFields;
  }

  /**
   * Moves to the next field.
   * @returns false at the end of the message.
   * @throws ProtoError for a truncated or malformed field, or more than `maxFields` fields.
   */
  next(): boolean {
    const bytes = this.#bytes;
    let at = this.#at;
    if (at >= bytes.length) return false;
    if (this.#fields >= this.#maxFields) throw new ProtoError(`${this.#where}: more than ${this.#maxFields} fields`);
    this.#fields++;
    // Tags and most payload varints are one byte: that case is read inline.
    let tag = bytes[at] as number;
    if (tag < 0x80) at++;
    else {
      const end = varintEnd(bytes, at, this.#where);
      tag = end - at > 5 ? Infinity : varintNumber(bytes, at, end);
      at = end;
    }
    const wire = tag % 8;
    const field = (tag - wire) / 8;
    if (field === 0 || field > 0x1fffffff) {
      throw new ProtoError(`${this.#where}: invalid field number ${tag === Infinity ? 'beyond 2^29' : field}`);
    }
    this.field = field;
    this.wire = wire;
    if (wire === VARINT) {
      this.#start = at;
      at = (bytes[at] as number) < 0x80 ? at + 1 : varintEnd(bytes, at, this.#where);
    } else if (wire === FIXED32 || wire === FIXED64) {
      const size = wire === FIXED32 ? 4 : 8;
      if (at + size > bytes.length) throw new ProtoError(`${this.#where}: the bytes end inside field ${field}`);
      this.#start = at;
      at += size;
    } else if (wire === LEN) {
      const lengthStart = at;
      at = (bytes[at] as number) < 0x80 ? at + 1 : varintEnd(bytes, at, this.#where);
      const remaining = bytes.length - at;
      const length = at - lengthStart > FAST_VARINT_BYTES ? null : varintNumber(bytes, lengthStart, at);
      if (length === null || length > remaining) {
        const declared = length ?? BigInt.asUintN(64, varintBig(bytes, lengthStart, at));
        throw new ProtoError(`${this.#where}: field ${field} declares ${declared} bytes; only ${remaining} remain`);
      }
      this.#start = at;
      at += length;
    } else {
      throw new ProtoError(`${this.#where}: unsupported wire type ${wire} (field ${field})`);
    }
    this.#at = at;
    this.#end = at;
    return true;
  }

  /** The current field's payload: a varint's bytes, 4 or 8 fixed bytes, or a length-delimited field's content (a view). */
  payload(): Uint8Array {
    return this.#bytes.subarray(this.#start, this.#end);
  }

  /** The current field as a safe integer (int64 read as two's complement). @throws ProtoError otherwise. */
  int(what = this.#where): number {
    if (this.wire !== VARINT) throw new ProtoError(`${what}: expected an integer (wire type 0), got wire type ${this.wire}`);
    return int64(this.#bytes, this.#start, this.#end, what);
  }

  /** The current field as a float (32-bit). @throws ProtoError for another wire type. */
  float(what = this.#where): number {
    if (this.wire !== FIXED32) throw new ProtoError(`${what}: expected a float (wire type 5), got wire type ${this.wire}`);
    return float32(this.#bytes, this.#start);
  }

  /** The current field's UTF-8 text. @throws ProtoError for another wire type or invalid UTF-8. */
  string(what = this.#where): string {
    if (this.wire !== LEN) throw new ProtoError(`${what}: expected a string (wire type 2), got wire type ${this.wire}`);
    try {
      return decoder.decode(this.#bytes.subarray(this.#start, this.#end));
    } catch {
      throw new ProtoError(`${what}: a string is not valid UTF-8`);
    }
  }

  /** The current field's content as a view. @throws ProtoError for another wire type. */
  bytes(what = this.#where): Uint8Array {
    if (this.wire !== LEN) throw new ProtoError(`${what}: expected a message or bytes (wire type 2), got wire type ${this.wire}`);
    return this.#bytes.subarray(this.#start, this.#end);
  }
}

/** The position after the varint at `at`. @throws ProtoError when truncated or over 10 bytes. */
function varintEnd(bytes: Uint8Array, at: number, where: string): number {
  for (let i = 0; i < 10; i++) {
    if (at >= bytes.length) throw new ProtoError(`${where}: the bytes end inside a varint`);
    if (((bytes[at++] as number) & 0x80) === 0) return at;
  }
  throw new ProtoError(`${where}: a varint is longer than 10 bytes`);
}

/** The varint in bytes[start, end) as a number; exact when end − start ≤ 7. */
function varintNumber(bytes: Uint8Array, start: number, end: number): number {
  let value = 0;
  let scale = 1;
  for (let at = start; at < end; at++) {
    value += ((bytes[at] as number) & 0x7f) * scale;
    scale *= 128;
  }
  return value;
}

/** The varint in bytes[start, end) as an unsigned 64-bit bigint. */
function varintBig(bytes: Uint8Array, start: number, end: number): bigint {
  let value = 0n;
  for (let at = end - 1; at >= start; at--) value = (value << 7n) | BigInt((bytes[at] as number) & 0x7f);
  return BigInt.asUintN(64, value);
}

/** The varint in bytes[start, end) as an int64 that must be a safe integer. */
function int64(bytes: Uint8Array, start: number, end: number, what: string): number {
  if (end - start <= FAST_VARINT_BYTES) return varintNumber(bytes, start, end);
  const v = BigInt.asIntN(64, varintBig(bytes, start, end));
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new ProtoError(`${what}: integer ${v} is outside the safe range`);
  }
  return Number(v);
}

function float32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset + at, 4).getFloat32(0, true);
}

/** What a repeated numeric field holds: varints (int32, int64, enums) or 32-bit floats. */
export type RepeatedKind = 'int' | 'float';

/**
 * Counts the values of repeated field `field` of the message `message` (packed and
 * unpacked occurrences alike), stopping once the count exceeds `limit`, without
 * decoding any value.
 * @returns the count, or `limit + 1` when there are more than `limit`.
 * @throws ProtoError for malformed bytes within what was read, or a wrong wire type.
 */
export function countRepeated(message: Uint8Array, field: number, kind: RepeatedKind, limit: number, where: string): number {
  const reader = new ProtoReader(message, where, Infinity);
  const single = kind === 'int' ? VARINT : FIXED32;
  let count = 0;
  while (count <= limit && reader.next()) {
    if (reader.field !== field) continue;
    if (reader.wire === single) count++;
    else if (reader.wire === LEN) {
      const packed = reader.payload();
      if (kind === 'float') {
        if (packed.length % 4 !== 0) throw new ProtoError(`${where}: packed floats of ${packed.length} bytes (not a multiple of 4)`);
        count += packed.length / 4;
      } else {
        // A varint ends at each byte below 0x80; the packed bytes must end with one.
        for (let i = 0; i < packed.length && count <= limit; i++) if ((packed[i] as number) < 0x80) count++;
        if (count <= limit && packed.length > 0 && (packed[packed.length - 1] as number) >= 0x80) {
          throw new ProtoError(`${where}: the bytes end inside a varint`);
        }
      }
    } else {
      throw new ProtoError(`${where}: expected ${kind === 'int' ? 'integers' : 'floats'}, got wire type ${reader.wire}`);
    }
  }
  return Math.min(count, limit + 1);
}

/**
 * Decodes the values of repeated field `field` of `message` into `out`, which must have
 * exactly the length {@link countRepeated} reported.
 * @throws ProtoError for malformed bytes or, for integers, a value outside the safe range.
 */
export function readRepeated(message: Uint8Array, field: number, kind: RepeatedKind, out: Float64Array, where: string): void {
  const reader = new ProtoReader(message, where, Infinity);
  let k = 0;
  while (reader.next()) {
    if (reader.field !== field) continue;
    if (reader.wire !== LEN) {
      out[k++] = kind === 'int' ? reader.int(where) : reader.float(where);
      continue;
    }
    const packed = reader.payload();
    if (kind === 'float') {
      const view = new DataView(packed.buffer, packed.byteOffset, packed.length);
      for (let at = 0; at < packed.length; at += 4) out[k++] = view.getFloat32(at, true);
    } else {
      for (let at = 0; at < packed.length; ) {
        const end = varintEnd(packed, at, where);
        out[k++] = int64(packed, at, end, where);
        at = end;
      }
    }
  }
  if (k !== out.length) throw new ProtoError(`${where}: read ${k} values where ${out.length} were counted`);
}
