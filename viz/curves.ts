/**
 * The points of the curves the demo's model insight draws: the ROC curve of a score
 * against a binary truth, and the reliability (calibration) curve of predicted
 * probabilities. The areas under ROC curves are the library's (`rocAuc`); these are only
 * the points to draw, computed as scikit-learn's `roc_curve` and `calibration_curve` do.
 * @module
 */

/** Points of a ROC curve, from (0, 0) to (1, 1). */
export interface RocPoints {
  /** False-positive rate at each point, non-decreasing. */
  fpr: Float64Array;
  /** True-positive rate at each point, non-decreasing. */
  tpr: Float64Array;
}

/**
 * The ROC curve of `score` for the samples whose `positive[i]` is 1: one point per
 * distinct score (a threshold), highest first, after (0, 0), with the points on a straight
 * line through their neighbours left out (as scikit-learn's `drop_intermediate` thins),
 * so ties make one diagonal step and a curve of n samples has at most n + 1 points.
 *
 * @param positive - 1 for a positive sample, 0 for a negative one; n entries.
 * @param score - The positive class's score per sample (higher: more positive); n finite numbers.
 * @returns The curve's points; when one side is empty its rates are NaN (no curve).
 * @throws RangeError when the lengths differ.
 * @example
 * rocPoints([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1]
 */
export function rocPoints(positive: ArrayLike<number>, score: ArrayLike<number>): RocPoints {
  const n = positive.length;
  if (score.length !== n) throw new RangeError(`rocPoints: positive has ${n} entries, score has ${score.length}`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (score[b] as number) - (score[a] as number));
  let P = 0;
  for (let i = 0; i < n; i++) P += positive[i] === 1 ? 1 : 0;
  const N = n - P;
  const fps: number[] = [0];
  const tps: number[] = [0];
  let tp = 0;
  let fp = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    if (positive[i] === 1) tp++;
    else fp++;
    const next = order[r + 1];
    // A threshold ends where the next score differs (or at the last sample).
    if (next === undefined || score[next] !== score[i]) {
      fps.push(fp);
      tps.push(tp);
    }
  }
  // Keep the ends and every point where the curve turns.
  const keepF: number[] = [];
  const keepT: number[] = [];
  for (let k = 0; k < fps.length; k++) {
    const prev = k - 1;
    const next = k + 1;
    if (prev >= 0 && next < fps.length) {
      const collinear = ((fps[k] as number) - (fps[prev] as number)) * ((tps[next] as number) - (tps[k] as number)) === ((tps[k] as number) - (tps[prev] as number)) * ((fps[next] as number) - (fps[k] as number));
      if (collinear) continue;
    }
    keepF.push(fps[k] as number);
    keepT.push(tps[k] as number);
  }
  return { fpr: Float64Array.from(keepF, (v) => v / N), tpr: Float64Array.from(keepT, (v) => v / P) };
}

/** One bin of a reliability curve. */
export interface CalibrationBin {
  /** The mean predicted probability of the bin's samples (horizontal). */
  meanPredicted: number;
  /** The fraction of them that are positive (vertical). */
  fractionPositive: number;
  /** How many samples the bin holds. */
  count: number;
}

/**
 * The reliability curve of predicted probabilities: `nBins` equal-width bins over [0, 1]
 * (scikit-learn's `calibration_curve(strategy='uniform')`: a probability on an inner edge
 * belongs to the bin below it), each non-empty bin giving the mean predicted probability
 * and the observed fraction of positives. A calibrated model's bins lie on the diagonal.
 *
 * @param positive - 1 for a positive sample, 0 for a negative one; n entries.
 * @param probability - The predicted probability of the positive class per sample, in [0, 1].
 * @param nBins - The number of bins, an integer ≥ 1. @default 10
 * @returns The non-empty bins, in increasing order of probability.
 * @throws RangeError when the lengths differ, a probability is outside [0, 1], or nBins is not an integer ≥ 1.
 * @example
 * calibrationBins([0, 1, 1], [0.05, 0.9, 0.95], 2); // [{ meanPredicted: 0.05, fractionPositive: 0, count: 1 }, { meanPredicted: 0.925, fractionPositive: 1, count: 2 }]
 */
export function calibrationBins(positive: ArrayLike<number>, probability: ArrayLike<number>, nBins = 10): CalibrationBin[] {
  const n = positive.length;
  if (probability.length !== n) throw new RangeError(`calibrationBins: positive has ${n} entries, probability has ${probability.length}`);
  if (!Number.isInteger(nBins) || nBins < 1) throw new RangeError(`calibrationBins: nBins must be an integer ≥ 1, got ${nBins}`);
  const step = 1 / nBins;
  const sums = new Float64Array(nBins);
  const trues = new Float64Array(nBins);
  const counts = new Float64Array(nBins);
  for (let i = 0; i < n; i++) {
    const p = probability[i] as number;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`calibrationBins: probability[${i}] is ${p}, outside [0, 1]`);
    // searchsorted(edges[1:-1], p, side='left'): the number of inner edges strictly below p.
    // The edges as numpy's linspace forms them (i · (1/n)), so a probability on an edge falls as there.
    let b = Math.min(nBins - 1, Math.max(0, Math.ceil(p * nBins) - 1));
    while (b > 0 && b * step >= p) b--;
    while (b < nBins - 1 && (b + 1) * step < p) b++;
    sums[b]! += p;
    trues[b]! += positive[i] === 1 ? 1 : 0;
    counts[b]! += 1;
  }
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < nBins; b++) {
    const count = counts[b] as number;
    if (count > 0) bins.push({ meanPredicted: (sums[b] as number) / count, fractionPositive: (trues[b] as number) / count, count });
  }
  return bins;
}

/**
 * Points of a polyline thinned for drawing: a point is kept when it lies at least
 * `minStep` (in data units, on either axis) from the last kept one; the first and last
 * points are always kept. A 200,000-point ROC curve draws as a few thousand points with
 * no visible change at a chart's resolution.
 *
 * @param x - Horizontal values.
 * @param y - Vertical values, as many.
 * @param minStep - The least change that keeps a point.
 * @returns The indices of the points kept, increasing.
 * @example
 * thinPolyline([0, 0.001, 0.5, 1], [0, 0.001, 0.5, 1], 0.01); // [0, 2, 3]
 */
export function thinPolyline(x: ArrayLike<number>, y: ArrayLike<number>, minStep: number): number[] {
  const n = x.length;
  if (n === 0) return [];
  const kept = [0];
  let lx = x[0] as number;
  let ly = y[0] as number;
  for (let i = 1; i < n - 1; i++) {
    if (Math.abs((x[i] as number) - lx) >= minStep || Math.abs((y[i] as number) - ly) >= minStep) {
      kept.push(i);
      lx = x[i] as number;
      ly = y[i] as number;
    }
  }
  if (n > 1) kept.push(n - 1);
  return kept;
}
