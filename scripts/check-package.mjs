// `npm run check:package`: the size budget (gzip -9 of the wasm cores and of the files a
// consumer loads), then publint and @arethetypeswrong/cli on the packed package.
// Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzipped bytes allowed per file. The wasm is also inside dist/index.js, as base64. */
const BUDGET = {
  // Each core ~20.6 KB (measured 2026-12-02). Raised from 18 KB when the passes gained
  // four-row and software-pipelined loops, the float32 pass its four-row form, and exp its
  // 128-entry table (+2.3 KB each, for 1.5–2× faster steps; see BENCHMARKS.md); from 20 KB
  // when the cores gained the proximal Newton solver for l1 and elastic-net (newton-cd) and
  // float32's final passes in float64 arithmetic (+2.5 KB each); from 22 KB when they
  // learnt compressed sparse rows: the CSR passes for float64 and float32 values, newton-cd's
  // columns and the sparse decision function (+2.0 KB each; ~24.0 KB measured 2026-12-02); from
  // 25 KB for statistical inference: the information pass with its register tiles, the row
  // quadratic forms and group sums (+1.9 KB each; ~26.0 KB measured 2026-12-02); from 27 KB
  // for pushdown: L-BFGS and Newton-CG driven by the host, one request per call (+1.2 KB
  // each; ~27.2 KB measured 2026-12-02); from 28 KB for the loss taken from the sigmoid's
  // exponential (a two-lane log1p inlined in each binary pass, which halved an L-BFGS
  // iteration's time) and the pass counters (+0.9 KB each; ~28.1 KB measured 2026-12-03);
  // ~28.45 KB with the loss's exact exp (the table's tails) and float32's pipelined pairs.
  'build/logreg.wasm': 29_000,
  'build/logreg-threads.wasm': 29_000,
  'build/logreg-relaxed.wasm': 29_000,
  // Two base64 wasm cores, the numpy/scikit-learn dataset ports with glibc's log table,
  // metrics, and the ONNX encoder/decoder (~117.7 KB measured 2026-12-02). Raised from 90 KB
  // when ONNX import/export landed, from 100 KB with the faster kernels above, from 105 KB
  // when the cores above grew (+21.8 KB of base64), Matrix gained its printed form (+4.6 KB
  // before gzip), the runtime unsigned pointers and reclaiming of dropped blocks (+4.3 KB),
  // the ONNX decoder its bounds on every count (+8 KB), the estimator its new checks
  // (+6.6 KB), and the bundle keepNames, so classes print under their own names (+2.2 KB
  // after gzip); from 122 KB for sparse data and text (~161 KB measured 2026-12-02): the
  // two cores' CSR kernels (+5.5 KB of base64), src/text/ (the four vectorizers, Python's
  // Unicode tables as hex deltas, 4.5 KB; the English stop words, MurmurHash3, the
  // analyzers: 78 KB before gzip), src/sparse/ (CsrMatrix, the svmlight parser and writer:
  // 36 KB before gzip) and StandardScaler's sparse statistics and partialFit; from 165 KB for
  // model selection (~193 KB measured 2026-12-02): crossValidate, the regularisation path,
  // LogisticRegressionCV and its JSON form, the scorers, tunedThreshold and the metrics'
  // sample weights (+21 KB after gzip), and the glibc pow port with its tables, which makes
  // the grid of C the same in every engine (+11 KB); from 195 KB for statistical inference
  // (~218.8 KB measured 2026-12-02): the summary, its covariances, marginal effects and
  // tests, the printed table, the normal and χ² tails and the dense linear algebra (+20 KB
  // after gzip), and the two cores' information pass (+5 KB of base64); from 225 KB for data
  // where it lives (~233.3 KB measured 2026-12-02): Matrix.fromArrow's block copies, one-hot
  // encoding and arrowFeatures, arrowChunks, duckdbChunks, fitPushdown's SQL and the
  // host-driven solve, the Spark registry (+12 KB after gzip), and the cores' host-driven
  // L-BFGS and Newton-CG (+2.5 KB of base64; ~236.0 KB measured 2026-12-02); from 240 KB
  // for the cores' two-lane loss (+1.2 KB of base64; ~240.5 KB measured 2026-12-03); from
  // 242 KB for its exact exp and float32's pipelined pairs (+0.7 KB of base64; ~242.7 KB).
  'dist/index.js': 243_000,
  'dist/worker/index.js': 4_000,
  'dist/worker/entry.js': 2_000,
  'dist/worker/node.js': 4_000,
  'dist/worker/entry-node.js': 2_000,
  // The relaxed-SIMD core as base64 and the call that registers it (opt-in entry; ~34.5 KB
  // measured 2026-12-02; 36.3 KB with the host-driven solvers). Base64 gzips to about 1.35×
  // the core's own gzip size, so 39 KB is the entry of a core near its 29 KB budget (raised
  // from 25, 29, 33, 35, 36, 37 and 38.5 KB with the cores above; ~38.5 KB measured 2026-12-03).
  'dist/relaxed-simd/index.js': 39_000,
  // The Node entry: the svmlight file functions over the main entry (~1.3 KB); from 6 KB for
  // cacheChunks and the binary row cache it writes (the one cache format, which the CLI's
  // train --stream uses too), with its exit cleanup and file error words (~7.8 KB measured
  // 2026-12-03).
  'dist/node/index.js': 9_000,
  // The Parquet entry: its page decoder for flat numeric columns and snappy, the Arrow-shaped
  // table, the sources, readParquetXy, fromSpark's reader of Spark model directories (~15.7 KB
  // measured 2026-12-02); hyparquet and hyparquet-compressors are imports, not bundled
  // (optional peer dependencies).
  'dist/parquet/index.js': 17_000,
};

