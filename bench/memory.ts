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
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DataFiles } from './data.js';
import type { ImplKey } from './impls.js';

const PROBE = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));

export interface MemoryUse {
  /** Peak RSS of the probe process, bytes. */
  readonly peak: number;
  /** Its peak RSS before loading X (Node, tsx and the implementation's modules), bytes. */
  readonly idle: number;
}

/** Runs the probe for one implementation; `steps` gradient steps after loading X. */
export function probeMemory(key: ImplKey, files: DataFiles, steps: number, learningRate: number): Promise<MemoryUse> {
  // The probe runs with the V8 flags this process has (e.g. relaxed SIMD on Node 20).
  const v8Flags = process.execArgv.filter((flag) => flag.startsWith('--experimental-wasm-'));
  const args = [...v8Flags, '--import', 'tsx', PROBE, key, files.x, files.y, String(files.rows), String(files.cols), String(steps), String(learningRate)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`memory probe '${key}' exited with ${code}:\n${stderr}`));
        return;
      }
      try {
        const parsed = JSON.parse(stdout.trim().split('\n').pop() ?? '') as { idle: number; peak: number };
        resolve({ peak: parsed.peak, idle: parsed.idle });
      } catch (error) {
        reject(error);
      }
    });
  });
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
