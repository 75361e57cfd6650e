import { beforeEach, describe, expect, it } from 'vitest';
import { renderLoss, renderLossOverlay, SERIES_STYLES, seriesStyle, thinLoss } from '../../viz/loss-chart.js';
import { type FakeElement, fakeSvg } from './fake-dom.js';

let svg: ReturnType<typeof fakeSvg>;
beforeEach(() => {
  svg = fakeSvg();
});

/** The y axis's tick labels, bottom to top (drawAxes writes them right-aligned). */
const yLabels = (root: FakeElement): string[] =>
  (root.byClass('ticks')[0] as FakeElement).children.filter((t) => t.getAttribute('text-anchor') === 'end').map((t) => t.textContent);

/** The [x, y] points of every path of class `loss-line`, one array per path. */
const pathPoints = (root: FakeElement): [number, number][][] =>
  root.byClass('loss-line').map((p) => [...(p.getAttribute('d') ?? '').matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]));

/** Pieces of a path: how many times it moves without drawing. */
const moves = (root: FakeElement): number => root.byClass('loss-line').reduce((n, p) => n + ((p.getAttribute('d') ?? '').match(/M/g) ?? []).length, 0);

const axisTitles = (root: FakeElement): string[] => root.byClass('axis-title').map((t) => t.textContent);

const range = (n: number, f: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => f(i));

describe('renderLoss(svg, input)', () => {
  it('draws one curve through every point of a short fit', () => {
    renderLoss(svg, { width: 400, height: 250, iters: [1, 2, 3], losses: [0.69, 0.5, 0.42], maxIter: 100 });
    const [points] = pathPoints(svg);
    expect(points).toHaveLength(3);
    expect(axisTitles(svg)).toEqual(['Iteration', 'Loss']);
  });

  it('draws the hint in an empty frame before the first iteration', () => {
    renderLoss(svg, { width: 400, height: 250, iters: [], losses: [], maxIter: 100, emptyText: 'Training…' });
    expect(svg.byClass('loss-line')).toHaveLength(0);
    expect(svg.byClass('empty-hint').map((t) => t.textContent)).toEqual(['Training…']);
  });

  it('keeps at most two points per pixel column of a long fit', () => {
    const n = 100_000;
    renderLoss(svg, { width: 400, height: 250, iters: range(n, (i) => i + 1), losses: range(n, (i) => 1 / Math.sqrt(i + 1) + 0.01 * Math.sin(i)), maxIter: n });
    const [points] = pathPoints(svg);
    const perColumn = new Map<number, number>();
    for (const [x] of points ?? []) perColumn.set(Math.floor(x), (perColumn.get(Math.floor(x)) ?? 0) + 1);
    expect(Math.max(...perColumn.values())).toBeLessThanOrEqual(3); // two per column; a column boundary can fall between rounded pixels
    expect(points?.length).toBeLessThanOrEqual(2 * 400);
  });

  it('keeps a one-iteration spike that a stride would thin away', () => {
    const n = 100_000;
    const losses = range(n, () => 0.5);
    losses[54_321] = 1000;
    renderLoss(svg, { width: 400, height: 250, iters: range(n, (i) => i + 1), losses, maxIter: n });
    const [points] = pathPoints(svg);
    const top = Math.min(...(points ?? []).map(([, y]) => y));
    const bottom = Math.max(...(points ?? []).map(([, y]) => y));
    expect(bottom - top).toBeGreaterThan(100);
  });

  it('breaks the curve at a non-finite loss and marks it on the top edge, with no NaN in the path', () => {
    renderLoss(svg, { width: 400, height: 250, iters: [1, 2, 3, 4, 5], losses: [1, 2, Infinity, NaN, 3], maxIter: 5 });
    const d = svg.byClass('loss-line').map((p) => p.getAttribute('d')).join('');
    expect(d).not.toMatch(/NaN|Infinity/);
    expect(moves(svg)).toBe(2);
    expect(svg.byClass('loss-mark-nonfinite').length).toBeGreaterThanOrEqual(1);
    // The lone point after the gap is drawn as a dot.
    expect(svg.byClass('loss-dot')).toHaveLength(1);
  });

  it('labels a log axis at powers of ten and says so in its title', () => {
    renderLoss(svg, { width: 400, height: 300, iters: [1, 2, 3, 4], losses: [1, 0.1, 0.01, 0.001], maxIter: 4, logScale: true });
    expect(yLabels(svg)).toEqual(['0.001', '0.01', '0.1', '1']);
    expect(axisTitles(svg)).toEqual(['Iteration', 'Loss (log scale)']);
  });

  it('labels the same losses on a linear axis with evenly spaced values', () => {
    renderLoss(svg, { width: 400, height: 300, iters: [1, 2, 3, 4], losses: [1, 0.1, 0.01, 0.001], maxIter: 4 });
    const values = yLabels(svg).map(Number);
    const steps = new Set(values.slice(1).map((v, i) => Number((v - (values[i] as number)).toFixed(9))));
    expect(steps.size).toBe(1);
  });
});

