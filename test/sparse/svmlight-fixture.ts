import { readFileSync } from 'node:fs';
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

export interface DumpCase {
  name: string;
  X: { rows: number; cols: number; indptr: number[]; indices: number[]; values: FixtureFloat[] };
  y: FixtureFloat[];
  zeroBased: boolean;
  comment?: string;
  queryId?: number[];
  text: string;
}

/** test/fixtures/svmlight/expected.json, written by tools/make_svmlight_fixtures.py from scikit-learn 1.2.1. */
export const fixture = JSON.parse(readFileSync(new URL('../fixtures/svmlight/expected.json', import.meta.url), 'utf8')) as {
  parse: { name: string; file: string; results: ParseResult[] }[];
  dumps: DumpCase[];
};

/** The text of one fixture file, read as UTF-8 with line endings as stored. */
export function fixtureText(file: string): string {
  return readFileSync(new URL(`../fixtures/svmlight/${file}`, import.meta.url), 'utf8');
}

export function floats(values: readonly FixtureFloat[]): number[] {
  return values.map((v) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v));
}
