// Bundles dist/: the library (dist/index.js, loader and wasm inlined), the worker API
// (dist/worker/*.js), the opt-in relaxed-SIMD build (dist/relaxed-simd/index.js), the
// Node-only file functions (dist/node/index.js) and the Parquet reader
// (dist/parquet/index.js). The latter four import the library from '../index.js' rather
// than carry a second copy, so a model fitted in a worker comes back as the caller's
// LogisticRegression, the relaxed build registers with the library the application uses,
// and a CsrMatrix loaded from a file or a Parquet file's chunks live in the application's
// core. The Parquet reader's hyparquet and hyparquet-compressors stay imports (optional
// peer dependencies, imported when a file is first read).
import { build } from 'esbuild';

// keepNames: esbuild emits `class Matrix` as `var Matrix = class _Matrix` (an inner name for
// the class's references to itself) or renames it when two modules share a name, and
// console.log, util.inspect and error stacks print that name; keepNames sets each class's and
// function's `name` back to the one in the source, at a few bytes each.
const common = { bundle: true, format: 'esm', target: 'es2022', sourcemap: true, keepNames: true, logLevel: 'warning' };

await build({ ...common, entryPoints: ['src/index.ts'], platform: 'neutral', outfile: 'dist/index.js' });

/**
 * Keeps `import … from '../index.js'` (and the worker's `import('../relaxed-simd/index.js')`)
 * as it is: at run time it is dist/index.js (dist/relaxed-simd/index.js).
 */
const libraryExternal = {
  name: 'library-external',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/(index|relaxed-simd\/index)\.js$/ }, (args) =>
      /\/src\/(worker|relaxed-simd|node|parquet)\//.test(args.importer) ? { path: args.path, external: true } : undefined,
    );
  },
};
await build({
  ...common,
  entryPoints: {
    'worker/index': 'src/worker/index.ts',
    'worker/entry': 'src/worker/entry.ts',
    'worker/node': 'src/worker/node.ts',
    'worker/entry-node': 'src/worker/entry-node.ts',
    'relaxed-simd/index': 'src/relaxed-simd/index.ts',
    'node/index': 'src/node/index.ts',
    'parquet/index': 'src/parquet/index.ts',
  },
  outdir: 'dist',
  platform: 'neutral',
  external: ['node:*', 'hyparquet', 'hyparquet-compressors'],
  plugins: [libraryExternal],
});
console.log('bundled dist/index.js, dist/worker/{index,entry,node,entry-node}.js, dist/relaxed-simd/index.js, dist/node/index.js and dist/parquet/index.js');
