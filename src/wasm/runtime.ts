/**
 * The one module that owns the WebAssembly instance and its linear memory.
 *
 * Everything else in `src/` reaches the core through here: it allocates and frees
 * buffers, and it hands out typed-array views of the memory. Views are rebuilt
 * whenever `memory.grow` has replaced the underlying `ArrayBuffer`, so a caller
 * that asks for a view after an allocation never holds a detached one.
 *
 * The module is compiled and instantiated synchronously from bytes inlined in
 * `bytes.generated.ts` (written by `tools/embed-wasm.mjs`), so importing the
 * package is all the set-up a consumer needs. Where SharedArrayBuffer is available
 * (Node, and cross-origin-isolated pages) the build that imports a shared memory is
 * used, so worker threads can run the same module on the same data; elsewhere the
 * build with a memory of its own.
 * @module
 */
import { instantiateSync } from '@assemblyscript/loader';
import { singleThreadBytes, threadsBytes } from './bytes.generated.js';
import { registeredRelaxedBytes, relaxedSimdAvailable } from './relaxed-registry.js';

/**
 * Exports of `assembly/index.ts`; pointers are byte offsets into `memory`. The exports
 * that return a pointer (`alloc`, `jobAddress`) return it as an unsigned number: see
 * {@link unsignedPointers}.
 */
export interface CoreExports extends Record<string, unknown> {
  readonly memory: WebAssembly.Memory;
  /** An unsigned byte offset, or 0 when memory cannot grow. */
  alloc(bytes: number): number;
  free(ptr: number): void;
  firstNonFinite(ptr: number, length: number): number;
  firstNonFinite32(ptr: number, length: number): number;
  decisionFunction(xPtr: number, rows: number, cols: number, blocks: number, paramsPtr: number, outPtr: number): void;
  sigmoidInPlace(ptr: number, length: number): void;
  softmaxRows(ptr: number, rows: number, classes: number): void;
  twoLaneInPlace(ptr: number, length: number, which: number): void;
  configureProblem(
    xPtr: number,
    yPtr: number,
    weightsPtr: number,
    rows: number,
    cols: number,
    blocks: number,
    weightSum: number,
    l2: number,
    l1: number,
    fitIntercept: boolean,
    curvaturePtr: number,
    scratchPtr: number,
    partialsPtr: number,
    float32: boolean,
    roundedPtr: number,
  ): void;
  partialsLength(rows: number, cols: number, classes: number): number;
  chunkCount(rows: number): number;
  runChunks(job: number, first: number, stride: number): void;
  /** An unsigned byte offset. */
  jobAddress(): number;
  setThreads(threads: number): void;
  smoothObjective(paramsPtr: number, gradPtr: number, withLoss: boolean, keepCurvature: boolean): number;
  hessianProduct(vPtr: number, outPtr: number): void;
  gradientDescent(paramsPtr: number, learningRate: number, maxIter: number, tol: number, lossPtr: number, workPtr: number): number;
  lbfgs(paramsPtr: number, maxIter: number, tol: number, memory: number, workPtr: number): number;
  newtonCg(paramsPtr: number, maxIter: number, tol: number, maxInner: number, workPtr: number): number;
  sgdEpoch(
    paramsPtr: number,
    orderPtr: number,
    count: number,
    batchSize: number,
    learningRate: number,
    withLoss: boolean,
    workPtr: number,
  ): number;
  setReporting(on: boolean): void;
  solverStatus(): number;
  solverObjective(): number;
  solverGradientMax(): number;
}

/** Receives `progress(iteration, objective, gradientMax)` calls from a running solver; returns false to stop it. */
export type ProgressListener = (iteration: number, objective: number, gradientMax: number) => boolean;

let progressListener: ProgressListener | null = null;
let parallelRunner: ((threads: number) => void) | null = null;

/** Installs what runs a pass on several threads (the worker pool), or null. */
export function setParallelRunner(runner: ((threads: number) => void) | null): void {
  parallelRunner = runner;
}

/** Routes the progress reports of solvers running in `target` to `listener` (null: reports are switched off). */
export function setProgressListener(listener: ProgressListener | null, target: CoreExports = core): void {
  progressListener = listener;
  target.setReporting(listener !== null);
}

