/**
 * Default float32 fits against float64 on makeClassification data (randomState 1, 20
 * features): iterations, convergence, fit time and the coefficient gap, medians over
 * several runs. The figures BENCHMARKS.md quotes for float32 convergence.
 *
 *   npx tsx tools/float32-convergence.ts [--runs N] [--rows 100000,1000000]
 *
 * Three fits per run, taking turns so a noisy neighbour slows all alike: float64; float32
 * from the same float64 Matrix (fit converts it); float32 from a float32 Matrix.alloc
 * (read in place, as the README's example does). Gap: max |Δcoef| / max |coef| against
 * the float64 fit of the same run.
 */
import { LogisticRegression, Matrix, makeClassification } from '../src/index.js';
import { relativeError } from '../test/helpers.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? (args[at + 1] as string) : fallback;
};
const runs = Number(option('--runs', '3'));
const sizes = option('--rows', '100000,1000000').split(',').map(Number);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

for (const rows of sizes) {
  const { X, y } = makeClassification({ nSamples: rows, nFeatures: 20, randomState: 1 });
  const X32 = Matrix.alloc(rows, 20, { dtype: 'float32' });
  X32.data.set(X.data);
  const labels = Array.from(y);
  const kinds = ['float64', 'float32 (converted)', 'float32 (in place)'] as const;
  const record = new Map(kinds.map((k) => [k, { ms: [] as number[], nIter: [] as number[], converged: [] as boolean[], gap: [] as number[] }]));
  for (let run = 0; run < runs; run++) {
    let reference: Float64Array | null = null;
    for (const kind of kinds) {
      const warnings: string[] = [];
      const model = new LogisticRegression({ dtype: kind === 'float64' ? 'float64' : 'float32', onWarning: (m) => warnings.push(m) });
      const start = performance.now();
      model.fit(kind === 'float32 (in place)' ? X32 : X, labels);
      const ms = performance.now() - start;
      const coef = Float64Array.from(model.coef.data);
      if (reference === null) reference = coef;
      const entry = record.get(kind)!;
      entry.ms.push(ms);
      entry.nIter.push(model.nIter as number);
      entry.converged.push(model.converged && warnings.length === 0);
      entry.gap.push(relativeError(coef, reference));
      model.dispose();
    }
  }
  const base = median(record.get('float64')!.ms);
  console.log(`\n${rows.toLocaleString('en')} × 20, ${runs} runs (medians)`);
  for (const kind of kinds) {
    const e = record.get(kind)!;
    console.log(
      `  ${kind.padEnd(20)} nIter ${median(e.nIter)}  converged ${e.converged.every(Boolean)}  ${median(e.ms).toFixed(0)} ms (×${(median(e.ms) / base).toFixed(2)} of float64, range ${Math.min(...e.ms).toFixed(0)}–${Math.max(...e.ms).toFixed(0)})  coef gap ${median(e.gap).toExponential(1)}`,
    );
  }
  X32.dispose();
}
