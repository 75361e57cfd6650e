// Bundles the CLI (src/cli/bin.ts) into dist/cli.js: its dependencies (csv-parse) are
// inlined, so the published package keeps zero runtime dependencies; the library is
// imported from ./index.js (dist/index.js) rather than carried a second time.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cliDir = fileURLToPath(new URL('../src/cli/', import.meta.url));
const libraryEntry = fileURLToPath(new URL('../src/index.js', import.meta.url));

// Any CLI module's import of src/index.js (`../index.js`, `../../index.js` from
// src/cli/commands/) becomes dist/cli.js's import of ./index.js. The CLI's other imports
// of src/ (the CSV rules' pure helpers, the estimator's option lists) are bundled.
const libraryExternal = {
  name: 'library-external',
  setup(b) {
    b.onResolve({ filter: /(^|\/)index\.js$/ }, (args) =>
      args.importer.startsWith(cliDir) && resolve(args.resolveDir, args.path) === libraryEntry ? { path: './index.js', external: true } : undefined,
    );
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
  plugins: [libraryExternal],
});
console.log('bundled dist/cli.js');