const imports = {
  logreg: {
    parallel: (threads: number): void => {
      if (parallelRunner === null) throw new Error('logreg-wasm: a parallel pass was requested but no worker pool is running');
      parallelRunner(threads);
    },
    progress: (iteration: number, objective: number, gradientMax: number): number =>
      progressListener === null || progressListener(iteration, objective, gradientMax) ? 1 : 0,
  },
};

const BYTES_PER_F64 = 8;
/** wasm32 addresses 4 GiB; one allocation can never be larger than that. */
const MAX_BYTES = 2 ** 32;

/** wasm32 pages of 64 KiB: the most a memory can have. */
const MAX_PAGES = 65536;

/** A shared memory for the threads build, or null where SharedArrayBuffer is unavailable. */
function createSharedMemory(): WebAssembly.Memory | null {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  if (typeof SharedArrayBuffer !== 'function' || isolated === false) return null;
  try {
    return new WebAssembly.Memory({ initial: 2, maximum: MAX_PAGES, shared: true });
  } catch {
    return null; // e.g. a browser that cannot reserve 4 GiB: fall back to one thread
  }
}

/** The shared memory, when the threads build is in use; workers instantiate `module` on it. */
export const sharedMemory: WebAssembly.Memory | null = createSharedMemory();

/** The compiled core; worker threads instantiate it too (threads build only). */
export const module: WebAssembly.Module = new WebAssembly.Module(
  (sharedMemory === null ? singleThreadBytes() : threadsBytes()) as BufferSource,
);

/**
 * The exports with every returned pointer read as unsigned. WebAssembly has no unsigned
 * i32, so JS receives an i32 result as a signed number: an address from 2 GiB up would
 * arrive negative, and a typed array built from it would point back from the end of
 * memory, onto other blocks. This is the one place where a pointer crosses from
 * WebAssembly to JS; pointers going the other way need nothing, since an argument is
 * converted to i32 modulo 2³².
 */
function unsignedPointers(exports: CoreExports): CoreExports {
  const { alloc, jobAddress } = exports;
  return {
    ...exports,
    alloc: (bytes: number): number => alloc(bytes) >>> 0,
    jobAddress: (): number => jobAddress() >>> 0,
  };
}

/** The instantiated core. */
export const core: CoreExports = unsignedPointers(
  instantiateSync<CoreExports>(module, {
    ...imports,
    ...(sharedMemory === null ? {} : { env: { memory: sharedMemory } }),
  }).exports as unknown as CoreExports,
);

/**
 * One instantiated core and typed-array views of its memory, rebuilt whenever
 * `memory.grow` has replaced the underlying `ArrayBuffer`. Pointers are byte offsets into
 * this core's memory and mean nothing to another core.
 */
export class Core {
  readonly exports: CoreExports;
  #f64: Float64Array;

  constructor(exports: CoreExports) {
    this.exports = exports;
    this.#f64 = new Float64Array(exports.memory.buffer);
  }

