// The protobuf reader against the library's writer: every value written is read back
// exactly, by one field at a time or counted and decoded as a repeated field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtoReader, ProtoWriter, countRepeated, readRepeated } from '../../src/onnx/protobuf.js';

const safeInt = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.maxSafeInteger(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 49 - 1, 2 ** 49, -(2 ** 49), 0),
);

describe('ProtoReader reads back what ProtoWriter writes', () => {
  it('reads every safe integer, including negatives (ten-byte varints) and values past 2^49', () => {
    fc.assert(
      fc.property(fc.array(safeInt, { minLength: 1, maxLength: 20 }), (values) => {
        const w = new ProtoWriter();
        values.forEach((v, i) => w.int(i + 1, v));
        const reader = new ProtoReader(w.finish(), 'test');
        const read: number[] = [];
        while (reader.next()) {
          expect(reader.field).toBe(read.length + 1);
          read.push(reader.int());
        }
        expect(read).toEqual(values);
      }),
    );
  });

  it('reads floats and strings, skipping fields it is not asked about', () => {
    const bytes = new ProtoWriter().float(1, 1.5).string(2, 'héllo').bytes(3, new Uint8Array(1000)).int(4, 7).finish();
    const reader = new ProtoReader(bytes, 'test');
    const seen: unknown[] = [];
    while (reader.next()) {
      if (reader.field === 1) seen.push(reader.float());
      else if (reader.field === 2) seen.push(reader.string());
      else if (reader.field === 4) seen.push(reader.int());
    }
    expect(seen).toEqual([1.5, 'héllo', 7]);
  });

  it('counts and decodes packed and unpacked repeated integers alike', () => {
    fc.assert(
      fc.property(fc.array(safeInt, { maxLength: 40 }), fc.array(safeInt, { maxLength: 5 }), (packed, single) => {
        const w = new ProtoWriter().string(1, 'name').packedInts(8, packed);
        for (const v of single) w.int(8, v);
        const bytes = w.finish();
        const n = countRepeated(bytes, 8, 'int', 1000, 'test');
        expect(n).toBe(packed.length + single.length);
        const out = new Float64Array(n);
        readRepeated(bytes, 8, 'int', out, 'test');
        expect(Array.from(out)).toEqual([...packed, ...single]);
      }),
    );
  });

  it('counts and decodes packed and unpacked repeated floats alike', () => {
    const floats = [0.5, -2, 3.25, 1e-3].map(Math.fround);
    const w = new ProtoWriter().packedFloats(7, floats.slice(0, 3)).float(7, floats[3] as number);
    const bytes = w.finish();
    expect(countRepeated(bytes, 7, 'float', 10, 'test')).toBe(4);
    const out = new Float64Array(4);
    readRepeated(bytes, 7, 'float', out, 'test');
    expect(Array.from(out)).toEqual(floats);
  });

  it('stops counting one past the limit', () => {
    const bytes = new ProtoWriter().packedInts(8, Array.from({ length: 100 }, (_, i) => i)).finish();
    expect(countRepeated(bytes, 8, 'int', 10, 'test')).toBe(11);
  });
});

describe('ProtoReader rejects malformed bytes with the message it names', () => {
  const cases: [string, number[], RegExp][] = [
    ['a truncated tag', [0x80], /test: the bytes end inside a varint/],
    ['a varint over ten bytes', [0x08, ...new Array(10).fill(0xff), 0x01], /longer than 10 bytes/],
    ['field number 0', [0x00, 0x01], /invalid field number 0/],
    ['a length past the end', [0x0a, 0x05, 0x01], /field 1 declares 5 bytes; only 1 remain/],
    ['a truncated fixed32', [0x0d, 0x00, 0x00], /the bytes end inside field 1/],
    ['wire type 3 (groups)', [0x0b], /unsupported wire type 3/],
  ];
  for (const [what, bytes, message] of cases) {
    it(`rejects ${what}`, () => {
      const reader = new ProtoReader(Uint8Array.from(bytes), 'test');
      expect(() => {
        while (reader.next()) reader.payload();
      }).toThrow(message);
    });
  }

  it('rejects an integer outside the safe range when asked for it', () => {
    // 2^60 as a varint.
    const reader = new ProtoReader(Uint8Array.from([0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]), 'test');
    expect(reader.next()).toBe(true);
    expect(() => reader.int()).toThrow('test: integer 1152921504606846976 is outside the safe range');
  });
});
