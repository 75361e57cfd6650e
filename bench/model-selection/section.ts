/**
 * The model-selection section of `npm run bench` (issue 14): LogisticRegressionCV against
 * scikit-learn 1.2.1 on the same folds, a fold's whole path against one cold fit (cv.ts),
 * and the l1 path against LIBLINEAR 2.3 `-s 6` and scikit-learn's saga to the same
 * objectives per C (l1-path.ts), on the sets of sets.ts; then the targets (targets.ts).
 * @module
 */
import { terminateWorkers } from '../../src/core/threads.js';
import { ParallelProbe } from '../bandwidth.js';
import { renderTable } from '../format.js';
import { pythonUnavailable } from '../python.js';
import { LIBLINEAR, ensurePackage } from '../sparse/debian.js';
import { median } from '../timing.js';
import { type CvResult, benchCv, meanScores } from './cv.js';
import { type L1Result, type PathSide, REL, benchL1Path } from './l1-path.js';
import { Peers } from './peers.js';
import { type BenchSet, type ModelSelectionMode, SHAPES, denseSet, sparseSet } from './sets.js';

interface ModeSettings {
  rounds: number;
  sagaMaxIter: number;
  /** ms. */
  sagaBudget: number;
  sagaRoundCap: number;
}

const SETTINGS: Record<ModelSelectionMode, ModeSettings> = {
  quick: { rounds: 0, sagaMaxIter: 100, sagaBudget: 300, sagaRoundCap: 0 },
  default: { rounds: 3, sagaMaxIter: 1000, sagaBudget: 180_000, sagaRoundCap: 20_000 },
  full: { rounds: 5, sagaMaxIter: 2000, sagaBudget: 600_000, sagaRoundCap: 60_000 },
};

const CS = 10;
const FOLDS = 5;

export interface ModelSelectionResults {
  threads: number;
  sklearn: string | null;
  liblinear: string | null;
  skipped: string[];
  /** Median cores free before the timed rounds (ParallelProbe), or null when not probed. */
  freeCores: number | null;
  cv: CvResult | null;
  l1: L1Result[];
}

