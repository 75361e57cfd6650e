/**
 * The demo's scatter plot: points by true class (colour and shape), optionally over an
 * image of the model's probabilities, with marks for what the caller wants seen: black
 * rings around misclassified points, a ring in the predicted class's colour (thicker when
 * the model is surer), a cross where a point disagrees with the shading under it, a
 * dashed decision boundary, a curve (e.g. the sigmoid), and notes drawn into the picture
 * above the plot (so a caveat travels with a screenshot).
 * @module
 */
import type { Point } from './clip.js';
import { classFill, classStroke } from './colors.js';
import type { Domain } from './domain.js';
import { drawAxes, drawFrameBorder, type YAxis } from './dom-axes.js';
import { type DomAttrs, resetSvg, svgElement } from './dom.js';
import { linearScale } from './scale.js';
import { shapePath } from './shapes.js';
import { textWidth } from './text-width.js';
import type { Tick } from './ticks.js';

/** Input of {@link renderScatter}. */
export interface ScatterInput {
  /** Chart width in pixels. */
  width: number;
  /** Height of the chart's axes and plot in pixels; notes, when given, add their lines above it. */
  height: number;
  /** Horizontal axis title. */
  xName: string;
  /** Vertical axis title. */
  yName: string;
  /** The data range shown horizontally. */
  xDomain: Domain;
  /** The data range shown vertically. */
  yDomain: Domain;
  /** Point `i` is drawn at `(px[i], py[i])` in data coordinates. */
  px: Float64Array;
  py: Float64Array;
  /** True class index of each point: its fill colour and its shape (see shapes.ts). */
  cls: Int32Array;
  /** 1 where the point is misclassified: a black ring around it. */
  wrong: Uint8Array;
  /**
   * Predicted class index of each point and the model's certainty in [0, 1]: when given,
   * each point gets a ring in the predicted class's colour, `1 + 2.6 × strength` px wide.
   */
  predicted?: { cls: Int32Array; strength: Float64Array };
  /** 1 where the point's own prediction differs from the shading under it: a cross over it. */
  marked?: Uint8Array;
  /** Extra attributes of point `i`'s element (e.g. `data-row`), for readers and tests. */
  pointAttrs?: (i: number) => DomAttrs;
  /** The probability image covering the domains (a data: URL), or `null`. */
  shading: string | null;
  /** The decision boundary clipped to the domains (see viz/clip.ts's `clipLine`), or `null`. */
  boundary: readonly [Point, Point] | null;
  /** A curve through the plot (data coordinates, in order), drawn as a line; omitted when absent. */
  curve?: { x: Float64Array; y: Float64Array };
  /** Vertical ticks to label instead of round numbers (e.g. class names on bands). */
  yTicks?: readonly Tick[];
  /** Sentences drawn above the plot, inside the picture, wrapped to its width. */
  notes?: readonly string[];
}

const NOTE_FONT = 11.5;
const NOTE_LINE = 15;

/**
 * Redraws `svg` as the scatter plot. Points and marks are clipped to the plot area; the
 * point size shrinks as the point count grows so dense sets stay readable. Each point is a
 * `path.point.class-k` (k its true class) carrying `pointAttrs(i)`; rings are in
 * `g.misclassified`, predicted-class rings in `g.predicted`, crosses in `g.disagree`, notes
 * in `text.note`.
 *
 * @param svg - The `<svg>` element to draw into; its children are replaced.
 * @param input - What to draw; see {@link ScatterInput}.
 * @example
 * renderScatter(svg, { width: 600, height: 480, xName: 'x1', yName: 'x2', xDomain, yDomain, px, py, cls, wrong, shading: null, boundary: null });
 */
