/**
 * Prints a SHA-256 of the exact bits a grid of fits produces (coefficients, intercepts,
 * nIter, probabilities), one line per case and a total, so a refactoring can show it
 * changed no result: run it before and after and compare the lines.
 *
 * The grid: the reference experiment (`npm start`); every parity fixture
 * (test/fixtures/parity/fits.json) under the default solver and under each solver that
 * accepts its penalty; float64 and float32 X; and a 300,000-row problem (several chunks
 * per pass) at threads 1 and 2. The wasm cores are bit-identical for any thread count
 * by construction (assembly/objective/chunks.ts); test/core/threads.test.ts checks 1–4.
 *
 *   npx tsx tools/fingerprint.ts [--verbose] [--dump FILE [--optimum-for NAMES.json]] [--pin FILE]
 *   npx tsx tools/fingerprint.ts --compare BEFORE.json AFTER.json [--moved NAMES.json]
 *
 * --dump also writes every case's coefficients and intercepts (and nIter) as JSON. A change
 * that is meant to move results slightly (rounding of the loss, say) is then judged with
 * --compare on the dumps of the two builds: per case the largest |Δθ| over the largest
 * |θ|, the worst cases listed and the cases whose nIter changed; --moved writes the names
 * of the cases that moved. Dumped again with --optimum-for that list, each of those cases
 * (but 'gd' and 'newton-cd' ones) is also fitted to tol 1e-12 (at most 3,000 iterations)
 * as its optimum, and --compare then says how far each build's result is from it.
 *
 * --pin writes the coefficients and intercepts (and nIter) of the parity fixtures' lbfgs,
 * owlqn and newton cases, float64 and float32, to FILE: test/fixtures/parity/pinned.json,
 * which test/parity/parity.test.ts holds every later build to (1e-12 relative).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  type Label,
  LogisticRegression,
  type LogisticRegressionOptions,
  Matrix,
  makeClassification,
  startWorkers,
  terminateWorkers,
  trainTestSplit,
} from '../src/index.js';

interface Dumped {
  theta: number[];
  nIter: number;
  /** The case fitted to a tight tol (TIGHT), with --optimum-for. */
  optimum?: number[];
}

/** max |a − b| / max |reference|. */
function relativeGap(a: readonly number[], b: readonly number[], reference: readonly number[]): number {
  const scale = Math.max(...reference.map(Math.abs));
  const diff = Math.max(...a.map((v, k) => Math.abs(v - b[k]!)));
  return scale === 0 ? diff : diff / scale;
}

const argv = process.argv.slice(2);
if (argv[0] === '--compare') {
  const movedIndex = argv.indexOf('--moved');
  compare(argv[1], argv[2], movedIndex < 0 ? null : argv[movedIndex + 1]);
  process.exit(0);
}
const verbose = argv.includes('--verbose');
const dumpIndex = argv.indexOf('--dump');
const dumpFile = dumpIndex < 0 ? null : argv[dumpIndex + 1];
if (dumpIndex >= 0 && dumpFile === undefined) throw new Error('--dump: expected a file name');
const dump: Record<string, Dumped> = {};
const pinIndex = argv.indexOf('--pin');
const pinFile = pinIndex < 0 ? null : argv[pinIndex + 1];
if (pinIndex >= 0 && pinFile === undefined) throw new Error('--pin: expected a file name');
/** The solvers whose parity cases --pin writes. */
const PINNED_SOLVERS = new Set<LogisticRegressionOptions['solver']>(['lbfgs', 'owlqn', 'newton']);
const pinned: Record<string, { coef: number[]; intercept: number[]; nIter: number }> = {};
const optimumIndex = argv.indexOf('--optimum-for');
const optimumFor = new Set<string>(optimumIndex < 0 ? [] : (JSON.parse(readFileSync(argv[optimumIndex + 1]!, 'utf8')) as string[]));
const total = createHash('sha256');
let cases = 0;

