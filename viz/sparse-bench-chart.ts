/**
 * The sparse benchmark chart: per set, each side's time to the optimum (within 1e-6 of F*)
 * as a horizontal bar on a linear time axis of the set's own (so bar lengths are the ratios
 * the targets name) — a side that never got there drawn hatched to the longest fit it made,
 * labelled with the gap it reached — and beside it, our gradient-pass
 * throughput per thread count against the 150 M non-zeros/s target. A standalone SVG
 * string, drawn by bench/chart.ts from the JSON of `npm run bench -- --json FILE`.
 * @module
 */
import { linearScale } from './scale.js';
import { group, num, tag } from './svg.js';
import { linearTicks } from './ticks.js';

/** What {@link renderSparseBenchChart} reads of a run (a subset of bench/index.ts's `Results`). */
export interface SparseChartInput {
  cpu: string;
  node: string;
  date: string;
  sparse: {
    rel: number;
    sets: readonly {
      name: string;
      rows: number;
      cols: number;
      nnz: number;
      optimum: {
        rows: readonly {
          key: string;
          label: string;
          threads: number;
          /** ms, null when F* was not reached. */
          median: number | null;
          gap: number;
          ladder: readonly { ms: number }[];
        }[];
      };
      throughput: readonly { threads: number; nnzPerSecond: number | null }[];
    }[];
  } | null;
}

const WIDTH = 1000;
const LEFT = 250;
const BARS_RIGHT = 680;
const RATE_LEFT = 760;
const RATE_RIGHT = 960;
const BAR = 16;
const GAP = 6;
const TARGET_RATE = 150e6;

/** Colour per side key (ours by solver, darker with threads). */
function colorOf(key: string, threads: number): string {
  if (key.startsWith('ours-lbfgs')) return threads > 1 ? '#0b3d91' : '#1f6fd1';
  if (key.startsWith('ours-newton')) return threads > 1 ? '#1e6b52' : '#2e9b72';
  if (key === 'liblinear') return '#c0392b';
  if (key === 'sklearn-liblinear') return '#e67e22';
  if (key === 'sklearn-sgd') return '#8e44ad';
  return '#999999';
}

function formatTime(ms: number): string {
  if (ms >= 1000) return `${+(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${+ms.toPrecision(3)} ms`;
  return `${+(ms * 1000).toPrecision(3)} µs`;
}

/**
 * Renders the sparse benchmark chart (see the module comment).
 *
 * @param results - The benchmark run; see {@link SparseChartInput}. Its `sparse` must not be null.
 * @returns The SVG document, 1000 px wide, as tall as its sets need.
 * @throws Error when the run has no sparse section.
 * @example
 * writeFileSync('docs/bench-sparse-chart.svg', renderSparseBenchChart(JSON.parse(readFileSync('docs/bench-results.json', 'utf8'))));
 */
