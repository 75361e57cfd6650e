/**
 * Worker threads that share the core's memory: started once, reused by every fit, and
 * woken for each parallel pass through a small control block of int32 counters.
 *
 * Each worker instantiates the same compiled module on the same shared memory and runs
 * `runChunks(index, threads)` for every pass; the calling thread runs chunk set 0 itself.
 * Passes are split into fixed chunks whose sums are added in chunk order (see
 * assembly/objective/chunks.ts), so results do not depend on the number of threads.
 * Workers spin briefly, then sleep in `Atomics.wait`. In Node they never keep the process
 * alive (`unref`); `terminateWorkers()` stops them.
 * @module
 */
import { core, module, setParallelRunner, sharedMemory } from './runtime.js';

// Control block, int32 slots.
const GENERATION = 0; // bumped to start a pass
const THREADS = 1; // threads taking part in the pass (workers 1 … THREADS − 1)
const DONE = 2; // workers finished with the pass
const READY = 3; // workers instantiated
const STOP = 4; // set to make workers exit
const FAILED = 5; // index + 1 of a worker whose pass threw, or 0
const FAIL_NEXT = 6; // testing: the next worker to pick up a pass throws instead
const JOB = 7; // byte offset of the pass's job block in the shared memory (int32 bits of an unsigned address)
const MAX_WORKERS = 64;
const BEAT = 8; // BEAT + i: chunks worker i has finished, ever (a heartbeat)
const FINISHED = BEAT + MAX_WORKERS; // FINISHED + i: the last generation worker i completed
const CONTROL_LENGTH = FINISHED + MAX_WORKERS;

/** How long a worker may take to pick up a pass before it is taken for dead. */
let pickUpDeadlineMs = 10_000;
/** Spins before sleeping, on both sides. */
const SPINS = 20_000;

/** The code each worker runs (plain JS, no imports: the same text serves Node and browsers). */
const WORKER_SOURCE = `
function run(data) {
  const { module, memory, control, index } = data;
  const c = new Int32Array(control);
  const fail = () => { throw new Error('logreg-wasm worker: unexpected call'); };
  const instance = new WebAssembly.Instance(module, {
    env: { memory, abort: fail },
    logreg: { progress: () => 1, parallel: fail },
  });
  const { runChunks, jobChunkCount } = instance.exports;
  // Read the generation before announcing readiness: the caller may start a pass as soon
  // as it sees READY, and that pass must look new to this worker.
  let seen = Atomics.load(c, ${GENERATION});
  Atomics.add(c, ${READY}, 1);
  Atomics.notify(c, ${READY});
  for (;;) {
    for (let i = 0; i < ${SPINS} && Atomics.load(c, ${GENERATION}) === seen; i++);
    while (Atomics.load(c, ${GENERATION}) === seen) Atomics.wait(c, ${GENERATION}, seen);
    seen = Atomics.load(c, ${GENERATION});
    if (Atomics.load(c, ${STOP}) !== 0) return;
    const threads = Atomics.load(c, ${THREADS});
    if (index >= threads) continue;
    try {
      if (Atomics.exchange(c, ${FAIL_NEXT}, 0) !== 0) throw new Error('failure requested by a test');
      // The control block stores the address as int32; addresses are unsigned.
      const job = Atomics.load(c, ${JOB}) >>> 0;
      const chunks = jobChunkCount(job);
      for (let chunk = index; chunk < chunks; chunk += threads) {
        runChunks(job, chunk, chunks);
        Atomics.add(c, ${BEAT} + index, 1);
      }
    } catch (error) {
      Atomics.store(c, ${FAILED}, index + 1);
    }
    Atomics.store(c, ${FINISHED} + index, seen);
    Atomics.add(c, ${DONE}, 1);
    Atomics.notify(c, ${DONE});
  }
}
if (typeof require === 'function') run(require('node:worker_threads').workerData);
else self.onmessage = (event) => run(event.data);
`;

interface WorkerHandle {
  terminate(): unknown;
}

interface Pool {
  readonly control: Int32Array;
  readonly workers: WorkerHandle[];
}

let pool: Pool | null = null;
let warnedNoThreads = false;

type NodeWorkerThreads = typeof import('node:worker_threads');

