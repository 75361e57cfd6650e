import { describe, it, expect } from 'vitest';
import { renderPredictionPlot, type PredictionPlot } from '../../viz/prediction-plot.js';
import { all, attr, byClass, children, type Element, hasClass, named, only, parseSvg, text } from './parse-svg.js';

/** Plot area rectangle in pixels. */
function plotArea(root: Element): { x0: number; x1: number; y0: number; y1: number } {
  const r = only(root, 'plot-area');
  const x = attr(r, 'x');
  const y = attr(r, 'y');
  return { x0: x, x1: x + attr(r, 'width'), y0: y, y1: y + attr(r, 'height') };
}

/** Tick labels and pixel positions of one axis. */
function ticks(root: Element, axis: 'x' | 'y'): { label: string; pos: number }[] {
  const g = only(root, `${axis}-axis`);
  return byClass(g, 'tick').map((t) => {
    const [label] = children(t, 'text');
    const [line] = children(t, 'line');
    expect(label).toBeDefined();
    expect(line).toBeDefined();
    return { label: text(label), pos: attr(line as Element, axis === 'x' ? 'x1' : 'y1') };
  });
}

/** Pixel → data mapping of one axis, recovered from its first and last tick. */
function inverse(root: Element, axis: 'x' | 'y'): (px: number) => number {
  const t = ticks(root, axis);
  expect(t.length).toBeGreaterThanOrEqual(2);
  const a = t[0] as { label: string; pos: number };
  const b = t[t.length - 1] as { label: string; pos: number };
  const va = Number(a.label);
  const vb = Number(b.label);
  return (px) => va + ((px - a.pos) / (b.pos - a.pos)) * (vb - va);
}

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

/** Two deterministic, well separated-ish blobs of 2-D points. */
function blobs(n: number): { points: number[][]; actual: number[] } {
  let s = 42;
  const rand = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const points: number[][] = [];
  const actual: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    points.push([(c ? 1.5 : -1) + (rand() - 0.5) * 3, (c ? 1 : -0.5) + (rand() - 0.5) * 3]);
    actual.push(c);
  }
  return { points, actual };
}

function samplePlot(overrides: Partial<PredictionPlot> = {}): PredictionPlot {
  const { points, actual } = blobs(60);
  const weights = overrides.weights ?? [2, 1.5];
  const bias = overrides.bias ?? -0.5;
  const predicted = points.map(([x, y]) =>
    Number(weights[0] ?? 0) * (x as number) + Number(weights[1] ?? 0) * (y as number) + bias > 0 ? 1 : 0,
  );
  return { points, predicted, actual, weights, bias, title: 'Predictions', subtitle: 'Accuracy 0.9 · 60 test points', ...overrides };
}

const FILLS = { 0: '#0072B2', 1: '#E69F00' } as const;

// ---------------------------------------------------------------------------

