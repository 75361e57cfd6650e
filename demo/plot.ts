/**
 * Hand-written SVG charts for the demo (no plotting library): the scatter plot with the
 * decision boundary over a probability image, and the loss curve. All text goes in
 * through `textContent`, never as markup. Sizes are real pixels: callers re-render on resize.
 * @module
 */

const SVG = 'http://www.w3.org/2000/svg';

/** Okabe–Ito colours, readable for the common colour-vision deficiencies. */
export const CLASS_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
export const CLASS_STROKES = ['#004B75', '#8F6300', '#005C43', '#8A4C73', '#2F7DA8', '#8A3A00', '#9C9300', '#000000'];

export function classColor(k: number): string {
  return CLASS_COLORS[k % CLASS_COLORS.length] as string;
}

export interface Domain {
  min: number;
  max: number;
}

type Attrs = Record<string, string | number>;

export function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Attrs = {}, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The range of `values` padded by 5 % on each side. */
export function paddedDomain(values: ArrayLike<number>): Domain {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min)) return { min: -1, max: 1 };
  const span = max - min;
  if (!(span > 0)) {
    const half = min === 0 ? 1 : Math.abs(min) * 0.1;
    return { min: min - half, max: max + half };
  }
  return { min: min - span * 0.05, max: max + span * 0.05 };
}

/** About `target` ticks at 1, 2 or 5 × 10^k, labelled without floating-point noise. */
export function niceTicks(domain: Domain, target: number): { value: number; label: string }[] {
  const raw = (domain.max - domain.min) / Math.max(1, target);
  if (!(raw > 0) || !Number.isFinite(raw)) return [];
  let k = Math.floor(Math.log10(raw));
  const norm = raw / 10 ** k;
  const m = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 1;
  if (norm >= 7) k += 1;
  const at = (i: number): number => (k >= 0 ? i * m * 10 ** k : (i * m) / 10 ** -k);
  const step = at(1);
  const decimals = Math.max(0, -k);
  const ticks: { value: number; label: string }[] = [];
  const first = Math.ceil(domain.min / step - 1e-9);
  const last = Math.floor(domain.max / step + 1e-9);
  for (let i = first; i <= last && ticks.length < 50; i++) {
    const value = at(i);
    const label = i === 0 ? '0' : Math.abs(value) >= 1e5 ? value.toExponential(1) : value.toFixed(decimals);
    ticks.push({ value, label });
  }
  return ticks;
}

interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
  sx: (v: number) => number;
  sy: (v: number) => number;
}

/** Grid, frame, ticks and axis titles; returns the plot area's scales. */
function axes(svg: SVGSVGElement, size: { width: number; height: number }, xd: Domain, yd: Domain, xName: string, yName: string): Frame {
  const small = size.width < 420;
  const tick = small ? 10 : 11;
  const yTicks = niceTicks(yd, Math.max(2, Math.round(size.height / 70)));
  const labelWidth = Math.max(...yTicks.map((t) => t.label.length), 1) * tick * 0.6;
  const left = Math.round(18 + labelWidth + 12);
  const top = 10;
  const right = size.width - 12;
  const bottom = size.height - 40;
  const frame: Frame = {
    left,
    top,
    width: Math.max(1, right - left),
    height: Math.max(1, bottom - top),
    sx: (v) => left + ((v - xd.min) / (xd.max - xd.min)) * (right - left),
    sy: (v) => bottom - ((v - yd.min) / (yd.max - yd.min)) * (bottom - top),
  };
  const xTicks = niceTicks(xd, Math.max(2, Math.round(frame.width / (small ? 70 : 90))));
  const grid = el('g', { class: 'grid', stroke: '#e3e6ea', 'stroke-width': 1 });
  for (const t of xTicks) grid.append(el('line', { x1: frame.sx(t.value), x2: frame.sx(t.value), y1: top, y2: bottom }));
  for (const t of yTicks) grid.append(el('line', { x1: left, x2: right, y1: frame.sy(t.value), y2: frame.sy(t.value) }));
  svg.append(grid);
  const labels = el('g', { class: 'ticks', 'font-size': tick, fill: '#4a5360' });
  for (const t of xTicks) labels.append(el('text', { x: frame.sx(t.value), y: bottom + 15, 'text-anchor': 'middle' }, t.label));
  for (const t of yTicks) labels.append(el('text', { x: left - 6, y: frame.sy(t.value), dy: '0.35em', 'text-anchor': 'end' }, t.label));
  svg.append(labels);
  svg.append(el('text', { class: 'axis-title', x: left + frame.width / 2, y: size.height - 6, 'text-anchor': 'middle', 'font-size': 12, fill: '#1d232b' }, xName));
  const ty = top + frame.height / 2;
  svg.append(el('text', { class: 'axis-title', x: 12, y: ty, transform: `rotate(-90 12 ${ty})`, 'text-anchor': 'middle', 'font-size': 12, fill: '#1d232b' }, yName));
  return frame;
}

export interface ScatterInput {
  width: number;
  height: number;
  xName: string;
  yName: string;
  xDomain: Domain;
  yDomain: Domain;
  /** Points: coordinates, class index, misclassified flag. */
  px: Float64Array;
  py: Float64Array;
  cls: Int32Array;
  wrong: Uint8Array;
  /** The probability image covering the domains (a data: URL), or null. */
  shading: string | null;
  /** Two points of the boundary line in data coordinates, or null. */
  boundary: [number, number, number, number] | null;
}

