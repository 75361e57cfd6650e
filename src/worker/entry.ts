/**
 * Web Worker entry of {@link fitInWorker} (started by `logreg-wasm/worker` in browsers).
 * @module
 */
import { serveFits } from './serve.js';

declare const self: {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', handler: (event: { data: unknown }) => void): void;
};

serveFits(
  {
    post: (message, transfer = []) => self.postMessage(message, transfer),
    listen: (handler) => self.addEventListener('message', (event) => handler(event.data)),
  },
  { threads: 1 },
);
