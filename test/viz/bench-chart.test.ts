import { describe, expect, it } from 'vitest';
import { type BenchChartInput, renderBenchChart } from '../../viz/bench-chart.js';
import { named, parseSvg, text } from './parse-svg.js';

const row = (key: string, label: string, perIter: number | null) => ({ key, label, perIter });

/** Two shapes, two known implementations, one unknown one, and one implementation that did not run on the first shape. */
const RESULTS: BenchChartInput = {
  cpu: 'Test CPU <2 cores> & "more"',
  node: 'v20.0.0',
  date: '2026-01-02T03:04:05.000Z',
  shapes: [
    { rows: 800, cols: 2, table: [row('js', 'plain-JS baseline', 0.02), row('wasm', 'WASM f64, 1 thread', 0.004), row('numpy', 'numpy', null)] },
    {
      rows: 100_000,
      cols: 50,
      table: [row('js', 'plain-JS baseline', 25), row('wasm', 'WASM f64, 1 thread', 1.6), row('numpy', 'numpy', 4), row('new', 'A brand new implementation with a long name', 3)],
    },
  ],
};

const texts = (root: ReturnType<typeof parseSvg>): string[] => named(root, 'text').map((t) => text(t));

describe('renderBenchChart(results)', () => {
  it('produces a well-formed 900 × 600 SVG document', () => {
    const root = parseSvg(renderBenchChart(RESULTS));
    expect(root.localName).toBe('svg');
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('viewBox')).toBe('0 0 900 600');
  });

  it('draws one line per implementation with a point per shape it ran on', () => {
    const root = parseSvg(renderBenchChart(RESULTS));
    const lines = named(root, 'path').filter((p) => p.getAttribute('fill') === 'none');
    expect(lines.map((p) => p.getAttribute('stroke'))).toEqual(['#555555', '#1f6fd1', '#2e8b57', '#999999']);
    expect(lines.map((p) => (p.getAttribute('d') ?? '').split(/[ML]/).filter(Boolean).length)).toEqual([2, 2, 1, 1]);
  });

  it('spans whole decades on both axes and labels them 10ⁿ and with time units', () => {
    const labels = texts(parseSvg(renderBenchChart(RESULTS)));
    // n·d runs from 1,600 to 5,000,000: 10³ … 10⁷.
    expect(labels).toEqual(expect.arrayContaining(['10³', '10⁴', '10⁵', '10⁶', '10⁷']));
    expect(labels).not.toContain('10²');
    expect(labels).not.toContain('10⁸');
    // Time per step runs from 4 µs to 25 ms: 1 µs … 100 ms.
    expect(labels).toEqual(expect.arrayContaining(['1 µs', '10 µs', '100 µs', '1 ms', '10 ms', '100 ms']));
    expect(labels).not.toContain('1 s');
  });

  it('labels each benchmarked shape as rows×cols', () => {
    expect(texts(parseSvg(renderBenchChart(RESULTS)))).toEqual(expect.arrayContaining(['800×2', '100,000×50']));
  });

  it('lists the implementations in the legend, breaking a label onto a second line after at most 24 characters of whole words', () => {
    const labels = texts(parseSvg(renderBenchChart(RESULTS)));
    const legend = labels.slice(labels.indexOf('implementation') + 1);
    expect(legend).toEqual(['plain-JS baseline', 'WASM f64, 1 thread', 'numpy', 'A brand new', 'implementation with a long name']);
  });

  it('escapes the CPU name in the subtitle', () => {
    const labels = texts(parseSvg(renderBenchChart(RESULTS)));
    expect(labels).toContain('Test CPU <2 cores> & "more", Node v20.0.0, 2026-01-02; median per step, lower is better');
  });
});
