/**
 * Peak memory per row, measured in a separate process per implementation and shape (see
 * memory-probe.ts), so one row's allocations never count towards another's: the probe's
 * peak resident set size, VmHWM in /proc/self/status.
 *
 * Not `process.resourceUsage().maxRSS` (getrusage): Linux carries a process's maxrss
 * across fork and exec, so a probe started by the bench would report at least the
 * bench's own RSS at the time. VmHWM belongs to the address space exec creates.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DataFiles } from './data.js';
import type { ImplKey } from './impls.js';
import { runProbe } from './probe.js';

const PROBE = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));

export interface MemoryUse {
  /** Peak RSS of the probe process, bytes. */
  readonly peak: number;
  /** Its peak RSS before loading X (Node, tsx and the implementation's modules), bytes. */
  readonly idle: number;
}

/** Runs the probe for one implementation; `steps` gradient steps after loading X. */
export async function probeMemory(key: ImplKey, files: DataFiles, steps: number, learningRate: number): Promise<MemoryUse> {
  const args = [key, files.x, files.y, String(files.rows), String(files.cols), String(steps), String(learningRate)];
  const parsed = (await runProbe(PROBE, args)) as { idle: number; peak: number };
  return { peak: parsed.peak, idle: parsed.idle };
}

/** Runs `tasks` with at most `limit` at a time (the probes only measure memory, so they may share the cores). */
export async function runLimited<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane));
  return results;
}

/** This process's peak RSS in bytes: VmHWM where /proc is there, else getrusage's maxRSS. */
export function peakRss(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match !== null) return Number(match[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}
