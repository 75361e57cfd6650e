/**
 * The demo's loss curves: the objective per iteration of one fit, redrawn live while it
 * runs ({@link renderLoss}), or of several runs overlaid to compare them
 * ({@link renderLossOverlay}), on a linear or a log vertical axis. Both draw through one
 * frame (dom-axes.ts) and one path builder, which keeps at most two points per pixel
 * column (the lowest and highest there, so a spike is never thinned away) and leaves a
 * gap, with a marker on the frame's edge, where a value cannot be drawn.
 * @module
 */
import { type Domain, paddedDomain } from './domain.js';
import { drawAxes, drawFrameBorder, type Frame } from './dom-axes.js';
import { resetSvg, svgElement } from './dom.js';
import { logDomain, logTicks, niceLogDomain } from './log-ticks.js';
import { logScale } from './scale.js';
import type { Tick } from './ticks.js';

/** Input of {@link renderLoss}. */
export interface LossInput {
  /** Chart width in pixels. */
  width: number;
  /** Chart height in pixels. */
  height: number;
  /** Iteration number of each loss value, increasing. */
  iters: ArrayLike<number>;
  /** The loss after each of `iters`; non-finite values are left out of the vertical range and drawn as a gap. */
  losses: ArrayLike<number>;
  /** The x axis runs to at least this (the fit's `maxIter`, so the curve grows into a fixed frame). */
  maxIter: number;
  /**
   * The hint drawn in the empty frame, before the first iteration.
   * @default 'Train to see the loss curve'
   */
  emptyText?: string;
  /**
   * A log vertical axis (values ≤ 0 cannot be drawn on it: they leave a gap, marked on the bottom edge).
   * @default false
   */
  logScale?: boolean;
}

/** One curve of {@link renderLossOverlay}. */
export interface LossSeries {
  /** What the curve is, e.g. `'Run 3'` (its group's `data-name`; the legend is the caller's). */
  name: string;
  /** The loss values, in iteration order. */
  losses: ArrayLike<number>;
  /**
   * Iteration number of each value, increasing.
   * @default 1, 2, …, losses.length
   */
  iters?: ArrayLike<number>;
  /** Stroke colour; see {@link seriesStyle}. */
  color: string;
  /** SVG `stroke-dasharray` (`''` for a solid line); see {@link seriesStyle}. */
  dash: string;
}

/** Input of {@link renderLossOverlay}. */
export interface LossOverlayInput {
  /** Chart width in pixels. */
  width: number;
  /** Chart height in pixels. */
  height: number;
  /** The curves, drawn in order (the last on top). */
  series: readonly LossSeries[];
  /** @default false */
  logScale?: boolean;
  /**
   * The hint drawn when no curve has a value.
   * @default 'No runs to compare yet'
   */
  emptyText?: string;
}

/** What a curve could not draw: values left out, each marked on the frame's edge. */
export interface SeriesGaps {
  /** Values that are NaN or ±Infinity (a diverged fit), marked ▲ on the top edge. */
  nonFinite: number;
  /** On a log axis, values ≤ 0 (a loss of exactly 0), marked ▼ on the bottom edge; 0 on a linear axis. */
  notPositive: number;
}

/**
 * Line styles for overlaid curves: each differs from the others in colour and in dash
 * pattern, so curves stay apart without colour vision; every colour has at least 3:1
 * contrast on white.
 */
export const SERIES_STYLES: readonly { color: string; dash: string }[] = [
  { color: '#0072B2', dash: '' },
  { color: '#D55E00', dash: '8 4' },
  { color: '#00796B', dash: '2 3' },
  { color: '#C0397A', dash: '10 3 2 3' },
  { color: '#7A6800', dash: '14 5' },
  { color: '#6A3D9A', dash: '4 2 1 2 1 2' },
  { color: '#000000', dash: '1 4' },
  { color: '#8A3A00', dash: '6 2 6 6' },
];

/**
 * The line style of the `k`-th overlaid curve (cycling after {@link SERIES_STYLES}' eight).
 * @param k - A curve index, `0 ≤ k`.
 * @returns Its colour and `stroke-dasharray`.
 * @example
 * seriesStyle(1); // { color: '#D55E00', dash: '8 4' }
 */
export function seriesStyle(k: number): { color: string; dash: string } {
  return SERIES_STYLES[k % SERIES_STYLES.length] as { color: string; dash: string };
}

/**
 * Redraws `svg` as the loss curve, or as an empty frame with a hint before any iteration.
 * The path keeps at most 2 points per pixel column, so a 10⁶-iteration fit redraws with
 * a path as short as a short one's.
 *
 * @param svg - The `<svg>` element to draw into; its children are replaced.
 * @param input - What to draw; see {@link LossInput}.
 * @example
 * renderLoss(svg, { width: 340, height: 210, iters: [1, 2, 3], losses: [0.69, 0.5, 0.42], maxIter: 100 });
 */
export function renderLoss(svg: SVGSVGElement, input: LossInput): void {
  const series: LossSeries = { name: 'Loss', iters: input.iters, losses: input.losses, color: '#0072B2', dash: '' };
  draw(svg, input, [series], { logScale: input.logScale === true, maxIter: input.maxIter, emptyText: input.emptyText ?? 'Train to see the loss curve' });
}

