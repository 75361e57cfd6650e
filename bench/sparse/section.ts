/**
 * The sparse section of `npm run bench`: on each synthetic set (sets.ts, generate.ts,
 * cached by cache.ts), time to the optimum against LIBLINEAR 2.3 and scikit-learn 1.2.1
 * (optimum.ts), gradient-pass throughput (throughput.ts) and peak core memory against the
 * CSR bytes (memory.ts), then the targets of the sparse work judged on them.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { terminateWorkers } from '../../src/index.js';
import { ParallelProbe } from '../bandwidth.js';
import { scratchDir } from '../data.js';
import { median } from '../timing.js';
import { formatDuration, renderTable } from '../format.js';
import { Anchors } from './anchors.js';
import { cachedSet } from './cache.js';
import { LIBLINEAR, SKLEARN, ensurePackage } from './debian.js';
import { type SparseStats, csrBytes } from './generate.js';
import { type HashingResult, benchHashing } from './hashing.js';
import { type SparseMemory, probeSparseMemory } from './memory.js';
import { type OptimumResult, REL, benchOptimum } from './optimum.js';
import { csrFitUnavailable, toCsrMatrix } from './ours.js';
import { SPARSE_SETS, type SparseMode } from './sets.js';
import { type ThroughputRow, benchThroughput } from './throughput.js';

/** C of every side: LIBLINEAR's default, and RCV1's usual setting. */
export const SPARSE_C = 1;

interface ModeSettings {
  /** Timed rounds at each side's tolerance (0: the ladder's fit is the time). */
  rounds: number;
  /** Passes per timed 'gd' fit, and rounds, for the throughput. */
  passes: number;
  passRounds: number;
  sgdMaxIter: number;
  /** ms. */
  sgdBudget: number;
  /** HashingVectorizer: MB of text and timed runs. */
  textMegabytes: number;
  textRuns: number;
}

const SETTINGS: Record<SparseMode, ModeSettings> = {
  quick: { rounds: 0, passes: 3, passRounds: 1, sgdMaxIter: 20, sgdBudget: 10_000, textMegabytes: 1, textRuns: 2 },
  default: { rounds: 3, passes: 10, passRounds: 3, sgdMaxIter: 50, sgdBudget: 240_000, textMegabytes: 10, textRuns: 7 },
  full: { rounds: 5, passes: 20, passRounds: 5, sgdMaxIter: 100, sgdBudget: 600_000, textMegabytes: 10, textRuns: 11 },
};

export interface SparseSetResult {
  name: string;
  rows: number;
  cols: number;
  nnz: number;
  csrBytes: number;
  stats: SparseStats;
  /** Seconds to generate and write the set (0: read from the cache). */
  madeIn: number;
  optimum: OptimumResult;
  throughput: ThroughputRow[];
  memory: SparseMemory | null;
  /** max |Δw| between liblinear-train's model file and the library call the bench times, at -e 0.1. */
  liblinearCheck: number | null;
  /** Median cores free before the timed rounds (ParallelProbe; 2.00 = both free), or null when not probed. */
  freeCores: number | null;
}

export interface SparseResults {
  C: number;
  rel: number;
  threads: number;
  sklearn: string | null;
  liblinear: string | null;
  /** Notices for what did not run. */
  skipped: string[];
  sets: SparseSetResult[];
  hashing: HashingResult | null;
}

const formatMiB = (bytes: number): string => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`;
const formatBytes = (bytes: number): string => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${(bytes / 2 ** 10).toFixed(1)} KiB`);
const shape = (rows: number, cols: number): string => `${rows.toLocaleString('en-US')}×${cols.toLocaleString('en-US')}`;
const formatRate = (perSecond: number): string => `${(perSecond / 1e6).toFixed(0)} M/s`;
const formatMs = (ms: number | null): string => (ms === null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(2)} s` : formatDuration(ms));

/**
 * Trains `liblinear-train` (the command) once and compares its model file's w with the
 * same fit through the library call the bench times: they must agree (same code, same data).
 */
async function checkLiblinearCommand(svmlight: string, anchors: Anchors, C: number, cols: number): Promise<number> {
  const model = join(scratchDir(), 'liblinear-check.model');
  execFileSync('/usr/bin/liblinear-train', ['-s', '0', '-B', '-1', '-c', String(C), '-e', '0.1', '-q', svmlight, model], { stdio: 'ignore' });
  const text = readFileSync(model, 'utf8');
  rmSync(model, { force: true });
  const labels = /^label (\S+) (\S+)$/m.exec(text);
  const body = text.split(/^w\n/m)[1];
  if (labels === null || body === undefined) throw new Error('liblinear-train wrote a model file the bench cannot read');
  const sign = labels[1] === '1' ? 1 : -1;
  const w = body.trim().split(/\s+/).map((v) => sign * Number(v));
  if (w.length !== cols) throw new Error(`liblinear-train's model has ${w.length} weights, expected ${cols}`);
  const library = (await anchors.fit('liblinear', C, 0.1, 1000)).w;
  let diff = 0;
  for (let j = 0; j < cols; j++) diff = Math.max(diff, Math.abs(w[j]! - library[j]!));
  return diff;
}

