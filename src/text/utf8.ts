/**
 * UTF-8 encoding as Python's `str.encode('utf-8')` does it: the bytes scikit-learn hashes.
 * @module
 */

/**
 * The UTF-8 bytes of `text`. A lone surrogate (a UTF-16 half with no partner) has no
 * UTF-8 form: Python raises `UnicodeEncodeError` for it, so this throws rather than
 * substituting U+FFFD as `TextEncoder` would (that would hash a different string).
 *
 * @param text - the string to encode.
 * @param where - the caller's name, for the error message.
 * @returns a new Uint8Array of the bytes.
 * @throws RangeError naming the index of the first lone surrogate.
 * @example
 * ```ts
 * encodeUtf8('é', 'murmurhash3_32'); // Uint8Array [0xc3, 0xa9]
 * ```
 */
export function encodeUtf8(text: string, where: string): Uint8Array {
  // At most 3 bytes per UTF-16 unit (a surrogate pair is 2 units for 4 bytes).
  const out = new Uint8Array(text.length * 3);
  return out.subarray(0, encodeUtf8Into(text, out, where));
}

/**
 * {@link encodeUtf8} into `out` (at least 3 × text.length bytes long), returning the number
 * of bytes written: the vectorizers hash many short features through one buffer.
 * @throws RangeError as {@link encodeUtf8} does.
 * @example
 * ```ts
 * const out = new Uint8Array(6);
 * encodeUtf8Into('é!', out, 'caller'); // 3: out starts 0xc3, 0xa9, 0x21
 * ```
 */
export function encodeUtf8Into(text: string, out: Uint8Array, where: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || next < 0xdc00 || next > 0xdfff) {
        const unit = c.toString(16).padStart(4, '0');
        throw new RangeError(
          `${where}: text must be well-formed UTF-16, got a lone surrogate U+${unit.toUpperCase()} at index ${i} ` +
            '(Python cannot encode it as UTF-8 either)',
        );
      }
      c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
      i++;
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 0x3f);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return n;
}

/**
 * The UTF-16 index of the first lone surrogate in `text`, or −1 when it is well-formed
 * (then {@link encodeUtf8} accepts it).
 * @example
 * ```ts
 * loneSurrogateAt('a😀');     // -1
 * loneSurrogateAt('a\ud800'); // 1
 * ```
 */
export function loneSurrogateAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (c > 0xdbff || next < 0xdc00 || next > 0xdfff) return i;
    i++;
  }
  return -1;
}
