/**
 * Runs one measured command of the stream bench in a process of its own: wall time by
 * this process's clock (spawn to exit), peak RSS by GNU time's `%M` (the child's
 * maxrss, which covers the whole run, not a sample), and a timeout after which the
 * command's whole process group is killed and the run reported as timed out rather than
 * waited for (an exact streaming fit on a large file may take very long).
 * @module
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** GNU time, when installed: it reports the peak RSS of exactly the command it runs. */
const GNU_TIME = '/usr/bin/time';

/** How one command went. */
export interface RunResult {
  /** Wall time, ms (up to the kill for a timed-out run). */
  readonly wallMs: number;
  /** Peak RSS by GNU time, bytes; null without /usr/bin/time or after a timeout. */
  readonly peakRss: number | null;
  readonly timedOut: boolean;
  /** Exit code (null when killed). */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `command args`, stdout captured (or sent to /dev/null with `discardStdout`, as
 * `cat file > /dev/null` does, so no pipe copies the bytes) and stderr captured.
 */
export function run(command: string, args: readonly string[], options: { timeoutMs: number; discardStdout?: boolean }): Promise<RunResult> {
  const measureRss = existsSync(GNU_TIME);
  const scratch = mkdtempSync(join(tmpdir(), 'logreg-stream-run-'));
  const rssFile = join(scratch, 'rss');
  // -o: GNU time's figure goes to a file, never mixed into the command's own stderr.
  const [file, argv] = measureRss ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, [...args]];
  const devNull = options.discardStdout ? openSync('/dev/null', 'w') : null;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // detached: the command leads a process group of its own, so a timeout kills it and GNU time together.
    const child = spawn(file, argv, { stdio: ['ignore', devNull ?? 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      if (devNull !== null) closeSync(devNull);
      rmSync(scratch, { recursive: true, force: true });
    };
    child.on('error', (error) => {
      finish();
      reject(error);
    });
    child.on('close', (status) => {
      const wallMs = performance.now() - started;
      let peakRss: number | null = null;
      if (measureRss && !timedOut) {
        // GNU time writes "Command exited with non-zero status N" before the figure when the command fails: the last line is %M, in KiB.
        const kib = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
        if (Number.isFinite(kib) && kib > 0) peakRss = kib * 1024;
      }
      finish();
      resolve({ wallMs, peakRss, timedOut, status, stdout, stderr });
    });
  });
}