/** Runs the sparse section and prints its tables. */
export async function benchSparse(mode: SparseMode, threads: number): Promise<SparseResults> {
  const settings = SETTINGS[mode];
  console.log('\n## Sparse: time to the optimum against LIBLINEAR and scikit-learn, gradient-pass throughput, memory\n');
  const skipped: string[] = [];
  const sklearnMissing = ensurePackage(SKLEARN);
  const liblinearMissing = ensurePackage(LIBLINEAR);
  if (sklearnMissing !== null) skipped.push(`the anchors (LIBLINEAR through Python, scikit-learn): ${sklearnMissing}`);
  else if (liblinearMissing !== null) skipped.push(`LIBLINEAR: ${liblinearMissing}`);
  const oursMissing = csrFitUnavailable();
  if (oursMissing !== null) skipped.push(`logreg-wasm rows: ${oursMissing}`);
  for (const notice of skipped) console.log(`Skipped: ${notice}`);
  console.log(
    `Objective F(w) = C·Σ log(1 + e^(−ỹ·x·w)) + ½‖w‖², C = ${SPARSE_C}, no intercept (LIBLINEAR -s 0 -B -1; scikit-learn fit_intercept=False; ` +
      `SGDClassifier alpha = 1/(C·n), whose objective is F/(C·n), as ours). F* = the lowest F any fit reached, each w judged by the bench's own ` +
      `float64 evaluator. Each side walks down its tolerance ladder until a fit lands within ${REL.toExponential(0)} of F*; time = median of ` +
      `${settings.rounds === 0 ? 'that one fit (smoke run)' : `${settings.rounds} fits at that tolerance, the sides taking turns`}.`,
  );

  const results: SparseResults = { C: SPARSE_C, rel: REL, threads, sklearn: null, liblinear: null, skipped, sets: [], hashing: null };
  for (const spec of SPARSE_SETS[mode]) {
    const started = performance.now();
    const set = cachedSet(spec);
    const { data, stats, files } = set;
    const bytes = csrBytes(data);
    console.log(
      `\n### ${spec.name} ${shape(spec.rows, spec.cols)}: ${stats.nnz.toLocaleString('en-US')} non-zeros (${stats.nnzPerRow.toFixed(1)} per row, ` +
        `${stats.rowLength[0]}–${stats.rowLength[1]}), CSR ${formatMiB(bytes)}; ${(100 * stats.positive).toFixed(1)} % positive; ` +
        `${stats.usedColumns.toLocaleString('en-US')} columns used, the commonest in ${(100 * stats.topColumnShare).toFixed(0)} % of rows, ` +
        `log-log slope of column frequency ${stats.zipfSlope.toFixed(2)} (ranks 10–1,000); ` +
        (set.madeIn > 0 ? `generated and cached in ${set.madeIn.toFixed(1)} s` : `read from ${files.dir}`) +
        '\n',
    );

    let anchors: Anchors | null = null;
    let liblinearCheck: number | null = null;
    let X = null;
    try {
      if (sklearnMissing === null) {
        anchors = await Anchors.start(files, data);
        results.sklearn = `scikit-learn ${anchors.sklearn} (numpy ${anchors.numpy})`;
        // liblinear-train re-reads the text (a minute or more for the large sets): every set in a
        // smoke run and a full run, which between them cover both kinds of set.
        if (liblinearMissing === null && mode !== 'default') liblinearCheck = await checkLiblinearCommand(files.svmlight, anchors, SPARSE_C, spec.cols);
      }
      if (oursMissing === null) X = toCsrMatrix(data);
      // Cores free before each timed round: a 2-thread row means little when another process holds a core.
      const probe = mode === 'quick' || threads < 2 ? null : new ParallelProbe(threads);
      const cores: number[] = [];
      const beforeRound = probe === null ? undefined : async (): Promise<void> => void cores.push(await probe.measure());
      const optimum = await benchOptimum(data, X, anchors, {
        liblinear: liblinearMissing === null,
        C: SPARSE_C,
        threads,
        rounds: settings.rounds,
        sgdMaxIter: settings.sgdMaxIter,
        sgdBudget: settings.sgdBudget,
        ...(beforeRound === undefined ? {} : { beforeRound }),
      });
      if (anchors?.liblinearVersion != null) results.liblinear = `LIBLINEAR ${anchors.liblinearVersion} (Debian's liblinear4: liblinear.so.4, which liblinear-train runs)`;
      const throughput = X === null ? [] : await benchThroughput(X, data.y, SPARSE_C, threads > 1 ? [1, threads] : [1], settings.passes, settings.passRounds, beforeRound);
      await probe?.close();
      terminateWorkers();
      X?.dispose();
      X = null;
      // The probe runs our fastest all-thread solver at its tolerance (threads add per-thread sums to the peak).
      const ours = optimum.rows.filter((r) => r.key.startsWith('ours-') && r.median !== null && r.threads === threads);
      const fastest = ours.length === 0 ? null : ours.reduce((a, b) => (a.median! <= b.median! ? a : b));
      const memory =
        fastest === null ? null : await probeSparseMemory(spec, fastest.key.includes('newton') ? 'newton' : 'lbfgs', fastest.tol!, fastest.threads);
      const result: SparseSetResult = {
        name: spec.name,
        rows: spec.rows,
        cols: spec.cols,
        nnz: stats.nnz,
        csrBytes: bytes,
        stats,
        madeIn: set.madeIn,
        optimum,
        throughput,
        memory,
        liblinearCheck,
        freeCores: cores.length === 0 ? null : median(cores),
      };
      printSet(result);
      results.sets.push(result);
    } finally {
      X?.dispose();
      await anchors?.close();
    }
    console.log(`(set done in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }

  const hashing = await benchHashing(settings.textMegabytes, settings.textRuns);
  results.hashing = hashing;
  console.log(
    `\n### HashingVectorizer\n\nDefault options (word unigrams, 2^20 columns, l2), transform of ${hashing.documents.toLocaleString('en-US')} Brown-corpus passages ` +
      `(${(hashing.bytes / 1e6).toFixed(1)} MB of UTF-8) into a CsrMatrix, one core, median of ${hashing.runs} runs after a warm-up: ` +
      `${formatMs(hashing.median)} wall-clock, ${hashing.mbPerSecond.toFixed(1)} MB/s (CPU time ${formatMs(hashing.cpu)}, ${hashing.mbPerCpuSecond.toFixed(1)} MB/s).`,
  );
  return results;
}

function printSet(result: SparseSetResult): void {
  const { optimum } = result;
  const liblinear = optimum.rows.find((r) => r.key === 'liblinear' && r.median !== null);
  console.log(
    renderTable(
      ['side', 'threads', 'tol needed', 'time to F*', 'runs', 'nIter', 'final F', 'gap to F*', 'ladder (tol: time, gap)', liblinear ? 'time / LIBLINEAR' : ''],
      optimum.rows.map((r) => [
        r.label,
        String(r.threads),
        r.tol === null ? 'not reached' : r.tol.toExponential(0),
        formatMs(r.median),
        String(r.times.length),
        r.nIter === null ? '—' : String(r.nIter),
        r.objective === null ? '—' : r.objective.toPrecision(15),
        r.gap <= 0 ? '0 (F*)' : r.gap.toExponential(1),
        r.ladder.map((s) => `${s.tol.toExponential(0)}: ${formatMs(s.ms)}, ${Math.max(0, (s.objective - optimum.best) / Math.abs(optimum.best)).toExponential(0)}`).join('; '),
        liblinear === undefined || r.median === null ? '' : `${(r.median / liblinear.median!).toFixed(2)}×`,
      ]),
    ),
  );
  console.log(`\nF* = ${optimum.best.toPrecision(17)}, found by ${optimum.bestBy}.`);
  if (result.liblinearCheck !== null) {
    console.log(
      `liblinear-train (the command, -e 0.1) and the library call the bench times give the same w${result.liblinearCheck === 0 ? ' (bit for bit)' : `: max |Δw| = ${result.liblinearCheck.toExponential(1)}`}.`,
    );
  }
  if (result.throughput.length > 0) {
    console.log('');
    console.log(
      renderTable(
        ['gradient pass', 'threads', 'passes × rounds', 'per pass', 'non-zeros / s'],
        result.throughput.map((t) => [
          'solver gd, marginal pass',
          String(t.threads),
          `${t.passes} × ${t.rounds}`,
          formatMs(t.perPass),
          t.nnzPerSecond === null ? 'too noisy to tell' : formatRate(t.nnzPerSecond),
        ]),
      ),
    );
  }
  if (result.freeCores !== null) console.log(`\nCores free before the timed rounds: ${result.freeCores.toFixed(2)} (median; ParallelProbe, 2.00 = both free).`);
  if (result.memory !== null) {
    const m = result.memory;
    console.log(
      `\nCore memory (${m.solver}, ${m.threads} thread${m.threads > 1 ? 's' : ''}, a process of its own, every block counted): X holds ${formatBytes(m.xBytes)} ` +
        `(CSR ${formatBytes(m.csrBytes)}), the fit at most ${formatBytes(m.fitBytes)} more; peak ${m.ratio.toFixed(3)}× the CSR bytes ` +
        `(the WebAssembly memory grew by ${formatBytes(m.memoryGrowth)}: the allocator grows it in large steps).`,
    );
  }
}
