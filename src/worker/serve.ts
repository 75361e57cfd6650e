/**
 * The worker side of {@link fitInWorker}: receives one fit request, runs it with the
 * library loaded in this worker, and replies with progress, warnings and the model as JSON.
 * @module
 */
import { CsrMatrix, type FeatureMatrix, type IterationInfo, LogisticRegression, Matrix, startWorkers, takePassThreads } from '../index.js';
import type { FitRequest, WorkerReply, WorkerX } from './protocol.js';

/** The two things a worker needs from its host: send a message, and receive them. */
export interface WorkerPort {
  post(message: WorkerReply, transfer?: ArrayBuffer[]): void;
  listen(handler: (message: unknown) => void): void;
}

/** Iterations whose losses are kept for `lossHistory`; later ones are dropped. */
const HISTORY_LIMIT = 1_000_000;

/**
 * Options the host fills in when the caller left them out. A browser worker asks for
 * `threads: 1` unless the caller asks for more: its threads are nested Web Workers, which
 * start only while the worker's event loop runs, so {@link serveFits} starts them (and
 * waits for them) before the synchronous `fit`.
 */
export interface ServeDefaults {
  threads?: number | 'auto';
}

/**
 * Serves fit requests on `port` for the life of the worker: each request is fitted with
 * `defaults` under the caller's options, and answered with progress, warnings and the
 * model as JSON, or with the error it threw.
 */
export function serveFits(port: WorkerPort, defaults: ServeDefaults = {}): void {
  port.listen(async (message) => {
    const request = message as FitRequest;
    if (request === null || typeof request !== 'object' || request.type !== 'fit') return;
    try {
      // The caller asked for the relaxed-SIMD core: this worker's copy of the library needs
      // it registered too (the entry is loaded here only then, and only once).
      if (request.params?.simd === 'relaxed') await import('../relaxed-simd/index.js');
      // A browser worker cannot start threads while `fit` runs (see ServeDefaults): start
      // the ones the caller asked for first, on this worker's event loop (a default 'auto'
      // starts none ahead: in Node the fit starts what its data needs). The estimator checks
      // the option and caps it at the CPUs first; where shared memory is missing,
      // startWorkers starts none and the fit says so through its warning.
      if (request.params?.threads !== undefined) {
        const { threads } = new LogisticRegression({ ...defaults, ...request.params, onWarning: null });
        if (threads === 'auto' || threads > 1) await startWorkers(threads === 'auto' ? undefined : threads);
      }
      const reply = runFit({ ...request, params: { ...defaults, ...request.params } }, port);
      port.post(reply, reply.type === 'done' ? [reply.lossHistory.buffer as ArrayBuffer] : []);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      port.post({ type: 'error', name: e.name, message: e.message, stack: e.stack });
    }
  });
}

function runFit(request: FitRequest, port: WorkerPort): WorkerReply {
  let history = new Float64Array(1024);
  let count = 0;
  let lastPost = -Infinity;
  let pending: IterationInfo | null = null;
  const report = (info: IterationInfo): void => {
    if (count < HISTORY_LIMIT) {
      if (count === history.length) {
        const grown = new Float64Array(Math.min(HISTORY_LIMIT, history.length * 2));
        grown.set(history);
        history = grown;
      }
      history[count++] = info.loss;
    }
    const now = performance.now();
    if (now - lastPost >= request.progressInterval) {
      lastPost = now;
      pending = null;
      port.post({ type: 'progress', ...info });
    } else {
      pending = { ...info };
    }
  };
  const model = new LogisticRegression({
    ...request.params,
    onWarning: request.warnings ? (text) => port.post({ type: 'warning', message: text }) : null,
    onIteration: request.progress ? report : null,
  });
  const X = unpackX(request.X);
  let fitTime: number;
  let threads: number;
  try {
    // Counted by the pool rather than read from the option: a pass runs on fewer threads
    // than asked when X has fewer chunks of rows than threads, or no threads could start.
    takePassThreads();
    const start = performance.now();
    model.fit(X, request.y, { sampleWeight: request.sampleWeight });
    fitTime = performance.now() - start;
    threads = takePassThreads();
  } finally {
    if (X instanceof CsrMatrix) X.dispose();
  }
  // The last iteration always reaches the caller, however short the fit.
  if (pending !== null) port.post({ type: 'progress', ...(pending as IterationInfo) });
  // Without progress reports, the history is what recordLoss kept (gd), if anything.
  const lossHistory = request.progress ? history.slice(0, count) : (model.lossCurve ?? new Float64Array(0));
  const reply: WorkerReply = { type: 'done', model: model.toJSON(), fitTime, threads, lossHistory };
  model.dispose();
  return reply;
}

/** X as the worker's fit takes it: a CsrMatrix arrives as its arrays and is rebuilt (in this worker's memory). */
function unpackX(X: WorkerX): FeatureMatrix {
  switch (X.kind) {
    case 'matrix':
      return Matrix.from(X.data, X.rows, X.cols);
    case 'csr':
      return CsrMatrix.from({ rows: X.rows, cols: X.cols, indptr: X.indptr, indices: X.indices, values: X.values });
    default:
      return X.rows;
  }
}
