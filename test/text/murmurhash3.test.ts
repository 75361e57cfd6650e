import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { murmurhash3_32 } from '../../src/text/murmurhash3.js';
import { expectError } from '../assertions.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/text/murmurhash.json', import.meta.url), 'utf8')) as {
  strings: { key: string; seed: number; hash: number }[];
  bytes: { bytes: number[]; seed: number; hash: number }[];
  loneSurrogates: { key: string; pythonError: string }[];
};

describe('murmurhash3_32(key: string, seed) matches sklearn.utils.murmurhash3_32', () => {
  it('hashes every fixture string (empty, 1–3-byte tails, long, accents, CJK, emoji, combining marks) with seed 0', () => {
    const cases = fixture.strings.filter((c) => c.seed === 0);
    expect(cases.length).toBeGreaterThan(100);
    expect(cases.map((c) => murmurhash3_32(c.key))).toEqual(cases.map((c) => c.hash));
  });

  it('hashes the fixture strings with seeds 1, 42, 2^31 − 1, 2^31 and 2^32 − 1', () => {
    const cases = fixture.strings.filter((c) => c.seed !== 0);
    expect(cases.map((c) => murmurhash3_32(c.key, c.seed))).toEqual(cases.map((c) => c.hash));
  });

  it('returns a signed 32-bit integer', () => {
    const hashes = fixture.strings.map((c) => murmurhash3_32(c.key, c.seed));
    expect(hashes.some((h) => h < 0)).toBe(true);
    expect(hashes.every((h) => Number.isInteger(h) && h >= -(2 ** 31) && h < 2 ** 31)).toBe(true);
  });
});

describe('murmurhash3_32(key: Uint8Array, seed) matches sklearn.utils.murmurhash3_32 on bytes', () => {
  it('hashes byte strings of length 0 to 16, 31, 64 and 255 with seeds 0, 7 and 2^32 − 1', () => {
    expect(fixture.bytes.map((c) => murmurhash3_32(Uint8Array.from(c.bytes), c.seed))).toEqual(fixture.bytes.map((c) => c.hash));
  });

  it('hashes a string as its UTF-8 bytes', () => {
    const text = 'naïve 東京 😀';
    expect(murmurhash3_32(text, 3)).toBe(murmurhash3_32(new TextEncoder().encode(text), 3));
  });
});

describe('murmurhash3_32 refuses bad input', () => {
  it('throws a RangeError naming the index of a lone surrogate, where Python raises UnicodeEncodeError', () => {
    expect(fixture.loneSurrogates.every((c) => c.pythonError.includes('surrogates not allowed'))).toBe(true);
    expectError(
      () => murmurhash3_32(fixture.loneSurrogates[1]!.key),
      RangeError,
      'murmurhash3_32: text must be well-formed UTF-16, got a lone surrogate U+DFFF at index 1 (Python cannot encode it as UTF-8 either)',
    );
  });

  it('throws for a low surrogate before a high one (reversed pair)', () => {
    expect(() => murmurhash3_32('\udc00\ud800')).toThrow('got a lone surrogate U+DC00 at index 0');
  });

  it('throws a TypeError for a key that is neither a string nor a Uint8Array', () => {
    expectError(() => murmurhash3_32(5 as unknown as string), TypeError, 'murmurhash3_32: key must be a string or a Uint8Array, got a number');
  });

  it('throws a RangeError for a seed outside 0 to 2^32 − 1', () => {
    expectError(() => murmurhash3_32('a', -1), RangeError, 'murmurhash3_32: seed must be an integer from 0 to 4294967295, got -1');
    expectError(() => murmurhash3_32('a', 2 ** 32), RangeError, 'murmurhash3_32: seed must be an integer from 0 to 4294967295, got 4294967296');
  });

  it('throws a TypeError for a seed that is not a number', () => {
    expectError(() => murmurhash3_32('a', '1' as unknown as number), TypeError, 'murmurhash3_32: seed must be a number, got a string');
  });
});
