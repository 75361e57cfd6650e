// How target cells become classes: one rule for train and train --stream (numbers are
// numbers, so 1 and 1.0 are one class, as are -0 and 0), and targets that are not class
// labels at all (a measurement, an ID) refused with a short message saying so; evaluate
// reads labels as the kind of the model's classes.
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

/** A file whose target cells are `labels` in turn, x separating the two halves of the labels. */
function csv(labels: readonly string[], rows = 24): string {
  const lines = Array.from({ length: rows }, (_, i) => {
    const k = i % labels.length;
    return `${k < labels.length / 2 ? i % 3 : 5 + (i % 3)},${labels[k]}`;
  });
  return `x,y\n${lines.join('\n')}\n`;
}

async function classesOf(file: string, stream: boolean): Promise<{ classes: unknown[]; counts: number[] }> {
  const r = await cli(['train', file, '--target', 'y', '--test-size', '0', '--json', '--quiet', ...(stream ? ['--stream'] : [])]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const { classes, counts } = JSON.parse(r.stdout);
  return { classes, counts };
}

describe('train and train --stream read target cells as the same classes', () => {
  it('1 and 1.0 (and 0 and 0.0) are one class each', async () => {
    const file = tmp.file('ones.csv', csv(['0', '0.0', '1', '1.0']));
    const expected = { classes: [0, 1], counts: [12, 12] };
    expect(await classesOf(file, false)).toEqual(expected);
    expect(await classesOf(file, true)).toEqual(expected);
  });

  it('-0 and 0 are one class', async () => {
    const file = tmp.file('zeros.csv', csv(['-0', '0', '1', '1']));
    const expected = { classes: [0, 1], counts: [12, 12] };
    expect(await classesOf(file, false)).toEqual(expected);
    expect(await classesOf(file, true)).toEqual(expected);
  });

  it('a column with any text cell is text in both (1 and 1.0 are then two labels)', async () => {
    const file = tmp.file('text.csv', csv(['1', '1.0', 'b', 'b']));
    const expected = { classes: ['1', '1.0', 'b'], counts: [6, 6, 12] };
    expect(await classesOf(file, false)).toEqual(expected);
    expect(await classesOf(file, true)).toEqual(expected);
  });

  it('text labels are in code-point order in both (an emoji after U+FFFF, as numpy sorts them)', async () => {
    // By UTF-16 units the emoji's lead surrogate (0xD83D) would come before U+FFFF.
    const file = tmp.file('astral.csv', csv(['\u{1F600}', '\u{1F600}', '\uFFFF', '\uFFFF']));
    const expected = { classes: ['\uFFFF', '\u{1F600}'], counts: [12, 12] };
    expect(await classesOf(file, false)).toEqual(expected);
    expect(await classesOf(file, true)).toEqual(expected);
  });

  it('hexadecimal-looking cells are text, as they are in feature columns', async () => {
    const file = tmp.file('hex.csv', csv(['0x1', '0x1', '2', '2']));
    expect((await classesOf(file, false)).classes).toEqual(['0x1', '2']);
    expect((await classesOf(file, true)).classes).toEqual(['0x1', '2']);
  });
});

describe('targets that are not class labels', () => {
  for (const stream of [false, true]) {
    const how = stream ? 'train --stream' : 'train';

    it(`${how} refuses non-integer numbers as a continuous column`, async () => {
      const file = tmp.file(`continuous-${stream}.csv`, csv(['0.5', '1.25', '2', '3.75']));
      const r = await cli(['train', file, '--target', 'y', '--quiet', ...(stream ? ['--stream'] : [])]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/column 'y' \(2\) holds non-integer numbers \(such as [\d.]+\): it looks like a continuous column/);
    });

    it(`${how} refuses a column of distinct values as an ID column, in one short line`, async () => {
      const ids = Array.from({ length: 5000 }, (_, i) => `id-${i}`);
      const file = tmp.file(`ids-${stream}.csv`, csv(ids, 5000));
      const r = await cli(['train', file, '--target', 'y', '--quiet', ...(stream ? ['--stream'] : [])]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/column 'y' \(2\) has 5000 distinct values in 5000 rows, one per row: it looks like an ID or a continuous column/);
      expect(r.stderr).toMatch(/up to 100 classes; raise the limit with --max-classes N\)\n$/);
      expect(r.stderr.length).toBeLessThan(400);
    });
  }

  it('--max-classes raises the limit', async () => {
    const labels = Array.from({ length: 120 }, (_, i) => String(i));
    const file = tmp.file('many.csv', csv(labels, 240));
    expect((await cli(['train', file, '--target', 'y', '--test-size', '0', '--quiet'])).code).toBe(1);
    const r = await cli(['train', file, '--target', 'y', '--test-size', '0', '--max-iter', '5', '--max-classes', '120', '--json', '--quiet']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).classes).toHaveLength(120);
  });

  it('--max-classes takes an integer of at least 2', async () => {
    const r = await cli(['train', tmp.file('m.csv', csv(['0', '1'])), '--target', 'y', '--max-classes', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^logreg-wasm: --max-classes: expected an integer ≥ 2, got '1'/);
  });
});

describe("evaluate reads labels as the kind of the model's classes", () => {
  it("a text class that looks like a number ('1.0') is matched in a file whose labels are all numbers", async () => {
    const model = tmp.path('text-classes.json');
    const t = await cli(['train', tmp.file('text-classes.csv', csv(['1.0', 'b'])), '--target', 'y', '--test-size', '0', '--quiet', '--out', model]);
    expect(t.code).toBe(0);
    const r = await cli(['evaluate', model, tmp.file('numeric-labels.csv', 'x,y\n1,1.0\n2,1.0\n'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).counts).toEqual([2, 0]);
  });

  it('with number classes, the text cell among numbers is the one named as not a class', async () => {
    const model = tmp.path('number-classes.json');
    expect((await cli(['train', tmp.file('number-classes.csv', csv(['0', '1'])), '--target', 'y', '--test-size', '0', '--quiet', '--out', model])).code).toBe(0);
    const r = await cli(['evaluate', model, tmp.file('one-text.csv', 'x,y\n1,0\n2,1.0\n3,maybe\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/one-text\.csv: row 4, column 'y' \(2\): label "maybe" is not one of the model's classes \(0, 1\)\n$/);
  });
});
