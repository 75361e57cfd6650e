/**
 * `npm run demo`: builds the demo and serves it on http://127.0.0.1:5173/ (or $PORT) with
 * the COOP/COEP headers that make the page cross-origin isolated.
 * @module
 */
import { buildDemo } from './build.js';
import { startStaticServer } from './server.js';

const root = await buildDemo();
const server = await startStaticServer({ mounts: { '/': root }, port: Number(process.env['PORT'] ?? 5173) });
console.log(`logreg-wasm demo: ${server.url}  (cross-origin isolated; Ctrl+C to stop)`);
const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