/**
 * Redraws `svg` with several loss curves over one frame, each in its own style; the x
 * axis runs to the longest curve's last iteration. On a log axis a loss of 0 (or below)
 * cannot be drawn and a non-finite loss on neither: such values leave a gap in their
 * curve and a marker on the frame's edge, and are counted in the result.
 *
 * @param svg - The `<svg>` element to draw into; its children are replaced.
 * @param input - What to draw; see {@link LossOverlayInput}.
 * @returns Per series, in input order, what it could not draw.
 * @example
 * renderLossOverlay(svg, {
 *   width: 600, height: 300, logScale: true,
 *   series: [
 *     { name: 'Run 1', losses: [0.69, 0.4, 0.3], ...seriesStyle(0) },
 *     { name: 'Run 2', losses: [0.69, 0.2, 0.1], ...seriesStyle(1) },
 *   ],
 * });
 */
export function renderLossOverlay(svg: SVGSVGElement, input: LossOverlayInput): SeriesGaps[] {
  return draw(svg, input, input.series, { logScale: input.logScale === true, maxIter: 1, emptyText: input.emptyText ?? 'No runs to compare yet' });
}

/**
 * At most about `maxPoints` of a loss curve, with their iteration numbers, for keeping a
 * long run's curve cheaply: the curve is cut into equal runs of iterations and each keeps
 * its lowest and highest finite value and its first non-finite one (in iteration order),
 * so the drawn shape, spikes and divergence survive; the last value is always kept.
 *
 * @param losses - The loss per iteration (iteration `i + 1` at index `i`).
 * @param maxPoints - The budget, at least 4.
 * @returns Increasing iteration numbers and their losses (copies: the input is not kept).
 * @example
 * thinLoss(new Float64Array(1e6).map((_, i) => 1 / (i + 1)), 2000).iters.length; // ≤ 2000
 */
export function thinLoss(losses: ArrayLike<number>, maxPoints: number): { iters: Float64Array; losses: Float64Array } {
  const n = losses.length;
  if (n <= maxPoints) {
    return { iters: Float64Array.from({ length: n }, (_, i) => i + 1), losses: Float64Array.from(losses) };
  }
  const buckets = Math.max(1, Math.floor((maxPoints - 1) / 3));
  const keep: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let lo = -1;
    let hi = -1;
    let bad = -1;
    for (let i = start; i < end; i++) {
      const v = losses[i] as number;
      if (!Number.isFinite(v)) {
        if (bad < 0) bad = i;
      } else {
        if (lo < 0 || v < (losses[lo] as number)) lo = i;
        if (hi < 0 || v > (losses[hi] as number)) hi = i;
      }
    }
    for (const i of [lo, hi, bad].filter((i) => i >= 0).sort((a, b) => a - b)) if (keep.at(-1) !== i) keep.push(i);
  }
  if (keep.at(-1) !== n - 1) keep.push(n - 1);
  return { iters: Float64Array.from(keep, (i) => i + 1), losses: Float64Array.from(keep, (i) => losses[i] as number) };
}

// ---------------------------------------------------------------- drawing

interface DrawOptions {
  logScale: boolean;
  /** The x axis runs to at least this. */
  maxIter: number;
  emptyText: string;
}

const iterAt = (s: LossSeries, i: number): number => (s.iters === undefined ? i + 1 : (s.iters[i] as number));