describe('renderPredictionPlot(plot)', () => {
  it('produces a well-formed standalone SVG document', () => {
    const svg = renderPredictionPlot(samplePlot());
    expect(svg.startsWith('<?xml')).toBe(true);
    const root = parseSvg(svg);
    expect(root.localName).toBe('svg');
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('width')).toBe('720');
    expect(root.getAttribute('height')).toBe('540');
    expect(root.getAttribute('viewBox')).toBe('0 0 720 540');
  });

  it('draws one circle per point, filled with the colour of its predicted class', () => {
    const plot = samplePlot();
    const root = parseSvg(renderPredictionPlot(plot));
    const circles = byClass(only(root, 'points'), 'point');
    expect(circles).toHaveLength(plot.points.length);
    circles.forEach((c, i) => {
      expect(c.localName).toBe('circle');
      const predicted = plot.predicted[i] as 0 | 1;
      expect(c.getAttribute('fill')).toBe(FILLS[predicted]);
      expect(hasClass(c, `class-${predicted}`)).toBe(true);
    });
    expect(circles.some((c) => c.getAttribute('fill') === FILLS[0])).toBe(true);
    expect(circles.some((c) => c.getAttribute('fill') === FILLS[1])).toBe(true);
  });

  it('places every point inside the plot area at its data coordinates', () => {
    const plot = samplePlot();
    const root = parseSvg(renderPredictionPlot(plot));
    const area = plotArea(root);
    const toX = inverse(root, 'x');
    const toY = inverse(root, 'y');
    byClass(root, 'point').forEach((c, i) => {
      const cx = attr(c, 'cx');
      const cy = attr(c, 'cy');
      expect(cx).toBeGreaterThan(area.x0);
      expect(cx).toBeLessThan(area.x1);
      expect(cy).toBeGreaterThan(area.y0);
      expect(cy).toBeLessThan(area.y1);
      const p = plot.points[i] as number[];
      expect(toX(cx)).toBeCloseTo(p[0] as number, 1);
      expect(toY(cy)).toBeCloseTo(p[1] as number, 1);
    });
  });

  it('rings exactly the misclassified points when the true classes are given', () => {
    const plot = samplePlot();
    const wrong = Array.from(plot.predicted).filter((p, i) => p !== plot.actual?.[i]).length;
    expect(wrong).toBeGreaterThan(0);
    const root = parseSvg(renderPredictionPlot(plot));
    expect(named(only(root, 'misclassified'), 'circle')).toHaveLength(wrong);
    expect(text(children(only(root, 'legend-miss'), 'text')[0])).toBe(`Misclassified (${wrong})`);
  });

  it('draws no misclassification markers when the true classes are omitted', () => {
    const { actual: _omitted, ...plot } = samplePlot();
    const root = parseSvg(renderPredictionPlot(plot));
    expect(byClass(root, 'misclassified')).toHaveLength(0);
    expect(byClass(root, 'legend-miss')).toHaveLength(0);
  });

  it('draws the decision boundary with both endpoints on w·x + b = 0 and inside the plot area', () => {
    const plot = samplePlot({ weights: [2, 1.5], bias: -0.5 });
    const root = parseSvg(renderPredictionPlot(plot));
    const line = only(root, 'boundary');
    const area = plotArea(root);
    const toX = inverse(root, 'x');
    const toY = inverse(root, 'y');
    const ends = [
      [attr(line, 'x1'), attr(line, 'y1')],
      [attr(line, 'x2'), attr(line, 'y2')],
    ] as const;
    for (const [px, py] of ends) {
      expect(px).toBeGreaterThanOrEqual(area.x0 - 0.01);
      expect(px).toBeLessThanOrEqual(area.x1 + 0.01);
      expect(py).toBeGreaterThanOrEqual(area.y0 - 0.01);
      expect(py).toBeLessThanOrEqual(area.y1 + 0.01);
      expect(Math.abs(2 * toX(px) + 1.5 * toY(py) - 0.5)).toBeLessThan(0.01);
    }
    // The endpoints lie on the border of the plot area (the line is clipped, not shortened).
    for (const [px, py] of ends) {
      const onBorder = [px - area.x0, area.x1 - px, py - area.y0, area.y1 - py].some((d) => Math.abs(d) < 0.02);
      expect(onBorder).toBe(true);
    }
  });

  it('draws a vertical boundary spanning the plot area when w2 is 0', () => {
    const plot = samplePlot({ weights: [1, 0], bias: -0.3 });
    const root = parseSvg(renderPredictionPlot(plot));
    const line = only(root, 'boundary');
    const area = plotArea(root);
    expect(attr(line, 'x1')).toBe(attr(line, 'x2'));
    expect(inverse(root, 'x')(attr(line, 'x1'))).toBeCloseTo(0.3, 2);
    expect([attr(line, 'y1'), attr(line, 'y2')].sort((a, b) => a - b)).toEqual([area.y0, area.y1]);
  });

  it('draws a nearly vertical boundary when w2 is tiny', () => {
    const plot = samplePlot({ weights: [1, 1e-12], bias: -0.3 });
    const root = parseSvg(renderPredictionPlot(plot));
    const line = only(root, 'boundary');
    expect(Math.abs(attr(line, 'x1') - attr(line, 'x2'))).toBeLessThan(0.02);
    expect(inverse(root, 'x')(attr(line, 'x1'))).toBeCloseTo(0.3, 2);
  });

  it('draws no boundary when both weights are 0', () => {
    const plot = samplePlot({ weights: [0, 0], bias: 1 });
    const svg = renderPredictionPlot(plot);
    const root = parseSvg(svg);
    expect(byClass(root, 'boundary')).toHaveLength(0);
    expect(byClass(root, 'legend-boundary')).toHaveLength(0);
    expect(byClass(root, 'point')).toHaveLength(plot.points.length);
  });

  it('draws no boundary when the line misses the plot area', () => {
    const root = parseSvg(renderPredictionPlot(samplePlot({ weights: [1, 0], bias: -1000 })));
    expect(byClass(root, 'boundary')).toHaveLength(0);
  });

  it('labels ticks with clean numbers on a 1, 2 or 5 × 10^k step', () => {
    const cases: number[][][] = [
      [
        [0.1, 0.1],
        [0.7, 0.35],
        [0.3, 0.2],
      ],
      [
        [-0.003, 1234],
        [0.0081, 1299],
      ],
      [
        [-1, -1],
        [1, 1],
      ],
      [
        [1e6, -2.5e-5],
        [3.3e6, 7.1e-5],
      ],
    ];
    for (const points of cases) {
      const root = parseSvg(
        renderPredictionPlot({ points, predicted: points.map(() => 0), weights: [0, 0], bias: 0, title: 't' }),
      );
      for (const axis of ['x', 'y'] as const) {
        const labels = ticks(root, axis).map((t) => t.label);
        expect(labels.length).toBeGreaterThanOrEqual(3);
        for (const label of labels) {
          expect(label).toMatch(/^-?\d+(\.\d+)?$/);
          expect(label).not.toMatch(/^-0(\.0+)?$/);
          expect(label.length).toBeLessThanOrEqual(8);
        }
        const values = labels.map(Number);
        const step = (values[1] as number) - (values[0] as number);
        const k = Math.floor(Math.log10(step) + 1e-9);
        const mantissa = Math.round((step / 10 ** k) * 1e6) / 1e6;
        expect([1, 2, 5]).toContain(mantissa);
        values.forEach((v, i) => expect(v).toBeCloseTo((values[0] as number) + i * step, 9));
      }
    }
  });

  it('keeps coordinates to at most two decimals', () => {
    const svg = renderPredictionPlot(samplePlot());
    const coords = [...svg.matchAll(/ (?:cx|cy|x|y|x1|y1|x2|y2|r|width|height)="([^"%]*)"/g)].map((m) => m[1] as string);
    expect(coords.length).toBeGreaterThan(100);
    for (const c of coords) expect(c).toMatch(/^-?\d+(\.\d{1,2})?$/);
  });

  it('escapes the title, subtitle and axis labels for XML', () => {
    const nasty = `<script>alert("x & 'y'")</script>`;
    const svg = renderPredictionPlot(samplePlot({ title: nasty, subtitle: nasty, xLabel: nasty, yLabel: nasty }));
    expect(svg).not.toContain('<script>');
    const root = parseSvg(svg);
    expect(named(root, 'script')).toHaveLength(0);
    for (const cls of ['title', 'subtitle', 'x-label', 'y-label']) expect(text(only(root, cls))).toBe(nasty);
    expect(text(named(root, 'title')[0])).toBe(nasty);
  });

  it('replaces characters that XML cannot represent', () => {
    const root = parseSvg(renderPredictionPlot(samplePlot({ title: 'a\u0001b\uD800c' })));
    expect(text(only(root, 'title'))).toBe('a\uFFFDb\uFFFDc');
  });

  it('uses the default axis labels and omits the subtitle when not given', () => {
    const { subtitle: _s, ...plot } = samplePlot();
    const root = parseSvg(renderPredictionPlot(plot));
    expect(text(only(root, 'x-label'))).toBe('Feature 1');
    expect(text(only(root, 'y-label'))).toBe('Feature 2');
    expect(byClass(root, 'subtitle')).toHaveLength(0);
  });

  it('honours a custom size', () => {
    const root = parseSvg(renderPredictionPlot(samplePlot({ width: 400, height: 300 })));
    expect(root.getAttribute('viewBox')).toBe('0 0 400 300');
    const area = plotArea(root);
    expect(area.x1).toBeLessThanOrEqual(400);
    expect(area.y1).toBeLessThanOrEqual(300);
  });

  it('keeps the legend outside the plot area', () => {
    const root = parseSvg(renderPredictionPlot(samplePlot()));
    const area = plotArea(root);
    for (const e of all(only(root, 'legend'), (x) => x.localName === 'circle' || x.localName === 'text')) {
      const y = e.localName === 'circle' ? attr(e, 'cy') + attr(e, 'r') : attr(e, 'y');
      expect(y).toBeLessThan(area.y0);
    }
  });

  it('returns the same string for the same input', () => {
    expect(renderPredictionPlot(samplePlot())).toBe(renderPredictionPlot(samplePlot()));
  });

  it('renders an empty point set', () => {
    const root = parseSvg(renderPredictionPlot({ points: [], predicted: [], weights: [1, -1], bias: 0, title: 'empty' }));
    expect(byClass(root, 'point')).toHaveLength(0);
    expect(byClass(root, 'boundary')).toHaveLength(1);
  });

  it('throws a RangeError when the predictions do not match the points', () => {
    const plot = samplePlot();
    expect(() => renderPredictionPlot({ ...plot, predicted: [0] })).toThrow(RangeError);
    expect(() => renderPredictionPlot({ ...plot, actual: [1] })).toThrow(RangeError);
    expect(() => renderPredictionPlot({ ...plot, predicted: Array.from(plot.points, () => 2) })).toThrow(RangeError);
  });

  it('throws a RangeError naming width and height when the size is not a positive finite number', () => {
    for (const size of [{ width: 0 }, { height: -1 }, { width: Number.NaN }, { height: Infinity }]) {
      expect(() => renderPredictionPlot(samplePlot(size))).toThrow(/^width and height must be positive finite numbers, got /);
    }
  });

  it('skips points with a non-finite coordinate but still checks their labels', () => {
    const points = [[0, 0], [1, Number.NaN], [Infinity, 1], [1, 1]];
    const root = parseSvg(renderPredictionPlot({ points, predicted: [0, 1, 1, 1], weights: [1, 1], bias: -1, title: 't' }));
    expect(byClass(root, 'point')).toHaveLength(2);
    expect(() => renderPredictionPlot({ points, predicted: [0, 2, 1, 1], weights: [1, 1], bias: -1, title: 't' })).toThrow('predicted[1] must be 0 or 1, got 2');
  });
});
