/**
 * The long fuzz run: the sessions of test/reliability/fuzz-model.ts (random options, shapes,
 * values, labels, weights and call sequences on one LogisticRegression), checked against
 * the same invariants as the quick run in `npm test`, for as many cases as asked.
 *
 *   npx tsx tools/fuzz.ts [--runs 100000] [--seed 20261129] [--batch 2000] [--minutes 0]
 *
 * Cases run in batches; batch b uses seed + b, so a failure is reproduced by its batch's
 * seed and fast-check's path (both printed). Prints progress after every batch and a
 * summary at the end; exits 1 on the first failing batch (after shrinking it).
 * `--minutes m` stops starting new batches after m minutes (0: no limit).
 */
import fc from 'fast-check';
import { runSession, type SessionReport, sessionArbitrary } from '../test/reliability/fuzz-model.js';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`--${name} needs a number ≥ 0, got ${process.argv[at + 1]}`);
  return value;
}

const runs = option('runs', 100_000);
const seed = option('seed', 20261129);
const batchSize = Math.max(1, option('batch', 2000));
const minutes = option('minutes', 0);

const totals: SessionReport = { returned: 0, rejected: 0, knownBugs: {}, errors: {} };
let cases = 0;
let slowest = 0;
const started = performance.now();
const elapsed = (): number => (performance.now() - started) / 1000;

console.log(`fuzz: ${runs} sessions, seed ${seed}, batches of ${batchSize}${minutes > 0 ? `, at most ${minutes} min` : ''}`);
for (let batch = 0; cases < runs; batch++) {
  if (minutes > 0 && elapsed() > minutes * 60) {
    console.log(`time limit reached after ${cases} sessions`);
    break;
  }
  const numRuns = Math.min(batchSize, runs - cases);
  const batchSeed = seed + batch;
  const result = fc.check(
    fc.property(sessionArbitrary, (session) => {
      const t = performance.now();
      const report = runSession(session);
      slowest = Math.max(slowest, performance.now() - t);
      totals.returned += report.returned;
      totals.rejected += report.rejected;
      for (const [name, hits] of Object.entries(report.knownBugs)) totals.knownBugs[name] = (totals.knownBugs[name] ?? 0) + hits;
      for (const [kind, hits] of Object.entries(report.errors)) totals.errors[kind] = (totals.errors[kind] ?? 0) + hits;
    }),
    { seed: batchSeed, numRuns },
  );
  if (result.failed) {
    console.log(`\nFAILED in batch ${batch} (seed ${batchSeed}) after ${cases + result.numRuns} sessions:`);
    console.log(fc.defaultReportMessage(result));
    console.log(`\n${String(result.errorInstance instanceof Error ? result.errorInstance.message : result.errorInstance)}`);
    process.exit(1);
  }
  cases += numRuns;
  const rate = cases / elapsed();
  console.log(
    `${cases}/${runs} sessions, ${elapsed().toFixed(0)} s, ${rate.toFixed(0)}/s, calls ${totals.returned} returned + ${totals.rejected} rejected, slowest session ${slowest.toFixed(0)} ms`,
  );
}

console.log('\nsummary');
console.log(`  sessions        ${cases} (seed ${seed}, batches of ${batchSize})`);
console.log(`  duration        ${elapsed().toFixed(1)} s`);
console.log(`  calls           ${totals.returned + totals.rejected}: ${totals.returned} returned, ${totals.rejected} threw a documented error`);
console.log(`  slowest session ${slowest.toFixed(0)} ms`);
console.log(`  known cases     ${Object.keys(totals.knownBugs).length === 0 ? 'none hit' : Object.entries(totals.knownBugs).map(([name, hits]) => `${name} ×${hits}`).join(', ')}`);
console.log('  documented errors, most frequent first:');
for (const [kind, hits] of Object.entries(totals.errors).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${String(hits).padStart(8)}  ${kind}`);
console.log('  result          no invariant violated');
