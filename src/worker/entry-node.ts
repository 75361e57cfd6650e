/**
 * worker_threads entry of {@link fitInWorker} (started by `logreg-wasm/worker` in Node).
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { serveFits } from './serve.js';

if (parentPort === null) throw new Error('logreg-wasm: worker/entry-node.js must be started as a worker_threads Worker');
const port = parentPort;
serveFits({
  post: (message, transfer = []) => port.postMessage(message, transfer as never),
  listen: (handler) => port.on('message', handler),
});
