// Bundles the CLI (src/cli/bin.ts) into dist/cli.js: its dependencies (csv-parse, and for
// Parquet and Arrow IPC hyparquet, hyparquet-compressors, hyparquet-writer and
// @uwdata/flechette, all pure JavaScript) are inlined, so the published package keeps zero
// runtime dependencies and the CLI reads every format out of the box; the library and its
// Node entry are imported from ./index.js and ./node/index.js (dist/) rather than carried a
// second time. @duckdb/node-api (`--sql`) is native and stays external: the CLI imports it
// when a query runs and, when it is not installed, says to install it.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cliDir = fileURLToPath(new URL('../src/cli/', import.meta.url));
// The library's Parquet reader, bundled into the CLI with hyparquet.
const parquetDir = fileURLToPath(new URL('../src/parquet/', import.meta.url));
/** Each entry the CLI imports, and what dist/cli.js imports instead. */
const entries = new Map([
  [fileURLToPath(new URL('../src/index.js', import.meta.url)), './index.js'],
  [fileURLToPath(new URL('../src/node/index.js', import.meta.url)), './node/index.js'],
]);

// Any CLI (or bundled Parquet reader) module's import of src/index.js (`../index.js`, `../../index.js` from
// src/cli/commands/) becomes dist/cli.js's import of ./index.js, and of src/node/index.js
// its import of ./node/index.js (which imports ../index.js: one library). The CLI's other
// imports of src/ (the CSV rules' pure helpers, the estimator's option lists) are bundled.
const libraryExternal = {
  name: 'library-external',
  setup(b) {
    b.onResolve({ filter: /(^|\/)index\.js$/ }, (args) => {
      if (!args.importer.startsWith(cliDir) && !args.importer.startsWith(parquetDir)) return undefined;
      const path = entries.get(resolve(args.resolveDir, args.path));
      return path === undefined ? undefined : { path, external: true };
    });
  },
};
await build({
  entryPoints: ['src/cli/bin.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // The class names the CLI prints (errors, inspected values) stay as written; see bundle.mjs.
  keepNames: true,
  logLevel: 'warning',
  banner: { js: '#!/usr/bin/env node' },
  external: ['@duckdb/node-api'],
  plugins: [libraryExternal],
});
console.log('bundled dist/cli.js');
