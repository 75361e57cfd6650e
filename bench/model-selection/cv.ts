/**
 * Rows 1 and 2 of the model-selection bench, on the dense set:
 *
 * 1. `new LogisticRegressionCV({ Cs, cv: folds, threads })` against scikit-learn 1.2.1's
 *    `LogisticRegressionCV(Cs, cv=folds, n_jobs)` (default lbfgs, tol 1e-4, max_iter 100,
 *    accuracy, refit), on the same explicit folds (StratifiedKFold, 5 splits, no shuffle,
 *    handed to both sides as one fold id per row); the chosen C and the held-out scores per
 *    fold and C of both are kept and compared.
 * 2. The whole warm-started path for fold 0 (`logisticRegressionPath` over the same Cs)
 *    against one cold fit at the middle C (`Cs[Cs.length / 2]`) on the same rows.
 *
 * Ours are timed by tinybench in rounds (timing.ts), scikit-learn by its own clock around
 * `fit` once per round, before ours: the sides take turns, so the machine's drifting load
 * hits both alike. Each side's first fit is an untimed warm-up (for scikit-learn it also
 * starts joblib's worker processes).
 * @module
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LogisticRegression } from '../../src/estimator/logistic-regression.js';
import { logspace } from '../../src/model-selection/cs.js';
import type { Fold } from '../../src/model-selection/fold.js';
import { LogisticRegressionCV } from '../../src/model-selection/logistic-regression-cv.js';
import { logisticRegressionPath } from '../../src/model-selection/path.js';
import { StratifiedKFold } from '../../src/model-selection/stratified-k-fold.js';
import { scratchDir } from '../data.js';
import { type RoundTask, median, timeInRounds } from '../timing.js';
import type { PeerCv, Peers } from './peers.js';
import type { BenchSet } from './sets.js';

export interface CvSide {
  label: string;
  /** ms, one per timed round. */
  times: number[];
  median: number;
  C: number;
  /** folds × Cs held-out accuracies. */
  scores: number[][];
  /** folds × Cs solver iterations. */
  nIter: number[][];
}

export interface CvResult {
  set: string;
  folds: number;
  Cs: number[];
  threads: number;
  /** scikit-learn's n_jobs. */
  peerJobs: number;
  ours: CvSide;
  /** null when scikit-learn could not run. */
  sklearn: CvSide | null;
  /** Largest |Δ score| over folds × Cs, and whether both chose the same C. */
  agreement: { maxScoreDiff: number; sameC: boolean } | null;
  /** Warnings our fits raised (unconverged fits) during the first, untimed search. */
  warnings: string[];
  path: {
    foldRows: number;
    midC: number;
    pathTimes: number[];
    coldTimes: number[];
    pathMedian: number;
    coldMedian: number;
    /** Iterations per C along the path, and of the cold fit. */
    pathNIter: number[];
    coldNIter: number;
    /**
     * One gradient pass over the fold's rows at the margin (solver 'gd', (t(k) − t(1)) / (k − 1)), ms,
     * timed in the same rounds: the unit an lbfgs iteration's cost is counted in.
     */
    pass: number;
  };
}

/** The folds as one id per row, and as the `{ trainIndex, testIndex }` both sides use (ascending indices). */
function explicitFolds(set: BenchSet, nSplits: number): { ids: Int32Array; folds: Fold[] } {
  const ids = new Int32Array(set.rows).fill(-1);
  let k = 0;
  for (const fold of new StratifiedKFold({ nSplits }).split(set.rows, set.y)) {
    for (const i of fold.testIndex) ids[i] = k;
    k++;
  }
  if (ids.includes(-1)) throw new Error('explicitFolds: a row is in no test fold');
  const folds = Array.from({ length: k }, (_, f) => {
    const test: number[] = [];
    const train: number[] = [];
    ids.forEach((id, i) => (id === f ? test : train).push(i));
    return { trainIndex: Int32Array.from(train), testIndex: Int32Array.from(test) };
  });
  return { ids, folds };
}

const meanOver = (grid: number[][], c: number): number => grid.reduce((s, row) => s + row[c]!, 0) / grid.length;

/** Mean held-out score per C. */
export function meanScores(side: CvSide): number[] {
  return side.scores[0]!.map((_, c) => meanOver(side.scores, c));
}

export interface CvSettings {
  readonly Cs: number;
  readonly nSplits: number;
  readonly threads: number;
  /** scikit-learn's n_jobs (`threads` but in a smoke run, where starting joblib's worker processes would take seconds). */
  readonly peerJobs: number;
  /** Timed rounds after the untimed first fits; 0: the first fits are the times (smoke run). */
  readonly rounds: number;
  readonly beforeRound?: () => Promise<void>;
}

