/**
 * Clipping a straight line `w1·x + w2·y + c = 0` (a linear decision boundary) to the
 * rectangle an axis pair shows, in data coordinates.
 * @module
 */
import type { Domain } from './domain.js';

/** A point in data coordinates. */
export interface Point {
  x: number;
  y: number;
}

/**
 * The segment of the line `w1·x + w2·y + c = 0` inside the rectangle `xd × yd`
 * (Liang–Barsky on the line's parametric form).
 *
 * The coefficients are divided by `max(|w1|, |w2|)` first, so a line whose weights are
 * huge or tiny is clipped as accurately as a unit one; `w2 = 0` gives a vertical segment.
 * Both endpoints are clamped into the rectangle, so rounding never puts one outside.
 *
 * @param w1 - Coefficient of `x`.
 * @param w2 - Coefficient of `y`.
 * @param c - Constant term.
 * @param xd - Horizontal extent of the rectangle.
 * @param yd - Vertical extent of the rectangle.
 * @returns The two endpoints, or `null` when the line is undefined (both weights 0, or a
 *   non-finite coefficient) or misses the rectangle.
 * @example
 * clipLine(1, 0, -0.5, { min: 0, max: 1 }, { min: 0, max: 2 }); // [{ x: 0.5, y: 2 }, { x: 0.5, y: 0 }]
 */
export function clipLine(w1: number, w2: number, c: number, xd: Domain, yd: Domain): [Point, Point] | null {
  if (!Number.isFinite(w1) || !Number.isFinite(w2) || !Number.isFinite(c)) return null;
  const scale = Math.max(Math.abs(w1), Math.abs(w2));
  if (scale === 0) return null;
  const a1 = w1 / scale;
  const a2 = w2 / scale;
  const k = c / scale;
  if (!Number.isFinite(k)) return null;
  const norm2 = a1 * a1 + a2 * a2;
  // The point of the line closest to the origin, and the direction along it.
  const ox = (-k * a1) / norm2;
  const oy = (-k * a2) / norm2;
  const dx = -a2;
  const dy = a1;
  let t0 = -Infinity;
  let t1 = Infinity;
  const edges: [number, number][] = [
    [-dx, ox - xd.min],
    [dx, xd.max - ox],
    [-dy, oy - yd.min],
    [dy, yd.max - oy],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
    } else if (p < 0) {
      t0 = Math.max(t0, q / p);
    } else {
      t1 = Math.min(t1, q / p);
    }
  }
  if (!(t0 < t1) || !Number.isFinite(t0) || !Number.isFinite(t1)) return null;
  const clampX = (v: number): number => Math.min(xd.max, Math.max(xd.min, v));
  const clampY = (v: number): number => Math.min(yd.max, Math.max(yd.min, v));
  return [
    { x: clampX(ox + t0 * dx), y: clampY(oy + t0 * dy) },
    { x: clampX(ox + t1 * dx), y: clampY(oy + t1 * dy) },
  ];
}

/**
 * The polygon of the rectangle `xd × yd` where `side · (w1·x + w2·y + c) ≥ 0`
 * (Sutherland–Hodgman against one half-plane): the region a linear classifier assigns
 * to class 1 (`side = 1`) or class 0 (`side = -1`).
 *
 * @param side - Which side of the line to keep.
 * @param w1 - Coefficient of `x`.
 * @param w2 - Coefficient of `y`.
 * @param c - Constant term.
 * @param xd - Horizontal extent of the rectangle.
 * @param yd - Vertical extent of the rectangle.
 * @returns The polygon's vertices in order, starting from the corner `(xd.min, yd.min)`;
 *   fewer than 3 when the half-plane misses the rectangle. Callers pass weights with
 *   `max(|w1|, |w2|) > 0` (see {@link clipLine}, which returns `null` otherwise).
 * @example
 * clipHalfPlane(1, 1, 0, -0.5, { min: 0, max: 1 }, { min: 0, max: 1 }).length; // 4
 */
export function clipHalfPlane(side: 1 | -1, w1: number, w2: number, c: number, xd: Domain, yd: Domain): Point[] {
  const scale = Math.max(Math.abs(w1), Math.abs(w2));
  const f = (p: Point): number => (side * (w1 * p.x + w2 * p.y + c)) / scale;
  const corners: Point[] = [
    { x: xd.min, y: yd.min },
    { x: xd.max, y: yd.min },
    { x: xd.max, y: yd.max },
    { x: xd.min, y: yd.max },
  ];
  const result: Point[] = [];
  for (let i = 0; i < corners.length; i++) {
    const p = corners[i] as Point;
    const q = corners[(i + 1) % corners.length] as Point;
    const fp = f(p);
    const fq = f(q);
    if (fp >= 0) result.push(p);
    if (fp >= 0 !== fq >= 0) {
      const t = fp / (fp - fq);
      result.push({ x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) });
    }
  }
  return result;
}
