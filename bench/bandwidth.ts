/**
 * The read-bandwidth ceiling, measured in the same run as the rows it is compared with:
 * a tiny WebAssembly kernel of the bench's own (below; no change to src/ or assembly/)
 * sums a large, already-touched Float64Array in shared memory with four independent f64x2 accumulators, on 1 worker thread and on one worker
 * per core, each summing its own contiguous slice. The buffer is several times larger
 * than the last-level cache, so every pass streams from DRAM. Bandwidth = bytes read /
 * wall time of a pass (from posting the work to the last worker's answer, timed by
 * tinybench); the median of several passes after a warm-up pass is reported.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { Bench, type Statistics } from 'tinybench';
import { benchOptions, latencyOf, latencySamples, median } from './timing.js';
import { localGet as get, localSet as set, name, section, simd, u, vector } from './wasm-bytes.js';

/**
 * The kernel, assembled here byte by byte (so the bench needs no compiler at run time).
 * In WebAssembly text it is
 *
 *   (module
 *     (import "env" "memory" (memory 1 65536 shared))
 *     (func (export "sum") (param $p i32) (param $bytes i32) (result f64)
 *       (local $end i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
 *       (local.set $end (i32.add (local.get $p) (local.get $bytes)))
 *       (block (br_if 0 (i32.ge_u (local.get $p) (local.get $end)))
 *         (loop
 *           (local.set $a0 (f64x2.add (local.get $a0) (v128.load offset=0 (local.get $p))))
 *           (local.set $a1 (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $p))))
 *           (local.set $a2 (f64x2.add (local.get $a2) (v128.load offset=32 (local.get $p))))
 *           (local.set $a3 (f64x2.add (local.get $a3) (v128.load offset=48 (local.get $p))))
 *           (local.set $p (i32.add (local.get $p) (i32.const 64)))
 *           (br_if 0 (i32.lt_u (local.get $p) (local.get $end)))))
 *       ;; (a0 + a1) + (a2 + a3), then lane 0 + lane 1
 *       ...))
 *
 * four independent f64x2 accumulators, 64 bytes per step; `bytes` must be a multiple of 64.
 */
