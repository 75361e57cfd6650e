// Which columns train learns from, one rule for train and train --stream: --features and
// --one-hot are checked against the target and each other the same way on both paths,
// with the same exit codes (2 for a contradictory command line, 1 for a column the file
// lacks), and one-hot categories are ordered as numpy orders them.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratch, type CliResult } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

const DATA = tmp.file(
  'data.csv',
  `a,b,colour,y\n${Array.from({ length: 30 }, (_, i) => `${i % 7},${(i * 3) % 5},${['red', 'blue', 'green'][i % 3]},${i % 2}`).join('\n')}\n`,
);

function usageError(r: CliResult, message: string): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n')[0]).toBe(`logreg-wasm: ${message}`);
  expect(r.stderr).toMatch(/Usage: logreg-wasm train/);
}

for (const stream of [false, true]) {
  const how = stream ? 'train --stream' : 'train';
  const train = (...args: string[]) => cli(['train', DATA, '--target', 'y', '--quiet', ...(stream ? ['--stream'] : []), ...args]);

  describe(`${how} checks --features and --one-hot`, () => {
    it('refuses --features that include the target (it would be learnt from itself)', async () => {
      usageError(await train('--features', 'a,b,y'), "--features must not include the target column 'y'");
    });

    it('refuses --features that name a column twice', async () => {
      usageError(await train('--features', 'a,b,a'), "--features names the column 'a' twice");
    });

    it('refuses a --one-hot column left out of --features as a usage error (exit 2)', async () => {
      usageError(await train('--features', 'a,b', '--one-hot', 'colour'), "--one-hot column 'colour' is not among the features");
    });

    it('refuses --one-hot of the target column as a usage error naming it as the target', async () => {
      usageError(await train('--one-hot', 'y'), "--one-hot column 'y' is the target, not a feature");
    });

    it('names a --one-hot column the file does not have (exit 1)', async () => {
      const r = await train('--features', 'a,b', '--one-hot', 'shape');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^logreg-wasm: .*data\.csv: no one-hot column 'shape'; the columns are 'a', 'b', 'colour', 'y'\n$/);
    });

    it('orders one-hot categories by code point, as numpy (U+FFFF before an emoji)', async () => {
      const out = tmp.path(`astral-${stream}.json`);
      const rows = Array.from({ length: 20 }, (_, i) => `${i % 4},${i % 2 === 0 ? '\u{1F600}' : '\uFFFF'},${(i >> 1) % 2}`);
      const file = tmp.file(`astral-${stream}.csv`, `x,c,y\n${rows.join('\n')}\n`);
      const r = await cli(['train', file, '--target', 'y', '--one-hot', 'c', '--test-size', '0', '--quiet', '--out', out, ...(stream ? ['--stream'] : [])]);
      expect(r.code).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8')).preprocessing.oneHot).toEqual({ c: ['\uFFFF', '\u{1F600}'] });
    });
  });
}

describe('column lists (--features, --one-hot) are read as one CSV record', () => {
  const file = tmp.file('comma-names.csv', `"Income, USD";"Region, code";age;y\n${Array.from({ length: 24 }, (_, i) => `${i * 10};${['n', 's'][i % 2]};${i % 5};${(i >> 1) % 2}`).join('\n')}\n`);

  it('a name with a comma is given in double quotes', async () => {
    const out = tmp.path('comma-names.json');
    const r = await cli(['train', file, '--target', 'y', '--features', '"Income, USD","Region, code"', '--one-hot', '"Region, code"', '--test-size', '0', '--quiet', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const p = JSON.parse(readFileSync(out, 'utf8')).preprocessing;
    expect(p.features).toEqual(['Income, USD', 'Region, code']);
    expect(p.oneHot).toEqual({ 'Region, code': ['n', 's'] });
  });

  it('an unclosed quote is a usage error naming the flag', async () => {
    usageError(await cli(['train', file, '--target', 'y', '--features', '"Income, USD']), `--features: the quote opened in '"Income, USD' is not closed`);
  });
});
