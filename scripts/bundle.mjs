// Bundles dist/: the library (dist/index.js, loader and wasm inlined) and the worker API
// (dist/worker/*.js), which import the library from '../index.js' rather than carry a
// second copy, so a model fitted in a worker comes back as the caller's LogisticRegression.
import { build } from 'esbuild';

const common = { bundle: true, format: 'esm', target: 'es2022', sourcemap: true, logLevel: 'warning' };

await build({ ...common, entryPoints: ['src/index.ts'], platform: 'neutral', outfile: 'dist/index.js' });

/** Keeps `import … from '../index.js'` as it is: at run time it is dist/index.js. */
const libraryExternal = {
  name: 'library-external',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) =>
      args.importer.includes('/src/worker/') ? { path: '../index.js', external: true } : undefined,
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
  },
  outdir: 'dist',
  platform: 'neutral',
  external: ['node:*'],
  plugins: [libraryExternal],
});
console.log('bundled dist/index.js and dist/worker/{index,entry,node,entry-node}.js');
