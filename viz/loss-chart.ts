/**
 * The demo's loss curve: the objective per iteration, redrawn live while a fit runs.
 * @module
 */
import { paddedDomain } from './domain.js';
import { drawAxes, drawFrameBorder } from './dom-axes.js';
import { resetSvg, svgElement } from './dom.js';

/** Input of {@link renderLoss}. */
export interface LossInput {
  /** Chart width in pixels. */
  width: number;
  /** Chart height in pixels. */
  height: number;
  /** Iteration number of each loss value, increasing. */
  iters: ArrayLike<number>;
  /** The loss after each of `iters`; non-finite values are left out of the vertical range. */
  losses: ArrayLike<number>;
  /** The x axis runs to at least this (the fit's `maxIter`, so the curve grows into a fixed frame). */
  maxIter: number;
  /**
   * The hint drawn in the empty frame, before the first iteration.
   * @default 'Train to see the loss curve'
   */
  emptyText?: string;
}

/**
 * Redraws `svg` as the loss curve, or as an empty frame with a hint before any iteration.
 * The path keeps at most ~2 points per pixel column (plus the last), so a 10⁶-iteration
 * fit redraws as fast as a short one.
 *
 * @param svg - The `<svg>` element to draw into; its children are replaced.
 * @param input - What to draw; see {@link LossInput}.
 * @example
 * renderLoss(svg, { width: 340, height: 210, iters: [1, 2, 3], losses: [0.69, 0.5, 0.42], maxIter: 100 });
 */
export function renderLoss(svg: SVGSVGElement, input: LossInput): void {
  resetSvg(svg, input);
  const n = input.losses.length;
  let anyFinite = false;
  for (let i = 0; i < n && !anyFinite; i++) anyFinite = Number.isFinite(input.losses[i]);
  // Before the first finite loss the frame shows [0, 1], not paddedDomain's empty-data [-1, 1]: a loss is never negative.
  const yd = anyFinite ? paddedDomain(input.losses) : { min: 0, max: 1 };
  const lastIter = n > 0 ? (input.iters[n - 1] as number) : 1;
  const xd = { min: 0, max: Math.max(1, input.maxIter, lastIter) };
  const f = drawAxes(svg, input, xd, yd, 'Iteration', 'Loss');
  if (n === 0) {
    svg.append(svgElement('text', { x: f.left + f.width / 2, y: f.top + f.height / 2, 'text-anchor': 'middle', 'font-size': 12, fill: '#6b7480' }, input.emptyText ?? 'Train to see the loss curve'));
    return;
  }
  const step = Math.max(1, Math.floor(n / (f.width * 2)));
  const at = (i: number): string => `${f.sx(input.iters[i] as number).toFixed(1)},${f.sy(input.losses[i] as number).toFixed(1)}`;
  let d = '';
  for (let i = 0; i < n; i += step) d += `${d === '' ? 'M' : 'L'}${at(i)}`;
  d += `L${at(n - 1)}`;
  svg.append(svgElement('path', { class: 'loss-line', d, fill: 'none', stroke: '#0072B2', 'stroke-width': 2, 'stroke-linejoin': 'round' }));
  if (n === 1) svg.append(svgElement('circle', { cx: f.sx(input.iters[0] as number), cy: f.sy(input.losses[0] as number), r: 3, fill: '#0072B2' }));
  drawFrameBorder(svg, f);
}