export function renderSparseBenchChart(results: SparseChartInput): string {
  const sparse = results.sparse;
  if (sparse === null || sparse.sets.length === 0) throw new Error('renderSparseBenchChart: the run has no sparse section');
  const longest = (row: { ladder: readonly { ms: number }[] }): number => Math.max(...row.ladder.map((s) => s.ms));
  const rates = sparse.sets.flatMap((s) => s.throughput.map((t) => t.nnzPerSecond ?? 0));
  const rateMax = Math.max(TARGET_RATE * 1.25, ...rates) * 1.05;
  const pr = linearScale({ min: 0, max: rateMax }, RATE_LEFT, RATE_RIGHT);

  const out: string[] = [];
  const top = 92;
  let y = top;
  const blocks: string[] = [];
  for (const set of sparse.sets) {
    blocks.push(
      tag(
        'text',
        { x: 16, y: y + 13, 'font-weight': 'bold' },
        `${set.name} ${set.rows.toLocaleString('en-US')}×${set.cols.toLocaleString('en-US')}, ${(set.nnz / 1e6).toFixed(1)} M non-zeros`,
      ),
    );
    y += BAR + GAP;
    const blockTop = y;
    // The set's own time axis, from 0 (times in seconds for the ticks).
    const seconds = set.optimum.rows.map((r) => (r.median ?? longest(r)) / 1000);
    const domain = { min: 0, max: Math.max(...seconds) * 1.02 };
    const px = (ms: number): number => linearScale(domain, LEFT, BARS_RIGHT)(ms / 1000);
    const blockBottom = blockTop + set.optimum.rows.length * (BAR + GAP) - GAP;
    for (const t of linearTicks(domain, 5)) {
      const x = px(t.value * 1000);
      blocks.push(tag('line', { x1: x, y1: blockTop - 4, x2: x, y2: blockBottom + 2, stroke: '#e3e3e3' }));
      blocks.push(tag('text', { x, y: blockBottom + 14, 'text-anchor': 'middle', 'font-size': 10, fill: '#777' }, `${t.label} s`));
    }
    for (const row of set.optimum.rows) {
      const reached = row.median !== null;
      const ms = row.median ?? longest(row);
      const color = colorOf(row.key, row.threads);
      const label = `${row.label}${row.threads > 1 ? ` (${row.threads} threads)` : ''}`;
      blocks.push(tag('text', { x: LEFT - 8, y: y + BAR - 4, 'text-anchor': 'end', 'font-size': 12 }, label));
      blocks.push(
        tag('rect', {
          x: LEFT,
          y,
          width: Math.max(1, px(ms) - LEFT),
          height: BAR,
          fill: reached ? color : 'url(#hatch)',
          stroke: reached ? undefined : color,
        }),
      );
      blocks.push(
        tag('text', { x: px(ms) + 5, y: y + BAR - 4, 'font-size': 11, fill: '#333' }, reached ? formatTime(ms) : `not reached in ${formatTime(ms)} (gap ${row.gap.toExponential(0)})`),
      );
      y += BAR + GAP;
    }
    // Throughput bars for this set, beside its time bars.
    let ty = blockTop + 4;
    for (const t of set.throughput) {
      if (t.nnzPerSecond === null) continue;
      const end = pr(t.nnzPerSecond);
      blocks.push(tag('rect', { x: RATE_LEFT, y: ty, width: Math.max(1, end - RATE_LEFT), height: BAR, fill: t.threads > 1 ? '#0b3d91' : '#1f6fd1' }));
      const text = `${t.threads} thread${t.threads > 1 ? 's' : ''}: ${(t.nnzPerSecond / 1e6).toFixed(0)} M/s`;
      // Inside the bar when it is long enough, else after it.
      const inside = end - RATE_LEFT > 110;
      blocks.push(tag('text', { x: inside ? RATE_LEFT + 4 : end + 4, y: ty + BAR - 4, 'font-size': 11, fill: inside ? '#ffffff' : '#333333' }, text));
      ty += BAR + GAP;
    }
    y += 16;
    blocks.push(tag('line', { x1: 16, y1: y + 4, x2: RATE_RIGHT, y2: y + 4, stroke: '#dddddd' }));
    y += 14;
  }
  const bottom = y;

  out.push(
    group('defs', {}, [
      group('pattern', { id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, [
        tag('rect', { width: 6, height: 6, fill: '#ffffff' }),
        tag('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#999999', 'stroke-width': 3 }),
      ]),
    ]),
    tag('rect', { width: WIDTH, height: bottom + 50, fill: '#ffffff' }),
    tag('text', { x: 16, y: 28, 'font-size': 17, 'font-weight': 'bold' }, `Sparse logistic regression: time to the optimum (within ${sparse.rel.toExponential(0)} of F*) and gradient-pass throughput`),
    tag('text', { x: 16, y: 48, 'font-size': 12, fill: '#555' }, `${results.cpu}, Node ${results.node}, ${results.date.slice(0, 10)}; same objective (no intercept, C = 1); each set its own time axis; shorter is better`),
  );
  // Throughput grid and target.
  for (const t of linearTicks({ min: 0, max: rateMax }, 3)) {
    const x = pr(t.value);
    out.push(tag('line', { x1: x, y1: top - 6, x2: x, y2: bottom, stroke: '#e3e3e3' }));
    out.push(tag('text', { x, y: top - 8, 'text-anchor': 'middle', 'font-size': 11, fill: '#555' }, `${num(t.value / 1e6)} M`));
  }
  out.push(tag('line', { x1: pr(TARGET_RATE), y1: top - 6, x2: pr(TARGET_RATE), y2: bottom, stroke: '#c0392b', 'stroke-dasharray': '4 3' }));
  out.push(tag('text', { x: (RATE_LEFT + RATE_RIGHT) / 2, y: 68, 'text-anchor': 'middle', 'font-size': 12, 'font-weight': 'bold' }, 'gradient pass, non-zeros/s'));
  out.push(tag('text', { x: (LEFT + BARS_RIGHT) / 2, y: 68, 'text-anchor': 'middle', 'font-size': 12, 'font-weight': 'bold' }, 'time to F*'));
  out.push(...blocks);
  out.push(tag('text', { x: pr(TARGET_RATE) - 3, y: bottom + 16, 'text-anchor': 'end', 'font-size': 11, fill: '#c0392b' }, 'target: 150 M/s on 1 thread'));
  out.push(tag('text', { x: LEFT, y: bottom + 16, 'font-size': 11, fill: '#555' }, 'hatched: never within the gap of F*; the bar ends at its longest fit'));
  const height = bottom + 50;
  return `${group(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width: WIDTH, height, viewBox: `0 0 ${WIDTH} ${height}`, 'font-family': 'Helvetica, Arial, sans-serif', 'font-size': 13 },
    out,
  )}\n`;
}