function nodeWorkerThreads(): NodeWorkerThreads | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return (proc?.getBuiltinModule?.('node:worker_threads') as NodeWorkerThreads | undefined) ?? null;
}

/** True when this thread may block in Atomics.wait (Node's main thread, any worker; not a browser page). */
const canBlock: boolean = (() => {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
})();

/** Cores this machine offers. */
export function availableCores(): number {
  const os = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
    'node:os',
  ) as { availableParallelism?: () => number } | undefined;
  const cores = os?.availableParallelism?.() ?? (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return Math.max(1, Math.min(MAX_WORKERS, cores ?? 1));
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
  const deadline = Date.now() + pickUpDeadlineMs;
  while (Atomics.load(pool.control, READY) < threads - 1) {
    if (Date.now() > deadline) {
      terminateWorkers();
      throw new Error(`logreg-wasm: worker threads did not start within ${pickUpDeadlineMs / 1000} s`);
    }
    Atomics.wait(pool.control, READY, Atomics.load(pool.control, READY), 50);
  }
  return threads;
}

function startPool(count: number): Pool {
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_LENGTH));
  const workers: WorkerHandle[] = [];
  const threadsModule = nodeWorkerThreads();
  for (let index = 1; index <= count; index++) {
    const data = { module, memory: sharedMemory, control: control.buffer, index };
    if (threadsModule !== null) {
      // execArgv: [] — the worker is plain JS; inherited flags such as a loader (`--import
      // tsx`) would make it wait on the main thread, which is blocked until it is ready.
      const worker = new threadsModule.Worker(WORKER_SOURCE, { eval: true, workerData: data, execArgv: [] });
      worker.unref();
      workers.push(worker);
    } else {
      const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
      const worker = new Worker(url);
      worker.postMessage(data);
      workers.push(worker);
    }
  }
  const created: Pool = { control, workers };
  setParallelRunner((threads) => runParallel(created, threads));
  return created;
}

/** One parallel pass: wake the workers, do chunk set 0 here, wait for the rest. */
function runParallel(current: Pool, threads: number): void {
  const c = current.control;
  Atomics.store(c, DONE, 0);
  Atomics.store(c, FAILED, 0);
  Atomics.store(c, THREADS, threads);
  Atomics.store(c, JOB, core.jobAddress());
  const generation = Atomics.add(c, GENERATION, 1) + 1;
  Atomics.notify(c, GENERATION);
  try {
    core.runChunks(core.jobAddress(), 0, threads);
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
 * not picked the pass up, or finished no chunk) for `pickUpDeadlineMs` is taken for dead:
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
    if (Date.now() - lastSign > pickUpDeadlineMs) {
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
 * workers already running, so await this first to train on every core from the start.
 * @param threads threads a fit will use (the caller's thread counts as one).
 * @default threads every available core
 * @returns the number of threads available (1 where SharedArrayBuffer is missing).
 * @example
 * ```ts
 * await startWorkers(); // e.g. in a Web Worker, before fitting with threads: 'auto'
 * ```
 */
export async function startWorkers(threads: number = availableCores()): Promise<number> {
  if (threads <= 1 || sharedMemory === null) return 1;
  if (pool !== null && pool.workers.length < threads - 1) terminateWorkers();
  if (pool === null) pool = startPool(threads - 1);
  const current = pool;
  const deadline = Date.now() + pickUpDeadlineMs;
  while (Atomics.load(current.control, READY) < threads - 1) {
    if (Date.now() > deadline) {
      terminateWorkers();
      throw new Error(`logreg-wasm: worker threads did not start within ${pickUpDeadlineMs / 1000} s`);
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

/** @internal Testing: make the next worker that picks up a pass fail, and how long to wait for a dead one. */
export function injectFaultsForTesting(options: { failNextPass?: boolean; pickUpDeadlineMs?: number }): void {
  if (options.pickUpDeadlineMs !== undefined) pickUpDeadlineMs = options.pickUpDeadlineMs;
  if (options.failNextPass === true && pool !== null) Atomics.store(pool.control, FAIL_NEXT, 1);
}

/** @internal The worker handles, for tests that kill one. */
export function workersForTesting(): readonly WorkerHandle[] {
  return pool?.workers ?? [];
}

/** Number of worker threads running now (for tests and diagnostics). */
export function workerCount(): number {
  return pool?.workers.length ?? 0;
}
