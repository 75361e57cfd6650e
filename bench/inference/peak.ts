/**
 * The machine's arithmetic peak for WebAssembly SIMD without FMA, measured in the same run
 * as the information-matrix pass it is compared with: a tiny module of the bench's own,
 * assembled here byte by byte (no compiler at run time, no change to src/ or assembly/), whose
 * loop keeps {@link CHAINS} independent f64x2 accumulators busy with `a ← a·m + c`
 * (`f64x2.mul` then `f64x2.add`: no fused multiply-add exists in WebAssembly SIMD, and the
 * relaxed-SIMD `f64x2.relaxed_madd` is not what the core's standard build runs). Each
 * iteration does CHAINS mul+add pairs on two lanes: 4 flops per pair.
 *
 * Why 12 chains: a chain's mul feeds its add, so one chain issues a pair every
 * (mul latency + add latency) cycles, ~6–8 on current x86 cores; with two multiply and two
 * add pipes the loop needs about 2 × that many chains in flight to fill them. 12 (the brief's
 * upper end; the kernel has 16 SIMD registers to work with on x86-64 and uses 14) keeps the
 * pipes full on the cores tried without spilling.
 *
 * One thread runs on the main thread; `threads` at once run in worker threads (each its own
 * instance of the same module, no shared memory: the kernel touches no memory at all). A
 * measurement is one call of about {@link TARGET_SECONDS} (the iteration count is calibrated
 * once), timed by tinybench; the result is flops / wall time.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { Bench } from 'tinybench';
import { benchOptions, latencySamples } from '../timing.js';
import { localGet as get, localSet as set, name, section, simd, u, vector } from '../wasm-bytes.js';

/** Independent accumulators in the loop (see the module comment). */
export const CHAINS = 12;
/** Flops per loop iteration: CHAINS pairs of (f64x2.mul, f64x2.add), 2 lanes each. */
export const FLOPS_PER_ITERATION = CHAINS * 4;
/** Wall time of one measurement, s. */
export const TARGET_SECONDS = 0.2;

/** Multiplier and addend of `a ← a·m + c`: |m| < 1 keeps every accumulator bounded (it tends to c / (1 − m)) and far from denormals. */
const M = 0.999_999;
const C = 1e-3;

/**
 * The module, in WebAssembly text:
 *
 *   (module
 *     (func (export "peak") (param $n i32) (param $m f64) (param $c f64) (result f64)
 *       (local $vm v128) (local $vc v128) (local $a0 v128) … (local $a11 v128)
 *       (local.set $vm (f64x2.splat (local.get $m)))
 *       (local.set $vc (f64x2.splat (local.get $c)))
 *       (block (br_if 0 (i32.eqz (local.get $n)))
 *         (loop
 *           (local.set $a0 (f64x2.add (f64x2.mul (local.get $a0) (local.get $vm)) (local.get $vc)))
 *           …  ;; the same for $a1 … $a11
 *           (local.set $n (i32.sub (local.get $n) (i32.const 1)))
 *           (br_if 0 (local.get $n))))
 *       ;; every accumulator summed into $a0, then lane 0 + lane 1, so no chain is dead code
 *       ...))
 *
 * Accumulators start at zero (locals are zero-initialised).
 */
export function peakModuleBytes(chains: number = CHAINS): Uint8Array<ArrayBuffer> {
  const [N, MUL, ADD, VM, VC, A0] = [0, 1, 2, 3, 4, 5];
  const [F64X2_SPLAT, F64X2_EXTRACT_LANE, F64X2_ADD, F64X2_MUL] = [0x14, 0x21, 0xf0, 0xf2];
  const step = (k: number): number[] => [...get(A0 + k), ...get(VM), ...simd(F64X2_MUL), ...get(VC), ...simd(F64X2_ADD), ...set(A0 + k)];
  const fold: number[] = [];
  for (let k = 1; k < chains; k++) fold.push(...get(A0), ...get(A0 + k), ...simd(F64X2_ADD), ...set(A0));
  const body = [
    ...vector([[2 + chains, 0x7b]]), // v128 locals: $vm, $vc, the accumulators
    ...get(MUL), ...simd(F64X2_SPLAT), ...set(VM),
    ...get(ADD), ...simd(F64X2_SPLAT), ...set(VC),
    0x02, 0x40, // block
    ...get(N), 0x45, 0x0d, 0, // i32.eqz, br_if 0
    0x03, 0x40, // loop
    ...Array.from({ length: chains }, (_, k) => step(k)).flat(),
    ...get(N), 0x41, 0x01, 0x6b, ...set(N), // n -= 1 (i32.const 1, i32.sub)
    ...get(N), 0x0d, 0, // br_if 0 while n ≠ 0
    0x0b, 0x0b, // end loop, end block
    ...fold,
    ...get(A0), ...simd(F64X2_EXTRACT_LANE, 0), ...get(A0), ...simd(F64X2_EXTRACT_LANE, 1), 0xa0, // f64.add
    0x0b,
  ];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // \0asm, version 1
    ...section(1, vector([[0x60, ...vector([[0x7f], [0x7c], [0x7c]]), ...vector([[0x7c]])]])), // type: (i32, f64, f64) → f64
    ...section(3, vector([[0]])), // function 0 has type 0
    ...section(7, vector([[...name('peak'), 0x00, 0]])), // export "peak" = function 0
    ...section(10, vector([[...u(body.length), ...body]])),
  ]);
}