function kernelBytes(): Uint8Array<ArrayBuffer> {
  const [P, BYTES, END, A0] = [0, 1, 2, 3];
  const load = (offset: number): number[] => simd(0x00, 4, ...u(offset)); // v128.load align=16
  const F64X2_ADD = 0xf0;
  const accumulate = (k: number): number[] => [...get(A0 + k), ...get(P), ...load(16 * k), ...simd(F64X2_ADD), ...set(A0 + k)];
  const body = [
    ...vector([
      [1, 0x7f], // 1 × i32 ($end)
      [4, 0x7b], // 4 × v128 (the accumulators)
    ]),
    ...get(P), ...get(BYTES), 0x6a, ...set(END), // i32.add
    0x02, 0x40, // block
    ...get(P), ...get(END), 0x4f, 0x0d, 0, // i32.ge_u, br_if 0
    0x03, 0x40, // loop
    ...accumulate(0), ...accumulate(1), ...accumulate(2), ...accumulate(3),
    ...get(P), 0x41, 0xc0, 0x00, 0x6a, ...set(P), // p += 64 (i32.const takes signed LEB128: 64 is 0xc0 0x00)
    ...get(P), ...get(END), 0x49, 0x0d, 0, // i32.lt_u, br_if 0
    0x0b, 0x0b, // end loop, end block
    ...get(A0), ...get(A0 + 1), ...simd(F64X2_ADD), ...get(A0 + 2), ...get(A0 + 3), ...simd(F64X2_ADD), ...simd(F64X2_ADD),
    ...set(A0),
    ...get(A0), ...simd(0x21, 0), ...get(A0), ...simd(0x21, 1), 0xa0, // f64x2.extract_lane 0 + lane 1
    0x0b,
  ];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // \0asm, version 1
    ...section(1, vector([[0x60, ...vector([[0x7f], [0x7f]]), ...vector([[0x7c]])]])), // type: (i32, i32) → f64
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x03, ...u(1), ...u(65_536)]])), // shared memory import
    ...section(3, vector([[0]])), // function 0 has type 0
    ...section(7, vector([[...name('sum'), 0x00, 0]])), // export "sum" = function 0
    ...section(10, vector([[...u(body.length), ...body]])),
  ]);
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { module, memory } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error('abort'); } } });
const sum = instance.exports.sum;
parentPort.on('message', ({ ptr, bytes }) => {
  parentPort.postMessage(sum(ptr, bytes));
});
`;

/** Read bandwidth in bytes per second. */
export interface Bandwidth {
  readonly threads: number;
  /** Median over the timed passes, bytes/s. */
  readonly median: number;
  /** Best pass, bytes/s. */
  readonly best: number;
  readonly passes: number;
}

export interface BandwidthResult {
  readonly bufferBytes: number;
  readonly single: Bandwidth;
  readonly all: Bandwidth;
}

const PAGE = 65_536;
/** Data starts past the kernel's (empty) static area. */
const BASE = PAGE;

/**
 * Measures the read bandwidth with 1 thread and with `threads` threads over a buffer of
 * `megabytes` MiB, `passes` timed passes each after one warm-up pass.
 */
export async function measureBandwidth(threads: number, megabytes: number, passes: number): Promise<BandwidthResult> {
  const module = new WebAssembly.Module(kernelBytes());
  const bytes = megabytes * 1024 * 1024;
  const pages = Math.ceil((BASE + bytes) / PAGE);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  // Touch every page with non-zero values: untouched pages would all map to one zero page and be read from cache.
  new Float64Array(memory.buffer, BASE, bytes / 8).fill(1);
  const workers = Array.from(
    { length: threads },
    () => new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory }, execArgv: [] }),
  );
  // One pending request per worker at a time; a worker error fails it.
  const pending = new Map<Worker, { resolve: (sum: number) => void; reject: (error: unknown) => void }>();
  for (const worker of workers) {
    worker.on('message', (sum: number) => pending.get(worker)?.resolve(sum));
    worker.on('error', (error) => pending.get(worker)?.reject(error));
  }
  const ask = (worker: Worker, ptr: number, length: number): Promise<number> =>
    new Promise((resolve, reject) => {
      pending.set(worker, { resolve, reject });
      worker.postMessage({ ptr, bytes: length });
    });

  // Each pass is one iteration of a tinybench task (async: the timed window runs from posting
  // the work to the last worker's answer, plus a check of the sums, which is negligible next
  // to streaming megabytes); tinybench's warm-up makes the warm-up pass.
  const run = async (count: number): Promise<Bandwidth> => {
    // Slices are multiples of 64 bytes (the kernel's step).
    const slice = Math.floor(bytes / count / 64) * 64;
    const expected = (slice / 8) * count;
    const name = `read ${count} thread(s)`;
    const bench = new Bench(benchOptions(name, passes, 1));
    bench.add(
      name,
      async () => {
        const sums = await Promise.all(workers.slice(0, count).map((w, i) => ask(w, BASE + i * slice, slice)));
        const total = sums.reduce((a, b) => a + b, 0);
        if (total !== expected) throw new Error(`bandwidth kernel: sum ${total}, expected ${expected}`);
      },
      { async: true },
    );
    const [task] = await bench.run();
    const rates = latencySamples(task!)
      .map((ms) => (slice * count) / (ms / 1000))
      .sort((a, b) => a - b);
    return { threads: count, median: median(rates), best: rates[rates.length - 1]!, passes };
  };

  try {
    await Promise.all(workers.map((w) => ask(w, BASE, 64))); // instantiated and answering
    const single = await run(1);
    const all = await run(threads);
    return { bufferBytes: bytes, single, all };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

const SPIN_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.sqrt(i);
  parentPort.postMessage(s);
});
`;

/**
 * How many cores this process can use right now, on a machine others share: one worker
 * spins through a fixed amount of arithmetic, then `threads` workers each do the same at
 * once; the result is threads × t(1) / t(threads) — `threads` when every core is free, 1
 * when the others are all busy. Printed next to the multi-threaded rows.
 */
export class ParallelProbe {
  readonly #workers: Worker[];
  readonly #pending = new Map<Worker, { resolve: () => void; reject: (error: unknown) => void }>();

  constructor(readonly threads: number) {
    this.#workers = Array.from({ length: threads }, () => {
      const worker = new Worker(SPIN_SOURCE, { eval: true, execArgv: [] });
      worker.on('message', () => this.#pending.get(worker)?.resolve());
      worker.on('error', (error) => this.#pending.get(worker)?.reject(error));
      return worker;
    });
  }

  /** `count` workers each spin through `work` at once, `iterations` times, timed by tinybench; its latency statistics (ms). */
  async #run(count: number, work: number, iterations: number): Promise<Statistics> {
    const name = `probe, ${count} worker(s)`;
    const bench = new Bench(benchOptions(name, iterations));
    bench.add(
      name,
      () =>
        Promise.all(
          this.#workers.slice(0, count).map(
            (w) =>
              new Promise<void>((resolve, reject) => {
                this.#pending.set(w, { resolve, reject });
                w.postMessage(work);
              }),
          ),
        ),
      { async: true },
    );
    const [task] = await bench.run();
    return latencyOf(task!);
  }

  /** One measurement (about 0.2 s). */
  async measure(work = 2e7): Promise<number> {
    // The faster of two single runs: the first may still be warming up (or be interrupted).
    const one = (await this.#run(1, work, 2)).min;
    const all = (await this.#run(this.threads, work, 1)).mean; // one sample
    return (this.threads * one) / all;
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
