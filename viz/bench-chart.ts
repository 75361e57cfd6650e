/**
 * The benchmark chart: time per gradient step against n·d (values of X), log-log, one
 * line per implementation, as a standalone SVG string. Drawn by bench/chart.ts from the
 * JSON that `npm run bench -- --json FILE` writes.
 * @module
 */
import { logScale } from './scale.js';
import { group, num, tag } from './svg.js';
import { decadeDomain, decades } from './ticks.js';

/** What {@link renderBenchChart} reads of a benchmark run (a subset of bench/index.ts's `Results`). */
export interface BenchChartInput {
  /** CPU model, for the subtitle. */
  cpu: string;
  /** Node version, for the subtitle. */
  node: string;
  /** ISO date of the run; its first 10 characters go in the subtitle. */
  date: string;
  /** One entry per benchmarked shape of X. */
  shapes: readonly {
    rows: number;
    cols: number;
    /** One row per implementation; `perIter` (ms per step) is `null` where it did not run. */
    table: readonly { key: string; label: string; perIter: number | null }[];
  }[];
}

const WIDTH = 900;
const HEIGHT = 600;
const PLOT = { left: 84, right: 630, top: 70, bottom: 520 };
const LINE_WIDTH = 2.2;

type Marker = 'circle' | 'square' | 'diamond' | 'triangle';

interface Style {
  color: string;
  dash?: string;
  marker: Marker;
}

/** Colour, dash and marker per implementation key; unknown keys get a grey circle. */
const STYLE: Record<string, Style> = {
  js: { color: '#555555', dash: '6 4', marker: 'square' },
  wasm: { color: '#1f6fd1', marker: 'circle' },
  'wasm-f32': { color: '#27a4c9', dash: '2 3', marker: 'circle' },
  'wasm-threads': { color: '#0b3d91', marker: 'diamond' },
  ml: { color: '#c0392b', marker: 'triangle' },
  tfjs: { color: '#e67e22', marker: 'square' },
  numpy: { color: '#2e8b57', marker: 'diamond' },
};
const UNKNOWN: Style = { color: '#999999', marker: 'circle' };

/** A duration given in milliseconds, with three significant digits and the unit that keeps it ≥ 1. */
function formatTime(ms: number): string {
  if (ms >= 1000) return `${+(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${+ms.toPrecision(3)} ms`;
  return `${+(ms * 1000).toPrecision(3)} µs`;
}

/** `exponent` in Unicode superscript digits, so `10⁶` needs no nested text element. */
function superscript(exponent: number): string {
  const digits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return String(exponent)
    .split('')
    .map((c) => (c === '-' ? '⁻' : digits[Number(c)]))
    .join('');
}

