import { describe, expect, it } from 'vitest';
import { encodeUtf8, loneSurrogateAt } from '../../src/text/utf8.js';
import { expectError } from '../assertions.js';

describe('encodeUtf8(text, where)', () => {
  it('equals TextEncoder on well-formed text, including astral characters', () => {
    const text = 'a\u0080\u07ff\u0800\uffff\u{10000}\u{10ffff}';
    expect(Array.from(encodeUtf8(text, 'x'))).toEqual(Array.from(new TextEncoder().encode(text)));
  });
});

describe('encodeUtf8 refuses text Python cannot encode', () => {
  it('throws a RangeError naming the caller and the index of a lone surrogate', () => {
    expectError(
      () => encodeUtf8('ab\ud83d', 'caller'),
      RangeError,
      'caller: text must be well-formed UTF-16, got a lone surrogate U+D83D at index 2 (Python cannot encode it as UTF-8 either)',
    );
  });
});

describe('loneSurrogateAt(text)', () => {
  it('returns −1 for well-formed text with surrogate pairs', () => {
    expect(loneSurrogateAt('a😀b')).toBe(-1);
  });

  it('returns the index of a high surrogate without its low half, or a low one alone', () => {
    expect(loneSurrogateAt('ab\ud800')).toBe(2);
    expect(loneSurrogateAt('😀\udc00')).toBe(2);
  });
});
