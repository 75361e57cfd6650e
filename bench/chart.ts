/**
 * Draws the benchmark chart: time per gradient step against n·d (values of X), log-log,
 * one line per implementation, from the JSON that `npm run bench -- --json FILE` writes.
 *
 *   npx tsx bench/chart.ts [RESULTS_JSON] [OUT_SVG]
 *
 * Defaults: docs/bench-results.json → docs/bench-chart.svg. Plain hand-written SVG, no
 * dependencies.
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Results } from './index.js';

const WIDTH = 900;
const HEIGHT = 600;
const PLOT = { left: 84, right: 630, top: 70, bottom: 520 };

/** Colour and dash per implementation key; unknown keys fall back to grey. */
const STYLE: Record<string, { color: string; dash?: string; marker: 'circle' | 'square' | 'diamond' | 'triangle' }> = {
  js: { color: '#555555', dash: '6 4', marker: 'square' },
  wasm: { color: '#1f6fd1', marker: 'circle' },
  'wasm-f32': { color: '#27a4c9', dash: '2 3', marker: 'circle' },
  'wasm-threads': { color: '#0b3d91', marker: 'diamond' },
  ml: { color: '#c0392b', marker: 'triangle' },
  tfjs: { color: '#e67e22', marker: 'square' },
  numpy: { color: '#2e8b57', marker: 'diamond' },
};

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function formatTime(ms: number): string {
  if (ms >= 1000) return `${+(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${+ms.toPrecision(3)} ms`;
  return `${+(ms * 1000).toPrecision(3)} µs`;
}

function superscript(exponent: number): string {
  const digits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return String(exponent)
    .split('')
    .map((c) => (c === '-' ? '⁻' : digits[Number(c)]))
    .join('');
}

function marker(kind: string, x: number, y: number, color: string): string {
  const r = 4.5;
  switch (kind) {
    case 'square':
      return `<rect x="${(x - r).toFixed(1)}" y="${(y - r).toFixed(1)}" width="${2 * r}" height="${2 * r}" fill="${color}"/>`;
    case 'diamond':
      return `<path d="M${x.toFixed(1)} ${(y - r - 1).toFixed(1)}l${r + 1} ${r + 1}l${-r - 1} ${r + 1}l${-r - 1} ${-r - 1}z" fill="${color}"/>`;
    case 'triangle':
      return `<path d="M${x.toFixed(1)} ${(y - r - 1).toFixed(1)}l${r + 1} ${2 * r}h${-2 * r - 2}z" fill="${color}"/>`;
    default:
      return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}" fill="${color}"/>`;
  }
}

