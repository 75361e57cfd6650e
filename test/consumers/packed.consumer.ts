/**
 * Consumer smoke tests: `npm pack` the package, install the tarball into fresh projects in
 * a temporary folder, and use it as other people would:
 *  (a) a Node ESM script (and worker_threads through 'logreg-wasm/worker');
 *  (b) a Vite app, built with `vite build` and served as static files, and Vite's dev
 *      server, both loaded in headless Chromium — no Vite configuration at all;
 *  (c) a plain HTML page importing dist/index.js with `<script type="module">`;
 *  (d) TypeScript consumers (NodeNext and bundler resolution) type-check against the types.
 * Every one fits the reference experiment: accuracy 0.895 and the same float64 bits.
 * Installs use the tarball and npm's cache (`--prefer-offline`; vite comes from the
 * registry when it is not cached).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../demo/server.js';
import { type Chromium, CHROMIUM_NOTICE, chromiumAvailable, launchChromium } from '../browser/chromium.js';
import { PAGE_FIT, REFERENCE_DATA, REFERENCE_PARAMS, REFERENCE_SPLIT } from '../browser/reference.js';
import { RELAXED_SIMD_FLAGS } from '../relaxed-child.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VITE_VERSION = '8.3.8';
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

if (!chromiumAvailable()) throw new Error(CHROMIUM_NOTICE);

let scratch: string;
let tarball: string;
let browser: Chromium;

async function sh(command: string, args: string[], cwd: string, timeout = 240_000): Promise<string> {
  try {
    const { stdout } = await run(command, args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/** A fresh project with the tarball (and `extra` packages) installed. */
