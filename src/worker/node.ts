/**
 * `logreg-wasm/worker` in Node: {@link fitInWorker} with `worker_threads`. Same API as the
 * browser build (`./index.ts`), whose declarations the package publishes for both.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { type FitInWorker, makeFitInWorker, type WorkerHandle } from './client.js';

export type { FitInWorker, FitInWorkerOptions, FitInWorkerResult } from './client.js';
export type { IterationInfo, Label, LogisticRegressionOptions, MatrixLike } from '../index.js';

function spawnThread(): WorkerHandle {
  const worker = new Worker(new URL('./entry-node.js', import.meta.url), { name: 'logreg-wasm fit' });
  let exited = false;
  return {
    post: (message, transfer) => worker.postMessage(message, transfer as never),
    listen: (onMessage, onFailure) => {
      worker.on('message', onMessage);
      worker.on('messageerror', () => onFailure(new Error('fitInWorker: a message from the worker could not be read')));
      worker.on('error', (error) => onFailure(error instanceof Error ? error : new Error(String(error))));
      worker.on('exit', (code) => {
        exited = true;
        onFailure(new Error(`fitInWorker: the worker exited (code ${code}) before finishing the fit`));
      });
    },
    terminate: () => {
      if (!exited) void worker.terminate();
    },
  };
}

/** See the browser build's `fitInWorker` (src/worker/index.ts). */
export const fitInWorker: FitInWorker = makeFitInWorker(spawnThread);