/** Prints how far the cases of two dumps differ (see the header). */
function compare(before: string | undefined, after: string | undefined, movedFile: string | null | undefined): void {
  if (before === undefined || after === undefined) throw new Error('--compare: expected two dump files');
  const a = JSON.parse(readFileSync(before, 'utf8')) as Record<string, Dumped>;
  const b = JSON.parse(readFileSync(after, 'utf8')) as Record<string, Dumped>;
  const rows: { name: string; relative: number; nIter: string; toOptimum: [number, number] | null }[] = [];
  for (const [name, x] of Object.entries(a)) {
    const y = b[name];
    if (y === undefined) throw new Error(`${after} has no case '${name}'`);
    const optimum = y.optimum;
    rows.push({
      name,
      relative: relativeGap(x.theta, y.theta, x.theta),
      nIter: x.nIter === y.nIter ? '' : `${x.nIter} → ${y.nIter}`,
      toOptimum: optimum === undefined ? null : [relativeGap(x.theta, optimum, optimum), relativeGap(y.theta, optimum, optimum)],
    });
  }
  rows.sort((p, q) => q.relative - p.relative);
  const identical = rows.filter((r) => r.relative === 0).length;
  console.log(`${rows.length} cases: ${identical} identical, ${rows.filter((r) => r.relative > 1e-12).length} beyond 1e-12 (max|Δθ| / max|θ|)`);
  const gap = (r: (typeof rows)[number]): string =>
    r.toOptimum === null ? '' : `  (to the optimum: ${r.toOptimum[0].toExponential(1)} before, ${r.toOptimum[1].toExponential(1)} after)`;
  for (const r of rows.slice(0, 15)) console.log(`  ${r.relative.toExponential(2)}  ${r.name}${r.nIter === '' ? '' : `  (nIter ${r.nIter})`}${gap(r)}`);
  const moved = rows.filter((r) => r.relative > 0 && r.toOptimum !== null);
  const within = moved.filter((r) => r.relative <= r.toOptimum![0]).length;
  const closer = moved.filter((r) => r.toOptimum![1] < r.toOptimum![0]).length;
  console.log(
    `of the ${moved.length} moved cases with an optimum: ${within} moved less than their distance to it, ${closer} are closer to it after, ` +
      `${moved.length - closer} not; worst distance to it ${Math.max(0, ...moved.map((r) => r.toOptimum![0])).toExponential(1)} before, ${Math.max(0, ...moved.map((r) => r.toOptimum![1])).toExponential(1)} after`,
  );
  if (movedFile !== null) {
    if (movedFile === undefined) throw new Error('--moved: expected a file name');
    writeFileSync(movedFile, JSON.stringify(rows.filter((r) => r.relative > 0).map((r) => r.name)));
  }
  const iterations = rows.filter((r) => r.nIter !== '');
  console.log(`nIter changed in ${iterations.length} cases${iterations.length === 0 ? '' : ': ' + iterations.map((r) => `${r.name} (${r.nIter})`).join('; ')}`);
}

/** Records a case; `optimum` fits the same case to a tight tol (called only with --dump). */
function record(name: string, model: LogisticRegression, X: Matrix<'float64' | 'float32'>, optimum?: () => LogisticRegression): void {
  const hash = createHash('sha256');
  const add = (values: ArrayLike<number>): void => {
    hash.update(new Uint8Array(Float64Array.from(values).buffer));
  };
  add(model.coef.data);
  add(model.intercept);
  add([model.nIter, model.converged ? 1 : 0]);
  add(model.predictProba(X).data);
  const digest = hash.digest('hex');
  dump[name] = { theta: [...model.coef.data, ...model.intercept], nIter: model.nIter };
  if (dumpFile !== null && optimum !== undefined && optimumFor.has(name)) {
    const tight = optimum();
    dump[name].optimum = [...tight.coef.data, ...tight.intercept];
    tight.dispose();
  }
  total.update(`${name} ${digest}\n`);
  cases++;
  if (verbose) console.log(`${digest.slice(0, 16)} ${name}`);
}

const quiet = { onWarning: null } as const;
/** The options of a case's optimum (see --dump). */
const TIGHT = { tol: 1e-12, maxIter: 3000 } as const;

// The reference experiment.
{
  const { X, y } = makeClassification({ nSamples: 1000, nFeatures: 2, nRedundant: 0, nInformative: 2, nClustersPerClass: 1, randomState: 42 });
  const { XTrain, yTrain } = trainTestSplit(X, y, { testSize: 0.2, randomState: 42 });
  const model = new LogisticRegression({ solver: 'gd', penalty: 'none', learningRate: 0.01, maxIter: 1000, tol: 0 });
  model.fit(XTrain, yTrain);
  record('reference-experiment', model, XTrain);
}

