import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SvmlightOptions } from '../../src/sparse/svmlight.js';

/** A float as the fixture writes it: non-finite values as "nan", "inf", "-inf". */
export type FixtureFloat = number | 'nan' | 'inf' | '-inf';

export interface ParseResult {
  options: Required<Pick<SvmlightOptions, 'zeroBased' | 'queryId'>> & { nFeatures?: number };
  rows?: number;
  cols?: number;
  indptr?: number[];
  indices?: number[];
  values?: FixtureFloat[];
  y?: FixtureFloat[];
  qid?: number[] | null;
  error?: { type: string; message: string };
}

/** CSR arrays, labels and query ids as load_svmlight_file returns them. */
export interface Loaded {
  rows: number;
  cols: number;
  indptr: number[];
  indices: number[];
  values: FixtureFloat[];
  y: FixtureFloat[];
  qid: number[] | null;
}

export interface DumpCase {
  name: string;
  X: { rows: number; cols: number; indptr: number[]; indices: number[]; values: FixtureFloat[] };
  y: FixtureFloat[];
  zeroBased: boolean;
  comment?: string;
  queryId?: number[];
  text: string;
  /** What load_svmlight_file reads from `text` (with this case's zeroBased, nFeatures = X.cols and queryId). */
  readBack: Loaded;
}

/** A gzipped fixture file and what load_svmlight_file(path, query_id=True) reads from it. */
export interface GzipCase extends Loaded {
  name: string;
  file: string;
}

/** test/fixtures/svmlight/expected.json, written by tools/make_svmlight_fixtures.py from scikit-learn 1.2.1. */
export const fixture = JSON.parse(readFileSync(new URL('../fixtures/svmlight/expected.json', import.meta.url), 'utf8')) as {
  parse: { name: string; file: string; results: ParseResult[] }[];
  dumps: DumpCase[];
  gzip: GzipCase[];
};

/** The path of a fixture file. */
export function fixturePath(file: string): string {
  return fileURLToPath(new URL(`../fixtures/svmlight/${file}`, import.meta.url));
}

/** The text of one fixture file, read as UTF-8 with line endings as stored. */
export function fixtureText(file: string): string {
  return readFileSync(new URL(`../fixtures/svmlight/${file}`, import.meta.url), 'utf8');
}

export function floats(values: readonly FixtureFloat[]): number[] {
  return values.map((v) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v));
}
