import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../src/index.js';
import { barChartHeight, fitLabel } from '../../viz/bar-chart.js';
import { calibrationBins, rocPoints, thinPolyline } from '../../viz/curves.js';
import { spreadIndices } from '../../viz/line-chart.js';
import { textWidth } from '../../viz/text-width.js';

/** The area under a polyline by the trapezoidal rule. */
function trapezoid(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += (((x[i] as number) - (x[i - 1] as number)) * ((y[i] as number) + (y[i - 1] as number))) / 2;
  return area;
}

describe('rocPoints(positive, score)', () => {
  it('gives scikit-learn roc_curve points for distinct scores, from (0, 0) to (1, 1)', () => {
    const { fpr, tpr } = rocPoints([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(Array.from(fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
  });

  it('makes one diagonal step of tied scores, and its area is the library rocAuc (ties count one half)', () => {
    const positive = [0, 1, 0, 1, 1, 0];
    const score = [0.5, 0.5, 0.2, 0.9, 0.5, 0.1];
    const { fpr, tpr } = rocPoints(positive, score);
    expect(trapezoid(fpr, tpr)).toBeCloseTo(rocAuc(positive, score), 14);
    // (0,0), the 0.9 step, the tie's one diagonal step, then the rest: no point inside a straight run.
    expect(Array.from(fpr)).toEqual([0, 0, 1 / 3, 1]);
  });

  it('matches the library rocAuc on a larger random problem', () => {
    let seed = 7;
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const positive = Array.from({ length: 500 }, () => (rand() < 0.4 ? 1 : 0));
    const score = positive.map((p) => Math.round((p * 0.6 + rand()) * 20) / 20);
    const { fpr, tpr } = rocPoints(positive, score);
    expect(trapezoid(fpr, tpr)).toBeCloseTo(rocAuc(positive, score), 12);
    for (let i = 1; i < fpr.length; i++) expect(fpr[i]! >= fpr[i - 1]! && tpr[i]! >= tpr[i - 1]!).toBe(true);
  });

  it('refuses arrays of different lengths', () => {
    expect(() => rocPoints([0, 1], [0.5])).toThrow(/positive has 2 entries, score has 1/);
  });
});

describe('calibrationBins(positive, probability, nBins)', () => {
  it('keeps the non-empty bins with their mean prediction, fraction of positives and count', () => {
    expect(calibrationBins([0, 1, 1], [0.05, 0.9, 0.95], 2)).toEqual([
      { meanPredicted: 0.05, fractionPositive: 0, count: 1 },
      { meanPredicted: 0.925, fractionPositive: 1, count: 2 },
    ]);
  });

  it('puts a probability on an inner edge in the bin below it, as numpy searchsorted does with linspace edges', () => {
    // linspace(0, 1, 11)[3] is 0.30000000000000004, above 0.3 (and 0.3 × 10 rounds above 3): 0.3 is in the bin (0.2, 0.3], 0.2 in (0.1, 0.2].
    const bins = calibrationBins([1, 0, 1], [0.3, 0.2, 0], 10);
    expect(bins.map((b) => b.meanPredicted)).toEqual([0, 0.2, 0.3]);
    expect(bins[2]).toEqual({ meanPredicted: 0.3, fractionPositive: 1, count: 1 });
    expect(calibrationBins([1], [1], 10)[0]!.count).toBe(1);
  });

  it('refuses a probability outside [0, 1] and a bad bin count', () => {
    expect(() => calibrationBins([1], [1.5])).toThrow(/probability\[0\] is 1.5/);
    expect(() => calibrationBins([1], [0.5], 0)).toThrow(/nBins must be an integer ≥ 1/);
  });
});

describe('thinPolyline(x, y, minStep)', () => {
  it('keeps the ends and the points at least minStep from the last kept one', () => {
    expect(thinPolyline([0, 0.001, 0.5, 1], [0, 0.001, 0.5, 1], 0.01)).toEqual([0, 2, 3]);
    expect(thinPolyline([0], [0], 1)).toEqual([0]);
    expect(thinPolyline([], [], 1)).toEqual([]);
  });
});

describe('spreadIndices(n, max)', () => {
  it('spreads at most max indices evenly, first and last included', () => {
    expect(spreadIndices(10, 3)).toEqual([0, 5, 9]);
    expect(spreadIndices(3, 12)).toEqual([0, 1, 2]);
    expect(spreadIndices(5, 1)).toEqual([0]);
  });
});

describe('the bar chart layout', () => {
  it('gives each bar a row of 24 px above a 40 px axis', () => {
    expect(barChartHeight(2)).toBe(8 + 48 + 40);
    expect(barChartHeight(0)).toBe(barChartHeight(1));
  });

  it('shortens a long label with an ellipsis to fit its room', () => {
    expect(fitLabel('age', 11, 100)).toBe('age');
    const cut = fitLabel('mean concave points', 11, 60);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 11)).toBeLessThanOrEqual(60);
  });
});
