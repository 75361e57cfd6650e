/**
 * `logreg-wasm/worker`: train a {@link LogisticRegression} off the calling thread.
 *
 * `fitInWorker(X, y, { params, onProgress, signal })` starts a worker (a module Web Worker
 * in browsers, a `worker_threads` Worker in Node: the package's `exports` map picks the
 * build), copies X and y to it, fits there, and resolves to a usable model on the calling
 * thread. The page stays responsive while the worker trains; aborting the signal
 * terminates the worker at once.
 *
 * @example
 * ```ts
 * import { fitInWorker } from 'logreg-wasm/worker';
 * const controller = new AbortController();
 * const { model, fitTime } = await fitInWorker(X, y, {
 *   params: { solver: 'gd', penalty: 'none', learningRate: 0.01, maxIter: 1000, tol: 0 },
 *   onProgress: ({ iter, loss }) => console.log(iter, loss),
 *   signal: controller.signal,
 * });
 * model.predict(XTest);
 * ```
 * @module
 */
import { type FitInWorker, makeFitInWorker, type WorkerHandle } from './client.js';

export type { FitInWorker, FitInWorkerOptions, FitInWorkerResult } from './client.js';
export type { IterationInfo, Label, LogisticRegressionOptions, MatrixLike } from '../index.js';

function spawnWebWorker(): WorkerHandle {
  // Written out in full so bundlers (Vite, webpack, Parcel) see and bundle the entry.
  const worker = new Worker(new URL('./entry.js', import.meta.url), { type: 'module', name: 'logreg-wasm fit' });
  return {
    post: (message, transfer) => worker.postMessage(message, transfer),
    listen: (onMessage, onFailure) => {
      worker.addEventListener('message', (event) => onMessage(event.data));
      worker.addEventListener('messageerror', () => onFailure(new Error('fitInWorker: a message from the worker could not be read')));
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        onFailure(
          new Error(
            `fitInWorker: the worker failed${event.message ? `: ${event.message}` : ' to start (was logreg-wasm/dist/worker/entry.js served, and allowed by the page\'s Content-Security-Policy?)'}`,
          ),
        );
      });
    },
    terminate: () => worker.terminate(),
  };
}

/**
 * Fits a `LogisticRegression` in a new Web Worker (in Node, a worker_threads Worker) and
 * returns it on this thread; see {@link FitInWorkerOptions}. The worker is terminated when
 * the fit ends, fails or is aborted.
 *
 * @param X - n×d features: a `Matrix` (copied, its buffer transferred) or an array of rows.
 * @param y - n labels.
 * @param options - the estimator's `params`, `onProgress`, `signal`, …
 * @returns the model, the time `fit` took in the worker, the threads its passes ran on, and
 * the loss of every iteration.
 * @throws (as a rejection) the errors `new LogisticRegression(params).fit(X, y)` would throw,
 * with the same class and message; `signal.reason` when aborted; an Error when the worker
 * cannot start or crashes.
 */
export const fitInWorker: FitInWorker = makeFitInWorker(spawnWebWorker);