// The parity fixtures under every solver that takes their penalty.
interface ParityFit {
  id: string;
  dataset: string;
  params: Required<Pick<LogisticRegressionOptions, 'penalty' | 'C' | 'fitIntercept' | 'multiClass' | 'tol'>> & {
    l1Ratio: number | null;
    classWeight: 'balanced' | Record<string, number> | null;
  };
  sampleWeight: number[] | null;
}
const fixtures = new URL('../test/fixtures/parity/', import.meta.url);
const { fits } = JSON.parse(readFileSync(new URL('fits.json', fixtures), 'utf8')) as { fits: ParityFit[] };
const datasets = new Map<string, { X: number[][]; y: Label[] }>();
const solversFor: Record<string, LogisticRegressionOptions['solver'][]> = {
  l2: [undefined, 'lbfgs', 'newton', 'newton-cd', 'owlqn', 'gd'],
  none: [undefined, 'lbfgs', 'newton', 'gd'],
  l1: [undefined, 'owlqn', 'newton-cd'],
  elasticnet: [undefined, 'owlqn', 'newton-cd'],
};
for (const fit of fits) {
  let data = datasets.get(fit.dataset);
  if (data === undefined) {
    data = JSON.parse(readFileSync(new URL(`datasets/${fit.dataset}.json`, fixtures), 'utf8')) as { X: number[][]; y: Label[] };
    datasets.set(fit.dataset, data);
  }
  const { penalty, C, fitIntercept, multiClass, tol, classWeight, l1Ratio } = fit.params;
  const rest = { penalty, C, fitIntercept, multiClass, tol };
  for (const solver of solversFor[fit.params.penalty] ?? [undefined]) {
    for (const dtype of ['float64', 'float32'] as const) {
      const X = Matrix.fromRows(data.X, { dtype });
      const options: LogisticRegressionOptions = {
        ...rest,
        ...(l1Ratio === null ? {} : { l1Ratio }),
        ...(classWeight === null ? {} : { classWeight }),
        ...(solver === undefined ? {} : { solver }),
        ...(solver === 'gd' ? { maxIter: 200 } : {}),
        ...quiet,
      };
      const fitOptions = fit.sampleWeight === null ? {} : { sampleWeight: fit.sampleWeight };
      const model = new LogisticRegression(options).fit(X, data.y, fitOptions);
      const optimum = (): LogisticRegression => new LogisticRegression({ ...options, ...TIGHT }).fit(X, data.y, fitOptions);
      const name = `${fit.id} ${solver ?? 'default'} ${dtype}`;
      record(name, model, X, solver === 'gd' || solver === 'newton-cd' ? undefined : optimum);
      if (PINNED_SOLVERS.has(solver)) pinned[name] = { coef: Array.from(model.coef.data), intercept: Array.from(model.intercept), nIter: model.nIter };
      model.dispose();
      X.dispose();
    }
  }
}

// A problem of many chunks, at one and two threads.
{
  const { X, y } = makeClassification({ nSamples: 300_000, nFeatures: 20, nInformative: 10, randomState: 7 });
  const { X: X3, y: y3 } = makeClassification({ nSamples: 300_000, nFeatures: 20, nInformative: 10, nClasses: 3, randomState: 8 });
  await startWorkers(2);
  for (const threads of [1, 2]) {
    for (const solver of ['lbfgs', 'newton', 'newton-cd'] as const) {
      const tight = { solver, threads, ...TIGHT, ...quiet };
      const optimum = solver === 'newton-cd' ? undefined : () => new LogisticRegression(tight).fit(X, y);
      const binary = new LogisticRegression({ solver, threads, ...quiet }).fit(X, y);
      record(`large binary ${solver} threads=${threads}`, binary, X, optimum);
      if (solver === 'newton-cd') continue;
      const multi = new LogisticRegression({ solver, threads, ...quiet }).fit(X3, y3);
      record(`large multinomial ${solver} threads=${threads}`, multi, X3, () => new LogisticRegression(tight).fit(X3, y3));
    }
    const X32 = Matrix.fromRows(X.toArray(), { dtype: 'float32' });
    record(`large binary float32 threads=${threads}`, new LogisticRegression({ threads, ...quiet }).fit(X32, y), X32);
  }
  terminateWorkers();
}

console.log(`${cases} cases: ${total.digest('hex')}`);
if (dumpFile !== null && dumpFile !== undefined) writeFileSync(dumpFile, JSON.stringify(dump));
if (pinFile !== null && pinFile !== undefined) {
  const note = 'Written by `npx tsx tools/fingerprint.ts --pin FILE`: the parity fits (fits.json) under lbfgs, owlqn and newton at their own options, X float64 and float32.';
  const lines = Object.entries(pinned).map(([name, pin]) => `  ${JSON.stringify(name)}: ${JSON.stringify(pin)}`);
  writeFileSync(pinFile, `{\n "note": ${JSON.stringify(note)},\n "cases": {\n${lines.join(',\n')}\n }\n}\n`);
}
