// Text from the user's files reaches the terminal and spreadsheets: messages quote it
// with control characters escaped and long cells cut, and the predictions CSV keeps a
// spreadsheet from running a label as a formula.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

const ESC = '\u001b';
// Any control character (C0, DEL, C1) or bidirectional override in output is a defect.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('a huge cell in a message', () => {
  it('is cut to a short quote that says how long it was', async () => {
    const huge = 'x'.repeat(5_000_000);
    const r = await cli(['train', tmp.file('huge.csv', `a,y\n1,0\n${huge},1\n`), '--target', 'y', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^logreg-wasm: .*huge\.csv: row 3, column 'a' \(1\): "x{60}…" \(5000000 characters\) is not a number/);
    expect(r.stderr.length).toBeLessThan(400);
  });

  it('a huge column name is cut too', async () => {
    const name = 'n'.repeat(1_000_000);
    const r = await cli(['train', tmp.file('name.csv', `${name},y\n1,0\n2,1\n`), '--target', 'label', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("'nnnnnnnnnn");
    expect(r.stderr).toContain('(1000000 characters)');
    expect(r.stderr.length).toBeLessThan(600);
  });
});

describe('control characters from the data', () => {
  it('in a column name are escaped in an error message', async () => {
    const r = await cli(['train', tmp.file('ansi.csv', `"a${ESC}[31m",y\n1,0\n2,1\n`), '--target', 'z', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).toContain("the columns are 'a\\x1b[31m', 'y'");
  });

  it('in a cell are escaped in an error message', async () => {
    const r = await cli(['train', tmp.file('cell.csv', `a,y\n1,0\n"${ESC}]0;owned\u0007\u009b2J",1\n`), '--target', 'y', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).toContain('"\\x1b]0;owned\\x07\\x9b2J" is not a number');
  });

  it('in a label are escaped in the text report', async () => {
    const labels = [`red${ESC}[2J`, 'blue\u202egreen'];
    const rows = Array.from({ length: 12 }, (_, i) => `${i % 2},"${labels[i % 2]}"`).join('\n');
    const r = await cli(['train', tmp.file('labels.csv', `x,y\n${rows}\n`), '--target', 'y', '--test-size', '0', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('red\\x1b[2J 6');
    expect(r.stdout).toContain('blue\\u202egreen 6');
  });

  it('in a label are escaped in the --json report, which still reads back as the label', async () => {
    const labels = [`red${ESC}[2J`, 'blue\u009b2Jgreen\u202e'];
    const rows = Array.from({ length: 12 }, (_, i) => `${i % 2},"${labels[i % 2]}"`).join('\n');
    const r = await cli(['train', tmp.file('labels-json.csv', `x,y\n${rows}\n`), '--target', 'y', '--test-size', '0', '--json', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(r.stdout).classes).toEqual([...labels].sort());
  });

  it('in a label are escaped when evaluate names an unknown label', async () => {
    const model = tmp.path('m.json');
    await cli(['train', tmp.file('ok.csv', 'x,y\n0,a\n1,b\n0,a\n1,b\n'), '--target', 'y', '--test-size', '0', '--quiet', '--out', model]);
    const r = await cli(['evaluate', model, tmp.file('bad.csv', `x,y\n0,"c${ESC}[8m"\n`)]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).toContain('label "c\\x1b[8m" is not one of the model\'s classes');
  });
});

describe('the predictions CSV', () => {
  const labels = ['=HYPERLINK("http://x","y")', '+cmd', '-2+3', '@SUM(A1)'];
  const rows = Array.from({ length: 16 }, (_, i) => `${i % 4},"${(labels[i % 4] as string).replaceAll('"', '""')}"`).join('\n');
  const data = () => tmp.file('formulas.csv', `x,y\n${rows}\n`);

  async function predictions(extra: string[]): Promise<string[]> {
    const model = tmp.path('formulas.json');
    const t = await cli(['train', data(), '--target', 'y', '--one-hot', 'x', '--test-size', '0', '--C', '100', '--quiet', '--out', model]);
    expect(t.code).toBe(0);
    const out = tmp.path('preds.csv');
    const p = await cli(['predict', model, tmp.file('new.csv', 'x\n0\n1\n2\n3\n'), '--out', out, ...extra]);
    expect(p.code).toBe(0);
    return readFileSync(out, 'utf8').trimEnd().split('\n');
  }

  it('puts a quote before text cells a spreadsheet would run as formulas', async () => {
    expect(await predictions([])).toEqual(['y', '"\'=HYPERLINK(""http://x"",""y"")"', "'+cmd", "'-2+3", "'@SUM(A1)"]);
  });

  it('writes them as they are with --raw-cells', async () => {
    expect(await predictions(['--raw-cells'])).toEqual(['y', '"=HYPERLINK(""http://x"",""y"")"', '+cmd', '-2+3', '@SUM(A1)']);
  });

  it('leaves numeric labels such as -1 as numbers', async () => {
    const model = tmp.path('signed.json');
    await cli(['train', tmp.file('signed.csv', 'x,y\n0,-1\n1,1\n0,-1\n1,1\n'), '--target', 'y', '--test-size', '0', '--C', '100', '--quiet', '--out', model]);
    const p = await cli(['predict', model, tmp.file('s.csv', 'x\n0\n1\n')]);
    expect(p.stdout).toBe('y\n-1\n1\n');
  });

  it('neutralises a target column name that starts with =', async () => {
    const model = tmp.path('header.json');
    await cli(['train', tmp.file('header.csv', '"=cmd",x\n0,0\n1,1\n0,0\n1,1\n'), '--target', '=cmd', '--test-size', '0', '--quiet', '--out', model]);
    const p = await cli(['predict', model, tmp.file('h.csv', 'x\n0\n')]);
    expect(p.stdout.split('\n')[0]).toBe("'=cmd");
  });

  it('predict --help documents the neutralising and --raw-cells', async () => {
    const r = await cli(['predict', '--help']);
    expect(r.stdout).toContain('--raw-cells');
    expect(r.stdout).toMatch(/starts with =, \+, -, @, tab or carriage return/);
  });
});
