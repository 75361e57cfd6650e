/**
 * Timing with tinybench, in interleaved rounds.
 *
 * tinybench runs a task's iterations back to back, so on a machine whose load drifts (this
 * one is shared) the task timed last would see a different machine from the one timed
 * first. {@link timeInRounds} therefore runs one tinybench `Bench` per round, with one task
 * per thing to time and exactly one timed call of each (`iterations: 1`, `time: 0`): every
 * round times each task once, in the same order, and a task's samples are collected across
 * the rounds. tinybench cannot keep adding samples to one task across several runs (a run
 * starts from a reset task), so the median over rounds is taken here from tinybench's
 * latency samples ({@link median}); every number is a tinybench measurement.
 * @module
 */
import { Bench, type BenchOptions, type Fn, type Statistics, type Task } from 'tinybench';

/** One thing to time: `fn` is called once per round it takes part in. */
export interface RoundTask {
  /** Unique among the tasks of one call. */
  readonly name: string;
  readonly fn: Fn;
  /** The task takes part in the first `runs` rounds (fewer for slow peers). */
  readonly runs: number;
  /** `fn` returns a promise to await (inside the timed window). Default false. */
  readonly async?: boolean;
}

export interface RoundsOptions {
  /**
   * Untimed calls of each task (tinybench's warm-up) at the start of the first round,
   * after which the timed calls begin; 0 for none.
   */
  readonly warmup: number;
  /** Awaited before each round, outside tinybench (e.g. a load probe). */
  readonly beforeRound?: (round: number) => Promise<void> | void;
}

/**
 * Explicit tinybench options for a bench of exactly `iterations` timed calls per task,
 * after exactly `warmup` untimed ones (no time budget, so the counts are exact).
 */
export function benchOptions(name: string, iterations: number, warmup = 0): BenchOptions {
  return {
    name,
    iterations,
    time: 0,
    warmup: warmup > 0,
    warmupIterations: warmup,
    warmupTime: 0,
    retainSamples: true,
    throws: true,
  };
}

/** A finished task's latency statistics (ms, tinybench's); throws unless the task completed. */
export function latencyOf(task: Task): Statistics {
  const result = task.result;
  if (result.state !== 'completed') throw new Error(`tinybench task '${task.name}' ended in state '${result.state}'`);
  return result.latency;
}

/** A finished task's latency samples (ms, as tinybench measured them, sorted ascending). */
export function latencySamples(task: Task): number[] {
  const samples = latencyOf(task).samples;
  if (samples === undefined) throw new Error(`tinybench task '${task.name}': samples not retained`);
  return [...samples];
}

/**
 * Times `tasks` in rounds (see the module comment) and returns each task's latency
 * samples in ms, one per round it took part in, in round order.
 */
export async function timeInRounds(tasks: readonly RoundTask[], options: RoundsOptions): Promise<Map<string, number[]>> {
  const samples = new Map<string, number[]>(tasks.map((t) => [t.name, []]));
  if (samples.size !== tasks.length) throw new Error('timeInRounds: task names must be unique');
  const rounds = Math.max(0, ...tasks.map((t) => t.runs));
  for (let round = 0; round < rounds; round++) {
    await options.beforeRound?.(round);
    // tinybench warms every task up first, then times each once, in the order added.
    const bench = new Bench(benchOptions(`round ${round + 1}`, 1, round === 0 ? options.warmup : 0));
    // `async` given explicitly: otherwise tinybench calls a plain function once, untimed, to see whether it returns a promise.
    for (const task of tasks) if (round < task.runs) bench.add(task.name, task.fn, { async: task.async ?? false });
    for (const task of await bench.run()) samples.get(task.name)!.push(...latencySamples(task));
  }
  return samples;
}

/** The median (mean of the middle two for an even count), as tinybench's p50. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
