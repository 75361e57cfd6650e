import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RandomState } from '../../src/datasets/random-state.js';
import { KFold } from '../../src/model-selection/k-fold.js';
import { StratifiedKFold } from '../../src/model-selection/stratified-k-fold.js';
import type { Fold } from '../../src/model-selection/fold.js';

interface SplitCase {
  kind: 'KFold' | 'StratifiedKFold';
  options: { nSplits: number; shuffle: boolean; randomState?: number };
  n: number;
  y?: (number | string | boolean)[];
  testIndex: number[][];
  repeat?: boolean;
  secondTestIndex?: number[][];
  warning?: string[];
}

const all = JSON.parse(readFileSync(new URL('../fixtures/splits.json', import.meta.url), 'utf8')) as {
  cases: { kind: string }[];
};
/** The k-fold cases; GroupKFold's are read by group-k-fold.test.ts. */
const fixture = { cases: all.cases.filter((c): c is SplitCase => c.kind === 'KFold' || c.kind === 'StratifiedKFold') };

function label(c: SplitCase): string {
  const { nSplits, shuffle, randomState } = c.options;
  const labels = c.y === undefined ? '' : `, ${new Set(c.y).size} classes of ${typeof c.y[0]}`;
  return `${c.kind} n=${c.n} nSplits=${nSplits} shuffle=${shuffle} randomState=${randomState ?? 'null'}${c.repeat ? ' (shared RandomState)' : ''}${labels}`;
}

/** The ascending indices of 0 … n − 1 not in `test`: what scikit-learn's train fold is. */
function complement(n: number, test: number[]): number[] {
  const inTest = new Set(test);
  return Array.from({ length: n }, (_, i) => i).filter((i) => !inTest.has(i));
}

function expectFolds(folds: Fold[], n: number, expected: number[][]): void {
  expect(folds.map((f) => Array.from(f.testIndex))).toEqual(expected);
  expect(folds.map((f) => Array.from(f.trainIndex))).toEqual(expected.map((test) => complement(n, test)));
}

describe('the folds equal scikit-learn 1.2.1 for every fixture case', () => {
  it.each(fixture.cases.map((c) => [label(c), c] as const))('%s', (_, c) => {
    const warnings: string[] = [];
    const repeat = c.repeat === true;
    const randomState = repeat ? new RandomState(c.options.randomState!) : c.options.randomState;
    const options = { ...c.options, randomState };
    const splitter =
      c.kind === 'KFold'
        ? new KFold(options)
        : new StratifiedKFold({ ...options, onWarning: (message) => warnings.push(message) });
    const split = (): Fold[] => (splitter instanceof KFold ? splitter.split(c.n) : splitter.split(c.n, c.y!));
    expectFolds(split(), c.n, c.testIndex);
    if (repeat) expectFolds(split(), c.n, c.secondTestIndex!);
    else expectFolds(split(), c.n, c.testIndex);
    expect(warnings.length > 0).toBe(c.warning !== undefined);
  });
});

describe('the warning for a class with fewer members than folds', () => {
  it('says what scikit-learn says, in camelCase and prefixed by the method', () => {
    const c = fixture.cases.find((k) => k.warning !== undefined)!;
    const warnings: string[] = [];
    new StratifiedKFold({ ...c.options, onWarning: (m) => warnings.push(m) }).split(c.n, c.y!);
    const [, fewest, nSplits] = /only (\d+) members, which is less than n_splits=(\d+)/.exec(c.warning![0]!)!;
    expect(warnings).toEqual([
      `StratifiedKFold.split: the least populated class in y has only ${fewest} members, which is less than nSplits = ${nSplits}`,
    ]);
  });
});
