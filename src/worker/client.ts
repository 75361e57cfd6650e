/**
 * The calling side of {@link fitInWorker}, shared by the browser and Node builds; each
 * build supplies how to start a worker.
 * @module
 */
import {
  CsrMatrix,
  type FeatureMatrix,
  type IterationInfo,
  type Label,
  LogisticRegression,
  type LogisticRegressionOptions,
  Matrix,
} from '../index.js';
import type { FitRequest, WorkerParams, WorkerReply, WorkerX } from './protocol.js';

/** Options of {@link fitInWorker}. */
export interface FitInWorkerOptions {
  /**
   * The estimator's options, as for `new LogisticRegression(params)`. `onIteration` cannot
   * cross to a worker: use `onProgress` to follow the fit and `signal` to cancel it.
   * `onWarning` is called on the calling side.
   * @default {}
   */
  params?: LogisticRegressionOptions;
  /** Per-sample weights, as for `fit(X, y, { sampleWeight })`. @default null */
  sampleWeight?: ArrayLike<number> | null;
  /**
   * Called on the calling thread with the latest iteration, at most once per
   * `progressInterval` ms, and always for the last iteration.
   * @default null
   */
  onProgress?: ((info: IterationInfo) => void) | null;
  /** Least time between two `onProgress` calls, in ms; 0 reports every iteration. @default 50 */
  progressInterval?: number;
  /**
   * Cancels the fit: the worker is terminated at once and the promise rejects with
   * `signal.reason` (an `AbortError` DOMException unless you gave one).
   * @default undefined
   */
  signal?: AbortSignal;
}

/** What {@link fitInWorker} resolves to. */
export interface FitInWorkerResult<L extends Label = Label> {
  /**
   * The fitted model, a `LogisticRegression` of this thread (rebuilt from the worker's
   * `toJSON()`), typed by the labels of y as `fit` types it.
   */
  model: LogisticRegression<L>;
  /** Milliseconds `fit` took inside the worker (without starting the worker and copying the data). */
  fitTime: number;
  /**
   * The threads the fit's passes over X ran on, at most: as counted by the worker's
   * thread pool, not read from `params.threads`. It is lower than the `threads` option
   * asked for where threads cannot start (a page that is not cross-origin isolated has no
   * SharedArrayBuffer: 1, with the library's warning) and when X has fewer chunks of rows
   * than threads (dense X is cut into chunks of 2048 rows, so the passes over 800 rows
   * run on 1 thread whatever the option says). Coefficients do not depend on it.
   */
  threads: number;
  /**
   * With `onProgress`: the `loss` of every iteration, in order, as `onIteration` reports it
   * (for one-vs-rest, the classes' problems one after another; at most the first
   * 1,000,000). Without it, the model's `lossCurve` when `params.recordLoss` kept one, else
   * empty: following progress makes the solvers evaluate the loss every iteration, which
   * gradient descent otherwise skips, so a fit nobody watches runs faster.
   */
  lossHistory: Float64Array;
}

/** The few things the client needs from a worker, in either environment. */
export interface WorkerHandle {
  post(message: FitRequest, transfer: ArrayBuffer[]): void;
  /** Registers the handlers; `onFailure` receives an Error for a crash, a load failure or an early exit. */
  listen(onMessage: (reply: WorkerReply) => void, onFailure: (error: Error) => void): void;
  terminate(): void;
}

const KNOWN = ['params', 'sampleWeight', 'onProgress', 'progressInterval', 'signal'];

/** The signature of `fitInWorker`. */
export type FitInWorker = <L extends Label>(X: FeatureMatrix, y: ArrayLike<L>, options?: FitInWorkerOptions) => Promise<FitInWorkerResult<L>>;