export function renderChart(results: Results): string {
  const series = new Map<string, { label: string; points: { x: number; y: number }[] }>();
  for (const shape of results.shapes) {
    for (const row of shape.table) {
      if (row.perIter === null) continue;
      const entry = series.get(row.key) ?? { label: row.label, points: [] };
      entry.points.push({ x: shape.rows * shape.cols, y: row.perIter });
      series.set(row.key, entry);
    }
  }
  const xs = [...series.values()].flatMap((s) => s.points.map((p) => p.x));
  const ys = [...series.values()].flatMap((s) => s.points.map((p) => p.y));
  const xMin = Math.floor(Math.log10(Math.min(...xs)));
  const xMax = Math.max(xMin + 1, Math.ceil(Math.log10(Math.max(...xs))));
  const yMin = Math.floor(Math.log10(Math.min(...ys)));
  const yMax = Math.max(yMin + 1, Math.ceil(Math.log10(Math.max(...ys))));
  const px = (x: number): number => PLOT.left + ((Math.log10(x) - xMin) / (xMax - xMin)) * (PLOT.right - PLOT.left);
  const py = (y: number): number => PLOT.bottom - ((Math.log10(y) - yMin) / (yMax - yMin)) * (PLOT.bottom - PLOT.top);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="13">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${PLOT.left}" y="28" font-size="17" font-weight="bold">Time per gradient-descent step vs size of X (log-log)</text>`,
    `<text x="${PLOT.left}" y="48" font-size="12" fill="#555">${escape(`${results.cpu}, Node ${results.node}, ${results.date.slice(0, 10)}; median per step, lower is better`)}</text>`,
  );

  // Grid and ticks: decades, with 2× and 5× minor lines on the time axis.
  for (let e = xMin; e <= xMax; e++) {
    const x = px(10 ** e);
    out.push(`<line x1="${x.toFixed(1)}" y1="${PLOT.top}" x2="${x.toFixed(1)}" y2="${PLOT.bottom}" stroke="#e3e3e3"/>`);
    out.push(`<text x="${x.toFixed(1)}" y="${PLOT.bottom + 20}" text-anchor="middle">10${superscript(e)}</text>`);
  }
  for (let e = yMin; e <= yMax; e++) {
    const y = py(10 ** e);
    out.push(`<line x1="${PLOT.left}" y1="${y.toFixed(1)}" x2="${PLOT.right}" y2="${y.toFixed(1)}" stroke="#e3e3e3"/>`);
    out.push(`<text x="${PLOT.left - 8}" y="${(y + 4).toFixed(1)}" text-anchor="end">${escape(formatTime(10 ** e))}</text>`);
    if (e < yMax) {
      for (const m of [2, 5]) {
        const ym = py(m * 10 ** e);
        out.push(`<line x1="${PLOT.left}" y1="${ym.toFixed(1)}" x2="${PLOT.right}" y2="${ym.toFixed(1)}" stroke="#f3f3f3"/>`);
      }
    }
  }
  // The benchmarked shapes, as dashed lines.
  for (const shape of results.shapes) {
    const x = px(shape.rows * shape.cols);
    out.push(`<line x1="${x.toFixed(1)}" y1="${PLOT.top}" x2="${x.toFixed(1)}" y2="${PLOT.bottom}" stroke="#c9c9c9" stroke-dasharray="3 3"/>`);
    // Written upwards along the line, inside the plot, so close shapes never collide.
    out.push(
      `<text transform="translate(${(x - 8).toFixed(1)} ${PLOT.bottom - 8}) rotate(-90)" font-size="11" fill="#444">${escape(`${shape.rows.toLocaleString('en-US')}×${shape.cols}`)}</text>`,
    );
  }
  out.push(`<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${(PLOT.left + PLOT.right) / 2}" y="${PLOT.bottom + 44}" text-anchor="middle">n·d (values in X)</text>`);
  out.push(
    `<text transform="translate(20 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)" text-anchor="middle">time per step</text>`,
  );

  // Lines and markers.
  for (const [key, { points }] of series) {
    const style = STYLE[key] ?? { color: '#999999', marker: 'circle' as const };
    points.sort((a, b) => a.x - b.x);
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(p.x).toFixed(1)} ${py(p.y).toFixed(1)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="${style.color}" stroke-width="2.2"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`);
    for (const p of points) out.push(marker(style.marker, px(p.x), py(p.y), style.color));
  }

  // Legend, right of the plot.
  let ly = PLOT.top + 10;
  const lx = PLOT.right + 22;
  out.push(`<text x="${lx}" y="${ly}" font-weight="bold">implementation</text>`);
  ly += 24;
  for (const [key, { label }] of series) {
    const style = STYLE[key] ?? { color: '#999999', marker: 'circle' as const };
    out.push(`<line x1="${lx}" y1="${ly - 4}" x2="${lx + 30}" y2="${ly - 4}" stroke="${style.color}" stroke-width="2.2"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`);
    out.push(marker(style.marker, lx + 15, ly - 4, style.color));
    const words = label.split(' ');
    // Wrap long labels onto a second line.
    let first = '';
    while (words.length > 0 && `${first} ${words[0]}`.trim().length <= 24) first = `${first} ${words.shift()}`.trim();
    out.push(`<text x="${lx + 38}" y="${ly}">${escape(first)}</text>`);
    if (words.length > 0) {
      ly += 16;
      out.push(`<text x="${lx + 38}" y="${ly}">${escape(words.join(' '))}</text>`);
    }
    ly += 26;
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const input = process.argv[2] ?? 'docs/bench-results.json';
  const output = process.argv[3] ?? 'docs/bench-chart.svg';
  const results = JSON.parse(readFileSync(input, 'utf8')) as Results;
  writeFileSync(output, renderChart(results));
  console.log(`wrote ${output}`);
}
