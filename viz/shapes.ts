/**
 * Point markers that tell classes apart by shape as well as colour: class `k` is drawn as
 * `SHAPE_NAMES[k % 7]` (circle, square, triangle, diamond, …). Seven shapes against the
 * eight colours of colors.ts, so shape and colour together stay distinct for 56 classes.
 * Every shape has the area of a circle of the given radius, so no class looks heavier.
 * @module
 */

/** The shapes, in the order classes take them. */
export const SHAPE_NAMES: readonly string[] = ['circle', 'square', 'triangle', 'diamond', 'inverted triangle', 'pentagon', 'hexagon'];

/** Sides and rotation (radians; 0 puts a vertex straight up) of each polygon shape; `null` for the circle. */
const POLYGONS: readonly ({ sides: number; turn: number } | null)[] = [
  null,
  { sides: 4, turn: Math.PI / 4 },
  { sides: 3, turn: 0 },
  { sides: 4, turn: 0 },
  { sides: 3, turn: Math.PI },
  { sides: 5, turn: 0 },
  { sides: 6, turn: 0 },
];

/**
 * The name of class `k`'s shape.
 * @param k - A class index, `0 ≤ k`.
 * @returns One of {@link SHAPE_NAMES}.
 * @example
 * shapeName(1); // 'square'
 */
export function shapeName(k: number): string {
  return SHAPE_NAMES[k % SHAPE_NAMES.length] as string;
}

/**
 * The vertices of class `k`'s shape centred on `(cx, cy)` with the area of a circle of
 * radius `r`, in pixels (y down); empty for the circle.
 *
 * @param k - A class index, `0 ≤ k`.
 * @param cx - Centre, horizontal.
 * @param cy - Centre, vertical.
 * @param r - The radius of the circle of equal area, `r > 0`.
 * @returns The polygon's vertices in order, or `[]` for the circle.
 * @example
 * shapeVertices(1, 0, 0, 1).length; // 4 (a square)
 */
export function shapeVertices(k: number, cx: number, cy: number, r: number): [number, number][] {
  const polygon = POLYGONS[k % POLYGONS.length];
  if (polygon === null || polygon === undefined) return [];
  const { sides, turn } = polygon;
  // A regular n-gon of circumradius R has area (n/2)·R²·sin(2π/n); equal to πr².
  const R = r * Math.sqrt((2 * Math.PI) / (sides * Math.sin((2 * Math.PI) / sides)));
  return Array.from({ length: sides }, (_, i) => {
    const a = turn + (2 * Math.PI * i) / sides;
    return [cx + R * Math.sin(a), cy - R * Math.cos(a)];
  });
}

/**
 * An SVG path (`d` attribute) of class `k`'s marker, see {@link shapeVertices}.
 *
 * @param k - A class index, `0 ≤ k`.
 * @param cx - Centre, horizontal (pixels).
 * @param cy - Centre, vertical (pixels).
 * @param r - The radius of the circle of equal area.
 * @returns A closed path, coordinates to 0.01 px.
 * @example
 * shapePath(0, 10, 10, 4); // 'M6,10a4,4 0 1,0 8,0a4,4 0 1,0 -8,0Z' (a circle)
 */
export function shapePath(k: number, cx: number, cy: number, r: number): string {
  const f = (v: number): string => String(Math.round(v * 100) / 100);
  const vertices = shapeVertices(k, cx, cy, r);
  if (vertices.length === 0) return `M${f(cx - r)},${f(cy)}a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0Z`;
  return `M${vertices.map(([x, y]) => `${f(x)},${f(y)}`).join('L')}Z`;
}
