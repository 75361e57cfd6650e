import { describe, expect, it } from 'vitest';
import { SHAPE_NAMES, shapeName, shapePath, shapeVertices } from '../../viz/shapes.js';

const area = (v: [number, number][]): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    const [x1, y1] = v[i]!;
    const [x2, y2] = v[(i + 1) % v.length]!;
    s += x1 * y2 - x2 * y1;
  }
  return Math.abs(s) / 2;
};

describe('shapeVertices(k, cx, cy, r)', () => {
  it('gives every polygon shape the area of the circle of radius r', () => {
    for (let k = 1; k < SHAPE_NAMES.length; k++) expect(area(shapeVertices(k, 3, 4, 5))).toBeCloseTo(Math.PI * 25, 9);
  });

  it('centres every shape on (cx, cy)', () => {
    for (let k = 1; k < SHAPE_NAMES.length; k++) {
      const v = shapeVertices(k, 3, 4, 5);
      expect(v.reduce((s, p) => s + p[0], 0) / v.length).toBeCloseTo(3, 9);
      expect(v.reduce((s, p) => s + p[1], 0) / v.length).toBeCloseTo(4, 9);
    }
  });
});

describe('shapePath(k, cx, cy, r) and shapeName(k)', () => {
  it('draws a different shape for each of the first seven classes, then cycles', () => {
    const paths = Array.from({ length: 7 }, (_, k) => shapePath(k, 0, 0, 4));
    expect(new Set(paths).size).toBe(7);
    expect(shapePath(7, 0, 0, 4)).toBe(paths[0]);
    expect(shapeName(0)).toBe('circle');
    expect(shapeName(1)).toBe('square');
    expect(shapeName(2)).toBe('triangle');
    expect(shapeName(3)).toBe('diamond');
    expect(shapeName(9)).toBe('triangle');
  });

  it('draws class 0 as a circle of radius r', () => {
    expect(shapePath(0, 10, 10, 4)).toBe('M6,10a4,4 0 1,0 8,0a4,4 0 1,0 -8,0Z');
  });
});
