/**
 * The picture `npm start` writes to predictions.svg: the test points of a 2-feature
 * binary classification coloured by predicted class, the linear decision boundary over
 * the two tinted half-planes, and rings around misclassified points. A string renderer:
 * it needs no DOM.
 * @module
 */
import { clipHalfPlane, clipLine, type Point } from './clip.js';
import { classFill, classStroke } from './colors.js';
import { paddedDomain } from './domain.js';
import { linearScale } from './scale.js';
import { group, num, tag } from './svg.js';
import { textWidth } from './text-width.js';
import { linearTicks, type Tick } from './ticks.js';

/** Input of {@link renderPredictionPlot}. */
export interface PredictionPlot {
  /** The `n` points to draw, each `[x1, x2]` (only the first two features are used). */
  points: ArrayLike<ArrayLike<number>>;
  /** Predicted class per point, `0` or `1`. */
  predicted: ArrayLike<number>;
  /**
   * True class per point, `0` or `1` (optional). When given, points whose
   * prediction differs from the true class get a dark ring around them.
   */
  actual?: ArrayLike<number>;
  /** `w1, w2` of the decision boundary `w1*x1 + w2*x2 + b = 0` (class 1 where the left side is positive). */
  weights: ArrayLike<number>;
  /** `b` of the decision boundary. */
  bias: number;
  /** Title, drawn at the top. */
  title: string;
  /** Second line under the title, e.g. `"Accuracy 0.895 · 200 test points"`. */
  subtitle?: string;
  /**
   * Horizontal axis label.
   * @default 'Feature 1'
   */
  xLabel?: string;
  /**
   * Vertical axis label.
   * @default 'Feature 2'
   */
  yLabel?: string;
  /**
   * Width of the SVG in pixels.
   * @default 720
   */
  width?: number;
  /**
   * Height of the SVG in pixels.
   * @default 540
   */
  height?: number;
}

const INK = '#222222';
const MUTED = '#555555';
const GRID = '#E6E6E6';
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
/** Outer margin, in pixels. */
const PAD = 16;
/** Font sizes in pixels. */
const SIZE = { title: 18, subtitle: 13, legend: 12, tick: 11, label: 13 } as const;
const BOUNDARY_STROKE = { stroke: INK, 'stroke-width': 2, 'stroke-dasharray': '8 5', 'stroke-linecap': 'round' } as const;

/** Reads a class label, accepting only 0 and 1. */
function classOf(v: number | undefined, name: string, i: number): 0 | 1 {
  if (v === 0) return 0;
  if (v === 1) return 1;
  throw new RangeError(`${name}[${i}] must be 0 or 1, got ${String(v)}`);
}

/**
 * Renders the test points of a 2-feature binary classification, coloured by
 * predicted class, together with the decision boundary, as a standalone SVG
 * document.
 *
 * The data range is padded by 5 % on each side; axes get "nice" ticks
 * (steps of 1, 2 or 5 × 10^k). The boundary line is clipped to the plot area;
 * it is vertical when `w2 = 0` and omitted when both weights are 0 (or any of
 * `w1, w2, b` is not finite). The two half-planes are lightly tinted with the
 * colour of the class predicted there. Points with a non-finite coordinate are
 * skipped. The output is deterministic, all text is XML-escaped and every
 * coordinate has at most two decimals.
 *
 * @param plot - What to draw; see {@link PredictionPlot}.
 * @returns The SVG document, starting with an XML declaration.
 * @throws RangeError if `predicted` (or `actual`) does not have one entry per
 *   point, if a class label is not 0 or 1, or if `width`/`height` is not a
 *   positive finite number.
 * @example
 * writeFileSync('predictions.svg', renderPredictionPlot({ points: XTest.toArray(), predicted, actual: yTest, weights, bias, title: 'Test set' }));
 */
