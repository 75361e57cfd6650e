/**
 * Dependency-free SVG rendering of a 2-feature binary classification: the
 * points coloured by predicted class, the linear decision boundary, and
 * (optionally) the misclassified points. Used by the demo to write
 * `predictions.svg`.
 * @module
 */

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
  /** Horizontal axis label; default `'Feature 1'`. */
  xLabel?: string;
  /** Vertical axis label; default `'Feature 2'`. */
  yLabel?: string;
  /** Width of the SVG in pixels; default 720. */
  width?: number;
  /** Height of the SVG in pixels; default 540. */
  height?: number;
}

const CLASS_FILL = ['#0072B2', '#E69F00'] as const;
const CLASS_STROKE = ['#004B75', '#8F6300'] as const;
const INK = '#222222';
const MUTED = '#555555';
const GRID = '#E6E6E6';
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** Average glyph width of the sans-serif font, in ems (an estimate; used for layout only). */
const EM_WIDTH = 0.56;

interface Domain {
  min: number;
  max: number;
}

interface Tick {
  value: number;
  label: string;
}

interface Point2 {
  x: number;
  y: number;
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
 * skipped. The output is deterministic and all text is XML-escaped.
 *
 * @param plot - What to draw; see {@link PredictionPlot}.
 * @returns The SVG document, starting with an XML declaration.
 * @throws RangeError if `predicted` (or `actual`) does not have one entry per
 *   point, if a class label is not 0 or 1, or if `width`/`height` is not a
 *   positive finite number.
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
  const pad = 16;
  const titleSize = 18;
  const subtitleSize = 13;
  const legendSize = 12;
  const tickSize = 11;
  const labelSize = 13;

  let y = pad + titleSize;
  const titleY = y;
  let subtitleY = 0;
  if (plot.subtitle !== undefined && plot.subtitle !== '') {
    y += 8 + subtitleSize;
    subtitleY = y;
  }

  // y ticks first: their label width decides the left margin.
  const approxPlotHeight = Math.max(60, height - y - 110);
  const yTicks = niceTicks(yDomain, Math.max(2, Math.round(approxPlotHeight / 70)));
  const yTickWidth = Math.max(0, ...yTicks.map((t) => textWidth(t.label, tickSize)));
  const left = Math.round(pad + labelSize + 12 + yTickWidth + 8);
  const right = width - 24;

