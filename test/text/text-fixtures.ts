/**
 * Helpers of the text tests: the scikit-learn fixtures of test/fixtures/text/ and their
 * shapes, a CsrMatrix's arrays as plain numbers (as the fixtures store them), and
 * comparison to a number of units in the last place.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Dtype } from '../../src/matrix.js';
import type { CsrMatrix } from '../../src/sparse/csr-matrix.js';

/** CSR arrays as plain numbers, as the fixtures write scipy's `indptr`, `indices`, `data`. */
export interface Csr {
  indptr: number[];
  indices: number[];
  values: number[];
}

/** A count matrix as the fixtures store it. */
export interface Counts extends Csr {
  rows: number;
  cols: number;
}

/**
 * One fitted vocabulary of a fixture: the options, scikit-learn's feature names, CSR
 * arrays and transform of unseen documents, or the ValueError it raised.
 */
export interface VocabularyCase<O> extends Partial<Csr> {
  options: O;
  featureNames?: string[];
  unseen?: Csr;
  error?: string;
}

/** test/fixtures/text/count.json (tools/make_count_fixtures.py), its cases' options of type `O`. */
export interface CountFixture<O> {
  docs: string[];
  unseenDocs: string[];
  cases: VocabularyCase<O>[];
  tieDocs: string[];
  tieCases: VocabularyCase<O>[];
  stopWordsOnly: VocabularyCase<O>;
  argsort: { keys: number[]; order: number[] }[];
  surrogateOrder: VocabularyCase<O> & { docs: string[] };
  vectorizerDocs: string[];
  vectorizerUnseenDocs: string[];
  vectorizerCases: VocabularyCase<O>[];
}

/** test/fixtures/text/`name`, parsed. */
export function readTextFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/text/${name}`, import.meta.url), 'utf8')) as T;
}

/** The arrays of `X` (canonical, explicit zeros kept); disposes X when `dispose` is set. */
export function arraysOf(X: CsrMatrix<Dtype>, dispose = true): Csr {
  try {
    const { indptr, indices, values } = X.toData();
    return { indptr: Array.from(indptr), indices: Array.from(indices), values: Array.from(values) };
  } finally {
    if (dispose) X.dispose();
  }
}

/** Distance in units in the last place between two doubles of the same sign. */
export function ulps(a: number, b: number): number {
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  return Number(bits[0]! > bits[1]! ? bits[0]! - bits[1]! : bits[1]! - bits[0]!);
}

/** Every actual[k] within `maxUlps` of expected[k], and as many of them. */
export function expectUlps(actual: ArrayLike<number>, expected: readonly number[], maxUlps: number): void {
  expect(actual.length).toBe(expected.length);
  const worst = expected.reduce((most, e, k) => Math.max(most, ulps(actual[k]!, e)), 0);
  expect(worst).toBeLessThanOrEqual(maxUlps);
}

/**
 * How far tf-idf values may be from scikit-learn's: numpy's vectorised log (on AVX-512) and
 * Math.log each err by under 1 ulp, so an idf differs by at most 1 ulp; a value multiplies
 * that by ln(v) + 1 (a second logarithm with sublinearTf) and is divided by the row's norm,
 * a sum over the row of such products, so the differences add up. In the fixtures most
 * values are equal or 1 ulp apart and the worst is 5 ulps, in 1 of 2,031 values (sublinear
 * character n-grams, rows of about a hundred entries). Without a logarithm (no idf, no
 * sublinearTf) values are bit-identical.
 */
export const IDF_ULPS = 1;
/** See {@link IDF_ULPS}. */
export const VALUE_ULPS = 6;