function marker(kind: Marker, x: number, y: number, color: string): string {
  const r = 4.5;
  switch (kind) {
    case 'square':
      return tag('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r, fill: color });
    case 'diamond':
      return tag('path', { d: `M${num(x)} ${num(y - r - 1)}l${r + 1} ${r + 1}l${-r - 1} ${r + 1}l${-r - 1} ${-r - 1}z`, fill: color });
    case 'triangle':
      return tag('path', { d: `M${num(x)} ${num(y - r - 1)}l${r + 1} ${2 * r}h${-2 * r - 2}z`, fill: color });
    case 'circle':
      return tag('circle', { cx: x, cy: y, r, fill: color });
  }
}

/** `label` split after at most 24 characters of whole words, for the legend. */
function wrapLabel(label: string): string[] {
  const words = label.split(' ');
  let first = '';
  while (words.length > 0 && `${first} ${words[0]}`.trim().length <= 24) first = `${first} ${words.shift()}`.trim();
  return words.length > 0 ? [first, words.join(' ')] : [first];
}

/**
 * Renders the benchmark chart. Axes span whole decades around the data, gridded at each
 * power of ten (with 2× and 5× minor lines on the time axis); each benchmarked shape is
 * a dashed vertical line labelled `rows×cols`; the legend, right of the plot, lists the
 * implementations in the order they first appear.
 *
 * @param results - The benchmark run; see {@link BenchChartInput}.
 * @returns The SVG document (900 × 600).
 * @example
 * writeFileSync('docs/bench-chart.svg', renderBenchChart(JSON.parse(readFileSync('docs/bench-results.json', 'utf8'))));
 */
export function renderBenchChart(results: BenchChartInput): string {
  const series = new Map<string, { label: string; points: { x: number; y: number }[] }>();
  for (const shape of results.shapes) {
    for (const row of shape.table) {
      if (row.perIter === null) continue;
      const entry = series.get(row.key) ?? { label: row.label, points: [] };
      entry.points.push({ x: shape.rows * shape.cols, y: row.perIter });
      series.set(row.key, entry);
    }
  }
  const xd = decadeDomain([...series.values()].flatMap((s) => s.points.map((p) => p.x)));
  const yd = decadeDomain([...series.values()].flatMap((s) => s.points.map((p) => p.y)));
  const px = logScale(xd, PLOT.left, PLOT.right);
  const py = logScale(yd, PLOT.bottom, PLOT.top);

  const out: string[] = [];
  out.push(
    tag('rect', { width: WIDTH, height: HEIGHT, fill: '#ffffff' }),
    tag('text', { x: PLOT.left, y: 28, 'font-size': 17, 'font-weight': 'bold' }, 'Time per gradient-descent step vs size of X (log-log)'),
    tag('text', { x: PLOT.left, y: 48, 'font-size': 12, fill: '#555' }, `${results.cpu}, Node ${results.node}, ${results.date.slice(0, 10)}; median per step, lower is better`),
  );

  for (const { exponent, value } of decades(xd)) {
    const x = px(value);
    out.push(tag('line', { x1: x, y1: PLOT.top, x2: x, y2: PLOT.bottom, stroke: '#e3e3e3' }));
    out.push(tag('text', { x, y: PLOT.bottom + 20, 'text-anchor': 'middle' }, `10${superscript(exponent)}`));
  }
  const yDecades = decades(yd);
  for (const { exponent, value } of yDecades) {
    const y = py(value);
    out.push(tag('line', { x1: PLOT.left, y1: y, x2: PLOT.right, y2: y, stroke: '#e3e3e3' }));
    out.push(tag('text', { x: PLOT.left - 8, y: y + 4, 'text-anchor': 'end' }, formatTime(value)));
    if (exponent < (yDecades[yDecades.length - 1]?.exponent ?? exponent)) {
      for (const m of [2, 5]) {
        const ym = py(m * value);
        out.push(tag('line', { x1: PLOT.left, y1: ym, x2: PLOT.right, y2: ym, stroke: '#f3f3f3' }));
      }
    }
  }
  // The benchmarked shapes: labels written upwards along their line, inside the plot, so close shapes never collide.
  for (const shape of results.shapes) {
    const x = px(shape.rows * shape.cols);
    out.push(tag('line', { x1: x, y1: PLOT.top, x2: x, y2: PLOT.bottom, stroke: '#c9c9c9', 'stroke-dasharray': '3 3' }));
    out.push(
      tag(
        'text',
        { transform: `translate(${num(x - 8)} ${PLOT.bottom - 8}) rotate(-90)`, 'font-size': 11, fill: '#444' },
        `${shape.rows.toLocaleString('en-US')}×${shape.cols}`,
      ),
    );
  }
  out.push(tag('rect', { x: PLOT.left, y: PLOT.top, width: PLOT.right - PLOT.left, height: PLOT.bottom - PLOT.top, fill: 'none', stroke: '#888' }));
  out.push(tag('text', { x: (PLOT.left + PLOT.right) / 2, y: PLOT.bottom + 44, 'text-anchor': 'middle' }, 'n·d (values in X)'));
  out.push(tag('text', { transform: `translate(20 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)`, 'text-anchor': 'middle' }, 'time per step'));

  for (const [key, { points }] of series) {
    const style = STYLE[key] ?? UNKNOWN;
    points.sort((a, b) => a.x - b.x);
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(px(p.x))} ${num(py(p.y))}`).join(' ');
    out.push(tag('path', { d, fill: 'none', stroke: style.color, 'stroke-width': LINE_WIDTH, 'stroke-dasharray': style.dash }));
    for (const p of points) out.push(marker(style.marker, px(p.x), py(p.y), style.color));
  }

  let ly = PLOT.top + 10;
  const lx = PLOT.right + 22;
  out.push(tag('text', { x: lx, y: ly, 'font-weight': 'bold' }, 'implementation'));
  ly += 24;
  for (const [key, { label }] of series) {
    const style = STYLE[key] ?? UNKNOWN;
    out.push(tag('line', { x1: lx, y1: ly - 4, x2: lx + 30, y2: ly - 4, stroke: style.color, 'stroke-width': LINE_WIDTH, 'stroke-dasharray': style.dash }));
    out.push(marker(style.marker, lx + 15, ly - 4, style.color));
    wrapLabel(label).forEach((line, i) => {
      if (i > 0) ly += 16;
      out.push(tag('text', { x: lx + 38, y: ly }, line));
    });
    ly += 26;
  }
  return `${group(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, 'font-family': 'Helvetica, Arial, sans-serif', 'font-size': 13 },
    out,
  )}\n`;
}