export function renderPredictionPlot(plot: PredictionPlot): string {
  const width = plot.width ?? 720;
  const height = plot.height ?? 540;
  if (!(Number.isFinite(width) && width > 0 && Number.isFinite(height) && height > 0)) {
    throw new RangeError(`width and height must be positive finite numbers, got ${width} × ${height}`);
  }
  const n = plot.points.length;
  if (plot.predicted.length !== n) {
    throw new RangeError(`predicted has ${plot.predicted.length} entries for ${n} points`);
  }
  if (plot.actual !== undefined && plot.actual.length !== n) {
    throw new RangeError(`actual has ${plot.actual.length} entries for ${n} points`);
  }

  // ---- data ----
  const xs: number[] = [];
  const ys: number[] = [];
  const cls: (0 | 1)[] = [];
  const wrong: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const p = plot.points[i];
    const x = p !== undefined && p.length > 0 ? Number(p[0]) : Number.NaN;
    const y = p !== undefined && p.length > 1 ? Number(p[1]) : Number.NaN;
    const predicted = classOf(plot.predicted[i], 'predicted', i);
    const actual = plot.actual === undefined ? predicted : classOf(plot.actual[i], 'actual', i);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    xs.push(x);
    ys.push(y);
    cls.push(predicted);
    wrong.push(actual !== predicted);
  }
  const w1 = plot.weights.length > 0 ? Number(plot.weights[0]) : 0;
  const w2 = plot.weights.length > 1 ? Number(plot.weights[1]) : 0;
  const bias = Number(plot.bias);

  const xDomain = paddedDomain(xs);
  const yDomain = paddedDomain(ys);

  // ---- layout ----
  let y = PAD + SIZE.title;
  const titleY = y;
  let subtitleY = 0;
  if (plot.subtitle !== undefined && plot.subtitle !== '') {
    y += 8 + SIZE.subtitle;
    subtitleY = y;
  }

  // y ticks first: their label width decides the left margin.
  const approxPlotHeight = Math.max(60, height - y - 110);
  const yTicks = linearTicks(yDomain, Math.max(2, Math.round(approxPlotHeight / 70)));
  const yTickWidth = Math.max(0, ...yTicks.map((t) => Math.ceil(textWidth(t.label, SIZE.tick))));
  const left = Math.round(PAD + SIZE.label + 12 + yTickWidth + 8);
  const right = width - 24;

  // Legend: a row (wrapping if needed) between the titles and the plot area.
  const misclassified = wrong.filter(Boolean).length;
  const boundary = clipLine(w1, w2, bias, xDomain, yDomain);
  const legendItems: { kind: 'class0' | 'class1' | 'boundary' | 'miss'; label: string }[] = [
    { kind: 'class0', label: 'Predicted class 0' },
    { kind: 'class1', label: 'Predicted class 1' },
  ];
  if (boundary !== null) legendItems.push({ kind: 'boundary', label: 'Decision boundary' });
  if (plot.actual !== undefined) legendItems.push({ kind: 'miss', label: `Misclassified (${misclassified})` });
  const legendRowHeight = SIZE.legend + 8;
  const swatch = 22;
  const legendPos: { x: number; row: number }[] = [];
  {
    let lx = left;
    let row = 0;
    for (const item of legendItems) {
      const w = swatch + 6 + Math.ceil(textWidth(item.label, SIZE.legend));
      if (lx > left && lx + w > right) {
        row++;
        lx = left;
      }
      legendPos.push({ x: lx, row });
      lx += w + 18;
    }
  }
  const legendRows = (legendPos[legendPos.length - 1]?.row ?? 0) + 1;
  const legendTop = y + 12;
  const top = legendTop + legendRows * legendRowHeight + 10;
  const bottom = height - (PAD + SIZE.label + 8 + SIZE.tick + 10);
  const plotW = Math.max(1, right - left);
  const plotH = Math.max(1, bottom - top);

  const xTicks = linearTicks(xDomain, Math.max(2, Math.round(plotW / 90)));
  const sx = linearScale(xDomain, left, left + plotW);
  const sy = linearScale(yDomain, top + plotH, top);
  const px = (p: Point): string => `${num(sx(p.x))},${num(sy(p.y))}`;

  // ---- drawing ----
  const out: string[] = [];
  out.push(tag('title', {}, plot.title));
  out.push(tag('rect', { width: '100%', height: '100%', fill: '#FFFFFF' }));

  // Tinted half-planes.
  if (boundary !== null) {
    const regions: string[] = [];
    for (const c of [0, 1] as const) {
      const poly = clipHalfPlane(c === 1 ? 1 : -1, w1, w2, bias, xDomain, yDomain);
      if (poly.length >= 3) {
        regions.push(tag('path', { class: `region region-${c}`, fill: classFill(c), 'fill-opacity': c === 1 ? 0.07 : 0.05, d: `M${poly.map(px).join('L')}Z` }));
      }
    }
    out.push(group('g', { class: 'regions', stroke: 'none' }, regions));
  }

  // Grid.
  out.push(
    group('g', { class: 'grid', stroke: GRID, 'stroke-width': 1 }, [
      ...xTicks.map((t) => tag('line', { x1: sx(t.value), y1: top, x2: sx(t.value), y2: top + plotH })),
      ...yTicks.map((t) => tag('line', { x1: left, y1: sy(t.value), x2: left + plotW, y2: sy(t.value) })),
    ]),
  );
  out.push(tag('rect', { class: 'plot-area', x: left, y: top, width: plotW, height: plotH, fill: 'none', stroke: '#BBBBBB', 'stroke-width': 1 }));

  // Axes: tick marks with their labels, one group per tick.
  const axis = (cls: string, anchor: string, ticks: readonly Tick[], draw: (t: Tick) => [string, string]): string =>
    group(
      'g',
      { class: cls, 'font-size': SIZE.tick, fill: MUTED, 'text-anchor': anchor },
      ticks.map((t) => group('g', { class: 'tick', 'data-value': t.label }, draw(t), '')),
    );
  out.push(
    axis('x-axis', 'middle', xTicks, (t) => {
      const tx = sx(t.value);
      return [tag('line', { x1: tx, y1: bottom, x2: tx, y2: bottom + 5, stroke: '#888888' }), tag('text', { x: tx, y: bottom + 7 + SIZE.tick }, t.label)];
    }),
  );
  out.push(
    axis('y-axis', 'end', yTicks, (t) => {
      const ty = sy(t.value);
      return [tag('line', { x1: left - 5, y1: ty, x2: left, y2: ty, stroke: '#888888' }), tag('text', { x: left - 8, y: ty, dy: '0.35em' }, t.label)];
    }),
  );
  out.push(
    tag('text', { class: 'x-label', x: left + plotW / 2, y: height - PAD, 'font-size': SIZE.label, fill: INK, 'text-anchor': 'middle' }, plot.xLabel ?? 'Feature 1'),
  );
  const ylx = num(PAD + SIZE.label - 2);
  const yly = num(top + plotH / 2);
  out.push(
    tag(
      'text',
      { class: 'y-label', x: ylx, y: yly, transform: `rotate(-90 ${ylx} ${yly})`, 'font-size': SIZE.label, fill: INK, 'text-anchor': 'middle' },
      plot.yLabel ?? 'Feature 2',
    ),
  );

  // Decision boundary.
  if (boundary !== null) {
    const [a, b] = boundary;
    out.push(tag('line', { class: 'boundary', x1: sx(a.x), y1: sy(a.y), x2: sx(b.x), y2: sy(b.y), ...BOUNDARY_STROKE }));
  }

  // Points, then rings around the misclassified ones (on top, so they stay visible).
  const count = xs.length;
  const r = count > 2000 ? 2 : count > 800 ? 2.5 : count > 300 ? 3.2 : 4.2;
  const circles: string[] = [];
  const rings: string[] = [];
  for (let i = 0; i < count; i++) {
    const c = cls[i] ?? 0;
    const cx = sx(xs[i] ?? 0);
    const cy = sy(ys[i] ?? 0);
    circles.push(tag('circle', { class: `point class-${c}`, cx, cy, r, fill: classFill(c), stroke: classStroke(c) }));
    if (wrong[i] === true) rings.push(tag('circle', { cx, cy, r: r + 3 }));
  }
  out.push(group('g', { class: 'points', 'stroke-width': 0.8, 'fill-opacity': 0.9 }, circles));
  if (rings.length > 0) out.push(group('g', { class: 'misclassified', fill: 'none', stroke: INK, 'stroke-width': 1.4 }, rings));

  // Titles.
  out.push(tag('text', { class: 'title', x: left, y: titleY, 'font-size': SIZE.title, 'font-weight': 600, fill: INK }, plot.title));
  if (subtitleY > 0) {
    out.push(tag('text', { class: 'subtitle', x: left, y: subtitleY, 'font-size': SIZE.subtitle, fill: MUTED }, plot.subtitle ?? ''));
  }

  // Legend.
  const legend = legendItems.map((item, k) => {
    const pos = legendPos[k] ?? { x: left, row: 0 };
    const cy = legendTop + pos.row * legendRowHeight + legendRowHeight / 2;
    const cx = pos.x + swatch / 2;
    let mark: string;
    switch (item.kind) {
      case 'class0':
      case 'class1': {
        const c = item.kind === 'class0' ? 0 : 1;
        mark = tag('circle', { cx, cy, r: 4.5, fill: classFill(c), stroke: classStroke(c), 'stroke-width': 0.8 });
        break;
      }
      case 'boundary':
        mark = tag('line', { x1: pos.x, y1: cy, x2: pos.x + swatch, y2: cy, ...BOUNDARY_STROKE });
        break;
      case 'miss':
        mark =
          tag('circle', { cx, cy, r: 4.2, fill: '#BBBBBB', stroke: '#888888', 'stroke-width': 0.8 }) +
          tag('circle', { cx, cy, r: 7.2, fill: 'none', stroke: INK, 'stroke-width': 1.4 });
        break;
    }
    return group('g', { class: `legend-item legend-${item.kind}` }, [mark, tag('text', { x: pos.x + swatch + 6, y: cy, dy: '0.35em' }, item.label)], '');
  });
  out.push(group('g', { class: 'legend', 'font-size': SIZE.legend, fill: INK }, legend));

  const svg = group(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${num(width)} ${num(height)}`, role: 'img', 'font-family': FONT },
    out,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}
