/**
 * The `logreg-wasm` executable (bundled to dist/cli.js).
 * @module
 */
import { run } from './main.js';

// A reader that stops early (`logreg-wasm predict … | head`) closes the pipe: the rest of
// the output is unwanted, not an error. Exit quietly with 141 (128 + SIGPIPE), the status
// of a Unix tool the signal stops, rather than with Node's unhandled-error stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(141);
  });
}

process.exitCode = await run(process.argv.slice(2));
