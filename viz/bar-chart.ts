/**
 * A horizontal bar chart of signed values with category names (the demo's coefficients
 * per feature), with optional interval whiskers (confidence intervals). Bars grow from a
 * zero line, so a value's sign is its direction as well as its colour.
 * @module
 */
import { paddedDomain } from './domain.js';
import { resetSvg, svgElement } from './dom.js';
import { linearScale } from './scale.js';
import { textWidth } from './text-width.js';
import { linearTicks } from './ticks.js';

/** One bar. */
export interface Bar {
  /** The category's name, drawn left of the bar (shortened with an ellipsis when long; the full name is its tooltip). */
  label: string;
  /** The bar runs from 0 to this value; finite. */
  value: number;
  /** The interval's ends, drawn as a whisker with caps; both or neither, finite. */
  lower?: number;
  upper?: number;
  /** The bar's fill, a CSS colour. */
  fill: string;
  /** The bar's outline, a CSS colour. */
  stroke: string;
}

/** Input of {@link renderBarChart}. */
export interface BarChartInput {
  /** Chart width in pixels; the height follows from the bar count (see {@link barChartHeight}). */
  width: number;
  /** The bars, drawn top to bottom in this order. */
  bars: readonly Bar[];
  /** The horizontal axis title. */
  xName: string;
}

/** Pixels per bar row. */
const ROW = 24;
const TOP = 8;
const BOTTOM = 40;

/**
 * The height a chart of `n` bars takes: a fixed row per bar, plus the axis below.
 * @param n - The number of bars, ≥ 0.
 * @returns The height in pixels.
 * @example
 * barChartHeight(2); // 96
 */
export function barChartHeight(n: number): number {
  return TOP + Math.max(1, n) * ROW + BOTTOM;
}

/**
 * A label shortened to at most `maxWidth` pixels (estimated, see viz/text-width.ts), with
 * an ellipsis when cut.
 * @param label - The full label.
 * @param fontSize - Its font size in pixels.
 * @param maxWidth - The room for it, in pixels.
 * @returns The label, or its start and `…`.
 * @example
 * fitLabel('mean concave points', 11, 60); // 'mean con…'
 */
export function fitLabel(label: string, fontSize: number, maxWidth: number): string {
  if (textWidth(label, fontSize) <= maxWidth) return label;
  const chars = Math.max(1, Math.floor(maxWidth / (fontSize * 0.56)) - 1);
  return `${label.slice(0, chars)}…`;
}

/**
 * Redraws `svg` as a horizontal bar chart of `input.bars`: names on the left (at most
 * 40% of the width), bars from the zero line, whiskers from `lower` to `upper`, a
 * ticked value axis below. Every bar's group carries its exact numbers as `data-label`,
 * `data-value`, `data-lower` and `data-upper` attributes (for tests and tools).
 *
 * @param svg - The `<svg>` element to draw into; its children are replaced and its size set.
 * @param input - See {@link BarChartInput}.
 * @returns The chart's height in pixels.
 * @example
 * renderBarChart(svg, { width: 500, xName: 'Coefficient', bars: [{ label: 'age', value: 0.4, lower: 0.1, upper: 0.7, fill: '#E69F00', stroke: '#8F6300' }] });
 */
export function renderBarChart(svg: SVGSVGElement, input: BarChartInput): number {
  const { width, bars } = input;
  const height = barChartHeight(bars.length);
  resetSvg(svg, { width, height });
  const small = width < 420;
  const font = small ? 10 : 11;
  const longest = Math.max(20, ...bars.map((b) => textWidth(b.label, font)));
  const labelRoom = Math.min(longest, Math.floor(width * 0.4));
  const left = Math.round(labelRoom + 14);
  const right = width - 14;
  const bottom = height - BOTTOM;
  const ends: number[] = [0];
  for (const b of bars) {
    ends.push(b.value);
    if (b.lower !== undefined && b.upper !== undefined) ends.push(b.lower, b.upper);
  }
  const xd = paddedDomain(ends.filter(Number.isFinite));
  const sx = linearScale(xd, left, right);
  const ticks = linearTicks(xd, Math.max(2, Math.round((right - left) / (small ? 70 : 90))), { exponentFrom: 1e5 });
  const grid = svgElement('g', { class: 'grid', stroke: '#e3e6ea', 'stroke-width': 1 });
  const labels = svgElement('g', { class: 'ticks', 'font-size': font, fill: '#4a5360' });
  for (const t of ticks) {
    grid.append(svgElement('line', { x1: sx(t.value), x2: sx(t.value), y1: TOP, y2: bottom }));
    labels.append(svgElement('text', { x: sx(t.value), y: bottom + 15, 'text-anchor': 'middle' }, t.label));
  }
  svg.append(grid, labels);
  // Centred under the bars, but moved left as far as needed to stay inside the chart.
  const title = fitLabel(input.xName, 12, width - 8);
  const half = textWidth(title, 12, 0.6) / 2;
  const titleX = Math.max(half + 4, Math.min(left + (right - left) / 2, width - half - 4));
  svg.append(svgElement('text', { class: 'axis-title', x: titleX, y: height - 6, 'text-anchor': 'middle', 'font-size': 12, fill: '#1d232b' }, title));
  const x0 = sx(0);
  const rows = svgElement('g', { class: 'bars' });
  bars.forEach((b, i) => {
    const mid = TOP + i * ROW + ROW / 2;
    const attrs: Record<string, string | number> = { class: 'bar', 'data-label': b.label, 'data-value': String(b.value) };
    const ci = b.lower !== undefined && b.upper !== undefined;
    if (ci) {
      attrs['data-lower'] = String(b.lower);
      attrs['data-upper'] = String(b.upper);
    }
    const g = svgElement('g', attrs);
    const name = svgElement('text', { x: left - 8, y: mid, dy: '0.35em', 'text-anchor': 'end', 'font-size': font, fill: '#1d232b' }, fitLabel(b.label, font, labelRoom));
    name.append(svgElement('title', {}, b.label));
    const xv = sx(b.value);
    g.append(
      name,
      svgElement('rect', { x: Math.min(x0, xv), y: mid - ROW * 0.3, width: Math.max(1, Math.abs(xv - x0)), height: ROW * 0.6, fill: b.fill, stroke: b.stroke, 'stroke-width': 1 }),
    );
    if (ci) {
      const lo = sx(b.lower as number);
      const hi = sx(b.upper as number);
      const whisker = svgElement('g', { class: 'whisker', stroke: '#111', 'stroke-width': 1.5 });
      whisker.append(
        svgElement('line', { x1: lo, x2: hi, y1: mid, y2: mid }),
        svgElement('line', { x1: lo, x2: lo, y1: mid - 5, y2: mid + 5 }),
        svgElement('line', { x1: hi, x2: hi, y1: mid - 5, y2: mid + 5 }),
      );
      g.append(whisker);
    }
    rows.append(g);
  });
  svg.append(rows);
  svg.append(svgElement('line', { class: 'zero', x1: x0, x2: x0, y1: TOP, y2: bottom, stroke: '#4a5360', 'stroke-width': 1 }));
  svg.append(svgElement('line', { x1: left, x2: right, y1: bottom, y2: bottom, stroke: '#b8bec6' }));
  return height;
}
