/**
 * Worker threads that share the core's memory: started once, reused by every fit, and
 * woken for each parallel pass through a small control block of int32 counters.
 *
 * Each worker instantiates the same compiled module on the same shared memory; for every
 * pass the workers and the calling thread take the pass's chunks one at a time from a
 * shared counter and run `runChunks(record, chunk, chunks)` on each.
 * Passes are split into fixed chunks whose sums are added in chunk order (see
 * assembly/objective/chunks.ts), so results do not depend on the number of threads.
 * Workers spin briefly, then sleep in `Atomics.wait`. In Node they never keep the process
 * alive (`unref`); `terminateWorkers()` stops them.
 * @module
 */
import { core, module, setParallelRunner, sharedMemory } from './runtime.js';
import {
  CONTROL,
  CONTROL_LENGTH,
  FINISHED,
  MAX_WORKERS,
  SPINS,
  type WorkerHandle,
  nodeWorkerThreads,
  pickUpDeadlineMs,
  spawnWorker,
} from './worker-thread.js';

const { generation: GENERATION, threads: THREADS, done: DONE, ready: READY, stop: STOP, failed: FAILED, record: RECORD, next: NEXT, beat: BEAT } = CONTROL;

interface Pool {
  readonly control: Int32Array;
  readonly workers: WorkerHandle[];
}

let pool: Pool | null = null;
/** The most threads one pass has run on since {@link takePassThreads} was last called. */
let widestPass = 1;
let warnedNoThreads = false;

/** True when this thread may block in Atomics.wait (Node's main thread, any worker; not a browser page). */
const canBlock: boolean = (() => {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
})();

/** CPUs this machine offers to the process (at most {@link MAX_WORKERS}). */
export function availableCpus(): number {
  const os = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
    'node:os',
  ) as { availableParallelism?: () => number } | undefined;
  const cpus = os?.availableParallelism?.() ?? (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return Math.max(1, Math.min(MAX_WORKERS, cpus ?? 1));
}

/**
 * Makes sure `threads − 1` workers are running and returns how many threads a pass can
 * use now: `threads`, or 1 where shared memory is unavailable (said once, through
 * `warn`), or — in a browser page, which cannot wait for workers synchronously — 1 until
 * the workers it started have loaded.
 */
export function ensureThreads(threads: number, warn: (message: string) => void): number {
  if (threads <= 1) return 1;
  if (sharedMemory === null) {
    if (!warnedNoThreads) {
      warnedNoThreads = true;
      warn(
        'logreg-wasm: SharedArrayBuffer is not available (a page must be cross-origin isolated), so training runs on one thread',
      );
    }
    return 1;
  }
  if (pool !== null && pool.workers.length < threads - 1) terminateWorkers();
  if (pool === null) pool = startPool(threads - 1);
  const ready = Atomics.load(pool.control, READY);
  if (ready >= threads - 1) return threads;
  // Only Node starts workers while their parent blocks; a browser (page or worker) needs
  // its event loop to run to start them, so it trains with the workers already up and
  // `startWorkers()` lets it wait for the rest.
  if (!canBlock || nodeWorkerThreads() === null) return Math.max(1, ready + 1);
  const deadline = Date.now() + pickUpDeadlineMs();
  while (Atomics.load(pool.control, READY) < threads - 1) {
    if (Date.now() > deadline) {
      terminateWorkers();
      throw new Error(`logreg-wasm: worker threads did not start within ${pickUpDeadlineMs() / 1000} s`);
    }
    Atomics.wait(pool.control, READY, Atomics.load(pool.control, READY), 50);
  }
  return threads;
}

function startPool(count: number): Pool {
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_LENGTH));
  const workers: WorkerHandle[] = [];
  for (let index = 1; index <= count; index++) {
    workers.push(spawnWorker({ module, memory: sharedMemory as WebAssembly.Memory, control: control.buffer as SharedArrayBuffer, index }));
  }
  const created: Pool = { control, workers };
  setParallelRunner((threads) => runParallel(created, threads));
  return created;
}

/** One parallel pass: wake the workers, take chunks here as they do, wait for the rest. */
function runParallel(current: Pool, threads: number): void {
  if (threads > widestPass) widestPass = threads;
  const c = current.control;
  Atomics.store(c, DONE, 0);
  Atomics.store(c, FAILED, 0);
  Atomics.store(c, THREADS, threads);
  const record = core.problemAddress();
  Atomics.store(c, RECORD, record);
  Atomics.store(c, NEXT, 0);
  const generation = Atomics.add(c, GENERATION, 1) + 1;
  Atomics.notify(c, GENERATION);
  try {
    // Chunks go to whichever thread is free next, so a thread that starts late or runs
    // slower (a core shared with other work) takes fewer; each chunk's sums go to its own
    // slot, so the result does not depend on who computed which. One call into the core
    // per chunk (as in the workers, whose heartbeat counts chunks): a chunk is thousands of
    // rows, so the crossing is nothing beside its work.
    const chunks = core.passChunkCount(record);
    for (let chunk = Atomics.add(c, NEXT, 1); chunk < chunks; chunk = Atomics.add(c, NEXT, 1)) core.runChunks(record, chunk, chunks);
  } finally {
    // Even when this thread's share failed, the workers must finish before the next pass
    // reuses the counters.
    awaitWorkers(current, threads, generation);
  }
  const failed = Atomics.load(c, FAILED);
  if (failed !== 0) {
    terminateWorkers();
    throw new Error(`logreg-wasm: worker thread ${failed - 1} failed during a pass; the worker pool was shut down`);
  }
}

