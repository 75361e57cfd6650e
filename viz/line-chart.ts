/**
 * A line chart of several series on one frame (the demo's ROC, reliability and
 * validation curves): each series a line with its own dash pattern and marker shape as
 * well as its colour (so they stay apart without colour), an optional band around a
 * series (mean ± one standard deviation), the diagonal y = x, and a marked x value.
 * @module
 */
import type { Domain } from './domain.js';
import { drawAxes, drawFrameBorder } from './dom-axes.js';
import { resetSvg, svgElement } from './dom.js';

/** The marker shapes a series can use; one per series keeps them apart in greyscale. */
export const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross', 'down'] as const;
/** A marker shape. */
export type Marker = (typeof MARKERS)[number];
/** Dash patterns (SVG `stroke-dasharray`), one per series in turn: solid first. */
export const DASHES: readonly string[] = ['', '7 4', '2 3', '10 3 2 3', '4 4', '1 2'];

/** One series. */
export interface LineSeries {
  /** Its name (for the legend and the SVG's `data-name`). */
  name: string;
  /** The points' horizontal values, in drawing order. */
  x: ArrayLike<number>;
  /** The points' vertical values, as many as `x`. */
  y: ArrayLike<number>;
  /** A CSS colour. */
  color: string;
  /** `stroke-dasharray`; '' for a solid line. */
  dash: string;
  marker: Marker;
  /**
   * Marks drawn at most on this many points, spread evenly (every point when it has fewer).
   * @default 12
   */
  maxMarkers?: number;
  /** A shaded band from `lower[i]` to `upper[i]` at `x[i]` (e.g. mean ± one standard deviation). */
  band?: { lower: ArrayLike<number>; upper: ArrayLike<number> };
}

/** Input of {@link renderLineChart}. */
export interface LineChartInput {
  /** Chart width in pixels. */
  width: number;
  /** Chart height in pixels. */
  height: number;
  /** The data ranges shown; points outside are clipped. */
  xDomain: Domain;
  yDomain: Domain;
  /** Axis titles. */
  xName: string;
  yName: string;
  /** The series, drawn in order (later ones on top). */
  series: readonly LineSeries[];
  /** Draw the diagonal y = x (dotted grey): chance for a ROC curve, perfect calibration for a reliability curve. */
  diagonal?: boolean;
  /** A vertical line at this x with a short label at its foot (e.g. the run's own C). */
  markX?: { x: number; label: string };
}

/**
 * An SVG element drawing marker `shape` of radius `r` centred at (cx, cy).
 * @param shape - See {@link MARKERS}.
 * @param cx - Centre, pixels.
 * @param cy - Centre, pixels.
 * @param r - Radius (half the width), pixels.
 * @param color - Fill and stroke colour.
 * @returns A `circle` or `path` element.
 * @example
 * svg.append(markerElement('triangle', 10, 10, 4, '#0072B2'));
 */
export function markerElement(shape: Marker, cx: number, cy: number, r: number, color: string): SVGElement {
  if (shape === 'circle') return svgElement('circle', { cx: cx.toFixed(1), cy: cy.toFixed(1), r, fill: color, stroke: '#fff', 'stroke-width': 0.8 });
  const p = (dx: number, dy: number): string => `${(cx + dx * r).toFixed(1)},${(cy + dy * r).toFixed(1)}`;
  const d: Record<Exclude<Marker, 'circle'>, string> = {
    square: `M${p(-0.85, -0.85)}L${p(0.85, -0.85)}L${p(0.85, 0.85)}L${p(-0.85, 0.85)}Z`,
    triangle: `M${p(0, -1.1)}L${p(1, 0.75)}L${p(-1, 0.75)}Z`,
    down: `M${p(0, 1.1)}L${p(1, -0.75)}L${p(-1, -0.75)}Z`,
    diamond: `M${p(0, -1.15)}L${p(1.15, 0)}L${p(0, 1.15)}L${p(-1.15, 0)}Z`,
    cross: `M${p(-1, -1)}L${p(1, 1)}M${p(1, -1)}L${p(-1, 1)}`,
  };
  return shape === 'cross'
    ? svgElement('path', { d: d.cross, fill: 'none', stroke: color, 'stroke-width': 2 })
    : svgElement('path', { d: d[shape], fill: color, stroke: '#fff', 'stroke-width': 0.8 });
}

/**
 * The indices of at most `max` points of `n`, spread evenly, first and last included.
 * @param n - The number of points.
 * @param max - The most to pick, ≥ 1.
 * @returns Increasing indices.
 * @example
 * spreadIndices(10, 3); // [0, 5, 9]
 */