export function renderScatter(svg: SVGSVGElement, input: ScatterInput): void {
  svg.replaceChildren();
  svg.setAttribute('width', String(input.width));
  svg.setAttribute('height', String(input.height));
  svg.setAttribute('viewBox', `0 0 ${input.width} ${input.height}`);
  const f = axes(svg, input, input.xDomain, input.yDomain, input.xName, input.yName);
  const clipId = `clip-${svg.id || 'scatter'}`;
  const defs = el('defs');
  const clip = el('clipPath', { id: clipId });
  clip.append(el('rect', { x: f.left, y: f.top, width: f.width, height: f.height }));
  defs.append(clip);
  svg.insertBefore(defs, svg.firstChild);
  if (input.shading !== null) {
    const image = el('image', { class: 'shading', x: f.left, y: f.top, width: f.width, height: f.height, preserveAspectRatio: 'none', opacity: 0.55 });
    image.setAttribute('href', input.shading);
    svg.insertBefore(image, defs.nextSibling);
  }
  const n = input.px.length;
  const r = n > 1500 ? 2.2 : n > 600 ? 3 : 4;
  const points = el('g', { class: 'points', 'clip-path': `url(#${clipId})`, 'stroke-width': 0.8 });
  const rings = el('g', { class: 'misclassified', fill: 'none', stroke: '#111', 'stroke-width': 1.3, 'clip-path': `url(#${clipId})` });
  for (let i = 0; i < n; i++) {
    const k = input.cls[i] as number;
    const cx = f.sx(input.px[i] as number).toFixed(1);
    const cy = f.sy(input.py[i] as number).toFixed(1);
    points.append(el('circle', { cx, cy, r, fill: classColor(k), stroke: CLASS_STROKES[k % CLASS_STROKES.length] as string, class: `point class-${k}` }));
    if (input.wrong[i] === 1) rings.append(el('circle', { cx, cy, r: r + 2.6 }));
  }
  svg.append(points, rings);
  if (input.boundary !== null) {
    const [x1, y1, x2, y2] = input.boundary;
    svg.append(
      el('line', {
        class: 'boundary',
        x1: f.sx(x1),
        y1: f.sy(y1),
        x2: f.sx(x2),
        y2: f.sy(y2),
        stroke: '#111',
        'stroke-width': 2,
        'stroke-dasharray': '7 5',
        'stroke-linecap': 'round',
        'clip-path': `url(#${clipId})`,
      }),
    );
  }
  svg.append(el('rect', { x: f.left, y: f.top, width: f.width, height: f.height, fill: 'none', stroke: '#b8bec6' }));
}

/**
 * The segment of w1·x + w2·y + c = 0 inside the rectangle, or null (Liang–Barsky).
 */
export function clipLine(w1: number, w2: number, c: number, xd: Domain, yd: Domain): [number, number, number, number] | null {
  const scale = Math.max(Math.abs(w1), Math.abs(w2));
  if (!(scale > 0) || !Number.isFinite(scale) || !Number.isFinite(c)) return null;
  const a = w1 / scale;
  const b = w2 / scale;
  const k = c / scale;
  const n2 = a * a + b * b;
  const ox = (-k * a) / n2;
  const oy = (-k * b) / n2;
  const dx = -b;
  const dy = a;
  let t0 = -Infinity;
  let t1 = Infinity;
  for (const [p, q] of [
    [-dx, ox - xd.min],
    [dx, xd.max - ox],
    [-dy, oy - yd.min],
    [dy, yd.max - oy],
  ] as const) {
    if (p === 0) {
      if (q < 0) return null;
    } else if (p < 0) t0 = Math.max(t0, q / p);
    else t1 = Math.min(t1, q / p);
  }
  if (!(t0 < t1)) return null;
  return [ox + t0 * dx, oy + t0 * dy, ox + t1 * dx, oy + t1 * dy];
}

export interface LossInput {
  width: number;
  height: number;
  iters: ArrayLike<number>;
  losses: ArrayLike<number>;
  /** The x axis runs to at least this. */
  maxIter: number;
}

export function renderLoss(svg: SVGSVGElement, input: LossInput): void {
  svg.replaceChildren();
  svg.setAttribute('width', String(input.width));
  svg.setAttribute('height', String(input.height));
  svg.setAttribute('viewBox', `0 0 ${input.width} ${input.height}`);
  const n = input.losses.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = input.losses[i] as number;
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const yd = Number.isFinite(lo) ? paddedDomain([lo, hi]) : { min: 0, max: 1 };
  const lastIter = n > 0 ? (input.iters[n - 1] as number) : 1;
  const xd = { min: 0, max: Math.max(1, input.maxIter, lastIter) };
  const f = axes(svg, input, xd, yd, 'Iteration', 'Loss');
  if (n === 0) {
    svg.append(el('text', { x: f.left + f.width / 2, y: f.top + f.height / 2, 'text-anchor': 'middle', 'font-size': 12, fill: '#6b7480' }, 'Train to see the loss curve'));
    return;
  }
  // At most ~2 points per pixel column.
  const step = Math.max(1, Math.floor(n / (f.width * 2)));
  let d = '';
  for (let i = 0; i < n; i += step) d += `${d === '' ? 'M' : 'L'}${f.sx(input.iters[i] as number).toFixed(1)},${f.sy(input.losses[i] as number).toFixed(1)}`;
  d += `L${f.sx(input.iters[n - 1] as number).toFixed(1)},${f.sy(input.losses[n - 1] as number).toFixed(1)}`;
  svg.append(el('path', { class: 'loss-line', d, fill: 'none', stroke: '#0072B2', 'stroke-width': 2, 'stroke-linejoin': 'round' }));
  if (n === 1) svg.append(el('circle', { cx: f.sx(input.iters[0] as number), cy: f.sy(input.losses[0] as number), r: 3, fill: '#0072B2' }));
  svg.append(el('rect', { x: f.left, y: f.top, width: f.width, height: f.height, fill: 'none', stroke: '#b8bec6' }));
}