let failed = false;
const rows = [];
for (const [file, limit] of Object.entries(BUDGET)) {
  if (!existsSync(file)) {
    // A core the build does not (yet) produce is not an error; a bundle that is missing is.
    if (file.endsWith('.wasm') && file !== 'build/logreg.wasm') continue;
    console.error(`check:package: ${file} is missing; run npm run build`);
    process.exit(1);
  }
  const bytes = readFileSync(file);
  const gz = gzipSync(bytes, { level: 9 }).length;
  const ok = gz <= limit;
  failed ||= !ok;
  rows.push({ file, raw: bytes.length, gzip: gz, budget: limit, ok: ok ? 'ok' : 'OVER' });
}
// Any wasm core the budget does not list yet must still be small.
for (const name of readdirSync('build').filter((f) => f.endsWith('.wasm'))) {
  const file = join('build', name);
  if (file in BUDGET) continue;
  const bytes = readFileSync(file);
  const gz = gzipSync(bytes, { level: 9 }).length;
  failed ||= gz > 22_000;
  rows.push({ file, raw: bytes.length, gzip: gz, budget: 22_000, ok: gz <= 22_000 ? 'ok' : 'OVER' });
}
console.log('Size budget (bytes, gzip -9):');
console.table(rows);
if (failed) {
  console.error('check:package: over the size budget (scripts/check-package.mjs)');
  process.exit(1);
}

const bin = (name) => join('node_modules', '.bin', name);
const step = (title, command, args) => {
  console.log(`\n${title}`);
  try {
    execFileSync(command, args, { stdio: 'inherit' });
  } catch {
    console.error(`check:package: ${title} failed`);
    process.exit(1);
  }
};
step('publint --strict', bin('publint'), ['--strict']);
// attw reads a tarball packed here with --ignore-scripts: `attw --pack .` would run `npm
// pack` with the prepack script, a second full build of what this script was run after.
const scratch = mkdtempSync(join(tmpdir(), 'logreg-wasm-check-'));
try {
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { encoding: 'utf8' }),
  );
  // ESM only (engines: node >= 20): CommonJS `require` and node10 resolution are out of scope.
  step('attw --profile esm-only (the packed tarball)', bin('attw'), [join(scratch, filename), '--profile', 'esm-only']);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log('\ncheck:package: ok');
