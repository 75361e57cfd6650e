/**
 * The race's worker (started by race.ts, one per race, terminated to cancel): full-batch
 * gradient descent on the run's training data, the same number of iterations in every
 * lane — the plain-JS baseline, the WebAssembly core on one thread, and on several — one
 * lane after another (lanes running at once would share the cores), each repeated.
 * @module
 */
import { LogisticRegression, Matrix, gradientDescentBaseline, startWorkers, takePassThreads } from 'logreg-wasm';

/** The lanes, in the order they run. */
export type LaneKey = 'js' | 'wasm-1' | 'wasm-n';

/** What the page sends: X row-major (rows × cols), labels 0/1, and how to race. */
export interface RaceRequest {
  X: Float64Array;
  rows: number;
  cols: number;
  y: Float64Array;
  learningRate: number;
  /** Threads of the third lane (≥ 2), or 1 for no third lane. */
  threads: number;
  /** Timed repeats of each lane at least; a fast lane repeats more, up to {@link MAX_REPEATS}, to run about `laneMs` in all. */
  repeats: number;
  /** Aimed-at milliseconds of a whole lane. */
  laneMs: number;
  /** Aimed-at milliseconds of one repeat of the slowest lane (the plain-JS loop). */
  targetMs: number;
}

export type RaceReply =
  /** The iterations every repeat runs, and the lanes that will run. */
  | { type: 'plan'; iterations: number; lanes: LaneKey[]; threadsStarted: number }
  | { type: 'repeat-start'; lane: LaneKey; repeat: number }
  /** One timed repeat of `repeats`: its milliseconds, and the most threads one of its passes ran on. */
  | { type: 'repeat'; lane: LaneKey; repeat: number; repeats: number; ms: number; passThreads: number }
  /** A lane's coefficients after its last repeat: w then b. */
  | { type: 'lane'; lane: LaneKey; params: Float64Array }
  | { type: 'done' }
  | { type: 'error'; message: string };

declare const self: {
  postMessage(message: RaceReply, transfer?: Transferable[]): void;
  addEventListener(type: 'message', handler: (event: { data: RaceRequest }) => void): void;
};

/** Fewest and most iterations of a repeat. */
const MIN_ITERATIONS = 20;
const MAX_ITERATIONS = 100_000;
/** Most repeats of a lane. */
export const MAX_REPEATS = 15;

self.addEventListener('message', (event) => {
  void race(event.data).catch((error: unknown) => self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
});

async function race(request: RaceRequest): Promise<void> {
  const { rows, cols, learningRate, repeats } = request;
  const X = Matrix.from(request.X, rows, cols);
  const y = request.y;
  // Threads start on this worker's event loop, before any timed fit (a synchronous fit
  // cannot wait for them); where shared memory is missing none start.
  const threadsStarted = request.threads > 1 ? await startWorkers(request.threads) : 1;
  const lanes: LaneKey[] = threadsStarted > 1 ? ['js', 'wasm-1', 'wasm-n'] : ['js', 'wasm-1'];
  const iterations = calibrate(X, y, learningRate, request.targetMs);
  self.postMessage({ type: 'plan', iterations, lanes, threadsStarted });
  const wasm = (threads: number, maxIter: number): Float64Array => {
    const model = new LogisticRegression({ solver: 'gd', penalty: 'none', learningRate, maxIter, tol: 0, threads, onWarning: null }).fit(X, y);
    const params = new Float64Array(cols + 1);
    params.set(model.coef.data);
    params[cols] = model.intercept[0] as number;
    model.dispose();
    return params;
  };
  const runs: Record<LaneKey, () => Float64Array> = {
    js: () => {
      const { weights, bias } = gradientDescentBaseline(X, y, { learningRate, maxIter: iterations });
      const params = new Float64Array(cols + 1);
      params.set(weights);
      params[cols] = bias;
      return params;
    },
    'wasm-1': () => wasm(1, iterations),
    'wasm-n': () => wasm(threadsStarted, iterations),
  };
  // A short untimed fit per WebAssembly lane first: the first fit on a thread count pays
  // for compiling and for the workers' first pass.
  wasm(1, 2);
  if (threadsStarted > 1) wasm(threadsStarted, 2);
  for (const lane of lanes) {
    let params: Float64Array = new Float64Array(0);
    let count = repeats;
    for (let repeat = 1; repeat <= count; repeat++) {
      self.postMessage({ type: 'repeat-start', lane, repeat });
      // Let the page see the lane start before this thread is busy for a second or more.
      await new Promise((resolve) => setTimeout(resolve, 0));
      takePassThreads();
      const start = performance.now();
      params = runs[lane]();
      const ms = performance.now() - start;
      if (repeat === 1) count = Math.max(repeats, Math.min(MAX_REPEATS, Math.ceil(request.laneMs / Math.max(ms, 1e-3))));
      self.postMessage({ type: 'repeat', lane, repeat, repeats: count, ms, passThreads: lane === 'js' ? 1 : takePassThreads() });
    }
    self.postMessage({ type: 'lane', lane, params }, [params.buffer]);
  }
  X.dispose();
  self.postMessage({ type: 'done' });
}

/**
 * Iterations for one repeat of the plain-JS loop to take about `targetMs`: it is timed
 * on doubling iteration counts until a run takes 100 ms, then once more at that count (the
 * first runs include the JIT's warm-up, which the timed repeats do not), and the faster
 * of the two is used.
 */
function calibrate(X: Matrix, y: Float64Array, learningRate: number, targetMs: number): number {
  const time = (iterations: number): number => {
    const start = performance.now();
    gradientDescentBaseline(X, y, { learningRate, maxIter: iterations });
    return performance.now() - start;
  };
  let iterations = 1;
  for (;;) {
    const ms = time(iterations);
    if (ms >= 100 || iterations >= MAX_ITERATIONS) {
      const best = Math.min(ms, time(iterations));
      return Math.max(MIN_ITERATIONS, Math.min(MAX_ITERATIONS, Math.round((targetMs * iterations) / Math.max(best, 1e-3))));
    }
    iterations *= 2;
  }
}
