/**
 * Data and helpers shared by the reliability suite: ports of the scikit-learn generators
 * its `check_estimator` checks use (make_blobs, utils.shuffle), snapshots of a model's
 * observable state, and small assertions.
 * @module
 */
import { type Label, LogisticRegression, Matrix, NotFittedError, RandomState, StandardScaler } from '../../src/index.js';

export interface Dataset {
  X: number[][];
  y: number[];
}

/**
 * scikit-learn 1.2's `make_blobs` for an integer n_samples, as numpy's legacy RandomState
 * draws it: centres uniform in `centerBox` (or the given ones), then per centre
 * `normal(centre, std)` row by row, then the rows shuffled.
 */
export function makeBlobs(options: {
  nSamples?: number;
  nFeatures?: number;
  centers?: number | number[][];
  clusterStd?: number;
  centerBox?: [number, number];
  shuffle?: boolean;
  randomState: number;
}): Dataset {
  const { nSamples = 100, clusterStd = 1, centerBox = [-10, 10], shuffle = true } = options;
  const rng = new RandomState(options.randomState);
  let centres: number[][];
  if (Array.isArray(options.centers)) {
    centres = options.centers;
  } else {
    const k = options.centers ?? 3;
    const d = options.nFeatures ?? 2;
    centres = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.uniform(centerBox[0], centerBox[1])));
  }
  const perCentre = centres.map((_, i) => Math.floor(nSamples / centres.length) + (i < nSamples % centres.length ? 1 : 0));
  const X: number[][] = [];
  const y: number[] = [];
  centres.forEach((centre, i) => {
    for (let r = 0; r < (perCentre[i] as number); r++) {
      X.push(centre.map((c) => c + clusterStd * rng.standardNormal()));
      y.push(i);
    }
  });
  return shuffle ? shuffleRows({ X, y }, rng) : { X, y };
}

/** scikit-learn's `utils.shuffle(X, y, random_state)`: rows reordered by a shuffled arange. */
export function shuffleRows(data: Dataset, randomState: number | RandomState): Dataset {
  const rng = typeof randomState === 'number' ? new RandomState(randomState) : randomState;
  const order = rng.shuffle(Array.from({ length: data.X.length }, (_, i) => i));
  return { X: order.map((i) => data.X[i] as number[]), y: order.map((i) => data.y[i] as number) };
}

/** `StandardScaler().fit_transform(X)` as rows. */
export function standardize(X: number[][]): number[][] {
  return new StandardScaler().fitTransform(X).toArray();
}

/** A deterministic uniform(−0.5, 0.5) stream (Park–Miller), for bulk data where numpy parity is not needed. */
export function noise(seed: number): () => number {
  let state = (seed % 2147483646) + 1;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647 - 0.5;
  };
}

/** The float64 bit patterns of `values`, so that comparisons tell −0 from 0 and every NaN apart. */
export function bits(values: ArrayLike<number>): string {
  const f = Float64Array.from(values);
  return Array.from(new BigUint64Array(f.buffer), (b) => b.toString(16)).join(',');
}

/** Everything observable about a model, bit for bit, for "left as it was" checks. */
export function snapshot(model: LogisticRegression, probe?: number[][]): string {
  if (!model.isFitted) {
    let unfitted = false;
    try {
      void model.coef;
    } catch (error) {
      unfitted = error instanceof NotFittedError;
    }
    return JSON.stringify({ fitted: false, unfitted });
  }
  return JSON.stringify({
    fitted: true,
    coef: bits(model.coef.data),
    shape: [model.coef.rows, model.coef.cols],
    intercept: bits(model.intercept),
    classes: model.classes.map((c) => [typeof c, String(c)]),
    nIter: model.nIter,
    converged: model.converged,
    nFeaturesIn: model.nFeaturesIn,
    lossCurve: model.lossCurve === null ? null : bits(model.lossCurve),
    proba: probe === undefined ? null : bits(model.predictProba(probe).data),
  });
}

/** Runs `fn` and returns what it threw (or fails the test when it returns). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`threw a non-Error: ${String(error)}`);
  }
  throw new Error('expected an error, but the call returned');
}

export function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < row.length; k++) if ((row[k] as number) > (row[best] as number)) best = k;
  return best;
}

export function rowsOf(X: Matrix | number[][]): number[][] {
  return X instanceof Matrix ? X.toArray() : X;
}

export type { Label };
