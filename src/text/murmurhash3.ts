/**
 * MurmurHash3 x86 32-bit, the hash scikit-learn's HashingVectorizer and FeatureHasher use.
 * @module
 */

import { describeKind } from '../validate/describe.js';
import { checkInteger } from '../validate/options.js';
import { encodeUtf8, encodeUtf8Into } from './utf8.js';

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/**
 * MurmurHash3 x86 32-bit of `key`, as a signed 32-bit integer: exactly
 * `sklearn.utils.murmurhash3_32(key, seed, positive=False)`. A string is hashed as its UTF-8
 * bytes (as scikit-learn hashes a `str`); bytes are hashed as they are.
 *
 * @param key - the bytes, or a string (hashed as UTF-8).
 * @param seed - an integer from 0 to 2^32 − 1 (scikit-learn's `unsigned int seed`).
 * @default seed 0
 * @returns the hash, from −2^31 to 2^31 − 1.
 * @throws TypeError when key is neither a string nor a Uint8Array, or seed is not a number.
 * @throws RangeError when seed is not an integer in range, or a string key holds a lone
 *   surrogate (Python cannot encode it as UTF-8 and scikit-learn raises UnicodeEncodeError).
 * @example
 * ```ts
 * murmurhash3_32('hello');     // 613153351
 * murmurhash3_32('hello', 42); // seeded
 * ```
 */
export function murmurhash3_32(key: string | Uint8Array, seed = 0): number {
  const where = 'murmurhash3_32';
  checkInteger(where, 'seed', seed, 0, 0xffffffff);
  if (typeof key === 'string') return murmurhashBytes(encodeUtf8(key, where), seed);
  if (key instanceof Uint8Array) return murmurhashBytes(key, seed);
  throw new TypeError(`${where}: key must be a string or a Uint8Array, got ${describeKind(key)}`);
}

/**
 * The hash of `bytes[0, length)` with an already-checked seed (the vectorizers' inner loop,
 * which reuses one buffer).
 * @example
 * ```ts
 * murmurhashBytes(Uint8Array.of(0x68, 0x69, 0, 0), 0, 2) === murmurhash3_32('hi'); // true
 * ```
 */
export function murmurhashBytes(bytes: Uint8Array, seed: number, length = bytes.length): number {
  const blocks = length & ~3;
  let h = seed | 0;
  for (let i = 0; i < blocks; i += 4) h = mixBlock(h, bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
  const tail = length & 3;
  if (tail > 0) {
    let k = bytes[blocks]!;
    if (tail > 1) k |= bytes[blocks + 1]! << 8;
    if (tail > 2) k |= bytes[blocks + 2]! << 16;
    h = mixTail(h, k);
  }
  return finish(h, length);
}

/** One 4-byte block `k` (little-endian) mixed into the state `h`. */
function mixBlock(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** The 1–3 tail bytes `k` (little-endian), mixed without the rotation of `h`. */
function mixTail(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  return h ^ k;
}

/** The final avalanche of the state `h` after `length` bytes, as a signed 32-bit integer. */
function finish(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** The buffer {@link murmurhashString} encodes non-ASCII text into (grown as needed). */
let utf8Buffer = new Uint8Array(256);

/**
 * The seed-0 hash of the UTF-8 bytes of `text.slice(start, end)`, equal to
 * `murmurhash3_32(text.slice(start, end))`: the vectorizers' inner loop. ASCII text (one
 * byte per UTF-16 unit) is hashed straight from its char codes, with no slice and no
 * encoding; other text is encoded into a reused buffer first.
 * @param where - the caller's name, for the error message.
 * @throws RangeError, naming `where`, when the slice holds a lone surrogate.
 * @example
 * ```ts
 * murmurhashString('say hello', 4, 9) === murmurhash3_32('hello'); // true
 * ```
 */
export function murmurhashString(text: string, start: number, end: number, where: string): number {
  const length = end - start;
  const blocks = start + (length & ~3);
  let h = 0;
  let i = start;
  for (; i < blocks; i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) >= 0x80) return murmurhashEncoded(text, start, end, where);
    h = mixBlock(h, c0 | (c1 << 8) | (c2 << 16) | (c3 << 24));
  }
  const tail = length & 3;
  if (tail > 0) {
    const c0 = text.charCodeAt(i);
    const c1 = tail > 1 ? text.charCodeAt(i + 1) : 0;
    const c2 = tail > 2 ? text.charCodeAt(i + 2) : 0;
    if ((c0 | c1 | c2) >= 0x80) return murmurhashEncoded(text, start, end, where);
    h = mixTail(h, c0 | (c1 << 8) | (c2 << 16));
  }
  return finish(h, length);
}

/** {@link murmurhashString} of text that is not all ASCII: its UTF-8 bytes, hashed. */
function murmurhashEncoded(text: string, start: number, end: number, where: string): number {
  const slice = text.slice(start, end);
  if (utf8Buffer.length < 3 * slice.length) utf8Buffer = new Uint8Array(6 * slice.length);
  return murmurhashBytes(utf8Buffer, 0, encodeUtf8Into(slice, utf8Buffer, where));
}
