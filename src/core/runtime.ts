/**
 * The one module that owns the WebAssembly instance and its linear memory.
 *
 * Everything else in `src/` reaches the core through here: it allocates and frees
 * buffers, and it hands out typed-array views of the memory. Views are rebuilt
 * whenever `memory.grow` has replaced the underlying `ArrayBuffer`, so a caller
 * that asks for a view after an allocation never holds a detached one.
 *
 * The module is compiled and instantiated synchronously from bytes inlined in
 * `bytes.generated.ts` (written by `scripts/embed-wasm.mjs`), so importing the
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
 * that return a pointer (`alloc`, `problemAddress`) return it as an unsigned number: see
 * {@link unsignedPointers}. The core's constants (the problem record's field offsets, the
 * layouts of X, the solvers, the status codes) are exported globals, read by name through
 * the index signature (src/core/problem.ts, src/core/solve.ts).
 */
export interface CoreExports extends Record<string, unknown> {
  readonly memory: WebAssembly.Memory;
  /** An unsigned byte offset, or 0 when memory cannot grow. */
  alloc(bytes: number): number;
  free(ptr: number): void;
  firstNonFinite(ptr: number, length: number): number;
  firstNonFinite32(ptr: number, length: number): number;
  decisionFunction(xPtr: number, rows: number, cols: number, blocks: number, paramsPtr: number, outPtr: number): void;
  sparseDecisionFunction(
    indptrPtr: number,
    indicesPtr: number,
    valuesPtr: number,
    float32: number,
    rows: number,
    cols: number,
    blocks: number,
    paramsPtr: number,
    outPtr: number,
  ): void;
  sigmoidInPlace(ptr: number, length: number): void;
  softmaxRows(ptr: number, rows: number, blocks: number): void;
  twoLaneInPlace(ptr: number, length: number, which: number): void;
  /** The unsigned byte offset of the problem record (see src/core/problem.ts). */
  problemAddress(): number;
  /** float64 values of the scratch block a solve with `solver` (a SOLVER_* constant) needs for the record's problem. */
  workLength(solver: number): number;
  /** Carves the record's scratch block for `solver`; after the inputs are written, before the solver runs. */
  prepareProblem(solver: number): void;
  /** Runs chunks first, first + stride, … of the record's current pass (a worker's share, or one chunk when stride is the chunk count). */
  runChunks(record: number, first: number, stride: number): void;
  /** Chunks of the record's current pass (its gradient/Hessian chunks, or an information pass's own). */
  passChunkCount(record: number): number;
  /** Passes over the rows since resetPassCounts, of the kind given by the core's PASS_GRADIENT or PASS_HESSIAN (a diagnostic: tests and the bench hold solvers to their passes per iteration). */
  passCount(kind: number): number;
  resetPassCounts(): void;
  setThreads(threads: number): void;
  smoothObjective(paramsPtr: number, gradPtr: number, withLoss: boolean, keepCurvature: boolean): number;
  hessianProduct(vPtr: number, outPtr: number): void;
  gradientDescent(paramsPtr: number, learningRate: number, maxIter: number, tol: number, lossPtr: number): number;
  lbfgs(paramsPtr: number, maxIter: number, tol: number): number;
  /** lbfgs driven by the host (assembly/solvers/lbfgs.ts): returns the first point to evaluate. */
  hostLbfgsStart(paramsPtr: number, maxIter: number, tol: number): number;
  /** Where the host writes Σsᵢ∇ℓᵢ at the point it was last given. */
  hostLbfgsGradient(): number;
  /** Takes Σsᵢℓᵢ at that point; returns the next point, or 0 when the solve has ended. */
  hostLbfgsResume(lossSum: number): number;
  /** Iterations made by the last host-driven solve, once it has ended. */
  hostIterations(): number;
  /** newtonCg driven by the host (assembly/solvers/newton-cg.ts): returns the first point to evaluate. */
  hostNewtonStart(paramsPtr: number, maxIter: number, tol: number): number;
  /** What the host owes for the address last returned: the core's HOST_GRADIENT or HOST_HESSIAN. */
  hostNewtonRequest(): number;
  /** Where the host writes what it owes. */
  hostNewtonBuffer(): number;
  /** The current iterate, where a Hessian request takes the Hessian. */
  hostNewtonPoint(): number;
  /** Takes the loss sum (gradient requests); returns the next address, or 0 when the solve has ended. */
  hostNewtonResume(lossSum: number): number;
  newtonCg(paramsPtr: number, maxIter: number, tol: number): number;
  newtonCd(paramsPtr: number, maxIter: number, tol: number): number;
  sgdEpoch(paramsPtr: number, orderPtr: number, count: number, batchSize: number, learningRate: number, withLoss: boolean): number;
  setReporting(on: boolean): void;
  solverStatus(): number;
  solverObjective(): number;
  solverGradNorm(): number;
  /** float64 values of scratch the information pass over the record's X needs (`second`: with the second matrix). */
  informationWorkLength(second: boolean): number;
  /** Σaᵢx̃ᵢx̃ᵢᵀ (and Σbᵢx̃ᵢx̃ᵢᵀ, Σcᵢx̃ᵢ when b, c ≠ 0) over the record's X into out (assembly/objective/information.ts). */
  informationPass(aPtr: number, bPtr: number, cPtr: number, outPtr: number): void;
  /** x̃ᵢᵀVx̃ᵢ for every row of the record's X; scratch holds cols float64 values. */
  rowQuadraticForms(vPtr: number, scratchPtr: number, outPtr: number): void;
  /** Σ_{i in g} rᵢx̃ᵢ per group over the record's X (groups × p). */
  groupSums(groupPtr: number, rPtr: number, groups: number, outPtr: number): void;
}