async function project(name: string, files: Record<string, string>, extra: string[] = []): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }, null, 2));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  await sh('npm', ['install', tarball, ...extra, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  return dir;
}

interface PageResult {
  error?: string;
  main: { accuracy: number; bits: string };
  worker: { accuracy: number; bits: string; sameClass: boolean };
  isolated: boolean;
}

async function load(url: string): Promise<PageResult> {
  const page = await browser.page();
  try {
    await page.goto(url);
    await page.waitForFunction('window.result !== undefined', null, { timeout: 60_000 });
    const result = (await page.evaluate('window.result')) as PageResult;
    expect(result.error).toBeUndefined();
    expect(page.errors).toEqual([]);
    return result;
  } finally {
    await page.close();
  }
}

const NODE_SCRIPT = `
import * as lib from 'logreg-wasm';
import * as workerApi from 'logreg-wasm/worker';
import { referenceFits } from './page-fit.js';
const result = await referenceFits(lib, workerApi);
console.log(JSON.stringify(result));
`;

/** The page script: the reference fits, with the library from \`from\`. */
const pageScript = (from: string, worker: string): string => `
import * as lib from '${from}';
import * as workerApi from '${worker}';
import { referenceFits } from './page-fit.js';
try {
  window.result = await referenceFits(lib, workerApi);
} catch (error) {
  window.result = { error: String(error && error.stack || error) };
}
`;

const HTML = (script: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>consumer</title></head>
<body><script type="module"${script.startsWith('/') || script.startsWith('.') ? ` src="${script}">` : `>${script}`}</script></body></html>
`;

let nodeBits: string;
/** The Node project of test (a), with the tarball installed. */
let nodeApp: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'logreg-wasm-consumers-'));
  // dist/ is built by pretest:consumers (CI builds it before); --ignore-scripts skips the
  // prepack script's second build (prepack.consumer.ts checks that one).
  const packed = JSON.parse(await sh('npm', ['pack', '--json', '--pack-destination', scratch, '--ignore-scripts'], ROOT)) as { filename: string }[];
  tarball = join(scratch, (packed[0] as { filename: string }).filename);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('(a) Node ESM: fits the reference experiment to 0.895, on this thread and in worker_threads', async () => {
    const dir = await project('node-app', { 'app.mjs': NODE_SCRIPT, 'page-fit.js': PAGE_FIT });
    const result = JSON.parse(await sh('node', ['app.mjs'], dir)) as PageResult;
    expect(result.main.accuracy).toBe(0.895);
    expect(result.worker).toEqual({ ...result.main, sameClass: true });
    nodeBits = result.main.bits;
    // Only what consumers need was packed.
    const files = await readdir(join(dir, 'node_modules/logreg-wasm/dist'), { recursive: true });
    expect(files.filter((f) => /\.(ts|js|map)$/.test(f) && !/\.(d\.ts|js|js\.map)$/.test(f))).toEqual([]);
    expect(files).toContain('index.js');
    nodeApp = dir;
  });

  it('(a) the logreg-wasm command the package installs runs the bundled CLI', async () => {
    const help = await sh(join(nodeApp, 'node_modules/.bin/logreg-wasm'), ['--help'], nodeApp);
    expect(help).toContain('Usage: logreg-wasm <command>');
  });

  it('(b) a Vite app with no configuration: vite build, served and loaded in Chromium; and the dev server', async () => {
    expect(nodeBits).toBeDefined();
    const dir = await project(
      'vite-app',
      { 'index.html': HTML('/main.js'), 'main.js': pageScript('logreg-wasm', 'logreg-wasm/worker'), 'page-fit.js': PAGE_FIT },
      [`vite@${VITE_VERSION}`],
    );
    await sh(join(dir, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], dir);
    const assets = await readdir(join(dir, 'dist/assets'));
    expect(assets.filter((f) => f.endsWith('.js')).length).toBeGreaterThanOrEqual(2); // the page and the worker
    // An ordinary page: no COOP/COEP headers.
    const server = await startStaticServer({ mounts: { '/': join(dir, 'dist') }, isolated: false });
    try {
      const built = await load(server.url);
      expect(built.isolated).toBe(false);
      expect(built.main).toEqual({ accuracy: 0.895, bits: nodeBits });
      expect(built.worker).toEqual({ accuracy: 0.895, bits: nodeBits, sameClass: true });
    } finally {
      await server.close();
    }
    const { createServer } = (await import(join(dir, 'node_modules/vite/dist/node/index.js'))) as typeof import('vite');
    const dev = await createServer({ root: dir, configFile: false, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
    await dev.listen();
    try {
      const devResult = await load(dev.resolvedUrls?.local[0] as string);
      expect(devResult.main).toEqual({ accuracy: 0.895, bits: nodeBits });
      expect(devResult.worker).toEqual({ accuracy: 0.895, bits: nodeBits, sameClass: true });
    } finally {
      await dev.close();
    }
  });

  it('(c) a plain HTML page importing dist/index.js with <script type="module">, cross-origin isolated', async () => {
    expect(nodeBits).toBeDefined();
    const dir = await project('plain-page', {
      'index.html': HTML(pageScript('./node_modules/logreg-wasm/dist/index.js', './node_modules/logreg-wasm/dist/worker/index.js')),
      'page-fit.js': PAGE_FIT,
    });
    const server = await startStaticServer({ mounts: { '/': dir } });
    try {
      const result = await load(server.url);
      expect(result.isolated).toBe(true);
      expect(result.main).toEqual({ accuracy: 0.895, bits: nodeBits });
      expect(result.worker).toEqual({ accuracy: 0.895, bits: nodeBits, sameClass: true });
    } finally {
      await server.close();
    }
  });

  it("(e) Node ESM: 'logreg-wasm/relaxed-simd' registers the relaxed core for simd: 'relaxed' (Node 20 with its V8 flag)", async () => {
    const script = `
import { LogisticRegression, makeClassification, relaxedSimdAvailable, trainTestSplit } from 'logreg-wasm';
import 'logreg-wasm/relaxed-simd';
const { X, y } = makeClassification(${JSON.stringify(REFERENCE_DATA)});
const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, ${JSON.stringify(REFERENCE_SPLIT)});
const model = new LogisticRegression({ ...${JSON.stringify(REFERENCE_PARAMS)}, simd: 'relaxed' }).fit(XTrain, yTrain);
console.log(JSON.stringify({ available: relaxedSimdAvailable(), accuracy: model.score(XTest, yTest) }));
`;
    const dir = await project('relaxed-app', { 'app.mjs': script });
    expect(JSON.parse(await sh('node', [...RELAXED_SIMD_FLAGS, 'app.mjs'], dir))).toEqual({ available: true, accuracy: 0.895 });
  });

  it("(f) Node ESM: 'logreg-wasm/node' writes and reads svmlight files into the main entry's CsrMatrix, which fit takes", async () => {
    const script = `
import { CsrMatrix, LogisticRegression } from 'logreg-wasm';
import { dumpSvmlightFile, loadSvmlightFile } from 'logreg-wasm/node';
const X0 = CsrMatrix.fromRows([{ 0: 1, 3: 2 }, { 1: 1 }, { 2: 3 }, { 0: -1, 1: 2 }]);
await dumpSvmlightFile(X0, [0, 1, 0, 1], 'x.svm.gz');
const { X, y } = await loadSvmlightFile('x.svm.gz', { zeroBased: true });
console.log(JSON.stringify({ same: X instanceof CsrMatrix, nnz: X.nnz, predict: new LogisticRegression().fit(X, y).predict(X) }));
`;
    const dir = await project('node-entry-app', { 'app.mjs': script });
    expect(JSON.parse(await sh('node', ['app.mjs'], dir))).toEqual({ same: true, nnz: 6, predict: [0, 1, 0, 1] });
  });

  it('(d) TypeScript consumers type-check (NodeNext and bundler resolution, skipLibCheck off)', async () => {
    const source = `
import { LogisticRegression, makeClassification, trainTestSplit, type IterationInfo } from 'logreg-wasm';
import { fitInWorker, type FitInWorkerOptions } from 'logreg-wasm/worker';
import 'logreg-wasm/relaxed-simd';
export const relaxed = new LogisticRegression({ simd: 'relaxed', dtype: 'float32' });
const { X, y } = makeClassification(${JSON.stringify(REFERENCE_DATA)});
const { XTrain, yTrain } = trainTestSplit(X, y, ${JSON.stringify(REFERENCE_SPLIT)});
const options: FitInWorkerOptions = { params: ${JSON.stringify(REFERENCE_PARAMS)}, onProgress: (info: IterationInfo) => info.loss };
export const local: number = new LogisticRegression(options.params).fit(XTrain, yTrain).score(XTrain, yTrain);
export const remote: Promise<LogisticRegression> = fitInWorker(XTrain, yTrain, options).then((r) => r.model);
`;
    const compilerOptions = { strict: true, noEmit: true, skipLibCheck: false, target: 'ES2022', exactOptionalPropertyTypes: true };
    const dir = await project('ts-app', {
      'src/app.ts': source,
      // Node: its own types, no DOM.
      'tsconfig.node.json': JSON.stringify({
        compilerOptions: { ...compilerOptions, module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] },
        include: ['src'],
      }),
      // A browser app with a bundler: DOM, no Node types.
      'tsconfig.web.json': JSON.stringify({
        compilerOptions: { ...compilerOptions, module: 'ESNext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], types: [] },
        include: ['src'],
      }),
    });
    await sh('node', [TSC, '-p', 'tsconfig.node.json'], dir);
    await sh('node', [TSC, '-p', 'tsconfig.web.json'], dir);
  });
});
