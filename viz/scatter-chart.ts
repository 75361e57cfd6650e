/**
 * The demo's scatter plot: test points by class over the model's probability image,
 * rings around misclassified points, and the decision boundary of a binary model.
 * @module
 */
import type { Point } from './clip.js';
import { classFill, classStroke } from './colors.js';
import type { Domain } from './domain.js';
import { drawAxes, drawFrameBorder } from './dom-axes.js';
import { resetSvg, svgElement } from './dom.js';

/** Input of {@link renderScatter}. */
export interface ScatterInput {
  /** Chart width in pixels. */
  width: number;
  /** Chart height in pixels. */
  height: number;
  /** Horizontal axis title. */
  xName: string;
  /** Vertical axis title. */
  yName: string;
  /** The data range shown horizontally. */
  xDomain: Domain;
  /** The data range shown vertically. */
  yDomain: Domain;
  /** Point `i` is drawn at `(px[i], py[i])`, in the colour of class index `cls[i]`, ringed when `wrong[i] === 1`. */
  px: Float64Array;
  py: Float64Array;
  cls: Int32Array;
  wrong: Uint8Array;
  /** The probability image covering the domains (a data: URL), or `null`. */
  shading: string | null;
  /** The decision boundary clipped to the domains (see viz/clip.ts's `clipLine`), or `null`. */
  boundary: readonly [Point, Point] | null;
}

/**
 * Redraws `svg` as the scatter plot. Points, rings and the boundary are clipped to the
 * plot area; the point radius shrinks as the point count grows so dense sets stay readable.
 *
 * @param svg - The `<svg>` element to draw into; its children are replaced.
 * @param input - What to draw; see {@link ScatterInput}.
 * @example
 * renderScatter(svg, { width: 600, height: 480, xName: 'x1', yName: 'x2', xDomain, yDomain, px, py, cls, wrong, shading: null, boundary: null });
 */
export function renderScatter(svg: SVGSVGElement, input: ScatterInput): void {
  resetSvg(svg, input);
  const f = drawAxes(svg, input, input.xDomain, input.yDomain, input.xName, input.yName);
  const clipId = `clip-${svg.id || 'scatter'}`;
  const defs = svgElement('defs');
  const clip = svgElement('clipPath', { id: clipId });
  clip.append(svgElement('rect', { x: f.left, y: f.top, width: f.width, height: f.height }));
  defs.append(clip);
  svg.insertBefore(defs, svg.firstChild);
  if (input.shading !== null) {
    const image = svgElement('image', { class: 'shading', x: f.left, y: f.top, width: f.width, height: f.height, preserveAspectRatio: 'none', opacity: 0.55 });
    image.setAttribute('href', input.shading);
    svg.insertBefore(image, defs.nextSibling);
  }
  const n = input.px.length;
  const r = n > 1500 ? 2.2 : n > 600 ? 3 : 4;
  const points = svgElement('g', { class: 'points', 'clip-path': `url(#${clipId})`, 'stroke-width': 0.8 });
  const rings = svgElement('g', { class: 'misclassified', fill: 'none', stroke: '#111', 'stroke-width': 1.3, 'clip-path': `url(#${clipId})` });
  for (let i = 0; i < n; i++) {
    const k = input.cls[i] as number;
    const cx = f.sx(input.px[i] as number).toFixed(1);
    const cy = f.sy(input.py[i] as number).toFixed(1);
    points.append(svgElement('circle', { cx, cy, r, fill: classFill(k), stroke: classStroke(k), class: `point class-${k}` }));
    if (input.wrong[i] === 1) rings.append(svgElement('circle', { cx, cy, r: r + 2.6 }));
  }
  svg.append(points, rings);
  if (input.boundary !== null) {
    const [a, b] = input.boundary;
    svg.append(
      svgElement('line', {
        class: 'boundary',
        x1: f.sx(a.x),
        y1: f.sy(a.y),
        x2: f.sx(b.x),
        y2: f.sy(b.y),
        stroke: '#111',
        'stroke-width': 2,
        'stroke-dasharray': '7 5',
        'stroke-linecap': 'round',
        'clip-path': `url(#${clipId})`,
      }),
    );
  }
  drawFrameBorder(svg, f);
}