/** Receives `progress(iteration, objective, gradNorm)` calls from a running solver; returns false to stop it. */
export type ProgressListener = (iteration: number, objective: number, gradNorm: number) => boolean;

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
    progress: (iteration: number, objective: number, gradNorm: number): number =>
      progressListener === null || progressListener(iteration, objective, gradNorm) ? 1 : 0,
  },
};

const BYTES_PER_F64 = 8;
/**
 * The largest block that could ever be allocated: wasm32 addresses 4 GiB, and the first
 * 64 KiB page holds the module's static data. Anything larger is refused before it reaches
 * the allocator, whose page count for it would wrap around 2³².
 */
export const MAX_BLOCK_BYTES = 2 ** 32 - 2 ** 16;

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
  const { alloc, problemAddress } = exports;
  return {
    ...exports,
    alloc: (bytes: number): number => alloc(bytes) >>> 0,
    problemAddress: (): number => problemAddress() >>> 0,
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
  /** Blocks that belong to a JS object (see {@link Core.adopt}), by byte offset. */
  readonly #owned = new Map<number, OwnedBlock>();
  /**
   * Frees the block of an owner that was garbage-collected. The map entry must still be the
   * same object: if the block was freed meanwhile (and its address perhaps handed out
   * again), the entry is gone or another one, and the late callback must not free it.
   */
  readonly #collected = new FinalizationRegistry<OwnedBlock>((block) => {
    if (this.#owned.get(block.ptr) === block) this.free(block.ptr);
  });

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
   * Allocates room for `length` float64 values, 16-byte aligned. When the memory is full,
   * first frees the blocks of owners that are no longer reachable (see {@link Core.adopt}),
   * where the engine offers a synchronous garbage collection (Node), and tries again.
   * @returns the byte offset of the block.
   * @throws RangeError when the block cannot fit in wasm32's 4 GiB address space.
   */
  allocF64(length: number): number {
    const bytes = Math.max(length, 1) * BYTES_PER_F64;
    if (bytes > MAX_BLOCK_BYTES) {
      throw new RangeError(
        `cannot allocate ${length} float64 values (${bytes} bytes) in WebAssembly memory: wasm32 addresses 4 GiB at most; use dtype 'float32' or train in chunks with partialFit`,
      );
    }
    let ptr = this.#tryAlloc(bytes);
    const collect = ptr === 0 && this.#owned.size > 0 ? garbageCollector() : null;
    if (collect !== null && this.#reclaim(collect) > 0) ptr = this.#tryAlloc(bytes);
    if (ptr === 0) {
      let held = 0;
      for (const block of this.#owned.values()) held += block.bytes;
      const owners = `${this.#owned.size} Matrix.alloc matrices and fitted models not yet disposed hold ${gib(held)} of it`;
      const advice =
        this.#owned.size === 0
          ? "; use dtype 'float32' or train in chunks with partialFit"
          : collect !== null
            ? `: ${owners}; dispose() those you no longer need, use dtype 'float32', or train in chunks with partialFit`
            : `: ${owners}, and in this engine large blocks need dispose(): dropped ones are freed only when the garbage collector runs, which the library cannot start here and which WebAssembly memory does not prompt; dispose() them when done, use dtype 'float32', or train in chunks with partialFit`;
      throw new RangeError(
        `WebAssembly memory could not grow to hold ${length} float64 values (${bytes} bytes; ${gib(this.exports.memory.buffer.byteLength)} in use of 4 GiB)${advice}`,
      );
    }
    return ptr;
  }

  /** `alloc`, or 0 when the memory cannot grow (the allocator may also trap then). */
  #tryAlloc(bytes: number): number {
    try {
      return this.exports.alloc(bytes);
    } catch {
      return 0;
    }
  }

  /**
   * Ties the block at `ptr` (of `bytes` bytes) to `owner`: {@link Core.free} releases it as
   * usual, and once `owner` is garbage-collected it is freed too — by a FinalizationRegistry
   * eventually, or at once by an allocation that finds the memory full. The owner must be
   * reachable for as long as anything reads or writes the block.
   */
  adopt(owner: object, ptr: number, bytes: number): void {
    const block: OwnedBlock = { ptr, bytes, owner: new WeakRef(owner) };
    this.#owned.set(ptr, block);
    this.#collected.register(owner, block, block);
  }

  /**
   * Frees the blocks whose owners are unreachable, after a full collection; returns the
   * bytes freed. The FinalizationRegistry would free them too, but only in a later task,
   * and only once the engine collects: the owners are small JS objects, so a program that
   * drops many of them in a loop fills the WebAssembly memory long before that.
   */
  #reclaim(collect: () => void): number {
    collect();
    let freed = 0;
    for (const block of [...this.#owned.values()]) {
      if (block.owner.deref() !== undefined) continue;
      this.free(block.ptr);
      freed += block.bytes;
    }
    return freed;
  }

  /** Allocates room for `length` int32 values, 16-byte aligned; returns the byte offset. */
  allocI32(length: number): number {
    return this.allocF64(Math.ceil(length / 2));
  }

  /** Returns a block from {@link Core.allocF64} to the allocator (forgetting its owner, if it has one). */
  free(ptr: number): void {
    const block = this.#owned.get(ptr);
    if (block !== undefined) {
      this.#owned.delete(ptr);
      this.#collected.unregister(block);
    }
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

/** A block tied to a JS object by {@link Core.adopt}. */
interface OwnedBlock {
  readonly ptr: number;
  readonly bytes: number;
  readonly owner: WeakRef<object>;
}

/** `bytes` in GiB, for messages. */
function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}

interface NodeBuiltins {
  getBuiltinModule?: (id: string) => unknown;
}
interface NodeV8 {
  setFlagsFromString(flags: string): void;
}
interface NodeVm {
  runInNewContext(code: string): unknown;
  createContext(sandbox: object, options: { microtaskMode: 'afterEvaluate' }): object;
  runInContext(code: string, context: object): unknown;
}

/** {@link garbageCollector}'s result once looked up (undefined: not yet). */
let collector: (() => void) | null | undefined;

/**
 * A function that runs a full garbage collection synchronously and leaves every WeakRef to
 * an unreachable object empty, or null where the engine offers none (browsers).
 *
 * In Node the collector is V8's `gc`, exposed for one new context with `--expose-gc` (the
 * flag is switched off again at once); without a bundler-visible import, through
 * `process.getBuiltinModule`. A WeakRef created or dereferenced during the current job
 * keeps its target alive until the job ends (the spec's KeptAlive list), so owners made in
 * the same synchronous loop would survive the collection; V8 clears that list at every
 * microtask checkpoint, and evaluating code in a context with its own microtask queue
 * (`microtaskMode: 'afterEvaluate'`) runs one. That clears the list early for WeakRefs of
 * the application too, so this runs only when the memory is full.
 */
function garbageCollector(): (() => void) | null {
  if (collector !== undefined) return collector;
  collector = null;
  try {
    const builtins = (globalThis as { process?: NodeBuiltins }).process;
    const v8 = builtins?.getBuiltinModule?.('node:v8') as NodeV8 | undefined;
    const vm = builtins?.getBuiltinModule?.('node:vm') as NodeVm | undefined;
    if (v8 === undefined || vm === undefined) return null;
    let gc = (globalThis as { gc?: unknown }).gc;
    if (typeof gc !== 'function') {
      v8.setFlagsFromString('--expose-gc');
      try {
        gc = vm.runInNewContext('gc');
      } finally {
        v8.setFlagsFromString('--no-expose-gc');
      }
    }
    if (typeof gc !== 'function') return null;
    const full = gc as () => void;
    const checkpoint = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
    collector = (): void => {
      vm.runInContext('0', checkpoint);
      full();
    };
  } catch {
    collector = null;
  }
  return collector;
}

/**
 * A core of its own: the default build instantiated anew, with a memory, problem record and
 * solver state no other code touches. For a solve that spans awaits (the host-driven
 * solves of src/core/host-solve.ts), which must not hold the default core's one record
 * while fits run beside it. It runs on one thread.
 */
export function privateCore(): Core {
  const memory = sharedMemory === null ? {} : { env: { memory: new WebAssembly.Memory({ initial: 2, maximum: MAX_PAGES, shared: true }) } };
  const exports = instantiateSync<CoreExports>(module, { ...imports, ...memory }).exports;
  return new Core(unsignedPointers(exports as unknown as CoreExports));
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
/** {@link Core.adopt} of the default core. */
export const adoptBlock = (owner: object, ptr: number, bytes: number): void => defaultCore.adopt(owner, ptr, bytes);
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
