/**
 * The protocol buffers wire format, as far as ONNX needs it: varints (int32, int64,
 * enums), 32-bit floats and length-delimited fields (strings, bytes, sub-messages,
 * packed repeated numbers). A writer that builds a message, and a reader that splits a
 * message into its fields with every length checked against the bytes present before
 * anything is sliced or allocated.
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

/** One field of a decoded message: a varint (as bigint), fixed32/fixed64 raw bits, or bytes. */
export type ProtoField =
  | { field: number; wire: typeof VARINT; value: bigint }
  | { field: number; wire: typeof FIXED32; value: Uint8Array }
  | { field: number; wire: typeof FIXED64; value: Uint8Array }
  | { field: number; wire: typeof LEN; value: Uint8Array };

/** Thrown for bytes that are not a well-formed protobuf message. */
export class ProtoError extends RangeError {}

/** Reads a varint at `at`; returns it and the position after it. */
function readVarint(bytes: Uint8Array, at: number, where: string): [bigint, number] {
  let result = 0n;
  for (let i = 0; i < 10; i++) {
    if (at >= bytes.length) throw new ProtoError(`${where}: the bytes end inside a varint`);
    const b = bytes[at++] as number;
    result |= BigInt(b & 0x7f) << BigInt(7 * i);
    if ((b & 0x80) === 0) return [result, at];
  }
  throw new ProtoError(`${where}: a varint is longer than 10 bytes`);
}

/**
 * Splits a message into fields (sub-messages are returned as views, not decoded).
 * `maxFields` bounds the number of fields read, so a hostile message cannot make the
 * reader build a large list.
 * @throws ProtoError for truncated or malformed bytes, or more than `maxFields` fields.
 */
export function readFields(bytes: Uint8Array, where: string, maxFields = 1 << 20): ProtoField[] {
  const fields: ProtoField[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (fields.length >= maxFields) throw new ProtoError(`${where}: more than ${maxFields} fields`);
    let tag: bigint;
    [tag, at] = readVarint(bytes, at, where);
    const wire = Number(tag & 7n);
    const fieldBig = tag >> 3n;
    if (fieldBig === 0n || fieldBig > 0x1fffffffn) throw new ProtoError(`${where}: invalid field number ${fieldBig}`);
    const field = Number(fieldBig);
    if (wire === VARINT) {
      let value: bigint;
      [value, at] = readVarint(bytes, at, where);
      fields.push({ field, wire, value });
    } else if (wire === FIXED32 || wire === FIXED64) {
      const size = wire === FIXED32 ? 4 : 8;
      if (at + size > bytes.length) throw new ProtoError(`${where}: the bytes end inside field ${field}`);
      fields.push({ field, wire, value: bytes.subarray(at, at + size) });
      at += size;
    } else if (wire === LEN) {
      let length: bigint;
      [length, at] = readVarint(bytes, at, where);
      if (length > BigInt(bytes.length - at)) {
        throw new ProtoError(`${where}: field ${field} declares ${length} bytes; only ${bytes.length - at} remain`);
      }
      const n = Number(length);
      fields.push({ field, wire, value: bytes.subarray(at, at + n) });
      at += n;
    } else {
      throw new ProtoError(`${where}: unsupported wire type ${wire} (field ${field})`);
    }
  }
  return fields;
}

/** The UTF-8 text of a length-delimited field. @throws ProtoError for invalid UTF-8. */
export function fieldString(f: ProtoField, where: string): string {
  if (f.wire !== LEN) throw new ProtoError(`${where}: expected a string (wire type 2), got wire type ${f.wire}`);
  try {
    return decoder.decode(f.value);
  } catch {
    throw new ProtoError(`${where}: a string is not valid UTF-8`);
  }
}

/** A varint field as a safe integer (int64 read as two's complement). */
export function fieldInt(f: ProtoField, where: string): number {
  if (f.wire !== VARINT) throw new ProtoError(`${where}: expected an integer (wire type 0), got wire type ${f.wire}`);
  const v = BigInt.asIntN(64, f.value);
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new ProtoError(`${where}: integer ${v} is outside the safe range`);
  }
  return Number(v);
}

/** A float field. */
export function fieldFloat(f: ProtoField, where: string): number {
  if (f.wire !== FIXED32) throw new ProtoError(`${where}: expected a float (wire type 5), got wire type ${f.wire}`);
  return new DataView(f.value.buffer, f.value.byteOffset, 4).getFloat32(0, true);
}

/** Appends a repeated float field's values (packed or not) to `out`, up to `max` values. */
export function appendFloats(f: ProtoField, out: number[], max: number, where: string): void {
  if (f.wire === FIXED32) {
    if (out.length >= max) throw new ProtoError(`${where}: more than ${max} values`);
    out.push(fieldFloat(f, where));
    return;
  }
  if (f.wire !== LEN) throw new ProtoError(`${where}: expected floats, got wire type ${f.wire}`);
  if (f.value.length % 4 !== 0) throw new ProtoError(`${where}: packed floats of ${f.value.length} bytes (not a multiple of 4)`);
  const n = f.value.length / 4;
  if (out.length + n > max) throw new ProtoError(`${where}: more than ${max} values`);
  const view = new DataView(f.value.buffer, f.value.byteOffset, f.value.length);
  for (let i = 0; i < n; i++) out.push(view.getFloat32(i * 4, true));
}

/** Appends a repeated int64 field's values (packed or not) to `out`, up to `max` values. */
export function appendInts(f: ProtoField, out: number[], max: number, where: string): void {
  if (f.wire === VARINT) {
    if (out.length >= max) throw new ProtoError(`${where}: more than ${max} values`);
    out.push(fieldInt(f, where));
    return;
  }
  if (f.wire !== LEN) throw new ProtoError(`${where}: expected integers, got wire type ${f.wire}`);
  let at = 0;
  while (at < f.value.length) {
    if (out.length >= max) throw new ProtoError(`${where}: more than ${max} values`);
    let v: bigint;
    [v, at] = readVarint(f.value, at, where);
    out.push(fieldInt({ field: f.field, wire: VARINT, value: v }, where));
  }
}
