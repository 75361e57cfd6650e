import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import { describe, expect, it } from 'vitest';
import { snappyInto } from '../../src/parquet/snappy.js';

/** Bytes that compress to every kind of snappy element: long literals, short and long copies, overlapping runs. */
function sample(): Uint8Array {
  const bytes = new Uint8Array(200_000);
  let seed = 7;
  for (let i = 0; i < bytes.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const part = Math.floor(i / 10_000) % 4;
    // Noise (literals), a repeated phrase (copies), a single repeated byte (overlapping copies), float64s.
    bytes[i] = part === 0 ? seed >>> 24 : part === 1 ? 'the quick brown fox '.charCodeAt(i % 20) : part === 2 ? 42 : (seed >>> 28) * 3;
  }
  return bytes;
}

describe('snappyInto(input, output)', () => {
  it('decompresses what a snappy compressor wrote, byte for byte', () => {
    const bytes = sample();
    const compressed = snappyCompress(bytes);
    expect(compressed.length).toBeLessThan(bytes.length);
    const out = new Uint8Array(bytes.length);
    snappyInto(compressed, out);
    expect(out.findIndex((b, i) => b !== bytes[i])).toBe(-1);
  });

  it('refuses a block whose length is not the output length', () => {
    const compressed = snappyCompress(new Uint8Array(100));
    expect(() => snappyInto(compressed, new Uint8Array(99))).toThrow(new RangeError('a snappy block of 100 bytes where 99 were expected'));
  });

  it('refuses a copy from before the start of the output and a block cut short', () => {
    // Length 8, then a copy of 4 bytes from offset 1 with nothing written yet.
    expect(() => snappyInto(Uint8Array.of(8, 0b000_000_01, 1), new Uint8Array(8))).toThrow(new RangeError('a snappy copy outside its block'));
    const compressed = snappyCompress(sample());
    expect(() => snappyInto(compressed.subarray(0, compressed.length - 10), new Uint8Array(200_000))).toThrow(RangeError);
  });
});
