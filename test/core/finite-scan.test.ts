import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocF64, core, free, viewF32, viewF64 } from '../../src/core/runtime.js';

// The scans behind every "X has NaN at row r, column c" message: they test blocks of values
// at once, so the property is that the first bad value is found wherever it sits (first or
// last lane of a block, the tail after the last whole block, several bad values).

const bad = fc.constantFrom(Number.NaN, Infinity, -Infinity);

describe('firstNonFinite', () => {
  it('returns the index of the first NaN or ±Infinity among float64 values, or −1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.array(fc.tuple(fc.nat(), bad), { maxLength: 3 }), (length, spots) => {
        const ptr = allocF64(length);
        try {
          const values = viewF64(ptr, length);
          for (let i = 0; i < length; i++) values[i] = i % 3 === 0 ? -1e308 : i * 0.5;
          for (const [at, value] of spots) values[at % length] = value;
          const expected = spots.length === 0 ? -1 : Math.min(...spots.map(([at]) => at % length));
          expect(core.firstNonFinite(ptr, length)).toBe(expected);
        } finally {
          free(ptr);
        }
      }),
    );
  });

  it('returns the index of the first NaN or ±Infinity among float32 values, or −1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.array(fc.tuple(fc.nat(), bad), { maxLength: 3 }), (length, spots) => {
        const ptr = allocF64(Math.ceil(length / 2));
        try {
          const values = viewF32(ptr, length);
          for (let i = 0; i < length; i++) values[i] = i % 3 === 0 ? -3e38 : i * 0.5;
          for (const [at, value] of spots) values[at % length] = value;
          const expected = spots.length === 0 ? -1 : Math.min(...spots.map(([at]) => at % length));
          expect(core.firstNonFinite32(ptr, length)).toBe(expected);
        } finally {
          free(ptr);
        }
      }),
    );
  });
});