  /** A Float64Array over the whole linear memory, valid until the next allocation. */
  memoryF64(): Float64Array {
    const buffer = this.exports.memory.buffer;
    if (this.#f64.buffer !== buffer) this.#f64 = new Float64Array(buffer);
    return this.#f64;
  }

  /**
   * Allocates room for `length` float64 values, 16-byte aligned.
   * @returns the byte offset of the block.
   * @throws RangeError when the block cannot fit in wasm32's 4 GiB address space.
   */
  allocF64(length: number): number {
    const bytes = Math.max(length, 1) * BYTES_PER_F64;
    if (bytes >= MAX_BYTES) {
      throw new RangeError(
        `cannot allocate ${length} float64 values (${bytes} bytes) in WebAssembly memory: wasm32 addresses 4 GiB at most; use dtype 'float32' or train in chunks with partialFit`,
      );
    }
    let ptr = 0;
    try {
      ptr = this.exports.alloc(bytes);
    } catch {
      ptr = 0;
    }
    if (ptr === 0) {
      throw new RangeError(
        `WebAssembly memory could not grow to hold ${length} float64 values (${bytes} bytes; ${(this.exports.memory.buffer.byteLength / 2 ** 30).toFixed(2)} GiB in use of 4 GiB); use dtype 'float32' or train in chunks with partialFit`,
      );
    }
    return ptr;
  }

  /** Allocates room for `length` int32 values, 16-byte aligned; returns the byte offset. */
  allocI32(length: number): number {
    return this.allocF64(Math.ceil(length / 2));
  }

  /** Returns a block from {@link Core.allocF64} to the allocator. */
  free(ptr: number): void {
    this.exports.free(ptr);
  }

  /** A view of `length` float64 values at byte offset `ptr`, valid until the next allocation. */
  viewF64(ptr: number, length: number): Float64Array {
    return this.memoryF64().subarray(ptr / BYTES_PER_F64, ptr / BYTES_PER_F64 + length);
  }

  /** A view of `length` float32 values at byte offset `ptr`, valid until the next allocation. */
  viewF32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.exports.memory.buffer, ptr, length);
  }

  /** A view of `length` int32 values at byte offset `ptr`, valid until the next allocation. */
  viewI32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.exports.memory.buffer, ptr, length);
  }

  /** Copies `values` into a fresh block and returns its byte offset. */
  copyIn(values: ArrayLike<number>): number {
    const ptr = this.allocF64(values.length);
    this.memoryF64().set(values, ptr / BYTES_PER_F64);
    return ptr;
  }

  /** Copies `bytes` bytes at `ptr` in another core's memory into a fresh block of this one; returns its offset. */
  copyFrom(source: Core, ptr: number, bytes: number): number {
    const target = this.allocF64(Math.ceil(bytes / BYTES_PER_F64));
    new Uint8Array(this.exports.memory.buffer, target, bytes).set(new Uint8Array(source.exports.memory.buffer, ptr, bytes));
    return target;
  }
}

/** The core every model predicts with and trains with by default. */
export const defaultCore = new Core(core);

// The default core's helpers as plain functions, for the modules that only ever use it.

/** {@link Core.memoryF64} of the default core. */
export const memoryF64 = (): Float64Array => defaultCore.memoryF64();
/** {@link Core.allocF64} of the default core. */
export const allocF64 = (length: number): number => defaultCore.allocF64(length);
/** {@link Core.free} of the default core. */
export const free = (ptr: number): void => defaultCore.free(ptr);
/** {@link Core.viewF64} of the default core. */
export const viewF64 = (ptr: number, length: number): Float64Array => defaultCore.viewF64(ptr, length);
/** {@link Core.viewF32} of the default core. */
export const viewF32 = (ptr: number, length: number): Float32Array => defaultCore.viewF32(ptr, length);
/** {@link Core.copyIn} of the default core. */
export const copyIn = (values: ArrayLike<number>): number => defaultCore.copyIn(values);

// ---------------------------------------------------------------------------------------
// The relaxed-SIMD core: opt-in (LogisticRegression's `simd: 'relaxed'`), because its
// fused multiply-adds round differently from the default build and from host to host.
// Its bytes live in the `logreg-wasm/relaxed-simd` entry, so applications that never ask
// for it do not download them; it has a memory of its own and runs on one thread.

let relaxed: Core | null = null;

/**
 * The relaxed-SIMD core, instantiated on first use.
 * @throws Error when the `logreg-wasm/relaxed-simd` entry was not imported, or when this
 * engine does not support relaxed SIMD.
 */
export function relaxedCore(): Core {
  if (relaxed !== null) return relaxed;
  const bytes = registeredRelaxedBytes();
  if (bytes === null) {
    throw new Error(
      "simd 'relaxed' needs the relaxed-SIMD build: import 'logreg-wasm/relaxed-simd' once before fitting (it is a separate entry so that applications which do not use it do not load it)",
    );
  }
  if (!relaxedSimdAvailable()) {
    throw new Error(
      "simd 'relaxed': this WebAssembly engine does not support relaxed SIMD (WebAssembly.validate rejected the build; Node 20 needs the flag --experimental-wasm-relaxed-simd); use the default simd 'standard'",
    );
  }
  const exports = instantiateSync<CoreExports>(new WebAssembly.Module(bytes() as BufferSource), imports).exports;
  relaxed = new Core(unsignedPointers(exports as unknown as CoreExports));
  return relaxed;
}
