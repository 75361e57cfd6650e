/**
 * Snappy decompression into a caller's buffer, for the flat columns' pages: literals and
 * long back-references are block copies (`set`, `copyWithin`), so a page of float64 values
 * (which snappy barely compresses: almost all literals) decompresses at memory speed.
 * hyparquet's decoder and hysnappy's (hyparquet-compressors) copy byte by byte, and hysnappy
 * returns a new array per page.
 * @module
 */

/**
 * Decompresses the snappy block `input` into `output`, which must be exactly the block's
 * uncompressed length.
 * @throws RangeError for a block that is malformed or does not fill `output`.
 */
export function snappyInto(input: Uint8Array, output: Uint8Array): void {
  let at = 0;
  // The preamble: the uncompressed length as a varint.
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = input[at++];
    if (byte === undefined || shift > 28) throw new RangeError('a snappy block with a malformed length');
    length += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
  }
  if (length !== output.length) throw new RangeError(`a snappy block of ${length} bytes where ${output.length} were expected`);
  let pos = 0;
  const end = input.length;
  while (at < end) {
    const tag = input[at++] as number;
    const kind = tag & 3;
    if (kind === 0) {
      let n = tag >>> 2;
      if (n >= 60) {
        const bytes = n - 59;
        n = 0;
        for (let b = 0; b < bytes; b++) n += (input[at++] as number) * 2 ** (8 * b);
      }
      n += 1;
      if (at + n > end || pos + n > length) throw new RangeError('a snappy literal runs past the end of its block');
      output.set(input.subarray(at, at + n), pos);
      at += n;
      pos += n;
      continue;
    }
    let n: number;
    let offset: number;
    if (kind === 1) {
      n = 4 + ((tag >>> 2) & 7);
      offset = ((tag >>> 5) << 8) | (input[at++] as number);
    } else if (kind === 2) {
      n = (tag >>> 2) + 1;
      offset = (input[at] as number) | ((input[at + 1] as number) << 8);
      at += 2;
    } else {
      n = (tag >>> 2) + 1;
      offset = ((input[at] as number) | ((input[at + 1] as number) << 8) | ((input[at + 2] as number) << 16)) + (input[at + 3] as number) * 2 ** 24;
      at += 4;
    }
    if (at > end || offset === 0 || offset > pos || pos + n > length) throw new RangeError('a snappy copy outside its block');
    if (offset >= n && n > 16) {
      output.copyWithin(pos, pos - offset, pos - offset + n);
    } else {
      // Overlapping (a run repeating the last `offset` bytes) or short: byte by byte.
      for (let k = 0; k < n; k++) output[pos + k] = output[pos - offset + k] as number;
    }
    pos += n;
  }
  if (pos !== length) throw new RangeError(`a snappy block that fills ${pos} of its ${length} bytes`);
}