/** Builds `fitInWorker` for an environment, given how to start a worker there. */
export function makeFitInWorker(spawn: () => WorkerHandle): FitInWorker {
  return function fitInWorker<L extends Label>(X: FeatureMatrix, y: ArrayLike<L>, options: FitInWorkerOptions = {}): Promise<FitInWorkerResult<L>> {
    return new Promise((resolve, reject) => {
      // Check what can be checked here, so mistakes fail without starting a worker.
      if (options === null || typeof options !== 'object') {
        throw new TypeError(`fitInWorker: options must be an object, got ${options === null ? 'null' : typeof options}`);
      }
      for (const key of Object.keys(options)) {
        if (!KNOWN.includes(key)) {
          throw new TypeError(`fitInWorker: unknown option '${key}' (known options: ${KNOWN.join(', ')}); estimator options go in 'params'`);
        }
      }
      const { params = {}, sampleWeight = null, onProgress = null, progressInterval = 50, signal } = options;
      if (params !== null && typeof params === 'object' && 'onIteration' in params && params.onIteration != null) {
        throw new TypeError(
          'fitInWorker: params.onIteration cannot run in a worker; use the onProgress option to follow the fit and signal to cancel it',
        );
      }
      if (!(typeof progressInterval === 'number' && progressInterval >= 0)) {
        throw new RangeError(`fitInWorker: progressInterval must be a number ≥ 0 (milliseconds), got ${String(progressInterval)}`);
      }
      if (onProgress !== null && typeof onProgress !== 'function') {
        throw new TypeError('fitInWorker: onProgress must be a function or null');
      }
      // Validates every estimator option with the estimator's own messages.
      const onWarning = new LogisticRegression(params).onWarning;
      const { onWarning: _w, onIteration: _i, ...workerParams } = params;
      signal?.throwIfAborted();

      const [sentX, transfer] = packX(X);
      const request: FitRequest = {
        type: 'fit',
        X: sentX,
        y,
        params: workerParams as WorkerParams,
        sampleWeight,
        progressInterval,
        warnings: onWarning !== null,
        progress: onProgress !== null,
      };

      const worker = spawn();
      let settled = false;
      const finish = (): void => {
        settled = true;
        signal?.removeEventListener('abort', abort);
        worker.terminate();
      };
      const abort = (): void => {
        if (settled) return;
        finish();
        reject(signal?.reason ?? new DOMException('fitInWorker was aborted', 'AbortError'));
      };
      signal?.addEventListener('abort', abort, { once: true });
      worker.listen(
        (reply) => {
          if (settled) return;
          switch (reply.type) {
            case 'progress': {
              const { type: _t, ...info } = reply;
              onProgress?.(info);
              break;
            }
            case 'warning':
              onWarning?.(reply.message);
              break;
            case 'done':
              finish();
              try {
                // The worker's labels come back as JSON of the same kinds as y's.
                resolve({
                  model: LogisticRegression.fromJSON(reply.model) as LogisticRegression<L>,
                  fitTime: reply.fitTime,
                  threads: reply.threads,
                  lossHistory: reply.lossHistory,
                });
              } catch (error) {
                reject(error);
              }
              break;
            case 'error':
              finish();
              reject(reviveError(reply));
              break;
          }
        },
        (error) => {
          if (settled) return;
          finish();
          reject(error);
        },
      );
      try {
        worker.post(request, transfer);
      } catch (error) {
        // E.g. X or y holds something that cannot be cloned.
        finish();
        throw new TypeError(`fitInWorker: X, y or params cannot be sent to a worker (${(error as Error).message})`, { cause: error });
      }
    });
  };
}

/**
 * X for the worker: a Matrix becomes a flat copy, a CsrMatrix copies of its three arrays,
 * their buffers transferred; rows go as they are.
 */
function packX(X: FeatureMatrix): [WorkerX, ArrayBuffer[]] {
  if (X instanceof Matrix) {
    const data = X.data.slice();
    return [{ kind: 'matrix', data, rows: X.rows, cols: X.cols }, [data.buffer]];
  }
  if (X instanceof CsrMatrix) {
    const { indptr, indices, values } = X.toData();
    return [{ kind: 'csr', rows: X.rows, cols: X.cols, indptr, indices, values }, [indptr.buffer as ArrayBuffer, indices.buffer as ArrayBuffer, values.buffer as ArrayBuffer]];
  }
  return [{ kind: 'rows', rows: X }, []];
}

/** The worker's error as an error of the same class on this side, with the same message. */
function reviveError(reply: { name: string; message: string; stack: string | undefined }): Error {
  let error: Error;
  switch (reply.name) {
    case 'TypeError':
      error = new TypeError(reply.message);
      break;
    case 'RangeError':
      error = new RangeError(reply.message);
      break;
    default:
      error = new Error(reply.message);
      error.name = reply.name;
  }
  if (reply.stack !== undefined) error.stack = `${error.stack ?? ''}\n    --- in the worker ---\n${reply.stack}`;
  return error;
}