export function renderScatter(svg: SVGSVGElement, input: ScatterInput): void {
  const lines = wrap(input.notes ?? [], input.width - 16);
  const notesHeight = lines.length === 0 ? 0 : lines.length * NOTE_LINE + 8;
  resetSvg(svg, { width: input.width, height: input.height + notesHeight });
  let plot: SVGSVGElement = svg;
  if (notesHeight > 0) {
    const band = svgElement('g', { class: 'notes' });
    band.append(svgElement('rect', { x: 0.5, y: 0.5, width: input.width - 1, height: notesHeight - 3, rx: 3, fill: '#fff6dc', stroke: '#d9b650' }));
    lines.forEach((line, i) => band.append(svgElement('text', { class: 'note', x: 8, y: 4 + NOTE_LINE * (i + 0.72), 'font-size': NOTE_FONT, fill: '#3d3000' }, line)));
    svg.append(band);
    // The axes lay out in their own coordinate box below the notes.
    plot = svgElement('svg', { x: 0, y: notesHeight, width: input.width, height: input.height, overflow: 'visible' });
    svg.append(plot);
  }
  const size = { width: input.width, height: input.height };
  const yAxis: YAxis | undefined = input.yTicks === undefined ? undefined : { scale: linearScale, ticks: input.yTicks };
  const f = drawAxes(plot, size, input.xDomain, input.yDomain, input.xName, input.yName, yAxis);
  const clipId = `clip-${svg.id || 'scatter'}`;
  const defs = svgElement('defs');
  const clip = svgElement('clipPath', { id: clipId });
  clip.append(svgElement('rect', { x: f.left, y: f.top, width: f.width, height: f.height }));
  defs.append(clip);
  plot.insertBefore(defs, plot.firstChild);
  if (input.shading !== null) {
    const image = svgElement('image', { class: 'shading', x: f.left, y: f.top, width: f.width, height: f.height, preserveAspectRatio: 'none', opacity: 0.55 });
    image.setAttribute('href', input.shading);
    plot.insertBefore(image, defs.nextSibling);
  }
  const clipped = { 'clip-path': `url(#${clipId})` };
  if (input.boundary !== null) {
    const [a, b] = input.boundary;
    plot.append(
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
        ...clipped,
      }),
    );
  }
  if (input.curve !== undefined && input.curve.x.length > 1) {
    const { x, y } = input.curve;
    const d = Array.from(x, (v, i) => `${i === 0 ? 'M' : 'L'}${f.sx(v).toFixed(1)},${f.sy(y[i] as number).toFixed(1)}`).join('');
    plot.append(svgElement('path', { class: 'curve', d, fill: 'none', stroke: '#1d232b', 'stroke-width': 2, ...clipped }));
  }
  const n = input.px.length;
  // Smaller on a narrow plot (a phone), where the same points share a third of the room.
  const r = (n > 1500 ? 2.2 : n > 600 ? 3 : 4) * Math.max(0.75, Math.min(1, f.width / 420));
  // The outermost vertex of any shape lies within 1.56 r of its centre (the triangle's).
  const outer = r * 1.56;
  const halos = svgElement('g', { class: 'predicted', fill: 'none', ...clipped });
  const points = svgElement('g', { class: 'points', 'stroke-width': 0.8, ...clipped });
  const rings = svgElement('g', { class: 'misclassified', fill: 'none', stroke: '#111', 'stroke-width': 1.3, ...clipped });
  const crosses = svgElement('g', { class: 'disagree', 'stroke-linecap': 'round', ...clipped });
  const predicted = input.predicted;
  for (let i = 0; i < n; i++) {
    const k = input.cls[i] as number;
    const cx = f.sx(input.px[i] as number);
    const cy = f.sy(input.py[i] as number);
    let ring = outer + 1.6;
    if (predicted !== undefined) {
      const width = 1 + 2.6 * Math.max(0, Math.min(1, predicted.strength[i] as number));
      const radius = outer + 0.6 + width / 2;
      halos.append(svgElement('circle', { cx: cx.toFixed(1), cy: cy.toFixed(1), r: radius.toFixed(2), stroke: classFill(predicted.cls[i] as number), 'stroke-width': width.toFixed(2) }));
      ring = radius + width / 2 + 1.4;
    }
    const attrs = input.pointAttrs?.(i) ?? {};
    points.append(svgElement('path', { d: shapePath(k, cx, cy, r), fill: classFill(k), stroke: classStroke(k), class: `point class-${k}`, ...attrs }));
    if (input.wrong[i] === 1) rings.append(svgElement('circle', { cx: cx.toFixed(1), cy: cy.toFixed(1), r: ring.toFixed(2) }));
    if (input.marked?.[i] === 1) {
      const a = r * 1.35;
      const d = `M${(cx - a).toFixed(1)},${(cy - a).toFixed(1)}L${(cx + a).toFixed(1)},${(cy + a).toFixed(1)}M${(cx - a).toFixed(1)},${(cy + a).toFixed(1)}L${(cx + a).toFixed(1)},${(cy - a).toFixed(1)}`;
      crosses.append(svgElement('path', { d, stroke: '#fff', 'stroke-width': 2.8 }), svgElement('path', { class: 'cross', d, stroke: '#111', 'stroke-width': 1.4 }));
    }
  }
  plot.append(halos, points, rings, crosses);
  drawFrameBorder(plot, f);
}

/** The sentences as lines of at most `width` pixels (a word longer than that gets a line of its own). */
function wrap(sentences: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const sentence of sentences) {
    let line = '';
    for (const word of sentence.split(/\s+/).filter(Boolean)) {
      const next = line === '' ? word : `${line} ${word}`;
      if (line !== '' && textWidth(next, NOTE_FONT, 0.55) > width) {
        lines.push(line);
        line = word;
      } else {
        line = next;
      }
    }
    if (line !== '') lines.push(line);
  }
  return lines;
}
