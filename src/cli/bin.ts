/**
 * The `logreg-wasm` executable (bundled to dist/cli.js).
 * @module
 */
import { run } from './main.js';

process.exitCode = await run(process.argv.slice(2));
