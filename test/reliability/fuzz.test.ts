/**
 * The quick fuzz run (the long one is `tools/fuzz.ts`): random sessions of calls on one
 * LogisticRegression, checked by the invariants documented in fuzz-model.ts. Seeded by the
 * global fast-check seed (test/setup.ts, FC_SEED), so every run checks the same sessions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSession, type SessionReport, sessionArbitrary } from './fuzz-model.js';

const QUICK_RUNS = 1000;

describe('fuzzing', () => {
  it('returns valid outputs or throws a documented error from every call, leaving the model as it was on error', () => {
    fc.assert(
      fc.property(sessionArbitrary, (session) => {
        runSession(session);
      }),
      { numRuns: QUICK_RUNS },
    );
  });

  it('reaches successful fits, rejections of every documented class and every kind of call', () => {
    // Guards against a fuzzer that only ever exercises the error paths.
    const totals: SessionReport = { returned: 0, rejected: 0, knownBugs: {}, errors: {} };
    const ops = new Set<string>();
    for (const session of fc.sample(sessionArbitrary, { numRuns: 300 })) {
      const report = runSession(session);
      totals.returned += report.returned;
      totals.rejected += report.rejected;
      for (const [kind, hits] of Object.entries(report.errors)) totals.errors[kind] = (totals.errors[kind] ?? 0) + hits;
      for (const step of session.steps) ops.add(step.op);
    }
    expect(totals.returned).toBeGreaterThan(300);
    expect(totals.rejected).toBeGreaterThan(100);
    const kinds = Object.keys(totals.errors).map((key) => key.split(':')[0]);
    expect(new Set(kinds)).toEqual(new Set(['TypeError', 'RangeError', 'NotFittedError']));
    expect([...ops].sort()).toEqual(['decisionFunction', 'dispose', 'fit', 'partialFit', 'predict', 'predictLogProba', 'predictProba', 'roundTrip', 'score']);
  });
});
