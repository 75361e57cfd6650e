/**
 * One worker thread of the pool (threads.ts): the control block both sides share, the
 * code each worker runs, and how a worker is started. Kept apart from the pool's logic
 * so that tests can start workers of their own making (e.g. ones that fail on purpose)
 * without any hook in the shipped code.
 * @module
 */

/** Slots of the control block (int32). */
export const CONTROL = {
  /** Bumped to start a pass. */
  generation: 0,
  /** Threads taking part in the pass (workers 1 … threads − 1). */
  threads: 1,
  /** Workers finished with the pass. */
  done: 2,
  /** Workers instantiated. */
  ready: 3,
  /** Set to make workers exit. */
  stop: 4,
  /** Index + 1 of a worker whose pass threw, or 0. */
  failed: 5,
  /** Byte offset of the core's problem record in the shared memory (int32 bits of an unsigned address). */
  record: 6,
  /** The next chunk of the pass to take: each thread takes chunks with Atomics.add until they run out. */
  next: 7,
  /** beat + i: chunks worker i has finished, ever (a heartbeat). */
  beat: 8,
} as const;

/** Workers a pool may have at most. */
export const MAX_WORKERS = 64;

/** finished + i: the last generation worker i completed. */
export const FINISHED = CONTROL.beat + MAX_WORKERS;

/** int32 slots of the control block. */
export const CONTROL_LENGTH = FINISHED + MAX_WORKERS;

/** Spins before sleeping, on both sides. */
export const SPINS = 20_000;

/** How long a worker may take to start or to show progress in a pass before it is taken for dead. */
export function pickUpDeadlineMs(): number {
  return 10_000;
}

/** What a worker receives when it starts. */
export interface WorkerData {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly control: SharedArrayBuffer;
  /** 1 … workers. */
  readonly index: number;
}

/** A started worker. */
export interface WorkerHandle {
  terminate(): unknown;
}

/**
 * The code each worker runs (plain JS, no imports: the same text serves Node and
 * browsers). The worker instantiates the core on the shared memory and, for every pass,
 * runs its share of the chunks of the problem record the control block names.
 */
export const WORKER_SOURCE = `
function run(data) {
  const { module, memory, control, index } = data;
  const c = new Int32Array(control);
  const fail = () => { throw new Error('logreg-wasm worker: unexpected call'); };
  const instance = new WebAssembly.Instance(module, {
    env: { memory, abort: fail },
    logreg: { progress: () => 1, parallel: fail },
  });
  const { runChunks, passChunkCount } = instance.exports;
  // Read the generation before announcing readiness: the caller may start a pass as soon
  // as it sees the count of ready workers, and that pass must look new to this worker.
  let seen = Atomics.load(c, ${CONTROL.generation});
  Atomics.add(c, ${CONTROL.ready}, 1);
  Atomics.notify(c, ${CONTROL.ready});
  for (;;) {
    for (let i = 0; i < ${SPINS} && Atomics.load(c, ${CONTROL.generation}) === seen; i++);
    while (Atomics.load(c, ${CONTROL.generation}) === seen) Atomics.wait(c, ${CONTROL.generation}, seen);
    seen = Atomics.load(c, ${CONTROL.generation});
    if (Atomics.load(c, ${CONTROL.stop}) !== 0) return;
    const threads = Atomics.load(c, ${CONTROL.threads});
    if (index >= threads) continue;
    try {
      // The control block stores the address as int32; addresses are unsigned.
      const record = Atomics.load(c, ${CONTROL.record}) >>> 0;
      const chunks = passChunkCount(record);
      for (let chunk = Atomics.add(c, ${CONTROL.next}, 1); chunk < chunks; chunk = Atomics.add(c, ${CONTROL.next}, 1)) {
        runChunks(record, chunk, chunks);
        Atomics.add(c, ${CONTROL.beat} + index, 1);
      }
    } catch (error) {
      Atomics.store(c, ${CONTROL.failed}, index + 1);
    }
    Atomics.store(c, ${FINISHED} + index, seen);
    Atomics.add(c, ${CONTROL.done}, 1);
    Atomics.notify(c, ${CONTROL.done});
  }
}
if (typeof require === 'function') run(require('node:worker_threads').workerData);
else self.onmessage = (event) => run(event.data);
`;

type NodeWorkerThreads = typeof import('node:worker_threads');

/** Node's worker_threads, or null outside Node. */
export function nodeWorkerThreads(): NodeWorkerThreads | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return (proc?.getBuiltinModule?.('node:worker_threads') as NodeWorkerThreads | undefined) ?? null;
}

/** Starts a worker running `source` (by default {@link WORKER_SOURCE}) with `data`. */
export function spawnWorker(data: WorkerData, source: string = WORKER_SOURCE): WorkerHandle {
  const threadsModule = nodeWorkerThreads();
  if (threadsModule !== null) {
    // execArgv: [] — the worker is plain JS; inherited flags such as a loader (`--import
    // tsx`) would make it wait on the main thread, which is blocked until it is ready.
    const worker = new threadsModule.Worker(source, { eval: true, workerData: data, execArgv: [] });
    worker.unref();
    return worker;
  }
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url);
  worker.postMessage(data);
  return worker;
}
