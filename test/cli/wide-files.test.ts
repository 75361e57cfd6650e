// A header of 100,000 columns: every column is found through one Map of the header, so
// train, train --stream and predict cost time linear in the header's width.
// A table too large to allocate (an ID column one-hot encoded) is refused with its size.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvChunk } from '../../src/cli/csv.js';
import { columnIndices } from '../../src/cli/preprocess.js';
import { cli, scratch } from './helpers.js';

const tmp = scratch();
const COLUMNS = 100_000;
const ROWS = 30;
let data: string;

beforeAll(() => {
  // Feature f0 decides the class; the rest are small integers.
  const header = Array.from({ length: COLUMNS }, (_, j) => `f${j}`).join(',');
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const cells = Array.from({ length: COLUMNS }, (_, j) => (j === 0 ? (i % 2) * 4 : (i * 7 + j) % 10));
    return `${cells.join(',')},${i % 2}`;
  });
  data = tmp.file('wide.csv', `${header},y\n${rows.join('\n')}\n`);
});
afterAll(() => tmp.remove());

describe('column lookup', () => {
  it('looks found columns up in the header Map without scanning the header', () => {
    const names = ['c', 'a', 'b'];
    // A header that throws when read: only a failed lookup (which lists columns) may read it.
    const header = new Proxy(names, { get: () => { throw new Error('the header was scanned'); } });
    const table: Pick<CsvChunk, 'header' | 'columns'> = { header, columns: new Map(names.map((n, j) => [n, j])) };
    expect(columnIndices('t.csv', table, ['a', 'b', 'c'], 'feature')).toEqual([1, 2, 0]);
  });
});

describe(`a file of ${ROWS} rows × ${COLUMNS.toLocaleString('en')} columns`, () => {
  const model = () => tmp.path('wide.json');

  it('train fits every column and saves the model', async () => {
    const r = await cli(['train', data, '--target', 'y', '--test-size', '0', '--max-iter', '5', '--json', '--quiet', '--out', model()]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.data.features).toHaveLength(COLUMNS);
    expect(report.data.features[COLUMNS - 1]).toBe(`f${COLUMNS - 1}`);
    expect(JSON.parse(readFileSync(model(), 'utf8')).preprocessing.features).toHaveLength(COLUMNS);
  });

  it('predict reads the wide file with that model', async () => {
    const r = await cli(['predict', model(), data]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(ROWS + 1);
  });

  it('train --stream reads it too', async () => {
    const r = await cli(['train', data, '--target', 'y', '--stream', '--epochs', '1', '--test-size', '0', '--json', '--quiet']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).data.features).toHaveLength(COLUMNS);
  });
});

describe('a table too large to hold', () => {
  it('is refused in one line giving its size and the one-hot column that made it wide', async () => {
    // 70,000 distinct IDs one-hot encoded: 70,000 × 70,001 values, past any typed array.
    const rows = Array.from({ length: 70_000 }, (_, i) => `u${i},${i % 7},${i % 2}`);
    const file = tmp.file('ids.csv', `id,x,y\n${rows.join('\n')}\n`);
    const r = await cli(['train', file, '--target', 'y', '--one-hot', 'id', '--test-size', '0', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ids\.csv: 70000 rows × 70001 features \(--one-hot 'id' alone gives 70000 columns\) is 36\.5 GiB of float64, more than can be held in memory\n$/);
  });
});
