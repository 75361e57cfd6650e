import { describe, expect, it } from 'vitest';
import { clipHalfPlane, clipLine, type Point } from '../../viz/clip.js';

const unit = { min: 0, max: 1 };
const rounded = (points: readonly Point[] | null): number[][] | null => points && points.map((p) => [Math.round(p.x * 1e12) / 1e12, Math.round(p.y * 1e12) / 1e12]);

describe('clipLine(w1, w2, c, xd, yd)', () => {
  it('returns the segment of the line between two sides of the rectangle', () => {
    // x + y = 1 across the unit square: from (1, 0) to (0, 1).
    const ends = rounded(clipLine(1, 1, -1, unit, unit));
    expect(ends).toHaveLength(2);
    expect(ends).toEqual(expect.arrayContaining([[1, 0], [0, 1]]));
  });

  it('returns a vertical segment spanning the rectangle when w2 is 0', () => {
    expect(rounded(clipLine(2, 0, -1, unit, { min: -3, max: 5 }))).toEqual(
      expect.arrayContaining([[0.5, -3], [0.5, 5]]),
    );
  });

  it('clips a line with huge or tiny weights as accurately as a unit one', () => {
    expect(rounded(clipLine(1e300, 1e300, -1e300, unit, unit))).toEqual(rounded(clipLine(1, 1, -1, unit, unit)));
    expect(rounded(clipLine(1e-300, 1e-300, -1e-300, unit, unit))).toEqual(rounded(clipLine(1, 1, -1, unit, unit)));
  });

  it('keeps both endpoints inside the rectangle', () => {
    const ends = clipLine(1, 1e-12, -0.3, unit, unit) as [Point, Point];
    for (const p of ends) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(1);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(1);
    }
  });

  it.each([
    ['both weights are 0', 0, 0, 1],
    ['a weight is NaN', Number.NaN, 1, 0],
    ['a weight is infinite', Infinity, 1, 0],
    ['the constant is infinite', 1, 1, Infinity],
    ['the line misses the rectangle', 1, 0, -5],
  ])('returns null when %s', (_what, w1, w2, c) => {
    expect(clipLine(w1, w2, c, unit, unit)).toBeNull();
  });
});

describe('clipHalfPlane(side, w1, w2, c, xd, yd)', () => {
  it('returns the part of the rectangle on the chosen side of the line, corners in order', () => {
    // x ≥ 0.5 in the unit square, and x ≤ 0.5.
    expect(rounded(clipHalfPlane(1, 1, 0, -0.5, unit, unit))).toEqual([[0.5, 0], [1, 0], [1, 1], [0.5, 1]]);
    expect(rounded(clipHalfPlane(-1, 1, 0, -0.5, unit, unit))).toEqual([[0, 0], [0.5, 0], [0.5, 1], [0, 1]]);
  });

  it('returns the whole rectangle when the line misses it on the other side, and fewer than 3 points on this side', () => {
    expect(clipHalfPlane(1, 1, 0, 5, unit, unit)).toHaveLength(4);
    expect(clipHalfPlane(-1, 1, 0, 5, unit, unit).length).toBeLessThan(3);
  });
});
