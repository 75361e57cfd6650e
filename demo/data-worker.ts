/** The demo's data worker: see data.ts. */
import { type DataRequest, buffersOf, prepareReply } from './data.js';

declare const self: {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', handler: (event: { data: DataRequest }) => void): void;
};

self.addEventListener('message', (event) => {
  void prepareReply(event.data).then((reply) => self.postMessage(reply, reply.ok ? buffersOf(reply.data) : []));
});