export function spreadIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  if (max <= 1) return [0];
  const out = new Set<number>();
  for (let k = 0; k < max; k++) out.add(Math.round((k * (n - 1)) / (max - 1)));
  return [...out];
}

/**
 * Redraws `svg` as the line chart: the frame (viz/dom-axes.ts), then bands, the diagonal,
 * the lines with their markers (clipped to the plot area), the marked x value and the
 * border. Each series' group carries `class="series"` and `data-name`; a band is a path of
 * `class="band"`.
 *
 * @param svg - The `<svg>` element to draw into; its children are replaced.
 * @param input - See {@link LineChartInput}.
 * @example
 * renderLineChart(svg, { width: 400, height: 300, xDomain: { min: 0, max: 1 }, yDomain: { min: 0, max: 1 }, xName: 'False-positive rate', yName: 'True-positive rate', diagonal: true,
 *   series: [{ name: 'class 1', x: [0, 0.1, 1], y: [0, 0.8, 1], color: '#0072B2', dash: '', marker: 'circle' }] });
 */
export function renderLineChart(svg: SVGSVGElement, input: LineChartInput): void {
  resetSvg(svg, input);
  const f = drawAxes(svg, input, input.xDomain, input.yDomain, input.xName, input.yName);
  const clipId = `clip-${svg.id || 'line'}`;
  const defs = svgElement('defs');
  const clip = svgElement('clipPath', { id: clipId });
  clip.append(svgElement('rect', { x: f.left, y: f.top, width: f.width, height: f.height }));
  defs.append(clip);
  svg.insertBefore(defs, svg.firstChild);
  const plot = svgElement('g', { 'clip-path': `url(#${clipId})` });
  const at = (x: number, y: number): string => `${f.sx(x).toFixed(1)},${f.sy(y).toFixed(1)}`;
  for (const s of input.series) {
    if (s.band === undefined) continue;
    const n = s.x.length;
    let d = '';
    for (let i = 0; i < n; i++) d += `${i === 0 ? 'M' : 'L'}${at(s.x[i] as number, s.band.upper[i] as number)}`;
    for (let i = n - 1; i >= 0; i--) d += `L${at(s.x[i] as number, s.band.lower[i] as number)}`;
    plot.append(svgElement('path', { class: 'band', 'data-name': s.name, d: `${d}Z`, fill: s.color, 'fill-opacity': 0.18, stroke: s.color, 'stroke-opacity': 0.5, 'stroke-width': 0.8 }));
  }
  if (input.diagonal === true) {
    const lo = Math.max(input.xDomain.min, input.yDomain.min);
    const hi = Math.min(input.xDomain.max, input.yDomain.max);
    plot.append(svgElement('line', { class: 'diagonal', x1: f.sx(lo), y1: f.sy(lo), x2: f.sx(hi), y2: f.sy(hi), stroke: '#6b7480', 'stroke-width': 1.2, 'stroke-dasharray': '3 4' }));
  }
  for (const s of input.series) {
    const g = svgElement('g', { class: 'series', 'data-name': s.name });
    const n = s.x.length;
    let d = '';
    for (let i = 0; i < n; i++) d += `${i === 0 ? 'M' : 'L'}${at(s.x[i] as number, s.y[i] as number)}`;
    const line = svgElement('path', { d, fill: 'none', stroke: s.color, 'stroke-width': 2, 'stroke-linejoin': 'round' });
    if (s.dash !== '') line.setAttribute('stroke-dasharray', s.dash);
    g.append(line);
    for (const i of spreadIndices(n, s.maxMarkers ?? 12)) g.append(markerElement(s.marker, f.sx(s.x[i] as number), f.sy(s.y[i] as number), 4, s.color));
    plot.append(g);
  }
  svg.append(plot);
  if (input.markX !== undefined) {
    const x = f.sx(input.markX.x);
    svg.append(
      svgElement('line', { class: 'mark-x', x1: x, x2: x, y1: f.top, y2: f.top + f.height, stroke: '#1d232b', 'stroke-width': 1.2, 'stroke-dasharray': '5 3' }),
      // At the foot of the line, with a white halo so a curve passing behind it leaves it readable.
      svgElement(
        'text',
        { class: 'mark-x-label', x: x + (x > f.left + f.width * 0.7 ? -4 : 4), y: f.top + f.height - 6, 'text-anchor': x > f.left + f.width * 0.7 ? 'end' : 'start', 'font-size': 11, fill: '#1d232b', stroke: '#fff', 'stroke-width': 3, 'paint-order': 'stroke' },
        input.markX.label,
      ),
    );
  }
  drawFrameBorder(svg, f);
}