function draw(svg: SVGSVGElement, size: { width: number; height: number }, series: readonly LossSeries[], options: DrawOptions): SeriesGaps[] {
  resetSvg(svg, size);
  const log = options.logScale;
  // The vertical range of every drawable value of every curve.
  let lo = Infinity;
  let hi = -Infinity;
  let lastIter = 1;
  let any = false;
  for (const s of series) {
    const n = s.losses.length;
    if (n > 0) {
      any = true;
      lastIter = Math.max(lastIter, iterAt(s, n - 1));
    }
    const { losses } = s;
    for (let i = 0; i < n; i++) {
      const v = losses[i] as number;
      // Drawable: finite (NaN fails both comparisons), and positive on a log axis.
      if (!(v > -Infinity && v < Infinity) || (log && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const found = lo <= hi;
  // With no value to draw, a loss's usual range: never negative, so not paddedDomain's empty-data [-1, 1].
  // A log axis ends on ticks where that costs little room: a curve from 0.23 to 0.69 gets 0.2 … 0.7, labelled at both ends.
  const logRange = found && log ? logDomain([lo, hi]) : null;
  const yd: Domain = log ? (logRange === null ? { min: 0.1, max: 1 } : niceLogDomain(logRange)) : found ? paddedDomain([lo, hi]) : { min: 0, max: 1 };
  const xd: Domain = { min: 0, max: Math.max(1, options.maxIter, lastIter) };
  const yAxis = log ? { scale: logScale, ticks: spaced(logTicks(yd, Math.max(2, Math.round(size.height / 70))), yd, size.height - 50) } : undefined;
  const f = drawAxes(svg, size, xd, yd, 'Iteration', log ? 'Loss (log scale)' : 'Loss', yAxis);
  const gaps = series.map((s, k) => drawSeries(svg, f, s, k, log));
  if (!any || !found) {
    const text = !any ? options.emptyText : log ? 'No loss above 0 to draw on a log scale' : 'No finite loss to draw';
    svg.append(svgElement('text', { class: 'empty-hint', x: f.left + f.width / 2, y: f.top + f.height / 2, 'text-anchor': 'middle', 'font-size': 12, fill: '#5b6573' }, text));
  }
  drawFrameBorder(svg, f);
  return gaps;
}

/** Least distance between two labels of a log axis, in pixels: their 10–11 px text plus a gap. */
const MIN_LABEL_GAP = 16;

/**
 * The ticks of a log axis `pixels` high over `domain`, bottom up, less any that would sit
 * closer than {@link MIN_LABEL_GAP} to the last one kept (the 1…9 × 10^k ticks crowd
 * towards the top of each decade).
 */
function spaced(ticks: readonly Tick[], domain: Domain, pixels: number): Tick[] {
  const at = logScale(domain, 0, pixels);
  const kept: Tick[] = [];
  for (const t of ticks) if (kept.length === 0 || at(t.value) - at((kept.at(-1) as Tick).value) >= MIN_LABEL_GAP) kept.push(t);
  return kept;
}

/**
 * One curve: a path through its drawable values (per pixel column the lowest and the
 * highest, in iteration order), broken where a value is not drawable; a dot for a value
 * with no drawable neighbour; a marker on the edge, once per column, for each value left out.
 */
function drawSeries(svg: SVGSVGElement, f: Frame, s: LossSeries, k: number, log: boolean): SeriesGaps {
  const n = s.losses.length;
  const gaps: SeriesGaps = { nonFinite: 0, notPositive: 0 };
  let d = '';
  const dots: [number, number][] = [];
  const marks: { x: number; up: boolean }[] = [];
  let segment = 0; // points in the current unbroken piece
  let col = NaN;
  let lo = -1;
  let hi = -1;
  let markCol = NaN;
  const point = (i: number): void => {
    const x = f.sx(iterAt(s, i));
    const y = f.sy(s.losses[i] as number);
    d += `${segment === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    if (segment === 0) dots.push([x, y]);
    else if (segment === 1) dots.pop();
    segment++;
  };
  const flush = (): void => {
    if (lo < 0) return;
    if (lo === hi) point(lo);
    else {
      point(Math.min(lo, hi));
      point(Math.max(lo, hi));
    }
    lo = -1;
    hi = -1;
  };
  // The x scale is linear: its two coefficients, rather than a call per value (a live redraw may pass 10⁶ values).
  const x0 = f.sx(0);
  const kx = f.sx(1) - x0;
  const { losses, iters } = s;
  let loV = 0;
  let hiV = 0;
  for (let i = 0; i < n; i++) {
    const v = losses[i] as number;
    const x = x0 + kx * (iters === undefined ? i + 1 : (iters[i] as number));
    const c = Math.floor(x);
    if (!(v > -Infinity && v < Infinity) || (log && v <= 0)) {
      flush();
      segment = 0;
      const finite = v > -Infinity && v < Infinity;
      const up = !finite && v !== -Infinity;
      if (finite) gaps.notPositive++;
      else gaps.nonFinite++;
      if (c !== markCol || marks.at(-1)?.up !== up) marks.push({ x, up });
      markCol = c;
      continue;
    }
    if (c !== col) {
      flush();
      col = c;
    }
    if (lo < 0 || v < loV) {
      lo = i;
      loV = v;
    }
    if (hi < 0 || v > hiV) {
      hi = i;
      hiV = v;
    }
  }
  flush();
  const group = svgElement('g', { class: 'loss-series', 'data-series': k, 'data-name': s.name });
  const stroke = { stroke: s.color, 'stroke-width': 2, 'stroke-linejoin': 'round', 'stroke-linecap': s.dash === '' ? 'round' : 'butt' };
  if (d !== '') group.append(svgElement('path', { class: 'loss-line', d, fill: 'none', ...stroke, ...(s.dash === '' ? {} : { 'stroke-dasharray': s.dash }) }));
  for (const [x, y] of dots) group.append(svgElement('circle', { class: 'loss-dot', cx: x.toFixed(1), cy: y.toFixed(1), r: 3, fill: s.color }));
  for (const { x, up } of marks) {
    // ▲ on the top edge: above any axis (not finite); ▼ on the bottom edge: below a log axis (≤ 0).
    const y = up ? f.top : f.top + f.height;
    const tip = up ? y - 1 : y + 1;
    const base = up ? y + 7 : y - 7;
    group.append(svgElement('path', { class: up ? 'loss-mark loss-mark-nonfinite' : 'loss-mark loss-mark-zero', d: `M${(x - 4).toFixed(1)},${base}L${x.toFixed(1)},${tip}L${(x + 4).toFixed(1)},${base}Z`, fill: s.color }));
  }
  svg.append(group);
  return gaps;
}