/** Runs rows 1 and 2 (see the module comment). */
export async function benchCv(set: BenchSet, peers: Peers | null, settings: CvSettings): Promise<CvResult> {
  const { Cs, threads } = settings;
  const grid = logspace(-4, 4, Cs);
  const { ids, folds } = explicitFolds(set, settings.nSplits);
  const foldsFile = join(scratchDir(), `ms-folds-${set.rows}.i32`);
  writeFileSync(foldsFile, new Uint8Array(ids.buffer));

  const warnings: string[] = [];
  const fitOurs = (onWarning: (message: string) => void): LogisticRegressionCV => new LogisticRegressionCV({ Cs, cv: folds, threads, onWarning }).fit(set.X, set.y);

  // First fits, untimed: what each side chose (and the warm-up).
  let started = performance.now();
  const first = fitOurs((message) => warnings.push(message));
  const firstMs = performance.now() - started;
  const ours: CvSide = {
    label: 'logreg-wasm LogisticRegressionCV',
    times: [],
    median: Number.NaN,
    C: first.C[0]!,
    scores: first.scores.get(1) as number[][],
    nIter: (first.nIter as number[][][])[0]!,
  };
  first.dispose();
  let sklearn: CvSide | null = null;
  if (peers !== null) {
    const peer: PeerCv = await peers.cv(foldsFile, Cs, settings.peerJobs);
    sklearn = { label: `scikit-learn ${peers.sklearn} LogisticRegressionCV`, times: settings.rounds === 0 ? [peer.ms] : [], median: Number.NaN, C: peer.C, scores: peer.scores, nIter: peer.nIter };
  }

  // Row 2's data: fold 0's training rows, in the core's memory.
  const fold = folds[0]!;
  const X0 = set.X.takeRows(fold.trainIndex);
  const y0 = Float64Array.from(fold.trainIndex, (i) => set.y[i]!);
  const midC = grid[Cs >> 1]!;
  const quiet = { onWarning: null, threads } as const;
  let pathNIter: number[] = [];
  let coldNIter = 0;
  const runPath = (): void => {
    const path = logisticRegressionPath(X0, y0, { Cs, ...quiet });
    pathNIter = Array.from(path.nIter);
    for (const m of path.coefs) m.dispose();
  };
  const PASSES = 20;
  const runGd = (steps: number) => (): void => new LogisticRegression({ solver: 'gd', penalty: 'none', tol: 0, maxIter: steps, ...quiet }).fit(X0, y0).dispose();
  const runCold = (): void => {
    const model = new LogisticRegression({ C: midC, ...quiet }).fit(X0, y0);
    coldNIter = model.nIter;
    model.dispose();
  };
  try {
    started = performance.now();
    runPath();
    const firstPath = performance.now() - started;
    started = performance.now();
    runCold();
    const firstCold = performance.now() - started;
    const rounds = Math.max(1, settings.rounds);
    const gdTasks = [
      { name: 'gd', fn: runGd(PASSES), runs: rounds },
      { name: 'gd1', fn: runGd(1), runs: rounds },
    ];
    // A smoke run (no rounds): the first fits are the times.
    const timed: RoundTask[] = [
      { name: 'cv', fn: () => fitOurs(() => undefined).dispose(), runs: settings.rounds },
      { name: 'path', fn: runPath, runs: settings.rounds },
      { name: 'cold', fn: runCold, runs: settings.rounds },
    ];
    const samples = await timeInRounds(settings.rounds === 0 ? gdTasks : [...timed, ...gdTasks], {
      warmup: 0,
      beforeRound: async () => {
        await settings.beforeRound?.();
        if (sklearn !== null && settings.rounds > 0) sklearn.times.push((await peers!.cv(foldsFile, Cs, settings.peerJobs)).ms);
      },
    });
    if (settings.rounds === 0) {
      samples.set('cv', [firstMs]);
      samples.set('path', [firstPath]);
      samples.set('cold', [firstCold]);
    }
    ours.times = samples.get('cv')!;
    ours.median = median(ours.times);
    if (sklearn !== null) sklearn.median = median(sklearn.times);
    let maxScoreDiff = 0;
    if (sklearn !== null) ours.scores.forEach((row, f) => row.forEach((v, c) => (maxScoreDiff = Math.max(maxScoreDiff, Math.abs(v - sklearn!.scores[f]![c]!)))));
    const pathTimes = samples.get('path')!;
    const coldTimes = samples.get('cold')!;
    return {
      set: set.name,
      folds: folds.length,
      Cs: Array.from(grid),
      threads,
      peerJobs: settings.peerJobs,
      ours,
      sklearn,
      agreement: sklearn === null ? null : { maxScoreDiff, sameC: sklearn.C === ours.C },
      warnings,
      path: { foldRows: fold.trainIndex.length, midC, pathTimes, coldTimes, pathMedian: median(pathTimes), coldMedian: median(coldTimes), pathNIter, coldNIter,
        pass: (median(samples.get('gd')!) - median(samples.get('gd1')!)) / (PASSES - 1) },
    };
  } finally {
    X0.dispose();
  }
}
