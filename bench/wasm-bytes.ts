/**
 * Byte helpers for the bench's hand-assembled WebAssembly kernels (bandwidth.ts's read kernel,
 * inference/peak.ts's arithmetic-peak kernel): the binary format's unsigned LEB128 integers,
 * sections, names and vectors, and the few instruction encodings both kernels use. The bench
 * writes its kernels byte by byte so it needs no compiler at run time; these are the pieces
 * of the format every such module needs, written once.
 *
 * Every helper returns a plain `number[]` of bytes (0–255) so the callers can splice them
 * into larger arrays; a finished module is `Uint8Array.from([...])` of the concatenation.
 * @module
 */

/**
 * `n` as unsigned LEB128 (the binary format's encoding of counts, sizes, indices and opcodes).
 * @param n - a non-negative integer below 2³² (encoded with `>>>`, so larger values wrap).
 * @returns 1 to 5 bytes, 7 bits each, low bits first, the high bit set on all but the last.
 * @example
 * ```ts
 * u(64); // [0x40]
 * u(624_485); // [0xe5, 0x8e, 0x26]
 * ```
 */
export function u(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/**
 * A section: its id, the body's length in bytes, then the body.
 * @param id - the section id (1 type, 2 import, 3 function, 7 export, 10 code, …).
 * @param body - the section's contents, already encoded.
 * @example
 * ```ts
 * section(3, vector([[0]])); // [3, 2, 1, 0]: one function, of type 0
 * ```
 */
export function section(id: number, body: number[]): number[] {
  return [id, ...u(body.length), ...body];
}

/**
 * A name: its length in bytes, then its bytes. Only ASCII is encoded correctly (each
 * character's code unit is taken as one byte), which is all the bench's export and import
 * names need.
 * @example
 * ```ts
 * name('sum'); // [3, 0x73, 0x75, 0x6d]
 * ```
 */
export function name(text: string): number[] {
  return [...u(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
}

/**
 * A vector: the item count, then the items' bytes in order.
 * @param items - one array of already-encoded bytes per item.
 * @example
 * ```ts
 * vector([[0x7f], [0x7c]]); // [2, 0x7f, 0x7c]: the parameter types (i32, f64)
 * ```
 */
export function vector(items: number[][]): number[] {
  return [...u(items.length), ...items.flat()];
}

/**
 * `local.get index`.
 * @example
 * ```ts
 * localGet(3); // [0x20, 3]
 * ```
 */
export function localGet(index: number): number[] {
  return [0x20, ...u(index)];
}

/**
 * `local.set index`.
 * @example
 * ```ts
 * localSet(3); // [0x21, 3]
 * ```
 */
export function localSet(index: number): number[] {
  return [0x21, ...u(index)];
}

/**
 * A SIMD instruction: the 0xfd prefix, the opcode as unsigned LEB128, then its immediates
 * (a lane index, or a memarg's alignment and offset), which the caller encodes.
 * @example
 * ```ts
 * simd(0xf0); // f64x2.add: [0xfd, 0xf0, 0x01]
 * simd(0x21, 1); // f64x2.extract_lane 1: [0xfd, 0x21, 1]
 * ```
 */
export function simd(op: number, ...immediates: number[]): number[] {
  return [0xfd, ...u(op), ...immediates];
}