describe('renderLossOverlay(svg, input)', () => {
  it('draws each series as its own path in its own colour and dash pattern', () => {
    renderLossOverlay(svg, {
      width: 500,
      height: 300,
      series: [
        { name: 'Run 1', losses: [0.7, 0.5, 0.4], ...seriesStyle(0) },
        { name: 'Run 2', losses: [0.7, 0.3, 0.2, 0.15], ...seriesStyle(1) },
      ],
    });
    const paths = svg.byClass('loss-line');
    expect(paths).toHaveLength(2);
    expect(new Set(paths.map((p) => p.getAttribute('stroke'))).size).toBe(2);
    expect(new Set(paths.map((p) => p.getAttribute('stroke-dasharray') ?? '')).size).toBe(2);
    expect(svg.byClass('loss-series').map((g) => g.getAttribute('data-name'))).toEqual(['Run 1', 'Run 2']);
  });

  it('runs the x axis to the longest series', () => {
    renderLossOverlay(svg, {
      width: 500,
      height: 300,
      series: [
        { name: 'Run 1', losses: [0.7, 0.5], ...seriesStyle(0) },
        { name: 'Run 2', losses: range(1000, (i) => 1 / (i + 1)), ...seriesStyle(1) },
      ],
    });
    const xLabels = (svg.byClass('ticks')[0] as FakeElement).children.filter((t) => t.getAttribute('text-anchor') === 'middle').map((t) => Number(t.textContent));
    expect(Math.max(...xLabels)).toBe(1000);
  });

  it('on a log axis, leaves a loss of 0 out, marks it on the bottom edge and counts it', () => {
    const gaps = renderLossOverlay(svg, { width: 500, height: 300, logScale: true, series: [{ name: 'Run 1', losses: [0.5, 0.1, 0, 0], ...seriesStyle(0) }] });
    expect(gaps).toEqual([{ nonFinite: 0, notPositive: 2 }]);
    expect(svg.byClass('loss-mark-zero').length).toBeGreaterThanOrEqual(1);
    const d = svg.byClass('loss-line').map((p) => p.getAttribute('d')).join('');
    expect(d).not.toMatch(/NaN|Infinity/);
  });

  it('on a linear axis, draws a loss of 0 like any other', () => {
    const gaps = renderLossOverlay(svg, { width: 500, height: 300, series: [{ name: 'Run 1', losses: [0.5, 0.1, 0, 0], ...seriesStyle(0) }] });
    expect(gaps).toEqual([{ nonFinite: 0, notPositive: 0 }]);
    expect(pathPoints(svg)[0]).toHaveLength(4);
  });

  it('says so when no loss can be drawn on a log axis', () => {
    renderLossOverlay(svg, { width: 500, height: 300, logScale: true, series: [{ name: 'Run 1', losses: [0, 0], ...seriesStyle(0) }] });
    expect(svg.byClass('empty-hint').map((t) => t.textContent)).toEqual(['No loss above 0 to draw on a log scale']);
  });
});

describe('thinLoss(losses, maxPoints)', () => {
  it('copies a curve within the budget whole, with iterations 1…n', () => {
    const losses = new Float64Array([0.7, 0.5, 0.4]);
    const thin = thinLoss(losses, 10);
    expect([...thin.iters]).toEqual([1, 2, 3]);
    expect([...thin.losses]).toEqual([0.7, 0.5, 0.4]);
    expect(thin.losses.buffer).not.toBe(losses.buffer);
  });

  it('keeps at most maxPoints points, with the spike, the first non-finite value and the last value', () => {
    const n = 1_000_000;
    const losses = range(n, (i) => 1 / (i + 1));
    losses[123_457] = 5000;
    losses[800_001] = NaN;
    const thin = thinLoss(losses, 2000);
    expect(thin.iters.length).toBeLessThanOrEqual(2000);
    expect(Math.max(...thin.losses.filter(Number.isFinite))).toBe(5000);
    expect(thin.iters[thin.losses.findIndex(Number.isNaN)]).toBe(800_002);
    expect(thin.iters.at(-1)).toBe(n);
    expect(thin.losses.at(-1)).toBe(1 / n);
    for (let i = 1; i < thin.iters.length; i++) expect(thin.iters[i]).toBeGreaterThan(thin.iters[i - 1] as number);
  });
});

describe('seriesStyle(k)', () => {
  it('gives eight curves eight different colours and eight different dash patterns, then cycles', () => {
    const styles = Array.from({ length: 8 }, (_, k) => seriesStyle(k));
    expect(new Set(styles.map((s) => s.color)).size).toBe(8);
    expect(new Set(styles.map((s) => s.dash)).size).toBe(8);
    expect(seriesStyle(8)).toEqual(SERIES_STYLES[0]);
  });
});

describe('a log axis on a short chart', () => {
  it('keeps its labels at least 16 px apart', () => {
    renderLossOverlay(svg, { width: 360, height: 200, logScale: true, series: [{ name: 'Run 1', losses: [0.69, 0.5, 0.3, 0.23], ...seriesStyle(0) }] });
    const ys = (svg.byClass('ticks')[0] as FakeElement).children.filter((t) => t.getAttribute('text-anchor') === 'end').map((t) => Number(t.getAttribute('y')));
    expect(ys.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < ys.length; i++) expect(Math.abs((ys[i] as number) - (ys[i - 1] as number))).toBeGreaterThanOrEqual(16 - 0.01);
  });
});