type PeakFn = (n: number, m: number, c: number) => number;

/** What `peak(n)` must return: every chain holds the n-th iterate of a ← a·m + c from 0, i.e. c·(1 − mⁿ)/(1 − m), on both lanes. */
function expected(n: number, chains: number): number {
  let a = 0;
  // Closed forms round differently from the loop; iterate as the kernel does when n is small, else allow a relative slack.
  if (n <= 1_000) {
    for (let i = 0; i < n; i++) a = a * M + C;
    return 2 * chains * a;
  }
  return (2 * chains * C * (1 - M ** n)) / (1 - M);
}

function check(result: number, n: number, chains: number): void {
  const want = expected(n, chains);
  if (!(Math.abs(result - want) <= 1e-6 * Math.abs(want))) throw new Error(`peak kernel: peak(${n}) returned ${result}, expected ${want}`);
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const peak = new WebAssembly.Instance(workerData.module, {}).exports.peak;
parentPort.on('message', ({ n, m, c }) => parentPort.postMessage(peak(n, m, c)));
`;

/** GFLOP/s of one timed measurement series. */
export interface PeakSeries {
  readonly threads: number;
  /** GFLOP/s per timed call (ascending). */
  readonly samples: number[];
}

/**
 * The peak kernel, compiled once, runnable on the main thread (1 thread) and in `threads`
 * worker threads at once. Call {@link PeakMeter.calibrate} before measuring, and
 * {@link PeakMeter.close} when done.
 */
export class PeakMeter {
  readonly module: WebAssembly.Module;
  readonly #peak: PeakFn;
  readonly #workers: Worker[];
  readonly #pending = new Map<Worker, { resolve: (value: number) => void; reject: (error: unknown) => void }>();
  /** Loop iterations per call (about TARGET_SECONDS on one thread). */
  iterations = 0;

  constructor(readonly threads: number) {
    const bytes = peakModuleBytes();
    if (!WebAssembly.validate(bytes)) throw new Error('peak kernel: the hand-assembled module does not validate');
    this.module = new WebAssembly.Module(bytes);
    this.#peak = new WebAssembly.Instance(this.module, {}).exports['peak'] as PeakFn;
    check(this.#peak(3, M, C), 3, CHAINS);
    this.#workers =
      threads < 2
        ? []
        : Array.from({ length: threads }, () => {
            const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: this.module }, execArgv: [] });
            worker.on('message', (value: number) => this.#pending.get(worker)?.resolve(value));
            worker.on('error', (error) => this.#pending.get(worker)?.reject(error));
            return worker;
          });
  }

  #ask(worker: Worker, n: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#pending.set(worker, { resolve, reject });
      worker.postMessage({ n, m: M, c: C });
    });
  }

  /** Chooses `iterations` so that one call takes about `seconds` on this thread (after the JIT's tiers are up). */
  calibrate(seconds: number = TARGET_SECONDS): void {
    let n = 1 << 16;
    for (;;) {
      const t = performance.now();
      this.#peak(n, M, C);
      const ms = performance.now() - t;
      if (ms >= 20 || n >= 1 << 30) {
        this.iterations = Math.max(1, Math.min(2 ** 31 - 1, Math.round((n * seconds * 1000) / ms)));
        return;
      }
      n *= 4;
    }
  }

  /** One call on the main thread; flops and its result checked. */
  runOne(): void {
    check(this.#peak(this.iterations, M, C), this.iterations, CHAINS);
  }

  /** One call in each worker at once (resolves when the last answers). */
  async runAll(): Promise<void> {
    const results = await Promise.all(this.#workers.map((w) => this.#ask(w, this.iterations)));
    for (const r of results) check(r, this.iterations, CHAINS);
  }

  /** Flops of one call on one thread. */
  get flopsPerCall(): number {
    return this.iterations * FLOPS_PER_ITERATION;
  }

  /** `calls` timed calls on one thread (and then on every worker at once when threads > 1), after one untimed call each. */
  async measure(calls: number): Promise<{ single: PeakSeries; all: PeakSeries | null }> {
    if (this.iterations === 0) this.calibrate();
    const bench = new Bench(benchOptions('peak', calls, 1));
    bench.add('1 thread', () => this.runOne());
    if (this.#workers.length > 0) bench.add(`${this.threads} threads`, () => this.runAll(), { async: true });
    const tasks = await bench.run();
    const gflops = (ms: number, threads: number): number => (threads * this.flopsPerCall) / (ms / 1000) / 1e9;
    const single = { threads: 1, samples: latencySamples(tasks[0]!).map((ms) => gflops(ms, 1)) };
    const all = tasks[1] === undefined ? null : { threads: this.threads, samples: latencySamples(tasks[1]).map((ms) => gflops(ms, this.threads)) };
    return { single, all };
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