const seconds = (ms: number | null): string => (ms === null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

/** Runs the section and prints its tables. */
export async function benchModelSelection(mode: ModelSelectionMode, threads: number): Promise<ModelSelectionResults> {
  const settings = SETTINGS[mode];
  console.log('\n## Model selection: LogisticRegressionCV, warm-started paths, the l1 path against LIBLINEAR and saga\n');
  const skipped: string[] = [];
  const python = pythonUnavailable();
  if (python !== null) skipped.push(`scikit-learn and LIBLINEAR rows: ${python}`);
  const liblinearMissing = python === null ? ensurePackage(LIBLINEAR) : null;
  if (liblinearMissing !== null) skipped.push(`LIBLINEAR rows: ${liblinearMissing} (LIBLINEAR is called through liblinear.so.4, which liblinear-tools brings)`);
  for (const notice of skipped) console.log(`Skipped: ${notice}`);
  const peers = python === null ? Peers.start() : null;
  const probe = mode === 'quick' || threads < 2 ? null : new ParallelProbe(threads);
  const cores: number[] = [];
  const beforeRound = probe === null ? undefined : async (): Promise<void> => void cores.push(await probe.measure());
  const results: ModelSelectionResults = { threads, sklearn: null, liblinear: null, skipped, freeCores: null, cv: null, l1: [] };
  const sets: BenchSet[] = [];
  try {
    const [rows, cols] = SHAPES[mode].dense;
    let started = performance.now();
    const dense = denseSet(rows, cols);
    sets.push(dense);
    console.log(`### ${dense.name}: ${dense.description} (made in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    if (peers !== null) {
      await peers.load(dense);
      results.sklearn = `scikit-learn ${peers.sklearn} (numpy ${peers.numpy})`;
    }
    started = performance.now();
    results.cv = await benchCv(dense, peers, { Cs: CS, nSplits: FOLDS, threads, peerJobs: mode === 'quick' ? 1 : threads, rounds: settings.rounds, ...(beforeRound === undefined ? {} : { beforeRound }) });
    printCv(results.cv);
    console.log(`(rows 1–2 done in ${((performance.now() - started) / 1000).toFixed(1)} s)`);

    const l1Peers = peers !== null && liblinearMissing === null ? peers : null;
    const [sRows, sCols, perRow] = SHAPES[mode].sparse;
    const sparse = sparseSet(sRows, sCols, perRow);
    sets.push(sparse);
    for (const set of [dense, sparse]) {
      started = performance.now();
      console.log(`\n### l1 path, ${set.name}${set === sparse ? `: ${set.description}` : ''}\n`);
      if (l1Peers !== null) await l1Peers.load(set);
      const l1 = await benchL1Path(set, l1Peers, {
        Cs: CS,
        threads: threads > 1 ? [1, threads] : [1],
        rounds: settings.rounds,
        sagaMaxIter: settings.sagaMaxIter,
        sagaBudget: settings.sagaBudget,
        sagaRoundCap: settings.sagaRoundCap,
        ...(beforeRound === undefined ? {} : { beforeRound }),
      });
      if (l1Peers?.liblinearVersion != null) results.liblinear = `LIBLINEAR ${l1Peers.liblinearVersion} (Debian's liblinear.so.4, which liblinear-train runs)`;
      printL1(l1, settings);
      results.l1.push(l1);
      console.log(`(set done in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
  } finally {
    for (const set of sets) set.X.dispose();
    await peers?.close();
    await probe?.close();
    terminateWorkers();
  }
  results.freeCores = cores.length === 0 ? null : median(cores);
  if (results.freeCores !== null) {
    console.log(`\nCores free before the timed rounds: ${results.freeCores.toFixed(2)} of ${threads} (median; range ${Math.min(...cores).toFixed(2)}–${Math.max(...cores).toFixed(2)}; ParallelProbe).`);
  }
  return results;
}

function printCv(r: CvResult): void {
  const sides = [r.ours, ...(r.sklearn === null ? [] : [r.sklearn])];
  const nIterRange = (grid: number[][]): string => `${Math.min(...grid.flat())}–${Math.max(...grid.flat())}`;
  console.log(
    renderTable(
      ['side', 'threads / n_jobs', 'time (median)', 'runs', 'vs scikit-learn', 'chosen C', 'iterations per fit', 'iterations, all folds and Cs'],
      sides.map((s) => [
        s.label,
        String(s === r.ours ? r.threads : r.peerJobs),
        seconds(s.median),
        String(s.times.length),
        r.sklearn === null ? '—' : `${(s.median / r.sklearn.median).toFixed(2)}×`,
        s.C.toPrecision(4),
        nIterRange(s.nIter),
        String(s.nIter.flat().reduce((a, b) => a + b, 0)),
      ]),
    ),
  );
  console.log(`\nMean held-out accuracy per C (${r.folds} folds, the same explicit folds on both sides):\n`);
  const means = sides.map(meanScores);
  console.log(
    renderTable(
      ['C', ...sides.map((s) => s.label.replace(' LogisticRegressionCV', '')), ...(r.sklearn === null ? [] : ['|Δ| (max over folds)'])],
      r.Cs.map((C, c) => [
        C.toPrecision(4),
        ...means.map((m) => m[c]!.toFixed(6)),
        ...(r.sklearn === null ? [] : [Math.max(...r.ours.scores.map((row, f) => Math.abs(row[c]! - r.sklearn!.scores[f]![c]!))).toExponential(1)]),
      ]),
    ),
  );
  if (r.agreement !== null) {
    console.log(
      `\nAgreement: chosen C ${r.agreement.sameC ? 'the same' : `DIFFERS (ours ${r.ours.C}, scikit-learn ${r.sklearn!.C})`}; ` +
        `largest |Δ score| over folds × Cs ${r.agreement.maxScoreDiff.toExponential(1)} (one held-out row is ${(1 / (r.path.foldRows / (r.folds - 1))).toExponential(1)}).`,
    );
  }
  if (r.warnings.length > 0) console.log(`Our search warned ${r.warnings.length} time(s), e.g.: ${r.warnings[0]!.split('\n')[0]}`);
  for (const s of sides) console.log(`Iterations per C, ${s.label}, summed over the folds: ${s.nIter[0]!.map((_, c) => s.nIter.reduce((sum, row) => sum + row[c]!, 0)).join(' ')}`);
  const p = r.path;
  console.log(
    `\nWhole path for fold 0 (${p.foldRows.toLocaleString('en-US')} rows, ${r.Cs.length} Cs, lbfgs, warm starts, ${r.threads} threads): ${seconds(p.pathMedian)} ` +
      `(iterations per C: ${p.pathNIter.join(' ')}; ${p.pathNIter.reduce((a, b) => a + b, 0)} in all); one cold fit at C = ${p.midC.toPrecision(4)}: ${seconds(p.coldMedian)} ` +
      `(${p.coldNIter} iterations); path / cold fit = ${(p.pathMedian / p.coldMedian).toFixed(2)}× (medians of ${p.pathTimes.length} runs). ` +
      `Per iteration: ${seconds(p.pathMedian / Math.max(1, p.pathNIter.reduce((a, b) => a + b, 0)))} along the path (fixed costs of its ${r.Cs.length} fits included), ` +
      `${seconds(p.coldMedian / Math.max(1, p.coldNIter))} in the cold fit; ` +
      (p.pass > 0
        ? `one gradient pass over these rows costs ${seconds(p.pass)} at the margin (solver 'gd', same threads), so an lbfgs iteration costs about ${(p.coldMedian / Math.max(1, p.coldNIter) / p.pass).toFixed(1)} passes. `
        : 'one gradient pass is too short to tell here. ') +
      `${r.folds} × the fold-0 path = ${seconds(r.folds * p.pathMedian)} of the search's ${seconds(r.ours.median)}.`,
  );
}

function printL1(r: L1Result, settings: ModeSettings): void {
  const pathRow = (s: PathSide): string[] => [
    `${s.label}${s.threads > 1 ? `, ${s.threads} threads` : ''}`,
    s.chosen === null ? 'not reached' : `tol ${s.chosen.tol.toExponential(0)}`,
    seconds(s.median),
    String(s.times.length),
    r.liblinear?.median == null || s.median === null ? '—' : `${(s.median / r.liblinear.median).toFixed(2)}×`,
    r.saga?.median == null || s.median === null ? '—' : `${(s.median / r.saga.median).toFixed(2)}×`,
    s.gap <= 0 ? '0' : s.gap.toExponential(1),
    (s.chosen ?? s.ladder[s.ladder.length - 1]!).nIter.join(' '),
  ];
  const rows = r.ours.map(pathRow);
  if (r.liblinear !== null) {
    const lib = r.liblinear;
    const eps = lib.chosen.map((s) => (s === null ? '?' : s.eps.toExponential(0)));
    rows.push([
      'LIBLINEAR 2.3 -s 6, a cold fit per C',
      `-e ${[...new Set(eps)].join('/')} per C`,
      seconds(lib.median),
      String(lib.times.length),
      lib.median === null ? '—' : '1.00×',
      r.saga?.median == null || lib.median === null ? '—' : `${(lib.median / r.saga.median).toFixed(2)}×`,
      lib.gap <= 0 ? '0' : lib.gap.toExponential(1),
      lib.chosen.map((s, c) => (s ?? lib.ladders[c]![lib.ladders[c]!.length - 1]!).nIter).join(' '),
    ]);
  }
  if (r.saga !== null) rows.push(pathRow(r.saga));
  console.log(
    renderTable(['side', 'tolerance', 'time to F* (all Cs)', 'runs', 'vs LIBLINEAR', 'vs saga', 'max gap to F*_C', 'iterations per C (Newton / epochs)'], rows),
  );
  if (r.sagaBudgetHit) console.log(`\nsaga: its ladder stopped on the time budget (${seconds(settings.sagaBudget)}, max_iter ${settings.sagaMaxIter}) before every C reached F*.`);
  console.log(`\nPer C: F*_C = the lowest F_C = C·Σ log-loss + ‖w‖₁ any fit reached; each side's gap (F − F*_C)/F*_C at its chosen tolerance (threshold ${REL.toExponential(0)}).\n`);
  const fastestOurs = r.ours.find((s) => s.chosen !== null) ?? r.ours[0]!;
  const ourStep = fastestOurs.chosen ?? fastestOurs.ladder[fastestOurs.ladder.length - 1]!;
  const sagaStep = r.saga === null ? null : (r.saga.chosen ?? r.saga.ladder[r.saga.ladder.length - 1] ?? null);
  const gap = (F: number, c: number): string => {
    const g = (F - r.best[c]!) / Math.abs(r.best[c]!);
    return g <= 0 ? '0' : g.toExponential(1);
  };
  console.log(
    renderTable(
      ['C', 'F*_C', 'nonzero w (ours)', `ours ${fastestOurs.threads}t gap`, 'ours iters', 'LIBLINEAR -e', 'gap', 'ms', 'Newton its', 'CD cycles', 'saga gap', 'saga epochs', 'saga ms'],
      r.Cs.map((C, c) => {
        const lib = r.liblinear === null ? null : (r.liblinear.chosen[c] ?? r.liblinear.ladders[c]![r.liblinear.ladders[c]!.length - 1]!);
        return [
          C.toPrecision(3),
          r.best[c]!.toPrecision(12),
          r.nonzero[c] === undefined ? '—' : String(r.nonzero[c]),
          gap(ourStep.objectives[c]!, c),
          String(ourStep.nIter[c]),
          lib === null ? '—' : lib.eps.toExponential(0),
          lib === null ? '—' : gap(lib.objective, c),
          lib === null ? '—' : lib.ms.toFixed(1),
          lib === null ? '—' : String(lib.nIter),
          lib === null ? '—' : String(lib.cd),
          sagaStep === null ? '—' : gap(sagaStep.objectives[c]!, c),
          sagaStep === null ? '—' : String(sagaStep.nIter[c]),
          sagaStep?.msPerC === undefined ? '—' : sagaStep.msPerC[c]!.toFixed(0),
        ];
      }),
    ),
  );
  console.log(`F*_C found by: ${[...new Set(r.bestBy)].join('; ')}.`);
}