/**
 * Waits until the pass's workers are done. A worker that shows no sign of life (it has
 * not picked the pass up, or finished no chunk) for `pickUpDeadlineMs()` is taken for dead:
 * the pool is shut down and the pass fails with an Error instead of hanging.
 */
function awaitWorkers(current: Pool, threads: number, generation: number): void {
  const c = current.control;
  const beats = Array.from({ length: threads }, (_, i) => Atomics.load(c, BEAT + i));
  let lastSign = Date.now();
  let spins = 0;
  while (Atomics.load(c, DONE) < threads - 1) {
    if (spins < SPINS) {
      spins++;
      continue;
    }
    if (canBlock) Atomics.wait(c, DONE, Atomics.load(c, DONE), 20);
    for (let i = 1; i < threads; i++) {
      const beat = Atomics.load(c, BEAT + i);
      if (beat !== beats[i]) {
        beats[i] = beat;
        lastSign = Date.now();
      }
    }
    if (Date.now() - lastSign > pickUpDeadlineMs()) {
      for (let i = 1; i < threads; i++) {
        if (Atomics.load(c, FINISHED + i) !== generation) {
          terminateWorkers();
          throw new Error(`logreg-wasm: worker thread ${i} stopped responding; the worker pool was shut down`);
        }
      }
    }
  }
}

/**
 * Starts the worker threads a fit with `threads` threads needs, and resolves once they are
 * ready. Optional in Node (fits wait for their workers); in browsers, fits use only the
 * workers already running, so await this first to train on every CPU from the start.
 * @param threads threads a fit will use (the caller's thread counts as one).
 * @default threads every available CPU ({@link availableCpus})
 * @returns the number of threads available (1 where SharedArrayBuffer is missing).
 * @throws TypeError when `threads` is not a number; RangeError when it is not an integer
 * from 1 to 64, as the estimator's `threads` option.
 * @example
 * ```ts
 * await startWorkers(); // e.g. in a Web Worker, before fitting with threads: 'auto'
 * ```
 */
export async function startWorkers(threads: number = availableCpus()): Promise<number> {
  if (typeof threads !== 'number') throw new TypeError(`startWorkers: threads must be a number; got ${typeof threads}`);
  // As the estimator's `threads` option: the control block has a slot per thread for MAX_WORKERS threads.
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_WORKERS) {
    throw new RangeError(`startWorkers: threads must be an integer from 1 to ${MAX_WORKERS}; got ${String(threads)}`);
  }
  if (threads <= 1 || sharedMemory === null) return 1;
  if (pool !== null && pool.workers.length < threads - 1) terminateWorkers();
  if (pool === null) pool = startPool(threads - 1);
  const current = pool;
  const deadline = Date.now() + pickUpDeadlineMs();
  while (Atomics.load(current.control, READY) < threads - 1) {
    if (Date.now() > deadline) {
      terminateWorkers();
      throw new Error(`logreg-wasm: worker threads did not start within ${pickUpDeadlineMs() / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return threads;
}

/**
 * Stops every worker thread. The next multi-threaded fit starts new ones. Safe to call
 * at any time between fits.
 * @example
 * ```ts
 * import { terminateWorkers } from 'logreg-wasm';
 * terminateWorkers(); // e.g. before a test runner checks for open handles
 * ```
 */
export function terminateWorkers(): void {
  const current = pool;
  if (current === null) return;
  pool = null;
  setParallelRunner(null);
  Atomics.store(current.control, STOP, 1);
  Atomics.add(current.control, GENERATION, 1);
  Atomics.notify(current.control, GENERATION);
  for (const worker of current.workers) void worker.terminate();
}

/**
 * The most threads any pass over the data has run on since the previous call, and starts
 * counting anew: 1 when every pass ran on the calling thread alone (threads 1, no
 * SharedArrayBuffer, or fewer chunks of rows than threads: dense X is cut into chunks of
 * 2048 rows). A diagnostic, for the thread count `fitInWorker` reports.
 * @internal
 * @returns an integer ≥ 1.
 * @example
 * ```ts
 * takePassThreads(); // start counting
 * model.fit(X, y);
 * console.log(`passes ran on up to ${takePassThreads()} threads`);
 * ```
 */
export function takePassThreads(): number {
  const widest = widestPass;
  widestPass = 1;
  return widest;
}

/** Number of worker threads running now (for tests and diagnostics). */
export function workerCount(): number {
  return pool?.workers.length ?? 0;
}
