/**
 * Gradient-pass throughput on a sparse set, in stored entries (non-zeros) per second.
 *
 * A pass is what one iteration of solver 'gd' costs: one pass over the CSR rows computing
 * f and ∇f together. Measured as the dense bench measures a step: per round, tinybench
 * times a fit of `passes` iterations and a fit of 1 (`tol: 0`, so each runs exactly its
 * iterations), on 1 thread and on all; the marginal pass is
 * (t(passes) − t(1)) / (passes − 1), free of the fit's fixed cost (input checks, labels),
 * and throughput = nnz / that.
 * @module
 */
import type { CsrMatrix } from '../../src/index.js';
import { type RoundTask, median, timeInRounds } from '../timing.js';
import { fitOurs, oursOptions } from './ours.js';

export interface ThroughputRow {
  threads: number;
  passes: number;
  rounds: number;
  /** Marginal time of one pass, ms; null when the fits were too noisy to tell (t(passes) ≤ t(1)). */
  perPass: number | null;
  /** Non-zeros per second, or null as perPass. */
  nnzPerSecond: number | null;
}

export async function benchThroughput(
  X: CsrMatrix<'float64'>,
  y: Float64Array,
  C: number,
  threadCounts: readonly number[],
  passes: number,
  rounds: number,
  beforeRound?: () => Promise<void>,
): Promise<ThroughputRow[]> {
  // The step size does not matter to a pass's cost; 1 keeps the iterates finite.
  const run = (threads: number, maxIter: number) => () => void fitOurs(X, y, oursOptions(C, { solver: 'gd', learningRate: 1, tol: 0, maxIter, threads }));
  const tasks: RoundTask[] = threadCounts.flatMap((threads) => [
    { name: `${threads}:${passes}`, fn: run(threads, passes), runs: rounds },
    { name: `${threads}:1`, fn: run(threads, 1), runs: rounds },
  ]);
  const samples = await timeInRounds(tasks, { warmup: 1, ...(beforeRound === undefined ? {} : { beforeRound }) });
  return threadCounts.map((threads) => {
    const marginal = (median(samples.get(`${threads}:${passes}`)!) - median(samples.get(`${threads}:1`)!)) / (passes - 1);
    const perPass = marginal > 0 ? marginal : null;
    return { threads, passes, rounds, perPass, nnzPerSecond: perPass === null ? null : X.nnz / (perPass / 1000) };
  });
}
