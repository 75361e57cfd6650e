/**
 * The frame shared by the demo's live charts: grid, tick labels and axis titles, with
 * the left margin sized to the widest y label.
 * @module
 */
import type { Domain } from './domain.js';
import { svgElement } from './dom.js';
import { linearScale, type Scale } from './scale.js';
import { textWidth } from './text-width.js';
import { linearTicks, type Tick } from './ticks.js';

/** The plot area of a chart, in pixels, and the scales from data to pixels. */
export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
  sx: Scale;
  sy: Scale;
}

/** A vertical axis other than the default linear one (e.g. a log axis): its scale and its ticks. */
export interface YAxis {
  /** Makes the scale from the data range to pixels, e.g. `logScale`. */
  scale: (domain: Domain, from: number, to: number) => Scale;
  /** The ticks to draw and label, inside the domain. */
  ticks: readonly Tick[];
}

/** Live-chart labels switch to exponent form from this magnitude on, to stay narrow on a phone. */
const EXPONENT_FROM = 1e5;

/**
 * Draws the grid, tick labels and axis titles of a `size` chart into `svg`, and returns
 * the plot area. Ticks aim at one per ~70 px vertically and ~90 px horizontally (~70 px
 * below 420 px width, where the tick font also shrinks).
 *
 * @param svg - The chart's `<svg>`, already sized (see `resetSvg`).
 * @param size - The chart's size in pixels.
 * @param xd - The horizontal data range.
 * @param yd - The vertical data range.
 * @param xName - The horizontal axis title.
 * @param yName - The vertical axis title.
 * @param yAxis - A non-linear vertical axis; linear ticks and scale when omitted.
 * @returns The plot area and its scales, for the caller to draw data into.
 * @example
 * const frame = drawAxes(svg, { width: 600, height: 300 }, { min: 0, max: 100 }, { min: 0.2, max: 0.7 }, 'Iteration', 'Loss');
 */
export function drawAxes(
  svg: SVGSVGElement,
  size: { width: number; height: number },
  xd: Domain,
  yd: Domain,
  xName: string,
  yName: string,
  yAxis?: YAxis,
): Frame {
  const small = size.width < 420;
  const tick = small ? 10 : 11;
  const yTicks = yAxis?.ticks ?? linearTicks(yd, Math.max(2, Math.round(size.height / 70)), { exponentFrom: EXPONENT_FROM });
  const labelWidth = Math.max(...yTicks.map((t) => textWidth(t.label, tick, 0.6)), textWidth(' ', tick, 0.6));
  const left = Math.round(18 + labelWidth + 12);
  const top = 10;
  // Room for half of a centred last x label of 4–5 characters ("1,000").
  const right = size.width - 18;
  const bottom = size.height - 40;
  const frame: Frame = {
    left,
    top,
    width: Math.max(1, right - left),
    height: Math.max(1, bottom - top),
    sx: linearScale(xd, left, right),
    sy: (yAxis?.scale ?? linearScale)(yd, bottom, top),
  };
  const xTicks = linearTicks(xd, Math.max(2, Math.round(frame.width / (small ? 70 : 90))), { exponentFrom: EXPONENT_FROM });
  const grid = svgElement('g', { class: 'grid', stroke: '#e3e6ea', 'stroke-width': 1 });
  for (const t of xTicks) grid.append(svgElement('line', { x1: frame.sx(t.value), x2: frame.sx(t.value), y1: top, y2: bottom }));
  for (const t of yTicks) grid.append(svgElement('line', { x1: left, x2: right, y1: frame.sy(t.value), y2: frame.sy(t.value) }));
  svg.append(grid);
  const labels = svgElement('g', { class: 'ticks', 'font-size': tick, fill: '#4a5360' });
  for (const t of xTicks) labels.append(svgElement('text', { x: frame.sx(t.value), y: bottom + 15, 'text-anchor': 'middle' }, t.label));
  for (const t of yTicks) labels.append(svgElement('text', { x: left - 6, y: frame.sy(t.value), dy: '0.35em', 'text-anchor': 'end' }, t.label));
  svg.append(labels);
  svg.append(svgElement('text', { class: 'axis-title', x: left + frame.width / 2, y: size.height - 6, 'text-anchor': 'middle', 'font-size': 12, fill: '#1d232b' }, xName));
  const ty = top + frame.height / 2;
  svg.append(svgElement('text', { class: 'axis-title', x: 12, y: ty, transform: `rotate(-90 12 ${ty})`, 'text-anchor': 'middle', 'font-size': 12, fill: '#1d232b' }, yName));
  return frame;
}

/**
 * The frame's border, drawn last so it sits over the data.
 * @param svg - The chart's `<svg>`.
 * @param f - Its plot area.
 * @example
 * drawFrameBorder(svg, frame);
 */
export function drawFrameBorder(svg: SVGSVGElement, f: Frame): void {
  svg.append(svgElement('rect', { x: f.left, y: f.top, width: f.width, height: f.height, fill: 'none', stroke: '#b8bec6' }));
}