  // Legend: a row (wrapping if needed) between the titles and the plot area.
  const misclassified = wrong.filter(Boolean).length;
  const boundary = boundaryLine(w1, w2, bias, xDomain, yDomain);
  const legendItems: { kind: 'class0' | 'class1' | 'boundary' | 'miss'; label: string }[] = [
    { kind: 'class0', label: 'Predicted class 0' },
    { kind: 'class1', label: 'Predicted class 1' },
  ];
  if (boundary !== null) legendItems.push({ kind: 'boundary', label: 'Decision boundary' });
  if (plot.actual !== undefined) legendItems.push({ kind: 'miss', label: `Misclassified (${misclassified})` });
  const legendRowHeight = legendSize + 8;
  const swatch = 22;
  const legendPos: { x: number; row: number }[] = [];
  {
    let lx = left;
    let row = 0;
    for (const item of legendItems) {
      const w = swatch + 6 + textWidth(item.label, legendSize);
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
  const bottom = height - (pad + labelSize + 8 + tickSize + 10);
  const plotW = Math.max(1, right - left);
  const plotH = Math.max(1, bottom - top);

  const xTicks = niceTicks(xDomain, Math.max(2, Math.round(plotW / 90)));
  const sx = (v: number): number => left + ((v - xDomain.min) / (xDomain.max - xDomain.min)) * plotW;
  const sy = (v: number): number => top + plotH - ((v - yDomain.min) / (yDomain.max - yDomain.min)) * plotH;
  const px = (p: Point2): string => `${num(sx(p.x))},${num(sy(p.y))}`;

  // ---- drawing ----
  const out: string[] = [];
  const title = escapeXml(plot.title);
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" ` +
      `viewBox="0 0 ${num(width)} ${num(height)}" role="img" font-family="${FONT}">`,
  );
  out.push(`<title>${title}</title>`);
  out.push(`<rect width="100%" height="100%" fill="#FFFFFF"/>`);

  // Tinted half-planes.
  if (boundary !== null) {
    out.push('<g class="regions" stroke="none">');
    for (const c of [0, 1] as const) {
      const poly = halfPlane(c === 1 ? 1 : -1, w1, w2, bias, xDomain, yDomain);
      if (poly.length >= 3) {
        out.push(
          `<path class="region region-${c}" fill="${CLASS_FILL[c]}" fill-opacity="${c === 1 ? 0.07 : 0.05}" ` +
            `d="M${poly.map(px).join('L')}Z"/>`,
        );
      }
    }
    out.push('</g>');
  }

  // Grid.
  out.push(`<g class="grid" stroke="${GRID}" stroke-width="1">`);
  for (const t of xTicks) {
    const gx = num(sx(t.value));
    out.push(`<line x1="${gx}" y1="${num(top)}" x2="${gx}" y2="${num(top + plotH)}"/>`);
  }
  for (const t of yTicks) {
    const gy = num(sy(t.value));
    out.push(`<line x1="${num(left)}" y1="${gy}" x2="${num(left + plotW)}" y2="${gy}"/>`);
  }
  out.push('</g>');
  out.push(
    `<rect class="plot-area" x="${num(left)}" y="${num(top)}" width="${num(plotW)}" height="${num(plotH)}" ` +
      `fill="none" stroke="#BBBBBB" stroke-width="1"/>`,
  );

  // Axes: ticks and labels.
  out.push(`<g class="x-axis" font-size="${tickSize}" fill="${MUTED}" text-anchor="middle">`);
  for (const t of xTicks) {
    const tx = num(sx(t.value));
    out.push(
      `<g class="tick" data-value="${t.label}"><line x1="${tx}" y1="${num(bottom)}" x2="${tx}" y2="${num(bottom + 5)}" stroke="#888888"/>` +
        `<text x="${tx}" y="${num(bottom + 7 + tickSize)}">${t.label}</text></g>`,
    );
  }
  out.push('</g>');
  out.push(`<g class="y-axis" font-size="${tickSize}" fill="${MUTED}" text-anchor="end">`);
  for (const t of yTicks) {
    const ty = num(sy(t.value));
    out.push(
      `<g class="tick" data-value="${t.label}"><line x1="${num(left - 5)}" y1="${ty}" x2="${num(left)}" y2="${ty}" stroke="#888888"/>` +
        `<text x="${num(left - 8)}" y="${ty}" dy="0.35em">${t.label}</text></g>`,
    );
  }
  out.push('</g>');
  out.push(
    `<text class="x-label" x="${num(left + plotW / 2)}" y="${num(height - pad)}" font-size="${labelSize}" ` +
      `fill="${INK}" text-anchor="middle">${escapeXml(plot.xLabel ?? 'Feature 1')}</text>`,
  );
  const ylx = num(pad + labelSize - 2);
  const yly = num(top + plotH / 2);
  out.push(
    `<text class="y-label" x="${ylx}" y="${yly}" transform="rotate(-90 ${ylx} ${yly})" font-size="${labelSize}" ` +
      `fill="${INK}" text-anchor="middle">${escapeXml(plot.yLabel ?? 'Feature 2')}</text>`,
  );

  // Decision boundary.
  if (boundary !== null) {
    const [a, b] = boundary;
    out.push(
      `<line class="boundary" x1="${num(sx(a.x))}" y1="${num(sy(a.y))}" x2="${num(sx(b.x))}" y2="${num(sy(b.y))}" ` +
        `stroke="${INK}" stroke-width="2" stroke-dasharray="8 5" stroke-linecap="round"/>`,
    );
  }

  // Points, then rings around the misclassified ones (on top, so they stay visible).
  const count = xs.length;
  const r = count > 2000 ? 2 : count > 800 ? 2.5 : count > 300 ? 3.2 : 4.2;
  out.push('<g class="points" stroke-width="0.8" fill-opacity="0.9">');
  for (let i = 0; i < count; i++) {
    const c = cls[i] ?? 0;
    out.push(
      `<circle class="point class-${c}" cx="${num(sx(xs[i] ?? 0))}" cy="${num(sy(ys[i] ?? 0))}" r="${num(r)}" ` +
        `fill="${CLASS_FILL[c]}" stroke="${CLASS_STROKE[c]}"/>`,
    );
  }
  out.push('</g>');
  if (misclassified > 0) {
    out.push(`<g class="misclassified" fill="none" stroke="${INK}" stroke-width="1.4">`);
    for (let i = 0; i < count; i++) {
      if (wrong[i] === true) {
        out.push(`<circle cx="${num(sx(xs[i] ?? 0))}" cy="${num(sy(ys[i] ?? 0))}" r="${num(r + 3)}"/>`);
      }
    }
    out.push('</g>');
  }

  // Titles.
  out.push(
    `<text class="title" x="${num(left)}" y="${num(titleY)}" font-size="${titleSize}" font-weight="600" ` +
      `fill="${INK}">${title}</text>`,
  );
  if (subtitleY > 0) {
    out.push(
      `<text class="subtitle" x="${num(left)}" y="${num(subtitleY)}" font-size="${subtitleSize}" ` +
        `fill="${MUTED}">${escapeXml(plot.subtitle ?? '')}</text>`,
    );
  }

  // Legend.
  out.push(`<g class="legend" font-size="${legendSize}" fill="${INK}">`);
  legendItems.forEach((item, k) => {
    const pos = legendPos[k] ?? { x: left, row: 0 };
    const cy = legendTop + pos.row * legendRowHeight + legendRowHeight / 2;
    const cx = pos.x + swatch / 2;
    let mark: string;
    switch (item.kind) {
      case 'class0':
      case 'class1': {
        const c = item.kind === 'class0' ? 0 : 1;
        mark = `<circle cx="${num(cx)}" cy="${num(cy)}" r="4.5" fill="${CLASS_FILL[c]}" stroke="${CLASS_STROKE[c]}" stroke-width="0.8"/>`;
        break;
      }
      case 'boundary':
        mark =
          `<line x1="${num(pos.x)}" y1="${num(cy)}" x2="${num(pos.x + swatch)}" y2="${num(cy)}" ` +
          `stroke="${INK}" stroke-width="2" stroke-dasharray="8 5" stroke-linecap="round"/>`;
        break;
      case 'miss':
        mark =
          `<circle cx="${num(cx)}" cy="${num(cy)}" r="4.2" fill="#BBBBBB" stroke="#888888" stroke-width="0.8"/>` +
          `<circle cx="${num(cx)}" cy="${num(cy)}" r="7.2" fill="none" stroke="${INK}" stroke-width="1.4"/>`;
        break;
    }
    out.push(
      `<g class="legend-item legend-${item.kind}">${mark}` +
        `<text x="${num(pos.x + swatch + 6)}" y="${num(cy)}" dy="0.35em">${escapeXml(item.label)}</text></g>`,
    );
  });
  out.push('</g>');

  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** Reads a class label, accepting only 0 and 1. */
function classOf(v: number | undefined, name: string, i: number): 0 | 1 {
  if (v === 0) return 0;
  if (v === 1) return 1;
  throw new RangeError(`${name}[${i}] must be 0 or 1, got ${String(v)}`);
}

/** The range of `values` padded by 5 % on each side (a unit range around a single value, [-1, 1] when empty). */
function paddedDomain(values: readonly number[]): Domain {
  if (values.length === 0) return { min: -1, max: 1 };
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) {
    const half = min === 0 || !Number.isFinite(span) ? 1 : Math.abs(min) * 0.1;
    return { min: min - half, max: max + half };
  }
  return { min: min - span * 0.05, max: max + span * 0.05 };
}

/**
 * Ticks inside `domain` with a step of 1, 2 or 5 × 10^k giving about `target`
 * ticks. Values are computed as integer multiples of the step (divided by an
 * exact power of ten for fractional steps) and labelled with exactly the
 * step's number of decimals, so labels carry no floating-point noise.
 */
function niceTicks(domain: Domain, target: number): Tick[] {
  const span = domain.max - domain.min;
  const raw = span / Math.max(1, target);
  if (!(raw > 0) || !Number.isFinite(raw)) return [];
  let k = Math.floor(Math.log10(raw));
  const norm = raw / 10 ** k;
  let m: number;
  if (norm < 1.5) m = 1;
  else if (norm < 3) m = 2;
  else if (norm < 7) m = 5;
  else {
    m = 1;
    k += 1;
  }
  const step = k >= 0 ? m * 10 ** k : m / 10 ** -k;
  const at = (i: number): number => (k >= 0 ? i * m * 10 ** k : (i * m) / 10 ** -k);
  const decimals = Math.max(0, -k);
  const first = Math.ceil(domain.min / step - 1e-9);
  const last = Math.floor(domain.max / step + 1e-9);
  const ticks: Tick[] = [];
  for (let i = first; i <= last && ticks.length < 100; i++) {
    const value = at(i);
    const label = i === 0 ? '0' : value.toFixed(decimals);
    ticks.push({ value, label: label.replace(/^-(0(\.0+)?)$/, '$1') });
  }
  return ticks;
}

/**
 * The part of the line `w1*x + w2*y + b = 0` inside the rectangle spanned by
 * the two domains (Liang–Barsky clipping), or `null` when the line is
 * undefined (both weights 0, non-finite input) or misses the rectangle.
 */
function boundaryLine(w1: number, w2: number, b: number, xd: Domain, yd: Domain): [Point2, Point2] | null {
  if (!Number.isFinite(w1) || !Number.isFinite(w2) || !Number.isFinite(b)) return null;
  const scale = Math.max(Math.abs(w1), Math.abs(w2));
  if (scale === 0) return null;
  const a1 = w1 / scale;
  const a2 = w2 / scale;
  const c = b / scale;
  if (!Number.isFinite(c)) return null;
  const norm2 = a1 * a1 + a2 * a2;
  // Closest point of the line to the origin, and the direction along it.
  const ox = (-c * a1) / norm2;
  const oy = (-c * a2) / norm2;
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
 * The polygon of the rectangle spanned by the two domains where
 * `sign * (w1*x + w2*y + b) >= 0` (Sutherland–Hodgman against one half-plane).
 */
function halfPlane(sign: 1 | -1, w1: number, w2: number, b: number, xd: Domain, yd: Domain): Point2[] {
  const scale = Math.max(Math.abs(w1), Math.abs(w2));
  const f = (p: Point2): number => (sign * (w1 * p.x + w2 * p.y + b)) / scale;
  const corners: Point2[] = [
    { x: xd.min, y: yd.min },
    { x: xd.max, y: yd.min },
    { x: xd.max, y: yd.max },
    { x: xd.min, y: yd.max },
  ];
  const result: Point2[] = [];
  for (let i = 0; i < corners.length; i++) {
    const p = corners[i] as Point2;
    const q = corners[(i + 1) % corners.length] as Point2;
    const fp = f(p);
    const fq = f(q);
    if (fp >= 0) result.push(p);
    if ((fp >= 0) !== (fq >= 0)) {
      const t = fp / (fp - fq);
      result.push({ x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) });
    }
  }
  return result;
}

/** Compact coordinate: at most 2 decimals, no trailing zeros, no `-0`. */
function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? '0' : String(r);
}

/** Estimated rendered width of `text` at `fontSize` px. */
function textWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * EM_WIDTH);
}

/**
 * Escapes text for XML character data and attribute values; characters not
 * allowed in XML 1.0 (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD.
 */
function escapeXml(text: string): string {
  return text
    .replace(/[&<>"']/g, (ch) => {
      switch (ch) {
        case '&':
          return '&amp;';
        case '<':
          return '&lt;';
        case '>':
          return '&gt;';
        case '"':
          return '&quot;';
        default:
          return '&apos;';
      }
    })
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
